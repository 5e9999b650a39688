"""Reminders about required training (courses/services/requirements.py) at the edges: the
day given is the day judged (not the clock), every person and every lead is looked at
(one with nothing overdue, or already told, does not stop the rest), the counts returned
are the emails queued, and the log names the person by number with how many modules."""

import datetime
import logging
import zoneinfo

import pytest
import time_machine
from django.core import mail

from accounts.roles import Role
from courses.models import TrainingRequirement
from courses.models.coverage import RequiredTrainingReminder
from courses.services.requirements import (
    send_monthly_summaries,
    send_overdue_reminders,
    send_required_training_reminders,
)
from network.factories import AgencyFactory

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
JOINED = datetime.date(2026, 11, 20)
DUE = JOINED + datetime.timedelta(days=90)  # 18 February 2027
DAY = datetime.timedelta(days=1)


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=LONDON)


@pytest.fixture
def police():
    return AgencyFactory(name="Police", sector="police")


@pytest.fixture
def required(catalogue):
    from courses.factories import module_with_lessons

    modules = [
        module_with_lessons(catalogue, count=1, title=title) for title in ("First", "Second")
    ]
    for module in modules:
        TrainingRequirement.objects.create(
            module=module, sector="police", due_within_days=90, applies_from=JOINED
        )
    return modules


@pytest.fixture
def member(user_with_role, police):
    def make(joined=JOINED, **kwargs):
        return user_with_role(agency=police, agency_confirmed_at=at(joined), **kwargs)

    return make


def test_the_daily_run_judges_the_day_given_not_the_clock(required, member, user_with_role, police):
    member(email="late@example.org")
    user_with_role(Role.AGENCY_LEAD, agency=police, email="lead@example.org")
    mail.outbox.clear()
    # The clock on the 1st of a month, long before anyone is due; the day given is the
    # day after the due date, not a 1st.
    with time_machine.travel(at(datetime.date(2026, 12, 1)), tick=False):
        assert send_required_training_reminders(DUE + DAY) == {"overdue": 1, "summaries": 0}
        assert send_required_training_reminders(DUE) == {"overdue": 0, "summaries": 0}
    with time_machine.travel(at(DUE + 3 * DAY), tick=False):
        assert send_required_training_reminders(datetime.date(2027, 3, 1)) == {
            "overdue": 0,
            "summaries": 1,
        }
    assert [message.to for message in mail.outbox] == [["late@example.org"], ["lead@example.org"]]


def test_without_any_requirement_nothing_is_sent(member):
    member(joined=datetime.date(2020, 1, 1))
    assert send_overdue_reminders(DUE + DAY) == 0
    assert RequiredTrainingReminder.objects.count() == 0


def test_someone_with_nothing_overdue_does_not_stop_the_others(required, member):
    member(joined=DUE)  # joined later: nothing overdue yet, and first in the list
    member(email="one@example.org")
    member(email="two@example.org")
    mail.outbox.clear()
    assert send_overdue_reminders(DUE + DAY) == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "one@example.org",
        "two@example.org",
    ]


def test_each_reminder_is_logged_with_the_person_and_the_number_of_modules(
    required, member, caplog
):
    person = member()
    with caplog.at_level(logging.INFO, logger="safecity.reminders"):
        send_overdue_reminders(DUE + DAY)
    assert [r.getMessage() for r in caplog.records if r.name == "safecity.reminders"] == [
        f"Queued an overdue training reminder for user {person.pk} (2 modules)"
    ]


def test_a_lead_already_told_this_month_does_not_stop_the_others(user_with_role, police):
    first = user_with_role(Role.AGENCY_LEAD, agency=police, email="first@example.org")
    user_with_role(Role.AGENCY_LEAD, agency=police, email="second@example.org")
    user_with_role(Role.AGENCY_LEAD, agency=police, email="third@example.org")
    first_of_month = datetime.date(2027, 3, 1)
    RequiredTrainingReminder.objects.create(
        user=first, kind=RequiredTrainingReminder.Kind.SUMMARY, due_on=first_of_month
    )
    mail.outbox.clear()
    assert send_monthly_summaries(first_of_month) == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "second@example.org",
        "third@example.org",
    ]


def test_a_role_requirement_reminds_that_role_only(catalogue, member):
    from courses.factories import module_with_lessons

    TrainingRequirement.objects.create(
        module=module_with_lessons(catalogue, count=1, title="Managers"),
        sector="police",
        job_role="manager",
        due_within_days=90,
        applies_from=JOINED,
    )
    member(email="manager@example.org", job_role="manager")
    member(email="officer@example.org", job_role="frontline")
    mail.outbox.clear()
    assert send_overdue_reminders(DUE + DAY) == 1
    assert [message.to for message in mail.outbox] == [["manager@example.org"]]


def test_nobody_without_a_job_role_is_reminded(required, member):
    member(email="norole@example.org", job_role="")
    member(email="role@example.org", job_role="frontline")
    mail.outbox.clear()
    assert send_overdue_reminders(DUE + DAY) == 1
    assert [message.to for message in mail.outbox] == [["role@example.org"]]


def test_required_training_under_way_is_shown_as_in_progress(required, member):
    from courses.models import Enrolment
    from courses.selectors.requirements import required_for

    first, second = required
    learner, colleague = member(), member()
    Enrolment.objects.create(user=learner, module=first)
    Enrolment.objects.create(user=colleague, module=second)
    items = {item.module.title: item.in_progress for item in required_for(learner, DUE)}
    assert items == {"First": True, "Second": False}
