"""Media in a private S3-compatible bucket (config.storage, config.media; issue 17).

Against a real S3 server on loopback (moto in server mode, tests/config/conftest.py): images
and documents uploaded in the admin land in the bucket and nothing in MEDIA_ROOT; the bucket
refuses anyone without a signature; documents reach people only through Wagtail's document
view and its privacy checks, streamed by the app; images are served by the app from /media/.
"""

import io
import os
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from accounts.factories import UserFactory
from accounts.roles import Role
from config.checks import media_shared_between_app_servers
from config.storage import PrivateMediaStorage
from tests.helpers import ed25519_pem, sign_in

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
HANDOUT = b"%PDF-1.4\n% Safety planning handout for practitioners\n"


def _png(width=40, height=30) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def anonymous_get(url: str) -> tuple[int, bytes]:
    """GET ``url`` from outside the app, with no credentials at all."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def files_in(folder: Path) -> list[Path]:
    return list(folder.rglob("*"))


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def editor(client):
    sign_in(client, UserFactory(role=Role.EDITOR))
    return client


def upload_image(editor, title="Safe Places window sticker") -> object:
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("sticker.png", _png(), content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_image_model().objects.get(title=title)


def upload_document(editor, collection=None, title="Safety planning handout") -> object:
    response = editor.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("safety-plan.pdf", HANDOUT, "application/pdf"),
            "collection": (collection or Collection.get_first_root_node()).pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_document_model().objects.get(title=title)


# --- Images ---------------------------------------------------------------------------------


def test_an_image_uploaded_in_the_admin_is_stored_in_the_bucket_only(editor, object_storage):
    image = upload_image(editor)

    assert image.file.name.startswith("original_images/")
    assert image.file.name in object_storage.object_keys()
    assert object_storage.read(image.file.name) == _png()
    assert image.width == 40 and image.height == 30
    assert files_in(object_storage.media_root) == []


def test_nobody_reads_an_image_from_the_bucket_without_a_signature(editor, object_storage):
    image = upload_image(editor)
    status, body = anonymous_get(object_storage.plain_url(image.file.name))
    assert status == 403
    assert _png() not in body
    # The control: the same object with the storage's own signature is readable.
    signed = PrivateMediaStorage(**settings.STORAGES["default"]["OPTIONS"])
    status, body = anonymous_get(super(PrivateMediaStorage, signed).url(image.file.name))
    assert (status, body) == (200, _png())


def test_an_image_rendition_is_served_by_the_app_from_the_bucket(client, editor, object_storage):
    image = upload_image(editor)
    editor.logout()
    rendition = image.get_rendition("fill-20x10")

    assert rendition.file.name.startswith("images/")
    assert rendition.file.name in object_storage.object_keys()
    # Same origin as the pages (CSP img-src 'self'), no expiring signature in the HTML.
    assert rendition.url == f"/media/{rendition.file.name}"
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    body = content_of(response)
    assert body == object_storage.read(rendition.file.name)
    from PIL import Image

    assert Image.open(io.BytesIO(body)).size == (20, 10)
    assert anonymous_get(object_storage.plain_url(rendition.file.name))[0] == 403
    assert files_in(object_storage.media_root) == []


def test_the_image_route_never_serves_documents_or_other_files(client, editor, object_storage):
    document = upload_document(editor)
    object_storage.client.put_object(
        Bucket=object_storage.name, Key="images/notes.txt", Body=b"not an image"
    )
    for path in (
        f"/media/{document.file.name}",
        f"/media/images/../{document.file.name}",
        "/media/images/notes.txt",
        "/media/images/missing.png",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert HANDOUT not in content_of(response)
        assert b"not an image" not in content_of(response)


# --- Documents ------------------------------------------------------------------------------


def test_a_document_uploaded_in_the_admin_is_stored_privately_in_the_bucket(editor, object_storage):
    document = upload_document(editor)

    assert document.file.name.startswith("documents/")
    assert object_storage.object_keys() == [document.file.name]
    assert object_storage.read(document.file.name) == HANDOUT
    status, body = anonymous_get(object_storage.plain_url(document.file.name))
    assert status == 403 and HANDOUT not in body
    assert files_in(object_storage.media_root) == []


def test_a_document_is_streamed_by_the_app_to_someone_allowed(client, editor, object_storage):
    document = upload_document(editor)
    editor.logout()
    sign_in(client, UserFactory())

    response = client.get(document.url)
    assert document.url == f"/documents/{document.pk}/safety-plan.pdf"
    # Streamed through Django, never a redirect to the bucket.
    assert response.status_code == 200
    assert "Location" not in response
    assert content_of(response) == HANDOUT
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert files_in(object_storage.media_root) == []


def test_a_private_document_is_refused_to_an_anonymous_visitor(client, editor, object_storage):
    lesson_documents = Collection.objects.get(name="Lesson documents")  # signed-in users only
    document = upload_document(editor, collection=lesson_documents)
    editor.logout()

    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(str(settings.LOGIN_URL))
    assert object_storage.endpoint not in response["Location"]
    assert HANDOUT not in content_of(response)

    sign_in(client, UserFactory())
    response = client.get(document.url)
    assert response.status_code == 200 and content_of(response) == HANDOUT


def test_a_direct_file_url_is_signed_and_short_lived(object_storage):
    document = get_document_model()(title="Handout", collection=Collection.get_first_root_node())
    document.file.save("handout.pdf", ContentFile(HANDOUT), save=False)
    document.save()

    url = document.file.url
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["300"]
    assert "X-Amz-Signature" in query
    assert anonymous_get(url) == (200, HANDOUT)
    assert anonymous_get(url.split("?")[0])[0] == 403


def test_two_uploads_with_one_name_do_not_overwrite_each_other(object_storage):
    model = get_document_model()
    root = Collection.get_first_root_node()
    first = model(title="First", collection=root)
    first.file.save("leaflet.pdf", ContentFile(b"first"), save=False)
    second = model(title="Second", collection=root)
    second.file.save("leaflet.pdf", ContentFile(b"second"), save=False)

    assert first.file.name != second.file.name
    assert object_storage.read(first.file.name) == b"first"
    assert object_storage.read(second.file.name) == b"second"


# --- The bucket cannot be configured into public ----------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"default_acl": "public-read"},
        {"object_parameters": {"ACL": "public-read"}},
        {"querystring_auth": False},
        {"querystring_expire": 3600},
        {"custom_domain": "media.example.org"},
        {"file_overwrite": True},
    ],
)
def test_a_public_or_long_lived_configuration_is_refused(options):
    with pytest.raises(ImproperlyConfigured, match="must stay private"):
        PrivateMediaStorage(bucket_name="safecity-media", **options)


def test_the_private_defaults_are_accepted():
    storage = PrivateMediaStorage(bucket_name="safecity-media", default_acl="private")
    assert storage.querystring_expire == 300
    assert storage.querystring_auth is True
    assert storage.file_overwrite is False


# --- Settings and deployment checks -----------------------------------------------------------


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests' conftest in this process;
        # check --deploy refuses it (async.E001), rightly, in a real deployment.
        if not key.startswith("AWS_")
        and key not in ("DJANGO_SETTINGS_MODULE", "APP_SERVERS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "BADGES_SIGNING_KEY": ed25519_pem(),
    "ALLOWED_HOSTS": "learning.example.org",
    "SITE_URL": "https://learning.example.org",
}
BUCKET = {
    "AWS_STORAGE_BUCKET_NAME": "safecity-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_S3_REGION_NAME": "uk-london-1",
}
# Prints the storage production settings build, then runs Django's deployment checklist.
STORAGE_AND_CHECK_DEPLOY = (
    "import sys; sys.path.insert(0, 'site'); import django; django.setup(); "
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__name__, getattr(s, 'bucket_name', '-'), getattr(s, 'endpoint_url', '-'), "
    "getattr(s, 'region_name', '-'), getattr(s, 'querystring_expire', '-')); "
    "from django.core.management import call_command; "
    "call_command('check', deploy=True, fail_level='WARNING')"
)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "FileSystemStorage - - - -"),
        (
            BUCKET,
            "PrivateMediaStorage safecity-media https://objects.example.net uk-london-1 300",
        ),
    ],
    ids=["file system", "bucket"],
)
def test_production_uses_the_bucket_when_named_and_passes_check_deploy(env, expected):
    result = run_django(STORAGE_AND_CHECK_DEPLOY, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == expected
    assert "System check identified no issues" in result.stdout + result.stderr


def test_several_app_servers_with_media_on_the_file_system_are_warned(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.APP_SERVERS = 1
    assert media_shared_between_app_servers() == []
    settings.APP_SERVERS = 2
    [warning] = media_shared_between_app_servers()
    assert warning.id == "safecity.W001"
    assert "AWS_STORAGE_BUCKET_NAME" in warning.hint


def test_several_app_servers_sharing_the_bucket_are_not_warned(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "config.storage.PrivateMediaStorage",
            "OPTIONS": {"bucket_name": "safecity-media"},
        },
    }
    settings.APP_SERVERS = 4
    assert media_shared_between_app_servers() == []
