"""Safe Places end to end: a business applies; approval waits for a trained member of staff;
the approved venue is found by its postcode, open or closed by a fixed clock; the finder
works without JavaScript and shows nothing private."""

import datetime
import re

import pytest
import time_machine
from django.core import mail

from accounts.factories import UserFactory
from accounts.roles import Role
from courses import services as course_services
from courses.models import ModulePage
from courses.selectors import live_lessons
from network.models import Venue, VenueStatus

from .test_learning import sign_in
from .test_quiz import press_button, take_attempt

pytestmark = pytest.mark.e2e

# Wednesday 2 December 2026, 10am in Southampton (GMT).
WEDNESDAY_10AM = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)
POSTCODE = "SO18 2NU"  # away from the demo venues in SO14, SO15 and SO17


def apply(page, axe):
    page.goto("/safe-places/apply/")
    page.get_by_role("button", name="Send application").click()
    page.get_by_text("There is a problem").wait_for()
    axe(page, "application form with errors")

    page.fill("#id_name", "Acceptance Café <b>")
    page.get_by_label("Café or restaurant").check()
    page.fill("#id_address_line_1", "12 Test Street")
    page.fill("#id_town", "Southampton")
    page.fill("#id_postcode", POSTCODE.lower())
    page.fill("#id_public_phone", "023 8000 1234")
    page.get_by_label("Step-free access").check()
    page.get_by_label("No", exact=True).check()  # not closed on bank holidays
    for day in range(6):
        page.fill(f"#id_hours-{day}-opens", "9am")
        page.fill(f"#id_hours-{day}-closes", "5pm")
    page.check("#id_hours-6-closed")  # closed on Sundays
    page.fill("#id_lead_name", "Lee Lead")
    page.fill("#id_contact_email", "lee.lead@acceptance-cafe.example")
    page.fill("#id_contact_phone", "07700 900123")
    page.fill("#id_staff_count", "6")
    for name in ("public", "insurance", "quiet_place", "charter"):
        page.check(f"#id_confirm_{name}")
    page.get_by_role("button", name="Send application").click()
    page.get_by_role("heading", name="Application received").wait_for()
    return Venue.objects.get(contact_email="lee.lead@acceptance-cafe.example")


def officer_does(page, venue, action: str):
    page.goto(f"/admin/venues/inspect/{venue.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name=action, exact=True).first.click()
    with page.expect_navigation():
        page.get_by_role("button", name=action, exact=True).click()


def search(page, place: str, open_now: bool = False):
    page.goto("/safe-places/find/")
    page.get_by_label("Postcode or place").fill(place)
    # The form keeps the last search's filters: set "Open now" either way.
    page.get_by_label("Open now").set_checked(open_now)
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    page.locator("#results-heading").wait_for()


def test_apply_then_approve_only_once_staff_are_trained_then_find_it(
    page, browser, axe, live_server
):
    with time_machine.travel(WEDNESDAY_10AM, tick=True) as clock:
        venue = apply(page, axe)
        assert venue.status == VenueStatus.SUBMITTED
        assert venue.postcode == POSTCODE and venue.latitude is not None

        # The officer starts the review; approval is refused: nobody manages it or is trained.
        officer = UserFactory(email="officer@example.org", role=Role.SAFE_PLACES_OFFICER)
        sign_in(page, officer.email)
        officer_does(page, venue, "Start review")
        page.get_by_text("Under review").first.wait_for()
        officer_does(page, venue, "Approve")
        page.get_by_text("must hold an in-date certificate").first.wait_for()
        venue.refresh_from_db()
        assert venue.status == VenueStatus.UNDER_REVIEW

        # Nobody manages the application until its address is confirmed: the contact signs
        # in with that address, follows the emailed link and confirms.
        assert not venue.memberships.exists()
        received = next(m for m in mail.outbox if m.to == ["lee.lead@acceptance-cafe.example"])
        assert "Acceptance Café" not in received.body and "Lee Lead" not in received.body
        claim_link = re.search(r"http\S+/safe-places/claim/\S+/", received.body).group(0)
        contact = UserFactory(email="lee.lead@acceptance-cafe.example", full_name="Lee Lead")
        contact_context = browser.new_context(base_url=live_server.url)
        contact_page = contact_context.new_page()
        sign_in(contact_page, contact.email)
        contact_page.goto(claim_link.replace("http://testserver", live_server.url))
        axe(contact_page, "claim page")
        with contact_page.expect_navigation():
            contact_page.get_by_role("button", name="Confirm and manage this application").click()
        contact_page.get_by_text("You have confirmed your email address").wait_for()
        assert venue.memberships.get(role="contact").user == contact

        # The contact invites a member of staff.
        contact_page.goto(f"/safe-places/manage/{venue.pk}/")
        contact_page.get_by_label("Email address").fill("sam.staff@acceptance-cafe.example")
        contact_page.get_by_role("button", name="Send invitation").click()
        contact_page.get_by_text("We have emailed an invitation").wait_for()
        axe(contact_page, "venue management page")
        invitation = next(m for m in mail.outbox if "sam.staff@" in m.to[0])
        join_link = re.search(r"http\S+/safe-places/join/\S+/", invitation.body).group(0)

        # The member of staff joins, completes the lessons and passes the quiz.
        staff = UserFactory(email="sam.staff@acceptance-cafe.example", full_name="Sam Staff")
        staff_context = browser.new_context(base_url=live_server.url)
        staff_page = staff_context.new_page()
        sign_in(staff_page, staff.email)
        staff_page.goto(join_link.replace("http://testserver", live_server.url))
        staff_page.get_by_role("button", name=re.compile("Join .* staff")).click()
        module = ModulePage.objects.get(slug="safe-places")
        staff_page.wait_for_url(re.compile(re.escape(module.url)))
        for lesson in live_lessons(module):
            course_services.complete_lesson(staff, lesson)
        staff_page.goto(f"/learning/quizzes/{module.quiz.pk}/")
        press_button(staff_page, "Start the quiz")
        take_attempt(staff_page, right=True)
        press_button(staff_page, "Submit answers")
        staff_page.get_by_role("heading", name="You passed").wait_for()

        # The contact now sees Sam as trained, with the certificate's expiry.
        contact_page.goto(f"/safe-places/manage/{venue.pk}/")
        staff_row = contact_page.get_by_role("row", name=re.compile("Sam Staff"))
        assert re.search(r"\d{1,2} \w+ 20\d\d", staff_row.inner_text())

        # Now the officer can approve.
        officer_does(page, venue, "Approve")
        page.get_by_text("Approved (listed)").first.wait_for()
        venue.refresh_from_db()
        assert venue.status == VenueStatus.APPROVED

        # A member of the public, without JavaScript, finds it by its postcode.
        public = browser.new_context(base_url=live_server.url, java_script_enabled=False)
        visitor = public.new_page()
        search(visitor, POSTCODE)
        result = visitor.get_by_role("listitem").filter(has_text="Acceptance Café")
        assert "Open now, closes at 5pm" in result.inner_text()
        search(visitor, POSTCODE, open_now=True)
        assert visitor.get_by_text("Acceptance Café <b>").count() == 1
        html = visitor.content()
        for private in ("lee.lead@acceptance-cafe.example", "Lee Lead", "07700 900123"):
            assert private not in html
        visitor.get_by_role("link", name="Acceptance Café <b>").click()
        visitor.get_by_role("heading", name="Acceptance Café <b>").wait_for()
        html = visitor.content()
        for private in ("lee.lead@acceptance-cafe.example", "Lee Lead", "07700 900123"):
            assert private not in html
        assert "023 8000 1234" in html

        # At 8pm the same evening it is closed: left out of "open now", shown as closed.
        clock.move_to(WEDNESDAY_10AM + datetime.timedelta(hours=10))
        search(visitor, POSTCODE, open_now=True)
        assert visitor.get_by_text("Acceptance Café <b>").count() == 0
        search(visitor, POSTCODE)
        result = visitor.get_by_role("listitem").filter(has_text="Acceptance Café")
        assert "Closed now, opens at 9am tomorrow" in result.inner_text()
        for context in (public, contact_context, staff_context):
            context.close()


def test_finder_and_venue_page_are_accessible_and_keep_exit_this_page(page, axe):
    page.goto("/safe-places/find/")
    assert page.get_by_role("button", name=re.compile("Exit this page")).count() == 1
    axe(page, "finder")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_text("There is a problem").wait_for()
    axe(page, "finder with an error")
    search(page, "Bargate")
    axe(page, "finder results")
    page.get_by_role("button", name="Show map").click()
    page.locator(".leaflet-container").wait_for()
    axe(page, "finder results with the map")
    page.locator("#main-content ol a, #main-content ul a").filter(has_text="Demo:").first.click()
    page.get_by_role("heading", name="Opening hours").wait_for()
    assert page.get_by_role("button", name=re.compile("Exit this page")).count() == 1
    axe(page, "venue page")
