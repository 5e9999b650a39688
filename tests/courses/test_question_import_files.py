"""The pictures of a Moodle XML upload in its import preview (issue 14): each embedded file is
stored once per import while the upload is read, a picture is shown in the preview as the
learner will see it (from a permission-checked admin URL), any other file is a download, and
the files go with the preview (courses.services.question_bank, courses.admin_views)."""

import base64
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.roles import Role
from courses.models import Question, QuestionImport
from courses.models.question_import import ImportStatus, QuestionImportFile
from courses.quiz_formats.html import sanitise_stored
from courses.services import question_bank
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def picture(fmt: str, colour=(200, 0, 0)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), colour).save(buffer, fmt)
    return buffer.getvalue()


PNG = picture("PNG")
OTHER_PNG = picture("PNG", (0, 0, 200))
BMP = picture("BMP")  # a picture Pillow reads, but not one a browser is given to show
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
MP3 = b"ID3 fake mp3"

EVIL_NAME = 'x"><b>bold</b>&.png'  # a file name and an alt text that try to write markup
EVIL_ALT = '"><script>alert(1)</script>&'


def _file(name: str, data: bytes) -> str:
    escaped = name.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    encoded = base64.b64encode(data).decode()
    return f'<file name="{escaped}" path="/" encoding="base64">{encoded}</file>'


def _question(name: str, stem: str, files: str = "", feedback: tuple[str, str] = ("", "")) -> str:
    return f"""<question type="truefalse"><name><text>{name}</text></name>
<questiontext format="html"><text><![CDATA[{stem}]]></text>{files}</questiontext>
<generalfeedback format="html"><text><![CDATA[{feedback[0]}]]></text>{feedback[1]}</generalfeedback>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question>"""


BANK = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
{
    _question(
        "Described",
        '<p>Which sign?</p><p><img src="@@PLUGINFILE@@/safe%20place.png" alt="A red sign"></p>',
        _file("safe place.png", PNG),
        (
            '<p>Listen: <a href="@@PLUGINFILE@@/advice.mp3">advice</a></p>',
            _file("advice.mp3", MP3),
        ),
    )
}
{_question("Undescribed", '<p><img src="@@PLUGINFILE@@/same.png"></p>', _file("same.png", PNG))}
{
    _question(
        "Other bytes",
        '<p><img src="@@PLUGINFILE@@/looks.png" alt="Looks like a PNG"></p>'
        '<p><a href="@@PLUGINFILE@@/leaflet.pdf">leaflet</a></p>',
        _file("looks.png", BMP) + _file("leaflet.pdf", SVG),
    )
}
</quiz>
"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the Wagtail images and documents made on import
    return tmp_path


@pytest.fixture
def editor(user_with_role):
    return user_with_role(Role.EDITOR)


def upload(client, content: str | bytes, name: str = "bank.xml"):
    data = content.encode() if isinstance(content, str) else content
    response = client.post(
        reverse("courses_question_import"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )
    assert response.status_code == 200
    return response


def file_url(row: QuestionImportFile) -> str:
    return reverse("courses_question_import_file", args=[row.question_import_id, row.pk])


def stored(name: str) -> QuestionImportFile:
    return QuestionImportFile.objects.get(name=name)


def test_the_preview_shows_each_picture_with_its_alt_and_flags_a_missing_one(client, editor):
    sign_in(client, editor)
    page = upload(client, BANK).content.decode()
    question_import = QuestionImport.objects.get()
    assert question_import.status == ImportStatus.READY
    sign = stored("safe place.png")
    # The learner's picture: the file of the upload, its alt text, Wagtail's fullwidth classes.
    assert (
        f'<img alt="A red sign" class="richtext-image full-width app-import-picture" '
        f'src="{file_url(sign)}">'
    ) in page
    # Without alt text: the same picture (the same bytes, stored once), and a visible warning.
    unseen = (
        f'<img alt="" class="richtext-image full-width app-import-picture" src="{file_url(sign)}">'
    )
    assert unseen in page
    assert "[Picture same.png: no description (alt text)]</em>" in page
    assert "@@PLUGINFILE@@" not in page and "[Picture safe place.png" not in page

    response = client.get(file_url(sign))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content == PNG
    assert response["Content-Disposition"] == 'inline; filename="safe place.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_files_that_are_not_pictures_are_downloads_from_the_same_view(client, editor):
    sign_in(client, editor)
    page = upload(client, BANK).content.decode()
    sound, leaflet, looks = stored("advice.mp3"), stored("leaflet.pdf"), stored("looks.png")
    assert f'<a href="{file_url(sound)}">[File advice.mp3] advice</a>' in page
    assert f'<a href="{file_url(leaflet)}">[File leaflet.pdf] leaflet</a>' in page
    # A .png name holding bytes that are not a PNG, JPEG, GIF or WebP: a link, not an <img>.
    assert (
        f'<a href="{file_url(looks)}">[Picture looks.png: described as “Looks like a PNG”]</a>'
    ) in page
    assert f'src="{file_url(looks)}"' not in page

    for row, content_type, data in [
        (sound, "audio/mpeg", MP3),
        (looks, "application/octet-stream", BMP),
        (leaflet, "application/octet-stream", SVG),  # SVG behind a .pdf name: bytes, not SVG
    ]:
        response = client.get(file_url(row))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{row.name}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response.content == data


def test_an_svg_is_never_shown_as_a_picture(editor):
    """Moodle XML refuses an .svg file (courses.quiz_formats.html.file_kind); stored anyway,
    an SVG, by name or by its bytes, is a download."""
    question_import = QuestionImport.objects.create(uploaded_by=editor, filename="bank.xml")
    store = question_bank._PreviewFiles(question_import.pk)
    drawing = store("drawing.svg", SVG)
    assert drawing.inline is False
    row = QuestionImportFile.objects.get()
    assert row.content_type == "application/octet-stream"
    assert question_bank.sniff_content_type(PNG) == "image/png"
    assert question_bank.sniff_content_type(picture("JPEG")) == "image/jpeg"
    assert question_bank.sniff_content_type(picture("GIF")) == "image/gif"
    assert question_bank.sniff_content_type(picture("WEBP")) == "image/webp"
    assert question_bank.sniff_content_type(b"<svg" + PNG) == "application/octet-stream"


def test_only_people_who_may_see_the_import_get_its_files(client, editor, user_with_role):
    question_import = question_bank.start_import(editor, "bank.xml", BANK.encode())
    assert QuestionImport.objects.get().status == ImportStatus.READY
    url = file_url(stored("safe place.png"))

    assert client.get(url).status_code == 302  # sent to sign in
    assert "login" in client.get(url)["Location"]
    sign_in(client, user_with_role(Role.EDITOR))  # may import, but it is not theirs
    assert client.get(url).status_code == 404
    client.logout()
    sign_in(client, user_with_role(Role.LEARNER))
    assert client.get(url).status_code == 403
    client.logout()
    sign_in(client, user_with_role(Role.TRAINING_COORDINATOR, is_superuser=True))
    assert client.get(url).status_code == 200  # administrators see every import
    client.logout()

    sign_in(client, editor)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
    # A file of another import, asked for under this import's id: no such file.
    other = question_bank.start_import(editor, "other.xml", BANK.encode())
    other_file = QuestionImportFile.objects.filter(question_import=other).first()
    mixed = reverse("courses_question_import_file", args=[question_import.pk, other_file.pk])
    assert client.get(mixed).status_code == 404


def test_alt_texts_and_file_names_cannot_write_markup(client, editor):
    bank = f"""<?xml version="1.0" encoding="UTF-8"?><quiz>{
        _question(
            "Hostile",
            '<p><img src="@@PLUGINFILE@@/x%22%3E%3Cb%3Ebold%3C%2Fb%3E%26.png"></p>'
            '<p><img src="@@PLUGINFILE@@/sign.png" alt="&quot;&gt;&lt;script&gt;alert(1)'
            '&lt;/script&gt;&amp;"></p>',
            _file(EVIL_NAME, PNG) + _file("sign.png", OTHER_PNG),
        )
    }</quiz>"""
    sign_in(client, editor)
    page = upload(client, bank).content.decode()
    question_import = QuestionImport.objects.get()
    assert question_import.status == ImportStatus.READY, question_import.errors
    evil, sign = stored(EVIL_NAME), stored("sign.png")

    # Stored: every text of the preview is already what the sanitiser makes of it.
    item = question_import.preview[0]
    assert "<script" not in item["stem"] and "<b>" not in item["stem"]
    assert sanitise_stored(item["stem"]) == item["stem"]
    # Shown: the alt text is the <img>'s alt, escaped; the name is text, escaped.
    assert (
        '<img alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;" '
        f'class="richtext-image full-width app-import-picture" src="{file_url(sign)}">'
    ) in page
    unseen = (
        f'<img alt="" class="richtext-image full-width app-import-picture" src="{file_url(evil)}">'
    )
    assert unseen in page
    assert '[Picture x"&gt;&lt;b&gt;bold&lt;/b&gt;&amp;.png: no description (alt text)]' in page
    assert "<script>alert" not in page and "<b>bold</b>" not in page

    response = client.get(file_url(evil))
    assert response["Content-Disposition"] == (
        'inline; filename="x\\"><b>bold</b>&.png"'  # quoted, as RFC 6266 asks
    )


def test_a_link_written_in_the_file_is_never_made_a_picture():
    """Only the links the preview itself marks become pictures on the page."""
    forged = '<p><a href="/admin/question-bank/import/1/files/1/#preview-picture">x</a></p>'
    text = question_bank._preview_text(forged, lambda name: None)
    assert text == '<p><a href="/admin/question-bank/import/1/files/1/">x</a></p>'
    assert question_bank.show_preview_pictures(
        text, {"/admin/question-bank/import/1/files/1/"}
    ) == (text)


def test_reading_the_upload_again_stores_no_second_copy(editor):
    question_import = question_bank.start_import(editor, "bank.xml", BANK.encode())
    before = sorted(QuestionImportFile.objects.values_list("pk", "name", "sha256", "size"))
    # Five files in the upload, the same PNG twice: four rows.
    assert [name for _, name, _, _ in before] == [
        "safe place.png",
        "advice.mp3",
        "looks.png",
        "leaflet.pdf",
    ]
    preview = QuestionImport.objects.get().preview
    QuestionImport.objects.filter(pk=question_import.pk).update(status=ImportStatus.QUEUED)
    assert question_bank.run_parse(question_import.pk) == ImportStatus.READY
    assert sorted(QuestionImportFile.objects.values_list("pk", "name", "sha256", "size")) == before
    assert QuestionImport.objects.get().preview == preview  # the same links, to the same rows


def test_the_files_go_with_the_preview_and_with_the_import(client, editor):
    # Deleted with the import's row.
    question_import = question_bank.start_import(editor, "bank.xml", BANK.encode())
    assert QuestionImportFile.objects.filter(question_import=question_import).count() == 4
    question_import.delete()
    assert not QuestionImportFile.objects.exists()

    # Expired unconfirmed: the preview goes, and its files.
    expiring = question_bank.start_import(editor, "bank.xml", BANK.encode())
    gone = file_url(QuestionImportFile.objects.filter(question_import=expiring).first())
    kept = question_bank.start_import(editor, "bank.xml", BANK.encode())
    QuestionImport.objects.filter(pk=expiring.pk).update(
        created_at=expiring.created_at - datetime.timedelta(days=8)
    )
    assert question_bank.expire_unconfirmed_imports() == 1
    assert QuestionImport.objects.get(pk=expiring.pk).status == ImportStatus.FAILED
    assert not QuestionImportFile.objects.filter(question_import=expiring).exists()
    assert QuestionImportFile.objects.filter(question_import=kept).count() == 4
    sign_in(client, editor)
    assert client.get(gone).status_code == 404

    # Imported: the questions hold their own Wagtail images and documents now.
    url = file_url(QuestionImportFile.objects.filter(question_import=kept).first())
    assert question_bank.confirm_import(kept.pk, editor)
    assert QuestionImport.objects.get(pk=kept.pk).status == ImportStatus.DONE
    assert Question.objects.count() == 3
    assert not QuestionImportFile.objects.exists()
    assert client.get(url).status_code == 404
