import json

from django.core.management.base import BaseCommand

from conflict import backups


class Command(BaseCommand):
    help = "Row count and content checksum of every backed-up table, as JSON: compare them after a restore."

    def handle(self, **options):
        self.stdout.write(json.dumps(backups.content_checksums(), indent=2, sort_keys=True))
