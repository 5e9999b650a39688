"""The quarterly report to the partnership Board, as PDF (reportlab)."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from certificates.pdf import BOLD, REGULAR, register_fonts

from .charts import wrap_label

BRAND = colors.HexColor("#1d70b8")


def _styles():
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=20, leading=25, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2", fontName=BOLD, fontSize=14, leading=18, spaceBefore=10, spaceAfter=6
        ),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=15, spaceAfter=6),
        "small": ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=11),
    }


def _bar_chart(labels, values, title, horizontal: bool, value_max=None) -> Drawing:
    width, height = 170 * mm, (max(60, 9 * len(labels)) * mm if horizontal else 70 * mm)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (60 * mm, 8 * mm) if horizontal else (15 * mm, 15 * mm)
    chart.width = width - chart.x - 10 * mm
    chart.height = height - chart.y - 12 * mm
    chart.data = [values or [0]]
    # Long labels wrap onto lines rather than running off the page (never truncated).
    chart.categoryAxis.categoryNames = (
        ["\n".join(wrap_label(label)) for label in labels] if horizontal else labels
    ) or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    if value_max:
        chart.valueAxis.valueMax = value_max
    chart.bars[0].fillColor = BRAND
    chart.barLabelFormat = "%s"
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 7
    if horizontal:
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
    else:
        chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, height - 5 * mm, title, fontName=BOLD, fontSize=10))
    return drawing


def _table(rows, widths):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#b1b4b6")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def render(*, tiles, by_sector, per_quarter, agency_rows, commentary: str, quarter: str) -> bytes:
    register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Training coverage report, {quarter}",
        author="Safe City Learning",
    )
    story = [
        Paragraph("Domestic abuse and VAWG training: report to the Board", styles["title"]),
        Paragraph(
            f"{escape(quarter)}. Produced {timezone.localdate():%-d %B %Y} by Safe City Learning.",
            styles["body"],
        ),
        Paragraph("Key figures", styles["h2"]),
        _table(
            [
                ["Measure", "Figure"],
                ["Staff trained this quarter", str(tiles["trained_in_period"])],
                ["Sectors engaged this quarter", str(tiles["sectors_engaged"])],
                [
                    "Share of headcount holding an in-date certificate",
                    f"{tiles['coverage_overall']}%"
                    if tiles["coverage_overall"] is not None
                    else "–",
                ],
                ["In-date certificates", str(tiles["in_date"])],
                ["Certificates expiring within 60 days", str(tiles["expiring_soon"])],
            ],
            [110 * mm, 50 * mm],
        ),
    ]
    if commentary.strip():
        story.append(Paragraph("Commentary", styles["h2"]))
        for paragraph in commentary.strip().split("\n\n"):
            story.append(Paragraph(escape(paragraph).replace("\n", "<br/>"), styles["body"]))
    story += [
        Paragraph("Coverage by sector", styles["h2"]),
        _bar_chart(
            [row["sector"] for row in by_sector],
            [row["coverage"] or 0 for row in by_sector],
            "People with an in-date certificate, % of sector headcount",
            horizontal=True,
            value_max=100,
        ),
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                Paragraph("Staff trained per quarter", styles["h2"]),
                _bar_chart(
                    [label for label, _ in per_quarter],
                    [count for _, count in per_quarter],
                    "People trained (certificates issued) per quarter",
                    horizontal=False,
                ),
            ]
        ),
        Paragraph("Coverage by agency", styles["h2"]),
        _table(
            [["Agency", "Headcount", "In-date certificates", "Required but missing"]]
            + [
                [
                    Paragraph(escape(row["agency"]), styles["small"]),
                    row["headcount"] if row["headcount"] is not None else "Not given",
                    str(row["in_date"]),
                    str(row["required_missing"]),
                ]
                for row in agency_rows
            ],
            [80 * mm, 25 * mm, 30 * mm, 35 * mm],
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            "Figures count people holding a certificate that has not expired, been revoked or "
            "been replaced. Only people whose email address is verified and whose agency has "
            "confirmed they work there are counted. Confidence ratings are only reported for "
            "groups of 5 or more.",
            styles["small"],
        ),
    ]
    document.build(story)
    return buffer.getvalue()
