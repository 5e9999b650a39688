"""``/health``: is this app server fit to take traffic? For load balancers and monitoring.

200 when the database answers; 503 when it does not (take this server out of rotation).
The task queue is reported but never fails the check: a stalled worker is an alert for
people, not a reason to stop serving pages. Nothing personal or secret is in the answer.
"""

import datetime
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("safecity.health")

# A task still waiting this long means no worker is taking tasks from the queue.
STALE_AFTER = datetime.timedelta(minutes=15)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return False


def task_queue_state() -> str:
    """'immediate' (tasks run in the request), 'ok', 'backlog' or 'unavailable'."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return "immediate" if "immediate" in backend else "unknown"
    from django_tasks_db.models import DBTaskResult

    try:
        stale = DBTaskResult.objects.ready().filter(enqueued_at__lt=timezone.now() - STALE_AFTER)
        return "backlog" if stale.exists() else "ok"
    except DatabaseError:
        return "unavailable"


@never_cache
@require_GET
def health(request):
    database = database_ok()
    body = {
        "status": "ok" if database else "unavailable",
        "database": "ok" if database else "unavailable",
        "tasks": task_queue_state() if database else "unknown",
    }
    return JsonResponse(body, status=200 if database else 503)
