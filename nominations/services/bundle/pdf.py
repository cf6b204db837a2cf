"""A dossier as one PDF, for archiving and for the central level: the cover, the proposal, the unit's council,
the nominees with their eligibility explained criterion by criterion (with the legal basis), the documents,
the timeline of moves (who, role, when) and the comments, in the reader's language.

The PDF is a list of sections (SECTIONS): each is a function of the Sheet giving flowables. A new section is
one function and one entry in the list. Every text from the database reaches reportlab through
config.text.markup (escaped, NFC), never raw."""

import io
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from awards.eligibility.verdict import STATUS_LABELS
from certificates.rendering.fonts import register_fonts
from config.text import markup

from ...enums import Move
from ..documents import nfc
from .record import DossierRecord, actor_label, day, load, local, role_label

WIDTH = A4[0] - 36 * mm


@dataclass
class Sheet:
    """The record being printed and the means to print it: styles and small builders."""

    record: DossierRecord
    styles: dict

    def p(self, text, style: str = "body", *, multiline: bool = True) -> Paragraph:
        return Paragraph(markup(text, multiline=multiline), self.styles[style])

    def heading(self, text) -> Paragraph:
        return self.p(text, "h2", multiline=False)

    def table(self, head: list, rows: list[list], widths: list[float]) -> Table:
        """A grid with a shaded head row repeated on every page; each cell a wrapped Paragraph."""
        data = [[self.p(h, "head") for h in head]]
        data += [[cell if isinstance(cell, Paragraph) else self.p(cell, "cell") for cell in row] for row in rows]
        table = Table(data, colWidths=[WIDTH * w for w in widths], repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ]))
        return table

    def pairs(self, rows: list[tuple]) -> Table:
        """Label and value, one per line, without a grid."""
        table = Table([[self.p(label, "label"), self.p(value, "cell")] for label, value in rows],
                      colWidths=[WIDTH * 0.3, WIDTH * 0.7])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1)]))
        return table


def _or_dash(value) -> str:
    return "—" if value in (None, "") else str(value)


def cover(sheet: Sheet) -> list:
    record, dossier = sheet.record, sheet.record.dossier
    campaign = dossier.campaign
    return [
        sheet.p(_("NOMINATION DOSSIER"), "title"),
        sheet.p(f"{dossier.code} · {dossier.title}", "subtitle"),
        Spacer(1, 4 * mm),
        sheet.pairs([
            (_("Campaign"), f"{campaign.title} ({campaign.year}, {campaign.get_kind_display()})"),
            (_("Unit"), dossier.unit.name_with_parent),
            (_("Submitted at"), local(dossier.submitted_at)),
            (_("State"), dossier.get_state_display()),
            (_("Processing due on"), day(dossier.due_on)),
            (_("Nominees"), str(len(record.nominees))),
            (_("Documents"), str(len(record.all_documents))),
            (_("Printed at"), local(timezone.now())),
        ]),
    ]


def proposal(sheet: Sheet) -> list:
    dossier = sheet.record.dossier
    created = f"{actor_label(dossier.created_by)}, {local(dossier.created_at)}"
    rows = [(_("Title"), dossier.title), (_("Proposal letter number"), _or_dash(dossier.letter_number)),
            (_("Created by"), created),
            (_("Submission window"), f"{day(dossier.campaign.opens_on)} – {day(dossier.campaign.closes_on)}")]
    if dossier.posting_from:
        rows.append((_("Public posting"), f"{day(dossier.posting_from)} – {day(dossier.posting_until)}"))
    return [sheet.heading(_("Proposal")), sheet.pairs(rows)]


def unit_council(sheet: Sheet) -> list:
    dossier = sheet.record.dossier
    return [sheet.heading(_("Unit council")), sheet.pairs([
        (_("Council met on"), day(dossier.council_met_on)),
        (_("Council members"), _or_dash(dossier.council_members)),
        (_("Votes for (secret ballot)"), _or_dash(dossier.council_votes_for)),
        (_("Votes against"), _or_dash(dossier.council_votes_against)),
    ])]


def _subject(nominee) -> str:
    if nominee.person_id:
        unit = nominee.person.unit.name if nominee.person.unit_id else ""
        return _("Person") + (f", {unit}" if unit else "")
    return _("Collective")


def _explanation(sheet: Sheet, entry) -> list:
    """One nominee: the verdict and each criterion with its legal basis, then what the unit and the Board said."""
    nominee = entry.nominee
    parts = [sheet.p(f"{entry.number}. {nominee.subject_name} ({nominee.subject_code}) — {nominee.award.name}", "h3"),
             sheet.p(_("Eligibility") + ": " + str(nominee.get_verdict_display())
                     + (" · " + _("filed although ineligible") if nominee.flagged else ""), "body")]
    criteria = nominee.shown_criteria
    if criteria:
        parts.append(sheet.table(
            [_("Result"), _("Reason"), _("Basis")],
            [[str(STATUS_LABELS.get(c.get("status"), c.get("status", ""))), c.get("message", ""),
              c.get("basis_text", "") or "—"] for c in criteria],
            [0.14, 0.56, 0.30]))
    notes = [(_("Achievements"), nominee.achievement), (_("Justification"), nominee.justification),
             (_("Board comment"), nominee.return_comment), (_("Reason for refusal"), nominee.refusal_reason)]
    if nominee.vote_passed is not None:
        notes.append((_("Council"), f"{nominee.votes_for} / {nominee.votes_against} / {nominee.votes_abstain} — "
                      + (_("passed") if nominee.vote_passed else _("not passed"))))
    shown = [(label, text) for label, text in notes if str(text or "").strip()]
    if shown:
        parts += [Spacer(1, 1.5 * mm), sheet.pairs(shown)]
    return parts + [Spacer(1, 3 * mm)]


def nominees(sheet: Sheet) -> list:
    entries = sheet.record.nominees
    if not entries:
        return [sheet.heading(_("Nominees")), sheet.p(_("No nominees yet."))]
    summary = sheet.table(
        [_("No."), _("Nominee"), _("Person or collective"), _("Award"), _("State"), _("Eligibility")],
        [[str(e.number), f"{e.nominee.subject_name} ({e.nominee.subject_code})", _subject(e.nominee),
          e.nominee.award.name, e.nominee.get_state_display(), e.nominee.get_verdict_display()] for e in entries],
        [0.06, 0.25, 0.19, 0.2, 0.15, 0.15])
    flowables = [sheet.heading(_("Nominees")), summary, Spacer(1, 4 * mm),
                 sheet.p(_("Eligibility explained, criterion by criterion"), "h2")]
    for entry in entries:
        flowables.append(KeepTogether(_explanation(sheet, entry)))
    return flowables


def documents(sheet: Sheet) -> list:
    from django.template.defaultfilters import filesizeformat

    docs = sheet.record.all_documents
    if not docs:
        return [sheet.heading(_("Documents")), sheet.p(_("No documents yet."))]
    rows = [[doc.path, doc.attachment.get_kind_display(), str(filesizeformat(doc.attachment.size)),
             f"{actor_label(doc.attachment.uploaded_by)}, {local(doc.attachment.uploaded_at)}"] for doc in docs]
    return [sheet.heading(_("Documents")), sheet.p(_("Each file is in the ZIP at the path shown."), "small"),
            sheet.table([_("File in the ZIP"), _("Kind"), _("Size"), _("Uploaded by")], rows,
                        [0.42, 0.18, 0.1, 0.3])]


def timeline(sheet: Sheet) -> list:
    rows = []
    for t in sheet.record.transitions:
        move = str(t.get_move_display())
        if t.nominee_id:
            move += f" — {t.nominee.subject_name}" if t.nominee else ""
        if t.from_state or t.to_state:
            move += f" ({t.from_label or '—'} » {t.to_label or '—'})"  # the PDF font has no arrow
        rows.append([local(t.at), actor_label(t.actor), role_label(t.actor), move, t.comment])
    heading = sheet.heading(pgettext("dossier", "History"))
    if not rows:
        return [heading, sheet.p(_("No moves yet."))]
    return [heading, sheet.p(_("Times are in the province's time zone."), "small"),
            sheet.table([_("When"), _("By"), _("Role"), _("Move"), _("Note")], rows,
                        [0.14, 0.16, 0.17, 0.28, 0.25])]


def comments(sheet: Sheet) -> list:
    found = sheet.record.comments
    if not found:
        return [sheet.heading(_("Comments")), sheet.p(_("No comments."))]
    rows = [[local(c.at), actor_label(c.by), str(Move(c.move).label) if c.move else _("Board comment"),
             c.about or _("the whole dossier"), c.text] for c in found]
    return [sheet.heading(_("Comments")),
            sheet.table([_("When"), _("By"), _("Move"), _("Concerning"), _("Comment")], rows,
                        [0.14, 0.16, 0.17, 0.18, 0.35])]


def public_comments(sheet: Sheet) -> list:
    """What the public sent during the posting window and the Board's answer; the sender's contact is left
    out (it was given to the Board, not to whoever receives the bundle)."""
    found = sheet.record.public_comments
    if not found:
        return [sheet.heading(_("Public comments")), sheet.p(_("No public comments."))]
    rows = [[local(c.created_at), c.nominee.subject_name, c.text, c.get_state_display(),
             f"{c.answer} ({actor_label(c.answered_by)}, {local(c.answered_at)})" if c.answered_at else "—"]
            for c in found]
    return [sheet.heading(_("Public comments")),
            sheet.table([_("When"), _("Nominee"), _("Comment"), _("State"), _("Board's answer or note")], rows,
                        [0.14, 0.18, 0.32, 0.11, 0.25])]


# The sections in print order. Another section is a function like these, added here.
SECTIONS = [cover, proposal, unit_council, nominees, documents, timeline, comments, public_comments]


def _styles() -> dict:
    fonts = register_fonts()
    body = ParagraphStyle("body", fontName=fonts["regular"], fontSize=10, leading=13)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5),
        "label": ParagraphStyle("label", parent=body, fontSize=9, leading=11.5, fontName=fonts["bold"]),
        "head": ParagraphStyle("head", parent=body, fontSize=9, leading=11.5, fontName=fonts["bold"]),
        "title": ParagraphStyle("title", parent=body, fontName=fonts["bold"], fontSize=16, leading=20,
                                alignment=TA_CENTER, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=12, leading=15, alignment=TA_CENTER),
        "h2": ParagraphStyle("h2", parent=body, fontName=fonts["bold"], fontSize=12.5, leading=16, spaceBefore=10,
                             spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=body, fontName=fonts["bold"], fontSize=10.5, leading=14, spaceBefore=4,
                             spaceAfter=2),
        "_footer_font": fonts["regular"],
    }


def render(record: DossierRecord, language: str) -> bytes:
    """The PDF of a loaded record, in `language` (labels, award names, eligibility reasons)."""
    with translation.override(language):
        styles = _styles()
        sheet = Sheet(record, styles)
        story = []
        for section in SECTIONS:
            story += section(sheet)
        code = record.dossier.code
        footer = nfc(_("Dossier %(code)s, page %(page)s"))

        def number_page(canvas, document):
            canvas.saveState()
            canvas.setFont(styles["_footer_font"], 8)
            canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, footer % {"code": code, "page": document.page})
            canvas.restoreState()

        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=A4, title=nfc(f"{code} {record.dossier.title}"), leftMargin=18 * mm,
                          rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=18 * mm).build(
            story, onFirstPage=number_page, onLaterPages=number_page)
        return out.getvalue()


def dossier_bundle_pdf(dossier, language: str) -> bytes:
    """The dossier as one PDF in `language` ("vi" or "en")."""
    return render(load(dossier), language)
