"""Face-to-face training in a real browser (issue 16, acceptance 4): a learner books a
session and cancels it; a second learner joins the waiting list of a full session and is
promoted when the first cancels, accepting the offered place. Axe (and no sideways
scrolling at 320 px) on every page."""

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings

from accounts.factories import TEST_PASSWORD, UserFactory, totp_code
from accounts.models import User
from events.factories import make_session
from events.models import Booking, BookingState

pytestmark = pytest.mark.e2e

COURSE = "Marac briefing (browser test)"


def sign_in(page, email, password=TEST_PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    user = User.objects.get(email=email)
    if Authenticator.objects.filter(user=user).exists():
        page.get_by_label("Enter the code from your authenticator app").fill(totp_code(user))
        page.get_by_role("button", name="Continue", exact=True).click()
    page.get_by_role("heading", name="Your learning").wait_for()


def go(page, locator):
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def second_page(browser, live_server, page):
    """A second person's browser (its own cookies), as closed to the outside as ``page``."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    context.set_default_timeout(10_000)

    def route(route):
        url = route.request.url
        if url.startswith(live_server.url):
            return route.continue_()
        if url.startswith(settings.EXIT_THIS_PAGE_URL):
            body = "<title>Weather</title>"
            return route.fulfill(status=200, content_type="text/html", body=body)
        return route.abort()

    context.route("**/*", route)
    yield context.new_page()
    context.close()


def open_session(page, look, label):
    go(page, page.get_by_role("link", name="Upcoming training").first)
    page.get_by_role("heading", name="Upcoming training", level=1).wait_for()
    look(page, f"{label}: upcoming training")
    go(page, page.get_by_role("link", name=COURSE))
    page.get_by_role("heading", name=COURSE, level=1).wait_for()
    look(page, f"{label}: session page")


def test_book_cancel_and_promotion_from_the_waiting_list(page, second_page, look):
    session = make_session(capacity=1)
    session.course.title = COURSE
    session.course.save()
    first = UserFactory(email="first.learner@example.org")
    second = UserFactory(email="second.learner@example.org")

    # The first learner books the only place, then cancels it, then books it again.
    sign_in(page, first.email)
    open_session(page, look, "first learner")
    go(page, page.get_by_role("button", name="Book a place"))
    page.get_by_text("Your place is booked.").wait_for()
    page.get_by_text("Booked", exact=True).wait_for()
    look(page, "booked")
    go(page, page.get_by_role("button", name="Cancel my booking"))
    page.get_by_text("Your booking is cancelled.").wait_for()
    look(page, "cancelled")
    assert Booking.objects.get(user=first).state == BookingState.CANCELLED
    go(page, page.get_by_role("button", name="Book a place"))
    page.get_by_text("Your place is booked.").wait_for()

    # The session is full: the second learner joins the waiting list.
    sign_in(second_page, second.email)
    open_session(second_page, look, "second learner")
    assert "None: the waiting list is open" in second_page.locator("#places-left").inner_text()
    go(second_page, second_page.get_by_role("button", name="Join the waiting list"))
    second_page.get_by_text("you are on the waiting list").wait_for()
    look(second_page, "on the waiting list")

    # A place frees up: the first learner cancels, and the second is offered it.
    go(page, page.get_by_role("button", name="Cancel my booking"))
    page.get_by_text("Your booking is cancelled.").wait_for()
    second_page.reload()
    second_page.get_by_text("Place offered", exact=True).wait_for()
    look(second_page, "place offered")
    go(second_page, second_page.get_by_role("button", name="Accept the place"))
    second_page.get_by_text("Your place is booked.").wait_for()
    look(second_page, "offer accepted")
    assert Booking.objects.get(user=second, state=BookingState.BOOKED).session_id == session.pk

    # Both see it in My bookings.
    go(second_page, second_page.get_by_role("link", name="My bookings").first)
    second_page.get_by_role("heading", name="My bookings", level=1).wait_for()
    look(second_page, "my bookings")
