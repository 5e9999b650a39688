"""Wagtail admin views to import question banks and export them as GIFT."""

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify

from accounts.audit import record

from . import services
from .models import Question, QuestionCategory
from .quiz_formats.gift import export_gift

SESSION_KEY = "courses_question_import"


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label="GIFT or Moodle XML file",
        help_text="Export a question bank from Moodle as GIFT (.txt or .gift) or Moodle XML "
        "(.xml). Up to 2 MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > services.question_bank.MAX_IMPORT_BYTES:
            raise forms.ValidationError("The file must be 2 MB or smaller.")
        if not upload.name.lower().endswith((".gift", ".txt", ".xml")):
            raise forms.ValidationError("Choose a .gift, .txt or .xml file.")
        return upload


def import_questions_view(request):
    if not request.user.has_perm("courses.add_question"):
        raise PermissionDenied
    context = {"form": QuestionImportForm(), "result": None}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        stored = request.session.get(SESSION_KEY)
        if not stored:
            messages.error(request, "Upload the file again: the preview has expired.")
            return redirect("courses_question_import")
        result = services.parse_upload(stored["name"], base64.b64decode(stored["data"]))
        # Questions are moderated: they arrive as drafts, unless the importer may publish.
        publish = request.user.has_perm("courses.publish_question")
        try:
            created = services.import_questions(result, user=request.user, publish=publish)
        except services.ImportRejected:
            messages.error(request, "The file could not be imported. Nothing was imported.")
            return redirect("courses_question_import")
        del request.session[SESSION_KEY]
        record(
            "import.questions",
            actor=request.user,
            summary=f"{len(created)} questions imported",
        )
        if publish:
            messages.success(request, f"Imported and published {len(created)} questions.")
        else:
            messages.success(
                request,
                f"Imported {len(created)} questions as drafts. Learners will see them once a "
                "moderator has checked and published them.",
            )
        return redirect("wagtailsnippets_courses_question:list")
    if request.method == "POST":
        form = QuestionImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            result = services.parse_upload(upload.name, data)
            context["result"] = result
            context["filename"] = upload.name
            if result.ok:
                request.session[SESSION_KEY] = {
                    "name": upload.name,
                    "data": base64.b64encode(data).decode("ascii"),
                }
            else:
                request.session.pop(SESSION_KEY, None)
    return TemplateResponse(request, "courses/admin/question_import.html", context)


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
    questions = Question.objects.prefetch_related("options", "pairs", "tags").select_related(
        "category"
    )
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
    response = HttpResponse(
        export_gift(exported for _, _, exported in parsed),
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
