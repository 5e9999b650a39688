"""A question's inline texts (options, their feedback, matching prompts, accepted answers'
feedback) are edited with a small rich-text editor, and stored as the importers store them:
sanitised HTML in Wagtail's database format with no paragraph of its own."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text
from wagtail_factories import DocumentFactory, ImageFactory

from accounts.roles import Role
from courses.factories import make_question
from courses.models import Question, QuestionOption
from courses.question_widgets import INLINE_FEATURES
from tests.helpers import sign_in

from .test_moderation import QUESTION, admin_form, form_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, user_with_role):
    user = user_with_role(Role.EDITOR)
    sign_in(client, user)
    return user


def _editor_of(response, name: str):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("input", attrs={"name": name})


def test_option_texts_and_feedback_are_edited_with_the_rich_text_editor(client, editor):
    question = make_question("single", "Editor")
    response = client.get(reverse(f"{QUESTION}:edit", args=[question.pk]))
    for name in ("options-0-text", "options-0-feedback"):
        field = _editor_of(response, name)
        assert field is not None and field.has_attr("data-draftail-input"), name
    # The editor's value is the stored text, loaded into the editor.
    content = json.loads(_editor_of(response, "options-0-text")["value"])
    assert [block["text"] for block in content["blocks"]] == ["The right answer"]


def test_typed_text_is_stored_inline_and_sanitised(client, editor):
    url = reverse(f"{QUESTION}:add")
    data = admin_form(client, url)
    data.update(
        {
            "name": "Typed in the editor",
            "type": "single",
            "stem": rich_text("<p>Which number?</p>"),
            "general_feedback": rich_text("<p>Why.</p>"),
            "options-TOTAL_FORMS": "2",
            "options-0-text": rich_text(
                "<p>H<sub>2</sub>O is <b>water</b></p>", features=INLINE_FEATURES
            ),
            "options-0-fraction": "1",
            "options-0-feedback": rich_text("<p>Yes: <i>water</i>.</p>"),
            "options-1-text": rich_text("<p>Salt</p>"),
            "options-1-fraction": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_problems(response)
    question = Question.objects.get(name="Typed in the editor")
    right, wrong = question.options.order_by("sort_order")
    # No paragraph of its own (it sits in a label) and no editor bookkeeping.
    assert right.text == "H<sub>2</sub>O is <b>water</b>"
    assert right.feedback == "Yes: <i>water</i>."
    assert wrong.text == "Salt"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (
            '<p data-block-key="a1">First</p><p data-block-key="b2">Second</p>',
            "First<br><br>Second",
        ),
        ("<p>First<br/></p><p></p>", "First"),
        (
            '<p>See</p><embed embedtype="image" id="7"/><p></p>',
            'See<br><embed embedtype="image" id="7"/>',
        ),
        ("<p>Only</p>", "Only"),
        ("", ""),
    ],
)
def test_lines_and_pictures_from_the_editor_become_lines_of_an_inline_text(typed, stored):
    option = QuestionOption(question=make_question("single", "Lines"), text=typed)
    option.save()
    option.refresh_from_db()
    assert option.text == stored


def test_an_imported_picture_and_file_link_survive_a_save_in_the_editor(client, editor):
    image = ImageFactory(title="Map")
    document = DocumentFactory(title="Talk")
    question = make_question("single", "Imported")
    first = question.options.order_by("sort_order").first()
    picture = (
        f'<embed alt="A map of the city" embedtype="image" format="fullwidth" id="{image.pk}"/>'
    )
    link = f'<a id="{document.pk}" linktype="document">talk.mp3</a>'
    QuestionOption.objects.filter(pk=first.pk).update(
        text=f"Look at {picture}", feedback=f"Listen: {link}"
    )
    url = reverse(f"{QUESTION}:edit", args=[question.pk])
    data = admin_form(client, url)  # the editor's own content, posted back unchanged
    response = client.post(url, data)
    assert response.status_code == 302, form_problems(response)
    saved = Question.objects.get(pk=question.pk).get_latest_revision_as_object()
    option = next(o for o in saved.options.all() if "Look at" in o.text)
    assert f'id="{image.pk}"' in option.text and 'embedtype="image"' in option.text
    assert 'alt="A map of the city"' in option.text
    assert f'id="{document.pk}"' in option.feedback and 'linktype="document"' in option.feedback
    assert "<p" not in option.text and "<p" not in option.feedback
    # Saving again changes nothing: the editor and the stored form agree.
    response = client.post(url, admin_form(client, url))
    assert response.status_code == 302, form_problems(response)
    again = Question.objects.get(pk=question.pk).get_latest_revision_as_object()
    assert [o.text for o in again.options.all()] == [o.text for o in saved.options.all()]
    assert [o.feedback for o in again.options.all()] == [o.feedback for o in saved.options.all()]


def test_a_script_typed_into_an_option_is_removed():
    option = QuestionOption(
        question=make_question("single", "Script"),
        text="<b>Bold</b><script>alert(1)</script>",
    )
    option.save()
    assert option.text == "<b>Bold</b>"
