"""Recognised initiatives (sáng kiến), research results and models of a person. An initiative serves one
award (Official Letter 5007/BNV-TĐKT, 2023): one already used by another award is skipped, and listed."""

from django.utils.translation import gettext_lazy

from units.enums import SCOPE_RANK, InitiativeKind, InitiativeScope

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import FAILED, PASSED, PERSON, Outcome
from .base import CriterionKind, Param, register
from .common import SCOPE_CHOICES, label, window, year_span

KINDS_HELP = "Comma-separated kinds that count: initiative, research, model."


def used_elsewhere(item, award_code: str, year: int) -> bool:
    """Used by an award other than the one being judged (its own award keeps counting it)."""
    return item.used_award is not None and (item.used_award, item.used_year) != (award_code, year)


@register
class Initiatives(CriterionKind):
    name = "initiatives"
    label = gettext_lazy("At least K recognised initiatives of scope ≥ S within a window of years")
    subjects = frozenset({PERSON})
    params = (
        Param("min_count", "int", 1, minimum=1, maximum=20),
        Param("min_scope", "choice", "grassroots", choices=SCOPE_CHOICES),
        Param("window_years", "int", 1, minimum=1, maximum=10),
        Param("kinds", "str", "initiative,research", help=KINDS_HELP),
        Param("or_rated", "choice", "none", choices=("none", "excellent"),
              help="excellent = a year rated excellent also qualifies without an initiative (a reading some "
                   "secondary sources give); none = an initiative is needed"),
    )

    def validate(self, params, known_awards=None):
        errors = super().validate(params, known_awards)
        kinds = params.get("kinds") if isinstance(params, dict) else None
        if isinstance(kinds, str):
            unknown = [k for k in _kinds(kinds) if k not in InitiativeKind.values]
            if unknown or not _kinds(kinds):
                errors.append(_("Parameter “kinds”: must be among: %(choices)s.")
                              % {"choices": ", ".join(InitiativeKind.values)})
        return errors

    def span(self, p):
        return p["window_years"]

    def evaluate(self, ctx, p):
        years = window(ctx.year, p["window_years"])
        need = SCOPE_RANK[p["min_scope"]]
        kinds = _kinds(p["kinds"])
        found, skipped = [], []
        for item in sorted(ctx.records.initiatives.get(ctx.subject.id, ())):
            if not (years[0] <= item.recognised_on.year <= years[-1]) or SCOPE_RANK[item.scope] < need:
                continue
            if item.kind not in kinds:
                continue
            (skipped if used_elsewhere(item, ctx.award_code, ctx.year) else found).append(item)
        evidence = {
            "initiatives": [{"title": i.title, "scope": i.scope, "kind": i.kind,
                             "recognised_on": i.recognised_on.isoformat()} for i in found],
            "skipped_used": [{"title": i.title, "used_for": f"{i.used_award}:{i.used_year}"} for i in skipped],
            "required": p["min_count"],
            "min_scope": p["min_scope"],
            "kinds": kinds,
            "years": years,
        }
        status = PASSED if len(found) >= p["min_count"] else FAILED
        message = _("%(count)s recognised initiative(s) of %(scope)s scope or higher in %(span)s; needs "
                    "%(required)s.") % {
            "count": len(found), "scope": label(InitiativeScope, p["min_scope"]).lower(),
            "span": year_span(years), "required": p["min_count"]}
        if found:
            message += " " + _("Counted: %(titles)s.") % {"titles": "; ".join(i.title for i in found)}
        if skipped:
            message += " " + _("Skipped as already used: %(titles)s.") % {
                "titles": "; ".join(f"{i.title} ({i.used_award} {i.used_year})" for i in skipped)}
        if status == FAILED and p.get("or_rated") == "excellent" and ctx.records.rating(ctx.subject, ctx.year) == (
                "excellent"):
            evidence["rated"] = "excellent"
            return Outcome(PASSED, _("Rated excellent in %(year)s, which this rule set accepts in place of an "
                                     "initiative.") % {"year": ctx.year}, evidence)
        return Outcome(status, message, evidence)


def _kinds(value: str) -> list[str]:
    return [k.strip() for k in str(value).split(",") if k.strip()]
