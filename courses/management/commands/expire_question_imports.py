"""Delete the files of question imports nobody confirmed within the limit (run daily)."""

from django.core.management.base import BaseCommand

from courses.services.question_bank import expire_unconfirmed_imports


class Command(BaseCommand):
    help = "Delete the uploaded files and previews of question imports nobody confirmed."

    def handle(self, *args, **options):
        expired = expire_unconfirmed_imports()
        self.stdout.write(f"Expired {expired} unconfirmed question import(s).")
