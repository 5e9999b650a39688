import pytest
from django.core.exceptions import ValidationError

from network.factories import AgencyEmailDomainFactory, AgencyFactory
from network.models import AgencyEmailDomain
from network.selectors import active_agencies, agency_for_email, candidate_domains

pytestmark = pytest.mark.django_db


def test_candidate_domains_run_from_most_to_least_specific():
    assert candidate_domains("A.Person@Mail.Southampton.gov.uk") == [
        "mail.southampton.gov.uk",
        "southampton.gov.uk",
        "gov.uk",
    ]
    assert candidate_domains("nobody") == []


def test_exact_and_parent_domains_match():
    police = AgencyEmailDomainFactory(domain="hampshire.police.uk").agency
    assert agency_for_email("pc@hampshire.police.uk") == police
    assert agency_for_email("pc@mail.hampshire.police.uk") == police
    assert agency_for_email("pc@notpolice.uk") is None
    assert agency_for_email("pc@evilhampshire.police.uk") is None


def test_the_most_specific_registered_domain_wins():
    council = AgencyEmailDomainFactory(domain="council.example.org").agency
    school = AgencyEmailDomainFactory(domain="school.council.example.org").agency
    assert agency_for_email("head@school.council.example.org") == school
    assert agency_for_email("clerk@council.example.org") == council


def test_inactive_agencies_are_never_matched_or_offered():
    domain = AgencyEmailDomainFactory(domain="closed.example.org", agency__is_active=False)
    AgencyFactory(name="Open agency")
    assert agency_for_email("x@closed.example.org") is None
    assert list(active_agencies().values_list("name", flat=True)) == ["Open agency"]
    assert domain.agency not in active_agencies()


@pytest.mark.parametrize("domain", ["nhs.net", "gmail.com", "gov.uk"])
def test_shared_domains_cannot_identify_an_agency(domain):
    record = AgencyEmailDomain(agency=AgencyFactory(), domain=domain)
    with pytest.raises(ValidationError):
        record.full_clean()


@pytest.mark.parametrize("domain", ["@example.org", "not a domain", "example", "http://x.org"])
def test_malformed_domains_are_rejected(domain):
    record = AgencyEmailDomain(agency=AgencyFactory(), domain=domain)
    with pytest.raises(ValidationError):
        record.full_clean()


def test_nearest_venues_are_found_across_the_widening_search_circles(db):
    """The search starts with a small circle and widens it; the answer must not change."""
    from decimal import Decimal

    from network.factories import VenueFactory
    from network.selectors import distance_km, find_venues

    centre = (Decimal("50.900000"), Decimal("-1.400000"))
    # About 1, 3, 4 and 9 km north of the centre.
    for name, north in (("one", "0.009"), ("three", "0.027"), ("four", "0.036"), ("nine", "0.081")):
        VenueFactory(name=name, latitude=centre[0] + Decimal(north), longitude=centre[1])

    found = find_venues(*centre, limit=3)
    assert [f.venue.name for f in found] == ["one", "three", "four"]
    assert [round(f.distance_km) for f in found] == [1, 3, 4]
    assert [f.venue.name for f in find_venues(*centre, limit=10)] == [
        "one",
        "three",
        "four",
        "nine",
    ]
    assert [f.venue.name for f in find_venues(*centre, limit=10, radius_km=5)] == [
        "one",
        "three",
        "four",
    ]
    assert distance_km(*centre, centre[0] + Decimal("0.081"), centre[1]) < 15


def test_safe_places_training_follows_the_certificate_in_force(
    scheme, pending_venue, user_with_role
):
    """Revoking a refresher puts the earlier certificate back; a revoked one never counts
    (issue 15: one certificate in force per person and module)."""
    import datetime

    from django.utils import timezone

    from accounts.roles import Role
    from certificates.services import revoke_certificate
    from network import selectors
    from network.factories import VenueMembershipFactory, certify

    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    member = VenueMembershipFactory(venue=pending_venue)
    first = certify(member.user, scheme.module, now=timezone.now() - datetime.timedelta(days=400))
    refresher = certify(member.user, scheme.module)

    def staff_expiry():
        [row] = [r for r in selectors.venue_staff(pending_venue) if r.membership == member]
        return row.certificate_expires

    assert selectors.trained_count(pending_venue) == 1
    assert staff_expiry() == refresher.expires_at
    revoke_certificate(refresher, by=coordinator, reason="Completed by someone else")
    assert selectors.trained_count(pending_venue) == 1
    assert selectors.trained_counts([pending_venue.pk]) == {pending_venue.pk: 1}
    assert staff_expiry() == first.expires_at
    revoke_certificate(first, by=coordinator, reason="Issued in error")
    assert selectors.trained_count(pending_venue) == 0
    assert selectors.trained_counts([pending_venue.pk]) == {}
    assert staff_expiry() is None
