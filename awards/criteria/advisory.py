"""Campaign quotas: reported beside a subject's verdict, never changing it."""

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import FAILED, PASSED, UNKNOWN, Outcome
from .base import CriterionKind, Param, register

ROUNDING = {"floor": ROUND_FLOOR, "half_up": ROUND_HALF_UP, "ceil": ROUND_CEILING}
ROUNDING_LABEL = {"floor": gettext_lazy("rounded down"), "half_up": gettext_lazy("rounded half up"),
                  "ceil": gettext_lazy("rounded up")}


def quota_of(holders: int, percent: Decimal, rounding: str, minimum: int = 0) -> int:
    """At most percent% of holders, rounded as stated, and never below minimum."""
    raw = Decimal(holders) * Decimal(percent) / 100
    return max(int(raw.to_integral_value(rounding=ROUNDING[rounding])), minimum)


@register
class QuotaShare(CriterionKind):
    name = "quota_share"
    label = gettext_lazy("Quota: at most p percent of the holders of title T in the same unit and year")
    advisory = True
    params = (
        Param("of_award", "award"),
        Param("percent", "decimal", "15", minimum=0, maximum=100),
        Param("rounding", "choice", "floor", choices=tuple(ROUNDING)),
        Param("minimum", "int", 0, minimum=0, maximum=1000),
    )

    def awards_quota(self, p):
        return {p["of_award"]}

    def evaluate(self, ctx, p):
        holders = ctx.records.holders.get((ctx.subject.unit_id, p["of_award"], ctx.year), 0)
        quota = quota_of(holders, p["percent"], p["rounding"], p["minimum"])
        unit = ctx.records.unit(ctx.subject.unit_id)
        evidence = {"of_award": p["of_award"], "holders": holders, "percent": str(p["percent"]),
                    "rounding": p["rounding"], "minimum": p["minimum"], "quota": quota,
                    "unit": unit.code if unit else ctx.subject.unit_id}
        values = {"percent": p["percent"], "holders": holders, "award": ctx.award_name(p["of_award"]),
                  "year": ctx.year, "quota": quota, "rounding": ROUNDING_LABEL[p["rounding"]]}
        if holders == 0:
            return Outcome(UNKNOWN, _("Quota: at most %(percent)s%% of the unit's %(award)s holders in %(year)s; "
                                      "none recorded yet.") % values, evidence)
        return Outcome(
            PASSED if quota > 0 else FAILED,
            _("Quota: at most %(percent)s%% of the unit's %(holders)s %(award)s holders in %(year)s = %(quota)s "
              "(%(rounding)s).") % values,
            evidence,
        )


@register
class QuotaCount(CriterionKind):
    name = "quota_count"
    label = gettext_lazy("Quota: at most N per unit or per emulation cluster")
    advisory = True
    params = (
        Param("max_count", "int", 1, minimum=1, maximum=1000),
        Param("per", "choice", "cluster", choices=("cluster", "unit")),
    )

    def evaluate(self, ctx, p):
        unit = ctx.records.unit(ctx.subject.unit_id)
        evidence = {"max_count": p["max_count"], "per": p["per"]}
        if p["per"] == "cluster":
            evidence["cluster_id"] = unit.cluster_id if unit else None
            if not unit or unit.cluster_id is None:
                return Outcome(UNKNOWN, _("Quota: at most %(n)s per emulation cluster, but the unit has no cluster.")
                               % {"n": p["max_count"]}, evidence)
            return Outcome(PASSED, _("Quota: at most %(n)s per emulation cluster.") % {"n": p["max_count"]}, evidence)
        return Outcome(PASSED, _("Quota: at most %(n)s per unit.") % {"n": p["max_count"]}, evidence)
