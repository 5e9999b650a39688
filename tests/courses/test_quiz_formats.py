"""Reading GIFT and Moodle XML question banks, and writing GIFT (no database needed)."""

import dataclasses
import time
from decimal import Decimal
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.quiz_formats import (
    MATCHING,
    MULTIPLE,
    SINGLE,
    TRUE_FALSE,
    ParsedOption,
    ParsedPair,
    ParsedQuestion,
)
from courses.quiz_formats.gift import export_gift, parse_gift, text_to_html
from courses.quiz_formats.moodle_xml import parse_moodle_xml

UNSUPPORTED = "can't be imported; only single choice, multiple response, true/false, matching"


def gift(text: str):
    """Parse a dedented GIFT fixture whose first line follows the opening quotes."""
    return parse_gift(dedent(text))


def only_question(result) -> ParsedQuestion:
    assert result.errors == []
    assert len(result.questions) == 1
    return result.questions[0]


def only_error(result):
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def without_lines(questions: list[ParsedQuestion]) -> list[ParsedQuestion]:
    return [dataclasses.replace(question, line=0) for question in questions]


# --- GIFT: supported types ---------------------------------------------------------------------


def test_gift_single_choice_with_title_feedback_and_general_feedback():
    question = only_question(
        gift("""\
            // The classic example.
            ::Grant's tomb::Who's buried in Grant's tomb?{
                ~Grant#No, he was entombed.
                =no one#Right: nobody is buried there.
                ~Jefferson
                ####Grant is <entombed>, not buried.
            }
        """)
    )
    assert question.type == SINGLE
    assert question.name == "Grant's tomb"
    assert question.stem == "<p>Who's buried in Grant's tomb?</p>"
    assert question.options == [
        ParsedOption("Grant", Decimal(0), "No, he was entombed."),
        ParsedOption("no one", Decimal(1), "Right: nobody is buried there."),
        ParsedOption("Jefferson", Decimal(0), ""),
    ]
    # GIFT's default format is Moodle's: HTML works, and a tag nobody knows is dropped (as
    # Moodle's HTML cleaner drops it), keeping the words around it.
    assert question.general_feedback == "<p>Grant is , not buried.</p>"
    assert question.line == 2


def test_gift_multiple_response_with_weights_and_penalty():
    question = only_question(
        gift("""\
            ::Signs::Which are warning signs of coercive control?{
                ~%50%Isolation from friends#Yes.
                ~%50%Monitoring a phone
                ~%-100%Sharing chores fairly#No: that is healthy.
                ~Going out together
            }
        """)
    )
    assert question.type == MULTIPLE
    assert [option.fraction for option in question.options] == [
        Decimal("0.5"),
        Decimal("0.5"),
        Decimal("-1"),
        Decimal("0"),
    ]
    assert question.options[0].feedback == "Yes."
    assert question.options[2].feedback == "No: that is healthy."


def test_gift_thirds_that_round_to_100_percent_are_accepted():
    question = only_question(gift("Pick three.{~%33.33333%a ~%33.33333%b ~%33.33333%c ~d}"))
    assert question.type == MULTIPLE
    assert [option.fraction for option in question.options[:3]] == [Decimal("0.3333333")] * 3


@pytest.mark.parametrize(
    ("weights", "ok"),
    [("33.33333 33.33333 33.33333", True), ("40 40 10", False), ("50 50", True)],
)
def test_gift_weights_may_miss_100_percent_by_one_percent_at_most(weights, ok):
    answers = " ".join(f"~%{weight}%w{n}" for n, weight in enumerate(weights.split()))
    assert parse_gift(f"Pick.{{{answers} ~none}}").ok is ok


def test_gift_weights_that_do_not_add_up_to_100_percent_are_an_error():
    error = only_error(gift("Pick.{~%50%a ~%30%b ~c}"))
    assert error.line == 1
    assert "add up to 80%" in error.message
    assert "must add up to 100%" in error.message


def test_gift_weighted_answers_without_an_equals_sign_are_multiple_response_as_in_moodle():
    # question/format/gift/format.php: single choice only when an answer is marked "=".
    question = only_question(gift("Pick.{~%100%a ~b ~%-50%c}"))
    assert question.type == MULTIPLE
    assert [option.fraction for option in question.options] == [
        Decimal(1),
        Decimal(0),
        Decimal("-0.5"),
    ]


@pytest.mark.parametrize(
    ("answer", "right"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)],
)
def test_gift_true_false(answer, right):
    question = only_question(gift(f"::TF::Abuse is always physical.{{{answer}}}"))
    assert question.type == TRUE_FALSE
    assert question.options == [
        ParsedOption("True", Decimal(int(right)), ""),
        ParsedOption("False", Decimal(int(not right)), ""),
    ]


def test_gift_true_false_feedback_goes_to_the_wrong_then_the_right_answer():
    question = only_question(
        gift("Abuse is always physical.{FALSE#No: most abuse leaves no mark.#Correct.####See 2.1}")
    )
    true, false = question.options
    assert (true.fraction, true.feedback) == (Decimal(0), "No: most abuse leaves no mark.")
    assert (false.fraction, false.feedback) == (Decimal(1), "Correct.")
    assert question.general_feedback == "<p>See 2.1</p>"


def test_gift_matching_keeps_extra_wrong_answers_as_pairs_with_no_prompt():
    question = only_question(
        gift("""\
            ::Services::Match each service to what it offers.{
                =IDVA -> Independent advocacy for high-risk victims
                =MARAC -> A multi-agency risk meeting
                =Refuge -> Safe housing
                = -> A distractor with no prompt
            }
        """)
    )
    assert question.type == MATCHING
    assert question.options == []
    assert question.pairs == [
        ParsedPair("IDVA", "Independent advocacy for high-risk victims"),
        ParsedPair("MARAC", "A multi-agency risk meeting"),
        ParsedPair("Refuge", "Safe housing"),
        ParsedPair("", "A distractor with no prompt"),
    ]


def test_gift_matching_with_one_pair_is_an_error():
    error = only_error(gift("\n\n::M::Match.{=a -> b = -> c}"))
    assert error.line == 3
    assert "at least two pairs" in error.message
    assert error.question == "M"


def test_gift_missing_word_question_gets_a_blank():
    question = only_question(gift("Grant is {~buried =entombed ~living} in Grant's tomb."))
    assert question.stem == "<p>Grant is _____ in Grant's tomb.</p>"
    assert question.name == "Grant is _____ in Grant's tomb."


def test_gift_name_comes_from_the_text_when_there_is_no_title():
    long_stem = "word " * 30
    question = only_question(gift(f"{long_stem}{{T}}"))
    assert len(question.name) == 80
    assert question.name.startswith("word word")
    assert question.name.endswith("…")


def test_gift_category_applies_until_the_next_one_and_tags_come_from_comments():
    result = gift("""\
        $CATEGORY: $course$/top/Default for DA Awareness/Coercive control

        // [tag:coercion] [tag:level 1]
        ::A::First.{T}

        ::B::Second.{F}

        $CATEGORY: Stalking
        ::C::Third.{T}
    """)
    assert result.errors == []
    a, b, c = result.questions
    assert (a.category, a.tags) == (
        "Default for DA Awareness/Coercive control",
        ["coercion", "level 1"],
    )
    assert (b.category, b.tags) == ("Default for DA Awareness/Coercive control", [])
    assert (c.category, c.line) == ("Stalking", 9)


def test_gift_escaped_special_characters_are_text():
    question = only_question(
        gift(r"::Sums\: a \{test\}::Is 1 \= 1 \~ \#1?\nSay so.{=yes\: \\ok#50\% sure ~no}")
    )
    assert question.name == "Sums: a {test}"
    assert question.stem == "<p>Is 1 = 1 ~ #1?<br>Say so.</p>"
    assert question.options[0] == ParsedOption("yes: \\ok", Decimal(1), r"50\% sure")


def test_gift_text_formats():
    html_question = only_question(
        gift("[html]<p>Which is <b>bold</b>?</p>{=<p><b>this</b></p>#[moodle]<i> ~that}")
    )
    assert html_question.stem == "<p>Which is <b>bold</b>?</p>"
    # [moodle] lets HTML through, as Moodle's text_to_html does: an unclosed <i> is closed.
    assert html_question.options[0] == ParsedOption("<b>this</b>", Decimal(1), "<i></i>")
    markdown = only_question(gift("[markdown]Is *a* < b & c?{=[html]<em>yes</em> ~no}"))
    assert markdown.stem == "<p>Is <em>a</em> &lt; b &amp; c?</p>"
    assert markdown.options[0].text == "<em>yes</em>"
    plain = only_question(gift("[plain]Is *a* <b>b</b> & c?{=yes ~no}"))
    assert plain.stem == "<p>Is *a* &lt;b&gt;b&lt;/b&gt; &amp; c?</p>"
    assert plain.options[0].text == "yes"


def test_gift_line_numbers_count_comments_and_windows_line_endings():
    text = "\ufeff// heading\r\n\r\n// about the question\r\n::Q::Is it?{T}\r\n\r\n::R::Or?{F}\r\n"
    first, second = parse_gift(text).questions
    assert (first.line, second.line) == (4, 6)


def test_gift_realistic_moodle_export():
    result = gift("""\
        // question: 0  name: Switch category to $course$/top/Default for Course/Risk
        $CATEGORY: $course$/top/Default for Course/Risk


        // question: 101  name: DASH
        ::DASH::[html]<p>What does <strong>DASH</strong> stand for?</p>{
        \t=<p>Domestic Abuse, Stalking and Harassment</p>#<p>Correct.</p>
        \t~<p>Domestic Abuse Safety Help</p>
        \t####<p>The DASH checklist is used at MARAC.</p>
        }


        // question: 102  name: Risk factors
        ::Risk factors::[html]<p>Which raise the risk?</p>{
        \t~%50%<p>Pregnancy</p>
        \t~%50%<p>Separation</p>
        \t~%-100%<p>None</p>
        }
    """)
    assert result.errors == []
    dash, risk = result.questions
    assert dash.category == risk.category == "Default for Course/Risk"
    assert dash.line == 6
    assert dash.options[0] == ParsedOption(
        "Domestic Abuse, Stalking and Harassment", Decimal(1), "Correct."
    )
    assert dash.general_feedback == "<p>The DASH checklist is used at MARAC.</p>"
    assert (risk.type, risk.line) == (MULTIPLE, 14)
    assert [option.text for option in risk.options] == ["Pregnancy", "Separation", "None"]


# --- GIFT: unsupported and broken questions -----------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Describe the Wheel of Power.{}", "Essay"),
        ("Read this introduction first.", "Descriptions"),
    ],
)
def test_gift_unsupported_types_are_reported_not_raised(source, kind):
    result = parse_gift(f"// header\n\n::Ok::Fine?{{T}}\n\n{source}\n")
    error = only_error(result)
    assert error.line == 5
    assert error.message.startswith(kind)
    assert UNSUPPORTED in error.message
    assert not result.ok
    assert [question.name for question in result.questions] == ["Ok"]


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("Unclosed {=a ~b", "never closed with '}'"),
        ("Stray } brace {=a ~b}", "'}' with no '{'"),
        ("Two {=a ~b} blocks {=c ~d}", "more than one answer block"),
        ("No right answer.{~a ~b}", "None of the answers is marked as right"),
        ("Only one.{=a ~}", "Answer 2 is empty"),
        ("Text first.{yes ~a =b}", "must start with = or ~: 'yes' doesn't"),
        ("Pairs.{=a -> b =c}", "pair 2 needs the form =prompt -> answer"),
        ("Two rights.{=a =b ~c}", "2 answers give credit"),
        ("Weighted.{=a ~%50%b ~c}", "partial credit isn't supported"),
        ("A third.{~%33%a ~%33%b ~%34%c}", "33%, which Moodle does not allow: use 33.33333%"),
        ("Too much.{~%150%a ~b}", 'Answer 1 has the weight "150"'),
        ("{=a ~b}", "no text"),
    ],
)
def test_gift_broken_questions_give_errors(source, words):
    result = parse_gift(f"\n{source}")
    error = only_error(result)
    assert error.line == 2
    assert words in error.message
    assert not result.ok


def test_gift_file_mixing_good_and_bad_questions_reports_the_bad_ones_by_line():
    result = gift("""\
        ::Good 1::Fine?{T}

        ::Bad 1::Unclosed {=a ~b

        ::Good 2::Pick.{=a ~b}

        // a comment before the bad one
        ::Bad 2::Essay.{}

        ::Good 3::Match.{=a -> 1 =b -> 2}
    """)
    assert [q.name for q in result.questions] == ["Good 1", "Good 2", "Good 3"]
    assert [q.line for q in result.questions] == [1, 5, 10]
    assert [(e.line, e.question) for e in result.errors] == [(3, "Bad 1"), (8, "Bad 2")]
    assert not result.ok


def test_gift_empty_file_is_not_ok():
    result = parse_gift("// nothing but comments\n\n$CATEGORY: Empty\n")
    assert result.questions == []
    assert only_error(result).message == "The file contains no questions."
    assert not result.ok


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t{}=~#%:\\->[]/T$CATEGORY")))
def test_gift_parser_never_raises(text):
    result = parse_gift(text)
    for error in result.errors:
        assert error.line >= 1
        assert error.message


# --- GIFT: export ------------------------------------------------------------------------------


ROUND_TRIP = [
    ParsedQuestion(
        type=SINGLE,
        name="Escapes: {all} = ~ # \\",
        stem="<p>Is 1 = 1? {Yes} ~ #1 &amp; a &lt;b&gt;</p><p>Second<br>paragraph.</p>",
        options=[
            ParsedOption("%5 off", Decimal(0), "Fee: 50% # none"),
            ParsedOption("yes = right", Decimal(1), "Well done!"),
            ParsedOption("[html] looks like a prefix", Decimal("-0.5")),
        ],
        general_feedback="<p>Think about it.</p>",
        category="Default for Course/Risk",
        tags=["dash", "level 1"],
    ),
    ParsedQuestion(
        type=MULTIPLE,
        name="Thirds",
        stem="<p>Which <strong>three</strong>?</p><ul><li>HTML stays</li></ul>",
        options=[
            ParsedOption("a", Decimal("0.3333333"), "<em>yes</em>"),
            ParsedOption("b", Decimal("0.3333333")),
            ParsedOption("c &amp; d", Decimal("0.3333333")),
            ParsedOption("e", Decimal(-1), "No."),
            ParsedOption("f", Decimal(0)),
        ],
        category="Default for Course/Risk",
    ),
    ParsedQuestion(
        type=TRUE_FALSE,
        name="TF",
        stem="<p>Abuse is always physical.</p>",
        options=[
            ParsedOption("True", Decimal(0), "No: most abuse leaves no mark."),
            ParsedOption("False", Decimal(1), ""),
        ],
        general_feedback="<p>See 2.1</p>",
        category="Stalking",
    ),
    ParsedQuestion(
        type=TRUE_FALSE,
        name="TF right feedback only",
        stem="<p>It is true.</p>",
        options=[ParsedOption("True", Decimal(1), "Yes!"), ParsedOption("False", Decimal(0))],
        category="Stalking",
    ),
    ParsedQuestion(
        type=MATCHING,
        name="Match",
        stem="<p>Match them.</p>",
        pairs=[
            ParsedPair("a -&gt; b", "arrows -> in answers are fine"),
            ParsedPair("<b>IDVA</b>", "Advocacy & support"),
            ParsedPair("MARAC", "Meeting"),
            ParsedPair("", "A distractor"),
        ],
        general_feedback="<p>Well done.</p>",
        tags=["services"],
    ),
]


def test_gift_export_then_parse_gives_the_same_questions():
    exported = export_gift(ROUND_TRIP)
    result = parse_gift(exported)
    assert result.errors == []
    assert without_lines(result.questions) == ROUND_TRIP
    assert [q.line for q in result.questions] == [
        i + 1 for i, line in enumerate(exported.splitlines()) if line.startswith("::")
    ]


def test_gift_export_writes_readable_gift():
    exported = export_gift([ROUND_TRIP[2], ROUND_TRIP[4]])
    assert exported == dedent("""\
        $CATEGORY: Stalking

        ::TF::Abuse is always physical.{
        \tFALSE#No\\: most abuse leaves no mark.
        \t####See 2.1
        }

        $CATEGORY:

        // [tag:services]
        ::Match::Match them.{
        \t=[html]a -&gt; b -> arrows -> in answers are fine
        \t=[html]<b>IDVA</b> -> Advocacy & support
        \t=MARAC -> Meeting
        \t= -> A distractor
        \t####Well done.
        }
    """)


_words = st.text(alphabet=st.sampled_from("ab <>&\n{}=~#%:\\-[]_"), min_size=1, max_size=12)


def _inline(plain: str) -> str:
    return text_to_html(plain, "plain", block=False)


_inline_texts = _words.map(_inline).filter(bool)
_names = _words.map(str.strip).filter(bool)


@st.composite
def _questions(draw) -> ParsedQuestion:
    kind = draw(st.sampled_from([SINGLE, MULTIPLE, TRUE_FALSE, MATCHING]))
    question = ParsedQuestion(
        type=kind,
        name=draw(_names),
        stem=text_to_html(draw(_words.filter(str.strip)), "plain", block=True),
        general_feedback=text_to_html(draw(_words), "plain", block=True),
        category=draw(st.sampled_from(["", "A", "A/B c"])),
        tags=draw(st.lists(st.sampled_from(["x", "y z"]), max_size=2)),
    )
    feedback = st.one_of(st.just(""), _inline_texts)
    if kind == MATCHING:
        count = draw(st.integers(2, 4))
        question.pairs = [
            ParsedPair(draw(_inline_texts), " ".join(draw(_names).split())) for _ in range(count)
        ]
    elif kind == TRUE_FALSE:
        right = draw(st.booleans())
        question.options = [
            ParsedOption("True", Decimal(right), draw(feedback)),
            ParsedOption("False", Decimal(not right), draw(feedback)),
        ]
    else:
        weights = [Decimal(1), Decimal(0)] if kind == SINGLE else [Decimal("0.5")] * 2
        weights += draw(st.lists(st.sampled_from([Decimal(0), Decimal("-0.5")]), max_size=2))
        question.options = [ParsedOption(draw(_inline_texts), w, draw(feedback)) for w in weights]
    return question


@settings(max_examples=200, deadline=None)
@given(st.lists(_questions(), min_size=1, max_size=4))
def test_gift_export_round_trips_generated_questions(questions):
    result = parse_gift(export_gift(questions))
    assert result.errors == []
    assert without_lines(result.questions) == questions


# --- Moodle XML --------------------------------------------------------------------------------

MOODLE_EXPORT = b"""\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Default for DA Awareness/Coercive control</text>
    </category>
    <info format="moodle_auto_format">
      <text></text>
    </info>
    <idnumber></idnumber>
  </question>

<!-- question: 21  -->
  <question type="multichoice">
    <name>
      <text>Warning signs</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr">Which are <b>warning signs</b>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>See module 2.</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>false</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <correctfeedback format="html">
      <text>Your answer is correct.</text>
    </correctfeedback>
    <answer fraction="33.33333" format="html">
      <text><![CDATA[<p dir="ltr">Isolation</p>]]></text>
      <feedback format="html">
        <text><![CDATA[<p>Yes.</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="33.33333" format="html">
      <text>Monitoring</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <answer fraction="33.33333" format="html">
      <text>Threats</text>
    </answer>
    <answer fraction="-100" format="html">
      <text>Kindness</text>
      <feedback format="html">
        <text>No.</text>
      </feedback>
    </answer>
    <tags>
      <tag><text>coercion</text>
      </tag>
      <tag><text>level 1</text>
      </tag>
    </tags>
  </question>

<!-- question: 22  -->
  <question type="multichoice">
    <name>
      <text>DASH</text>
    </name>
    <questiontext format="moodle_auto_format">
      <text>What does DASH stand for? (Tip: &lt;3 words)</text>
    </questiontext>
    <generalfeedback format="moodle_auto_format">
      <text></text>
    </generalfeedback>
    <single>true</single>
    <answer fraction="100">
      <text>Domestic Abuse, Stalking &amp; Harassment</text>
      <feedback><text>Right.</text></feedback>
    </answer>
    <answer fraction="0">
      <text>Domestic Abuse Safety Help</text>
    </answer>
  </question>

<!-- question: 23  -->
  <question type="truefalse">
    <name>
      <text>Physical</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Abuse is always physical.</p>]]></text>
    </questiontext>
    <answer fraction="0" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html">
        <text><![CDATA[<p>No: most abuse leaves no mark.</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>false</text>
      <feedback format="html">
        <text>Correct.</text>
      </feedback>
    </answer>
  </question>

<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Default for DA Awareness/Services</text>
    </category>
  </question>

<!-- question: 24  -->
  <question type="matching">
    <name>
      <text>Services</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Match each service.</p>]]></text>
    </questiontext>
    <shuffleanswers>true</shuffleanswers>
    <subquestion format="html">
      <text><![CDATA[<p>IDVA</p>]]></text>
      <answer>
        <text>Advocacy & more</text>
      </answer>
    </subquestion>
    <subquestion format="html">
      <text><![CDATA[<p>MARAC</p>]]></text>
      <answer>
        <text>Risk meeting</text>
      </answer>
    </subquestion>
    <subquestion format="html">
      <text></text>
      <answer>
        <text>Distractor</text>
      </answer>
    </subquestion>
  </question>

</quiz>
""".replace(b"Advocacy & more", b"Advocacy &amp; more")


def test_xml_realistic_moodle_export():
    result = parse_moodle_xml(MOODLE_EXPORT)
    assert result.errors == []
    assert result.ok
    signs, dash, physical, services = result.questions

    assert signs.type == MULTIPLE
    assert signs.line == 15
    assert signs.name == "Warning signs"
    assert signs.stem == "<p>Which are <b>warning signs</b>?</p>"
    assert signs.general_feedback == "<p>See module 2.</p>"
    assert signs.category == "Default for DA Awareness/Coercive control"
    assert signs.tags == ["coercion", "level 1"]
    assert signs.options == [
        ParsedOption("Isolation", Decimal("0.3333333"), "Yes."),
        ParsedOption("Monitoring", Decimal("0.3333333"), ""),
        ParsedOption("Threats", Decimal("0.3333333"), ""),
        ParsedOption("Kindness", Decimal("-1"), "No."),
    ]

    assert (dash.type, dash.line) == (SINGLE, 65)
    assert dash.stem == "<p>What does DASH stand for? (Tip: &lt;3 words)</p>"
    assert dash.options == [
        ParsedOption("Domestic Abuse, Stalking &amp; Harassment", Decimal(1), "Right."),
        ParsedOption("Domestic Abuse Safety Help", Decimal(0), ""),
    ]

    assert (physical.type, physical.line) == (TRUE_FALSE, 86)
    assert physical.options == [
        ParsedOption("True", Decimal(0), "No: most abuse leaves no mark."),
        ParsedOption("False", Decimal(1), "Correct."),
    ]

    assert (services.type, services.line) == (MATCHING, 115)
    assert services.category == "Default for DA Awareness/Services"
    assert services.pairs == [
        ParsedPair("IDVA", "Advocacy & more"),
        ParsedPair("MARAC", "Risk meeting"),
        ParsedPair("", "Distractor"),  # Moodle's extra wrong answer, kept
    ]


def xml_question(kind: str, body: str, name: str = "Q") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'
        f'<question type="{kind}">\n<name><text>{name}</text></name>\n'
        '<questiontext format="html"><text>Question text</text></questiontext>\n'
        f"{body}\n</question>\n</quiz>\n"
    ).encode()


def answers(*fractions: str) -> str:
    return "\n".join(
        f'<answer fraction="{fraction}"><text>Answer {n}</text></answer>'
        for n, fraction in enumerate(fractions, 1)
    )


def test_xml_truefalse_answers_in_either_order_come_out_true_first():
    true = '<answer fraction="100"><text>true</text><feedback><text>Yes</text></feedback></answer>'
    false = '<answer fraction="0"><text>false</text></answer>'
    question = only_question(parse_moodle_xml(xml_question("truefalse", true + false)))
    assert question.options == [
        ParsedOption("True", Decimal(1), "Yes"),
        ParsedOption("False", Decimal(0), ""),
    ]
    assert only_question(parse_moodle_xml(xml_question("truefalse", false + true))) == question


def test_xml_plain_text_is_escaped_and_markdown_converted():
    body = (
        "<single>true</single>"
        '<answer fraction="100" format="plain_text"><text>a &lt; b</text></answer>'
        '<answer fraction="0" format="markdown"><text>*c*</text></answer>'
    )
    data = xml_question("multichoice", body).replace(
        b'<questiontext format="html"><text>Question text</text>',
        b'<questiontext format="markdown"><text>Is a &lt; b?\n\nReally?</text>',
    )
    question = only_question(parse_moodle_xml(data))
    assert question.stem == "<p>Is a &lt; b?</p><p>Really?</p>"
    assert [option.text for option in question.options] == ["a &lt; b", "<em>c</em>"]


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("multianswer", "Embedded answers (Cloze)"),
        ("calculated", "Calculated questions"),
        ("essay", "Essay questions"),
        ("description", "Descriptions"),
        ("cloze", "Embedded answers (Cloze)"),
        ("ddwtos", "Drag and drop into text"),
        ("something-new", 'Questions of type "something-new"'),
    ],
)
def test_xml_unsupported_types_are_reported_with_their_line(kind, words):
    result = parse_moodle_xml(xml_question(kind, "<answer fraction='100'><text>x</text></answer>"))
    error = only_error(result)
    assert error.line == 3
    assert error.message.startswith(words)
    assert UNSUPPORTED in error.message
    assert error.question == "Q"
    assert not result.ok


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("<single>true</single>" + answers("0", "0"), "None of the answers is marked as right"),
        ("<single>true</single>" + answers("100", "50"), "partial credit isn't supported"),
        ("<single>false</single>" + answers("50", "40", "0"), "add up to 90%"),
        ("<single>true</single>" + answers("100"), "at least two answers"),
        ("<single>true</single>" + answers("100", "lots"), 'weight "lots"'),
    ],
)
def test_xml_choice_validation(body, words):
    error = only_error(parse_moodle_xml(xml_question("multichoice", body)))
    assert error.line == 3
    assert words in error.message


def test_xml_matching_needs_two_pairs_and_truefalse_needs_true_and_false():
    one_pair = (
        "<subquestion><text>a</text><answer><text>1</text></answer></subquestion>"
        "<subquestion><text></text><answer><text>2</text></answer></subquestion>"
    )
    assert (
        "at least two pairs"
        in only_error(parse_moodle_xml(xml_question("matching", one_pair))).message
    )
    not_tf = answers("100", "0")
    assert (
        "'true' and 'false'"
        in only_error(parse_moodle_xml(xml_question("truefalse", not_tf))).message
    )


def test_xml_file_mixing_good_and_bad_questions_reports_the_bad_ones_by_line():
    data = b"""<?xml version="1.0"?>
<quiz>
  <question type="truefalse"><name><text>Good</text></name>
    <questiontext><text>Fine?</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="essay"><name><text>Essay</text></name>
    <questiontext><text>Write.</text></questiontext>
  </question>
  <question type="multichoice"><name><text>No right</text></name>
    <questiontext><text>Pick.</text></questiontext>
    <answer fraction="0"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer>
  </question>
</quiz>"""
    result = parse_moodle_xml(data)
    assert [(q.name, q.line) for q in result.questions] == [("Good", 3)]
    assert [(e.line, e.question) for e in result.errors] == [(8, "Essay"), (11, "No right")]
    assert not result.ok


def test_xml_malformed_file_gives_one_error_with_its_line():
    result = parse_moodle_xml(b"<quiz>\n<question type='truefalse'>\n<name><text>x</text>\n</quiz>")
    error = only_error(result)
    assert error.line == 4
    assert "can't be read as XML" in error.message
    assert "mismatched tag" in error.message
    assert not result.ok


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "can't be read as XML"),
        (b"<html><body/></html>", "should start with <quiz>"),
        (b"<quiz>\n</quiz>", "contains no questions"),
    ],
)
def test_xml_files_that_are_not_question_banks(data, words):
    result = parse_moodle_xml(data)
    assert words in only_error(result).message
    assert not result.ok


def test_xml_billion_laughs_is_rejected_quickly():
    entities = "\n".join(
        f' <!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE quiz [\n <!ENTITY lol0 "lol">\n'
        f'{entities}\n]>\n<quiz><question type="essay"><name><text>&lol9;</text></name>'
        "</question></quiz>"
    ).encode()
    started = time.perf_counter()
    result = parse_moodle_xml(data)
    assert time.perf_counter() - started < 1
    error = only_error(result)
    assert error.line == 2
    assert "<!DOCTYPE> or entity declaration" in error.message
    assert result.questions == []


def test_xml_external_entity_is_rejected_and_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    data = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<quiz><question type="truefalse"><name><text>&xxe;</text></name>'
        "<questiontext><text>&xxe;</text></questiontext></question></quiz>"
    ).encode()
    result = parse_moodle_xml(data)
    error = only_error(result)
    assert "entity declaration" in error.message
    assert "TOP-SECRET-VALUE" not in repr(result)
    assert not result.ok
