from django.core.management.base import BaseCommand
from django_tasks import TaskResultStatus

from accounts.privacy import retention_years
from accounts.tasks import apply_retention_task


class Command(BaseCommand):
    help = (
        "Queue the erasure of people with no activity for TRAINING_RECORD_RETENTION_YEARS "
        "years (run daily, e.g. from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help="Override the retention period (default: the setting, 6 years).",
        )

    def handle(self, *args, years=None, **options):
        if years is not None and years < 1:
            self.stderr.write("--years must be at least 1.")
            return
        result = apply_retention_task.enqueue(years)
        period = years if years is not None else retention_years()
        self.stdout.write(
            f"Queued retention ({period} years) as task {result.id} ({result.status})."
        )
        if result.status == TaskResultStatus.SUCCESSFUL:
            counts = result.return_value
            self.stdout.write(
                f"Erased {counts['erased']} people; {counts['skipped']} kept for now."
            )
