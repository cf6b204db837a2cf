"""Documents for signing and the record: the decision (DOCX via python-docx) and the council minutes."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from config.text import clean_text


def nfc(text) -> str:
    """NFC without control, bidi or zero-width characters (python-docx refuses control characters)."""
    return clean_text(text)


def money(amount) -> str:
    return f"{int(amount):,}".replace(",", ".")


def decision_docx(decision, lines) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(nfc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"))
    doc.add_paragraph(nfc(_("No. %(number)s, dated %(date)s") % {
        "number": decision.number, "date": f"{decision.decided_on:%d/%m/%Y}"}))
    doc.add_heading(nfc(_("DECISION on awards: %(title)s") % {"title": decision.campaign.title}), level=1)
    doc.add_paragraph(nfc(_("Annex: list of awardees and cash rewards (base salary %(base)s VND)")
                          % {"base": money(decision.base_salary)}))
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, [_("No."), _("Awardee"), _("Unit"), _("Award"),
                                                _("Multiple"), _("Amount (VND)")], strict=True):
        cell.text = nfc(text)
    for number, line in enumerate(lines, start=1):
        cells = table.add_row().cells
        for cell, text in zip(cells, [number, line.subject_name, line.unit_name, line.award.name,
                                      line.multiple, money(line.amount)], strict=True):
            cell.text = nfc(text)
    total = table.add_row().cells
    total[1].text = nfc(_("Total"))
    total[5].text = money(decision.total_amount)
    doc.add_paragraph("")
    doc.add_paragraph(nfc(decision.signer_title.upper()))
    doc.add_paragraph("\n\n\n")
    doc.add_paragraph(nfc(decision.signer_name))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def minutes_docx(session, nominees, rules, recused=None) -> bytes:
    """Minutes of a closed council vote: each nominee's tally against its threshold and quorum, counted
    over the members not recused from it, then who recused from what and why."""
    from docx import Document

    doc = Document()
    doc.add_heading(nfc(_("Minutes of the council vote: %(title)s") % {"title": session.title}), level=1)
    doc.add_paragraph(nfc(_("Campaign: %(campaign)s. Council members: %(members)s. Closed: %(closed)s.") % {
        "campaign": session.campaign.title, "members": session.members_total,
        # in the province's time zone (settings.TIME_ZONE), never UTC
        "closed": f"{timezone.localtime(session.closed_at):%d/%m/%Y %H:%M}" if session.closed_at else "—"}))
    recused = recused or {}
    table = doc.add_table(rows=1, cols=8)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, [_("Nominee"), _("Award"), _("Eligible voters"), _("For"),
                                                _("Against"), _("Abstain"), _("Threshold / quorum"), _("Result")],
                          strict=True):
        cell.text = nfc(text)
    for nominee in nominees:
        threshold, quorum = rules[nominee.pk]
        cells = table.add_row().cells
        eligible = max(session.members_total - len(recused.get(nominee.pk, {})), 0)
        values = [nominee.subject_name, nominee.award.name, eligible, nominee.votes_for, nominee.votes_against,
                  nominee.votes_abstain, f"{threshold:.0%} / {quorum:.0%}",
                  _("passed") if nominee.vote_passed else _("not passed")]
        for cell, text in zip(cells, values, strict=True):
            cell.text = nfc(text)
    doc.add_heading(nfc(_("Recusals")), level=2)
    rows = [(nominee, member, reason)
            for nominee in nominees for member, reason in recused.get(nominee.pk, {}).values()]
    if not rows:
        doc.add_paragraph(nfc(_("No member recused.")))
    for nominee, member, reason in rows:
        doc.add_paragraph(nfc(_("%(member)s recused from %(nominee)s (%(reason)s).") % {
            "member": member.get_full_name() or member.get_username(), "nominee": nominee.subject_name,
            "reason": reason}), style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
