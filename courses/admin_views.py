"""Wagtail admin views to import question banks and export them as GIFT.

Importing takes three short requests and two background tasks (courses.tasks): the upload
stores the file and queues its reading; the import's page shows the progress (refreshing
itself every 2 seconds while work runs, no JavaScript needed), then the preview, with each
question as the learner's quiz page shows it (pictures included: the files of an upload are
served by ``question_import_file_view``); confirming queues the import, once.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from accounts.audit import record

from .export_views import questions_to_export
from .models import Question, QuestionImport
from .models.question_import import INLINE_CONTENT_TYPES, ImportStatus, QuestionImportFile
from .models.quizzes import QuestionType
from .quiz_formats.gift import export_gift
from .services import question_bank

PREVIEW_PER_PAGE = 20
RESULT_PER_PAGE = 100
REFRESH_SECONDS = 2
TYPE_LABELS = dict(QuestionType.choices)


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label="GIFT or Moodle XML file",
        help_text="Export a question bank from Moodle as GIFT (.txt or .gift) or Moodle XML "
        f"(.xml). Up to {question_bank.MAX_IMPORT_SIZE}.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > question_bank.MAX_IMPORT_BYTES:
            megabytes = upload.size / (1024 * 1024)
            raise forms.ValidationError(
                f"The file is {megabytes:.1f} MB: it must be "
                f"{question_bank.MAX_IMPORT_SIZE} or smaller. Export the bank from Moodle "
                "in parts (one category at a time) and import each part."
            )
        if not upload.name.lower().endswith((".gift", ".txt", ".xml")):
            raise forms.ValidationError("Choose a .gift, .txt or .xml file.")
        return upload


def _require_import_permission(request) -> None:
    if not request.user.has_perm("courses.add_question"):
        raise PermissionDenied


def import_questions_view(request):
    """Upload a file (and see your recent imports)."""
    _require_import_permission(request)
    form = QuestionImportForm()
    if request.method == "POST" and request.POST.get("action") == "confirm":
        # The confirm button is on each import's own page now; an old form lands here.
        messages.info(request, "Confirm an import on its own page: see your recent imports.")
        return redirect("courses_question_import")
    if request.method == "POST":
        form = QuestionImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            question_import = question_bank.start_import(request.user, upload.name, upload.read())
            return redirect("courses_question_import_detail", question_import.pk)
    recent = (
        QuestionImport.objects.filter(uploaded_by=request.user)
        .only("pk", "filename", "status", "question_count", "created_at")
        .order_by("-created_at", "-pk")[:10]
    )
    return TemplateResponse(
        request, "courses/admin/question_import.html", {"form": form, "recent": recent}
    )


def _visible_import(request, pk: int) -> QuestionImport:
    """The import, if this person may see it; otherwise 404 (not saying that it exists)."""
    question_import = QuestionImport.objects.defer("data", "preview").filter(pk=pk).first()
    if question_import is None or not question_bank.can_see_import(request.user, question_import):
        raise Http404("No such import")
    return question_import


def question_import_detail_view(request, pk: int):
    """One import: its progress, then its preview (to confirm) or its result."""
    _require_import_permission(request)
    question_import = _visible_import(request, pk)
    url = reverse("courses_question_import_detail", args=[pk])
    if request.method == "POST":
        if request.POST.get("action") != "confirm":
            return redirect(url)
        if not question_bank.can_confirm_import(request.user, question_import):
            raise PermissionDenied
        question_bank.confirm_import(pk, request.user)
        # Whether this confirm queued the import or an earlier one did (a double click,
        # another tab), the page shows where the import has got to.
        return redirect(url)

    refresh = question_import.running and request.GET.get("refresh") != "off"
    context = {
        "question_import": question_import,
        "refresh_seconds": REFRESH_SECONDS if refresh else None,
        "stopped_refreshing": question_import.running and not refresh,
        "can_confirm": question_bank.can_confirm_import(request.user, question_import),
        "will_publish": request.user.has_perm("courses.publish_question"),
        "statuses": ImportStatus,
    }
    if question_import.status == ImportStatus.READY:
        context.update(_preview_context(request, pk))
    elif question_import.status == ImportStatus.DONE:
        page = Paginator(question_import.question_ids, RESULT_PER_PAGE).get_page(
            request.GET.get("page")
        )
        names = dict(Question.objects.filter(pk__in=list(page)).values_list("pk", "name"))
        context["page"] = page
        context["imported"] = [(pk, names[pk]) for pk in page if pk in names]
    response = TemplateResponse(request, "courses/admin/question_import_detail.html", context)
    if question_import.status == ImportStatus.READY:
        response.add_post_render_callback(_show_pictures)
    return response


def _preview_context(request, pk: int) -> dict:
    preview = QuestionImport.objects.values_list("preview", flat=True).get(pk=pk) or []
    warnings_only = request.GET.get("warnings") == "1"
    numbered = list(enumerate(preview))
    if warnings_only:
        numbered = [(index, item) for index, item in numbered if item["warnings"]]
    page = Paginator(numbered, PREVIEW_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "page": page,
        "warnings_only": warnings_only,
        "questions": [(index, _labelled(item), _right_answers(item)) for index, item in page],
    }


def _show_pictures(response) -> None:
    """The preview's pictures, shown (see question_bank.show_preview_pictures)."""
    pk = response.context_data["question_import"].pk
    pictures = {
        question_bank.preview_file_url(pk, file_pk)
        for file_pk in QuestionImportFile.objects.filter(
            question_import_id=pk, content_type__in=INLINE_CONTENT_TYPES
        ).values_list("pk", flat=True)
    }
    if pictures:
        page = response.content.decode(response.charset)
        response.content = question_bank.show_preview_pictures(page, pictures)


@require_safe
def question_import_file_view(request, pk: int, file_pk: int):
    """A file embedded in an upload (a picture, a sound, a PDF), for the people who may see
    the import. Only a PNG, JPEG, GIF or WebP picture (by its bytes) is shown in the page;
    anything else is a download. Sandboxed, never sniffed by the browser, never cached."""
    _require_import_permission(request)
    _visible_import(request, pk)
    upload_file = QuestionImportFile.objects.filter(pk=file_pk, question_import_id=pk).first()
    if upload_file is None:
        raise Http404("No such file")
    response = HttpResponse(bytes(upload_file.data), content_type=upload_file.content_type)
    response["Content-Disposition"] = content_disposition_header(
        not upload_file.shown_inline, upload_file.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _labelled(item: dict) -> dict:
    item["type_label"] = TYPE_LABELS.get(item["type"], item["type"])
    return item


def _right_answers(item: dict):
    """The answer a learner would give for full marks, in the learner template's terms."""
    if "pairs" in item:
        return {pair["key"]: pair["answer"] for pair in item["pairs"]}
    return [option["key"] for option in item.get("options", []) if Decimal(option["fraction"]) > 0]


# Where services.import_questions files a question that has no category (its default).
UNCATEGORISED = "Imported"


def export_questions_view(request):
    """ "Export all as GIFT" (or one category, ``?category=<id>``): a file that imports back as
    the same questions, the same bytes every time for the same questions.

    Order: by category name (code point order, the same on every database), then by id (the
    order the questions were created or imported in, which an import of this file keeps).
    A question with no category is written under "Imported", where an import files it, so
    that export → import → export gives the same bytes. What GIFT cannot hold (pictures,
    links to documents and pages) is named in comment lines: see courses.quiz_formats.gift.
    """
    if not request.user.has_perm("courses.view_question"):
        raise PermissionDenied
    questions, name = questions_to_export(request)
    response = HttpResponse(
        export_gift(questions),
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.gift.txt"'
    record("export.questions", actor=request.user, summary=f"Question bank {name} as GIFT")
    return response


def quiz_statistics_view(request):
    if not request.user.has_perm("courses.change_quiz"):
        raise PermissionDenied
    from .models import Quiz
    from .selectors.quizzes import question_statistics

    quizzes = Quiz.objects.select_related("module").order_by("module__title")
    chosen = (
        quizzes.filter(pk=request.GET.get("quiz") or 0).first()
        if (request.GET.get("quiz", "").isdigit())
        else quizzes.first()
    )
    context = {
        "quizzes": quizzes,
        "quiz": chosen,
        "stats": question_statistics(chosen) if chosen else [],
        "attempt_count": chosen.attempts.filter(status="finished").count() if chosen else 0,
    }
    return TemplateResponse(request, "courses/admin/quiz_statistics.html", context)
