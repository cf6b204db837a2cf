"""End to end: the eight awards of the seeded default rule set on a small hand-made registry."""

import datetime

import pytest
from django.utils import translation

from awards.eligibility import evaluate, evaluate_many, suggest_highest
from tests.factories_awards import (
    DisciplineFactory,
    EmulationClusterFactory,
    PersonFactory,
    UnitFactory,
    cluster_score,
    honour,
    initiative,
    par,
    rate,
)

YEAR = 2024


@pytest.fixture(autouse=True)
def english():
    """Assertions below read the English msgids; test_vietnamese_by_default covers the translation."""
    with translation.override("en"):
        yield


@pytest.fixture
def registry(db):
    cluster = EmulationClusterFactory()
    a = UnitFactory(code="A", kind="agency", cluster=cluster)
    b = UnitFactory(code="B", kind="agency", cluster=cluster)
    c = UnitFactory(code="C", kind="commune")
    d = UnitFactory(code="D", kind="commune")
    par(a, YEAR, "92")
    par(b, YEAR, "85")
    par(c, YEAR, "45")
    par(d, YEAR, "80")
    cluster_score(a, YEAR, "96.5")  # the cluster's own scoring, not PAR
    cluster_score(b, YEAR, "91")
    star = PersonFactory(code="STAR", unit=a)
    for year in (2022, 2023, 2024):
        rate(star, year, "excellent")
    honour(star, "CSTDCS", 2022)
    honour(star, "CSTDCS", 2023)
    initiative(star, 2023, "provincial")
    initiative(star, 2024, "grassroots")
    ok = PersonFactory(code="OK", unit=a)
    rate(ok, YEAR, "good")
    ok2 = PersonFactory(code="OK2", unit=a)
    rate(ok2, YEAR, "good")
    disc = PersonFactory(code="DISC", unit=a)
    rate(disc, YEAR, "good")
    DisciplineFactory(person=disc, level="reprimand", decided_on=datetime.date(YEAR, 4, 2))
    low = PersonFactory(code="LOW", unit=d)
    rate(low, YEAR, "completed")
    nobody = PersonFactory(code="NORATING", unit=d)
    new = PersonFactory(code="NEW", unit=d)
    rate(new, YEAR, "excellent")
    initiative(new, YEAR)
    initiative(new, YEAR)
    head = PersonFactory(code="HEAD", unit=c)
    rate(head, YEAR, "excellent")
    rate(head, YEAR - 1, "excellent")
    initiative(head, YEAR)
    initiative(head, YEAR - 1)
    c.head = head
    c.save()
    for person in (PersonFactory(unit=b), PersonFactory(unit=b)):
        rate(person, YEAR, "good")
    rate(a, YEAR, "excellent")
    rate(a, YEAR - 1, "excellent")
    rate(b, YEAR, "good")
    rate(c, YEAR, "excellent")
    people = {p.code: p for p in (star, ok, ok2, disc, low, nobody, new, head)}
    return {**people, "A": a, "B": b, "C": c, "D": d}


CASES = [
    # subject, award, verdict, the criterion that decides it
    ("OK", "LDTT", "eligible", None),
    ("DISC", "LDTT", "ineligible", "no_discipline"),
    ("LOW", "LDTT", "ineligible", "rating"),
    ("NORATING", "LDTT", "needs_review", "rating"),
    ("STAR", "CSTDCS", "eligible", None),
    ("OK", "CSTDCS", "ineligible", "initiative"),
    ("HEAD", "CSTDCS", "ineligible", "head_par"),  # the head of a weak commune
    ("HEAD", "LDTT", "eligible", None),  # ... still gets LDTT
    ("STAR", "CSTD_TINH", "eligible", None),
    ("OK", "CSTD_TINH", "ineligible", "cstdcs"),
    ("STAR", "BK_TINH", "eligible", None),
    ("HEAD", "BK_TINH", "ineligible", "head_par"),
    ("OK", "BK_TINH", "needs_review", "rating"),  # the annual path fails; the other paths are the reviewers'
    ("DISC", "BK_TINH", "ineligible", "discipline_term"),  # achievements count from the end of the term
    ("NEW", "BK_TINH", "needs_review", "rating"),  # excellent in 2024, no 2023 rating
    ("A", "BK_TINH", "eligible", None),  # collective path; "unity" is optional
    ("OK", "GK", "needs_review", "rating"),  # good is LDTT's; GK needs excellent or a notable achievement
    ("LOW", "GK", "needs_review", "rating"),
    ("B", "GK", "needs_review", "rating"),
    ("STAR", "GK", "eligible", None),
    ("B", "TTLDTT", "eligible", None),
    ("A", "TTLDTT", "eligible", None),
    ("A", "TTLDXS", "eligible", None),
    ("B", "TTLDXS", "ineligible", "rating"),
    ("C", "TTLDXS", "ineligible", "par_class"),
    ("A", "CO_TINH", "eligible", None),
    ("B", "CO_TINH", "ineligible", "ttldxs"),
    ("STAR", "TTLDXS", "ineligible", "recipient"),
    ("A", "LDTT", "ineligible", "recipient"),
]


@pytest.mark.parametrize("code, award, expected, decisive", CASES)
def test_seeded_awards(registry, code, award, expected, decisive):
    verdict = evaluate(registry[code], award, YEAR)
    statuses = {c.code: c.status for c in verdict.criteria}
    assert verdict.verdict == expected, statuses
    assert verdict.rule_set.effective_from == datetime.date(2024, 1, 1)
    if decisive:
        assert statuses[decisive] == {"ineligible": "failed", "needs_review": "unknown"}[expected]
    for criterion in verdict.criteria:
        assert criterion.message and criterion.evidence["rule_set"] == verdict.rule_set.name


def test_batch_gives_the_same_verdicts(registry):
    items = [(registry[code], award) for code, award, _v, _d in CASES]
    batch = [v.verdict for v in evaluate_many(items, YEAR)]
    assert batch == [expected for _c, _a, expected, _d in CASES]


def test_thematic_path_needs_the_reviewers(registry):
    verdict = evaluate(registry["OK"], "BK_TINH", YEAR, "thematic")
    assert verdict.verdict == "needs_review"
    assert [c.code for c in verdict.criteria] == ["achievement", "head_par", "discipline_term"]
    assert evaluate(registry["OK"], "LDTT", YEAR, "thematic").criteria[0].code == "campaign_kind"


def test_par_evidence_message(registry):
    verdict = evaluate(registry["C"], "TTLDXS", YEAR)
    par_result = next(c for c in verdict.criteria if c.code == "par_class")
    assert "PAR 2024" in par_result.message and "45" in par_result.message
    assert par_result.evidence["class"] == "weak" and par_result.evidence["score"] == "45.00"


def test_vote_threshold_is_beside_the_verdict(registry):
    verdict = evaluate(registry["STAR"], "CSTD_TINH", YEAR)
    assert verdict.verdict == "eligible"
    assert [a.code for a in verdict.advisory] == ["council_vote"]
    assert verdict.advisory[0].evidence["threshold"] == "9/10"


@pytest.mark.parametrize(
    "code, suggested", [("STAR", "CSTD_TINH"), ("OK", "LDTT"), ("HEAD", "LDTT"), ("A", "CO_TINH"), ("B", "TTLDTT"),
                        ("NORATING", None)]
)
def test_suggest_highest(registry, code, suggested):
    verdict = suggest_highest(registry[code], YEAR)
    assert (verdict.award_code if verdict else None) == suggested


def test_vietnamese_by_default(registry):
    with translation.override("vi"):
        verdict = evaluate(registry["C"], "TTLDXS", YEAR)
    par_result = next(c for c in verdict.criteria if c.code == "par_class")
    assert par_result.message == "Chỉ số CCHC 2024 của C: Yếu (45.00); yêu cầu từ Tốt trở lên."
