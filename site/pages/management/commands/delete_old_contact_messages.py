"""Delete Contact page messages older than CONTACT_MESSAGE_RETENTION_DAYS (run daily)."""

from django.core.management.base import BaseCommand

from pages.services import delete_old_contact_messages


class Command(BaseCommand):
    help = "Delete messages from the Contact page older than the retention period."

    def handle(self, *args, **options):
        deleted = delete_old_contact_messages()
        self.stdout.write(f"Deleted {deleted} contact message(s).")
