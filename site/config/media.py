"""Wagtail images served by the app from ``MEDIA_URL``, whatever the storage (config.storage).

With a bucket, images are read from it and streamed, so the bucket stays private and image
addresses stay on the site's own origin. Only ``images/`` and ``original_images/`` files with
an image extension are served; documents (``documents/``) and anything else are 404 here:
documents go through Wagtail's document view and its privacy checks.

In production with the file system, the proxy serves ``/media/images/`` itself and never
reaches this view (docs/operations.md).
"""

from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import re_path
from django.views.decorators.http import require_safe

from .storage import IMAGE_CONTENT_TYPES, is_public_image

# Images are not personal data and are the same for everyone; renditions are named by their
# filter, so a cached copy is the right one for a day.
CACHE_CONTROL = "public, max-age=86400"


@require_safe
def serve_image(request, path):
    if not is_public_image(path):
        raise Http404("No such image.")
    try:
        file = default_storage.open(path, "rb")
    except (FileNotFoundError, SuspiciousOperation) as error:
        raise Http404("No such image.") from error
    extension = path.rsplit(".", 1)[-1].lower()
    response = FileResponse(file, content_type=IMAGE_CONTENT_TYPES[extension])
    response["Cache-Control"] = CACHE_CONTROL
    return response


# Included by config.urls at "media/" (before the DEBUG static files).
urlpatterns = [
    re_path(
        r"^(?P<path>(?:images|original_images)/.+)$",
        serve_image,
        name="media_image",
    ),
]
