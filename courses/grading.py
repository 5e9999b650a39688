"""Marking answers against an attempt's snapshot of its questions: pure functions, no
database, used by the quiz service (courses.services.quizzes) and the statistics
(courses.selectors.quizzes) alike, so both mark an answer the same way."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .quiz_formats import (
    MATCHING,
    NUMERICAL,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
    TYPED,
    ParsedAnswer,
    ParsedUnit,
)
from .quiz_formats.answers import numerical_match, short_answer_match

FULL_MARKS = Decimal("0.999")


def _answers_of(question: dict) -> list[ParsedAnswer]:
    return [
        ParsedAnswer(
            text=answer["text"],
            fraction=Decimal(answer["fraction"]),
            feedback=answer["feedback"],
            tolerance=None if answer["tolerance"] is None else Decimal(answer["tolerance"]),
        )
        for answer in question.get("answers", [])
    ]


def _units_of(question: dict) -> list[ParsedUnit]:
    return [
        ParsedUnit(unit["name"], Decimal(unit["multiplier"])) for unit in question.get("units", [])
    ]


def _clean_pattern(pattern: str) -> str:
    """Moodle's clean_response: ``*Refuge*`` → ``Refuge``; ``\\*`` is a star."""
    bits = re.split(r"(?<!\\)\*", pattern)
    return " ".join(bit.replace("\\*", "*") for bit in bits).strip()


@dataclass
class QuestionResult:
    index: int
    question: dict
    answer: object
    mark: Decimal
    chosen_feedback: list[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return self.mark >= FULL_MARKS

    @property
    def partly(self) -> bool:
        return Decimal(0) < self.mark < FULL_MARKS

    @property
    def answered(self) -> bool:
        return bool(self.answer)

    @property
    def right_answers(self) -> list[str]:
        """Short answer and numerical: the answers worth full marks, as a learner would type
        them (Moodle's clean_response: stars shown as spaces; a number ± its tolerance)."""
        shown = []
        for answer in self.question.get("answers", []):
            if Decimal(answer["fraction"]) < 1 or answer["text"] == "*":
                continue
            if self.question["type"] == NUMERICAL:
                tolerance = Decimal(answer["tolerance"] or 0)
                text = answer["text"]
                shown.append(
                    f"{text} (give or take {tolerance.normalize():f})" if tolerance else text
                )
            else:
                shown.append(_clean_pattern(answer["text"]))
        return shown

    @property
    def right_options(self) -> list[str]:
        return [
            option["text"]
            for option in self.question.get("options", [])
            if Decimal(option["fraction"]) > 0
        ]


def _mark(question: dict, answer) -> tuple[Decimal, list[str]]:
    """The question's mark as Moodle's question types compute it (question/type/*/question.php):

    - single choice and true/false: the chosen option's fraction, negative included (a wrong
      answer worth -50 % gives -0.5); no answer gives 0;
    - multiple response: the chosen options' fractions added up, then kept between 0 and 1;
    - matching: the share of prompts matched to their own answer.

    - short answer: the fraction of the first accepted answer, in their order, that the
      typed answer matches (wildcards, case as set); none matching or blank gives 0;
    - numerical: the fraction of the first accepted answer within its tolerance (units
      optional, not marked); none, blank or not a number gives 0.

    A mark of 0.999 or more counts as 1 (fractions like 3 x 0.3333333).
    """
    if question["type"] in TYPED:
        typed = answer if isinstance(answer, str) else ""
        accepted = _answers_of(question)
        if question["type"] == SHORT_ANSWER:
            matched = short_answer_match(
                typed, accepted, case_sensitive=bool(question.get("case_sensitive"))
            )
        else:
            matched = numerical_match(typed, accepted, _units_of(question))
        if matched is None:
            return Decimal(0), []
        mark = Decimal(1) if matched.fraction >= FULL_MARKS else matched.fraction
        return mark, [matched.feedback] if matched.feedback else []
    if question["type"] == MATCHING:
        answer = answer if isinstance(answer, dict) else {}
        pairs = question["pairs"]
        right = sum(1 for pair in pairs if answer.get(pair["key"]) == pair["answer"])
        return Decimal(right) / Decimal(len(pairs)), []
    chosen = set(answer or [])
    options = [option for option in question["options"] if option["key"] in chosen]
    total = sum((Decimal(option["fraction"]) for option in options), Decimal(0))
    feedback = [option["feedback"] for option in options if option["feedback"]]
    if question["type"] in (SINGLE, TRUE_FALSE):
        mark = total
    else:
        mark = min(Decimal(1), max(Decimal(0), total))
    if mark >= FULL_MARKS:
        mark = Decimal(1)
    return mark, feedback


def grade(snapshot: dict, answers: dict) -> tuple[Decimal, list[QuestionResult]]:
    """Every question's mark, and the attempt's score: their sum, as Moodle's total
    (question_usage_by_activity::get_total_mark) — not floored at 0, so negative marks in
    single choice questions can make a whole attempt's score negative, as in Moodle."""
    results = []
    for index, question in enumerate(snapshot.get("questions", [])):
        answer = answers.get(str(index))
        mark, feedback = _mark(question, answer)
        results.append(QuestionResult(index, question, answer, mark, feedback))
    score = sum((r.mark for r in results), Decimal(0))
    return score, results
