"""Who may book: the audience uses the CONFIRMED agency; requests approved by the agency lead."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import JobRole
from accounts.roles import Role
from events import selectors, services
from events.factories import make_session
from events.models import Booking, BookingState, CourseAudience
from network.factories import AgencyFactory
from network.models import Sector
from tests.helpers import sign_in

from .conftest import NOW, START

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


# --- 1. The audience counts the confirmed agency only --------------------------------------


@pytest.fixture
def police_course_session():
    session = make_session(start=START, capacity=2)
    CourseAudience.objects.create(course=session.course, sector=Sector.POLICE)
    return session


def test_a_confirmed_member_of_a_sector_in_the_audience_books(police_course_session):
    person = UserFactory(agency=AgencyFactory(sector=Sector.POLICE))  # confirmed by default
    assert selectors.in_audience(person, police_course_session.course)
    assert services.book(person, police_course_session, NOW).state == BookingState.BOOKED


def test_a_self_declared_unconfirmed_agency_does_not_open_the_course(police_course_session):
    person = UserFactory(agency=AgencyFactory(sector=Sector.POLICE), agency_confirmed_at=None)
    assert not selectors.in_audience(person, police_course_session.course)
    with pytest.raises(services.BookingRefused) as refused:
        services.book(person, police_course_session, NOW)
    assert refused.value.message == selectors.AGENCY_UNCONFIRMED
    assert not Booking.objects.exists()


def test_confirming_the_membership_lets_them_book(police_course_session):
    person = UserFactory(agency=AgencyFactory(sector=Sector.POLICE), agency_confirmed_at=None)
    person.agency_confirmed_at = NOW
    person.save()
    assert services.book(person, police_course_session, NOW).state == BookingState.BOOKED


def test_a_confirmed_member_of_another_sector_is_told_it_is_for_others(police_course_session):
    person = UserFactory(agency=AgencyFactory(sector=Sector.HEALTH))
    with pytest.raises(services.BookingRefused) as refused:
        services.book(person, police_course_session, NOW)
    assert refused.value.message == selectors.NOT_IN_AUDIENCE


def test_a_role_only_row_still_admits_people_without_a_confirmed_agency():
    session = make_session(start=START)
    CourseAudience.objects.create(course=session.course, job_role=JobRole.FRONTLINE)
    person = UserFactory(agency=AgencyFactory(), agency_confirmed_at=None)
    assert services.book(person, session, NOW).state == BookingState.BOOKED


def test_the_session_page_shows_the_unconfirmed_reason_and_no_button(client):
    session = make_session()  # a fortnight from the real now
    CourseAudience.objects.create(course=session.course, sector=Sector.POLICE)
    person = UserFactory(agency=AgencyFactory(sector=Sector.POLICE), agency_confirmed_at=None)
    sign_in(client, person)
    page = client.get(reverse("events:session", args=[session.pk])).content.decode()
    assert "has not confirmed you are one of its members" in page
    assert "Book a place" not in page


# --- 2. Approval by the agency lead ----------------------------------------------------------


@pytest.fixture
def agency():
    return AgencyFactory(sector=Sector.HOUSING)


@pytest.fixture
def lead(agency):
    return UserFactory(role=Role.AGENCY_LEAD, agency=agency)


@pytest.fixture
def approval_session():
    session = make_session(start=START, capacity=1)
    session.course.requires_approval = True
    session.course.save()
    return session


@pytest.fixture
def future_approval_session():
    """For the pages, which use the real clock."""
    session = make_session(capacity=1)
    session.course.requires_approval = True
    session.course.save()
    return session


def test_a_request_holds_no_seat_and_tells_the_person_and_the_lead(
    approval_session, agency, lead, commit
):
    person = UserFactory(agency=agency, email="asker@example.org")
    with commit():
        booking = services.book(person, approval_session, NOW)
    assert booking.state == BookingState.PENDING
    # Totara's rule: a request does not hold a seat until approved.
    assert selectors.seats_left(approval_session) == 1
    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {"asker@example.org", lead.email}
    assert "waiting for approval" in to["asker@example.org"].subject
    lead_mail = to[lead.email]
    assert "/training/approvals/" in lead_mail.body
    # Minimal detail: no name, no course title.
    assert person.full_name not in lead_mail.body
    assert approval_session.course.title not in lead_mail.body


def test_approval_books_a_seat_and_emails_an_invitation(approval_session, agency, lead, commit):
    person = UserFactory(agency=agency)
    booking = services.book(person, approval_session, NOW)
    mail.outbox.clear()
    with commit():
        booking = services.decide(booking, lead, approve=True, now=NOW + HOUR)
    assert booking.state == BookingState.BOOKED and booking.decided_at == NOW + HOUR
    [message] = mail.outbox
    assert message.to == [person.email] and message.subject.endswith("is booked")
    assert message.attachments[0][0] == "invitation.ics"
    assert selectors.seats_left(approval_session) == 0


def test_approval_when_full_joins_the_waiting_list(approval_session, agency, lead):
    first, second = UserFactory(agency=agency), UserFactory(agency=agency)
    one = services.book(first, approval_session, NOW)
    two = services.book(second, approval_session, NOW)
    assert services.decide(one, lead, True, NOW).state == BookingState.BOOKED
    assert services.decide(two, lead, True, NOW).state == BookingState.WAITING


def test_decline_emails_the_person_and_frees_their_course(approval_session, agency, lead, commit):
    person = UserFactory(agency=agency)
    booking = services.book(person, approval_session, NOW)
    mail.outbox.clear()
    with commit():
        booking = services.decide(booking, lead, approve=False, now=NOW)
    assert booking.state == BookingState.DECLINED
    [message] = mail.outbox
    assert message.subject.endswith("was not approved") and not message.attachments
    # No longer active: they may ask again (one active booking per course).
    assert services.book(person, approval_session, NOW).state == BookingState.PENDING


def test_deciding_twice_changes_nothing(approval_session, agency, lead):
    booking = services.book(UserFactory(agency=agency), approval_session, NOW)
    services.decide(booking, lead, True, NOW)
    assert services.decide(booking, lead, False, NOW).state == BookingState.BOOKED


def test_a_lead_of_another_agency_cannot_decide(approval_session, agency):
    booking = services.book(UserFactory(agency=agency), approval_session, NOW)
    other_lead = UserFactory(role=Role.AGENCY_LEAD, agency=AgencyFactory())
    with pytest.raises(PermissionDenied):
        services.decide(booking, other_lead, True, NOW)
    assert Booking.objects.get(pk=booking.pk).state == BookingState.PENDING
    assert list(selectors.pending_approvals(other_lead)) == []


def test_a_lead_whose_own_membership_is_unconfirmed_cannot_decide(approval_session, agency):
    booking = services.book(UserFactory(agency=agency), approval_session, NOW)
    lead = UserFactory(role=Role.AGENCY_LEAD, agency=agency, agency_confirmed_at=None)
    with pytest.raises(PermissionDenied):
        services.decide(booking, lead, True, NOW)


def test_a_learner_cannot_decide(approval_session, agency):
    booking = services.book(UserFactory(agency=agency), approval_session, NOW)
    with pytest.raises(PermissionDenied):
        services.decide(booking, UserFactory(agency=agency), True, NOW)


def test_the_coordinator_decides_for_any_agency(approval_session, agency):
    booking = services.book(UserFactory(agency=agency), approval_session, NOW)
    coordinator = UserFactory(role=Role.TRAINING_COORDINATOR)
    assert services.decide(booking, coordinator, True, NOW).state == BookingState.BOOKED


def test_without_a_confirmed_agency_nobody_can_approve_so_it_is_refused(approval_session, agency):
    person = UserFactory(agency=agency, agency_confirmed_at=None)
    with pytest.raises(services.BookingRefused) as refused:
        services.book(person, approval_session, NOW)
    assert refused.value.message == selectors.APPROVAL_NEEDS_AGENCY


def test_a_request_cannot_be_approved_once_the_session_started(approval_session, agency, lead):
    booking = services.book(UserFactory(agency=agency), approval_session, NOW)
    with pytest.raises(services.BookingRefused):
        services.decide(booking, lead, True, START)
    # Declining is still possible.
    assert services.decide(booking, lead, False, START).state == BookingState.DECLINED


def test_the_person_can_withdraw_a_request(approval_session, agency):
    booking = services.book(UserFactory(agency=agency), approval_session, NOW)
    assert services.cancel(booking, NOW).state == BookingState.CANCELLED


# --- The pages -------------------------------------------------------------------------------


def test_the_lead_approves_in_one_step_on_the_page(client, future_approval_session, agency, lead):
    person = UserFactory(agency=agency, full_name="Asha Patel")
    stranger = UserFactory(agency=AgencyFactory(), full_name="Other Agency Person")
    booking = services.book(person, future_approval_session)
    services.book(stranger, make_session(course=future_approval_session.course, capacity=1))
    sign_in(client, lead)
    page = client.get(reverse("events:approvals")).content.decode()
    assert "Asha Patel" in page and "Other Agency Person" not in page
    response = client.post(reverse("events:decide", args=[booking.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).state == BookingState.BOOKED
    assert "You approved Asha Patel" in client.get(response.url).content.decode()


def test_another_agency_s_request_is_not_found_for_a_lead(client, future_approval_session, agency):
    booking = services.book(UserFactory(agency=agency), future_approval_session)
    sign_in(client, UserFactory(role=Role.AGENCY_LEAD, agency=AgencyFactory()))
    response = client.post(reverse("events:decide", args=[booking.pk]), {"decision": "approve"})
    assert response.status_code == 404
    assert Booking.objects.get(pk=booking.pk).state == BookingState.PENDING


def test_a_learner_is_refused_the_approvals_page(client, agency):
    sign_in(client, UserFactory(agency=agency))
    assert client.get(reverse("events:approvals")).status_code == 403


def test_a_lead_without_a_code_this_session_is_asked_for_one(client, lead):
    sign_in(client, lead, mfa=False)
    response = client.get(reverse("events:approvals"))
    assert response.status_code == 302 and "reauthenticate" in response.url


def test_a_bad_decision_shows_an_error_and_changes_nothing(
    client, future_approval_session, agency, lead
):
    booking = services.book(UserFactory(agency=agency), future_approval_session)
    sign_in(client, lead)
    response = client.post(reverse("events:decide", args=[booking.pk]), {"decision": "maybe"})
    assert response.status_code == 400
    assert "Choose approve or decline" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).state == BookingState.PENDING


def test_asking_on_the_session_page_says_a_request_holds_no_place(
    client, future_approval_session, agency
):
    sign_in(client, UserFactory(agency=agency))
    url = reverse("events:session", args=[future_approval_session.pk])
    assert "Ask for a place" in client.get(url).content.decode()
    response = client.post(reverse("events:book", args=[future_approval_session.pk]), follow=True)
    page = response.content.decode()
    assert "Awaiting approval" in page and "Withdraw my request" in page


def test_leads_find_the_requests_from_upcoming_training(client, future_approval_session, agency):
    services.book(UserFactory(agency=agency), future_approval_session)
    sign_in(client, UserFactory(role=Role.AGENCY_LEAD, agency=agency))
    page = client.get(reverse("events:upcoming")).content.decode()
    assert reverse("events:approvals") in page and "(1 waiting)" in page
    client.logout()
    sign_in(client, UserFactory(agency=agency))
    page = client.get(reverse("events:upcoming")).content.decode()
    assert reverse("events:approvals") not in page
