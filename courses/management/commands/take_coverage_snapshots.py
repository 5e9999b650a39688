from django.core.management.base import BaseCommand

from courses.tasks import take_coverage_snapshots


class Command(BaseCommand):
    help = (
        "Queue the quarterly coverage snapshot (run daily, e.g. from cron): stores the "
        "figures of every closed quarter that has none yet, for the Board report."
    )

    def handle(self, *args, **options):
        result = take_coverage_snapshots.enqueue()
        self.stdout.write(f"Queued coverage snapshots as task {result.id} ({result.status}).")
