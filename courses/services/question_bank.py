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

import html
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import unquote

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from ..models import Question, QuestionCategory, QuestionOption, QuestionPair
from ..question_rules import structure_problems
from ..quiz_formats import (
    MATCHING,
    ParsedOption,
    ParsedPair,
    ParsedQuestion,
    ParseError,
    ParseResult,
)
from ..quiz_formats.gift import export_gift, parse_gift
from ..quiz_formats.html import PLUGINFILE, file_kind
from ..quiz_formats.moodle_xml import parse_moodle_xml
from ..selectors.question_quality import check_question, from_parsed

MAX_IMPORT_BYTES = 2 * 1024 * 1024


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


def parse_upload(filename: str, data: bytes) -> ParseResult:
    """Parse a GIFT or Moodle XML file, chosen by its name or, failing that, its content."""
    if len(data) > MAX_IMPORT_BYTES:
        return ParseResult(errors=[ParseError(0, "The file is larger than 2 MB.")])
    is_xml = filename.lower().endswith(".xml") or data.lstrip()[:5] == b"<?xml"
    result = parse_moodle_xml(data) if is_xml else parse_gift(decode_upload(data))
    # The same rules the admin form applies, so nothing imported is invalid there.
    for question in result.questions:
        fractions = [option.fraction for option in question.options]
        prompts = sum(1 for pair in question.pairs if pair.prompt)
        for problem in structure_problems(question.type, fractions, prompts):
            result.errors.append(ParseError(question.line, problem, question.name))
    # The item-writing check, shown in the preview before the importer confirms (warnings only).
    for question in result.questions:
        question.quality_flags = check_question(from_parsed(question))
    if not result.questions and not result.errors:
        result.errors.append(ParseError(0, "The file has no questions in it."))
    result.errors.sort(key=lambda error: error.line)
    return result


@transaction.atomic
def import_questions(
    result: ParseResult, default_category: str = "Imported", *, user=None, publish: bool = False
) -> list[Question]:
    """Create every question in the result, or none at all.

    Questions are moderated: each is created as a draft with a first revision, which
    learners never see until a moderator publishes it. ``publish`` (for an importer who may
    publish questions, having checked the preview) publishes them straight away.
    """
    if result.errors or not result.questions:
        raise ImportRejected(result.errors)
    categories: dict[str, QuestionCategory] = {}
    created = []
    store = _FileStore(user)
    for parsed in result.questions:
        if parsed.files:
            _store_files(parsed, store)
        name = (parsed.category or default_category)[:200]
        if name not in categories:
            categories[name], _ = QuestionCategory.objects.get_or_create(name=name)
        question = Question(
            name=(parsed.name or strip_tags(parsed.stem))[:200].strip() or "Imported question",
            type=parsed.type,
            stem=parsed.stem,
            general_feedback=parsed.general_feedback,
            category=categories[name],
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
        question.live = False
        question.save()
        revision = question.save_revision(user=user, clean=False, log_action=True)
        if publish:
            revision.publish(user=user)
        created.append(question)
    return created


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


def to_parsed(question: Question) -> ParsedQuestion:
    return ParsedQuestion(
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


def export_questions(questions: Iterable[Question]) -> str:
    return export_gift(to_parsed(question) for question in questions)
