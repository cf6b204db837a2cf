"""Member ratios of a collective. Members are the people whose unit is the collective itself (direct
members, not sub-units: each sub-unit is a collective of its own)."""

from django.utils.translation import gettext_lazy

from units.enums import RATING_RANK, RatingLevel

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import COLLECTIVE, FAILED, PASSED, UNKNOWN, Outcome
from .base import CriterionKind, Param, register
from .common import DISCIPLINE_CHOICES, RATING_CHOICES, label, share_status, window, year_span
from .discipline import disciplined


def no_members(ctx):
    return Outcome(UNKNOWN, _("No members recorded for %(unit)s.") % {"unit": ctx.subject.code}, {"members": 0})


def member_award_counts(ctx, code, accept_eligible):
    yes, unknown, no = [], [], []
    for member in ctx.records.members.get(ctx.subject.id, ()):
        if code in ctx.records.honours(member, ctx.year):
            yes.append(member.code)
        elif accept_eligible:
            status = ctx.nested_status(member, code, ctx.year)
            {PASSED: yes, FAILED: no, UNKNOWN: unknown}[status].append(member.code)
        else:
            no.append(member.code)
    return yes, unknown, no


def share_outcome(ctx, template, yes, unknown, total, percent, strict, what, extra=None):
    status = share_status(len(yes), len(unknown), total, percent, strict)
    evidence = {"members": total, "yes": len(yes), "unknown": len(unknown), "required_percent": str(percent),
                "strict": strict, "unknown_members": unknown[:20]}
    evidence.update(extra or {})
    op = ">" if strict else "≥"
    message = template % {"yes": len(yes), "total": total, "what": what, "op": op, "percent": percent,
                          "unknown": len(unknown)}
    return Outcome(status, message, evidence)


@register
class MembersRatingShare(CriterionKind):
    name = "members_rating_share"
    label = gettext_lazy("Share of members rated at least X")
    subjects = frozenset({COLLECTIVE})
    params = (
        Param("level", "choice", "completed", choices=RATING_CHOICES),
        Param("min_percent", "decimal", "100", minimum=0, maximum=100),
        Param("strict", "bool", False, help="true = more than the share, false = at least the share"),
    )

    def evaluate(self, ctx, p):
        members = ctx.records.members.get(ctx.subject.id, ())
        if not members:
            return no_members(ctx)
        need = RATING_RANK[p["level"]]
        yes, unknown = [], []
        for member in members:
            rating = ctx.records.rating(member, ctx.year)
            if rating is None:
                unknown.append(member.code)
            elif RATING_RANK[rating] >= need:
                yes.append(member.code)
        what = _("rated %(level)s or better in %(year)s") % {"level": label(RatingLevel, p["level"]),
                                                            "year": ctx.year}
        return share_outcome(
            ctx, _("%(yes)s of %(total)s members %(what)s (%(unknown)s without a rating); needs %(op)s %(percent)s%%."),
            yes, unknown, len(members), p["min_percent"], p["strict"], what, {"level": p["level"]},
        )


@register
class MembersAwardShare(CriterionKind):
    name = "members_award_share"
    label = gettext_lazy("Share of members holding award T")
    subjects = frozenset({COLLECTIVE})
    params = (
        Param("award", "award"),
        Param("min_percent", "decimal", "50", minimum=0, maximum=100),
        Param("strict", "bool", False, help="true = more than the share, false = at least the share"),
        Param("accept_eligible", "bool", True,
              help="Count a member who is eligible for the award in the year but not yet decided."),
    )

    def evaluate(self, ctx, p):
        members = ctx.records.members.get(ctx.subject.id, ())
        if not members:
            return no_members(ctx)
        yes, unknown, _no = member_award_counts(ctx, p["award"], p["accept_eligible"])
        what = _("hold or qualify for %(award)s in %(year)s") % {"award": ctx.award_name(p["award"]), "year": ctx.year}
        return share_outcome(
            ctx, _("%(yes)s of %(total)s members %(what)s (%(unknown)s to review); needs %(op)s %(percent)s%%."),
            yes, unknown, len(members), p["min_percent"], p["strict"], what, {"award": p["award"]},
        )


@register
class MembersWithAward(CriterionKind):
    name = "members_with_award"
    label = gettext_lazy("At least K members holding award T")
    subjects = frozenset({COLLECTIVE})
    params = (
        Param("award", "award"),
        Param("min_count", "int", 1, minimum=1, maximum=1000),
        Param("accept_eligible", "bool", True,
              help="Count a member who is eligible for the award in the year but not yet decided."),
    )

    def evaluate(self, ctx, p):
        members = ctx.records.members.get(ctx.subject.id, ())
        if not members:
            return no_members(ctx)
        yes, unknown, _no = member_award_counts(ctx, p["award"], p["accept_eligible"])
        if len(yes) >= p["min_count"]:
            status = PASSED
        elif len(yes) + len(unknown) >= p["min_count"]:
            status = UNKNOWN
        else:
            status = FAILED
        evidence = {"award": p["award"], "members": len(members), "yes": yes[:20], "unknown": unknown[:20],
                    "required": p["min_count"]}
        return Outcome(
            status,
            _("%(yes)s member(s) hold or qualify for %(award)s in %(year)s (%(unknown)s to review); needs at least "
              "%(required)s.") % {"yes": len(yes), "award": ctx.award_name(p["award"]), "year": ctx.year,
                                  "unknown": len(unknown), "required": p["min_count"]},
            evidence,
        )


@register
class MembersNoDiscipline(CriterionKind):
    name = "members_no_discipline"
    label = gettext_lazy("No member disciplined at level ≥ L in the year")
    subjects = frozenset({COLLECTIVE})
    params = (
        Param("min_level", "choice", "warning", choices=DISCIPLINE_CHOICES),
        Param("years", "int", 1, minimum=1, maximum=10),
    )

    def span(self, p):
        return p["years"]

    def evaluate(self, ctx, p):
        years = window(ctx.year, p["years"])
        members = ctx.records.members.get(ctx.subject.id, ())
        hits = [(m.code, on.isoformat(), lvl) for m in members
                for on, lvl in disciplined(ctx.records, m.id, years, p["min_level"])]
        from units.enums import DisciplineLevel

        evidence = {"members": len(members), "records": [{"member": c, "decided_on": d, "level": lvl}
                                                          for c, d, lvl in hits[:20]], "min_level": p["min_level"]}
        values = {"n": len({h[0] for h in hits}), "min": label(DisciplineLevel, p["min_level"]),
                  "span": year_span(years)}
        if hits:
            return Outcome(FAILED, _("%(n)s member(s) disciplined from %(min)s upward in %(span)s.") % values,
                           evidence)
        return Outcome(PASSED, _("No member disciplined from %(min)s upward in %(span)s.") % values, evidence)
