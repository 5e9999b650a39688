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
