"""Booking, the waiting list, offers and cancellation, at the edges of each rule."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from accounts.factories import UserFactory
from accounts.models import JobRole
from events import selectors, services
from events.factories import make_session
from events.models import Booking, BookingState, CourseAudience, SessionStatus
from network.factories import AgencyFactory
from network.models import Sector

from .conftest import NOW, START

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)
HOUR = datetime.timedelta(hours=1)


def states(session):
    return list(session.bookings.order_by("created_at", "pk").values_list("state", flat=True))


# --- Booking ---------------------------------------------------------------------------------


def test_seats_go_first_come_then_the_waiting_list(session, people):
    first = services.book(people[0], session, NOW)
    assert first.state == BookingState.BOOKED and selectors.seats_left(session) == 1
    second = services.book(people[1], session, NOW)  # the last seat (capacity - 1 taken)
    assert second.state == BookingState.BOOKED and selectors.seats_left(session) == 0
    third = services.book(people[2], session, NOW)  # capacity + 1
    assert third.state == BookingState.WAITING
    assert selectors.seats_left(session) == 0


def test_an_offered_seat_is_taken_so_a_newcomer_waits(session, people):
    services.book(people[0], session, NOW)
    services.book(people[1], session, NOW)
    services.book(people[2], session, NOW)
    services.cancel(Booking.objects.get(user=people[0]), NOW + HOUR)
    assert Booking.objects.get(user=people[2]).state == BookingState.OFFERED
    # capacity 2 - 1 booked - 1 offered = 0
    assert selectors.seats_left(session) == 0
    assert services.book(people[3], session, NOW + HOUR).state == BookingState.WAITING


@pytest.mark.parametrize(
    ("offset", "accepted"), [(-SECOND, True), (datetime.timedelta(0), True), (SECOND, False)]
)
def test_bookings_are_taken_up_to_and_including_the_deadline(session, people, offset, accepted):
    moment = session.booking_deadline + offset
    if accepted:
        assert services.book(people[0], session, moment).state == BookingState.BOOKED
    else:
        with pytest.raises(services.BookingRefused, match="Booking for this session closed on"):
            services.book(people[0], session, moment)
        assert not Booking.objects.exists()


def test_the_deadline_is_shown_in_london_time(session, people):
    with pytest.raises(services.BookingRefused) as refusal:
        services.book(people[0], session, session.booking_deadline + SECOND)
    # 14 June 2026, 9:00am BST (08:00 UTC).
    assert "Sunday 14 June 2026, 9:00am" in refusal.value.message


@pytest.mark.parametrize(("offset", "accepted"), [(-SECOND, True), (datetime.timedelta(0), False)])
def test_nobody_books_once_the_session_has_started(people, offset, accepted):
    session = make_session(start=START, booking_deadline=START + HOUR)
    if accepted:
        assert services.book(people[0], session, START + offset).state == BookingState.BOOKED
    else:
        with pytest.raises(services.BookingRefused, match="already started"):
            services.book(people[0], session, START + offset)


def test_a_cancelled_session_takes_no_bookings(session, people):
    session.status = SessionStatus.CANCELLED
    session.save()
    with pytest.raises(services.BookingRefused, match="cancelled"):
        services.book(people[0], session, NOW)


def test_audience_sector_and_role(session):
    police, health = AgencyFactory(sector=Sector.POLICE), AgencyFactory(sector=Sector.HEALTH)
    CourseAudience.objects.create(course=session.course, sector=Sector.POLICE)
    CourseAudience.objects.create(course=session.course, job_role=JobRole.MANAGER)
    officer = UserFactory(agency=police, job_role=JobRole.FRONTLINE)
    nurse = UserFactory(agency=health, job_role=JobRole.FRONTLINE)
    nurse_manager = UserFactory(agency=health, job_role=JobRole.MANAGER)
    unaffiliated = UserFactory(agency=None, job_role=JobRole.VOLUNTEER)
    assert services.book(officer, session, NOW).state == BookingState.BOOKED
    assert services.book(nurse_manager, session, NOW).state == BookingState.BOOKED
    for person in (nurse, unaffiliated):
        with pytest.raises(services.BookingRefused, match="other sectors or roles"):
            services.book(person, session, NOW)


def test_a_course_with_no_audience_is_open_to_everyone(session):
    assert services.book(UserFactory(agency=None, job_role=""), session, NOW).is_active


def test_one_active_booking_per_course(session, people):
    other = make_session(start=START + datetime.timedelta(days=7), course=session.course)
    booking = services.book(people[0], session, NOW)
    with pytest.raises(services.BookingRefused, match="another session of this course"):
        services.book(people[0], other, NOW)
    services.cancel(booking, NOW)
    assert services.book(people[0], other, NOW).state == BookingState.BOOKED


def test_the_database_refuses_a_second_active_booking_on_a_course(session, people):
    other = make_session(start=START + datetime.timedelta(days=7), course=session.course)
    Booking.objects.create(session=session, user=people[0], state=BookingState.WAITING)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(session=other, user=people[0], state=BookingState.BOOKED)
    # A finished booking does not count.
    Booking.objects.filter(user=people[0]).update(state=BookingState.CANCELLED)
    Booking.objects.create(session=other, user=people[0], state=BookingState.BOOKED)


def test_booking_twice_is_one_booking_and_one_email(session, people, commit):
    with commit():
        first = services.book(people[0], session, NOW)
    with commit():
        again = services.book(people[0], session, NOW + SECOND)
    assert again.pk == first.pk
    assert Booking.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("other_start", "clash"),
    [
        (START + 3 * HOUR - SECOND, True),  # starts a second before the first one ends
        (START + 3 * HOUR, False),  # starts as the first one ends
        (START - HOUR + SECOND, True),  # ends a second after it starts
        (START - HOUR, False),  # ends as it starts
    ],
)
def test_overlapping_sessions_cannot_both_be_booked(session, people, other_start, clash):
    services.book(people[0], session, NOW)  # START to START + 3 h
    other = make_session(start=other_start, hours=1)
    if clash:
        with pytest.raises(services.BookingRefused, match="overlaps another session"):
            services.book(people[0], other, NOW)
    else:
        assert services.book(people[0], other, NOW).state == BookingState.BOOKED


def test_a_place_on_a_waiting_list_does_not_block_an_overlapping_session(session, people):
    services.book(people[0], session, NOW)
    services.book(people[1], session, NOW)
    services.book(people[2], session, NOW)  # waiting
    other = make_session(start=START, hours=1)
    assert services.book(people[2], other, NOW).state == BookingState.BOOKED


# --- Cancelling ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before_start", "state"),
    [
        (24 * HOUR + SECOND, BookingState.CANCELLED),
        (24 * HOUR, BookingState.CANCELLED),
        (24 * HOUR - SECOND, BookingState.LATE_CANCELLATION),
    ],
)
def test_cancelling_within_24_hours_is_a_late_cancellation(session, people, before_start, state):
    booking = services.book(people[0], session, NOW)
    assert services.cancel(booking, START - before_start).state == state
    assert selectors.seats_left(session) == 2


def test_leaving_the_waiting_list_late_is_not_a_late_cancellation(session, people):
    services.book(people[0], session, NOW)
    services.book(people[1], session, NOW)
    waiting = services.book(people[2], session, NOW)
    assert services.cancel(waiting, START - HOUR).state == BookingState.CANCELLED
    assert states(session) == ["booked", "booked", "cancelled"]


def test_nobody_cancels_once_the_session_has_started(session, people):
    booking = services.book(people[0], session, NOW)
    with pytest.raises(services.BookingRefused, match="has started"):
        services.cancel(booking, START)
    assert services.cancel(booking, START - SECOND).state == BookingState.LATE_CANCELLATION


def test_cancelling_twice_changes_nothing(session, people, commit):
    booking = services.book(people[0], session, NOW)
    with commit():
        services.cancel(booking, NOW)
        services.cancel(booking, NOW + HOUR)
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED and booking.sequence == 1
    assert len(mail.outbox) == 1


# --- The waiting list and offers -------------------------------------------------------------


def test_a_freed_seat_is_offered_to_the_first_person_waiting_for_48_hours(session, people, commit):
    booked = services.book(people[0], session, NOW)
    services.book(people[1], session, NOW)
    # Waiting in this order, though the rows were made the other way round.
    later = services.book(people[3], session, NOW + 2 * SECOND)
    earlier = Booking.objects.create(
        session=session, user=people[2], state=BookingState.WAITING, created_at=NOW + SECOND
    )
    mail.outbox.clear()
    with commit():
        services.cancel(booked, NOW + HOUR)
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert earlier.state == BookingState.OFFERED
    assert earlier.offer_expires_at == NOW + HOUR + datetime.timedelta(hours=48)
    assert later.state == BookingState.WAITING
    offer = next(m for m in mail.outbox if m.to == [people[2].email])
    assert offer.subject == "Safe City Learning: A place on a training session is free for you"
    assert "Wednesday 3 June 2026 at 10:00" in offer.body  # the expiry, in BST


def test_an_offer_never_outlives_the_start(session, people):
    booked = services.book(people[0], session, NOW)
    services.book(people[1], session, NOW)
    waiting = services.book(people[2], session, NOW)
    services.cancel(booked, START - 10 * HOUR)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == START


@pytest.fixture
def offer(session, people):
    """people[2] has been offered people[0]'s seat at NOW + 1 h; people[3] waits behind."""
    booked = services.book(people[0], session, NOW)
    services.book(people[1], session, NOW)
    services.book(people[2], session, NOW + SECOND)
    services.book(people[3], session, NOW + 2 * SECOND)
    services.cancel(booked, NOW + HOUR)
    return Booking.objects.get(user=people[2])


def test_accepting_an_open_offer_books_the_seat(offer, people, commit):
    with commit():
        booking = services.accept_offer(offer, offer.offer_expires_at - SECOND)
    assert booking.state == BookingState.BOOKED and booking.offer_expires_at is None
    assert mail.outbox[-1].subject.endswith("Your place on a training session is booked")
    # Accepting twice (a double submit) changes nothing.
    assert services.accept_offer(offer, offer.offer_expires_at - SECOND).pk == booking.pk


def test_an_offer_cannot_be_accepted_at_its_expiry(offer, people):
    with pytest.raises(services.BookingRefused, match="expired"):
        services.accept_offer(offer, offer.offer_expires_at)
    offer.refresh_from_db()
    assert offer.state == BookingState.CANCELLED
    assert Booking.objects.get(user=people[3]).state == BookingState.OFFERED


def test_expired_offers_go_to_the_next_in_line(offer, people, commit):
    assert services.expire_offers(offer.offer_expires_at - SECOND) == 0
    with commit():
        assert services.expire_offers(offer.offer_expires_at) == 1
    offer.refresh_from_db()
    following = Booking.objects.get(user=people[3])
    assert offer.state == BookingState.CANCELLED
    assert following.state == BookingState.OFFERED
    assert following.offer_expires_at == offer.offer_expires_at + datetime.timedelta(hours=48)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[people[2].email].endswith("Your offer of a training place has expired")
    assert subjects[people[3].email].endswith("A place on a training session is free for you")
    # Running again finds nothing more.
    assert services.expire_offers(offer.offer_expires_at) == 0


def test_declining_an_offer_passes_it_on(offer, people):
    services.cancel(offer, NOW + 2 * HOUR)
    assert Booking.objects.get(user=people[3]).state == BookingState.OFFERED


def test_the_offer_expiry_command_queues_the_task(offer, people):
    from django.core.management import call_command

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "_now", lambda now: offer.offer_expires_at)
        call_command("expire_training_offers", stdout=__import__("io").StringIO())
    offer.refresh_from_db()
    assert offer.state == BookingState.CANCELLED


def test_more_capacity_offers_the_new_seats_to_the_waiting_list(offer, people):
    session = offer.session
    services.book(people[4], session, NOW + 2 * HOUR)
    session.capacity = 3
    session.save()
    assert services.offer_free_seats(session, NOW + 3 * HOUR) == 1
    assert Booking.objects.get(user=people[3]).state == BookingState.OFFERED
    assert Booking.objects.get(user=people[4]).state == BookingState.WAITING


# --- The coordinator changes or cancels a session --------------------------------------------


def test_cancelling_a_session_cancels_every_booking_and_tells_everyone(offer, people, commit):
    with commit():
        assert services.cancel_session(offer.session, NOW + 2 * HOUR) == 3
    session = offer.session
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert set(states(session)) == {"cancelled"}
    told = {m.to[0]: m for m in mail.outbox if "is cancelled" in m.subject}
    assert set(told) == {people[1].email, people[2].email, people[3].email}
    assert told[people[1].email].attachments  # had a place: calendar cancellation
    assert not told[people[3].email].attachments  # was waiting: nothing in their calendar


def test_a_changed_session_sends_a_new_invitation_to_places_and_offers(offer, people, commit):
    with commit():
        assert services.notify_session_changed(offer.session, NOW + 2 * HOUR) == 2
    offer.session.refresh_from_db()
    assert offer.session.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox if "has changed" in m.subject) == sorted(
        [people[1].email, people[2].email]
    )


# --- Erasure -----------------------------------------------------------------------------------


def test_erasure_frees_future_places_and_keeps_marked_history(offer, people):
    from accounts.privacy import erase_user, export_user_data

    past = make_session(start=NOW - 30 * HOUR, booking_deadline=NOW - 40 * HOUR)
    attended = Booking.objects.create(session=past, user=people[1], state=BookingState.ATTENDED)
    exported = export_user_data(people[1])["training_bookings"]
    assert [row["state"] for row in exported] == ["Booked", "Attended"]

    with time_machine.travel(NOW + 2 * HOUR, tick=False):
        erase_user(people[1], by=None)
    assert list(Booking.objects.filter(user=people[1])) == [attended]
    # people[1]'s seat went to the next person waiting.
    assert Booking.objects.get(user=people[3]).state == BookingState.OFFERED
