"""The decision as a PDF for signing (reportlab). Fonts come from the certificate renderer when it is
available (Noto Serif, full Vietnamese coverage), else DejaVu Sans from the system."""

import io
import threading

from django.utils.translation import gettext as _

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


def decision_pdf(decision, lines) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts = _register()
    normal = ParagraphStyle("n", fontName=fonts["regular"], fontSize=10, leading=13)
    bold = ParagraphStyle("b", parent=normal, fontName=fonts["bold"], alignment=1)
    story = [
        Paragraph(nfc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc"), bold),
        Spacer(1, 4 * mm),
        Paragraph(markup(_("No. %(number)s, dated %(date)s") % {
            "number": decision.number, "date": f"{decision.decided_on:%d/%m/%Y}"}), normal),
        Spacer(1, 4 * mm),
        Paragraph(markup(_("DECISION on awards: %(title)s") % {"title": decision.campaign.title}), bold),
        Spacer(1, 4 * mm),
    ]
    data = [[nfc(t) for t in (_("No."), _("Awardee"), _("Unit"), _("Award"), _("Multiple"), _("Amount (VND)"))]]
    for number, line in enumerate(lines, start=1):
        data.append([str(number), Paragraph(markup(line.subject_name), normal),
                     Paragraph(markup(line.unit_name), normal), nfc(line.award_id), str(line.multiple),
                     money(line.amount)])
    data.append(["", nfc(_("Total")), "", "", "", money(decision.total_amount)])
    table = Table(data, colWidths=[10 * mm, 50 * mm, 50 * mm, 25 * mm, 18 * mm, 27 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts["regular"]),
        ("FONTNAME", (0, 0), (-1, 0), fonts["bold"]),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (4, 1), (-1, -1), "RIGHT"),
    ]))
    story += [table, Spacer(1, 10 * mm), Paragraph(markup(decision.signer_title.upper(), multiline=True), bold),
              Spacer(1, 35 * mm), Paragraph(markup(decision.signer_name), bold)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=nfc(decision.number), leftMargin=15 * mm,
                      rightMargin=15 * mm).build(story)
    return out.getvalue()
