from django.core.management.base import BaseCommand

from certificates.tasks import send_certificate_reminders


class Command(BaseCommand):
    help = "Queue the certificate expiry reminders (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        result = send_certificate_reminders.enqueue()
        self.stdout.write(f"Queued reminders as task {result.id} ({result.status}).")
