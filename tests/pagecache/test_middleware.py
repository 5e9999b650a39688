"""The learner's page cache (site/pagecache): a repeat view is served without rendering,
and every change a learner or an editor makes shows on the next view (issue 17)."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.factories import lesson_body, make_question, make_quiz
from courses.models import Enrolment
from courses.selectors import live_lessons
from courses.services import quizzes
from tests.courses.test_quizzes import right_answers
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

# A cached view reads the session and the person (and whether they hold a staff role).
CACHED_QUERIES = 3


@pytest.fixture
def learner(user_with_role):
    return user_with_role(full_name="Ada Learner")


@pytest.fixture
def signed_in(client, learner):
    sign_in(client, learner)
    return client


def _urls(module):
    lessons = list(live_lessons(module))
    return {
        "lesson": lessons[1].url,
        "module": module.url,
        "catalogue": module.get_parent().url,
        "dashboard": reverse("courses:dashboard"),
    }


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _without_nonces(html: str) -> str:
    return re.sub(r'nonce="[^"]*"', "", html)


@pytest.mark.parametrize("page", ["lesson", "module", "catalogue", "dashboard"])
def test_a_repeat_view_is_the_same_page_served_without_rendering(signed_in, learner, module, page):
    services.complete_lesson(learner, live_lessons(module).first())
    url = _urls(module)[page]
    first_count, first = _queries(signed_in, url)
    again_count, again = _queries(signed_in, url)
    assert first_count > CACHED_QUERIES
    assert again_count == CACHED_QUERIES
    assert _without_nonces(again) == _without_nonces(first)


@pytest.mark.parametrize("lessons", [2, 8])
def test_the_cached_view_makes_the_same_queries_whatever_the_size(
    signed_in, learner, catalogue, lessons, user_with_role
):
    from courses.factories import module_with_lessons

    module = module_with_lessons(catalogue, count=lessons)
    for _other in range(3):
        services.complete_lesson(user_with_role(), live_lessons(module).first())
    services.complete_lesson(learner, live_lessons(module).first())
    for url in _urls(module).values():
        _queries(signed_in, url)
        assert _queries(signed_in, url)[0] == CACHED_QUERIES


def test_completing_a_lesson_shows_on_every_page_at_once(signed_in, learner, module):
    urls = _urls(module)
    services.start_module(learner, module)
    for url in urls.values():  # every page cached before the change
        _queries(signed_in, url)
    lesson = list(live_lessons(module))[1]
    response = signed_in.post(reverse("courses:complete_lesson", args=[lesson.pk]))
    assert response.status_code == 302
    assert "1 of 3 lessons done" in signed_in.get(urls["module"]).content.decode()
    lesson_page = signed_in.get(urls["lesson"]).content.decode()
    assert re.search(r"Completed|Done", lesson_page)
    dashboard = signed_in.get(urls["dashboard"]).content.decode()
    assert "33%" in dashboard or "1 of 3" in dashboard


def test_another_learner_never_gets_my_page(client, learner, module, user_with_role):
    sign_in(client, learner)
    services.complete_lesson(learner, live_lessons(module).first())
    mine = client.get(_urls(module)["module"]).content.decode()
    assert "Done" in mine
    other = Client()
    sign_in(other, user_with_role(full_name="Bea Other"))
    theirs = other.get(_urls(module)["module"]).content.decode()
    assert "Done" not in theirs
    assert "Ada Learner" not in theirs


def test_the_form_token_on_a_cached_page_is_still_accepted(learner, module):
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser, learner)
    url = module.url
    browser.get(url)
    cached = browser.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', cached)[1]
    response = browser.post(
        reverse("courses:start_module", args=[module.pk]), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=learner, module=module).exists()


def test_a_cached_page_carries_this_responses_own_nonce(signed_in, module):
    url = module.url
    first = signed_in.get(url)
    again = signed_in.get(url)
    nonces = [re.search(r'<script nonce="([^"]+)"', r.content.decode())[1] for r in (first, again)]
    assert nonces[0] != nonces[1]
    assert f"'nonce-{nonces[1]}'" in again["Content-Security-Policy"]
    assert "no-store" in again["Cache-Control"]


def test_publishing_a_lesson_shows_the_new_text_on_the_next_view(signed_in, module):
    lesson = list(live_lessons(module))[1].specific
    url = lesson.url
    assert "Lesson text." in signed_in.get(url).content.decode()
    signed_in.get(url)
    lesson.body = lesson_body("Call the new number.")
    lesson.save_revision().publish()
    assert "Call the new number." in signed_in.get(url).content.decode()


def test_renaming_a_module_shows_on_the_catalogue_and_dashboard(signed_in, learner, module):
    services.start_module(learner, module)
    urls = _urls(module)
    for url in urls.values():
        signed_in.get(url)
    module.title = "Recognising coercive control"
    module.save_revision().publish()
    for name in ("catalogue", "dashboard", "module"):
        assert "Recognising coercive control" in signed_in.get(urls[name]).content.decode(), name


def test_a_message_is_shown_once_and_never_kept(signed_in, learner, module):
    lessons = list(live_lessons(module))
    url = lessons[-1].url
    for lesson in lessons[:-1]:
        services.complete_lesson(learner, lesson)
    signed_in.get(module.url)
    signed_in.get(module.url)  # cached before the message
    signed_in.post(reverse("courses:complete_lesson", args=[lessons[-1].pk]))
    shown = signed_in.get(module.url).content.decode()
    assert "You have completed" in shown
    assert "You have completed" not in signed_in.get(module.url).content.decode()
    assert signed_in.get(url).status_code == 200


def test_passing_the_quiz_shows_on_the_module_page(signed_in, learner, module):
    quiz = make_quiz(module, [make_question("single", "Q1")], pass_mark=50)
    url = module.url
    signed_in.get(url)
    assert "Go to the quiz" in signed_in.get(url).content.decode()
    attempt = quizzes.start_attempt(learner, quiz)
    quizzes.save_answers(attempt, right_answers(attempt))
    signed_in.get(url)
    assert "Go to the quiz" in signed_in.get(url).content.decode()  # cached, not yet passed
    quizzes.submit_attempt(attempt, str(attempt.submit_token))  # graded by QuerySet.update
    page = signed_in.get(url).content.decode()
    assert "Passed" in page
    assert "Go to the quiz" not in page


def test_the_refresher_appears_at_the_moment_it_falls_due(signed_in, learner, module):
    for lesson in live_lessons(module):
        services.complete_lesson(learner, lesson)
    enrolment = Enrolment.objects.get(user=learner, module=module)
    from courses.selectors import refresh_due_at

    due_from = refresh_due_at(enrolment) - datetime.timedelta(days=60)
    with time_machine.travel(due_from - datetime.timedelta(seconds=1), tick=False):
        sign_in(signed_in, learner)  # months later: a new session
        signed_in.get(module.url)
        assert "refresher" not in signed_in.get(module.url).content.decode().lower()
    with time_machine.travel(due_from, tick=False):
        assert 'name="refresher"' in signed_in.get(module.url).content.decode()


def test_signed_out_nobody_is_served_the_cached_page(signed_in, module):
    url = list(live_lessons(module))[1].url
    signed_in.get(url)
    signed_in.get(url)
    signed_in.post(reverse("account_logout"))
    response = signed_in.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_session_past_its_lifetime_ends_even_on_a_cached_page(signed_in, module):
    url = list(live_lessons(module))[1].url
    signed_in.get(url)
    assert signed_in.get(url).status_code == 200
    later = timezone.now() + datetime.timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS + 60)
    with time_machine.travel(later, tick=False):
        response = signed_in.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_content_note_is_answered_once_per_session(signed_in, module):
    lesson = list(live_lessons(module))[1].specific
    lesson.distressing = True
    lesson.content_note = "Describes physical violence."
    lesson.save_revision().publish()
    url = lesson.url
    assert "Describes physical violence." in signed_in.get(url).content.decode()
    signed_in.get(url)  # the note, cached
    signed_in.get(f"{url}?content_note=seen")
    page = signed_in.get(url).content.decode()
    assert "Lesson text." in page


def test_an_editors_preview_is_never_the_cached_page(signed_in, client, module, user_with_role):
    from accounts.roles import Role

    lesson = list(live_lessons(module))[1].specific
    editor = user_with_role(Role.EDITOR)
    sign_in(client, editor)
    client.get(lesson.url)
    client.get(lesson.url)
    lesson.body = lesson_body("A draft nobody has published.")
    lesson.save_revision()
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]))
    assert "A draft nobody has published." in preview.content.decode()
    assert "A draft nobody has published." not in client.get(lesson.url).content.decode()


def test_turned_off_every_view_is_rendered(signed_in, module, settings):
    settings.LEARNER_PAGE_CACHE_SECONDS = 0
    signed_in.get(module.url)
    assert _queries(signed_in, module.url)[0] > CACHED_QUERIES


def test_a_cache_that_is_down_never_stops_the_page(signed_in, module, monkeypatch):
    import pagecache.middleware
    import pagecache.versions

    class Down:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(pagecache.middleware, "cache", Down())
    monkeypatch.setattr(pagecache.versions, "cache", Down())
    for _ in range(2):
        response = signed_in.get(module.url)
        assert response.status_code == 200
        assert module.title in response.content.decode()


def test_writes_that_send_no_signal_still_move_the_learners_version(
    learner, module, user_with_role
):
    """Certificates are settled and revoked with QuerySet.update (certificates.services)."""
    from accounts.roles import Role
    from certificates.services import issue_certificate, revoke_certificate
    from pagecache.versions import current

    for lesson in live_lessons(module):
        services.complete_lesson(learner, lesson)
    enrolment = Enrolment.objects.get(user=learner, module=module)
    certificate = issue_certificate(enrolment)
    before = current(learner.pk)
    revoke_certificate(certificate, user_with_role(Role.TRAINING_COORDINATOR), "Issued in error")
    after = current(learner.pk)
    assert after[1] != before[1]
    assert after[0] == before[0]  # one person's record: nobody else's pages go


def test_an_account_change_written_without_a_signal_renders_the_page_afresh(signed_in, learner):
    """Agency confirmation and job roles are written with QuerySet.update (accounts and
    network services); the "Required for your role" list depends on them."""
    from accounts.models import User

    url = reverse("courses:dashboard")
    signed_in.get(url)
    assert _queries(signed_in, url)[0] == CACHED_QUERIES
    User.objects.filter(pk=learner.pk).update(job_role="manager")
    assert _queries(signed_in, url)[0] > CACHED_QUERIES


def test_the_versions_move_again_when_the_transaction_commits(learner):
    """A page rendered by another request between the write and the commit (from the data
    before it) is stored under a version nobody asks for once the transaction commits."""
    from django.db import connection

    from pagecache.versions import bump_content, bump_learner, current

    bump_learner(learner.pk)
    bump_content()
    bump_learner(learner.pk)
    during = current(learner.pk)
    own = [
        callback
        for _, callback, _ in connection.run_on_commit
        if callback.__module__ == "pagecache.versions"
    ]
    assert len(own) == 1  # one per transaction, however many writes
    own[0]()  # what the commit runs
    after = current(learner.pk)
    assert after[0] != during[0]
    assert after[1] != during[1]
