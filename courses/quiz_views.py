"""The learner's side of quizzes: overview, attempt pages, submit and result.

Every POST redirects (Post/Redirect/Get); a failed POST re-renders with the learner's
answers and a clear message.
"""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .models import Quiz
from .models.quizzes import ConfidenceStage
from .quiz_formats import MATCHING, TYPED
from .selectors import module_outline
from .selectors.quizzes import (
    attempt_block_reason,
    attempt_for_user,
    attempts_this_round,
    certificate_number,
    has_passed,
    lessons_to_revisit,
    may_review,
    next_attempt_at,
)
from .services import QuizError


def _pages(attempt) -> int:
    return max(1, math.ceil(len(attempt.questions) / attempt.quiz.questions_per_page))


def _page_questions(attempt, number: int) -> list[tuple[int, dict]]:
    size = attempt.quiz.questions_per_page
    start = (number - 1) * size
    return list(enumerate(attempt.questions))[start : start + size]


def _answers_from_post(post, questions) -> dict[str, object]:
    answers = {}
    for index, question in questions:
        if question["type"] in TYPED:
            answers[str(index)] = post.get(f"q{index}", "")
        elif question["type"] == MATCHING:
            answers[str(index)] = {
                pair["key"]: post.get(f"q{index}-{pair['key']}", "") for pair in question["pairs"]
            }
        else:
            answers[str(index)] = post.getlist(f"q{index}")
    return answers


def _finish_if_out_of_time(attempt):
    """An attempt whose time ran out is marked on what was saved."""
    if (
        not attempt.is_finished
        and attempt.deadline
        and timezone.now() > attempt.deadline + services.quizzes.DEADLINE_GRACE
    ):
        return services.submit_attempt(attempt, str(attempt.submit_token))
    return attempt


@login_required
def quiz_overview(request, quiz_id: int):
    quiz = get_object_or_404(Quiz.objects.select_related("module"), pk=quiz_id, live=True)
    if not quiz.module.live:
        return TemplateResponse(request, "404.html", status=404)
    context = {
        "quiz": quiz,
        "module": quiz.module,
        "attempts": attempts_this_round(request.user, quiz),
        "open_attempt": quiz.attempts.filter(user=request.user, status="in_progress").first(),
        "block_reason": attempt_block_reason(request.user, quiz),
        "passed": has_passed(request.user, quiz),
    }
    return TemplateResponse(request, "courses/quiz/overview.html", context)


@require_POST
@login_required
def start_quiz(request, quiz_id: int):
    quiz = get_object_or_404(
        Quiz.objects.select_related("module"), pk=quiz_id, live=True, module__live=True
    )
    try:
        attempt = services.start_attempt(request.user, quiz)
    except QuizError as error:
        messages.error(request, str(error))
        return redirect("courses:quiz", quiz_id=quiz.pk)
    return redirect("courses:attempt", attempt_id=attempt.pk, page=1)


@require_http_methods(["GET", "POST"])
@login_required
def attempt_page(request, attempt_id: int, page: int):
    attempt = _finish_if_out_of_time(attempt_for_user(attempt_id, request.user))
    if attempt.is_finished:
        return redirect("courses:attempt_result", attempt_id=attempt.pk)
    total = _pages(attempt)
    if not 1 <= page <= total:
        return redirect("courses:attempt", attempt_id=attempt.pk, page=1)
    questions = _page_questions(attempt, page)
    error = None
    answer_errors: dict[int, str] = {}
    answers = attempt.answers
    if request.method == "POST":
        posted = _answers_from_post(request.POST, questions)
        try:
            services.save_answers(attempt, posted)
        except QuizError as problem:
            error = str(problem)
            answer_errors = getattr(problem, "problems", {})
            answers = {**attempt.answers, **posted}  # what the learner typed, kept
        else:
            action = request.POST.get("action")
            if action == "previous" and page > 1:
                return redirect("courses:attempt", attempt_id=attempt.pk, page=page - 1)
            if action == "next" and page < total:
                return redirect("courses:attempt", attempt_id=attempt.pk, page=page + 1)
            if action == "save":
                messages.success(request, "Your answers have been saved.")
                return redirect("courses:attempt", attempt_id=attempt.pk, page=page)
            return redirect("courses:attempt_summary", attempt_id=attempt.pk)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.quiz.module,
        "questions": [
            (index, question, answers.get(str(index)), answer_errors.get(index))
            for index, question in questions
        ],
        "answer_errors": sorted(answer_errors.items()),
        "page_number": page,
        "page_count": total,
        "error": error,
    }
    return TemplateResponse(
        request, "courses/quiz/attempt.html", context, status=400 if error else 200
    )


@require_http_methods(["GET", "POST"])
@login_required
def attempt_summary(request, attempt_id: int):
    attempt = _finish_if_out_of_time(attempt_for_user(attempt_id, request.user))
    if attempt.is_finished:
        return redirect("courses:attempt_result", attempt_id=attempt.pk)
    error = None
    if request.method == "POST":
        try:
            attempt = services.submit_attempt(attempt, request.POST.get("token", ""))
        except QuizError as problem:
            error = str(problem)
        else:
            return redirect("courses:attempt_result", attempt_id=attempt.pk)
    unanswered = [
        index + 1
        for index, _ in enumerate(attempt.questions)
        if not attempt.answers.get(str(index))
    ]
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.quiz.module,
        "unanswered": unanswered,
        "page_count": _pages(attempt),
        "per_page": attempt.quiz.questions_per_page,
        "error": error,
    }
    return TemplateResponse(
        request, "courses/quiz/summary.html", context, status=400 if error else 200
    )


@require_POST
@login_required
def attempt_time(request, attempt_id: int):
    attempt = attempt_for_user(attempt_id, request.user)
    try:
        services.extend_time(attempt, switch_off=request.POST.get("action") == "off")
    except QuizError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "The time limit is off." if attempt.deadline is None else "You have more time.",
        )
    page = request.POST.get("page", "1")
    return redirect(
        "courses:attempt", attempt_id=attempt.pk, page=int(page) if page.isdigit() else 1
    )


@login_required
def attempt_result(request, attempt_id: int):
    attempt = attempt_for_user(attempt_id, request.user)
    if not attempt.is_finished:
        return redirect("courses:attempt", attempt_id=attempt.pk, page=1)
    quiz = attempt.quiz
    passed_any = has_passed(request.user, quiz)
    _, results = services.grade(attempt.snapshot, attempt.answers)
    missed_topics = {topic for r in results if not r.correct for topic in r.question["topics"]}
    context = {
        "attempt": attempt,
        "quiz": quiz,
        "module": quiz.module,
        "results": results,
        "show_correctness": may_review(quiz.show_correctness, attempt, passed_any),
        "show_feedback": may_review(quiz.show_feedback, attempt, passed_any),
        "show_right_answers": may_review(quiz.show_right_answers, attempt, passed_any),
        "revisit": lessons_to_revisit(quiz.module, missed_topics),
        "next_attempt_at": None if passed_any else next_attempt_at(request.user, quiz),
        "block_reason": "" if passed_any else attempt_block_reason(request.user, quiz),
        "correct_count": sum(1 for r in results if r.correct),
    }
    if attempt.passed:
        # Where the learner goes next: their certificate, or the lessons still to finish.
        outline = module_outline(quiz.module, request.user)
        context["lessons_left"] = len(outline.lessons) - outline.done_count
        if outline.enrolment is not None and outline.enrolment.is_complete:
            context["certificate_number"] = certificate_number(request.user, quiz.module)
    return TemplateResponse(request, "courses/quiz/result.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def confidence(request, quiz_id: int, stage: str):
    quiz = get_object_or_404(
        Quiz.objects.select_related("module"), pk=quiz_id, live=True, module__live=True
    )
    if stage not in ConfidenceStage.values or not quiz.statements:
        return TemplateResponse(request, "404.html", status=404)
    errors = {}
    values = {}
    if request.method == "POST":
        for number in range(len(quiz.statements)):
            raw = request.POST.get(f"s{number}", "")
            values[number] = raw
            if raw not in {"1", "2", "3", "4", "5"}:
                errors[number] = "Choose a number from 1 to 5"
        if not errors:
            services.save_confidence(
                request.user,
                quiz.module,
                stage,
                {statement: int(values[n]) for n, statement in enumerate(quiz.statements)},
            )
            messages.success(request, "Thank you. Your answers are only reported anonymously.")
            return redirect(quiz.module.get_url(request))
    context = {
        "quiz": quiz,
        "module": quiz.module,
        "stage": stage,
        "statements": [
            (n, statement, values.get(n, ""), errors.get(n))
            for n, statement in enumerate(quiz.statements)
        ],
        "errors": errors,
        "action": reverse("courses:confidence", args=[quiz.pk, stage]),
    }
    return TemplateResponse(
        request, "courses/quiz/confidence.html", context, status=400 if errors else 200
    )
