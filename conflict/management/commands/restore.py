from django.core.management.base import BaseCommand

from conflict import backups


class Command(BaseCommand):
    help = "Replace the database's content with a backup (.dump: pg_restore; .json: migrate, flush, loaddata)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        backups.restore(path)
        self.stdout.write(f"Restored {path}")
