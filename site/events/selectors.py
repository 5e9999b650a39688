"""Reads for training sessions: places left, who may book, what someone has booked.

Never imports ``events.services``. Definitions are in ``events.models``.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Count,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
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
AGENCY_UNCONFIRMED = (
    "This course is for some sectors only, and your agency has not confirmed you are one of "
    "its members yet. Ask your agency lead or the Training Coordinator to confirm you."
)
APPROVAL_NEEDS_AGENCY = (
    "Your agency lead approves bookings for this course, and your agency has not confirmed "
    "you are one of its members yet. Ask your agency lead or the Training Coordinator to "
    "confirm you."
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


def confirmed_agency(user):
    """The person's agency if their membership is confirmed (``agency_confirmed_at`` set, as
    coverage counts people), else None: anyone can pick any agency at sign-up, so an
    unconfirmed choice proves nothing and never opens a course to them."""
    if getattr(user, "agency_id", None) is None or user.agency_confirmed_at is None:
        return None
    return user.agency


def _audience_match(rows, sector, job_role) -> bool:
    return any(
        (not row.sector or row.sector == sector) and (not row.job_role or row.job_role == job_role)
        for row in rows
    )


def in_audience(user, course: TrainingCourse) -> bool:
    """An open course (no audience rows), or a row whose sector and role (each empty = any)
    match the sector of the person's **confirmed** agency and their job role. A row that
    names a sector never matches someone whose agency membership is unconfirmed."""
    rows = list(course.audience.all())
    if not rows:
        return True
    agency = confirmed_agency(user)
    return _audience_match(rows, agency.sector if agency else None, user.job_role)


def audience_problem(user, course: TrainingCourse) -> str | None:
    """Why the audience keeps this person out (None when they are in it): an unconfirmed
    agency that would have matched gets its own message, so they know what to do."""
    if in_audience(user, course):
        return None
    agency = getattr(user, "agency", None) if getattr(user, "agency_id", None) else None
    if agency is not None and _audience_match(
        list(course.audience.all()), agency.sector, user.job_role
    ):
        return AGENCY_UNCONFIRMED
    return NOT_IN_AUDIENCE


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
    audience = audience_problem(user, session.course)
    if audience:
        return audience
    if session.course.requires_approval and confirmed_agency(user) is None:
        return APPROVAL_NEEDS_AGENCY
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
        sessions = sessions.filter(first_start__gte=start, first_start__lt=end)
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


# --- Approval by the agency lead ---------------------------------------------------------------


def is_coordinator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm("events.change_session")


def approval_scope(viewer) -> frozenset[int] | None:
    """The agencies whose people's requests ``viewer`` decides (None: every agency).

    The coordinator decides any request; an agency lead those of their own agency only, and
    only while their own membership of it is confirmed. Anyone else: PermissionDenied.
    """
    from django.core.exceptions import PermissionDenied

    if is_coordinator(viewer):
        return None
    if (
        getattr(viewer, "is_authenticated", False)
        and viewer.has_perm("courses.view_own_agency_coverage")
        and confirmed_agency(viewer) is not None
    ):
        return frozenset({viewer.agency_id})
    raise PermissionDenied("You cannot approve training bookings.")


def pending_approvals(viewer) -> QuerySet[Booking]:
    """Requests awaiting a decision that ``viewer`` may decide, oldest first: people whose
    membership of an agency in scope is confirmed (an unconfirmed member is never shown to
    a lead)."""
    scope = approval_scope(viewer)
    requests = Booking.objects.filter(state=BookingState.PENDING)
    if scope is not None:
        requests = requests.filter(
            user__agency_id__in=scope, user__agency_confirmed_at__isnull=False
        )
    return (
        requests.annotate(first_start=Min("session__dates__starts_at"))
        .select_related("user", "user__agency", "session", "session__course")
        .order_by("created_at", "pk")
    )


def agency_leads(agency_id: int) -> QuerySet:
    """Active, confirmed agency leads of one agency (who are told a request is waiting)."""
    from django.contrib.auth import get_user_model

    from accounts.roles import Role

    return (
        get_user_model()
        .objects.filter(
            groups__name=Role.AGENCY_LEAD,
            agency_id=agency_id,
            agency_confirmed_at__isnull=False,
            is_active=True,
        )
        .distinct()
    )


# --- Evaluation ----------------------------------------------------------------------------

#: Feedback is reported only for groups at least this big (fewer could identify people).
MIN_FEEDBACK_GROUP = 5
NOT_ENOUGH_RESPONSES = "Not enough responses to report"
FEEDBACK_NOT_YET = "You can give feedback once the trainer has marked you as attended."


def feedback_problem(booking: Booking) -> str | None:
    """Why this booking cannot give feedback: only people marked attended (which the
    register allows once the session has started) give it, once."""
    if booking.state != BookingState.ATTENDED:
        return FEEDBACK_NOT_YET
    return None


def feedback_due(user) -> QuerySet[Booking]:
    """Sessions the person attended and has not given feedback on, latest first."""
    return (
        Booking.objects.filter(user=user, state=BookingState.ATTENDED, feedback__isnull=True)
        .annotate(first_start=Min("session__dates__starts_at"))
        .select_related("session__course")
        .order_by("-first_start", "-pk")
    )


def _feedback_summary(responses) -> dict:
    """Averages and anonymous free text for a group, or ``enough=False`` below the minimum."""
    count = len(responses)
    if count < MIN_FEEDBACK_GROUP:
        return {"count": count, "enough": False, "message": NOT_ENOUGH_RESPONSES}
    before = sum(r.confidence_before for r in responses) / count
    after = sum(r.confidence_after for r in responses) / count
    texts = sorted((r.do_differently for r in responses), key=str.casefold)
    return {
        "count": count,
        "enough": True,
        "before": round(before, 1),
        "after": round(after, 1),
        "change": round(after - before, 1),
        "texts": texts,
    }


def feedback_report(course: TrainingCourse | None = None) -> dict:
    """Per course (all its sessions) and per session: how many responded, the average
    confidence before and after (1 to 5), and what people will do differently, without
    names or order of submission (sorted). Groups under ``MIN_FEEDBACK_GROUP`` responses
    show only ``NOT_ENOUGH_RESPONSES``. For the coordinator only (the views check)."""
    from .models import SessionFeedback

    responses = SessionFeedback.objects.select_related("booking__session__course")
    if course is not None:
        responses = responses.filter(booking__course=course)
    by_course: dict[int, list] = {}
    by_session: dict[int, list] = {}
    sessions = {}
    courses = {}
    for response in responses.order_by("pk"):
        session = response.booking.session
        by_course.setdefault(session.course_id, []).append(response)
        by_session.setdefault(session.pk, []).append(response)
        sessions[session.pk] = session
        courses[session.course_id] = session.course
    report = []
    for course_id, group in sorted(by_course.items(), key=lambda i: courses[i[0]].title):
        rows = [
            {"session": sessions[sid], **_feedback_summary(by_session[sid])}
            for sid in sorted(by_session)
            if sessions[sid].course_id == course_id
        ]
        report.append({"course": courses[course_id], **_feedback_summary(group), "sessions": rows})
    return {"courses": report, "minimum": MIN_FEEDBACK_GROUP}


# --- No-shows per agency -------------------------------------------------------------------


def no_show_rates(
    scope,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> list[dict]:
    """Attendance marks per agency over a period, for the coverage dashboard.

    - ``scope``: a ``courses.selectors.coverage.Scope`` or a person (their coverage scope:
      the coordinator every agency, a lead their own; anyone else PermissionDenied).
    - Period: sessions (not cancelled) whose first date starts at or after ``start`` and
      before ``end`` (either may be None: open-ended).
    - Who counts: people whose membership of the agency is confirmed (as coverage counts
      them), by their agency now.
    - **attended**, **no_shows**, **late_cancellations**: bookings marked on the register
      with that state (a late cancellation is also a booking cancelled by the person less
      than 24 hours before the start).
    - **rate** = no_shows / (attended + no_shows), a fraction from 0 to 1; None when nobody
      was marked attended or no-show (no register to judge by). Late cancellations are not
      in the rate: they told the trainer, so the seat could be offered.

    Returns one dict per agency with any of the three, by agency name.
    """
    from courses.selectors.coverage import scope_for

    scope = scope_for(scope)
    bookings = Booking.objects.filter(
        state__in=MARKS,
        user__agency__isnull=False,
        user__agency_confirmed_at__isnull=False,
    ).exclude(session__status=SessionStatus.CANCELLED)
    if scope.agency_ids is not None:
        bookings = bookings.filter(user__agency_id__in=scope.agency_ids)
    if start is not None or end is not None:
        bookings = bookings.annotate(
            session_start=Subquery(
                SessionDate.objects.filter(session=OuterRef("session"))
                .order_by("starts_at")
                .values("starts_at")[:1]
            )
        )
        if start is not None:
            bookings = bookings.filter(session_start__gte=start)
        if end is not None:
            bookings = bookings.filter(session_start__lt=end)
    rows = (
        bookings.order_by()
        .values("user__agency_id", "user__agency__name")
        .annotate(
            attended=Count("pk", filter=Q(state=BookingState.ATTENDED)),
            no_shows=Count("pk", filter=Q(state=BookingState.NO_SHOW)),
            late_cancellations=Count("pk", filter=Q(state=BookingState.LATE_CANCELLATION)),
        )
    )
    result = []
    for row in rows:
        judged = row["attended"] + row["no_shows"]
        result.append(
            {
                "agency_id": row["user__agency_id"],
                "agency": row["user__agency__name"],
                "attended": row["attended"],
                "no_shows": row["no_shows"],
                "late_cancellations": row["late_cancellations"],
                "rate": row["no_shows"] / judged if judged else None,
            }
        )
    return sorted(result, key=lambda r: (r["agency"].casefold(), r["agency_id"]))


# --- The coordinator's calendar --------------------------------------------------------------


def sessions_in_month(first: datetime.date) -> list[Session]:
    """Sessions (scheduled or cancelled) with a date starting in the month of ``first``
    (Europe/London), each with ``month_dates``: its dates in that month."""
    start = timezone.make_aware(datetime.datetime(first.year, first.month, 1))
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = timezone.make_aware(datetime.datetime(following.year, following.month, 1))
    sessions = (
        Session.objects.filter(dates__starts_at__gte=start, dates__starts_at__lt=end)
        .distinct()
        .select_related("course", "trainer")
        .prefetch_related("dates")
        .order_by("pk")
    )
    result = []
    for session in sessions:
        session.month_dates = [d for d in session.dates.all() if start <= d.starts_at < end]
        result.append(session)
    return result
