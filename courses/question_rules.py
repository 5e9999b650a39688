"""What makes a well-formed question, shared by the admin form and the importers."""

from decimal import Decimal

from .quiz_formats import MATCHING, MULTIPLE, SINGLE, TRUE_FALSE

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
