"""The signed-in pages for a venue's contact and staff."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.factories import UserFactory
from accounts.roles import Role
from network import selectors
from network.factories import (
    VenueFactory,
    VenueMembershipFactory,
    certify,
    configure_scheme,
)
from network.manage_forms import NEITHER_CHECKED
from network.models import VenueMembership, VenueRole, VenueStatus
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

JOIN_LINK = re.compile(r"https?://\S*/safe-places/join/([^/\s]+)/")


def make_venue(contact=None, **kwargs):
    venue = VenueFactory(**kwargs)
    contact = contact or UserFactory()
    VenueMembershipFactory(venue=venue, user=contact, role=VenueRole.CONTACT)
    return venue, contact


@pytest.fixture
def venue_and_contact():
    return make_venue(name="The Corner Café")


@pytest.fixture
def venue(venue_and_contact):
    return venue_and_contact[0]


@pytest.fixture
def contact(venue_and_contact):
    return venue_and_contact[1]


@pytest.fixture
def contact_client(client, contact):
    sign_in(client, contact)
    return client


def invite(client, venue, email, capture):
    with capture(execute=True):
        return client.post(reverse("network:manage_venue", args=[venue.pk]), {"email": email})


def token_from(message) -> str:
    match = JOIN_LINK.search(message.body)
    assert match, message.body
    return match.group(1)


# --- Who can see what -----------------------------------------------------------------------


def test_contact_sees_their_venue_listed_and_in_detail(contact_client, venue):
    listing = contact_client.get(reverse("network:manage")).content.decode()
    assert "The Corner Café" in listing
    assert reverse("network:manage_venue", args=[venue.pk]) in listing
    assert "Approved (listed)" in listing

    detail = contact_client.get(reverse("network:manage_venue", args=[venue.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "The Corner Café" in html
    assert "shown in the public finder" in html
    assert reverse("network:venue", args=[venue.slug]) in html
    assert reverse("network:check", args=[venue.pk]) in html
    assert "Download membership pack (PDF)" in html
    assert "no-store" in detail["Cache-Control"]


def _venue_urls(venue, member):
    return [
        ("get", reverse("network:manage_venue", args=[venue.pk])),
        ("post", reverse("network:manage_venue", args=[venue.pk])),
        ("get", reverse("network:check", args=[venue.pk])),
        ("post", reverse("network:check", args=[venue.pk])),
        ("get", reverse("network:pack", args=[venue.pk])),
        ("post", reverse("network:remove_staff", args=[venue.pk, member.pk])),
    ]


@pytest.mark.parametrize("who", ["another venue's contact", "a learner", "the venue's staff"])
def test_nobody_but_the_contact_reaches_a_venue(client, venue, who, user_with_role):
    member = VenueMembershipFactory(venue=venue)
    if who == "another venue's contact":
        _, outsider = make_venue()
    elif who == "a learner":
        outsider = user_with_role(Role.LEARNER)
    else:
        outsider = member.user
    sign_in(client, outsider)
    for method, url in _venue_urls(venue, member):
        data = {"email": "x@example.org", "details_correct": "on", "charter": "on"}
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == 404, (method, url)
        assert "The Corner Café" not in response.content.decode()
    assert VenueMembership.objects.filter(pk=member.pk).exists()
    assert not VenueMembership.objects.filter(invited_email="x@example.org").exists()


def test_anonymous_people_are_sent_to_sign_in(client, venue):
    for name, args in [
        ("network:manage", []),
        ("network:manage_venue", [venue.pk]),
        ("network:check", [venue.pk]),
        ("network:pack", [venue.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_someone_with_no_venue_is_pointed_to_the_application_form(client, user_with_role):
    sign_in(client, user_with_role(Role.LEARNER))
    html = client.get(reverse("network:manage")).content.decode()
    assert reverse("network:apply") in html


def test_staff_see_where_they_work_and_a_link_to_the_training(client, venue, module):
    configure_scheme(module)
    member = VenueMembershipFactory(venue=venue)
    sign_in(client, member.user)
    html = client.get(reverse("network:manage")).content.decode()
    assert "You are on the staff of The Corner Café" in html
    assert module.url in html
    assert reverse("network:manage_venue", args=[venue.pk]) not in html


# --- Inviting staff -------------------------------------------------------------------------


def test_inviting_sends_one_email_with_a_join_link(
    contact_client, venue, django_capture_on_commit_callbacks
):
    response = invite(
        contact_client, venue, "new.starter@business.example", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("network:manage_venue", args=[venue.pk])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.starter@business.example"]
    assert "/safe-places/join/" in mail.outbox[0].body

    html = contact_client.get(response["Location"]).content.decode()
    assert "We have emailed an invitation to new.starter@business.example" in html
    assert "Invitation sent" in html


def test_an_invalid_email_is_shown_as_an_error_and_kept(
    contact_client, venue, django_capture_on_commit_callbacks
):
    response = invite(contact_client, venue, "not-an-email", django_capture_on_commit_callbacks)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter an email address in the correct format" in html
    assert 'value="not-an-email"' in html

    empty = invite(contact_client, venue, "", django_capture_on_commit_callbacks)
    assert "Enter the email address of the person you want to invite" in empty.content.decode()
    assert mail.outbox == []


def test_inviting_someone_already_on_the_staff_is_an_error(
    contact_client, venue, django_capture_on_commit_callbacks
):
    member = VenueMembershipFactory(venue=venue, user__email="already@business.example")
    response = invite(
        contact_client, venue, member.user.email.upper(), django_capture_on_commit_callbacks
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "already on this venue" in html
    assert 'value="ALREADY@BUSINESS.EXAMPLE"' in html
    assert mail.outbox == []


# --- Joining by invitation ------------------------------------------------------------------


def test_the_join_link_links_a_signed_in_person_once(
    contact_client, venue, module, django_capture_on_commit_callbacks
):
    configure_scheme(module)
    invite(contact_client, venue, "invited@business.example", django_capture_on_commit_callbacks)
    join_url = reverse("network:join", args=[token_from(mail.outbox[0])])
    client = Client()  # the invited person, on their own device
    joiner = UserFactory(email="Invited@Business.example")
    sign_in(client, joiner)

    page = client.get(join_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "The Corner Café has invited you to take the Safe Places training" in html
    assert "Join The Corner Café's staff" in html

    response = client.post(join_url)
    assert response.status_code == 302
    assert response["Location"] == module.url
    membership = VenueMembership.objects.get(venue=venue, user=joiner)
    assert membership.joined_at is not None
    assert membership.role == VenueRole.STAFF

    again = client.post(join_url)
    assert again.status_code == 404
    assert "expired or has already been used" in again.content.decode()
    assert "Ask the venue that invited you to send you a new one" in again.content.decode()
    assert client.get(join_url).status_code == 404


def test_without_a_training_module_joining_goes_to_your_safe_places(
    contact_client, venue, django_capture_on_commit_callbacks
):
    invite(contact_client, venue, "invited@business.example", django_capture_on_commit_callbacks)
    join_url = reverse("network:join", args=[token_from(mail.outbox[0])])
    client = Client()  # the invited person, on their own device
    sign_in(client, UserFactory(email="invited@business.example"))
    response = client.post(join_url, follow=True)
    assert response.redirect_chain[0][0] == reverse("network:manage")
    assert "You have joined The Corner Café" in response.content.decode()


def test_anonymous_visitors_are_offered_sign_up_or_sign_in(
    contact_client, venue, django_capture_on_commit_callbacks
):
    invite(contact_client, venue, "invited@business.example", django_capture_on_commit_callbacks)
    join_url = reverse("network:join", args=[token_from(mail.outbox[0])])
    client = Client()  # the invited person, on their own device

    response = client.get(join_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "has invited you to take the Safe Places training" in html
    assert "The Corner Café" not in html  # whoever holds the link learns nothing of the venue
    assert f"{reverse('account_signup')}?next={join_url.replace('/', '%2F')}" in html
    assert f"{reverse('account_login')}?next={join_url.replace('/', '%2F')}" in html
    assert "invited@business.example" not in html
    assert "no-store" in response["Cache-Control"]

    refused = client.post(join_url)
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("account_login"))
    assert VenueMembership.objects.get(invited_email="invited@business.example").user is None


def test_an_expired_invitation_is_refused_politely(
    contact_client, venue, django_capture_on_commit_callbacks
):
    invite(contact_client, venue, "slow@business.example", django_capture_on_commit_callbacks)
    join_url = reverse("network:join", args=[token_from(mail.outbox[0])])
    client = Client()  # the invited person, on their own device
    sign_in(client, UserFactory(email="slow@business.example"))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        page = client.get(join_url)
        posted = client.post(join_url)
    assert page.status_code == 404
    assert "expired or has already been used" in page.content.decode()
    assert posted.status_code == 404
    assert VenueMembership.objects.get(invited_email="slow@business.example").user is None


@pytest.mark.parametrize("who", ["another address", "the address, unverified"])
def test_an_invitation_is_only_accepted_by_its_verified_address(
    contact_client, venue, who, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    invite(contact_client, venue, "invited@business.example", django_capture_on_commit_callbacks)
    join_url = reverse("network:join", args=[token_from(mail.outbox[0])])
    if who == "another address":
        person = UserFactory(email="someone.else@example.org")
        expected = "This invitation is for a different email address"
    else:
        person = UserFactory(email="invited@business.example")
        EmailAddress.objects.filter(user=person).update(verified=False)
        expected = "Confirm your email address"
    client = Client()
    sign_in(client, person)
    for response in (client.get(join_url), client.post(join_url)):
        html = response.content.decode()
        assert response.status_code == 403
        assert expected in html
        assert "The Corner Café" not in html
    assert VenueMembership.objects.get(invited_email="invited@business.example").user is None
    assert not VenueMembership.objects.filter(user=person).exists()


@pytest.mark.parametrize("status", [VenueStatus.SUBMITTED, VenueStatus.REJECTED])
def test_a_venue_not_yet_reviewed_cannot_invite_and_is_told_why(
    contact_client, contact, status, django_capture_on_commit_callbacks
):
    venue, _ = make_venue(contact=contact, status=status, status_reason="x")
    page = contact_client.get(reverse("network:manage_venue", args=[venue.pk])).content.decode()
    assert 'name="email"' not in page
    if status == VenueStatus.SUBMITTED:
        assert "You can invite staff once a Safe Places officer has started" in page
    response = invite(
        contact_client, venue, "new.starter@business.example", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    followed = contact_client.get(response["Location"]).content.decode()
    assert "cannot invite staff" in followed or "once a Safe Places officer" in followed
    assert mail.outbox == []
    assert not VenueMembership.objects.filter(invited_email="new.starter@business.example").exists()


def test_the_eleventh_invitation_in_an_hour_is_refused_for_the_whole_venue(
    contact_client, venue, django_capture_on_commit_callbacks
):
    for n in range(10):
        response = invite(
            contact_client, venue, f"person{n}@business.example", django_capture_on_commit_callbacks
        )
        assert response.status_code == 302, n
    # Another contact of the same venue, on another device and address, shares the limit.
    other = UserFactory()
    VenueMembershipFactory(venue=venue, user=other, role=VenueRole.CONTACT)
    client = Client(REMOTE_ADDR="192.0.2.99")
    sign_in(client, other)
    response = invite(
        client, venue, "person10@business.example", django_capture_on_commit_callbacks
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Your venue has sent 10 invitations in the last hour" in html
    assert 'value="person10@business.example"' in html
    assert len(mail.outbox) == 10
    assert not VenueMembership.objects.filter(invited_email="person10@business.example").exists()

    # Another venue is not held back, and an hour later this one can invite again.
    elsewhere, _ = make_venue(contact=other)
    assert (
        invite(
            client, elsewhere, "x@business.example", django_capture_on_commit_callbacks
        ).status_code
        == 302
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        later = invite(
            contact_client, venue, "person10@business.example", django_capture_on_commit_callbacks
        )
    assert later.status_code == 302


def test_an_unknown_token_is_refused(client):
    response = client.get(reverse("network:join", args=["made-up-token"]))
    assert response.status_code == 404
    assert "Ask the venue that invited you" in response.content.decode()


# --- Who is trained -------------------------------------------------------------------------


def test_the_staff_table_shows_who_is_trained_and_when_it_expires(contact_client, venue, module):
    configure_scheme(module, minimum=1)
    trained = VenueMembershipFactory(venue=venue, user__full_name="Tariq Trained")
    VenueMembershipFactory(venue=venue, user__full_name="Una Untrained")
    VenueMembership.objects.create(
        venue=venue, invited_email="pending@business.example", invited_at=timezone.now()
    )
    certificate = certify(trained.user, module)

    html = contact_client.get(reverse("network:manage_venue", args=[venue.pk])).content.decode()
    assert "Tariq Trained" in html
    assert f"{certificate.expires_at:%-d %B %Y}" in html
    assert "Una Untrained" in html
    assert "Not trained yet" in html
    assert "pending@business.example" in html
    assert "Invitation sent" in html
    assert "1 of your staff is trained; at least 1 is needed" in html


def test_the_contact_removes_staff_but_not_themselves(contact_client, venue, contact):
    member = VenueMembershipFactory(venue=venue, user__full_name="Leaving Person")
    response = contact_client.post(
        reverse("network:remove_staff", args=[venue.pk, member.pk]), follow=True
    )
    assert "Leaving Person has been removed" in response.content.decode()
    assert not VenueMembership.objects.filter(pk=member.pk).exists()

    own = VenueMembership.objects.get(venue=venue, user=contact)
    response = contact_client.post(
        reverse("network:remove_staff", args=[venue.pk, own.pk]), follow=True
    )
    assert "cannot be removed" in response.content.decode()
    assert VenueMembership.objects.filter(pk=own.pk).exists()


def test_removing_another_venues_member_is_not_found(contact_client, venue):
    elsewhere = VenueMembershipFactory()
    response = contact_client.post(reverse("network:remove_staff", args=[venue.pk, elsewhere.pk]))
    assert response.status_code == 404
    assert VenueMembership.objects.filter(pk=elsewhere.pk).exists()
    assert contact_client.get(
        reverse("network:remove_staff", args=[venue.pk, elsewhere.pk])
    ).status_code in (404, 405)


# --- Annual check ---------------------------------------------------------------------------


def test_confirming_moves_the_next_check_a_year_on_and_is_logged(contact_client, venue):
    today = timezone.localdate()
    response = contact_client.post(
        reverse("network:check", args=[venue.pk]), {"details_correct": "on", "charter": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("network:manage_venue", args=[venue.pk])
    venue.refresh_from_db()
    assert venue.next_check_due == selectors.next_check_date(today)
    assert (venue.next_check_due - today).days in (365, 366)
    assert ModelLogEntry.objects.filter(
        action="network.venue.confirm", object_id=str(venue.pk)
    ).exists()
    html = contact_client.get(response["Location"]).content.decode()
    assert "Thank you for confirming your details" in html


def test_changes_are_logged_for_an_officer(contact_client, venue):
    contact_client.post(
        reverse("network:check", args=[venue.pk]),
        {"changes": "We now close at 6pm on Saturdays.", "charter": "on"},
    )
    entry = ModelLogEntry.objects.get(action="network.venue.confirm", object_id=str(venue.pk))
    assert entry.data["changes"] == "We now close at 6pm on Saturdays."


def test_a_lapsed_venue_goes_back_for_review_when_confirmed(contact_client, contact):
    venue, _ = make_venue(
        contact=contact, status=VenueStatus.LAPSED, status_reason="The annual check was missed."
    )
    detail = contact_client.get(reverse("network:manage_venue", args=[venue.pk])).content.decode()
    assert "The annual check was missed." in detail
    assert "Download membership pack" not in detail

    contact_client.post(
        reverse("network:check", args=[venue.pk]), {"details_correct": "on", "charter": "on"}
    )
    venue.refresh_from_db()
    assert venue.status == VenueStatus.UNDER_REVIEW


def test_the_check_needs_a_confirmation_or_a_change_and_the_charter(contact_client, venue):
    due = venue.next_check_due
    response = contact_client.post(reverse("network:check", args=[venue.pk]), {"changes": "   "})
    html = response.content.decode()
    assert response.status_code == 200
    assert NEITHER_CHECKED in html
    assert "Confirm you still keep the Safe Places charter commitments" in html
    assert 'href="#id_details_correct"' in html
    venue.refresh_from_db()
    assert venue.next_check_due == due

    empty = contact_client.post(reverse("network:check", args=[venue.pk]), {})
    assert NEITHER_CHECKED in empty.content.decode()

    kept = contact_client.post(
        reverse("network:check", args=[venue.pk]), {"changes": "New phone number"}
    )
    assert "New phone number</textarea>" in kept.content.decode()


def test_the_check_is_not_offered_before_approval(contact_client, contact):
    venue, _ = make_venue(contact=contact, status=VenueStatus.SUBMITTED)
    response = contact_client.get(reverse("network:check", args=[venue.pk]))
    html = response.content.decode()
    assert "has not been approved yet" in html
    assert 'name="charter"' not in html
    contact_client.post(
        reverse("network:check", args=[venue.pk]), {"details_correct": "on", "charter": "on"}
    )
    assert not ModelLogEntry.objects.filter(action="network.venue.confirm").exists()


# --- Membership pack ------------------------------------------------------------------------


def test_an_approved_venue_downloads_its_membership_pack(contact_client, venue):
    response = contact_client.get(reverse("network:pack", args=[venue.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response.content.startswith(b"%PDF")


def test_a_submitted_venue_has_no_membership_pack(contact_client, contact):
    venue, _ = make_venue(contact=contact, status=VenueStatus.SUBMITTED)
    assert contact_client.get(reverse("network:pack", args=[venue.pk])).status_code == 404
    html = contact_client.get(reverse("network:manage_venue", args=[venue.pk])).content.decode()
    assert "Download membership pack" not in html
