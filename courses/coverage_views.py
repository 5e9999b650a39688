"""The Training Coordinator's (and agency leads') coverage dashboard and drill-downs.

Every figure is defined in ``courses/coverage_definitions.py`` (and ``docs/coverage.md``);
the page shows those words beside each figure. Percentages are rounded once, here at
display, by ``coverage_definitions.percent``; colours come from ``coverage_definitions.band``,
which the legend is built from.
"""

import datetime
import logging

import pandas as pd
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from accounts import audit as audit_log
from accounts.models import JobRole
from accounts.selectors import awaiting_count
from config import spreadsheets
from network.models import Agency, Sector

from . import coverage_definitions as words
from .charts import horizontal_bars
from .models import ModulePage
from .selectors.coverage import (
    FIGURES,
    Dashboard,
    confidence_change,
    coverage_and_roles,
    coverage_by_sector,
    learners,
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
    "never_trained": "Never trained",
    "required_missing": "Required but missing",
    "coverage": "Coverage of headcount (%)",
    "coverage_registered": "Coverage of registered learners (%)",
}

#: How each figure is named on the page and in its drill-down's heading.
FIGURE_LABELS = {
    "registered": "registered",
    "in_progress": "in progress",
    "in_date": "in date",
    "expiring": "expiring",
    "lapsed": "lapsed",
    "never_trained": "never trained",
    "required_missing": "required but missing",
}
#: The figures listed in each cell of the agency and job role tables (registered is the
#: agency's column, the same for every module).
CELL_FIGURES = [figure for figure in FIGURES if figure != "registered"]


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
        error_messages={"invalid_choice": "Select a module from the list"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", "The end date must be the same as or after the start date")
        return cleaned

    def period(self):
        """The chosen days as aware datetimes (start of the first day, start of the day
        after the last), or None for this quarter to date."""
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if not (start or end):
            return None
        now = timezone.now()

        def at_midnight(day):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

        return (
            at_midnight(start) if start else now - datetime.timedelta(days=365 * 10),
            at_midnight(end + datetime.timedelta(days=1))
            if end
            else at_midnight(timezone.localdate(now) + datetime.timedelta(days=1)),
        )

    def filters(self) -> dict:
        """The sector and module chosen (when the form is valid), for every figure."""
        if not self.is_valid():
            return {"sector": None, "module_id": None}
        module = self.cleaned_data.get("module")
        return {
            "sector": self.cleaned_data.get("sector") or None,
            "module_id": module.pk if module else None,
        }


def _cells(records, link) -> list[dict]:
    """The figures of one table row's cells, each with the URL of its people."""
    cells = []
    for record in records:
        figures = [
            {
                "key": figure,
                "label": FIGURE_LABELS[figure],
                "count": int(record[figure]),
                "url": link(record, figure),
            }
            for figure in CELL_FIGURES
        ]
        cells.append({**record, "figures": figures, "url": link(record, "in_date")})
    return cells


def _reverser(name: str):
    """``reverse(name, args=[a, b])`` for integer ids, reversed once: a table links to
    thousands of cells, each the same path with other ids."""
    marks = ("9183746501", "9183746502")
    pattern = reverse(name, args=[int(mark) for mark in marks])
    before, rest = pattern.split(marks[0], 1)
    middle, after = rest.split(marks[1], 1)
    return lambda first, second: f"{before}{int(first)}{middle}{int(second)}{after}"


def agency_rows(table: pd.DataFrame) -> list[dict]:
    """The agency table as rows of cells, with percentages as shown and their band."""
    rows: dict[int, dict] = {}
    learners_url = _reverser("courses:coverage_learners")

    def link(record, figure):
        return f"{learners_url(record['agency_id'], record['module_id'])}?show={figure}"

    # The table comes sorted by agency, then module: one pass over its records (a few
    # hundred, one per agency and module), not a pandas group per agency.
    for record in table.to_dict("records"):
        agency_id = int(record["agency_id"])
        row = rows.get(agency_id)
        if row is None:
            headcount = None if pd.isna(record["headcount"]) else int(record["headcount"])
            row = rows[agency_id] = {
                "agency_id": agency_id,
                "agency": record["agency"],
                "headcount": headcount,
                "registered": int(record["registered"]),
                "registered_url": link(record, "registered"),
                "cells": [],
            }
        [cell] = _cells([record], link)
        cell["coverage_shown"] = words.percent(cell["in_date"], row["headcount"])
        cell["band"] = words.band(cell["coverage_shown"])
        row["cells"].append(cell)
    return list(rows.values())


def _count(value) -> str:
    """The ``count`` template filter (``courses/templatetags/coverage_tags.py``)."""
    return "" if value is None or value != value else f"{int(value):,}"


def agency_table_html(rows: list[dict]) -> str:
    """The agency table's rows as the dashboard template wrote them, built here: the table
    has a cell per agency and module with six links each (2,000 and more for 60 agencies),
    which the template language took a large part of the page's time to write. Every text
    is escaped as the template escapes it."""
    parts = []
    for row in rows:
        agency = escape(row["agency"])
        headcount = "Not given" if row["headcount"] is None else _count(row["headcount"])
        parts.append(
            '\n    <tr class="govuk-table__row">\n'
            f'      <th scope="row" class="govuk-table__header">{agency}</th>\n'
            f'      <td class="govuk-table__cell govuk-table__cell--numeric">{headcount}</td>\n'
            '      <td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" '
            f'href="{escape(row["registered_url"])}">{_count(row["registered"])}'
            '<span class="govuk-visually-hidden"> registered in '
            f"{agency}</span></a></td>\n      "
        )
        for cell in row["cells"]:
            module = escape(cell["module"])
            if cell["coverage_shown"] is not None:
                shown = f"{cell['coverage_shown']}%"
            elif row["headcount"] == 0:
                shown = "No figure (headcount 0)"
            else:
                shown = "No headcount"
            problem = (
                '<br><strong class="govuk-tag govuk-tag--purple">Data problem</strong>'
                if cell["band"] == "over"
                else ""
            )
            figures = "".join(
                '<li class="govuk-!-margin-bottom-0"><a class="govuk-link" '
                f'href="{escape(figure["url"])}">{_count(figure["count"])} '
                f'{escape(figure["label"])}<span class="govuk-visually-hidden"> ({agency}, '
                f"{module})</span></a></li>\n          "
                for figure in cell["figures"]
            )
            parts.append(
                '\n      <td class="govuk-table__cell app-heat app-heat--'
                f'{escape(cell["band"])}">\n'
                '        <a class="govuk-link govuk-!-font-weight-bold" '
                f'href="{escape(cell["url"])}">{shown}<span class="govuk-visually-hidden"> of '
                f"{agency} trained in {module}</span></a>\n"
                f"        {problem}\n"
                "        \n"
                '        <ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">\n'
                f"          {figures}\n"
                "        </ul>\n"
                "      </td>\n      "
            )
        parts.append("\n    </tr>\n    ")
    return mark_safe("".join(parts))  # nosec B308 B703 - every text is escaped above


def role_rows(roles: pd.DataFrame, filters: dict) -> list[dict]:
    """Compliance by job role: per role, a cell per module with the share of the role in
    date and links to the people behind each figure."""
    names = dict(JobRole.choices)
    base = {"sector": filters.get("sector") or ""}
    rows = []

    def link(record, figure):
        url = reverse("courses:coverage_role_learners", args=[record["module_id"]])
        query = {**base, "role": record["job_role"] or "none", "show": figure}
        return url + "?" + "&".join(f"{key}={value}" for key, value in query.items() if value)

    for job_role, group in roles.groupby("job_role", sort=False):
        cells = _cells(group.to_dict("records"), link)
        for cell in cells:
            cell["coverage_shown"] = words.percent(cell["in_date"], cell["registered"])
        first = cells[0]
        rows.append(
            {
                "job_role": names.get(job_role, "Not given"),
                "registered": int(first["registered"]),
                "registered_url": link(first, "registered"),
                "cells": cells,
            }
        )
    return rows


HELP = {
    "tiles": (
        "counted",
        "trained_in_period",
        "sectors_engaged",
        "headline",
        "face_to_face_by_count",
        "registered",
        "in_progress",
        "in_date",
        "expiring",
        "lapsed",
        "never_trained",
        "required_missing",
    ),
    "agencies": (
        "counted",
        "registered",
        "in_progress",
        "in_date",
        "expiring",
        "lapsed",
        "never_trained",
        "required_missing",
        "coverage",
        "coverage_registered",
        "rounding",
    ),
    "roles": ("job_role", "required_missing", "rounding"),
    "sectors": ("sector_coverage", "headline", "rounding"),
    "quarters": ("trained_in_period",),
    "quality": ("data_quality", "counted"),
}


@require_GET
@login_required
def dashboard(request):
    scope_for(request.user)  # 403 for anyone without a coverage role
    form = CoverageFilterForm(request.GET or None)
    filters = form.filters()
    now = timezone.now()
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        table, roles = coverage_and_roles(request.user, now=now, **filters)
        return _export(request, _export_frame(request, table, roles, filters, now), export)
    # Every figure from one pass over the people in scope (courses.selectors.coverage).
    figures = Dashboard(
        request.user, now=now, period=form.period() if form.is_valid() else None, **filters
    )
    table = figures.table
    modules = list(dict.fromkeys(zip(table["module_id"], table["module"], strict=True)))
    by_sector = sector_rows(figures.sectors)
    per_quarter = figures.per_quarter
    rows = agency_rows(table)
    context = {
        "confidence": confidence_change(request.user),
        # Face-to-face sessions: attended, no-shows and late cancellations per agency, over
        # the chosen period (or every session so far).
        "no_show_rows": _no_shows(request.user, form),
        "by_sector": by_sector,
        "left_out": figures.quality["no_headcount"],
        "sector_chart": horizontal_bars(
            [
                (
                    row["sector"],
                    row["coverage"],
                    f"{row['coverage']}%" if row["coverage"] is not None else "No headcount",
                )
                for row in by_sector
            ],
            maximum=100,
        ),
        "per_quarter": per_quarter,
        "quarter_chart": horizontal_bars(
            [(label, count, f"{count:,}") for label, count in per_quarter]
        ),
        "filter_form": form,
        "modules": modules,
        "rows": rows,
        "agency_table": agency_table_html(rows),
        "role_rows": role_rows(figures.roles, filters),
        "tiles": figures.tiles,
        "quality": figures.quality,
        "targets": figures.targets,
        "legend": words.LEGEND,
        "help": {key: words.entries(*keys) for key, keys in HELP.items()},
        # Members who chose an agency and are not confirmed yet (they do not count).
        "awaiting_confirmation": awaiting_count(request.user),
        # Shown in the page's error summary when a date is wrong.
        "form": form if form.errors else None,
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "courses/coverage/dashboard.html", context)


def _no_shows(user, form) -> list[dict]:
    from events.selectors import no_show_rates

    period = form.period() if form.is_valid() else None
    rows = no_show_rates(user, *(period or (None, None)))
    for row in rows:
        # One rounding for every percentage on the page (halves up).
        row["rate_percent"] = words.percent(row["no_shows"], row["attended"] + row["no_shows"])
    return rows


def _percent_column(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """``coverage_definitions.percent`` for a whole column (blank where no figure)."""
    return pd.Series(
        [words.percent(n, d) for n, d in zip(numerator, denominator, strict=True)],
        index=numerator.index,
        dtype="Int64",
    )


def _export_frame(request, table, roles, filters, now):
    """The table asked for (?table=agencies, roles, sectors or quarters), with readable
    headings, the same filters as the page and percentages as shown on it."""
    which = request.GET.get("table", "agencies")
    if which == "sectors":
        rows = sector_rows(coverage_by_sector(request.user, now, **filters))
        return pd.DataFrame(
            [(row["sector"], row["headcount"], row["trained"], row["coverage"]) for row in rows],
            columns=["Sector", "Headcount", "People with an in-date certificate", "Coverage (%)"],
        ).astype({"Headcount": "Int64", "Coverage (%)": "Int64"})
    if which == "quarters":
        return pd.DataFrame(
            trained_per_quarter(request.user, now=now, **filters),
            columns=["Quarter", "People trained"],
        )
    if which == "roles":
        frame = roles.copy()
        frame["coverage"] = _percent_column(frame["in_date"], frame["registered"])
        frame["job_role"] = frame["job_role"].map(dict(JobRole.choices)).fillna("Not given")
        frame["required"] = frame["required"].map({True: "Yes", False: "No"})
        columns = {
            "job_role": "Job role",
            "module": "Module",
            "required": "Required for some or all",
            **{figure: EXPORT_COLUMNS[figure] for figure in FIGURES},
            "coverage": "Coverage of registered learners (%)",
        }
        return frame[list(columns)].rename(columns=columns)
    frame = table.copy()
    frame["headcount"] = frame["headcount"].astype("Int64")
    frame["coverage"] = _percent_column(frame["in_date"], frame["headcount"])
    frame["coverage_registered"] = _percent_column(frame["in_date"], frame["registered"])
    frame = frame[list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS)
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


def _figure(request) -> str:
    """The figure a drill-down lists (``?show=``); "missing" is the older name of
    required but missing; anything else lists everyone registered."""
    show = request.GET.get("show", "registered")
    if show == "missing":
        return "required_missing"
    return show if show in FIGURES else "registered"


@require_GET
@login_required
def drill_down(request, agency_id: int, module_id: int):
    """The people of one agency behind one figure of one module."""
    if not scope_for(request.user).allows(agency_id):
        raise Http404("No such agency")
    agency = get_object_or_404(Agency, pk=agency_id)
    module = get_object_or_404(ModulePage, pk=module_id)
    figure = _figure(request)
    context = {
        "agency": agency,
        "module": module,
        "figure": figure,
        "figure_label": FIGURE_LABELS[figure],
        "definition": words.DEFINITIONS[figure],
        "missing": figure == "required_missing",
        "figures": [(key, FIGURE_LABELS[key]) for key in FIGURES],
        "learners": learners(request.user, module_id, figure, agency_id=agency_id),
    }
    audit.info(
        "User %s viewed learners of agency %s, module %s (%s)",
        request.user.pk,
        agency_id,
        module_id,
        figure,
    )
    return TemplateResponse(request, "courses/coverage/drill_down.html", context)


@require_GET
@login_required
def role_drill_down(request, module_id: int):
    """The people of one job role (across the agencies in view) behind one figure of the
    compliance by job role table."""
    scope_for(request.user)  # 403 for anyone without a coverage role
    module = get_object_or_404(ModulePage, pk=module_id)
    figure = _figure(request)
    role = request.GET.get("role", "")
    if role != "none" and role not in JobRole.values:
        raise Http404("No such job role")
    sector = request.GET.get("sector") or None
    if sector is not None and sector not in Sector.values:
        raise Http404("No such sector")
    context = {
        "module": module,
        "figure": figure,
        "figure_label": FIGURE_LABELS[figure],
        "definition": words.DEFINITIONS[figure],
        "role": role,
        "role_name": dict(JobRole.choices).get(role, "Job role not given"),
        "sector_name": dict(Sector.choices).get(sector) if sector else None,
        "learners": learners(
            request.user,
            module_id,
            figure,
            job_role="" if role == "none" else role,
            sector=sector,
        ),
    }
    audit.info(
        "User %s viewed learners in role %s, module %s (%s)",
        request.user.pk,
        role,
        module_id,
        figure,
    )
    return TemplateResponse(request, "courses/coverage/role_drill_down.html", context)


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
