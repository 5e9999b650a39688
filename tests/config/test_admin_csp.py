"""The Content Security Policy of the Wagtail admin (security review item 14).

The admin allows no inline script except the ones Wagtail itself writes, which carry the
response's nonce. The only 'unsafe-inline' left is for <style> elements, which Draftail
(the rich text editor) writes with no way to give them a nonce; style attributes stay
blocked. docs/security.md explains why.
"""

import re

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from tests.helpers import csp_directives, sign_in

# The demo site is loaded once for this module (tests/conftest.py, shared_demo): every
# test runs against it, each rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_demo")]

# Every directive of the admin policy, exactly; the nonce is checked separately.
EXPECTED_ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "NONCE"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'"],
    "style-src-elem": ["'self'", "'unsafe-inline'"],
    "style-src-attr": ["'none'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'self'"],
}

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_SCRIPT_TYPES = ("application/json", "text/template", "application/ld+json")


def header_nonce(response) -> str:
    script_src = csp_directives(response["Content-Security-Policy"])["script-src"]
    nonces = [value for value in script_src if value.startswith("'nonce-")]
    assert len(nonces) == 1, script_src
    return nonces[0][len("'nonce-") : -1]


def inline_scripts(html: str) -> list[str]:
    """The attributes of every <script> that runs code written in the page itself."""
    found = []
    for match in SCRIPT_TAG.finditer(html):
        attributes = match.group(1)
        if re.search(r"\ssrc=", attributes):
            continue
        kind = re.search(r'\stype="([^"]*)"', attributes)
        if kind and kind.group(1) in DATA_SCRIPT_TYPES:
            continue
        found.append(attributes)
    return found


@pytest.fixture
def staff_client(shared_demo):
    def make(email: str) -> Client:
        client = Client()
        sign_in(client, User.objects.get(email=email))
        return client

    return make


def test_the_admin_policy_is_exactly_the_strict_one(client, user_with_role):
    sign_in(client, user_with_role(Role.EDITOR))
    response = client.get("/admin/", secure=True)
    assert response.status_code == 200

    directives = csp_directives(response["Content-Security-Policy"])
    nonce = header_nonce(response)
    directives["script-src"] = [
        "NONCE" if value == f"'nonce-{nonce}'" else value for value in directives["script-src"]
    ]
    assert directives == EXPECTED_ADMIN_POLICY
    assert "'unsafe-inline'" not in directives["script-src"]
    assert not any("'unsafe-eval'" in values for values in directives.values())
    assert len(nonce) >= 22  # 128 random bits


def test_the_settings_hold_no_unsafe_inline_script_and_no_stray_sources():
    policy = settings.ADMIN_CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-inline'" not in policy["style-src-attr"]
    assert "blob:" not in policy.get("media-src", [])
    assert "data:" not in policy["font-src"]
    # Staff avatars are never fetched from Gravatar (it would learn who uses the admin).
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


@pytest.mark.parametrize(
    "email, url",
    [
        ("editor@example.org", "module-edit"),  # date field and the publishing schedule
        ("editor@example.org", "lesson-edit"),  # StreamField, Draftail
        ("admin@example.org", "/admin/redirects/add/"),  # page chooser widget
        ("admin@example.org", "agency-edit"),  # InlinePanel
        ("admin@example.org", "/admin/reports/site-history/"),  # date range filter
        ("admin@example.org", "/admin/users/"),  # date range filter
    ],
)
def test_every_inline_script_of_an_admin_page_carries_the_nonce(staff_client, email, url):
    from courses.models import LessonPage, ModulePage
    from network.models import Agency

    urls = {
        "module-edit": lambda: f"/admin/pages/{ModulePage.objects.first().pk}/edit/",
        "lesson-edit": lambda: f"/admin/pages/{LessonPage.objects.first().pk}/edit/",
        "agency-edit": lambda: f"/admin/agencies/edit/{Agency.objects.first().pk}/",
    }
    url = urls[url]() if url in urls else url
    response = staff_client(email).get(url, secure=True, follow=True)
    assert response.status_code == 200, url
    assert response.redirect_chain == [] or "/admin/" in response.redirect_chain[-1][0]

    html = response.content.decode()
    nonce = header_nonce(response)
    scripts = inline_scripts(html)
    assert scripts, f"{url} has no inline script: the test would prove nothing"
    without = [attributes for attributes in scripts if f'nonce="{nonce}"' not in attributes]
    assert not without, f"{url}: inline scripts without the nonce: {without}"


def test_each_response_has_its_own_nonce(client, user_with_role):
    sign_in(client, user_with_role(Role.EDITOR))
    first = client.get("/admin/", secure=True)
    second = client.get("/admin/", secure=True)
    assert header_nonce(first) != header_nonce(second)
    assert f'nonce="{header_nonce(first)}"' not in second.content.decode()


def test_text_typed_into_a_field_never_gets_the_nonce():
    """Only the <script> Wagtail writes after a widget is given the nonce, never the value."""
    from wagtail.admin.widgets import AdminDateInput

    from config.admin_csp import admin_nonce, install

    install()  # done by the middleware when the server starts
    typed = '"><script>alert(1)</script>'
    with admin_nonce("abcdefghijklmnopqrstuv=="):
        html = AdminDateInput().render("review_by", typed, attrs={"id": "id_review_by"})
    assert html.count("<script") == 1
    assert '<script nonce="abcdefghijklmnopqrstuv==">initDateChooser(' in html
    assert "<script>alert(1)" not in html


def test_outside_a_request_widgets_render_as_wagtail_writes_them():
    from wagtail.admin.widgets import AdminDateInput

    from config.admin_csp import install

    install()
    html = AdminDateInput().render("review_by", "", attrs={"id": "id_review_by"})
    assert "<script>initDateChooser(" in html
    assert "nonce=" not in html


def test_public_pages_keep_their_own_strict_policy(client, home_page):
    csp = csp_directives(client.get("/", secure=True)["Content-Security-Policy"])
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert "style-src-elem" not in csp


def test_the_live_preview_gets_the_admin_policy_so_the_editor_can_frame_it(shared_demo):
    """Wagtail renders a preview through the middleware with a request for the page's own
    URL; it is shown in an iframe of the admin, so it needs the admin's frame-ancestors."""
    from courses.models import ModulePage

    response = ModulePage.objects.live().first().make_preview_request()
    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    nonce = header_nonce(response)
    scripts = inline_scripts(response.rendered_content)
    assert scripts and all(f'nonce="{nonce}"' in attributes for attributes in scripts)
