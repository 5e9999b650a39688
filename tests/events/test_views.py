"""The learner's pages: Upcoming training, a session, booking buttons, My bookings."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.factories import UserFactory
from courses.factories import module_with_lessons
from events import services
from events.factories import TrainingCourseFactory, make_session
from events.models import Booking, BookingState, Mode
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def soon(days=10, hour=10):
    """A moment ``days`` from today at ``hour`` o'clock, London time."""
    date = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


@pytest.fixture
def learner(client):
    person = UserFactory()
    sign_in(client, person)
    return person


@pytest.fixture
def upcoming_session():
    return make_session(start=soon(), capacity=1)


def test_pages_need_signing_in(client, upcoming_session):
    for url in (
        reverse("events:upcoming"),
        reverse("events:session", args=[upcoming_session.pk]),
        reverse("events:my_bookings"),
        reverse("events:calendar"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_book_then_cancel_from_the_session_page(client, learner, upcoming_session):
    url = reverse("events:session", args=[upcoming_session.pk])
    page = client.get(url).content.decode()
    assert "Book a place" in page and "1 of 1" in page
    response = client.post(reverse("events:book", args=[upcoming_session.pk]))
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "Your place is booked" in page and "Cancel my booking" in page
    booking = Booking.objects.get(user=learner)
    client.post(reverse("events:cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED
    assert "Your booking is cancelled" in client.get(url).content.decode()


def test_a_double_submit_books_once(client, learner, upcoming_session):
    for _ in range(2):
        client.post(reverse("events:book", args=[upcoming_session.pk]))
    assert Booking.objects.filter(user=learner).count() == 1


def test_a_full_session_offers_the_waiting_list_then_the_offer_is_accepted(
    client, learner, upcoming_session
):
    other = UserFactory()
    taken = services.book(other, upcoming_session)
    url = reverse("events:session", args=[upcoming_session.pk])
    assert "Join the waiting list" in client.get(url).content.decode()
    client.post(reverse("events:book", args=[upcoming_session.pk]))
    mine = Booking.objects.get(user=learner)
    assert mine.state == BookingState.WAITING
    assert "Leave the waiting list" in client.get(url).content.decode()
    services.cancel(taken)
    page = client.get(url).content.decode()
    assert "Accept the place" in page and "Decline the place" in page
    client.post(reverse("events:accept", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.state == BookingState.BOOKED


def test_a_refusal_is_shown_in_the_error_summary(client, learner):
    closed = make_session(start=soon(), booking_deadline=timezone.now() - DAY)
    response = client.post(reverse("events:book", args=[closed.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Booking for this session closed on" in page
    assert "<title>Error:" in page
    assert not Booking.objects.exists()


def test_the_joining_link_is_only_for_people_with_a_place(client, learner):
    online = make_session(
        start=soon(), mode=Mode.ONLINE, venue_address="", joining_link="https://meet.example.org/r1"
    )
    url = reverse("events:session", args=[online.pk])
    page = client.get(url).content.decode()
    assert "meet.example.org" not in page and "shown here once you have a place" in page
    client.post(reverse("events:book", args=[online.pk]))
    assert 'href="https://meet.example.org/r1"' in client.get(url).content.decode()


def test_nobody_cancels_or_accepts_someone_else_s_booking(client, learner, upcoming_session):
    theirs = services.book(UserFactory(), upcoming_session)
    for name in ("events:cancel", "events:accept"):
        assert client.post(reverse(name, args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == BookingState.BOOKED


def test_buttons_are_post_forms_protected_by_csrf(learner, upcoming_session):
    strict = Client(enforce_csrf_checks=True)
    sign_in(strict, learner)
    page = strict.get(reverse("events:session", args=[upcoming_session.pk])).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and 'method="post"' in page
    assert strict.post(reverse("events:book", args=[upcoming_session.pk])).status_code == 403
    assert strict.get(reverse("events:book", args=[upcoming_session.pk])).status_code == 405
    assert not Booking.objects.exists()


def test_upcoming_lists_and_filters(client, learner, catalogue):
    module = module_with_lessons(catalogue, count=1, title="Marac in practice")
    linked = TrainingCourseFactory(title="Marac briefing", module=module)
    in_person = make_session(start=soon(10), course=linked, capacity=1)
    online = make_session(
        start=soon(40),
        mode=Mode.ONLINE,
        venue_address="",
        joining_link="https://meet.example.org/x",
    )
    make_session(start=timezone.now() - DAY)  # started: not listed
    services.book(UserFactory(), in_person)  # now full

    def titles(**params):
        response = client.get(reverse("events:upcoming"), params)
        assert response.status_code == 200
        page = response.content.decode()
        return {s.course.title for s in (in_person, online) if s.course.title in page}

    assert titles() == {"Marac briefing", online.course.title}
    assert titles(mode="online") == {online.course.title}
    assert titles(mode="in_person") == {"Marac briefing"}
    assert titles(places="on") == {online.course.title}
    assert titles(module=str(module.pk)) == {"Marac briefing"}
    month = timezone.localtime(online.starts_at).strftime("%Y-%m")
    expected = {online.course.title}
    if timezone.localtime(in_person.starts_at).strftime("%Y-%m") == month:
        expected.add("Marac briefing")
    assert titles(month=month) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"month": "2026-13"}, "Select a month from the list"),
        ({"module": "<script>"}, "Select a module from the list"),
        ({"mode": "teleport"}, "Select online, in person or either"),
    ],
)
def test_bad_filters_are_explained_not_a_server_error(client, learner, params, message):
    response = client.get(reverse("events:upcoming"), params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    assert "<script>" not in page.split("<main", 1)[1].split("</main>")[0].replace(
        "<script nonce", ""
    )


def test_my_bookings_and_the_calendar_download(client, learner, upcoming_session):
    later = make_session(start=soon(20))
    services.book(learner, upcoming_session)
    services.cancel(services.book(learner, later))
    page = client.get(reverse("events:my_bookings")).content.decode()
    assert upcoming_session.course.title in page and later.course.title in page
    assert "Download all my bookings" in page
    response = client.get(reverse("events:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [upcoming_session.course.title]
    assert "no-store" in response["Cache-Control"]


def test_the_pages_send_the_security_headers_and_are_not_cached(client, learner, upcoming_session):
    """The same check as tests/config/test_security_headers.py, on these pages."""
    from tests.config.test_security_headers import header_problems

    booking = services.book(learner, upcoming_session)
    for url in (
        reverse("events:upcoming"),
        reverse("events:session", args=[upcoming_session.pk]),
        reverse("events:my_bookings"),
        reverse("events:calendar"),
        reverse("events:book", args=[upcoming_session.pk]),  # GET: 405, still with headers
        reverse("events:cancel", args=[booking.pk]),
    ):
        response = client.get(url, secure=True)
        assert response.status_code < 500, url
        assert header_problems(response) == [], url
        assert "no-store" in response["Cache-Control"], url
