"""The Training Coordinator's tools in the admin, beside the Sessions listing.

- **Session tools** (one page per session): copy it, cancel it (everyone told, with a
  calendar cancellation; places freed, the waiting list cleared), move a person to another
  session of the same course, export the register as CSV. Changing a date is the session's
  Edit page: saving new dates sends everyone with a place an updated invitation (same UID,
  higher SEQUENCE; ``wagtail_hooks.SessionEditView``).
- **Calendar**: a month grid of sessions (plain links: no JavaScript needed).
- **Feedback**: the evaluation report per course and session, groups of five or more only.

Every view needs ``events.change_session`` (the coordinator); anyone else gets 403.
Actions are POST forms with CSRF; a refused action shows the page again with the reason.
"""

import calendar
import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import spreadsheets

from . import selectors, services
from .models import ACTIVE_STATES, Booking, Session, SessionStatus


def _require_coordinator(request) -> None:
    if not request.user.has_perm("events.change_session"):
        raise PermissionDenied


def _session(pk: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related("course", "trainer").prefetch_related("dates"), pk=pk
    )


class MoveForm(forms.Form):
    booking = forms.TypedChoiceField(
        label="Person to move",
        coerce=int,
        error_messages={
            "required": "Select the person to move",
            "invalid_choice": "Select a person from the list",
        },
    )
    target = forms.TypedChoiceField(
        label="Move them to",
        coerce=int,
        error_messages={
            "required": "Select the session to move them to",
            "invalid_choice": "Select a session from the list",
        },
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        people = (
            session.bookings.filter(state__in=ACTIVE_STATES)
            .select_related("user")
            .order_by("user__full_name", "pk")
        )
        self.fields["booking"].choices = [("", "Choose a person")] + [
            (b.pk, f"{b.user.full_name or b.user.email} ({b.get_state_display().lower()})")
            for b in people
        ]
        now = timezone.now()
        others = [
            s
            for s in selectors.upcoming_sessions(now).filter(course_id=session.course_id)
            if s.pk != session.pk
        ]
        self.fields["target"].choices = [("", "Choose a session")] + [
            (s.pk, f"{selectors.when(s.first_start)} ({max(s.capacity - s.taken, 0)} left)")
            for s in others
        ]


def _tools_page(request, session: Session, move_form=None, errors=None, status=200):
    return TemplateResponse(
        request,
        "events/admin/session_tools.html",
        {
            "session": session,
            "dates": list(session.dates.all()),
            "seats_left": selectors.seats_left(session),
            "waiting": selectors.waiting_list(session).count(),
            "active": session.bookings.filter(state__in=ACTIVE_STATES).count(),
            "move_form": move_form or MoveForm(session=session),
            "errors": errors or [],
            "cancelled": session.status == SessionStatus.CANCELLED,
        },
        status=status,
    )


@require_GET
def session_tools(request, pk: int):
    _require_coordinator(request)
    return _tools_page(request, _session(pk))


@require_POST
def copy_session(request, pk: int):
    _require_coordinator(request)
    copy = services.copy_session(_session(pk))
    messages.success(
        request,
        "Session copied, with the same dates and no bookings. Change its dates and save.",
    )
    return redirect("training_sessions:edit", copy.pk)


@require_POST
def cancel_session(request, pk: int):
    _require_coordinator(request)
    session = _session(pk)
    if request.POST.get("confirm") != "yes":
        errors = [{"message": "Confirm that you want to cancel the session", "href": "#confirm"}]
        return _tools_page(request, session, errors=errors, status=400)
    if session.status == SessionStatus.CANCELLED:
        messages.info(request, "This session was already cancelled.")
        return redirect("events_admin_session_tools", session.pk)
    count = services.cancel_session(session)
    messages.success(
        request,
        f"Session cancelled: {count} booking{'s' if count != 1 else ''} cancelled and told.",
    )
    return redirect("events_admin_session_tools", session.pk)


@require_http_methods(["POST"])
def move_person(request, pk: int):
    _require_coordinator(request)
    session = _session(pk)
    form = MoveForm(request.POST, session=session)
    if not form.is_valid():
        errors = [
            {"message": e, "href": f"#id_{name}"} for name, es in form.errors.items() for e in es
        ]
        return _tools_page(request, session, move_form=form, errors=errors, status=400)
    booking = get_object_or_404(Booking, pk=form.cleaned_data["booking"], session=session)
    target = get_object_or_404(Session, pk=form.cleaned_data["target"])
    try:
        moved = services.move_booking(booking, target)
    except services.BookingRefused as refusal:
        errors = [{"message": refusal.message, "href": "#id_target"}]
        return _tools_page(request, session, move_form=form, errors=errors, status=400)
    messages.success(
        request,
        f"Moved to the session on {selectors.when(selectors.session_start(target))} "
        f"({moved.get_state_display().lower()}). They have been emailed.",
    )
    return redirect("events_admin_session_tools", session.pk)


REGISTER_HEADER = ["Name", "Email", "Agency", "Job role", "Booking", "Booked at"]


def register_rows(session: Session) -> list[list]:
    """The register (people with a place, and the marks) as CSV rows, by name."""
    rows = []
    for booking in selectors.register(session):
        user = booking.user
        rows.append(
            [
                user.full_name,
                user.email,
                user.agency.name if user.agency_id else "",
                user.get_job_role_display(),
                booking.get_state_display(),
                timezone.localtime(booking.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return rows


@require_GET
def register_csv(request, pk: int):
    """The register as CSV, every cell through ``config.spreadsheets`` (formula-safe)."""
    _require_coordinator(request)
    session = _session(pk)
    content = spreadsheets.csv_text(REGISTER_HEADER, register_rows(session))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-{session.pk}.csv"'
    return response


def _month(value: str, today: datetime.date) -> datetime.date | None:
    if not value:
        return today.replace(day=1)
    try:
        year, number = (int(part) for part in value.split("-"))
        return datetime.date(year, number, 1)
    except ValueError:
        return None


@require_GET
def session_calendar(request):
    """A month grid (Monday first) listing each session on the days of its dates."""
    _require_coordinator(request)
    today = timezone.localdate()
    first = _month(request.GET.get("month", ""), today)
    error = None
    if first is None or not 2000 <= first.year <= 2100:
        error = "Enter a month as year and month, for example 2026-03"
        first = today.replace(day=1)
    by_day: dict[int, list] = {}
    for session in selectors.sessions_in_month(first):
        for date in session.month_dates:
            day = timezone.localtime(date.starts_at).day
            by_day.setdefault(day, []).append((date, session))
    for entries in by_day.values():
        entries.sort(key=lambda e: (e[0].starts_at, e[1].pk))
    weeks = [
        [{"day": day, "entries": by_day.get(day, [])} if day else None for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdayscalendar(first.year, first.month)
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return TemplateResponse(
        request,
        "events/admin/calendar.html",
        {
            "first": first,
            "weeks": weeks,
            "day_names": list(calendar.day_name),
            "previous": previous,
            "following": following,
            "error": error,
            "count": sum(len(v) for v in by_day.values()),
        },
        status=400 if error else 200,
    )


@require_GET
def feedback_report(request):
    _require_coordinator(request)
    return TemplateResponse(
        request, "events/admin/feedback_report.html", {"report": selectors.feedback_report()}
    )
