from django.core.management.base import BaseCommand

from courses.tasks import send_required_training_reminders


class Command(BaseCommand):
    help = (
        "Queue the required-training reminders: overdue reminders to learners, and on the "
        "1st of the month a summary notice to agency leads (run daily, e.g. from cron)."
    )

    def handle(self, *args, **options):
        result = send_required_training_reminders.enqueue()
        self.stdout.write(
            f"Queued required-training reminders as task {result.id} ({result.status})."
        )
