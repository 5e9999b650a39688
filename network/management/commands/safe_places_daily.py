from django.core.management.base import BaseCommand

from network.tasks import safe_places_daily


class Command(BaseCommand):
    help = "Queue the Safe Places daily run: check reminders, lapsing, geocoding retries."

    def handle(self, *args, **options):
        result = safe_places_daily.enqueue()
        self.stdout.write(
            f"Queued the Safe Places daily run as task {result.id} ({result.status})."
        )
