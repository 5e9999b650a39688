"""Who counts for an agency, at the boundaries (issue 19): active / deactivated / erased,
verified / not, confirmed / not; today's figures and figures about the past. And retention
(accounts.privacy): who has been inactive for the period, to the second.

Each test was checked by putting the fault back into the code by hand and watching it fail.
"""

import datetime
import json
import logging

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts import privacy
from accounts.factories import UserFactory
from accounts.models import User
from accounts.privacy import erase_user, is_erased
from accounts.roles import Role
from accounts.selectors import counted_members, counted_q
from certificates.models import Certificate
from certificates.services import issue_certificate
from courses.factories import make_question, make_quiz
from courses.models import Attempt, ConfidenceResponse, Enrolment, LessonCompletion, ReflectionNote
from courses.selectors import live_lessons
from network.factories import AgencyFactory, VenueFactory, certify
from network.models import VenueMembership, VenueRole, VenueStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(user_with_role, module):
    agency = AgencyFactory(name="Police", sector="police")
    made = {
        name: user_with_role(full_name=name.title(), agency=agency)
        for name in ("active", "deactivated", "erased", "unverified", "unconfirmed", "elsewhere")
    }
    for person in made.values():
        certify(person, module)
    made["deactivated"].is_active = False
    made["deactivated"].save(update_fields=["is_active"])
    EmailAddress.objects.filter(user=made["unverified"]).update(verified=False)
    made["unconfirmed"].agency_confirmed_at = None
    made["unconfirmed"].save(update_fields=["agency_confirmed_at"])
    made["elsewhere"].agency = None
    made["elsewhere"].save(update_fields=["agency"])
    erase_user(made["erased"], by=user_with_role(Role.TRAINING_COORDINATOR))
    made["erased"].refresh_from_db()
    return made


def names(users, people) -> set[str]:
    ids = {user.pk for user in users}
    return {name for name, person in people.items() if person.pk in ids}


def test_today_only_active_verified_confirmed_members_count(people):
    assert is_erased(people["erased"])
    assert names(counted_members(), people) == {"active"}
    holders = Certificate.objects.filter(counted_q("user")).values_list("user", flat=True)
    assert {name for name, p in people.items() if p.pk in set(holders)} == {"active"}


def test_figures_about_the_past_keep_deactivated_and_erased_people(people):
    expected = {"active", "deactivated", "erased"}
    assert names(counted_members(past=True), people) == expected
    holders = set(
        Certificate.objects.filter(counted_q("user", past=True)).values_list("user", flat=True)
    )
    assert {name for name, p in people.items() if p.pk in holders} == expected


# --- Retention: who is "inactive for six years", to the second (accounts.privacy) ----------

RETENTION_NOW = datetime.datetime(2032, 6, 1, 9, tzinfo=datetime.UTC)
SIX_YEARS_BEFORE = datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)
LONG_AGO = datetime.datetime(2015, 1, 1, tzinfo=datetime.UTC)
ACTIVITIES = [
    "joined",
    "signed in",
    "started a module",
    "completed a module",
    "completed a lesson",
    "started a quiz",
    "submitted a quiz",
    "rated their confidence",
    "wrote a reflection",
    "was issued a certificate",
]


@pytest.fixture
def idle_learner(module):
    """A learner who joined long ago and did one thing at ``when``."""
    quiz = make_quiz(module, [make_question("single", "Q1")], pass_mark=80)
    lesson = live_lessons(module).first()

    def make(activity: str, when: datetime.datetime) -> User:
        person = UserFactory()
        User.objects.filter(pk=person.pk).update(date_joined=LONG_AGO, last_login=None)
        if activity == "joined":
            User.objects.filter(pk=person.pk).update(date_joined=when)
        elif activity == "signed in":
            User.objects.filter(pk=person.pk).update(last_login=when)
        elif activity == "started a module":
            Enrolment.objects.create(user=person, module=module, started_at=when)
        elif activity in ("completed a module", "was issued a certificate"):
            enrolment = Enrolment.objects.create(
                user=person, module=module, started_at=LONG_AGO, completed_at=LONG_AGO
            )
            if activity == "completed a module":
                Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=when)
            else:
                issue_certificate(enrolment, now=LONG_AGO)
                Certificate.objects.filter(user=person).update(
                    issued_at=when, expires_at=when + datetime.timedelta(days=3 * 365)
                )
        elif activity == "completed a lesson":
            enrolment = Enrolment.objects.create(user=person, module=module, started_at=LONG_AGO)
            LessonCompletion.objects.create(enrolment=enrolment, lesson=lesson, completed_at=when)
        elif activity == "started a quiz":
            Attempt.objects.create(user=person, quiz=quiz, number=1, started_at=when)
        elif activity == "submitted a quiz":
            Attempt.objects.create(
                user=person,
                quiz=quiz,
                number=1,
                started_at=LONG_AGO,
                status="finished",
                submitted_at=when,
                score=1,
                passed=True,
            )
        elif activity == "rated their confidence":
            ConfidenceResponse.objects.create(
                user=person,
                module=module,
                stage="before",
                statement="I can",
                rating=3,
                created_at=when,
            )
        elif activity == "wrote a reflection":
            note = ReflectionNote.objects.create(
                user=person, lesson=lesson, block_id="r1", text="A thought"
            )
            ReflectionNote.objects.filter(pk=note.pk).update(updated_at=when)
        return person

    return make


@pytest.mark.parametrize("activity", ACTIVITIES)
def test_retention_keeps_anyone_active_six_years_ago_to_the_second(idle_learner, activity):
    kept = idle_learner(activity, SIX_YEARS_BEFORE)
    erased = idle_learner(activity, SIX_YEARS_BEFORE - datetime.timedelta(seconds=1))
    assert privacy.apply_retention(now=RETENTION_NOW, years=6) == {"erased": 1, "skipped": 0}
    kept.refresh_from_db()
    erased.refresh_from_db()
    assert not is_erased(kept)
    assert is_erased(erased)


def test_retention_from_29_february_counts_back_to_28_february(user_with_role):
    leap_day = datetime.datetime(2028, 2, 29, 9, tzinfo=datetime.UTC)
    cutoff = datetime.datetime(2022, 2, 28, 9, tzinfo=datetime.UTC)
    people = {}
    for name, joined in (("on", cutoff), ("before", cutoff - datetime.timedelta(seconds=1))):
        people[name] = user_with_role()
        User.objects.filter(pk=people[name].pk).update(date_joined=joined, last_login=None)
    assert privacy.apply_retention(now=leap_day, years=6) == {"erased": 1, "skipped": 0}
    assert not is_erased(User.objects.get(pk=people["on"].pk))
    assert is_erased(User.objects.get(pk=people["before"].pk))


def test_retention_runs_today_for_the_configured_period_and_says_so(
    user_with_role, settings, caplog
):
    settings.TRAINING_RECORD_RETENTION_YEARS = 2
    now = timezone.now()
    recent, old = user_with_role(), user_with_role()
    User.objects.filter(pk=recent.pk).update(
        date_joined=now - datetime.timedelta(days=365), last_login=None
    )
    User.objects.filter(pk=old.pk).update(
        date_joined=now - datetime.timedelta(days=3 * 365), last_login=None
    )
    with caplog.at_level(logging.INFO, logger="safecity.audit"):
        assert privacy.apply_retention() == {"erased": 1, "skipped": 0}
    assert is_erased(User.objects.get(pk=old.pk))
    assert not is_erased(User.objects.get(pk=recent.pk))
    assert "Retention (2 years): erased 1, skipped 0" in caplog.messages


def test_retention_logs_whom_it_kept_and_why(user_with_role, caplog):
    contact = user_with_role(email="contact@business.example")
    User.objects.filter(pk=contact.pk).update(date_joined=LONG_AGO, last_login=None)
    venue = VenueFactory(status=VenueStatus.APPROVED, name="Corner Cafe")
    VenueMembership.objects.create(venue=venue, user=contact, role=VenueRole.CONTACT)
    with caplog.at_level(logging.INFO, logger="safecity.audit"):
        assert privacy.apply_retention(now=RETENTION_NOW, years=6) == {"erased": 0, "skipped": 1}
    [kept] = [m for m in caplog.messages if m.startswith("Retention: account")]
    assert kept.startswith(f"Retention: account {contact.pk} kept for now: They are the contact")
    assert "Corner Cafe" in kept
    assert "Retention (6 years): erased 0, skipped 1" in caplog.messages


def test_retention_never_touches_staff_administrators_or_anyone_with_a_permission(
    user_with_role,
):
    from django.contrib.auth.models import Permission

    staff = user_with_role(Role.EDITOR)
    administrator = user_with_role(is_superuser=True)
    permitted = user_with_role()
    permitted.user_permissions.add(Permission.objects.get(codename="view_agency"))
    learner = user_with_role()
    everyone = (staff, administrator, permitted, learner)
    User.objects.filter(pk__in=[p.pk for p in everyone]).update(
        date_joined=LONG_AGO, last_login=None
    )
    assert privacy.apply_retention(now=RETENTION_NOW, years=6) == {"erased": 1, "skipped": 0}
    assert [is_erased(User.objects.get(pk=p.pk)) for p in everyone] == [False] * 3 + [True]
    # An account already erased is not erased (or counted) again.
    assert privacy.apply_retention(now=RETENTION_NOW, years=6) == {"erased": 0, "skipped": 0}


def test_retention_counts_everyone_it_erased_and_kept(user_with_role):
    """The daily run's report ("Erased 2 people; 2 kept for now") adds up every account."""
    people = [user_with_role(email=f"idle{n}@example.org") for n in range(4)]
    User.objects.filter(pk__in=[p.pk for p in people]).update(date_joined=LONG_AGO, last_login=None)
    for n, contact in enumerate(people[:2]):
        venue = VenueFactory(status=VenueStatus.APPROVED, name=f"Cafe {n}")
        VenueMembership.objects.create(venue=venue, user=contact, role=VenueRole.CONTACT)
    assert privacy.apply_retention(now=RETENTION_NOW, years=6) == {"erased": 2, "skipped": 2}


# --- The subject-access export a person is given (accounts.privacy) -------------------------


def test_the_json_export_is_readable_text_with_names_as_written(user_with_role):
    person = user_with_role(full_name="Zoë Brontë-Ó Súilleabháin")
    with time_machine.travel(timezone.now(), tick=False):
        body = privacy.export_json(person)
        data = privacy.export_user_data(person)
    text = body.decode("utf-8")
    assert "Zoë Brontë-Ó Súilleabháin" in text  # not \u00eb escapes
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert lines[1].startswith('  "') and not lines[1].startswith("   ")  # two spaces a level
    assert json.loads(body) == json.loads(json.dumps(data))  # everything, nothing else
