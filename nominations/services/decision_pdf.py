"""The decision as a PDF for signing (reportlab). Fonts come from the certificate renderer when it is
available (Noto Serif, full Vietnamese coverage), else DejaVu Sans from the system."""

import io
import threading

from django.conf import settings

from config.text import markup

from .documents import money, nfc

_lock = threading.Lock()
_fonts: dict = {}


def _register():
    with _lock:
        if _fonts:
            return _fonts
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        try:
            from certificates.rendering.fonts import register_fonts

            names = register_fonts()
            _fonts.update(regular=names["regular"], bold=names["bold"])
        except Exception:  # noqa: BLE001 - fall back to a system font with Vietnamese glyphs
            base = "/usr/share/fonts/truetype/dejavu/"
            pdfmetrics.registerFont(TTFont("LaurelSans", base + "DejaVuSans.ttf"))
            pdfmetrics.registerFont(TTFont("LaurelSans-Bold", base + "DejaVuSans-Bold.ttf"))
            _fonts.update(regular="LaurelSans", bold="LaurelSans-Bold")
        return _fonts


def legal_basis(decided_on) -> list[str]:
    """The "Căn cứ …" lines in force on the decision's date (settings.LAUREL_DECISION_LEGAL_BASIS)."""
    day = decided_on.isoformat()
    return [row["text"] for row in getattr(settings, "LAUREL_DECISION_LEGAL_BASIS", [])
            if (not row.get("from") or row["from"] <= day) and (not row.get("until") or day <= row["until"])]


def _vn_date(day) -> str:
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def _multiple(value) -> str:
    return f"{value.normalize():f}".replace(".", ",") if value is not None else ""


def _articles(decision, lines) -> list[str]:
    """Điều 1 (who receives what), Điều 2 (the cash), Điều 3 (who executes it): official Vietnamese text."""
    by_award: dict = {}
    for line in lines:
        persons, collectives = by_award.setdefault(line.award.name_vi, [0, 0])
        by_award[line.award.name_vi] = ([persons + 1, collectives] if line.nominee.person_id
                                        else [persons, collectives + 1])
    given = []
    for award, (persons, collectives) in by_award.items():
        whom = " và ".join(part for part in (f"{persons} cá nhân" if persons else "",
                                             f"{collectives} tập thể" if collectives else "") if part)
        given.append(f"Tặng {award} cho {whom}")
    first = "; ".join(given) + (" (có danh sách kèm theo)" if given else "") + "."
    first += " Đã có thành tích xuất sắc trong " + decision.campaign.title + "."
    second = (f"Tiền thưởng kèm theo: tổng cộng {money(decision.total_amount)} đồng (mức lương cơ sở "
              f"{money(decision.base_salary)} đồng), chi từ Quỹ thi đua, khen thưởng của tỉnh theo quy định.")
    third = ("Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, "
             f"{settings.LAUREL_DECISION_PROPOSER}, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, "
             "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    return [first, second, third]


def decision_pdf(decision, lines) -> bytes:
    """The decision in the official layout (header, QUYẾT ĐỊNH, Căn cứ …, Xét đề nghị …, Điều 1–3, Nơi nhận,
    signature block) and its annex as a table on a page of its own. Every text from the database goes
    through markup() (escaped for reportlab's mini-markup) and NFC."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts = _register()
    normal = ParagraphStyle("n", fontName=fonts["regular"], fontSize=12, leading=16, alignment=TA_JUSTIFY)
    indented = ParagraphStyle("i", parent=normal, firstLineIndent=10 * mm, spaceAfter=3)
    centre = ParagraphStyle("c", parent=normal, alignment=TA_CENTER)
    bold_centre = ParagraphStyle("bc", parent=centre, fontName=fonts["bold"])
    title = ParagraphStyle("t", parent=bold_centre, fontSize=14, leading=18)
    right = ParagraphStyle("r", parent=normal, alignment=TA_RIGHT, fontSize=11)
    small = ParagraphStyle("s", parent=normal, fontSize=10, leading=12, alignment=0)
    cell = ParagraphStyle("cell", parent=normal, fontSize=10, leading=12, alignment=0)
    cell_right = ParagraphStyle("cellr", parent=cell, alignment=TA_RIGHT)
    cell_head = ParagraphStyle("cellh", parent=cell, fontName=fonts["bold"], alignment=TA_CENTER)
    width = A4[0] - 40 * mm

    def strong(text: str) -> str:  # text already escaped
        return f'<font name="{fonts["bold"]}">{text}</font>'

    def p(text, style, *, multiline=False):
        return Paragraph(markup(text, multiline=multiline), style)

    place = decision.place or settings.LAUREL_PROVINCE_NAME
    number = decision.number
    header = Table([
        [p(settings.LAUREL_DECISION_ISSUER, bold_centre, multiline=True),
         p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", bold_centre, multiline=True)],
        [p(f"Số: {number}", centre), p(f"{place}, {_vn_date(decision.decided_on)}", right)],
    ], colWidths=[width * 0.4, width * 0.6])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story = [header, Spacer(1, 8 * mm), p("QUYẾT ĐỊNH", title),
             p(f"Về việc khen thưởng {decision.campaign.title}", bold_centre), Spacer(1, 6 * mm),
             p(settings.LAUREL_DECISION_AUTHORITY, bold_centre), Spacer(1, 4 * mm)]
    story += [p(line, indented) for line in legal_basis(decision.decided_on)]
    story.append(p(f"Xét đề nghị của {settings.LAUREL_DECISION_PROPOSER}.", indented))
    story += [Spacer(1, 3 * mm), p("QUYẾT ĐỊNH:", title), Spacer(1, 3 * mm)]
    for index, text in enumerate(_articles(decision, lines), start=1):
        story.append(Paragraph(strong(f"Điều {index}.") + " " + markup(text), indented))
    recipients = Paragraph(strong("Nơi nhận:") + "<br/>- Như Điều 3;<br/>- Ban Thi đua - Khen thưởng;<br/>"
                           "- Lưu: VT.", small)
    signature = [p(decision.signer_title.upper(), bold_centre, multiline=True), Spacer(1, 35 * mm),
                 p(decision.signer_name, bold_centre)]
    block = Table([[recipients, signature]], colWidths=[width * 0.45, width * 0.55])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [Spacer(1, 6 * mm), block, PageBreak()]

    # The annex: a table of names, units, awards and amounts, every cell a wrapped Paragraph.
    story += [p("DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG", title),
              p(f"(Kèm theo Quyết định số {number} {_vn_date(decision.decided_on)})", centre), Spacer(1, 5 * mm)]
    heads = ["STT", "Cá nhân, tập thể", "Đơn vị", "Hình thức khen thưởng", "Hệ số", "Số tiền (đồng)"]
    data = [[Paragraph(markup(h), cell_head) for h in heads]]
    for index, line in enumerate(lines, start=1):
        data.append([Paragraph(str(index), cell), p(line.subject_name, cell), p(line.unit_name, cell),
                     p(line.award.name_vi, cell), Paragraph(_multiple(line.multiple), cell_right),
                     Paragraph(money(line.amount), cell_right)])
    data.append(["", Paragraph(strong("Tổng cộng"), cell), "", "", "",
                 Paragraph(strong(money(decision.total_amount)), cell_right)])
    table = Table(data, colWidths=[12 * mm, 42 * mm, 39 * mm, 37 * mm, 14 * mm, 26 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("SPAN", (1, -1), (4, -1)),
    ]))
    story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=nfc(f"Quyết định {number}"), leftMargin=25 * mm,
                      rightMargin=15 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(story)
    return out.getvalue()
