from django.apps import AppConfig


class ScormConfig(AppConfig):
    """SCORM 1.2 and 2004 packages played as lessons, with their runtime data kept on the server."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "scorm"
    verbose_name = "SCORM packages"
