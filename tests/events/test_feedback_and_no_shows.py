"""Evaluation after a session (groups of five or more) and no-show rates per agency."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.roles import Role
from courses.selectors.coverage import Scope
from events import selectors, services
from events.factories import make_session
from events.models import Booking, BookingState, SessionFeedback, SessionStatus
from network.factories import AgencyFactory
from tests.helpers import sign_in

from .conftest import NOW, START

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def attended_session(count: int, **kwargs):
    """A session that started an hour ago with ``count`` people marked attended."""
    start = timezone.now() - HOUR
    session = make_session(
        start=start, capacity=max(count, 1), booking_deadline=start - HOUR, **kwargs
    )
    people = [UserFactory() for _ in range(count)]
    bookings = [
        Booking.objects.create(session=session, user=p, state=BookingState.BOOKED) for p in people
    ]
    services.mark_attendance(
        session, {b.pk: BookingState.ATTENDED for b in bookings}, session.trainer
    )
    return session, [Booking.objects.get(pk=b.pk) for b in bookings]


def give(booking, text="Ask about coercive control", before=2, after=4):
    return services.submit_feedback(booking, do_differently=text, before=before, after=after)


# --- Feedback ------------------------------------------------------------------------------


def test_attendees_are_emailed_the_form_once(django_capture_on_commit_callbacks):
    start = timezone.now() - HOUR
    session = make_session(start=start, booking_deadline=start - HOUR)
    booking = Booking.objects.create(session=session, user=UserFactory(), state=BookingState.BOOKED)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_attendance(session, {booking.pk: BookingState.ATTENDED}, session.trainer)
        services.mark_attendance(session, {booking.pk: BookingState.ATTENDED}, session.trainer)
    feedback = [m for m in mail.outbox if "how the training session went" in m.subject]
    assert len(feedback) == 1
    assert reverse("events:feedback", args=[booking.pk]) in feedback[0].body
    assert session.course.title not in feedback[0].body


def test_a_no_show_gets_no_form(django_capture_on_commit_callbacks):
    start = timezone.now() - HOUR
    session = make_session(start=start, booking_deadline=start - HOUR)
    booking = Booking.objects.create(session=session, user=UserFactory(), state=BookingState.BOOKED)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_attendance(session, {booking.pk: BookingState.NO_SHOW}, session.trainer)
    assert not [m for m in mail.outbox if "how the training session went" in m.subject]
    with pytest.raises(services.BookingRefused):
        give(Booking.objects.get(pk=booking.pk))


def test_one_response_per_attendee():
    _session, [booking] = attended_session(1)
    give(booking)
    with pytest.raises(services.BookingRefused) as refused:
        give(booking)
    assert refused.value.message == services.FEEDBACK_GIVEN
    assert SessionFeedback.objects.count() == 1


def test_the_form_page_saves_and_then_says_it_was_given(client):
    _session, [booking] = attended_session(1)
    sign_in(client, booking.user)
    url = reverse("events:feedback", args=[booking.pk])
    assert "What will you do differently" in client.get(url).content.decode()
    response = client.post(
        url, {"do_differently": "Use DASH", "confidence_before": "2", "confidence_after": "5"}
    )
    assert response.status_code == 302
    saved = SessionFeedback.objects.get()
    assert (saved.confidence_before, saved.confidence_after) == (2, 5)
    assert "already given feedback" in client.get(url).content.decode()


def test_bad_input_shows_errors_and_keeps_what_was_typed(client):
    _session, [booking] = attended_session(1)
    sign_in(client, booking.user)
    url = reverse("events:feedback", args=[booking.pk])
    response = client.post(url, {"do_differently": "I will ask directly", "confidence_before": "9"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Select how confident you were before the training, from 1 to 5" in page
    assert "Select how confident you are after the training" in page
    assert "I will ask directly" in page
    assert not SessionFeedback.objects.exists()


def test_someone_else_s_booking_is_not_found(client):
    _session, [booking] = attended_session(1)
    sign_in(client, UserFactory())
    assert client.get(reverse("events:feedback", args=[booking.pk])).status_code == 404


def test_a_group_of_four_is_not_reported_and_five_is(client, user_with_role):
    _session, bookings = attended_session(5)
    for i, booking in enumerate(bookings[:4]):
        give(booking, text=f"Answer {i}", before=2, after=4)
    report = selectors.feedback_report()
    [course] = report["courses"]
    assert not course["enough"] and course["message"] == selectors.NOT_ENOUGH_RESPONSES
    assert not course["sessions"][0]["enough"]
    give(bookings[4], text="Answer 4", before=3, after=5)
    [course] = selectors.feedback_report()["courses"]
    assert course["enough"] and course["count"] == 5
    assert course["before"] == 2.2 and course["after"] == 4.2
    assert course["texts"] == [f"Answer {i}" for i in range(5)]
    # The page: the coordinator sees the answers without names; nobody else sees it.
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    page = client.get(reverse("events_admin_feedback")).content.decode()
    assert "Answer 3" in page
    for booking in bookings:
        assert booking.user.full_name not in page and booking.user.email not in page


def test_the_report_below_five_says_not_enough(client, user_with_role):
    _session, bookings = attended_session(2)
    give(bookings[0], text="Secret-ish answer")
    sign_in(client, user_with_role(Role.TRAINING_COORDINATOR))
    page = client.get(reverse("events_admin_feedback")).content.decode()
    assert "Not enough responses to report" in page and "Secret-ish answer" not in page


def test_a_lead_cannot_see_the_feedback_report(client, user_with_role):
    sign_in(client, user_with_role(Role.AGENCY_LEAD, agency=AgencyFactory()))
    assert client.get(reverse("events_admin_feedback")).status_code in (302, 403)


# --- No-show rates ---------------------------------------------------------------------------


def marked(session, person, state):
    return Booking.objects.create(session=session, user=person, state=state)


def test_no_show_rates_per_agency_over_a_period():
    x, y = AgencyFactory(name="X agency"), AgencyFactory(name="Y agency")
    inside = make_session(start=START, capacity=20)
    outside = make_session(start=START + datetime.timedelta(days=60), capacity=20)
    for state in [BookingState.ATTENDED] * 3 + [BookingState.NO_SHOW]:
        marked(inside, UserFactory(agency=x), state)
    marked(inside, UserFactory(agency=x), BookingState.LATE_CANCELLATION)
    marked(inside, UserFactory(agency=x), BookingState.CANCELLED)  # not counted
    marked(inside, UserFactory(agency=x, agency_confirmed_at=None), BookingState.NO_SHOW)
    marked(inside, UserFactory(agency=y), BookingState.LATE_CANCELLATION)
    marked(outside, UserFactory(agency=x), BookingState.NO_SHOW)  # outside the period
    rows = selectors.no_show_rates(Scope(None), NOW, NOW + datetime.timedelta(days=30))
    assert rows == [
        {
            "agency_id": x.pk,
            "agency": "X agency",
            "attended": 3,
            "no_shows": 1,
            "late_cancellations": 1,
            "rate": 0.25,
        },
        {
            "agency_id": y.pk,
            "agency": "Y agency",
            "attended": 0,
            "no_shows": 0,
            "late_cancellations": 1,
            "rate": None,
        },
    ]
    # Open-ended: the later session's no-show counts too (1 + 1 of 5).
    [all_x, _] = selectors.no_show_rates(Scope(None))
    assert all_x["no_shows"] == 2 and all_x["rate"] == 2 / 5


def test_a_lead_sees_only_their_agency_and_a_learner_nothing():
    x, y = AgencyFactory(), AgencyFactory()
    session = make_session(start=START, capacity=5)
    marked(session, UserFactory(agency=x), BookingState.NO_SHOW)
    marked(session, UserFactory(agency=y), BookingState.NO_SHOW)
    lead = UserFactory(role=Role.AGENCY_LEAD, agency=x)
    assert [r["agency_id"] for r in selectors.no_show_rates(lead)] == [x.pk]
    with pytest.raises(PermissionDenied):
        selectors.no_show_rates(UserFactory(agency=x))


def test_cancelled_sessions_do_not_count():
    x = AgencyFactory()
    session = make_session(start=START, capacity=5, status=SessionStatus.CANCELLED)
    marked(session, UserFactory(agency=x), BookingState.NO_SHOW)
    assert selectors.no_show_rates(Scope(None)) == []


def test_the_coverage_dashboard_shows_no_show_rates_rounded_halves_up(client):
    """7 attended and 1 no-show is 12.5%: shown as 13%, as every percentage on the page is
    rounded (courses.coverage_definitions.percent), not 12% (rounding halves to even)."""
    x = AgencyFactory(name="X agency")
    session = make_session(start=START, capacity=10)
    for _ in range(7):
        marked(session, UserFactory(agency=x), BookingState.ATTENDED)
    marked(session, UserFactory(agency=x), BookingState.NO_SHOW)
    sign_in(client, UserFactory(role=Role.TRAINING_COORDINATOR))
    page = client.get(reverse("courses:coverage")).content.decode()
    table = page.split('id="no-show-rates"')[1].split("</table>")[0]
    assert "X agency" in table and "13%" in table and "12%" not in table


def test_with_no_marked_sessions_the_dashboard_says_so(client):
    sign_in(client, UserFactory(role=Role.TRAINING_COORDINATOR))
    page = client.get(reverse("courses:coverage")).content.decode()
    assert "No sessions have been marked on a register in this period" in page
