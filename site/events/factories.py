import datetime

import factory
from django.utils import timezone

from accounts.factories import UserFactory

from .models import Mode, Session, SessionDate, TrainingCourse


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse

    title = factory.Sequence(lambda n: f"DASH risk assessment {n}")
    summary = "How to complete the DASH risk checklist with a victim-survivor."


class SessionFactory(factory.django.DjangoModelFactory):
    """A session row without dates: use :func:`make_session` for one with a date."""

    class Meta:
        model = Session

    course = factory.SubFactory(TrainingCourseFactory)
    mode = Mode.IN_PERSON
    venue_address = "Room 2, Civic Centre, 1 High Street"
    venue_accessibility = "Step-free access and a hearing loop."
    trainer = factory.SubFactory(UserFactory)
    capacity = 2
    booking_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=13))


def make_session(start=None, hours=3, **kwargs) -> Session:
    """An in-person session of 2 places with one date from ``start`` (default: a fortnight
    away) lasting ``hours``; booking closes a day before the start unless given."""
    start = start or timezone.now() + datetime.timedelta(days=14)
    kwargs.setdefault("booking_deadline", start - datetime.timedelta(days=1))
    session = SessionFactory(**kwargs)
    SessionDate.objects.create(
        session=session, starts_at=start, ends_at=start + datetime.timedelta(hours=hours)
    )
    return session
