"""The public shell in a real browser: sign-up, Exit this page and accessibility."""

import re

import pytest
from django.conf import settings
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.e2e


def test_sign_up_with_a_work_email_verify_and_land_signed_in(page):
    page.goto("/")
    page.get_by_role("link", name="Create an account").first.click()
    page.get_by_label("Full name").fill("Morgan Reilly")
    page.get_by_label("Work email address").fill("morgan.reilly@hampshire.police.uk")
    page.get_by_label("Frontline practitioner").check()
    page.get_by_label("Create a password").fill("Harbour-Lantern-73")
    page.get_by_label("Confirm password").fill("Harbour-Lantern-73")
    page.get_by_role("button", name="Create account").click()

    page.get_by_role("heading", name="Check your email").wait_for()
    assert not page.get_by_role("link", name="Sign out").count()
    message = mail.outbox[-1]
    assert message.to == ["morgan.reilly@hampshire.police.uk"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)

    page.goto(link)
    page.get_by_role("button", name="Confirm email address").click()

    page.get_by_role("heading", name="Your learning").wait_for()
    assert page.get_by_role("link", name="Sign out").is_visible()
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("heading", name="Your account").wait_for()
    assert page.get_by_text("Hampshire and Isle of Wight Constabulary").is_visible()
    user = User.objects.get(email="morgan.reilly@hampshire.police.uk")
    assert user.agency.name == "Hampshire and Isle of Wight Constabulary"


def test_pressing_shift_three_times_leaves_for_the_safe_destination(page):
    page.goto("/")
    page.locator("h1").click()  # focus the document, as a person reading would
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{settings.EXIT_THIS_PAGE_URL}**")
    assert page.title() == "Weather"


def test_exit_this_page_button_leaves_for_the_safe_destination(page):
    page.goto("/get-help/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(f"{settings.EXIT_THIS_PAGE_URL}**")


def test_no_accessibility_violations_on_public_pages_and_their_errors(page, axe):
    for url in (
        "/",
        "/get-help/",
        "/accounts/signup/",
        "/accounts/login/",
        "/accounts/password/reset/",
    ):
        page.goto(url)
        axe(page, url)

    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("There is a problem").wait_for()
    axe(page, "sign up with errors")

    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill("nobody@example.org")
    page.get_by_label("Password", exact=True).fill("wrong-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("There is a problem").wait_for()
    axe(page, "log in with errors")

    page.goto("/accounts/password/reset/")
    page.get_by_label("Email address", exact=True).fill("not an email")
    page.get_by_role("button", name="Send reset link").click()
    page.get_by_text("There is a problem").wait_for()
    axe(page, "password reset with errors")


def test_error_summary_links_move_focus_to_the_field(page):
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("link", name="Enter your full name").click()
    assert page.evaluate("document.activeElement.id") == "id_full_name"
