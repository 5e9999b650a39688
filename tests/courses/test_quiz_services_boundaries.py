"""Quiz services at their edges: how much more time a learner is given, what a typed
answer is stored as, what a refused answer leaves in the log, and ratings kept per stage.

Extra time (WCAG 2.2.1) is half the time limit again, rounded down, never less than five
minutes, counted from the later of the deadline and the moment it is asked for.
"""

import datetime
import logging
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from courses import services
from courses.factories import make_question, make_quiz
from courses.models import ConfidenceResponse, Enrolment
from courses.quiz_formats import SHORT_ANSWER
from courses.services import QuizError
from courses.services.quizzes import DEADLINE_GRACE, AnswerProblems
from tests.courses.test_quiz_typed import typed_question
from tests.courses.test_quizzes import right_answers

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def learner(user_with_role):
    return user_with_role()


def timed_attempt(learner, module, limit, now):
    quiz = make_quiz(module, [make_question()], time_limit_minutes=limit)
    return services.start_attempt(learner, quiz, now=now)


@pytest.mark.parametrize(
    ("limit", "extra"),
    [(8, 5), (10, 5), (11, 5), (12, 6), (30, 15)],
)
def test_extra_time_is_half_the_limit_rounded_down_and_at_least_five_minutes(
    learner, module, limit, extra
):
    now = timezone.now()
    attempt = timed_attempt(learner, module, limit, now)
    deadline = attempt.deadline
    assert deadline == now + limit * MINUTE
    asked = now + 2 * MINUTE  # before the deadline: added to the deadline, not to now
    attempt = services.extend_time(attempt, now=asked)
    assert attempt.deadline == deadline + extra * MINUTE
    attempt.refresh_from_db()
    assert attempt.deadline == deadline + extra * MINUTE


def test_extra_time_asked_for_in_the_grace_after_the_deadline_counts_from_now(learner, module):
    now = timezone.now()
    attempt = timed_attempt(learner, module, 10, now)
    asked = attempt.deadline + datetime.timedelta(seconds=20)  # inside the grace period
    attempt = services.extend_time(attempt, now=asked)
    assert attempt.deadline == asked + 5 * MINUTE


def test_extra_time_without_a_moment_given_is_counted_from_the_clock(learner, module):
    start = timezone.now().replace(microsecond=0)
    attempt = timed_attempt(learner, module, 10, start)
    late = attempt.deadline + datetime.timedelta(seconds=10)
    with time_machine.travel(late, tick=False):
        attempt = services.extend_time(attempt)
    assert attempt.deadline == late + 5 * MINUTE


def test_extending_reads_the_attempt_and_its_quiz_in_one_query(
    learner, module, django_assert_max_num_queries
):
    now = timezone.now()
    attempt = timed_attempt(learner, module, 10, now)
    # A savepoint, the locked read (with its quiz), the update, the release.
    with django_assert_max_num_queries(4):
        services.extend_time(attempt, now=now)


@pytest.fixture
def typed_attempt(learner, module):
    words = typed_question(SHORT_ANSWER, [("Refuge", 1, None, "")])
    quiz = make_quiz(module, [words])
    return services.start_attempt(learner, quiz)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        (["  Refuge\t"], "Refuge"),  # as a form posts it: one value in a list, trimmed
        ("Refuge ", "Refuge"),
        ([], ""),  # nothing typed
        ("", ""),
    ],
)
def test_a_typed_answer_is_stored_as_its_trimmed_text(typed_attempt, sent, stored):
    attempt = services.save_answers(typed_attempt, {"0": sent})
    assert attempt.answers == {"0": stored}
    attempt.refresh_from_db()
    assert attempt.answers == {"0": stored}


@pytest.mark.parametrize("sent", [{}, {"a": "Refuge"}, ["Refuge", "Police"], 7])
def test_a_typed_answer_that_is_not_text_is_refused_and_nothing_is_saved(
    typed_attempt, sent, caplog
):
    services.save_answers(typed_attempt, {"0": "Refuge"})
    with caplog.at_level(logging.WARNING, logger="safecity.quiz"), pytest.raises(QuizError):
        services.save_answers(typed_attempt, {"0": sent})
    typed_attempt.refresh_from_db()
    assert typed_attempt.answers == {"0": "Refuge"}
    (warning,) = [r for r in caplog.records if r.name == "safecity.quiz"]
    assert warning.getMessage().endswith(
        f"(user {typed_attempt.user_id}): a typed answer must be text"
    )


def test_the_log_says_why_a_tampered_answer_was_refused(learner, module, caplog):
    quiz = make_quiz(
        module,
        [make_question("matching", "Pairs"), make_question("single", "One")],
        shuffle_questions=False,
    )
    attempt = services.start_attempt(learner, quiz)
    matching, single = (0, 1) if attempt.questions[0]["type"] == "matching" else (1, 0)
    with caplog.at_level(logging.WARNING, logger="safecity.quiz"):
        with pytest.raises(QuizError):
            services.save_answers(attempt, {str(matching): ["999"]})
        with pytest.raises(QuizError):
            services.save_answers(attempt, {str(single): ["no-such-option"]})
    reasons = [m.split(": ", 1)[1] for m in caplog.messages]
    assert reasons == ["matching answer must be a mapping", "unknown option in ['no-such-option']"]


def test_a_matching_answer_naming_a_pair_not_shown_is_refused_and_logged(learner, module, caplog):
    quiz = make_quiz(module, [make_question("matching", "Pairs")])
    attempt = services.start_attempt(learner, quiz)
    question = attempt.questions[0]
    choice = question["choices"][0]
    with (
        caplog.at_level(logging.WARNING, logger="safecity.quiz"),
        pytest.raises(QuizError),
    ):
        services.save_answers(attempt, {"0": {"p99": choice}})
    assert caplog.messages[-1].endswith(f": unknown pair 'p99' or choice {choice!r}")
    attempt.refresh_from_db()
    assert attempt.answers == {}
    # A pair shown, with a choice shown, is kept.
    key = question["pairs"][0]["key"]
    assert services.save_answers(attempt, {"0": {key: choice}}).answers == {"0": {key: choice}}


def test_a_single_choice_sent_as_one_value_rather_than_a_list_is_kept(learner, module):
    quiz = make_quiz(module, [make_question()])
    attempt = services.start_attempt(learner, quiz)
    key = attempt.questions[0]["options"][1]["key"]
    assert len(key) > 1  # keys are "o0", "o1", ...: one value is not a list of letters
    assert services.save_answers(attempt, {"0": key}).answers == {"0": [key]}


def test_a_pass_after_the_enrolment_was_removed_changes_nothing_else(
    learner, module, django_capture_on_commit_callbacks
):
    quiz = make_quiz(module, [make_question()], pass_mark=50)
    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt, right_answers(attempt))
    Enrolment.objects.filter(user=learner).delete()
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.submit_attempt(attempt, str(attempt.submit_token))
    assert attempt.passed
    assert not Enrolment.objects.filter(user=learner).exists()


def test_ratings_before_and_after_a_module_are_kept_apart(learner, module):
    statement = "I know how to ask about abuse safely"
    services.save_confidence(learner, module, "before", {statement: 2})
    services.save_confidence(learner, module, "after", {statement: 4})
    services.save_confidence(learner, module, "after", {statement: 5})  # changed: replaced
    assert sorted(
        ConfidenceResponse.objects.filter(user=learner).values_list("stage", "rating")
    ) == [("after", 5), ("before", 2)]


# --- What the learner is told ----------------------------------------------------------------


def test_a_finished_attempt_cannot_be_changed_and_says_so(learner, module):
    quiz = make_quiz(module, [make_question()])
    attempt = services.start_attempt(learner, quiz)
    services.submit_attempt(attempt, str(attempt.submit_token))
    with pytest.raises(QuizError) as error:
        services.save_answers(attempt, {"0": []})
    assert str(error.value) == "This attempt has already been submitted, so it can't be changed."


def test_answers_after_the_time_and_its_grace_are_refused_and_say_what_happens(learner, module):
    now = timezone.now()
    attempt = timed_attempt(learner, module, 10, now)
    grace_over = attempt.deadline + DEADLINE_GRACE
    services.save_answers(attempt, {"0": []}, now=grace_over)  # the last moment allowed
    with pytest.raises(QuizError) as error:
        services.save_answers(attempt, {"0": []}, now=grace_over + datetime.timedelta(seconds=1))
    assert str(error.value) == (
        "The time limit for this attempt has passed, so new answers can't be saved. "
        "We have marked the answers you saved before the time ran out."
    )


def test_a_tampered_answer_is_refused_in_words_and_logged_with_the_attempt_and_person(
    learner, module, caplog
):
    quiz = make_quiz(module, [make_question()])
    attempt = services.start_attempt(learner, quiz)
    with (
        caplog.at_level(logging.WARNING, logger="safecity.quiz"),
        pytest.raises(QuizError) as error,
    ):
        services.save_answers(attempt, {"0": ["no-such-option"]})
    assert str(error.value) == (
        "One of your answers did not match the questions on this page, so nothing was "
        "saved. Please choose your answers again."
    )
    assert (
        f"Rejected tampered answer on attempt {attempt.pk} (user {learner.pk}): "
        "unknown option in ['no-such-option']" in caplog.messages
    )


def test_a_typed_answer_to_put_right_is_reported_before_any_tampering(learner, module):
    from courses.quiz_formats import NUMERICAL

    number = typed_question(NUMERICAL, [("3", 1, 0, "")])
    quiz = make_quiz(module, [number])
    attempt = services.start_attempt(learner, quiz)
    with pytest.raises(AnswerProblems) as error:
        services.save_answers(attempt, {"7": ["x"], "0": ["three"]})
    assert list(error.value.problems) == [0]
    attempt.refresh_from_db()
    assert attempt.answers == {}


# --- Grading at the pass mark ------------------------------------------------------------


def test_a_score_exactly_at_the_pass_mark_passes_and_one_point_below_fails(user_with_role, module):
    questions = [make_question() for _ in range(5)]
    quiz = make_quiz(module, questions, pass_mark=80)

    def sit(right):
        learner = user_with_role()
        attempt = services.start_attempt(learner, quiz)
        answers = right_answers(attempt)
        for index in list(answers)[right:]:
            options = attempt.questions[int(index)]["options"]
            answers[index] = [next(o["key"] for o in options if Decimal(o["fraction"]) <= 0)]
        services.save_answers(attempt, answers)
        return services.submit_attempt(attempt, str(attempt.submit_token))

    four = sit(4)
    assert (four.percent, four.passed) == (Decimal("80.00"), True)
    three = sit(3)
    assert (three.percent, three.passed) == (Decimal("60.00"), False)
    quiz.pass_mark = 81  # a whole percentage
    quiz.save()
    assert sit(4).passed is False


def test_a_percentage_is_rounded_half_up_to_two_places(learner, module):
    # One question of 16 half right: 3.125 %, shown as 3.13 % (half up), not 3.12 %.
    questions = [make_question("multiple")] + [make_question() for _ in range(15)]
    quiz = make_quiz(module, questions, shuffle_questions=False, pass_mark=3)
    attempt = services.start_attempt(learner, quiz)
    multiple = next(i for i, q in enumerate(attempt.questions) if q["type"] == "multiple")
    right_a = next(
        o["key"] for o in attempt.questions[multiple]["options"] if o["text"] == "Right A"
    )
    services.save_answers(attempt, {str(multiple): [right_a]})
    attempt = services.submit_attempt(attempt, str(attempt.submit_token))
    assert attempt.percent == Decimal("3.13")
    assert attempt.passed


def test_a_stale_page_is_refused_in_words_and_logged(learner, module, caplog):
    quiz = make_quiz(module, [make_question()])
    attempt = services.start_attempt(learner, quiz)
    with (
        caplog.at_level(logging.WARNING, logger="safecity.quiz"),
        pytest.raises(QuizError) as error,
    ):
        services.submit_attempt(attempt, "00000000-0000-0000-0000-000000000000")
    assert str(error.value) == (
        "This page is out of date. Check your answers below and submit again."
    )
    assert f"Submit with a wrong token for attempt {attempt.pk}" in caplog.messages


# --- Grading one attempt, once, and saying so ---------------------------------------------


def test_submitting_grades_only_that_attempt(user_with_role, module):
    quiz = make_quiz(module, [make_question()])
    mine, theirs = user_with_role(), user_with_role()
    attempt = services.start_attempt(mine, quiz)
    other = services.start_attempt(theirs, quiz)
    services.submit_attempt(attempt, str(attempt.submit_token))
    other.refresh_from_db()
    assert not other.is_finished
    assert other.score is None


def test_grading_refreshes_the_learners_cached_pages_and_announces_it_once(
    learner, module, caplog, django_capture_on_commit_callbacks
):
    from courses.signals import attempt_graded
    from pagecache.versions import current

    quiz = make_quiz(module, [make_question()], pass_mark=50)
    attempt = services.start_attempt(learner, quiz)
    services.save_answers(attempt, right_answers(attempt))
    before = current(learner.pk)
    heard = []

    def receiver(sender, attempt, **kwargs):
        heard.append((sender, attempt.pk, attempt.percent))

    attempt_graded.connect(receiver)
    try:
        with (
            caplog.at_level(logging.INFO, logger="safecity.quiz"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            graded = services.submit_attempt(attempt, str(attempt.submit_token))
            services.submit_attempt(attempt, str(attempt.submit_token))  # a double click
    finally:
        attempt_graded.disconnect(receiver)
    assert heard == [(type(graded), graded.pk, Decimal("100.00"))]
    assert current(learner.pk) != before
    assert f"Graded attempt {graded.pk}: 100.00%" in caplog.messages


# --- What an attempt keeps, and what the learner is told about typed answers ---------------


def test_an_attempt_keeps_the_stem_and_case_rule_it_was_shown(learner, module):
    strict = typed_question(SHORT_ANSWER, [("Refuge", 1, None, "")], case_sensitive=True)
    quiz = make_quiz(module, [strict], pass_mark=50)
    attempt = services.start_attempt(learner, quiz)
    (shown,) = attempt.questions
    assert shown["stem"] == strict.stem
    assert shown["case_sensitive"] is True
    strict.case_sensitive = False
    strict.save()  # an edit afterwards does not change the attempt under way
    services.save_answers(attempt, {"0": "refuge"})
    attempt = services.submit_attempt(attempt, str(attempt.submit_token))
    assert attempt.percent == Decimal("0.00")


def test_typed_answers_to_put_right_are_counted_in_the_message(learner, module):
    from courses.quiz_formats import NUMERICAL

    numbers = [typed_question(NUMERICAL, [("3", 1, 0, "")], name=f"N{i}") for i in range(2)]
    attempt = services.start_attempt(learner, make_quiz(module, numbers))
    with pytest.raises(AnswerProblems) as one:
        services.save_answers(attempt, {"0": "three", "1": "3"})
    assert str(one.value) == (
        "There is a problem with your answer. Nothing was saved: put it right and try again."
    )
    with pytest.raises(AnswerProblems) as two:
        services.save_answers(attempt, {"0": "three", "1": "four"})
    assert str(two.value) == (
        "There are problems with 2 answers. Nothing was saved: put them right and try again."
    )
    assert sorted(two.value.problems) == [0, 1]


def test_two_options_for_a_single_choice_question_are_refused_and_logged(learner, module, caplog):
    quiz = make_quiz(module, [make_question()])
    attempt = services.start_attempt(learner, quiz)
    keys = [o["key"] for o in attempt.questions[0]["options"]][:2]
    with (
        caplog.at_level(logging.WARNING, logger="safecity.quiz"),
        pytest.raises(QuizError),
    ):
        services.save_answers(attempt, {"0": keys})
    assert caplog.messages[-1].endswith(": several options for a single-choice question")
