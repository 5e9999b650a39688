"""Background work of the courses app: the daily jobs (queued by their management
commands) and the question bank import (queued by the admin's upload and confirm steps)."""

from django_tasks import task

from .services.question_bank import index_imported_questions, run_import, run_parse
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


@task()
def parse_question_import(question_import_id: int) -> str:
    """Read an uploaded question bank (queued by the upload): ready for the uploader to
    check in the preview, or failed with every problem found. Returns the new status."""
    return run_parse(question_import_id)


@task()
def import_question_import(question_import_id: int, user_id: int | None) -> str:
    """Import a previewed question bank once its uploader confirms it: all its questions in
    one transaction, or none. Returns the new status."""
    return run_import(question_import_id, user_id)


@task()
def index_questions(question_ids: list[int]) -> int:
    """Add imported questions to the search index and the reference index (which records
    the images and documents their texts use), once for the whole import. Returns how many."""
    return index_imported_questions(question_ids)
