"""Benchmark: 20,000 subjects of one annual campaign evaluated against their awards with evaluate_many —
people for LDTT / CSTDCS / CSTD_TINH / BK_TINH and units for TTLDTT / TTLDXS — in a throwaway SQLite
database built before timing. The query count must not depend on the number of subjects: a smaller
campaign is run too and the counts are asserted equal. Timing covers loading the subjects and
evaluate_many. The records are dated (issue 12): heads who changed during the year, people who moved, internal
offices, discipline terms, initiatives already used, thematic honours, merges, PAR published a year late.
Then a 200,000-subject campaign is built and timed the same way (same query count).
Last line: {"subjects": 20000, "seconds": ..., "queries": ..., "subjects_200k": 200000, "seconds_200k": ...}.
Targets: seconds <= 3, seconds_200k <= 20.

With BENCH_1M=1, bench/eligibility_1m.py also runs: 1,000,000 subjects judged for a campaign through two Celery
worker processes on PostgreSQL and Redis; the last line then also has "seconds_1m" (target <= 60) and the
figures of that run (see that file).

Run from the repository root: .venv/bin/python bench/eligibility_bench.py"""

import datetime
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="laurel-eligibility-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from awards.eligibility import evaluate_many  # noqa: E402
from awards.models import RuleSet  # noqa: E402
from units.models import (  # noqa: E402
    Assignment,
    DisciplineRecord,
    EmulationCluster,
    Headship,
    Honour,
    Initiative,
    ParResult,
    Person,
    PersonRating,
    Reorganisation,
    Unit,
    UnitRating,
)

YEAR = 2024
SUBJECTS = 20_000
SUBJECTS_200K = 200_000
PEOPLE_PER_UNIT = 4  # 20,000 subjects = 4,000 units + 16,000 people
PERSON_AWARDS = ["LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH"]
UNIT_AWARDS = ["TTLDTT", "TTLDXS"]
LEVELS = ["excellent", "good", "completed", "not_completed"]


@transaction.atomic
def build(tag: str, subjects: int, seed: int):
    rng = random.Random(seed)
    n_units = subjects // (PEOPLE_PER_UNIT + 1)
    clusters = EmulationCluster.objects.bulk_create(EmulationCluster(name=f"{tag} cụm {i}") for i in range(40))
    units = Unit.objects.bulk_create(
        Unit(code=f"{tag}U{i:05d}", name=f"Đơn vị {i}", kind=rng.choice(["agency", "commune", "public_service"]),
             cluster=rng.choice(clusters))
        for i in range(n_units)
    )
    for unit in units:
        unit.path = f"/{unit.pk}/"
    Unit.objects.bulk_update(units, ["path"], batch_size=2000)
    people = Person.objects.bulk_create(
        (Person(code=f"{tag}P{u.pk}-{k}", full_name=f"Nguyễn Văn {k}", gender="male", unit=u)
         for u in units for k in range(PEOPLE_PER_UNIT)), batch_size=2000,
    )
    for unit in units:
        unit.head_id = rng.choice(people).pk if rng.random() < 0.8 else None
    Unit.objects.bulk_update(units, ["head_id"], batch_size=2000)
    PersonRating.objects.bulk_create(
        (PersonRating(person=p, year=y, rating=rng.choices(LEVELS, [3, 5, 2, 1])[0])
         for p in people for y in (2022, 2023, 2024) if rng.random() < 0.95), batch_size=5000,
    )
    UnitRating.objects.bulk_create(
        (UnitRating(unit=u, year=y, rating=rng.choice(LEVELS[:3])) for u in units for y in (2023, 2024)),
        batch_size=5000,
    )
    ParResult.objects.bulk_create(
        (ParResult(unit=u, year=y, score=round(rng.uniform(40, 99), 2), published_on=datetime.date(y + 1, 2, 28))
         for u in units for y in (YEAR - 1, YEAR) if u.kind != "public_service" and rng.random() < 0.97),
        batch_size=5000,
    )
    build_dated(rng, units, people)
    Initiative.objects.bulk_create(
        (Initiative(person=p, title=f"Sáng kiến {p.pk}-{y}", scope=rng.choice(["grassroots", "provincial"]),
                    recognised_on=datetime.date(y, 6, 1))
         for p in people for y in (2022, 2023, 2024) if rng.random() < 0.3), batch_size=5000,
    )
    DisciplineRecord.objects.bulk_create(
        (DisciplineRecord(person=p, level=rng.choice(["reprimand", "warning"]), decided_on=datetime.date(YEAR, 5, 1))
         for p in people if rng.random() < 0.03), batch_size=5000,
    )
    Honour.objects.bulk_create(
        (Honour(person=p, award_id=award, year=y) for p in people for y in (2022, 2023)
         for award in ("LDTT", "CSTDCS") if rng.random() < (0.6 if award == "LDTT" else 0.2)), batch_size=5000,
    )


def build_dated(rng, units, people):
    """Dated records: heads who changed mid-year, people who moved, internal offices, discipline terms and
    open inspections, initiatives already used, thematic honours, merged units."""
    headships = []
    for unit in units:
        if unit.head_id and rng.random() < 0.5:
            other = rng.choice(people)
            headships.append(Headship(unit=unit, person_id=other.pk, start_on=datetime.date(2018, 1, 1),
                                      until=datetime.date(YEAR, 6, 30)))
            headships.append(Headship(unit=unit, person_id=unit.head_id, start_on=datetime.date(YEAR, 7, 1)))
    Headship.objects.bulk_create(headships, batch_size=5000)
    moves = []
    for person in people:
        if rng.random() < 0.2:
            target = rng.choice(units)
            moves.append(Assignment(person=person, unit_id=person.unit_id, start_on=datetime.date(2015, 1, 1),
                                    until=datetime.date(YEAR, 3, 31)))
            moves.append(Assignment(person=person, unit=target, start_on=datetime.date(YEAR, 4, 1)))
    Assignment.objects.bulk_create(moves, batch_size=5000)
    offices = [u for u in units[1:] if rng.random() < 0.1]
    for unit in offices:
        unit.kind, unit.parent_id = "office", units[0].pk
        unit.path = f"/{units[0].pk}/{unit.pk}/"
    Unit.objects.bulk_update(offices, ["kind", "parent_id", "path"], batch_size=2000)
    DisciplineRecord.objects.bulk_create(
        (DisciplineRecord(person=p, level=rng.choice(["reprimand", "under_review"]),
                          decided_on=datetime.date(YEAR - 1, 11, 15),
                          term_until=rng.choice([None, datetime.date(YEAR, 2, 1)]))
         for p in people if rng.random() < 0.03), batch_size=5000,
    )
    Initiative.objects.filter(person__in=people[: len(people) // 10], recognised_on__year=YEAR - 1).update(
        used_for_award="CSTDCS", used_for_year=YEAR - 1)
    Honour.objects.filter(person__in=people[: len(people) // 10], year=YEAR - 2).update(kind="thematic")
    Reorganisation.objects.bulk_create(
        Reorganisation(effective_on=datetime.date(YEAR, 7, 1), kind="merge", old_unit=old, new_unit=new)
        for old, new in zip(units[-20:-10], units[-10:], strict=True))


def campaign(tag: str):
    """The subjects of one campaign (loaded inside the timing) paired with their awards."""
    people = list(Person.objects.filter(code__startswith=f"{tag}P"))
    units = list(Unit.objects.filter(code__startswith=f"{tag}U"))
    items = [(p, PERSON_AWARDS[i % len(PERSON_AWARDS)]) for i, p in enumerate(people)]
    items += [(u, UNIT_AWARDS[i % len(UNIT_AWARDS)]) for i, u in enumerate(units)]
    return items


def run(tag: str):
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        items = campaign(tag)
        verdicts = evaluate_many(items, YEAR)
        seconds = time.perf_counter() - start
    return len(items), seconds, len(ctx.captured_queries), verdicts


def main():
    call_command("migrate", verbosity=0)
    RuleSet.objects.update(par_basis="latest_published")  # read the newest PAR published by 31 December
    build("S", 500, seed=1)
    build("L", SUBJECTS, seed=2)
    small_n, _s, small_queries, _v = run("S")
    n, seconds, queries, verdicts = run("L")
    assert n == SUBJECTS, n
    assert queries == small_queries, (queries, small_queries)
    counts = {}
    for verdict in verdicts:
        counts[verdict.verdict] = counts.get(verdict.verdict, 0) + 1
    print(f"small campaign: {small_n} subjects, {small_queries} queries; verdicts of the large one: {counts}; "
          f"{n} subjects in {seconds:.3f} s", flush=True)
    del verdicts
    build("X", SUBJECTS_200K, seed=3)
    big_n, big_seconds, big_queries, _v = run("X")
    assert big_n == SUBJECTS_200K, big_n
    assert big_queries == small_queries, (big_queries, small_queries)
    result = {"subjects": n, "seconds": round(seconds, 3), "queries": queries,
              "subjects_200k": big_n, "seconds_200k": round(big_seconds, 3)}
    if os.environ.get("BENCH_1M") == "1":
        result.update(one_million())
    print(json.dumps(result))


def one_million() -> dict:
    """bench/eligibility_1m.py in its own process (it needs PostgreSQL, Redis and two Celery workers)."""
    import subprocess

    done = subprocess.run([sys.executable, str(ROOT / "bench" / "eligibility_1m.py")], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith('{"subjects_1m"')]
    print(lines[-1], flush=True)
    return json.loads(lines[-1])


if __name__ == "__main__":
    main()
