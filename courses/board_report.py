"""The quarterly report to the partnership Board, as PDF (reportlab).

Its content comes from ``courses.selectors.snapshots.board_report`` (the HTML page shows the
same); figures and wording are defined there and in ``courses/report_text.py``.
"""

import io
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from certificates.pdf import BOLD, REGULAR, register_fonts

from .charts import wrap_label
from .report_text import (
    FOOTNOTE,
    agency_rows,
    change_heading,
    headline_rows,
    restatement_sentences,
    status_sentence,
)

BRAND = colors.HexColor("#1d70b8")


def _styles():
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=20, leading=25, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2", fontName=BOLD, fontSize=14, leading=18, spaceBefore=10, spaceAfter=6
        ),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=15, spaceAfter=6),
        "small": ParagraphStyle("small", fontName=REGULAR, fontSize=8.5, leading=11),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=8.5, leading=11),
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


def _agency_table(rows, styles):
    """Each agency's name on a row of its own (full width, so never cut), then a row per
    module with its figures."""
    table_rows = [
        [
            Paragraph(heading, styles["head"])
            for heading in (
                "Module",
                "Headcount",
                "People in date",
                "Required but missing",
                "Coverage",
            )
        ]
    ]
    agency_starts = []
    current = None
    for row in rows:
        if row["agency"] != current:
            current = row["agency"]
            agency_starts.append(len(table_rows))
            table_rows.append([Paragraph(escape(current), styles["head"])])
        table_rows.append(
            [
                Paragraph(escape(row["module"]), styles["small"]),
                row["headcount"],
                row["in_date"],
                row["required_missing"],
                row["coverage"],
            ]
        )
    for index, cells in enumerate(table_rows):
        table_rows[index] = cells + [""] * (5 - len(cells))
    table = _table(table_rows, [64 * mm, 25 * mm, 25 * mm, 32 * mm, 24 * mm])
    table.setStyle(TableStyle([("SPAN", (0, start), (-1, start)) for start in agency_starts]))
    return table


def render(report: dict, *, commentary: str) -> bytes:
    """The Board report for one quarter (``board_report``'s result) as a PDF."""
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
        title=f"Training coverage report, {report['label']}",
        author="Safe City Learning",
    )
    story = [
        Paragraph("Domestic abuse and VAWG training: report to the Board", styles["title"]),
        Paragraph(escape(status_sentence(report)), styles["body"]),
    ]
    restatements = restatement_sentences(report)
    if restatements:
        story.append(Paragraph("Restatement", styles["h2"]))
        story += [Paragraph(escape(sentence), styles["body"]) for sentence in restatements]
    story += [
        Paragraph("Key figures", styles["h2"]),
        _table(
            [
                [
                    Paragraph(escape(heading), styles["head"])
                    for heading in ("Measure", report["label"], change_heading(report))
                ]
            ]
            + [
                [Paragraph(escape(label), styles["small"]), value, change]
                for label, value, change in headline_rows(report)
            ],
            [100 * mm, 30 * mm, 40 * mm],
        ),
    ]
    if commentary.strip():
        story.append(Paragraph("Commentary", styles["h2"]))
        for paragraph in commentary.strip().split("\n\n"):
            story.append(Paragraph(escape(paragraph).replace("\n", "<br/>"), styles["body"]))
    story += [
        Paragraph("Coverage by sector", styles["h2"]),
        _bar_chart(
            [row["name"] for row in report["sectors"]],
            [row["coverage"] or 0 for row in report["sectors"]],
            "People with an in-date certificate, % of sector headcount",
            horizontal=True,
            value_max=100,
        ),
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                Paragraph("Staff trained per quarter", styles["h2"]),
                _bar_chart(
                    [label for label, _ in report["per_quarter"]],
                    [count for _, count in report["per_quarter"]],
                    "People trained (certificates issued) per quarter",
                    horizontal=False,
                ),
            ]
        ),
        Paragraph("Coverage by agency and module", styles["h2"]),
        _agency_table(agency_rows(report), styles),
        Spacer(1, 4 * mm),
        Paragraph(escape(FOOTNOTE), styles["small"]),
    ]
    document.build(story)
    return buffer.getvalue()
