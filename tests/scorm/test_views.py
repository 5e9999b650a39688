"""Serving a package's files, the commit endpoint, the lesson page and the upload form."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.roles import Role
from scorm.models import ScormPackage, ScormRegistration
from tests.helpers import csp_directives, sign_in

pytestmark = pytest.mark.django_db


def content_url(package, path):
    return reverse("scorm:content", kwargs={"package_id": package.pk, "path": path})


@pytest.fixture
def learner(client):
    person = UserFactory()
    sign_in(client, person)
    return person


# --- The package's files --------------------------------------------------------------------


def test_a_learner_gets_the_launch_file_with_its_own_strict_headers(client, learner, scorm_lesson):
    package = scorm_lesson("scorm12_quiz").package
    response = client.get(content_url(package, "index.html"), secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"Spotting coercive control" in b"".join(response.streaming_content)
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["connect-src"] == ["'none'"]
    assert csp["form-action"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert "allow-top-navigation" not in csp["sandbox"]
    assert "allow-scripts" in csp["sandbox"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session or CSRF cookie is set or renewed by a file


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("content/quiz.js", "text/javascript; charset=utf-8"),
        ("content/quiz.css", "text/css; charset=utf-8"),
        ("imsmanifest.xml", "application/xml"),
    ],
)
def test_each_file_has_its_content_type(client, learner, scorm_lesson, path, content_type):
    package = scorm_lesson("scorm2004_quiz").package
    response = client.get(content_url(package, path))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type


def test_the_lesson_page_keeps_the_site_policy(client, learner, scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    csp = csp_directives(client.get(lesson.url)["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"]


def test_anonymous_visitors_are_sent_to_sign_in(client, scorm_lesson):
    package = scorm_lesson("scorm12_quiz").package
    response = client.get(content_url(package, "index.html"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Only the package's files may be framed; the redirect keeps the site's policy.
    assert csp_directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_package_no_published_lesson_plays_is_not_found_for_learners(
    client, learner, scorm_lesson
):
    lesson = scorm_lesson("scorm12_quiz")
    lesson.unpublish()
    assert client.get(content_url(lesson.package, "index.html")).status_code == 404


def test_people_who_manage_packages_can_preview_an_unused_one(client, scorm_lesson, user_with_role):
    lesson = scorm_lesson("scorm12_quiz")
    lesson.unpublish()
    sign_in(client, user_with_role(Role.EDITOR))
    assert client.get(content_url(lesson.package, "index.html")).status_code == 200


@pytest.mark.parametrize(
    "path", ["missing.html", "../scorm12_quiz/index.html", "INDEX.HTML", "index.html/"]
)
def test_only_the_package_s_own_files_are_served(client, learner, scorm_lesson, path):
    package = scorm_lesson("scorm12_quiz").package
    assert client.get(content_url(package, "index.html")).status_code == 200
    url = f"/learning/scorm/{package.pk}/content/{path}"
    response = client.get(url)
    assert response.status_code == 404
    assert csp_directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_a_file_of_another_package_is_not_served_under_this_one(client, learner, scorm_lesson):
    first = scorm_lesson("scorm12_quiz").package
    second = scorm_lesson("scorm2004_quiz").package
    assert client.get(content_url(first, "content/quiz.js")).status_code == 404
    assert client.get(content_url(second, "content/quiz.js")).status_code == 200


# --- The lesson page ------------------------------------------------------------------------


def test_the_lesson_page_plays_the_package(client, learner, scorm_lesson):
    lesson = scorm_lesson("scorm2004_quiz")
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'title="{lesson.title}: interactive activity"' in html
    assert "Mark as complete" not in html
    settings = response.context["scorm"]
    assert settings["version"] == "2004"
    assert settings["launchUrl"] == content_url(lesson.package, "content/index.html")
    assert settings["commitUrl"] == reverse("scorm:commit", args=[lesson.pk])
    assert 'id="scorm-settings" type="application/json"' in html


def test_the_lesson_page_needs_signing_in(client, scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    assert client.get(lesson.url)["Location"].startswith("/accounts/login/")


# --- Committing -----------------------------------------------------------------------------


def commit_body(status="incomplete", **extra):
    return json.dumps({"cmi": {"core": {"lesson_status": status}}, **extra})


def test_a_commit_needs_the_csrf_token(scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    person = UserFactory()
    client = Client(enforce_csrf_checks=True)
    sign_in(client, person)
    page = client.get(lesson.url)
    token = str(page.context["csrf_token"])
    url = reverse("scorm:commit", args=[lesson.pk])
    refused = client.post(url, commit_body(), content_type="application/json")
    assert refused.status_code == 403
    assert not ScormRegistration.objects.filter(user=person).exists()
    # In a header, as the runtime's XMLHttpRequest sends it...
    ok = client.post(
        url, commit_body(), content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert ok.status_code == 200
    assert ok.json() == {"result": True, "errorCode": 0, "complete": False}
    # ...or in the body, as a beacon sent while the page closes does (no headers).
    beacon = client.post(url, commit_body("passed", csrfToken=token), content_type="text/plain")
    assert beacon.json()["complete"] is True
    assert (
        client.post(url, commit_body(csrfToken="wrong" * 8), content_type="text/plain").status_code
        == 403
    )


def test_anonymous_commits_are_refused(client, scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    response = client.post(
        reverse("scorm:commit", args=[lesson.pk]), commit_body(), content_type="application/json"
    )
    assert response.status_code == 403
    assert not ScormRegistration.objects.exists()


def test_a_commit_to_an_unpublished_or_plain_lesson_is_not_found(
    client, learner, module, scorm_lesson
):
    lesson = scorm_lesson("scorm12_quiz")
    plain = module.get_children().live().exclude(pk=lesson.pk).first()
    lesson.unpublish()
    for target in (lesson, plain):
        url = reverse("scorm:commit", args=[target.pk])
        assert client.post(url, commit_body(), content_type="application/json").status_code == 404


def test_the_commit_size_limit(client, learner, scorm_lesson):
    from scorm.views import MAX_COMMIT_BYTES

    lesson = scorm_lesson("scorm12_quiz")
    url = reverse("scorm:commit", args=[lesson.pk])
    base = commit_body(pad="")
    at_limit = commit_body(pad="x" * (MAX_COMMIT_BYTES - len(base)))
    assert len(at_limit) == MAX_COMMIT_BYTES
    assert client.post(url, at_limit, content_type="application/json").status_code == 200
    over = commit_body(pad="x" * (MAX_COMMIT_BYTES - len(base) + 1))
    assert client.post(url, over, content_type="application/json").status_code == 413


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '{"cmi": 3}', "\xff"])
def test_unreadable_commits_are_refused(client, learner, scorm_lesson, body):
    lesson = scorm_lesson("scorm12_quiz")
    url = reverse("scorm:commit", args=[lesson.pk])
    response = client.post(url, body.encode("latin-1"), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["result"] is False


def test_commits_are_rate_limited_per_learner(client, learner, scorm_lesson):
    from scorm.views import COMMITS_PER_MINUTE

    lesson = scorm_lesson("scorm12_quiz")
    url = reverse("scorm:commit", args=[lesson.pk])
    for _ in range(COMMITS_PER_MINUTE):
        assert client.post(url, commit_body(), content_type="application/json").status_code == 200
    assert client.post(url, commit_body(), content_type="application/json").status_code == 429
    other = Client()
    sign_in(other, UserFactory())
    assert other.post(url, commit_body(), content_type="application/json").status_code == 200


def test_a_commit_saves_the_requester_s_own_record(client, learner, scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    someone = UserFactory()
    url = reverse("scorm:commit", args=[lesson.pk])
    client.post(url, commit_body("passed"), content_type="application/json")
    assert ScormRegistration.objects.get().user == learner
    assert not ScormRegistration.objects.filter(user=someone).exists()


# --- The upload form in the admin -------------------------------------------------------------


@pytest.fixture
def editor(client, user_with_role):
    person = user_with_role(Role.EDITOR)
    sign_in(client, person)
    return person


def upload(client, raw: bytes, title="Coercive control"):
    return client.post(
        reverse("scorm_packages:add"),
        {"title": title, "zip_file": SimpleUploadedFile("course.zip", raw, "application/zip")},
    )


def test_an_editor_uploads_a_package_and_it_is_unpacked(client, editor, package_zip):
    response = upload(client, package_zip("scorm2004_quiz"))
    assert response.status_code == 302
    package = ScormPackage.objects.get()
    assert package.version == "2004"
    assert package.launch_href == "content/index.html"
    assert package.uploaded_by == editor
    from django.core.files.storage import default_storage

    assert default_storage.exists(package.content_name("content/quiz.js"))
    assert default_storage.exists(package.zip_file.name)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not a zip", "The file is not a zip file"),
        (None, "no imsmanifest.xml at its top level"),
    ],
)
def test_the_upload_form_shows_each_problem(client, editor, raw, message):
    from tests.scorm.test_manifest import make_zip

    raw = raw or make_zip({"index.html": "x"})
    response = upload(client, raw)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ScormPackage.objects.exists()


def test_the_upload_form_lists_every_path_problem(client, editor, package_zip):
    raw = package_zip("scorm12_quiz", extra={"../escape.js": b"x", "/abs.js": b"x"})
    html = upload(client, raw).content.decode()
    assert "“../escape.js” in the zip goes up a folder" in html
    assert "“/abs.js” in the zip is absolute" in html
    assert not ScormPackage.objects.exists()


@pytest.mark.parametrize("role", [Role.LEARNER, Role.AGENCY_LEAD, Role.SAFE_PLACES_OFFICER])
def test_only_content_staff_manage_packages(client, user_with_role, role):
    sign_in(client, user_with_role(role))
    assert client.get(reverse("scorm_packages:add")).status_code in (302, 403)


def test_an_editor_can_add_a_scorm_lesson_to_a_module(client, editor, module, scorm_lesson):
    scorm_lesson("scorm12_quiz")  # a package to choose
    url = reverse("wagtailadmin_pages:add", args=("scorm", "scormlessonpage", module.pk))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="package"' in html
    assert "scorm12_quiz (SCORM 1.2)" in html
    # A SCORM lesson is for modules only.
    other = reverse(
        "wagtailadmin_pages:add", args=("scorm", "scormlessonpage", module.get_parent().pk)
    )
    assert client.get(other).status_code in (403, 302)
