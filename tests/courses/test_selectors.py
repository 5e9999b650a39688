import datetime

import pytest
from django.utils import timezone

from courses import services
from courses.factories import AudienceFactory, module_with_lessons
from courses.models import Enrolment
from courses.selectors import (
    add_months,
    catalogue_modules,
    learner_dashboard,
    live_lessons,
    module_outline,
    modules_due_for_review,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.datetime(2026, 1, 31), 1, datetime.datetime(2026, 2, 28)),
        (datetime.datetime(2024, 1, 31), 1, datetime.datetime(2024, 2, 29)),
        (datetime.datetime(2026, 11, 22), 36, datetime.datetime(2029, 11, 22)),
        (datetime.datetime(2026, 12, 1), 1, datetime.datetime(2027, 1, 1)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_catalogue_filters_by_audience_and_duration(catalogue):
    police = AudienceFactory(slug="police", name="Police")
    health = AudienceFactory(slug="health", name="Health")
    short = module_with_lessons(catalogue, count=2, title="Short", estimated_minutes=20)
    long = module_with_lessons(catalogue, count=4, title="Long", estimated_minutes=90)
    short.audiences.set([police])
    short.save()
    long.audiences.set([police, health])
    long.save()

    assert [m.title for m in catalogue_modules(catalogue)] == ["Short", "Long"]
    assert [m.title for m in catalogue_modules(catalogue, audiences=[health])] == ["Long"]
    assert [m.title for m in catalogue_modules(catalogue, audiences=[police, health])] == [
        "Short",
        "Long",
    ]
    assert [m.title for m in catalogue_modules(catalogue, duration="short")] == ["Short"]
    assert [m.lesson_count for m in catalogue_modules(catalogue)] == [2, 4]


def test_unpublished_modules_are_not_in_the_catalogue(catalogue):
    hidden = module_with_lessons(catalogue, title="Draft")
    hidden.unpublish()
    assert list(catalogue_modules(catalogue)) == []


def test_outline_resumes_at_the_first_lesson_not_done(user_with_role, module):
    learner = user_with_role()
    lessons = list(live_lessons(module))
    services.complete_lesson(learner, lessons[0])
    services.complete_lesson(learner, lessons[1])
    outline = module_outline(module, learner)
    assert outline.resume_lesson == lessons[2]
    assert outline.done_count == 2
    assert outline.percent == 67


def test_dashboard_sorts_modules_into_in_progress_completed_and_due(user_with_role, catalogue):
    learner = user_with_role()
    started = module_with_lessons(catalogue, count=4, title="Started")
    finished = module_with_lessons(catalogue, count=2, title="Finished")
    old = module_with_lessons(catalogue, count=1, title="Old", refresh_months=12)
    services.complete_lesson(learner, live_lessons(started).first())
    for module in (finished, old):
        for lesson in live_lessons(module):
            services.complete_lesson(learner, lesson)
    Enrolment.objects.filter(module=old).update(
        completed_at=timezone.now() - datetime.timedelta(days=330)
    )

    dashboard = learner_dashboard(learner)
    assert [
        (r.module.title, r.lesson_done, r.lesson_total, r.percent) for r in dashboard.in_progress
    ] == [("Started", 1, 4, 25)]
    assert {r.module.title for r in dashboard.completed} == {"Finished", "Old"}
    assert [r.module.title for r in dashboard.due_for_refresh] == ["Old"]


def test_dashboard_shows_only_the_learners_own_modules(user_with_role, module):
    mine, theirs = user_with_role(), user_with_role()
    services.complete_lesson(theirs, live_lessons(module).first())
    dashboard = learner_dashboard(mine)
    assert dashboard.in_progress == dashboard.completed == dashboard.due_for_refresh == []


def test_modules_due_for_review(catalogue):
    today = datetime.date(2026, 11, 22)
    overdue = module_with_lessons(catalogue, title="Overdue", review_by=datetime.date(2026, 10, 1))
    soon = module_with_lessons(catalogue, title="Soon", review_by=datetime.date(2026, 12, 10))
    module_with_lessons(catalogue, title="Later", review_by=datetime.date(2027, 6, 1))
    assert list(modules_due_for_review(today)) == [overdue, soon]
