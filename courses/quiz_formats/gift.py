"""Moodle's GIFT text format: parse a question bank, and write one back.

Supported: single choice and multiple response (``{=right ~wrong ~%50%weighted}``), true/false
(``{T}``, ``{FALSE#wrong feedback#right feedback}``), matching (``{=prompt -> answer}``),
short answer (``{=a =%50%b*#feedback}``) and numerical (``{#3.14:0.01}``, ``{#1..5}``,
``{#=%100%3:0 =%50%3:1 ~#any other number}``),
with ``::titles::``, ``$CATEGORY:`` lines, ``// comments`` (``// [tag:name]`` adds a tag),
``#feedback``, ``####general feedback``, the escapes ``\\~ \\= \\# \\{ \\} \\: \\n \\\\`` and the
``[html]``/``[moodle]``/``[plain]``/``[markdown]`` text formats. As in Moodle, answers and
feedback take the question text's format unless they name their own.

Every text in the result is HTML: ``[html]`` text is kept as written, any other text is escaped
(the question text and general feedback as ``<p>`` paragraphs, answers and feedback inline, with
a lone ``<p>`` around an HTML answer removed). Names, categories and tags are plain text.

The helpers shared with the Moodle XML reader (text conversion, validation, messages) live here
too, so both formats check questions by exactly the same rules.
"""

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from . import (
    ANY_ANSWER,
    MATCHING,
    MULTIPLE,
    NUMERICAL,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
    TYPED,
    ParsedAnswer,
    ParsedOption,
    ParsedPair,
    ParsedQuestion,
    ParseError,
    ParseResult,
)
from .answers import number_text
from .html import PLAIN, PLUGINFILE, convert, has_picture, images, referenced_files

# --- Shared by the GIFT and Moodle XML readers -------------------------------------------------

SUPPORTED_TYPES = (
    "only single choice, multiple response, true/false, matching, short-answer and numerical "
    "questions are supported."
)
NAME_LENGTH = 80
UNTITLED = "Untitled question"
NO_QUESTIONS = "The file contains no questions."
FRACTION_PLACES = Decimal("0.0000001")
WEIGHT_TOLERANCE = Decimal("0.01")


class InvalidQuestion(Exception):
    """One question can't be imported; the message says why, in plain English."""


def unsupported(kind: str) -> InvalidQuestion:
    """The error for a question type we can't import, e.g. ``unsupported("Essay questions")``."""
    return InvalidQuestion(f"{kind} can't be imported; {SUPPORTED_TYPES}")


def text_to_html(text: str, text_format: str, *, block: bool) -> str:
    """Turn a text from a file, in one of Moodle's formats, into the sanitised HTML we store
    (see :mod:`courses.quiz_formats.html` for the definitions)."""
    return convert(text, text_format, block=block)


def _paragraphs(text: str) -> str:
    """Escape plain text into ``<p>`` paragraphs (split at blank lines)."""
    return convert(text, PLAIN, block=True)


def _inline(text: str) -> str:
    """Escape plain text into inline HTML, line breaks becoming ``<br>``."""
    return convert(text, PLAIN, block=False)


_BREAKING_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table)\b[^>]*>", re.I)
_TAG_MARKUP = re.compile(r"<[^>]*>")


def html_to_plain(text: str) -> str:
    """The words of an HTML text on one line, for names and messages."""
    text = _TAG_MARKUP.sub("", _BREAKING_TAG.sub(" ", text))
    return " ".join(html.unescape(text).split())


def derive_name(stem: str) -> str:
    """A question name made from the start of its text, as Moodle does when there is none."""
    words = html_to_plain(stem)
    if len(words) > NAME_LENGTH:
        words = words[: NAME_LENGTH - 1].rstrip() + "…"
    return words or UNTITLED


def normalise_category(path: str) -> str:
    """Drop Moodle's context marker and hidden ``top`` category: ``$course$/top/A/B`` → ``A/B``."""
    path = re.sub(r"^\$[a-z0-9_]+\$(?:/|$)", "", path.strip())
    return re.sub(r"^top(?:/|$)", "", path).strip()


# Moodle's grades (question_bank::fraction_options_full in question/engine/bank.php): an
# answer's fraction must be one of these or its negative. Moodle's import compares within
# 0.00001 (match_grade_options in lib/questionlib.php) and refuses the file otherwise.
MOODLE_FRACTIONS = tuple(
    Decimal(value)
    for value in (
        "1", "0.9", "0.8333333", "0.8", "0.75", "0.7", "0.6666667", "0.6", "0.5", "0.4",
        "0.3333333", "0.3", "0.25", "0.2", "0.1666667", "0.1428571", "0.125", "0.1111111",
        "0.1", "0.05", "0",
    )
)  # fmt: skip
ALL_MOODLE_FRACTIONS = tuple(sorted({*MOODLE_FRACTIONS, *(-f for f in MOODLE_FRACTIONS)}))
MATCH_TOLERANCE = Decimal("0.00001")


def moodle_fraction(value: Decimal) -> Decimal | None:
    """The Moodle grade ``value`` stands for (within 0.00001), or None if it is not one."""
    for allowed in ALL_MOODLE_FRACTIONS:
        if abs(value - allowed) < MATCH_TOLERANCE:
            return allowed
    return None


def nearest_moodle_fraction(value: Decimal) -> Decimal:
    return min(ALL_MOODLE_FRACTIONS, key=lambda allowed: (abs(value - allowed), -allowed))


def fraction_from_percent(raw: str, number: int) -> Decimal:
    """Answer ``number``'s weight ``"50"`` (percent) → ``Decimal("0.5")``; raise InvalidQuestion
    unless it is one of Moodle's grades (33.33333, not 33) from -100 to 100."""
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not -100 <= value <= 100:
        shown = raw if len(raw) <= 20 else raw[:19] + "…"
        raise InvalidQuestion(
            f'Answer {number} has the weight "{shown}"; '
            "weights must be numbers between -100% and 100%."
        )
    fraction = moodle_fraction(value / 100)
    if fraction is None:
        suggestion = percent(nearest_moodle_fraction(value / 100))
        raise InvalidQuestion(
            f"Answer {number} has the weight {raw.strip()}%, which Moodle does not allow: "
            f"use {suggestion}%. Weights are 100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, "
            "40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5 or 0 "
            "(or minus one of them)."
        )
    return fraction.normalize() if fraction else Decimal(0)


def percent(fraction: Decimal) -> str:
    """``Decimal("0.3333333")`` → ``"33.33333"``: a fraction as a percentage, without noise."""
    return format((fraction * 100).normalize(), "f")


def validate(question: ParsedQuestion) -> None:
    """Check a parsed question against the rules every import follows; raise InvalidQuestion."""
    if not html_to_plain(question.stem) and not has_picture(question.stem):
        raise InvalidQuestion("The question has no text.")
    _validate_files(question)
    if question.type == MATCHING:
        _validate_pairs(question.pairs)
    elif question.type in TYPED:
        from ..question_rules import answer_problems

        problems = answer_problems(question.type, question.answers, question.units)
        if problems:
            raise InvalidQuestion(" ".join(problems))
    elif question.type == TRUE_FALSE:
        _validate_true_false(question.options)
    else:
        _validate_choices(question.type, question.options)


def question_texts(question: ParsedQuestion) -> list[str]:
    """Every HTML text of a question, in reading order."""
    texts = [question.stem]
    for option in question.options:
        texts += [option.text, option.feedback]
    texts += [pair.prompt for pair in question.pairs]
    texts += [answer.feedback for answer in question.answers]
    texts.append(question.general_feedback)
    return [text for text in texts if text]


def _validate_files(question: ParsedQuestion) -> None:
    """Every ``@@PLUGINFILE@@`` reference has its file in the export; no picture comes from
    another website (it would tell that site who is taking the quiz, and when)."""
    for text in question_texts(question):
        for name in referenced_files(text):
            if name not in question.files:
                raise InvalidQuestion(
                    f'The text refers to the file "{name}", but the file is not in the export. '
                    "Export the questions from Moodle again, as Moodle XML (GIFT cannot hold "
                    "files)."
                )
        for image in images(text):
            src = image.get("src", "")
            if not src.startswith(PLUGINFILE):
                # No address left: none given, or one the sanitiser removed (a data: URI).
                where = f"from another website ({src[:60]})" if src else "that is not in the file"
                raise InvalidQuestion(
                    f"It shows a picture {where}. Add the picture to the question in Moodle "
                    "and export again, so that it is stored here."
                )


def _validate_pairs(pairs: list[ParsedPair]) -> None:
    prompts = [pair for pair in pairs if pair.prompt]
    if len(prompts) < 2:
        raise InvalidQuestion(
            f"A matching question needs at least two pairs; this one has {len(prompts)}."
        )
    for number, pair in enumerate(pairs, 1):
        if not pair.answer:
            raise InvalidQuestion(f"Matching pair {number} has no answer.")


def _validate_true_false(options: list[ParsedOption]) -> None:
    right = [option for option in options if option.fraction > 0]
    if len(options) != 2 or len(right) != 1:
        raise InvalidQuestion(
            "A true/false question needs a 'true' and a 'false' answer, exactly one of them right."
        )


def _validate_choices(kind: str, options: list[ParsedOption]) -> None:
    if len(options) < 2:
        raise InvalidQuestion(
            f"A choice question needs at least two answers; this one has {len(options)}."
        )
    for number, option in enumerate(options, 1):
        if not option.text:
            raise InvalidQuestion(f"Answer {number} is empty.")
        if not -1 <= option.fraction <= 1:
            raise InvalidQuestion(
                f"Answer {number} is worth {percent(option.fraction)}%; "
                "weights must be between -100% and 100%."
            )
    right = [option.fraction for option in options if option.fraction > 0]
    if kind == SINGLE:
        _validate_single(right)
    else:
        _validate_multiple(right)


def _validate_single(right: list[Decimal]) -> None:
    if not right:
        raise InvalidQuestion(
            "None of the answers is marked as right; "
            "a single choice question needs one right answer worth 100%."
        )
    if len(right) > 1:
        raise InvalidQuestion(
            f"{len(right)} answers give credit, but a single choice question needs exactly "
            "one right answer worth 100% (partial credit isn't supported)."
        )
    if right[0] != 1:
        raise InvalidQuestion(
            f"The only right answer is worth {percent(right[0])}%; "
            "it must be worth 100% (partial credit isn't supported)."
        )


def _validate_multiple(right: list[Decimal]) -> None:
    if not right:
        raise InvalidQuestion(
            "None of the answers is marked as right; "
            "give the right answers weights that add up to 100%."
        )
    total = sum(right, Decimal(0))
    # Within one percent, as courses.question_rules allows, so 3 x 33.33333% is fine.
    if abs(total - 1) > WEIGHT_TOLERANCE:
        raise InvalidQuestion(
            f"The right answers' weights add up to {percent(total)}%, but they must add up to 100%."
        )


# --- Reading GIFT ------------------------------------------------------------------------------

# While the syntax is read, escaped characters stand in as Unicode noncharacters (any already in
# the file are dropped: they are not meant to appear in text).
_ESCAPES = dict(zip(":#={}~", "\ufdd0\ufdd1\ufdd2\ufdd3\ufdd4\ufdd5", strict=True))
_CHARS = {mark: char for char, mark in _ESCAPES.items()}
_MARK = re.compile("[\ufdd0-\ufdd5]")
_ESCAPE = re.compile(r"\\([\\:#=~{}n])")
_FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")
_TAG = re.compile(r"\[tag:([^\]]+)\]")
_TRUE = {"T", "TRUE"}
_FALSE = {"F", "FALSE"}
_BLANK = "_____"


@dataclass
class _Block:
    """Lines between blank lines: a question, a ``$CATEGORY:`` switch, comments, or a mix."""

    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    tags: list[str] = field(default_factory=list)


def parse_gift(text: str) -> ParseResult:
    """Read a GIFT file; collect every question, and every problem with its line number."""
    result = ParseResult()
    category = ""
    for block in _blocks(text):
        category, lines = _take_category(block.lines, category)
        if not lines:
            continue
        try:
            question = _parse_question(lines)
        except InvalidQuestion as problem:
            result.errors.append(ParseError(lines[0][0], str(problem), _label(lines)))
            continue
        question.category = category
        question.tags = block.tags
        result.questions.append(question)
    if not result.questions and not result.errors:
        result.errors.append(ParseError(1, NO_QUESTIONS))
    return result


def _blocks(text: str) -> Iterator[_Block]:
    """Split the file at blank lines, setting comment lines aside (keeping their tags)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    block = _Block()
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            if block.lines:
                yield block
            block = _Block()
        elif stripped.startswith("//"):
            block.tags.extend(tag.strip() for tag in _TAG.findall(stripped))
        else:
            block.lines.append((number, line))
    if block.lines:
        yield block


def _take_category(
    lines: list[tuple[int, str]], category: str
) -> tuple[str, list[tuple[int, str]]]:
    """A leading ``$CATEGORY:`` line switches category; return it and the remaining lines."""
    if lines and lines[0][1].strip().startswith("$CATEGORY:"):
        path = lines[0][1].strip().removeprefix("$CATEGORY:")
        return normalise_category(path), lines[1:]
    return category, lines


def _label(lines: list[tuple[int, str]]) -> str:
    """How to name a question in an error: its ``::title::``, or the start of its text."""
    first = lines[0][1].strip()
    title = re.match(r"::(.*?)::", first)
    text = title.group(1) if title else first.split("{", 1)[0]
    text = _ESCAPE.sub(lambda match: match.group(1).replace("n", " "), text).strip()
    return text if len(text) <= 60 else text[:59] + "…"


def _protect(text: str) -> str:
    """Replace escaped special characters by private marks, so they don't act as syntax."""

    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        return {"\\": "\\", "n": "\n"}.get(char) or _ESCAPES[char]

    return _ESCAPE.sub(replace, _MARK.sub("", text))


def _restore(text: str) -> str:
    """Turn the private marks back into the characters they stand for."""
    return _MARK.sub(lambda match: _CHARS[match.group()], text)


def _parse_question(lines: list[tuple[int, str]]) -> ParsedQuestion:
    """Parse one question's lines (comments removed); raise InvalidQuestion if we can't."""
    source = _protect("\n".join(line for _, line in lines)).strip()
    name, source = _split_name(source)
    stem_source, answers = _split_answer_block(source)
    stem_format, stem_source = _split_format(stem_source, "moodle")
    stem = text_to_html(_restore(stem_source), stem_format, block=True)
    answers, general_source = _split_general_feedback(answers)
    question = ParsedQuestion(
        type=SINGLE,
        name=name or derive_name(stem),
        stem=stem,
        general_feedback=_decode(general_source, stem_format, block=True),
        line=lines[0][0],
    )
    _read_answers(question, answers, stem_format)
    validate(question)
    return question


def _split_name(source: str) -> tuple[str, str]:
    """``::Title:: text`` → ``("Title", "text")``; no title gives an empty name."""
    if not source.startswith("::"):
        return "", source
    end = source.find("::", 2)
    if end < 0:  # Moodle reads an unclosed title as part of the text
        return "", source[2:]
    return _restore(source[2:end]).strip(), source[end + 2 :].strip()


def _split_answer_block(source: str) -> tuple[str, str]:
    """Return the question text (a blank in place of a mid-sentence block) and the block."""
    start, end = source.find("{"), source.find("}")
    if start < 0 and end < 0:
        raise unsupported("Descriptions (text with no answers in { })")
    if end < 0:
        raise InvalidQuestion(
            "The answers start with '{' but are never closed with '}'. "
            "Close them, or write \\{ for a literal brace."
        )
    if start < 0 or end < start:
        raise InvalidQuestion(
            "There is a '}' with no '{' before it. Write \\} for a literal brace."
        )
    answers, after = source[start + 1 : end], source[end + 1 :]
    if "{" in answers or "{" in after or "}" in after:
        raise InvalidQuestion(
            "The question has more than one answer block in { }; only one is supported. "
            "Write \\{ and \\} for literal braces."
        )
    blank = _BLANK if after.strip() else ""
    return source[:start] + blank + after, answers.strip()


def _split_format(source: str, default: str) -> tuple[str, str]:
    """``[html]<b>x</b>`` → ``("html", "<b>x</b>")``; no prefix keeps the default format."""
    source = source.strip()
    match = _FORMAT.match(source)
    if match:
        return match.group(1), source[match.end() :]
    return default, source


def _decode(source: str, default_format: str, *, block: bool) -> str:
    """A protected text with an optional format prefix → stored HTML."""
    text_format, source = _split_format(source, default_format)
    return text_to_html(_restore(source), text_format, block=block)


def _split_general_feedback(answers: str) -> tuple[str, str]:
    """``=a ~b ####Well done`` → ``("=a ~b", "Well done")``."""
    at = answers.rfind("####")
    if at < 0:
        return answers, ""
    return answers[:at].strip(), answers[at + 4 :]


def _read_answers(question: ParsedQuestion, answers: str, text_format: str) -> None:
    """Work out the question type from its answer block, as Moodle does, and read it."""
    if not answers:
        raise unsupported("Essay questions (an empty answer block { })")
    if answers.startswith("#"):
        question.type = NUMERICAL
        question.answers = _read_numbers(answers[1:], text_format)
        return
    if "~" in answers:
        # Moodle's rule (question/format/gift/format.php): single choice when one answer is
        # marked "=", else multiple response, whatever the weights.
        question.options = _read_choices(answers, text_format)
        question.type = SINGLE if "=" in answers else MULTIPLE
    elif "=" in answers and "->" in answers:
        question.type = MATCHING
        question.pairs = _read_pairs(answers, text_format)
    elif answers.split("#", 1)[0].strip().upper() in _TRUE | _FALSE:
        question.type = TRUE_FALSE
        question.options = _read_true_false(answers, text_format)
    else:
        # Moodle's rule: answers all marked "=", none with "->", is short answer.
        question.type = SHORT_ANSWER
        question.answers = _read_short_answers(answers, text_format)


def _weighted(body: str, number: int) -> tuple[Decimal, str]:
    """``%50%rest`` → ``(0.5, "rest")``; no weight is full marks, as in Moodle."""
    weight = _WEIGHT.match(body)
    if not weight:
        return Decimal(1), body
    return fraction_from_percent(weight.group(1), number), body[weight.end() :]


def _read_short_answers(answers: str, text_format: str) -> list[ParsedAnswer]:
    """``=Paris =%50%paris* #Nearly`` → accepted answers (plain text) with fractions."""
    read = []
    for number, token in enumerate(_answer_tokens(answers, "="), 1):
        fraction, body = _weighted(token[1:].strip(), number)
        text, _, feedback = body.partition("#")
        read.append(
            ParsedAnswer(
                text=_restore(text).strip(),
                fraction=fraction,
                feedback=_decode(feedback, text_format, block=False),
            )
        )
    return read


def _gift_number(source: str, number: int) -> Decimal:
    try:
        value = Decimal(source.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        shown = source.strip() if len(source.strip()) <= 20 else source.strip()[:19] + "…"
        raise InvalidQuestion(
            f'Numerical answer {number} has "{shown}" where a number should be: write answers '
            "as {#3.14}, {#3.14:0.01} (give or take 0.01) or {#1..5} (from 1 to 5)."
        )
    return value


def _read_numbers(answers: str, text_format: str) -> list[ParsedAnswer]:
    """Moodle's numerical GIFT: ``=%50%3:1#feedback`` (answer:tolerance), ``1..5`` (a range:
    its middle, give or take half its width), the first ``=`` optional, and ``~#feedback`` at
    the end for any other number (Moodle's catch-all answer ``*`` worth 0)."""
    answers, tilde, wrong = answers.partition("~")
    tokens = [token.strip() for token in answers.split("=")]
    if tokens and not tokens[0]:
        tokens = tokens[1:]
    if not tokens:
        raise InvalidQuestion("The numerical question has no answer after #.")
    read = []
    for number, token in enumerate(tokens, 1):
        fraction, body = _weighted(token, number)
        value, _, feedback = body.partition("#")
        value = _restore(value).strip()
        if value == ANY_ANSWER:
            text, tolerance = ANY_ANSWER, None
        elif value.find("..") > 0:
            low, _, high = value.partition("..")
            low, high = _gift_number(low, number), _gift_number(high, number)
            middle = (low + high) / 2
            text, tolerance = number_text(middle), abs(high - middle).normalize()
        elif value.find(":") > 0:
            answer, _, margin = value.partition(":")
            text = number_text(_gift_number(answer, number))
            tolerance = abs(_gift_number(margin, number)).normalize()
        else:
            text, tolerance = number_text(_gift_number(value, number)), Decimal(0)
        feedback_html = _decode(feedback, text_format, block=False)
        read.append(ParsedAnswer(text, fraction, feedback_html, tolerance))
    if tilde:
        _, _, feedback = wrong.partition("#")
        read.append(
            ParsedAnswer(ANY_ANSWER, Decimal(0), _decode(feedback, text_format, block=False))
        )
    return read


def _answer_tokens(answers: str, markers: str) -> list[str]:
    """Split an answer block before each marker character; text before the first is an error."""
    head, *tokens = re.split(f"(?=[{markers}])", answers)
    if head.strip():
        raise InvalidQuestion(
            f"Each answer must start with {' or '.join(markers)}: "
            f"'{_restore(head).strip()}' doesn't."
        )
    return [token.strip() for token in tokens]


def _read_choices(answers: str, text_format: str) -> list[ParsedOption]:
    """``=right#feedback ~wrong ~%50%half ~%-100%penalty`` → options with fractions."""
    options = []
    for number, token in enumerate(_answer_tokens(answers, "=~"), 1):
        marker, body = token[0], token[1:].strip()
        fraction = Decimal(marker == "=")
        weight = _WEIGHT.match(body) if marker == "~" else None
        if weight:
            fraction = fraction_from_percent(weight.group(1), number)
            body = body[weight.end() :]
        text, _, feedback = body.partition("#")
        options.append(
            ParsedOption(
                text=_decode(text, text_format, block=False),
                fraction=fraction,
                feedback=_decode(feedback, text_format, block=False),
            )
        )
    return options


def _read_pairs(answers: str, text_format: str) -> list[ParsedPair]:
    """``=Canada -> Ottawa =Italy -> Rome`` → pairs; a pair with no prompt (``= -> Paris``) is
    an extra wrong answer, kept as Moodle keeps it."""
    pairs = []
    for number, token in enumerate(_answer_tokens(answers, "="), 1):
        prompt, arrow, answer = token[1:].partition("->")
        if not arrow:
            raise InvalidQuestion(f"Matching pair {number} needs the form =prompt -> answer.")
        pairs.append(ParsedPair(_decode(prompt, text_format, block=False), _answer(answer)))
    return pairs


def _answer(source: str) -> str:
    """A matching answer: plain text on one line (Moodle reads it with no format)."""
    return " ".join(_restore(source).split())


def _read_true_false(answers: str, text_format: str) -> list[ParsedOption]:
    """``TRUE#shown if wrong#shown if right`` → a "True" and a "False" option."""
    value, _, rest = answers.partition("#")
    wrong, _, right = rest.partition("#")
    is_true = value.strip().upper() in _TRUE
    wrong_html = _decode(wrong, text_format, block=False)
    right_html = _decode(right, text_format, block=False)
    return [
        ParsedOption("True", Decimal(is_true), right_html if is_true else wrong_html),
        ParsedOption("False", Decimal(not is_true), wrong_html if is_true else right_html),
    ]


# --- Writing GIFT ------------------------------------------------------------------------------
#
# Definitions (the export is a function of the questions alone: no dates, no ids of this site's
# rows other than those named in comments, "\n" line endings, one blank line between blocks):
#
# - *Exported text* = the stored HTML made into what an import would store: sanitised by the
#   import's own rules (so Draftail's ``data-block-key`` attributes and the like go) until it no
#   longer changes. It is written in the question text's format when that reads back the same,
#   else with ``[html]``; GIFT's ``~ = # { } :`` and ``\`` are escaped, line breaks are ``\n``.
# - *Not exported* (GIFT can hold text only, not files, and this site's ids mean nothing in
#   another site): a picture (Wagtail image embed, or ``<img>``) becomes the text
#   ``[Picture not exported: its alt text]`` (``[Picture not exported]`` when it has none), so
#   an image-only question still has a text; a link to a document or a page becomes its link
#   text. Each one is named in a ``// picture not exported: …`` (``document``, ``page link``)
#   comment line above the question. Moodle XML would be needed to carry the files.
# - *Weights* are written as Moodle's grade the stored fraction stands for (0.33333 →
#   ``33.33333``); a fraction that is not one of Moodle's grades (which Moodle would refuse) is
#   written as the nearest grade, and a ``// weight changed: …`` comment line says so.
# - Every question gets a ``::title::`` (its name, or the name the import would derive), so the
#   import does not derive a different one.
#
# With these, export → import → export gives the same bytes for everything GIFT can hold.

_SPECIAL = re.compile(r"[\\:#=~{}\n]")
_WAGTAIL_PICTURE = re.compile(r"<embed\b[^>]*>|<img\b[^>]*>", re.IGNORECASE)
_OBJECT_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_COMMENT_UNSAFE = re.compile(r"[\[\]\r\n]+")
NOT_EXPORTED_PICTURE = "Picture not exported"


def export_gift(questions: Iterable[ParsedQuestion]) -> str:
    """Write questions as GIFT that Moodle, and parse_gift, read back as the same questions
    (see the definitions above for what GIFT cannot hold). Questions are written in the order
    given; a ``$CATEGORY:`` line is written whenever the category changes."""
    chunks = []
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            chunks.append(f"$CATEGORY: {category}".rstrip())
        chunks.append(_export_question(question))
    return "\n\n".join(chunks) + "\n"


def _escape(text: str) -> str:
    """Escape GIFT's special characters; line breaks become ``\\n``."""
    text = text.replace("\r", "")
    return _SPECIAL.sub(
        lambda match: "\\n" if match.group() == "\n" else "\\" + match.group(), text
    )


def _comment(text: str) -> str:
    """A one-line ``//`` comment that the reader cannot mistake for a ``[tag:…]``."""
    return "// " + " ".join(_COMMENT_UNSAFE.sub(" ", text).split())


def _export_question(question: ParsedQuestion) -> str:
    question, notes = exportable(question)
    lines = []
    if question.tags:
        lines.append("// " + " ".join(f"[tag:{tag}]" for tag in question.tags))
    lines.extend(_comment(note) for note in notes)
    stem, stem_format = _encode(question.stem, "moodle", block=True)
    name = question.name or derive_name(question.stem)
    lines.append(f"::{_escape(name)}::{stem}{{")
    lines.extend("\t" + line for line in _export_answers(question, stem_format))
    if question.general_feedback:
        general, _ = _encode(question.general_feedback, stem_format, block=True)
        lines.append(f"\t####{general}")
    lines.append("}")
    return "\n".join(lines)


def exportable(question: ParsedQuestion) -> tuple[ParsedQuestion, list[str]]:
    """A copy of the question as GIFT can hold it, and a note for everything left out or
    changed (see the definitions above). The question passed in is not changed."""
    notes: list[str] = []

    def text(value: str, where: str, *, block: bool) -> str:
        return _exportable_text(value, where, notes, block=block)

    copy = ParsedQuestion(
        type=question.type,
        name=question.name.strip(),
        stem=text(question.stem, "question text", block=True),
        general_feedback=text(question.general_feedback, "general feedback", block=True),
        category=question.category.strip(),
        tags=list(question.tags),
        line=question.line,
    )
    for number, option in enumerate(question.options, 1):
        copy.options.append(
            ParsedOption(
                text=text(option.text, f"answer {number}", block=False),
                fraction=_export_fraction(option.fraction, number, notes),
                feedback=text(option.feedback, f"answer {number} feedback", block=False),
            )
        )
    for number, pair in enumerate(question.pairs, 1):
        prompt = text(pair.prompt, f"pair {number}", block=False)
        copy.pairs.append(ParsedPair(prompt, " ".join(pair.answer.split())))
    for number, answer in enumerate(question.answers, 1):
        typed = answer.text.strip()
        if question.type == SHORT_ANSWER and "->" in typed:
            # GIFT has no escape for "->": an answer block with one is read as matching.
            typed = typed.replace("->", "- >")
            notes.append(f'answer changed: answer {number} has "->", written as "- >"')
        copy.answers.append(
            ParsedAnswer(
                text=typed,
                fraction=_export_fraction(answer.fraction, number, notes),
                feedback=text(answer.feedback, f"answer {number} feedback", block=False),
                tolerance=answer.tolerance,
            )
        )
    if question.type == SHORT_ANSWER and question.case_sensitive:
        notes.append(
            "case sensitivity not exported (GIFT cannot hold it): answers match in any case"
        )
    if question.type == NUMERICAL and question.units:
        names = ", ".join(unit.name for unit in question.units)
        notes.append(f"units not exported (GIFT cannot hold them): {names}")
    return copy, notes


def _exportable_text(text: str, where: str, notes: list[str], *, block: bool) -> str:
    """A stored text as an import would store it, pictures and site links replaced by text."""
    if not text:
        return ""

    def picture(match: re.Match[str]) -> str:
        tag = match.group()
        attrs = {key.lower(): html.unescape(value) for key, value in _ATTRS.findall(tag)}
        if tag[1:6].lower() == "embed" and attrs.get("embedtype") != "image":
            return ""
        alt = " ".join(attrs.get("alt", "").split())
        source = f"image {attrs['id']}" if attrs.get("id") else attrs.get("src", "")
        described = f'"{alt}"' if alt else "no alt text"
        notes.append(
            f"picture not exported (GIFT cannot hold files): {where}, {described}, {source}"
        )
        label = f"{NOT_EXPORTED_PICTURE}: {alt}" if alt else NOT_EXPORTED_PICTURE
        return html.escape(f"[{label}]", quote=False)

    def link(match: re.Match[str]) -> str:
        attrs = {key.lower(): html.unescape(value) for key, value in _ATTRS.findall(match[1])}
        kind = attrs.get("linktype")
        if kind not in {"document", "page"}:
            return match.group()
        words = html_to_plain(match[2])
        noun = "document" if kind == "document" else "page link"
        notes.append(f'{noun} not exported: {where}, "{words}", {kind} {attrs.get("id", "")}')
        return match[2]

    text = _OBJECT_LINK.sub(link, _WAGTAIL_PICTURE.sub(picture, text))
    for _ in range(3):  # sanitising is idempotent after one pass; two more to be safe
        again = text_to_html(text, "html", block=block)
        if again == text:
            break
        text = again
    return text


_ATTRS = re.compile(r'([\w-]+)="([^"]*)"')


def _export_fraction(fraction: Decimal, number: int, notes: list[str]) -> Decimal:
    """The Moodle grade a stored fraction stands for (0.33333 → 0.3333333)."""
    grade = moodle_fraction(fraction)
    if grade is None:
        grade = nearest_moodle_fraction(fraction)
        notes.append(
            f"weight changed: answer {number} was {percent(fraction)}%, which Moodle does not "
            f"allow; written as {percent(grade)}%"
        )
    return grade.normalize() if grade else Decimal(0)


def _export_answers(question: ParsedQuestion, text_format: str) -> list[str]:
    if question.type == SHORT_ANSWER:
        return [_export_short_answer(answer, text_format) for answer in question.answers]
    if question.type == NUMERICAL:
        return _export_numbers(question.answers, text_format)
    if question.type == MATCHING:
        return [_export_pair(pair, text_format) for pair in question.pairs]
    if question.type == TRUE_FALSE:
        return [_export_true_false(question.options, text_format)]
    return [_export_choice(option, question.type, text_format) for option in question.options]


def _export_choice(option: ParsedOption, kind: str, text_format: str) -> str:
    text, _ = _encode(option.text, text_format, block=False)
    if kind == SINGLE and option.fraction == 1:
        marker = "="
    elif option.fraction == 0 and not text.startswith("%"):
        marker = "~"
    else:
        marker = f"~%{percent(option.fraction)}%"
    feedback = _encode(option.feedback, text_format, block=False)[0] if option.feedback else ""
    return marker + text + (f"#{feedback}" if feedback else "")


def _weight(fraction: Decimal) -> str:
    return "" if fraction == 1 else f"%{percent(fraction)}%"


def _feedback_source(feedback: str, text_format: str) -> str:
    """``#feedback``, never with a "->" that would make the answers read as matching."""
    if not feedback:
        return ""
    return f"#{_encode(feedback, text_format, block=False, avoid='->')[0]}"


def _export_short_answer(answer: ParsedAnswer, text_format: str) -> str:
    """``=%50%Paris#feedback``: the answer is plain text (Moodle reads it with no format)."""
    text = _escape(answer.text)
    if answer.fraction == 1 and text.startswith("%"):
        text = "%100%" + text  # so the text is not read as a weight
    return f"={_weight(answer.fraction)}{text}{_feedback_source(answer.feedback, text_format)}"


def _export_numbers(answers: list[ParsedAnswer], text_format: str) -> list[str]:
    """``#`` then one ``=%weight%answer:tolerance#feedback`` per answer; a last catch-all
    answer worth 0 is Moodle's ``~#feedback``."""
    lines = ["#"]
    for number, answer in enumerate(answers, 1):
        feedback = _feedback_source(answer.feedback, text_format)
        if answer.text == ANY_ANSWER and answer.fraction == 0 and number == len(answers):
            lines.append(f"~{feedback or '#'}")
        elif answer.text == ANY_ANSWER:
            lines.append(f"=%{percent(answer.fraction)}%*{feedback}")
        else:
            tolerance = number_text(answer.tolerance or Decimal(0))
            lines.append(f"={_weight(answer.fraction)}{answer.text}:{tolerance}{feedback}")
    return lines


def _export_pair(pair: ParsedPair, text_format: str) -> str:
    prompt, _ = _encode(pair.prompt, text_format, block=False, avoid="->")
    # Moodle reads matching answers as plain text, with no format prefix.
    return f"={prompt} -> {_escape(pair.answer)}"


def _export_true_false(options: list[ParsedOption], text_format: str) -> str:
    right = next((option for option in options if option.fraction > 0), options[0])
    wrong = next((option for option in options if option is not right), right)
    is_true = right.text.strip().lower() in {"true", "t"}
    source = "TRUE" if is_true else "FALSE"
    right_fb = _encode(right.feedback, text_format, block=False)[0] if right.feedback else ""
    wrong_fb = _encode(wrong.feedback, text_format, block=False)[0] if wrong.feedback else ""
    if wrong_fb or right_fb:
        source += f"#{wrong_fb}"
    if right_fb:
        source += f"#{right_fb}"
    return source


def _encode(text: str, context: str, *, block: bool, avoid: str = "") -> tuple[str, str]:
    """Write a stored HTML text as GIFT source, in the given context format if it reads back
    the same, else with a ``[format]`` prefix. Returns the source and the format used."""
    for text_format in (context, "html" if context != "html" else "moodle"):
        raw = text if text_format == "html" else _plain(text, block=block)
        if raw is None or (avoid and avoid in raw):
            continue
        if text_to_html(raw, text_format, block=block) != text:
            continue
        needs_prefix = text_format != context or raw.startswith("[")
        return (f"[{text_format}]" if needs_prefix else "") + _escape(raw), text_format
    return "[html]" + _escape(text), "html"


def _plain(text: str, *, block: bool) -> str | None:
    """The plain text that escapes to this HTML, or None if there isn't one."""
    return _plain_block(text) if block else _plain_inline(text)


def _plain_block(text: str) -> str | None:
    if not text:
        return ""
    if not (text.startswith("<p>") and text.endswith("</p>")):
        return None
    plain = html.unescape(text[3:-4].replace("</p><p>", "\n\n").replace("<br>", "\n"))
    return plain if _paragraphs(plain) == text else None


def _plain_inline(text: str) -> str | None:
    plain = html.unescape(text.replace("<br>", "\n"))
    return plain if _inline(plain) == text else None
