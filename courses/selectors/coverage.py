"""Training coverage by agency and module, computed with pandas from a few queries.

Who may see what is decided here, not in templates: the coordinator sees every agency, an
agency lead only their own.

Who counts is decided by ``accounts.selectors.counted_members``: only people whose email is
verified and whose agency membership is confirmed appear anywhere here (tiles, tables,
sector roll-up, charts, drill-downs, and so the exports and the Board report).
"""

import datetime
import re
from dataclasses import dataclass

import pandas as pd
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts.selectors import counted_members, counted_q
from certificates.models import Certificate
from network.models import Agency

from ..models import Enrolment, ModulePage, TrainingRequirement

EXPIRING_DAYS = 60
COUNT_COLUMNS = ["registered", "in_progress", "in_date", "expiring", "lapsed", "required_missing"]


@dataclass(frozen=True)
class Scope:
    """The agencies a person may see coverage for (None means every agency)."""

    agency_ids: frozenset[int] | None

    def allows(self, agency_id: int) -> bool:
        return self.agency_ids is None or agency_id in self.agency_ids


def scope_for(user) -> Scope:
    """The coverage ``user`` may see; a ``Scope`` is passed through (scheduled tasks such
    as the quarterly snapshot use ``Scope(None)``, every agency)."""
    if isinstance(user, Scope):
        return user
    if user.has_perm("courses.view_coverage"):
        return Scope(None)
    if user.has_perm("courses.view_own_agency_coverage") and user.agency_id:
        return Scope(frozenset({user.agency_id}))
    raise PermissionDenied("You cannot see training coverage.")


def _agencies(scope: Scope, sector: str | None) -> pd.DataFrame:
    agencies = Agency.objects.filter(is_active=True)
    if scope.agency_ids is not None:
        agencies = agencies.filter(pk__in=scope.agency_ids)
    if sector:
        agencies = agencies.filter(sector=sector)
    frame = pd.DataFrame(
        list(agencies.values("id", "name", "sector", "headcount")),
        columns=["id", "name", "sector", "headcount"],
    )
    return frame.rename(columns={"id": "agency_id", "name": "agency"})


def _modules(module_id: int | None) -> pd.DataFrame:
    modules = ModulePage.objects.live().order_by("path")
    if module_id:
        modules = modules.filter(pk=module_id)
    frame = pd.DataFrame(list(modules.values("id", "title")), columns=["id", "title"])
    return frame.rename(columns={"id": "module_id", "title": "module"})


RENAMES = {"user__agency_id": "agency_id", "user__job_role": "job_role"}


def _frame(rows, columns) -> pd.DataFrame:
    """Query results as a frame with the given columns (related names shortened)."""
    frame = pd.DataFrame(list(rows)).rename(columns=RENAMES).reindex(columns=columns)
    for column in ("job_role", "sector"):
        if column in frame:
            frame[column] = frame[column].astype("str")
    return frame


def coverage_table(
    user,
    *,
    sector: str | None = None,
    module_id: int | None = None,
    now: datetime.datetime | None = None,
) -> pd.DataFrame:
    """One row per agency and module, with counts and coverage percentages.

    The database does the counting (a few GROUP BY queries over people, certificates and
    enrolments); pandas joins the small results into the agency x module grid.
    """
    now = now or timezone.now()
    scope = scope_for(user)
    agencies = _agencies(scope, sector)
    modules = _modules(module_id)
    grid = agencies.merge(modules, how="cross")
    if grid.empty:
        return pd.DataFrame(
            columns=[*grid.columns, *COUNT_COLUMNS, "coverage", "coverage_registered"]
        )
    agency_ids = agencies["agency_id"].tolist()
    module_ids = modules["module_id"].tolist()
    soon = now + datetime.timedelta(days=EXPIRING_DAYS)
    cell = ["agency_id", "module_id"]

    # People per agency and job role (the denominators, and who must hold what): only
    # active, verified, confirmed members count, here and in every count below.
    members = counted_members().filter(agency_id__in=agency_ids)
    people = _frame(
        members.values("agency_id", "job_role")
        .annotate(people=Count("id", distinct=True))
        .order_by(),
        ["agency_id", "job_role", "people"],
    )
    # Certificates in force: a person has at most one per module (newer ones supersede).
    held = _frame(
        Certificate.objects.filter(
            counted_q("user"),
            user__agency_id__in=agency_ids,
            module_id__in=module_ids,
            revoked_at__isnull=True,
            superseded_by__isnull=True,
        )
        .values("user__agency_id", "module_id", "user__job_role")
        .annotate(
            in_date=Count("user", filter=Q(expires_at__gt=now), distinct=True),
            expiring=Count(
                "user", filter=Q(expires_at__gt=now, expires_at__lte=soon), distinct=True
            ),
            lapsed=Count("user", filter=Q(expires_at__lte=now), distinct=True),
        )
        .order_by(),
        ["agency_id", "module_id", "job_role", "in_date", "expiring", "lapsed"],
    )
    in_progress = _frame(
        Enrolment.objects.filter(
            counted_q("user"),
            user__agency_id__in=agency_ids,
            module_id__in=module_ids,
            completed_at__isnull=True,
        )
        .values("user__agency_id", "module_id")
        .annotate(in_progress=Count("user", distinct=True))
        .order_by(),
        [*cell, "in_progress"],
    )

    registered = people.groupby("agency_id", as_index=False)["people"].sum()
    registered = registered.rename(columns={"people": "registered"})
    certificate_counts = held.groupby(cell, as_index=False)[["in_date", "expiring", "lapsed"]].sum()
    missing = _required_missing(people, held, agencies, module_ids)

    table = grid.merge(registered, on="agency_id", how="left")
    for frame in (in_progress, certificate_counts, missing):
        table = table.merge(frame.astype(dict.fromkeys(cell, "int64")), on=cell, how="left")
    table[COUNT_COLUMNS] = table[COUNT_COLUMNS].fillna(0).astype(int)
    headcount = pd.to_numeric(table["headcount"], errors="coerce")
    table["coverage"] = (100 * table["in_date"] / headcount.where(headcount > 0)).round(1)
    table["coverage_registered"] = (
        100 * table["in_date"] / table["registered"].where(table["registered"] > 0)
    ).round(1)
    return table.sort_values(["agency", "module"]).reset_index(drop=True)


def _required_missing(people, held, agencies, module_ids) -> pd.DataFrame:
    """Registered people who must hold a module and do not, per agency and module.

    Whether someone must hold a module depends only on their agency's sector and their
    job role, so this is worked out per (agency, module, role) from the counts.
    """
    columns = ["agency_id", "module_id", "required_missing"]
    requirements = _frame(
        TrainingRequirement.objects.filter(module_id__in=module_ids).values(
            "module_id", "sector", "job_role"
        ),
        ["module_id", "sector", "job_role"],
    )
    if requirements.empty or people.empty:
        return pd.DataFrame(columns=columns)
    staff = people.merge(agencies[["agency_id", "sector"]], on="agency_id")
    pairs = staff.merge(requirements, how="cross", suffixes=("", "_required"))
    pairs = pairs[
        ((pairs["sector_required"] == "") | (pairs["sector_required"] == pairs["sector"]))
        & ((pairs["job_role_required"] == "") | (pairs["job_role_required"] == pairs["job_role"]))
    ].drop_duplicates(["agency_id", "module_id", "job_role"])
    pairs = pairs.merge(
        held[["agency_id", "module_id", "job_role", "in_date"]],
        on=["agency_id", "module_id", "job_role"],
        how="left",
    ).fillna({"in_date": 0})
    pairs["required_missing"] = pairs["people"] - pairs["in_date"]
    return pairs.groupby(["agency_id", "module_id"], as_index=False)["required_missing"].sum()


def headlines(
    table: pd.DataFrame,
    user,
    now: datetime.datetime | None = None,
    period: tuple[datetime.datetime, datetime.datetime] | None = None,
    sectors: pd.DataFrame | None = None,
) -> dict:
    """The tiles at the top of the dashboard, for a period (this quarter by default)."""
    from ..models import FaceToFaceSession

    now = now or timezone.now()
    scope = scope_for(user)
    start, end = period or (quarter_bounds(now)[0], now)
    issued = Certificate.objects.filter(
        counted_q("user", past=True),
        revoked_at__isnull=True,
        issued_at__gte=start,
        issued_at__lt=end,
    )
    sessions = FaceToFaceSession.objects.filter(date__gte=start.date(), date__lt=end.date())
    if scope.agency_ids is not None:
        issued = issued.filter(user__agency_id__in=scope.agency_ids)
        sessions = sessions.filter(agency_id__in=scope.agency_ids)
    if sectors is None:
        sectors = coverage_by_sector(user, now)
    headcount = sectors["headcount"].sum(min_count=1)
    overall = (
        round(100 * sectors["trained"].sum() / headcount, 1)
        if headcount == headcount and headcount > 0
        else None
    )
    return {
        "period_start": start,
        "period_end": end,
        "face_to_face_by_count": sessions.aggregate(total=Sum("attendance_count"))["total"] or 0,
        "trained_in_period": issued.values("user_id").distinct().count(),
        "sectors_engaged": sectors_engaged(scope, start, end),
        "coverage_overall": overall,
        "expiring_soon": int(table["expiring"].sum()) if not table.empty else 0,
        "in_date": int(table["in_date"].sum()) if not table.empty else 0,
    }


def quarter_bounds(moment: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """The start of the calendar quarter containing ``moment`` and of the next one."""
    local = timezone.localtime(moment)
    first_month = 3 * ((local.month - 1) // 3) + 1
    start = local.replace(month=first_month, day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = first_month + 3
    end = start.replace(year=start.year + (next_month > 12), month=(next_month - 1) % 12 + 1)
    return start, end


def sectors_engaged(scope: Scope, start: datetime.datetime, end: datetime.datetime) -> int:
    """Sectors with at least one person trained (certificate issued) in the period."""
    issued = Certificate.objects.filter(
        counted_q("user", past=True),
        revoked_at__isnull=True,
        issued_at__gte=start,
        issued_at__lt=end,
    )
    if scope.agency_ids is not None:
        issued = issued.filter(user__agency_id__in=scope.agency_ids)
    return (
        issued.exclude(user__agency__isnull=True).values("user__agency__sector").distinct().count()
    )


def natural_key(text: str) -> tuple:
    """Sort "Learner 2" before "Learner 10", ignoring case (no database collation needed)."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", text or "")
        if part
    )


def required_of(agency: Agency, module_id: int) -> set[str] | None:
    """The job roles of ``agency`` that must hold the module (None: every role; empty set:
    none), from the training requirements for the agency's sector."""
    roles: set[str] = set()
    for requirement in TrainingRequirement.objects.filter(module_id=module_id):
        if requirement.sector and requirement.sector != agency.sector:
            continue
        if not requirement.job_role:
            return None
        roles.add(requirement.job_role)
    return roles


def learners_for_cell(
    user, agency_id: int, module_id: int, now=None, *, required_missing: bool = False
) -> list[dict]:
    """Named learners of one agency and their status for one module (drill-down), in
    natural order of name. ``required_missing`` keeps only the people who must hold the
    module and hold no in-date certificate for it (the "required but missing" figure)."""
    if not scope_for(user).allows(agency_id):
        raise PermissionDenied("You cannot see this agency's training.")
    now = now or timezone.now()
    soon = now + datetime.timedelta(days=EXPIRING_DAYS)
    people = counted_members().filter(agency_id=agency_id)
    if required_missing:
        agency = Agency.objects.filter(pk=agency_id).first()
        roles = required_of(agency, module_id) if agency else set()
        if roles is not None:
            people = people.filter(job_role__in=roles)
    expiry = {
        row["user_id"]: row["expires_at"]
        for row in Certificate.objects.filter(
            counted_q("user"),
            user__agency_id=agency_id,
            module_id=module_id,
            revoked_at__isnull=True,
            superseded_by__isnull=True,
        )
        .order_by("user_id", "expires_at")
        .values("user_id", "expires_at")
    }
    started = set(
        Enrolment.objects.filter(
            counted_q("user"),
            user__agency_id=agency_id,
            module_id=module_id,
            completed_at__isnull=True,
        ).values_list("user_id", flat=True)
    )
    rows = []
    for person in people:
        expires = expiry.get(person.pk)
        if expires and expires > soon:
            state = "In date"
        elif expires and expires > now:
            state = "Expiring soon"
        elif expires:
            state = "Lapsed"
        elif person.pk in started:
            state = "In progress"
        else:
            state = "Not started"
        if required_missing and expires and expires > now:
            continue
        rows.append(
            {
                "id": person.pk,
                "name": person.full_name,
                "email": person.email,
                "job_role": person.get_job_role_display(),
                "status": state,
                "expires_at": expires,
            }
        )
    rows.sort(key=lambda row: (natural_key(row["name"]), row["id"]))
    return rows


def coverage_by_sector(user, now: datetime.datetime | None = None) -> pd.DataFrame:
    """People holding at least one in-date certificate, against headcount, per sector."""
    now = now or timezone.now()
    scope = scope_for(user)
    agencies = _agencies(scope, None)
    holders = Certificate.objects.filter(
        counted_q("user"),
        revoked_at__isnull=True,
        superseded_by__isnull=True,
        expires_at__gt=now,
        user__agency_id__in=agencies["agency_id"].tolist(),
    ).values("user_id", "user__agency__sector")
    frame = pd.DataFrame(list(holders), columns=["user_id", "user__agency__sector"])
    trained = frame.groupby("user__agency__sector")["user_id"].nunique().rename("trained")
    headcount = (
        agencies.assign(headcount=pd.to_numeric(agencies["headcount"], errors="coerce"))
        .groupby("sector")["headcount"]
        .sum(min_count=1)
    )
    result = pd.concat([headcount, trained], axis=1).fillna({"trained": 0})
    result["trained"] = result["trained"].astype(int)
    result["coverage"] = (
        100 * result["trained"] / result["headcount"].where(result["headcount"] > 0)
    ).round(1)
    result.index.name = "sector"
    return result.reset_index().sort_values("sector")


def trained_per_quarter(user, quarters: int = 8, now: datetime.datetime | None = None):
    """Distinct people trained (certificate issued) in each of the last ``quarters``."""
    now = now or timezone.now()
    scope = scope_for(user)
    start = quarter_bounds(now)[0]
    for _ in range(quarters - 1):
        start = quarter_bounds(start - datetime.timedelta(days=1))[0]
    issued = Certificate.objects.filter(
        counted_q("user", past=True), revoked_at__isnull=True, issued_at__gte=start
    )
    if scope.agency_ids is not None:
        issued = issued.filter(user__agency_id__in=scope.agency_ids)
    frame = pd.DataFrame(
        list(issued.values("user_id", "issued_at")), columns=["user_id", "issued_at"]
    )
    labels = []
    cursor = start
    for _ in range(quarters):
        labels.append(quarter_label(cursor))
        cursor = quarter_bounds(cursor)[1]
    if frame.empty:
        return [(label, 0) for label in labels]
    frame["quarter"] = [quarter_label(timezone.localtime(moment)) for moment in frame["issued_at"]]
    counts = frame.groupby("quarter")["user_id"].nunique()
    return [(label, int(counts.get(label, 0))) for label in labels]


def quarter_label(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year} Q{(local.month - 1) // 3 + 1}"


MIN_GROUP = 5


def confidence_change(user) -> list[dict]:
    """Average confidence before and after each module, by agency, for people who rated
    both. Groups smaller than five are never shown, so nobody can be singled out."""
    from ..models import ConfidenceResponse

    scope = scope_for(user)
    responses = ConfidenceResponse.objects.filter(counted_q("user", past=True))
    if scope.agency_ids is not None:
        responses = responses.filter(user__agency_id__in=scope.agency_ids)
    frame = pd.DataFrame(
        list(responses.values("user_id", "user__agency__name", "module__title", "stage", "rating")),
        columns=["user_id", "user__agency__name", "module__title", "stage", "rating"],
    )
    if frame.empty:
        return []
    per_person = frame.pivot_table(
        index=["user__agency__name", "module__title", "user_id"],
        columns="stage",
        values="rating",
        aggfunc="mean",
    ).dropna(subset=[c for c in ("before", "after") if c in frame["stage"].unique()])
    if not {"before", "after"} <= set(per_person.columns):
        return []
    grouped = per_person.groupby(level=[0, 1]).agg(
        people=("before", "size"), before=("before", "mean"), after=("after", "mean")
    )
    grouped = grouped[grouped["people"] >= MIN_GROUP]
    return [
        {
            "agency": agency,
            "module": module,
            "people": int(row.people),
            "before": round(float(row.before), 1),
            "after": round(float(row.after), 1),
            "change": round(float(row.after - row.before), 1),
        }
        for (agency, module), row in grouped.iterrows()
    ]


def sector_rows(sectors: pd.DataFrame) -> list[dict]:
    """``coverage_by_sector`` as plain rows for templates and reports (None, not NaN)."""
    from network.models import Sector

    names = dict(Sector.choices)
    return [
        {
            "sector": names.get(row["sector"], row["sector"]),
            "trained": int(row["trained"]),
            "headcount": None if row["headcount"] != row["headcount"] else int(row["headcount"]),
            "coverage": None if row["coverage"] != row["coverage"] else float(row["coverage"]),
        }
        for row in sectors.to_dict("records")
    ]
