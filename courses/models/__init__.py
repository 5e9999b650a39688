from .coverage import FaceToFaceSession, TrainingRequirement
from .learning import (
    Audience,
    CourseIndexPage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    LessonTag,
    ModulePage,
    ReflectionNote,
)
from .question_import import QuestionImport as QuestionImport
from .quizzes import (
    Attempt,
    ConfidenceResponse,
    Question,
    QuestionCategory,
    QuestionOption,
    QuestionPair,
    QuestionTag,
    Quiz,
    QuizSlot,
)
from .snapshots import CoverageSnapshot

__all__ = [
    "Attempt",
    "Audience",
    "ConfidenceResponse",
    "CourseIndexPage",
    "CoverageSnapshot",
    "Enrolment",
    "FaceToFaceSession",
    "LessonCompletion",
    "LessonPage",
    "LessonTag",
    "ModulePage",
    "Question",
    "QuestionCategory",
    "QuestionOption",
    "QuestionPair",
    "QuestionTag",
    "Quiz",
    "QuizSlot",
    "ReflectionNote",
    "TrainingRequirement",
]
