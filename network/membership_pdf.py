"""The Safe Places membership pack as PDF (reportlab): two A4 pages.

Page 1 is a window sticker; page 2 a certificate of membership. Both carry a QR code for
the venue's public page. Only public details are printed: never the lead's name, the
private email or phone, or the number of staff.
"""

import io

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from certificates.models import CertificateTemplate
from certificates.pdf import BOLD, BRAND, MUTED, REGULAR, TEXT, register_fonts

from .hours import london
from .models import Venue

WIDTH, HEIGHT = A4
MARGIN = 15 * mm

STICKER_MESSAGE = "You can come in here if you feel unsafe. We will help you."
EMERGENCY = "If you are in danger now, call 999."
CHARTER = [
    "Welcome the person who asks for help.",
    "Call 999 in an emergency.",
    "Let them wait with us until they are safe.",
    "Keep what they tell us confidential.",
]


def filename(venue: Venue) -> str:
    return f"safe-place-{venue.slug}.pdf"


def render(venue: Venue, public_url: str) -> bytes:
    """The membership pack for ``venue`` as PDF bytes; its QR codes encode ``public_url``."""
    register_fonts()
    partnership = CertificateTemplate.load().partnership_name
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"Safe Places membership pack: {venue.name}")
    pdf.setAuthor(partnership)
    pdf.setSubject("Window sticker and certificate of membership of the Safe Places network")
    pdf.setCreator("Safe City Learning")

    _sticker(pdf, venue, partnership, public_url)
    pdf.showPage()
    _certificate(pdf, venue, partnership, public_url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# --- Page 1: window sticker -------------------------------------------------------------------


def _sticker(pdf, venue: Venue, partnership: str, public_url: str) -> None:
    text_width = WIDTH - 2 * MARGIN - 20 * mm
    pdf.setFillColor(BRAND)
    pdf.roundRect(MARGIN, MARGIN, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN, 8 * mm, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    inner = MARGIN + 6 * mm
    pdf.roundRect(inner, inner, WIDTH - 2 * inner, HEIGHT - 2 * inner, 5 * mm, stroke=0, fill=1)

    _emblem(pdf, WIDTH / 2, HEIGHT - MARGIN - 50 * mm, 30 * mm)

    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, 64)
    pdf.drawCentredString(WIDTH / 2, HEIGHT - MARGIN - 110 * mm, "Safe Place")

    pdf.setFillColor(TEXT)
    y = _centred_lines(pdf, STICKER_MESSAGE, BOLD, 24, HEIGHT - MARGIN - 130 * mm, text_width)
    pdf.setFillColor(MUTED)
    y = _centred_lines(pdf, EMERGENCY, REGULAR, 16, y - 4 * mm, text_width)

    pdf.setFillColor(TEXT)
    name_size = _fit(venue.name, BOLD, 26, text_width)
    y = _centred_lines(pdf, venue.name, BOLD, name_size, y - 10 * mm, text_width)
    pdf.setFillColor(MUTED)
    y = _centred_lines(
        pdf, "A member of the Safe Places network", REGULAR, 12, y - 2 * mm, text_width
    )
    _centred_lines(pdf, partnership, REGULAR, 12, y, text_width)

    qr_size = 45 * mm
    _qr(pdf, public_url, (WIDTH - qr_size) / 2, inner + 16 * mm, qr_size)
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 10)
    pdf.drawCentredString(WIDTH / 2, inner + 9 * mm, "Scan to see this Safe Place's details")


def _emblem(pdf, cx: float, cy: float, radius: float) -> None:
    """A house with an open door inside a circle: a place you can go in."""
    pdf.setFillColor(BRAND)
    pdf.circle(cx, cy, radius, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    wall = radius * 0.95
    base_y = cy - radius * 0.55
    wall_top = cy + radius * 0.1
    roof = pdf.beginPath()
    roof.moveTo(cx - wall * 0.72, wall_top)
    roof.lineTo(cx, cy + radius * 0.62)
    roof.lineTo(cx + wall * 0.72, wall_top)
    roof.close()
    pdf.drawPath(roof, stroke=0, fill=1)
    pdf.rect(cx - wall / 2, base_y, wall, wall_top - base_y, stroke=0, fill=1)
    # The doorway, with its door swung open.
    door_w, door_h = wall * 0.3, (wall_top - base_y) * 0.7
    pdf.setFillColor(BRAND)
    pdf.rect(cx - door_w / 2, base_y, door_w, door_h, stroke=0, fill=1)
    pdf.setFillColor(colors.HexColor("#ffdd00"))
    door = pdf.beginPath()
    door.moveTo(cx - door_w / 2, base_y)
    door.lineTo(cx - door_w / 2, base_y + door_h)
    door.lineTo(cx - door_w * 0.05, base_y + door_h * 0.9)
    door.lineTo(cx - door_w * 0.05, base_y + door_h * 0.06)
    door.close()
    pdf.drawPath(door, stroke=0, fill=1)


# --- Page 2: certificate of membership --------------------------------------------------------


def _certificate(pdf, venue: Venue, partnership: str, public_url: str) -> None:
    text_width = WIDTH - 2 * MARGIN - 30 * mm
    pdf.setStrokeColor(BRAND)
    pdf.setLineWidth(4)
    pdf.rect(MARGIN, MARGIN, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN)

    _emblem(pdf, WIDTH / 2, HEIGHT - MARGIN - 25 * mm, 12 * mm)
    pdf.setFillColor(MUTED)
    y = _centred_lines(pdf, partnership, REGULAR, 13, HEIGHT - MARGIN - 48 * mm, text_width)
    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, 28)
    pdf.drawCentredString(WIDTH / 2, y - 8 * mm, "Certificate of membership")

    pdf.setFillColor(TEXT)
    name_size = _fit(venue.name, BOLD, 28, text_width)
    y = _centred_lines(pdf, venue.name, BOLD, name_size, y - 28 * mm, text_width)
    pdf.setFillColor(MUTED)
    y = _centred_lines(pdf, ", ".join(venue.address_lines), REGULAR, 12, y, text_width)
    pdf.setFillColor(TEXT)
    y = _centred_lines(
        pdf, "is a member of the Safe Places network", REGULAR, 16, y - 6 * mm, text_width
    )

    approved = london(venue.approved_at).strftime("%-d %B %Y") if venue.approved_at else "–"
    check = venue.next_check_due.strftime("%-d %B %Y") if venue.next_check_due else "–"
    column = WIDTH / 2 - 60 * mm
    for index, (label, value) in enumerate([("Approved", approved), ("Next check due", check)]):
        x = column + index * 70 * mm
        pdf.setFillColor(MUTED)
        pdf.setFont(REGULAR, 10)
        pdf.drawString(x, y - 8 * mm, label)
        pdf.setFillColor(TEXT)
        pdf.setFont(BOLD, 14)
        pdf.drawString(x, y - 15 * mm, value)

    y -= 32 * mm
    left = MARGIN + 20 * mm
    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, 15)
    pdf.drawString(left, y, "Our commitments as a Safe Place")
    y -= 9 * mm
    pdf.setFillColor(TEXT)
    for number, commitment in enumerate(CHARTER, start=1):
        pdf.setFont(BOLD, 12)
        pdf.drawString(left, y, f"{number}.")
        for line in simpleSplit(commitment, REGULAR, 12, text_width - 10 * mm):
            pdf.setFont(REGULAR, 12)
            pdf.drawString(left + 8 * mm, y, line)
            y -= 6 * mm
        y -= 2 * mm

    qr_size = 34 * mm
    _qr(pdf, public_url, WIDTH - MARGIN - qr_size - 10 * mm, MARGIN + 16 * mm, qr_size)
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 9)
    pdf.drawString(left, MARGIN + 30 * mm, "Find this Safe Place online:")
    url_size = _fit(public_url, REGULAR, 9, WIDTH - 2 * MARGIN - qr_size - 40 * mm, minimum=6)
    pdf.setFont(REGULAR, url_size)
    pdf.drawString(left, MARGIN + 25 * mm, public_url)
    pdf.setFont(REGULAR, 9)
    pdf.drawString(left, MARGIN + 16 * mm, "Membership is checked every year.")


# --- Helpers ----------------------------------------------------------------------------------


def _fit(text: str, font: str, size: float, width: float, minimum: float = 14) -> float:
    """The largest font size up to ``size`` at which ``text`` fits on one line."""
    while size > minimum and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _centred_lines(pdf, text, font, size, y, width, leading=1.25) -> float:
    """Draw ``text`` centred, wrapped to ``width``; return the baseline for what follows."""
    pdf.setFont(font, size)
    for line in simpleSplit(text, font, size, width):
        pdf.drawCentredString(WIDTH / 2, y, line)
        y -= size * leading
    return y


def _qr(pdf, url: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)
