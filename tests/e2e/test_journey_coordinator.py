"""The Training Coordinator's journey in a browser, by role and label: sign in with the
authenticator code, open the coverage dashboard, filter by sector, drill down into the
people "required but missing" a module, and remind them. Every page is checked with axe at
1280 px and at 320 px, where nothing may scroll sideways.

Also the contact form, where the Exit this page button must not cover the error summary or
the success banner."""

import re

import pytest
from django.core import mail

from accounts.demo import DEMO_PASSWORD
from accounts.factories import totp_code
from accounts.models import AuditEvent, User

pytestmark = pytest.mark.e2e

POLICE = "Hampshire and Isle of Wight Constabulary"
MODULE = "Identifying domestic abuse"


def go(page, locator):
    with page.expect_navigation():
        locator.click()


def test_coordinator_signs_in_filters_drills_down_and_nudges(page, look):
    page.goto("/accounts/login/")
    look(page, "sign in")
    page.get_by_label("Email address", exact=True).fill("coordinator@example.org")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    go(page, page.get_by_role("button", name="Sign in"))

    code = page.get_by_label(re.compile("code from your authenticator app", re.I))
    look(page, "two-factor code")
    code.fill(totp_code(User.objects.get(email="coordinator@example.org")))
    go(page, page.get_by_role("button", name="Continue", exact=True))
    look(page, "page after sign-in")

    go(page, page.get_by_role("link", name="Training coverage").first)
    page.get_by_role("heading", name="Training coverage", level=1).wait_for()
    # The charts are drawn in the page's sans-serif font, not SVG's serif default.
    chart = page.get_by_role("img", name=re.compile("share of sector headcount"))
    font = chart.evaluate("svg => getComputedStyle(svg.querySelector('text')).fontFamily")
    assert "sans-serif" in font and font == page.evaluate(
        "() => getComputedStyle(document.querySelector('h1')).fontFamily"
    )
    look(page, "coverage dashboard")

    page.get_by_label("Sector", exact=True).select_option(label="Police")
    go(page, page.get_by_role("button", name="Apply filters"))
    assert page.get_by_role("rowheader", name="Solent NHS Trust").count() == 0
    look(page, "coverage dashboard filtered to police")

    cell = re.compile(re.escape(f"required but missing ({POLICE}, {MODULE})"))
    missing = page.get_by_role("link", name=cell)
    expected = int(re.match(r"\d+", missing.first.inner_text())[0])
    assert expected > 0
    go(page, missing.first)
    page.get_by_role("heading", name=re.compile(f"{POLICE}: required but missing")).wait_for()
    names = page.get_by_role("row").all_inner_texts()[1:]
    assert len(names) == expected
    look(page, "required but missing drill-down")

    mail.outbox.clear()
    go(page, page.get_by_role("button", name="Remind these people by email"))
    banner = page.get_by_role("alert")
    assert f"{expected} people were sent a reminder" in banner.inner_text()
    assert len(mail.outbox) == expected
    assert AuditEvent.objects.filter(action="coverage.nudged").count() == expected
    look(page, "reminders sent")

    # Pressing again the same week sends nothing, and the page says why.
    go(page, page.get_by_role("button", name="Remind these people by email"))
    assert "had a reminder in the last 7 days" in page.get_by_role("alert").inner_text()
    assert len(mail.outbox) == expected
    look(page, "reminders skipped")


def overlaps(first, second) -> bool:
    a, b = first.bounding_box(), second.bounding_box()
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_contact_form_errors_and_success_are_not_covered_by_exit_this_page(page, look):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/contact/")
    look(page, "contact page")
    exit_button = page.get_by_role("button", name="Emergency Exit this page")

    go(page, page.get_by_role("button", name="Send message"))
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    summary.wait_for()
    assert not overlaps(exit_button, summary)
    look(page, "contact form with errors")

    page.get_by_label("Feedback: tell us what you think").check()
    page.get_by_label("Your message").fill("The quizzes were clear. Thank you.")
    go(page, page.get_by_role("button", name="Send message"))
    banner = page.get_by_role("alert").filter(has_text="Your message has been sent")
    banner.wait_for()
    assert not overlaps(exit_button, banner)
    look(page, "contact message sent")
