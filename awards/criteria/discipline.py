"""Discipline of a person: a record counts in the calendar year it was decided."""

from django.utils.translation import gettext_lazy

from units import timeline
from units.enums import DISCIPLINE_RANK, DisciplineLevel

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import FAILED, PASSED, PERSON, UNKNOWN, Outcome
from .base import CriterionKind, Param, register
from .common import DISCIPLINE_CHOICES, label, window, year_span


def disciplined(records, person_id: int, years: list[int], min_level: str) -> list[tuple]:
    found = records.discipline.get(person_id)
    if not found:
        return []
    need = max(DISCIPLINE_RANK[min_level], 1)  # an inspection under way is not a discipline
    return sorted(
        (on, level) for on, level in found
        if years[0] <= on.year <= years[-1] and DISCIPLINE_RANK.get(level, 0) >= need
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


@register
class DisciplineTerm(CriterionKind):
    """Achievements count only from the end of a discipline term (Decree 152/2025, Art. 4): no part of the
    award's achievement period (the N years ending in the campaign year) may fall in a term, so a chain
    restarts after it. An open inspection or investigation makes the verdict "needs review"."""

    name = "discipline_term"
    label = gettext_lazy("No part of the achievement period (N years) within a discipline term; no open inspection")
    subjects = frozenset({PERSON})
    params = (Param("years", "int", 1, minimum=1, maximum=10),)

    def span(self, p):
        return p["years"]

    def evaluate(self, ctx, p):
        years = window(ctx.year, p["years"])
        first, last = timeline.year_bounds(years[0])[0], timeline.year_bounds(years[-1])[1]
        terms = getattr(ctx.engine.rule_set, "discipline_terms", None) or {}
        covering, open_reviews = [], []
        for record in ctx.records.discipline_terms.get(ctx.subject.id, ()):
            if record.decided_on > last:
                continue
            end = timeline.term_end(record.decided_on, record.level, record.term_until, terms)
            if record.level == DisciplineLevel.UNDER_REVIEW:
                if end is None or end > ctx.records.as_of:
                    open_reviews.append(record)
                continue
            if end >= first:
                covering.append((record, end, record.term_until is None))
        evidence = {
            "period": [first.isoformat(), last.isoformat()],
            "terms": [{"level": r.level, "decided_on": r.decided_on.isoformat(), "term_until": end.isoformat(),
                       "default_term": default} for r, end, default in covering],
            "open_reviews": [r.decided_on.isoformat() for r in open_reviews],
        }
        if covering:
            record, end, default = max(covering, key=lambda c: c[1])
            note = " " + _("(the rule set's default term for the level, to be confirmed)") if default else ""
            return Outcome(
                FAILED,
                _("%(level)s decided on %(date)s runs until %(end)s%(note)s: achievements count only from the end "
                  "of the term, and the period %(span)s is not clear of it.")
                % {"level": label(DisciplineLevel, record.level), "date": record.decided_on.isoformat(),
                   "end": end.isoformat(), "note": note, "span": year_span(years)},
                evidence,
            )
        if open_reviews:
            return Outcome(
                UNKNOWN,
                _("An inspection or investigation opened on %(date)s is not closed: not considered until it is.")
                % {"date": open_reviews[0].decided_on.isoformat()},
                evidence,
            )
        return Outcome(PASSED, _("No discipline term falls in %(span)s.") % {"span": year_span(years)}, evidence)
