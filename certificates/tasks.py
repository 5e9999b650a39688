from django_tasks import task

from .reminders import send_due_reminders


@task()
def send_certificate_reminders() -> int:
    """Run daily (see ``manage.py send_certificate_reminders``)."""
    return send_due_reminders()
