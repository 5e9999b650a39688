import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from pagecache import cache_for_learner

from . import completion, services
from .forms import ReflectionForm
from .models import LessonPage, ModulePage
from .selectors import learner_dashboard, module_outline, reflection_notes

CONTENT_NOTE_SESSION_KEY = "courses_content_notes_seen"


def serve_lesson(lesson: LessonPage, request, reflection_form=None, *args, preview=False, **kwargs):
    """A lesson page: signed-in learners only, with a content note first when flagged.

    An editor's preview shows the lesson itself, never the content note in its place.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())

    seen = request.session.get(CONTENT_NOTE_SESSION_KEY, [])
    if lesson.distressing and lesson.pk not in seen and not preview:
        if request.GET.get("content_note") == "seen":
            request.session[CONTENT_NOTE_SESSION_KEY] = [*seen, lesson.pk]
        else:
            return _cacheable(
                TemplateResponse(
                    request, "courses/content_note.html", {"page": lesson, "lesson": lesson}
                ),
                preview,
            )

    module = lesson.module
    outline = module_outline(module, request.user)
    previous, following = outline.neighbours(lesson)
    notes = reflection_notes(request.user, lesson)
    reflection_forms = {
        block.id: ReflectionForm(
            initial={"block_id": block.id, "text": notes.get(block.id, "")},
            auto_id=f"reflection-{block.id}-%s",
        )
        for block in lesson.body
        if block.block_type == "reflection"
    }
    if reflection_form is not None:
        reflection_forms[reflection_form.data.get("block_id")] = reflection_form
    context = lesson.get_context(request, *args, **kwargs)
    context.update(
        {
            "module": module,
            "outline": outline,
            "previous_lesson": previous,
            "next_lesson": following,
            "is_done": lesson.pk in outline.done_ids,
            "saved_reflections": notes,
            "reflection_forms": reflection_forms,
            # Shown in the page's error summary when a reflection could not be saved.
            "form": reflection_form,
        }
    )
    response = TemplateResponse(request, lesson.get_template(request), context)
    if reflection_form is not None:  # the answer just sent, with its error
        return response
    until = None
    if any(block.block_type == "get_help" for block in lesson.body):
        # "Open now" / "Closed now" on a support service change on the minute.
        until = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    return _cacheable(response, preview, until)


def _cacheable(response, preview: bool, until=None):
    """A lesson (or its content note) as the learner sees it may be kept by the learner's
    page cache; an editor's preview never is."""
    return response if preview else cache_for_learner(response, until=until)


def _resume_url(outline, request) -> str:
    """Where "Continue" goes: the first lesson not done; once every lesson is done, the quiz
    if it is still to pass; otherwise the module's page."""
    from django.urls import reverse

    from .selectors.quizzes import has_passed, quiz_for_module

    lesson = outline.resume_lesson
    if lesson is not None:
        return lesson.get_url(request)
    enrolment = outline.enrolment
    if enrolment is not None and not enrolment.is_complete:
        quiz = quiz_for_module(outline.module)
        if quiz is not None and not has_passed(request.user, quiz):
            return reverse("courses:quiz", args=[quiz.pk])
    return outline.module.get_url(request)


@require_POST
@login_required
def start_module(request, module_id: int):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    services.start_module(request.user, module, refresher=request.POST.get("refresher") == "1")
    return redirect(_resume_url(module_outline(module, request.user), request))


@require_GET
@login_required
def resume_module(request, module_id: int):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    return redirect(_resume_url(module_outline(module, request.user), request))


@require_POST
@login_required
def complete_lesson(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    enrolment, became_complete = services.complete_lesson(request.user, lesson)
    module = lesson.module
    if became_complete:
        messages.success(request, f"You have completed {module.title}.")
        return redirect(module.get_url(request))
    outline = module_outline(module, request.user)
    _, following = outline.neighbours(lesson)
    if following is not None:
        return redirect(following.get_url(request))
    if outline.resume_lesson is not None:
        return redirect(outline.resume_lesson.get_url(request))
    if not enrolment.is_complete:
        for reason in completion.outstanding(enrolment):
            messages.info(request, reason)
    return redirect(module.get_url(request))


@require_POST
@login_required
def save_reflection(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    block_id = request.POST.get("block_id", "")
    if block_id not in {b.id for b in lesson.body if b.block_type == "reflection"}:
        raise Http404("No such reflection question")
    form = ReflectionForm(request.POST, auto_id=f"reflection-{block_id}-%s")
    if not form.is_valid():
        return serve_lesson(lesson, request, reflection_form=form)
    services.save_reflection(
        request.user, lesson, form.cleaned_data["block_id"], form.cleaned_data["text"]
    )
    messages.success(request, "Your answer has been saved. Only you can see it.")
    return redirect(f"{lesson.get_url(request)}#reflection-{form.cleaned_data['block_id']}")


@require_GET
@login_required
def dashboard(request):
    now = timezone.now()
    data = learner_dashboard(request.user, now)
    return cache_for_learner(
        TemplateResponse(request, "courses/dashboard.html", {"dashboard": data}),
        until=data.changes_at(now),
    )
