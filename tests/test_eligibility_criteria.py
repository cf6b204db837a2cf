"""Table-driven tests of every criterion kind, with their boundaries."""

import datetime

import pytest
from django.utils import translation

from awards.criteria.advisory import quota_of
from awards.eligibility import evaluate
from awards.models import Criterion
from tests.factories_awards import (
    DisciplineFactory,
    EmulationClusterFactory,
    PersonFactory,
    UnitFactory,
    add_rule,
    cluster_score,
    honour,
    initiative,
    par,
    rate,
    single_rule_set,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Assertions below read the English msgids; test_vietnamese_by_default covers the translation."""
    with translation.override("en"):
        yield
YEAR = 2024


def judge(subject, kind, params, award="LDTT", year=YEAR, applies_to="both"):
    rule_set = single_rule_set(award, [("c", kind, params, applies_to)])
    verdict = evaluate(subject, award, year, rule_set=rule_set)
    return verdict, verdict.criteria[0]


@pytest.mark.parametrize(
    "ratings, params, status",
    [
        ({2024: "good"}, {"level": "good"}, "passed"),
        ({2024: "excellent"}, {"level": "good"}, "passed"),
        ({2024: "completed"}, {"level": "good"}, "failed"),
        ({}, {"level": "good"}, "unknown"),  # missing rating -> needs review, never a silent fail
        ({2023: "excellent", 2024: "excellent"}, {"level": "excellent", "years": 2}, "passed"),
        ({2024: "excellent"}, {"level": "excellent", "years": 2}, "unknown"),
        ({2023: "good", 2024: "excellent"}, {"level": "excellent", "years": 2}, "failed"),
        ({2022: "excellent", 2024: "excellent"}, {"level": "excellent", "years": 3}, "unknown"),  # gap year
        ({2022: "excellent", 2023: "good", 2024: "excellent"}, {"level": "excellent", "years": 3}, "failed"),
    ],
)
def test_rating_at_least(ratings, params, status):
    person = PersonFactory()
    for year, level in ratings.items():
        rate(person, year, level)
    verdict, result = judge(person, "rating_at_least", params)
    assert result.status == status
    assert verdict.verdict == {"passed": "eligible", "failed": "ineligible", "unknown": "needs_review"}[status]
    assert result.evidence["required"] == params["level"]


def test_rating_at_least_for_a_collective():
    unit = UnitFactory()
    rate(unit, YEAR, "excellent")
    assert judge(unit, "rating_at_least", {"level": "excellent"}, award="TTLDXS")[1].status == "passed"


@pytest.mark.parametrize(
    "held_years, years, status",
    [
        ([2022, 2023, 2024], 3, "passed"),
        ([2022, 2024], 3, "failed"),  # a gap year breaks the consecutive run
        ([2023, 2024], 3, "failed"),
        ([2024], 1, "passed"),
        ([2023], 1, "failed"),
    ],
)
def test_held_award(held_years, years, status):
    person = PersonFactory()
    for year in held_years:
        honour(person, "CSTDCS", year)
    _v, result = judge(person, "held_award", {"award": "CSTDCS", "years": years}, award="CSTD_TINH")
    assert result.status == status


@pytest.mark.parametrize(
    "rating, status", [("good", "passed"), ("completed", "failed"), (None, "unknown")]
)
def test_held_award_accepts_eligibility_in_the_campaign_year(rating, status):
    """CSTDCS needs LDTT in the year: not decided yet, so LDTT eligibility (default rule set) counts."""
    person = PersonFactory()
    if rating:
        rate(person, YEAR, rating)
    rule_set = single_rule_set("CSTDCS", [("ldtt", "held_award", {"award": "LDTT", "accept_eligible": True})])
    add_rule(rule_set, "LDTT", [("rating", "rating_at_least", {"level": "good"})])
    result = evaluate(person, "CSTDCS", YEAR, rule_set=rule_set).criteria[0]
    assert result.status == status


@pytest.mark.parametrize(
    "found, params, status",
    [
        ([(2024, "grassroots")], {}, "passed"),
        ([], {}, "failed"),
        ([(2023, "grassroots")], {}, "failed"),
        ([(2023, "grassroots"), (2024, "grassroots")], {"min_count": 2, "window_years": 2}, "passed"),
        ([(2022, "grassroots"), (2024, "grassroots")], {"min_count": 2, "window_years": 2}, "failed"),
        ([(2024, "grassroots")], {"min_scope": "provincial"}, "failed"),
        ([(2024, "national")], {"min_scope": "provincial"}, "passed"),
        ([(2022, "provincial")], {"min_scope": "provincial", "window_years": 3}, "passed"),
    ],
)
def test_initiatives(found, params, status):
    person = PersonFactory()
    for year, scope in found:
        initiative(person, year, scope)
    assert judge(person, "initiatives", params, award="CSTDCS")[1].status == status


@pytest.mark.parametrize(
    "records, params, status",
    [
        ([], {}, "passed"),
        ([("reprimand", datetime.date(2024, 12, 31))], {}, "failed"),
        ([("reprimand", datetime.date(2025, 1, 1))], {}, "passed"),  # decided in the next calendar year
        ([("reprimand", datetime.date(2023, 12, 31))], {}, "passed"),
        ([("reprimand", datetime.date(2024, 5, 1))], {"min_level": "warning"}, "passed"),
        ([("dismissal", datetime.date(2024, 5, 1))], {"min_level": "warning"}, "failed"),
    ],
)
def test_no_discipline(records, params, status):
    person = PersonFactory()
    for level, on in records:
        DisciplineFactory(person=person, level=level, decided_on=on)
    assert judge(person, "no_discipline", params)[1].status == status


@pytest.mark.parametrize(
    "score, published, params, status",
    [
        ("80.00", "", {"min_class": "good"}, "passed"),  # exact band edge: 80.0 is good
        ("79.99", "", {"min_class": "good"}, "failed"),  # 79.99 is fair
        ("85.00", "fair", {"min_class": "good"}, "failed"),  # a published class overrides the score
        ("75.00", "good", {"min_class": "good"}, "passed"),
        (None, "", {"min_class": "good"}, "unknown"),  # missing PAR result -> needs review
    ],
)
def test_par_class_at_least(score, published, params, status):
    unit = UnitFactory(kind="agency")
    if score is not None:
        par(unit, YEAR, score, published)
    verdict, result = judge(unit, "par_class_at_least", params, award="TTLDXS")
    assert result.status == status
    if score:
        assert result.evidence["class_source"] == ("published" if published else "derived")


@pytest.mark.parametrize(
    "unscored, parent_score, status",
    [("parent", "90", "passed"), ("parent", "60", "failed"), ("parent", None, "unknown"),
     ("review", "90", "unknown"), ("pass", None, "passed")],
)
def test_par_class_of_a_unit_the_index_does_not_score(unscored, parent_score, status):
    agency = UnitFactory(kind="agency")
    school = UnitFactory(kind="public_service", parent=agency)
    if parent_score:
        par(agency, YEAR, parent_score)
    params = {"min_class": "good", "unscored": unscored}
    assert judge(school, "par_class_at_least", params, award="TTLDXS")[1].status == status


@pytest.mark.parametrize(
    "own_score, other_score, params, status",
    [
        (None, None, {}, "passed"),  # not a head: the gate does not apply
        ("40", "95", {}, "failed"),  # head of a weak unit
        ("65", "95", {}, "failed"),  # head of an average unit
        ("72", "70", {}, "passed"),  # fair and not last
        ("72", "95", {}, "failed"),  # fair but last in its group
        ("72", "95", {"not_last": False}, "passed"),
        ("missing", "95", {}, "unknown"),  # heads a unit without a PAR result
    ],
)
def test_head_par_gate(own_score, other_score, params, status):
    unit = UnitFactory(kind="agency")
    person = PersonFactory(unit=unit)
    if own_score is not None:
        unit.head = person
        unit.save()
        if own_score != "missing":
            par(unit, YEAR, own_score)
    par(UnitFactory(kind="agency"), YEAR, other_score or "99")
    verdict, result = judge(person, "head_par_gate", params, award="CSTDCS")
    assert result.status == status


def test_head_last_by_published_rank():
    unit = UnitFactory(kind="commune")
    person = PersonFactory(unit=unit)
    unit.head = person
    unit.save()
    par(unit, YEAR, "88", rank=3)
    par(UnitFactory(kind="commune"), YEAR, "80", rank=1)
    par(UnitFactory(kind="commune"), YEAR, "70", rank=2)
    result = judge(person, "head_par_gate", {}, award="CSTDCS")[1]
    assert result.status == "failed"
    assert result.evidence["heads"][0]["last_in_group"] is True


@pytest.mark.parametrize(
    "scores, params, status",
    [
        (("91", "85", "70"), {}, "passed"),
        (("85", "91", "70"), {}, "failed"),
        (("85", "91", "70"), {"leaders": 2}, "passed"),  # how many lead each cluster is a parameter
        (("70", "91", "85"), {"leaders": 2}, "failed"),
        (("91", "91", "70"), {}, "passed"),  # a tie shares the lead
    ],
)
def test_cluster_leader_reads_the_clusters_own_scores_not_par(scores, params, status):
    cluster = EmulationClusterFactory()
    unit = UnitFactory(kind="agency", cluster=cluster)
    rivals = [UnitFactory(kind="agency", cluster=cluster) for _ in scores[1:]]
    for subject, score in zip([unit, *rivals], scores, strict=True):
        cluster_score(subject, YEAR, score)
    par(unit, YEAR, "10")  # the PAR Index plays no part
    for rival in rivals:
        par(rival, YEAR, "99")
    cluster_score(UnitFactory(kind="agency", cluster=EmulationClusterFactory()), YEAR, "99")  # another cluster
    result = judge(unit, "cluster_leader", params, award="CO_TINH")[1]
    assert result.status == status, result.message
    assert result.evidence["units_in_cluster"] == 3


def test_cluster_leader_published_rank_wins():
    cluster = EmulationClusterFactory()
    unit, rival = UnitFactory(kind="agency", cluster=cluster), UnitFactory(kind="agency", cluster=cluster)
    cluster_score(unit, YEAR, "80", rank=1)
    cluster_score(rival, YEAR, "90", rank=2)
    result = judge(unit, "cluster_leader", {}, award="CO_TINH")[1]
    assert result.status == "passed" and result.evidence["rank_source"] == "published"


def test_cluster_leader_without_a_cluster_score_needs_review():
    unit = UnitFactory(kind="agency", cluster=EmulationClusterFactory())
    par(unit, YEAR, "99")
    assert judge(unit, "cluster_leader", {}, award="CO_TINH")[1].status == "unknown"


def members(unit, ratings):
    people = []
    for level in ratings:
        person = PersonFactory(unit=unit)
        if level:
            rate(person, YEAR, level)
        people.append(person)
    return people


@pytest.mark.parametrize(
    "ratings, params, status",
    [
        (["good", "completed", "excellent"], {"level": "completed", "min_percent": 100}, "passed"),
        (["good", "not_completed", "excellent"], {"level": "completed", "min_percent": 100}, "failed"),
        (["good", None, "excellent"], {"level": "completed", "min_percent": 100}, "unknown"),
        (["good", None, None, None], {"level": "good", "min_percent": 25}, "passed"),
        ([], {"level": "completed"}, "unknown"),
    ],
)
def test_members_rating_share(ratings, params, status):
    unit = UnitFactory()
    members(unit, ratings)
    assert judge(unit, "members_rating_share", params, award="TTLDXS")[1].status == status


@pytest.mark.parametrize(
    "holders, size, params, status",
    [
        (2, 4, {"min_percent": 50, "strict": True}, "failed"),  # exactly half is not "more than half"
        (3, 4, {"min_percent": 50, "strict": True}, "passed"),
        (2, 4, {"min_percent": 50, "strict": False}, "passed"),
        (7, 10, {"min_percent": 70}, "passed"),
        (6, 10, {"min_percent": 70}, "failed"),
    ],
)
def test_members_award_share(holders, size, params, status):
    unit = UnitFactory()
    for index, person in enumerate(members(unit, [None] * size)):
        if index < holders:
            honour(person, "LDTT", YEAR)
    params = {"award": "LDTT", "accept_eligible": False, **params}
    assert judge(unit, "members_award_share", params, award="TTLDTT")[1].status == status


def test_members_award_share_counts_members_eligible_for_the_award():
    unit = UnitFactory()
    people = members(unit, ["good", "good", None])
    honour(people[0], "LDTT", YEAR)
    params = {"award": "LDTT", "min_percent": 50, "strict": True, "accept_eligible": True}
    rule_set = single_rule_set("TTLDTT", [("members_ldtt", "members_award_share", params)])
    add_rule(rule_set, "LDTT", [("rating", "rating_at_least", {"level": "good"})])
    result = evaluate(unit, "TTLDTT", YEAR, rule_set=rule_set).criteria[0]
    assert result.status == "passed"  # 2 of 3: one holds LDTT, one is eligible for it
    assert (result.evidence["yes"], result.evidence["unknown"]) == (2, 1)  # the third has no rating
    params["min_percent"] = 70
    Criterion.objects.filter(code="members_ldtt").update(params=params)
    assert evaluate(unit, "TTLDTT", YEAR, rule_set=rule_set).criteria[0].status == "unknown"


@pytest.mark.parametrize("holders, min_count, status", [(1, 1, "passed"), (0, 1, "failed"), (1, 2, "failed")])
def test_members_with_award(holders, min_count, status):
    unit = UnitFactory()
    for index, person in enumerate(members(unit, [None, None])):
        if index < holders:
            honour(person, "CSTDCS", YEAR)
    params = {"award": "CSTDCS", "min_count": min_count, "accept_eligible": False}
    assert judge(unit, "members_with_award", params, award="TTLDXS")[1].status == status


@pytest.mark.parametrize(
    "level, status", [(None, "passed"), ("reprimand", "passed"), ("warning", "failed"), ("dismissal", "failed")]
)
def test_members_no_discipline(level, status):
    unit = UnitFactory()
    people = members(unit, [None, None])
    if level:
        DisciplineFactory(person=people[1], level=level, decided_on=datetime.date(YEAR, 8, 1))
    assert judge(unit, "members_no_discipline", {"min_level": "warning"}, award="TTLDTT")[1].status == status


def test_reviewer_judgement_needs_review_unless_optional():
    person = PersonFactory()
    verdict, result = judge(person, "reviewer_judgement", {"topic": "outstanding_achievement"}, award="BK_TINH")
    assert (result.status, verdict.verdict) == ("unknown", "needs_review")
    Criterion.objects.update(optional=True)
    verdict = evaluate(person, "BK_TINH", YEAR, rule_set=verdict.rule_set)
    assert verdict.verdict == "eligible"
    assert verdict.criteria[0].optional


@pytest.mark.parametrize(
    "holders, percent, rounding, minimum, quota",
    [
        (20, 15, "floor", 0, 3),
        (10, 15, "floor", 0, 1),  # 1.5 rounds down
        (10, 15, "half_up", 0, 2),
        (10, 15, "ceil", 0, 2),
        (6, 15, "floor", 0, 0),  # 0.9 rounds down to nobody
        (6, 15, "floor", 1, 1),
        (6, 15, "ceil", 0, 1),
        (7, "15", "half_up", 0, 1),  # 1.05
        (0, 15, "ceil", 0, 0),
    ],
)
def test_quota_rounding(holders, percent, rounding, minimum, quota):
    assert quota_of(holders, percent, rounding, minimum) == quota


@pytest.mark.parametrize("holders, status, quota", [(20, "passed", 3), (6, "failed", 0), (0, "unknown", 0)])
def test_quota_is_reported_beside_the_verdict(holders, status, quota):
    unit = UnitFactory()
    person = PersonFactory(unit=unit)
    for _ in range(holders):
        honour(PersonFactory(unit=unit), "LDTT", YEAR)
    rule_set = single_rule_set("CSTDCS", [
        ("no_discipline", "no_discipline", {}),
        ("quota", "quota_share", {"of_award": "LDTT", "percent": "15", "rounding": "floor"}),
    ])
    verdict = evaluate(person, "CSTDCS", YEAR, rule_set=rule_set)
    assert verdict.verdict == "eligible"  # the quota never changes the verdict
    assert [c.code for c in verdict.criteria] == ["no_discipline"]
    (quota_result,) = verdict.advisory
    assert (quota_result.status, quota_result.evidence["quota"]) == (status, quota)
    assert "quota" not in [c["code"] for c in verdict.to_dict()["criteria"]]


def test_quota_count_per_cluster():
    unit = UnitFactory(cluster=EmulationClusterFactory())
    rule_set = single_rule_set("CO_TINH", [("quota", "quota_count", {"max_count": 1, "per": "cluster"})])
    verdict = evaluate(unit, "CO_TINH", YEAR, rule_set=rule_set)
    assert verdict.verdict == "eligible" and verdict.criteria == []
    assert verdict.advisory[0].status == "passed"
    assert verdict.advisory[0].evidence["cluster_id"] == unit.cluster_id


@pytest.mark.parametrize("kind, params", [("gone_kind", {}), ("rating_at_least", {"level": "superb"})])
def test_a_misconfigured_stored_criterion_needs_review(kind, params):
    """Rows saved around the admin's validation (or a kind removed from code) never pass silently."""
    person = PersonFactory()
    rate(person, YEAR, "excellent")
    verdict, result = judge(person, kind, params)
    assert (result.status, verdict.verdict) == ("unknown", "needs_review")
    assert "misconfigured" in result.message


def test_a_disabled_criterion_is_skipped():
    person = PersonFactory()
    rule_set = single_rule_set("LDTT", [("rating", "rating_at_least", {}), ("nd", "no_discipline", {})])
    Criterion.objects.filter(code="rating").update(enabled=False)
    verdict = evaluate(person, "LDTT", YEAR, rule_set=rule_set)
    assert [c.code for c in verdict.criteria] == ["nd"] and verdict.verdict == "eligible"
