"""Recognised initiatives (sáng kiến) of a person."""

from django.utils.translation import gettext_lazy

from units.enums import SCOPE_RANK, InitiativeScope

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import FAILED, PASSED, PERSON, Outcome
from .base import CriterionKind, Param, register
from .common import SCOPE_CHOICES, label, window, year_span


@register
class Initiatives(CriterionKind):
    name = "initiatives"
    label = gettext_lazy("At least K recognised initiatives of scope ≥ S within a window of years")
    subjects = frozenset({PERSON})
    params = (
        Param("min_count", "int", 1, minimum=1, maximum=20),
        Param("min_scope", "choice", "grassroots", choices=SCOPE_CHOICES),
        Param("window_years", "int", 1, minimum=1, maximum=10),
        Param("or_rated", "choice", "none", choices=("none", "excellent"),
              help="excellent = a year rated excellent also qualifies without an initiative (a reading some "
                   "secondary sources give); none = an initiative is needed"),
    )

    def span(self, p):
        return p["window_years"]

    def evaluate(self, ctx, p):
        years = window(ctx.year, p["window_years"])
        need = SCOPE_RANK[p["min_scope"]]
        found = sorted(
            (on, scope, title) for on, scope, title in ctx.records.initiatives.get(ctx.subject.id, ())
            if years[0] <= on.year <= years[-1] and SCOPE_RANK[scope] >= need
        )
        evidence = {
            "initiatives": [{"title": t, "scope": s, "recognised_on": on.isoformat()} for on, s, t in found],
            "required": p["min_count"],
            "min_scope": p["min_scope"],
            "years": years,
        }
        status = PASSED if len(found) >= p["min_count"] else FAILED
        if status == FAILED and p.get("or_rated") == "excellent" and ctx.records.rating(ctx.subject, ctx.year) == (
                "excellent"):
            evidence["rated"] = "excellent"
            return Outcome(PASSED, _("Rated excellent in %(year)s, which this rule set accepts in place of an "
                                     "initiative.") % {"year": ctx.year}, evidence)
        return Outcome(
            status,
            _("%(count)s recognised initiative(s) of %(scope)s scope or higher in %(span)s; needs %(required)s.")
            % {"count": len(found), "scope": label(InitiativeScope, p["min_scope"]).lower(),
               "span": year_span(years), "required": p["min_count"]},
            evidence,
        )
