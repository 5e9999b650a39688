"""One text model: question texts are sanitised HTML, converted from Moodle's formats as Moodle
converts them, with embedded files stored as Wagtail images and documents (issue 14)."""

import base64
import importlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses import services
from courses.factories import make_quiz
from courses.models import Attempt, QuestionOption
from courses.quiz_formats import MATCHING, SINGLE, TRUE_FALSE
from courses.quiz_formats.html import MAX_FILE_BYTES, convert, sanitise
from courses.quiz_formats.moodle_xml import parse_moodle_xml
from courses.selectors.question_quality import QuestionData, check_question, from_parsed
from tests.helpers import sign_in

FIXTURES = Path(__file__).parent / "fixtures"
PICTURES = (FIXTURES / "moodle_pictures.xml").read_bytes()
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGM8wcDAwMDAxMDAwMDAAAAKUgDMUCehPAAAAABJRU5ErkJggg=="
)


SIGN = (
    b'name="sign.png" path="/" encoding="base64">iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAF'
    b"klEQVR4nGNkYDjBwMDAxMDAwMDAAAAIwgDM2ukoJAAAAABJRU5ErkJggg=="
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- Formats, as Moodle converts them ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "text_format", "block", "expected"),
    [
        # FORMAT_PLAIN: everything escaped, line breaks → <br>
        ("a < b & <b>c</b>\nnext", "plain_text", False,
         "a &lt; b &amp; &lt;b&gt;c&lt;/b&gt;<br>next"),
        ("one\n\ntwo", "plain", True, "<p>one</p><p>two</p>"),
        # FORMAT_MOODLE: HTML works; line breaks → <br>; blank lines → paragraphs
        ("Is <b>this</b> bold?\nYes & a < b", "moodle_auto_format", False,
         "Is <b>this</b> bold?<br>Yes &amp; a &lt; b"),
        ("First\n\nSecond\nline", "moodle", True, "<p>First</p><p>Second<br>line</p>"),
        # ... white space between tags goes, a line break beside a tag is a space (text_to_html)
        ("<b>a</b>\n<i>b</i>", "moodle", False, "<b>a</b><i>b</i>"),
        ("<p>Own paragraph</p>", "moodle", True, "<p>Own paragraph</p>"),
        # FORMAT_MARKDOWN
        ("**Bold** and *italic* & more", "markdown", False,
         "<strong>Bold</strong> and <em>italic</em> &amp; more"),
        ("- one\n- two", "markdown", True, "<ul><li>one</li><li>two</li></ul>"),
        # FORMAT_HTML, sanitised: scripts go with their content, attributes and styles go
        ('<p style="x" onclick="y">Hi<script>alert(1)</script></p>', "html", True, "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">x</a>', "html", False, "<a>x</a>"),
        ("<p>Paris</p>", "html", False, "Paris"),  # a lone <p> around an inline text goes
    ],
)  # fmt: skip
def test_each_format_is_converted_as_moodle_converts_it(text, text_format, block, expected):
    assert convert(text, text_format, block=block) == expected


def test_the_sanitiser_keeps_a_picture_with_its_alt_text_and_apostrophes():
    text = '<p>Tom\'s <img src="@@PLUGINFILE@@/a.png" alt=\'A "red" sign\' onerror=x></p>'
    assert sanitise(text) == (
        '<p>Tom\'s <img alt="A &quot;red&quot; sign" src="@@PLUGINFILE@@/a.png"></p>'
    )


# --- Files in Moodle XML -----------------------------------------------------------------------


def test_embedded_files_are_read_and_a_picture_only_stem_is_a_question():
    result = parse_moodle_xml(PICTURES)
    assert result.errors == []
    sign, picture_only, services_question = result.questions
    assert sign.type == SINGLE
    assert sign.files == {"safe place.png": PNG, "advice.mp3": b"ID3 fake mp3"}
    assert '<img alt="A red square sign" src="@@PLUGINFILE@@/safe%20place.png">' in sign.stem
    assert sign.options[0].text == "Tom &amp; Jerry's <b>red</b> one"
    assert sign.options[0].feedback == "Yes &amp; well done."
    assert picture_only.type == TRUE_FALSE
    assert picture_only.stem == '<img src="@@PLUGINFILE@@/sign.png">'
    assert services_question.type == MATCHING
    assert [(p.prompt, p.answer) for p in services_question.pairs] == [
        ("<b>IDVA</b>", "Advocacy & support"),
        ("MARAC", "Risk meeting"),
        ("", "Hairdresser"),
    ]


def _with(old: bytes, new: bytes) -> bytes:
    assert old in PICTURES
    return PICTURES.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (b'<file name="sign.png"', b'<file name="other.png"', 'refers to the file "sign.png"'),
        (b'name="advice.mp3"', b'name="advice.exe"', '"advice.exe" can\'t be imported'),
        (b"SUQzIGZha2UgbXAz", b"***not base64***", '"advice.mp3" is damaged'),
        (SIGN, b'name="sign.png" path="/" encoding="base64">SUQzIGZha2UgbXAz',
         '"sign.png" is not a picture'),
        (b"@@PLUGINFILE@@/sign.png", b"https://tracker.example/pixel.png",
         "picture from another website (https://tracker.example/pixel.png)"),
        (b"@@PLUGINFILE@@/sign.png", b"data:image/png;base64,iVBORw0KGgo=",
         "It shows a picture that is not in the file."),
        (b'src="@@PLUGINFILE@@/sign.png"', b'title="no address"',
         "It shows a picture that is not in the file."),
    ],
)  # fmt: skip
def test_file_problems_are_errors_naming_the_question(old, new, words):
    result = parse_moodle_xml(_with(old, new))
    assert len(result.errors) == 1
    error = result.errors[0]
    assert words in error.message
    assert error.question in {"Which sign", "Picture only"}
    assert not result.ok


@pytest.mark.parametrize(("size", "ok"), [(MAX_FILE_BYTES, True), (MAX_FILE_BYTES + 1, False)])
def test_a_file_may_be_up_to_the_limit(size, ok):
    data = base64.b64encode(b"\0" * size)
    result = parse_moodle_xml(_with(b"SUQzIGZha2UgbXAz", data))
    assert result.ok is ok
    if not ok:
        assert "files in a question can be up to 2 MB" in result.errors[0].message


@pytest.mark.django_db
def test_import_stores_pictures_as_images_and_sound_as_documents(media):
    result = services.parse_upload("bank.xml", PICTURES)
    assert result.ok, result.errors
    sign, picture_only, _ = services.import_questions(result)
    image = get_image_model().objects.get(title="safe place.png")
    document = get_document_model().objects.get(title="advice.mp3")
    assert sign.stem == (
        "<p>Which sign shows a <b>Safe Place</b>?</p><p>"
        f'<embed alt="A red square sign" embedtype="image" format="fullwidth" id="{image.pk}"/>'
        "</p>"
    )
    assert sign.general_feedback == (
        f'<p>Listen: <a id="{document.pk}" linktype="document">advice</a></p>'
    )
    assert picture_only.stem.startswith('<embed embedtype="image" format="fullwidth" id="')
    # Importing the same pictures again stores no second copy.
    services.import_questions(services.parse_upload("bank.xml", PICTURES))
    assert get_image_model().objects.count() == 2


def test_a_picture_without_alt_text_is_flagged_for_an_editor():
    sign, picture_only, _ = parse_moodle_xml(PICTURES).questions
    assert "image_without_alt" not in [flag.code for flag in check_question(from_parsed(sign))]
    assert "image_without_alt" in [flag.code for flag in check_question(from_parsed(picture_only))]
    blank = QuestionData(type="true_false", stem='<p>x</p><embed alt=" " embedtype="image" id="1">')
    assert [flag.code for flag in check_question(blank)] == ["image_without_alt"]


def test_matching_distractors_are_not_duplicate_prompts():
    data = QuestionData(type="matching", stem="<p>Match.</p>", pairs=[("", "a"), ("", "b")])
    assert check_question(data) == []


# --- What learners see -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_learner_sees_html_not_markup_and_the_picture_with_its_alt(
    client, module, user_with_role, media
):
    questions = services.import_questions(services.parse_upload("bank.xml", PICTURES), publish=True)
    quiz = make_quiz(module, questions[:1] + questions[2:], shuffle_options=False)
    learner = user_with_role()
    sign_in(client, learner)
    client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=learner)
    page = client.get(reverse("courses:attempt", args=[attempt.pk, 1])).content.decode()
    assert "Tom &amp; Jerry's <b>red</b> one</label>" in page  # the browser shows "&"
    assert "&amp;amp;" not in page and "&lt;b&gt;" not in page and "&lt;br" not in page
    assert 'alt="A red square sign"' in page and "<img" in page
    assert "@@PLUGINFILE@@" not in page
    assert "<b>IDVA</b></label>" in page
    assert ">Advocacy &amp; support</option>" in page
    assert ">Hairdresser</option>" in page  # the extra wrong answer is a choice

    answers = {}
    for index, question in enumerate(attempt.questions):
        if question["type"] == "matching":
            answers[str(index)] = {p["key"]: p["answer"] for p in question["pairs"]}
        else:
            answers[str(index)] = [question["options"][0]["key"]]
    services.save_answers(attempt, answers)
    services.submit_attempt(attempt, str(attempt.submit_token))
    result = client.get(reverse("courses:attempt_result", args=[attempt.pk])).content.decode()
    assert "Yes &amp; well done." in result and "&amp;amp;" not in result
    assert f"/documents/{get_document_model().objects.get().pk}/" in result


@pytest.mark.django_db
def test_an_option_typed_in_the_admin_is_sanitised_when_saved():
    questions = services.import_questions(services.parse_upload("q.gift", b"Pick.{=a ~b}"))
    option = QuestionOption(
        question=questions[0],
        text='<b onclick="x">ok</b><script>alert(1)</script><img src="https://x/y.png">',
        fraction=Decimal(0),
    )
    option.save()
    option.refresh_from_db()
    assert option.text == "<b>ok</b>"


def test_the_migration_escapes_plain_text_and_keeps_html():
    migration = importlib.import_module("courses.migrations.0009_question_text_html")
    assert migration.to_html("Tom & Jerry\n<3") == "Tom &amp; Jerry<br>&lt;3"
    assert migration.to_html("c &amp; d") == "c &amp; d"
    assert migration.to_html("<b>IDVA</b>") == "<b>IDVA</b>"
    assert migration.to_plain("Advocacy &amp; more") == "Advocacy & more"
    assert migration.to_plain("Tom & Jerry") == "Tom & Jerry"
