from django.core.management.base import BaseCommand

from events.tasks import send_reminders_task


class Command(BaseCommand):
    help = (
        "Queue the training session reminders (run hourly, e.g. from cron): 7 days and 1 day "
        "before each session, to the people booked and the trainer, each sent once."
    )

    def handle(self, *args, **options):
        result = send_reminders_task.enqueue()
        self.stdout.write(
            f"Queued training session reminders as task {result.id} ({result.status})."
        )
