"""Certificates as PDF (reportlab): A4 landscape, an embedded font with wide coverage, a
QR code and a short link to the public verification page."""

import io
from functools import cache
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from . import validity
from .models import Certificate

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
BRAND = colors.HexColor("#1d70b8")
TEXT = colors.HexColor("#0b0c0c")
MUTED = colors.HexColor("#484949")

# Binary (compressed) streams rather than ASCII85 on top: smaller files, and less time
# spent encoding. Every PDF reader reads both.
rl_config.useA85 = 0


@cache
def register_fonts() -> None:
    # DejaVu covers Latin (with accents), Greek, Cyrillic, Armenian, Georgian and Hebrew.
    pdfmetrics.registerFont(TTFont(REGULAR, FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, FONTS / "DejaVuSans-Bold.ttf"))


def filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.number}.pdf"


def _fit(text: str, font: str, size: float, width: float, minimum: float = 14) -> float:
    """The largest font size up to ``size`` at which ``text`` fits on one line."""
    while size > minimum and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _centred_lines(pdf, text, font, size, y, width, leading=1.25) -> float:
    page_width = landscape(A4)[0]
    for line in simpleSplit(text, font, size, width):
        pdf.setFont(font, size)
        pdf.drawCentredString(page_width / 2, y, line)
        y -= size * leading
    return y


def _logo(certificate: Certificate):
    logo_id = certificate.template.get("logo_id")
    if not logo_id:
        return None
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=logo_id).first()
    if image is None:
        return None
    return _logo_reader(image)


_LOGOS: dict[tuple[int, str], ImageReader] = {}


def _logo_reader(image):
    """The logo decoded once per process and file (a new upload has a new file name); a
    file that cannot be read is tried again next time."""
    key = (image.pk, image.file.name)
    if key not in _LOGOS:
        try:
            with image.open_file() as handle:
                reader = ImageReader(io.BytesIO(handle.read()))
        except (OSError, ValueError):
            return None
        if len(_LOGOS) >= 8:
            _LOGOS.clear()
        _LOGOS[key] = reader
    return _LOGOS[key]


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR code's modules (``True`` is dark), error correction level M, no quiet zone.

    Mask pattern 0 is fixed rather than picked by scoring all eight: every mask decodes the
    same, and scoring them took three quarters of the time spent on a certificate."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def _draw_qr(pdf, data: str, x: float, y: float, size: float) -> None:
    """The QR code as one filled path: a rectangle per horizontal run of dark modules, in
    module units, scaled into place (a few hundred rectangles instead of one shape each)."""
    matrix = qr_matrix(data)
    count = len(matrix)
    runs = []
    for row_index, row in enumerate(matrix):
        top = count - row_index - 1
        start = None
        for column, dark in enumerate([*row, False]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append(f"{start} {top} {column - start} 1 re")
                start = None
    scale = size / count
    pdf.saveState()
    pdf.setFillColor(colors.black)
    pdf.transform(scale, 0, 0, scale, x, y)
    pdf.addLiteral("\n".join(runs) + "\nf")
    pdf.restoreState()


def grouped_code(code: str) -> str:
    """``ABCDEFGH...`` as ``ABCD EFGH ...``."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def render(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate as PDF bytes."""
    register_fonts()
    width, height = landscape(A4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    template = certificate.template
    pdf.setTitle(f"{template['title']}: {certificate.module_title}")
    pdf.setAuthor(template["partnership_name"])
    pdf.setSubject(f"Certificate {certificate.number}")
    pdf.setCreator("Safe City Learning")

    margin = 15 * mm
    pdf.setStrokeColor(BRAND)
    pdf.setLineWidth(4)
    pdf.rect(margin, margin, width - 2 * margin, height - 2 * margin)

    logo = _logo(certificate)
    if logo is not None:
        pdf.drawImage(
            logo,
            margin + 8 * mm,
            height - margin - 28 * mm,
            50 * mm,
            20 * mm,
            preserveAspectRatio=True,
            anchor="sw",
            mask="auto",
        )

    text_width = width - 2 * margin - 40 * mm
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 13)
    pdf.drawCentredString(width / 2, height - margin - 20 * mm, template["partnership_name"])
    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, 30)
    pdf.drawCentredString(width / 2, height - margin - 38 * mm, template["title"])

    pdf.setFillColor(TEXT)
    y = _centred_lines(pdf, template["wording"], REGULAR, 13, height - margin - 52 * mm, text_width)
    name_size = _fit(certificate.holder_name, BOLD, 32, text_width)
    y = _centred_lines(pdf, certificate.holder_name, BOLD, name_size, y - 10 * mm, text_width)
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 13)
    pdf.drawCentredString(width / 2, y, "has completed")
    pdf.setFillColor(TEXT)
    module_size = _fit(certificate.module_title, BOLD, 22, text_width)
    y = _centred_lines(pdf, certificate.module_title, BOLD, module_size, y - 12 * mm, text_width)

    issued = validity.day_of(certificate.issued_at).strftime("%-d %B %Y")
    expires = validity.expires_on(certificate.expires_at).strftime("%-d %B %Y")
    details = [
        ("Issued", issued),
        ("Valid until", expires),
        ("CPD", f"{certificate.cpd_minutes} minutes"),
        ("Certificate number", certificate.number),
    ]
    x = margin + 12 * mm
    base = margin + 30 * mm
    for index, (label, value) in enumerate(details):
        pdf.setFillColor(MUTED)
        pdf.setFont(REGULAR, 10)
        column_x = x + index * 48 * mm
        pdf.drawString(column_x, base, label)
        pdf.setFillColor(TEXT)
        pdf.setFont(BOLD, 12)
        pdf.drawString(column_x, base - 6 * mm, value)

    if template.get("signatory_name"):
        pdf.setFont(BOLD, 12)
        pdf.drawString(x, margin + 12 * mm, template["signatory_name"])
        pdf.setFont(REGULAR, 10)
        pdf.drawString(x, margin + 7 * mm, template.get("signatory_role", ""))

    qr_size = 34 * mm
    _draw_qr(pdf, verify_url, width - margin - qr_size - 8 * mm, margin + 12 * mm, qr_size)
    # The code the /verify/ page asks for, labelled, under the QR code (in groups of four
    # for reading aloud or typing; the check ignores the spaces).
    pdf.setFillColor(TEXT)
    pdf.setFont(REGULAR, 8)
    pdf.drawRightString(
        width - margin - 8 * mm,
        margin + 8.5 * mm,
        f"Verification code: {grouped_code(certificate.code)}",
    )
    pdf.setFillColor(MUTED)
    pdf.drawRightString(
        width - margin - 8 * mm, margin + 4.5 * mm, f"Check it is genuine: {verify_url}"
    )

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
