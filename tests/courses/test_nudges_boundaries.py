"""Nudges at their edges (courses/services/nudges.py): the week counted from the moment given,
to the second; who is missing the module judged at that moment; only this module's reminders
count; a press racing another one sends nothing twice and counts each person skipped once."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEvent, User
from accounts.roles import Role
from certificates.services import issue_certificate
from courses.models import Enrolment, ModulePage
from courses.services import nudges

pytestmark = pytest.mark.django_db

WEEK = datetime.timedelta(days=7)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def data(nudge_partnership):
    return nudge_partnership


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


def missing(data):
    return {data["Missing One"].email, data["Missing Two"].email}


def sent_to() -> set[str]:
    return {message.to[0] for message in mail.outbox}


def test_the_week_runs_to_the_second_from_the_moment_given(data, coordinator):
    police, module = data["police"], data["module"]
    first = nudges.nudge_required_missing(coordinator, police.pk, module)
    assert first == nudges.NudgeResult(nudged=2, skipped=0)
    assert sent_to() == missing(data)
    sent = AuditEvent.objects.filter(action=nudges.ACTION).values_list("at", flat=True)
    first, last = min(sent), max(sent)

    mail.outbox.clear()
    almost = first + WEEK - SECOND
    too_soon = nudges.nudge_required_missing(coordinator, police.pk, module, now=almost)
    assert too_soon == nudges.NudgeResult(nudged=0, skipped=2)
    assert mail.outbox == []

    # A week to the moment after the later reminder, both may be reminded again.
    again = nudges.nudge_required_missing(coordinator, police.pk, module, now=last + WEEK)
    assert again == nudges.NudgeResult(nudged=2, skipped=0)
    assert sent_to() == missing(data)


def test_who_is_missing_the_module_is_judged_at_the_moment_given(data, coordinator):
    # Missing One held a certificate that was in date 40 days ago and has lapsed since.
    police, module = data["police"], data["module"]
    enrolment = Enrolment.objects.create(
        user=data["Missing One"], module=module, completed_at=timezone.now()
    )
    certificate = issue_certificate(enrolment)
    now = timezone.now()
    type(certificate).objects.filter(pk=certificate.pk).update(
        issued_at=now - datetime.timedelta(days=700), expires_at=now - datetime.timedelta(days=30)
    )
    then = now - datetime.timedelta(days=40)
    # Then: Missing One was in date; Holder, certified today, was not yet.
    result = nudges.nudge_required_missing(coordinator, police.pk, module, now=then)
    assert result == nudges.NudgeResult(nudged=2, skipped=0)
    assert sent_to() == {data["Holder"].email, data["Missing Two"].email}

    mail.outbox.clear()
    # Today: Missing One has lapsed; Missing Two was just reminded; Holder holds it.
    today = nudges.nudge_required_missing(coordinator, police.pk, module)
    assert today == nudges.NudgeResult(nudged=1, skipped=1)
    assert sent_to() == {data["Missing One"].email}


def test_only_a_reminder_about_this_module_to_this_person_counts(data, coordinator, catalogue):
    from courses.factories import module_with_lessons

    module = data["module"]
    person = data["Missing One"]
    other = module_with_lessons(catalogue, count=1, title="Harmful practices")
    agency = data["police"]
    # Within the week: another kind of event about the person, a reminder about another
    # module, and a row naming a record of another kind with the same number.
    audit.record(
        "account.role_changed",
        actor=coordinator,
        target=person,
        summary=f"Reminded to take module {module.pk}",
    )
    audit.record(
        nudges.ACTION,
        actor=coordinator,
        target=person,
        summary=f"Reminded to take module {other.pk}",
    )
    audit.record(
        nudges.ACTION,
        actor=coordinator,
        target=agency,
        summary=f"Reminded to take module {module.pk}",
    )
    AuditEvent.objects.filter(target_type=agency._meta.label_lower).update(target_id=str(person.pk))

    assert nudges.recently_nudged([person.pk], module.pk) == set()
    audit.record(
        nudges.ACTION,
        actor=coordinator,
        target=person,
        summary=f"Reminded to take module {module.pk}",
    )
    assert nudges.recently_nudged([person.pk, data["Missing Two"].pk], module.pk) == {person.pk}


def test_a_press_racing_another_sends_nothing_twice_and_counts_each_skip_once(data, coordinator):
    """The other press reminds both people just after this one read the audit log: the look
    again under the person's lock finds each reminder, so nobody gets a second email."""
    police, module = data["police"], data["module"]
    real = nudges.recently_nudged
    calls = []

    def read_just_before_the_other_press(user_ids, module_id, now=None):
        calls.append(list(user_ids))
        if len(calls) == 1:
            for person in User.objects.filter(pk__in=user_ids):
                audit.record(
                    nudges.ACTION,
                    actor=coordinator,
                    target=person,
                    summary=nudges._summary(module_id),
                )
            return set()
        return real(user_ids, module_id, now)

    with mock.patch.object(nudges, "recently_nudged", read_just_before_the_other_press):
        result = nudges.nudge_required_missing(coordinator, police.pk, module)
    assert result == nudges.NudgeResult(nudged=0, skipped=2)
    assert mail.outbox == []
    assert len(calls) == 3  # the first read, then each person looked at again
    assert AuditEvent.objects.filter(action=nudges.ACTION).count() == 2


@override_settings(SITE_URL="https://learning.example.test")
def test_a_module_without_an_address_links_to_the_home_page(data):
    with mock.patch.object(ModulePage, "get_url", return_value=None):
        assert nudges.module_link(data["module"]) == "https://learning.example.test/"
    assert nudges.module_link(data["module"]) == (
        "https://learning.example.test" + data["module"].url
    )
