"""Bringing question banks in from Moodle (GIFT, Moodle XML) and sending them back out."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.html import strip_tags
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

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
from ..quiz_formats.moodle_xml import parse_moodle_xml
from ..selectors.question_quality import check_question, from_parsed

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ImportedHtml(Whitelister):
    """What an imported stem or general feedback may hold: the editor's features (STEM_FEATURES).

    Moodle's HTML texts are kept as written by the parsers, and stems are shown to learners
    as HTML: scripts, frames, styles, event handlers and ``javascript:`` links go here.
    """

    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": check_url}),
        **dict.fromkeys(
            ("p", "br", "b", "strong", "i", "em", "ol", "ul", "li"), allow_without_attributes
        ),
    }
    DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed"})

    def clean_tag_node(self, doc, tag):
        if tag.name in self.DROPPED_WITH_CONTENT:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


def clean_html(text: str) -> str:
    return ImportedHtml().clean(text) if text else text


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
    for question in result.questions:
        question.stem = clean_html(question.stem)
        question.general_feedback = clean_html(question.general_feedback)
    # The same rules the admin form applies, so nothing imported is invalid there.
    for question in result.questions:
        fractions = [option.fraction for option in question.options]
        for problem in structure_problems(question.type, fractions, len(question.pairs)):
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
    for parsed in result.questions:
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
                QuestionPair(prompt=pair.prompt[:300], answer=pair.answer[:300])
                for pair in parsed.pairs
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
