from django.urls import path

from . import views

app_name = "scorm"
urlpatterns = [
    path("<int:package_id>/content/<path:path>", views.content, name="content"),
    path("lessons/<int:lesson_id>/commit/", views.commit, name="commit"),
]
