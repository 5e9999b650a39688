from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("modules/<int:module_id>/start/", views.start_module, name="start_module"),
    path("modules/<int:module_id>/continue/", views.resume_module, name="resume_module"),
    path("lessons/<int:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path("lessons/<int:lesson_id>/reflection/", views.save_reflection, name="save_reflection"),
]
