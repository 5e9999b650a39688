"""The question bank's import at its edges (issue 19): a file's type read from its bytes,
what a failed or expired import records and shows, an import another worker finished left
alone, where imported pictures and documents go and who uploaded them, names cut to what
the database holds, the search and reference index of imported questions, the export."""

import base64
import copy
import datetime
import io
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ModelLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend

from accounts.models import AuditEvent
from accounts.roles import Role
from courses.models import Question, QuestionImport
from courses.models.question_import import ImportStatus, QuestionImportFile
from courses.quiz_formats import ParseError
from courses.quiz_formats.gift import parse_gift
from courses.services import question_bank
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor(user_with_role):
    return user_with_role(Role.EDITOR)


def gift(count: int) -> bytes:
    return "\n".join(
        f"::Q{n}::Is statement {n} true?{{TRUE#Yes, {n}.#No, {n}.}}\n" for n in range(count)
    ).encode()


def png(colour=(0, 120, 0)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), colour).save(buffer, "PNG")
    return buffer.getvalue()


def moodle_xml(stem: str, files: dict[str, bytes]) -> bytes:
    encoded = "".join(
        f'<file name="{name}" path="/" encoding="base64">{base64.b64encode(data).decode()}</file>'
        for name, data in files.items()
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz><question type="truefalse"><name><text>With files</text></name>
<questiontext format="html"><text><![CDATA[{stem}]]></text>{encoded}</questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question></quiz>""".encode()


EVERY_PART = Path(__file__).parent / "fixtures" / "files_in_every_part.xml"


def import_now(editor, name: str, data: bytes) -> QuestionImport:
    """Upload, read (tasks run at once here) and confirm: the import as it ends."""
    question_import = question_bank.start_import(editor, name, data)
    assert question_bank.confirm_import(question_import.pk, editor)
    question_import.refresh_from_db()
    return question_import


# --- Files in every part of a question ------------------------------------------------------


def embed(alt: str, pk: int) -> str:
    return f'<embed alt="{alt}" embedtype="image" format="fullwidth" id="{pk}"/>'


def test_files_in_options_feedback_prompts_and_answers_point_at_the_stored_copies(editor):
    import_now(editor, "bank.xml", EVERY_PART.read_bytes())
    images = dict(get_image_model().objects.values_list("title", "pk"))
    documents = dict(get_document_model().objects.values_list("title", "pk"))
    assert set(images) == {"option.png", "prompt.png"}
    assert set(documents) == {"why.pdf", "talk.mp3", "X-ray.mp3"}
    choice, matching, short = Question.objects.order_by("pk")
    right = choice.options.get(fraction=1)
    assert right.text == embed("Option picture", images["option.png"])
    assert right.feedback == f'See <a id="{documents["why.pdf"]}" linktype="document">why</a>'
    assert matching.pairs.first().prompt == embed("Prompt picture", images["prompt.png"])
    # A sound written as a picture is a link to the document, named by its alt text, or by
    # its file name when it has none.
    assert short.answers.get().feedback == (
        f'<a id="{documents["talk.mp3"]}" linktype="document">Listen</a> '
        f'<a id="{documents["X-ray.mp3"]}" linktype="document">X-ray.mp3</a>'
    )


# --- A file's type, from its first bytes --------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"%PDF-1.7\n%...", "application/pdf"),
        (b"%PDF1.7", "application/octet-stream"),  # not a PDF header
        (b"leaflet %PDF-1.7", "application/octet-stream"),  # only at the start
        (b"RIFF\x24\x08\x00\x00WAVEfmt ", "audio/wav"),
        (b"RIFF\x24\x08\x00\x00WEBPVP8 ", "image/webp"),
        (b"RIFF\x24\x08\x00\x00AVI LIST", "application/octet-stream"),
        (b"riff\x24\x08\x00\x00WAVEfmt ", "application/octet-stream"),
        (b"XXXX\x24\x08\x00\x00WAVEfmt ", "application/octet-stream"),
        (b"XXXX\x24\x08\x00\x00WEBPVP8 ", "application/octet-stream"),
        (b"OggS\x00\x02", "audio/ogg"),
        (b"\x00\x00\x00\x20ftypM4A ", "audio/mp4"),
        (b"\x00\x00\x00\x20FTYPM4A ", "application/octet-stream"),
        (b"ID3\x04\x00", "audio/mpeg"),
        (b"\xff\xfb\x90\x64", "audio/mpeg"),  # an MP3 frame with no tag
        (b"\xff\xe0", "audio/mpeg"),  # the lowest frame sync
        (b"\xff\xdf\x00", "application/octet-stream"),  # below the frame sync
        (b"\xfe\xfb\x90", "application/octet-stream"),
        (b"\xff", "application/octet-stream"),  # one byte: nothing to read after it
        (b"", "application/octet-stream"),
        (b"GIF87a\x01\x00", "image/gif"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
    ],
)
def test_a_file_s_type_is_read_from_its_first_bytes(data, content_type):
    assert question_bank.sniff_content_type(data) == content_type


# --- A failed import says why; one another worker finished is left alone -------------------


def test_an_import_that_breaks_says_so_without_a_line_number_and_keeps_nothing(
    client, editor, monkeypatch
):
    question_import = question_bank.start_import(editor, "bank.gift", gift(3))
    QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.IMPORTING)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(question_bank, "import_questions", broken)
    with time_machine.travel(MOMENT, tick=False):
        assert question_bank.run_import(question_import.pk, editor.pk) == ImportStatus.FAILED
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.FAILED
    assert question_import.errors == [{"line": 0, "message": question_bank.FAILED, "question": ""}]
    assert bytes(question_import.data) == b"" and question_import.preview is None
    assert question_import.finished_at == MOMENT
    assert not QuestionImportFile.objects.filter(question_import=question_import).exists()
    sign_in(client, editor)
    page = client.get(reverse("courses_question_import_detail", args=[question_import.pk]))
    assert question_bank.FAILED in page.content.decode()
    assert "Line 0" not in page.content.decode() and "Line 1" not in page.content.decode()


def test_a_file_with_problems_records_how_many_questions_it_read(editor):
    bad = gift(2) + b"\n::Broken::No answers here{\n"
    question_import = question_bank.start_import(editor, "bank.gift", bad)
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.FAILED
    assert question_import.question_count == 2
    assert question_import.errors and all(error["line"] for error in question_import.errors)


def test_a_worker_that_breaks_after_another_finished_leaves_the_import_done(editor, monkeypatch):
    question_import = question_bank.start_import(editor, "bank.gift", gift(2))
    QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.IMPORTING)
    finished = timezone.now() - datetime.timedelta(minutes=1)

    def other_worker_finishes_then_this_one_breaks(*args, **kwargs):
        QuestionImport.objects.filter(pk=question_import.pk).update(
            status=ImportStatus.DONE, question_ids=[41, 42], finished_at=finished
        )
        raise RuntimeError("connection lost")

    # Before this worker's transaction: the other worker's commit is not rolled back with it.
    monkeypatch.setattr(question_bank, "parse_upload", other_worker_finishes_then_this_one_breaks)
    question_bank.run_import(question_import.pk, editor.pk)
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.DONE
    assert question_import.question_ids == [41, 42]
    assert question_import.errors == [] and question_import.finished_at == finished


def test_import_rejected_names_how_many_problems():
    rejected = question_bank.ImportRejected([ParseError(3, "No answer"), ParseError(9, "Empty")])
    assert str(rejected) == "2 problems"
    assert [error.line for error in rejected.errors] == [3, 9]


# --- Unconfirmed imports expire -------------------------------------------------------------


def test_the_waiting_time_is_a_setting_and_only_waiting_imports_expire(editor, settings):
    settings.QUESTION_IMPORT_UNCONFIRMED_DAYS = 3
    imports = {}
    for status in ImportStatus.values:
        imports[status] = question_bank.start_import(editor, f"{status}.gift", gift(1))
        QuestionImport.objects.filter(pk=imports[status].pk).update(status=status)
    uploaded = QuestionImport.objects.order_by("created_at").last().created_at
    three_days = uploaded + datetime.timedelta(days=3)

    a_second_short = three_days - datetime.timedelta(seconds=1)
    assert question_bank.expire_unconfirmed_imports(now=a_second_short) == 0
    assert question_bank.expire_unconfirmed_imports(now=three_days) == 3
    after = {status: QuestionImport.objects.get(pk=i.pk) for status, i in imports.items()}
    waiting = {ImportStatus.QUEUED, ImportStatus.PARSING, ImportStatus.READY}
    for status, question_import in after.items():
        if status in waiting:
            assert question_import.status == ImportStatus.FAILED
            assert question_import.errors == [
                {
                    "line": 0,
                    "message": "Not confirmed within 3 days, so the file was deleted and "
                    "nothing was imported. Upload it again to import it.",
                    "question": "",
                }
            ]
            assert question_import.finished_at == three_days
            assert bytes(question_import.data) == b""
        else:  # being imported, imported or failed: not touched
            assert question_import.status == status
            assert question_import.errors == [] and question_import.finished_at is None
            assert bytes(question_import.data) == gift(1)


# --- Imported pictures and documents ---------------------------------------------------------


def test_imported_pictures_reuse_the_library_s_copy_and_new_ones_name_their_uploader(editor):
    Image_ = get_image_model()
    kept = png((10, 10, 10))
    library = question_bank._FileStore(None).store("library.png", kept, "image")
    long_name = "p" * 300 + ".png"
    data = moodle_xml(
        '<p><img src="@@PLUGINFILE@@/same.png" alt="Same"></p>'
        f'<p><img src="@@PLUGINFILE@@/{long_name}" alt="New"></p>',
        {"same.png": kept, long_name: png((200, 0, 0))},
    )
    import_now(editor, "bank.xml", data)
    assert Image_.objects.count() == 2  # the library's picture used again, one new
    new = Image_.objects.exclude(pk=library).get()
    assert new.uploaded_by_user == editor
    assert new.collection == Collection.get_first_root_node()
    assert new.title == long_name[:255]
    stem = Question.objects.get().stem
    assert f"/{library}/" in stem or f'"{library}"' in stem or f"id={library}" in stem


def test_imported_documents_go_to_the_lesson_documents_collection_with_their_uploader(editor):
    Document = get_document_model()
    root = Collection.get_first_root_node()
    Collection.objects.filter(name="Lesson documents").delete()  # an editor deleted it
    data = moodle_xml(
        '<p><a href="@@PLUGINFILE@@/leaflet.pdf">leaflet</a></p>', {"leaflet.pdf": b"%PDF-1.4 x"}
    )
    import_now(editor, "first.xml", data)
    assert Document.objects.get().collection == root  # no such collection: the root
    lessons = root.add_child(name="Lesson documents")
    poster = moodle_xml(
        '<p><a href="@@PLUGINFILE@@/poster.pdf">poster</a></p>', {"poster.pdf": b"%PDF-1.4 y"}
    )
    import_now(editor, "second.xml", poster)
    document = Document.objects.order_by("pk").last()
    assert document.collection == lessons
    assert document.uploaded_by_user == editor
    assert document.title == "poster.pdf"

    long_name = "l" * 300 + ".pdf"
    long = moodle_xml(
        f'<p><a href="@@PLUGINFILE@@/{long_name}">long</a></p>', {long_name: b"%PDF-1.4 z"}
    )
    import_now(editor, "third.xml", long)
    assert Document.objects.order_by("pk").last().title == long_name[:255]


def test_one_file_shown_as_a_picture_and_linked_is_stored_once(editor):
    Document = get_document_model()
    data = moodle_xml(
        '<p><img src="@@PLUGINFILE@@/talk.mp3" alt="Listen"> or '
        '<a href="@@PLUGINFILE@@/talk.mp3">download it</a></p>',
        {"talk.mp3": b"ID3 the talk"},
    )
    import_now(editor, "bank.xml", data)
    document = Document.objects.get()
    assert Question.objects.get().stem == (
        f'<p><a linktype="document" id="{document.pk}">Listen</a> or '
        f'<a id="{document.pk}" linktype="document">download it</a></p>'
    )


def test_a_preview_file_s_long_name_is_cut_to_what_the_database_holds(editor):
    long_name = "n" * 300 + ".pdf"
    data = moodle_xml(
        f'<p><a href="@@PLUGINFILE@@/{long_name}">leaflet</a></p>', {long_name: b"%PDF-1.4"}
    )
    question_bank.start_import(editor, "bank.xml", data)
    assert QuestionImportFile.objects.get().name == long_name[:255]


# --- Indexing and export ---------------------------------------------------------------------


def test_imported_questions_are_searchable_and_their_pictures_in_the_reference_index(editor):
    data = moodle_xml(
        '<p>Which zebracrossing sign? <img src="@@PLUGINFILE@@/sign.png" alt="A sign"></p>',
        {"sign.png": png()},
    )
    question_import = import_now(editor, "bank.xml", data)
    question = Question.objects.get()
    image = get_image_model().objects.get()
    ReferenceIndex.objects.all().delete()
    assert question_bank.index_imported_questions(question_import.question_ids) == 1
    assert ReferenceIndex.get_references_to(image).filter(object_id=str(question.pk)).exists()
    assert list(get_search_backend().search("zebracrossing", Question)) == [question]


def test_an_export_is_gift_that_reads_back_as_the_same_questions(editor):
    bank = (
        "$CATEGORY: Signs\n\n// [tag:zebra] [tag:alpha]\n::Q0::Is statement 0 true?{TRUE}\n\n"
        "::Q1::Is statement 1 true?{FALSE}\n\n"
        "::Q2::Which one?{=Right#Well done.~Wrong#Not that one.~Other#Nor that one.}\n"
    )
    question_bank.start_import(editor, "bank.gift", bank.encode())
    question_bank.confirm_import(QuestionImport.objects.get().pk, editor)
    text = question_bank.export_questions(Question.objects.order_by("pk"))
    parsed = parse_gift(text)
    assert [(q.name, q.stem, q.category, q.tags) for q in parsed.questions] == [
        ("Q0", "<p>Is statement 0 true?</p>", "Signs", ["alpha", "zebra"]),
        ("Q1", "<p>Is statement 1 true?</p>", "Signs", []),
        ("Q2", "<p>Which one?</p>", "Signs", []),
    ]
    assert [(o.text, o.feedback) for o in parsed.questions[2].options] == [
        ("Right", "Well done."),
        ("Wrong", "Not that one."),
        ("Other", "Nor that one."),
    ]


# --- The import run ---------------------------------------------------------------------------


def test_a_finished_import_records_who_imported_what_and_clears_its_working_copy(editor):
    with time_machine.travel(MOMENT, tick=False):
        question_import = import_now(editor, "bank.gift", gift(3))
    assert question_import.status == ImportStatus.DONE
    questions = list(Question.objects.order_by("pk"))
    assert question_import.question_ids == [q.pk for q in questions]
    assert (question_import.progress_done, question_import.progress_total) == (3, 3)
    assert question_import.progress_at == MOMENT and question_import.finished_at == MOMENT
    assert bytes(question_import.data) == b"" and question_import.preview is None
    assert {q.latest_revision.user for q in questions} == {editor}
    event = AuditEvent.objects.get(action="import.questions")
    assert event.actor == editor
    assert event.summary == "3 questions imported from bank.gift"


def test_an_import_whose_person_has_gone_is_recorded_as_nobody_s(editor, user_with_role):
    question_import = question_bank.start_import(editor, "bank.gift", gift(2))
    QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.IMPORTING)
    assert question_bank.run_import(question_import.pk, None) == ImportStatus.DONE
    assert AuditEvent.objects.get(action="import.questions").actor is None
    assert {q.latest_revision.user for q in Question.objects.all()} == {None}


def test_only_an_import_being_imported_runs_and_a_lost_race_is_skipped(editor, monkeypatch):
    question_import = question_bank.start_import(editor, "bank.gift", gift(2))
    assert question_bank.run_import(question_import.pk, editor.pk) == "skipped"  # ready
    assert not Question.objects.exists()

    QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.IMPORTING)
    original = question_bank.import_questions

    def another_worker_finishes_meanwhile(*args, **kwargs):
        created = original(*args, **kwargs)
        QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.DONE)
        return created

    monkeypatch.setattr(question_bank, "import_questions", another_worker_finishes_meanwhile)
    assert question_bank.run_import(question_import.pk, editor.pk) == "skipped"
    assert not Question.objects.exists()  # this worker's questions rolled back


def test_problems_found_when_importing_are_listed_on_the_import(editor, monkeypatch):
    question_import = question_bank.start_import(editor, "bank.gift", gift(2))
    QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.IMPORTING)
    problems = question_bank.ParseResult(errors=[ParseError(4, "No right answer", "Q1")])
    monkeypatch.setattr(question_bank, "parse_upload", lambda *args, **kwargs: problems)
    assert question_bank.run_import(question_import.pk, editor.pk) == ImportStatus.FAILED
    question_import.refresh_from_db()
    assert question_import.errors == [{"line": 4, "message": "No right answer", "question": "Q1"}]


def test_an_import_that_breaks_is_logged_with_its_number(editor, monkeypatch, caplog):
    question_import = question_bank.start_import(editor, "bank.gift", gift(2))
    QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.IMPORTING)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(question_bank, "import_questions", broken)
    with caplog.at_level("ERROR", logger="safecity.quiz"):
        question_bank.run_import(question_import.pk, editor.pk)
    [logged] = [r for r in caplog.records if r.name == "safecity.quiz"]
    assert logged.getMessage() == f"Question import {question_import.pk} failed"
    assert logged.exc_info and "disk full" in str(logged.exc_info[1])


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="on PostgreSQL progress goes through a connection of its own: "
    "test_progress_of_the_import_shows_before_it_commits_on_postgresql",
)
def test_the_import_s_progress_is_written_batch_by_batch(editor, monkeypatch):
    question_import = question_bank.start_import(editor, "bank.gift", gift(3))
    QuestionImport.objects.filter(pk=question_import.pk).update(
        status=ImportStatus.IMPORTING, progress_done=0, progress_total=3
    )
    monkeypatch.setattr(question_bank, "IMPORT_BATCH", 1)
    monkeypatch.setattr(question_bank, "PROGRESS_EVERY", 0)
    seen = []
    original = question_bank._save_batch

    def save_batch(questions, *args):
        row = QuestionImport.objects.get(pk=question_import.pk)
        seen.append((row.progress_done, row.progress_total))
        original(questions, *args)

    monkeypatch.setattr(question_bank, "_save_batch", save_batch)
    question_bank.run_import(question_import.pk, editor.pk)
    # Before each batch, the batches already saved.
    assert seen == [(0, 3), (1, 3), (2, 3)]


def test_each_imported_question_has_the_history_an_edit_in_the_admin_would_give_it(editor):
    import_now(editor, "first.gift", gift(2))
    first = list(Question.objects.order_by("pk"))
    import_now(editor, "second.gift", gift(3))
    second = list(Question.objects.order_by("pk"))[2:]
    batches = []
    for question in first + second:
        revision = question.latest_revision
        assert list(question.revisions.all()) == [revision]
        assert revision.user == editor and revision.object_str == question.name
        assert revision.as_object().stem == question.stem
        [entry] = ModelLogEntry.objects.for_instance(question)
        assert (entry.action, entry.user, entry.revision, entry.label) == (
            "wagtail.edit",
            editor,
            revision,
            question.name,
        )
        assert entry.content_changed and entry.data == {}
        batches.append(entry.uuid)
    # One batch per import: the entries of an import are grouped together.
    assert batches[0] == batches[1] and batches[2] == batches[3] == batches[4]
    assert batches[0] != batches[2]
    assert all(batches)


# --- Confirming ---------------------------------------------------------------------------


def test_only_the_uploader_or_someone_who_may_change_imports_can_confirm(
    editor, user_with_role, admin_user
):
    question_import = question_bank.start_import(editor, "bank.gift", gift(1))
    assert question_bank.can_confirm_import(editor, question_import)
    assert question_bank.can_confirm_import(admin_user, question_import)  # every permission
    assert not question_bank.can_confirm_import(user_with_role(Role.EDITOR), question_import)
    assert not question_bank.can_confirm_import(user_with_role(Role.LEARNER), question_import)
    assert not question_bank.can_confirm_import(AnonymousUser(), question_import)


def test_confirming_starts_the_progress_at_nothing_of_every_question(editor, settings):
    question_import = question_bank.start_import(editor, "bank.gift", gift(4))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with time_machine.travel(MOMENT, tick=False):
        assert question_bank.confirm_import(question_import.pk, editor)
        assert not question_bank.confirm_import(question_import.pk, editor)  # a second click
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.IMPORTING
    assert (question_import.progress_done, question_import.progress_total) == (0, 4)
    assert question_import.progress_at == MOMENT


# --- The preview -------------------------------------------------------------------------------


def file_link(question_import, row_name: str, picture: bool = False) -> str:
    row = QuestionImportFile.objects.get(question_import=question_import, name=row_name)
    url = reverse("courses_question_import_file", args=[question_import.pk, row.pk])
    return url + ("#preview-picture" if picture else "")


def test_the_preview_shows_every_part_of_each_question_with_its_files(editor):
    question_import = question_bank.start_import(editor, "bank.xml", EVERY_PART.read_bytes())
    question_import.refresh_from_db()
    choice, matching, short = question_import.preview
    option = choice["options"][0]
    assert option["text"] == (
        f'<a href="{file_link(question_import, "option.png", True)}">Option picture</a>'
    )
    assert option["feedback"] == (
        f'See <a href="{file_link(question_import, "why.pdf")}">[File why.pdf] why</a>'
    )
    assert [(o["percent"], o["feedback"]) for o in choice["options"][1:]] == [
        ("0", "No."),
        ("0", "No."),
    ]
    assert option["percent"] == "100"
    assert matching["pairs"][0]["prompt"] == (
        f'<a href="{file_link(question_import, "prompt.png", True)}">Prompt picture</a>'
    )
    [answer] = short["answers"]
    assert answer["percent"] == "100"
    assert answer["feedback"] == (
        f'<a href="{file_link(question_import, "talk.mp3")}">Listen</a> '
        f'<a href="{file_link(question_import, "X-ray.mp3")}">X-ray.mp3</a>'
    )
    # Where each comes from in the file, and what it holds.
    assert [
        (q["line"], q["category"], q["tags"], q["files"]) for q in (choice, matching, short)
    ] == [
        (5, "Imported", [], ["option.png", "why.pdf"]),
        (26, "Imported", [], ["prompt.png"]),
        (39, "Imported", [], ["X-ray.mp3", "talk.mp3"]),
    ]


def test_the_preview_shows_categories_tags_feedback_and_each_option_s_worth(editor):
    bank = (
        "$CATEGORY: Signs\n\n// [tag:zebra] [tag:alpha]\n"
        "::Q1::Which apply?{~%50%Half one#Partly.~%50%Other half#Partly too."
        "~%-33.33333%Wrong#No.~%-66.66667%Worse#No again.####Both halves are needed.}\n"
    )
    question_import = question_bank.start_import(editor, "bank.gift", bank.encode())
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.READY, question_import.errors
    [item] = question_import.preview
    assert (item["line"], item["category"], item["tags"], item["files"]) == (
        4,
        "Signs",
        ["zebra", "alpha"],
        [],
    )
    assert item["general_feedback"] == "<p>Both halves are needed.</p>"
    assert [(o["text"], o["feedback"], o["percent"]) for o in item["options"]] == [
        ("Half one", "Partly.", "50"),
        ("Other half", "Partly too.", "50"),
        ("Wrong", "No.", "-33.33"),
        ("Worse", "No again.", "-66.67"),
    ]


# --- Who may see and confirm an import; how an upload is read -----------------------------------


def with_permission(user, codename: str):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)  # a fresh copy: permissions are cached


def test_who_may_see_and_confirm_an_import(editor, user_with_role):
    question_import = question_bank.start_import(editor, "bank.gift", gift(1))
    other_editor = user_with_role(Role.EDITOR)
    viewer = with_permission(user_with_role(Role.EDITOR), "view_questionimport")
    changer = with_permission(user_with_role(Role.EDITOR), "change_questionimport")
    see, confirm = question_bank.can_see_import, question_bank.can_confirm_import
    assert see(editor, question_import) and confirm(editor, question_import)
    assert see(viewer, question_import) and not confirm(viewer, question_import)
    assert see(changer, question_import) is False  # changing needs seeing first
    both = with_permission(changer, "view_questionimport")
    assert see(both, question_import) and confirm(both, question_import)
    assert not see(other_editor, question_import)
    assert not see(user_with_role(Role.LEARNER), question_import)
    assert not see(AnonymousUser(), question_import)


def test_an_uploader_who_is_no_longer_an_editor_no_longer_sees_their_import(editor):
    question_import = question_bank.start_import(editor, "bank.gift", gift(1))
    editor.groups.clear()
    editor = type(editor).objects.get(pk=editor.pk)
    assert not editor.has_perm("courses.add_question")
    assert not question_bank.can_see_import(editor, question_import)
    assert not question_bank.can_confirm_import(editor, question_import)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Caf\u00e9 \u201cquoted\u201d".encode(), "Caf\u00e9 \u201cquoted\u201d"),
        ("\ufeffWith a BOM".encode(), "With a BOM"),
        # Windows-1252, as Word and Excel save: curly quotes, a euro sign, an e acute.
        (b"\x93Caf\xe9\x94 costs \x805", "\u201cCaf\u00e9\u201d costs \u20ac5"),
        # A byte Windows-1252 leaves undefined: read as Latin-1, never refused.
        (b"Odd \x81 byte \xe9", "Odd \x81 byte \u00e9"),
    ],
)
def test_an_upload_is_read_as_utf8_else_windows_1252_else_latin_1(data, text):
    assert question_bank.decode_upload(data) == text


# --- Reading an upload, and its progress ----------------------------------------------------------


@pytest.fixture
def queued(settings):
    """Tasks wait for the worker (as in production) instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_reading_claims_this_queued_upload_only(editor, queued):
    first = question_bank.start_import(editor, "first.gift", gift(2))
    second = question_bank.start_import(editor, "second.gift", gift(3))
    with time_machine.travel(MOMENT, tick=False):
        assert question_bank.run_parse(first.pk) == ImportStatus.READY
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.question_count, first.progress_at) == ("ready", 2, MOMENT)
    assert (second.status, second.progress_at) == (ImportStatus.QUEUED, None)
    # A second reading of the same upload (a task run twice) changes nothing.
    assert question_bank.run_parse(first.pk) == "skipped"


def test_an_upload_being_read_says_so(editor, queued, monkeypatch):
    question_import = question_bank.start_import(editor, "bank.gift", gift(2))
    seen = []

    def parse(*args, **kwargs):
        row = QuestionImport.objects.get(pk=question_import.pk)
        seen.append((row.status, row.progress_at))
        return question_bank.ParseResult(errors=[ParseError(1, "Broken")])

    monkeypatch.setattr(question_bank, "parse_upload", parse)
    with time_machine.travel(MOMENT, tick=False):
        question_bank.run_parse(question_import.pk)
    assert seen == [(ImportStatus.PARSING, MOMENT)]


def test_reading_shows_progress_half_for_the_checks_and_half_for_the_preview(
    editor, queued, monkeypatch
):
    question_import = question_bank.start_import(editor, "bank.gift", gift(4))
    written = []
    monkeypatch.setattr(question_bank, "PROGRESS_EVERY", 0)
    monkeypatch.setattr(
        question_bank._ProgressWriter,
        "write",
        lambda self, done, total: written.append(done if self.pk == question_import.pk else None),
    )
    original = question_bank.parse_upload

    def parse(filename, data, progress=None):
        for done in (1, 3, 4):  # of the checks: an eighth, three eighths, half the bar
            progress(done, 4)
        return original(filename, data)

    monkeypatch.setattr(question_bank, "parse_upload", parse)
    question_bank.run_parse(question_import.pk)
    # The checks give 0, 1 and 2 of 4 (whole questions only); each question previewed
    # gives half a question more.
    assert written == [0, 1, 2, 2, 3, 3, 4]
    assert all(isinstance(done, int) for done in written)


def test_progress_is_written_at_most_every_half_second_and_always_at_the_end(editor, monkeypatch):
    question_import = question_bank.start_import(editor, "bank.gift", gift(1))
    clock = iter([1000.0, 1000.4, 1000.5, 1000.6, 1000.7])
    monkeypatch.setattr(question_bank.time, "monotonic", lambda: next(clock))
    writer = question_bank._ProgressWriter(question_import.pk)
    seen = []
    with time_machine.travel(MOMENT, tick=False):
        for done in (1, 2, 3, 4, 10):
            writer(done, 10)
            row = QuestionImport.objects.get(pk=question_import.pk)
            seen.append((row.progress_done, row.progress_total))
        assert row.progress_at == MOMENT
    # 1000.0 written; 0.4 s later not; 0.5 s after the last write, written; 0.1 s after
    # that not, unless it is the end.
    assert seen == [(1, 10), (1, 10), (3, 10), (3, 10), (10, 10)]


def test_a_long_file_name_is_kept_to_what_the_database_holds(editor):
    name = "b" * 300 + ".gift"
    question_import = question_bank.start_import(editor, name, gift(1))
    question_import.refresh_from_db()
    assert question_import.filename == name[:255]


def test_an_upload_that_cannot_be_read_says_so_and_is_logged(editor, queued, monkeypatch, caplog):
    question_import = question_bank.start_import(editor, "bank.gift", gift(2))

    def broken(*args, **kwargs):
        raise UnicodeError("unexpected")

    monkeypatch.setattr(question_bank, "parse_upload", broken)
    with caplog.at_level("ERROR", logger="safecity.quiz"):
        assert question_bank.run_parse(question_import.pk) == ImportStatus.FAILED
    question_import.refresh_from_db()
    assert question_import.status == ImportStatus.FAILED
    assert question_import.errors == [
        {"line": 0, "message": question_bank.UNREADABLE, "question": ""}
    ]
    [logged] = [r for r in caplog.records if r.name == "safecity.quiz"]
    assert logged.getMessage() == f"Question import {question_import.pk} could not be read"
    assert logged.exc_info


def test_a_matching_question_s_choices_are_in_the_same_order_each_time_it_is_previewed(editor):
    question_import = question_bank.start_import(editor, "bank.xml", EVERY_PART.read_bytes())
    question_import.refresh_from_db()
    orders = {tuple(question_import.preview[1]["choices"])}
    for _ in range(4):  # read again (a task run again): the same preview, choices included
        QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.QUEUED)
        assert question_bank.run_parse(question_import.pk) == ImportStatus.READY
        question_import.refresh_from_db()
        orders.add(tuple(question_import.preview[1]["choices"]))
    assert len(orders) == 1


# --- What an imported question is called and holds; how a file is recognised --------------------


def test_a_question_without_a_name_is_named_from_its_text_and_long_values_are_cut(editor):
    from courses.quiz_formats.gift import parse_gift as read

    named_by_text, long = read(
        "::A::<b>Which</b> sign?{TRUE}\n\n::C::Match{=one -> 1 =two -> 2 =three -> 3}\n"
    ).questions
    unnamed = copy.deepcopy(named_by_text)
    unnamed.stem = "<p> </p>"
    named_by_text.name = unnamed.name = ""
    long.name = "n" * 250
    long.tags = ["t" * 150]
    long.pairs[0].answer = "a" * 350
    result = question_bank.ParseResult(questions=[named_by_text, unnamed, long])
    first, second, third = question_bank.import_questions(result, user=editor)
    assert first.name == "Which sign?"
    assert second.name == "Imported question"
    assert third.name == "n" * 200
    assert [tag.name for tag in third.tags.all()] == ["t" * 100]
    assert third.pairs.first().answer == "a" * 300


def test_a_nul_character_in_a_file_name_is_stored_as_a_replacement_character(editor):
    question_import = question_bank.start_import(editor, "bad\x00name.gift", gift(1))
    question_import.refresh_from_db()
    assert question_import.filename == "bad\ufffdname.gift"


def test_moodle_xml_is_recognised_by_its_name_in_any_case_or_by_its_declaration():
    body = (
        b'<quiz><question type="truefalse"><name><text>T</text></name>'
        b'<questiontext format="html"><text>True?</text></questiontext>'
        b'<answer fraction="100"><text>true</text></answer>'
        b'<answer fraction="0"><text>false</text></answer></question></quiz>'
    )
    for name, data in (
        ("BANK.XML", body),  # no declaration: known by its name
        ("bank.xml", body),
        ("bank.txt", b'<?xml version="1.0"?>' + body),  # known by its declaration
    ):
        result = question_bank.parse_upload(name, data)
        assert result.ok and [q.name for q in result.questions] == ["T"], name
    assert not question_bank.parse_upload("bank.txt", body).ok  # read as GIFT: not a question


def test_a_file_over_the_limit_is_refused_without_a_line_number(monkeypatch):
    monkeypatch.setattr(question_bank, "MAX_IMPORT_BYTES", 10)
    result = question_bank.parse_upload("bank.gift", gift(1))
    assert [(e.line, e.message) for e in result.errors] == [
        (0, "The file is larger than 10 MB, the limit.")
    ]
    assert question_bank.parse_upload("bank.gift", b"::Q::T?{T}")  # ten bytes: read


def test_a_ready_import_counts_its_questions_with_warnings_and_its_progress_is_complete(
    editor, queued
):
    bank = (
        "::Fine::Is statement one true?{TRUE}\n\n"
        "::All::Which apply?{=All of the above~One option~Another option}\n\n"
        "::None::Which applies?{=None of the above~First option~Second option}\n"
    )
    question_import = question_bank.start_import(editor, "bank.gift", bank.encode())
    with time_machine.travel(MOMENT, tick=False):
        assert question_bank.run_parse(question_import.pk) == ImportStatus.READY
    question_import.refresh_from_db()
    assert [bool(item["warnings"]) for item in question_import.preview] == [False, True, True]
    assert question_import.warning_count == 2
    assert (question_import.progress_done, question_import.progress_total) == (3, 3)
    assert question_import.progress_at == MOMENT


def test_reading_a_file_reports_its_checks_half_by_half_in_whole_questions():
    told = []
    question_bank.parse_upload("bank.gift", gift(5), progress=lambda d, t: told.append((d, t)))
    # The structure checks fill the first half, the item-writing check the second.
    assert told == [(0, 5), (1, 5), (1, 5), (2, 5), (2, 5), (2, 5), (3, 5), (3, 5), (4, 5), (4, 5)]
    assert all(isinstance(done, int) for done, _ in told)


def test_a_file_with_no_questions_says_so_and_problems_are_listed_in_line_order():
    empty = question_bank.parse_upload("bank.gift", b"// only a comment\n")
    assert [(e.line, e.message) for e in empty.errors] == [(1, "The file contains no questions.")]
    broken = question_bank.parse_upload("bank.gift", b"::Bad::Never closed{\n")
    assert [e.line for e in broken.errors] == [1]  # its own problem, not "no questions"
    assert "no questions" not in broken.errors[0].message
    two = question_bank.parse_upload(
        "bank.gift", b"::A::Pick one{=A~%50%B~C}\n\n::B::True?{TRUE}\n\n::C::Never closed{\n"
    )
    assert [(e.line, e.question) for e in two.errors] == [(1, "A"), (5, "C")]


def test_a_declaration_after_blank_space_is_still_read_as_xml():
    result = question_bank.parse_upload("bank.txt", b'\n  <?xml version="1.0"?><quiz></quiz>')
    assert not result.ok
    assert "can't be read as XML" in result.errors[0].message  # not as a GIFT file
