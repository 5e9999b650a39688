"""The Training Coordinator's (and agency leads') coverage dashboard."""

import logging

import pandas as pd
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts import audit as audit_log
from accounts.selectors import awaiting_count
from config import spreadsheets
from network.models import Agency, Sector

from .charts import horizontal_bars
from .models import ModulePage
from .selectors.coverage import (
    confidence_change,
    coverage_by_sector,
    coverage_table,
    headlines,
    learners_for_cell,
    scope_for,
    sector_rows,
    trained_per_quarter,
)
from .services import nudges

audit = logging.getLogger("safecity.audit")

EXPORT_COLUMNS = {
    "agency": "Agency",
    "sector": "Sector",
    "headcount": "Headcount",
    "module": "Module",
    "registered": "Registered learners",
    "in_progress": "In progress",
    "in_date": "Holding an in-date certificate",
    "expiring": "Expiring within 60 days",
    "lapsed": "Lapsed",
    "required_missing": "Required but missing",
    "coverage": "Coverage of headcount (%)",
    "coverage_registered": "Coverage of registered learners (%)",
}


class CoverageFilterForm(forms.Form):
    start = forms.DateField(
        label="Trained from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, for example 1 October 2026"},
    )
    end = forms.DateField(
        label="Trained up to",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real date, for example 31 December 2026"},
    )
    sector = forms.ChoiceField(
        choices=[("", "All sectors"), *Sector.choices], required=False, label="Sector"
    )
    module = forms.ModelChoiceField(
        queryset=ModulePage.objects.live().order_by("path"),
        required=False,
        empty_label="All modules",
        label="Module",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", "The end date must be the same as or after the start date")
        return cleaned

    def period(self):
        """The chosen period as aware datetimes (end exclusive), or None for this quarter."""
        import datetime

        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if not (start or end):
            return None
        now = timezone.now()

        def at_midnight(day):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

        return (
            at_midnight(start) if start else now - datetime.timedelta(days=365 * 10),
            at_midnight(end + datetime.timedelta(days=1)) if end else now,
        )


def heat(value) -> str:
    """A band for colour; the number is always shown as text too."""
    if value is None or value != value:  # NaN: no headcount
        return "none"
    if value >= 80:
        return "high"
    if value >= 50:
        return "medium"
    return "low"


@require_GET
@login_required
def dashboard(request):
    scope_for(request.user)  # 403 for anyone without a coverage role
    form = CoverageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    module = filters.get("module")
    table = coverage_table(
        request.user, sector=filters.get("sector") or None, module_id=module.pk if module else None
    )
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(request, _export_frame(request, table), export)
    modules = list(dict.fromkeys(zip(table["module_id"], table["module"], strict=True)))
    rows = []
    for agency_id, group in table.groupby("agency_id", sort=False):
        first = group.iloc[0]
        cells = []
        for record in group.to_dict("records"):
            record["band"] = heat(record["coverage"])
            record["has_coverage"] = record["coverage"] == record["coverage"]
            cells.append(record)
        rows.append(
            {
                "agency_id": agency_id,
                "agency": first["agency"],
                "headcount": first["headcount"]
                if first["headcount"] == first["headcount"]
                else None,
                "cells": cells,
            }
        )
    sectors = coverage_by_sector(request.user)
    by_sector = sector_rows(sectors)
    per_quarter = trained_per_quarter(request.user)
    context = {
        "confidence": confidence_change(request.user),
        "by_sector": by_sector,
        "sector_chart": horizontal_bars(
            [
                (
                    row["sector"],
                    row["coverage"],
                    f"{row['coverage']:g}%" if row["coverage"] is not None else "No headcount",
                )
                for row in by_sector
            ],
            maximum=100,
        ),
        "per_quarter": per_quarter,
        "quarter_chart": horizontal_bars(
            [(label, count, str(count)) for label, count in per_quarter]
        ),
        "filter_form": form,
        "modules": modules,
        "rows": rows,
        "tiles": headlines(
            table,
            request.user,
            period=form.period() if form.is_valid() else None,
            sectors=sectors,
        ),
        # Members who chose an agency and are not confirmed yet (they do not count).
        "awaiting_confirmation": awaiting_count(request.user),
        # Shown in the page's error summary when a date is wrong.
        "form": form if form.errors else None,
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "courses/coverage/dashboard.html", context)


def _export_frame(request, table):
    """The table asked for (?table=agencies, sectors or quarters), with readable headings."""
    which = request.GET.get("table", "agencies")
    if which == "sectors":
        frame = coverage_by_sector(request.user)
        frame["sector"] = frame["sector"].map(dict(Sector.choices))
        return frame.rename(
            columns={
                "sector": "Sector",
                "headcount": "Headcount",
                "trained": "People with an in-date certificate",
                "coverage": "Coverage (%)",
            }
        )
    if which == "quarters":
        return pd.DataFrame(
            trained_per_quarter(request.user), columns=["Quarter", "People trained"]
        )
    frame = table[list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS)
    frame["Sector"] = frame["Sector"].map(dict(Sector.choices))
    return frame


def _export(request, frame, kind):
    audit_log.record(
        "export.coverage",
        actor=request.user,
        summary=f"Coverage as {kind.upper()} ({audit_log.describe_filters(request.GET)})",
    )
    stamp = timezone.localdate().isoformat()
    # Agency and module names are typed by people: written formula-safe, text as text.
    if kind == "csv":
        response = HttpResponse(
            spreadsheets.frame_csv(frame), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            spreadsheets.frame_xlsx(frame, sheet_name="Coverage"),
            content_type=spreadsheets.XLSX_CONTENT_TYPE,
        )
    response["Content-Disposition"] = f'attachment; filename="coverage-{stamp}.{kind}"'
    return response


class BoardReportForm(forms.Form):
    commentary = forms.CharField(
        label="Commentary for the Board",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the figures mean, where coverage is thin and what is planned. "
        "Separate paragraphs with a blank line.",
    )


@login_required
def board_report(request):
    """The quarterly Board report as a PDF, with the coordinator's commentary."""
    from django.utils import timezone

    from . import board_report as report
    from .selectors.coverage import quarter_label

    if not request.user.has_perm("courses.view_coverage"):
        raise PermissionDenied("Only the Training Coordinator produces the Board report.")
    form = BoardReportForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(
            request,
            "courses/coverage/board_report.html",
            {"form": form},
            status=400 if form.errors else 200,
        )
    table = coverage_table(request.user)
    sectors = coverage_by_sector(request.user)
    agency_rows = [
        {
            "agency": agency,
            "headcount": None
            if group["headcount"].iloc[0] != group["headcount"].iloc[0]
            else int(group["headcount"].iloc[0]),
            "in_date": int(group["in_date"].sum()),
            "required_missing": int(group["required_missing"].sum()),
        }
        for agency, group in table.groupby("agency", sort=True)
    ]
    content = report.render(
        tiles=headlines(table, request.user, sectors=sectors),
        by_sector=sector_rows(sectors),
        per_quarter=trained_per_quarter(request.user),
        agency_rows=agency_rows,
        commentary=form.cleaned_data["commentary"],
        quarter=quarter_label(timezone.now()),
    )
    audit_log.record("export.board_report", actor=request.user, summary="Board report (PDF)")
    response = HttpResponse(content, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="board-report-{stamp}.pdf"'
    return response


@require_GET
@login_required
def drill_down(request, agency_id: int, module_id: int):
    if not scope_for(request.user).allows(agency_id):
        raise Http404("No such agency")
    agency = get_object_or_404(Agency, pk=agency_id)
    module = get_object_or_404(ModulePage, pk=module_id)
    missing = request.GET.get("show") == "missing"
    context = {
        "agency": agency,
        "module": module,
        "missing": missing,
        "learners": learners_for_cell(request.user, agency_id, module_id, required_missing=missing),
    }
    audit.info(
        "User %s viewed learners of agency %s, module %s", request.user.pk, agency_id, module_id
    )
    return TemplateResponse(request, "courses/coverage/drill_down.html", context)


def _people(count: int) -> str:
    return "1 person was" if count == 1 else f"{count} people were"


@require_POST
@login_required
def nudge(request, agency_id: int, module_id: int):
    """Email a reminder to each person the "required but missing" drill-down lists."""
    if not scope_for(request.user).allows(agency_id):
        raise Http404("No such agency")
    get_object_or_404(Agency, pk=agency_id)
    module = get_object_or_404(ModulePage, pk=module_id)
    result = nudges.nudge_required_missing(request.user, agency_id, module)
    if not (result.nudged or result.skipped):
        messages.info(request, "Nobody needed a reminder: everyone listed holds the module.")
    else:
        parts = []
        if result.nudged:
            parts.append(f"{_people(result.nudged)} sent a reminder by email.")
        if result.skipped:
            parts.append(
                f"{_people(result.skipped)} not sent one because they had a reminder in the "
                f"last {nudges.NUDGE_INTERVAL.days} days."
            )
        messages.success(request, " ".join(parts))
    url = reverse("courses:coverage_learners", args=[agency_id, module_id])
    return redirect(f"{url}?show=missing")
