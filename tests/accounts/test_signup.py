"""Creating an account: agency matching, mandatory email verification and bad input."""

import re
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from accounts.roles import Role
from accounts.services import NOT_LISTED
from network.factories import (
    AgencyEmailDomainFactory,
    AgencyFactory,
    VenueFactory,
    VenueMembershipFactory,
)
from network.models import VenueMembership, VenueRole
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Lighthouse-Orchard-42"


def signup_data(**overrides):
    data = {
        "full_name": "Aisha Khan",
        "email": "aisha.khan@example.org",
        "job_role": "frontline",
        "agency": "",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    data.update(overrides)
    return data


def confirmation_link(message) -> str:
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def test_work_email_joins_the_matching_agency_and_must_be_verified(client):
    police = AgencyEmailDomainFactory(domain="hampshire.police.uk").agency
    response = client.post(
        reverse("account_signup"), signup_data(email="new.officer@hampshire.police.uk")
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.officer@hampshire.police.uk")
    assert user.agency == police
    assert user.agency_confirmed_at is None  # not until the email is verified
    assert user.full_name == "Aisha Khan"
    assert list(user.groups.values_list("name", flat=True)) == [Role.LEARNER.value]
    # Verification is mandatory: nobody is signed in until the link is followed.
    assert "_auth_user_id" not in client.session
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.officer@hampshire.police.uk"]


def test_following_the_link_verifies_and_signs_in(client):
    AgencyEmailDomainFactory(domain="hampshire.police.uk")
    client.post(reverse("account_signup"), signup_data(email="pc.jones@hampshire.police.uk"))
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert b"Confirm your email address" in page.content
    response = client.post(link, follow=True)

    assert response.redirect_chain[-1][0] == reverse("courses:dashboard")
    assert EmailAddress.objects.get(email="pc.jones@hampshire.police.uk").verified
    user = User.objects.get(email="pc.jones@hampshire.police.uk")
    assert response.context["user"] == user
    # A verified email at the agency's registered domain confirms the membership.
    assert user.agency_confirmed_at is not None and user.agency_confirmed_by is None
    assert user.agency.name.encode() in client.get(reverse("profile")).content


def test_subdomain_of_a_registered_domain_matches(client):
    trust = AgencyEmailDomainFactory(domain="solent.nhs.uk").agency
    client.post(reverse("account_signup"), signup_data(email="nurse@mail.solent.nhs.uk"))
    assert User.objects.get(email="nurse@mail.solent.nhs.uk").agency == trust


def test_domain_match_wins_over_a_different_choice(client):
    police = AgencyEmailDomainFactory(domain="hampshire.police.uk").agency
    other = AgencyFactory(name="Other agency")
    client.post(
        reverse("account_signup"),
        signup_data(email="sgt@hampshire.police.uk", agency=str(other.pk)),
    )
    assert User.objects.get(email="sgt@hampshire.police.uk").agency == police


def test_unmatched_domain_uses_the_chosen_agency(client):
    school = AgencyFactory(name="Bitterne Park School")
    client.post(reverse("account_signup"), signup_data(agency=str(school.pk)))
    user = User.objects.get(email="aisha.khan@example.org")
    assert user.agency == school
    # Anyone can pick any agency: it counts only once the lead or coordinator confirms it.
    assert user.agency_confirmed_at is None


def test_not_listed_leaves_the_agency_empty_and_the_person_can_still_register(client):
    response = client.post(reverse("account_signup"), signup_data(agency=NOT_LISTED))
    assert response.status_code == 302
    assert User.objects.get(email="aisha.khan@example.org").agency is None


def test_unmatched_domain_without_a_choice_asks_for_one_and_keeps_what_was_typed(client):
    AgencyFactory(name="Bitterne Park School")
    response = client.post(reverse("account_signup"), signup_data(full_name="Zoë O'Brien-Łukasz"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select your agency, or select ‘My agency is not listed’" in html
    assert 'href="#id_agency"' in html
    assert "Zoë O&#x27;Brien-Łukasz" in html
    assert 'value="aisha.khan@example.org"' in html
    assert GOOD_PASSWORD not in html  # passwords are never sent back
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Error: Create an account" in html
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"email": ""}, "Enter your email address"),
        ({"full_name": ""}, "Enter your full name"),
        ({"job_role": ""}, "Select the option that best describes your role"),
        ({"password1": "password123", "password2": "password123"}, "too common"),
        ({"password1": "short", "password2": "short"}, "too short"),
        ({"password2": "Something-Else-99"}, "Enter the same password in both boxes"),
    ],
)
def test_bad_input_gets_a_clear_message(client, overrides, message):
    response = client.post(reverse("account_signup"), signup_data(agency=NOT_LISTED, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not User.objects.exists()


def test_existing_email_looks_the_same_as_success_and_creates_nothing(client, user_with_role):
    existing = user_with_role(email="taken@example.org")
    response = client.post(
        reverse("account_signup"), signup_data(email="TAKEN@example.org", agency=NOT_LISTED)
    )

    # Same response as a new sign-up: nobody can learn who has an account.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert User.objects.get() == existing
    # The owner is told, in an email that says nothing about who tried.
    [message] = mail.outbox
    assert message.to == ["taken@example.org"]
    assert message.subject == "Safe City Learning: You already have an account"
    assert "Aisha" not in message.body and "TAKEN" not in message.body
    # The owner of the address is told, by email only.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["taken@example.org"]


def test_expired_or_unknown_confirmation_link_explains_what_to_do(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert response.status_code == 200
    assert b"This link has expired" in response.content
    response = client.post(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert response.status_code == 200
    assert b"This link has expired" in response.content


def test_emails_say_nothing_sensitive(client):
    client.post(reverse("account_signup"), signup_data(agency=NOT_LISTED))
    message = mail.outbox[0]
    assert not message.attachments
    for word in ("abuse", "violence", "VAWG", "domestic"):
        assert word.lower() not in message.subject.lower()
        assert word.lower() not in message.body.lower()


def test_agency_list_offers_active_agencies_and_not_listed(client):
    AgencyFactory(name="Active agency")
    AgencyFactory(name="Closed agency", is_active=False)
    html = client.get(reverse("account_signup")).content.decode()
    assert "Active agency" in html
    assert "Closed agency" not in html
    assert "My agency is not listed" in html


# --- Invited venue staff: the invitation is carried through sign-up ------------------------

INVITED = "sam.staff@corner-cafe.example"


@pytest.fixture
def invitation_link(client, django_capture_on_commit_callbacks):
    """A venue contact invites INVITED; returns the join link from the email."""
    venue = VenueFactory(name="The Corner Café")
    contact = UserFactory()
    VenueMembershipFactory(venue=venue, user=contact, role=VenueRole.CONTACT)
    contact_client = Client()
    sign_in(contact_client, contact)
    with django_capture_on_commit_callbacks(execute=True):
        contact_client.post(reverse("network:manage_venue", args=[venue.pk]), {"email": INVITED})
    [message] = mail.outbox
    match = re.search(r"https?://[^/\s]+(/safe-places/join/[^/\s]+/)", message.body)
    assert match, message.body
    mail.outbox.clear()
    return match.group(1)


def test_invited_staff_sign_up_with_the_address_filled_in_and_join_in_one_click(
    client, invitation_link
):
    AgencyFactory(name="Hampshire Constabulary")
    join_page = client.get(invitation_link)
    signup_url = f"{reverse('account_signup')}?{urlencode({'next': invitation_link})}"
    assert signup_url.replace("&", "&amp;") in join_page.content.decode()

    form = client.get(signup_url).content.decode()
    assert f'value="{INVITED}"' in form  # the link proves the address: no retyping
    # Café staff are not asked to pick from the partner agencies.
    assert "Your agency or organisation" not in form
    assert "Hampshire Constabulary" not in form
    assert re.search(r'value="venue_staff"\s+checked', form)

    response = client.post(
        signup_url,
        {
            "full_name": "Sam Staff",
            "email": INVITED,
            "job_role": "venue_staff",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    # Signed in at once and brought back to the invitation, with no second email.
    assert response.status_code == 302
    assert response["Location"] == invitation_link
    assert mail.outbox == []
    user = User.objects.get(email=INVITED)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified
    assert user.job_role == "venue_staff" and user.agency is None

    page = client.get(invitation_link).content.decode()
    assert "Join The Corner Café&#x27;s staff" in page or "Join The Corner Café's staff" in page
    client.post(invitation_link)
    membership = VenueMembership.objects.get(invited_email=INVITED)
    assert membership.user == user and membership.joined_at is not None


def test_signing_up_with_another_address_after_opening_an_invitation_needs_confirming(
    client, invitation_link
):
    client.get(invitation_link)
    response = client.post(
        f"{reverse('account_signup')}?{urlencode({'next': invitation_link})}",
        {
            "full_name": "Someone Else",
            "email": "someone.else@example.org",
            "job_role": "venue_staff",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="someone.else@example.org")
    # The invited address is not given to an account that typed a different one.
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("someone.else@example.org", False)
    ]
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mail.outbox] == [["someone.else@example.org"]]


def test_an_ordinary_sign_up_after_an_invitation_expired_still_asks_for_the_agency(client):
    """Only an invitation's own sign-up skips the agency question."""
    AgencyFactory(name="Hampshire Constabulary")
    form = client.get(reverse("account_signup")).content.decode()
    assert "Your agency or organisation" in form
    assert "Hampshire Constabulary" in form
