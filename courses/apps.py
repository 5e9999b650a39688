from django.apps import AppConfig


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        # Cached lesson bodies follow the services, terms, pictures and pages they show.
        from . import content_cache

        content_cache.connect()

        # A lesson page is served by its view; the model is told which (it never imports it).
        from .models import LessonPage
        from .views import serve_lesson

        LessonPage.lesson_view = serve_lesson
