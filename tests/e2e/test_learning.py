"""The learner journey in a real browser, on the demo modules."""

import pytest
from allauth.mfa.models import Authenticator

from accounts.factories import TEST_PASSWORD, UserFactory, totp_code
from accounts.models import User

pytestmark = pytest.mark.e2e


def sign_in(page, email, password=TEST_PASSWORD):
    """Sign in through the real form, with the authenticator code when the account has MFA."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    user = User.objects.get(email=email)
    if Authenticator.objects.filter(user=user).exists():
        code = page.get_by_label("Enter the code from your authenticator app")
        code.fill(totp_code(user))
        page.get_by_role("button", name="Continue", exact=True).click()
    page.get_by_role("heading", name="Your learning").wait_for()


def go(page, locator):
    """Click a link or button and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()


def past_content_note(page):
    """Distressing lessons open with a content note; a learner chooses to continue."""
    continue_link = page.get_by_role("button", name="Continue to the lesson")
    if continue_link.count():
        go(page, continue_link)


def test_start_complete_two_lessons_leave_and_resume_at_lesson_three(page, axe):
    UserFactory(email="new.learner@example.org")
    sign_in(page, "new.learner@example.org")

    page.get_by_role("link", name="Modules").first.click()
    page.get_by_role("heading", name="Modules", level=1).wait_for()
    axe(page, "catalogue")
    page.get_by_role("link", name="Identifying domestic abuse").click()
    page.get_by_role("heading", name="Identifying domestic abuse", level=1).wait_for()
    axe(page, "module overview")
    lesson_titles = page.locator(".app-task-list__item a").all_inner_texts()
    assert len(lesson_titles) >= 4

    go(page, page.get_by_role("button", name="Start module"))
    past_content_note(page)
    page.get_by_role("heading", name=lesson_titles[0], level=1).wait_for()
    axe(page, "lesson 1")
    go(page, page.get_by_role("button", name="Mark as complete and continue"))
    past_content_note(page)
    page.get_by_role("heading", name=lesson_titles[1], level=1).wait_for()
    go(page, page.get_by_role("button", name="Mark as complete and continue"))
    past_content_note(page)
    page.get_by_role("heading", name=lesson_titles[2], level=1).wait_for()

    # Leave for somewhere else entirely, then come back through the dashboard.
    page.goto("/get-help/")
    page.get_by_role("link", name="Your learning").click()
    page.get_by_role("heading", name="Your learning").wait_for()
    assert page.get_by_text("2 of").first.is_visible()
    axe(page, "dashboard")
    go(page, page.get_by_role("button", name="Continue Identifying domestic abuse"))
    past_content_note(page)
    page.get_by_role("heading", name=lesson_titles[2], level=1).wait_for()
    assert page.locator(".app-lesson-contents [aria-current=page]").inner_text() == lesson_titles[2]


def test_content_note_page_is_accessible(page, axe):
    UserFactory(email="careful.learner@example.org")
    sign_in(page, "careful.learner@example.org")
    page.goto("/modules/")
    page.get_by_role("link", name="Identifying domestic abuse").click()
    page.get_by_role("button", name="Start module").click()
    page.wait_for_load_state()
    # Walk the lessons until one opens with a content note (the demo modules have some).
    for _ in range(8):
        if page.get_by_role("button", name="Continue to the lesson").count():
            axe(page, "content note")
            return
        next_link = page.get_by_role("link", name="Next lesson")
        if not next_link.count():
            break
        next_link.first.click()
        page.wait_for_load_state()
    pytest.fail("No lesson with a content note in the demo module")
