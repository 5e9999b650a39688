"""Between parsed questions and Question rows, for the parts short-answer and numerical
questions add (accepted answers, case sensitivity, units). Used by the import and the exports
(courses.services.question_bank)."""

from decimal import Decimal

from . import TYPED, ParsedAnswer, ParsedQuestion, ParsedUnit


def set_answers(question, parsed: ParsedQuestion) -> None:
    """Give an unsaved Question the accepted answers, case sensitivity and units of a parsed
    one; saved with it (they are child rows of the cluster). Nothing for other types."""
    from ..models.quizzes import QuestionAnswer, QuestionUnit

    if parsed.type not in TYPED:
        return
    question.case_sensitive = parsed.case_sensitive
    question.answers = [
        QuestionAnswer(
            answer=answer.text[:255],
            fraction=answer.fraction,
            feedback=answer.feedback,
            tolerance=answer.tolerance,
        )
        for answer in parsed.answers
    ]
    question.units = [
        QuestionUnit(unit=unit.name, multiplier=unit.multiplier) for unit in parsed.units
    ]


def add_answers(parsed: ParsedQuestion, question) -> ParsedQuestion:
    """The parsed copy of a Question, with its accepted answers, case sensitivity and units."""
    if question.type not in TYPED:
        return parsed
    parsed.case_sensitive = question.case_sensitive
    parsed.answers = [
        ParsedAnswer(
            text=answer.answer,
            fraction=Decimal(answer.fraction),
            feedback=answer.feedback,
            tolerance=None if answer.tolerance is None else Decimal(answer.tolerance),
        )
        for answer in question.answers.all()
    ]
    parsed.units = [
        ParsedUnit(unit.unit, Decimal(unit.multiplier)) for unit in question.units.all()
    ]
    return parsed
