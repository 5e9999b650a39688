"""Writes for training sessions: booking, cancelling, the waiting list and offers.

The rules (definitions of states and seats are in ``events.models``):

- :func:`book` gives a seat when one is left and nobody is waiting; otherwise a place on the
  waiting list. It is refused, with the reason shown to the person, when the session is
  cancelled or has started, after the booking deadline (a booking exactly on the deadline is
  accepted), when the person is not in the course's audience, already has an active booking
  on another session of the course, or has a booked or offered session whose dates overlap.
  Booking the same session again returns the booking they have (a double submit books once).
- :func:`cancel` frees the seat. Cancelling a booked place less than 24 hours before the
  session's first start (``LATE_CANCELLATION``) records a **late cancellation**; exactly 24
  hours before is on time. Nobody cancels once the session has started (the trainer marks
  the register instead). Leaving the waiting list or declining an offer is a plain
  cancellation.
- Whenever a seat frees up, the first person waiting (by ``created_at``) is **offered** it,
  for 48 hours (``OFFER_VALID_FOR``) or until the session starts, whichever is sooner. The
  offer is open while ``now < offer_expires_at``. :func:`accept_offer` turns it into a
  place; :func:`expire_offers` (a background task, queued every few minutes by
  ``manage.py expire_training_offers``) cancels expired offers and offers the seat to the
  next in line.
- The session row is locked (``select_for_update``) for every change to its bookings, so
  two people taking the last seat at once get exactly one seat between them
  (``tests/events/test_race_pg.py``).
- Each change emails the person (``events/email/*``: fixed wording, the date and a link)
  with a calendar invitation (``events.ics``), after the transaction commits.

The register (:func:`mark_attendance`): once the session has started, its trainer or the
coordinator (``selectors.may_mark_register``) marks each person with a place attended,
no-show or late cancellation. For a course linked to a module, each person marked attended
is added to the session's ``courses.FaceToFaceSession`` for their agency (one per session
and agency, ``SessionRecord``; date = the first date, trainer = the trainer's name) and
``courses.services.record_session_attendance`` completes the module for them, which issues
the certificate through ``module_completed``: the mechanism the Face-to-face sessions screen
uses. Someone with no agency (not listed) cannot be on such a record, so their completed
enrolment is made the same way without one. ``Booking.enrolment`` keeps the completion, so
saving the register again, or marking attended again after a no-show, never completes twice.
A later change from attended to no-show does not revoke anything: the coordinator revokes
the certificate if it was a mistake. A no-show or late cancellation gets nothing.

Approval (:func:`book` on a course that ``requires_approval``, then :func:`decide`): the
booking is created ``PENDING`` after every other rule has passed, holds no seat (as in
Totara: requests do not hold seats until approved), and the person must have a confirmed
agency (someone must be able to approve it). The person is told the request is waiting and
the agency's leads are told a request waits (a link only, no names). A lead of the person's
confirmed agency, or the coordinator, approves or declines in one step; approval books a
seat when one is left and nobody waits, else the waiting list (queued from the approval), and
emails the person as a booking does; declining emails them a fixed sentence and a link. A
request cannot be approved once the session has started or been cancelled.

Feedback (:func:`submit_feedback`): each person marked attended (first time) is emailed a
link to a short evaluation, answered once.

Coordinator tools: :func:`copy_session` (same course, place, trainer and dates, no
bookings), :func:`move_booking` (a place, offer or waiting place to another scheduled session
of the same course: the old invitation is cancelled, the new one sent, the freed seat offered
on), and ``notify_session_changed`` / ``cancel_session`` below.

Reminders (:func:`send_reminders`, queued hourly by ``manage.py
send_training_session_reminders``): the **week** reminder is due from 7 days before the
first start until 1 day before, for places booked before the 7 days began (a place booked
later has just had its booking email); the **day** reminder is due in the last day before
the start, for every booked place. The trainer gets each too, with the number of people
booked. Each is sent once (a flag claimed by a conditional update, so two workers send one).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import emails
from config.site_url import absolute

from . import ics, selectors
from .models import (
    ACTIVE_STATES,
    MARKS,
    Booking,
    BookingState,
    Session,
    SessionDate,
    SessionFeedback,
    SessionRecord,
    SessionStatus,
)

OFFER_VALID_FOR = datetime.timedelta(hours=48)
LATE_CANCELLATION = datetime.timedelta(hours=24)

REMINDER_WEEK = datetime.timedelta(days=7)
REMINDER_DAY = datetime.timedelta(days=1)

NOT_CANCELLABLE = "This session has started, so the booking can no longer be cancelled."
OFFER_CLOSED = "This offer is no longer open."
OFFER_EXPIRED = "This offer expired on {expiry}. You are no longer on the waiting list."
FEEDBACK_GIVEN = "You have already given feedback on this session. Thank you."
MOVE_OTHER_COURSE = "Choose a session of the same course."
MOVE_SAME_SESSION = "Choose a different session: the person is already on this one."
MOVE_NOT_ACTIVE = "This booking is no longer active, so it cannot be moved."


@dataclass
class BookingRefused(Exception):
    """The booking or change was not made; ``message`` says why, for the person."""

    message: str

    def __str__(self):
        return self.message


def _now(now):
    return now or timezone.now()


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


def _bump(booking: Booking, state: str, now, **fields) -> None:
    booking.state = state
    booking.updated_at = now
    booking.sequence += 1
    for name, value in fields.items():
        setattr(booking, name, value)
    booking.save(update_fields=["state", "updated_at", "sequence", *fields])


def _notify(booking: Booking, template: str, method: str | None, now, **context) -> None:
    """Email the person after commit, with the invitation or cancellation attached."""

    def send():
        fresh = Booking.objects.select_related("session__course", "user").get(pk=booking.pk)
        start = selectors.session_start(fresh.session)
        attachments = [ics.attachment(fresh, method, now)] if method else None
        emails.send(
            f"events/email/{template}",
            fresh.user.email,
            {
                "date": start,
                "link": absolute(reverse("events:session", args=[fresh.session_id])),
                **context,
            },
            attachments=attachments,
        )

    transaction.on_commit(send)


def book(user, session: Session, now: datetime.datetime | None = None) -> Booking:
    """Book ``user`` on ``session`` (a seat, or the waiting list). Raises BookingRefused."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        existing = selectors.active_booking(user, session)
        if existing is not None:
            return existing
        problem = selectors.booking_problem(user, session, now)
        if problem:
            raise BookingRefused(problem)
        if session.course.requires_approval:
            state = BookingState.PENDING
        else:
            state = _seat_or_queue(session)
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    session=session,
                    course_id=session.course_id,
                    user=user,
                    state=state,
                    created_at=now,
                    updated_at=now,
                )
        except IntegrityError:
            # Another request of theirs booked another session of the course at this moment.
            raise BookingRefused(selectors.ALREADY_ON_COURSE) from None
        if state == BookingState.PENDING:
            _notify(booking, "pending", None, now)
            _tell_leads(user.agency_id)
        elif state == BookingState.BOOKED:
            _notify(booking, "booked", ics.REQUEST, now)
        else:
            _notify(booking, "waiting", None, now)
    return booking


def _seat_or_queue(session: Session) -> str:
    """BOOKED when a seat is left and nobody is waiting, else WAITING (session locked)."""
    has_seat = selectors.seats_left(session) > 0 and not selectors.waiting_list(session).exists()
    return BookingState.BOOKED if has_seat else BookingState.WAITING


def _tell_leads(agency_id: int) -> None:
    """Tell the agency's leads a request waits: a link only, no name or course."""
    addresses = list(selectors.agency_leads(agency_id).values_list("email", flat=True))
    link = absolute(reverse("events:approvals"))

    def send():
        for address in addresses:
            emails.send("events/email/approval_requested", address, {"link": link})

    transaction.on_commit(send)


def decide(booking: Booking, by, approve: bool, now: datetime.datetime | None = None) -> Booking:
    """Approve or decline a request (``PENDING``). Raises PermissionDenied when ``by`` may
    not decide it (``selectors.approval_scope``) and BookingRefused when the session has
    started or was cancelled. Deciding again returns the booking as it is."""
    from django.core.exceptions import PermissionDenied

    now = _now(now)
    scope = selectors.approval_scope(by)
    with transaction.atomic():
        session = _lock(booking.session)
        booking = Booking.objects.select_related("user").get(pk=booking.pk)
        person = booking.user
        if scope is not None and (
            person.agency_id not in scope or person.agency_confirmed_at is None
        ):
            raise PermissionDenied
        if booking.state != BookingState.PENDING:
            return booking  # already decided (a double submit) or withdrawn
        if not approve:
            _bump(booking, BookingState.DECLINED, now, decided_at=now)
            _notify(booking, "declined", None, now)
            return booking
        if session.status == SessionStatus.CANCELLED:
            raise BookingRefused(selectors.CANCELLED)
        start = selectors.session_start(session)
        if start is not None and now >= start:
            raise BookingRefused(selectors.STARTED)
        state = _seat_or_queue(session)
        booking.created_at = now  # queued from the approval, first come first served
        booking.save(update_fields=["created_at"])
        _bump(booking, state, now, decided_at=now)
        if state == BookingState.BOOKED:
            _notify(booking, "booked", ics.REQUEST, now)
        else:
            _notify(booking, "waiting", None, now)
    return booking


def submit_feedback(
    booking: Booking, *, do_differently: str, before: int, after: int, now=None
) -> SessionFeedback:
    """Record one attendee's evaluation. Raises BookingRefused when they were not marked
    attended or have already answered (one response per attendee)."""
    now = _now(now)
    problem = selectors.feedback_problem(booking)
    if problem:
        raise BookingRefused(problem)
    try:
        with transaction.atomic():
            return SessionFeedback.objects.create(
                booking=booking,
                do_differently=do_differently.strip(),
                confidence_before=before,
                confidence_after=after,
                submitted_at=now,
            )
    except IntegrityError:
        raise BookingRefused(FEEDBACK_GIVEN) from None


def copy_session(session: Session) -> Session:
    """A new scheduled session of the same course, place, trainer, capacity, deadline and
    dates, with no bookings (the coordinator then changes its dates)."""
    with transaction.atomic():
        copy = Session.objects.create(
            course=session.course,
            mode=session.mode,
            venue_address=session.venue_address,
            venue_accessibility=session.venue_accessibility,
            venue_directions=session.venue_directions,
            joining_link=session.joining_link,
            trainer=session.trainer,
            capacity=session.capacity,
            booking_deadline=session.booking_deadline,
            status=SessionStatus.SCHEDULED,
        )
        for date in session.dates.all():
            SessionDate.objects.create(session=copy, starts_at=date.starts_at, ends_at=date.ends_at)
    return copy


def move_booking(
    booking: Booking, target: Session, now: datetime.datetime | None = None
) -> Booking:
    """Move a person's active booking to another session of the same course (the
    coordinator's tool). Their state carries over where it can: a place or an offer becomes
    a place if the target has a seat left and nobody waiting, else the waiting list; a
    waiting place joins the target's waiting list; a request stays a request. The old
    booking is cancelled (its invitation cancelled), the new one invited, and the seat freed
    on the old session is offered to the next person waiting. Audience and deadline are not
    checked: the coordinator decides. Raises BookingRefused for another course, a cancelled
    or started target, or a booking that is not active."""
    now = _now(now)
    if target.course_id != booking.course_id:
        raise BookingRefused(MOVE_OTHER_COURSE)
    if target.pk == booking.session_id:
        raise BookingRefused(MOVE_SAME_SESSION)
    first, second = sorted([booking.session_id, target.pk])
    with transaction.atomic():
        locked = {
            s.pk: s
            for s in Session.objects.select_for_update()
            .filter(pk__in=[first, second])
            .order_by("pk")
        }
        source, target = locked[booking.session_id], locked[target.pk]
        booking = Booking.objects.get(pk=booking.pk)
        if booking.state not in ACTIVE_STATES:
            raise BookingRefused(MOVE_NOT_ACTIVE)
        problem = None
        if target.status == SessionStatus.CANCELLED:
            problem = selectors.CANCELLED
        start = selectors.session_start(target)
        if start is None or now >= start:
            problem = problem or selectors.STARTED
        if problem:
            raise BookingRefused(problem)
        previous = booking.state
        _bump(booking, BookingState.CANCELLED, now, offer_expires_at=None)
        had_invitation = previous in (BookingState.BOOKED, BookingState.OFFERED)
        if had_invitation:
            _notify(booking, "cancelled", ics.CANCEL, now)
        if previous == BookingState.PENDING:
            state = BookingState.PENDING
        elif previous == BookingState.WAITING:
            state = BookingState.WAITING
        else:
            state = _seat_or_queue(target)
        moved = Booking.objects.create(
            session=target,
            course_id=target.course_id,
            user_id=booking.user_id,
            state=state,
            created_at=now,
            updated_at=now,
        )
        template = {"booked": "booked", "waiting": "waiting", "pending": "pending"}[state]
        _notify(moved, template, ics.REQUEST if state == BookingState.BOOKED else None, now)
        if had_invitation:
            _offer_free_seats(source, now)
    return moved


def _offer_free_seats(session: Session, now) -> list[Booking]:
    """Offer each free seat to the next person waiting. Call with the session locked."""
    offered = []
    if session.status != SessionStatus.SCHEDULED:
        return offered
    start = selectors.session_start(session)
    if start is None or now >= start:
        return offered
    while selectors.seats_left(session) > 0:
        following = selectors.waiting_list(session).first()
        if following is None:
            break
        expiry = min(now + OFFER_VALID_FOR, start)
        _bump(following, BookingState.OFFERED, now, offer_expires_at=expiry)
        _notify(following, "offer", ics.REQUEST, now, expires_at=expiry)
        offered.append(following)
    return offered


def cancel(booking: Booking, now: datetime.datetime | None = None) -> Booking:
    """Cancel a place, an offer or a place on the waiting list, freeing the seat."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(booking.session)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.state not in ACTIVE_STATES:
            return booking  # already cancelled (a double submit)
        start = selectors.session_start(session)
        if start is not None and now >= start:
            raise BookingRefused(NOT_CANCELLABLE)
        previous = booking.state
        late = (
            previous == BookingState.BOOKED
            and start is not None
            and now > start - LATE_CANCELLATION
        )
        state = BookingState.LATE_CANCELLATION if late else BookingState.CANCELLED
        _bump(booking, state, now, offer_expires_at=None)
        had_invitation = previous in (BookingState.BOOKED, BookingState.OFFERED)
        _notify(booking, "cancelled", ics.CANCEL if had_invitation else None, now)
        if had_invitation:
            _offer_free_seats(session, now)
    return booking


def accept_offer(booking: Booking, now: datetime.datetime | None = None) -> Booking:
    """Take up an offered seat while the offer is open. Raises BookingRefused."""
    now = _now(now)
    expired = False
    with transaction.atomic():
        session = _lock(booking.session)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.state == BookingState.BOOKED:
            return booking  # a double submit
        if booking.state != BookingState.OFFERED:
            raise BookingRefused(OFFER_CLOSED)
        if now >= booking.offer_expires_at:
            _expire(booking, session, now)
            expired = True
        else:
            clash = selectors.overlapping_date(booking.user, session, exclude=booking)
            if clash is not None:
                raise BookingRefused(
                    selectors.OVERLAPS.format(when=selectors.when(clash.starts_at))
                )
            _bump(booking, BookingState.BOOKED, now, offer_expires_at=None)
            _notify(booking, "booked", ics.REQUEST, now)
    if expired:
        raise BookingRefused(OFFER_EXPIRED.format(expiry=selectors.when(booking.offer_expires_at)))
    return booking


def _expire(booking: Booking, session: Session, now) -> None:
    expiry = booking.offer_expires_at
    _bump(booking, BookingState.CANCELLED, now)
    _notify(booking, "offer_expired", ics.CANCEL, now, expires_at=expiry)
    _offer_free_seats(session, now)


def expire_offers(now: datetime.datetime | None = None) -> int:
    """Cancel every offer past its expiry and offer those seats on. Returns how many expired.

    Safe to run from two workers at once: each session is locked and re-read.
    """
    now = _now(now)
    count = 0
    session_ids = sorted(set(selectors.offers_expired_by(now).values_list("session_id", flat=True)))
    for session_id in session_ids:
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=session_id)
            for booking in selectors.offers_expired_by(now).filter(session=session):
                _expire(booking, session, now)
                count += 1
    return count


def withdraw_for_erasure(user, now: datetime.datetime | None = None) -> int:
    """Delete the person's active bookings (they will not come) and offer the freed seats.

    Used by ``accounts.privacy.erase_user``; their marked bookings (attended, no-show,
    cancellations) stay, pointing at the anonymised account, so attendance and no-show
    figures do not change. No email is sent to the erased person.
    """
    now = _now(now)
    removed = 0
    session_ids = sorted(
        set(
            Booking.objects.filter(user=user, state__in=ACTIVE_STATES).values_list(
                "session_id", flat=True
            )
        )
    )
    for session_id in session_ids:
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=session_id)
            deleted, _ = Booking.objects.filter(
                user=user, session=session, state__in=ACTIVE_STATES
            ).delete()
            removed += deleted
            _offer_free_seats(session, now)
    return removed


def notify_session_changed(session: Session, now: datetime.datetime | None = None) -> int:
    """After the dates or place of a session changed: a new invitation (higher SEQUENCE, same
    UIDs) to everyone with a place or an offer. Returns how many were told."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        Session.objects.filter(pk=session.pk).update(sequence=session.sequence + 1)
        told = 0
        for booking in session.bookings.filter(
            state__in=[BookingState.BOOKED, BookingState.OFFERED]
        ):
            _notify(booking, "changed", ics.REQUEST, now)
            told += 1
    return told


def cancel_session(session: Session, now: datetime.datetime | None = None) -> int:
    """Cancel a whole session: every active booking is cancelled and told (with METHOD:CANCEL
    for those who had an invitation). Returns how many bookings were cancelled."""
    now = _now(now)
    with transaction.atomic():
        session = _lock(session)
        session.status = SessionStatus.CANCELLED
        session.sequence += 1
        session.save(update_fields=["status", "sequence"])
        count = 0
        for booking in session.bookings.filter(state__in=ACTIVE_STATES):
            had_invitation = booking.state in (BookingState.BOOKED, BookingState.OFFERED)
            _bump(booking, BookingState.CANCELLED, now, offer_expires_at=None)
            _notify(booking, "session_cancelled", ics.CANCEL if had_invitation else None, now)
            count += 1
    return count


def offer_free_seats(session: Session, now: datetime.datetime | None = None) -> int:
    """Offer any free seats (after the capacity went up) to the people waiting."""
    now = _now(now)
    with transaction.atomic():
        return len(_offer_free_seats(_lock(session), now))


# --- The register --------------------------------------------------------------------------


def mark_attendance(
    session: Session, marks: dict[int, str], by, now: datetime.datetime | None = None
) -> list[Booking]:
    """Mark the register: ``marks`` maps booking ids of people on the register to one of
    ``MARKS``. Returns the bookings that completed the module now (first time attended).

    Raises PermissionDenied for anyone but the trainer or the coordinator, and
    BookingRefused before the session has started, for a cancelled session, or for a mark
    that is not one of ``MARKS`` or a booking not on this session's register (nothing is
    saved then).
    """
    from django.core.exceptions import PermissionDenied

    now = _now(now)
    if not selectors.may_mark_register(by, session):
        raise PermissionDenied
    completed = []
    with transaction.atomic():
        session = _lock(session)
        problem = selectors.register_problem(session, now)
        if problem:
            raise BookingRefused(problem)
        bookings = {b.pk: b for b in selectors.register(session)}
        for booking_id, mark in marks.items():
            if booking_id not in bookings or mark not in MARKS:
                raise BookingRefused(selectors.REGISTER_INVALID)
        for booking_id, mark in marks.items():
            booking = bookings[booking_id]
            if booking.state != mark:
                _bump(booking, mark, now, offer_expires_at=None)
            first_attendance = mark == BookingState.ATTENDED and booking.enrolment_id is None
            if first_attendance and _complete_module(session, booking):
                completed.append(booking)
            if mark == BookingState.ATTENDED and _claim(
                Booking, booking.pk, "feedback_invited_at", now
            ):
                _notify_feedback(booking)
    return completed


def _notify_feedback(booking: Booking) -> None:
    """The evaluation link, once per attendee: the session title, its date and a link."""

    def send():
        fresh = Booking.objects.select_related("session__course", "user").get(pk=booking.pk)
        emails.send(
            "events/email/feedback",
            fresh.user.email,
            {
                "date": selectors.session_start(fresh.session),
                "link": absolute(reverse("events:feedback", args=[fresh.pk])),
            },
        )

    transaction.on_commit(send)


def _complete_module(session: Session, booking: Booking) -> bool:
    """Complete the course's module for an attendee, once. Call with the session locked."""
    from courses.models import Enrolment, FaceToFaceSession
    from courses.services import record_session_attendance
    from courses.signals import module_completed

    module_id = session.course.module_id
    if module_id is None:
        return False
    user = booking.user
    start = selectors.session_start(session)
    day = timezone.localdate(start)
    if user.agency_id is not None:
        link = SessionRecord.objects.filter(session=session, agency_id=user.agency_id).first()
        if link is None:
            record = FaceToFaceSession.objects.create(
                date=day,
                module_id=module_id,
                trainer=session.trainer.full_name or "Trainer",
                agency_id=user.agency_id,
            )
            link = SessionRecord.objects.create(
                session=session, agency_id=user.agency_id, record=record
            )
        record = link.record
        enrolment = Enrolment.objects.filter(session=record, user=user).first()
        if enrolment is None:
            record.attendees.add(user)
            record_session_attendance(record)
            enrolment = Enrolment.objects.get(session=record, user=user)
    else:
        # As record_session_attendance does, without a per-agency record to hang it on.
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        enrolment = Enrolment.objects.create(
            user=user, module_id=module_id, started_at=moment, completed_at=moment
        )
        transaction.on_commit(
            lambda e=enrolment: module_completed.send(sender=Enrolment, enrolment=e)
        )
    booking.enrolment = enrolment
    booking.save(update_fields=["enrolment"])
    return True


# --- Reminders -----------------------------------------------------------------------------


def _claim(model, pk: int, flag: str, now) -> bool:
    """Set ``flag`` if it is still empty; True for the one caller that set it."""
    return bool(model.objects.filter(pk=pk, **{f"{flag}__isnull": True}).update(**{flag: now}))


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Send the week and day reminders that are due (see the module's docstring), to the
    people booked and to the trainer. Returns how many emails were sent."""
    now = _now(now)
    sent = 0
    for session in selectors.sessions_starting_between(now, now + REMINDER_WEEK):
        start = selectors.session_start(session)
        if now >= start - REMINDER_DAY:
            kind, booking_flag, trainer_flag = "day", "reminded_day_at", "trainer_reminded_day_at"
            booked = session.bookings.filter(state=BookingState.BOOKED)
        else:
            kind, booking_flag, trainer_flag = (
                "week",
                "reminded_week_at",
                "trainer_reminded_week_at",
            )
            booked = session.bookings.filter(
                state=BookingState.BOOKED, created_at__lt=start - REMINDER_WEEK
            )
        context = {
            "date": start,
            "course_title": session.course.title,
            "link": absolute(reverse("events:session", args=[session.pk])),
        }
        for booking in booked.select_related("user").filter(**{f"{booking_flag}__isnull": True}):
            if _claim(Booking, booking.pk, booking_flag, now):
                emails.send(f"events/email/reminder_{kind}", booking.user.email, context)
                sent += 1
        if _claim(Session, session.pk, trainer_flag, now):
            count = session.bookings.filter(state=BookingState.BOOKED).count()
            emails.send(
                f"events/email/trainer_reminder_{kind}",
                session.trainer.email,
                {
                    **context,
                    "attendees": count,
                    "link": absolute(reverse("events:register", args=[session.pk])),
                },
            )
            sent += 1
    return sent
