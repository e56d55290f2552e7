from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from corpus.loader import CorpusError, load_corpus


class Command(BaseCommand):
    help = (
        "Load the curated articles, gazetteer and citations from fixtures/: adds what is missing, updates "
        "rows nobody has changed since they were loaded, and lists the rows a person changed, left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=settings.CORPUS_DIR, help="Where the fixtures are.")

    def handle(self, *args, directory, verbosity, **options):
        def progress(files):
            return tqdm(files, desc="articles", unit="file", disable=verbosity < 1, file=self.stderr)

        try:
            result = load_corpus(directory, progress)
        except CorpusError as error:
            raise CommandError(f"The corpus did not load; nothing was changed.\n{error}") from None
        if result.left_alone:
            self.stdout.write(
                self.style.WARNING(
                    f"Left alone, because a person changed them in the database since they were loaded "
                    f"({len(result.left_alone)}):"
                )
            )
            for item in result.left_alone:
                self.stdout.write(f"  {item}")
        summary = ", ".join(f"{count} {name}" for name, count in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded: {summary}"))
