from django.urls import path

from accounts import agency_views

from . import board_views, coverage_views, quiz_views, views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("modules/<int:module_id>/start/", views.start_module, name="start_module"),
    path("modules/<int:module_id>/continue/", views.resume_module, name="resume_module"),
    path("lessons/<int:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path("lessons/<int:lesson_id>/reflection/", views.save_reflection, name="save_reflection"),
    path("quizzes/<int:quiz_id>/", quiz_views.quiz_overview, name="quiz"),
    path("quizzes/<int:quiz_id>/start/", quiz_views.start_quiz, name="start_quiz"),
    path(
        "quizzes/<int:quiz_id>/confidence/<str:stage>/",
        quiz_views.confidence,
        name="confidence",
    ),
    path(
        "attempts/<int:attempt_id>/page/<int:page>/",
        quiz_views.attempt_page,
        name="attempt",
    ),
    path("attempts/<int:attempt_id>/check/", quiz_views.attempt_summary, name="attempt_summary"),
    path("attempts/<int:attempt_id>/time/", quiz_views.attempt_time, name="attempt_time"),
    path("attempts/<int:attempt_id>/result/", quiz_views.attempt_result, name="attempt_result"),
    path("coverage/", coverage_views.dashboard, name="coverage"),
    path("coverage/board-report/", board_views.board_report_view, name="board_report"),
    path("coverage/members/", agency_views.confirm_members, name="coverage_members"),
    path(
        "coverage/agencies/<int:agency_id>/modules/<int:module_id>/",
        coverage_views.drill_down,
        name="coverage_learners",
    ),
    path(
        "coverage/agencies/<int:agency_id>/modules/<int:module_id>/nudge/",
        coverage_views.nudge,
        name="coverage_nudge",
    ),
    path(
        "coverage/modules/<int:module_id>/people/",
        coverage_views.role_drill_down,
        name="coverage_role_learners",
    ),
]
