"""Awards the subject holds (Honour records), optionally counting a current-year award the subject is
eligible for but that has not been decided yet."""

from django.utils.translation import gettext_lazy

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import FAILED, PASSED, UNKNOWN, Outcome
from .base import CriterionKind, Param, register
from .common import join_years, window, year_span

HELD, MISSING = "held", "missing"


@register
class HeldAward(CriterionKind):
    name = "held_award"
    label = gettext_lazy("Held award T in the year, or in each of N consecutive years ending in it")
    params = (
        Param("award", "award"),
        Param("years", "int", 1, minimum=1, maximum=10),
        Param("accept_eligible", "bool", False,
              help="In the campaign year, count the award if the subject is eligible for it (not yet decided)."),
    )

    def span(self, p):
        return p["years"]

    def evaluate(self, ctx, p):
        code, years = p["award"], window(ctx.year, p["years"])
        found = {}
        for year in years:
            if code in ctx.records.honours(ctx.subject, year):
                found[year] = HELD
            elif year == ctx.year and p["accept_eligible"]:
                found[year] = ctx.nested_status(ctx.subject, code, year)
            else:
                found[year] = MISSING
        evidence = {"award": code, "years": {str(y): s for y, s in found.items()}}
        name = ctx.award_name(code)
        missing = [y for y, s in found.items() if s in (MISSING, FAILED)]
        not_annual = [y for y in missing if any(a == code for a, _k in ctx.records.non_annual_honours(ctx.subject, y))]
        if not_annual:
            evidence["not_annual"] = not_annual
        if missing:
            message = _("%(award)s not held in %(missing)s; needed in %(span)s.") % {
                "award": name, "missing": join_years(missing), "span": year_span(years)}
            if not_annual:
                message += " " + _("Held in %(years)s but not as an annual title: only annual titles build "
                                   "chains.") % {"years": join_years(not_annual)}
            return Outcome(FAILED, message, evidence)
        if UNKNOWN in found.values():
            return Outcome(
                UNKNOWN,
                _("%(award)s for %(year)s is not decided yet and eligibility for it needs review.")
                % {"award": name, "year": ctx.year},
                evidence,
            )
        if PASSED in found.values():
            return Outcome(
                PASSED,
                _("%(award)s held in %(span)s (for %(year)s: eligible, not yet decided).")
                % {"award": name, "span": year_span(years), "year": ctx.year},
                evidence,
            )
        return Outcome(PASSED, _("%(award)s held in %(span)s.") % {"award": name, "span": year_span(years)}, evidence)


@register
class NotHeldAward(CriterionKind):
    name = "not_held_award"
    label = gettext_lazy("Not already given award T for the same year (one achievement earns one form)")
    params = (Param("award", "award"),)

    def evaluate(self, ctx, p):
        name = ctx.award_name(p["award"])
        evidence = {"award": p["award"], "year": ctx.year}
        if p["award"] in ctx.records.honours(ctx.subject, ctx.year):
            return Outcome(FAILED, _("Already given %(award)s for %(year)s: one achievement earns one form.")
                           % {"award": name, "year": ctx.year}, evidence)
        return Outcome(PASSED, _("Not given %(award)s for %(year)s.") % {"award": name, "year": ctx.year}, evidence)
