"""Batch evaluation in a constant number of queries, and re-evaluation after an import."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.consumers import EvaluationConsumer, OpenItem, register_consumer, unregister_consumer
from awards.eligibility import evaluate, evaluate_many
from awards.models import EvaluationChange
from awards.tasks import reevaluate_after_import
from tests.factories_awards import PersonFactory, UnitFactory, par, rate
from units.models import DisciplineRecord, Honour, Initiative, ParResult, Person, PersonRating, Unit, UnitRating
from units.signals import records_imported

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


class Nominations:
    """A stand-in consumer: what the nominations app will register."""

    def __init__(self, items):
        self.items = {i.key: i for i in items}
        self.asked = []

    def open_items(self, kind, years, unit_ids):
        self.asked.append((kind, years, unit_ids))
        return [i for i in self.items.values() if i.year in years and i.subject.unit_id in unit_ids]

    def on_change(self, item, verdict):
        self.items[item.key] = OpenItem(item.key, item.subject, item.award, item.year, item.campaign_kind,
                                        verdict.verdict)


@pytest.fixture
def consumer():
    unit = UnitFactory(kind="agency")
    people = [PersonFactory(unit=unit) for _ in range(3)]
    other = PersonFactory()
    items = [OpenItem(f"n{i}", p, "LDTT", YEAR, "annual", "needs_review") for i, p in enumerate(people + [other])]
    nominations = Nominations(items)
    register_consumer(EvaluationConsumer("test", nominations.open_items, nominations.on_change))
    yield nominations, unit, people, other
    unregister_consumer("test")


def test_import_signal_reevaluates_open_items_and_records_changes(consumer):
    nominations, unit, people, other = consumer
    rate(people[0], YEAR, "good")
    rate(people[1], YEAR, "completed")
    rate(other, YEAR, "good")  # outside the imported units: not touched
    records_imported.send(sender=None, kind="ratings", years={YEAR}, unit_ids={unit.pk})
    changes = {c.item_key: (c.old_verdict, c.new_verdict) for c in EvaluationChange.objects.all()}
    assert changes == {"n0": ("needs_review", "eligible"), "n1": ("needs_review", "ineligible")}
    assert nominations.items["n0"].verdict == "eligible" and nominations.items["n3"].verdict == "needs_review"
    assert EvaluationChange.objects.get(item_key="n0").trigger == "ratings"
    # running again changes nothing: the task is idempotent
    assert reevaluate_after_import("ratings", [YEAR], [unit.pk]) == 0
    assert EvaluationChange.objects.count() == 2


def test_reevaluation_without_consumers_does_nothing(db):
    unit = UnitFactory()
    par(unit, YEAR, "80")
    assert reevaluate_after_import("par", [YEAR], [unit.pk]) == 0
    assert not EvaluationChange.objects.exists()
