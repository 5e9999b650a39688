"""Background work for training sessions (run by ``db_worker`` in production)."""

from django_tasks import task

from . import services


@task()
def expire_offers_task() -> int:
    """Expired offers go to the next person waiting. Queue it every few minutes
    (``manage.py expire_training_offers``)."""
    return services.expire_offers()


@task()
def send_reminders_task() -> int:
    """The week and day reminders that are due, each sent once. Queue it hourly
    (``manage.py send_training_session_reminders``)."""
    return services.send_reminders()
