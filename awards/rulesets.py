"""Rule sets: which one is in force, and cloning. What a campaign asks of its rules is answered by
awards.campaign_rules.CampaignRules."""

import datetime

from django.db import transaction

from .models import Criterion, RuleSet


def rule_set_in_force(year: int) -> RuleSet | None:
    """The rule set with the latest effective_from on or before 31 December of the campaign year: a
    campaign is judged at year end, so a rule set that takes effect during the year governs that year's
    campaign (the 2022 Law, in force 2024-01-01, governs the 2024 campaign)."""
    return RuleSet.objects.filter(effective_from__lte=datetime.date(year, 12, 31)).order_by("-effective_from").first()


@transaction.atomic
def clone_rule_set(rule_set: RuleSet, effective_from: datetime.date, name: str) -> RuleSet:
    """A new rule set with a copy of every award rule and criterion of `rule_set`, to edit for a new date."""
    clone = RuleSet.objects.create(
        name=name, effective_from=effective_from, cloned_from=rule_set, notes=rule_set.notes,
        par_basis=rule_set.par_basis, head_gate_campaign_kinds=list(rule_set.head_gate_campaign_kinds),
        discipline_terms=dict(rule_set.discipline_terms),
    )
    copied = [f.attname for f in Criterion._meta.concrete_fields if f.name not in ("id", "rule")]
    for rule in rule_set.rules.prefetch_related("criteria"):
        criteria = list(rule.criteria.all())
        rule.pk = None
        rule.rule_set = clone
        rule.save()
        Criterion.objects.bulk_create(
            Criterion(rule=rule, **{name: getattr(c, name) for name in copied}) for c in criteria
        )
    return clone
