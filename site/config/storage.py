"""Media in a private S3-compatible bucket (docs/operations.md, "Object storage").

Used for ``STORAGES["default"]`` when ``AWS_STORAGE_BUCKET_NAME`` is set (settings/base.py).
Every object is private: no ACL is sent, so objects belong to the bucket owner and nobody
else can read them; nothing here can be configured into public-read.

- **Documents** are served by Wagtail's document view (``WAGTAILDOCS_SERVE_METHOD =
  "serve_view"``), which checks collection privacy and streams the object from the bucket.
- **Images** (``images/`` renditions and ``original_images/``) are served by the app from
  ``MEDIA_URL`` (config.media): the same address as with the file system, so the Content
  Security Policy stays ``img-src 'self'``, pages can be cached without links that expire,
  and learners' browsers never talk to the bucket.
- Any other name (documents, anything added later) gets a signed URL that expires after
  ``querystring_expire`` seconds (300), only if some code asks for one.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# Wagtail writes renditions under images/ and originals under original_images/ (its
# default upload_to); neither has any view restriction in Wagtail.
PUBLIC_IMAGE_PREFIXES = ("images/", "original_images/")
# What the app serves from them, by extension: the formats Wagtail accepts or renders to.
IMAGE_CONTENT_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
# The longest a signed URL may live. Anything longer is refused at start-up.
MAX_SIGNED_URL_SECONDS = 15 * 60
# Canned ACLs that keep an object private (None: send no ACL, the object is the owner's).
PRIVATE_ACLS = (None, "private", "bucket-owner-full-control")


def is_public_image(name: str) -> bool:
    """A Wagtail image file (served by the app to anyone), never a document or upload."""
    name = clean_name(name)
    if ".." in name.split("/") or name.startswith("/") or "\\" in name:
        return False
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return name.startswith(PUBLIC_IMAGE_PREFIXES) and extension in IMAGE_CONTENT_TYPES


class PrivateMediaStorage(S3Storage):
    """An S3 bucket whose objects are never world-readable.

    Class attributes win over the ``AWS_*`` Django settings django-storages would otherwise
    read; ``STORAGES["default"]["OPTIONS"]`` may still change them, and is checked below.
    """

    default_acl = None
    querystring_auth = True
    querystring_expire = 300
    # Two uploads called photo.jpg must not overwrite each other (django-storages' default
    # for S3 is to overwrite).
    file_overwrite = False
    custom_domain = None

    def __init__(self, **options):
        super().__init__(**options)
        if not self.bucket_name:
            raise ImproperlyConfigured("PrivateMediaStorage needs a bucket name.")
        problems = []
        if self.default_acl not in PRIVATE_ACLS:
            problems.append(f"default_acl {self.default_acl!r} is not private")
        if (self.object_parameters or {}).get("ACL") not in PRIVATE_ACLS:
            problems.append("object_parameters sets a public ACL")
        if not self.querystring_auth:
            problems.append("querystring_auth must stay on (unsigned URLs)")
        if not 0 < int(self.querystring_expire) <= MAX_SIGNED_URL_SECONDS:
            problems.append(f"querystring_expire must be 1–{MAX_SIGNED_URL_SECONDS} seconds")
        if self.custom_domain:
            problems.append("custom_domain would hand out unsigned URLs")
        if self.file_overwrite:
            problems.append("file_overwrite would let one upload replace another")
        if problems:
            raise ImproperlyConfigured("Media bucket must stay private: " + "; ".join(problems))

    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_public_image(name) and not parameters and http_method in (None, "GET"):
            return settings.MEDIA_URL + filepath_to_uri(clean_name(name))
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
