"""The learner's statuses at their exact edges (courses/selectors/__init__.py).

What a learner reads on the catalogue, on a module's outline and on "My learning", and
how long a cached copy of those pages may be served: "Refresher due" from the moment a
refresher is due within 60 days (not a second before), the newest completion deciding,
an open enrolment always "In progress", and the next moment a status changes with time
alone (the page cache's expiry), to the second.
"""

import datetime

import pytest

from courses.factories import LessonPageFactory, module_with_lessons
from courses.models import Enrolment, ReflectionNote
from courses.selectors import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    REFRESH_WARNING_DAYS,
    REFRESHER_DUE,
    add_months,
    catalogue_changes_at,
    catalogue_modules,
    current_enrolment,
    learner_dashboard,
    learner_status,
    live_lessons,
    module_outline,
    reflection_notes,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
COMPLETED_AT = datetime.datetime(2025, 3, 10, 14, 30, tzinfo=UTC)
# A 12-month refresher: due on 10 March 2026 at 14:30, warned 60 days before.
DUE_AT = datetime.datetime(2026, 3, 10, 14, 30, tzinfo=UTC)
WARNED_AT = DUE_AT - datetime.timedelta(days=REFRESH_WARNING_DAYS)
SECOND = datetime.timedelta(seconds=1)


def enrol(user, module, *, started=None, completed=None):
    return Enrolment.objects.create(
        user=user,
        module=module,
        started_at=started or (completed or COMPLETED_AT) - datetime.timedelta(days=1),
        completed_at=completed,
    )


def status_of(catalogue, user, title, now):
    (module,) = [m for m in catalogue_modules(catalogue, user=user) if m.title == title]
    return learner_status(module, now)


@pytest.fixture
def refresher(catalogue):
    return module_with_lessons(catalogue, count=3, title="Refresher", refresh_months=12)


def test_the_warning_moment_is_sixty_days_before_the_due_date():
    assert datetime.datetime(2026, 1, 9, 14, 30, tzinfo=UTC) == WARNED_AT
    assert add_months(COMPLETED_AT, 12) == DUE_AT


def test_status_turns_to_refresher_due_on_the_second_of_the_warning(
    catalogue, refresher, user_with_role
):
    learner = user_with_role()
    enrol(learner, refresher, completed=COMPLETED_AT)
    assert status_of(catalogue, learner, "Refresher", WARNED_AT - SECOND) == COMPLETED
    assert status_of(catalogue, learner, "Refresher", WARNED_AT) == REFRESHER_DUE
    assert status_of(catalogue, learner, "Refresher", DUE_AT + SECOND) == REFRESHER_DUE


def test_status_follows_the_newest_completion_not_an_older_one(
    catalogue, refresher, user_with_role
):
    learner = user_with_role()
    enrol(learner, refresher, completed=COMPLETED_AT - datetime.timedelta(days=400))
    enrol(learner, refresher, completed=COMPLETED_AT)
    # The older completion's refresher is long due; the newer one's is not yet.
    assert status_of(catalogue, learner, "Refresher", WARNED_AT - SECOND) == COMPLETED


def test_an_open_enrolment_is_in_progress_even_after_a_completion(
    catalogue, refresher, user_with_role
):
    learner = user_with_role()
    enrol(learner, refresher, completed=COMPLETED_AT - datetime.timedelta(days=400))
    enrol(learner, refresher, started=WARNED_AT)
    assert status_of(catalogue, learner, "Refresher", DUE_AT) == IN_PROGRESS


def test_only_the_learners_own_enrolments_on_this_module_count(
    catalogue, refresher, user_with_role
):
    learner, colleague = user_with_role(), user_with_role()
    other = module_with_lessons(catalogue, count=1, title="Other", refresh_months=12)
    enrol(colleague, refresher, completed=COMPLETED_AT)
    enrol(learner, other, started=COMPLETED_AT)
    assert status_of(catalogue, learner, "Refresher", DUE_AT) == NOT_STARTED
    assert status_of(catalogue, learner, "Other", DUE_AT) == IN_PROGRESS
    assert status_of(catalogue, colleague, "Other", DUE_AT) == NOT_STARTED


def test_the_catalogue_counts_live_lessons_of_each_module_only(catalogue, refresher):
    module_with_lessons(catalogue, count=5, title="Other")
    live_lessons(refresher).last().unpublish()
    counts = {module.title: module.lesson_count for module in catalogue_modules(catalogue)}
    assert counts == {"Refresher": 2, "Other": 5}


def test_a_module_with_no_lessons_counts_none(catalogue):
    module_with_lessons(catalogue, count=0, title="Empty")
    assert [module.lesson_count for module in catalogue_modules(catalogue)] == [0]


def test_the_catalogue_cache_lasts_until_the_first_refresher_warning(
    catalogue, refresher, user_with_role
):
    learner = user_with_role()
    sooner = module_with_lessons(catalogue, count=1, title="Sooner", refresh_months=6)
    # Its warning would come first (11 April), but a refresher is open: "In progress"
    # does not change with time.
    never = module_with_lessons(catalogue, count=1, title="Open", refresh_months=3)
    enrol(learner, refresher, completed=COMPLETED_AT)
    enrol(learner, sooner, completed=COMPLETED_AT)
    enrol(learner, never, completed=COMPLETED_AT)
    enrol(learner, never, started=COMPLETED_AT + SECOND)
    sooner_warned = add_months(COMPLETED_AT, 6) - datetime.timedelta(days=REFRESH_WARNING_DAYS)
    modules = list(catalogue_modules(catalogue, user=learner))

    assert catalogue_changes_at(modules, COMPLETED_AT) == sooner_warned
    assert catalogue_changes_at(modules, sooner_warned - SECOND) == sooner_warned
    # Once a warning has passed it is no longer "next": the later one is.
    assert catalogue_changes_at(modules, sooner_warned) == WARNED_AT
    assert catalogue_changes_at(modules, WARNED_AT) is None


def test_without_a_learner_every_module_is_not_started(catalogue, refresher):
    (module,) = catalogue_modules(catalogue)
    assert learner_status(module, DUE_AT) == NOT_STARTED


def test_a_catalogue_with_nothing_completed_never_changes_with_time(
    catalogue, refresher, user_with_role
):
    learner = user_with_role()
    enrol(learner, refresher, started=COMPLETED_AT)
    assert (
        catalogue_changes_at(list(catalogue_modules(catalogue, user=learner)), COMPLETED_AT) is None
    )
    assert catalogue_changes_at(list(catalogue_modules(catalogue)), COMPLETED_AT) is None


def test_an_outline_changes_when_the_refresher_warning_starts(refresher, user_with_role):
    learner = user_with_role()
    assert module_outline(refresher, learner).changes_at(COMPLETED_AT) is None
    enrol(learner, refresher, completed=COMPLETED_AT)
    outline = module_outline(refresher, learner)
    assert outline.changes_at(COMPLETED_AT) == WARNED_AT
    assert outline.changes_at(WARNED_AT - SECOND) == WARNED_AT
    assert outline.changes_at(WARNED_AT) is None


def test_an_outline_in_progress_never_changes_with_time(refresher, user_with_role):
    learner = user_with_role()
    enrol(learner, refresher, completed=COMPLETED_AT)
    enrol(learner, refresher, started=COMPLETED_AT + SECOND)
    outline = module_outline(refresher, learner)
    assert outline.enrolment.completed_at is None
    assert outline.changes_at(COMPLETED_AT) is None


def test_previous_and_next_lesson_at_each_end(refresher, user_with_role):
    first, middle, last = live_lessons(refresher)
    outline = module_outline(refresher, user_with_role())
    assert outline.neighbours(first) == (None, middle)
    assert outline.neighbours(middle) == (first, last)
    assert outline.neighbours(last) == (middle, None)


def test_a_lesson_from_elsewhere_has_no_neighbours(catalogue, refresher, user_with_role):
    stranger = live_lessons(module_with_lessons(catalogue, count=2, title="Other")).first()
    draft = LessonPageFactory(parent=refresher, title="Draft lesson", live=False)
    outline = module_outline(refresher, user_with_role())
    assert outline.neighbours(stranger) == (None, None)
    assert outline.neighbours(draft) == (None, None)


def test_a_single_lesson_has_no_neighbours(catalogue, user_with_role):
    only = module_with_lessons(catalogue, count=1, title="Single")
    (lesson,) = live_lessons(only)
    assert module_outline(only, user_with_role()).neighbours(lesson) == (None, None)


def test_my_learning_changes_at_the_warning_then_at_the_due_date(refresher, user_with_role):
    learner = user_with_role()
    enrol(learner, refresher, completed=COMPLETED_AT)
    dashboard = learner_dashboard(learner, COMPLETED_AT)
    assert dashboard.changes_at(COMPLETED_AT) == WARNED_AT
    assert dashboard.changes_at(WARNED_AT) == DUE_AT
    assert dashboard.changes_at(DUE_AT - SECOND) == DUE_AT
    assert dashboard.changes_at(DUE_AT) is None


def test_my_learning_changes_at_the_first_moment_of_any_module(
    catalogue, refresher, user_with_role
):
    learner = user_with_role()
    enrol(learner, refresher, completed=COMPLETED_AT)
    # Completed later (so listed first), on a 6-month refresher: warned on 12 July 2025.
    newer = module_with_lessons(catalogue, count=1, title="Newer", refresh_months=6)
    enrol(learner, newer, completed=COMPLETED_AT + datetime.timedelta(days=1))
    newer_due = add_months(COMPLETED_AT + datetime.timedelta(days=1), 6)
    dashboard = learner_dashboard(learner, COMPLETED_AT)
    assert [row.module.title for row in dashboard.completed] == ["Newer", "Refresher"]
    assert dashboard.changes_at(COMPLETED_AT) == newer_due - datetime.timedelta(days=60)
    assert dashboard.changes_at(newer_due) == WARNED_AT


def test_my_learning_with_nothing_completed_never_changes_with_time(refresher, user_with_role):
    learner = user_with_role()
    enrol(learner, refresher, started=COMPLETED_AT)
    assert learner_dashboard(learner, COMPLETED_AT).changes_at(COMPLETED_AT) is None


def test_a_refresher_is_due_on_my_learning_from_the_warning(refresher, user_with_role):
    learner = user_with_role()
    enrol(learner, refresher, completed=COMPLETED_AT)
    before = learner_dashboard(learner, WARNED_AT - SECOND)
    on = learner_dashboard(learner, WARNED_AT)
    assert before.due_for_refresh == []
    assert [row.module.title for row in on.due_for_refresh] == ["Refresher"]
    assert on.completed[0].due_at == DUE_AT


def test_reflection_notes_are_the_learners_own_on_this_lesson(refresher, user_with_role):
    learner, colleague = user_with_role(), user_with_role()
    first, second, _ = live_lessons(refresher)
    ReflectionNote.objects.create(user=learner, lesson=first, block_id="a", text="Mine")
    ReflectionNote.objects.create(user=learner, lesson=first, block_id="b", text="Also mine")
    ReflectionNote.objects.create(user=learner, lesson=second, block_id="c", text="Next lesson")
    ReflectionNote.objects.create(user=colleague, lesson=first, block_id="a", text="Theirs")
    assert reflection_notes(learner, first) == {"a": "Mine", "b": "Also mine"}
    assert reflection_notes(colleague, second) == {}


def test_the_current_enrolment_is_the_open_one_else_the_newest_completed(refresher, user_with_role):
    from django.contrib.auth.models import AnonymousUser

    learner, colleague = user_with_role(), user_with_role()
    enrol(colleague, refresher, started=COMPLETED_AT + datetime.timedelta(days=900))
    assert current_enrolment(learner, refresher) is None
    older = enrol(learner, refresher, completed=COMPLETED_AT - datetime.timedelta(days=400))
    newer = enrol(learner, refresher, completed=COMPLETED_AT)
    assert current_enrolment(learner, refresher) == newer
    assert older != newer
    opened = enrol(learner, refresher, started=COMPLETED_AT - datetime.timedelta(days=800))
    assert current_enrolment(learner, refresher) == opened
    assert current_enrolment(AnonymousUser(), refresher) is None


# --- Dates -------------------------------------------------------------------------------


def test_a_month_later_from_the_thirty_first_is_the_last_day_of_a_short_month():
    assert add_months(datetime.datetime(2026, 3, 31, 9, tzinfo=UTC), 1) == datetime.datetime(
        2026, 4, 30, 9, tzinfo=UTC
    )
    assert add_months(datetime.datetime(2026, 1, 30, tzinfo=UTC), 1) == datetime.datetime(
        2026, 2, 28, tzinfo=UTC
    )


@pytest.mark.parametrize(("offset", "listed"), [(29, True), (30, True), (31, False)])
def test_modules_due_for_review_within_thirty_days_of_the_day_given(catalogue, offset, listed):
    from courses.selectors import modules_due_for_review

    day = datetime.date(2025, 5, 1)  # not today: the day given is the one used
    module = module_with_lessons(
        catalogue, count=1, title="Review", review_by=day + datetime.timedelta(days=offset)
    )
    assert (module in modules_due_for_review(day)) is listed


# --- The catalogue -----------------------------------------------------------------------


@pytest.fixture
def searchable(catalogue):
    module_with_lessons(catalogue, count=1, title="Forced marriage and honour")
    module_with_lessons(catalogue, count=1, title="Coercive control at home")
    module_with_lessons(catalogue, count=1, title="Forced entry")
    return catalogue


def titles(modules):
    return sorted(module.title for module in modules)


def test_search_needs_every_word(searchable):
    assert titles(catalogue_modules(searchable, query="forced marriage")) == [
        "Forced marriage and honour"
    ]
    assert titles(catalogue_modules(searchable, query="forced")) == [
        "Forced entry",
        "Forced marriage and honour",
    ]


def test_search_reads_punctuation_as_spaces(searchable):
    assert titles(catalogue_modules(searchable, query='"forced"+(marriage)!')) == [
        "Forced marriage and honour"
    ]
    assert titles(catalogue_modules(searchable, query="  Coercive   control ")) == [
        "Coercive control at home"
    ]


def test_search_of_punctuation_alone_finds_nothing(searchable):
    assert list(catalogue_modules(searchable, query='"*!?')) == []
    assert len(catalogue_modules(searchable, query="")) == 3


def test_search_only_looks_in_this_catalogue(searchable, home_page):
    from courses.factories import CourseIndexPageFactory

    elsewhere = CourseIndexPageFactory(parent=home_page, title="Archive", slug="archive")
    module_with_lessons(elsewhere, count=1, title="Forced marriage (archived)")
    assert titles(catalogue_modules(searchable, query="forced marriage")) == [
        "Forced marriage and honour"
    ]


def test_the_catalogue_reads_audiences_in_one_query(searchable, django_assert_num_queries):
    from courses.factories import AudienceFactory

    police = AudienceFactory(slug="police", name="Police")
    for module in catalogue_modules(searchable):
        module.audiences.set([police])
        module.save()  # a page's audiences are kept with the page (modelcluster)
    with django_assert_num_queries(2):  # the modules, then every module's audiences
        names = [[a.name for a in m.audiences.all()] for m in catalogue_modules(searchable)]
    assert names == [["Police"]] * 3


# --- A module's outline ------------------------------------------------------------------


def test_an_outline_before_starting(refresher, user_with_role):
    outline = module_outline(refresher, user_with_role())
    first = live_lessons(refresher).first()
    assert outline.module == refresher
    assert (outline.started, outline.enrolment, outline.done_count) == (False, None, 0)
    assert (outline.percent, outline.resume_lesson) == (0, first)


def test_an_outline_once_started_is_the_learners_enrolment(refresher, user_with_role):
    from courses import services

    learner = user_with_role()
    first = live_lessons(refresher).first()
    services.complete_lesson(learner, first)
    outline = module_outline(refresher, learner)
    assert outline.started and outline.enrolment.user == learner
    assert (outline.done_count, outline.percent) == (1, 33)


def test_an_outline_reads_its_lessons_in_a_fixed_number_of_queries(
    refresher, user_with_role, django_assert_num_queries
):
    learner = user_with_role()
    with django_assert_num_queries(3):  # lessons, the enrolment, lessons done
        outline = module_outline(refresher, learner)
        shown = [(lesson.id, lesson.title, lesson.slug, lesson.url) for lesson in outline.lessons]
        prev_next = outline.neighbours(outline.lessons[1])
    assert [title for _, title, _, _ in shown] == [f"Refresher: lesson {n}" for n in (1, 2, 3)]
    assert all(url and url.endswith(f"/{slug}/") for _, _, slug, url in shown)
    assert [lesson.title for lesson in prev_next] == ["Refresher: lesson 1", "Refresher: lesson 3"]


# --- My learning -------------------------------------------------------------------------


def test_my_learning_lists_the_newest_completion_of_each_module_once(catalogue, user_with_role):
    learner = user_with_role()
    first = module_with_lessons(catalogue, count=1, title="First", refresh_months=12)
    second = module_with_lessons(catalogue, count=1, title="Second", refresh_months=12)
    enrol(learner, first, completed=COMPLETED_AT)
    enrol(learner, first, completed=COMPLETED_AT - datetime.timedelta(days=30))
    # Started before First's completions, completed after: completion order decides.
    enrol(
        learner,
        second,
        started=COMPLETED_AT - datetime.timedelta(days=100),
        completed=COMPLETED_AT - datetime.timedelta(days=60),
    )
    dashboard = learner_dashboard(learner, COMPLETED_AT)
    assert [row.module.title for row in dashboard.completed] == ["First", "Second"]
    assert [row.due_at for row in dashboard.completed] == [
        DUE_AT,
        add_months(COMPLETED_AT - datetime.timedelta(days=60), 12),
    ]


def test_my_learning_orders_modules_in_progress_newest_first(catalogue, user_with_role):
    learner = user_with_role()
    older = module_with_lessons(catalogue, count=1, title="Older")
    newer = module_with_lessons(catalogue, count=1, title="Newer")
    enrol(learner, older, started=COMPLETED_AT)  # created first
    enrol(learner, newer, started=COMPLETED_AT + datetime.timedelta(hours=1))
    rows = learner_dashboard(learner, COMPLETED_AT).in_progress
    assert [row.module.title for row in rows] == ["Newer", "Older"]


def test_a_refresher_in_progress_is_not_due_again(refresher, user_with_role):
    learner = user_with_role()
    enrol(learner, refresher, completed=COMPLETED_AT)
    enrol(learner, refresher, started=DUE_AT)
    dashboard = learner_dashboard(learner, DUE_AT + SECOND)
    assert dashboard.due_for_refresh == []
    assert [row.module.title for row in dashboard.in_progress] == ["Refresher"]


def test_my_learning_counts_only_live_lessons_done(refresher, user_with_role):
    from courses import services

    learner = user_with_role()
    first, second, _ = live_lessons(refresher)
    services.complete_lesson(learner, first)
    services.complete_lesson(learner, second)
    second.unpublish()
    (row,) = learner_dashboard(learner).in_progress
    assert (row.lesson_done, row.lesson_total, row.percent) == (1, 2, 50)


def test_my_learning_shows_the_certificate_number(refresher, user_with_role):
    from certificates.services import issue_certificate

    learner = user_with_role()
    enrolment = enrol(learner, refresher, completed=COMPLETED_AT)
    certificate = issue_certificate(enrolment, now=COMPLETED_AT)
    (row,) = learner_dashboard(learner, COMPLETED_AT).completed
    assert row.certificate_number == certificate.number


def test_my_learning_reads_modules_in_a_fixed_number_of_queries(
    catalogue, user_with_role, django_assert_num_queries
):
    learner = user_with_role()
    for number in range(3):
        module = module_with_lessons(catalogue, count=1, title=f"Module {number}")
        enrol(learner, module, completed=COMPLETED_AT)
    from courses.selectors import requirements

    required_queries = 0
    with django_assert_num_queries(0, exact=False) as counted:
        requirements.required_for(learner)
    required_queries = len(counted.captured_queries)
    with django_assert_num_queries(1 + required_queries):
        dashboard = learner_dashboard(learner, COMPLETED_AT)
        [row.module.title for row in dashboard.completed]


def test_my_learning_lists_required_training_as_on_the_day_given(catalogue, user_with_role):
    from courses.models import TrainingRequirement
    from network.factories import AgencyFactory

    police = AgencyFactory(name="Police", sector="police")
    module = module_with_lessons(catalogue, count=1, title="Required")
    TrainingRequirement.objects.create(
        module=module, sector="police", due_within_days=90, applies_from=datetime.date(2020, 1, 1)
    )
    learner = user_with_role(
        agency=police, agency_confirmed_at=datetime.datetime(2025, 1, 1, 12, tzinfo=UTC)
    )
    # 23:30 UTC on 1 June is 00:30 on 2 June in London.
    now = datetime.datetime(2025, 6, 1, 23, 30, tzinfo=UTC)
    required = learner_dashboard(learner, now).required
    assert [(item.module.title, item.day) for item in required] == [
        ("Required", datetime.date(2025, 6, 2))
    ]
