"""A campaign-wide run's report: counts per award and verdict, failed chunks, and the eligible people and
units as CSV or XLSX (streamed: a province has hundreds of thousands of them)."""

import csv

from django.utils.translation import gettext as _

from nominations.services.exports import neutralise, workbook_bytes
from units.models import Unit

from .eligibility.verdict import ELIGIBLE, INELIGIBLE, NEEDS_REVIEW, PERSON, VERDICT_LABELS
from .models import AwardType, EligibilityResult

VERDICTS = (ELIGIBLE, NEEDS_REVIEW, INELIGIBLE)


def count_rows(run) -> list[dict]:
    """One row per award of the run: its name and the count of each verdict, in the run's award order."""
    names = {a.code: a.name for a in AwardType.objects.filter(code__in=run.awards)}
    rows = []
    for code in run.awards:
        counts = run.counts.get(code, {})
        rows.append({"code": code, "name": names.get(code, code), "total": sum(counts.values()),
                     "verdicts": [(VERDICT_LABELS[v], counts.get(v, 0)) for v in VERDICTS]})
    return rows


def verdict_headers() -> list[str]:
    return [str(VERDICT_LABELS[v]) for v in VERDICTS]


def eligible_headers() -> list[str]:
    return [_("Award"), _("Kind"), _("Code"), _("Name"), _("Unit code"), _("Unit")]


def eligible_rows(run):
    units = dict(Unit.objects.order_by().values_list("pk", "code"))
    names = dict(Unit.objects.order_by().values_list("pk", "name"))
    kinds = {PERSON: _("Person")}
    rows = (EligibilityResult.objects.filter(run=run, verdict=ELIGIBLE).order_by("award", "subject_kind", "subject_id")
            .values_list("award", "subject_kind", "subject_code", "subject_name", "unit_id"))
    for award, kind, code, name, unit_id in rows.iterator(chunk_size=5000):
        yield [award, kinds.get(kind, _("Collective")), code, name, units.get(unit_id, ""), names.get(unit_id, "")]


class _Line:
    """A file-like sink for csv.writer that hands back what was written (for a streaming response)."""

    def write(self, value):
        return value


def eligible_csv(run):
    """The CSV's lines one by one, with a BOM so that spreadsheets read it as UTF-8."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(eligible_headers())
    for row in eligible_rows(run):
        yield writer.writerow([neutralise(v) for v in row])


def eligible_xlsx(run) -> bytes:
    return workbook_bytes(_("Eligible"), eligible_headers(), eligible_rows(run))
