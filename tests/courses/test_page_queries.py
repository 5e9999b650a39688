"""The pages learners wait for make a fixed number of database queries: the same with a
module of two lessons as with one of eight, and with one learner as with many (issue 17).

Each page is fetched twice for every size: once with an empty cache (the most queries it can
make) and once more (what a learner clicking around gets). Both counts must not grow.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.factories import module_with_lessons
from courses.selectors import live_lessons
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

# Upper bounds, cold cache (a fresh session, nothing cached): a regression guard, not a goal.
MAX_QUERIES = {"lesson": 30, "module": 30, "catalogue": 30, "dashboard": 30}


def _world(catalogue, user_with_role, lessons: int, others: int, modules: int, prefix: str):
    """A learner half-way through a module of ``lessons`` lessons (with a completed module
    beside it when ``modules`` > 1), and ``others`` learners with progress of their own."""
    built = [
        module_with_lessons(catalogue, count=lessons, title=f"{prefix} module {n}")
        for n in range(modules)
    ]
    main = built[0]
    main_lessons = list(live_lessons(main))
    learner = user_with_role(full_name=f"{prefix} learner")
    for lesson in main_lessons[: lessons // 2]:
        services.complete_lesson(learner, lesson)
    for module in built[1:]:
        for lesson in live_lessons(module):
            services.complete_lesson(learner, lesson)
    for n in range(others):
        other = user_with_role(full_name=f"{prefix} other learner {n}")
        for lesson in main_lessons[: n % (lessons + 1)]:
            services.complete_lesson(other, lesson)
    return learner, {
        "lesson": main_lessons[lessons // 2].url,
        "module": main.url,
        "catalogue": catalogue.url,
        "dashboard": reverse("courses:dashboard"),
    }


def _stable(content: bytes) -> str:
    """The page without what changes on every response (CSP nonces, CSRF tokens)."""
    text = re.sub(r'nonce="[^"]*"', "", content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def _counts(client, learner, urls) -> dict[str, tuple[int, int]]:
    sign_in(client, learner)
    counts = {}
    for name, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        with CaptureQueriesContext(connection) as warm:
            again = client.get(url)
        assert again.status_code == 200
        assert _stable(again.content) == _stable(response.content), name
        counts[name] = (len(cold), len(warm))
    return counts


@pytest.fixture
def measure(client, catalogue, user_with_role):
    def run(lessons, others, modules=2, prefix="First"):
        learner, urls = _world(catalogue, user_with_role, lessons, others, modules, prefix)
        _counts(client, learner, urls)  # fills the process's own caches (content types, sites)
        return learner, urls, _counts(client, learner, urls)

    return run


def test_query_counts_do_not_grow_with_lessons_or_learners(measure, catalogue):
    _, _, small = measure(lessons=3, others=1, modules=2)
    _, _, large = measure(lessons=8, others=6, modules=3, prefix="Second")
    for name in MAX_QUERIES:
        assert large[name] == small[name], (name, small[name], large[name])
        assert large[name][0] <= MAX_QUERIES[name], (name, large[name])
        assert large[name][1] <= large[name][0], (name, large[name])


def test_the_pages_still_show_this_learners_progress(client, measure):
    """The counts are of real pages: the learner's own progress is on them."""
    learner, urls, _ = measure(lessons=4, others=3, modules=2)
    sign_in(client, learner)
    module = client.get(urls["module"]).content.decode()
    assert module.count("govuk-tag--green app-task-list__status") == 2  # 2 of 4 lessons done
    lesson = client.get(urls["lesson"]).content.decode()
    assert "2 of 4 done" in lesson
    dashboard = client.get(urls["dashboard"]).content.decode()
    assert "First module 0" in dashboard and "First module 1" in dashboard


def test_a_cached_lesson_body_follows_publishing_and_stays_personal(
    client, user_with_role, catalogue
):
    from courses.factories import LessonPageFactory, lesson_body

    module = module_with_lessons(catalogue, count=0)
    body = lesson_body()
    body.insert(0, ("reflection", {"question": "What would you do?", "hint": ""}))
    lesson = LessonPageFactory(parent=module, body=body)
    block_id = lesson.body[0].id
    first, second = user_with_role(), user_with_role()
    url = reverse("courses:save_reflection", args=[lesson.pk])
    sign_in(client, first)
    client.post(url, {"block_id": block_id, "text": "First learner wrote this"})
    assert "First learner wrote this" in client.get(lesson.url).content.decode()

    sign_in(client, second)
    page = client.get(lesson.url).content.decode()  # the body now comes from the cache
    assert "First learner wrote this" not in page
    assert "What would you do?" in page and f'name="block_id" value="{block_id}"' in page
    client.post(url, {"block_id": block_id, "text": "Second learner wrote that"})
    page = client.get(lesson.url).content.decode()
    assert "Second learner wrote that" in page and "First learner wrote this" not in page

    # A draft does not show; publishing it does, at once.
    lesson.title = lesson.title  # unchanged
    lesson.body[0].value["question"] = "What would you do next?"
    revision = lesson.save_revision()
    assert "What would you do next?" not in client.get(lesson.url).content.decode()
    revision.publish()
    assert "What would you do next?" in client.get(lesson.url).content.decode()
