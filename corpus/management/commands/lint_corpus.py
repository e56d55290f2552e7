from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from corpus.lint import lint_directory


class Command(BaseCommand):
    help = "Lint the curated corpus in fixtures/: print each finding; fail when there is any."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=settings.CORPUS_DIR, help="Where the fixtures are.")

    def handle(self, *args, directory, **options):
        findings = lint_directory(directory)
        for finding in findings:
            self.stdout.write(str(finding))
        if findings:
            raise CommandError(
                f"{len(findings)} finding(s); fix them or list them with a reason in corpus/lint_exceptions.yaml."
            )
        self.stdout.write(self.style.SUCCESS("The corpus passes the lint."))
