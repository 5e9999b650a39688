"""Upcoming training, a session's page, booking buttons and "My bookings".

Every page is for signed-in people. Buttons are POST forms with CSRF; each action is safe to
submit twice (the services return the booking as it is). A refused action shows the session
page again with the reason in the error summary.
"""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import ics, selectors, services
from .forms import DecisionForm, FeedbackForm, RefusalForm, SessionFilterForm
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
        {
            "form": form,
            "rows": rows,
            "filtered": bool(filters),
            "requests_waiting": _requests_waiting(request.user),
        },
    )


def _requests_waiting(user) -> int | None:
    """How many requests the person may decide now; None if they decide none."""
    try:
        return selectors.pending_approvals(user).count()
    except PermissionDenied:
        return None


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
        "may_see_register": selectors.may_mark_register(request.user, session),
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
    elif booking.state == BookingState.PENDING:
        messages.success(
            request,
            "Your request is sent to your agency lead. It does not hold a place until they "
            "approve it; we will email you their decision.",
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
    elif previous == BookingState.PENDING:
        messages.success(request, "You have withdrawn your request.")
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
        request,
        "events/my_bookings.html",
        {
            "upcoming": upcoming,
            "past": past,
            "feedback_due": list(selectors.feedback_due(request.user)),
        },
    )


@login_required
@require_GET
def calendar(request):
    now = timezone.now()
    content = ics.all_bookings(selectors.calendar_bookings(request.user, now), now)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="training-bookings.ics"'
    return response


# --- Approval by the agency lead ---------------------------------------------------------------


def staff_code_required(view):
    """The agency lead sees other people's names here, so, as on the coverage pages, a staff
    role needs two-factor authentication set up and a code entered in this session (the same
    rule as ``accounts.security.StaffSessionMiddleware`` for its protected prefixes)."""
    from accounts.security import ENTER_CODE_MESSAGE, entered_a_code, has_mfa, has_staff_role

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if has_staff_role(user):
            if not has_mfa(user):
                messages.warning(
                    request,
                    "Your role lets you see other people's records, so you need to set up "
                    "two-factor authentication before you continue.",
                )
                return redirect(reverse("mfa_activate_totp"))
            if not entered_a_code(request, user):
                messages.warning(request, ENTER_CODE_MESSAGE)
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return view(request, *args, **kwargs)

    return wrapped


def _approval_page(request, form=None, status=200):
    requests = list(selectors.pending_approvals(request.user))
    return TemplateResponse(
        request,
        "events/approvals.html",
        {"requests": requests, "form": form},
        status=status,
    )


@login_required
@staff_code_required
@require_GET
def approvals(request):
    """Requests for places awaiting the viewer's decision (an agency lead: their own
    confirmed members'; the coordinator: everyone's). Anyone else: 403."""
    selectors.approval_scope(request.user)  # PermissionDenied for anyone else
    return _approval_page(request)


@login_required
@staff_code_required
@require_POST
def decide(request, booking_id: int):
    """Approve or decline one request in one step. A request outside the viewer's agency,
    or one that does not exist, is 404 (its existence is not revealed)."""
    scope = selectors.approval_scope(request.user)
    booking = get_object_or_404(
        Booking.objects.select_related("user", "session", "session__course"), pk=booking_id
    )
    person = booking.user
    if scope is not None and (person.agency_id not in scope or person.agency_confirmed_at is None):
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _approval_page(request, form, status=400)
    try:
        booking = services.decide(booking, request.user, form.cleaned_data["decision"] == "approve")
    except services.BookingRefused as refusal:
        return _approval_page(request, RefusalForm.with_message(refusal.message))
    name = person.full_name or person.email
    if booking.state == BookingState.DECLINED:
        messages.success(request, f"You declined {name}'s request. We have emailed them.")
    elif booking.state == BookingState.BOOKED:
        messages.success(request, f"You approved {name}'s request: they have a place.")
    elif booking.state == BookingState.WAITING:
        messages.success(
            request, f"You approved {name}'s request: the session is full, so they are waiting."
        )
    return redirect("events:approvals")


# --- Evaluation ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, booking_id: int):
    """The attendee's own evaluation of a session, once; other people's bookings are 404."""
    booking = _own_booking(request, booking_id)
    given = hasattr(booking, "feedback") and booking.feedback is not None
    problem = None if given else selectors.feedback_problem(booking)
    form = FeedbackForm(request.POST or None) if not (given or problem) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.submit_feedback(
                booking,
                do_differently=form.cleaned_data["do_differently"],
                before=form.cleaned_data["confidence_before"],
                after=form.cleaned_data["confidence_after"],
            )
        except services.BookingRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Thank you for your feedback.")
            return redirect("events:my_bookings")
    status = 400 if request.method == "POST" and form is not None and form.errors else 200
    return TemplateResponse(
        request,
        "events/feedback.html",
        {
            "booking": booking,
            "session": booking.session,
            "form": form,
            "given": given,
            "problem": problem,
        },
        status=status,
    )
