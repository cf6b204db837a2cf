"""Batch evaluation in a constant number of queries (re-evaluation after an import: test_law_2025.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.eligibility import evaluate, evaluate_many
from units.models import DisciplineRecord, Honour, Initiative, ParResult, Person, PersonRating, Unit, UnitRating

pytestmark = pytest.mark.django_db
YEAR = 2024
PERSON_AWARDS = ["LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "GK"]
UNIT_AWARDS = ["TTLDTT", "TTLDXS", "CO_TINH", "BK_TINH"]


def build(n_units, per_unit=4, tag="x"):
    """n_units agencies with per_unit people each and a spread of records, built in bulk."""
    units = Unit.objects.bulk_create(
        Unit(code=f"{tag}U{i}", name=f"Unit {i}", kind="agency" if i % 3 else "public_service") for i in range(n_units)
    )
    for unit in units:
        unit.path = f"/{unit.pk}/"
    Unit.objects.bulk_update(units, ["path"])
    people = Person.objects.bulk_create(
        Person(code=f"{tag}P{u.pk}-{k}", full_name=f"Người {k}", gender="male", unit=u)
        for u in units for k in range(per_unit)
    )
    levels = ["excellent", "good", "completed", "excellent", "not_completed"]
    PersonRating.objects.bulk_create(
        PersonRating(person=p, year=y, rating=levels[(i + y) % 5])
        for i, p in enumerate(people) for y in (2022, 2023, 2024) if (i + y) % 7
    )
    UnitRating.objects.bulk_create(UnitRating(unit=u, year=YEAR, rating=levels[i % 4]) for i, u in enumerate(units))
    ParResult.objects.bulk_create(
        ParResult(unit=u, year=YEAR, score=40 + (i * 7) % 60) for i, u in enumerate(units) if i % 5
    )
    Initiative.objects.bulk_create(
        Initiative(person=p, title=f"SK {p.pk}", scope="grassroots", recognised_on=datetime.date(YEAR, 3, 1))
        for i, p in enumerate(people) if i % 2
    )
    DisciplineRecord.objects.bulk_create(
        DisciplineRecord(person=p, level="warning", decided_on=datetime.date(YEAR, 5, 1))
        for i, p in enumerate(people) if i % 11 == 0
    )
    Honour.objects.bulk_create(Honour(person=p, award_id="CSTDCS", year=y) for i, p in enumerate(people)
                               if i % 4 == 0 for y in (2022, 2023))
    items = [(p, PERSON_AWARDS[i % len(PERSON_AWARDS)]) for i, p in enumerate(people)]
    items += [(u, UNIT_AWARDS[i % len(UNIT_AWARDS)]) for i, u in enumerate(units)]
    return items


def count_queries(items):
    with CaptureQueriesContext(connection) as ctx:
        verdicts = evaluate_many(items, YEAR)
    return len(ctx.captured_queries), verdicts


def test_query_count_does_not_grow_with_the_number_of_subjects():
    small = build(5, tag="s")
    large = build(150, tag="l")  # 750 subjects: above the `__in` limit, the year window is read instead
    small_count, small_verdicts = count_queries(small)
    large_count, large_verdicts = count_queries(large)
    assert small_count == large_count
    assert small_count <= 22  # + offices, assignments (2), headships (2), renames
    assert len(large_verdicts) == len(large)
    assert {v.verdict for v in large_verdicts} == {"eligible", "ineligible", "needs_review"}
    # the batch agrees with one-by-one evaluation, in both loading modes
    for (subject, award), verdict in list(zip(small, small_verdicts, strict=True))[::3]:
        assert evaluate(subject, award, YEAR).to_dict() == verdict.to_dict()
    for (subject, award), verdict in list(zip(large, large_verdicts, strict=True))[::37]:
        assert evaluate(subject, award, YEAR).to_dict() == verdict.to_dict()


def test_a_batch_pauses_the_cyclic_collector_and_gives_it_back_as_it_was(db):
    """The collector is paused only while a batch runs (it is the batch's largest cost at 200,000 subjects)."""
    import gc

    from awards.campaign_rules import CampaignRules, collector_paused

    unit = Unit.objects.create(code="GC", name="Sở", kind="agency")
    person = Person.objects.create(code="GC1", full_name="Nguyễn Văn A", gender="male", unit=unit)
    rules = CampaignRules.for_year(2025)
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    rules.evaluate_many([(person, "LDTT")])
    assert gc.isenabled()
    gc.disable()
    try:
        rules.evaluate_many([(person, "LDTT")])
        assert not gc.isenabled()  # a caller that had paused it keeps it paused
    finally:
        gc.enable()
