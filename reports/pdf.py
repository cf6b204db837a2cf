"""The printable report (PDF, A4 portrait). The only module of the reports app that imports reportlab; the
Vietnamese font comes from certificates.rendering.fonts (registered once per process)."""

import io
import unicodedata
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from certificates.rendering.fonts import register_fonts
from config.text import markup

from .sections import Section


def _text(value) -> str:
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return unicodedata.normalize("NFC", str(value))


def _escape(text: str) -> str:
    return markup(text, multiline=True)


def report_pdf(sections: list[Section], title: str, subtitle: str = "") -> bytes:
    fonts = register_fonts()
    regular, bold = fonts["regular"], fonts["bold"]
    heading = ParagraphStyle("heading", fontName=bold, fontSize=15, leading=19, spaceAfter=4)
    section_style = ParagraphStyle("section", fontName=bold, fontSize=11.5, leading=15, spaceBefore=8,
                                   spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11)
    head_cell = ParagraphStyle("head", parent=cell, fontName=bold)
    number_cell = ParagraphStyle("number", parent=cell, alignment=2)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                 topMargin=16 * mm, bottomMargin=16 * mm, title=title)
    story = [Paragraph(_escape(title), heading)]
    if subtitle:
        story.append(Paragraph(_escape(subtitle), cell))
    story.append(Spacer(1, 4 * mm))
    width = A4[0] - 36 * mm
    for section in sections:
        story.append(Paragraph(_escape(section.title), section_style))
        data = [[Paragraph(_escape(_text(h)), head_cell) for h in section.headers]]
        for row in section.rows:
            data.append([
                Paragraph(_escape(_text(value)), number_cell if isinstance(value, int) else cell) for value in row
            ])
        if len(data) == 1:
            data.append([Paragraph("—", cell)] + [""] * (len(section.headers) - 1))
        first = width * 0.46
        rest = (width - first) / max(len(section.headers) - 1, 1)
        table = Table(data, colWidths=[first] + [rest] * (len(section.headers) - 1), repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        story.append(table)
    document.build(story)
    return buffer.getvalue()
