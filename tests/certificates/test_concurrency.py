"""200 certificates issued at once get 200 distinct numbers (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import issue_certificate
from courses.models import Enrolment

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_two_hundred_concurrent_issues_get_distinct_numbers(user_with_role, module):
    from accounts.factories import UserFactory

    learners = UserFactory.create_batch(200)
    now = timezone.now()
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=learner, module=module, completed_at=now) for learner in learners
    )
    barrier = threading.Barrier(20)
    errors = []
    chunks = [enrolments[i::20] for i in range(20)]

    def worker(chunk):
        try:
            barrier.wait()
            for enrolment in chunk:
                issue_certificate(enrolment)
                issue_certificate(enrolment)  # and again, as a retry would
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = list(Certificate.objects.values_list("number", flat=True))
    assert len(numbers) == 200
    assert len(set(numbers)) == 200
    sequence = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
    assert sequence == list(range(sequence[0], sequence[0] + 200))


def test_two_workers_sending_reminders_send_each_once(user_with_role, module):
    import datetime

    from django.core import mail

    from certificates.reminders import send_due_reminders

    now = timezone.now()
    learners = [user_with_role() for _ in range(8)]
    for learner in learners:
        enrolment = Enrolment.objects.create(user=learner, module=module, completed_at=now)
        certificate = issue_certificate(enrolment)
        Certificate.objects.filter(pk=certificate.pk).update(
            expires_at=now + datetime.timedelta(days=10)
        )
    barrier = threading.Barrier(3)
    sent, errors = [], []

    def worker():
        try:
            barrier.wait()
            sent.append(send_due_reminders())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(sent) == 8
    assert sorted(m.to[0] for m in mail.outbox) == sorted(learner.email for learner in learners)


def test_a_refresher_and_a_late_record_at_once_leave_one_certificate_in_force(
    user_with_role, module
):
    """Two workers issue for the same person and module at the same moment (a refresher
    completed online, a face-to-face session recorded late): one certificate in force, the
    newest, whichever commits first."""
    import datetime

    now = timezone.now()
    rounds = 6
    learners = [user_with_role() for _ in range(rounds)]
    for learner in learners:
        first = Enrolment.objects.create(
            user=learner, module=module, completed_at=now - datetime.timedelta(days=400)
        )
        issue_certificate(first)
    errors = []

    def worker(barrier, enrolment):
        try:
            barrier.wait()
            issue_certificate(enrolment)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    for learner in learners:
        refresher = Enrolment.objects.create(user=learner, module=module, completed_at=now)
        late = Enrolment.objects.create(
            user=learner, module=module, completed_at=now - datetime.timedelta(days=30)
        )
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(target=worker, args=(barrier, enrolment))
            for enrolment in (refresher, late)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        current = Certificate.objects.filter(
            user=learner, module=module, revoked_at__isnull=True, superseded_by__isnull=True
        )
        assert [c.enrolment_id for c in current] == [refresher.pk]
        assert Certificate.objects.filter(user=learner, superseded_by__isnull=False).count() == 2
