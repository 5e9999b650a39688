"""The Wagtail admin works under its strict Content Security Policy (security review item 14).

Staff sign in as they really do (password, then the authenticator code), use the admin the
way they do every week, and the browser must report no Content Security Policy violation:
every script Wagtail needs runs, and nothing is blocked that the admin relies on. An
injected inline script and style attribute, on the other hand, are blocked.
"""

import base64
import re

import pytest
from allauth.mfa.models import Authenticator

from accounts.factories import totp_code
from accounts.models import User

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "safe-city-demo-2026"  # the published demo password (README)
# A one-pixel PNG, for the image upload.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportCspViolation([
        location.pathname, event.violatedDirective, event.blockedURI,
        event.sourceFile + ":" + event.lineNumber, event.sample,
    ].join(" | "));
});
"""


class Violations(list):
    """Every violation the browser reports, from page events and from the console."""

    def __init__(self, page):
        super().__init__()
        page.expose_function("reportCspViolation", lambda line: self.append(line))
        page.add_init_script(REPORT_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                self.append(f"console: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )


@pytest.fixture
def violations(page):
    return Violations(page)


def sign_in_to_admin(page, email):
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    user = User.objects.get(email=email)
    assert Authenticator.objects.filter(user=user).exists()  # staff always have MFA
    page.get_by_label("Enter the code from your authenticator app").fill(totp_code(user))
    with page.expect_response(re.compile(r"/admin/$")) as admin:
        page.get_by_role("button", name="Continue", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.wait_for_load_state("networkidle")
    return admin.value


def visit(page, url, heading=None):
    response = page.goto(url)
    assert response.status == 200, url
    if heading:
        page.get_by_role("heading", name=heading, level=1).wait_for()
    page.wait_for_load_state("networkidle")
    return response


def script_src(response) -> list[str]:
    header = response.headers["content-security-policy"]
    directives = {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}
    return directives["script-src"]


def test_editor_uses_the_page_editor_images_and_snippets_without_violations(page, violations):
    from courses.models import LessonPage, ModulePage
    from pages.models import SupportService

    dashboard = sign_in_to_admin(page, "editor@example.org")
    assert "'unsafe-inline'" not in script_src(dashboard)
    assert any(value.startswith("'nonce-") for value in script_src(dashboard))

    module = ModulePage.objects.live().first()
    lesson = LessonPage.objects.child_of(module).live().first()
    visit(page, f"/admin/pages/{module.pk}/", heading=module.title)
    page.get_by_role("link", name=lesson.title).first.wait_for()

    # The module's own editor: a date field and the publishing schedule's date pickers.
    visit(page, f"/admin/pages/{module.pk}/edit/")
    page.locator("#id_review_by").click()
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for()  # the picker opened
    page.keyboard.press("Escape")
    # The live preview (an iframe of the admin) and the accessibility checks run in it.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", name=module.title, level=1).wait_for()
    page.get_by_role("button", name="Toggle checks").click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)

    # The lesson editor: StreamField and Draftail.
    visit(page, f"/admin/pages/{lesson.pk}/edit/")
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Checked under a strict policy.")
    assert "Checked under a strict policy." in editor.inner_text()

    blocks = page.locator("[data-streamfield-child]")
    before = blocks.count()
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Key fact").click()
    page.wait_for_function(
        "n => document.querySelectorAll('[data-streamfield-child]').length > n", arg=before
    )

    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Image").click()
    page.get_by_role("button", name="Choose an image").first.click()
    page.get_by_role("heading", name="Choose an image").wait_for()
    page.get_by_role("tab", name="Upload").click()
    page.keyboard.press("Escape")

    # Images: upload one; the form to describe it appears.
    visit(page, "/admin/images/multiple/add/", heading="Add images")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "key-fact.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_text("Upload successful").first.wait_for()

    # A snippet: the support services that lessons list.
    service = SupportService.objects.first()
    visit(page, f"/admin/snippets/pages/supportservice/edit/{service.pk}/")
    page.locator("#id_date_checked").click()
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for()  # the picker opened

    assert not violations, "\n".join(violations)
    assert_injected_code_is_blocked(page, violations)


def test_moderator_and_administrator_reports_and_listings_without_violations(page, violations):
    from network.models import Agency

    sign_in_to_admin(page, "moderator@example.org")
    visit(page, "/admin/reports/content-due-for-review/", heading="Content due for review")
    visit(page, "/admin/reports/aging-pages/", heading="Aging pages")
    visit(page, "/admin/reports/site-history/", heading="Site history")

    page.context.clear_cookies()
    sign_in_to_admin(page, "admin@example.org")
    visit(page, "/admin/users/", heading="Users")
    visit(page, f"/admin/agencies/edit/{Agency.objects.first().pk}/")
    before = page.locator("[id^=inline_child_email_domains-]:visible").count()
    page.get_by_role("button", name="Add domain").click()  # InlinePanel, initialised inline
    page.wait_for_function(
        "n => document.querySelectorAll('[id^=inline_child_email_domains-]').length > n",
        arg=before,
    )
    visit(page, "/admin/redirects/add/")
    page.get_by_role("button", name="Choose a page").click()  # a chooser widget and its modal
    page.get_by_role("heading", name="Choose a page").wait_for()

    assert not violations, "\n".join(violations)
    assert_injected_code_is_blocked(page, violations)


def assert_injected_code_is_blocked(page, violations):
    """An injected inline script does not run and an injected style attribute is ignored."""
    ran = page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injectedScriptRan = true;";
            document.body.append(script);
            const text = document.createElement("p");
            text.textContent = "Injected";
            document.body.append(text);
            text.setAttribute("style", "color: rgb(255, 0, 0)");
            return [window.injectedScriptRan === true, getComputedStyle(text).color];
        }"""
    )
    assert ran[0] is False
    assert ran[1] != "rgb(255, 0, 0)"
    page.wait_for_timeout(200)  # violation events are queued
    directives = {line.split(" | ")[1] for line in violations if " | " in line}
    assert {"script-src-elem", "style-src-attr"} <= directives, violations
