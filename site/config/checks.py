"""System checks for deployment (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"


@register(Tags.files, deploy=True)
def media_shared_between_app_servers(app_configs=None, **kwargs):
    """Several app servers need media in the bucket: MEDIA_ROOT is one server's disk."""
    servers = getattr(settings, "APP_SERVERS", 1)
    backend = settings.STORAGES["default"]["BACKEND"]
    if servers > 1 and backend == FILE_SYSTEM_STORAGE:
        return [
            Warning(
                f"APP_SERVERS is {servers} but media is stored in MEDIA_ROOT on each server's "
                "own disk: an image uploaded on one server is missing on the others.",
                hint="Set AWS_STORAGE_BUCKET_NAME (and AWS_S3_ENDPOINT_URL for an "
                "S3-compatible service); see docs/operations.md, 'Object storage'.",
                id="safecity.W001",
            )
        ]
    return []
