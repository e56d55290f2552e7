from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from corpus.loader import CorpusError, load_corpus


class Command(BaseCommand):
    help = "Load the curated articles, gazetteer and citations from fixtures/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=settings.CORPUS_DIR, help="Where the fixtures are.")

    def handle(self, *args, directory, verbosity, **options):
        def progress(files):
            return tqdm(files, desc="articles", unit="file", disable=verbosity < 1, file=self.stderr)

        try:
            counts = load_corpus(directory, progress)
        except CorpusError as error:
            raise CommandError(f"The corpus did not load; nothing was changed.\n{error}") from None
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded: {summary}"))
