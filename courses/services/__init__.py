"""Writes for the courses app: learning progress and quizzes."""

from .learning import (
    complete_lesson,
    record_session_attendance,
    refresh_completion,
    save_reflection,
    start_module,
)
from .question_bank import ImportRejected, export_questions, import_questions, parse_upload
from .quizzes import (
    QuizError,
    extend_time,
    grade,
    save_answers,
    save_confidence,
    start_attempt,
    submit_attempt,
)

__all__ = [
    "ImportRejected",
    "QuizError",
    "complete_lesson",
    "export_questions",
    "extend_time",
    "grade",
    "import_questions",
    "parse_upload",
    "record_session_attendance",
    "refresh_completion",
    "save_answers",
    "save_confidence",
    "save_reflection",
    "start_attempt",
    "start_module",
    "submit_attempt",
]
