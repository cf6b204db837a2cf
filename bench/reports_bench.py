"""Benchmark: the dashboard, the charts, the report (page data, XLSX, PDF), the public registry and the
API's awards list on a province of 1,000 units, 50,000 people and 100,000 honours with 2,000 published
decision lines, in a throwaway SQLite database built before timing. Query counts are measured on a
smaller province too and must be equal. Last line: JSON with seconds per operation and the query counts.

Run from the repository root: .venv/bin/python bench/reports_bench.py"""

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
WORKDIR = tempfile.mkdtemp(prefix="laurel-reports-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from api.models import ApiToken  # noqa: E402
from nominations.models import Campaign, Decision, DecisionLine, Dossier, Nominee  # noqa: E402
from units.models import Honour, ParResult, Person, Unit  # noqa: E402

AWARDS = ["LDTT", "LDTT", "LDTT", "CSTDCS", "GK", "BK_TINH"]
URLS = [
    "/reports/dashboard/?year=2024", "/reports/charts/awards-by-form.svg?year=2024",
    "/reports/charts/awards-by-par.svg?year=2024", "/reports/charts/units-without.svg", "/reports/",
    "/reports/export.xlsx", "/reports/print.pdf", "/public/awardees/?name=Nguy%E1%BB%85n", "/api/awards/",
]


@transaction.atomic
def build(units_n: int, people_per_unit: int, lines_n: int, seed: int = 7):
    rng = random.Random(seed)
    root = Unit.objects.create(code="TINH", name="Tỉnh", kind="province")
    units = []
    for i in range(units_n):
        unit = Unit(code=f"U{i:05d}", name=f"Đơn vị {i}", kind=rng.choice(["agency", "commune"]), parent=root,
                    path="", depth=1)
        units.append(unit)
    Unit.objects.bulk_create(units)
    for unit in units:
        unit.path = f"{root.path}{unit.pk}/"
    Unit.objects.bulk_update(units, ["path"])
    people = Person.objects.bulk_create(
        Person(code=f"P{u.pk}-{j}", full_name=f"Nguyễn Văn {u.pk}-{j}", gender=rng.choice(["male", "female"]),
               unit=u, staff_kind=rng.choice(["civil_servant", "public_employee"]))
        for u in units for j in range(people_per_unit))
    ParResult.objects.bulk_create(ParResult(unit=u, year=2024, score=rng.randint(40, 99)) for u in units)
    Honour.objects.bulk_create(
        Honour(person=p, year=year, award_id=rng.choice(AWARDS), source="decision")
        for p in people for year in (2023, 2024))
    campaign = Campaign.objects.create(year=2024, title="Thi đua 2024", opens_on=datetime.date(2024, 10, 1),
                                       closes_on=datetime.date(2024, 12, 1))
    decision = Decision.objects.create(campaign=campaign, issuer="UBND", year=2024, sequence=1, number="1/QĐ-UBND",
                                       decided_on=datetime.date(2024, 12, 20), signer_name="A", signer_title="B",
                                       base_salary=2340000,
                                       published_at=datetime.datetime(2024, 12, 21, tzinfo=datetime.UTC))
    dossiers = Dossier.objects.bulk_create(Dossier(campaign=campaign, unit=u, title="Tờ trình") for u in units[:50])
    nominees = Nominee.objects.bulk_create(
        Nominee(dossier=dossiers[i % len(dossiers)], campaign=campaign, person=people[i], award_id="LDTT",
                subject_name=people[i].full_name, subject_code=people[i].code, state="awarded")
        for i in range(lines_n))
    DecisionLine.objects.bulk_create(
        DecisionLine(decision=decision, nominee=n, award_id="LDTT", subject_name=n.subject_name,
                     unit_name="Đơn vị", multiple="0.3", amount=702000) for n in nominees)


def reset():
    for model in (DecisionLine, Decision, Nominee, Dossier, Campaign, Honour, ParResult, Person):
        model.objects.all().delete()
    Unit.objects.exclude(parent=None).delete()
    Unit.objects.all().delete()


def measure(client, headers):
    counts, seconds = {}, {}
    for url in URLS:
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, **(headers if url.startswith("/api/") else {}))
        seconds[url] = round(time.perf_counter() - start, 3)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        counts[url] = len(ctx.captured_queries)
    return counts, seconds


def main():
    call_command("migrate", verbosity=0)
    user = User.objects.create(username="bench", full_name="Bench", is_staff=True)
    user.groups.add(Group.objects.get(name="administrator"))
    headers = {"HTTP_AUTHORIZATION": f"Token {ApiToken.issue(user)[1]}"}
    client = Client()
    client.force_login(user)
    build(units_n=20, people_per_unit=5, lines_n=30)
    measure(client, headers)  # warm up as below (the token's first use of the hour is recorded, one UPDATE)
    small_counts, _ = measure(client, headers)
    reset()
    build(units_n=1000, people_per_unit=50, lines_n=2000)
    measure(client, headers)  # warm up (fonts, templates)
    counts, seconds = measure(client, headers)
    assert counts == small_counts, (small_counts, counts)
    result = {"units": Unit.objects.count(), "people": Person.objects.count(), "honours": Honour.objects.count(),
              "public_lines": DecisionLine.objects.count(), "seconds": seconds, "queries": counts}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
