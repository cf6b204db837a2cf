"""Discipline of a person: a record counts in the calendar year it was decided."""

from django.utils.translation import gettext_lazy

from units.enums import DISCIPLINE_RANK, DisciplineLevel

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import FAILED, PASSED, PERSON, Outcome
from .base import CriterionKind, Param, register
from .common import DISCIPLINE_CHOICES, label, window, year_span


def disciplined(records, person_id: int, years: list[int], min_level: str) -> list[tuple]:
    found = records.discipline.get(person_id)
    if not found:
        return []
    need = DISCIPLINE_RANK[min_level]
    return sorted(
        (on, level) for on, level in found
        if years[0] <= on.year <= years[-1] and DISCIPLINE_RANK[level] >= need
    )


@register
class NoDiscipline(CriterionKind):
    name = "no_discipline"
    label = gettext_lazy("No discipline at level ≥ L in the year (or window)")
    subjects = frozenset({PERSON})
    params = (
        Param("min_level", "choice", "reprimand", choices=DISCIPLINE_CHOICES),
        Param("years", "int", 1, minimum=1, maximum=10),
    )

    def span(self, p):
        return p["years"]

    def evaluate(self, ctx, p):
        years = window(ctx.year, p["years"])
        found = disciplined(ctx.records, ctx.subject.id, years, p["min_level"])
        evidence = {
            "records": [{"level": lvl, "decided_on": on.isoformat()} for on, lvl in found],
            "min_level": p["min_level"],
            "years": years,
        }
        level = label(DisciplineLevel, p["min_level"])
        if found:
            on, lvl = found[0]
            return Outcome(
                FAILED,
                _("Disciplined in %(span)s: %(level)s on %(date)s (no discipline from %(min)s upward allowed).")
                % {"span": year_span(years), "level": label(DisciplineLevel, lvl), "date": on.isoformat(),
                   "min": level},
                evidence,
            )
        return Outcome(
            PASSED,
            _("No discipline from %(min)s upward recorded in %(span)s.") % {"min": level, "span": year_span(years)},
            evidence,
        )
