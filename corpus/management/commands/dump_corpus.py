from django.core.management.base import BaseCommand

from corpus.dumper import dump_corpus


class Command(BaseCommand):
    help = "Write the database back in the fixture format (docs/curation.md) under DIR, for review and commit."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write: fixtures/ to update the shipped corpus.")

    def handle(self, *args, directory, **options):
        written = dump_corpus(directory)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} files under {directory}."))
