"""The quarterly Board report: any closed quarter from its snapshot, or this quarter so far.

Who: the Training Coordinator (``courses.view_coverage``) only. The report is the
partnership's, for every agency; an agency lead is refused (403) rather than given a
partial copy, because its headline figures are partnership-wide. Leads see their own
agency's figures on the coverage dashboard.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts import audit as audit_log

from . import board_report as pdf
from . import report_text
from .models import CoverageSnapshot
from .selectors.snapshots import (
    LIVE,
    Quarter,
    board_report,
    default_choice,
    last_closed_quarter,
    snapshot_choices,
)

NO_SUCH_QUARTER = "Choose a quarter from the list"


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(
        label="Quarter",
        help_text="Closed quarters show the final figures stored when the quarter ended.",
        error_messages={"invalid_choice": NO_SUCH_QUARTER, "required": NO_SUCH_QUARTER},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = choices


class BoardReportForm(QuarterForm):
    commentary = forms.CharField(
        label="Commentary for the Board",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the figures mean, where coverage is thin and what is planned. "
        "Separate paragraphs with a blank line.",
        error_messages={"max_length": "Commentary must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="report-%s", **kwargs)
        self.fields["quarter"].widget = forms.HiddenInput()


def _page(request, *, picker, report, pdf_form, status=200):
    errors = next((form for form in (picker, pdf_form) if form.errors), None)
    last_closed = last_closed_quarter(timezone.now())
    context = {
        # Between the quarter's end and the daily job's first run its report is not ready.
        "not_ready": None
        if CoverageSnapshot.objects.filter(
            year=last_closed.year, quarter=last_closed.number
        ).exists()
        else last_closed.label,
        "picker": picker,
        "report": report,
        "pdf_form": pdf_form,
        "form": errors,  # base.html's error summary
        "live": LIVE,
    }
    if report is not None:
        context.update(
            status_sentence=report_text.status_sentence(report),
            change_heading=report_text.change_heading(report),
            headline_rows=report_text.headline_rows(report),
            restatements=report_text.restatement_sentences(report),
            agency_rows=report_text.agency_rows(report),
            footnote=report_text.FOOTNOTE,
        )
    return TemplateResponse(request, "courses/coverage/board_report.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def board_report_view(request):
    """GET shows the report for ``?quarter=`` (default: the newest final quarter) with a
    form for the commentary; POST returns it as a PDF."""
    if not request.user.has_perm("courses.view_coverage"):
        raise PermissionDenied("Only the Training Coordinator produces the Board report.")
    now = timezone.now()
    choices = snapshot_choices(now)
    default = default_choice(now)
    data = request.POST if request.method == "POST" else request.GET
    chosen = data.get("quarter") or default
    bound = {"quarter": chosen}
    picker = QuarterForm(bound, choices=choices)
    if request.method == "POST":
        pdf_form = BoardReportForm(
            {"quarter": chosen, "commentary": data.get("commentary", "")}, choices=choices
        )
    else:
        pdf_form = BoardReportForm(initial={"quarter": chosen}, choices=choices)
    if not picker.is_valid():
        # Show the default quarter's report, and say the one asked for is not available.
        report = board_report(default, now)
        pdf_form = BoardReportForm(
            initial={"quarter": default, "commentary": data.get("commentary", "")},
            choices=choices,
        )
        return _page(request, picker=picker, report=report, pdf_form=pdf_form, status=400)
    report = board_report(picker.cleaned_data["quarter"], now)
    if request.method != "POST":
        return _page(request, picker=picker, report=report, pdf_form=pdf_form)
    if not pdf_form.is_valid():
        return _page(request, picker=picker, report=report, pdf_form=pdf_form, status=400)
    content = pdf.render(report, commentary=pdf_form.cleaned_data["commentary"])
    final = "final" if report["final"] else "live, not final"
    audit_log.record(
        "export.board_report",
        actor=request.user,
        summary=f"Board report (PDF), {report['label']} ({final})",
    )
    response = HttpResponse(content, content_type="application/pdf")
    name = report["quarter"].key if report["final"] else f"{Quarter.containing(now).key}-so-far"
    response["Content-Disposition"] = f'attachment; filename="board-report-{name}.pdf"'
    return response
