from django.apps import AppConfig


class DataapiConfig(AppConfig):
    """A read-only, versioned JSON API of aggregated figures for the partnership's dashboard."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dataapi"
    verbose_name = "Partnership data API"
