from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Face-to-face and live online training: sessions, booking, waiting lists, calendars."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = "Training sessions"
