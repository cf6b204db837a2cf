"""The registry-over-time defaults (issue 12) applied to the rule sets in the database: unscored units are not
gated, every person rule gets a `discipline_term` criterion over its achievement period, districts get their
own PAR band ladder. Idempotent; called by migration awards 0005 with the historical `apps`, and callable
again by a later migration for rule sets seeded after it (e.g. the 2025-07-01 rule set).

Integrator's note: the 2025-07-01 rule set should also read the newest published PAR result:
`RuleSet.par_basis = "latest_published"`."""


NOTE = """
Registry over time (issue 12):
- PAR gates: units the PAR Index does not score (public service units, enterprises, internal offices) are not
  gated; districts rank apart from communes (own ladder, a copy of the communes ladder) [default]
- Head-of-unit gate: whoever headed the unit at any time in the year; annual campaigns only [default]
- Discipline terms by level, used when a record gives no end of term: reprimand 6 months, warning 12,
  demotion 12, dismissal 12 [to confirm]; no part of an award's achievement period may fall in a term"""

PAR_KINDS = ("head_par_gate", "par_class_at_least")


def apply_registry_defaults(apps, effective_from=None):
    """Every rule set, or only the one in force from `effective_from` (a date)."""
    RuleSet = apps.get_model("awards", "RuleSet")
    AwardRule = apps.get_model("awards", "AwardRule")
    Criterion = apps.get_model("awards", "Criterion")
    ParBandLadder = apps.get_model("awards", "ParBandLadder")
    ParBand = apps.get_model("awards", "ParBand")
    rule_sets = RuleSet.objects.all()
    if effective_from is not None:
        rule_sets = rule_sets.filter(effective_from=effective_from)
    for criterion in Criterion.objects.filter(kind__in=PAR_KINDS, rule__rule_set__in=rule_sets):
        if criterion.params.get("unscored", "parent") == "parent":
            criterion.params = {**criterion.params, "unscored": "pass"}
            criterion.save(update_fields=["params"])
    for rule in AwardRule.objects.filter(rule_set__in=rule_sets).select_related("award"):
        if rule.award.recipient_kind not in ("person", "both"):
            continue
        criteria = list(Criterion.objects.filter(rule=rule))
        if any(c.kind == "discipline_term" for c in criteria):
            continue
        span = max([int(c.params.get("years", 1) or 1) for c in criteria if "years" in c.params]
                   + [int(c.params.get("window_years", 1) or 1) for c in criteria if "window_years" in c.params]
                   + [1])
        Criterion.objects.create(rule=rule, position=max([c.position for c in criteria] + [0]) + 1,
                                 code="discipline_term", kind="discipline_term", params={"years": span},
                                 applies_to="person", optional=False)
    for rule_set in rule_sets:
        if "Registry over time" not in rule_set.notes:
            rule_set.notes = (rule_set.notes + "\n" + NOTE).strip()
            rule_set.save(update_fields=["notes"])
    communes = ParBandLadder.objects.filter(group="communes").order_by("effective_from_year")
    for ladder in communes:
        copy, created = ParBandLadder.objects.get_or_create(
            group="districts", effective_from_year=ladder.effective_from_year,
            defaults={"name": ladder.name, "notes": ladder.notes})
        if created:
            for band in ParBand.objects.filter(ladder=ladder):
                ParBand.objects.create(ladder=copy, par_class=band.par_class, lower_bound=band.lower_bound)
