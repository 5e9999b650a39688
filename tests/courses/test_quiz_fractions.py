"""Moodle's grade rules: only Moodle's fractions, and marks as Moodle's question types and
quiz total compute them (issue 14)."""

from decimal import Decimal

import pytest

from courses import services
from courses.factories import make_question, make_quiz
from courses.models import QuestionPair
from courses.quiz_formats import MULTIPLE, SINGLE
from courses.quiz_formats.gift import moodle_fraction, parse_gift
from courses.quiz_formats.moodle_xml import parse_moodle_xml
from courses.services.quizzes import grade


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.3333333", "0.3333333"),
        ("0.33333", "0.3333333"),  # as the database keeps it (5 places)
        ("0.33", None),
        ("-0.5", "-0.5"),
        ("0.50000999", "0.5"),  # within Moodle's 0.00001
        ("0.50001", None),  # at 0.00001: refused, as Moodle's "<" refuses it
        ("0.1428571", "0.1428571"),
        ("-1", "-1"),
        ("1.05", None),
    ],
)
def test_only_moodles_fractions_are_accepted(value, expected):
    found = moodle_fraction(Decimal(value))
    assert found == (Decimal(expected) if expected else None)


def test_a_weight_moodle_refuses_is_an_error_naming_the_question_and_the_value():
    result = parse_gift("::Thirds::Pick.{~%33%a ~%33%b ~%34%c ~d}")
    assert not result.ok
    error = result.errors[0]
    assert error.question == "Thirds"
    assert "weight 33%, which Moodle does not allow: use 33.33333%" in error.message


def test_the_xml_path_refuses_the_same_weights():
    xml = (
        b'<?xml version="1.0"?><quiz><question type="multichoice"><name><text>Q9</text></name>'
        b"<questiontext><text>Pick</text></questiontext><single>false</single>"
        b'<answer fraction="66"><text>a</text></answer>'
        b'<answer fraction="34"><text>b</text></answer></question></quiz>'
    )
    result = parse_moodle_xml(xml)
    assert result.errors[0].question == "Q9"
    assert "66%, which Moodle does not allow: use 66.66667%" in result.errors[0].message


def test_gift_without_an_equals_sign_is_multiple_response_and_with_one_single_choice():
    penalties = parse_gift("Pick.{~%100%a ~%-50%b ~%-50%c}").questions[0]
    assert penalties.type == MULTIPLE
    single = parse_gift("Pick.{=a ~%-50%b ~c}").questions[0]
    assert single.type == SINGLE


def test_gift_partial_credit_in_single_choice_has_the_xml_message():
    gift_error = parse_gift("Pick.{=a ~%50%b ~c}").errors[0].message
    xml_error = parse_moodle_xml(
        b'<?xml version="1.0"?><quiz><question type="multichoice"><name><text>Q</text></name>'
        b"<questiontext><text>Pick.</text></questiontext><single>true</single>"
        b'<answer fraction="100"><text>a</text></answer>'
        b'<answer fraction="50"><text>b</text></answer>'
        b'<answer fraction="0"><text>c</text></answer></question></quiz>'
    ).errors[0]
    assert gift_error == xml_error.message
    assert "partial credit isn't supported" in gift_error


def _choice(kind: str, *fractions: str) -> dict:
    return {
        "type": kind,
        "options": [
            {"key": f"o{n}", "text": f"o{n}", "fraction": f, "feedback": ""}
            for n, f in enumerate(fractions)
        ],
    }


MATCH = {
    "type": "matching",
    "pairs": [
        {"key": "p0", "prompt": "a", "answer": "A"},
        {"key": "p1", "prompt": "b", "answer": "B"},
        {"key": "p2", "prompt": "c", "answer": "C"},
    ],
    "choices": ["A", "B", "C", "Distractor"],
}


@pytest.mark.parametrize(
    ("question", "answer", "mark"),
    [
        # single choice: the chosen option's fraction, negative included
        (_choice("single", "1", "0", "-0.5"), ["o0"], "1"),
        (_choice("single", "1", "0", "-0.5"), ["o1"], "0"),
        (_choice("single", "1", "0", "-0.5"), ["o2"], "-0.5"),
        (_choice("single", "1", "0", "-0.5"), [], "0"),
        (_choice("true_false", "0", "1"), ["o0"], "0"),
        (_choice("true_false", "0", "1"), ["o1"], "1"),
        # multiple response: the sum, kept between 0 and 1
        (_choice("multiple", "0.5", "0.5", "-1"), ["o0", "o1"], "1"),
        (_choice("multiple", "0.5", "0.5", "-1"), ["o0"], "0.5"),
        (_choice("multiple", "0.5", "0.5", "-1"), ["o0", "o2"], "0"),
        (_choice("multiple", "0.33333", "0.33333", "0.33333"), ["o0", "o1", "o2"], "1"),
        # matching: the share of prompts matched right; the distractor is only a choice
        (MATCH, {"p0": "A", "p1": "B", "p2": "C"}, "1"),
        (MATCH, {"p0": "A", "p1": "Distractor"}, "0.3333333333333333333333333333"),
        (MATCH, {}, "0"),
    ],
)
def test_marks_follow_moodles_question_types(question, answer, mark):
    score, [result] = grade({"questions": [question]}, {"0": answer})
    assert result.mark == Decimal(mark)
    assert score == Decimal(mark)


def test_the_total_is_not_floored_at_zero_as_in_moodle():
    penalty = _choice("single", "1", "-0.5")
    score, results = grade({"questions": [penalty, penalty]}, {"0": ["o1"], "1": ["o1"]})
    assert [r.mark for r in results] == [Decimal("-0.5"), Decimal("-0.5")]
    assert score == Decimal(-1)
    assert not any(r.correct or r.partly for r in results)


@pytest.mark.django_db
def test_an_attempt_with_penalties_scores_below_zero_and_fails(module, user_with_role):
    question = make_question("single", "Penalty")
    question.options.filter(fraction=0).update(fraction=Decimal("-0.5"))
    quiz = make_quiz(module, [question])
    attempt = services.start_attempt(user_with_role(), quiz)
    wrong = next(o["key"] for o in attempt.questions[0]["options"] if o["fraction"] != "1.00000")
    services.save_answers(attempt, {"0": [wrong]})
    attempt = services.submit_attempt(attempt, str(attempt.submit_token))
    assert attempt.score == Decimal("-0.5")
    assert attempt.percent == Decimal("-50.00")
    assert attempt.passed is False


@pytest.mark.django_db
def test_a_matching_distractor_is_a_choice_but_not_a_prompt(module, user_with_role):
    question = make_question("matching", "With distractor")
    question.pairs.add(QuestionPair(prompt="", answer="Hairdresser"))
    question.save()
    question.save_revision(clean=False).publish()
    attempt = services.start_attempt(user_with_role(), make_quiz(module, [question]))
    shown = attempt.questions[0]
    assert [pair["prompt"] for pair in shown["pairs"]] == ["999", "101", "PIPPA"]
    assert "Hairdresser" in shown["choices"]
