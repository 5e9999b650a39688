"""Safe Places: review, the approval gate, annual checks, lapsing, invitations, geocoding."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates import validity
from network import selectors, services
from network.factories import VenueFactory, VenueMembershipFactory, certify
from network.models import Venue, VenueMembership, VenueStatus

from .helpers import add_contact

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


def actions(venue):
    return list(
        ModelLogEntry.objects.for_instance(venue)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_approval_is_refused_until_a_member_of_staff_holds_the_certificate(
    scheme, officer, pending_venue, trained_staff
):
    with pytest.raises(services.TransitionRefused) as refused:
        services.transition(pending_venue, VenueStatus.APPROVED, by=officer)
    assert "in-date certificate" in refused.value.messages[0]
    pending_venue.refresh_from_db()
    assert pending_venue.status == VenueStatus.UNDER_REVIEW

    trained_staff(pending_venue)
    services.transition(pending_venue, VenueStatus.APPROVED, by=officer)
    assert pending_venue.status == VenueStatus.APPROVED
    assert pending_venue.approved_at is not None
    assert pending_venue in selectors.listed_venues()


def test_an_untrained_contact_does_not_count_and_an_expired_certificate_does_not_either(
    scheme, officer, pending_venue
):
    member = VenueMembershipFactory(venue=pending_venue)
    certify(member.user, scheme.module, now=timezone.now() - datetime.timedelta(days=5 * 365))
    assert selectors.trained_count(pending_venue) == 0
    assert services.approval_problems(pending_venue)


def test_the_minimum_number_of_trained_staff_is_configurable(
    scheme, officer, pending_venue, trained_staff
):
    scheme.minimum_trained_staff = 2
    scheme.save()
    trained_staff(pending_venue)
    with pytest.raises(services.TransitionRefused, match="At least 2 members of staff"):
        services.transition(pending_venue, VenueStatus.APPROVED, by=officer)
    trained_staff(pending_venue)
    services.transition(pending_venue, VenueStatus.APPROVED, by=officer)
    assert pending_venue.status == VenueStatus.APPROVED


def test_approval_without_a_chosen_module_explains_what_to_set(officer, pending_venue):
    with pytest.raises(services.TransitionRefused, match="Safe Places settings"):
        services.transition(pending_venue, VenueStatus.APPROVED, by=officer)


def test_every_transition_is_logged_with_who_when_and_why(
    scheme, officer, trained_staff, django_capture_on_commit_callbacks
):
    venue = VenueFactory(status=VenueStatus.SUBMITTED, approved_at=None, next_check_due=None)
    add_contact(venue)
    trained_staff(venue)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(venue, VenueStatus.UNDER_REVIEW, by=officer)
        services.transition(venue, VenueStatus.APPROVED, by=officer)
        services.transition(venue, VenueStatus.SUSPENDED, by=officer, reason="Complaint received")
    entries = list(ModelLogEntry.objects.for_instance(venue).order_by("timestamp", "pk"))
    assert [e.action for e in entries] == [
        "network.venue.review",
        "network.venue.approve",
        "network.venue.suspend",
    ]
    assert all(e.user_id == officer.pk and e.timestamp for e in entries)
    assert entries[-1].data == {
        "from": "approved",
        "to": "suspended",
        "reason": "Complaint received",
    }
    # The contact hears of the approval and of the suspension, not of the review; the reason
    # is on their signed-in page, never in the email.
    assert [m.to for m in mail.outbox] == [[venue.contact_email], [venue.contact_email]]
    assert "Complaint received" not in mail.outbox[1].body
    assert venue.reference in mail.outbox[1].body


def test_reject_and_suspend_need_a_reason(officer, pending_venue):
    with pytest.raises(services.TransitionRefused, match="reason"):
        services.transition(pending_venue, VenueStatus.REJECTED, by=officer, reason="  ")
    services.transition(
        pending_venue, VenueStatus.REJECTED, by=officer, reason="Not open to the public"
    )
    assert pending_venue.status_reason == "Not open to the public"


def test_changes_not_allowed_from_the_current_status_are_refused(officer):
    venue = VenueFactory(status=VenueStatus.REJECTED, status_reason="x")
    with pytest.raises(services.TransitionRefused, match="rejected"):
        services.transition(venue, VenueStatus.APPROVED, by=officer)
    assert actions(venue) == []


def test_a_rejected_address_can_apply_again_but_an_open_one_cannot():
    first = VenueFactory(status=VenueStatus.SUBMITTED, address_line_1="1 Above Bar Street")
    details = {
        "name": "Again",
        "venue_type": "shop",
        "address_line_1": "1  above bar street",
        "address_line_2": "",
        "town": "Southampton",
        "postcode": first.postcode.lower().replace(" ", ""),
        "public_phone": "",
        "lead_name": "Sam",
        "contact_email": "sam@shop.example",
        "contact_phone": "07700 900001",
        "staff_count": 3,
    }
    first.address_key = services.address_key(first.address_line_1, first.postcode)
    first.save()
    import uuid

    with pytest.raises(services.DuplicateApplication):
        services.submit_application(details, [], uuid.uuid4())
    Venue.objects.filter(pk=first.pk).update(status=VenueStatus.REJECTED)
    again = services.submit_application(details, [], uuid.uuid4())
    assert again.created and again.venue.postcode == first.postcode


def test_reminders_go_out_30_days_before_and_on_the_day_once_each_then_the_venue_lapses(
    scheme, trained_staff, django_capture_on_commit_callbacks
):
    venue = VenueFactory(next_check_due=datetime.date(2027, 3, 31))
    add_contact(venue)
    trained_staff(venue)
    contact_mail = lambda: [m for m in mail.outbox if m.to == [venue.contact_email]]  # noqa: E731

    with django_capture_on_commit_callbacks(execute=True):
        assert services.run_daily(at(2027, 2, 28))["reminders"] == 0  # 31 days before
        assert services.run_daily(at(2027, 3, 1))["reminders"] == 1  # 30 days before
        assert services.run_daily(at(2027, 3, 2))["reminders"] == 0  # not again
        assert services.run_daily(at(2027, 3, 31))["reminders"] == 1  # on the day
        assert services.run_daily(at(2027, 3, 31, 18))["reminders"] == 0
        assert venue in selectors.listed_venues()
        result = services.run_daily(at(2027, 4, 1))  # the day after: unconfirmed
    assert result["lapsed"] == 1
    venue.refresh_from_db()
    assert venue.status == VenueStatus.LAPSED
    assert "2027" in venue.status_reason
    assert venue not in selectors.listed_venues()
    subjects = [m.subject for m in contact_mail()]
    assert subjects.count("Safe City Learning: please confirm your Safe Places details") == 2
    assert subjects[-1] == "Safe City Learning: your Safe Places listing has lapsed"
    lapse = ModelLogEntry.objects.for_instance(venue).get(action="network.venue.lapse")
    assert lapse.user is None  # the system did it


def test_a_late_first_run_sends_only_the_on_the_day_reminder(scheme, trained_staff):
    venue = VenueFactory(next_check_due=datetime.date(2027, 3, 31))
    add_contact(venue)
    trained_staff(venue)
    assert services.send_check_reminders(at(2027, 3, 31)) == 1
    assert services.send_check_reminders(at(2027, 3, 31)) == 0
    assert len(mail.outbox) == 1


def test_confirming_the_details_moves_the_check_a_year_on_and_resets_reminders(
    scheme, trained_staff
):
    venue = VenueFactory(next_check_due=datetime.date(2027, 3, 31))
    trained_staff(venue)
    services.send_check_reminders(at(2027, 3, 5))
    services.confirm_details(venue, by=None, changes="New phone number", now=at(2027, 3, 10))
    assert venue.next_check_due == datetime.date(2028, 3, 10)
    assert venue.check_reminded_30_at is None
    entry = ModelLogEntry.objects.for_instance(venue).get(action="network.venue.confirm")
    assert entry.data == {"changes": "New phone number"}
    assert services.run_daily(at(2027, 4, 2))["lapsed"] == 0


def test_a_lapsed_venue_that_confirms_goes_back_to_review(scheme, trained_staff):
    venue = VenueFactory(status=VenueStatus.LAPSED, status_reason="Check not confirmed")
    services.confirm_details(venue, by=None)
    assert venue.status == VenueStatus.UNDER_REVIEW
    assert venue not in selectors.listed_venues()


ONE_DAY = datetime.timedelta(days=1)


def test_a_venue_whose_only_certificate_expires_lapses(scheme):
    venue = VenueFactory(next_check_due=datetime.date(2030, 1, 1))
    member = VenueMembershipFactory(venue=venue)
    certificate = certify(member.user, scheme.module, now=at(2026, 1, 10))
    # In date through the date it prints (certificates.validity): the last moment of that
    # day the venue still has trained staff, the next midnight it lapses.
    next_day = validity.start_of(validity.expires_on(certificate.expires_at) + ONE_DAY)
    assert services.lapse_venues(next_day - datetime.timedelta(microseconds=1)) == []
    lapsed = services.lapse_venues(next_day)
    assert [v.pk for v in lapsed] == [venue.pk]
    assert "certificate" in lapsed[0].status_reason


def test_invited_staff_join_once_and_then_count_when_trained(
    scheme, user_with_role, django_capture_on_commit_callbacks
):
    venue = VenueFactory(status=VenueStatus.UNDER_REVIEW, approved_at=None)
    add_contact(venue)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_staff(venue, "New.Starter@Shop.example", by=None)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    token = body.split("/safe-places/join/")[1].split("/")[0]
    # The invitation email carries a link, not the details of the scheme or of anyone.
    assert "new.starter@shop.example" not in body.lower()

    person = user_with_role(email="new.starter@shop.example")
    membership = services.accept_invitation(token, person)
    assert membership.user == person and membership.joined_at is not None
    with pytest.raises(ValidationError):
        services.accept_invitation(token, person)
    assert selectors.trained_count(venue) == 0
    certify(person, scheme.module)
    assert selectors.trained_count(venue) == 1


def test_invitations_expire_after_two_weeks(
    scheme, user_with_role, django_capture_on_commit_callbacks
):
    venue = VenueFactory()
    add_contact(venue)
    with (
        time_machine.travel(at(2027, 1, 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.invite_staff(venue, "late@shop.example", by=None)
    token = mail.outbox[0].body.split("/safe-places/join/")[1].split("/")[0]
    with time_machine.travel(at(2027, 1, 14), tick=False):
        assert services.invitation(token) is not None
    with time_machine.travel(at(2027, 1, 16), tick=False):
        assert services.invitation(token) is None
        with pytest.raises(ValidationError, match="expired"):
            services.accept_invitation(token, user_with_role())
    assert VenueMembership.objects.get(invited_email="late@shop.example").user is None


@pytest.mark.parametrize("case", ["submitted", "unclaimed", "rejected"])
def test_venues_not_reviewed_or_without_a_confirmed_contact_cannot_invite(case):
    status = {"submitted": "submitted", "unclaimed": "under_review", "rejected": "rejected"}
    venue = VenueFactory(status=status[case], approved_at=None, next_check_due=None)
    if case != "unclaimed":
        add_contact(venue)
    with pytest.raises(ValidationError):
        services.invite_staff(venue, "someone@shop.example", by=None)
    assert not VenueMembership.objects.filter(invited_email="someone@shop.example").exists()
    assert mail.outbox == []


def test_approval_needs_a_contact_who_has_confirmed_their_address(scheme, officer, trained_staff):
    venue = VenueFactory(status="under_review", approved_at=None, next_check_due=None)
    trained_staff(venue)
    problems = services.approval_problems(venue)
    assert any("has not confirmed their email address yet" in p for p in problems)
    with pytest.raises(services.TransitionRefused, match="has not confirmed"):
        services.transition(venue, VenueStatus.APPROVED, by=officer)
    add_contact(venue)
    services.transition(venue, VenueStatus.APPROVED, by=officer)
    assert venue.status == VenueStatus.APPROVED


def test_accepting_needs_the_invited_address_verified(
    scheme, user_with_role, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    venue = VenueFactory()
    add_contact(venue)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_staff(venue, "new@shop.example", by=None)
    token = mail.outbox[0].body.split("/safe-places/join/")[1].split("/")[0]
    with pytest.raises(services.WrongAddress):
        services.accept_invitation(token, user_with_role(email="other@shop.example"))
    unverified = user_with_role(email="NEW@shop.example")
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    with pytest.raises(services.WrongAddress):
        services.accept_invitation(token, unverified)
    assert VenueMembership.objects.get(invited_email="new@shop.example").user is None
    EmailAddress.objects.filter(user=unverified).update(verified=True)
    assert services.accept_invitation(token, unverified).user == unverified


def test_inviting_someone_already_on_the_staff_is_refused(scheme):
    member = VenueMembershipFactory()
    add_contact(member.venue)
    with pytest.raises(ValidationError, match="already"):
        services.invite_staff(member.venue, member.user.email.upper(), by=None)


class FlakyGeocoder:
    calls = 0

    def postcode(self, postcode):
        from network.geocoding import FakeGeocoder, GeocodingError

        FlakyGeocoder.calls += 1
        if FlakyGeocoder.calls == 1:
            raise GeocodingError("timed out")
        return FakeGeocoder().postcode(postcode)


def test_a_geocoding_failure_leaves_the_venue_unlisted_and_the_daily_run_retries(settings):
    settings.SAFE_PLACES_GEOCODER = "tests.network.test_services.FlakyGeocoder"
    FlakyGeocoder.calls = 0
    venue = VenueFactory(latitude=None, longitude=None, located_by="")
    assert services.geocode_venue(venue.pk) is False
    venue.refresh_from_db()
    assert venue.geocode_failures == 1 and venue.latitude is None
    assert venue not in selectors.listed_venues()
    assert services.run_daily()["located"] == 1
    venue.refresh_from_db()
    assert venue.latitude is not None and venue in selectors.listed_venues()


def test_an_officer_pin_is_never_moved_by_the_geocoder(officer):
    venue = VenueFactory()
    services.set_location(venue, Decimal("50.910000"), Decimal("-1.400000"), by=officer)
    assert services.geocode_venue(venue.pk) is True
    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude, venue.located_by) == (
        Decimal("50.910000"),
        Decimal("-1.400000"),
        "officer",
    )
