"""The last seat, taken by two people at the same moment, goes to exactly one of them.

``events.services.book`` locks the session row (SELECT ... FOR UPDATE) before counting the
seats, so the second booker counts after the first has committed. Without the lock both
would count one seat left and both would be booked.
"""

import threading

import pytest
from django.db import connection, connections

from accounts.factories import UserFactory
from events import services
from events.factories import make_session
from events.models import Booking, BookingState

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def race(session, people):
    barrier = threading.Barrier(len(people))
    errors = []

    def worker(person):
        try:
            barrier.wait()
            services.book(person, session)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.parametrize("round_", range(5))
def test_two_people_take_the_last_seat_at_once(round_):
    session = make_session(capacity=2)
    services.book(UserFactory(), session)  # one seat left
    first, second = UserFactory(), UserFactory()
    assert race(session, [first, second]) == []
    states = sorted(
        Booking.objects.filter(user__in=[first, second]).values_list("state", flat=True)
    )
    assert states == [BookingState.BOOKED, BookingState.WAITING]
    assert Booking.objects.filter(session=session, state=BookingState.BOOKED).count() == 2


def test_ten_people_for_three_seats():
    session = make_session(capacity=3)
    people = [UserFactory() for _ in range(10)]
    assert race(session, people) == []
    assert Booking.objects.filter(session=session, state=BookingState.BOOKED).count() == 3
    assert Booking.objects.filter(session=session, state=BookingState.WAITING).count() == 7


def test_one_person_double_submitting_from_two_tabs_books_once():
    session = make_session(capacity=5)
    person = UserFactory()
    assert race(session, [person, person]) == []
    assert Booking.objects.filter(user=person).count() == 1
