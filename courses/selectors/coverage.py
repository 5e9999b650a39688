"""Training coverage by agency, module and job role: the figures of ``docs/coverage.md``.

Every figure is defined in words in ``courses.coverage_definitions`` (and
``docs/coverage.md``) and implemented here from one condition each, shared by the counts
and the drill-downs, so a drill-down lists exactly the people its cell counts:

- who counts now: ``accounts.selectors.counted_q`` / ``counted_members`` (active, verified,
  confirmed), in an active agency (``_agencies``), for a live module (``_modules``);
- certificate states by printed date: ``certificates.validity.in_force_q``, ``in_date_q``
  and ``expiring_q`` on the day (Europe/London) of ``now``;
- who must hold a module: ``required_roles`` (the requirements matrix).

**As at a past moment.** Given a ``now`` before today (Europe/London), as the quarterly
snapshot does with a quarter's last moment, certificate states and enrolments are judged
as the records stood at ``now`` (``as_at``): a certificate counts only if it was in force
at ``now`` (``certificates.validity``: issued by then, never revoked, not yet replaced by
one issued by then), and an enrolment is in progress at ``now`` when it was started at
or before ``now`` and not completed by then (no completion, or one after ``now``). Who
counts (accounts, agencies, job roles, live modules, headcounts) is still as it is now.
Without ``now``, or with a ``now`` within today (the dashboard passes the current moment),
the states are today's: what is recorded now, with the same SQL as before.

For today (the dashboard, ``Dashboard``), every figure comes from one pass over the
people in scope and their certificates, grouped in the database first per person, then per
(agency, job role) (see "The dashboard in one pass" below); at a past moment, registered,
in date, expiring and "held" (a certificate in force) are counted by the database in one
GROUP BY over (agency, module, job role). Either way lapsed is held minus in date and
never trained is registered minus held, exactly as the definitions say. pandas only joins
small grouped results. Who may see what is decided here, not in templates: the coordinator
sees every agency, an agency lead only their own.
"""

import datetime
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from accounts.models import JobRole, User
from accounts.selectors import counted_members, counted_q, verified_email
from certificates import validity
from certificates.models import Certificate
from certificates.validity import expiring_q, in_date_q, in_force_q
from network.models import Agency, Sector

from ..coverage_definitions import percent
from ..models import Enrolment, ModulePage, TrainingRequirement

EXPIRING_DAYS = validity.EXPIRING_DAYS
#: The figures counted per agency and module, each with a drill-down of its people.
FIGURES = [
    "registered",
    "in_progress",
    "in_date",
    "expiring",
    "lapsed",
    "never_trained",
    "required_missing",
]
COUNT_COLUMNS = FIGURES


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


def _day(now: datetime.datetime | None) -> datetime.date:
    return validity.today(now)


def as_at(now: datetime.datetime | None) -> datetime.datetime | None:
    """The moment to judge certificates and enrolments at: ``now`` when the caller asked
    about a moment before today (Europe/London), such as a closed quarter's last moment;
    otherwise None, meaning what is recorded now (no ``now``, the current moment, a
    moment earlier today, or a future one)."""
    if now is None or now >= validity.start_of(validity.today()):
        return None
    return now


def _agency_scope(scope: Scope):
    """Every agency in scope, active or not."""
    if scope.agency_ids is None:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=scope.agency_ids)


def _agency_queryset(scope: Scope, sector: str | None):
    agencies = Agency.objects.filter(is_active=True)
    if scope.agency_ids is not None:
        agencies = agencies.filter(pk__in=scope.agency_ids)
    if sector:
        agencies = agencies.filter(sector=sector)
    return agencies


def _agencies(scope: Scope, sector: str | None) -> pd.DataFrame:
    """Active agencies in scope. ``headcount`` is a float column (NaN when not given), as
    reports built on this frame expect; it is shown as a whole number (``1,200``)."""
    frame = pd.DataFrame(
        list(_agency_queryset(scope, sector).values("id", "name", "sector", "headcount")),
        columns=["id", "name", "sector", "headcount"],
    )
    frame["headcount"] = pd.to_numeric(frame["headcount"], errors="coerce").astype("float64")
    frame["sector"] = frame["sector"].astype("str")
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
            frame[column] = frame[column].fillna("").astype("str")
    return frame


# --- Who must hold a module ------------------------------------------------------------


def _requirements(module_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """(sector, job role) of every requirement, per module (one query)."""
    found: dict[int, list[tuple[str, str]]] = {}
    for module_id, sector, job_role in TrainingRequirement.objects.filter(
        module_id__in=list(module_ids)
    ).values_list("module_id", "sector", "job_role"):
        found.setdefault(module_id, []).append((sector, job_role))
    return found


def required_roles(requirements: Iterable[tuple[str, str]], sector: str) -> set[str] | None:
    """The job roles of an agency in ``sector`` that must hold a module with these
    (sector, job role) requirements: None for every role, an empty set for none. An empty
    sector or role in a requirement means every sector or every role."""
    roles: set[str] = set()
    for required_sector, job_role in requirements:
        if required_sector and required_sector != sector:
            continue
        if not job_role:
            return None
        roles.add(job_role)
    return roles


def _required_q(requirements: list[tuple[str, str]], sectors: Iterable[str]) -> Q:
    """People (a filter on ``User``) who must hold a module with these requirements."""
    condition = Q(pk__in=[])
    for sector in sectors:
        roles = required_roles(requirements, sector)
        if roles is None:
            condition |= Q(agency__sector=sector)
        elif roles:
            condition |= Q(agency__sector=sector, job_role__in=sorted(roles))
    return condition


# --- The figures, per agency, module and job role ---------------------------------------


def _certificate_exists(module_id: int, condition: Q) -> Exists:
    return Exists(Certificate.objects.filter(condition, user=OuterRef("pk"), module_id=module_id))


def _open_q(at: datetime.datetime | None = None) -> Q:
    """An enrolment in progress (a filter on ``Enrolment``): not completed; at a past
    moment ``at``, started at or before it and not completed by then."""
    if at is None:
        return Q(completed_at__isnull=True)
    return Q(started_at__lte=at) & (Q(completed_at__isnull=True) | Q(completed_at__gt=at))


def _in_progress_exists(module_id: int, at: datetime.datetime | None = None) -> Exists:
    return Exists(Enrolment.objects.filter(_open_q(at), user=OuterRef("pk"), module_id=module_id))


def people_q(
    figure: str,
    module_id: int,
    day: datetime.date,
    requirements=None,
    at: datetime.datetime | None = None,
) -> Q:
    """The people (a filter on counted members) a figure counts for one module.

    The same conditions as ``_detail`` counts with: a certificate in force / in date /
    expiring (``certificates.validity``), an open enrolment, the requirements matrix; at
    the moment ``at`` when given (``as_at``).
    """
    held = _certificate_exists(module_id, in_force_q(at=at))
    in_date = _certificate_exists(module_id, in_date_q(day, at=at))
    if figure == "registered":
        return Q()
    if figure == "in_progress":
        return Q(_in_progress_exists(module_id, at))
    if figure == "in_date":
        return Q(in_date)
    if figure == "expiring":
        return Q(_certificate_exists(module_id, expiring_q(day, at=at)))
    if figure == "lapsed":
        return Q(held) & ~Q(in_date)
    if figure == "never_trained":
        return ~Q(held)
    if figure == "required_missing":
        return _required_q(requirements or [], Sector.values) & ~Q(in_date)
    raise ValueError(f"Unknown figure: {figure}")


def _detail(scope: Scope, sector: str | None, module_id: int | None, now: datetime.datetime | None):
    """The agencies, the modules and every figure per (agency, module, job role)."""
    day, at = _day(now), as_at(now)
    agencies = _agencies(scope, sector)
    modules = _modules(module_id)
    columns = ["agency_id", "module_id", "job_role", *FIGURES, "held"]
    if agencies.empty or modules.empty:
        return agencies, modules, pd.DataFrame(columns=columns)
    agency_ids = agencies["agency_id"].tolist()
    module_ids = modules["module_id"].tolist()
    key = ["agency_id", "module_id", "job_role"]

    people = _frame(
        counted_members()
        .filter(agency_id__in=agency_ids)
        .values("agency_id", "job_role")
        .annotate(registered=Count("id", distinct=True))
        .order_by(),
        ["agency_id", "job_role", "registered"],
    )
    certificates = _frame(
        Certificate.objects.filter(
            counted_q("user"),
            in_force_q(at=at),
            user__agency_id__in=agency_ids,
            module_id__in=module_ids,
        )
        .values("user__agency_id", "module_id", "user__job_role")
        .annotate(
            held=Count("user", distinct=True),
            in_date=Count("user", filter=in_date_q(day, at=at), distinct=True),
            expiring=Count("user", filter=expiring_q(day, at=at), distinct=True),
        )
        .order_by(),
        [*key, "held", "in_date", "expiring"],
    )
    in_progress = _frame(
        Enrolment.objects.filter(
            counted_q("user"),
            _open_q(at),
            user__agency_id__in=agency_ids,
            module_id__in=module_ids,
        )
        .values("user__agency_id", "module_id", "user__job_role")
        .annotate(in_progress=Count("user", distinct=True))
        .order_by(),
        [*key, "in_progress"],
    )
    return agencies, modules, _assemble(agencies, modules, people, certificates, in_progress)


def _assemble(agencies, modules, people, certificates, in_progress) -> pd.DataFrame:
    """Every figure per (agency, module, job role) from the grouped counts: registered per
    (agency, job role); held, in date and expiring, and in progress, per (agency, module,
    job role). Lapsed is held minus in date, never trained registered minus held, required
    but missing registered minus in date where the requirements matrix says so."""
    columns = ["agency_id", "module_id", "job_role", *FIGURES, "held"]
    key = ["agency_id", "module_id", "job_role"]
    module_ids = modules["module_id"].tolist()
    detail = people.merge(modules[["module_id"]], how="cross")
    for frame in (certificates, in_progress):
        detail = detail.merge(
            frame.astype({"agency_id": "int64", "module_id": "int64"}), on=key, how="left"
        )
    counts = ["registered", "held", "in_date", "expiring", "in_progress"]
    detail[counts] = detail[counts].fillna(0).astype("int64")
    detail["lapsed"] = detail["held"] - detail["in_date"]
    detail["never_trained"] = detail["registered"] - detail["held"]

    # Required: whether a (sector, module, role) must hold the module, from required_roles.
    requirements = _requirements(module_ids)
    sectors = agencies.set_index("agency_id")["sector"]
    detail["sector"] = detail["agency_id"].map(sectors)
    required = pd.DataFrame(
        [
            (sector, module, role, True)
            for module in module_ids
            for sector in sectors.unique()
            for role in [*JobRole.values, ""]
            if _role_required(required_roles(requirements.get(module, []), sector), role)
        ],
        columns=["sector", "module_id", "job_role", "required"],
    )
    detail = detail.merge(required, on=["sector", "module_id", "job_role"], how="left")
    detail["required"] = detail["required"].fillna(False).astype(bool)
    detail["required_missing"] = (detail["registered"] - detail["in_date"]).where(
        detail["required"], 0
    )
    return detail[[*columns, "required"]]


def _role_required(roles: set[str] | None, role: str) -> bool:
    return roles is None or role in roles


def coverage_table(
    user,
    *,
    sector: str | None = None,
    module_id: int | None = None,
    now: datetime.datetime | None = None,
) -> pd.DataFrame:
    """One row per active agency and live module with every figure (``FIGURES``), the
    headcount (float, NaN when not given), ``coverage`` (in date / headcount * 100,
    unrounded; NaN without a headcount above 0) and ``coverage_registered`` (in date /
    registered * 100). Percentages are rounded once, for display, by
    ``coverage_definitions.percent``.
    """
    return coverage_and_roles(user, sector=sector, module_id=module_id, now=now)[0]


def coverage_and_roles(
    user,
    *,
    sector: str | None = None,
    module_id: int | None = None,
    now: datetime.datetime | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``coverage_table`` and the compliance by job role (one row per job role with anyone
    registered and live module: the figures summed over the agencies in view, and whether
    the role must hold the module anywhere) from the same queries: for today, the
    dashboard's single pass (``Dashboard``); at a past moment, per-figure queries."""
    if as_at(now) is None:
        figures = Dashboard(user, now=now, sector=sector, module_id=module_id)
        return figures.table, figures.roles
    agencies, modules, detail = _detail(scope_for(user), sector, module_id, now)
    return _table(agencies, modules, detail), _roles(modules, detail)


def _table(agencies: pd.DataFrame, modules: pd.DataFrame, detail: pd.DataFrame):
    grid = agencies.merge(modules, how="cross")
    if grid.empty:
        return pd.DataFrame(columns=[*grid.columns, *FIGURES, "coverage", "coverage_registered"])
    cell = ["agency_id", "module_id"]
    sums = detail.groupby(cell, as_index=False)[FIGURES].sum()
    table = grid.merge(sums.astype(dict.fromkeys(cell, "int64")), on=cell, how="left")
    table[FIGURES] = table[FIGURES].fillna(0).astype("int64")
    headcount = table["headcount"]
    table["coverage"] = 100 * table["in_date"] / headcount.where(headcount > 0)
    registered = table["registered"].astype("float64")
    table["coverage_registered"] = 100 * table["in_date"] / registered.where(registered > 0)
    positions = {module: index for index, module in enumerate(modules["module_id"])}
    table["_module"] = table["module_id"].map(positions)
    table["_agency"] = table["agency"].map(natural_key)
    table = table.sort_values(["_agency", "_module"]).drop(columns=["_agency", "_module"])
    return table.reset_index(drop=True)


def _roles(modules: pd.DataFrame, detail: pd.DataFrame) -> pd.DataFrame:
    columns = ["job_role", "module_id", "module", *FIGURES, "required"]
    if detail.empty:
        return pd.DataFrame(columns=columns)
    grouped = detail.groupby(["job_role", "module_id"], as_index=False).agg(
        **{figure: (figure, "sum") for figure in FIGURES}, required=("required", "any")
    )
    grouped = grouped[grouped["registered"] > 0].merge(modules, on="module_id")
    order = {role: index for index, role in enumerate([*JobRole.values, ""])}
    positions = {module: index for index, module in enumerate(modules["module_id"])}
    grouped = grouped.assign(
        _role=grouped["job_role"].map(order), _module=grouped["module_id"].map(positions)
    ).sort_values(["_role", "_module"])
    return grouped[columns].reset_index(drop=True)


# --- Coverage by sector and the headline ----------------------------------------------


def _with_headcount(agencies: pd.DataFrame) -> pd.Series:
    """Agencies counted in sector coverage: a headcount above 0."""
    return agencies["headcount"].fillna(0) > 0


def coverage_by_sector(
    user,
    now: datetime.datetime | None = None,
    *,
    sector: str | None = None,
    module_id: int | None = None,
) -> pd.DataFrame:
    """Per sector (with an active agency in view): ``trained``, the people holding at
    least one in-date certificate for a live module (or ``module_id``), and ``headcount``,
    both over the sector's agencies with a headcount above 0 only; ``coverage`` is trained ÷
    headcount * 100 (unrounded, NaN when no agency of the sector has a headcount).
    ``agencies_left_out`` lists the agencies left out."""
    if as_at(now) is None:
        return Dashboard(user, now=now, sector=sector, module_id=module_id).sectors
    return _sectors_by_queries(user, now, sector=sector, module_id=module_id)


def _sectors_by_queries(user, now=None, *, sector=None, module_id=None) -> pd.DataFrame:
    """``coverage_by_sector`` by its own queries (at a past moment; the tests compare it
    with the dashboard's single pass for today)."""
    agencies = _agencies(scope_for(user), sector)
    columns = ["sector", "headcount", "trained", "coverage"]
    if agencies.empty:
        return pd.DataFrame(columns=columns)
    counted = agencies[_with_headcount(agencies)]
    modules = _modules(module_id)
    trained = _frame(
        Certificate.objects.filter(
            counted_q("user"),
            in_date_q(_day(now), at=as_at(now)),
            user__agency_id__in=counted["agency_id"].tolist(),
            module_id__in=modules["module_id"].tolist(),
        )
        .values("user__agency__sector")
        .annotate(trained=Count("user", distinct=True))
        .order_by()
        .values_list("user__agency__sector", "trained"),
        [0, 1],
    ).rename(columns={0: "sector", 1: "trained"})
    return _sector_frame(agencies, trained)


def _sector_frame(agencies: pd.DataFrame, trained: pd.DataFrame) -> pd.DataFrame:
    """``coverage_by_sector`` from the agencies in view and the people trained per sector
    (``sector``, ``trained``) in their agencies with a headcount above 0."""
    columns = ["sector", "headcount", "trained", "coverage"]
    counted = agencies[_with_headcount(agencies)]
    trained = trained.astype({"sector": "str"})
    headcount = counted.groupby("sector", as_index=False)["headcount"].sum()
    result = (
        pd.DataFrame({"sector": sorted(agencies["sector"].unique())})
        .merge(headcount, on="sector", how="left")
        .merge(trained, on="sector", how="left")
    )
    result["trained"] = result["trained"].fillna(0).astype("int64")
    result["coverage"] = (100 * result["trained"] / result["headcount"]).where(
        result["headcount"].notna()
    )
    return result[columns].reset_index(drop=True)


def agencies_left_out(user, *, sector: str | None = None) -> list[dict]:
    """Active agencies in view with no headcount or a headcount of 0: left out of sector
    coverage and the headline (people and headcount both)."""
    agencies = _agencies(scope_for(user), sector)
    left = agencies[~_with_headcount(agencies)].sort_values(
        "agency", key=lambda names: names.map(natural_key)
    )
    return [
        {
            "agency_id": int(row.agency_id),
            "agency": row.agency,
            "sector": row.sector,
            "headcount": None if pd.isna(row.headcount) else int(row.headcount),
        }
        for row in left.itertuples()
    ]


# --- Period figures (historic: people since deactivated or erased still count) ----------


def _issued(scope: Scope, start, end, *, sector=None, module_id=None):
    """Certificates not revoked, issued in [start, end), of people who counted when trained."""
    issued = Certificate.objects.filter(
        counted_q("user", past=True),
        revoked_at__isnull=True,
        issued_at__gte=start,
        issued_at__lt=end,
    )
    if scope.agency_ids is not None:
        issued = issued.filter(user__agency_id__in=scope.agency_ids)
    if sector:
        issued = issued.filter(user__agency__sector=sector)
    if module_id:
        issued = issued.filter(module_id=module_id)
    return issued


def _last_day(end: datetime.datetime) -> datetime.date:
    """The last calendar day of a period ending (exclusive) at ``end``."""
    local = timezone.localtime(end)
    if local.time() == datetime.time.min:
        return local.date() - datetime.timedelta(days=1)
    return local.date()


def headlines(
    table: pd.DataFrame,
    user,
    now: datetime.datetime | None = None,
    period: tuple[datetime.datetime, datetime.datetime] | None = None,
    sectors: pd.DataFrame | None = None,
    *,
    sector: str | None = None,
    module_id: int | None = None,
    period_counts: tuple[int, int] | None = None,
) -> dict:
    """The tiles at the top of the dashboard.

    ``period`` is (start, end), end exclusive; by default this quarter up to the end of
    today. ``table`` and ``sectors`` are the agency table and sector coverage already worked
    out with the same filters (``sector``, ``module_id``), which every tile follows;
    ``period_counts``, if given, is (people trained in the period, sectors engaged), already
    counted for the same period and filters (``Dashboard``).
    """
    from ..models import FaceToFaceSession

    now = now or timezone.now()
    scope = scope_for(user)
    today = _day(now)
    start, end = period or (
        quarter_bounds(now)[0],
        validity.start_of(today + datetime.timedelta(days=1)),
    )
    issued = _issued(scope, start, end, sector=sector, module_id=module_id)
    sessions = FaceToFaceSession.objects.filter(
        date__gte=timezone.localtime(start).date(), date__lte=_last_day(end)
    )
    if scope.agency_ids is not None:
        sessions = sessions.filter(agency_id__in=scope.agency_ids)
    if sector:
        sessions = sessions.filter(agency__sector=sector)
    if module_id:
        sessions = sessions.filter(module_id=module_id)
    if sectors is None:
        sectors = coverage_by_sector(user, now, sector=sector, module_id=module_id)
    counted = sectors[sectors["headcount"].notna()] if not sectors.empty else sectors
    headcount = int(counted["headcount"].sum()) if not counted.empty else 0
    trained = int(counted["trained"].sum()) if not counted.empty else 0
    per_agency = table.drop_duplicates("agency_id") if not table.empty else table

    def total(column, frame=table):
        return int(frame[column].sum()) if not frame.empty else 0

    return {
        "period_start": start,
        "period_end": end,
        "period_first_day": timezone.localtime(start).date(),
        "period_last_day": _last_day(end),
        "face_to_face_by_count": sessions.aggregate(total=Sum("attendance_count"))["total"] or 0,
        "trained_in_period": period_counts[0]
        if period_counts
        else issued.values("user_id").distinct().count(),
        "sectors_engaged": period_counts[1]
        if period_counts
        else issued.exclude(user__agency__isnull=True)
        .values("user__agency__sector")
        .distinct()
        .count(),
        "coverage_trained": trained,
        "coverage_headcount": headcount,
        "coverage_overall": percent(trained, headcount),
        "registered": total("registered", per_agency),
        "in_progress": total("in_progress"),
        "in_date": total("in_date"),
        "expiring_soon": total("expiring"),
        "lapsed": total("lapsed"),
        "never_trained": total("never_trained"),
        "required_missing": total("required_missing"),
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
    return (
        _issued(scope, start, end)
        .exclude(user__agency__isnull=True)
        .values("user__agency__sector")
        .distinct()
        .count()
    )


def natural_key(text: str) -> tuple:
    """Sort "Learner 2" before "Learner 10", ignoring case (no database collation needed)."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", text or "")
        if part
    )


def _quarters(now: datetime.datetime, quarters: int) -> list[datetime.datetime]:
    """The starts of the last ``quarters`` calendar quarters, oldest first, and the end of
    the last (the start of the next quarter)."""
    start = quarter_bounds(now)[0]
    for _ in range(quarters - 1):
        start = quarter_bounds(start - datetime.timedelta(days=1))[0]
    bounds = [start]
    for _ in range(quarters):
        bounds.append(quarter_bounds(bounds[-1])[1])
    return bounds


def trained_per_quarter(
    user,
    quarters: int = 8,
    now: datetime.datetime | None = None,
    *,
    sector: str | None = None,
    module_id: int | None = None,
) -> list[tuple[str, int]]:
    """People trained (each once per quarter) in each of the last ``quarters`` calendar
    quarters, oldest first: one query, a conditional COUNT(DISTINCT person) per quarter
    with the quarter boundaries worked out here (Europe/London) and passed as parameters."""
    now = now or timezone.now()
    bounds = _quarters(now, quarters)
    issued = _issued(scope_for(user), bounds[0], bounds[-1], sector=sector, module_id=module_id)
    counts = issued.aggregate(
        **{
            f"q{index}": Count(
                "user", distinct=True, filter=Q(issued_at__gte=start, issued_at__lt=end)
            )
            for index, (start, end) in enumerate(itertools.pairwise(bounds))
        }
    )
    return [(quarter_label(start), counts[f"q{index}"]) for index, start in enumerate(bounds[:-1])]


def quarter_label(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year} Q{(local.month - 1) // 3 + 1}"


# --- Drill-downs: the people behind a number ---------------------------------------------

STATUS_IN_DATE = "In date"
STATUS_EXPIRING = "Expiring soon"
STATUS_LAPSED = "Lapsed"
STATUS_IN_PROGRESS = "In progress"
STATUS_NEVER = "Never trained"


def learners(
    user,
    module_id: int,
    figure: str = "registered",
    *,
    agency_id: int | None = None,
    job_role: str | None = None,
    sector: str | None = None,
    now: datetime.datetime | None = None,
) -> list[dict]:
    """The people one figure counts for one module (``people_q``), among the counted members
    of the active agencies in view (one agency, or all in scope; one job role, one sector),
    in natural order of name, with each person's certificate state.

    Status: the certificate state (in date, expiring soon, lapsed); with no certificate in
    force, "In progress" if they have started the module, otherwise "Never trained".
    ``in_progress`` says whether a (first or refresher) enrolment is open.
    """
    scope = scope_for(user)
    if agency_id is not None and not scope.allows(agency_id):
        raise PermissionDenied("You cannot see this agency's training.")
    if figure not in FIGURES:
        raise ValueError(f"Unknown figure: {figure}")
    day, at = _day(now), as_at(now)
    agencies = _agency_queryset(scope, sector)
    if agency_id is not None:
        agencies = agencies.filter(pk=agency_id)
    if not ModulePage.objects.live().filter(pk=module_id).exists():
        return []
    people = counted_members().filter(agency__in=agencies)
    if job_role is not None:
        people = people.filter(job_role=job_role)
    requirements = _requirements([module_id]).get(module_id, [])
    people = people.filter(people_q(figure, module_id, day, requirements, at)).annotate(
        is_in_date=_certificate_exists(module_id, in_date_q(day, at=at)),
        is_expiring=_certificate_exists(module_id, expiring_q(day, at=at)),
        is_started=_in_progress_exists(module_id, at),
        expires_at=Subquery(
            Certificate.objects.filter(in_force_q(at=at), user=OuterRef("pk"), module_id=module_id)
            .order_by("-expires_at")
            .values("expires_at")[:1]
        ),
    )
    rows = [
        {
            "id": person.pk,
            "name": person.full_name,
            "email": person.email,
            "job_role": person.get_job_role_display(),
            "agency": person.agency.name,
            "status": _status(person),
            "in_progress": person.is_started,
            "expires_at": person.expires_at,
            "expires_on": validity.expires_on(person.expires_at) if person.expires_at else None,
        }
        for person in people.select_related("agency")
    ]
    rows.sort(key=lambda row: (natural_key(row["name"]), row["id"]))
    return rows


def _status(person) -> str:
    if person.is_expiring:
        return STATUS_EXPIRING
    if person.is_in_date:
        return STATUS_IN_DATE
    if person.expires_at is not None:
        return STATUS_LAPSED
    return STATUS_IN_PROGRESS if person.is_started else STATUS_NEVER


def learners_for_cell(
    user,
    agency_id: int,
    module_id: int,
    now=None,
    *,
    required_missing: bool = False,
    figure: str | None = None,
) -> list[dict]:
    """The people of one agency behind one figure of one module (default: everyone
    registered); ``required_missing=True`` is ``figure="required_missing"``."""
    if not scope_for(user).allows(agency_id):
        raise PermissionDenied("You cannot see this agency's training.")
    figure = figure or ("required_missing" if required_missing else "registered")
    return learners(user, module_id, figure, agency_id=agency_id, now=now)


# --- Data quality ----------------------------------------------------------------------


def data_quality(
    user,
    table: pd.DataFrame,
    *,
    sector: str | None = None,
    members: tuple[int, int] | None = None,
) -> dict:
    """What stops the figures being right: agencies with no headcount (or 0), agencies
    with more people registered than their headcount (above 0: a headcount of 0 is listed
    once, as no headcount), accounts never activated (active,
    in an agency in view, email not verified) and members not confirmed yet. ``members``,
    if given, is (never activated, not confirmed), already counted (``Dashboard``)."""
    scope = scope_for(user)
    agencies = _agency_queryset(scope, sector)
    per_agency = (
        table.drop_duplicates("agency_id")
        if not table.empty
        else pd.DataFrame(columns=["agency_id", "agency", "headcount", "registered"])
    )
    headcount = per_agency["headcount"].astype("float64")
    over = per_agency[(headcount > 0) & (per_agency["registered"] > headcount)]
    people = members
    members = User.objects.filter(agency__in=agencies, is_active=True)
    return {
        "no_headcount": agencies_left_out(scope, sector=sector),
        "over_headcount": [
            {
                "agency_id": int(row.agency_id),
                "agency": row.agency,
                "headcount": int(row.headcount),
                "registered": int(row.registered),
            }
            for row in over.itertuples()
        ],
        "never_activated": people[0] if people else members.exclude(verified_email()).count(),
        "unconfirmed": people[1]
        if people
        else members.filter(agency_confirmed_at__isnull=True).count(),
    }


MIN_GROUP = 5


def confidence_change(user) -> list[dict]:
    """Average confidence before and after each module, by agency, for people who rated
    both: per person, agency and module their mean rating at each stage; per agency and
    module, the mean of those. Groups smaller than five are never shown, so nobody can be
    singled out. Both steps are GROUP BYs in the database (one query), on ids; the few
    hundred groups are then named (and any sharing an agency name and module title, as
    modules may, put together) before the smallest are left out."""
    from django.db import connection
    from django.db.models import Avg, Case, F, When
    from wagtail.models import Page

    from ..models import ConfidenceResponse

    scope = scope_for(user)
    responses = ConfidenceResponse.objects.filter(counted_q("user", past=True))
    if scope.agency_ids is not None:
        responses = responses.filter(user__agency_id__in=scope.agency_ids)
    per_person = (
        # Person and module first: the order of the unique (person, module, stage, statement)
        # index, which the database reads the responses in.
        responses.values(
            person=F("user"), module_key=F("module_id"), agency_key=F("user__agency_id")
        )
        .annotate(
            rating_before=Avg(Case(When(stage="before", then="rating"))),
            rating_after=Avg(Case(When(stage="after", then="rating"))),
        )
        .filter(rating_before__isnull=False, rating_after__isnull=False)
        .order_by()
    )
    inner, params = per_person.query.sql_with_params()
    quote = connection.ops.quote_name
    sql = (
        "SELECT a.name, p.title, g.people, g.before_total, g.after_total FROM ("  # noqa: S608 # nosec B608
        "SELECT agency_key, module_key, COUNT(*) AS people, SUM(rating_before) AS before_total, "
        f"SUM(rating_after) AS after_total FROM ({inner}) per_person "
        f"GROUP BY agency_key, module_key) g JOIN {quote(Agency._meta.db_table)} a "
        f"ON a.id = g.agency_key JOIN {quote(Page._meta.db_table)} p ON p.id = g.module_key"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        named = cursor.fetchall()
    totals: dict[tuple[str, str], list] = {}
    for agency, module, people, before_total, after_total in named:
        total = totals.setdefault((agency, module), [0, 0, 0])
        total[0] += people
        total[1] += before_total
        total[2] += after_total
    groups = sorted(
        (agency, module, *total)
        for (agency, module), total in totals.items()
        if total[0] >= MIN_GROUP
    )
    rows = []
    for agency, module, people, before_total, after_total in groups:
        before = float(before_total) / people
        after = float(after_total) / people
        rows.append(
            {
                "agency": agency,
                "module": module,
                "people": int(people),
                "before": round(before, 1),
                "after": round(after, 1),
                "change": round(after - before, 1),
            }
        )
    return rows


def sector_rows(sectors: pd.DataFrame) -> list[dict]:
    """``coverage_by_sector`` as plain rows for templates and reports: integers or None
    (never NaN or a float headcount), ``coverage`` the whole percentage as shown (rounded
    once by ``coverage_definitions.percent``)."""
    names = dict(Sector.choices)
    return [
        {
            "sector_value": row["sector"],
            "sector": names.get(row["sector"], row["sector"]),
            "trained": int(row["trained"]),
            "headcount": None if pd.isna(row["headcount"]) else int(row["headcount"]),
            "coverage": None
            if pd.isna(row["headcount"])
            else percent(row["trained"], row["headcount"]),
        }
        for row in sectors.to_dict("records")
    ]


# --- The dashboard in one pass -----------------------------------------------------------
#
# The dashboard's figures for the current day all come from the same people and the same
# certificates, so they are counted in one pass (``_people_groups``): every person with an
# agency (in scope), with their certificates not revoked (a covering index, certificates
# migration 0006), first grouped per person in SQL, then per (agency, job role, whether the
# person counts now / counted when trained / is unconfirmed). Python then handles a few
# thousand groups, never the people. Each figure keeps its definition:
#
# - per person and live module, the state of the certificate in force (at most one, a
#   database constraint): lapsed, in date, or in date and expiring; packed 2 bits a module;
# - the people trained in each quarter and in the period: certificates not revoked issued
#   in it, counted per person and then "at least one" per person;
# - for the targets' trend, per module, the certificates "in date at the previous quarter's
#   end" (issued by then, not revoked, expiring on or after its last day), per person.
#
# Enrolments in progress (per person and module: whether one is open) are counted in the
# pass on PostgreSQL, which merges them in person order; SQLite would build a temporary
# index for that join, which costs more than the query of their own it runs instead
# (measured with bench/coverage.py).
#
# Per person, counts are packed ``FIELD_BITS`` bits a field, ``FIELDS_PER_COLUMN`` fields a
# column. "At least one" is worked out for every field of a column at once by adding
# 2**(FIELD_BITS - 1) - 1 to each field and keeping each field's top bit, which is exact
# while a person holds at most ``MOST_PACKED`` certificates not revoked (the pass returns
# the largest number). The result, 0 or 1 a field, is summed over the people of a group
# as it is: exact while a group has fewer than 2**FIELD_BITS people (the pass returns each
# group's size). Beyond either limit the figures are worked out by the per-figure queries
# instead (``Dashboard``).
#
# Dates are compared as stored. On SQLite a datetime column is stored as ISO text, and a
# comparison written ``+c.expires_at < '…'`` compares the text as it is, where
# ``c.expires_at < '…'`` first tries (and fails) to read both sides as numbers, for every
# row: the same answer, faster.

STATE_BITS, STATES_PER_COLUMN = 2, 15
FIELD_BITS, FIELDS_PER_COLUMN = 15, 4
MOST_PACKED = (1 << (FIELD_BITS - 1)) - 1
LARGEST_GROUP = (1 << FIELD_BITS) - 1
LAPSED_STATE, IN_DATE_STATE, EXPIRING_STATE = 1, 2, 3


def _chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [[]]


def _by_module(module_ids: list[int], bits: int, column: str = "c.module_id") -> str:
    """SQL: the certificate's (or ``column``'s) module as a power of two (``bits`` a
    module), NULL for any other module. Module ids and powers are integers from this
    function, never input."""
    if not module_ids:
        # Typed: PostgreSQL reads a bare NULL as text, and SUM(text) does not exist.
        return "CAST(NULL AS BIGINT)"
    whens = " ".join(
        f"WHEN {int(module)} THEN {1 << (bits * index)}" for index, module in enumerate(module_ids)
    )
    return f"CASE {column} {whens} END"


def _some_fields(column: str, fields: int) -> str:
    """SQL: 1 in each ``FIELD_BITS`` field of a packed count column above 0, else 0."""
    low = sum(((1 << (FIELD_BITS - 1)) - 1) << (FIELD_BITS * n) for n in range(fields))
    top = sum(1 << (FIELD_BITS * n + FIELD_BITS - 1) for n in range(fields))
    return f"((({column} + {low}) & {top}) >> {FIELD_BITS - 1})"


def _people_groups(
    scope: Scope,
    module_ids: list[int],
    day: datetime.date,
    *,
    quarters: list[datetime.datetime],
    period: tuple[datetime.datetime, datetime.datetime],
    previous_end: datetime.datetime,
    previous_day: datetime.date,
    module_id: int | None = None,
    trained_modules: Iterable[int] = (),
    enrolments: bool = False,
) -> pd.DataFrame:
    """One row per (agency, job role, active, verified, erased, confirmed) of the people
    with an agency in ``scope``: ``people``, and per live module (``module_ids``) the people
    whose certificate in force is ``held_<id>``, ``in_date_<id>``, ``expiring_<id>`` on
    ``day``, ``then_<id>`` holding one in date on ``previous_day`` (issued before
    ``previous_end``, not revoked), with ``enrolments``, ``open_<id>`` with an enrolment in
    progress; ``q<n>``
    trained in each quarter (``quarters`` are the bounds), ``period`` trained in the period
    (``module_id``, if given, for these two); ``most`` the largest number of certificates
    one person holds (see above); ``any_in_date`` the people in date on ``day`` for at
    least one of ``trained_modules``.

    ``confirmed`` is 0 (not confirmed), 1 (confirmed since ``previous_end``) or 2 (before).
    """
    from django.db import connection

    from accounts.privacy import ERASED_DOMAIN

    adapt = connection.ops.adapt_datetimefield_value
    as_text = "+" if connection.vendor == "sqlite" else ""
    issued, expires = f"{as_text}c.issued_at", f"{as_text}c.expires_at"
    params: list = []

    def param(value) -> str:
        params.append(value)
        return "%s"

    def moment(value: datetime.datetime) -> str:
        return param(adapt(value))

    only = f" AND c.module_id = {int(module_id)}" if module_id else ""
    erased = connection.operators["endswith"] % param(
        "%" + connection.ops.prep_for_like_query("@" + ERASED_DOMAIN)
    )
    state_chunks = _chunks(module_ids, STATES_PER_COLUMN)
    field_chunks = _chunks(module_ids, FIELDS_PER_COLUMN)
    columns = [
        "u.agency_id AS agency_id",
        "u.job_role AS job_role",
        "CASE WHEN u.is_active THEN 1 ELSE 0 END AS active",
        "CASE WHEN MAX(e.id) IS NULL THEN 0 ELSE 1 END AS verified",
        f"CASE WHEN u.email {erased} THEN 1 ELSE 0 END AS erased",
        "CASE WHEN u.agency_confirmed_at IS NULL THEN 0 "
        f"WHEN {as_text}u.agency_confirmed_at < {moment(previous_end)} THEN 2 ELSE 1 END "
        "AS confirmed",
        "COUNT(c.id) AS certificates",
    ]
    for index, chunk in enumerate(state_chunks):
        columns.append(
            "CAST(SUM(CASE WHEN c.superseded_by_id IS NULL THEN "
            f"(CASE WHEN {expires} < {moment(validity.start_of(day))} THEN {LAPSED_STATE} "
            f"WHEN {expires} < {moment(_expiring_end(day))} THEN {EXPIRING_STATE} "
            f"ELSE {IN_DATE_STATE} END) * ({_by_module(chunk, STATE_BITS)}) END) AS BIGINT) "
            f"AS s{index}"
        )
    for index, chunk in enumerate(field_chunks):
        columns.append(
            f"CAST(SUM(CASE WHEN {issued} < {moment(previous_end)} AND {expires} >= "
            f"{moment(validity.start_of(previous_day))} THEN ({_by_module(chunk, FIELD_BITS)}) "
            f"END) AS BIGINT) AS t{index}"
        )
    # Placeholders are filled in the order they are written.
    for index, chunk in enumerate(_chunks(list(range(len(quarters) - 1)), FIELDS_PER_COLUMN)):
        if not chunk:
            continue

        def bucket(numbers: list[int]) -> str:
            """The quarter of ``issued`` among ``numbers`` (in order), by halving."""
            if len(numbers) == 1:
                return str(1 << (FIELD_BITS * (numbers[0] % FIELDS_PER_COLUMN)))
            middle = len(numbers) // 2
            bound = moment(quarters[numbers[middle]])
            before, after = bucket(numbers[:middle]), bucket(numbers[middle:])
            return f"CASE WHEN {issued} < {bound} THEN {before} ELSE {after} END"

        first, last = moment(quarters[chunk[0]]), moment(quarters[chunk[-1] + 1])
        columns.append(
            f"CAST(SUM(CASE WHEN {issued} >= {first} AND {issued} < {last}{only} "
            f"THEN {bucket(chunk)} END) AS BIGINT) AS q{index}"
        )
    columns.append(
        f"SUM(CASE WHEN {issued} >= {moment(period[0])} AND {issued} < "
        f"{moment(period[1])}{only} THEN 1 ELSE 0 END) AS p"
    )
    joined = ""
    if enrolments:
        # At most one open enrolment per person and module (a partial unique index, which
        # this reads in person order): a power of two per module, summed per person.
        opened = ", ".join(
            f"CAST(SUM({_by_module(chunk, FIELD_BITS, 'en.module_id')}) AS BIGINT) AS o{index}"
            for index, chunk in enumerate(field_chunks)
        )
        joined = (
            f"LEFT JOIN (SELECT en.user_id AS user_id, {opened} FROM courses_enrolment en "  # noqa: S608 # nosec B608
            "WHERE en.completed_at IS NULL GROUP BY en.user_id) en ON en.user_id = u.id "
        )
        columns += [f"MAX(en.o{index}) AS o{index}" for index in range(len(field_chunks))]
    where = "u.agency_id IS NOT NULL"
    if scope.agency_ids is not None:
        ids = sorted(scope.agency_ids) or [0]
        where += f" AND u.agency_id IN ({', '.join(str(int(pk)) for pk in ids)})"
    # Only placeholders and integers made here are put into the SQL, never input.
    selected = ", ".join(columns)
    inner = (
        f"SELECT {selected} FROM accounts_user u "  # noqa: S608 # nosec B608
        "LEFT JOIN account_emailaddress e ON e.user_id = u.id AND e.email = u.email "
        f"AND e.verified = {param(True)} {joined}"
        "LEFT JOIN certificates_certificate c ON c.user_id = u.id AND c.revoked_at IS NULL "
        f"WHERE {where} GROUP BY u.id"
    )

    def bit(column: str, shift: int, width: int = 1) -> str:
        return f"(({column} >> {shift}) & {(1 << width) - 1})"

    sums = ["COUNT(*) AS people", "MAX(certificates) AS most"]
    packed = []  # (column name, [field names])
    one, two = 1 << FIELD_BITS, 1 << (2 * FIELD_BITS)
    for index, module in enumerate(module_ids):
        state = f"s{index // STATES_PER_COLUMN}"
        low = STATE_BITS * (index % STATES_PER_COLUMN)
        # held, in date and expiring of one module, one field each.
        sums.append(
            f"SUM(CASE {bit(state, low, STATE_BITS)} WHEN {LAPSED_STATE} THEN 1 "
            f"WHEN {IN_DATE_STATE} THEN {1 + one} WHEN {EXPIRING_STATE} THEN {1 + one + two} "
            f"END) AS m{index}"
        )
        packed.append((f"m{index}", [f"held_{module}", f"in_date_{module}", f"expiring_{module}"]))
    for index, chunk in enumerate(field_chunks):
        if not chunk:
            continue
        sums.append(f"SUM({_some_fields(f't{index}', len(chunk))}) AS t{index}")
        packed.append((f"t{index}", [f"then_{module}" for module in chunk]))
        if enrolments:
            sums.append(f"SUM(o{index}) AS o{index}")
            packed.append((f"o{index}", [f"open_{module}" for module in chunk]))
    for index, chunk in enumerate(_chunks(list(range(len(quarters) - 1)), FIELDS_PER_COLUMN)):
        if not chunk:
            continue
        sums.append(f"SUM({_some_fields(f'q{index}', len(chunk))}) AS q{index}")
        packed.append((f"q{index}", [f"q{number}" for number in chunk]))
    sums.append(f"SUM({_some_fields('p', 1)}) AS period")
    names = ["period"]
    masks: dict[int, int] = {}
    wanted = set(trained_modules)
    for index, module in enumerate(module_ids):
        if module in wanted:
            column = index // STATES_PER_COLUMN
            low = STATE_BITS * (index % STATES_PER_COLUMN)
            masks[column] = masks.get(column, 0) | 1 << (low + 1)
    any_in_date = " OR ".join(f"(s{column} & {mask}) <> 0" for column, mask in masks.items())
    sums.append(f"SUM(CASE WHEN {any_in_date or '1 = 0'} THEN 1 ELSE 0 END) AS any_in_date")
    names.append("any_in_date")
    keys = ["agency_id", "job_role", "active", "verified", "erased", "confirmed"]
    # A packed sum fits 60 bits: read as a whole number, not PostgreSQL's numeric.
    summed = ", ".join(
        f"CAST({expression.rsplit(' AS ', 1)[0]} AS BIGINT) AS {expression.rsplit(' AS ', 1)[1]}"
        for expression in sums
    )
    grouped = ", ".join(keys)
    sql = (
        f"SELECT {grouped}, {summed} FROM ({inner}) people "  # noqa: S608 # nosec B608
        f"GROUP BY {grouped}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    head = [*keys, "people", "most", *[name for name, _ in packed], *names]
    # As objects first: a column with a NULL would be read as floats, which lose the low
    # fields of a packed sum.
    frame = pd.DataFrame(rows, columns=head, dtype=object)
    numbers = [column for column in head if column != "job_role"]
    frame[numbers] = frame[numbers].fillna(0).astype("int64")
    frame["job_role"] = frame["job_role"].fillna("").astype("str")
    mask = (1 << FIELD_BITS) - 1
    unpacked = {
        field: (frame[name].to_numpy() >> (FIELD_BITS * position)) & mask
        for name, fields in packed
        for position, field in enumerate(fields)
    }
    return pd.concat(
        [frame[[*keys, "people", "most"]], pd.DataFrame(unpacked), frame[names]], axis=1
    )


def _expiring_end(day: datetime.date) -> datetime.datetime:
    """The moment after the last day a certificate counts as expiring (``expiring_q``)."""
    return validity.start_of(day + datetime.timedelta(days=EXPIRING_DAYS + 1))


class Dashboard:
    """Every figure of the dashboard for today, from one pass over the people in scope
    (``_people_groups``) and a handful of small queries (agencies, modules, requirements,
    enrolments in progress, face-to-face sessions by count). Each part is worked out when
    first asked for, with the definitions of the per-figure functions above, which give
    the same numbers (tests/courses/test_coverage_one_pass.py compares them)."""

    def __init__(
        self,
        user,
        *,
        now: datetime.datetime | None = None,
        sector: str | None = None,
        module_id: int | None = None,
        period: tuple[datetime.datetime, datetime.datetime] | None = None,
    ):
        from .requirements import previous_quarter_end

        self.user = user
        self.scope = scope_for(user)
        self.now = now or timezone.now()
        if as_at(self.now) is not None:
            raise ValueError("The dashboard counts today; use the selectors for a past moment.")
        self.sector, self.module_id, self.period = sector, module_id, period
        self.day = _day(self.now)
        self.previous_day = previous_quarter_end(self.day)
        self.previous_end = validity.start_of(self.previous_day + datetime.timedelta(days=1))
        self.bounds = _quarters(self.now, 8)
        self.period_bounds = period or (
            quarter_bounds(self.now)[0],
            validity.start_of(self.day + datetime.timedelta(days=1)),
        )
        every = pd.DataFrame(
            list(
                _agency_scope(self.scope).values("id", "name", "sector", "headcount", "is_active")
            ),
            columns=["id", "name", "sector", "headcount", "is_active"],
        )
        self.sector_of = dict(zip(every["id"], every["sector"].astype("str"), strict=True))
        agencies = every[every["is_active"].astype(bool)]
        if sector:
            agencies = agencies[agencies["sector"] == sector]
        agencies = agencies[["id", "name", "sector", "headcount"]].reset_index(drop=True)
        agencies["headcount"] = pd.to_numeric(agencies["headcount"], errors="coerce").astype(
            "float64"
        )
        agencies["sector"] = agencies["sector"].astype("str")
        self.agencies = agencies.rename(columns={"id": "agency_id", "name": "agency"})
        self.live = _modules(None)
        self.modules = (
            self.live[self.live["module_id"] == module_id].reset_index(drop=True)
            if module_id
            else self.live
        )
        live_ids = self.live["module_id"].tolist()
        self.groups = _people_groups(
            self.scope,
            live_ids,
            self.day,
            quarters=self.bounds,
            period=self.period_bounds,
            previous_end=self.previous_end,
            previous_day=self.previous_day,
            module_id=module_id,
            trained_modules=self.modules["module_id"].tolist(),
            enrolments=connection.vendor == "postgresql",
        )
        #: Packed counts are exact (see ``MOST_PACKED`` and ``LARGEST_GROUP``); if not, the
        #: per-figure queries.
        self.packed = self.groups.empty or (
            int(self.groups["most"].max()) <= MOST_PACKED
            and int(self.groups["people"].max()) <= LARGEST_GROUP
        )
        groups = self.groups
        self.counted = groups[
            (groups["active"] == 1) & (groups["verified"] == 1) & (groups["confirmed"] > 0)
        ]
        active_ids = set(every.loc[every["is_active"].astype(bool), "id"])
        self.counted_active = self.counted[self.counted["agency_id"].isin(active_ids)]
        self.in_view = self.counted_active[
            self.counted_active["agency_id"].isin(set(self.agencies["agency_id"]))
        ]

    def _in_sector(self, frame: pd.DataFrame) -> pd.DataFrame:
        if not self.sector:
            return frame
        return frame[frame["agency_id"].map(self.sector_of) == self.sector]

    @cached_property
    def detail(self) -> pd.DataFrame:
        agencies, modules = self.agencies, self.modules
        if agencies.empty or modules.empty:
            return pd.DataFrame(
                columns=["agency_id", "module_id", "job_role", *FIGURES, "held", "required"]
            )
        if not self.packed:
            return _detail(self.scope, self.sector, self.module_id, self.now)[2]
        key = ["agency_id", "job_role"]
        grouped = self.in_view.groupby(key, as_index=False).sum(numeric_only=True)
        people = grouped[[*key, "people"]].rename(columns={"people": "registered"})
        certificates = pd.concat(
            [
                grouped[key]
                .assign(module_id=module)
                .assign(
                    held=grouped[f"held_{module}"],
                    in_date=grouped[f"in_date_{module}"],
                    expiring=grouped[f"expiring_{module}"],
                )
                for module in modules["module_id"]
            ],
            ignore_index=True,
        )
        if not modules.empty and f"open_{modules['module_id'].iloc[0]}" in grouped:
            in_progress = pd.concat(
                [
                    grouped[key]
                    .assign(module_id=module)
                    .assign(in_progress=grouped[f"open_{module}"])
                    for module in modules["module_id"]
                ],
                ignore_index=True,
            )
            return _assemble(agencies, modules, people, certificates, in_progress)
        # At most one enrolment of a person and module is open (a database constraint), so
        # enrolments are counted, not distinct people.
        in_progress = _frame(
            Enrolment.objects.filter(
                counted_q("user"),
                _open_q(None),
                user__agency_id__in=agencies["agency_id"].tolist(),
                module_id__in=modules["module_id"].tolist(),
            )
            .values("user__agency_id", "module_id", "user__job_role")
            .annotate(in_progress=Count("user"))
            .order_by(),
            ["agency_id", "module_id", "job_role", "in_progress"],
        )
        return _assemble(agencies, modules, people, certificates, in_progress)

    @cached_property
    def table(self) -> pd.DataFrame:
        return _table(self.agencies, self.modules, self.detail)

    @cached_property
    def roles(self) -> pd.DataFrame:
        return _roles(self.modules, self.detail)

    @cached_property
    def sectors(self) -> pd.DataFrame:
        """``coverage_by_sector``."""
        agencies = self.agencies
        if agencies.empty:
            return pd.DataFrame(columns=["sector", "headcount", "trained", "coverage"])
        with_headcount = set(agencies.loc[_with_headcount(agencies), "agency_id"])
        people = self.in_view[self.in_view["agency_id"].isin(with_headcount)]
        trained = (
            people.assign(sector=people["agency_id"].map(self.sector_of))
            .groupby("sector", as_index=False)["any_in_date"]
            .sum()
            .rename(columns={"any_in_date": "trained"})
        )
        return _sector_frame(agencies, trained[["sector", "trained"]])

    @cached_property
    def trained_then(self) -> pd.DataFrame:
        """People who counted when trained (``counted_q(past=True)``) in the agencies in
        scope (active or not) and the sector, if one is chosen."""
        groups = self.groups
        past = groups[
            (groups["confirmed"] > 0) & ((groups["verified"] == 1) | (groups["erased"] == 1))
        ]
        return self._in_sector(past)

    @cached_property
    def per_quarter(self) -> list[tuple[str, int]]:
        """``trained_per_quarter``."""
        if not self.packed:
            return trained_per_quarter(
                self.scope, now=self.now, sector=self.sector, module_id=self.module_id
            )
        past = self.trained_then
        return [
            (quarter_label(start), int(past[f"q{index}"].sum()))
            for index, start in enumerate(self.bounds[:-1])
        ]

    @cached_property
    def tiles(self) -> dict:
        """``headlines``."""
        trained = None
        if self.packed:
            past = self.trained_then
            engaged = past[past["period"] > 0]["agency_id"].map(self.sector_of)
            trained = (int(past["period"].sum()), int(engaged.nunique()))
        return headlines(
            self.table,
            self.scope,
            now=self.now,
            period=self.period,
            sectors=self.sectors,
            sector=self.sector,
            module_id=self.module_id,
            period_counts=trained,
        )

    @cached_property
    def quality(self) -> dict:
        """``data_quality``."""
        groups = self.groups
        members = groups[
            (groups["active"] == 1) & groups["agency_id"].isin(set(self.agencies["agency_id"]))
        ]
        return data_quality(
            self.scope,
            self.table,
            sector=self.sector,
            members=(
                int(members.loc[members["verified"] == 0, "people"].sum()),
                int(members.loc[members["confirmed"] == 0, "people"].sum()),
            ),
        )

    @cached_property
    def target_counts(self):
        """``requirements.TargetCounts`` for every active agency in scope (the targets
        follow neither the sector nor the module chosen), or None to count them apart."""
        from .requirements import TargetCounts

        if not self.packed:
            return None
        people = self.counted_active[self.counted_active["job_role"] != ""]
        people = people.assign(sector=people["agency_id"].map(self.sector_of))
        people = people.assign(
            previous=people["people"].where(people["confirmed"] == 2, 0),
        )
        key = ["sector", "job_role"]
        grouped = people.groupby(key).sum(numeric_only=True)
        then = people[people["confirmed"] == 2].groupby(key).sum(numeric_only=True)
        held_now: dict[tuple[int, str, str], int] = {}
        held_then: dict[tuple[int, str, str], int] = {}
        for module in self.live["module_id"]:
            for (sector, job_role), count in grouped[f"in_date_{module}"].items():
                if count:
                    held_now[(int(module), sector, job_role)] = int(count)
            for (sector, job_role), count in then[f"then_{module}"].items():
                if count:
                    held_then[(int(module), sector, job_role)] = int(count)
        return TargetCounts(
            people={
                (sector, job_role): (int(row.people), int(row.previous))
                for (sector, job_role), row in grouped.iterrows()
            },
            held_now=held_now,
            held_then=held_then,
        )

    @cached_property
    def targets(self):
        """``requirements.targets_table`` for the scope, today."""
        from .requirements import targets_table

        return targets_table(self.scope, self.day, counts=self.target_counts)
