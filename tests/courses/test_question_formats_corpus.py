"""Our own corpus of GIFT and Moodle XML files (tests/courses/question_formats/), written
from Moodle's GIFT format and Moodle XML format documentation: each file imports as the
questions listed here (type, name, text, fractions, answers), and refuses what it should."""

from decimal import Decimal
from pathlib import Path

import pytest

from courses.quiz_formats import MATCHING, MULTIPLE, NUMERICAL, SHORT_ANSWER, SINGLE, TRUE_FALSE
from courses.quiz_formats.gift import parse_gift
from courses.quiz_formats.moodle_xml import parse_moodle_xml

CORPUS = Path(__file__).parent / "question_formats"


def read(name: str):
    path = CORPUS / name
    if path.suffix == ".xml":
        return parse_moodle_xml(path.read_bytes())
    return parse_gift(path.read_text(encoding="utf-8"))


def summary(question) -> tuple:
    """Type, name, text, and what each answer is worth (answers as typed for typed types)."""
    if question.type == MATCHING:
        worth = [(pair.answer, bool(pair.prompt)) for pair in question.pairs]
    elif question.type in (SHORT_ANSWER, NUMERICAL):
        worth = [
            (
                answer.text,
                str(answer.fraction),
                None if answer.tolerance is None else str(answer.tolerance),
            )
            for answer in question.answers
        ]
    else:
        worth = [str(option.fraction) for option in question.options]
    return question.type, question.name, question.stem, worth


EXPECTED = {
    "gift/short_answer.txt": [
        (
            SHORT_ANSWER,
            "Grant's tomb",
            "<p>Who's buried in Grant's tomb?</p>",
            [("Grant", "1", None), ("Ulysses S. Grant", "1", None), ("Ulysses Grant", "1", None)],
        ),
        (
            SHORT_ANSWER,
            "Two plus two",
            "<p>Two plus two equals _____.</p>",
            [("four", "1", None), ("4", "1", None)],
        ),
        (
            SHORT_ANSWER,
            "Weighted",
            "<p>Which charity runs the national domestic abuse helpline?</p>",
            [("Refuge", "1", None), ("*refuge*", "0.5", None), ("Police", "-0.5", None)],
        ),
        (
            SHORT_ANSWER,
            "Escapes",
            "<p>What do you call the = sign?</p>",
            [("equals", "1", None), ("the equals sign =", "1", None), ("equal*", "0.5", None)],
        ),
    ],
    "gift/numerical.txt": [
        (NUMERICAL, "Grant born", "<p>When was Ulysses S. Grant born?</p>", [("1822", "1", "5")]),
        (
            NUMERICAL,
            "Pi",
            "<p>What is the value of pi (to 3 decimal places)?</p>",
            [("3.1415", "1", "0.0005")],
        ),
        (NUMERICAL, "Range", "<p>Pick a number from 1 to 5.</p>", [("3", "1", "2")]),
        (
            NUMERICAL,
            "Weighted numbers",
            "<p>When was Ulysses S. Grant born?</p>",
            [("1822", "1", "0"), ("1822", "0.5", "2")],
        ),
        (
            NUMERICAL,
            "Catch all",
            "<p>How many days are in a week?</p>",
            [("7", "1", "0"), ("*", "0", None)],
        ),
        (
            NUMERICAL,
            "Negative",
            "<p>What is the temperature at which water freezes, in Celsius?</p>",
            [("0", "1", "0"), ("32", "-0.5", "0")],
        ),
    ],
    "gift/choices.txt": [
        (SINGLE, "Colours", "What colour is a <b>Safe Place</b> sign?", ["1", "0", "0"]),
        (
            MULTIPLE,
            "Which apply",
            "<p>Which of these are signs of coercive control?</p>",
            ["0.5", "0.5", "-1"],
        ),
        (
            TRUE_FALSE,
            "Truth",
            "<p>Coercive control is a crime in England and Wales.</p>",
            ["1", "0"],
        ),
        (
            MATCHING,
            "Services",
            "<p>Match each service with what it does.</p>",
            [("Advocacy", True), ("Risk meeting", True), ("Hairdresser", False)],
        ),
    ],
    "xml/shortanswer.xml": [
        (
            SHORT_ANSWER,
            "Helpline",
            "<p>Which charity runs the <b>national</b> helpline?</p>",
            [("Refuge", "1", None), ("*refuge*", "0.5", None)],
        ),
        (
            SHORT_ANSWER,
            "Acronym",
            "<p>What does the acronym for an independent domestic violence adviser look like?</p>",
            [("IDVA", "1", None), ("*", "0", None)],
        ),
    ],
    "xml/every_type.xml": [
        (
            SINGLE,
            "Which sign & why",
            '<p>Which sign shows a <b>Safe Place</b>?</p><p><img alt="A purple sign" '
            'src="@@PLUGINFILE@@/safe%20place.png"></p>',
            ["1", "-0.5", "0"],
        ),
        (MULTIPLE, "Thirds", "Which three are right?", ["0.3333333"] * 3 + ["-1"]),
        (TRUE_FALSE, "Crime", "<p>Coercive control is a <i>crime</i>.</p>", ["1", "0"]),
        (
            MATCHING,
            "Services",
            "Match each service.",
            [("Advocacy & support", True), ("Risk meeting", True), ("Hairdresser", False)],
        ),
        (
            SHORT_ANSWER,
            "Helpline",
            "<p>Who runs the helpline?</p>",
            [("Refuge", "1", None), ("*refuge*", "0.5", None)],
        ),
        (
            NUMERICAL,
            "Distance",
            "<p>How far, in metres?</p>",
            [("2.5", "1", "0.05"), ("250", "-0.5", "0"), ("*", "0", None)],
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_corpus_file_imports_as_its_questions(name):
    result = read(name)
    assert result.errors == []
    assert [summary(question) for question in result.questions] == EXPECTED[name]


def test_the_corpus_covers_every_file():
    files = {str(path.relative_to(CORPUS)) for path in CORPUS.rglob("*.*")}
    assert files == set(EXPECTED) | {"xml/numerical.xml"}


def test_gift_details_tags_categories_feedback_and_case():
    short = read("gift/short_answer.txt").questions
    assert short[0].tags == ["helplines"]
    assert short[2].answers[1].feedback == "Partly: the name is Refuge."
    assert {question.case_sensitive for question in short} == {False}
    numbers = read("gift/numerical.txt").questions
    assert {question.category for question in numbers} == {"Numbers"}
    assert numbers[3].answers[1].feedback == "Within two years"
    assert numbers[4].answers[1].feedback == "A week has seven days."


def test_xml_details_case_units_files_and_feedback():
    short = read("xml/shortanswer.xml").questions
    assert [question.case_sensitive for question in short] == [False, True]
    assert short[1].answers[1].feedback == "Write it in <b>capitals</b>."
    assert short[0].general_feedback == "<p>Refuge runs it, day and night.</p>"
    every = read("xml/every_type.xml").questions
    assert sorted(every[0].files) == ["advice.mp3", "safe place.png"]
    assert every[4].case_sensitive is True
    assert [(unit.name, unit.multiplier) for unit in every[5].units] == [
        ("m", Decimal(1)),
        ("cm", Decimal(100)),
    ]


def test_xml_numerical_file_imports_two_and_refuses_marked_units_by_name():
    result = read("xml/numerical.xml")
    assert [summary(question) for question in result.questions] == [
        (
            NUMERICAL,
            "Grant born",
            "When was Ulysses S. Grant born?",
            [("1822", "1", "0"), ("1822", "0.5", "2"), ("*", "0", None)],
        ),
        (NUMERICAL, "Distance", "<p>How far is it, in metres?</p>", [("2.5", "1", "0.05")]),
    ]
    (error,) = result.errors
    assert error.question == "Marked units"
    assert "units are marked (unitgradingtype 1) can't be imported" in error.message
