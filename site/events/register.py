"""The register's pages: the attendee list with a mark per person, and the sign-in sheet.

For the session's trainer and the coordinator only (anyone else: 403). The list can be
seen (and the sheet printed) before the session; marks are saved once it has started.
A refused save shows the page again with the reason in the error summary and the marks as
they were submitted.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services, sign_in_sheet
from .models import MARKS, BookingState, Session

NOT_REVOKED = (
    "Changing a mark from attended does not take back the module completion or the "
    "certificate: ask the coordinator to revoke it."
)


def _session_for_register(request, session_id: int) -> Session:
    session = get_object_or_404(
        Session.objects.select_related("course", "course__module", "trainer"), pk=session_id
    )
    if not selectors.may_mark_register(request.user, session):
        raise PermissionDenied
    return session


def _field(booking) -> str:
    return f"booking-{booking.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def register(request, session_id: int):
    session = _session_for_register(request, session_id)
    bookings = selectors.register(session)
    now = timezone.now()
    errors = []
    submitted = {}
    if request.method == "POST":
        marks = {}
        for booking in bookings:
            value = request.POST.get(_field(booking), "")
            submitted[booking.pk] = value
            if value:
                marks[booking.pk] = value
        try:
            completed = services.mark_attendance(session, marks, request.user, now)
        except services.BookingRefused as refusal:
            errors.append({"message": refusal.message, "href": "#register"})
        else:
            text = "The register is saved."
            if completed:
                n = len(completed)
                text += (
                    f" {n} {'person' if n == 1 else 'people'} completed "
                    f"{session.course.module.title} and will get a certificate."
                )
            messages.success(request, text)
            return redirect("events:register", session_id=session.pk)
    rows = []
    for booking in bookings:
        current = submitted.get(booking.pk, booking.state if booking.state in MARKS else "")
        rows.append(
            {
                "booking": booking,
                "field": _field(booking),
                "current": current,
                "choices": [(value, BookingState(value).label) for value in MARKS],
            }
        )
    problem = selectors.register_problem(session, now)
    context = {
        "session": session,
        "dates": list(session.dates.all()),
        "rows": rows,
        "errors": errors,
        "not_yet": problem,
        "not_revoked": NOT_REVOKED,
    }
    return TemplateResponse(request, "events/register.html", context)


@login_required
@require_GET
def sign_in_sheet_pdf(request, session_id: int):
    session = _session_for_register(request, session_id)
    content = sign_in_sheet.render(session, selectors.register(session))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sign-in-sheet-{session.pk}.pdf"'
    return response
