"""Upcoming training, a session's page, booking buttons and "My bookings".

Every page is for signed-in people. Buttons are POST forms with CSRF; each action is safe to
submit twice (the services return the booking as it is). A refused action shows the session
page again with the reason in the error summary.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from . import ics, selectors, services
from .forms import RefusalForm, SessionFilterForm
from .models import Booking, BookingState, Session, SessionStatus


@login_required
@require_GET
def upcoming(request):
    now = timezone.now()
    form = SessionFilterForm(request.GET or None, today=timezone.localdate(now))
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    sessions = selectors.upcoming_sessions(now, **filters)
    rows = [
        {"session": s, "start": s.first_start, "places_left": max(s.capacity - s.taken, 0)}
        for s in sessions
    ]
    return TemplateResponse(
        request,
        "events/upcoming.html",
        {"form": form, "rows": rows, "filtered": bool(filters)},
    )


def _session_page(request, session: Session, refusal: str | None = None):
    now = timezone.now()
    booking = selectors.latest_booking(request.user, session)
    problem = None
    if booking is None or not booking.is_active:
        problem = selectors.booking_problem(request.user, session, now)
    seats_left = selectors.seats_left(session)
    context = {
        "session": session,
        "dates": list(session.dates.all()),
        "seats_left": seats_left,
        "full": seats_left == 0 or selectors.waiting_list(session).exists(),
        "booking": booking,
        "problem": problem,
        "cancelled": session.status == SessionStatus.CANCELLED,
        "show_joining_link": booking is not None and booking.has_place,
        "form": RefusalForm.with_message(refusal) if refusal else None,
    }
    return TemplateResponse(request, "events/session.html", context)


def _session(session_id: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related("course", "course__module"), pk=session_id
    )


@login_required
@require_GET
def session_detail(request, session_id: int):
    return _session_page(request, _session(session_id))


@login_required
@require_POST
def book(request, session_id: int):
    session = _session(session_id)
    try:
        booking = services.book(request.user, session)
    except services.BookingRefused as refusal:
        return _session_page(request, session, refusal.message)
    if booking.state == BookingState.BOOKED:
        messages.success(
            request, "Your place is booked. We have emailed you a calendar invitation."
        )
    else:
        messages.success(request, "The session is full: you are on the waiting list.")
    return redirect("events:session", session_id=session.pk)


def _own_booking(request, booking_id: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("session", "session__course"),
        pk=booking_id,
        user=request.user,
    )


@login_required
@require_POST
def cancel(request, booking_id: int):
    booking = _own_booking(request, booking_id)
    previous = booking.state
    try:
        booking = services.cancel(booking)
    except services.BookingRefused as refusal:
        return _session_page(request, _session(booking.session_id), refusal.message)
    if previous == BookingState.WAITING:
        messages.success(request, "You have left the waiting list.")
    elif previous == BookingState.OFFERED:
        messages.success(
            request, "You have declined the place. It will be offered to the next person."
        )
    elif previous == BookingState.BOOKED:
        messages.success(request, "Your booking is cancelled.")
    return redirect("events:session", session_id=booking.session_id)


@login_required
@require_POST
def accept(request, booking_id: int):
    booking = _own_booking(request, booking_id)
    try:
        services.accept_offer(booking)
    except services.BookingRefused as refusal:
        return _session_page(request, _session(booking.session_id), refusal.message)
    messages.success(request, "Your place is booked. We have emailed you a calendar invitation.")
    return redirect("events:session", session_id=booking.session_id)


@login_required
@require_GET
def my_bookings(request):
    now = timezone.now()
    bookings = list(selectors.bookings_of(request.user))
    upcoming = [b for b in bookings if b.first_start and b.first_start > now and b.is_active]
    past = [b for b in bookings if b not in upcoming]
    return TemplateResponse(
        request, "events/my_bookings.html", {"upcoming": upcoming, "past": past}
    )


@login_required
@require_GET
def calendar(request):
    now = timezone.now()
    content = ics.all_bookings(selectors.calendar_bookings(request.user, now), now)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="training-bookings.ics"'
    return response
