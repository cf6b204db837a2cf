"""PAR Index gates: the unit's class for collectives, the head-of-unit gate for people, and the leading
unit of an emulation cluster."""

from django.utils.translation import gettext_lazy

from units import timeline
from units.enums import PAR_CLASS_RANK, ParClass

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import COLLECTIVE, FAILED, PASSED, PERSON, UNKNOWN, Outcome
from .base import CriterionKind, Param, register
from .common import PAR_CHOICES, label, worst

UNSCORED_CHOICES = ("parent", "review", "pass")
UNSCORED_HELP = (
    "For a unit the PAR Index does not score (its kind has no PAR group: see PAR groups of unit kinds): "
    "pass = the gate does not apply (the default), parent = use the nearest ancestor's result, "
    "review = needs review."
)


def rule_set_value(ctx, name: str, default):
    """A registry-over-time setting of the rule set the engine judges by (its default when absent)."""
    return getattr(ctx.engine.rule_set, name, None) or default


def par_basis(ctx) -> str:
    return rule_set_value(ctx, "par_basis", timeline.SAME_YEAR)


def unit_par(records, unit, year: int, unscored: str, basis: str = timeline.SAME_YEAR):
    """(ParInfo or None, the unit whose result is used or None, note) for a unit and year. A unit kind the
    PAR Index does not score that year (ParGroupKind data) is not gated (note "not_scored") unless the
    criterion asks otherwise."""
    info, _used_year = records.par_for(unit.id, year, basis)
    if info is not None or records.par_group(unit.kind, year):
        return info, unit.id, "own"
    if unscored == "pass":
        return None, None, "not_scored"
    if unscored == "parent":
        for ancestor_id in unit.ancestor_ids:
            info, _used_year = records.par_for(ancestor_id, year, basis)
            if info is not None:
                return info, ancestor_id, "parent"
    return None, None, "missing"


def describe(info) -> str:
    return _("%(class)s (%(score)s)") % {"class": label(ParClass, info.par_class), "score": info.score}


def check_unit(records, unit, year, min_class, not_last, unscored, basis=timeline.SAME_YEAR):
    """(status, evidence, text) for one unit against a class floor (and optionally 'not last')."""
    info, used, note = unit_par(records, unit, year, unscored, basis)
    evidence = {"unit": unit.code, "source": note, "basis": basis}
    if note == "not_scored":
        return PASSED, evidence, _("%(unit)s is not scored by the PAR Index") % {"unit": unit.code}
    if info is None:
        if basis == timeline.LATEST_PUBLISHED:
            return UNKNOWN, evidence, _("no PAR result for %(unit)s published by %(date)s") % {
                "unit": unit.code, "date": records.as_of.isoformat()}
        return UNKNOWN, evidence, _("no PAR %(year)s result for %(unit)s") % {"year": year, "unit": unit.code}
    evidence.update(info.evidence())
    evidence["par_year"] = info.year
    if used != unit.id:
        parent = records.unit(used)
        evidence["par_unit_id"] = used
        evidence["par_unit"] = parent.code if parent else used
    text = _("PAR %(year)s of %(unit)s: %(desc)s") % {"year": info.year, "unit": unit.code, "desc": describe(info)}
    if basis == timeline.LATEST_PUBLISHED:
        text += " " + _("(the newest published by %(date)s)") % {"date": records.as_of.isoformat()}
    if info.par_class is None:
        return UNKNOWN, evidence, text + " – " + _("no band ladder classifies this score")
    if PAR_CLASS_RANK[info.par_class] < PAR_CLASS_RANK[min_class]:
        return FAILED, evidence, text
    if not_last and info.is_last:
        return FAILED, evidence, text + " – " + _("last in its group (rank %(rank)s of %(size)s)") % {
            "rank": info.rank, "size": info.group_size}
    return PASSED, evidence, text


@register
class ParClassAtLeast(CriterionKind):
    name = "par_class_at_least"
    label = gettext_lazy("The unit's PAR class in the year at least C")
    subjects = frozenset({COLLECTIVE})
    params = (
        Param("min_class", "choice", "good", choices=PAR_CHOICES),
        Param("not_last", "bool", False),
        Param("unscored", "choice", "pass", choices=UNSCORED_CHOICES, help=UNSCORED_HELP),
    )

    def evaluate(self, ctx, p):
        unit = ctx.records.unit(ctx.subject.id)
        status, evidence, text = check_unit(ctx.records, unit, ctx.year, p["min_class"], p["not_last"], p["unscored"],
                                            par_basis(ctx))
        evidence["required"] = p["min_class"]
        return Outcome(
            status,
            _("%(text)s; needs %(class)s or better.") % {"text": text, "class": label(ParClass, p["min_class"])},
            evidence,
        )


@register
class HeadParGate(CriterionKind):
    name = "head_par_gate"
    label = gettext_lazy("Head-of-unit gate: the headed unit's PAR class at least C and not last in its group")
    subjects = frozenset({PERSON})
    params = (
        Param("min_class", "choice", "fair", choices=PAR_CHOICES),
        Param("not_last", "bool", True),
        Param("unscored", "choice", "pass", choices=UNSCORED_CHOICES, help=UNSCORED_HELP),
    )

    def evaluate(self, ctx, p):
        campaign_kind = ctx.engine.campaign_kind if ctx.depth == 0 else "annual"
        gated_kinds = rule_set_value(ctx, "head_gate_campaign_kinds", ["annual"])
        if campaign_kind not in gated_kinds:
            return Outcome(PASSED, _("The head-of-unit gate applies to %(kinds)s campaigns only.")
                           % {"kinds": ", ".join(gated_kinds)}, {"heads": [], "campaign_kind": campaign_kind})
        headed = ctx.records.heads_in(ctx.subject.id, ctx.year)
        if not headed:
            return Outcome(PASSED, _("Not the head of a unit in %(year)s: the PAR gate does not apply.")
                           % {"year": ctx.year}, {"heads": []})
        basis = par_basis(ctx)
        checks = [check_unit(ctx.records, u, ctx.year, p["min_class"], p["not_last"], p["unscored"], basis)
                  for u in headed]
        status = worst(c[0] for c in checks)
        evidence = {"heads": [c[1] for c in checks], "required": p["min_class"], "not_last": p["not_last"]}
        needs = label(ParClass, p["min_class"])
        if p["not_last"]:
            rule = _("a head needs the unit's PAR class %(class)s or better and not last in its group") % {
                "class": needs}
        else:
            rule = _("a head needs the unit's PAR class %(class)s or better") % {"class": needs}
        return Outcome(status, "; ".join(c[2] for c in checks) + "; " + rule + ".", evidence)


@register
class ClusterLeader(CriterionKind):
    name = "cluster_leader"
    label = gettext_lazy("A leading unit of its emulation cluster by the cluster's own yearly scoring")
    subjects = frozenset({COLLECTIVE})
    params = (
        Param("method", "choice", "cluster_score", choices=("cluster_score", "review"),
              help="cluster_score = the cluster's yearly emulation scores; review = judged by the reviewers"),
        Param("leaders", "int", 1, minimum=1, maximum=100, help="How many units lead each cluster."),
    )

    def evaluate(self, ctx, p):
        own = ctx.records.cluster_scores.get((ctx.subject.id, ctx.year))
        evidence = {"method": p["method"], "leaders": p["leaders"]}
        if p["method"] == "review":
            return Outcome(UNKNOWN, _("The leading unit of the cluster is chosen by the reviewers."), evidence)
        if own is None:
            return Outcome(UNKNOWN, _("No %(year)s cluster emulation score for %(unit)s.")
                           % {"year": ctx.year, "unit": ctx.subject.code}, evidence)
        evidence.update(own.evidence())
        values = {"year": ctx.year, "score": own.score, "rank": own.rank, "n": own.size, "cluster": own.cluster,
                  "leaders": p["leaders"]}
        if own.rank <= p["leaders"]:
            return Outcome(PASSED, _("%(year)s cluster score %(score)s: rank %(rank)s of %(n)s in %(cluster)s; the "
                                     "first %(leaders)s lead.") % values, evidence)
        return Outcome(FAILED, _("%(year)s cluster score %(score)s: rank %(rank)s of %(n)s in %(cluster)s; only the "
                                 "first %(leaders)s lead.") % values, evidence)
