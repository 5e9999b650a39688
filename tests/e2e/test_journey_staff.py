"""Journey: invited staff. A venue contact invites someone; they open the link from the
email, create an account with the address already filled in, join the venue in one click
and reach the Safe Places training. Every page is checked at 1280 px and 320 px."""

import re

import pytest
from django.core import mail

from accounts.models import User
from courses.models import ModulePage
from network import services
from network.demo import DEMO_CONTACT_EMAIL, DEMO_CONTACT_VENUE
from network.models import Venue, VenueMembership

pytestmark = pytest.mark.e2e

INVITED = "sam.staff@bargate-books.example"
PASSWORD = "Lighthouse-Orchard-42"


def test_invited_staff_create_an_account_join_and_reach_the_training(page, look):
    # The demo venue's contact invites a member of staff (as the manage page does).
    venue = Venue.objects.get(slug=DEMO_CONTACT_VENUE)
    services.invite_staff(venue, INVITED, by=User.objects.get(email=DEMO_CONTACT_EMAIL))
    invitation = next(m for m in mail.outbox if m.to == [INVITED])
    join_path = re.search(r"/safe-places/join/[^/\s]+/", invitation.body).group(0)
    mail.outbox.clear()

    # They open the link from the email, signed out.
    page.goto(join_path)
    page.get_by_role("heading", name="Join a Safe Place's staff").wait_for()
    look(page, "invitation, signed out")

    with page.expect_navigation():
        page.get_by_role("button", name="Create an account").click()
    page.get_by_role("heading", name="Create an account").wait_for()
    look(page, "create an account")
    email = page.get_by_label("Work email address")
    assert email.input_value() == INVITED  # filled in from the invitation
    assert page.get_by_label("Business or venue staff").is_checked()
    assert page.get_by_text("Your agency or organisation").count() == 0  # not an agency

    page.get_by_label("Full name").fill("Sam Staff")
    page.get_by_label("Create a password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").click()

    # Back at the invitation, signed in, with no email to confirm first.
    join = page.get_by_role("button", name=f"Join {venue.name}'s staff")
    join.wait_for()
    assert mail.outbox == []
    look(page, "invitation, signed in")

    module = ModulePage.objects.get(slug="safe-places")
    with page.expect_navigation():
        join.click()
    page.wait_for_url(re.compile(re.escape(module.url) + "$"))
    page.get_by_text(f"You have joined {venue.name}'s staff").wait_for()
    page.get_by_role("heading", name=module.title, level=1).wait_for()
    look(page, "Safe Places module")

    member = VenueMembership.objects.get(venue=venue, invited_email=INVITED)
    assert member.user.email == INVITED and member.joined_at is not None


def test_account_pages_read_well_at_both_widths(page, look):
    """The allauth pages restyled for this issue, as the newly joined member of staff (or any
    learner) finds them from Your account."""
    from accounts.demo import DEMO_PASSWORD

    page.goto("/accounts/login/")
    look(page, "sign in")
    page.get_by_label("Email address", exact=True).fill("learner@example.org")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto("/account/")
    page.get_by_role("heading", name="Your account").wait_for()

    with page.expect_navigation():
        page.get_by_role("link", name="Where you are signed in").click()
    page.get_by_role("heading", name="Where you are signed in").wait_for()
    look(page, "where you are signed in")

    with page.expect_navigation():
        page.get_by_role("link", name="Two-factor authentication").first.click()
    page.get_by_role("heading", name="Two-factor authentication").wait_for()
    look(page, "two-factor authentication")
    with page.expect_navigation():
        page.get_by_role("button", name="Set up an authenticator app").click()
    page.get_by_role("heading", name="Enter your password").wait_for()
    look(page, "enter your password")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Set up an authenticator app").wait_for()
    with page.expect_navigation():
        page.get_by_role("button", name="Turn on two-factor authentication").click()
    page.get_by_role("link", name="Enter the 6-digit code from your authenticator app").wait_for()
    look(page, "set up an authenticator app, with an error")

    page.goto("/accounts/email/")
    page.get_by_role("heading", name="Your email address").wait_for()
    look(page, "your email address")
    page.goto("/accounts/password/change/")
    page.get_by_role("heading", name="Change your password").wait_for()
    look(page, "change your password")
