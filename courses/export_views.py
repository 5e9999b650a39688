"""The admin's "Export all as Moodle XML" (next to "Export all as GIFT"): every type we hold,
pictures and documents included as Moodle writes them (courses.quiz_formats.moodle_xml)."""

import posixpath

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from accounts.audit import record

from . import services
from .models import Question, QuestionCategory
from .quiz_formats.html import file_kind
from .quiz_formats.moodle_xml import export_moodle_xml

# Where an import files a question that has no category (services.import_questions' default),
# so that export → import → export gives the same bytes.
UNCATEGORISED = "Imported"


def file_name(title: str, stored_name: str, kind: str) -> str:
    """A file's name in the export: its title when that is already a name of the right kind
    (as an import leaves it), else the title made safe with the stored file's extension."""
    title = " ".join(title.split()).replace("/", "-")
    if title and file_kind(title) == kind:
        return title
    extension = posixpath.splitext(stored_name)[1].lower()
    return f"{slugify(title) or kind}{extension}"


def resolve_file(kind: str, pk: int) -> tuple[str, bytes] | None:
    """An image's or document's export name and bytes; None when it no longer exists."""
    model = get_image_model() if kind == "image" else get_document_model()
    item = model.objects.filter(pk=pk).first()
    if item is None:
        return None
    try:
        with item.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return file_name(item.title, item.file.name, kind), data


def questions_to_export(request):
    """The questions of the export (all, or one category ``?category=<id>``), in export order
    (category name, then id), with the file's base name."""
    questions = Question.objects.prefetch_related(
        "options", "pairs", "tags", "answers", "units"
    ).select_related("category")
    name = "question-bank"
    category_id = request.GET.get("category", "")
    if category_id.isdigit():
        category = QuestionCategory.objects.filter(pk=category_id).first()
        if category is not None:
            questions = questions.filter(category=category)
            name = slugify(category.name) or name
    parsed = []
    for question in questions:
        exported = services.question_bank.to_parsed(question)
        exported.category = exported.category or UNCATEGORISED
        parsed.append((exported.category, question.pk, exported))
    parsed.sort(key=lambda row: row[:2])
    return [exported for _, _, exported in parsed], name


def export_moodle_xml_view(request):
    if not request.user.has_perm("courses.view_question"):
        raise PermissionDenied
    questions, name = questions_to_export(request)
    response = HttpResponse(
        export_moodle_xml(questions, resolve_file), content_type="application/xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.moodle.xml"'
    record("export.questions", actor=request.user, summary=f"Question bank {name} as Moodle XML")
    return response
