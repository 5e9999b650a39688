""" "Export all as GIFT" round trip (issue 14): the export re-imports with no errors, is the
same bytes every time, and export → import → export gives the same bytes again. What GIFT
cannot hold (pictures, links to documents and pages) is named in the file, never dropped
silently. Definitions: courses.quiz_formats.gift ("Writing GIFT") and
courses.admin_views.export_questions_view (order, uncategorised questions)."""

import base64
import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from courses import services
from courses.factories import make_question
from courses.models import Question, QuestionCategory
from courses.quiz_formats import (
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
)
from courses.quiz_formats.gift import export_gift, parse_gift
from courses.quiz_formats.moodle_xml import export_moodle_xml, parse_moodle_xml
from tests.helpers import sign_in

FIXTURES = Path(__file__).parent / "fixtures"
BANK = (FIXTURES / "roundtrip_bank.gift").read_text(encoding="utf-8")
PICTURES = (FIXTURES / "moodle_pictures.xml").read_bytes()


def parsed_ok(text: str) -> list[ParsedQuestion]:
    result = parse_gift(text)
    assert result.errors == []
    return [dataclasses.replace(question, line=0) for question in result.questions]


def question(stem: str, **changes) -> ParsedQuestion:
    """A single choice question with the given stem (and any other field changed)."""
    fields = {
        "type": SINGLE,
        "name": "Q",
        "stem": stem,
        "options": [ParsedOption("Yes", Decimal(1)), ParsedOption("No", Decimal(0))],
    }
    return ParsedQuestion(**(fields | changes))


# --- The varied bank, without the database ------------------------------------------------------


def test_the_bank_exports_to_gift_that_reads_back_as_the_same_questions():
    original = parsed_ok(BANK)
    assert {q.type for q in original} == {SINGLE, MULTIPLE, TRUE_FALSE, MATCHING}
    exported = export_gift(original)
    assert parsed_ok(exported) == original


def test_the_bank_export_is_a_fixed_point_with_unix_newlines_and_nothing_variable():
    first = export_gift(parsed_ok(BANK))
    second = export_gift(parsed_ok(first))
    assert second == first
    assert "\r" not in first and first.endswith("}\n") and "\n\n\n" not in first
    assert not re.search(r"\d{4}-\d\d-\d\d|\d\d:\d\d", first)  # no dates, no times


def test_weights_are_written_as_moodle_writes_them():
    exported = export_gift(parsed_ok(BANK))
    assert "~%33.33333%<em>One</em> third" in exported
    assert "~%-16.66667%Slightly wrong" in exported
    assert "~%-50%The hash \\#" in exported
    assert "~%0%%5 looks like a weight" in exported  # a text that looks like a weight


def test_names_with_special_characters_and_html_with_entities_survive():
    exported = export_gift(parsed_ok(BANK))
    assert "::Single\\: escapes \\{ \\} \\= \\~ \\# \\\\ and 50%::" in exported
    assert "::Match -> arrows::" in exported
    by_name = {q.name: q for q in parsed_ok(exported)}
    assert by_name["Single: escapes { } = ~ # \\ and 50%"].type == SINGLE
    thirds = by_name["Thirds & sixths"]
    assert thirds.stem == "<p>Pick <strong>all</strong> the right ones &amp; only those &lt;3</p>"
    assert thirds.options[1].feedback == "Plain &lt;b&gt;feedback&lt;/b&gt; stays escaped"
    matching = by_name["Match -> arrows"]
    assert matching.pairs[-1] == ParsedPair("", "An extra distractor")


# --- Stored fractions: Moodle's grade, and the boundary of "stands for a grade" ----------------


@pytest.mark.parametrize(
    ("stored", "written", "changed"),
    [
        (Decimal("0.33333"), "33.33333", False),  # as the database keeps 1/3 (5 places)
        (Decimal("0.33334"), "33.33333", False),  # 0.0000067 from 1/3: within Moodle's 0.00001
        (Decimal("0.33335"), "33.33333", True),  # 0.0000167 away: not a grade, so changed
        (Decimal("0.16667"), "16.66667", False),
        (Decimal("0.14286"), "14.28571", False),
        (Decimal("0.50000"), "50", False),
        (Decimal("0.33"), "33.33333", True),  # Moodle refuses 33: written as the nearest
    ],
)
def test_stored_fractions_are_written_as_the_moodle_grade_they_stand_for(stored, written, changed):
    count = round(1 / stored)  # that many right answers add up to 100%
    options = [ParsedOption(chr(ord("a") + n), stored) for n in range(count)]
    options.append(ParsedOption("z", Decimal("-0.50000")))
    exported = export_gift([question("<p>Which?</p>", type=MULTIPLE, options=options)])
    assert f"~%{written}%a" in exported
    assert "~%-50%z" in exported
    assert ("// weight changed: answer 1 was" in exported) is changed
    assert parse_gift(exported).errors == []


# --- What GIFT cannot hold: said in the file, never dropped silently ---------------------------

PICTURE = '<embed alt="A red square sign" embedtype="image" format="fullwidth" id="12"/>'


def test_an_image_only_stem_exports_a_placeholder_and_a_comment_and_reimports():
    exported = export_gift([question(PICTURE, name="Picture only")])
    assert exported.splitlines()[0] == (
        '// picture not exported (GIFT cannot hold files): question text, "A red square sign", '
        "image 12"
    )
    assert "::Picture only::" in exported
    (reimported,) = parsed_ok(exported)
    assert reimported.stem == "[Picture not exported: A red square sign]"


def test_a_picture_with_no_alt_text_and_one_inside_feedback_are_each_named():
    options = [
        ParsedOption("Yes", Decimal(1), 'Look: <embed embedtype="image" id="7"/>'),
        ParsedOption("No", Decimal(0)),
    ]
    exported = export_gift([question('<p>Which?</p><p><img src="x.png"></p>', options=options)])
    assert "// picture not exported (GIFT cannot hold files): question text, no alt text" in (
        exported
    )
    assert "answer 1 feedback, no alt text, image 7" in exported
    (reimported,) = parsed_ok(exported)
    assert reimported.stem == "<p>Which?</p><p>[Picture not exported]</p>"
    assert reimported.options[0].feedback == "Look: [Picture not exported]"


def test_alt_text_cannot_add_a_tag_through_the_comment_line():
    stem = '<embed alt="[tag:secret] x" embedtype="image" id="3"/>'
    (reimported,) = parsed_ok(export_gift([question(stem)]))
    assert reimported.tags == []
    assert reimported.stem == "[Picture not exported: [tag:secret] x]"


def test_links_to_documents_and_pages_keep_their_words_and_are_named():
    feedback = (
        '<p>Read the <a linktype="document" id="3">leaflet</a> and the '
        '<a id="9" linktype="page">policy page</a>, or <a href="https://example.org/">this</a>.</p>'
    )
    exported = export_gift([question("<p>Which?</p>", general_feedback=feedback)])
    assert '// document not exported: general feedback, "leaflet", document 3' in exported
    assert '// page link not exported: general feedback, "policy page", page 9' in exported
    (reimported,) = parsed_ok(exported)
    assert reimported.general_feedback == (
        '<p>Read the leaflet and the policy page, or <a href="https://example.org/">this</a>.</p>'
    )


def test_text_gift_can_hold_gives_no_comment():
    exported = export_gift(parsed_ok(BANK))
    assert "not exported" not in exported and "weight changed" not in exported


# --- Stored HTML as the admin writes it: exported as the import would store it -----------------


def test_draftail_markup_is_exported_as_the_import_stores_it_so_a_second_export_is_the_same():
    stored = question(
        '<p data-block-key="a1b2c">Is it &amp; ok?</p><p data-block-key="x9">Yes.</p>',
        name="",
        options=[ParsedOption("<p>Yes</p>", Decimal("1.00000")), ParsedOption("No", Decimal(0))],
    )
    first = export_gift([stored])
    assert "::Is it & ok? Yes.::Is it & ok?\\n\\nYes.{" in first  # a name, so none is derived
    assert "\t=Yes\n" in first
    assert export_gift(parsed_ok(first)) == first


_PIECES = [
    "plain words",
    "a & b < c > d",
    "&amp; &lt;tag&gt; &nbsp;x",
    "{ } = ~ # : \\ ->",
    "%50% looks like a weight",
    "[html] looks like a prefix",
    "<b>bold</b> and <em>em</em>",
    "line<br>break",
    '<a href="https://example.org/?a=1&amp;b=2">link</a>',
    '<span class="x">unwrapped</span>',
    "<p>lone paragraph</p>",
    "Café – naïve “quotes”",
]
_texts = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3).map(" ".join)
_blocks = st.lists(_texts, min_size=1, max_size=2).map(
    lambda parts: "".join(f'<p data-block-key="k{i}">{part}</p>' for i, part in enumerate(parts))
)


@st.composite
def _stored_questions(draw) -> ParsedQuestion:
    kind = draw(st.sampled_from([SINGLE, MULTIPLE, TRUE_FALSE, MATCHING]))
    stored = ParsedQuestion(
        type=kind,
        name=draw(st.sampled_from(["Name", "::odd:: {name}", "a # b = c ~ d", ""])),
        stem=draw(_blocks),
        general_feedback=draw(st.one_of(st.just(""), _blocks)),
        category=draw(st.sampled_from(["", "A", "A/B c", "Risk & safety"])),
        tags=draw(st.lists(st.sampled_from(["x", "y z"]), max_size=2, unique=True)),
    )
    feedback = st.one_of(st.just(""), _texts)
    if kind == MATCHING:
        stored.pairs = [ParsedPair(draw(_texts), f"Answer {n} & co") for n in range(3)]
        stored.pairs.append(ParsedPair("", "A distractor"))
    elif kind == TRUE_FALSE:
        right = draw(st.booleans())
        stored.options = [
            ParsedOption("True", Decimal(right), draw(feedback)),
            ParsedOption("False", Decimal(not right), draw(feedback)),
        ]
    else:
        if kind == SINGLE:
            weights = [Decimal("1.00000"), Decimal("0.00000"), Decimal("-0.50000")]
        else:
            weights = [Decimal("0.33333")] * 3 + [Decimal("-1.00000")]
        stored.options = [
            ParsedOption(f"{n}: {draw(_texts)}", weight, draw(feedback))
            for n, weight in enumerate(weights)
        ]
    return stored


@settings(max_examples=150, deadline=None)
@given(st.lists(_stored_questions(), min_size=1, max_size=4))
def test_any_stored_bank_exports_to_gift_that_reimports_and_exports_the_same_bytes(bank):
    first = export_gift(bank)
    reimported = parse_gift(first)
    assert reimported.errors == []
    assert len(reimported.questions) == len(bank)
    assert export_gift(reimported.questions) == first


# --- Through the site: the admin's "Export all as GIFT" ----------------------------------------


@pytest.fixture
def coordinator(client, user_with_role):
    sign_in(client, user_with_role(Role.TRAINING_COORDINATOR))
    return client


def export(client) -> bytes:
    response = client.get(reverse("courses_question_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.content


def import_file(name: str, data: bytes) -> None:
    result = services.parse_upload(name, data)
    assert result.errors == []
    services.import_questions(result, publish=True)


def forget_everything() -> None:
    Question.objects.all().delete()
    QuestionCategory.objects.all().delete()


@pytest.mark.django_db
def test_export_import_export_through_the_site_gives_the_same_bytes(coordinator):
    import_file("bank.gift", BANK.encode())
    make_question("single", name="No category")  # filed under "Imported" by an import
    first = export(coordinator)
    assert export(coordinator) == first  # twice: the same bytes
    assert b"$CATEGORY: Imported\n\n::No category::" in first
    forget_everything()
    import_file("export.gift.txt", first)
    assert export(coordinator) == first


@pytest.mark.django_db
def test_the_export_is_ordered_by_category_then_id_not_by_name(coordinator):
    for category, name in [("b", "Zebra"), ("B", "Apple"), ("a", "Second"), ("b", "Apple")]:
        made = make_question("single", name=name)
        made.category, _ = QuestionCategory.objects.get_or_create(name=category)
        made.save()
    exported = export(coordinator).decode()
    headings = re.findall(r"^(?:\$CATEGORY: .*|::[^:]*::)", exported, re.MULTILINE)
    assert headings == [
        "$CATEGORY: B",
        "::Apple::",
        "$CATEGORY: a",
        "::Second::",
        "$CATEGORY: b",
        "::Zebra::",  # created first
        "::Apple::",
    ]


@pytest.mark.django_db
def test_a_bank_with_pictures_and_sound_exports_what_it_can_and_names_the_rest(coordinator):
    import_file("pictures.xml", PICTURES)
    exported = export(coordinator).decode()
    assert re.search(
        r'^// picture not exported \(GIFT cannot hold files\): question text, "A red square '
        r'sign", image \d+$',
        exported,
        re.MULTILINE,
    )
    assert re.search(r'^// document not exported: general feedback, "advice", document \d+$',
                     exported, re.MULTILINE)  # fmt: skip
    assert "::Picture only::[html][Picture not exported]{" in exported
    forget_everything()
    import_file("export.gift.txt", exported.encode())  # no errors: no empty question
    assert Question.objects.get(name="Picture only").stem == "[Picture not exported]"


# --- Short answer and numerical in GIFT ----------------------------------------------------------

CORPUS = Path(__file__).parent / "question_formats"
TYPED_GIFT = "".join(
    (CORPUS / "gift" / name).read_text(encoding="utf-8") + "\n"
    for name in ("short_answer.txt", "numerical.txt")
)


def test_short_answer_and_numerical_export_to_gift_that_reads_back_the_same():
    original = parsed_ok(TYPED_GIFT)
    assert {q.type for q in original} == {SHORT_ANSWER, NUMERICAL}
    exported = export_gift(original)
    assert parsed_ok(exported) == original
    assert export_gift(parsed_ok(exported)) == exported
    assert "\t=%50%*refuge*#Partly\\: the name is Refuge.\n" in exported
    assert "\t=the equals sign \\=\n" in exported
    assert "\t#\n\t=3.1415:0.0005\n}" in exported  # {#3.141..3.142}: its middle ± half
    assert "\t~#A week has seven days.\n" in exported  # Moodle's catch-all
    assert "\t=%-50%32:0#That is Fahrenheit.\n" in exported


def test_what_gift_cannot_hold_of_typed_questions_is_named():
    case = ParsedQuestion(
        type=SHORT_ANSWER,
        name="Case",
        stem="<p>Acronym?</p>",
        answers=[ParsedAnswer("IDVA", Decimal(1))],
        case_sensitive=True,
    )
    units = ParsedQuestion(
        type=NUMERICAL,
        name="Units",
        stem="<p>How far?</p>",
        answers=[ParsedAnswer("2", Decimal(1), "", Decimal(0))],
        units=[ParsedUnit("m", Decimal(1)), ParsedUnit("cm", Decimal(100))],
    )
    arrow = ParsedQuestion(
        type=SHORT_ANSWER,
        name="Arrow",
        stem="<p>Arrow?</p>",
        answers=[ParsedAnswer("a -> b", Decimal(1), "x -&gt; y")],
    )
    exported = export_gift([case, units, arrow])
    assert '// answer changed: answer 1 has "->", written as "- >"' in exported
    assert "\t=a - > b#[html]x -&gt; y\n" in exported
    assert parse_gift(exported).questions[2].answers[0].feedback == "x -&gt; y"
    assert "// case sensitivity not exported (GIFT cannot hold it)" in exported
    assert "// units not exported (GIFT cannot hold them): m, cm" in exported
    assert parse_gift(exported).errors == []


# "->" can't be written in a GIFT short answer (see the next test): left out here.
_ANSWER_PIECES = [piece.replace("->", "") for piece in _PIECES] + ["*", "a*b", "\\*star"]
_answer_texts = st.lists(st.sampled_from(_ANSWER_PIECES), min_size=1, max_size=2)
_numbers = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False)


@st.composite
def _typed_questions(draw) -> ParsedQuestion:
    kind = draw(st.sampled_from([SHORT_ANSWER, NUMERICAL]))
    feedback = st.one_of(st.just(""), _texts)
    weights = [Decimal(1), Decimal("0.5"), Decimal("-0.3333333")]
    if kind == SHORT_ANSWER:
        answers = [
            ParsedAnswer(" ".join(draw(_answer_texts)).strip() or "x", weight, draw(feedback))
            for weight in weights
        ]
    else:
        answers = [
            ParsedAnswer(
                format(draw(_numbers).normalize(), "f"),
                weight,
                draw(feedback),
                draw(st.decimals(min_value=0, max_value=10, places=2)).normalize(),
            )
            for weight in weights
        ]
        if draw(st.booleans()):
            answers.append(ParsedAnswer("*", Decimal(0), draw(feedback)))
    return ParsedQuestion(
        type=kind, name=draw(st.sampled_from(["N", "a # b"])), stem=draw(_blocks), answers=answers
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(_typed_questions(), min_size=1, max_size=3))
def test_any_typed_bank_exports_to_gift_that_reimports_and_exports_the_same_bytes(bank):
    first = export_gift(bank)
    reimported = parse_gift(first)
    assert reimported.errors == []
    assert export_gift(reimported.questions) == first


# --- Moodle XML: every type, HTML, pictures, sound, feedback and weights ------------------------

EVERY_TYPE_XML = (CORPUS / "xml" / "every_type.xml").read_bytes()


def xml_ok(data: bytes) -> list[ParsedQuestion]:
    result = parse_moodle_xml(data)
    assert result.errors == []
    return [dataclasses.replace(question, line=0) for question in result.questions]


def test_every_type_exports_to_moodle_xml_that_reads_back_the_same_and_is_a_fixed_point():
    original = xml_ok(EVERY_TYPE_XML)
    assert {q.type for q in original} == {
        SINGLE, MULTIPLE, TRUE_FALSE, MATCHING, SHORT_ANSWER, NUMERICAL
    }  # fmt: skip
    first = export_moodle_xml(original)
    assert xml_ok(first.encode()) == original
    assert export_moodle_xml(xml_ok(first.encode())) == first
    assert "\r" not in first and first.endswith("</quiz>\n")
    assert '<file name="safe place.png" path="/" encoding="base64">iVBOR' in first
    assert 'src="@@PLUGINFILE@@/safe%20place.png"' in first
    assert "<usecase>1</usecase>" in first and "<tolerance>0.05</tolerance>" in first
    assert "<unit_name>cm</unit_name>" in first and '<answer fraction="-50"' in first


def test_a_picture_that_is_gone_is_written_as_text_not_dropped():
    stem = '<p>Look:</p><embed alt="A sign" embedtype="image" format="fullwidth" id="99"/>'
    exported = export_moodle_xml([question(stem)], lambda kind, pk: None)
    assert "<p>Look:</p>[Picture not exported: A sign]" in exported
    assert parse_moodle_xml(exported.encode()).errors == []


def test_library_pictures_and_documents_are_written_as_moodle_files():
    def resolve(kind, pk):
        return {("image", 12): ("sign.png", PNG), ("document", 3): ("leaflet.pdf", b"%PDF-1")}.get(
            (kind, pk)
        )

    stem = '<p>See <embed alt="A sign" embedtype="image" format="fullwidth" id="12"/></p>'
    feedback = '<p>Read the <a id="3" linktype="document">leaflet</a>.</p>'
    exported = export_moodle_xml([question(stem, general_feedback=feedback)], resolve)
    assert '<img alt="A sign" src="@@PLUGINFILE@@/sign.png">' in exported
    assert '<a href="@@PLUGINFILE@@/leaflet.pdf">leaflet</a>' in exported
    assert '<file name="leaflet.pdf" path="/" encoding="base64">JVBERi0x</file>' in exported
    (reread,) = xml_ok(exported.encode())
    assert reread.files == {"sign.png": PNG, "leaflet.pdf": b"%PDF-1"}


PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGM8wcDAwMDAxMDAwMDAAAAKUgDMUCehPAAAAABJRU5ErkJggg=="
)


def export_xml(rf, user) -> bytes:
    from courses.export_views import export_moodle_xml_view

    request = rf.get("/admin/question-bank/export/moodle-xml/")
    request.user = user
    response = export_moodle_xml_view(request)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="question-bank.moodle.xml"'
    return response.content


@pytest.mark.django_db
def test_moodle_xml_export_import_export_through_the_site_with_pictures(rf, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    import_file("pictures.xml", PICTURES)
    first = export_xml(rf, coordinator)
    assert export_xml(rf, coordinator) == first
    assert b'<file name="safe place.png" path="/" encoding="base64">' in first
    assert b'<file name="advice.mp3" path="/" encoding="base64">' in first
    forget_everything()
    import_file("export.moodle.xml", first)
    assert export_xml(rf, coordinator) == first


@pytest.mark.django_db
def test_every_type_round_trips_through_the_site_byte_identical(rf, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    import_file("every_type.xml", EVERY_TYPE_XML)
    first = export_xml(rf, coordinator)
    assert b'<question type="shortanswer">' in first and b"<tolerance>0.05</tolerance>" in first
    forget_everything()
    import_file("export.moodle.xml", first)
    assert export_xml(rf, coordinator) == first


@pytest.mark.django_db
def test_the_moodle_xml_export_is_for_question_bank_users_only(rf, user_with_role):
    from django.core.exceptions import PermissionDenied

    from courses.export_views import export_moodle_xml_view

    request = rf.get("/admin/question-bank/export/moodle-xml/")
    request.user = user_with_role()  # a learner
    with pytest.raises(PermissionDenied):
        export_moodle_xml_view(request)
