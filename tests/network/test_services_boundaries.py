"""Safe Places services at their edges: who the audit trail names, the exact messages people
read, which venues the daily geocoding retry reaches, and what confirming the annual check
resets (issue 19)."""

import datetime
import uuid

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.factories import UserFactory
from accounts.models import JobRole
from network import selectors, services
from network.factories import VenueFactory, VenueMembershipFactory, certify
from network.models import ChangeStatus, Venue, VenueMembership, VenueRole, VenueStatus

from .helpers import add_contact

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


def entry(venue, action):
    return ModelLogEntry.objects.for_instance(venue).get(action=action)


# --- The address a link was sent to --------------------------------------------------------


@pytest.fixture
def invited(scheme, django_capture_on_commit_callbacks):
    venue = VenueFactory()
    add_contact(venue)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_staff(venue, "new@shop.example", by=None)
    return mail.outbox[-1].body.split("/safe-places/join/")[1].split("/")[0]


def test_someone_signed_in_as_another_person_is_told_the_link_is_not_theirs(invited):
    with pytest.raises(services.WrongAddress) as refused:
        services.accept_invitation(invited, UserFactory(email="other@shop.example"))
    assert refused.value.messages == ["This link is for a different email address."]
    # Not "confirm your address": the page must not offer to resend a confirmation.
    assert refused.value.unverified is False


def test_the_right_person_with_the_address_unconfirmed_is_asked_to_confirm_it(invited):
    person = UserFactory(email="new@shop.example")
    EmailAddress.objects.filter(user=person).update(verified=False)
    with pytest.raises(services.WrongAddress) as refused:
        services.accept_invitation(invited, person)
    assert refused.value.messages == ["Confirm your email address first."]
    assert refused.value.unverified is True


# --- Notes and removals: the venue's history names who did it ------------------------------


def test_a_note_is_kept_trimmed_in_the_venue_history_under_the_officers_name(officer):
    venue = VenueFactory()
    services.add_note(venue, officer, "  Spoke to the manager.  ")
    note = entry(venue, "network.venue.note")
    assert note.user == officer
    assert note.data == {"note": "Spoke to the manager."}


@pytest.mark.parametrize("text", ["", None, "   \n"])
def test_an_empty_note_is_refused_with_a_message_and_nothing_logged(officer, text):
    venue = VenueFactory()
    with pytest.raises(ValidationError) as refused:
        services.add_note(venue, officer, text)
    assert refused.value.messages == ["Write a note."]
    assert not ModelLogEntry.objects.for_instance(venue).filter(action="network.venue.note")


def test_removing_a_member_of_staff_is_logged_on_the_venue_under_the_remover(scheme):
    venue = VenueFactory()
    contact = add_contact(venue)
    member = VenueMembershipFactory(venue=venue)
    services.remove_member(member, contact)
    removal = entry(venue, "network.venue.remove_member")
    assert removal.user == contact
    assert not venue.memberships.filter(pk=member.pk).exists()


def test_the_contact_cannot_be_removed_and_is_told_who_can(scheme):
    venue = VenueFactory()
    contact = add_contact(venue)
    membership = venue.memberships.get(user=contact)
    assert membership.role == VenueRole.CONTACT
    with pytest.raises(ValidationError) as refused:
        services.remove_member(membership, contact)
    assert refused.value.messages == ["The venue's contact cannot be removed here. Ask an officer."]
    assert venue.memberships.filter(pk=membership.pk).exists()
    assert not ModelLogEntry.objects.for_instance(venue).filter(
        action="network.venue.remove_member"
    )


# --- Listing changes ------------------------------------------------------------------------


def test_a_refused_listing_change_records_who_refused_it_and_when(officer):
    venue = VenueFactory()
    contact = add_contact(venue)
    details = {**selectors.listing_details(venue), "description": "A new description"}
    services.propose_listing_change(venue, details, selectors.listing_hours(venue), by=contact)
    change = services.reject_listing_change(
        venue, officer, "  Name not on the lease.  ", now=at(2027, 2, 3, 9)
    )
    assert change.status == ChangeStatus.REJECTED
    assert (change.decided_by, change.decided_at) == (officer, at(2027, 2, 3, 9))
    assert change.reason == "Name not on the lease."
    refused = entry(venue, "network.venue.reject_change")
    assert refused.user == officer
    assert refused.timestamp == at(2027, 2, 3, 9)
    venue.refresh_from_db()
    assert venue.description != "A new description"


# --- Geocoding retries ----------------------------------------------------------------------


class CountingGeocoder:
    asked: list[str] = []

    def postcode(self, postcode):
        from network.geocoding import FakeGeocoder

        CountingGeocoder.asked.append(postcode)
        return FakeGeocoder().postcode(postcode)


@pytest.fixture
def counting(settings):
    settings.SAFE_PLACES_GEOCODER = "tests.network.test_services_boundaries.CountingGeocoder"
    CountingGeocoder.asked = []
    return CountingGeocoder.asked


def unlocated(**kwargs):
    return VenueFactory(latitude=None, longitude=None, located_by="", **kwargs)


def test_the_retry_asks_only_about_venues_without_a_map_point(counting):
    waiting = unlocated(postcode="SO14 2AA")
    VenueFactory(postcode="SO15 5QQ", located_by="geocoder")
    assert services.retry_geocoding() == 1
    assert counting == ["SO14 2AA"]
    waiting.refresh_from_db()
    assert waiting.latitude is not None and waiting.located_by == "geocoder"


def test_the_retry_gives_up_after_the_tenth_failure(counting):
    ninth = unlocated(postcode="SO14 2AA", geocode_failures=services.GEOCODE_ATTEMPTS - 1)
    unlocated(postcode="SO15 5QQ", geocode_failures=services.GEOCODE_ATTEMPTS)
    assert services.retry_geocoding() == 1
    assert counting == [ninth.postcode]


@pytest.mark.parametrize(
    ("status", "retried"),
    [
        (VenueStatus.SUBMITTED, True),
        (VenueStatus.UNDER_REVIEW, True),
        (VenueStatus.APPROVED, True),
        (VenueStatus.REJECTED, False),
    ],
)
def test_the_retry_reaches_venues_still_in_the_scheme_only(counting, status, retried):
    unlocated(postcode="SO14 2AA", status=status)
    assert services.retry_geocoding() == (1 if retried else 0)
    assert counting == (["SO14 2AA"] if retried else [])


# --- The annual check -----------------------------------------------------------------------


def test_confirming_records_the_moment_and_clears_both_reminders(scheme, trained_staff):
    venue = VenueFactory(next_check_due=datetime.date(2027, 3, 31))
    contact = add_contact(venue)
    trained_staff(venue)
    services.send_check_reminders(at(2027, 3, 5))
    services.send_check_reminders(at(2027, 3, 31))
    venue.refresh_from_db()
    assert venue.check_reminded_30_at and venue.check_reminded_due_at
    services.confirm_details(venue, by=contact, now=at(2027, 4, 1, 8))
    assert venue.last_confirmed_at == at(2027, 4, 1, 8)
    assert venue.check_reminded_30_at is None
    assert venue.check_reminded_due_at is None
    confirmed = entry(venue, "network.venue.confirm")
    assert confirmed.user == contact
    # Nothing described: nothing for an officer to act on.
    assert confirmed.data == {"changes": ""}


def test_a_lapsed_venue_goes_back_to_review_under_the_name_of_who_confirmed(scheme):
    venue = VenueFactory(status=VenueStatus.LAPSED, status_reason="Check not confirmed")
    contact = add_contact(venue)
    services.confirm_details(venue, by=contact)
    assert venue.status == VenueStatus.UNDER_REVIEW
    assert entry(venue, "network.venue.review").user == contact


def test_the_reminders_name_the_venue_the_date_and_link_to_the_check(
    settings, scheme, trained_staff
):
    from django.urls import reverse

    settings.SITE_URL = "https://learning.example.org"
    venue = VenueFactory(next_check_due=datetime.date(2027, 3, 31))
    add_contact(venue)
    trained_staff(venue)
    link = "https://learning.example.org" + reverse("network:check", args=[venue.pk])

    services.send_check_reminders(at(2027, 3, 1))
    early = mail.outbox[-1].body
    assert f"({venue.reference}) is due on 31 March 2027" in early
    assert link in early.split()
    assert "If you do not confirm them by then" in early
    assert "from tomorrow" not in early

    services.send_check_reminders(at(2027, 3, 31))
    on_the_day = mail.outbox[-1].body
    assert f"({venue.reference}) is due on 31 March 2027" in on_the_day
    assert link in on_the_day.split()
    assert "If you do not confirm them today" in on_the_day
    assert "from tomorrow" in on_the_day
    assert len(mail.outbox) == 2


def test_moving_the_pin_is_logged_under_the_officer(officer):
    from decimal import Decimal

    venue = VenueFactory()
    services.set_location(venue, Decimal("50.910000"), Decimal("-1.400000"), by=officer)
    assert entry(venue, "network.venue.pin").user == officer


# --- Accepting an invitation ----------------------------------------------------------------


@pytest.fixture
def invite(scheme, django_capture_on_commit_callbacks):
    """Invite ``email`` to ``venue`` (a venue with a confirmed contact); return the token."""

    def send(venue, email):
        if not venue.memberships.filter(role=VenueRole.CONTACT).exists():
            add_contact(venue)
        with django_capture_on_commit_callbacks(execute=True):
            services.invite_staff(venue, email, by=None)
        return mail.outbox[-1].body.split("/safe-places/join/")[1].split("/")[0]

    return send


def test_an_invitation_works_for_fourteen_days_from_the_moment_it_was_sent(invite):
    venue = VenueFactory()
    token = invite(venue, "sam@shop.example")
    sent = venue.memberships.get(invited_email="sam@shop.example").invited_at
    sam = UserFactory(email="sam@shop.example", job_role="")

    late = sent + datetime.timedelta(days=services.INVITATION_DAYS, seconds=1)
    with pytest.raises(ValidationError) as refused:
        services.accept_invitation(token, sam, now=late)
    assert refused.value.messages == ["This invitation has expired or has already been used."]

    last = sent + datetime.timedelta(days=services.INVITATION_DAYS)
    membership = services.accept_invitation(token, sam, now=last)
    assert (membership.user, membership.joined_at) == (sam, last)
    # Nothing kept that could match the link again.
    assert membership.token_hash == ""
    sam.refresh_from_db()
    assert sam.job_role == JobRole.VENUE_STAFF


def test_accepting_keeps_a_job_role_the_person_already_has(invite):
    venue = VenueFactory()
    token = invite(venue, "nurse@shop.example")
    nurse = UserFactory(email="nurse@shop.example", job_role=JobRole.FRONTLINE)
    services.accept_invitation(token, nurse)
    nurse.refresh_from_db()
    assert nurse.job_role == JobRole.FRONTLINE


def test_accepting_joins_this_venue_even_for_someone_on_another_venues_staff(invite):
    elsewhere = VenueMembershipFactory(user=UserFactory(email="sam@shop.example"))
    venue = VenueFactory()
    token = invite(venue, "sam@shop.example")
    membership = services.accept_invitation(token, elsewhere.user)
    assert membership.venue == venue
    assert venue.memberships.filter(user=elsewhere.user).count() == 1
    assert elsewhere.venue.memberships.filter(user=elsewhere.user).count() == 1


def test_someone_already_on_the_staff_keeps_their_place_and_the_invitation_goes(invite):
    venue = VenueFactory()
    token = invite(venue, "sam@shop.example")
    sam = UserFactory(email="sam@shop.example")
    already = VenueMembershipFactory(venue=venue, user=sam)
    assert services.accept_invitation(token, sam) == already
    assert list(venue.memberships.filter(role=VenueRole.STAFF)) == [already]


def test_accepting_one_invitation_leaves_everyone_elses_open(invite):
    venue, other = VenueFactory(), VenueFactory()
    token = invite(venue, "sam@shop.example")
    invite(venue, "kim@shop.example")
    invite(other, "lee@other.example")
    services.accept_invitation(token, UserFactory(email="sam@shop.example"))
    still_open = VenueMembership.objects.filter(user__isnull=True)
    assert sorted(still_open.values_list("invited_email", flat=True)) == [
        "kim@shop.example",
        "lee@other.example",
    ]


def test_an_invitation_taken_up_in_another_tab_meanwhile_is_refused_with_a_message(
    invite, monkeypatch
):
    venue = VenueFactory()
    token = invite(venue, "sam@shop.example")
    sam = UserFactory(email="sam@shop.example")
    found = services.invitation

    def then_used_elsewhere(token, now=None):
        pending = found(token, now)
        VenueMembership.objects.filter(pk=pending.pk).delete()
        return pending

    monkeypatch.setattr(services, "invitation", then_used_elsewhere)
    with pytest.raises(ValidationError) as refused:
        services.accept_invitation(token, sam)
    assert refused.value.messages == ["This invitation has already been used."]
    assert not VenueMembership.objects.filter(user=sam).exists()


# --- Deciding listing changes ---------------------------------------------------------------


def propose(venue, description):
    contact = venue.memberships.filter(role=VenueRole.CONTACT).first()
    contact = contact.user if contact else add_contact(venue)
    details = {**selectors.listing_details(venue), "description": description}
    return services.propose_listing_change(
        venue, details, selectors.listing_hours(venue), by=contact
    )


@pytest.mark.parametrize("reason", ["", None, "  "])
def test_refusing_a_change_needs_a_reason(officer, reason):
    venue = VenueFactory()
    change = propose(venue, "New words")
    with pytest.raises(ValidationError) as refused:
        services.reject_listing_change(venue, officer, reason)
    assert refused.value.messages == ["Give a reason. The venue's contact is told it."]
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_approving_one_venues_change_leaves_other_venues_changes_waiting(officer):
    # Three, so that whichever way changes are ordered, the one approved is not at an end.
    first, second, third = VenueFactory(), VenueFactory(), VenueFactory()
    before = propose(first, "First's new words")
    mine = propose(second, "Second's new words")
    after = propose(third, "Third's new words")
    services.approve_listing_change(second, officer)
    for change in (before, mine, after):
        change.refresh_from_db()
    assert [before.status, mine.status, after.status] == [
        ChangeStatus.PENDING,
        ChangeStatus.APPROVED,
        ChangeStatus.PENDING,
    ]
    for venue in (first, second, third):
        venue.refresh_from_db()
    assert [first.description, second.description, third.description].count(
        "Second's new words"
    ) == 1
    assert second.description == "Second's new words"


def test_an_approval_records_the_officer_the_moment_and_their_note(officer):
    venue = VenueFactory()
    propose(venue, "New words")
    change = services.approve_listing_change(
        venue, officer, note=" Checked by phone ", now=at(2027, 5, 6, 10)
    )
    assert (change.decided_by, change.decided_at) == (officer, at(2027, 5, 6, 10))
    approved = entry(venue, "network.venue.approve_change")
    assert approved.user == officer
    assert approved.data == {"reason": "Checked by phone"}
    assert approved.timestamp == at(2027, 5, 6, 10)


def test_an_approval_without_a_note_records_none(officer):
    venue = VenueFactory()
    propose(venue, "New words")
    services.approve_listing_change(venue, officer)
    assert entry(venue, "network.venue.approve_change").data == {"reason": ""}


def audit(action):
    from accounts.models import AuditEvent

    (event,) = AuditEvent.objects.filter(action=action)
    return event


def test_a_refusal_is_in_the_venue_history_and_the_audit_log_with_its_reason(officer):
    venue = VenueFactory()
    propose(venue, "New words")
    change = services.reject_listing_change(venue, officer, "Not our wording", now=at(2027, 5, 6))
    assert change.reason == "Not our wording"
    refused = entry(venue, "network.venue.reject_change")
    assert (refused.user, refused.data) == (officer, {"reason": "Not our wording"})
    event = audit("venue.change_rejected")
    assert (event.actor, event.target_id) == (officer, str(venue.pk))
    assert event.summary == "Listing change not accepted"
    assert not ModelLogEntry.objects.for_instance(venue).filter(
        action="network.venue.approve_change"
    )


def test_an_approval_is_in_the_audit_log_and_keeps_no_refusal_reason(officer):
    venue = VenueFactory()
    propose(venue, "New words")
    change = services.approve_listing_change(venue, officer, note="Checked by phone")
    assert change.reason == ""
    event = audit("venue.change_approved")
    assert (event.actor, event.target_id) == (officer, str(venue.pk))
    assert event.summary == "Listing change approved"
    assert not ModelLogEntry.objects.for_instance(venue).filter(
        action="network.venue.reject_change"
    )


def test_the_change_decided_is_the_one_waiting_not_an_earlier_one(officer):
    venue = VenueFactory()
    propose(venue, "First try")
    services.reject_listing_change(venue, officer, "Too long")
    waiting = propose(venue, "Second try")
    decided = services.approve_listing_change(venue, officer)
    assert decided == waiting
    venue.refresh_from_db()
    assert venue.description == "Second try"
    with pytest.raises(ValidationError) as refused:
        services.approve_listing_change(venue, officer)
    assert refused.value.messages == ["No changes are waiting for review for this venue."]


# --- Claiming an application ----------------------------------------------------------------


def claimable_venue(token, sent):
    return VenueFactory(
        contact_email=f"{token}@shop.example",
        claim_token_hash=services._token_hash(token),
        claim_sent_at=sent,
    )


def test_a_claim_link_opens_only_its_own_venue(scheme):
    sent = at(2027, 1, 4)
    claimable_venue("tok-a", sent)
    mine = claimable_venue("tok-b", sent)
    owner = UserFactory(email="tok-b@shop.example")
    assert services.claim_venue("tok-b", owner, now=sent) == mine
    for wrong in ("tok-c", "", None):
        with pytest.raises(ValidationError) as refused:
            services.claim_venue(wrong, owner, now=sent)
        assert refused.value.messages == ["This link has expired or has already been used."]


def test_a_claim_link_works_for_fourteen_days_then_stops(scheme):
    sent = at(2027, 1, 4)
    venue = claimable_venue("tok-a", sent)
    owner = UserFactory(email="tok-a@shop.example", job_role="")
    late = sent + datetime.timedelta(days=services.CLAIM_DAYS, seconds=1)
    with pytest.raises(ValidationError, match="expired"):
        services.claim_venue("tok-a", owner, now=late)
    last = sent + datetime.timedelta(days=services.CLAIM_DAYS)
    claimed_venue = services.claim_venue("tok-a", owner, now=last)
    assert claimed_venue == venue
    assert claimed_venue.claim_token_hash == ""
    claimed = entry(venue, "network.venue.claim")
    assert (claimed.user, claimed.timestamp) == (owner, last)
    assert audit("venue.claimed").summary == "Contact confirmed by email"
    owner.refresh_from_db()
    assert owner.job_role == JobRole.VENUE_STAFF
    with pytest.raises(ValidationError, match="already been used"):
        services.claim_venue("tok-a", owner, now=last)


def test_claiming_keeps_a_job_role_the_person_already_has(scheme):
    claimable_venue("tok-a", at(2027, 1, 4))
    owner = UserFactory(email="tok-a@shop.example", job_role=JobRole.MANAGER)
    services.claim_venue("tok-a", owner, now=at(2027, 1, 5))
    owner.refresh_from_db()
    assert owner.job_role == JobRole.MANAGER


def test_an_invitation_token_finds_its_own_invitation_only(invite):
    venue = VenueFactory()
    first = invite(venue, "sam@shop.example")
    second = invite(venue, "kim@shop.example")
    assert services.invitation(first).invited_email == "sam@shop.example"
    assert services.invitation(second).invited_email == "kim@shop.example"
    assert services.invitation("not-a-token") is None


# --- Daily reminders and lapsing ------------------------------------------------------------


def test_the_reminder_count_is_of_venues_whose_contact_was_emailed(scheme, trained_staff):
    due = datetime.date(2027, 3, 31)
    for _ in range(2):
        venue = VenueFactory(next_check_due=due)
        add_contact(venue)
        trained_staff(venue)
    nobody_to_tell = VenueFactory(next_check_due=due)
    trained_staff(nobody_to_tell)
    assert services.send_check_reminders(at(2027, 3, 5)) == 2
    assert len(mail.outbox) == 2


def test_a_venue_lapsed_for_training_is_told_why(scheme):
    venue = VenueFactory(next_check_due=datetime.date(2030, 1, 1))
    add_contact(venue)
    assert [v.pk for v in services.lapse_venues()] == [venue.pk]
    venue.refresh_from_db()
    assert venue.status == VenueStatus.LAPSED
    assert venue.status_reason == (
        "No longer enough staff hold an in-date certificate for the Safe Places module."
    )


# --- What a listing change carries ----------------------------------------------------------


def test_an_approved_change_of_hours_keeps_closed_days_and_overnight_opening(officer):
    venue = VenueFactory()
    contact = add_contact(venue)
    hours = selectors.listing_hours(venue)
    hours[0] = {**hours[0], "closed": True, "all_day": False, "opens": None, "closes": None}
    hours[4] = {
        **hours[4],
        "closed": False,
        "all_day": False,
        "opens": datetime.time(18),
        "closes": datetime.time(2),
        "overnight": True,
    }
    services.propose_listing_change(venue, selectors.listing_details(venue), hours, by=contact)
    services.approve_listing_change(venue, officer)
    monday = venue.hours.filter(weekday=0).first()
    assert monday is None or monday.closed
    friday = venue.hours.get(weekday=4)
    assert (friday.closed, friday.opens, friday.closes, friday.overnight) == (
        False,
        datetime.time(18),
        datetime.time(2),
        True,
    )


def test_a_proposal_replaces_only_this_venues_waiting_change(officer):
    first, second = VenueFactory(), VenueFactory()
    theirs = propose(first, "First's words")
    mine = propose(second, "Second's words")
    assert mine != theirs
    theirs.refresh_from_db()
    assert (theirs.venue, theirs.proposed["description"]) == (first, "First's words")
    again = propose(second, "Second's better words")
    assert again == mine
    assert second.changes.count() == 1


def test_a_proposal_after_a_refusal_is_a_new_change_and_the_refusal_stays_on_record(officer):
    venue = VenueFactory()
    refused = propose(venue, "First try")
    services.reject_listing_change(venue, officer, "Too long")
    contact = venue.memberships.get(role=VenueRole.CONTACT).user
    details = {**selectors.listing_details(venue), "description": "Second try"}
    waiting = services.propose_listing_change(
        venue, details, selectors.listing_hours(venue), by=contact, now=at(2027, 6, 1, 9)
    )
    assert waiting != refused
    refused.refresh_from_db()
    assert (refused.status, refused.proposed["description"]) == (ChangeStatus.REJECTED, "First try")
    sent = ModelLogEntry.objects.for_instance(venue).filter(action="network.venue.change")
    assert [(e.user, e.timestamp) for e in sent.order_by("timestamp")][-1] == (
        contact,
        at(2027, 6, 1, 9),
    )
    from accounts.models import AuditEvent

    last = AuditEvent.objects.filter(action="venue.change_proposed").latest("pk")
    assert (last.actor, last.summary) == (contact, "Listing change sent for review")


def test_a_claim_link_shows_its_venue_for_fourteen_days(scheme):
    sent = at(2027, 1, 4)
    venue = claimable_venue("tok-a", sent)
    assert services.claimable("tok-a", now=sent + datetime.timedelta(days=14)) == venue
    assert services.claimable("tok-a", now=sent + datetime.timedelta(days=14, seconds=1)) is None


# --- Inviting staff -------------------------------------------------------------------------


def test_a_venue_not_yet_reviewed_is_told_why_it_cannot_invite(scheme):
    venue = VenueFactory(status=VenueStatus.SUBMITTED)
    add_contact(venue)
    problem = services.invite_problem(venue)
    assert problem
    with pytest.raises(ValidationError) as refused:
        services.invite_staff(venue, "sam@shop.example", by=None)
    assert refused.value.messages == [problem]


def test_someone_on_another_venues_staff_can_be_invited(invite):
    VenueMembershipFactory(user=UserFactory(email="sam@shop.example"))
    venue = VenueFactory()
    invite(venue, "sam@shop.example")
    assert venue.memberships.get(invited_email="sam@shop.example").user is None


def test_an_address_that_joined_before_and_moved_on_can_be_invited_afresh(invite):
    venue = VenueFactory()
    token = invite(venue, "sam@shop.example")
    sam = UserFactory(email="sam@shop.example")
    joined = services.accept_invitation(token, sam)
    sam.email = "sam@elsewhere.example"
    sam.save()
    invite(venue, "sam@shop.example")
    joined.refresh_from_db()
    assert (joined.user, joined.token_hash) == (sam, "")
    assert venue.memberships.filter(invited_email="sam@shop.example", user=None).count() == 1


def test_ten_invitations_an_hour_counting_invitations_only(scheme):
    venue = VenueFactory()
    contact = add_contact(venue)
    start = at(2027, 2, 1, 9)
    with time_machine.travel(start + datetime.timedelta(minutes=30), tick=False):
        for _ in range(12):
            services.add_note(venue, contact, "Not an invitation")
    for n in range(services.INVITES_PER_HOUR):
        services.invite_staff(venue, f"person{n}@shop.example", by=contact, now=start)
    sent = ModelLogEntry.objects.for_instance(venue).filter(action="network.venue.invite")
    assert {(e.user, e.timestamp) for e in sent} == {(contact, start)}
    almost = start + datetime.timedelta(minutes=59)
    with pytest.raises(services.TooManyInvitations) as refused:
        services.invite_staff(venue, "one.more@shop.example", by=contact, now=almost)
    assert refused.value.messages == [
        "Your venue has sent 10 invitations in the last hour. Try again later."
    ]
    an_hour_on = start + datetime.timedelta(hours=1)
    services.invite_staff(venue, "one.more@shop.example", by=contact, now=an_hour_on)


@pytest.mark.parametrize(
    ("status", "claimed", "message"),
    [
        (
            VenueStatus.REJECTED,
            True,
            "You cannot invite staff to a rejected application.",
        ),
        (
            VenueStatus.SUBMITTED,
            True,
            "You can invite staff once a Safe Places officer has started reviewing your "
            "application.",
        ),
        (
            VenueStatus.UNDER_REVIEW,
            False,
            "Staff can be invited once the venue's contact has confirmed their email address.",
        ),
        (VenueStatus.UNDER_REVIEW, True, None),
        (VenueStatus.APPROVED, True, None),
    ],
)
def test_why_a_venue_cannot_invite_in_words_for_its_contact(scheme, status, claimed, message):
    venue = VenueFactory(status=status)
    if claimed:
        add_contact(venue)
    assert services.invite_problem(venue) == message


def test_the_invitation_email_says_what_it_is_and_how_long_the_link_works(settings, invite):
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "Safe City Learning: "
    invite(VenueFactory(), "sam@shop.example")
    message = mail.outbox[-1]
    assert message.to == ["sam@shop.example"]
    assert message.subject == "Safe City Learning: you are invited to train as Safe Places staff"
    assert "The link works for 14 days." in message.body


APPLICATION = {
    "name": "Bargate Books",
    "venue_type": "shop",
    "address_line_1": "12 High Street",
    "address_line_2": "",
    "town": "Southampton",
    "postcode": "SO14 7LY",
    "public_phone": "",
    "lead_name": "Priya Shah",
    "contact_email": "priya@bargatebooks.example",
    "contact_phone": "07700 900982",
    "staff_count": 8,
}


@pytest.fixture
def apply(django_capture_on_commit_callbacks):
    def submit(submission_id=None, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return services.submit_application(
                {**APPLICATION, **changes}, [], submission_id or uuid.uuid4()
            )

    return submit


def test_the_application_emails_ask_the_applicant_to_confirm_and_tell_the_officer(
    settings, scheme, apply
):
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "Safe City Learning: "
    settings.SITE_URL = "https://learning.example.org"
    scheme.officer_email = "safe.places@council.example"
    scheme.save()
    venue = apply().venue
    (applicant,) = [m for m in mail.outbox if m.to == [APPLICATION["contact_email"]]]
    assert applicant.subject == (
        "Safe City Learning: confirm your email address for a Safe Places application"
    )
    assert "The link works once, for 14 days." in applicant.body
    (officer,) = [m for m in mail.outbox if m.to == ["safe.places@council.example"]]
    assert officer.subject == "Safe City Learning: new Safe Places application"
    admin_link = "https://learning.example.org" + reverse("venues:edit", args=[venue.pk])
    assert admin_link in officer.body.split()
    assert venue.reference in officer.body


def test_an_application_is_logged_as_coming_from_the_public_form(apply):
    venue = apply().venue
    created = entry(venue, "wagtail.create")
    assert created.user is None
    assert created.data == {"source": "public application"}
    assert venue.status == VenueStatus.SUBMITTED


def test_the_same_form_sent_twice_gives_the_first_application_back(apply):
    submission = uuid.uuid4()
    first = apply(submission)
    again = apply(submission, name="Something else")
    assert (first.created, again.created) == (True, False)
    assert again.venue == first.venue
    assert Venue.objects.count() == 1


def test_a_second_tab_that_got_there_first_is_the_application_returned(apply, monkeypatch):
    """The other tab's insert lands between this one's checks and its own insert."""
    submission = uuid.uuid4()
    keyed = services.address_key

    def meanwhile(line, postcode):
        VenueFactory(submission_id=submission, address_line_1="1 Other Road")
        return keyed(line, postcode)

    monkeypatch.setattr(services, "address_key", meanwhile)
    result = apply(submission)
    assert result.created is False
    assert result.venue.address_line_1 == "1 Other Road"


def test_a_postcode_that_cannot_be_tidied_is_kept_as_typed(apply):
    venue = apply(postcode="12345").venue
    assert venue.postcode == "12345"


def test_a_tidied_postcode_is_stored_in_capitals_with_its_space(apply):
    assert apply(postcode="so147ly").venue.postcode == "SO14 7LY"


def test_each_application_gets_its_own_address_from_its_name_and_town(apply):
    slugs = [
        apply(address_line_1=f"{n} High Street", name="Bargate Books").venue.slug
        for n in range(1, 5)
    ]
    assert slugs == [
        "bargate-books-southampton",
        "bargate-books-southampton-2",
        "bargate-books-southampton-3",
        "bargate-books-southampton-4",
    ]


def test_a_name_with_no_letters_still_gets_an_address(apply):
    assert apply(name="!!!", town="...").venue.slug == "venue"


def test_a_long_name_gives_an_address_of_150_characters(apply):
    venue = apply(name="B" * 150).venue
    assert venue.slug == "b" * 150


@pytest.mark.parametrize(
    ("start", "to", "subject", "needs_training"),
    [
        (VenueStatus.UNDER_REVIEW, VenueStatus.APPROVED, "your venue is now a Safe Place", True),
        (
            VenueStatus.UNDER_REVIEW,
            VenueStatus.REJECTED,
            "a decision on your Safe Places application",
            False,
        ),
        (
            VenueStatus.APPROVED,
            VenueStatus.SUSPENDED,
            "your Safe Places listing is suspended",
            True,
        ),
        (VenueStatus.APPROVED, VenueStatus.LAPSED, "your Safe Places listing has lapsed", True),
    ],
)
def test_the_contact_is_emailed_each_decision_with_a_link_to_their_venue(
    settings,
    officer,
    trained_staff,
    django_capture_on_commit_callbacks,
    start,
    to,
    subject,
    needs_training,
):
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "Safe City Learning: "
    settings.SITE_URL = "https://learning.example.org"
    venue = VenueFactory(status=start)
    contact = add_contact(venue)
    if needs_training:
        trained_staff(venue)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(venue, to, by=officer, reason="A reason for the record")
    (message,) = mail.outbox
    assert message.to == [contact.email]
    assert message.subject == f"Safe City Learning: {subject}"
    link = "https://learning.example.org" + reverse("network:manage_venue", args=[venue.pk])
    assert link in message.body.split()
    assert venue.reference in message.body


# --- Status changes -------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_rejecting_without_a_reason_is_refused_in_words(officer, pending_venue, reason):
    with pytest.raises(services.TransitionRefused) as refused:
        services.transition(pending_venue, VenueStatus.REJECTED, by=officer, reason=reason)
    assert refused.value.messages == ["Give a reason. The venue's contact is told it."]
    with pytest.raises(services.TransitionRefused):
        services.transition(pending_venue, VenueStatus.REJECTED, by=officer)
    pending_venue.refresh_from_db()
    assert pending_venue.status == VenueStatus.UNDER_REVIEW


def test_the_approval_gate_looks_at_training_on_the_day_of_approval(scheme, officer, pending_venue):
    member = VenueMembershipFactory(venue=pending_venue)
    certificate = certify(member.user, scheme.module, now=at(2027, 1, 10))
    expiry = certificate.expires_at
    assert expiry is not None
    after_expiry = expiry + datetime.timedelta(days=2)
    with pytest.raises(services.TransitionRefused, match="in-date certificate"):
        services.transition(pending_venue, VenueStatus.APPROVED, by=officer, now=after_expiry)
    approved = services.transition(
        pending_venue, VenueStatus.APPROVED, by=officer, now=at(2027, 2, 1)
    )
    assert approved.approved_at == at(2027, 2, 1)
    # The first check falls a year after the approval day, not a year after today.
    assert approved.next_check_due == selectors.next_check_date(datetime.date(2027, 2, 1))


def test_only_refusals_suspensions_and_lapses_keep_a_reason(scheme, officer, trained_staff):
    venue = VenueFactory(status=VenueStatus.LAPSED, status_reason="Check not confirmed")
    add_contact(venue)
    trained_staff(venue)
    services.transition(venue, VenueStatus.UNDER_REVIEW, by=officer, reason="Looks fine now")
    assert venue.status_reason == ""
    services.transition(venue, VenueStatus.APPROVED, by=officer, reason="All checked")
    assert venue.status_reason == ""
    services.transition(venue, VenueStatus.SUSPENDED, by=officer, reason="  Closed for works ")
    assert venue.status_reason == "Closed for works"


# --- Geocoding ------------------------------------------------------------------------------


def test_an_officer_pin_is_not_even_looked_up(counting, officer):
    from decimal import Decimal

    venue = VenueFactory(postcode="SO14 2AA")
    services.set_location(venue, Decimal("50.910000"), Decimal("-1.400000"), by=officer)
    assert services.geocode_venue(venue.pk) is True
    assert counting == []


class PinnedMeanwhileGeocoder:
    """The officer drops a pin while the geocoder's answer is on its way."""

    def postcode(self, postcode):
        from network.geocoding import FakeGeocoder
        from network.models import Venue

        Venue.objects.filter(postcode=postcode).update(
            latitude="50.900000", longitude="-1.390000", located_by="officer"
        )
        return FakeGeocoder().postcode(postcode)


def test_a_pin_dropped_while_the_geocoder_answers_is_kept(settings):
    from decimal import Decimal

    settings.SAFE_PLACES_GEOCODER = "tests.network.test_services_boundaries.PinnedMeanwhileGeocoder"
    venue = unlocated(postcode="SO14 2AA")
    assert services.geocode_venue(venue.pk) is True
    venue.refresh_from_db()
    assert (venue.latitude, venue.longitude, venue.located_by) == (
        Decimal("50.900000"),
        Decimal("-1.390000"),
        "officer",
    )


class TimingOutGeocoder:
    def postcode(self, postcode):
        from network.geocoding import GeocodingError

        raise GeocodingError("timed out")


def test_a_geocoding_failure_is_logged_with_the_venue_and_the_reason(settings, caplog):
    import logging

    settings.SAFE_PLACES_GEOCODER = "tests.network.test_services_boundaries.TimingOutGeocoder"
    venue = unlocated(postcode="SO14 2AA", geocode_failures=3)
    with caplog.at_level(logging.WARNING, logger="safecity.safeplaces"):
        assert services.geocode_venue(venue.pk) is False
    assert caplog.messages == [f"Geocoding venue {venue.pk} failed: timed out"]
    venue.refresh_from_db()
    assert (venue.geocode_failures, venue.latitude) == (4, None)


def test_a_venue_whose_contact_has_not_confirmed_is_not_approvable_and_the_officer_is_told(
    scheme, officer, trained_staff
):
    venue = VenueFactory(status=VenueStatus.UNDER_REVIEW, approved_at=None)
    trained_staff(venue)
    assert services.approval_problems(venue) == [
        "The contact has not confirmed their email address yet, so nobody can manage the "
        "venue or invite its staff. They need to follow the link we emailed them."
    ]


@pytest.mark.parametrize(
    ("due", "after"),
    [
        # Due on the day it is approved again: a full year from that day.
        (datetime.date(2027, 3, 1), datetime.date(2028, 3, 1)),
        # Due tomorrow: the check still falls due tomorrow.
        (datetime.date(2027, 3, 2), datetime.date(2027, 3, 2)),
    ],
)
def test_reapproval_sets_a_new_check_only_when_the_old_one_is_due(
    scheme, officer, trained_staff, due, after
):
    venue = VenueFactory(status=VenueStatus.SUSPENDED, next_check_due=due)
    add_contact(venue)
    trained_staff(venue)
    approved = services.transition(venue, VenueStatus.APPROVED, by=officer, now=at(2027, 3, 1))
    assert approved.next_check_due == after


def test_each_status_change_is_in_the_audit_log_with_who_what_and_from_where(
    scheme, officer, trained_staff
):
    from accounts.models import AuditEvent

    venue = VenueFactory(status=VenueStatus.UNDER_REVIEW)
    add_contact(venue)
    trained_staff(venue)
    services.transition(venue, VenueStatus.APPROVED, by=officer)
    event = AuditEvent.objects.get(action="venue.approved")
    assert (event.actor, event.target_type, event.target_id) == (
        officer,
        "network.venue",
        str(venue.pk),
    )
    assert event.summary == "Under review to Approved (listed)"


# --- Two applications for one place; approval before the scheme is set up ------------------


@pytest.mark.parametrize("typed", ["so147ly", "SO14 7LY", " so14  7ly "])
def test_a_postcode_typed_any_way_gives_the_same_address(typed):
    assert services.address_key("1 High Street", typed) == "1 high street|SO14 7LY"


def test_a_postcode_that_is_not_valid_is_kept_as_typed_in_capitals():
    assert services.address_key("1 High Street", "abc") == "1 high street|ABC"


def test_approval_with_no_training_module_chosen_says_where_to_choose_it():
    venue = VenueFactory()
    add_contact(venue)
    problems = services.approval_problems(venue)
    assert problems[-1] == (
        "Choose the Safe Places training module in Settings → Safe Places settings."
    )
