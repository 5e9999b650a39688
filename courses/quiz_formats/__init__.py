"""Reading and writing question banks in Moodle's formats (GIFT and Moodle XML).

Parsers return plain data (below) and every problem they find, with its line number; the
import service turns the data into questions only when there are no errors at all.
"""

from dataclasses import dataclass, field
from decimal import Decimal

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
MATCHING = "matching"
SHORT_ANSWER = "short_answer"
NUMERICAL = "numerical"
# Question types whose learner types an answer, graded against a list of accepted answers.
TYPED = (SHORT_ANSWER, NUMERICAL)
ANY_ANSWER = "*"  # numerical: Moodle's catch-all answer, matching any number


@dataclass
class ParsedOption:
    text: str  # sanitised HTML (courses.quiz_formats.html)
    fraction: Decimal  # share of the question's mark: 1 for a single right answer,
    # e.g. 0.5 each for two right answers of a multiple-response question; negative allowed
    feedback: str = ""


@dataclass
class ParsedPair:
    prompt: str  # sanitised HTML; empty for an extra wrong answer (a distractor), as in Moodle
    answer: str  # plain text: it is a choice in a <select>


@dataclass
class ParsedAnswer:
    """An accepted answer of a short-answer or numerical question, as Moodle holds it."""

    text: str  # plain text: a pattern (``*`` wildcard) or a number, or ``*`` for any number
    fraction: Decimal
    feedback: str = ""  # sanitised HTML
    tolerance: Decimal | None = None  # numerical only: answer ± tolerance (Moodle's nominal)


@dataclass
class ParsedUnit:
    """A numerical question's unit: ``multiplier`` of it make one of the answer's unit
    (Moodle: the first unit has multiplier 1; "cm" with 100 for an answer in metres)."""

    name: str
    multiplier: Decimal


@dataclass
class ParsedQuestion:
    type: str  # SINGLE | MULTIPLE | TRUE_FALSE | MATCHING | SHORT_ANSWER | NUMERICAL
    name: str  # short title (GIFT ::title::, Moodle <name>); derived from the stem if absent
    stem: str  # HTML
    options: list[ParsedOption] = field(default_factory=list)  # not for MATCHING
    pairs: list[ParsedPair] = field(default_factory=list)  # MATCHING only
    general_feedback: str = ""
    # SHORT_ANSWER and NUMERICAL: the accepted answers, checked in this order (Moodle's).
    answers: list[ParsedAnswer] = field(default_factory=list)
    case_sensitive: bool = False  # SHORT_ANSWER: Moodle's usecase
    # NUMERICAL: units the learner may type after the number (optional, not graded); none
    # means the number is typed alone.
    units: list[ParsedUnit] = field(default_factory=list)
    category: str = ""  # from $CATEGORY: (GIFT) or <question type="category"> (XML)
    tags: list[str] = field(default_factory=list)
    line: int = 0  # where the question starts in the file (1-based)
    # Files embedded in a Moodle XML export, by name: the texts refer to them as
    # @@PLUGINFILE@@/name until the import stores them as Wagtail images or documents.
    files: dict[str, bytes] = field(default_factory=dict, repr=False)


@dataclass
class ParseError:
    line: int
    message: str  # plain English, for the person importing: what is wrong and how to fix it
    question: str = ""  # the question's name or the start of its text, when known


@dataclass
class ParseResult:
    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.questions)
