import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.factories import LessonPageFactory, module_with_lessons
from courses.models import Enrolment, LessonCompletion, ReflectionNote
from courses.selectors import live_lessons
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(user_with_role):
    return user_with_role()


@pytest.fixture
def signed_in(client, learner):
    sign_in(client, learner)
    return client


def test_anyone_can_read_the_catalogue_and_module_overview(client, module):
    catalogue = client.get(module.get_parent().url).content.decode()
    assert module.title in catalogue
    overview = client.get(module.url)
    assert overview.status_code == 200
    html = overview.content.decode()
    assert "Sign in" in html
    for lesson in live_lessons(module):
        assert lesson.title in html


def test_lessons_need_an_account(client, module):
    lesson = live_lessons(module).first()
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_unpublished_lessons_are_not_found(signed_in, module):
    lesson = live_lessons(module).first()
    lesson.unpublish()
    assert signed_in.get(lesson.url).status_code == 404
    response = signed_in.post(reverse("courses:complete_lesson", args=[lesson.pk]))
    assert response.status_code == 404


def test_start_enrols_and_opens_the_first_lesson(signed_in, learner, module):
    response = signed_in.post(reverse("courses:start_module", args=[module.pk]))
    assert response.status_code == 302
    assert response["Location"] == live_lessons(module).first().url
    assert Enrolment.objects.filter(user=learner, module=module).count() == 1
    # A second click (or a second tab) changes nothing.
    signed_in.post(reverse("courses:start_module", args=[module.pk]))
    assert Enrolment.objects.filter(user=learner, module=module).count() == 1


def test_starting_needs_a_post(signed_in, module):
    assert signed_in.get(reverse("courses:start_module", args=[module.pk])).status_code == 405


def test_complete_moves_on_and_resume_returns_to_the_first_lesson_not_done(signed_in, module):
    lessons = list(live_lessons(module))
    response = signed_in.post(reverse("courses:complete_lesson", args=[lessons[0].pk]))
    assert response["Location"] == lessons[1].url
    signed_in.post(reverse("courses:complete_lesson", args=[lessons[1].pk]))
    # Twice, as from a double click: still one record.
    signed_in.post(reverse("courses:complete_lesson", args=[lessons[1].pk]))
    assert LessonCompletion.objects.filter(lesson=lessons[1]).count() == 1

    response = signed_in.get(reverse("courses:resume_module", args=[module.pk]))
    assert response["Location"] == lessons[2].url
    page = signed_in.get(module.url).content.decode()
    assert "Continue module" in page
    assert "2 of 3 lessons done" in page


def test_completing_the_last_lesson_completes_the_module(signed_in, module):
    for lesson in live_lessons(module):
        response = signed_in.post(reverse("courses:complete_lesson", args=[lesson.pk]), follow=True)
    assert response.redirect_chain[-1][0] == module.url
    assert f"You have completed {module.title}" in response.content.decode()
    assert "Completed" in response.content.decode()


def test_lesson_page_shows_contents_with_done_and_navigation(signed_in, learner, module):
    lessons = list(live_lessons(module))
    services.complete_lesson(learner, lessons[0])
    html = signed_in.get(lessons[1].url).content.decode()
    assert "1 of 3 done" in html
    assert 'rel="prev"' in html and lessons[0].url in html
    assert 'rel="next"' in html and lessons[2].url in html
    assert "Mark as complete and continue" in html
    assert "Need support?" in html
    assert 'data-module="govuk-exit-this-page"' in html


def test_distressing_lessons_show_a_content_note_first(signed_in, module):
    lesson = LessonPageFactory(
        parent=module, distressing=True, content_note="Describes physical violence."
    )
    first = signed_in.get(lesson.url)
    html = first.content.decode()
    assert "Before you start this lesson" in html
    assert "Describes physical violence." in html
    assert "Mark as complete" not in html
    second = signed_in.get(lesson.url + "?content_note=seen")
    assert "Mark as complete" in second.content.decode()
    # Seen once in this session: not shown again.
    assert "Mark as complete" in signed_in.get(lesson.url).content.decode()


def test_reflection_is_private_and_long_answers_are_kept_with_an_error(
    client, user_with_role, catalogue
):
    from courses.factories import lesson_body

    module = module_with_lessons(catalogue, count=0)
    body = lesson_body()
    body.insert(0, ("reflection", {"question": "What would you do?", "hint": ""}))
    lesson = LessonPageFactory(parent=module, body=body)
    block_id = lesson.body[0].id
    author, other = user_with_role(), user_with_role()

    sign_in(client, author)
    url = reverse("courses:save_reflection", args=[lesson.pk])
    client.post(url, {"block_id": block_id, "text": "I would ask privately."})
    page = client.get(lesson.url).content.decode()
    assert "I would ask privately." in page
    # A GOV.UK character count, and no maxlength that would cut pasted text without a word.
    assert 'data-module="govuk-character-count" data-maxlength="5000"' in page
    assert "You can enter up to 5000 characters" in page
    assert " maxlength=" not in page.split('id="reflection-', 1)[1].split("</form>", 1)[0]

    too_long = "x" * 5001
    response = client.post(url, {"block_id": block_id, "text": too_long})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your answer must be 5,000 characters or fewer" in html
    assert too_long in html  # nothing typed is lost
    assert ReflectionNote.objects.get().text == "I would ask privately."

    assert client.post(url, {"block_id": "made-up", "text": "x"}).status_code == 404

    sign_in(client, other)
    assert "I would ask privately." not in client.get(lesson.url).content.decode()


def test_dashboard_lists_only_my_learning(client, user_with_role, module):
    mine, theirs = user_with_role(), user_with_role()
    services.complete_lesson(theirs, live_lessons(module).first())
    sign_in(client, mine)
    html = client.get(reverse("courses:dashboard")).content.decode()
    assert module.title not in html
    assert "You have no modules in progress" in html


def test_dashboard_needs_an_account(client):
    response = client.get(reverse("courses:dashboard"))
    assert response.status_code == 302


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_lesson_page_queries_do_not_grow_with_lessons_or_progress(
    client, user_with_role, catalogue, settings
):
    settings.LEARNER_PAGE_CACHE_SECONDS = 0  # rendered each time (pagecache is tested apart)
    learner = user_with_role()
    sign_in(client, learner)
    small = module_with_lessons(catalogue, count=2)
    large = module_with_lessons(catalogue, count=9)
    for lesson in list(live_lessons(large))[:6]:
        services.complete_lesson(learner, lesson)
    services.complete_lesson(learner, live_lessons(small).first())
    client.get(live_lessons(small).last().url)  # warm per-process caches

    small_count = count_queries(client, live_lessons(small).last().url)
    large_count = count_queries(client, live_lessons(large).last().url)
    assert small_count == large_count
    # 20 for the lesson and its navigation, one for the glossary terms and one for the staff
    # support services that end a module's last lesson.
    assert large_count <= 22


def test_dashboard_queries_do_not_grow_with_enrolments(client, user_with_role, catalogue, settings):
    settings.LEARNER_PAGE_CACHE_SECONDS = 0  # rendered each time (pagecache is tested apart)
    learner = user_with_role()
    sign_in(client, learner)
    modules = [module_with_lessons(catalogue, count=3) for _ in range(6)]
    services.complete_lesson(learner, live_lessons(modules[0]).first())
    client.get(reverse("courses:dashboard"))
    one = count_queries(client, reverse("courses:dashboard"))
    for module in modules[1:]:
        for lesson in live_lessons(module):
            services.complete_lesson(learner, lesson)
    many = count_queries(client, reverse("courses:dashboard"))
    assert one == many
    assert many <= 12


# --- Catalogue: search and each learner's status ---------------------------------------------


def catalogue_html(client, catalogue, query: str = "") -> str:
    response = client.get(catalogue.url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_catalogue_search_finds_modules_by_title_summary_and_outcomes(client, catalogue):
    from courses.factories import ModulePageFactory

    coercive = ModulePageFactory(
        parent=catalogue, title="Coercive control", summary="Patterns of controlling behaviour."
    )
    stalking = ModulePageFactory(
        parent=catalogue,
        title="Stalking and harassment",
        summary="Fixated, obsessive behaviour.",
        learning_outcomes=[("outcome", "Complete a risk checklist with a victim")],
    )
    html = catalogue_html(client, catalogue, "?q=coercive")
    assert coercive.title in html and stalking.title not in html
    html = catalogue_html(client, catalogue, "?q=obsessive")
    assert stalking.title in html and coercive.title not in html
    html = catalogue_html(client, catalogue, "?q=checklist")
    assert stalking.title in html and coercive.title not in html
    # The search box is a GOV.UK search input that keeps what was typed.
    assert 'type="search"' in html and 'name="q"' in html and 'value="checklist"' in html
    assert '<label class="govuk-label' in html and 'for="catalogue-search"' in html


def test_catalogue_search_says_when_nothing_matches_and_escapes_the_query(client, catalogue):
    from courses.factories import ModulePageFactory

    ModulePageFactory(parent=catalogue, title="Coercive control")
    html = catalogue_html(client, catalogue, "?q=%3Cb%3Equantum")
    assert "No modules match ‘&lt;b&gt;quantum’" in html
    assert "<b>quantum" not in html
    assert "Coercive control" not in html
    # An overlong query is cut, not an error.
    assert client.get(catalogue.url + "?q=" + "a" * 5000).status_code == 200


@pytest.mark.parametrize("typed", ['"', "*", "(", "AND", "-x", "NEAR(", "a:b", "^", "\\", "%"])
def test_catalogue_search_takes_any_text_without_an_error(client, module, typed):
    response = client.get(module.get_parent().url, {"q": typed})
    assert response.status_code == 200
    assert "No modules match" in response.content.decode()


def test_catalogue_search_combines_with_the_filters(client, catalogue):
    from courses.factories import ModulePageFactory

    ModulePageFactory(parent=catalogue, title="Coercive control basics", estimated_minutes=20)
    ModulePageFactory(parent=catalogue, title="Coercive control in depth", estimated_minutes=90)
    html = catalogue_html(client, catalogue, "?q=coercive&duration=long")
    assert "Coercive control in depth" in html and "Coercive control basics" not in html
    assert "1 module" in html


def status_tag(html: str, title: str) -> str:
    """The status tag on the card of the module called ``title``."""
    import re

    card = html.split(f">{title}</a>", 1)[1].split('class="app-card"', 1)[0]
    match = re.search(r'<strong class="govuk-tag[^"]*">([^<]+)</strong>', card)
    return match.group(1).strip() if match else ""


def test_catalogue_shows_each_signed_in_learners_status_per_module(
    client, user_with_role, catalogue, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    fresh = module_with_lessons(catalogue, count=2, title="Fresh module")
    started = module_with_lessons(catalogue, count=2, title="Started module")
    done = module_with_lessons(catalogue, count=1, title="Done module")
    old = module_with_lessons(catalogue, count=1, title="Old module", refresh_months=12)
    learner, other = user_with_role(), user_with_role()
    services.complete_lesson(learner, live_lessons(started).first())
    services.complete_lesson(other, live_lessons(fresh).first())  # not mine
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_lesson(learner, live_lessons(done).first())
        services.complete_lesson(learner, live_lessons(old).first())
    Enrolment.objects.filter(user=learner, module=old).update(
        completed_at=timezone.now() - datetime.timedelta(days=400)
    )

    # Nobody signed in: no statuses.
    assert status_tag(catalogue_html(client, catalogue), "Fresh module") == ""
    sign_in(client, learner)
    html = catalogue_html(client, catalogue)
    assert status_tag(html, "Fresh module") == "Not started"
    assert status_tag(html, "Started module") == "In progress"
    assert status_tag(html, "Done module") == "Completed"
    assert status_tag(html, "Old module") == "Refresher due"
    # Taking the refresher puts it back in progress.
    services.start_module(learner, old, refresher=True)
    assert status_tag(catalogue_html(client, catalogue), "Old module") == "In progress"


def test_catalogue_queries_do_not_grow_with_modules(client, user_with_role, catalogue, settings):
    settings.LEARNER_PAGE_CACHE_SECONDS = 0  # rendered each time (pagecache is tested apart)
    learner = user_with_role()
    sign_in(client, learner)
    first = module_with_lessons(catalogue, count=2)
    services.complete_lesson(learner, live_lessons(first).first())
    client.get(catalogue.url)
    few = count_queries(client, catalogue.url)
    for _ in range(5):
        module = module_with_lessons(catalogue, count=3)
        for lesson in live_lessons(module):
            services.complete_lesson(learner, lesson)
    many = count_queries(client, catalogue.url)
    assert few == many
    assert count_queries(client, catalogue.url + "?q=module") <= many + 3


# --- Continue goes where the learner has to go next --------------------------------------------


def test_continue_goes_to_the_quiz_when_every_lesson_is_done(signed_in, learner, module):
    from courses.factories import make_question, make_quiz

    quiz = make_quiz(module, [make_question()])
    for lesson in live_lessons(module):
        services.complete_lesson(learner, lesson)
    response = signed_in.get(reverse("courses:resume_module", args=[module.pk]))
    assert response["Location"] == reverse("courses:quiz", args=[quiz.pk])
    page = signed_in.get(module.url).content.decode()
    assert "Continue module" in page


def test_signing_in_lands_a_learner_on_their_learning(client, user_with_role):
    from accounts.factories import TEST_PASSWORD

    user_with_role(email="ready@example.org")
    response = client.post(
        reverse("account_login"), {"login": "ready@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:dashboard")
    assert (
        '<h1 class="govuk-heading-xl">Your learning</h1>'
        in client.get(response["Location"]).content.decode()
    )
