"""Export of the (filtered) queue as XLSX or CSV. Cells that a spreadsheet would run as a formula are
neutralised with a leading apostrophe."""

import csv
import io
import unicodedata

from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def spreadsheet_cell(value):
    """A value for an XLSX cell (every workbook Laurel writes): text NFC-normalised, stripped of the control
    characters a workbook cannot hold (e.g. from an import), then neutralised if it starts like a formula."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", unicodedata.normalize("NFC", value))
    return neutralise(value)


def workbook_bytes(title: str, headers: list, rows) -> bytes:
    """One sheet of `headers` then `rows` (any iterable, streamed into a write-only workbook), every cell
    through spreadsheet_cell."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for row in rows:
        sheet.append([spreadsheet_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def queue_headers():
    return [_("Dossier"), _("Unit"), _("Campaign"), _("Nominee"), _("Code"), _("Award"), _("State"),
            _("Dossier state"), _("Eligibility"), _("Flagged"), _("Due")]


def queue_rows(queryset):
    qs = queryset.select_related("dossier__unit", "dossier__campaign").order_by("pk")
    for n in qs.iterator(chunk_size=2000):
        d = n.dossier
        yield [neutralise(v) for v in (
            d.code, d.unit.name, d.campaign.title, n.subject_name, n.subject_code, n.award_id,
            n.get_state_display(), d.get_state_display(), n.get_verdict_display(),
            _("yes") if n.flagged else "", d.due_on.strftime("%d/%m/%Y") if d.due_on else "",
        )]


def queue_csv(queryset) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(queue_headers())
    writer.writerows(queue_rows(queryset))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def queue_xlsx(queryset) -> bytes:
    return workbook_bytes(_("Queue"), queue_headers(), queue_rows(queryset))
