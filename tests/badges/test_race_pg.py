"""Two requests allocating status list entries at the same moment (PostgreSQL).

``badges.services.status_entry`` relies on the unique certificate and index columns: the
loser of a race gets an IntegrityError in its savepoint and looks again, so a certificate
never holds two positions and two certificates never share one.
"""

import threading

import pytest
from django.db import connection, connections

from badges import services
from badges.models import StatusEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def race(certificates):
    barrier = threading.Barrier(len(certificates))
    results, errors = [], []

    def worker(certificate):
        try:
            barrier.wait()
            results.append(services.status_entry(certificate))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(c,)) for c in certificates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_one_certificate_asked_for_twice_at_once_gets_one_entry(certificate):
    entries = race([certificate, certificate, certificate])
    assert len({entry.pk for entry in entries}) == 1
    assert StatusEntry.objects.filter(certificate=certificate).count() == 1


def test_two_certificates_drawing_the_same_index_get_different_ones(
    certificate, holder, catalogue, complete_module, monkeypatch
):
    from courses.factories import module_with_lessons

    other = complete_module(holder, module_with_lessons(catalogue, count=1)).certificate
    draws = iter([5, 5, 6, 6])
    lock = threading.Lock()

    def randbelow(_n):
        with lock:
            return next(draws)

    monkeypatch.setattr(services.secrets, "randbelow", randbelow)
    entries = race([certificate, other])
    assert sorted(entry.index for entry in entries) == [5, 6]
