"""Two workers sending at the same moment send each statement once (PostgreSQL: real
concurrent transactions; the claim is a compare-and-set update, see xapi.services)."""

import threading
import time
from collections import Counter

import pytest
from django.db import connection, connections
from django.utils import timezone

from accounts.factories import UserFactory
from xapi import client, services
from xapi.models import Statement
from xapi.statements import statement_id

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


@pytest.mark.parametrize("round_", range(3))
def test_two_workers_at_once_send_each_statement_once(round_, xapi_on, monkeypatch):
    user = UserFactory()
    for number in range(30):
        key = f"launched:enrolment:{round_}-{number}"
        Statement.objects.create(
            id=statement_id(key), key=key, user=user, verb="launched", payload={"id": key}
        )
    sent: list[str] = []
    lock = threading.Lock()

    def put(statement, session=None):
        time.sleep(0.005)
        with lock:
            sent.append(statement["id"])
        return client.Outcome(True)

    monkeypatch.setattr(client, "put_statement", put)
    now = timezone.now()
    barrier = threading.Barrier(2)
    errors = []

    def worker():
        try:
            barrier.wait()
            services.send_due(now)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(sent) == 30
    assert set(Counter(sent).values()) == {1}
    assert not Statement.objects.filter(sent_at__isnull=True).exists()
