"""Safe Places selectors at their edges.

The finder: a place exactly on the circle's edge is inside it; places just inside the edge
due north and due east are found (the database's box and flat-earth pre-filter must not cut
them off); the true nearest place is found however many others lie in other directions;
opening status is judged at the moment given, bank holidays included; only the places
shown are read.

Addresses: a link sent to an address works only for the account whose confirmed main
address it is. Venues: listed only with both coordinates; reminders, checks and news go
only to approved venues and their own active contacts.
"""

import datetime
import math
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import UserFactory
from network import selectors
from network.factories import VenueFactory, VenueMembershipFactory
from network.models import SafePlacesSettings, VenueRole, VenueStatus
from network.selectors import EARTH_RADIUS_KM, distance_km, find_venues

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
CENTRE = (Decimal("50.900000"), Decimal("-1.400000"))
DEGREE_KM = EARTH_RADIUS_KM * math.pi / 180  # one degree of a great circle


def north_of(km: float) -> tuple[Decimal, Decimal]:
    """The point ``km`` due north of the centre (6 decimal places, as stored)."""
    return (CENTRE[0] + Decimal(f"{km / DEGREE_KM:.6f}"), CENTRE[1])


def east_of(km: float) -> tuple[Decimal, Decimal]:
    """The point on the centre's parallel ``km`` away, by the great-circle distance."""
    lat = math.radians(float(CENTRE[0]))
    dlng = 2 * math.asin(math.sin(km / (2 * EARTH_RADIUS_KM)) / math.cos(lat))
    return (CENTRE[0], CENTRE[1] + Decimal(f"{math.degrees(dlng):.6f}"))


def place(name, point, **kwargs):
    return VenueFactory(name=name, latitude=point[0], longitude=point[1], **kwargs)


def names(found):
    return [f.venue.name for f in found]


# --- Distances ------------------------------------------------------------------------------


def law_of_cosines_km(lat1, lng1, lat2, lng2):
    """The same great-circle distance by another formula, to check against."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lng2 - lng1)
    cos_angle = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return EARTH_RADIUS_KM * math.acos(min(1.0, cos_angle))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((50.9097, -1.4044), (50.7989, -1.0912)),  # Southampton to Portsmouth
        ((50.9, -1.4), (51.5072, -0.1276)),  # to London
        ((50.9, -1.4), (50.9, -1.2)),  # along a parallel
        ((50.9, -1.4), (50.7, -1.4)),  # along a meridian
        ((0.0, 0.0), (10.0, 20.0)),
    ],
)
def test_distance_is_the_great_circle_distance(a, b):
    assert distance_km(*a, *b) == pytest.approx(law_of_cosines_km(*a, *b), rel=1e-9)
    assert distance_km(*a, *b) == pytest.approx(distance_km(*b, *a), rel=1e-12)


def test_one_degree_of_a_meridian_is_its_length_on_the_earth():
    assert distance_km(50, -1.4, 51, -1.4) == pytest.approx(DEGREE_KM, rel=1e-12)


# --- The finder: the edge of the circle ------------------------------------------------------


def test_places_just_inside_the_circle_due_north_and_due_east_are_found():
    place("north", north_of(14.95))
    place("east", east_of(14.95))
    place("too far north", north_of(15.05))
    place("too far east", east_of(15.05))
    found = find_venues(*CENTRE, radius_km=15.0, limit=20)
    assert sorted(names(found)) == ["east", "north"]
    assert [round(f.distance_km, 2) for f in found] == [14.95, 14.95]


@pytest.mark.parametrize("direction", [north_of, east_of], ids=["due north", "due east"])
def test_a_place_exactly_on_the_edge_is_inside_the_circle(direction):
    venue = place("edge", direction(15.0))
    radius = distance_km(*CENTRE, venue.latitude, venue.longitude)
    assert names(find_venues(*CENTRE, radius_km=radius, limit=20)) == ["edge"]
    assert names(find_venues(*CENTRE, radius_km=radius - 0.001, limit=20)) == []


@pytest.mark.parametrize(
    ("nearest", "others"),
    [(east_of, north_of), (north_of, east_of)],
    ids=["nearest due east, others due north", "nearest due north, others due east"],
)
def test_the_true_nearest_is_found_when_many_more_lie_in_another_direction(nearest, others):
    for i in range(12):  # more than the limit and its margin of ten
        place(f"other {i}", others(1.2 + i * 0.05))
    place("nearest", nearest(1.0))  # added last: the highest id
    found = find_venues(*CENTRE, radius_km=15.0, limit=1)
    assert names(found) == ["nearest"]
    assert found[0].distance_km == pytest.approx(1.0, abs=0.001)


def test_places_at_one_spot_are_listed_in_the_order_they_joined():
    spot = north_of(0.5)
    for i in range(12):  # more than the limit and its margin of ten
        place(f"place {i:02}", spot)
    assert names(find_venues(*CENTRE, radius_km=15.0, limit=1)) == ["place 00"]
    assert names(find_venues(*CENTRE, radius_km=15.0, limit=3)) == [
        "place 00",
        "place 01",
        "place 02",
    ]


def test_a_full_first_circle_is_one_search_and_only_the_places_shown_are_read(
    django_assert_num_queries,
):
    for i in range(3):
        place(f"near {i}", north_of(0.5 + i * 0.1))
    for i in range(5):
        place(f"far {i}", north_of(8 + i))
    # The 2 km circle holds 3 places, the limit: nothing further away can be nearer.
    # Three queries: the circle, those venues, their hours.
    with django_assert_num_queries(3), CaptureQueriesContext(connection) as queries:
        found = find_venues(*CENTRE, radius_km=15.0, limit=3)
    assert names(found) == ["near 0", "near 1", "near 2"]
    assert all(" WHERE " in query["sql"] for query in queries.captured_queries)


def test_the_hours_of_every_place_shown_are_read_at_once(django_assert_num_queries):
    for i in range(6):
        place(f"near {i}", north_of(0.5 + i * 0.1))
    with django_assert_num_queries(5):  # the 2, 5 and 15 km circles, the venues, the hours
        found = find_venues(*CENTRE, radius_km=15.0, limit=20)
    assert len(found) == 6
    with django_assert_num_queries(4):  # a 5 km search: the 2 and 5 km circles, once each
        assert len(find_venues(*CENTRE, radius_km=5.0, limit=20)) == 6


# --- The finder: open now -------------------------------------------------------------------


def test_opening_is_judged_at_the_moment_given_bank_holidays_included():
    place("closes on bank holidays", north_of(1), closed_on_bank_holidays=True)
    place("opens on bank holidays", north_of(2), closed_on_bank_holidays=False)
    christmas = datetime.datetime(2026, 12, 25, 10, 0, tzinfo=LONDON)  # a Friday
    found = find_venues(*CENTRE, at=christmas, radius_km=15.0, limit=20)
    assert [(f.venue.name, f.open_now, f.status_text) for f in found] == [
        # Boxing Day, the Saturday, is a bank holiday too (its substitute is on Monday).
        ("closes on bank holidays", False, "Closed now, opens at 9am on Sunday"),
        ("opens on bank holidays", True, "Open now, closes at 5pm"),
    ]
    only_open = find_venues(*CENTRE, at=christmas, open_now=True, radius_km=15.0, limit=20)
    assert names(only_open) == ["opens on bank holidays"]
    evening = christmas.replace(hour=18)
    assert find_venues(*CENTRE, at=evening, open_now=True, radius_km=15.0, limit=20) == []
    assert [f.open_now for f in find_venues(*CENTRE, at=evening, radius_km=15, limit=20)] == [
        False,
        False,
    ]


# --- Listing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "missing", [{"latitude": None}, {"longitude": None}], ids=["latitude", "longitude"]
)
def test_a_venue_without_both_coordinates_is_not_listed(missing):
    VenueFactory(name="located")
    VenueFactory(name="half located", **missing)
    assert list(selectors.listed_venues().values_list("name", flat=True)) == ["located"]


def test_a_listed_venue_comes_with_its_hours_in_two_queries(django_assert_num_queries):
    venue = VenueFactory()
    with django_assert_num_queries(2):
        found = selectors.listed_venue(venue.slug)
        assert len(found.hours.all()) == 7


# --- Checks and reminders -------------------------------------------------------------------


def test_only_approved_venues_are_reminded_or_overdue():
    today = datetime.date(2026, 12, 1)
    due = today - datetime.timedelta(days=1)
    VenueFactory(name="approved", next_check_due=due)
    for status in (VenueStatus.SUBMITTED, VenueStatus.SUSPENDED, VenueStatus.LAPSED):
        VenueFactory(name=str(status), status=status, next_check_due=due)
    assert [v.name for v in selectors.reminders_due(today)] == ["approved"]
    assert [v.name for v in selectors.overdue_checks(today)] == ["approved"]


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (datetime.date(2026, 1, 15), 12, datetime.date(2027, 1, 15)),
        (datetime.date(2026, 12, 15), 12, datetime.date(2027, 12, 15)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 11, 30), 3, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 1, 15), 24, datetime.date(2028, 1, 15)),
    ],
)
def test_the_next_check_is_the_interval_later_on_the_same_day_or_the_months_last(
    today, months, expected
):
    config = SafePlacesSettings.load()
    config.check_interval_months = months
    config.save()
    assert selectors.next_check_date(today) == expected


# --- Who hears about a venue ----------------------------------------------------------------


def test_news_goes_to_the_venues_own_active_contacts_only():
    venue, other = VenueFactory(), VenueFactory()
    for email, at, active in (
        ("b.contact@business.example", venue, True),
        ("a.contact@business.example", venue, True),
        ("gone@business.example", venue, False),
        ("elsewhere@business.example", other, True),
    ):
        user = UserFactory(email=email, is_active=active)
        VenueMembershipFactory(venue=at, user=user, role=VenueRole.CONTACT)
    VenueMembershipFactory(venue=venue, user=UserFactory(email="staff@business.example"))
    assert selectors.contact_emails(venue) == [
        "a.contact@business.example",
        "b.contact@business.example",
    ]


# --- Whose address is it --------------------------------------------------------------------


def add_address(user, email, *, verified=True):
    """A second address on the account: not its main one."""
    return EmailAddress.objects.create(user=user, email=email, verified=verified, primary=False)


def test_the_account_whose_confirmed_main_address_it_is_has_no_problem():
    user = UserFactory(email="pat@cafe.example")  # confirmed and main, as after sign-up
    assert selectors.address_problem(user, "  Pat@Cafe.example ") is None


def test_nobody_signed_in_or_no_address_is_a_different_address():
    user = UserFactory(email="pat@cafe.example")
    assert selectors.address_problem(AnonymousUser(), "pat@cafe.example") == "different"
    assert selectors.address_problem(user, "") == "different"
    assert selectors.address_problem(user, None) == "different"


def test_someone_elses_confirmed_address_is_a_different_address():
    UserFactory(email="pat@cafe.example")
    someone = UserFactory(email="sam@cafe.example")
    assert selectors.address_problem(someone, "pat@cafe.example") == "different"
    assert selectors.address_problem(someone, "nobody@cafe.example") == "different"


def test_an_address_of_theirs_not_yet_confirmed_or_not_their_main_one_is_unverified():
    user = UserFactory(email="pat@cafe.example")
    add_address(user, "old@cafe.example")  # confirmed, but not the main address
    add_address(user, "new@cafe.example", verified=False)
    assert selectors.address_problem(user, "old@cafe.example") == "unverified"
    assert selectors.address_problem(user, "new@cafe.example") == "unverified"
    newcomer = UserFactory(email="Sam@Cafe.example")
    EmailAddress.objects.filter(user=newcomer).delete()  # no address record yet
    assert selectors.address_problem(newcomer, "sam@cafe.EXAMPLE") == "unverified"


# --- Agencies by email domain ---------------------------------------------------------------


def test_a_quoted_at_sign_in_the_name_does_not_change_the_domain():
    assert selectors.candidate_domains('"pat@home"@hampshire.police.uk') == [
        "hampshire.police.uk",
        "police.uk",
    ]


def test_an_unregistered_domain_matches_no_agency_whatever_others_are_registered(
    django_assert_num_queries,
):
    from network.factories import AgencyEmailDomainFactory

    AgencyEmailDomainFactory(domain="hampshire.police.uk")
    assert selectors.agency_for_email("pat@example.org") is None
    with django_assert_num_queries(1):
        agency = selectors.agency_for_email("pat@hampshire.police.uk")
        assert agency.name  # read with the domain, not afterwards


# --- Who counts as a venue's trained staff, and who manages it ------------------------------


@pytest.fixture
def scheme_module(module):
    from network.factories import configure_scheme

    configure_scheme(module)
    return module


def test_without_a_training_module_set_nobody_counts_as_trained(module):
    from network.factories import certify

    venue = VenueFactory()
    user = UserFactory()
    VenueMembershipFactory(venue=venue, user=user)
    certify(user, module)  # a certificate, but the scheme names no module
    assert selectors.trained_count(venue) == 0
    assert selectors.trained_counts([venue.pk]) == {}


def test_trained_counts_are_for_the_venues_asked_about_only(scheme_module):
    from network.factories import certify

    asked, other = VenueFactory(), VenueFactory()
    for venue in (asked, other):
        user = UserFactory()
        VenueMembershipFactory(venue=venue, user=user)
        certify(user, scheme_module)
    assert selectors.trained_counts([asked.pk]) == {asked.pk: 1}
    assert selectors.trained_count(asked) == 1


def test_the_staff_list_shows_contacts_then_people_by_name_then_invitations(
    scheme_module, django_assert_num_queries
):
    from network.factories import certify

    venue = VenueFactory()
    contact = UserFactory(full_name="Zoe Contact", email="zoe@business.example")
    VenueMembershipFactory(venue=venue, user=contact, role=VenueRole.CONTACT)
    bea = UserFactory(full_name="Bea Staff", email="bea@business.example")
    al = UserFactory(full_name="Al Staff", email="al@business.example")
    for person in (bea, al):
        VenueMembershipFactory(venue=venue, user=person)
    for address in ("b.invited@business.example", "a.invited@business.example"):
        VenueMembershipFactory(venue=venue, user=None, invited_email=address)
    certificate = certify(al, scheme_module)
    with django_assert_num_queries(2):  # the scheme's settings, the members with their people
        rows = selectors.venue_staff(venue)
    assert [(r.name, r.email, r.role, r.joined, r.trained) for r in rows] == [
        ("Zoe Contact", "zoe@business.example", "Contact (manages the listing)", True, False),
        ("Al Staff", "al@business.example", "Staff", True, True),
        ("Bea Staff", "bea@business.example", "Staff", True, False),
        ("", "a.invited@business.example", "Staff", False, False),
        ("", "b.invited@business.example", "Staff", False, False),
    ]
    assert rows[1].certificate_expires == certificate.expires_at


def test_a_venue_is_claimed_only_by_its_own_active_contact():
    venue, other = VenueFactory(), VenueFactory()
    VenueMembershipFactory(venue=other, user=UserFactory(), role=VenueRole.CONTACT)
    assert not selectors.has_claimed_contact(venue)
    gone = UserFactory(is_active=False)
    VenueMembershipFactory(venue=venue, user=gone, role=VenueRole.CONTACT)
    assert not selectors.has_claimed_contact(venue)
    VenueMembershipFactory(venue=venue, user=UserFactory(), role=VenueRole.CONTACT)
    assert selectors.has_claimed_contact(venue)


def test_the_last_decided_change_is_never_the_one_still_waiting():
    from network.models import ChangeStatus, VenueChange

    venue = VenueFactory()
    now = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=LONDON)

    def change(status, decided_at):
        return VenueChange.objects.create(
            venue=venue, proposed={}, status=status, submitted_at=now, decided_at=decided_at
        )

    change(ChangeStatus.APPROVED, now - datetime.timedelta(days=9))
    newer = change(ChangeStatus.REJECTED, now - datetime.timedelta(days=2))
    waiting = change(ChangeStatus.PENDING, None)
    assert selectors.last_decided_change(venue) == newer
    assert selectors.pending_change(venue) == waiting
