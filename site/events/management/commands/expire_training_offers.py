from django.core.management.base import BaseCommand

from events.tasks import expire_offers_task


class Command(BaseCommand):
    help = (
        "Queue the expiry of training-place offers older than 48 hours (run every few "
        "minutes, e.g. from cron): each expired seat is offered to the next person waiting."
    )

    def handle(self, *args, **options):
        result = expire_offers_task.enqueue()
        self.stdout.write(f"Queued offer expiry as task {result.id} ({result.status}).")
