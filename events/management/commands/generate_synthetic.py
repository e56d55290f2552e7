from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from events.synthetic import generate


class Command(BaseCommand):
    help = "Fill an empty database with a deterministic synthetic corpus shaped like the curated one (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--incidents", type=int, required=True, help="How many incidents.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same rows.")

    def handle(self, *args, incidents, seed, verbosity, **options):
        with tqdm(total=incidents, desc="incidents", unit="", disable=verbosity < 1, file=self.stderr) as bar:
            try:
                counts = generate(incidents, seed, progress=bar.update)
            except ValueError as error:
                raise CommandError(str(error)) from None
        summary = ", ".join(f"{count} {model.__name__}" for model, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated: {summary}"))
