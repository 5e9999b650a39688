"""Claiming a Safe Places application: the applicant's address is sent a one-time link, and
only someone signed in with exactly that (verified) address becomes the venue's contact."""

import datetime
import html
import re
import uuid

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import privacy
from accounts.factories import UserFactory
from network import selectors, services
from network.models import Venue, VenueMembership, VenueRole
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

CLAIM_LINK = re.compile(r"https?://\S*(/safe-places/claim/[^/\s]+/)")
ADDRESS = "priya@bargatebooks.example"
DETAILS = {
    "name": "Bargate Books",
    "venue_type": "shop",
    "address_line_1": "12 High Street",
    "address_line_2": "",
    "town": "Southampton",
    "postcode": "SO14 7LY",
    "public_phone": "",
    "lead_name": "Priya Shah",
    "contact_email": ADDRESS,
    "contact_phone": "07700 900982",
    "staff_count": 8,
}


@pytest.fixture
def applied(django_capture_on_commit_callbacks):
    """An application naming ADDRESS, and the path of the claim link emailed to it."""
    with django_capture_on_commit_callbacks(execute=True):
        venue = services.submit_application(DETAILS, [], uuid.uuid4()).venue
    message = next(m for m in mail.outbox if m.to == [ADDRESS])
    match = CLAIM_LINK.search(message.body)
    assert match, message.body
    return venue, match.group(1)


def text(response) -> str:
    return html.unescape(response.content.decode())


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def test_claim_link_signed_in_as_that_address_makes_them_contact(applied):
    venue, link = applied
    owner = UserFactory(email="Priya@BargateBooks.example")
    client = signed_in(owner)

    page = client.get(link)
    assert page.status_code == 200
    assert "Bargate Books" in text(page) and venue.reference in text(page)
    assert not VenueMembership.objects.exists()  # looking changes nothing

    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:manage_venue", args=[venue.pk])
    membership = VenueMembership.objects.get()
    assert (membership.venue, membership.user, membership.role) == (
        venue,
        owner,
        VenueRole.CONTACT,
    )
    assert membership.joined_at is not None
    assert selectors.has_claimed_contact(venue)
    assert ModelLogEntry.objects.for_instance(venue).filter(action="network.venue.claim").exists()
    from accounts.models import AuditEvent

    [event] = AuditEvent.objects.filter(action="venue.claimed")
    assert (event.actor, event.target_id) == (owner, str(venue.pk))
    assert "Bargate Books" in text(client.get(response["Location"]))


def test_claim_link_for_another_address_attaches_nothing(applied):
    venue, link = applied
    stranger = UserFactory(email="someone.else@example.org")
    client = signed_in(stranger)
    for response in (client.get(link), client.post(link)):
        body = text(response)
        assert response.status_code == 403
        assert "This link is for a different email address" in body
        for private in ("Bargate Books", "Priya Shah", "12 High Street", ADDRESS, venue.reference):
            assert private not in body
    assert not VenueMembership.objects.exists()
    assert "Bargate Books" not in text(client.get(reverse("network:manage")))
    # The rightful owner can still claim it afterwards.
    signed_in(UserFactory(email=ADDRESS)).post(link)
    assert VenueMembership.objects.get().user.email == ADDRESS


def test_claim_link_for_an_unverified_address_attaches_nothing(applied):
    _, link = applied
    owner = UserFactory(email=ADDRESS)
    EmailAddress.objects.filter(user=owner).update(verified=False)
    client = signed_in(owner)
    response = client.post(link)
    assert response.status_code == 403
    assert "Confirm your email address" in text(response)
    assert "Bargate Books" not in text(response)
    assert not VenueMembership.objects.exists()


def test_claim_link_signed_out_asks_to_sign_in_or_create_an_account_and_comes_back(applied):
    _, link = applied
    client = Client()
    response = client.get(link)
    body = text(response)
    assert response.status_code == 200
    next_param = f"next={link.replace('/', '%2F')}"
    assert f"{reverse('account_login')}?{next_param}" in body
    assert f"{reverse('account_signup')}?{next_param}" in body
    for private in ("Bargate Books", "Priya Shah", "12 High Street", ADDRESS):
        assert private not in body
    assert "no-store" in response["Cache-Control"]

    # Sign-up is offered with the address the link was sent to, which following it proves.
    signup = text(client.get(f"{reverse('account_signup')}?{next_param}"))
    assert f'value="{ADDRESS}"' in signup

    refused = client.post(link)
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("account_login"))
    assert not VenueMembership.objects.exists()


def test_claim_link_is_single_use(applied):
    venue, link = applied
    owner = UserFactory(email=ADDRESS)
    signed_in(owner).post(link)
    assert VenueMembership.objects.filter(venue=venue).count() == 1

    again = signed_in(owner).get(link)
    assert again.status_code == 404
    assert "This link cannot be used" in text(again)
    other = signed_in(UserFactory(email="other@example.org")).post(link)
    assert other.status_code == 404
    assert VenueMembership.objects.filter(venue=venue).count() == 1


def test_claim_link_expires_after_two_weeks(applied):
    venue, link = applied
    owner = UserFactory(email=ADDRESS)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        response = signed_in(owner).post(link)
    assert response.status_code == 404
    assert "This link cannot be used" in text(response)
    assert venue.reference in text(response) or "Safe Places team" in text(response)
    assert not VenueMembership.objects.exists()


@pytest.mark.parametrize(
    ("age", "works"),
    [
        (datetime.timedelta(days=14) - datetime.timedelta(minutes=1), True),
        (datetime.timedelta(days=14) + datetime.timedelta(minutes=1), False),
    ],
)
def test_claim_link_works_for_exactly_two_weeks(applied, age, works):
    venue, link = applied
    owner = UserFactory(email=ADDRESS)
    with time_machine.travel(venue.claim_sent_at + age):
        response = signed_in(owner).post(link)
    assert (response.status_code == 302) is works
    assert VenueMembership.objects.filter(venue=venue, user=owner).exists() is works


def test_a_made_up_claim_link_is_refused(client):
    response = client.get(reverse("network:claim", args=["made-up"]))
    assert response.status_code == 404
    assert "This link cannot be used" in text(response)


def test_an_unclaimed_application_never_blocks_erasure(applied, user_with_role):
    from accounts.roles import Role

    venue, _ = applied
    named = UserFactory(email=ADDRESS)
    assert privacy.erasure_problems(named) == []
    privacy.erase_user(named, by=user_with_role(Role.TRAINING_COORDINATOR))
    named.refresh_from_db()
    assert privacy.is_erased(named)
    venue.refresh_from_db()
    assert venue.contact_email != ADDRESS  # their address is not left on someone's application


def test_a_claimed_live_venue_still_needs_reassigning_before_erasure(applied):
    _, link = applied
    owner = UserFactory(email=ADDRESS)
    signed_in(owner).post(link)
    assert any("Reassign the venue's contact first" in p for p in privacy.erasure_problems(owner))


def test_an_unclaimed_application_is_not_emailed_decisions(
    applied, django_capture_on_commit_callbacks, user_with_role
):
    from accounts.roles import Role
    from network.models import VenueStatus

    venue, _ = applied
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(
            venue, VenueStatus.REJECTED, by=user_with_role(Role.SAFE_PLACES_OFFICER), reason="x"
        )
    # Nobody has shown the typed address is theirs, so it is not told of the decision.
    assert mail.outbox == []


def test_decisions_go_to_the_contacts_account_address(
    applied, django_capture_on_commit_callbacks, user_with_role
):
    from accounts.roles import Role
    from network.models import VenueStatus

    venue, link = applied
    owner = UserFactory(email=ADDRESS)
    signed_in(owner).post(link)
    # They later change the address they sign in with.
    EmailAddress.objects.filter(user=owner).update(email="priya.new@example.org")
    type(owner).objects.filter(pk=owner.pk).update(email="priya.new@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(
            venue, VenueStatus.REJECTED, by=user_with_role(Role.SAFE_PLACES_OFFICER), reason="x"
        )
    assert [m.to for m in mail.outbox] == [["priya.new@example.org"]]
    assert Venue.objects.get(pk=venue.pk).status == VenueStatus.REJECTED


def test_someone_without_an_account_signs_up_from_the_link_and_comes_back_to_claim(applied):
    from tests.accounts.test_signup import NOT_LISTED, signup_data

    venue, link = applied
    client = Client()
    client.get(link)
    signup = f"{reverse('account_signup')}?next={link.replace('/', '%2F')}"
    response = client.post(
        signup, signup_data(email=ADDRESS, full_name="Priya Shah", agency=NOT_LISTED), follow=True
    )
    # Following the emailed link proved the address, so no second confirmation email is needed
    # and they land back on the claim page, signed in.
    assert response.redirect_chain[-1][0] == link
    assert "Confirm and manage this application" in text(response)
    assert not VenueMembership.objects.exists()
    client.post(link)
    assert VenueMembership.objects.get(venue=venue).user.email == ADDRESS


def test_signing_up_from_the_link_with_another_address_proves_nothing(applied):
    from tests.accounts.test_signup import NOT_LISTED, signup_data

    _, link = applied
    client = Client()
    client.get(link)
    signup = f"{reverse('account_signup')}?next={link.replace('/', '%2F')}"
    client.post(signup, signup_data(email="other.person@example.org", agency=NOT_LISTED))
    assert not EmailAddress.objects.filter(email="other.person@example.org", verified=True).exists()
    assert not VenueMembership.objects.exists()
