"""What the quiz pages read, at its edges (courses/selectors/quizzes.py): only this module's
published quiz; only this person's attempt, by its number; only their own finished attempts
on this quiz count towards the limit and the wait; the wait given in UK time; review as the
quiz allows; the certificate number shown only when it is theirs, for this module, and the
one in force."""

import datetime

import pytest
import time_machine
from django.http import Http404
from django.utils import timezone

from accounts.roles import Role
from certificates.services import issue_certificate, reissue_certificate, revoke_certificate
from courses import services
from courses.factories import make_question, make_quiz, module_with_lessons
from courses.models import Enrolment, Quiz
from courses.models.quizzes import ReviewWhen
from courses.selectors.quizzes import (
    attempt_block_reason,
    attempt_for_user,
    attempts_this_round,
    certificate_number,
    may_review,
    quiz_for_module,
)

pytestmark = pytest.mark.django_db

SUMMER = datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC)  # 09:00 in London


@pytest.fixture
def learner(user_with_role):
    return user_with_role()


@pytest.fixture
def other_module(catalogue):
    return module_with_lessons(catalogue, count=1, title="Harmful practices")


def finish(learner, quiz, at):
    attempt = services.start_attempt(learner, quiz, now=at)
    return services.submit_attempt(attempt, str(attempt.submit_token), now=at)


def test_a_module_s_quiz_is_its_own_published_one(module, other_module, catalogue):
    first = make_quiz(module, [make_question()])
    second = make_quiz(other_module, [make_question()])
    assert quiz_for_module(module) == first
    assert quiz_for_module(other_module) == second
    draft_only = module_with_lessons(catalogue, count=1, title="Safe Places")
    Quiz.objects.create(module=draft_only, title="End of module quiz", live=False)
    assert quiz_for_module(draft_only) is None


def test_an_attempt_is_found_by_its_number_for_its_owner_only(
    learner, module, user_with_role, django_assert_num_queries
):
    quiz = make_quiz(module, [make_question()])
    with time_machine.travel(SUMMER, tick=False):
        first = finish(learner, quiz, SUMMER)
        second = services.start_attempt(learner, quiz, now=SUMMER)
    # One query brings the attempt with its quiz and module (the quiz page needs both).
    with django_assert_num_queries(1):
        found = attempt_for_user(second.pk, learner)
        assert found.quiz.module.title == module.title
    assert found == second
    assert attempt_for_user(first.pk, learner) == first
    for wrong in (first.pk, "abc", None):
        with pytest.raises(Http404):
            attempt_for_user(wrong, user_with_role())


def test_only_their_own_finished_attempts_on_this_quiz_count(
    learner, module, other_module, user_with_role
):
    quiz = make_quiz(module, [make_question()], attempts_allowed=2)
    other_quiz = make_quiz(other_module, [make_question()])
    with time_machine.travel(SUMMER, tick=False):
        mine = finish(learner, quiz, SUMMER)
        finish(user_with_role(), quiz, SUMMER)  # someone else's
        finish(learner, other_quiz, SUMMER)  # another quiz
        services.start_attempt(learner, quiz, now=SUMMER)  # started, not finished
        assert list(attempts_this_round(learner, quiz)) == [mine]
        assert attempt_block_reason(learner, quiz, now=SUMMER) == ""


def test_the_limit_is_stated_exactly_once_reached(learner, module):
    quiz = make_quiz(module, [make_question()], attempts_allowed=2)
    with time_machine.travel(SUMMER, tick=False):
        finish(learner, quiz, SUMMER)
        assert attempt_block_reason(learner, quiz, now=SUMMER) == ""
        finish(learner, quiz, SUMMER)
        assert attempt_block_reason(learner, quiz, now=SUMMER) == (
            "You have used all 2 attempts. Contact the Training Coordinator if you need another."
        )


def test_the_wait_is_given_in_uk_time(learner, module):
    quiz = make_quiz(module, [make_question()], minutes_between_attempts=10)
    with time_machine.travel(SUMMER, tick=False):
        finish(learner, quiz, SUMMER + datetime.timedelta(minutes=1))
        later = SUMMER + datetime.timedelta(minutes=5)
        assert attempt_block_reason(learner, quiz, now=later) == (
            "You can try again from 1 July 2026 at 09:11. "
            "Use the time to look back over the lessons."
        )


@pytest.mark.parametrize(
    ("setting", "passed_any", "allowed"),
    [
        (ReviewWhen.IMMEDIATELY, False, True),
        (ReviewWhen.IMMEDIATELY, True, True),
        (ReviewWhen.AFTER_PASSING, False, False),
        (ReviewWhen.AFTER_PASSING, True, True),
        (ReviewWhen.NEVER, False, False),
        (ReviewWhen.NEVER, True, False),
    ],
)
def test_review_is_allowed_as_the_quiz_says(setting, passed_any, allowed):
    assert may_review(setting, attempt=None, passed_any=passed_any) is allowed


def certified(user, module):
    enrolment = Enrolment.objects.create(user=user, module=module, completed_at=timezone.now())
    return issue_certificate(enrolment)


def test_the_certificate_number_is_their_own_current_one_for_this_module(
    learner, module, other_module, user_with_role
):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    assert certificate_number(learner, module) is None
    certified(user_with_role(), module)  # someone else's
    certified(learner, other_module)  # another module
    assert certificate_number(learner, module) is None

    original = certified(learner, module)
    assert certificate_number(learner, module) == original.number
    copy = reissue_certificate(original, by=coordinator)
    assert certificate_number(learner, module) == copy.number  # not the replaced original
    revoke_certificate(copy, by=coordinator, reason="Issued in error")
    assert certificate_number(learner, module) is None


def test_item_analysis_counts_this_quiz_s_finished_attempts_only(
    learner, module, other_module, user_with_role
):
    from courses.selectors.quizzes import question_statistics

    question = make_question(name="Signs of coercive control")
    quiz = make_quiz(module, [question])
    other_quiz = make_quiz(other_module, [make_question(name="What FGM is")])
    with time_machine.travel(SUMMER, tick=False):
        finish(learner, quiz, SUMMER)
        finish(user_with_role(), quiz, SUMMER)
        finish(learner, other_quiz, SUMMER)  # another quiz's attempt
        services.start_attempt(user_with_role(), quiz, now=SUMMER)  # not finished
    [item] = question_statistics(quiz)
    assert item.question_id == question.pk
    assert item.name == "Signs of coercive control"
    assert item.attempts == 2
