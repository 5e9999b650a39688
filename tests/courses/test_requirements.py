"""Targets per requirement, each person's "Required for your role" list, and the reminders
(courses.selectors.requirements, courses.services.requirements), at their boundaries."""

import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from certificates.models import Certificate
from certificates.services import issue_certificate, revoke_certificate
from courses.factories import module_with_lessons
from courses.models import Enrolment, TrainingRequirement
from courses.models.coverage import RequiredTrainingReminder
from courses.selectors.coverage import Scope
from courses.selectors.requirements import (
    BEHIND,
    CLOSE,
    EXPIRING,
    IN_DATE,
    LAPSED,
    NOT_DONE,
    ON_TRACK,
    percent_text,
    previous_quarter_end,
    rag,
    required_for,
    targets_table,
)
from courses.services.requirements import (
    send_monthly_summaries,
    send_overdue_reminders,
)
from network.factories import AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
DAY = datetime.date(2026, 11, 22)
LONG_AGO = datetime.date(2020, 1, 1)
DAYS = datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def certify(user, module, expires_on: datetime.date, issued_on: datetime.date | None = None):
    """A certificate for ``user`` that prints ``expires_on`` (expires at noon that day)."""
    issued = at(issued_on or expires_on - 365 * DAYS)
    enrolment = Enrolment.objects.create(user=user, module=module, completed_at=issued)
    certificate = issue_certificate(enrolment, now=issued)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=at(expires_on))
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def police():
    return AgencyFactory(name="Police", sector="police")


@pytest.fixture
def health():
    return AgencyFactory(name="Hillside Trust", sector="health")


@pytest.fixture
def requirement(module):
    return TrainingRequirement.objects.create(
        module=module, sector="police", due_within_days=90, applies_from=LONG_AGO
    )


@pytest.fixture
def person(user_with_role, police):
    def make(confirmed_on=datetime.date(2026, 8, 1), **kwargs):
        kwargs.setdefault("agency", police)
        kwargs.setdefault("agency_confirmed_at", at(confirmed_on) if confirmed_on else None)
        return user_with_role(**kwargs)

    return make


def only(items):
    [item] = items
    return item


# --- The definitions of a target -----------------------------------------------------------


@pytest.mark.parametrize(
    ("in_date", "people", "target", "expected"),
    [
        (8, 10, 80, ON_TRACK),  # exactly on target
        (10, 10, 100, ON_TRACK),
        (79, 100, 80, CLOSE),  # a point under
        (7, 10, 80, CLOSE),  # exactly 10 points under
        (69, 100, 80, BEHIND),  # just over 10 points under
        (1, 3, 34, CLOSE),  # 33.3 %: under 34, within 10
        (0, 10, 10, CLOSE),
        (0, 10, 11, BEHIND),
        (50, 63, 80, CLOSE),  # 79.4 %: under the target by less than a hundredth of it
        (1, 1, 80, ON_TRACK),  # one person it applies to
        (0, 1, 80, BEHIND),
        (5, 10, None, None),  # no target, no colour
        (0, 0, 80, None),  # nobody it applies to
    ],
)
def test_status_against_the_target_at_its_thresholds(in_date, people, target, expected):
    assert rag(in_date, people, target) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "text"),
    [(5, 11, "45.4%"), (2, 3, "66.6%"), (7999, 10000, "79.9%"), (8, 10, "80.0%"), (1, 1, "100.0%")],
)
def test_coverage_is_shown_once_rounded_down(numerator, denominator, text):
    # Rounded down, a figure shown as meeting the target always meets it.
    assert percent_text(numerator, denominator) == text


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 22), datetime.date(2026, 9, 30)),
        (datetime.date(2026, 10, 1), datetime.date(2026, 9, 30)),
        (datetime.date(2026, 9, 30), datetime.date(2026, 6, 30)),
        (datetime.date(2027, 1, 1), datetime.date(2026, 12, 31)),
        (datetime.date(2026, 3, 31), datetime.date(2025, 12, 31)),
    ],
)
def test_the_previous_quarter_ends_on_its_last_day(day, expected):
    assert previous_quarter_end(day) == expected


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("target_percent", 0, False),
        ("target_percent", 1, True),
        ("target_percent", 100, True),
        ("target_percent", 101, False),
        ("due_within_days", 0, False),
        ("due_within_days", 1, True),
        ("due_within_days", 730, True),
        ("due_within_days", 731, False),
    ],
)
def test_targets_and_due_days_are_checked_with_a_message(module, field, value, ok):
    requirement = TrainingRequirement(module=module, sector="police", **{field: value})
    if ok:
        requirement.full_clean()
        return
    with pytest.raises(ValidationError) as raised:
        requirement.full_clean()
    assert raised.value.message_dict[field][0].startswith("Enter a ")


def test_a_target_date_needs_a_percentage(module):
    requirement = TrainingRequirement(module=module, target_date=DAY)
    with pytest.raises(ValidationError) as raised:
        requirement.full_clean()
    assert "target_percent" in raised.value.message_dict
    requirement.target_percent = 80
    requirement.full_clean()


# --- The targets table ---------------------------------------------------------------------


def row_for(rows, requirement):
    return only([row for row in rows if row.requirement.pk == requirement.pk])


def test_targets_count_the_people_a_requirement_applies_to(
    requirement, module, person, police, health, user_with_role
):
    requirement.target_percent = 80
    requirement.save()
    holders = [person() for _ in range(3)]
    for holder in holders:
        certify(holder, module, DAY + 100 * DAYS)
    person()  # not trained
    lapsed = person()
    certify(lapsed, module, DAY - DAYS)
    on_the_day = person()
    certify(on_the_day, module, DAY)  # in date through the day it prints
    # None of these count: unverified, unconfirmed, inactive, no job role, other sector,
    # an inactive agency.
    unverified = person()
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    person(confirmed_on=None)
    person(is_active=False)
    person(job_role="")
    nurse = person(agency=health)
    certify(nurse, module, DAY + 100 * DAYS)
    closed = AgencyFactory(name="Closed Police", sector="police", is_active=False)
    certify(person(agency=closed), module, DAY + 100 * DAYS)

    row = row_for(targets_table(Scope(None), DAY), requirement)
    assert (row.people, row.in_date) == (6, 4)
    assert row.coverage == pytest.approx(400 / 6)
    assert row.coverage_text == "66.6%"
    assert row.rag == BEHIND  # 66.7 is more than 10 points under 80
    # An agency lead's scope: their agency only.
    assert row_for(targets_table(Scope(frozenset({health.pk})), DAY), requirement).people == 0


def test_role_specific_requirements_count_only_that_role(module, person, police):
    managers = TrainingRequirement.objects.create(
        module=module, job_role="manager", target_percent=50, applies_from=LONG_AGO
    )
    manager = person(job_role="manager")
    certify(manager, module, DAY + 100 * DAYS)
    person(job_role="manager")
    person(job_role="frontline")
    row = row_for(targets_table(Scope(None), DAY), managers)
    assert (row.people, row.in_date, row.rag) == (2, 1, ON_TRACK)
    assert row.sector == "Every sector"


def test_a_revoked_certificate_is_not_counted(requirement, module, person, user_with_role):
    holder = person()
    certificate = certify(holder, module, DAY + 100 * DAYS)
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    revoke_certificate(certificate, coordinator, "Issued in error")
    row = row_for(targets_table(Scope(None), DAY), requirement)
    assert (row.people, row.in_date) == (1, 0)
    assert only(required_for(holder, DAY)).status == NOT_DONE


@pytest.mark.parametrize(("in_date", "expected"), [(8, ON_TRACK), (7, CLOSE), (6, BEHIND)])
def test_targets_table_thresholds_with_real_records(requirement, module, person, in_date, expected):
    requirement.target_percent = 80
    requirement.save()
    people = [person() for _ in range(10)]
    for holder in people[:in_date]:
        certify(holder, module, DAY + 100 * DAYS)
    row = row_for(targets_table(Scope(None), DAY), requirement)
    assert (row.people, row.in_date, row.rag) == (10, in_date, expected)


def test_no_target_has_no_colour(requirement, person):
    person()
    row = row_for(targets_table(Scope(None), DAY), requirement)
    assert row.rag is None and row.rag_tag == ""


def test_trend_against_the_end_of_the_previous_quarter(requirement, module, person):
    # The previous quarter ended on 30 September 2026.
    end = datetime.date(2026, 9, 30)
    trained_before = person(confirmed_on=datetime.date(2026, 1, 5))
    certify(trained_before, module, DAY + 200 * DAYS, issued_on=end)  # issued on the last day
    trained_after = person(confirmed_on=datetime.date(2026, 1, 5))
    certify(trained_after, module, DAY + 200 * DAYS, issued_on=end + DAYS)
    lapsed_on_the_day = person(confirmed_on=datetime.date(2026, 1, 5))
    certify(lapsed_on_the_day, module, end)  # in date through 30 September, lapsed now
    person(confirmed_on=datetime.date(2026, 1, 5))
    person(confirmed_on=end + DAYS)  # joined after: not in the figure then

    row = row_for(targets_table(Scope(None), DAY), requirement)
    assert row.previous_day == end
    assert (row.people, row.in_date) == (5, 2)
    assert (row.previous_people, row.previous_in_date) == (4, 2)
    assert row.change == pytest.approx(40 - 50)
    assert row.change_text == "−10.0 points"


def test_the_trend_adds_up_every_job_role_a_requirement_covers(requirement, module, person):
    # A sector-wide requirement: every job role is counted together, each with a
    # different number trained by the end of the previous quarter (support staff: none).
    end = datetime.date(2026, 9, 30)
    joined = datetime.date(2026, 1, 5)
    for role, issued in (
        ("manager", end - 10 * DAYS),
        ("manager", end),
        ("manager", None),
        ("frontline", end - 30 * DAYS),
        ("frontline", end + DAYS),  # trained after the quarter ended
        ("support", None),  # a role nobody in had trained then
    ):
        someone = person(confirmed_on=joined, job_role=role)
        if issued:
            certify(someone, module, DAY + 200 * DAYS, issued_on=issued)

    row = row_for(targets_table(Scope(None), DAY), requirement)
    assert (row.people, row.in_date) == (6, 4)
    assert (row.previous_people, row.previous_in_date) == (6, 3)


def test_trend_without_anyone_then_has_no_figure(requirement, person):
    person(confirmed_on=DAY)
    row = row_for(targets_table(Scope(None), DAY), requirement)
    assert row.previous_people == 0 and row.change is None and row.change_text == "No figure"


def test_the_targets_partial_says_the_status_in_words(requirement, module, person):
    from django.template.loader import render_to_string

    requirement.target_percent = 80
    requirement.target_date = datetime.date(2027, 3, 31)
    requirement.save()
    certify(person(), module, DAY + 100 * DAYS)
    person()
    html = render_to_string(
        "courses/coverage/_targets.html", {"targets": targets_table(Scope(None), DAY)}
    )
    assert "<caption" in html
    assert "80% by 31 March 2027" in html
    assert "govuk-tag--red" in html and ">Behind<" in html  # 50 % against 80 %
    assert "50.0%" in html and "1 of 2" in html


# --- Required for your role ----------------------------------------------------------------


@pytest.mark.parametrize(("offset", "overdue"), [(-1, True), (0, False), (1, False)])
def test_a_new_starter_is_due_n_days_after_joining(requirement, person, offset, overdue):
    # Due 90 days after the membership was confirmed; overdue only after that day.
    joined = DAY + offset * DAYS - 90 * DAYS
    item = only(required_for(person(confirmed_on=joined), DAY))
    assert item.status == NOT_DONE
    assert item.due_on == DAY + offset * DAYS
    assert item.overdue is overdue


def test_the_joining_day_is_the_london_date(requirement, user_with_role, police):
    # 00:30 on 1 August in London is still 31 July in UTC.
    confirmed = datetime.datetime(2026, 8, 1, 0, 30, tzinfo=LONDON)
    learner = user_with_role(agency=police, agency_confirmed_at=confirmed)
    assert only(required_for(learner, DAY)).due_on == datetime.date(2026, 10, 30)


def test_a_new_requirement_gives_people_in_post_the_same_time(requirement, person):
    requirement.applies_from = datetime.date(2026, 11, 1)
    requirement.save()
    item = only(required_for(person(confirmed_on=datetime.date(2025, 1, 1)), DAY))
    assert item.due_on == datetime.date(2027, 1, 30) and not item.overdue


@pytest.mark.parametrize(
    ("expires_in", "status", "overdue"),
    [
        (61, IN_DATE, False),
        (60, EXPIRING, False),
        (0, EXPIRING, False),  # in date through the day it prints
        (-1, LAPSED, True),
    ],
)
def test_a_refresher_is_due_on_the_expiry_date(
    requirement, module, person, expires_in, status, overdue
):
    learner = person()
    certify(learner, module, DAY + expires_in * DAYS)
    item = only(required_for(learner, DAY))
    assert item.status == status
    assert item.due_on == item.expires_on == DAY + expires_in * DAYS
    assert item.overdue is overdue


def test_sector_wide_and_role_specific_requirements(catalogue, person, health):
    everyone_in_police = module_with_lessons(catalogue, count=1, title="Police module")
    every_manager = module_with_lessons(catalogue, count=1, title="Managers module")
    TrainingRequirement.objects.create(
        module=everyone_in_police, sector="police", applies_from=LONG_AGO
    )
    TrainingRequirement.objects.create(
        module=every_manager, job_role="manager", applies_from=LONG_AGO
    )

    def titles(user):
        return sorted(item.module.title for item in required_for(user, DAY))

    assert titles(person(job_role="frontline")) == ["Police module"]
    assert titles(person(job_role="manager")) == ["Managers module", "Police module"]
    assert titles(person(job_role="manager", agency=health)) == ["Managers module"]
    assert titles(person(job_role="frontline", agency=health)) == []


def test_two_requirements_for_one_module_give_the_earliest_due_date(requirement, module, person):
    TrainingRequirement.objects.create(
        module=module, job_role="frontline", due_within_days=30, applies_from=LONG_AGO
    )
    item = only(required_for(person(confirmed_on=datetime.date(2026, 11, 1)), DAY))
    assert item.due_on == datetime.date(2026, 12, 1)


def test_nothing_is_required_without_an_active_agency_or_a_job_role(
    requirement, person, user_with_role
):
    closed = AgencyFactory(name="Closed Police", sector="police", is_active=False)
    assert required_for(person(agency=closed), DAY) == []
    assert required_for(person(job_role=""), DAY) == []
    assert required_for(user_with_role(agency=None), DAY) == []


def test_an_unconfirmed_member_has_no_due_date_yet(requirement, person):
    item = only(required_for(person(confirmed_on=None), DAY))
    assert item.status == NOT_DONE and item.due_on is None and not item.overdue


def test_a_withdrawn_module_is_not_required(requirement, module, person):
    module.unpublish()
    assert required_for(person(), DAY) == []


def test_overdue_modules_come_first(catalogue, person):
    later = module_with_lessons(catalogue, count=1, title="A due later")
    sooner = module_with_lessons(catalogue, count=1, title="B overdue")
    TrainingRequirement.objects.create(
        module=later, sector="police", due_within_days=200, applies_from=LONG_AGO
    )
    TrainingRequirement.objects.create(
        module=sooner, sector="police", due_within_days=10, applies_from=LONG_AGO
    )
    items = required_for(person(confirmed_on=datetime.date(2026, 8, 1)), DAY)
    assert [(item.module.title, item.overdue) for item in items] == [
        ("B overdue", True),
        ("A due later", False),
    ]


# --- The learner's dashboard ---------------------------------------------------------------


def test_the_dashboard_lists_required_training(client, requirement, module, person):
    learner = person(confirmed_on=datetime.date(2026, 1, 1))
    Enrolment.objects.create(user=learner, module=module)
    sign_in(client, learner)
    with time_machine.travel(at(DAY), tick=False):
        html = client.get(reverse("courses:dashboard")).content.decode()
    assert "Required for your role" in html
    assert "Not done" in html and "Overdue" in html
    assert "Was due by 1 April 2026" in html
    assert reverse("courses:resume_module", args=[module.pk]) in html  # started: continue


def test_the_dashboard_of_someone_without_an_agency_has_no_list(client, requirement, person):
    learner = person(agency=None, confirmed_on=None)
    sign_in(client, learner)
    response = client.get(reverse("courses:dashboard"))
    assert response.status_code == 200
    assert "Required for your role" not in response.content.decode()


# --- Reminders -----------------------------------------------------------------------------


def test_an_overdue_reminder_is_sent_once_per_overdue_spell(requirement, module, person):
    learner = person(email="learner@example.org")
    certificate = certify(learner, module, DAY - DAYS)  # lapsed yesterday
    mail.outbox.clear()

    assert send_overdue_reminders(DAY - DAYS) == 0  # due that day: not overdue yet
    assert send_overdue_reminders(DAY) == 1
    assert send_overdue_reminders(DAY) == 0  # a second run
    assert send_overdue_reminders(DAY + DAYS) == 0  # the same spell, a day later
    [message] = mail.outbox
    assert message.to == ["learner@example.org"]
    assert message.subject == "Safe City Learning: Training reminder"

    # Renewed, then lapsed again: a new spell, a new reminder.
    renewed = certify(learner, module, DAY + 30 * DAYS, issued_on=DAY)
    assert renewed.pk != certificate.pk
    assert send_overdue_reminders(DAY + 31 * DAYS) == 1
    assert RequiredTrainingReminder.objects.filter(user=learner).count() == 2


def test_several_overdue_modules_make_one_email(catalogue, person):
    for title in ("First", "Second"):
        TrainingRequirement.objects.create(
            module=module_with_lessons(catalogue, count=1, title=title),
            sector="police",
            applies_from=LONG_AGO,
        )
    person(confirmed_on=datetime.date(2025, 1, 1))
    mail.outbox.clear()
    assert send_overdue_reminders(DAY) == 1
    assert len(mail.outbox) == 1
    assert RequiredTrainingReminder.objects.count() == 2


def test_reminders_go_only_to_people_who_count(requirement, person):
    unverified = person(confirmed_on=datetime.date(2025, 1, 1))
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    person(confirmed_on=datetime.date(2025, 1, 1), is_active=False)
    person(confirmed_on=None)
    mail.outbox.clear()
    assert send_overdue_reminders(DAY) == 0
    assert mail.outbox == []


def test_the_monthly_summary_goes_to_agency_leads_on_the_first_only(
    user_with_role, police, health, person
):
    lead = user_with_role(Role.AGENCY_LEAD, agency=police, email="lead@example.org")
    user_with_role(Role.AGENCY_LEAD, agency=police, is_active=False)
    closed = AgencyFactory(name="Closed", sector="police", is_active=False)
    user_with_role(Role.AGENCY_LEAD, agency=closed)
    user_with_role(Role.TRAINING_COORDINATOR, agency=health)
    person()
    mail.outbox.clear()

    assert send_monthly_summaries(datetime.date(2026, 11, 30)) == 0
    assert send_monthly_summaries(datetime.date(2026, 12, 2)) == 0
    assert send_monthly_summaries(datetime.date(2026, 12, 1)) == 1
    assert send_monthly_summaries(datetime.date(2026, 12, 1)) == 0  # a second run
    [message] = mail.outbox
    assert message.to == [lead.email]
    assert message.subject == "Safe City Learning: Monthly training summary"
    assert "monthly training summary for your agency" in message.body
    assert send_monthly_summaries(datetime.date(2027, 1, 1)) == 1


def test_the_emails_carry_a_link_only(requirement, module, user_with_role, person, police):
    learner = person(full_name="Sam Learner", confirmed_on=datetime.date(2025, 1, 1))
    lead = user_with_role(Role.AGENCY_LEAD, agency=police, full_name="Lee Lead")
    mail.outbox.clear()
    send_overdue_reminders(DAY)
    send_monthly_summaries(datetime.date(2026, 12, 1))
    reminder, summary = mail.outbox
    for message, link in ((reminder, "/learning/"), (summary, "/learning/coverage/")):
        text = message.subject + message.body
        for secret in (module.title, "abuse", learner.full_name, lead.full_name, "Police"):
            assert secret.lower() not in text.lower()
        assert not re.search(r"\d", re.sub(r"https?://\S+", "", message.body)), message.body
        assert re.search(rf"https?://\S+{re.escape(link)}\s", message.body)


def test_the_daily_command_queues_the_task(requirement, person, user_with_role, police):
    person(confirmed_on=datetime.date(2025, 1, 1))
    user_with_role(Role.AGENCY_LEAD, agency=police)
    mail.outbox.clear()
    out = io.StringIO()
    with time_machine.travel(at(datetime.date(2026, 12, 1), hour=6), tick=False):
        call_command("send_required_training_reminders", stdout=out)
        call_command("send_required_training_reminders", stdout=io.StringIO())
    assert "Queued required-training reminders" in out.getvalue()
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Safe City Learning: Monthly training summary",
        "Safe City Learning: Training reminder",
    ]


def test_erasure_deletes_reminders_and_export_lists_them(requirement, person, user_with_role):
    from accounts.privacy import erase_user, export_user_data

    learner = person(confirmed_on=datetime.date(2025, 1, 1))
    send_overdue_reminders(DAY)
    [row] = export_user_data(learner)["training_reminders"]
    assert row["reminder"] == "Overdue training" and row["due_on"] == "2025-04-01"
    erase_user(learner, by=user_with_role(Role.TRAINING_COORDINATOR))
    assert not RequiredTrainingReminder.objects.filter(user=learner).exists()


# --- Two workers at once (PostgreSQL: SQLite serialises writers) ---------------------------


def run_together(target, count: int) -> list[Exception]:
    import threading

    from django.db import connections

    barrier = threading.Barrier(count)
    errors = []

    def worker():
        try:
            barrier.wait()
            target()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


POSTGRES_ONLY = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL"),
]


def needs_postgres(test):
    for mark in POSTGRES_ONLY:
        test = mark(test)
    return test


@needs_postgres
def test_two_workers_at_once_send_each_reminder_once(requirement, person, user_with_role, police):
    person(confirmed_on=datetime.date(2025, 1, 1))
    user_with_role(Role.AGENCY_LEAD, agency=police)
    mail.outbox.clear()
    first = datetime.date(2026, 12, 1)
    errors = run_together(lambda: (send_overdue_reminders(first), send_monthly_summaries(first)), 6)
    assert errors == []
    assert sorted(message.subject for message in mail.outbox) == [
        "Safe City Learning: Monthly training summary",
        "Safe City Learning: Training reminder",
    ]
    assert RequiredTrainingReminder.objects.count() == 2


def test_the_admin_form_shows_a_bad_target_as_an_error(client, user_with_role, module):
    from courses.wagtail_hooks import TrainingRequirementViewSet

    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    url = reverse(TrainingRequirementViewSet().get_url_name("add"))
    data = {
        "module": module.pk,
        "sector": "police",
        "job_role": "",
        "target_percent": "101",
        "target_date": "2027-03-31",
        "due_within_days": "0",
        "applies_from": "2026-11-22",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a target between 1 and 100 per cent" in html
    assert "Enter a number of days between 1 and 730" in html
    assert 'value="2027-03-31"' in html  # nothing typed is lost
    assert not TrainingRequirement.objects.exists()

    response = client.post(url, {**data, "target_percent": "80", "due_within_days": "60"})
    assert response.status_code == 302
    saved = TrainingRequirement.objects.get()
    assert (saved.target_percent, saved.target_date, saved.due_within_days) == (
        80,
        datetime.date(2027, 3, 31),
        60,
    )
