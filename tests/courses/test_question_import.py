"""Large question banks in the background: upload, progress, preview as learners see it,
confirm once, all or nothing (courses.services.question_bank, courses.admin_views)."""

import threading
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from courses.models import Question, QuestionImport
from courses.models.question_import import ImportStatus
from courses.services import question_bank
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
REFRESH = '<meta http-equiv="refresh"'

BANK = """::Helpline::Which number is the National Domestic Abuse Helpline?{
=0808 2000 247#Right: free, 24 hours a day.
~999#That is for emergencies.
~101#That is the police non-emergency number.
####[html]<p>Save it in your <b>phone</b>.</p>
}

::Forms::Which are forms of abuse in the 2021 Act?{
~%50%Economic abuse#Yes.
~%50%Controlling or coercive behaviour
~%-100%Arguments between equals#No.
}

::Negative::Which of these is not a helpline?{
=A bus timetable
~PIPPA
~National Domestic Abuse Helpline
}

::Numbers::Match the number to the service.{
=999 -> Emergency
=101 -> Non-emergency
=0808 2000 247 -> National helpline
}
"""


def bank_of(count: int) -> str:
    return "\n".join(
        f"::Q{n:04}::Is statement {n} true?{{TRUE#Yes, {n}.#No, {n}.}}\n" for n in range(count)
    )


def upload(client, name, content, follow=True):
    return client.post(
        reverse("courses_question_import"),
        {"file": SimpleUploadedFile(name, content)},
        follow=follow,
    )


def detail_url(question_import) -> str:
    return reverse("courses_question_import_detail", args=[question_import.pk])


@pytest.fixture
def editor(user_with_role):
    return user_with_role(Role.EDITOR)


@pytest.fixture
def as_editor(client, editor):
    sign_in(client, editor)
    return client


@pytest.fixture
def queued(settings):
    """Tasks are queued and not run (as in production until the worker picks them up)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


# --- The 10 MB limit -----------------------------------------------------------------------


def test_a_file_of_exactly_10_mb_is_accepted_and_read(as_editor):
    question = b"::Last::Is this the last question?{TRUE}\n"
    padding = b"// " + b"x" * (10 * MB - len(question) - 4) + b"\n"
    content = padding + question
    assert len(content) == 10 * MB
    response = upload(as_editor, "big.gift", content)
    assert response.redirect_chain[0][1] == 302
    question_import = QuestionImport.objects.get()
    assert question_import.size == 10 * MB
    assert "1 question ready to import from big.gift" in response.content.decode()


def test_a_file_over_10_mb_is_refused_on_the_page_naming_the_limit(as_editor):
    response = upload(as_editor, "huge.gift", b"x" * (10 * MB + 1), follow=False)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html  # the error summary, linked to the field
    assert 'href="#id_file"' in html
    assert "it must be 10 MB or smaller" in html
    assert "<title>Error: Import questions" in html
    assert not QuestionImport.objects.exists()


def test_the_service_refuses_more_than_10_mb_too():
    result = question_bank.parse_upload("huge.gift", b"x" * (10 * MB + 1))
    assert [error.message for error in result.errors] == [
        "The file is larger than 10 MB, the limit."
    ]


# --- Progress, and the page that refreshes itself ------------------------------------------


def test_progress_states_and_the_refresh_tag_while_work_runs(as_editor, editor, queued):
    response = upload(as_editor, "bank.gift", BANK.encode(), follow=False)
    question_import = QuestionImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(question_import)
    assert question_import.status == ImportStatus.QUEUED
    assert question_import.uploaded_by == editor
    assert bytes(question_import.data) == BANK.encode()

    html = as_editor.get(detail_url(question_import)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "Waiting to start" in html
    assert "<progress" in html
    # Someone who does not want the page to move can stop it (WCAG 2.2.2).
    stopped = as_editor.get(detail_url(question_import) + "?refresh=off").content.decode()
    assert REFRESH not in stopped
    assert "Check again" in stopped

    assert question_bank.run_parse(question_import.pk) == ImportStatus.READY
    html = as_editor.get(detail_url(question_import)).content.decode()
    assert REFRESH not in html
    assert "4 questions ready to import" in html
    assert not Question.objects.exists()

    as_editor.post(detail_url(question_import), {"action": "confirm"})
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.IMPORTING
    assert (question_import.progress_done, question_import.progress_total) == (0, 4)
    html = as_editor.get(detail_url(question_import)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress class="app-import-progress" max="4" value="0"' in html
    assert "0 of 4 questions (0%)" in html  # the bar's text equivalent

    assert question_bank.run_import(question_import.pk, editor.pk) == ImportStatus.DONE
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.DONE
    assert question_import.finished_at is not None
    assert bytes(question_import.data) == b""  # the file is not kept once imported
    html = as_editor.get(detail_url(question_import)).content.decode()
    assert REFRESH not in html
    assert "Imported 4 questions" in html
    assert "Learners will see them once a moderator has checked and published them" in html
    for question in Question.objects.all():
        edit = reverse("wagtailsnippets_courses_question:edit", args=[question.pk])
        assert f'<a href="{edit}">{question.name}</a>' in html
        assert question.live is False


def test_progress_is_written_as_questions_are_checked_and_imported(editor, queued):
    question_import = question_bank.start_import(editor, "bank.gift", bank_of(30).encode())
    seen = []
    writer = question_bank._ProgressWriter

    class Recording(writer):
        def write(self, done, total):
            seen.append((done, total))
            super().write(done, total)

    question_bank._ProgressWriter = Recording
    try:
        question_bank.run_parse(question_import.pk)
        question_bank.confirm_import(question_import.pk, editor)
        question_bank.run_import(question_import.pk, editor.pk)
    finally:
        question_bank._ProgressWriter = writer
    assert seen[0] == (0, 30)  # the first update comes with the first question checked
    assert seen[-1] == (30, 30)
    assert Question.objects.count() == 30


# --- Who sees an import --------------------------------------------------------------------


def test_another_editor_cannot_see_or_confirm_your_import(client, editor, user_with_role):
    question_import = question_bank.start_import(editor, "bank.gift", BANK.encode())
    assert QuestionImport.objects.get().status == ImportStatus.READY

    sign_in(client, user_with_role(Role.EDITOR))
    assert client.get(detail_url(question_import)).status_code == 404
    assert client.post(detail_url(question_import), {"action": "confirm"}).status_code == 404
    assert "bank.gift" not in client.get(reverse("courses_question_import")).content.decode()
    assert QuestionImport.objects.get().status == ImportStatus.READY
    assert not Question.objects.exists()

    client.logout()
    sign_in(client, user_with_role(Role.LEARNER))
    assert client.get(detail_url(question_import)).status_code in (302, 403)

    client.logout()
    sign_in(client, editor)
    response = client.get(detail_url(question_import))
    assert response.status_code == 200
    assert "4 questions ready to import" in response.content.decode()


def test_an_administrator_sees_everyones_imports(client, editor, user_with_role):
    question_import = question_bank.start_import(editor, "bank.gift", BANK.encode())
    sign_in(client, user_with_role(Role.TRAINING_COORDINATOR, is_superuser=True))
    assert "4 questions ready" in client.get(detail_url(question_import)).content.decode()


# --- Confirming once -----------------------------------------------------------------------


def test_a_second_confirm_of_a_done_import_changes_nothing(as_editor, editor):
    response = upload(as_editor, "bank.gift", BANK.encode())
    url = response.redirect_chain[-1][0]
    as_editor.post(url, {"action": "confirm"})
    assert QuestionImport.objects.get().status == ImportStatus.DONE
    before = sorted(Question.objects.values_list("pk", "name"))
    events = AuditEvent.objects.filter(action="import.questions").count()
    assert len(before) == 4 and events == 1

    response = as_editor.post(url, {"action": "confirm"}, follow=True)  # a second tab
    assert response.status_code == 200
    assert sorted(Question.objects.values_list("pk", "name")) == before
    assert AuditEvent.objects.filter(action="import.questions").count() == 1
    assert "Imported 4 questions" in response.content.decode()
    assert question_bank.confirm_import(QuestionImport.objects.get().pk, editor) is False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_two_simultaneous_confirms_import_once_on_postgresql(editor):
    """Two requests (double click, two tabs) confirm at the same moment: one wins the
    compare-and-set and imports (tasks run inline here); the other changes nothing."""
    question_import = question_bank.start_import(editor, "bank.gift", bank_of(40).encode())
    barrier = threading.Barrier(2)
    outcomes = []

    def press_confirm():
        try:
            barrier.wait()
            outcomes.append(question_bank.confirm_import(question_import.pk, editor))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]
    assert Question.objects.count() == 40
    assert QuestionImport.objects.get().status == ImportStatus.DONE


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_the_import_task_run_twice_at_once_imports_once_on_postgresql(editor, queued):
    """A worker retry running beside the first run: one commits, the other rolls back."""
    question_import = question_bank.start_import(editor, "bank.gift", bank_of(40).encode())
    question_bank.run_parse(question_import.pk)
    assert question_bank.confirm_import(question_import.pk, editor)
    barrier = threading.Barrier(2)
    outcomes = []

    def work():
        try:
            barrier.wait()
            outcomes.append(question_bank.run_import(question_import.pk, editor.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [ImportStatus.DONE, "skipped"]
    assert Question.objects.count() == 40
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.DONE
    assert len(question_import.question_ids) == 40


# --- All or nothing ------------------------------------------------------------------------


def test_a_failure_during_the_import_imports_nothing_and_says_so(
    as_editor, editor, queued, monkeypatch
):
    question_import = question_bank.start_import(editor, "bank.gift", bank_of(10).encode())
    question_bank.run_parse(question_import.pk)
    question_bank.confirm_import(question_import.pk, editor)
    batches = []
    original = question_bank._save_batch

    def save_batch(questions, *args):
        original(questions, *args)
        batches.append(len(questions))
        if len(batches) == 3:
            raise RuntimeError("disk full")

    monkeypatch.setattr(question_bank, "IMPORT_BATCH", 3)
    monkeypatch.setattr(question_bank, "_save_batch", save_batch)
    assert question_bank.run_import(question_import.pk, editor.pk) == ImportStatus.FAILED
    assert batches == [3, 3, 3]  # nine questions were saved before it failed…
    assert not Question.objects.exists()  # …and rolled back
    assert QuestionImport.objects.get().question_ids == []
    html = as_editor.get(detail_url(question_import)).content.decode()
    assert "Nothing was imported from bank.gift" in html
    assert "Something went wrong while importing" in html
    assert REFRESH not in html


def test_a_file_with_errors_imports_nothing_and_lists_them(as_editor):
    broken = BANK + "\n::Unclosed::This question never ends{\n=Yes\n~No\n"
    response = upload(as_editor, "broken.gift", broken.encode())
    html = response.content.decode()
    question_import = QuestionImport.objects.get()
    assert question_import.status == ImportStatus.FAILED
    assert "Nothing was imported from broken.gift" in html
    assert "Line 2" in html or "Line " in html
    assert question_import.errors and all("message" in error for error in question_import.errors)
    assert "Import " + "4 questions" not in html  # no confirm button
    as_editor.post(detail_url(question_import), {"action": "confirm"})
    assert QuestionImport.objects.get().status == ImportStatus.FAILED
    assert not Question.objects.exists()


# --- The preview, as the learner sees it ---------------------------------------------------


def test_the_preview_renders_each_question_as_the_learners_quiz_page_does(as_editor):
    html = upload(as_editor, "bank.gift", BANK.encode()).content.decode()
    # The learner's own include: a fieldset per question, radios or checkboxes, selects.
    assert html.count('<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">') == 4
    assert 'type="radio" value="o0" checked' in html  # the right answer marked
    assert 'type="radio" value="o1">' in html
    assert (
        'class="govuk-checkboxes__input" id="q1-o0" name="q1" type="checkbox" value="o0" checked'
        in html
    )
    assert '<option value="Emergency" selected>' in html
    # Weights as percentages, and every piece of feedback.
    assert "<strong>Right</strong>, 50%" in html
    assert "Wrong, -100%" in html
    assert "Right: free, 24 hours a day." in html
    assert "That is the police non-emergency number." in html
    assert "Save it in your <b>phone</b>." in html
    # The item-writing check, beside the question it is about.
    assert html.count("asks in the negative") == 1
    assert "/static/dist/app.css" in html  # the learner's styles for the learner's markup


def test_the_preview_is_paginated_for_large_banks(as_editor):
    response = upload(as_editor, "bank.gift", bank_of(45).encode())
    html = response.content.decode()
    assert "45 questions ready to import" in html
    assert "Page 1 of 3" in html
    assert "Q0019" in html and "Q0020" not in html
    url = response.redirect_chain[-1][0]
    last = as_editor.get(url + "?page=3").content.decode()
    assert "Q0040" in last and "Q0044" in last and "Q0039" not in last
    assert ">41. Q0040<" in last  # numbered through the file, not from 1 on each page
    assert "Page 3 of 3" in as_editor.get(url + "?page=99").content.decode()


# --- Indexing, once, after the import ------------------------------------------------------


def test_search_indexing_waits_for_the_whole_import_and_runs_once(
    editor, django_capture_on_commit_callbacks
):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    result = question_bank.parse_upload("bank.gift", BANK.encode())
    with django_capture_on_commit_callbacks() as callbacks:
        created = question_bank.import_questions(result, user=editor)
    assert len(created) == 4
    assert list(backend.search("helpline", Question)) == []  # nothing indexed per save
    # One task for the whole import, queued on commit (besides the page cache's own
    # version move, pagecache.versions).
    indexing = [callback for callback in callbacks if callback.__module__ != "pagecache.versions"]
    assert len(indexing) == 1
    indexing[0]()
    assert sorted(q.name for q in backend.search("helpline", Question)) == ["Helpline", "Negative"]
    # Each question has its first revision and its history entry, as a save would give it.
    for question in created:
        question.refresh_from_db()
        assert question.latest_revision.content["name"] == question.name
        assert question.has_unpublished_changes and not question.live


def test_a_moderator_s_import_is_published(user_with_role):
    moderator = user_with_role(Role.MODERATOR)
    question_import = question_bank.start_import(moderator, "bank.gift", BANK.encode())
    assert question_bank.confirm_import(question_import.pk, moderator)
    questions = Question.objects.all()
    assert len(questions) == 4
    for question in questions:
        assert question.live and not question.has_unpublished_changes
        assert question.live_revision_id == question.latest_revision_id
    forms = Question.objects.get(name="Forms")
    assert [(o.sort_order, o.fraction) for o in forms.options.all()] == [
        (0, Decimal("0.5")),
        (1, Decimal("0.5")),
        (2, Decimal("-1")),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_progress_of_the_import_shows_before_it_commits_on_postgresql(editor, queued, monkeypatch):
    question_import = question_bank.start_import(editor, "bank.gift", bank_of(10).encode())
    question_bank.run_parse(question_import.pk)
    question_bank.confirm_import(question_import.pk, editor)
    seen_by_another_request = []
    original = question_bank._save_batch

    def save_batch(questions, *args):
        def look():
            try:
                row = QuestionImport.objects.get(pk=question_import.pk)
                seen = (row.status, row.progress_done, row.progress_total)
                seen_by_another_request.append((seen, Question.objects.count()))
            finally:
                connections.close_all()

        thread = threading.Thread(target=look)
        thread.start()
        thread.join()
        original(questions, *args)

    monkeypatch.setattr(question_bank, "IMPORT_BATCH", 3)
    monkeypatch.setattr(question_bank, "_save_batch", save_batch)
    assert question_bank.run_import(question_import.pk, editor.pk) == ImportStatus.DONE
    # Before the second batch, another connection sees 3 of 10 done, and no question yet.
    assert seen_by_another_request[1] == (("importing", 3, 10), 0)


# --- Unconfirmed imports expire ------------------------------------------------------------


def test_an_import_nobody_confirms_loses_its_file_after_7_days_and_says_why(as_editor, editor):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    upload(as_editor, "bank.gift", bank_of(3).encode())
    ready = QuestionImport.objects.get()
    assert ready.status == ImportStatus.READY and ready.data
    done_file = upload(as_editor, "done.gift", bank_of(1).encode())
    assert done_file.status_code == 200
    imported = QuestionImport.objects.exclude(pk=ready.pk).get()
    question_bank.confirm_import(imported.pk, editor)
    uploaded = ready.created_at

    # One second short of 7 days: kept.
    almost = uploaded + datetime.timedelta(days=7) - datetime.timedelta(seconds=1)
    assert question_bank.expire_unconfirmed_imports(now=almost) == 0
    ready.refresh_from_db()
    assert ready.status == ImportStatus.READY and ready.data and ready.preview

    # 7 days to the second: the file and the preview go; the import says why.
    assert question_bank.expire_unconfirmed_imports(now=uploaded + datetime.timedelta(days=7)) == 1
    ready.refresh_from_db()
    assert ready.status == ImportStatus.FAILED
    assert not ready.data and ready.preview is None
    page = as_editor.get(detail_url(ready)).content.decode()
    assert "Not confirmed within 7 days" in page and "Upload it again" in page
    # Nothing imported, and the finished import is untouched.
    imported.refresh_from_db()
    assert imported.status == ImportStatus.DONE
    assert Question.objects.count() == 1

    # The daily command does the same with the real clock.
    QuestionImport.objects.filter(pk=imported.pk).update(created_at=timezone.now())
    call_command("expire_question_imports", stdout=__import__("io").StringIO())
    assert QuestionImport.objects.get(pk=imported.pk).status == ImportStatus.DONE
