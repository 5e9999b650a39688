"""Quiz rules and coverage figures at their exact boundaries (issue 19).

Each test sits on a line the code draws: one second either side of a delay or a deadline,
59, 60 and 61 days before expiry, the previous round and this one, active and not. Each was
checked by putting the fault back into the code by hand and watching the test fail.
"""

import datetime
import zoneinfo
from decimal import Decimal
from unittest import mock

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.privacy import erase_user
from accounts.roles import Role
from certificates.models import Certificate
from certificates.services import issue_certificate, revoke_certificate
from courses import services
from courses.factories import make_question, make_quiz, module_with_lessons
from courses.models import Attempt, Enrolment, FaceToFaceSession, TrainingRequirement
from courses.models.quizzes import AttemptStatus
from courses.selectors.coverage import coverage_table, headlines, learners_for_cell
from courses.selectors.quizzes import attempt_block_reason, has_passed, next_attempt_at
from courses.services import QuizError
from network.factories import AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def learner(user_with_role):
    return user_with_role()


def right_answers(attempt) -> dict:
    return {
        str(index): [o["key"] for o in question["options"] if Decimal(o["fraction"]) > 0]
        for index, question in enumerate(attempt.questions)
    }


def finish(learner, quiz, at: datetime.datetime) -> Attempt:
    """Start and submit (with no answers) an attempt at the given moment."""
    attempt = services.start_attempt(learner, quiz, now=at)
    return services.submit_attempt(attempt, str(attempt.submit_token), now=at)


# --- The delay between attempts -----------------------------------------------------------


def test_the_delay_runs_from_the_latest_finished_attempt(learner, module):
    quiz = make_quiz(module, [make_question()], minutes_between_attempts=10)
    start = timezone.now() + datetime.timedelta(minutes=1)
    finish(learner, quiz, start)
    latest = finish(learner, quiz, start + datetime.timedelta(minutes=30))
    allowed_at = latest.submitted_at + datetime.timedelta(minutes=10)

    assert next_attempt_at(learner, quiz) == allowed_at
    # Counted from the first attempt, the learner could start again 20 minutes too early.
    assert attempt_block_reason(learner, quiz, now=start + datetime.timedelta(minutes=35))
    assert attempt_block_reason(learner, quiz, now=allowed_at - SECOND)
    with pytest.raises(QuizError, match="You can try again from"):
        services.start_attempt(learner, quiz, now=allowed_at - SECOND)
    assert attempt_block_reason(learner, quiz, now=allowed_at) == ""
    assert services.start_attempt(learner, quiz, now=allowed_at).number == 3


def test_no_delay_set_means_no_wait(learner, module):
    quiz = make_quiz(module, [make_question()], minutes_between_attempts=0)
    at = timezone.now() + datetime.timedelta(minutes=1)
    finish(learner, quiz, at)
    assert next_attempt_at(learner, quiz) is None
    assert attempt_block_reason(learner, quiz, now=at) == ""


# --- Time limits --------------------------------------------------------------------------


@pytest.fixture
def timed(learner, module):
    """An attempt at a 5-minute quiz with the right answer saved, and its deadline."""
    quiz = make_quiz(module, [make_question()], time_limit_minutes=5, pass_mark=50)
    started = timezone.now()
    attempt = services.start_attempt(learner, quiz, now=started)
    services.save_answers(attempt, right_answers(attempt), now=started)
    return attempt, attempt.deadline + services.quizzes.DEADLINE_GRACE


@pytest.mark.parametrize("view", ["attempt", "summary", "result"])
def test_an_attempt_whose_time_ran_out_is_marked_on_what_was_saved(client, learner, timed, view):
    attempt, last_moment = timed
    sign_in(client, learner)
    urls = {
        "attempt": reverse("courses:attempt", args=[attempt.pk, 1]),
        "summary": reverse("courses:attempt_summary", args=[attempt.pk]),
        "result": reverse("courses:attempt_result", args=[attempt.pk]),
    }
    with time_machine.travel(last_moment, tick=False):
        client.get(urls[view], follow=True)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS  # still within the grace period

    with time_machine.travel(last_moment + SECOND, tick=False):
        response = client.get(urls[view], follow=True)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FINISHED
    assert attempt.percent == Decimal("100.00")
    assert attempt.passed is True
    assert response.redirect_chain[-1][0] == urls["result"]


def test_answers_are_saved_until_the_grace_period_ends(learner, timed):
    attempt, last_moment = timed
    services.save_answers(attempt, {"0": []}, now=last_moment)
    with pytest.raises(QuizError, match="time limit"):
        services.save_answers(attempt, right_answers(attempt), now=last_moment + SECOND)
    attempt.refresh_from_db()
    assert attempt.answers == {"0": []}


# --- Exactly once ------------------------------------------------------------------------


def test_a_second_submission_returns_the_graded_attempt_even_from_an_old_page(learner, module):
    quiz = make_quiz(module, [make_question()], pass_mark=50)
    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt, right_answers(attempt))
    first = services.submit_attempt(attempt, str(attempt.submit_token))
    # Another tab, whose page no longer matches: the learner sees their result, not an error.
    again = services.submit_attempt(attempt, "00000000-0000-0000-0000-000000000000")
    assert again.pk == first.pk
    assert (again.submitted_at, again.percent, again.passed) == (
        first.submitted_at,
        Decimal("100.00"),
        True,
    )


def test_a_submission_racing_another_one_leaves_the_first_grade_on_sqlite(learner, module):
    """SQLite ignores row locks: the compare-and-set is what keeps one grade.

    While this request is grading, "another request" (a second tab) grades the attempt
    first. This request must then return that grade, not overwrite it with its own.
    """
    quiz = make_quiz(module, [make_question()], pass_mark=50)
    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt, right_answers(attempt))
    other_moment = timezone.now() - datetime.timedelta(seconds=5)
    real_grade = services.quizzes.grade

    def grade_after_the_other_tab(snapshot, answers):
        Attempt.objects.filter(pk=attempt.pk).update(
            status=AttemptStatus.FINISHED,
            submitted_at=other_moment,
            score=Decimal(0),
            percent=Decimal("0.00"),
            passed=False,
        )
        return real_grade(snapshot, answers)

    with mock.patch.object(services.quizzes, "grade", grade_after_the_other_tab):
        result = services.submit_attempt(attempt, str(attempt.submit_token))
    assert (result.submitted_at, result.percent, result.passed) == (
        other_moment,
        Decimal("0.00"),
        False,
    )
    attempt.refresh_from_db()
    assert (attempt.submitted_at, attempt.passed) == (other_moment, False)


# --- Rounds: a refresher starts afresh -----------------------------------------------------


def test_a_pass_in_the_previous_round_does_not_count_for_a_refresher(learner, module):
    quiz = make_quiz(module, [make_question()], pass_mark=50, attempts_allowed=1)
    two_years_ago = timezone.now() - datetime.timedelta(days=730)
    old_round = Enrolment.objects.create(
        user=learner, module=module, started_at=two_years_ago, completed_at=two_years_ago
    )
    new_round = Enrolment.objects.create(
        user=learner, module=module, started_at=timezone.now() - datetime.timedelta(days=1)
    )
    Attempt.objects.create(
        user=learner,
        quiz=quiz,
        number=1,
        status=AttemptStatus.FINISHED,
        started_at=new_round.started_at - SECOND,  # a second before this round began
        submitted_at=new_round.started_at - SECOND,
        score=Decimal(1),
        percent=Decimal(100),
        passed=True,
    )
    assert old_round.pk != new_round.pk
    assert has_passed(learner, quiz) is False
    # Neither the pass nor the used attempt carries over into the new round.
    assert attempt_block_reason(learner, quiz) == ""

    Attempt.objects.filter(user=learner, quiz=quiz).update(started_at=new_round.started_at)
    assert has_passed(learner, quiz) is True  # started as the round began: this round's
    assert attempt_block_reason(learner, quiz) == "You have already passed this quiz."


# --- Coverage figures -------------------------------------------------------------------

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=LONDON)


def certify(user, module, expires_in: datetime.timedelta, issued=NOW - datetime.timedelta(days=30)):
    enrolment = Enrolment.objects.create(user=user, module=module, completed_at=issued)
    certificate = issue_certificate(enrolment, now=issued)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=NOW + expires_in)
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


@pytest.fixture
def police(catalogue):
    return AgencyFactory(name="Police", sector="police", headcount=10)


def cell(table, agency, module):
    return table[(table.agency_id == agency.pk) & (table.module_id == module.pk)].iloc[0]


# NOW is 22 November 2026 at noon in London: a certificate is in date through the date it
# prints (certificates.validity), expiring from that day to 60 days after, both included.
LAST_MOMENT = datetime.timedelta(hours=11, minutes=59, seconds=59)  # 23:59:59 that day
FIRST_MOMENT = -datetime.timedelta(hours=12)  # 00:00 that day


@pytest.mark.parametrize(
    ("expires_in", "in_date", "expiring", "lapsed", "status"),
    [
        (datetime.timedelta(days=61) + FIRST_MOMENT, 1, 0, 0, "In date"),
        (datetime.timedelta(days=60) + LAST_MOMENT, 1, 1, 0, "Expiring soon"),
        (datetime.timedelta(days=60) + FIRST_MOMENT, 1, 1, 0, "Expiring soon"),
        (datetime.timedelta(days=59), 1, 1, 0, "Expiring soon"),
        (datetime.timedelta(0), 1, 1, 0, "Expiring soon"),
        (FIRST_MOMENT, 1, 1, 0, "Expiring soon"),
        (FIRST_MOMENT - SECOND, 0, 0, 1, "Lapsed"),
    ],
)
def test_expiring_within_60_days_in_coverage(
    user_with_role, coordinator, police, catalogue, expires_in, in_date, expiring, lapsed, status
):
    module = module_with_lessons(catalogue, count=1)
    person = user_with_role(agency=police)
    certify(person, module, expires_in)
    found = cell(coverage_table(coordinator, now=NOW), police, module)
    assert (found.in_date, found.expiring, found.lapsed) == (in_date, expiring, lapsed)
    [row] = learners_for_cell(coordinator, police.pk, module.pk, now=NOW)
    assert row["status"] == status
    assert (
        headlines(coverage_table(coordinator, now=NOW), coordinator, now=NOW)["expiring_soon"]
        == expiring
    )


def test_deactivated_and_erased_people_drop_out_of_coverage(
    user_with_role, coordinator, police, catalogue
):
    module = module_with_lessons(catalogue, count=1)
    TrainingRequirement.objects.create(module=module, sector="police")
    active, leaver, erased = (user_with_role(agency=police, full_name=n) for n in "ABC")
    for person in (active, leaver, erased):
        certify(person, module, datetime.timedelta(days=400))
        # A refresher under way, started before NOW (a past NOW is judged as at then).
        Enrolment.objects.create(
            user=person, module=module, started_at=NOW - datetime.timedelta(days=1)
        )
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    erase_user(erased, by=coordinator)

    found = cell(coverage_table(coordinator, now=NOW), police, module)
    assert (found.registered, found.in_date, found.in_progress) == (1, 1, 1)
    assert found.required_missing == 0
    rows = learners_for_cell(coordinator, police.pk, module.pk, now=NOW)
    assert [row["id"] for row in rows] == [active.pk]


def test_a_sector_wide_requirement_counts_everyone_in_required_but_missing(
    user_with_role, coordinator, police, catalogue
):
    module = module_with_lessons(catalogue, count=1)
    other_sector = module_with_lessons(catalogue, count=1)
    managers_only = module_with_lessons(catalogue, count=1)
    TrainingRequirement.objects.create(module=module, sector="police", job_role="")
    TrainingRequirement.objects.create(module=other_sector, sector="health", job_role="")
    TrainingRequirement.objects.create(module=managers_only, sector="", job_role="manager")
    frontline = user_with_role(agency=police, job_role="frontline")
    manager = user_with_role(agency=police, job_role="manager")
    certify(manager, module, datetime.timedelta(days=400))

    table = coverage_table(coordinator, now=NOW)
    assert cell(table, police, module).required_missing == 1  # every role: the frontline one
    assert cell(table, police, other_sector).required_missing == 0
    assert cell(table, police, managers_only).required_missing == 1  # the manager only
    missing = learners_for_cell(coordinator, police.pk, module.pk, now=NOW, required_missing=True)
    assert [row["id"] for row in missing] == [frontline.pk]
    managers = learners_for_cell(
        coordinator, police.pk, managers_only.pk, now=NOW, required_missing=True
    )
    assert [row["id"] for row in managers] == [manager.pk]


def test_an_agency_leads_headline_tiles_count_only_their_own_agency(
    user_with_role, police, catalogue
):
    module = module_with_lessons(catalogue, count=1)
    health = AgencyFactory(name="Hillside Trust", sector="health", headcount=10)
    lead = user_with_role(Role.AGENCY_LEAD, agency=police)
    in_quarter = NOW - datetime.timedelta(days=10)
    certify(user_with_role(agency=police), module, datetime.timedelta(days=30), issued=in_quarter)
    for _ in range(2):
        certify(
            user_with_role(agency=health), module, datetime.timedelta(days=30), issued=in_quarter
        )
    FaceToFaceSession.objects.create(
        agency=police,
        date=in_quarter.date(),
        attendance_count=4,
        trainer="Police trainer",
        topic="Coercive control",
    )
    FaceToFaceSession.objects.create(
        agency=health,
        date=in_quarter.date(),
        attendance_count=7,
        trainer="Health trainer",
        topic="Coercive control",
    )

    tiles = headlines(coverage_table(lead, now=NOW), lead, now=NOW)
    assert tiles["trained_in_period"] == 1
    assert tiles["sectors_engaged"] == 1
    assert tiles["face_to_face_by_count"] == 4
    assert (tiles["in_date"], tiles["expiring_soon"]) == (1, 1)

    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    everyone = headlines(coverage_table(coordinator, now=NOW), coordinator, now=NOW)
    assert everyone["trained_in_period"] == 3
    assert everyone["face_to_face_by_count"] == 11


def test_a_revoked_certificate_is_not_in_date_coverage(
    user_with_role, coordinator, police, catalogue
):
    module = module_with_lessons(catalogue, count=1)
    certificate = certify(user_with_role(agency=police), module, datetime.timedelta(days=400))
    revoke_certificate(certificate, by=coordinator, reason="Issued in error")
    found = cell(coverage_table(coordinator, now=NOW), police, module)
    assert (found.in_date, found.lapsed) == (0, 0)
