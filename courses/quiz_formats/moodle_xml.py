"""Read Moodle XML question banks (Moodle's "Export questions → Moodle XML format").

Supported: ``<question type="category">`` (sets the category of the questions after it),
``multichoice`` (``<single>true</single>`` → single choice, ``false`` → multiple response),
``truefalse`` and ``matching`` (a sub-question with no text is an extra wrong answer, kept),
with names, texts, general and per-answer feedback and tags. Texts follow their ``format``
attribute (``html``, ``moodle_auto_format``, ``plain_text``, ``markdown``), converted as Moodle
converts them (:mod:`courses.quiz_formats.html`); answers default to the question text's
format. Files embedded as ``<file name="…" encoding="base64">`` (pictures, sound, PDF) are
kept with the question for the import to store; a text referring to a file that is not in the
export, a file of another type, a file over 2 MB or a picture that is not a picture is an error.

The file is parsed with defusedxml and may not contain a ``<!DOCTYPE>``: Moodle never writes
one, and entity declarations are how "billion laughs" and external-entity (XXE) attacks work.
"""

import base64
import binascii
import io
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder
from xml.etree.ElementTree import ParseError as XMLSyntaxError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from PIL import Image, UnidentifiedImageError

from . import (
    MATCHING,
    MULTIPLE,
    SINGLE,
    TRUE_FALSE,
    ParsedOption,
    ParsedPair,
    ParsedQuestion,
    ParseError,
    ParseResult,
)
from .gift import (
    NO_QUESTIONS,
    InvalidQuestion,
    derive_name,
    fraction_from_percent,
    html_to_plain,
    normalise_category,
    text_to_html,
    unsupported,
    validate,
)
from .html import FILE_TYPES, MAX_FILE_BYTES, file_kind

DEFAULT_FORMAT = "moodle_auto_format"

# How to name Moodle's other question types in the error that says we can't import them.
UNSUPPORTED_TYPES = {
    "shortanswer": "Short-answer questions",
    "numerical": "Numerical questions",
    "essay": "Essay questions",
    "description": "Descriptions",
    "cloze": "Embedded answers (Cloze) questions",
    "multianswer": "Embedded answers (Cloze) questions",
    "calculated": "Calculated questions",
    "calculatedsimple": "Simple calculated questions",
    "calculatedmulti": "Calculated multichoice questions",
    "ddwtos": "Drag and drop into text questions",
    "ddimageortext": "Drag and drop onto image questions",
    "ddmarker": "Drag and drop markers questions",
    "gapselect": "Select missing words questions",
    "randomsamatch": "Random short-answer matching questions",
    "random": "Random questions",
    "ordering": "Ordering questions",
}


class _LineRecorder(TreeBuilder):
    """A tree builder that notes the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None  # pyexpat's parser, set once the XMLParser exists
        self.lines: dict[int, int] = {}  # id(element) → line; the tree keeps the elements alive

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.expat.CurrentLineNumber if self.expat else 0
        return element


def parse_moodle_xml(data: bytes) -> ParseResult:
    """Read a Moodle XML file; collect every question, and every problem with its line number."""
    result = ParseResult()
    try:
        root, lines = _parse_tree(data)
    except _BadFile as problem:
        result.errors.append(ParseError(problem.line, str(problem)))
        return result
    category = ""
    for element in root.iter("question"):
        line = lines.get(id(element), 0)
        kind = element.get("type", "")
        if kind == "category":
            category = normalise_category(element.findtext("category/text") or "")
            continue
        try:
            question = _read_question(element, kind)
        except InvalidQuestion as problem:
            result.errors.append(ParseError(line, str(problem), _label(element)))
            continue
        question.category, question.line = category, line
        result.questions.append(question)
    if not result.questions and not result.errors:
        result.errors.append(ParseError(1, NO_QUESTIONS))
    return result


class _BadFile(Exception):
    """The whole file can't be read."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _parse_tree(data: bytes) -> tuple[Element, dict[int, int]]:
    """Parse safely, returning the root and the line of each element; raise _BadFile."""
    builder = _LineRecorder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.expat = expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise _BadFile(
            expat.CurrentLineNumber,
            "The file has a <!DOCTYPE> or entity declaration. Moodle never writes one, and "
            "they can be used to attack the server, so the file was not read. "
            "Export the questions from Moodle again.",
        ) from exc
    except XMLSyntaxError as exc:
        detail = str(exc).rsplit(": line ", 1)[0]  # the line is reported separately
        raise _BadFile(
            exc.position[0],
            f"The file can't be read as XML: {detail}. "
            "Check that every tag is closed, or export the questions from Moodle again.",
        ) from exc
    if root.tag != "quiz":
        raise _BadFile(1, "This is not a Moodle XML question file: it should start with <quiz>.")
    return root, builder.lines


def _label(element: Element) -> str:
    """How to name a question in an error: its name, or the start of its text."""
    name = (element.findtext("name/text") or "").strip()
    return name or derive_name(element.findtext("questiontext/text") or "")


def _read_question(element: Element, kind: str) -> ParsedQuestion:
    """Read one supported question, or raise InvalidQuestion."""
    readers = {"multichoice": _read_choices, "truefalse": _read_true_false, "matching": _read_pairs}
    if kind not in readers:
        raise unsupported(UNSUPPORTED_TYPES.get(kind, f'Questions of type "{kind}"'))
    stem_format = _format_of(element.find("questiontext"), DEFAULT_FORMAT)
    stem = _html(element.find("questiontext"), stem_format, block=True)
    question = ParsedQuestion(
        type=SINGLE,
        name=html_to_plain(element.findtext("name/text") or "") or derive_name(stem),
        stem=stem,
        general_feedback=_html(element.find("generalfeedback"), stem_format, block=True),
        tags=[tag.strip() for tag in _texts(element, "tags/tag/text") if tag.strip()],
        files=_files(element),
    )
    readers[kind](question, element, stem_format)
    validate(question)
    return question


def _files(element: Element) -> dict[str, bytes]:
    """Every file embedded in the question's texts, by name; raise InvalidQuestion for one we
    can't take (its type, its size, bad base64, a picture that isn't one)."""
    files: dict[str, bytes] = {}
    for found in element.iter("file"):
        name = (found.get("name") or "").strip()
        if not name or name in files:
            continue
        kind = file_kind(name)
        if kind is None:
            raise InvalidQuestion(f'The file "{name}" can\'t be imported: only {FILE_TYPES} can.')
        try:
            data = base64.b64decode("".join((found.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            raise InvalidQuestion(
                f'The file "{name}" is damaged (its base64 text can\'t be read). '
                "Export the questions from Moodle again."
            ) from None
        if len(data) > MAX_FILE_BYTES:
            raise InvalidQuestion(
                f'The file "{name}" is {len(data) / 1024 / 1024:.1f} MB; files in a question '
                f"can be up to {MAX_FILE_BYTES // 1024 // 1024} MB. Make it smaller in Moodle "
                "and export again."
            )
        if kind == "image" and not _is_picture(data):
            raise InvalidQuestion(f'The file "{name}" is not a picture that can be shown.')
        files[name] = data
    return files


def _is_picture(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True


def _texts(element: Element, path: str) -> list[str]:
    return [found.text or "" for found in element.findall(path)]


def _format_of(element: Element | None, default: str) -> str:
    return (element.get("format") if element is not None else None) or default


def _html(element: Element | None, default_format: str, *, block: bool) -> str:
    """The ``<text>`` of an element, converted to stored HTML according to its format."""
    if element is None:
        return ""
    text_format = _format_of(element, default_format)
    text = element.findtext("text") or ""
    return text_to_html(text, text_format, block=block)


def _fraction(answer: Element, number: int) -> Decimal:
    """``fraction="50"`` (a percentage) → ``Decimal("0.5")``."""
    return fraction_from_percent(answer.get("fraction", "0"), number)


def _option(answer: Element, number: int, text_format: str) -> ParsedOption:
    return ParsedOption(
        text=_html(answer, text_format, block=False),
        fraction=_fraction(answer, number),
        feedback=_html(answer.find("feedback"), text_format, block=False),
    )


def _read_choices(question: ParsedQuestion, element: Element, text_format: str) -> None:
    single = (element.findtext("single") or "true").strip().lower() in {"true", "1"}
    question.type = SINGLE if single else MULTIPLE
    answers = element.findall("answer")
    question.options = [_option(answer, n, text_format) for n, answer in enumerate(answers, 1)]


def _read_true_false(question: ParsedQuestion, element: Element, text_format: str) -> None:
    """Moodle writes the answers "true" and "false" (in either order); we keep True first."""
    question.type = TRUE_FALSE
    by_value = {}
    for number, answer in enumerate(element.findall("answer"), 1):
        value = (answer.findtext("text") or "").strip().lower()
        by_value[value] = _option(answer, number, text_format)
    if set(by_value) != {"true", "false"}:
        raise InvalidQuestion(
            "A true/false question needs exactly two answers, 'true' and 'false'."
        )
    for value, label in (("true", "True"), ("false", "False")):
        option = by_value[value]
        option.text = label
        option.fraction = Decimal(option.fraction > 0)
        question.options.append(option)


def _read_pairs(question: ParsedQuestion, element: Element, text_format: str) -> None:
    """Sub-questions with no text are Moodle's extra wrong answers: kept, with no prompt.
    Answers are plain text (Moodle has no format for them)."""
    question.type = MATCHING
    for sub in element.findall("subquestion"):
        prompt = _html(sub, text_format, block=False)
        answer = " ".join((sub.findtext("answer/text") or "").split())
        if prompt or answer:
            question.pairs.append(ParsedPair(prompt, answer))
