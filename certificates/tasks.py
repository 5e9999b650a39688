from django_tasks import task

from .reminders import send_due_reminders
from .services import issue_missing_certificates


@task()
def send_certificate_reminders() -> int:
    """Run daily (see ``manage.py send_certificate_reminders``): first any certificates still
    owed for recent completions, then the expiry reminders."""
    issue_missing_certificates()
    return send_due_reminders()
