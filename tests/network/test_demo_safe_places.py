import io

import pytest
from django.core.management import call_command

from network import selectors
from network.models import SafePlacesPage, Venue, VenueMembership, VenueRole, VenueStatus
from pages.models import StandardPage

# The demo site is loaded once for this module (tests/conftest.py, shared_demo): every
# test runs against it, each rolled back.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_demo")]


def _ends_with_sources(page) -> bool:
    last = page.body[-1]
    return last.block_type == "details" and last.value["summary"] == "Sources for this page"


def test_scheme_pages_are_live_and_sourced(shared_demo, client):
    scheme = SafePlacesPage.objects.get()
    assert scheme.live and scheme.url == "/safe-places/"
    assert _ends_with_sources(scheme)
    children = {page.slug: page for page in StandardPage.objects.child_of(scheme).live()}
    assert set(children) == {"how-to-join", "what-to-expect"}
    assert all(_ends_with_sources(page) for page in children.values())

    response = client.get("/safe-places/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Find a Safe Place near you" in html
    assert 'href="/safe-places/find/"' in html
    assert 'href="/safe-places/apply/"' in html
    assert "If you are in danger now, call 999" in html
    assert 'href="/safe-places/how-to-join/"' in html
    assert 'href="/safe-places/what-to-expect/"' in html
    assert "Sources for this page" in html
    for slug in children:
        assert client.get(f"/safe-places/{slug}/").status_code == 200


def test_scheme_trains_staff_with_the_safe_places_module(shared_demo):
    config = selectors.scheme_settings()
    assert config.module.slug == "safe-places"
    assert config.minimum_trained_staff == 1


def test_four_demo_venues_are_listed_each_with_trained_staff(shared_demo):
    listed = list(selectors.listed_venues())
    assert len(listed) == 4
    for venue in listed:
        assert venue.name.startswith("Demo: ")
        assert selectors.trained_count(venue) >= 1, venue.name
        assert venue.next_check_due is not None
    statuses = sorted(Venue.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [VenueStatus.APPROVED] * 4 + [VenueStatus.SUBMITTED, VenueStatus.UNDER_REVIEW]
    )
    # The hours cover the cases the finder must handle.
    assert Venue.objects.filter(hours__overnight=True).exists()
    assert Venue.objects.filter(closed_on_bank_holidays=True, status="approved").exists()
    assert Venue.objects.filter(hours__weekday=6, hours__closed=True, status="approved").exists()


def test_demo_venue_contact_can_sign_in_and_manages_one_venue(shared_demo, client):
    from accounts.demo import DEMO_PASSWORD

    assert client.login(email="venue.contact@example.org", password=DEMO_PASSWORD)
    membership = VenueMembership.objects.get(user__email="venue.contact@example.org")
    assert membership.role == VenueRole.CONTACT
    assert membership.venue.status == VenueStatus.APPROVED
    # Other venue people are fictional and cannot sign in.
    others = VenueMembership.objects.exclude(pk=membership.pk)
    assert others.exists()
    assert not any(m.user.has_usable_password() for m in others)


def test_loading_the_demo_again_adds_no_venues(shared_demo):
    counts = (Venue.objects.count(), VenueMembership.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Venue.objects.count(), VenueMembership.objects.count()) == counts
    assert SafePlacesPage.objects.count() == 1
