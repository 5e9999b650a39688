import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from certificates.models import Certificate
from certificates.reminders import send_due_reminders
from certificates.selectors import Status, status
from certificates.services import issue_certificate, revoke_certificate
from courses import services as course_services

pytestmark = pytest.mark.django_db


def test_completing_a_module_issues_one_certificate(user_with_role, module, complete_module):
    learner = user_with_role(full_name="Siobhán O'Neill")
    enrolment = complete_module(learner, module)
    certificate = Certificate.objects.get(user=learner)
    assert certificate.enrolment == enrolment
    assert re.fullmatch(r"SCL-\d{4}-\d{6}", certificate.number)
    assert len(certificate.code) == 32  # 160 bits in base 32
    assert certificate.holder_name == "Siobhán O'Neill"
    assert certificate.module_title == module.title
    assert certificate.cpd_minutes == module.cpd_minutes
    assert certificate.expires_at.date() == certificate.issued_at.date().replace(
        year=certificate.issued_at.year + 3
    )
    # Issuing again for the same completion returns the same certificate.
    assert issue_certificate(enrolment) == certificate
    assert Certificate.objects.count() == 1


def test_numbers_run_in_sequence_and_codes_are_unique(user_with_role, module, complete_module):
    certificates = [complete_module(user_with_role(), module).certificate for _ in range(3)]
    numbers = [int(c.number.rsplit("-", 1)[1]) for c in certificates]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    assert len({c.code for c in certificates}) == 3


def test_issued_certificates_never_change_when_content_or_name_changes(
    user_with_role, module, complete_module
):
    learner = user_with_role(full_name="Original Name")
    certificate = complete_module(learner, module).certificate
    module.title = "Renamed module"
    module.save_revision().publish()
    learner.full_name = "New Name"
    learner.save()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Original Name"
    assert certificate.module_title != "Renamed module"


def test_status_moves_from_valid_to_expiring_to_expired(user_with_role, module, complete_module):
    certificate = complete_module(user_with_role(), module).certificate
    # Judged by day: in date through the date it prints, expired from the next day.
    printed = timezone.localdate(certificate.expires_at)
    assert status(certificate, printed - datetime.timedelta(days=61)) == Status.VALID
    assert status(certificate, printed - datetime.timedelta(days=60)) == Status.EXPIRING
    assert status(certificate, printed) == Status.EXPIRING
    assert status(certificate, certificate.expires_at) == Status.EXPIRING
    assert status(certificate, printed + datetime.timedelta(days=1)) == Status.EXPIRED


def test_recertification_supersedes_the_old_certificate(user_with_role, module, complete_module):
    learner = user_with_role()
    first = complete_module(learner, module).certificate
    # 35 months later the refresher is due; the learner takes the module again.
    course_services.learning.Enrolment.objects.filter(pk=first.enrolment_id).update(
        completed_at=timezone.now() - datetime.timedelta(days=35 * 30)
    )
    course_services.start_module(learner, module, refresher=True)
    second = complete_module(learner, module).certificate
    first.refresh_from_db()
    assert second != first
    assert first.superseded_by == second
    assert status(first) == Status.SUPERSEDED
    assert status(second) == Status.VALID


def test_revocation_needs_a_reason_and_is_recorded(user_with_role, module, complete_module):
    from accounts.roles import Role

    certificate = complete_module(user_with_role(), module).certificate
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    with pytest.raises(ValueError):
        revoke_certificate(certificate, coordinator, "  ")
    revoke_certificate(certificate, coordinator, "Completed on someone else's account")
    assert status(certificate) == Status.REVOKED
    assert certificate.revoked_by == coordinator


def test_reminders_are_sent_once_each_at_60_14_and_0_days(user_with_role, module, complete_module):
    learner = user_with_role(email="holder@example.org")
    certificate = complete_module(learner, module).certificate
    expires = certificate.expires_at
    mail.outbox.clear()

    assert send_due_reminders(expires - datetime.timedelta(days=70)) == 0
    assert send_due_reminders(expires - datetime.timedelta(days=59)) == 1
    assert send_due_reminders(expires - datetime.timedelta(days=58)) == 0  # not again
    assert send_due_reminders(expires - datetime.timedelta(days=13)) == 1
    assert send_due_reminders(expires - datetime.timedelta(days=12)) == 0
    assert send_due_reminders(expires + datetime.timedelta(days=1)) == 1
    assert send_due_reminders(expires + datetime.timedelta(days=30)) == 0
    assert [m.to for m in mail.outbox] == [["holder@example.org"]] * 3
    assert "has expired" in mail.outbox[-1].subject
    for message in mail.outbox:
        assert not message.attachments
        assert module.title not in message.body + message.subject
        assert certificate.number not in message.body
        assert "/learning/" in message.body


def test_no_reminders_for_revoked_or_superseded_certificates(
    user_with_role, module, complete_module
):
    from accounts.roles import Role

    certificate = complete_module(user_with_role(), module).certificate
    revoke_certificate(certificate, user_with_role(Role.TRAINING_COORDINATOR), "Issued in error")
    mail.outbox.clear()
    assert send_due_reminders(certificate.expires_at + datetime.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_a_late_first_run_sends_only_the_most_urgent_reminder(
    user_with_role, module, complete_module
):
    certificate = complete_module(user_with_role(), module).certificate
    mail.outbox.clear()
    assert send_due_reminders(certificate.expires_at - datetime.timedelta(days=5)) == 1
    certificate.refresh_from_db()
    assert certificate.reminded_60_at and certificate.reminded_14_at
    assert certificate.reminded_expired_at is None


def test_a_certificate_that_failed_at_completion_is_issued_by_the_daily_run(
    user_with_role, module, complete_module, monkeypatch
):
    from certificates import signals
    from certificates.tasks import send_certificate_reminders

    def database_hiccup(enrolment):
        raise RuntimeError("connection reset")

    learner = user_with_role()
    with monkeypatch.context() as patched:
        patched.setattr(signals, "issue_certificate", database_hiccup)
        enrolment = complete_module(learner, module)  # the learner sees no error
    assert enrolment.completed_at is not None
    assert not Certificate.objects.filter(user=learner).exists()

    send_certificate_reminders.enqueue()
    certificate = Certificate.objects.get(user=learner)
    assert certificate.enrolment == enrolment
    assert certificate.issued_at == enrolment.completed_at
    # Running again issues nothing more.
    send_certificate_reminders.enqueue()
    assert Certificate.objects.filter(user=learner).count() == 1


def test_the_daily_run_leaves_old_completions_alone(user_with_role, module):
    from certificates.services import issue_missing_certificates
    from courses.models import Enrolment

    long_ago = timezone.now() - datetime.timedelta(days=400)
    Enrolment.objects.create(
        user=user_with_role(), module=module, started_at=long_ago, completed_at=long_ago
    )
    assert issue_missing_certificates() == 0
