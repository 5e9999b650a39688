from django.apps import AppConfig


class PagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Site pages"

    def ready(self):
        # Wagtail's own report exports write CSV cells as they are: guard them against
        # spreadsheet formulas like every export of ours (config.spreadsheets).
        from config.spreadsheets import guard_wagtail_exports

        guard_wagtail_exports()
        # Deployment checks of our own (safecity.W001: media on the file system with
        # several app servers).
        from config import checks  # noqa: F401
