"""Grading equals Moodle's, type by type (issue 14, acceptance 3): right, partly right, wrong
and blank answers, and the mark Moodle gives each. Every expected mark below is derived from
the Moodle code or documentation cited next to it, not from our own implementation.

Moodle sources (moodle/moodle, read with the search tool):
- MC1 question/type/multichoice/question.php, qtype_multichoice_single_question::grade_response:
  the chosen answer's fraction, negative included; no choice is not gradable (mark 0).
- MC2 qtype_multichoice_multi_question::grade_response: the chosen answers' fractions added up,
  then min(max(0, sum), 1).
- TF  question/type/truefalse/question.php grade_response: 1 if the choice is the right one,
  else 0 (truefalse answers are 100 and 0).
- MA  question/type/match/question.php get_num_parts_right / grade_response: right stems
  divided by the number of stems (extra distractors are not stems).
- SA  question/type/shortanswer/question.php: response trimmed (PARAM_RAW_TRIMMED); the first
  answer, in their order, matching compare_string_with_wildcard (``*`` any characters,
  ``\\*`` a star, the whole response, case ignored unless usecase) gives its fraction
  (question_first_matching_answer_grading_strategy); none matching gives 0; blank is not
  gradable (0).
- NU  question/type/numerical/question.php: qtype_numerical_answer::within_tolerance, nominal
  tolerance answer ± (tolerance + 1e-14·max(1, |answer|)); ``*`` matches any number; the
  first matching answer in order; apply_units (``,`` decimal comma unless a ``.`` or several
  ``,``); unitgradingtype 0: a unit never costs marks; a known unit converts the value
  (value / multiplier), tried before the value as typed.
- QT  quiz total: question_usage_by_activity::get_total_mark sums the marks; mod/quiz keeps a
  negative total (MDL-60632 "students can achieve overall negative grades"); only the
  overall-feedback lookup uses max(grade, 0) (MDL-30033, quiz_feedback_for_grade).
"""

from decimal import Decimal

import pytest

from courses.services.quizzes import grade


def choice(kind, *fractions):
    return {
        "type": kind,
        "options": [
            {"key": f"o{n}", "text": f"Option {n}", "fraction": str(f), "feedback": f"fb{n}"}
            for n, f in enumerate(fractions)
        ],
    }


def typed(kind, answers, *, case_sensitive=False, units=()):
    return {
        "type": kind,
        "case_sensitive": case_sensitive,
        "answers": [
            {
                "text": text,
                "fraction": str(fraction),
                "feedback": f"feedback for {text}",
                "tolerance": None if tolerance is None else str(tolerance),
            }
            for text, fraction, tolerance in answers
        ],
        "units": [{"name": name, "multiplier": str(m)} for name, m in units],
    }


SINGLE = choice("single", 1, 0, "-0.5")
MULTIPLE = choice("multiple", "0.5", "0.5", "-0.5", 0)
THIRDS = choice("multiple", "0.3333333", "0.3333333", "0.3333333", "-1")
TRUE_FALSE = choice("true_false", 1, 0)
MATCHING = {
    "type": "matching",
    "pairs": [
        {"key": "p0", "prompt": "999", "answer": "Emergency"},
        {"key": "p1", "prompt": "101", "answer": "Non-emergency"},
        {"key": "p2", "prompt": "PIPPA", "answer": "Local advice"},
    ],
    "choices": ["Emergency", "Non-emergency", "Local advice", "A distractor"],
}
SHORT = typed(
    "short_answer",
    [("Refuge", 1, None), ("*refuge*", "0.5", None), ("Police", "-0.5", None)],
)
SHORT_ORDER = typed("short_answer", [("*ris", "0.5", None), ("Paris", 1, None)])
SHORT_CASE = typed("short_answer", [("IDVA", 1, None)], case_sensitive=True)
SHORT_STAR = typed("short_answer", [("2\\*3", 1, None), ("*", 0, None)])
NUMBER = typed(
    "numerical",
    [("3.14", 1, "0.01"), ("3", "0.5", "0.5"), ("0", "-0.5", "0"), ("*", 0, None)],
)
NUMBER_UNITS = typed("numerical", [("2", 1, "0")], units=[("m", 1), ("cm", 100)])
NUMBER_EXACT = typed("numerical", [("1000", 1, "0")])

ROWS = [
    # (question, answer, Moodle's mark, rule)
    (SINGLE, ["o0"], "1", "MC1 right"),
    (SINGLE, ["o1"], "0", "MC1 wrong"),
    (SINGLE, ["o2"], "-0.5", "MC1 wrong with a negative fraction"),
    (SINGLE, [], "0", "MC1 blank"),
    (MULTIPLE, ["o0", "o1"], "1", "MC2 right"),
    (MULTIPLE, ["o0"], "0.5", "MC2 partly right"),
    (MULTIPLE, ["o0", "o2"], "0", "MC2 0.5 - 0.5"),
    (MULTIPLE, ["o2"], "0", "MC2 negative sum floored at 0"),
    (MULTIPLE, ["o0", "o1", "o3"], "1", "MC2 a 0 option costs nothing"),
    (MULTIPLE, [], "0", "MC2 blank"),
    (THIRDS, ["o0", "o1", "o2"], "1", "MC2 3 x 0.3333333 is full marks"),
    (THIRDS, ["o0", "o1", "o2", "o3"], "0", "MC2 0.9999999 - 1 floored"),
    (TRUE_FALSE, ["o0"], "1", "TF right"),
    (TRUE_FALSE, ["o1"], "0", "TF wrong"),
    (TRUE_FALSE, [], "0", "TF blank"),
    (MATCHING, {"p0": "Emergency", "p1": "Non-emergency", "p2": "Local advice"}, "1", "MA"),
    (MATCHING, {"p0": "Emergency", "p1": "Non-emergency"}, "2/3", "MA partly right"),
    (MATCHING, {"p0": "A distractor", "p1": "Emergency"}, "0", "MA wrong"),
    (MATCHING, {}, "0", "MA blank"),
    (SHORT, "Refuge", "1", "SA right"),
    (SHORT, "  refuge\t", "1", "SA trimmed, case ignored"),
    (SHORT, "National Refuge helpline", "0.5", "SA wildcard, partly right"),
    (SHORT, "police", "-0.5", "SA negative fraction"),
    (SHORT, "Social services", "0", "SA no answer matches"),
    (SHORT, "", "0", "SA blank"),
    (SHORT, "Ref uge", "0", "SA inner spaces count"),
    (SHORT_ORDER, "Paris", "0.5", "SA the first matching answer in order, not the best"),
    (SHORT_CASE, "IDVA", "1", "SA usecase: same case"),
    (SHORT_CASE, "idva", "0", "SA usecase: other case does not match"),
    (SHORT_STAR, "2*3", "1", "SA \\* is a literal star"),
    (SHORT_STAR, "2x3", "0", "SA \\* is not a wildcard; * catch-all worth 0"),
    (NUMBER, "3.14", "1", "NU right"),
    (NUMBER, "3.15", "1", "NU upper bound of the tolerance is inside"),
    (NUMBER, "3.13", "1", "NU lower bound of the tolerance is inside"),
    (NUMBER, "3,14", "1", "NU decimal comma"),
    (NUMBER, "314e-2", "1", "NU exponent"),
    (NUMBER, "3.1500001", "0.5", "NU just outside: next answer, partly right"),
    (NUMBER, "2.5", "0.5", "NU partly right"),
    (NUMBER, "0", "-0.5", "NU negative fraction"),
    (NUMBER, "42", "0", "NU * catch-all worth 0"),
    (NUMBER, "", "0", "NU blank"),
    (NUMBER_UNITS, "2", "1", "NU units optional: the number alone"),
    (NUMBER_UNITS, "2 m", "1", "NU known unit"),
    (NUMBER_UNITS, "200 cm", "1", "NU known unit converted"),
    (NUMBER_UNITS, "2 km", "1", "NU unknown unit ignored, not marked"),
    (NUMBER_UNITS, "200", "0", "NU no unit: the value as typed"),
    (NUMBER_EXACT, "1,000", "0", "NU one comma and no point is a decimal comma: 1.000"),
    (NUMBER_EXACT, "1,000.0", "1", "NU a point present: commas are thousands"),
    (NUMBER_EXACT, "1,000,000", "0", "NU several commas are thousands: 1000000"),
]


def expected(mark: str) -> Decimal:
    if "/" in mark:
        top, bottom = mark.split("/")
        return Decimal(top) / Decimal(bottom)
    return Decimal(mark)


@pytest.mark.parametrize(("question", "answer", "mark", "rule"), ROWS, ids=[r[3] for r in ROWS])
def test_each_answer_gets_moodles_mark(question, answer, mark, rule):
    _, (result,) = grade({"questions": [question]}, {"0": answer})
    assert result.mark == expected(mark), rule


def test_the_matching_answers_feedback_is_the_one_shown():
    _, (result,) = grade({"questions": [SHORT]}, {"0": "the refuge"})
    assert result.chosen_feedback == ["feedback for *refuge*"]
    _, (result,) = grade({"questions": [SHORT]}, {"0": "nothing"})
    assert result.chosen_feedback == []


def test_the_quiz_total_adds_marks_and_keeps_a_negative_total_as_moodle():
    # QT: -0.5 (single) + 0 (short answer) + -0.5 (numerical) = -1: Moodle keeps it.
    snapshot = {"questions": [SINGLE, SHORT, NUMBER]}
    total, results = grade(snapshot, {"0": ["o2"], "1": "nothing", "2": "0"})
    assert [r.mark for r in results] == [Decimal("-0.5"), Decimal(0), Decimal("-0.5")]
    assert total == Decimal("-1")
    total, _ = grade(snapshot, {"0": ["o0"], "1": "Refuge", "2": "3.14"})
    assert total == Decimal(3)
