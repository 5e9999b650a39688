import re

import pytest

from accounts.roles import Role
from tests.helpers import csp_directives, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/get-help/", "/accounts/login/", "/accounts/signup/"])
def test_public_pages_send_strict_security_headers(client, home_page, url):
    from pages.demo import load_pages

    load_pages()
    response = client.get(url, secure=True)
    assert response.status_code == 200

    hsts = response["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]

    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    nonce = next(v for v in csp["script-src"] if v.startswith("'nonce-"))
    # The only inline script on the page carries the nonce.
    assert f'nonce="{nonce[7:-1]}"' in response.content.decode()


def test_the_admin_policy_allows_no_inline_script(client, user_with_role):
    sign_in(client, user_with_role(Role.EDITOR))
    csp = csp_directives(client.get("/admin/", secure=True)["Content-Security-Policy"])
    assert "'unsafe-inline'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]


def test_signed_in_pages_are_never_cached(client, home_page, user_with_role):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    sign_in(client, user_with_role(Role.LEARNER))
    for url in ("/", "/account/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_every_public_page_has_exit_this_page_and_a_skip_link(client, home_page):
    from pages.demo import load_pages

    load_pages()
    for url in ("/", "/get-help/", "/privacy/", "/accounts/login/", "/accounts/signup/"):
        html = client.get(url).content.decode()
        assert 'data-module="govuk-exit-this-page"' in html, url
        assert 'href="https://www.bbc.co.uk/weather"' in html, url
        assert 'class="govuk-skip-link"' in html, url


def test_pages_load_no_third_party_resources(client, home_page):
    html = client.get("/").content.decode()
    for marker in ("googletagmanager", "google-analytics", "fonts.googleapis", "cdn."):
        assert marker not in html


# --- Every public URL pattern, generated from the URL conf ------------------------------------

# Not the public site: the admin (its own policy, tested above), Wagtail's document files,
# static files and uploads.
SKIPPED_PREFIXES = ("admin/", "documents/", "static/", "media/")
ONE_YEAR = 60 * 60 * 24 * 365


@pytest.fixture
def demo_objects(demo_site, django_capture_on_commit_callbacks, mailoutbox):
    """Real ids, numbers, codes, slugs and tokens from the demo site, owned by its learner."""
    from accounts.models import User
    from courses.models import ModulePage, Quiz
    from courses.services import start_attempt
    from network.factories import VenueMembershipFactory, certify
    from network.models import VenueRole, VenueStatus
    from network.selectors import listed_venues
    from network.services import invite_staff

    learner = User.objects.get(email="learner@example.org")
    quiz = Quiz.objects.select_related("module").first()
    attempt = start_attempt(learner, quiz)
    module = ModulePage.objects.live().exclude(pk=quiz.module_id).first()
    certificate = certify(learner, module)
    venue = listed_venues().filter(status=VenueStatus.APPROVED).first()
    VenueMembershipFactory(venue=venue, user=learner, role=VenueRole.CONTACT)
    staff = VenueMembershipFactory(venue=venue, role=VenueRole.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        invite_staff(venue, "new.starter@example.org", by=learner)
    token = re.search(r"/safe-places/join/([^/\s]+)/", mailoutbox[-1].body).group(1)
    lesson = module.get_children().live().first()
    from events.factories import make_session
    from events.services import book

    booking = book(learner, make_session(capacity=5))
    return {
        "learner": learner,
        "kwargs": {
            "verify_code": {"code": certificate.code},
            "certificate_detail": {"number": certificate.number},
            "certificate_pdf": {"number": certificate.number},
            "certificate_badge": {"number": certificate.number},
            "courses:start_module": {"module_id": module.pk},
            "courses:resume_module": {"module_id": module.pk},
            "courses:complete_lesson": {"lesson_id": lesson.pk},
            "courses:save_reflection": {"lesson_id": lesson.pk},
            "courses:quiz": {"quiz_id": quiz.pk},
            "courses:start_quiz": {"quiz_id": quiz.pk},
            "courses:confidence": {"quiz_id": quiz.pk, "stage": "before"},
            "courses:attempt": {"attempt_id": attempt.pk, "page": 1},
            "courses:attempt_summary": {"attempt_id": attempt.pk},
            "courses:attempt_time": {"attempt_id": attempt.pk},
            "courses:attempt_result": {"attempt_id": attempt.pk},
            "courses:coverage_learners": {"agency_id": learner.agency_id, "module_id": module.pk},
            "courses:coverage_role_learners": {"module_id": module.pk},
            "courses:coverage_nudge": {"agency_id": learner.agency_id, "module_id": module.pk},
            "network:venue": {"slug": venue.slug},
            "network:manage_venue": {"venue_id": venue.pk},
            "network:check": {"venue_id": venue.pk},
            "network:edit_listing": {"venue_id": venue.pk},
            "network:pack": {"venue_id": venue.pk},
            "network:remove_staff": {"venue_id": venue.pk, "membership_id": staff.pk},
            "network:join": {"token": token},
            "events:session": {"session_id": booking.session_id},
            "events:book": {"session_id": booking.session_id},
            "events:cancel": {"booking_id": booking.pk},
            "events:accept": {"booking_id": booking.pk},
            "events:register": {"session_id": booking.session_id},
            "events:sign_in_sheet": {"session_id": booking.session_id},
            "events:feedback": {"booking_id": booking.pk},
            "events:decide": {"booking_id": booking.pk},
            # No SCORM package in the demo: the headers of the "not found" answers.
            "scorm:content": {"package_id": 999999, "path": "index.html"},
            "scorm:commit": {"lesson_id": 999999},
            # Links from emails: an unknown key still gets a page, with the headers.
            "account_confirm_email": {"key": "no-such-key"},
            "network:claim": {"token": "no-such-token"},
            "account_reset_password_from_key": {"uidb36": "1", "key": "no-such-key"},
            "wagtailcore_authenticate_with_password": {
                "page_view_restriction_id": 1,
                "page_id": 1,
            },
        },
    }


def public_urls(kwargs: dict) -> tuple[list[str], list[str]]:
    """A concrete URL for every public pattern, and the patterns that could not be filled."""
    from django.urls import reverse
    from wagtail.models import Page

    from .urlconf import WAGTAIL_CATCH_ALL, routes

    urls, unfilled = [], []
    for route in routes():
        if route.is_under(*SKIPPED_PREFIXES) or route.name == WAGTAIL_CATCH_ALL:
            continue
        if route.params and route.name not in kwargs:
            unfilled.append(route.name)
            continue
        url = reverse(route.name, kwargs=kwargs.get(route.name))
        if url not in urls:
            urls.append(url)
    for page in Page.objects.live().specific().order_by("path"):
        url = page.get_url()
        if url and url not in urls:
            urls.append(url)
    return urls, unfilled


def header_problems(response) -> list[str]:
    problems = []
    hsts = response.get("Strict-Transport-Security", "")
    age = re.search(r"max-age=(\d+)", hsts)
    if not age or int(age.group(1)) < ONE_YEAR or "includeSubDomains" not in hsts:
        problems.append(f"HSTS {hsts!r}")
    csp = response.get("Content-Security-Policy")
    if not csp:
        problems.append("no Content-Security-Policy")
    else:
        directives = csp_directives(csp)
        for name in ("object-src", "base-uri", "frame-ancestors"):
            if directives.get(name) != ["'none'"]:
                problems.append(f"CSP {name} {directives.get(name)}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    if not response.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    for cookie in response.cookies.values():
        if cookie["max-age"] == 0 and not cookie.value:
            continue  # a cookie being deleted
        if not cookie["httponly"]:
            problems.append(f"cookie {cookie.key} not HttpOnly")
        if cookie["samesite"] not in ("Lax", "Strict"):
            problems.append(f"cookie {cookie.key} SameSite={cookie['samesite']!r}")
    return problems


def test_every_public_url_sends_the_security_headers(demo_objects):
    from django.test import Client

    urls, unfilled = public_urls(demo_objects["kwargs"])
    assert not unfilled, (
        f"New URL patterns with parameters: give them demo values in demo_objects: {unfilled}"
    )
    offending = []
    for who in ("anonymous", "learner"):
        client = Client()
        for url in urls:
            if who == "learner":
                sign_in(client, demo_objects["learner"])
            response = client.get(url, secure=True)
            problems = header_problems(response)
            if response.status_code >= 500:
                problems.append(f"server error {response.status_code}")
            if who == "learner" and "no-store" not in response.get("Cache-Control", ""):
                problems.append(f"Cache-Control {response.get('Cache-Control')!r}")
            if problems:
                offending.append(f"{url} ({who}, {response.status_code}): {'; '.join(problems)}")
    assert len(urls) > 60  # the patterns and the demo page tree were all found
    assert not offending, "\n".join(offending)


@pytest.mark.parametrize(
    "url", ["/api/", "/api/v2/", "/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]
)
def test_the_wagtail_api_and_its_docs_are_off(client, home_page, url):
    from django.conf import settings

    assert "wagtail.api.v2" not in settings.INSTALLED_APPS
    assert client.get(url, secure=True).status_code == 404


def test_production_cookies_are_secure_httponly_and_samesite():
    """The production settings module itself, loaded as the server would load it."""
    import json
    import secrets

    from .test_settings import run_manage

    script = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k)"
        " for k in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY',"
        " 'CSRF_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE',"
        " 'SESSION_COOKIE_NAME', 'CSRF_COOKIE_NAME', 'SESSION_COOKIE_DOMAIN',"
        " 'CSRF_COOKIE_DOMAIN', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS',"
        " 'SECURE_HSTS_INCLUDE_SUBDOMAINS']}))"
    )
    result = run_manage(
        "shell",
        "-c",
        script,
        SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL="https://learning.example.org",
    )
    assert result.returncode == 0, result.stderr
    production = json.loads(result.stdout.strip().splitlines()[-1])
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert production["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
    # __Host- cookies are only accepted by browsers over HTTPS, for this exact host.
    assert production["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert production["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert production["SESSION_COOKIE_DOMAIN"] is None
    assert production["CSRF_COOKIE_DOMAIN"] is None
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= ONE_YEAR
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
