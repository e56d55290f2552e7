from django.core.management.base import BaseCommand

from conflict import backups


class Command(BaseCommand):
    help = "Back up the database: pg_dump on PostgreSQL, a natural-key JSON dump otherwise (or with --json)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="where to write it (default: backups/conflict-<time>.dump|json)")
        parser.add_argument("--json", action="store_true", help="a JSON dump even on PostgreSQL")

    def handle(self, path=None, json=False, **options):
        self.stdout.write(str(backups.backup(path, as_json=json)))
