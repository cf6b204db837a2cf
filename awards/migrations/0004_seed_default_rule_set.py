"""Seed the default rule set (Law on Emulation and Commendation 2022, in force 2024-01-01) expressing the
domain notes' defaults for the eight awards, and the default PAR band ladder for both unit groups."""

import datetime
from decimal import Decimal

from django.db import migrations

NOTES = """Default rules from the Law on Emulation and Commendation 2022 (in force 2024-01-01) and Decree 98/2023.
[firm] values are stated in law; [default] values differ by province and year and should be checked:
- CSTDCS quota: at most 15% of the unit's LDTT holders, rounded down [default]
- CSTD_TINH council vote >= 90%, BK_TINH council vote >= 80%, quorum 2/3 of members [default]
- CSTD_TINH: the provincial-scope initiative may fall in any of the 3 years [default]
- BK_TINH thematic / ad-hoc / long-service path: an outstanding achievement judged by reviewers [default]
- BK_TINH collective: "unity and democracy" is a reviewers' point, shown but not blocking [default]
- GK: rated good or better (annual), a notable achievement judged by reviewers (thematic/ad-hoc) [default]
- TTLDTT: more than 50% of members LDTT, no member disciplined at warning or above [default]
- CO_TINH: TTLDXS in the year and the leading unit of its cluster by PAR score; one per cluster [default]
- PAR gates: TTLDXS, CO_TINH and collective BK_TINH need PAR class good or better; the head of a unit
  classed average or weak, or last in its group, gets no individual title above LDTT [default]
- A member who has not been awarded LDTT/CSTDCS yet counts when eligible for it in the year [default]
- Cash: CO_TINH 8.0, BK_TINH 1.0 / 2.0, GK 0.3 / 0.6 [default]; the others [firm]."""

HEAD_GATE = ("head_par", "head_par_gate", {"min_class": "fair", "not_last": True, "unscored": "parent"}, "person", False)
PAR_GOOD = ("par_class", "par_class_at_least", {"min_class": "good", "not_last": False, "unscored": "parent"},
            "collective", False)

# award, campaign kinds, vote threshold, criteria (code, kind, params, applies_to, optional)
RULES = [
    ("LDTT", ["annual"], "", [
        ("rating", "rating_at_least", {"level": "good", "years": 1}, "both", False),
        ("no_discipline", "no_discipline", {"min_level": "reprimand", "years": 1}, "both", False),
    ]),
    ("CSTDCS", ["annual"], "", [
        ("ldtt", "held_award", {"award": "LDTT", "years": 1, "accept_eligible": True}, "both", False),
        ("initiative", "initiatives", {"min_count": 1, "min_scope": "grassroots", "window_years": 1}, "both", False),
        HEAD_GATE,
        ("quota", "quota_share", {"of_award": "LDTT", "percent": "15", "rounding": "floor", "minimum": 0}, "both",
         False),
    ]),
    ("CSTD_TINH", ["annual"], "9/10", [
        ("cstdcs", "held_award", {"award": "CSTDCS", "years": 3, "accept_eligible": True}, "both", False),
        ("initiative", "initiatives", {"min_count": 1, "min_scope": "provincial", "window_years": 3}, "both", False),
        HEAD_GATE,
    ]),
    ("BK_TINH", ["annual"], "4/5", [
        ("rating", "rating_at_least", {"level": "excellent", "years": 2}, "both", False),
        ("initiatives", "initiatives", {"min_count": 2, "min_scope": "grassroots", "window_years": 2}, "person",
         False),
        HEAD_GATE,
        PAR_GOOD,
        ("unity", "reviewer_judgement", {"topic": "unity_democracy"}, "collective", True),
    ]),
    ("BK_TINH", ["thematic", "adhoc", "long_service"], "4/5", [
        ("achievement", "reviewer_judgement", {"topic": "outstanding_achievement"}, "both", False),
        HEAD_GATE,
    ]),
    ("GK", ["annual"], "", [
        ("rating", "rating_at_least", {"level": "good", "years": 1}, "both", False),
        HEAD_GATE,
    ]),
    ("GK", ["thematic", "adhoc"], "", [
        ("achievement", "reviewer_judgement", {"topic": "notable_achievement"}, "both", False),
        HEAD_GATE,
    ]),
    ("TTLDTT", ["annual"], "", [
        ("rating", "rating_at_least", {"level": "good", "years": 1}, "both", False),
        ("members_ldtt", "members_award_share",
         {"award": "LDTT", "min_percent": "50", "strict": True, "accept_eligible": True}, "both", False),
        ("members_discipline", "members_no_discipline", {"min_level": "warning", "years": 1}, "both", False),
    ]),
    ("TTLDXS", ["annual"], "", [
        ("rating", "rating_at_least", {"level": "excellent", "years": 1}, "both", False),
        ("members_completed", "members_rating_share", {"level": "completed", "min_percent": "100", "strict": False},
         "both", False),
        ("members_ldtt", "members_award_share",
         {"award": "LDTT", "min_percent": "70", "strict": False, "accept_eligible": True}, "both", False),
        ("members_cstdcs", "members_with_award", {"award": "CSTDCS", "min_count": 1, "accept_eligible": True},
         "both", False),
        ("members_discipline", "members_no_discipline", {"min_level": "warning", "years": 1}, "both", False),
        PAR_GOOD,
    ]),
    ("CO_TINH", ["annual"], "", [
        ("ttldxs", "held_award", {"award": "TTLDXS", "years": 1, "accept_eligible": True}, "both", False),
        ("cluster_leader", "cluster_leader", {"method": "par_score"}, "both", False),
        PAR_GOOD,
        ("quota", "quota_count", {"max_count": 1, "per": "cluster"}, "both", False),
    ]),
]

DEFAULT_LADDER = [("excellent", "90"), ("good", "80"), ("fair", "70"), ("average", "50"), ("weak", "0")]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("awards", "RuleSet")
    AwardRule = apps.get_model("awards", "AwardRule")
    Criterion = apps.get_model("awards", "Criterion")
    ParBandLadder = apps.get_model("awards", "ParBandLadder")
    ParBand = apps.get_model("awards", "ParBand")
    if not RuleSet.objects.filter(effective_from=datetime.date(2024, 1, 1)).exists():
        rule_set = RuleSet.objects.create(
            name="Luật Thi đua, Khen thưởng 2022 – mặc định", effective_from=datetime.date(2024, 1, 1),
            base_salary=Decimal("2340000"), notes=NOTES,
        )
        for award, kinds, vote, criteria in RULES:
            rule = AwardRule.objects.create(rule_set=rule_set, award_id=award, campaign_kinds=kinds,
                                            vote_threshold=vote, quorum="2/3")
            for position, (code, kind, params, applies_to, optional) in enumerate(criteria, start=1):
                Criterion.objects.create(rule=rule, position=position, code=code, kind=kind, params=params,
                                         applies_to=applies_to, optional=optional)
    for group in ("agencies", "communes"):
        ladder, created = ParBandLadder.objects.get_or_create(
            group=group, effective_from_year=2000,
            defaults={"name": "Default ladder [default]",
                      "notes": "excellent ≥ 90, good 80–<90, fair 70–<80, average 50–<70, weak < 50"},
        )
        if created:
            for par_class, bound in DEFAULT_LADDER:
                ParBand.objects.create(ladder=ladder, par_class=par_class, lower_bound=Decimal(bound))


def unseed(apps, schema_editor):
    apps.get_model("awards", "RuleSet").objects.filter(effective_from=datetime.date(2024, 1, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_parbandladder_ruleset_evaluationchange_awardrule_and_more")]
    operations = [migrations.RunPython(seed, unseed)]
