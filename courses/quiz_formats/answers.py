"""How Moodle compares a typed answer with a short-answer or numerical question's answers.

Short answer (qtype_shortanswer, question/type/shortanswer/question.php): the response is
trimmed (PHP ``trim``: spaces, tabs, line breaks, NUL, vertical tab); the response and each
answer are normalised to Unicode NFC; in an answer a run of unescaped ``*`` matches any
characters (but not a line break), ``\\*`` is a literal star, everything else is literal; the
whole response must match; case is ignored unless the question is case sensitive (usecase).
The answers are tried in their order and the first that matches gives the fraction and the
feedback (question_first_matching_answer_grading_strategy); none matching gives 0.

Numerical (qtype_numerical, question.php and its answer processor): spaces are removed;
``1.5x10^3``, ``1.5*10**3`` (and with a times sign) are written ``1.5e3``; if there is a ``.``
or more than one ``,`` the commas are thousands separators and dropped, otherwise a ``,`` is the
decimal point. The number is read from the start (sign, digits, point, digits, exponent,
with a digit before or after the point); what follows it is the unit. An answer ``a`` with
tolerance ``t`` accepts ``v`` when ``a - t' <= v <= a + t'``, ``t' = t + 10^-14 * max(1, |a|)``
(Moodle's nominal tolerance, 14 being PHP's float precision); ``*`` accepts any number. With
units (optional, not graded: Moodle's "units are optional", unitgradingtype 0) a known unit
converts the value (``v / multiplier``), tried first, then the value as typed; an unknown unit
is ignored. Without units a unit after the number is not valid ("enter a number only").
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation, localcontext

from . import ANY_ANSWER, ParsedUnit

PHP_TRIM = " \t\n\r\0\x0b"
_STARS = re.compile(r"(?<!\\)\*+")
MAX_TYPED_ANSWER = 255


def trim(text: str) -> str:
    return text.strip(PHP_TRIM)


def wildcard_matches(response: str, pattern: str, *, case_sensitive: bool) -> bool:
    """Moodle's compare_string_with_wildcard (see the module's docstring)."""
    pattern = unicodedata.normalize("NFC", pattern)
    response = unicodedata.normalize("NFC", response)
    bits = [re.escape(bit.replace("\\*", "*")) for bit in _STARS.split(pattern)]
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.fullmatch(".*".join(bits), trim(response), flags) is not None


_EXPONENT = re.compile(r"(?:e|E|(?:x|\*|×)10(?:\^|\*\*))([+-]?\d+)")
_NUMBER = re.compile(r"([+-]?\d*)(?:\.(\d*))?(?:e([+-]?\d+))?")


def read_number(response: str) -> tuple[Decimal, str] | None:
    """The number at the start of a typed answer and the unit after it, or None when it
    does not start with a number (Moodle's apply_units; see the module's docstring)."""
    text = _EXPONENT.sub(r"e\1", response.replace(" ", ""))
    thousands = "." in text or text.count(",") > 1
    text = text.replace(",", "") if thousands else text.replace(",", ".")
    match = _NUMBER.match(text)
    before, decimals, exponent = match.group(1), match.group(2) or "", match.group(3)
    if before in ("", "+", "-") and not decimals:
        return None
    digits = before if before not in ("", "+", "-") else before + "0"
    source = f"{digits}.{decimals or '0'}" + (f"e{exponent}" if exponent else "")
    try:
        value = Decimal(source)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return value, trim(text[match.end() :])


NOT_A_NUMBER = "Enter a number, for example 3.5"
NO_UNIT = "Enter a number only, without a unit"


def number_problem(response: str, units: list[ParsedUnit]) -> str:
    """What is wrong with a typed numerical answer ("" when it can be graded, or is blank)."""
    response = trim(response)
    if not response:
        return ""
    read = read_number(response)
    if read is None:
        return NOT_A_NUMBER
    if read[1] and not units:
        return NO_UNIT
    return ""


def nominal_bounds(answer: Decimal, tolerance: Decimal) -> tuple[Decimal, Decimal]:
    with localcontext() as context:
        context.prec = 50
        margin = abs(tolerance) + Decimal("1e-14") * max(Decimal(1), abs(answer))
        return answer - margin, answer + margin


def within(answer_text: str, tolerance: Decimal | None, value: Decimal) -> bool:
    if answer_text.strip() == ANY_ANSWER:
        return True
    try:
        answer = Decimal(answer_text)
    except InvalidOperation:
        return False
    low, high = nominal_bounds(answer, tolerance or Decimal(0))
    return low <= value <= high


def numerical_match(response: str, answers: list, units: list[ParsedUnit]):
    """The first answer (anything with ``text`` and ``tolerance``) accepting the typed
    response, or None (also for a blank or invalid response)."""
    response = trim(response)
    if not response or number_problem(response, units):
        return None
    value, unit = read_number(response)
    multipliers = {u.name: Decimal(u.multiplier) for u in units}
    scaled = None
    if unit and unit in multipliers and multipliers[unit]:
        with localcontext() as context:
            context.prec = 50
            scaled = value / multipliers[unit]
    for answer in answers:
        if scaled is not None and within(answer.text, answer.tolerance, scaled):
            return answer
        if within(answer.text, answer.tolerance, value):
            return answer
    return None


def short_answer_match(response: str, answers: list, *, case_sensitive: bool):
    """The first answer whose pattern matches the typed response, or None (blank: None)."""
    if not trim(response):
        return None
    for answer in answers:
        if wildcard_matches(response, answer.text, case_sensitive=case_sensitive):
            return answer
    return None


def number_text(value: Decimal) -> str:
    """A number as we store and export it: ``Decimal("3.140")`` → ``"3.14"``."""
    value = value.normalize()
    return format(value, "f") if value else "0"
