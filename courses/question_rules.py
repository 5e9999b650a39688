"""What makes a well-formed question, shared by the admin form and the importers."""

from decimal import Decimal

from .quiz_formats import (
    ANY_ANSWER,
    MATCHING,
    MULTIPLE,
    NUMERICAL,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
    TYPED,
)

TOLERANCE = Decimal("0.01")


def structure_problems(qtype: str, fractions: list[Decimal], pair_count: int) -> list[str]:
    """Plain-English problems with a question's options or pairs (empty when it is fine)."""
    positive = [f for f in fractions if f > 0]
    if qtype == MATCHING:
        problems = []
        if pair_count < 2:
            problems.append("A matching question needs at least 2 pairs.")
        if fractions:
            problems.append("A matching question has pairs, not options.")
        return problems
    if pair_count:
        return ["Only matching questions have pairs."]
    if qtype in TYPED:
        # Their accepted answers are checked by answer_problems.
        if fractions:
            return ["Short-answer and numerical questions have accepted answers, not options."]
        return []
    if qtype == TRUE_FALSE and len(fractions) != 2:
        return ["A true or false question has exactly 2 options: True and False."]
    if len(fractions) < 2:
        return ["Give at least 2 options."]
    if qtype in (SINGLE, TRUE_FALSE):
        if len([f for f in fractions if f == 1]) != 1 or len(positive) != 1:
            return ["Mark exactly one option as right (fraction 1); the others 0."]
        return []
    if qtype == MULTIPLE:
        if not positive:
            return ["Mark at least one option as right."]
        if abs(sum(positive) - 1) > TOLERANCE:
            return [
                "The right options' fractions must add up to 1 (for example 0.5 and 0.5); "
                f"they add up to {sum(positive).normalize()}."
            ]
        return []
    return [f"Unknown question type {qtype!r}."]


def answer_problems(qtype: str, answers: list, units: list) -> list[str]:
    """Plain-English problems with a short-answer or numerical question's accepted answers
    (``ParsedAnswer``-like: text, fraction, tolerance) and units (name, multiplier)."""
    from .quiz_formats.answers import read_number
    from .quiz_formats.gift import moodle_fraction, nearest_moodle_fraction, percent

    noun = "short-answer" if qtype == SHORT_ANSWER else "numerical"
    if not answers:
        return [f"A {noun} question needs at least one accepted answer."]
    problems = []
    for number, answer in enumerate(answers, 1):
        text = answer.text.strip()
        if not text:
            problems.append(f"Accepted answer {number} is empty.")
        elif qtype == NUMERICAL and text != ANY_ANSWER:
            read = read_number(text)
            if read is None or read[1] or text.count(",") or " " in text:
                problems.append(
                    f"Accepted answer {number}, “{text}”, is not a number: write it like "
                    "3.14 or -2 (or * for any other number)."
                )
        if moodle_fraction(Decimal(answer.fraction)) is None:
            nearest = percent(nearest_moodle_fraction(Decimal(answer.fraction)))
            problems.append(
                f"Accepted answer {number} is worth {percent(Decimal(answer.fraction))}%, "
                f"which Moodle does not allow: use {nearest}%."
            )
        if answer.tolerance is not None and qtype == SHORT_ANSWER:
            problems.append(f"Accepted answer {number} has a tolerance: only numbers have one.")
        if answer.tolerance is not None and Decimal(answer.tolerance) < 0:
            problems.append(f"Accepted answer {number} has a negative tolerance.")
    if not any(Decimal(answer.fraction) == 1 for answer in answers):
        problems.append(
            "One accepted answer must be worth 100% (fraction 1), so full marks are possible."
        )
    if units and qtype != NUMERICAL:
        problems.append("Only numerical questions have units.")
    names = [unit.name for unit in units]
    if any(not name for name in names):
        problems.append("A unit has no name.")
    if len(set(names)) != len(names):
        problems.append("Two units have the same name.")
    if any(Decimal(unit.multiplier) <= 0 for unit in units):
        problems.append("A unit's multiplier must be more than 0.")
    if units and Decimal(units[0].multiplier) != 1:
        problems.append("The first unit is the answer's own unit: its multiplier must be 1.")
    return problems
