"""Documents used in lessons are for signed-in learners only, like the lessons (item 13a).

Two locks: a document chosen in a lesson's "Downloadable document" block needs sign-in
wherever it is filed (``courses.blocks``), and the "Lesson documents" collection that a
data migration creates has Wagtail's "signed-in users only" restriction, for handouts not
yet used in a lesson. Documents are always served through Django's document view, never
from a public /media/ address.
"""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from accounts.factories import UserFactory
from courses.factories import LessonPageFactory, lesson_body
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4\n% Safety planning handout for practitioners\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_document(title="Safety planning handout", collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save("safety-plan.pdf", ContentFile(CONTENT), save=False)
    document.save()
    return document


def with_document(document) -> list:
    """A lesson body with the document block before the closing Sources block."""
    body = lesson_body()
    body.insert(-1, ("document", {"document": document, "title": "Handout"}))
    return body


@pytest.fixture
def lesson_document(module):
    document = make_document()
    lesson = LessonPageFactory(
        parent=module, title="Planning for safety", body=with_document(document)
    )
    lesson.save_revision().publish()
    return document


def is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(str(settings.LOGIN_URL))


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_anonymous_visitor_is_sent_to_sign_in_for_a_lesson_document(client, lesson_document):
    response = client.get(lesson_document.url)
    assert is_sign_in_redirect(response), (response.status_code, response.get("Location"))
    assert lesson_document.url in response["Location"].replace("%2F", "/")
    assert CONTENT not in content_of(response)


def test_a_signed_in_learner_downloads_a_lesson_document(client, lesson_document):
    sign_in(client, UserFactory())
    response = client.get(lesson_document.url)
    assert response.status_code == 200
    assert content_of(response) == CONTENT
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_lesson_links_the_document_through_the_serve_view(client, module, lesson_document):
    sign_in(client, UserFactory())
    lesson = module.get_children().live().get(title="Planning for safety")
    page = client.get(lesson.url).content.decode()
    assert f'href="{lesson_document.url}"' in page
    assert lesson_document.url.startswith("/documents/")


def test_documents_are_served_by_the_view_never_a_media_address(client, lesson_document):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert not lesson_document.url.startswith(settings.MEDIA_URL)
    media_url = settings.MEDIA_URL + lesson_document.file.name
    response = client.get(media_url)
    assert response.status_code == 404
    assert CONTENT not in content_of(response)
    sign_in(client, UserFactory())
    assert client.get(media_url).status_code == 404


def test_the_lesson_documents_collection_is_for_signed_in_users():
    collection = Collection.objects.get(name="Lesson documents")
    restrictions = CollectionViewRestriction.objects.filter(collection=collection)
    assert [r.restriction_type for r in restrictions] == [CollectionViewRestriction.LOGIN]


def test_a_handout_filed_in_lesson_documents_needs_sign_in_before_any_lesson_uses_it(client):
    document = make_document(collection=Collection.objects.get(name="Lesson documents"))
    assert is_sign_in_redirect(client.get(document.url))
    sign_in(client, UserFactory())
    response = client.get(document.url)
    assert response.status_code == 200 and content_of(response) == CONTENT


def test_a_document_linked_from_a_lessons_text_needs_sign_in_too(client, module):
    from wagtail.rich_text import RichText

    document = make_document()
    body = lesson_body()
    link = f'<p>Read <a linktype="document" id="{document.pk}">the handout</a>.</p>'
    body.insert(0, ("text", RichText(link)))
    LessonPageFactory(parent=module, body=body).save_revision().publish()
    assert is_sign_in_redirect(client.get(document.url))


def test_a_document_dropped_from_the_lesson_is_no_longer_locked_by_it(client, module):
    """The lock follows the lesson: the reference index is what says where a document is used."""
    document = make_document()
    lesson = LessonPageFactory(
        parent=module,
        body=with_document(document),
    )
    lesson.save_revision().publish()
    assert is_sign_in_redirect(client.get(document.url))
    lesson.body = lesson_body()
    lesson.save_revision().publish()
    assert client.get(document.url).status_code == 200


def test_the_document_admin_is_not_opened_up(client, lesson_document):
    response = client.get(reverse("wagtaildocs:edit", args=[lesson_document.pk]))
    assert response.status_code == 302
