"""The sign-in sheet of a session (reportlab, A4 portrait): the course title, the dates, the
place, and a table of the people on the register with a column to sign in. Long lists run
on to further pages with the heading row repeated."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from certificates.pdf import BOLD, REGULAR, register_fonts


def _date_line(date) -> str:
    start, end = timezone.localtime(date.starts_at), timezone.localtime(date.ends_at)

    def clock(moment):
        hour = moment.hour % 12 or 12
        return f"{hour}:{moment:%M}{'am' if moment.hour < 12 else 'pm'}"

    return f"{start:%A} {start.day} {start:%B %Y}, {clock(start)} to {clock(end)}"


def render(session, bookings) -> bytes:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=15)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=18, leading=23, spaceAfter=6)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Sign-in sheet: {session.course.title}",
    )
    story = [Paragraph(escape(f"Sign-in sheet: {session.course.title}"), title)]
    for date in session.dates.all().order_by("starts_at"):
        story.append(Paragraph(escape(_date_line(date)), body))
    place = "Online" if session.is_online else session.venue_address.replace("\n", ", ")
    story.append(Paragraph(escape(f"Venue: {place}"), body))
    story.append(Spacer(1, 8 * mm))
    rows = [["Name", "Agency", "Signature"]]
    for booking in bookings:
        user = booking.user
        agency = str(user.agency) if user.agency_id else ""
        rows.append(
            [
                Paragraph(escape(user.full_name or user.email), body),
                Paragraph(escape(agency), body),
                "",
            ]
        )
    width = A4[0] - 36 * mm
    table = Table(
        rows, colWidths=[width * 0.38, width * 0.30, width * 0.32], repeatRows=1, rowHeights=None
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTNAME", (0, 1), (-1, -1), REGULAR),
                ("FONTSIZE", (0, 0), (-1, -1), 11),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()
