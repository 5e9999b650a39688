"""A venue's contact edits its public listing; a Safe Places officer reviews the change.

The listing keeps showing the old values until an officer approves; the officer sees the old
and new values side by side; every step is in the venue's history and the audit log.
"""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.factories import UserFactory
from accounts.models import AuditEvent
from accounts.roles import Role
from network.factories import VenueFactory, VenueMembershipFactory
from network.models import VenueChange, VenueRole
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

T = datetime.time
WAITING = "Your changes are waiting for review"


@pytest.fixture
def venue():
    return VenueFactory(
        name="The Corner Café",
        public_phone="023 8000 0000",
        description="A small café by the park.",
        step_free=False,
    )


@pytest.fixture
def contact(venue):
    user = UserFactory()
    VenueMembershipFactory(venue=venue, user=user, role=VenueRole.CONTACT)
    return user


@pytest.fixture
def contact_client(client, contact):
    sign_in(client, contact)
    return client


@pytest.fixture
def officer_client(client, user_with_role):
    sign_in(client, user_with_role(Role.SAFE_PLACES_OFFICER))
    return client


def edit_url(venue):
    return reverse("network:edit_listing", args=[venue.pk])


def form_data(**changes):
    """The edit form as a browser submits it: every day 9am to 5pm, unless changed."""
    data = {
        "public_phone": "023 8000 0000",
        "description": "A small café by the park.",
        "closed_on_bank_holidays": "no",
    }
    for day in range(7):
        data[f"hours-{day}-opens"] = "9am"
        data[f"hours-{day}-closes"] = "5pm"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def html(response) -> str:
    return response.content.decode()


# --- The contact's edit form ----------------------------------------------------------------


def test_the_contact_sees_the_listing_filled_in_with_character_counts(contact_client, venue):
    page = html(contact_client.get(edit_url(venue)))
    assert "Edit your listing" in page
    assert re.search(r'<input[^>]*name="public_phone"[^>]*value="023 8000 0000"', page)
    assert "A small café by the park.</textarea>" in page
    counted = re.search(
        r'<div class="govuk-form-group govuk-character-count" data-module="govuk-character-count"'
        r' data-maxlength="500">.*?</div>\s*</div>',
        page,
        re.S,
    )
    assert counted and 'name="description"' in counted.group(0)
    assert "govuk-js-character-count" in counted.group(0)
    assert "You can enter up to 500 characters" in counted.group(0)
    # No maxlength attribute anywhere: browsers would cut pasted text without a word.
    assert not re.search(r"\smaxlength=", page)


def test_the_manage_page_links_to_the_edit_form(contact_client, venue):
    page = html(contact_client.get(reverse("network:manage_venue", args=[venue.pk])))
    assert f'href="{edit_url(venue)}"' in page


def test_a_change_waits_for_review_and_the_listing_keeps_the_old_values(contact_client, venue):
    response = contact_client.post(
        edit_url(venue),
        form_data(
            public_phone="023 8011 1111",
            description="Quiet room at the back.",
            accessibility=["step_free"],
            **{"hours-6-all_day": "on", "hours-6-opens": "", "hours-6-closes": ""},
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("network:manage_venue", args=[venue.pk])
    manage = html(contact_client.get(response["Location"]))
    assert WAITING in manage

    venue.refresh_from_db()
    assert venue.public_phone == "023 8000 0000" and not venue.step_free
    assert not venue.hours.get(weekday=6).all_day
    public = html(contact_client.get(reverse("network:venue", args=[venue.slug])))
    assert "023 8000 0000" in public and "023 8011 1111" not in public

    change = VenueChange.objects.get(venue=venue, status="pending")
    assert change.proposed["public_phone"] == "023 8011 1111"
    assert change.proposed["step_free"] is True
    assert ModelLogEntry.objects.for_instance(venue).filter(action="network.venue.change").exists()
    assert AuditEvent.objects.filter(
        action="venue.change_proposed", target_id=str(venue.pk)
    ).exists()


def test_the_edit_form_shows_a_pending_change_and_a_second_edit_replaces_it(contact_client, venue):
    contact_client.post(edit_url(venue), form_data(public_phone="023 8011 1111"))
    page = html(contact_client.get(edit_url(venue)))
    assert WAITING in page
    assert 'value="023 8011 1111"' in page
    contact_client.post(edit_url(venue), form_data(public_phone="023 8022 2222"))
    assert VenueChange.objects.filter(venue=venue, status="pending").count() == 1
    assert VenueChange.objects.get(venue=venue).proposed["public_phone"] == "023 8022 2222"


def test_no_change_is_an_error(contact_client, venue):
    response = contact_client.post(edit_url(venue), form_data())
    assert response.status_code == 200
    assert "You have not changed anything" in html(response)
    assert not VenueChange.objects.exists()


def test_too_long_text_is_refused_and_nothing_typed_is_lost(contact_client, venue):
    typed = "Welcoming staff. " * 40  # 680 characters
    response = contact_client.post(edit_url(venue), form_data(description=typed))
    page = html(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "About your venue must be 500 characters or fewer" in page
    assert typed.strip() in page
    assert not VenueChange.objects.exists()


def test_bad_hours_are_explained_and_kept(contact_client, venue):
    response = contact_client.post(edit_url(venue), form_data(**{"hours-2-closes": "soon"}))
    page = html(response)
    assert "Enter Wednesday’s closing time as a time" in page
    assert 'value="soon"' in page


def test_only_the_venues_contact_can_edit(client, venue):
    staff = VenueMembershipFactory(venue=venue, role=VenueRole.STAFF).user
    for person in (staff, UserFactory()):
        sign_in(client, person)
        assert client.get(edit_url(venue)).status_code == 404
        assert (
            client.post(edit_url(venue), form_data(public_phone="01234 567890")).status_code == 404
        )
    assert not VenueChange.objects.exists()


# --- The officer's review -------------------------------------------------------------------


def propose(venue, contact, **changes):
    from network import selectors, services

    details = selectors.listing_details(venue)
    details.update(changes)
    return services.propose_listing_change(
        venue, details, selectors.listing_hours(venue), by=contact
    )


def test_the_officer_sees_old_and_new_values_and_approves(officer_client, venue, contact):
    change = propose(venue, contact, public_phone="023 8011 1111", hearing_loop=True)
    page = html(officer_client.get(reverse("venues:inspect", args=[venue.pk])))
    assert "Changes waiting for review" in page
    assert "023 8000 0000" in page and "023 8011 1111" in page
    approve = reverse("venues:transition", args=[venue.pk, "approve-changes"])
    assert f'href="{approve}"' in page

    confirm = html(officer_client.get(approve))
    assert "023 8011 1111" in confirm
    response = officer_client.post(approve, {"reason": ""})
    assert response.status_code == 302

    venue.refresh_from_db()
    change.refresh_from_db()
    assert venue.public_phone == "023 8011 1111" and venue.hearing_loop
    assert change.status == "approved" and change.decided_at is not None
    assert AuditEvent.objects.filter(action="venue.change_approved").exists()
    public = html(officer_client.get(reverse("network:venue", args=[venue.slug])))
    assert "023 8011 1111" in public and "Hearing loop" in public


def test_approving_new_hours_replaces_them(officer_client, venue, contact):
    from network import selectors, services

    hours = selectors.listing_hours(venue)
    hours[0] = {**hours[0], "all_day": True, "opens": None, "closes": None, "overnight": False}
    services.propose_listing_change(venue, selectors.listing_details(venue), hours, by=contact)
    officer_client.post(reverse("venues:transition", args=[venue.pk, "approve-changes"]))
    monday = venue.hours.get(weekday=0)
    assert monday.all_day and monday.opens is None


def test_the_officer_rejects_with_a_reason_and_the_contact_is_told(officer_client, venue, contact):
    change = propose(venue, contact, public_phone="023 8011 1111")
    reject = reverse("venues:transition", args=[venue.pk, "reject-changes"])
    response = officer_client.post(reject, {"reason": ""})
    assert "Give a reason" in html(response)
    response = officer_client.post(reject, {"reason": "That number is a personal mobile."})
    assert response.status_code == 302
    change.refresh_from_db()
    venue.refresh_from_db()
    assert change.status == "rejected" and venue.public_phone == "023 8000 0000"
    assert AuditEvent.objects.filter(action="venue.change_rejected").exists()
    sign_in(officer_client, contact)
    manage = html(officer_client.get(reverse("network:manage_venue", args=[venue.pk])))
    assert "Your last changes were not accepted" in manage
    assert "That number is a personal mobile." in manage


def test_deciding_needs_the_review_permission(client, venue, contact, user_with_role):
    propose(venue, contact, public_phone="023 8011 1111")
    sign_in(client, user_with_role(Role.TRAINING_COORDINATOR))
    url = reverse("venues:transition", args=[venue.pk, "approve-changes"])
    assert client.post(url).status_code in (302, 403)
    venue.refresh_from_db()
    assert venue.public_phone == "023 8000 0000"


def test_approving_when_nothing_is_waiting_says_so(officer_client, venue):
    url = reverse("venues:transition", args=[venue.pk, "approve-changes"])
    response = officer_client.post(url, follow=True)
    assert "No changes are waiting for review" in html(response)
