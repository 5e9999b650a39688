"""Bringing question banks in from Moodle (GIFT, Moodle XML) and sending them back out.

Texts arrive sanitised from the parsers (:mod:`courses.quiz_formats.html`). Files embedded in
a Moodle XML export are stored when the import is confirmed: a picture becomes a Wagtail image
(in the root collection; the same picture imported twice is stored once, found by its hash)
and its ``<img src="@@PLUGINFILE@@/name" alt="…">`` becomes Wagtail's
``<embed embedtype="image" id=… format="fullwidth" alt="…"/>``; any other file (sound, PDF)
becomes a Wagtail document in the "Lesson documents" collection (signed-in people only) and
its link ``<a linktype="document" id=…>``. A picture's missing alt text is kept missing: the
item-writing check flags it for an editor.
"""

import datetime
import html
import io
import logging
import random
import re
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict
from decimal import Decimal
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ModelLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.utils.file import hash_filelike

from accounts.audit import record

from ..models import Question, QuestionCategory, QuestionImport, QuestionOption, QuestionPair
from ..models.question_import import ImportStatus
from ..question_rules import structure_problems
from ..quiz_formats import (
    MATCHING,
    ParsedOption,
    ParsedPair,
    ParsedQuestion,
    ParseError,
    ParseResult,
)
from ..quiz_formats.build import add_answers, set_answers
from ..quiz_formats.gift import export_gift, parse_gift
from ..quiz_formats.html import PLUGINFILE, file_kind
from ..quiz_formats.moodle_xml import parse_moodle_xml
from ..selectors.question_quality import check_question, from_parsed

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_SIZE = "10 MB"  # MAX_IMPORT_BYTES, as people read it

logger = logging.getLogger("safecity.quiz")

# (done, total): called as the work goes on; total 0 while the total is not known yet.
Progress = Callable[[int, int], None]


class ImportRejected(Exception):
    def __init__(self, errors: list[ParseError]):
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def decode_upload(data: bytes) -> str:
    """Text from an uploaded file: UTF-8 (with or without a BOM), else Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_upload(filename: str, data: bytes, *, progress: Progress | None = None) -> ParseResult:
    """Parse a GIFT or Moodle XML file, chosen by its name or, failing that, its content.

    ``progress(done, total)`` is told how many questions have been checked (after the parser
    itself, which reads the whole file in one go).
    """
    if len(data) > MAX_IMPORT_BYTES:
        return ParseResult(
            errors=[ParseError(0, f"The file is larger than {MAX_IMPORT_SIZE}, the limit.")]
        )
    is_xml = filename.lower().endswith(".xml") or data.lstrip()[:5] == b"<?xml"
    result = parse_moodle_xml(data) if is_xml else parse_gift(decode_upload(data))
    total = len(result.questions)
    # The same rules the admin form applies, so nothing imported is invalid there.
    for done, question in enumerate(result.questions, 1):
        if progress is not None:
            progress(done // 2, total)
        fractions = [option.fraction for option in question.options]
        prompts = sum(1 for pair in question.pairs if pair.prompt)
        for problem in structure_problems(question.type, fractions, prompts):
            result.errors.append(ParseError(question.line, problem, question.name))
    # The item-writing check, shown in the preview before the importer confirms (warnings only).
    for done, question in enumerate(result.questions, 1):
        question.quality_flags = check_question(from_parsed(question))
        if progress is not None:
            progress(total // 2 + done // 2, total)
    if not result.questions and not result.errors:
        result.errors.append(ParseError(0, "The file has no questions in it."))
    result.errors.sort(key=lambda error: error.line)
    return result


def _build_question(parsed: ParsedQuestion, category: QuestionCategory | None) -> Question:
    """An unsaved question (with its options or pairs and tags) made from a parsed one: what
    the import saves, and what the preview shows the way a learner's quiz page would."""
    question = Question(
        name=(parsed.name or strip_tags(parsed.stem))[:200].strip() or "Imported question",
        type=parsed.type,
        stem=parsed.stem,
        general_feedback=parsed.general_feedback,
        category=category,
    )
    for tag in parsed.tags:
        question.tags.add(tag[:100])
    if parsed.type == MATCHING:
        question.pairs = [
            QuestionPair(prompt=pair.prompt, answer=pair.answer[:300]) for pair in parsed.pairs
        ]
    else:
        question.options = [
            QuestionOption(text=o.text, fraction=o.fraction, feedback=o.feedback)
            for o in parsed.options
        ]
    # Short answer and numerical: accepted answers, case sensitivity and units.
    set_answers(question, parsed)
    return question


IMPORT_BATCH = 250  # questions saved per round of bulk inserts


@transaction.atomic
def import_questions(
    result: ParseResult,
    default_category: str = "Imported",
    *,
    user=None,
    publish: bool = False,
    progress: Progress | None = None,
) -> list[Question]:
    """Create every question in the result, or none at all.

    Questions are moderated: each is created as a draft with a first revision (and the
    "edited" entry in its history), which learners never see until a moderator publishes
    it. ``publish`` (for an importer who may publish questions, having checked the preview)
    publishes them straight away.

    Saved in batches of bulk inserts (questions, then each kind of child row, revisions and
    history entries), not one save per question: a 5,000-question bank takes seconds, not
    minutes. The search and reference indexes are updated once the transaction commits, in
    one task for the whole import (``courses.tasks.index_questions``).
    """
    if result.errors or not result.questions:
        raise ImportRejected(result.errors)
    categories: dict[str, QuestionCategory] = {}
    store = _FileStore(user)
    questions = []
    for parsed in result.questions:
        if parsed.files:
            _store_files(parsed, store)
        name = (parsed.category or default_category)[:200]
        if name not in categories:
            categories[name], _ = QuestionCategory.objects.get_or_create(name=name)
        question = _build_question(parsed, categories[name])
        question.live = False
        question.has_unpublished_changes = True
        questions.append(question)
    total = len(questions)
    batch_id = uuid.uuid4()  # groups the history entries of one import
    for start in range(0, total, IMPORT_BATCH):
        _save_batch(questions[start : start + IMPORT_BATCH], user, batch_id)
        if progress is not None:
            progress(min(start + IMPORT_BATCH, total), total)
    if publish:
        for question in questions:
            question.latest_revision.publish(user=user)
    ids = [question.pk for question in questions]
    transaction.on_commit(lambda: _queue_indexing(ids))
    return questions


def _queue_indexing(ids: list[int]) -> None:
    from ..tasks import index_questions  # the tasks module imports this one

    index_questions.enqueue(ids)


def _save_batch(questions: list[Question], user, batch_id) -> None:
    """What ``save()`` then ``save_revision(log_action=True)`` do for each question, in a
    few bulk queries. The questions are unsaved clusters holding their child rows."""
    relations = get_all_child_relations(Question)
    # Read before the questions have ids: afterwards an empty relation would be queried.
    held = [
        {
            relation: list(getattr(question, relation.get_accessor_name()).all())
            for relation in relations
        }
        for question in questions
    ]
    Question.objects.bulk_create(questions)
    for relation in relations:
        children = []
        for question, own in zip(questions, held, strict=True):
            for position, child in enumerate(own[relation]):
                setattr(child, relation.field.name, question)
                if hasattr(child, "sort_order"):
                    child.sort_order = position
                if hasattr(child, "sanitise_texts"):
                    child.sanitise_texts()
                children.append(child)
            # Held in memory again (saved below), so serialising the revision reads no rows.
            setattr(question, relation.get_accessor_name(), own[relation])
        if children:
            relation.related_model.objects.bulk_create(children)
    content_type = ContentType.objects.get_for_model(Question, for_concrete_model=False)
    base_content_type = questions[0].get_base_content_type()
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(question.pk),
                user=user,
                created_at=now,
                content=question.serializable_data(),
                object_str=str(question),
            )
            for question in questions
        ]
    )
    for question, revision in zip(questions, revisions, strict=True):
        question.latest_revision = revision
    Question.objects.bulk_update(questions, ["latest_revision"])
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(question.pk),
                label=str(question) or f"Question object ({question.pk})",
                action="wagtail.edit",
                timestamp=now,
                data={},
                user=user,
                revision=revision,
                content_changed=True,
                uuid=batch_id,
            )
            for question, revision in zip(questions, revisions, strict=True)
        ]
    )


class _FileStore:
    """Stores each file of one import once (by content), as a Wagtail image or document."""

    def __init__(self, user):
        self.user = user
        self.stored: dict[tuple[str, str], int] = {}  # (kind, sha1) → id

    def store(self, name: str, data: bytes, kind: str) -> int:
        """The id of the stored ``kind`` ("image" or "document") holding ``data``."""
        digest = hash_filelike(io.BytesIO(data))
        if (kind, digest) not in self.stored:
            self.stored[kind, digest] = (
                self._image(name, data, digest) if kind == "image" else self._document(name, data)
            )
        return self.stored[kind, digest]

    def _image(self, name: str, data: bytes, digest: str) -> int:
        image_model = get_image_model()
        existing = image_model.objects.filter(file_hash=digest).values_list("pk", flat=True)
        if existing:
            return existing[0]
        image = image_model(
            title=name[:255],
            file=ImageFile(io.BytesIO(data), name=name),
            uploaded_by_user=self.user,
            collection=Collection.get_first_root_node(),
        )
        image._set_image_file_metadata()
        image.save()
        return image.pk

    def _document(self, name: str, data: bytes) -> int:
        collection = (
            Collection.objects.filter(name="Lesson documents").first()
            or Collection.get_first_root_node()
        )
        document = get_document_model()(
            title=name[:255],
            file=ContentFile(data, name=name),
            uploaded_by_user=self.user,
            collection=collection,
        )
        document._set_document_file_metadata()
        document.save()
        return document.pk


_IMG_TAG = re.compile(r"<img\b[^>]*>")
_LINK_TAG = re.compile(r'<a\b[^>]*href="@@PLUGINFILE@@/[^"]*"[^>]*>')
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def _file_name(src: str) -> str:
    return unquote(html.unescape(src.removeprefix(PLUGINFILE))).split("?", 1)[0].strip("/")


def _rewrite(text: str, parsed: ParsedQuestion, store: _FileStore) -> str:
    """Point a text's ``@@PLUGINFILE@@`` pictures and links at the stored files."""

    def picture(match: re.Match[str]) -> str:
        attrs = dict(_ATTRIBUTE.findall(match.group()))
        name = _file_name(attrs.get("src", ""))
        if file_kind(name) != "image":  # e.g. <img src="@@PLUGINFILE@@/talk.mp3">: a link
            pk = store.store(name, parsed.files[name], "document")
            return f'<a linktype="document" id="{pk}">{html.escape(attrs.get("alt") or name)}</a>'
        pk = store.store(name, parsed.files[name], "image")
        alt = f' alt="{attrs["alt"]}"' if "alt" in attrs else ""
        return f'<embed{alt} embedtype="image" format="fullwidth" id="{pk}"/>'

    def link(match: re.Match[str]) -> str:
        attrs = dict(_ATTRIBUTE.findall(match.group()))
        name = _file_name(attrs["href"])
        # Whatever the file (sound, PDF, even a picture), a link leads to a document.
        pk = store.store(name, parsed.files[name], "document")
        return f'<a id="{pk}" linktype="document">'

    return _LINK_TAG.sub(link, _IMG_TAG.sub(picture, text)) if PLUGINFILE in text else text


def _store_files(parsed: ParsedQuestion, store: _FileStore) -> None:
    parsed.stem = _rewrite(parsed.stem, parsed, store)
    parsed.general_feedback = _rewrite(parsed.general_feedback, parsed, store)
    for option in parsed.options:
        option.text = _rewrite(option.text, parsed, store)
        option.feedback = _rewrite(option.feedback, parsed, store)
    for pair in parsed.pairs:
        pair.prompt = _rewrite(pair.prompt, parsed, store)
    for answer in parsed.answers:
        answer.feedback = _rewrite(answer.feedback, parsed, store)


def to_parsed(question: Question) -> ParsedQuestion:
    parsed = ParsedQuestion(
        type=question.type,
        name=question.name,
        stem=question.stem,
        options=[
            ParsedOption(text=o.text, fraction=Decimal(o.fraction), feedback=o.feedback)
            for o in question.options.all()
        ],
        pairs=[ParsedPair(prompt=p.prompt, answer=p.answer) for p in question.pairs.all()],
        general_feedback=question.general_feedback,
        category=question.category.name if question.category else "",
        tags=sorted(tag.name for tag in question.tags.all()),
    )
    return add_answers(parsed, question)


def export_questions(questions: Iterable[Question]) -> str:
    return export_gift(to_parsed(question) for question in questions)


# --- Large files in the background: upload → read → preview → confirm → import ----------------
#
# The web requests only store the file, compare-and-set the status and read one row; the
# reading (``run_parse``) and the import (``run_import``) are the tasks in courses.tasks, run
# by ``db_worker`` in production (inline in development and tests). Progress is written at
# most every PROGRESS_EVERY seconds. During the import, whose questions are all created in one
# transaction, PostgreSQL gets the progress through a second connection (so the admin sees it
# before the commit); SQLite, which has one writer at a time, shows it when the import ends.

PROGRESS_EVERY = 0.5  # seconds
UNREADABLE = (
    "The file could not be read. Nothing was imported: check it is a GIFT or Moodle XML export."
)
FAILED = "Something went wrong while importing. Nothing was imported: please try again."
# An upload nobody confirms keeps its file and preview this long (settings can change it).
UNCONFIRMED_IMPORT_DAYS = 7
UNCONFIRMED = (
    "Not confirmed within {days} days, so the file was deleted and nothing was imported. "
    "Upload it again to import it."
)


def expire_unconfirmed_imports(now=None) -> int:
    """Delete the file and preview of every import still waiting (queued, being read, or
    ready and not confirmed) that was uploaded ``QUESTION_IMPORT_UNCONFIRMED_DAYS`` (7) days
    ago or more; it is marked not imported, with the reason. Imports that finished (imported
    or failed) hold no file already. Returns how many expired. Run daily."""
    days = getattr(settings, "QUESTION_IMPORT_UNCONFIRMED_DAYS", UNCONFIRMED_IMPORT_DAYS)
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    message = UNCONFIRMED.format(days=days)
    return QuestionImport.objects.filter(
        status__in=[ImportStatus.QUEUED, ImportStatus.PARSING, ImportStatus.READY],
        created_at__lte=cutoff,
    ).update(
        status=ImportStatus.FAILED,
        errors=[asdict(ParseError(0, message))],
        data=b"",
        preview=None,
        finished_at=now or timezone.now(),
    )


def can_see_import(user, question_import: QuestionImport) -> bool:
    """The uploader, and people who may see every import (``view_questionimport``)."""
    if not user.is_authenticated or not user.has_perm("courses.add_question"):
        return False
    return question_import.uploaded_by_id == user.pk or user.has_perm("courses.view_questionimport")


def can_confirm_import(user, question_import: QuestionImport) -> bool:
    """The uploader, who has checked the preview (or someone with ``change_questionimport``)."""
    if not can_see_import(user, question_import):
        return False
    return question_import.uploaded_by_id == user.pk or user.has_perm(
        "courses.change_questionimport"
    )


def start_import(user, filename: str, data: bytes) -> QuestionImport:
    """Store an uploaded file and queue its reading. Returns the import, to be polled."""
    from ..tasks import parse_question_import  # the tasks module imports this one

    question_import = QuestionImport.objects.create(
        uploaded_by=user, filename=_storable(filename)[:255], size=len(data), data=data
    )
    parse_question_import.enqueue(question_import.pk)
    return question_import


def confirm_import(question_import_id: int, user) -> bool:
    """Queue the import of a previewed file, once: True for the confirm that did it, False
    for any later one (a double click, a second tab), which changes nothing.

    The status moves from "ready" to "importing" in one UPDATE … WHERE status = 'ready'
    (compare and set), which only one of two simultaneous confirms can win.
    """
    from ..tasks import import_question_import

    claimed = QuestionImport.objects.filter(
        pk=question_import_id, status=ImportStatus.READY
    ).update(
        status=ImportStatus.IMPORTING,
        published=user.has_perm("courses.publish_question"),
        progress_done=0,
        progress_total=F("question_count"),
        progress_at=timezone.now(),
    )
    if claimed:
        import_question_import.enqueue(question_import_id, user.pk)
    return bool(claimed)


class _ProgressWriter:
    """Writes (done, total) to an import's row, at most every PROGRESS_EVERY seconds.

    ``separate_connection``: through a connection of its own, committed at once, so that the
    progress of work inside a transaction can be seen (PostgreSQL only; see above).
    """

    def __init__(self, question_import_id: int, *, separate_connection: bool = False):
        self.pk = question_import_id
        self.last = 0.0
        self.connection = None
        if separate_connection and connections[DEFAULT_DB_ALIAS].vendor != "sqlite":
            self.connection = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY and done < total:
            return
        self.last = now
        self.write(done, total)

    def write(self, done: int, total: int) -> None:
        if self.connection is None:
            QuestionImport.objects.filter(pk=self.pk).update(
                progress_done=done, progress_total=total, progress_at=timezone.now()
            )
            return
        # The model's own table name, quoted; every value is a parameter.
        table = self.connection.ops.quote_name(QuestionImport._meta.db_table)
        sql = f"UPDATE {table} SET progress_done = %s, progress_total = %s, progress_at = %s WHERE id = %s"  # noqa: E501, S608  # nosec B608
        with self.connection.cursor() as cursor:
            cursor.execute(
                sql,
                [done, total, timezone.now(), self.pk],
            )

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


_PICTURE_REFERENCE = re.compile(r'<img\b[^>]*src="@@PLUGINFILE@@/[^"]*"[^>]*>')
_FILE_LINK = re.compile(r'<a\b[^>]*href="@@PLUGINFILE@@/([^"]*)"[^>]*>')


def _preview_text(text: str) -> str:
    """A text as it will be shown, with a file embedded in the upload (not stored until the
    import) named in words where its picture or link will be."""
    if PLUGINFILE not in text:
        return text

    def picture(match: re.Match[str]) -> str:
        attrs = dict(_ATTRIBUTE.findall(match.group()))
        name = html.escape(_file_name(attrs.get("src", "")))
        alt = attrs.get("alt", "").strip()
        described = f"described as “{alt}”" if alt else "no description (alt text)"
        return f"<em>[Picture {name}: {described}]</em>"

    def link(match: re.Match[str]) -> str:
        return f"<a>[File {html.escape(_file_name(match.group(1)))}] "

    return _FILE_LINK.sub(link, _PICTURE_REFERENCE.sub(picture, text))


def preview_item(parsed: ParsedQuestion) -> dict:
    """One question of the preview: the learner's quiz page data for it (the snapshot the
    quiz takes when an attempt starts, options in file order), with where it comes from and
    the item-writing check's warnings."""
    from .quizzes import _question_snapshot  # what the learner's quiz page renders

    question = _build_question(parsed, None)
    item = _question_snapshot(question, random.Random(parsed.line), shuffle_options=False)  # noqa: S311 (not secret)
    item["stem"] = _preview_text(item["stem"])
    item["general_feedback"] = _preview_text(item.get("general_feedback", ""))
    for option in item.get("options", []):
        option["text"] = _preview_text(option["text"])
        option["feedback"] = _preview_text(option.get("feedback", ""))
        option["percent"] = _percent(option["fraction"])
    for pair in item.get("pairs", []):
        pair["prompt"] = _preview_text(pair["prompt"])
    for answer in item.get("answers", []):
        answer["feedback"] = _preview_text(answer.get("feedback", ""))
        answer["percent"] = _percent(answer["fraction"])
    item.update(
        line=parsed.line,
        category=parsed.category or "Imported",
        tags=list(parsed.tags),
        warnings=[flag.message for flag in getattr(parsed, "quality_flags", [])],
        files=sorted(parsed.files),
    )
    return item


def _percent(fraction: str) -> str:
    value = (Decimal(fraction) * 100).quantize(Decimal("0.01")).normalize()
    return f"{value:f}"


def run_parse(question_import_id: int) -> str:
    """Read a stored upload (the parse task): "ready" with a preview, or "failed" with every
    problem found. Returns the new status ("skipped" if it was not waiting to be read)."""
    claimed = QuestionImport.objects.filter(
        pk=question_import_id, status=ImportStatus.QUEUED
    ).update(status=ImportStatus.PARSING, progress_at=timezone.now())
    if not claimed:
        return "skipped"
    question_import = QuestionImport.objects.defer("preview").get(pk=question_import_id)
    progress = _ProgressWriter(question_import_id)
    try:
        # The first half of the bar: the checks (after the parser); the second: the preview.
        result = parse_upload(
            question_import.filename,
            bytes(question_import.data),
            progress=lambda done, total: progress(done // 2, total),
        )
        total, preview = len(result.questions), []
        for done, parsed in enumerate(result.questions if result.ok else [], 1):
            preview.append(preview_item(parsed))
            progress(total // 2 + done // 2, total)
    except Exception:
        logger.exception("Question import %s could not be read", question_import_id)
        result, preview = ParseResult(errors=[ParseError(0, UNREADABLE)]), []
    if not result.ok:
        _fail(question_import_id, result.errors, question_count=len(result.questions))
        return ImportStatus.FAILED
    count = len(result.questions)
    QuestionImport.objects.filter(pk=question_import_id).update(
        status=ImportStatus.READY,
        question_count=count,
        warning_count=sum(1 for item in preview if item["warnings"]),
        preview=_storable(preview),
        progress_done=count,
        progress_total=count,
        progress_at=timezone.now(),
    )
    return ImportStatus.READY


def _storable(value):
    """``value`` with every NUL character shown as U+FFFD: PostgreSQL stores no NUL in text
    or JSON, and a hostile or broken file quoted in an error message may hold one."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_storable(item) for item in value]
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    return value


def _fail(question_import_id: int, errors: list[ParseError], **fields) -> None:
    """Mark an import failed, with its errors; never one that another run has imported."""
    running = QuestionImport.objects.filter(pk=question_import_id).exclude(status=ImportStatus.DONE)
    running.update(
        status=ImportStatus.FAILED,
        errors=_storable([asdict(error) for error in errors] or [asdict(ParseError(0, FAILED))]),
        data=b"",
        preview=None,
        finished_at=timezone.now(),
        **fields,
    )


class _AlreadyImported(Exception):
    pass


def run_import(question_import_id: int, user_id: int | None) -> str:
    """Import a confirmed upload (the import task): every question in one transaction, or
    none. Search and reference indexing follow, in one task (see ``import_questions``).
    Returns the new status ("skipped" if it was not confirmed, or already imported)."""
    question_import = QuestionImport.objects.defer("preview").get(pk=question_import_id)
    if question_import.status != ImportStatus.IMPORTING:
        return "skipped"
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    progress = _ProgressWriter(question_import_id, separate_connection=True)
    try:
        # The same parser on the same bytes: exactly the questions the preview showed.
        result = parse_upload(question_import.filename, bytes(question_import.data))
        with transaction.atomic():
            created = import_questions(
                result, user=user, publish=question_import.published, progress=progress
            )
            progress.close()  # before this transaction locks the row below
            locked = QuestionImport.objects.select_for_update().only("status")
            if locked.get(pk=question_import_id).status != ImportStatus.IMPORTING:
                raise _AlreadyImported  # another run finished first: roll this one back
            QuestionImport.objects.filter(pk=question_import_id).update(
                status=ImportStatus.DONE,
                question_ids=[question.pk for question in created],
                data=b"",
                preview=None,
                progress_done=len(created),
                progress_total=len(created),
                progress_at=timezone.now(),
                finished_at=timezone.now(),
            )
            record(
                "import.questions",
                actor=user,
                summary=f"{len(created)} questions imported from {question_import.filename}",
            )
    except _AlreadyImported:
        return "skipped"
    except ImportRejected as rejected:
        _fail(question_import_id, rejected.errors)
        return ImportStatus.FAILED
    except Exception:
        logger.exception("Question import %s failed", question_import_id)
        _fail(question_import_id, [])
        return ImportStatus.FAILED
    finally:
        progress.close()
    return ImportStatus.DONE


def index_imported_questions(question_ids: list[int]) -> int:
    """The search index (in bulk) and the reference index entries of imported questions."""
    children = [relation.get_accessor_name() for relation in get_all_child_relations(Question)]
    questions = list(Question.objects.filter(pk__in=question_ids).prefetch_related(*children))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Question, questions)
    with transaction.atomic():  # one commit, not one per question
        for question in questions:
            ReferenceIndex.create_or_update_for_object(question)
    return len(questions)
