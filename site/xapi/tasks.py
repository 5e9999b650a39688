"""Background sending of xAPI statements (django-tasks).

Queued after each statement is recorded (on commit). When a run leaves statements unsent
because a send failed, it queues one more run for the earliest retry (``run_after``) on
backends that can defer; ``manage.py send_xapi_statements`` (cron, every 5 minutes) sends
whatever is due whatever the queue holds, and picks up graded quiz attempts.
"""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def send_statements() -> dict:
    counts = services.send_due()
    if counts["failed"]:
        schedule_retry()
    return counts


def schedule_retry() -> bool:
    """Queue a run at the earliest retry time. False when the backend cannot defer (the
    immediate backend of development and tests: the cron command retries then)."""
    retry_at = services.next_retry_at()
    if retry_at is None or not send_statements.get_backend().supports_defer:
        return False
    send_statements.using(run_after=retry_at).enqueue()
    return True
