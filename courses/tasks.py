"""Background work of the courses app, queued by the daily management commands."""

from django_tasks import task

from .services.requirements import send_required_training_reminders as send_reminders
from .services.snapshots import take_due_snapshots


@task()
def take_coverage_snapshots() -> int:
    """Run daily (see ``manage.py take_coverage_snapshots``): store the figures of every
    closed quarter that has no snapshot yet. Returns how many were stored."""
    return len(take_due_snapshots())


@task()
def send_required_training_reminders() -> dict[str, int]:
    """Run daily (see ``manage.py send_required_training_reminders``): overdue reminders
    about required training, and on the 1st of the month the agency leads' summary notice.
    The day is taken when the task runs (Europe/London)."""
    return send_reminders()
