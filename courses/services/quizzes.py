"""Quiz attempts: start, save answers, submit and grade, exactly once.

Scoring happens here, on the server, against the attempt's own snapshot of the questions;
correct answers never reach the browser before an attempt is submitted.
"""

import datetime
import logging
import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from pagecache.versions import bump_learner

from ..grading import (  # noqa: F401 (grade and QuestionResult are part of this service's API)
    FULL_MARKS,
    QuestionResult,
    _answers_of,
    _units_of,
    grade,
)
from ..models import (
    Attempt,
    ConfidenceResponse,
    ModulePage,
    Question,
    Quiz,
)
from ..models.quizzes import AttemptStatus
from ..quiz_formats import (
    MATCHING,
    NUMERICAL,
    SINGLE,
    TRUE_FALSE,
    TYPED,
)
from ..quiz_formats.answers import (
    MAX_TYPED_ANSWER,
    number_problem,
    trim,
)
from ..selectors import current_enrolment
from ..selectors.quizzes import attempt_block_reason
from ..signals import attempt_graded
from .learning import refresh_completion, start_module

logger = logging.getLogger("safecity.quiz")

# Answers arriving this long after the deadline still count (slow networks, a slow click).
DEADLINE_GRACE = datetime.timedelta(seconds=30)


class QuizError(Exception):
    """Something the learner can put right; the message is shown to them as it is."""


# --- Starting -------------------------------------------------------------------------


def _question_snapshot(question: Question, rng: random.Random, shuffle_options: bool) -> dict:
    data = {
        "id": question.pk,
        "type": question.type,
        "name": question.name,
        "stem": question.stem,
        "general_feedback": question.general_feedback,
        "topics": sorted(tag.name for tag in question.tags.all()),
    }
    if question.type in TYPED:
        # The accepted answers stay on the server with the snapshot: never sent to the
        # browser before the attempt is submitted.
        data["case_sensitive"] = question.case_sensitive
        data["answers"] = [
            {
                "text": answer.answer,
                "fraction": str(answer.fraction),
                "feedback": answer.feedback,
                "tolerance": None if answer.tolerance is None else str(answer.tolerance),
            }
            for answer in question.answers.all()
        ]
        data["units"] = [
            {"name": unit.unit, "multiplier": str(unit.multiplier)} for unit in question.units.all()
        ]
        return data
    if question.type == MATCHING:
        # A pair with no prompt is an extra wrong answer: only a choice in the lists.
        pairs = list(question.pairs.all())
        answers = sorted({pair.answer for pair in pairs})
        rng.shuffle(answers)
        data["pairs"] = [
            {"key": f"p{i}", "prompt": pair.prompt, "answer": pair.answer}
            for i, pair in enumerate(pair for pair in pairs if pair.prompt)
        ]
        data["choices"] = answers
        return data
    options = list(question.options.all())
    if shuffle_options and question.type != TRUE_FALSE:
        rng.shuffle(options)
    data["options"] = [
        {
            "key": f"o{i}",
            "text": option.text,
            "fraction": str(option.fraction),
            "feedback": option.feedback,
        }
        for i, option in enumerate(options)
    ]
    return data


def build_snapshot(
    quiz: Quiz, rng: random.Random | None = None, avoid: frozenset[int] = frozenset()
) -> dict:
    """The questions this attempt will show, in order, frozen.

    Only published questions, as published (the rows hold the live version; drafts live in
    revisions): a question that has never been published is left out, even if chosen.

    A random draw takes questions the learner was not shown last time (``avoid``) first, and
    only tops up from those when its topic has too few others: with at least twice as many
    questions as the draw, a resit shows none of the previous attempt's drawn questions.
    """
    rng = rng or random.SystemRandom()
    prefetch = ("options", "pairs", "tags", "answers", "units")
    slots = list(
        quiz.slots.select_related("question").order_by(F("sort_order").asc(nulls_last=True), "pk")
    )
    # Fixed questions are taken first, so a random draw never repeats one of them,
    # wherever the draw sits in the list.
    seen: set[int] = {slot.question_id for slot in slots if slot.question_id}
    chosen: list[Question] = []
    placed: set[int] = set()
    for slot in slots:
        if slot.question_id:
            if not slot.question.live:
                continue
            if slot.question_id not in placed:
                chosen.append(slot.question)
                placed.add(slot.question_id)
            continue
        pool = list(
            Question.objects.filter(live=True, tags__name=slot.topic)
            .exclude(pk__in=seen)
            .distinct()
            .order_by("pk")
        )
        fresh = [question for question in pool if question.pk not in avoid]
        shown = [question for question in pool if question.pk in avoid]
        drawn = rng.sample(fresh, k=min(slot.count, len(fresh)))
        drawn += rng.sample(shown, k=min(slot.count - len(drawn), len(shown)))
        for question in drawn:
            chosen.append(question)
            seen.add(question.pk)
            placed.add(question.pk)
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in=placed, live=True).prefetch_related(*prefetch)
    }
    # A question unpublished a moment ago is left out rather than failing the start.
    ordered = [questions[q.pk] for q in chosen if q.pk in questions]
    if quiz.shuffle_questions:
        rng.shuffle(ordered)
    return {
        "questions": [_question_snapshot(q, rng, quiz.shuffle_options) for q in ordered],
        "pass_mark": quiz.pass_mark,
    }


def start_attempt(user, quiz: Quiz, now: datetime.datetime | None = None) -> Attempt:
    """The learner's open attempt, or a new one if the quiz's rules allow it."""
    # Enrol first, so this attempt belongs to the current round of the module.
    start_module(user, quiz.module)
    now = now or timezone.now()
    open_attempt = Attempt.objects.filter(
        user=user, quiz=quiz, status=AttemptStatus.IN_PROGRESS
    ).first()
    if open_attempt is not None:
        return open_attempt
    if not quiz.live:
        raise QuizError("This quiz is not available yet. Please try again later.")
    reason = attempt_block_reason(user, quiz, now)
    if reason:
        raise QuizError(reason)
    previous = (
        Attempt.objects.filter(user=user, quiz=quiz).order_by("-number").only("snapshot").first()
    )
    shown_last_time = frozenset(q["id"] for q in previous.questions) if previous else frozenset()
    snapshot = build_snapshot(quiz, avoid=shown_last_time)
    if not snapshot["questions"]:
        raise QuizError("This quiz has no questions yet. Please try again later.")
    number = (Attempt.objects.filter(user=user, quiz=quiz).aggregate(n=Max("number"))["n"] or 0) + 1
    deadline = (
        now + datetime.timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None
    )
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                user=user,
                quiz=quiz,
                number=number,
                started_at=now,
                deadline=deadline,
                snapshot=snapshot,
                max_score=Decimal(len(snapshot["questions"])),
            )
    except IntegrityError:
        # A double click or a second tab started it a moment ago.
        return Attempt.objects.get(user=user, quiz=quiz, status=AttemptStatus.IN_PROGRESS)


# --- Answering ------------------------------------------------------------------------


class AnswerProblems(QuizError):
    """Typed answers that can't be marked (e.g. "abc" for a number): nothing was saved.
    ``problems`` maps each question's position in the attempt to what to put right."""

    def __init__(self, problems: dict[int, str]):
        self.problems = problems
        count = len(problems)
        super().__init__(
            "There is a problem with your answer. Nothing was saved: put it right and try again."
            if count == 1
            else f"There are problems with {count} answers. Nothing was saved: put them right "
            "and try again."
        )


def typed_answer_problem(question: dict, raw) -> str:
    """What is wrong with a typed answer, in words for the learner ("" if nothing)."""
    if not isinstance(raw, str):
        return ""
    if len(raw) > MAX_TYPED_ANSWER:
        return f"Your answer must be {MAX_TYPED_ANSWER} characters or fewer"
    if question["type"] == NUMERICAL:
        return number_problem(raw, _units_of(question))
    return ""


def _clean_answer(question: dict, raw) -> list[str] | dict[str, str] | str:
    """Check an answer against the question shown; anything else is tampering."""
    if question["type"] in TYPED:
        if isinstance(raw, list) and len(raw) <= 1:
            raw = raw[0] if raw else ""
        if not isinstance(raw, str):
            raise ValueError("a typed answer must be text")
        return trim(raw)
    if question["type"] == MATCHING:
        if not isinstance(raw, dict):
            raise ValueError("matching answer must be a mapping")
        keys = {pair["key"] for pair in question["pairs"]}
        choices = set(question["choices"])
        cleaned = {}
        for key, value in raw.items():
            if key not in keys or (value and value not in choices):
                raise ValueError(f"unknown pair {key!r} or choice {value!r}")
            if value:
                cleaned[key] = value
        return cleaned
    keys = {option["key"] for option in question["options"]}
    values = raw if isinstance(raw, list) else [raw]
    values = [value for value in values if value]
    if any(value not in keys for value in values):
        raise ValueError(f"unknown option in {values!r}")
    if question["type"] in (SINGLE, TRUE_FALSE) and len(values) > 1:
        raise ValueError("several options for a single-choice question")
    return sorted(set(values))


def _check_open(attempt: Attempt, now: datetime.datetime) -> None:
    if attempt.is_finished:
        raise QuizError("This attempt has already been submitted, so it can't be changed.")
    if attempt.deadline and now > attempt.deadline + DEADLINE_GRACE:
        raise QuizError(
            "The time limit for this attempt has passed, so new answers can't be saved. "
            "We have marked the answers you saved before the time ran out."
        )


def save_answers(
    attempt: Attempt, answers: dict[str, object], now: datetime.datetime | None = None
) -> Attempt:
    """Store answers to some of the attempt's questions (one page's worth).

    ``answers`` maps the question's position in the attempt (as a string) to the chosen
    option keys, or for matching questions to {pair key: chosen answer}.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        _check_open(locked, now)
        questions = locked.questions
        merged = dict(locked.answers)
        problems = {}
        for index, raw in answers.items():
            try:
                question = questions[int(index)]
            except (ValueError, IndexError, TypeError):
                continue  # reported as tampering below
            value = raw[0] if isinstance(raw, list) and len(raw) == 1 else raw
            if question["type"] in TYPED and (problem := typed_answer_problem(question, value)):
                problems[int(index)] = problem
        if problems:
            raise AnswerProblems(problems)
        for index, raw in answers.items():
            try:
                question = questions[int(index)]
                merged[str(int(index))] = _clean_answer(question, raw)
            except (ValueError, IndexError, TypeError, KeyError) as error:
                logger.warning(
                    "Rejected tampered answer on attempt %s (user %s): %s",
                    locked.pk,
                    locked.user_id,
                    error,
                )
                raise QuizError(
                    "One of your answers did not match the questions on this page, so "
                    "nothing was saved. Please choose your answers again."
                ) from error
        locked.answers = merged
        locked.save(update_fields=["answers"])
    attempt.answers = merged
    return attempt


def extend_time(
    attempt: Attempt, *, switch_off: bool = False, now: datetime.datetime | None = None
) -> Attempt:
    """Give more time (half the limit again), or switch the limit off (WCAG 2.2.1)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
        _check_open(locked, now)
        if locked.deadline is not None:
            if switch_off:
                locked.deadline = None
            else:
                extra = max(5, (locked.quiz.time_limit_minutes or 10) // 2)
                locked.deadline = max(locked.deadline, now) + datetime.timedelta(minutes=extra)
            locked.save(update_fields=["deadline"])
    attempt.deadline = locked.deadline
    return attempt


def submit_attempt(attempt: Attempt, token: str, now: datetime.datetime | None = None) -> Attempt:
    """Grade the attempt once. A second submission (double click, another tab, a retry)
    returns the graded attempt unchanged."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
        if locked.is_finished:
            return locked
        if str(locked.submit_token) != str(token):
            logger.warning("Submit with a wrong token for attempt %s", locked.pk)
            raise QuizError("This page is out of date. Check your answers below and submit again.")
        score, _ = grade(locked.snapshot, locked.answers)
        count = len(locked.questions) or 1
        percent = (score * 100 / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        passed = percent >= locked.quiz.pass_mark
        # Compare-and-set: only the request that moves it out of "in progress" grades it,
        # even where the database ignores row locks.
        updated = Attempt.objects.filter(pk=locked.pk, status=AttemptStatus.IN_PROGRESS).update(
            status=AttemptStatus.FINISHED,
            submitted_at=now,
            score=score,
            percent=percent,
            passed=passed,
        )
        locked.refresh_from_db()
        if updated:
            bump_learner(locked.user_id)  # graded by update(): no signal reaches pagecache
            logger.info("Graded attempt %s: %s%%", locked.pk, percent)
            graded = locked
            transaction.on_commit(lambda: attempt_graded.send(sender=Attempt, attempt=graded))
        if updated and passed:
            user, module = locked.user, locked.quiz.module
            transaction.on_commit(lambda: _after_pass(user, module))
    return locked


def _after_pass(user, module: ModulePage) -> None:
    enrolment = current_enrolment(user, module)
    if enrolment is not None and not enrolment.is_complete:
        refresh_completion(enrolment)


# --- Confidence -----------------------------------------------------------------------


def save_confidence(user, module: ModulePage, stage: str, ratings: dict[str, int]) -> None:
    for statement, rating in ratings.items():
        ConfidenceResponse.objects.update_or_create(
            user=user,
            module=module,
            stage=stage,
            statement=statement,
            defaults={"rating": rating},
        )
