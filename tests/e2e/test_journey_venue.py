"""A venue contact's journey: apply → exactly one email (the claim link) → create an account
from it (the link proves the address: no second confirmation email) → manage the venue →
invite a member of staff → edit the listing, which waits for review. Checked at 1280 px and
320 px with axe on every page."""

import re

import pytest
from django.core import mail

from network import services
from network.models import Venue, VenueChange, VenueStatus

pytestmark = pytest.mark.e2e

CONTACT = "rowan.reid@portswood-pantry.example"
PASSWORD = "a long and memorable passphrase 2026"


def go(page, locator):
    with page.expect_navigation():
        locator.click()


def fill_application(page):
    page.get_by_label("Organisation name").fill("Portswood Pantry")
    page.get_by_label("Café or restaurant").check()
    page.get_by_label("Address line 1").fill("3 Portswood Road")
    page.get_by_label("Town or city").fill("Southampton")
    page.get_by_label("Postcode").fill("SO17 2FW")
    for day in range(6):
        page.fill(f"#id_hours-{day}-opens", "8am")
        page.fill(f"#id_hours-{day}-closes", "6pm")
    page.check("#id_hours-6-all_day")  # open 24 hours on Sundays
    page.get_by_label("No", exact=True).check()  # not closed on bank holidays
    page.get_by_label("Public phone number (optional)").fill("023 8055 1234")
    page.get_by_label("About your venue (optional)").fill("Ask at the counter.")
    page.get_by_label("Full name of your Safe Places lead").fill("Rowan Reid")
    page.get_by_label("Contact email address").fill(CONTACT)
    page.get_by_label("Contact phone number").fill("07700 900456")
    page.get_by_label("How many staff work at the venue?").fill("4")
    for name in ("public", "insurance", "quiet_place", "charter"):
        page.check(f"#id_confirm_{name}")


def test_apply_claim_manage_invite_and_edit_the_listing(page, look, live_server):
    mail.outbox.clear()

    # Apply.
    page.goto("/safe-places/apply/")
    look(page, "application form")
    go(page, page.get_by_role("button", name="Send application"))
    page.get_by_text("There is a problem").first.wait_for()
    look(page, "application form with errors")
    fill_application(page)
    go(page, page.get_by_role("button", name="Send application"))
    page.get_by_role("heading", name="Application received").wait_for()
    look(page, "application received")

    # Exactly one email reaches the applicant: the claim link.
    to_contact = [m for m in mail.outbox if CONTACT in m.to]
    assert len(to_contact) == 1, [m.subject for m in to_contact]
    link = re.search(r"https?://\S+/safe-places/claim/\S+/", to_contact[0].body).group(0)
    assert link.startswith(live_server.url)

    # Follow it and create an account from it.
    page.goto(link)
    look(page, "claim link, signed out")
    go(page, page.get_by_role("button", name="Create an account"))
    look(page, "create an account from the claim link")
    email = page.get_by_label(re.compile("email address", re.I)).first
    if email.is_editable() and not email.input_value():
        email.fill(CONTACT)
    assert email.input_value() == CONTACT
    page.get_by_label("Full name").fill("Rowan Reid")
    venue_staff = page.get_by_label("Business or venue staff")
    if venue_staff.count() and not venue_staff.first.is_checked():
        venue_staff.first.check()
    agency = page.get_by_label("Your agency or organisation")
    if agency.count():
        agency.select_option(label="My agency is not listed")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    go(page, page.get_by_role("button", name=re.compile("Create (an )?account")))

    # Back at the claim link, signed in with the proven address: confirm it is theirs.
    confirm = page.get_by_role("button", name="Confirm and manage this application")
    if confirm.count():
        look(page, "claim link, signed in")
        go(page, confirm)
    page.get_by_role("heading", name="Portswood Pantry").wait_for()
    assert [m for m in mail.outbox if CONTACT in m.to] == to_contact  # no second email
    venue = Venue.objects.get(contact_email=CONTACT)
    look(page, "manage venue")

    # An officer starts the review, so staff can be invited.
    services.transition(venue, VenueStatus.UNDER_REVIEW)
    page.reload()
    page.get_by_label("Email address").fill("casey.cook@portswood-pantry.example")
    go(page, page.get_by_role("button", name="Send invitation"))
    page.get_by_text("We have emailed an invitation").wait_for()
    look(page, "manage venue after inviting staff")

    # Edit the listing: the change waits for review; the listing keeps the old number.
    go(page, page.get_by_role("link", name=re.compile("^Edit your listing")))
    look(page, "edit listing")
    page.get_by_label("Public phone number (optional)").fill("023 8055 9999")
    page.get_by_label("Hearing loop").check()
    go(page, page.get_by_role("button", name="Send changes for review"))
    page.get_by_text("Your changes are waiting for review").first.wait_for()
    look(page, "manage venue with changes waiting")
    venue.refresh_from_db()
    assert venue.public_phone == "023 8055 1234" and not venue.hearing_loop
    change = VenueChange.objects.get(venue=venue, status="pending")
    assert change.proposed["public_phone"] == "023 8055 9999"
    assert venue.hours.get(weekday=6).all_day
