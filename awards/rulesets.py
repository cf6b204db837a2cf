"""Rule sets: which one is in force, cloning, and the helpers the workflow uses (vote rule, cash)."""

import datetime
from decimal import Decimal
from fractions import Fraction

from django.db import transaction

from .enums import CampaignKind
from .models import AwardRule, AwardType, Criterion, RuleSet
from .shares import parse_fraction


def rule_set_in_force(year: int) -> RuleSet | None:
    """The rule set with the latest effective_from on or before 31 December of the campaign year: a
    campaign is judged at year end, so a rule set that takes effect during the year governs that year's
    campaign (the 2022 Law, in force 2024-01-01, governs the 2024 campaign)."""
    return RuleSet.objects.filter(effective_from__lte=datetime.date(year, 12, 31)).order_by("-effective_from").first()


def rule_for(award, rule_set: RuleSet | None, campaign_kind: str = CampaignKind.ANNUAL) -> AwardRule | None:
    if rule_set is None:
        return None
    code = getattr(award, "code", award)
    for rule in AwardRule.objects.filter(rule_set=rule_set, award_id=code):
        if campaign_kind in rule.campaign_kinds:
            return rule
    return None


def vote_rule(award, year: int, campaign_kind: str = CampaignKind.ANNUAL) -> tuple[Fraction | None, Fraction]:
    """(share of votes needed, quorum) for the council vote on an award; the share is None when the rule
    set asks for no council vote. The default quorum is two thirds of the members."""
    rule = rule_for(award, rule_set_in_force(year), campaign_kind)
    if rule is None:
        return None, Fraction(2, 3)
    threshold = parse_fraction(rule.vote_threshold) if rule.vote_threshold else None
    return threshold, parse_fraction(rule.quorum or "2/3")


def cash_multiple(award, subject_kind: str, rule_set: RuleSet | None,
                  campaign_kind: str = CampaignKind.ANNUAL) -> Decimal:
    """Multiple of the base salary for a person ("person") or a collective ("collective"): the rule set's
    override when given, else the award type's default."""
    if not isinstance(award, AwardType):
        award = AwardType.objects.get(code=award)
    field = "cash_multiple_person" if subject_kind == "person" else "cash_multiple_collective"
    rule = rule_for(award, rule_set, campaign_kind)
    if rule is None and rule_set is not None:
        rule = AwardRule.objects.filter(rule_set=rule_set, award=award).exclude(**{f"{field}__isnull": True}).first()
    override = getattr(rule, field, None) if rule else None
    return override if override is not None else getattr(award, field)


def cash_amount(award, subject_kind: str, rule_set: RuleSet, campaign_kind: str = CampaignKind.ANNUAL) -> Decimal:
    return (cash_multiple(award, subject_kind, rule_set, campaign_kind) * rule_set.base_salary).quantize(Decimal("1"))


@transaction.atomic
def clone_rule_set(rule_set: RuleSet, effective_from: datetime.date, name: str) -> RuleSet:
    """A new rule set with a copy of every award rule and criterion of `rule_set`, to edit for a new date."""
    clone = RuleSet.objects.create(
        name=name, effective_from=effective_from, base_salary=rule_set.base_salary, cloned_from=rule_set,
        notes=rule_set.notes, par_basis=rule_set.par_basis,
        head_gate_campaign_kinds=list(rule_set.head_gate_campaign_kinds),
        discipline_terms=dict(rule_set.discipline_terms),
    )
    for rule in rule_set.rules.prefetch_related("criteria"):
        criteria = list(rule.criteria.all())
        rule.pk = None
        rule.rule_set = clone
        rule.save()
        Criterion.objects.bulk_create(
            Criterion(rule=rule, position=c.position, code=c.code, kind=c.kind, params=c.params,
                      applies_to=c.applies_to, optional=c.optional, enabled=c.enabled)
            for c in criteria
        )
    return clone
