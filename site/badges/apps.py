from django.apps import AppConfig


class BadgesConfig(AppConfig):
    """Certificates as signed Open Badges 3.0 credentials, with a revocation status list."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "badges"
    verbose_name = "Open Badges"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)
