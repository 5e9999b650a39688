"""Bringing question banks in from Moodle (GIFT, Moodle XML) and sending them back out.

Texts arrive sanitised from the parsers (:mod:`courses.quiz_formats.html`). Files embedded in
a Moodle XML export are stored when the import is confirmed: a picture becomes a Wagtail image
(in the root collection; the same picture imported twice is stored once, found by its hash)
and its ``<img src="@@PLUGINFILE@@/name" alt="…">`` becomes Wagtail's
``<embed embedtype="image" id=… format="fullwidth" alt="…"/>``; any other file (sound, PDF)
becomes a Wagtail document in the "Lesson documents" collection (signed-in people only) and
its link ``<a linktype="document" id=…>``. A picture's missing alt text is kept missing: the
item-writing check flags it for an editor.

Before that, while the upload is read (``run_parse``), each embedded file is stored once per
import as a :class:`~courses.models.question_import.QuestionImportFile`, so that the preview
shows the pictures themselves (see ``_preview_text`` and ``show_preview_pictures``); those
rows go with the preview.
"""

import datetime
import hashlib
import html
import io
import logging
import random
import re
import time
import uuid
from collections.abc import Callable, Container, Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.urls import reverse
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
from ..models.question_import import INLINE_CONTENT_TYPES, ImportStatus, QuestionImportFile
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
from ..quiz_formats.html import PLUGINFILE, file_kind, reference_name
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
PREVIEW_BATCH = 100  # questions previewed (their files stored) per transaction


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
                if hasattr(child, "sort_order"):
                    child.sort_order = position
                if hasattr(child, "sanitise_texts"):
                    child.sanitise_texts()
                children.append(child)
            # Held in memory again (saved below), so serialising the revision reads no rows;
            # this also points each child at its question, which has an id now.
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
    """The file an ``@@PLUGINFILE@@`` address names, as the parser listed it."""
    return reference_name(src.removeprefix(PLUGINFILE))


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
    waiting = [ImportStatus.QUEUED, ImportStatus.PARSING, ImportStatus.READY]
    with transaction.atomic():
        expired = list(
            QuestionImport.objects.filter(status__in=waiting, created_at__lte=cutoff)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        count = QuestionImport.objects.filter(pk__in=expired, status__in=waiting).update(
            status=ImportStatus.FAILED,
            errors=[asdict(ParseError(0, message))],
            data=b"",
            preview=None,
            finished_at=now or timezone.now(),
        )
        _delete_files(expired)  # the preview's pictures go with it
    return count


def _delete_files(question_import_ids: list[int]) -> None:
    """Delete the stored files of these imports if they have finished (imported, failed or
    expired): with no preview left to show, nothing refers to them."""
    QuestionImportFile.objects.filter(
        question_import_id__in=question_import_ids,
        question_import__status__in=[ImportStatus.DONE, ImportStatus.FAILED],
    ).defer("data").delete()


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


# --- The files of an upload in its preview -----------------------------------------------------
#
# The preview is the learner's quiz page data, shown through the learner's own template, whose
# filter (courses.templatetags.quiz_text.question_html) sanitises every text again and keeps
# no raw ``<img>``. So a picture of the upload is stored in the preview as a link to the
# import's copy of the file, marked with PREVIEW_PICTURE: ``<a href="…/files/7/#preview-
# picture">its alt text</a>``, which the sanitiser leaves as it is; the import's page turns
# each such link to one of the import's own pictures into the picture itself
# (``show_preview_pictures``) once the template has rendered. Any other file is a link that
# downloads it. Both are served by admin_views.question_import_file_view, to the people who
# may see the import.

PREVIEW_PICTURE = "#preview-picture"


@dataclass(frozen=True)
class PreviewFile:
    url: str
    inline: bool  # a picture the preview shows (PNG, JPEG, GIF or WebP, by its bytes)


def preview_file_url(question_import_id: int, file_id: int) -> str:
    return reverse("courses_question_import_file", args=[question_import_id, file_id])


def sniff_content_type(data: bytes) -> str:
    """A file's type from its first bytes, never from its name: the four kinds of picture the
    preview shows, PDF and sound; anything else (SVG and HTML included) is just bytes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data.startswith(b"OggS"):
        return "audio/ogg"
    if data[4:8] == b"ftyp":
        return "audio/mp4"
    if data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] >= 0xE0):
        return "audio/mpeg"
    return "application/octet-stream"


class _PreviewFiles:
    """Stores the files of one upload for its preview: once per import for the same bytes,
    wherever they are used (a second reading of the upload finds the rows the first stored)."""

    def __init__(self, question_import_id: int):
        self.import_id = question_import_id
        self.stored: dict[str, PreviewFile] | None = None  # sha256 → file, read when needed

    def _file(self, pk: int, content_type: str) -> PreviewFile:
        url = preview_file_url(self.import_id, pk)
        return PreviewFile(url, content_type in INLINE_CONTENT_TYPES)

    def __call__(self, name: str, data: bytes) -> PreviewFile:
        if self.stored is None:
            rows = QuestionImportFile.objects.filter(question_import_id=self.import_id)
            self.stored = {
                digest: self._file(pk, content_type)
                for digest, pk, content_type in rows.values_list("sha256", "pk", "content_type")
            }
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self.stored:  # one reading at a time (run_parse), so not stored yet
            row = QuestionImportFile.objects.create(
                question_import_id=self.import_id,
                sha256=digest,
                name=_storable(name)[:255],
                content_type=sniff_content_type(data),
                size=len(data),
                data=data,
            )
            self.stored[digest] = self._file(row.pk, row.content_type)
        return self.stored[digest]


_PICTURE_REFERENCE = re.compile(r'<img\b[^>]*src="@@PLUGINFILE@@/[^"]*"[^>]*>')
_FILE_LINK = re.compile(r'<a\b[^>]*href="@@PLUGINFILE@@/([^"]*)"[^>]*>')
_MARKED_PICTURE = re.compile(r'<a href="([^"#]*)' + re.escape(PREVIEW_PICTURE) + r'">([^<]*)</a>')

FileFor = Callable[[str], PreviewFile | None]


def _preview_text(text: str, file_for: FileFor) -> str:
    """A text as it will be shown, with the files embedded in the upload (stored as Wagtail
    images and documents only when imported) pointing at the import's copies (``file_for``
    gives the copy of a file, by name): a picture is a link marked PREVIEW_PICTURE, with its
    alt text as the link's text, and one without alt text is flagged in words beside it; any
    other file is a link that downloads it. Alt texts and names are escaped."""
    text = text.replace(PREVIEW_PICTURE + '"', '"')  # only the preview's own links are marked
    if PLUGINFILE not in text:
        return text

    def picture(match: re.Match[str]) -> str:
        attrs = dict(_ATTRIBUTE.findall(match.group()))
        name = _file_name(attrs.get("src", ""))
        alt = html.unescape(attrs.get("alt", ""))
        described = f"described as “{alt.strip()}”" if alt.strip() else "no description (alt text)"
        label = _text(f"[Picture {name}: {described}]")
        stored = file_for(name)
        if stored is None:
            return f"<em>{label}</em>"
        url = html.escape(stored.url)
        if file_kind(name) != "image":  # e.g. <img src="@@PLUGINFILE@@/talk.mp3">: a link
            return f'<a href="{url}">{_text(alt or name)}</a>'
        if not stored.inline:  # not a picture a browser may be given to show: a download
            return f'<a href="{url}">{label}</a>'
        flag = "" if alt.strip() else f" <em>{label}</em>"
        return f'<a href="{url}{PREVIEW_PICTURE}">{_text(alt)}</a>{flag}'

    def link(match: re.Match[str]) -> str:
        name = _file_name(match.group(1))
        stored = file_for(name)
        href = f' href="{html.escape(stored.url)}"' if stored else ""
        return f"<a{href}>[File {_text(name)}] "

    return _FILE_LINK.sub(link, _PICTURE_REFERENCE.sub(picture, text))


def _text(value: str) -> str:
    """Text in HTML, escaped as the sanitiser writes it (``& < >``), so the preview's texts are
    stored as the sanitiser would make them."""
    return html.escape(value, quote=False)


def show_preview_pictures(page: str, pictures: Container[str]) -> str:
    """The rendered preview with each marked link to one of ``pictures`` (the URLs of the
    import's own pictures, see above) made the picture, as the learner's page will show it:
    the link's text (escaped by the template's sanitiser) as its ``alt``. Any other link is
    left as it is."""

    def show(match: re.Match[str]) -> str:
        url, text = match.groups()
        if url not in pictures:
            return match.group()
        alt = html.escape(html.unescape(text))
        return f'<img alt="{alt}" class="richtext-image full-width app-import-picture" src="{url}">'

    return _MARKED_PICTURE.sub(show, page)


def preview_item(
    parsed: ParsedQuestion, store: Callable[[str, bytes], PreviewFile] | None = None
) -> dict:
    """One question of the preview: the learner's quiz page data for it (the snapshot the
    quiz takes when an attempt starts, options in file order), with where it comes from and
    the item-writing check's warnings. ``store`` keeps a file embedded in the upload for the
    preview to show (see ``_PreviewFiles``); without it, files are named in words."""
    from .quizzes import _question_snapshot  # what the learner's quiz page renders

    def file_for(name: str) -> PreviewFile | None:
        data = parsed.files.get(name)
        return None if store is None or data is None else store(name, data)

    def show(text: str) -> str:
        return _preview_text(text, file_for)

    question = _build_question(parsed, None)
    item = _question_snapshot(question, random.Random(parsed.line), shuffle_options=False)  # noqa: S311 (not secret)
    item["stem"] = show(item["stem"])
    item["general_feedback"] = show(item.get("general_feedback", ""))
    for option in item.get("options", []):
        option["text"] = show(option["text"])
        option["feedback"] = show(option.get("feedback", ""))
        option["percent"] = _percent(option["fraction"])
    for pair in item.get("pairs", []):
        pair["prompt"] = show(pair["prompt"])
    for answer in item.get("answers", []):
        answer["feedback"] = show(answer.get("feedback", ""))
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
        store = _PreviewFiles(question_import_id)
        questions = result.questions if result.ok else []
        for start in range(0, total, PREVIEW_BATCH):
            with transaction.atomic():  # one commit for the files of a batch, not one each
                for done, parsed in enumerate(questions[start : start + PREVIEW_BATCH], start + 1):
                    preview.append(preview_item(parsed, store))
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
    _delete_files([question_import_id])


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
            _delete_files([question_import_id])  # the preview's copies: the preview has gone
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
