"""Reading quizzes and attempts."""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from ..grading import grade
from ..models import Attempt, LessonPage, Quiz
from ..models.quizzes import AttemptStatus, ReviewWhen
from ..quiz_formats import TYPED
from . import current_enrolment


def quiz_for_module(module) -> Quiz | None:
    """The module's published quiz; one that has never been published doesn't count yet."""
    return Quiz.objects.filter(module=module, live=True).first()


def attempt_for_user(attempt_id: int, user) -> Attempt:
    """The user's own attempt, or 404: nobody sees another person's attempts."""
    try:
        return Attempt.objects.select_related("quiz__module").get(pk=attempt_id, user=user)
    except (Attempt.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("No such attempt") from error


def attempts_this_round(user, quiz: Quiz) -> QuerySet[Attempt]:
    """Finished attempts since the learner's current enrolment on the module began (a
    refresher starts a new round)."""
    attempts = Attempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.FINISHED)
    enrolment = current_enrolment(user, quiz.module)
    if enrolment is not None:
        attempts = attempts.filter(started_at__gte=enrolment.started_at)
    return attempts.order_by("-submitted_at")


def has_passed(user, quiz: Quiz) -> bool:
    return attempts_this_round(user, quiz).filter(passed=True).exists()


def next_attempt_at(user, quiz: Quiz) -> datetime.datetime | None:
    last = attempts_this_round(user, quiz).first()
    if last is None or not quiz.minutes_between_attempts:
        return None
    return last.submitted_at + datetime.timedelta(minutes=quiz.minutes_between_attempts)


def attempt_block_reason(user, quiz: Quiz, now: datetime.datetime | None = None) -> str:
    """Why the learner cannot start an attempt now, or "" if they can."""
    now = now or timezone.now()
    if has_passed(user, quiz):
        return "You have already passed this quiz."
    used = attempts_this_round(user, quiz).count()
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        return (
            f"You have used all {quiz.attempts_allowed} attempts. Contact the Training "
            "Coordinator if you need another."
        )
    allowed_at = next_attempt_at(user, quiz)
    if allowed_at and allowed_at > now:
        when = date_format(timezone.localtime(allowed_at), "j F Y \\a\\t H:i")
        return f"You can try again from {when}. Use the time to look back over the lessons."
    return ""


def may_review(setting: str, attempt: Attempt, passed_any: bool) -> bool:
    if setting == ReviewWhen.IMMEDIATELY:
        return True
    if setting == ReviewWhen.AFTER_PASSING:
        return passed_any
    return False


def lessons_to_revisit(module, topics: set[str]) -> list[LessonPage]:
    if not topics:
        return []
    return list(
        LessonPage.objects.child_of(module)
        .live()
        .filter(tagged_items__tag__name__in=topics)
        .distinct()
        .order_by("path")
    )


@dataclass
class QuestionStatistics:
    question_id: int
    name: str
    attempts: int = 0
    marks: list[float] = field(default_factory=list)
    totals: list[float] = field(default_factory=list)
    # Choice questions: each option's text → how many learners chose it.
    options: dict[str, int] = field(default_factory=dict)
    # Matching: each prompt → how many learners matched it to its own answer.
    pairs: dict[str, int] = field(default_factory=dict)
    # Short answer and numerical: each typed answer (trimmed) → how many typed it, and its mark.
    responses: dict[str, int] = field(default_factory=dict)
    response_marks: dict[str, float] = field(default_factory=dict)
    blank: int = 0

    @property
    def facility(self) -> float | None:
        """Percentage of the available mark that learners scored on this question."""
        return 100 * statistics.fmean(self.marks) if self.marks else None

    @property
    def discrimination(self) -> float | None:
        """Correlation between this question and the rest of the quiz (-1 to 1).

        Good questions are answered better by people who do well overall (above 0.3);
        near zero or negative suggests a confusing or wrong question.
        """
        rest = [total - mark for total, mark in zip(self.totals, self.marks, strict=True)]
        if len(self.marks) < 3 or len(set(self.marks)) < 2 or len(set(rest)) < 2:
            return None
        return statistics.correlation(self.marks, rest)

    def top_responses(self, limit: int = 10) -> list[tuple[str, int, float]]:
        """The typed answers most often given, with how many gave each and its mark (0-1);
        the most frequent first, then the best marked, then alphabetically."""
        ranked = sorted(
            self.responses.items(),
            key=lambda item: (-item[1], -self.response_marks[item[0]], item[0]),
        )
        return [(text, count, self.response_marks[text]) for text, count in ranked[:limit]]

    @property
    def flagged(self) -> bool:
        """Nearly everyone gets it wrong: worth checking the question and its answer."""
        return self.facility is not None and self.attempts >= 5 and self.facility < 20


def question_statistics(quiz: Quiz) -> list[QuestionStatistics]:
    """Per-question figures over every finished attempt at the quiz: facility,
    discrimination, and what learners answered (options chosen, prompts matched rightly, or
    the answers typed, blank answers counted apart)."""
    stats: dict[int, QuestionStatistics] = {}
    attempts = Attempt.objects.filter(quiz=quiz, status=AttemptStatus.FINISHED).only(
        "snapshot", "answers"
    )
    for attempt in attempts.iterator():
        total, results = grade(attempt.snapshot, attempt.answers)
        for result in results:
            question = result.question
            item = stats.setdefault(
                question["id"], QuestionStatistics(question["id"], question["name"])
            )
            item.attempts += 1
            item.marks.append(float(result.mark))
            item.totals.append(float(total))
            for option in question.get("options", []):
                item.options.setdefault(option["text"], 0)
                if option["key"] in (result.answer or []):
                    item.options[option["text"]] += 1
            answer = result.answer if isinstance(result.answer, dict) else {}
            for pair in question.get("pairs", []):
                item.pairs.setdefault(pair["prompt"], 0)
                if answer.get(pair["key"]) == pair["answer"]:
                    item.pairs[pair["prompt"]] += 1
            if question["type"] in TYPED:
                typed = result.answer.strip() if isinstance(result.answer, str) else ""
                if not typed:
                    item.blank += 1
                    continue
                item.responses[typed] = item.responses.get(typed, 0) + 1
                item.response_marks[typed] = float(result.mark)
    return sorted(stats.values(), key=lambda s: (s.facility is None, s.facility or 0))


def certificate_number(user, module) -> str | None:
    """The number of the learner's current certificate for ``module`` (not revoked, not
    replaced by a reissue), for the link on the quiz's pass page; None if there is none."""
    from certificates.models import Certificate

    return (
        Certificate.objects.filter(
            user=user, module=module, revoked_at__isnull=True, superseded_by__isnull=True
        )
        .order_by("-issued_at")
        .values_list("number", flat=True)
        .first()
    )
