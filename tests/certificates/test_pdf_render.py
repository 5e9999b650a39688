"""The fast certificate renderer keeps what a holder sees: a QR code every code decodes from,
the logo (re-read when the file is replaced), and text a PDF reader can extract."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image
from pypdf import PdfReader
from wagtail.images import get_image_model

from certificates import pdf
from certificates.models import Certificate

from .pdf_tools import decode_qr, needs_pdf_tools, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(user_with_role, module, complete_module):
    return complete_module(user_with_role(full_name="Aoife Ní Bhriain"), module).certificate


def _image(settings, tmp_path, colour: str, title: str):
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    Image.new("RGB", (60, 24), colour).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png")
    )


def _page_images(content: bytes) -> list:
    page = PdfReader(io.BytesIO(content)).pages[0]
    return [image.image.convert("RGB").getpixel((1, 1)) for image in page.images]


@needs_pdf_tools
@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
        "https://learning.example.org/verify/ZZ77ZZ77ZZ77ZZ77ZZ77ZZ77ZZ77ZZ77/",
        "https://learning.southampton.example.org/verify/K3QX7M2PLR5TNW4HYB6DGF2JC7VSEA3U/",
    ],
)
def test_qr_code_decodes_for_very_different_codes(certificate, url):
    assert decode_qr(pdf.render(certificate, url)) == url


def test_qr_matrix_is_square_with_finder_patterns():
    matrix = pdf.qr_matrix("https://example.org/verify/ABCDEFGHABCDEFGHABCDEFGHABCDEFGH/")
    assert len(matrix) == len(matrix[0]) >= 21
    # Top-left finder: a dark 7x7 ring around a light ring around a dark 3x3 centre.
    assert all(matrix[0][:7]) and all(row[0] for row in matrix[:7])
    assert not any(matrix[1][1:6]) and all(matrix[3][2:5])


def test_logo_is_drawn_and_a_replaced_file_is_read_again(settings, tmp_path, certificate):
    red = _image(settings, tmp_path, "#ff0000", "red")
    certificate.template = {**certificate.template, "logo_id": red.pk}
    first = pdf.render(certificate, "https://example.org/verify/X/")
    again = pdf.render(certificate, "https://example.org/verify/X/")
    assert _page_images(first) == _page_images(again) == [(255, 0, 0)]

    blue = _image(settings, tmp_path, "#0000ff", "blue")
    red.file = blue.file
    red.save()
    assert _page_images(pdf.render(certificate, "https://example.org/verify/X/")) == [(0, 0, 255)]


def test_missing_logo_leaves_the_rest_of_the_certificate(certificate):
    certificate.template = {**certificate.template, "logo_id": 987654}
    content = pdf.render(certificate, "https://example.org/verify/X/")
    assert _page_images(content) == []
    assert "Aoife Ní Bhriain" in pdf_text(content)


def test_many_certificates_in_one_process_each_carry_their_own_text(certificate):
    names = ["Анна Кузнецова", "Seán O'Connor", "Zoë Łukasiewicz-Ørsted"]
    for name in names:
        Certificate.objects.filter(pk=certificate.pk).update(holder_name=name)
        certificate.refresh_from_db()
        text = pdf_text(pdf.render(certificate, "https://example.org/verify/X/"))
        assert name in text
        assert not any(other in text for other in names if other != name)
