"""Reading modules, lessons and learners' progress.

Every function here uses a fixed number of queries, whatever the number of lessons,
enrolments or learners (tests assert it).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import CourseIndexPage, Enrolment, LessonPage, ModulePage, ReflectionNote

REFRESH_WARNING_DAYS = 60

DURATIONS = {
    "short": ("Under 30 minutes", Q(estimated_minutes__lt=30)),
    "medium": ("30 to 60 minutes", Q(estimated_minutes__gte=30, estimated_minutes__lte=60)),
    "long": ("Over an hour", Q(estimated_minutes__gt=60)),
}


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day ``months`` later, or the month's last day if it has fewer days."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)  # unreachable: every month has 28 days


def live_lessons(module: ModulePage) -> QuerySet[LessonPage]:
    return LessonPage.objects.child_of(module).live().order_by("path")


def _live_lesson_count(module_ref: str = "") -> Subquery:
    """Number of live lessons under the module at ``module_ref`` (an OuterRef prefix)."""
    lessons = (
        LessonPage.objects.filter(
            live=True,
            depth=OuterRef(f"{module_ref}depth") + 1,
            path__startswith=OuterRef(f"{module_ref}path"),
        )
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(lessons, output_field=IntegerField()), 0)


SEARCH_MAX_LENGTH = 100


def catalogue_modules(
    index_page: CourseIndexPage,
    audiences=None,
    duration: str | None = None,
    query: str = "",
    user=None,
) -> QuerySet[ModulePage]:
    """The live modules of the catalogue, filtered, and matching ``query`` (Wagtail search
    on title, summary and learning outcomes). For a signed-in ``user``, each module carries
    their enrolments as annotations (see :func:`learner_status`), in the same query."""
    modules = (
        ModulePage.objects.child_of(index_page)
        .live()
        .annotate(lesson_count=_live_lesson_count())
        .prefetch_related("audiences")
        .order_by("path")
    )
    if audiences:
        modules = modules.filter(audiences__in=audiences).distinct()
    if duration in DURATIONS:
        modules = modules.filter(DURATIONS[duration][1])
    # Words only: quotes and operators would reach the search engine's own query language.
    words = " ".join(re.sub(r"[^\w\s'-]", " ", query[:SEARCH_MAX_LENGTH]).split())
    if words:
        found = ModulePage.objects.child_of(index_page).live().search(words, operator="and")
        modules = modules.filter(pk__in=[page.pk for page in found])
    elif query.strip():
        modules = modules.none()  # only punctuation: nothing matches it
    if user is not None and user.is_authenticated:
        mine = Enrolment.objects.filter(user=user, module=OuterRef("pk")).order_by()
        modules = modules.annotate(
            enrolment_open=Exists(mine.filter(completed_at__isnull=True)),
            last_completed_at=Subquery(
                mine.filter(completed_at__isnull=False)
                .order_by("-completed_at")
                .values("completed_at")[:1]
            ),
        )
    return modules


NOT_STARTED, IN_PROGRESS, COMPLETED, REFRESHER_DUE = (
    "Not started",
    "In progress",
    "Completed",
    "Refresher due",
)


def learner_status(module: ModulePage, now: datetime.datetime | None = None) -> str:
    """A signed-in learner's status for a module from :func:`catalogue_modules`: no query.
    Refresher due matches :func:`refresh_due` (due, or due within 60 days)."""
    if getattr(module, "enrolment_open", False):
        return IN_PROGRESS
    completed_at = getattr(module, "last_completed_at", None)
    if completed_at is None:
        return NOT_STARTED
    due_at = add_months(completed_at, module.refresh_months)
    now = now or timezone.now()
    if due_at - datetime.timedelta(days=REFRESH_WARNING_DAYS) <= now:
        return REFRESHER_DUE
    return COMPLETED


@dataclass
class ModuleOutline:
    """A learner's view of one module: its lessons, which are done, and where to resume."""

    module: ModulePage
    lessons: list[LessonPage]
    enrolment: Enrolment | None = None
    done_ids: set[int] = field(default_factory=set)

    @property
    def done_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.pk in self.done_ids)

    @property
    def percent(self) -> int:
        if self.enrolment and self.enrolment.is_complete:
            return 100
        return round(100 * self.done_count / len(self.lessons)) if self.lessons else 0

    @property
    def resume_lesson(self) -> LessonPage | None:
        """The first lesson not yet done, in order; None when every lesson is done."""
        return next((lesson for lesson in self.lessons if lesson.pk not in self.done_ids), None)

    @property
    def started(self) -> bool:
        return self.enrolment is not None

    @property
    def refresh_due(self) -> bool:
        return bool(self.enrolment) and refresh_due(self.enrolment)

    def changes_at(self, now: datetime.datetime) -> datetime.datetime | None:
        """The next moment this outline's statuses change with time alone (a refresher
        falling due), for the learner's page cache; None if nothing on it does."""
        if self.enrolment is None or not self.enrolment.is_complete:
            return None
        return _first_after(now, _refresh_warning_at(refresh_due_at(self.enrolment)))

    def neighbours(self, lesson: LessonPage) -> tuple[LessonPage | None, LessonPage | None]:
        ids = [item.pk for item in self.lessons]
        if lesson.pk not in ids:
            return None, None
        index = ids.index(lesson.pk)
        previous = self.lessons[index - 1] if index > 0 else None
        following = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return previous, following


def current_enrolment(user, module: ModulePage) -> Enrolment | None:
    """The open enrolment, or else the most recent completed one."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user=user, module=module)
        .order_by(F("completed_at").desc(nulls_first=True), "-started_at")
        .first()
    )


def module_outline(module: ModulePage, user) -> ModuleOutline:
    lessons = list(live_lessons(module).only("id", "title", "slug", "url_path"))
    enrolment = current_enrolment(user, module)
    done_ids = set()
    if enrolment is not None:
        done_ids = set(enrolment.completions.values_list("lesson_id", flat=True))
    return ModuleOutline(module=module, lessons=lessons, enrolment=enrolment, done_ids=done_ids)


def refresh_due_at(enrolment: Enrolment) -> datetime.datetime | None:
    if enrolment.completed_at is None:
        return None
    return add_months(enrolment.completed_at, enrolment.module.refresh_months)


def _refresh_warning_at(due_at: datetime.datetime | None) -> datetime.datetime | None:
    """When a refresher becomes due (``REFRESH_WARNING_DAYS`` before ``due_at``)."""
    return None if due_at is None else due_at - datetime.timedelta(days=REFRESH_WARNING_DAYS)


def _first_after(now: datetime.datetime, *moments: datetime.datetime | None):
    future = [moment for moment in moments if moment is not None and moment > now]
    return min(future, default=None)


def catalogue_changes_at(modules, now: datetime.datetime) -> datetime.datetime | None:
    """The next moment a status of :func:`learner_status` changes with time alone, over
    ``modules`` from :func:`catalogue_modules` (for the learner's page cache)."""
    moments = []
    for module in modules:
        completed_at = getattr(module, "last_completed_at", None)
        if completed_at is not None and not getattr(module, "enrolment_open", False):
            moments.append(_refresh_warning_at(add_months(completed_at, module.refresh_months)))
    return _first_after(now, *moments)


def refresh_due(enrolment: Enrolment, now: datetime.datetime | None = None) -> bool:
    """Completed long enough ago that a refresher is due (or due within 60 days)."""
    due_at = refresh_due_at(enrolment)
    now = now or timezone.now()
    return due_at is not None and due_at - datetime.timedelta(days=REFRESH_WARNING_DAYS) <= now


@dataclass
class DashboardRow:
    enrolment: Enrolment
    lesson_total: int
    lesson_done: int
    due_at: datetime.datetime | None = None

    @property
    def module(self) -> ModulePage:
        return self.enrolment.module

    @property
    def certificate_number(self) -> str | None:
        return getattr(self.enrolment, "certificate_number", None)

    @property
    def overdue(self) -> bool:
        return self.due_at is not None and self.due_at <= timezone.now()

    @property
    def percent(self) -> int:
        if self.enrolment.is_complete:
            return 100
        return round(100 * self.lesson_done / self.lesson_total) if self.lesson_total else 0


@dataclass
class Dashboard:
    in_progress: list[DashboardRow]
    completed: list[DashboardRow]
    due_for_refresh: list[DashboardRow]
    # "Required for your role" (courses.selectors.requirements.required_for).
    required: list = field(default_factory=list)

    def changes_at(self, now: datetime.datetime) -> datetime.datetime | None:
        """The next moment something here changes with time alone (a refresher falling
        due, then overdue), for the learner's page cache. The "Required for your role"
        statuses change with the date, which is part of the cache's key."""
        moments = []
        for row in self.completed:
            moments += [_refresh_warning_at(row.due_at), row.due_at]
        return _first_after(now, *moments)


def learner_dashboard(user, now: datetime.datetime | None = None) -> Dashboard:
    """A learner's modules: in progress, completed, and due for a refresher (one query),
    and the modules required for their role (a few more; see ``required_for``)."""
    now = now or timezone.now()
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("module")
        .annotate(
            lesson_total=_live_lesson_count("module__"),
            lesson_done=Count("completions", filter=Q(completions__lesson__live=True)),
            # The certificates app issues one per completed enrolment.
            certificate_number=F("certificate__number"),
        )
        .order_by(F("completed_at").desc(nulls_first=True), "-started_at")
    )
    in_progress, completed, due = [], [], []
    refreshing, completed_modules = set(), set()
    for enrolment in enrolments:
        row = DashboardRow(enrolment, enrolment.lesson_total, enrolment.lesson_done)
        if enrolment.completed_at is None:
            in_progress.append(row)
            refreshing.add(enrolment.module_id)
            continue
        if enrolment.module_id in completed_modules:
            continue  # an older completion, superseded by a newer one
        completed_modules.add(enrolment.module_id)
        row.due_at = refresh_due_at(enrolment)
        completed.append(row)
        if enrolment.module_id not in refreshing and refresh_due(enrolment, now):
            due.append(row)
    from certificates.validity import today

    from .requirements import required_for

    return Dashboard(
        in_progress=in_progress,
        completed=completed,
        due_for_refresh=due,
        required=required_for(user, today(now)),
    )


def reflection_notes(user, lesson: LessonPage) -> dict[str, str]:
    return dict(
        ReflectionNote.objects.filter(user=user, lesson=lesson).values_list("block_id", "text")
    )


def modules_due_for_review(today: datetime.date | None = None, within_days: int = 30):
    """Modules whose review-by date has passed or falls within ``within_days``."""
    today = today or timezone.localdate()
    return ModulePage.objects.filter(
        review_by__lte=today + datetime.timedelta(days=within_days)
    ).order_by("review_by")
