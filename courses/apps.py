from django.apps import AppConfig


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        # Cached lesson bodies follow the services, terms, pictures and pages they show.
        from . import content_cache

        content_cache.connect()
