"""Reads for training sessions: places left, who may book, what someone has booked.

Never imports ``events.services``. Definitions are in ``events.models``.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import (
    ACTIVE_STATES,
    MARKS,
    SEAT_STATES,
    Booking,
    BookingState,
    Mode,
    Session,
    SessionDate,
    SessionStatus,
    TrainingCourse,
)

# Why a booking is refused: fixed wording shown in the page's error summary.
CANCELLED = "This session has been cancelled. Choose another session."
CLOSED = "Booking for this session closed on {deadline}. Choose another session."
STARTED = "This session has already started. Choose another session."
NOT_IN_AUDIENCE = (
    "This course is for other sectors or roles. If you think you should be able to book it, "
    "contact the Training Coordinator."
)
ALREADY_ON_COURSE = (
    "You already have a place, an offer or a place on the waiting list for another session "
    "of this course. Cancel that booking first if you want this session instead."
)
OVERLAPS = "This session overlaps another session you have booked, on {when}."
# Why the register cannot be saved.
REGISTER_NOT_STARTED = "You can mark the register once the session has started, on {when}."
REGISTER_CANCELLED = "This session was cancelled, so it has no register to mark."
REGISTER_NO_DATES = "This session has no dates yet."
REGISTER_INVALID = (
    "The register has changed since you opened it. Check the marks below and save again."
)


def when(moment: datetime.datetime) -> str:
    """A moment as GOV.UK writes it, in Europe/London: 'Tuesday 3 March 2026, 9:30am'."""
    local = timezone.localtime(moment)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{local:%A} {local.day} {local:%B} {local.year}, {hour}:{local:%M}{suffix}"


def seats_taken(session: Session) -> int:
    return session.bookings.filter(state__in=SEAT_STATES).count()


def seats_left(session: Session) -> int:
    """Capacity minus seats taken (booked, offered, attended, no-show); never negative."""
    return max(session.capacity - seats_taken(session), 0)


def waiting_list(session: Session) -> QuerySet[Booking]:
    """Waiting bookings, first come first served."""
    return session.bookings.filter(state=BookingState.WAITING).order_by("created_at", "pk")


def session_start(session: Session) -> datetime.datetime | None:
    return session.dates.aggregate(start=Min("starts_at"))["start"]


def in_audience(user, course: TrainingCourse) -> bool:
    """An open course (no audience rows), or a row whose sector and role (each empty = any)
    match the person's agency's sector and their job role."""
    rows = list(course.audience.all())
    if not rows:
        return True
    sector = user.agency.sector if getattr(user, "agency_id", None) else None
    return any(
        (not row.sector or row.sector == sector)
        and (not row.job_role or row.job_role == user.job_role)
        for row in rows
    )


def active_booking(user, session: Session) -> Booking | None:
    """The person's active booking on this session, if any."""
    return Booking.objects.filter(user=user, session=session, state__in=ACTIVE_STATES).first()


def latest_booking(user, session: Session) -> Booking | None:
    """Their most recent booking on this session, whatever its state."""
    return Booking.objects.filter(user=user, session=session).order_by("-created_at", "-pk").first()


def overlapping_date(user, session: Session, *, exclude: Booking | None = None):
    """The first date of the person's booked or offered sessions that overlaps one of this
    session's dates (touching end to start is not an overlap), or None."""
    theirs = SessionDate.objects.filter(
        session__bookings__user=user,
        session__bookings__state__in=[BookingState.BOOKED, BookingState.OFFERED],
        session__status=SessionStatus.SCHEDULED,
    ).exclude(session=session)
    if exclude is not None:
        theirs = theirs.exclude(session__bookings=exclude)
    for date in session.dates.all():
        clash = (
            theirs.filter(starts_at__lt=date.ends_at, ends_at__gt=date.starts_at)
            .order_by("starts_at")
            .first()
        )
        if clash is not None:
            return clash
    return None


def booking_problem(user, session: Session, now: datetime.datetime) -> str | None:
    """Why this person cannot book this session now (None when they can).

    Bookings are taken up to and including ``booking_deadline``, and never once the session
    has started.
    """
    if session.status == SessionStatus.CANCELLED:
        return CANCELLED
    start = session_start(session)
    if start is not None and now >= start:
        return STARTED
    if now > session.booking_deadline:
        return CLOSED.format(deadline=when(session.booking_deadline))
    if not in_audience(user, session.course):
        return NOT_IN_AUDIENCE
    if (
        Booking.objects.filter(user=user, course_id=session.course_id, state__in=ACTIVE_STATES)
        .exclude(session=session)
        .exists()
    ):
        return ALREADY_ON_COURSE
    clash = overlapping_date(user, session)
    if clash is not None:
        return OVERLAPS.format(when=when(clash.starts_at))
    return None


def _first_start():
    return Subquery(
        SessionDate.objects.filter(session=OuterRef("pk"))
        .order_by("starts_at")
        .values("starts_at")[:1]
    )


def _taken():
    return Coalesce(
        Subquery(
            Booking.objects.filter(session=OuterRef("pk"), state__in=SEAT_STATES)
            .order_by()
            .values("session")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def upcoming_sessions(
    now: datetime.datetime,
    *,
    module_id: int | None = None,
    month: datetime.date | None = None,
    mode: str = "",
    places_only: bool = False,
) -> QuerySet[Session]:
    """Scheduled sessions that have not started, soonest first, each annotated with
    ``first_start`` and ``taken``. ``month`` keeps sessions whose first date falls in that
    month (Europe/London); ``places_only`` keeps those with a seat left."""
    sessions = (
        Session.objects.filter(status=SessionStatus.SCHEDULED)
        .annotate(first_start=_first_start(), taken=_taken())
        .filter(first_start__gt=now)
        .select_related("course", "course__module")
        .prefetch_related("dates")
        .order_by("first_start", "pk")
    )
    if module_id:
        sessions = sessions.filter(course__module_id=module_id)
    if month is not None:
        start = timezone.make_aware(datetime.datetime(month.year, month.month, 1))
        following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        end = timezone.make_aware(datetime.datetime(following.year, following.month, 1))
        sessions = sessions.filter(first_start__gt=start, first_start__lte=end)
    if mode in Mode.values:
        sessions = sessions.filter(mode=mode)
    if places_only:
        sessions = [s for s in sessions if s.taken < s.capacity]
    return sessions


def bookings_of(user) -> QuerySet[Booking]:
    """Everything the person has booked, newest session first."""
    return (
        Booking.objects.filter(user=user)
        .annotate(first_start=Min("session__dates__starts_at"))
        .select_related("session", "session__course")
        .prefetch_related("session__dates")
        .order_by("-first_start", "-pk")
    )


def calendar_bookings(user, now: datetime.datetime) -> QuerySet[Booking]:
    """What "Download all my bookings" holds: booked and offered places on scheduled sessions
    that have not ended."""
    return (
        Booking.objects.filter(
            user=user,
            state__in=[BookingState.BOOKED, BookingState.OFFERED],
            session__status=SessionStatus.SCHEDULED,
        )
        .filter(Q(session__dates__ends_at__gt=now))
        .distinct()
        .select_related("session", "session__course")
        .prefetch_related("session__dates")
        .order_by("pk")
    )


def offers_expired_by(now: datetime.datetime) -> QuerySet[Booking]:
    """Offers whose 48 hours are up: an offer is open while ``now < offer_expires_at``."""
    return Booking.objects.filter(state=BookingState.OFFERED, offer_expires_at__lte=now)


def may_mark_register(user, session: Session) -> bool:
    """The session's trainer, or the coordinator (who may change sessions)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk == session.trainer_id or user.has_perm("events.change_session")


def register_problem(session: Session, now: datetime.datetime) -> str | None:
    """Why the register cannot be marked now: only once the session has started."""
    if session.status == SessionStatus.CANCELLED:
        return REGISTER_CANCELLED
    start = session_start(session)
    if start is None or now < start:
        return REGISTER_NOT_STARTED.format(when=when(start)) if start else REGISTER_NO_DATES
    return None


def register(session: Session) -> list[Booking]:
    """The people on the register, by name: each person's latest booking on the session
    that is booked or marked (attended, no-show, late cancellation)."""
    rows = (
        Booking.objects.filter(session=session, state__in=[BookingState.BOOKED, *MARKS])
        .select_related("user", "user__agency")
        .order_by("-created_at", "-pk")
    )
    latest = {}
    for booking in rows:
        latest.setdefault(booking.user_id, booking)
    return sorted(
        latest.values(), key=lambda b: ((b.user.full_name or b.user.email).casefold(), b.pk)
    )


def sessions_starting_between(
    start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Session]:
    """Scheduled sessions whose first date starts after ``start`` and at or before ``end``."""
    return (
        Session.objects.filter(status=SessionStatus.SCHEDULED)
        .annotate(first_start=_first_start())
        .filter(first_start__gt=start, first_start__lte=end)
        .select_related("course", "trainer")
        .order_by("first_start", "pk")
    )
