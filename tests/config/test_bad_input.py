"""NUL bytes and malformed JSON are refused with a 400 page that says what went wrong,
never a server error (item 13b).

A NUL byte cannot be stored in PostgreSQL text and breaks some parsers; a browser never
sends one in a form, so it is refused before any view runs (``config.badinput``), in the
address, the query string or the form (names, values and file names). JSON that cannot be
read (the admin's rich text editor sends its content as JSON) gets the same treatment.
"""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory, add_totp
from tests.helpers import sign_in

from .urlconf import routes

pytestmark = pytest.mark.django_db

SUMMARY = "There is a problem"
NUL_MESSAGE = "contains a character that cannot be used"
JSON_MESSAGE = "could not be read"

SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


def concrete_paths() -> list[str]:
    """Every route in the URL conf as a path, with a made-up value for each parameter."""
    paths = set()
    for route in routes():
        text = route.route
        if "(" in text or "\\" in text:  # a regex with groups (Wagtail's page tree): see below
            continue
        text = (
            re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), text)
            .replace("^", "")
            .replace("$", "")
        )
        paths.add("/" + text)
    paths.add("/")  # the page tree
    return sorted(paths)


def assert_refused(response, message, where):
    assert response.status_code == 400, (where, response.status_code)
    page = response.content.decode()
    assert SUMMARY in page, where
    assert message in page, where


def test_there_are_routes_to_walk():
    paths = concrete_paths()
    assert len(paths) > 50
    assert "/safe-places/find/" in paths and "/accounts/login/" in paths


@pytest.mark.parametrize("signed_in", [False, True])
def test_nul_in_any_query_string_or_form_field_is_a_400_with_a_message(client, signed_in):
    if signed_in:
        sign_in(client, UserFactory())
    problems = []
    for path in concrete_paths():
        for method, data in (
            ("get", {"q": "a\x00b"}),
            ("get", {"a\x00b": "1"}),
            ("post", {"name": "a\x00b"}),
            ("post", {"na\x00me": "x"}),
        ):
            response = getattr(client, method)(path, data)
            if response.status_code != 400 or NUL_MESSAGE not in response.content.decode():
                problems.append(f"{method.upper()} {path} {sorted(data)}: {response.status_code}")
    assert not problems, "\n".join(problems[:40])


def test_nul_in_the_address_is_a_400_with_a_message(client):
    for path in ("/safe-places/%00/", "/learning/%00", "/verify/a%00b/", "/%00"):
        assert_refused(client.get(path), NUL_MESSAGE, path)


def test_nul_in_an_upload_field_name_is_a_400_with_a_message(client):
    # (Django already strips NUL and other unprintable characters from upload file names.)
    upload = SimpleUploadedFile("staff.csv", b"Name,Email\n", content_type="text/csv")
    response = client.post(reverse("network:apply"), {"fi\x00le": upload})
    assert_refused(response, NUL_MESSAGE, "upload")


def test_the_refusal_page_is_the_services_own(client):
    response = client.get(reverse("network:finder"), {"query": "SO14\x007LY"})
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Exit this page" in page  # the service's layout, with its quick exit
    assert "\x00" not in page
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Security-Policy" in response


def test_nothing_typed_with_a_nul_is_echoed_or_stored(client):
    from network.models import Venue

    response = client.post(reverse("network:apply"), {"name": "Caf\x00e Secret", "town": "X"})
    assert response.status_code == 400
    assert "Secret" not in response.content.decode()
    assert not Venue.objects.filter(name__contains="Secret").exists()


# --- Malformed JSON --------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, home_page):
    admin = UserFactory(is_superuser=True)
    add_totp(admin)
    sign_in(client, admin)
    return client


def _home_edit_data(home_page, support_text: str) -> dict:
    return {
        "title": home_page.title,
        "slug": home_page.slug,
        "intro": "",
        "body-count": "0",
        "support_text": support_text,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comment_notifications": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize("broken", ["{not json", '{"blocks": [', "[1, 2", '"unterminated'])
def test_malformed_rich_text_json_in_the_admin_is_a_400_with_a_message(
    editor_client, home_page, broken
):
    url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    response = editor_client.post(url, _home_edit_data(home_page, broken))
    assert_refused(response, JSON_MESSAGE, url)
    home_page.refresh_from_db()
    assert broken not in (home_page.support_text or "")


def test_well_formed_rich_text_still_saves(editor_client, home_page):
    url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    content = (
        '{"blocks": [{"key": "a", "type": "unstyled", "text": "Call 999", "depth": 0,'
        ' "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}'
    )
    response = editor_client.post(url, _home_edit_data(home_page, content))
    assert response.status_code in (200, 302), response.status_code
    home_page.refresh_from_db()
    assert "Call 999" in home_page.get_latest_revision_as_object().support_text


def test_malformed_json_to_the_admins_dismissibles_is_a_400(editor_client):
    response = editor_client.patch(
        reverse("wagtailadmin_dismissibles"), "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_malformed_json_bodies_never_cause_a_server_error():
    """No view outside the admin reads a JSON body; one sent anyway is not a 500."""
    client = Client()
    sign_in(client, UserFactory())
    problems = []
    for path in concrete_paths():
        if path.startswith("/admin/"):
            continue
        response = client.post(path, "{not json", content_type="application/json")
        if response.status_code >= 500:
            problems.append(f"POST {path}: {response.status_code}")
    assert not problems, "\n".join(problems)
