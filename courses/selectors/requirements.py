"""Targets per training requirement, and each person's "Required for your role" list.

Definitions (docs/coverage.md repeats these words):

**Who a requirement applies to.** People who count for an active agency today
(``accounts.selectors.counted_members``: active, email verified, membership confirmed) whose
agency is in the requirement's sector (or any sector, if it names none) and whose job role
is the requirement's (or any recorded job role, if it names none). People with no job role
recorded cannot be matched to the matrix and are in neither the targets nor a list.

**In date on a day** is ``certificates.validity``'s: a certificate in force whose printed
expiry date (Europe/London) is that day or later.

**Targets** (:func:`targets_table`), one row per requirement of a live module:

- *people*: the people it applies to, within the scope (one agency or all);
- *in date*: those of them holding the module in date on the day;
- *coverage*: in date / people x 100, unrounded; shown once, to one decimal place rounded
  **down**, so a figure shown as meeting a target always meets it. No people: no figure.
  It cannot pass 100 %, since everyone counted in the numerator is in the denominator.
- *status against the target* (``rag``): **On track** (green) when coverage >= target;
  **Close** (amber) when coverage is below the target by no more than 10 percentage points
  (target - 10 <= coverage < target); **Behind** (red) when lower still. No target, or no
  people, means no status and no colour. The status compares today's coverage with the
  target whatever the target date; the date is shown beside it. Compared in whole numbers
  (100 x in date against target x people), so the thresholds are exact.
- *trend*: coverage today minus coverage on the last day of the previous calendar quarter,
  in percentage points. Coverage "as at" that day is recomputed from what is stored now:
  the people are today's people of the requirement whose agency membership was confirmed
  by the end of that day; "in date then" means a certificate issued by the end of that day,
  not revoked, with an expiry date on or after it. It therefore cannot know who has since
  left or been erased (they are not in today's people), job roles or agencies as they were
  then, requirements or headcounts as they were then, or a certificate revoked since,
  which is treated as never valid (a revocation corrects the record). The quarterly
  snapshots, not this trend, are the record of what was reported at the time.

**Required for your role** (:func:`required_for`), for someone with an agency (active) and
a job role, every live module a requirement applies to them for, with:

- *status*: **In date** (until the printed expiry date), **Expiring** (in date, expiring
  within ``certificates.validity.EXPIRING_DAYS`` days), **Lapsed** (their certificate in
  force has expired), **Not done** (no certificate in force: never held, or revoked);
- *due date*: with a certificate in force, its expiry date (the refresher is due by then);
  otherwise the later of the day their agency membership was confirmed (Europe/London) and
  the requirement's "applies from" date, plus the requirement's ``due_within_days``
  (where several requirements give a module, the earliest such date). Not yet confirmed by
  their agency: no due date yet;
- *overdue*: the due date is before the day (so due today is not overdue).

The list is ordered overdue first (earliest due date first), then by due date, then title.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, Q

from accounts.models import User
from accounts.selectors import counted_members, counted_q
from certificates import validity
from certificates.models import Certificate
from network.models import Agency

from ..models import Enrolment, ModulePage, TrainingRequirement
from .coverage import Scope

ON_TRACK, CLOSE, BEHIND = "On track", "Close", "Behind"
CLOSE_POINTS = 10
# GOV.UK tag colours for each status: the words are always shown too.
RAG_TAGS = {ON_TRACK: "govuk-tag--green", CLOSE: "govuk-tag--yellow", BEHIND: "govuk-tag--red"}

IN_DATE, EXPIRING, LAPSED, NOT_DONE = "In date", "Expiring", "Lapsed", "Not done"
STATUS_TAGS = {
    IN_DATE: "govuk-tag--green",
    EXPIRING: "govuk-tag--yellow",
    LAPSED: "govuk-tag--red",
    NOT_DONE: "govuk-tag--grey",
}


def rag(in_date: int, people: int, target: int | None) -> str | None:
    """On track / Close / Behind for ``in_date`` of ``people`` against ``target`` per cent
    (None without a target or without people)."""
    if target is None or people <= 0:
        return None
    if 100 * in_date >= target * people:
        return ON_TRACK
    if 100 * in_date >= (target - CLOSE_POINTS) * people:
        return CLOSE
    return BEHIND


def previous_quarter_end(day: datetime.date) -> datetime.date:
    """The last day of the calendar quarter before the one containing ``day``."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    return datetime.date(day.year, first_month, 1) - datetime.timedelta(days=1)


def percent_text(numerator: int, denominator: int) -> str:
    """``numerator / denominator`` as a percentage to one decimal place, rounded down."""
    tenths = 1000 * numerator // denominator
    return f"{tenths // 10}.{tenths % 10}%"


@dataclass
class TargetRow:
    requirement: TrainingRequirement
    people: int
    in_date: int
    previous_day: datetime.date
    previous_people: int
    previous_in_date: int

    @property
    def module(self) -> ModulePage:
        return self.requirement.module

    @property
    def sector(self) -> str:
        return self.requirement.get_sector_display() if self.requirement.sector else "Every sector"

    @property
    def job_role(self) -> str:
        requirement = self.requirement
        return requirement.get_job_role_display() if requirement.job_role else "Every role"

    @property
    def target(self) -> int | None:
        return self.requirement.target_percent

    @property
    def target_date(self) -> datetime.date | None:
        return self.requirement.target_date

    @property
    def coverage(self) -> float | None:
        return 100 * self.in_date / self.people if self.people else None

    @property
    def coverage_text(self) -> str:
        return percent_text(self.in_date, self.people) if self.people else "No one"

    @property
    def previous_coverage(self) -> float | None:
        if not self.previous_people:
            return None
        return 100 * self.previous_in_date / self.previous_people

    def _change(self) -> Fraction | None:
        if not self.people or not self.previous_people:
            return None
        return Fraction(100 * self.in_date, self.people) - Fraction(
            100 * self.previous_in_date, self.previous_people
        )

    @property
    def change(self) -> float | None:
        """Percentage points since the previous quarter's end (unrounded)."""
        change = self._change()
        return None if change is None else float(change)

    @property
    def change_text(self) -> str:
        change = self._change()
        if change is None:
            return "No figure"
        points = (Decimal(change.numerator) / Decimal(change.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        if points == 0:
            return "No change"
        sign = "+" if points > 0 else "−"
        return f"{sign}{abs(points)} points"

    @property
    def rag(self) -> str | None:
        return rag(self.in_date, self.people, self.target)

    @property
    def rag_tag(self) -> str:
        return RAG_TAGS.get(self.rag, "")


def _agencies(scope: Scope):
    agencies = Agency.objects.filter(is_active=True)
    if scope.agency_ids is not None:
        agencies = agencies.filter(pk__in=scope.agency_ids)
    return agencies


def _applies(requirement: TrainingRequirement, sector: str, job_role: str) -> bool:
    return requirement.sector in ("", sector) and requirement.job_role in ("", job_role)


@dataclass
class TargetCounts:
    """What the targets are worked out from, for the agencies in a scope on a day.

    - ``people``: (sector, job role) -> (people now, of them confirmed by the end of the
      previous quarter), counted members of active agencies with a job role;
    - ``held_now``: (module, sector, job role) -> people in date on the day;
    - ``held_then``: (module, sector, job role) -> people confirmed by the end of the
      previous quarter holding a certificate in date then (issued by then, not revoked,
      expiring on or after its last day).
    """

    people: dict[tuple[str, str], tuple[int, int]]
    held_now: dict[tuple[int, str, str], int]
    held_then: dict[tuple[int, str, str], int]


def target_counts(scope: Scope, day: datetime.date, module_ids: list[int]) -> TargetCounts:
    """``TargetCounts`` by three grouped queries (the dashboard counts the same in its single
    pass over people, ``courses.selectors.coverage.Dashboard``)."""
    previous = previous_quarter_end(day)
    end_of_previous = validity.start_of(previous + datetime.timedelta(days=1))
    agency_ids = list(_agencies(scope).values_list("pk", flat=True))
    people = {
        (row["agency__sector"], row["job_role"]): (row["people"], row["previous"])
        for row in counted_members()
        .filter(agency_id__in=agency_ids)
        .exclude(job_role="")
        .values("agency__sector", "job_role")
        .annotate(
            people=Count("pk"),
            previous=Count("pk", filter=Q(agency_confirmed_at__lt=end_of_previous)),
        )
        .order_by()
    }
    certificates = Certificate.objects.filter(
        counted_q("user"), user__agency_id__in=agency_ids, module_id__in=module_ids
    ).exclude(user__job_role="")
    group = ("module_id", "user__agency__sector", "user__job_role")
    held_now = {
        tuple(row[key] for key in group): row["people"]
        for row in certificates.filter(validity.in_date_q(day))
        .values(*group)
        .annotate(people=Count("user_id", distinct=True))
        .order_by()
    }
    held_then = {
        tuple(row[key] for key in group): row["people"]
        for row in certificates.filter(
            revoked_at__isnull=True,
            issued_at__lt=end_of_previous,
            expires_at__gte=validity.start_of(previous),
            user__agency_confirmed_at__lt=end_of_previous,
        )
        .values(*group)
        .annotate(people=Count("user_id", distinct=True))
        .order_by()
    }
    return TargetCounts(people=people, held_now=held_now, held_then=held_then)


def live_module_requirements() -> list[TrainingRequirement]:
    """Every requirement of a live module, in the order the targets table lists them."""
    return list(
        TrainingRequirement.objects.filter(module__live=True)
        .select_related("module")
        .order_by("module__title", "module_id", "sector", "job_role")
    )


def targets_table(
    scope: Scope,
    day: datetime.date | None = None,
    *,
    counts: TargetCounts | None = None,
    requirements: list[TrainingRequirement] | None = None,
) -> list[TargetRow]:
    """One row per requirement of a live module, for the agencies in ``scope``, on ``day``
    (today by default). ``counts`` (for this scope and day) are counted by three grouped
    queries when not given; either way Python sums a few hundred groups, never people."""
    day = day or validity.today()
    previous = previous_quarter_end(day)
    if requirements is None:
        requirements = live_module_requirements()
    if not requirements:
        return []
    if counts is None:
        module_ids = sorted({requirement.module_id for requirement in requirements})
        counts = target_counts(scope, day, module_ids)

    rows = []
    for requirement in requirements:
        total = [0, 0, 0, 0]  # people, in date, people then, in date then
        for (sector, job_role), (now_people, then_people) in counts.people.items():
            if not _applies(requirement, sector, job_role):
                continue
            key = (requirement.module_id, sector, job_role)
            total[0] += now_people
            total[1] += counts.held_now.get(key, 0)
            total[2] += then_people
            total[3] += counts.held_then.get(key, 0)
        rows.append(
            TargetRow(
                requirement=requirement,
                people=total[0],
                in_date=total[1],
                previous_day=previous,
                previous_people=total[2],
                previous_in_date=total[3],
            )
        )
    return rows


# --- Required for your role ---------------------------------------------------------------


@dataclass
class RequiredModule:
    """One module someone must hold, with where they stand on ``day``."""

    module: ModulePage
    status: str
    due_on: datetime.date | None
    day: datetime.date
    expires_on: datetime.date | None = None
    in_progress: bool = False

    @property
    def overdue(self) -> bool:
        return self.due_on is not None and self.due_on < self.day

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS[self.status]

    @property
    def sort_key(self) -> tuple:
        return (
            not self.overdue,
            self.due_on is None,
            self.due_on or datetime.date.max,
            self.module.title.casefold(),
            self.module.pk,
        )


@dataclass(frozen=True)
class Person:
    """What the list needs to know about someone (from a user or a ``values()`` row)."""

    pk: int
    sector: str
    job_role: str
    confirmed_on: datetime.date | None
    email: str = field(default="", compare=False)


def person_of(user: User) -> Person | None:
    """``user`` as a :class:`Person`, or None if nothing can be required of them."""
    if not user.is_authenticated or not user.agency_id or not user.job_role:
        return None
    agency = Agency.objects.filter(pk=user.agency_id, is_active=True).first()
    if agency is None:
        return None
    confirmed = user.agency_confirmed_at
    return Person(
        pk=user.pk,
        sector=agency.sector,
        job_role=user.job_role,
        confirmed_on=validity.today(confirmed) if confirmed else None,
        email=user.email,
    )


def live_requirements() -> list[TrainingRequirement]:
    return list(
        TrainingRequirement.objects.filter(module__live=True)
        .select_related("module")
        .order_by("module_id", "pk")
    )


def required_modules(
    people: list[Person],
    day: datetime.date,
    requirements: list[TrainingRequirement] | None = None,
) -> dict[int, list[RequiredModule]]:
    """The "Required for your role" list of each of ``people`` on ``day`` (see the module
    docstring), keyed by person. Three queries, whatever the number of people."""
    if requirements is None:
        requirements = live_requirements()
    # For each person, the modules required of them and the new-starter due date.
    wanted: dict[int, dict[int, datetime.date | None]] = {}
    modules: dict[int, ModulePage] = {}
    for person in people:
        dues = wanted.setdefault(person.pk, {})
        for requirement in requirements:
            if not _applies(requirement, person.sector, person.job_role):
                continue
            modules[requirement.module_id] = requirement.module
            due = None
            if person.confirmed_on is not None:
                start = max(person.confirmed_on, requirement.applies_from)
                due = start + datetime.timedelta(days=requirement.due_within_days)
            if requirement.module_id not in dues:
                dues[requirement.module_id] = due
            elif due is not None:
                earlier = dues[requirement.module_id]
                dues[requirement.module_id] = due if earlier is None else min(earlier, due)
    ids = [pk for pk, dues in wanted.items() if dues]
    if not ids:
        return {person.pk: [] for person in people}
    expiry: dict[tuple[int, int], datetime.datetime] = {}
    for row in Certificate.objects.filter(
        validity.in_force_q(), user_id__in=ids, module_id__in=list(modules)
    ).values("user_id", "module_id", "expires_at"):
        key = (row["user_id"], row["module_id"])
        # At most one is in force (certificates.services); if not, the later expiry.
        if key not in expiry or row["expires_at"] > expiry[key]:
            expiry[key] = row["expires_at"]
    started = set(
        Enrolment.objects.filter(
            user_id__in=ids, module_id__in=list(modules), completed_at__isnull=True
        ).values_list("user_id", "module_id")
    )

    result: dict[int, list[RequiredModule]] = defaultdict(list)
    for person in people:
        items = []
        for module_id, new_starter_due in wanted[person.pk].items():
            expires_at = expiry.get((person.pk, module_id))
            if expires_at is None:
                status, due, expires_on = NOT_DONE, new_starter_due, None
            else:
                expires_on = validity.expires_on(expires_at)
                if not validity.is_in_date(expires_at, day):
                    status = LAPSED
                elif validity.is_expiring(expires_at, day):
                    status = EXPIRING
                else:
                    status = IN_DATE
                due = expires_on
            items.append(
                RequiredModule(
                    module=modules[module_id],
                    status=status,
                    due_on=due,
                    day=day,
                    expires_on=expires_on,
                    in_progress=(person.pk, module_id) in started,
                )
            )
        result[person.pk] = sorted(items, key=lambda item: item.sort_key)
    return dict(result)


def required_for(user: User, day: datetime.date | None = None) -> list[RequiredModule]:
    """``user``'s "Required for your role" list on ``day`` (today by default): empty for
    anyone without an active agency or a job role."""
    day = day or validity.today()
    person = person_of(user)
    if person is None:
        return []
    return required_modules([person], day)[person.pk]


def reminder_candidates():
    """People overdue reminders may go to, as ``values()`` rows: those who count for an
    active agency today (so their email is verified) and have a job role."""
    return (
        counted_members()
        .filter(agency__is_active=True)
        .exclude(job_role="")
        .values("pk", "email", "agency__sector", "job_role", "agency_confirmed_at")
        .order_by("pk")
    )


def person_from_row(row: dict) -> Person:
    confirmed = row["agency_confirmed_at"]
    return Person(
        pk=row["pk"],
        sector=row["agency__sector"],
        job_role=row["job_role"],
        confirmed_on=validity.today(confirmed) if confirmed else None,
        email=row["email"],
    )


__all__ = [
    "BEHIND",
    "CLOSE",
    "EXPIRING",
    "IN_DATE",
    "LAPSED",
    "NOT_DONE",
    "ON_TRACK",
    "RequiredModule",
    "TargetCounts",
    "TargetRow",
    "previous_quarter_end",
    "rag",
    "required_for",
    "required_modules",
    "target_counts",
    "targets_table",
]
