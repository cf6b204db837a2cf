"""Rule sets as data: validation of criteria (model and admin), the rule set in force, clone, PAR bands,
vote rules and cash multiples."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from awards.campaign_rules import CampaignRules
from awards.eligibility import evaluate
from awards.models import AwardRule, Criterion, ParBand, ParBandLadder, RuleSet
from awards.par import Ladders, par_info
from awards.rulesets import clone_rule_set, rule_set_in_force
from tests.factories_awards import PersonFactory, UnitFactory, par, rate, single_rule_set

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Assertions below read the English msgids; test_vietnamese_by_default covers the translation."""
    with translation.override("en"):
        yield


def default_rule_set():
    return RuleSet.objects.get(effective_from=datetime.date(2024, 1, 1))


def test_default_rule_set_covers_all_eight_awards():
    rule_set = default_rule_set()
    awards = set(rule_set.rules.values_list("award_id", flat=True))
    assert awards == {"LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "GK", "TTLDTT", "TTLDXS", "CO_TINH"}
    assert "[default]" in rule_set.notes
    for criterion in Criterion.objects.filter(rule__rule_set=rule_set):
        criterion.full_clean()  # every seeded criterion passes the admin's validation


@pytest.mark.parametrize(
    "kind, params, applies_to, field, text",
    [
        ("rating_above", {}, "both", "kind", "Unknown criterion kind"),
        ("rating_at_least", {"level": "superb"}, "both", "params", "must be one of"),
        ("rating_at_least", {"years": "three"}, "both", "params", "whole number"),
        ("rating_at_least", {"years": 0}, "both", "params", "at least 1"),
        ("rating_at_least", {"yeers": 2}, "both", "params", "Unknown parameter"),
        ("rating_at_least", ["good"], "both", "params", "JSON object"),
        ("held_award", {}, "both", "params", "is required"),
        ("held_award", {"award": "NOPE"}, "both", "params", "no award type"),
        ("held_award", {"award": "LDTT", "accept_eligible": "yes"}, "both", "params", "true or false"),
        ("members_rating_share", {"min_percent": 120}, "both", "params", "at most 100"),
        ("members_rating_share", {"min_percent": "lots"}, "both", "params", "expected a number"),
        ("initiatives", {}, "collective", "applies_to", "cannot be applied"),
    ],
)
def test_criterion_validation_refuses_bad_rows(kind, params, applies_to, field, text):
    rule = AwardRule.objects.filter(rule_set=default_rule_set(), award_id="BK_TINH").first()
    criterion = Criterion(rule=rule, code="x", kind=kind, params=params, applies_to=applies_to)
    with pytest.raises(ValidationError) as error:
        criterion.full_clean()
    assert field in error.value.message_dict
    assert text in " ".join(error.value.message_dict[field])


def test_criterion_clean_fills_defaults():
    rule = AwardRule.objects.filter(rule_set=default_rule_set(), award_id="LDTT").first()
    criterion = Criterion(rule=rule, code="x", kind="rating_at_least", params={"years": "2"})
    criterion.full_clean()
    assert criterion.params == {"level": "good", "years": 2}


def test_award_rule_refuses_overlapping_paths_and_bad_shares():
    rule_set = default_rule_set()
    rule = AwardRule(rule_set=rule_set, award_id="BK_TINH", campaign_kinds=["adhoc"], vote_threshold="9/0",
                     quorum="3/2")
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert set(error.value.message_dict) == {"campaign_kinds", "vote_threshold", "quorum"}


def admin_post(client, rule, criterion_rows):
    data = {
        "rule_set": rule.rule_set_id, "award": rule.award_id, "campaign_kinds": '["annual"]',
        "vote_threshold": "", "quorum": "2/3", "cash_multiple_person": "", "cash_multiple_collective": "",
        "notes": "", "vote_source": "province", "cash_source": "law",
        "criteria-TOTAL_FORMS": str(len(criterion_rows)), "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0", "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, (kind, params) in enumerate(criterion_rows):
        data.update({f"criteria-{index}-position": index, f"criteria-{index}-code": f"c{index}",
                     f"criteria-{index}-kind": kind, f"criteria-{index}-params": params,
                     f"criteria-{index}-applies_to": "both", f"criteria-{index}-enabled": "on",
                     f"criteria-{index}-when_failed": "ineligible", f"criteria-{index}-source": "law"})
    client.cookies["django_language"] = "en"  # the interface language is the user's choice, not the browser's
    return client.post(f"/admin/awards/awardrule/{rule.pk}/change/", data)


@pytest.mark.parametrize(
    "kind, params, saved, text",
    [
        ("no_such_kind", "{}", False, "Unknown criterion kind"),
        ("rating_at_least", '{"level": "superb"}', False, "must be one of"),
        ("rating_at_least", '{"level": "excellent", "years": 2}', True, ""),
    ],
)
def test_admin_validates_criteria_on_save(client, administrator, kind, params, saved, text):
    rule_set = single_rule_set("GK", [])
    rule = rule_set.rules.get()
    client.force_login(administrator)
    response = admin_post(client, rule, [(kind, params)])
    assert (response.status_code == 302) is saved
    assert Criterion.objects.filter(rule=rule).exists() is saved
    if text:
        assert text in response.content.decode()


def test_rule_set_in_force_is_the_latest_effective_by_year_end():
    later = RuleSet.objects.get(effective_from=datetime.date(2025, 7, 1))  # Decree 152/2025, seeded
    assert rule_set_in_force(2024) == default_rule_set()
    assert rule_set_in_force(2025) == later  # in force during the year -> governs that year's campaign
    assert rule_set_in_force(2023) is None


def test_no_rule_set_in_force_needs_review():
    verdict = evaluate(PersonFactory(), "LDTT", 2023)
    assert verdict.verdict == "needs_review" and verdict.criteria[0].code == "rule_set"


def test_clone_rule_set_copies_rules_and_criteria():
    original = default_rule_set()
    clone = clone_rule_set(original, datetime.date(2026, 1, 1), "2026 rules")
    assert clone.cloned_from == original
    assert clone.rules.count() == original.rules.count()
    assert Criterion.objects.filter(rule__rule_set=clone).count() == Criterion.objects.filter(
        rule__rule_set=original).count()
    Criterion.objects.filter(rule__rule_set=clone, rule__award_id="LDTT", code="rating").update(
        params={"level": "excellent", "years": 1})
    person = PersonFactory()
    rate(person, 2026, "good")
    assert evaluate(person, "LDTT", 2026).verdict == "ineligible"  # the clone is in force for 2026
    assert evaluate(person, "LDTT", 2026, rule_set=original).verdict == "eligible"  # original untouched


def test_admin_clone_action(client, administrator):
    client.force_login(administrator)
    response = client.post("/admin/awards/ruleset/", {"action": "clone_selected",
                                                       "_selected_action": [default_rule_set().pk]})
    assert response.status_code == 302
    clone = RuleSet.objects.get(cloned_from=default_rule_set(), effective_from=datetime.date(2026, 1, 1))
    assert clone.rules.count() == default_rule_set().rules.count()


def test_vote_rule_and_cash_multiples():
    rules = CampaignRules.for_year(2024)
    assert rules.vote_rule("CSTD_TINH") == (Fraction(9, 10), Fraction(2, 3))
    assert CampaignRules.for_year(2024, "adhoc").vote_rule("BK_TINH") == (Fraction(4, 5), Fraction(2, 3))
    assert rules.vote_threshold("LDTT") is None and rules.vote_rule("LDTT") == (Fraction(1, 2), Fraction(2, 3))
    assert rules.vote_rule("CSTDCS") == (Fraction(4, 5), Fraction(2, 3))  # corrected: CSTDCS has a council vote
    assert rules.cash_multiple("BK_TINH", "person") == Decimal("1.0")
    assert rules.cash_multiple("BK_TINH", "collective") == Decimal("2.0")
    AwardRule.objects.filter(rule_set=default_rule_set(), award_id="BK_TINH", campaign_kinds=["annual"]).update(
        cash_multiple_collective=Decimal("2.5"))
    assert CampaignRules.for_year(2024).cash_multiple("BK_TINH", "collective") == Decimal("2.5")


@pytest.mark.parametrize("on, amount", [
    (datetime.date(2024, 1, 15), 5_400_000),  # 1,800,000 until 30 June 2024 (Decree 24/2023)
    (datetime.date(2024, 6, 30), 5_400_000),
    (datetime.date(2024, 7, 1), 7_020_000),  # 2,340,000 from 1 July 2024 (Decree 73/2024)
])
def test_cash_amount_uses_the_base_salary_in_force_on_the_date(on, amount):
    rules = CampaignRules.for_year(2024)
    assert rules.base_salary(on) == {5_400_000: 1_800_000, 7_020_000: 2_340_000}[amount]
    assert rules.cash_amount("CSTD_TINH", "person", on) == amount


@pytest.mark.parametrize(
    "score, expected",
    [("100", "excellent"), ("90.00", "excellent"), ("89.99", "good"), ("80.0", "good"), ("79.99", "fair"),
     ("70", "fair"), ("69.99", "average"), ("50", "average"), ("49.99", "weak"), ("0", "weak")],
)
def test_default_ladder_boundaries_are_exact(score, expected):
    assert Ladders.load().classify(Decimal(score), "agencies", 2024) == expected


def test_ladder_per_group_and_year():
    ladder = ParBandLadder.objects.create(name="Other", group="communes", effective_from_year=2025)
    for par_class, bound in [("good", 85), ("fair", 70), ("average", 0)]:
        ParBand.objects.create(ladder=ladder, par_class=par_class, lower_bound=bound)
    ladders = Ladders.load()
    assert ladders.classify(Decimal("84.99"), "communes", 2025) == "fair"
    assert ladders.classify(Decimal("84.99"), "communes", 2024) == "good"  # the older ladder still applies
    assert ladders.classify(Decimal("84.99"), "agencies", 2025) == "good"


def test_rank_within_group_published_or_computed():
    a, b, c = (UnitFactory(kind="commune") for _ in range(3))
    agency = UnitFactory(kind="agency")
    par(a, 2024, "91")
    par(b, 2024, "85")
    par(c, 2024, "85")
    par(agency, 2024, "10")
    infos = {u: par_info(u, 2024) for u in (a, b, c, agency)}
    assert [infos[u].rank for u in (a, b, c)] == [1, 2, 2]  # ties share a rank
    assert [infos[u].is_last for u in (a, b, c)] == [False, True, True]
    assert infos[agency].rank == 1 and not infos[agency].is_last  # alone in its group
    assert infos[a].group == "communes" and infos[a].group_size == 3


def test_par_band_ladder_admin_refuses_inconsistent_bands(client, administrator):
    client.force_login(administrator)
    data = {"name": "Bad", "group": "agencies", "effective_from_year": 2030, "notes": "",
            "bands-TOTAL_FORMS": "2", "bands-INITIAL_FORMS": "0", "bands-MIN_NUM_FORMS": "0",
            "bands-MAX_NUM_FORMS": "1000", "bands-0-par_class": "good", "bands-0-lower_bound": "60",
            "bands-1-par_class": "fair", "bands-1-lower_bound": "70"}
    response = client.post("/admin/awards/parbandladder/add/", data)
    assert response.status_code == 200
    assert not ParBandLadder.objects.filter(name="Bad").exists()
    data.update({"bands-0-lower_bound": "80", "bands-1-lower_bound": "0"})
    assert client.post("/admin/awards/parbandladder/add/", data).status_code == 302


def test_par_bands_export():
    from awards.eligibility import par_bands

    assert CampaignRules.for_year(2024).par_bands("agencies") == par_bands(2024)

    assert par_bands(2024) == [("excellent", 90.0, 101.0), ("good", 80.0, 90.0), ("fair", 70.0, 80.0),
                               ("average", 50.0, 70.0), ("weak", 0.0, 50.0)]
    assert par_bands(1990) == []
