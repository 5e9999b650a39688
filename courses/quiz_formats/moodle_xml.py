"""Read and write Moodle XML question banks (Moodle's "Export questions → Moodle XML format").

Supported: ``<question type="category">`` (sets the category of the questions after it),
``multichoice`` (``<single>true</single>`` → single choice, ``false`` → multiple response),
``truefalse``, ``matching`` (a sub-question with no text is an extra wrong answer, kept),
``shortanswer`` (``usecase``) and ``numerical`` (``tolerance``; units only as "optional, not
marked", other unit modes refused by name; see courses.quiz_formats.answers),
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
import html
import io
import re
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote
from xml.etree.ElementTree import Element, TreeBuilder
from xml.etree.ElementTree import ParseError as XMLSyntaxError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from PIL import Image, UnidentifiedImageError

from . import (
    ANY_ANSWER,
    MATCHING,
    MULTIPLE,
    NUMERICAL,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
    ParsedAnswer,
    ParsedOption,
    ParsedPair,
    ParsedQuestion,
    ParsedUnit,
    ParseError,
    ParseResult,
)
from .answers import number_text
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
from .html import FILE_TYPES, MAX_FILE_BYTES, PLUGINFILE, file_kind, referenced_files

DEFAULT_FORMAT = "moodle_auto_format"

# How to name Moodle's other question types in the error that says we can't import them.
UNSUPPORTED_TYPES = {
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
    readers = {
        "multichoice": _read_choices,
        "truefalse": _read_true_false,
        "matching": _read_pairs,
        "shortanswer": _read_short_answers,
        "numerical": _read_numbers,
    }
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


def _plain_answer(answer: Element) -> str:
    """A short-answer or numerical answer's text: plain, trimmed (Moodle trims it on save)."""
    return (answer.findtext("text") or "").strip()


def _read_short_answers(question: ParsedQuestion, element: Element, text_format: str) -> None:
    """``<usecase>1</usecase>``: case sensitive. Answers are plain text, in their order."""
    question.type = SHORT_ANSWER
    question.case_sensitive = (element.findtext("usecase") or "0").strip() not in {"", "0"}
    for number, answer in enumerate(element.findall("answer"), 1):
        question.answers.append(
            ParsedAnswer(
                text=_plain_answer(answer),
                fraction=_fraction(answer, number),
                feedback=_html(answer.find("feedback"), text_format, block=False),
            )
        )


# Moodle's numerical unit settings (question/type/numerical/questiontype.php): showunits
# 0 = the unit typed with the number, 1 = chosen with radio buttons, 2 = chosen from a list,
# 3 = no units; unitgradingtype 0 = units not marked, 1 and 2 = a penalty for a wrong unit.
SHOWUNITS_TYPED, SHOWUNITS_NONE = "0", "3"
UNIT_MODES = {
    "1": "units chosen with radio buttons (showunits 1)",
    "2": "units chosen from a drop-down list (showunits 2)",
}


def _number(raw: str, number: int, what: str) -> Decimal:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        shown = raw.strip() if len(raw.strip()) <= 20 else raw.strip()[:19] + "…"
        raise InvalidQuestion(f'Answer {number} has the {what} "{shown}", which is not a number.')
    return value


def _read_numbers(question: ParsedQuestion, element: Element, text_format: str) -> None:
    """Answers with ``<tolerance>`` (nominal, Moodle's default), ``*`` for any number; units
    only as Moodle's "units are optional" (showunits 0, unitgradingtype 0) or "no units"
    (showunits 3): graded units, or units chosen from a list, are refused by name."""
    question.type = NUMERICAL
    grading = (element.findtext("unitgradingtype") or "0").strip() or "0"
    shown = (element.findtext("showunits") or SHOWUNITS_NONE).strip() or SHOWUNITS_NONE
    units = [
        (
            (unit.findtext("unit_name") or "").strip(),
            (unit.findtext("multiplier") or "1").strip(),
        )
        for unit in element.findall("units/unit")
    ]
    if units and grading != "0":
        raise InvalidQuestion(
            f"Numerical questions whose units are marked (unitgradingtype {grading}) can't be "
            "imported: only units that are optional and not marked are supported. In Moodle, "
            'set Units handling to "Units are optional" and export again.'
        )
    if units and shown in UNIT_MODES:
        raise InvalidQuestion(
            f"Numerical questions with {UNIT_MODES[shown]} can't be imported: only units "
            "typed after the number, optional and not marked, are supported."
        )
    if units and shown == SHOWUNITS_TYPED:
        question.units = [
            ParsedUnit(name, _number(multiplier, n, "unit multiplier"))
            for n, (name, multiplier) in enumerate(units, 1)
        ]
    for number, answer in enumerate(element.findall("answer"), 1):
        text = _plain_answer(answer)
        tolerance = None
        if text != ANY_ANSWER:
            text = number_text(_number(text, number, "answer"))
            raw_tolerance = answer.findtext("tolerance") or "0"
            tolerance = abs(_number(raw_tolerance or "0", number, "tolerance")).normalize()
        question.answers.append(
            ParsedAnswer(
                text=text,
                fraction=_fraction(answer, number),
                feedback=_html(answer.find("feedback"), text_format, block=False),
                tolerance=tolerance,
            )
        )


# --- Writing Moodle XML --------------------------------------------------------------------------
#
# Definitions (the export is a function of the questions and their files alone: no dates, no
# ids of this site's rows, "\n" line endings, two-space indents, as Moodle writes it):
#
# - Every learner-visible text is written with format="html", as the import would store it
#   (sanitised until it no longer changes). A picture from the image library (Wagtail's
#   ``<embed embedtype="image" id=…>``) becomes ``<img src="@@PLUGINFILE@@/name" alt="…">``
#   and a link to a document ``<a href="@@PLUGINFILE@@/name">``, the file itself written
#   base64 in a ``<file>`` element of that text, as Moodle does. The file's name comes from
#   ``resolve`` (the image's or document's title, made unique within the question); a file
#   that can't be found is written as the text ``[Picture not exported: alt]`` (pictures) or
#   its link text (documents), as in GIFT. Links to pages become their link text.
# - Weights are Moodle's grades (as in GIFT); names and categories are plain text, escaped.
# - Short-answer and numerical answers are plain text; numbers as written
#   (courses.quiz_formats.answers.number_text), tolerances too.
#
# With these, export → import → export gives the same bytes for every type we hold.

_EMBED_TAG = re.compile(r"<embed\b[^>]*>", re.IGNORECASE)
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_ATTRS = re.compile(r'([\w-]+)="([^"]*)"')
_ESCAPE_NEEDED = re.compile(r"[<>&]")


class _Files:
    """The files one question's texts refer to: unique names, bytes, written where used."""

    def __init__(self, resolve, files: dict[str, bytes]):
        self.resolve = resolve
        self.names: dict[tuple[str, int], str | None] = {}
        # Files the question still holds as @@PLUGINFILE@@ (parsed, not yet imported).
        self.data: dict[str, bytes] = dict(files)

    def name(self, kind: str, pk: int) -> str | None:
        if (kind, pk) not in self.names:
            found = self.resolve(kind, pk) if self.resolve else None
            if found is None:
                self.names[kind, pk] = None
            else:
                name, data = found
                stem, dot, extension = name.rpartition(".")
                unique, count = name, 1
                while unique in self.data:
                    count += 1
                    unique = f"{stem}-{count}{dot}{extension}" if dot else f"{name}-{count}"
                self.names[kind, pk] = unique
                self.data[unique] = data
        return self.names[kind, pk]


def _attrs(tag: str) -> dict[str, str]:
    return {key.lower(): value for key, value in _ATTRS.findall(tag)}


def _xml_text(text: str, files: _Files, *, block: bool) -> tuple[str, list[str]]:
    """A stored text as the export writes it, and the names of the files it refers to."""
    if not text:
        return "", []

    def picture(match: re.Match[str]) -> str:
        attrs = _attrs(match.group())
        if attrs.get("embedtype") != "image":
            return ""
        pk = attrs.get("id", "")
        name = files.name("image", int(pk)) if pk.isdigit() else None
        if name is None:
            alt = " ".join(html.unescape(attrs.get("alt", "")).split())
            label = f"Picture not exported: {alt}" if alt else "Picture not exported"
            return html.escape(f"[{label}]", quote=False)
        alt = f' alt="{attrs["alt"]}"' if "alt" in attrs else ""
        return f'<img src="{PLUGINFILE}{quote(name)}"{alt}>'

    def link(match: re.Match[str]) -> str:
        attrs = _attrs(match.group(1))
        kind = attrs.get("linktype")
        if kind not in {"document", "page"}:
            return match.group()
        pk = attrs.get("id", "")
        name = files.name("document", int(pk)) if kind == "document" and pk.isdigit() else None
        if name is None:
            return match.group(2)
        return f'<a href="{PLUGINFILE}{quote(name)}">{match.group(2)}</a>'

    text = _LINK.sub(link, _EMBED_TAG.sub(picture, text))
    for _ in range(3):  # sanitising is idempotent after one pass; two more to be safe
        again = text_to_html(text, "html", block=block)
        if again == text:
            break
        text = again
    return text, referenced_files(text)


def _cdata(text: str) -> str:
    """Text content: in CDATA when it has markup (as Moodle writes it), else as it is."""
    if not _ESCAPE_NEEDED.search(text):
        return text
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _escape_xml(text: str) -> str:
    return html.escape(text, quote=False)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, depth: int, line: str) -> None:
        self.lines.append("  " * depth + line)

    def text(self, depth: int, tag: str, text: str, files: _Files, *, block: bool) -> None:
        """``<tag format="html"><text>…</text><file …>…</file>…</tag>``."""
        written, names = _xml_text(text, files, block=block)
        self.add(depth, f'<{tag} format="html">')
        self.add(depth + 1, f"<text>{_cdata(written)}</text>")
        _write_files(self, depth + 1, names, files)
        self.add(depth, f"</{tag}>")

    def plain(self, depth: int, tag: str, text: str) -> None:
        self.add(depth, f"<{tag}>")
        self.add(depth + 1, f"<text>{_escape_xml(text)}</text>")
        self.add(depth, f"</{tag}>")


_XML_TYPES = {
    SINGLE: "multichoice",
    MULTIPLE: "multichoice",
    TRUE_FALSE: "truefalse",
    MATCHING: "matching",
    SHORT_ANSWER: "shortanswer",
    NUMERICAL: "numerical",
}


def export_moodle_xml(questions, resolve=None) -> str:
    """Write questions as a Moodle XML file that Moodle, and parse_moodle_xml, read back as
    the same questions. ``resolve(kind, id)`` gives an image's or document's file name and
    bytes (None if it is gone). Questions are written in the order given; a category
    question is written whenever the category changes."""
    out = _Writer()
    out.add(0, '<?xml version="1.0" encoding="UTF-8"?>')
    out.add(0, "<quiz>")
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            out.add(1, '<question type="category">')
            out.add(2, "<category>")
            path = f"$course$/top/{category}".rstrip("/")
            out.add(3, f"<text>{_escape_xml(path)}</text>")
            out.add(2, "</category>")
            out.add(1, "</question>")
        _write_question(out, question, _Files(resolve, question.files))
    out.add(0, "</quiz>")
    return "\n".join(out.lines) + "\n"


def _grade(fraction: Decimal) -> str:
    from .gift import _export_fraction, percent

    return percent(_export_fraction(Decimal(fraction), 0, []))


def _write_question(out: _Writer, question: ParsedQuestion, files: _Files) -> None:
    out.add(1, f'<question type="{_XML_TYPES[question.type]}">')
    name = question.name.strip() or derive_name(question.stem)
    out.plain(2, "name", " ".join(name.split()))
    out.text(2, "questiontext", question.stem, files, block=True)
    out.text(2, "generalfeedback", question.general_feedback, files, block=True)
    out.add(2, "<defaultgrade>1</defaultgrade>")
    if question.type in (SINGLE, MULTIPLE):
        out.add(2, f"<single>{'true' if question.type == SINGLE else 'false'}</single>")
        out.add(2, "<shuffleanswers>true</shuffleanswers>")
        for option in question.options:
            out.add(2, f'<answer fraction="{_grade(option.fraction)}" format="html">')
            written, names = _xml_text(option.text, files, block=False)
            out.add(3, f"<text>{_cdata(written)}</text>")
            _write_files(out, 3, names, files)
            out.text(3, "feedback", option.feedback, files, block=False)
            out.add(2, "</answer>")
    elif question.type == TRUE_FALSE:
        for option in question.options:
            value = "true" if option.text.strip().lower() in {"true", "t"} else "false"
            fraction = "100" if option.fraction > 0 else "0"
            out.add(2, f'<answer fraction="{fraction}" format="moodle_auto_format">')
            out.add(3, f"<text>{value}</text>")
            out.text(3, "feedback", option.feedback, files, block=False)
            out.add(2, "</answer>")
    elif question.type == MATCHING:
        out.add(2, "<shuffleanswers>true</shuffleanswers>")
        for pair in question.pairs:
            out.add(2, '<subquestion format="html">')
            written, names = _xml_text(pair.prompt, files, block=False)
            out.add(3, f"<text>{_cdata(written)}</text>")
            _write_files(out, 3, names, files)
            out.plain(3, "answer", " ".join(pair.answer.split()))
            out.add(2, "</subquestion>")
    else:
        if question.type == SHORT_ANSWER:
            out.add(2, f"<usecase>{int(question.case_sensitive)}</usecase>")
        for answer in question.answers:
            out.add(2, f'<answer fraction="{_grade(answer.fraction)}" format="moodle_auto_format">')
            out.add(3, f"<text>{_escape_xml(answer.text.strip())}</text>")
            out.text(3, "feedback", answer.feedback, files, block=False)
            if question.type == NUMERICAL:
                tolerance = number_text(answer.tolerance or Decimal(0))
                out.add(3, f"<tolerance>{tolerance}</tolerance>")
            out.add(2, "</answer>")
        if question.type == NUMERICAL:
            out.add(2, "<unitgradingtype>0</unitgradingtype>")
            out.add(2, "<unitpenalty>0.1000000</unitpenalty>")
            out.add(
                2, f"<showunits>{SHOWUNITS_TYPED if question.units else SHOWUNITS_NONE}</showunits>"
            )
            out.add(2, "<unitsleft>0</unitsleft>")
            if question.units:
                out.add(2, "<units>")
                for unit in question.units:
                    out.add(3, "<unit>")
                    out.add(4, f"<multiplier>{number_text(Decimal(unit.multiplier))}</multiplier>")
                    out.add(4, f"<unit_name>{_escape_xml(unit.name)}</unit_name>")
                    out.add(3, "</unit>")
                out.add(2, "</units>")
    if question.tags:
        out.add(2, "<tags>")
        for tag in question.tags:
            out.plain(3, "tag", tag)
        out.add(2, "</tags>")
    out.add(1, "</question>")


def _write_files(out: _Writer, depth: int, names: list[str], files: _Files) -> None:
    for name in names:
        if name in files.data:
            encoded = base64.b64encode(files.data[name]).decode("ascii")
            out.add(
                depth,
                f'<file name="{html.escape(name)}" path="/" encoding="base64">{encoded}</file>',
            )
