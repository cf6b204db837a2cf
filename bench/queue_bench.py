"""Benchmark: the reviewer queue over 100,000 nominees.

Builds a throwaway database (PostgreSQL by default: postgres://postgres@127.0.0.1:5432/laurel_bench,
created and dropped here; SQLite when DATABASE_URL is given as sqlite), fills 2,000 dossiers of 50
nominees, then requests the queue page with filters (campaign, state, eligibility, not overdue, sorted by
name, 50 rows per page) on several pages, counting queries and timing the server side.
Last line: {"nominees": 100000, "queries": …, "p95_ms": …}
"""

import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="laurel-queue-bench-")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/laurel_bench"
DATABASE_URL = os.environ.get("DATABASE_URL") or DEFAULT_URL
if DATABASE_URL.startswith("sqlite"):
    DATABASE_URL = f"sqlite:///{WORK}/bench.sqlite3"
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["MEDIA_ROOT"] = f"{WORK}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

NOMINEES = int(os.environ.get("BENCH_NOMINEES", "100000"))
PER_DOSSIER = 50
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))


def recreate_postgres(drop_only=False):
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(DATABASE_URL)
    with psycopg.connect(host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432, user=cfg["USER"] or "postgres",
                         password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


IS_PG = DATABASE_URL.startswith("postgres")
if IS_PG:
    recreate_postgres()

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Đức", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam",
         "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Khoa", "Nhung", "Đạt", "Hiếu"]


def name_of(i: int) -> str:
    """Varied Vietnamese names, as a real province has (about 30 people share each full name)."""
    return f"{FAMILY[i % 16]} {MIDDLE[(i // 16) % 10]} {GIVEN[(i // 160) % 27]}"


def build():
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import Role
    from nominations.models import Campaign, Dossier, Nominee
    from units.models import ParResult, Person, Unit

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    with transaction.atomic():
        province = Unit.objects.create(code="TINH", name="Tỉnh Khánh Hòa", kind="province")
        parents = [Unit(code=f"S{i:03d}", name=f"Sở số {i}", kind="agency", parent=province) for i in range(40)]
        for unit in parents:
            unit.save()
        dossier_count = NOMINEES // PER_DOSSIER
        units = []
        for i in range(dossier_count):
            unit = Unit(code=f"D{i:05d}", name=f"Phòng {i}", kind="other", parent=parents[i % 40])
            units.append(unit)
        Unit.objects.bulk_create(units, batch_size=2000)
        units = list(Unit.objects.filter(code__startswith="D").order_by("code"))
        for unit in units:
            unit.path = f"{parents[int(unit.code[1:]) % 40].path}{unit.pk}/"
            unit.depth = 2
        Unit.objects.bulk_update(units, ["path", "depth"], batch_size=2000)
        ParResult.objects.bulk_create([ParResult(unit=u, year=2025, score=60 + (i % 40)) for i, u in enumerate(units)],
                                      batch_size=2000)
        campaigns = [Campaign.objects.create(kind="annual", year=2025, title=f"Thi đua 2025 – {k}",
                                             opens_on=today - datetime.timedelta(days=30),
                                             closes_on=today + datetime.timedelta(days=30)) for k in range(2)]
        for campaign in campaigns:
            campaign.award_types.add("LDTT", "BK_TINH")
        states = ["submitted", "under_review", "in_council", "returned"]
        dossiers = Dossier.objects.bulk_create([
            Dossier(campaign=campaigns[i % 2], unit=unit, title=f"Tờ trình {i}", state=states[i % 4],
                    due_on=today + datetime.timedelta(days=(i % 30) - 10))
            for i, unit in enumerate(units)
        ], batch_size=2000)
        people = Person.objects.bulk_create([
            Person(code=f"P{i:06d}", full_name=name_of(i), gender="male", unit=units[i // PER_DOSSIER])
            for i in range(NOMINEES)
        ], batch_size=5000)
        verdicts = ["eligible", "eligible", "ineligible", "needs_review"]
        Nominee.objects.bulk_create([
            Nominee(dossier=dossiers[i // PER_DOSSIER], campaign=dossiers[i // PER_DOSSIER].campaign, person=p,
                    award_id="LDTT" if i % 3 else "BK_TINH", subject_name=p.full_name, subject_code=p.code,
                    verdict=verdicts[i % 4], flagged=i % 4 == 2, state="proposed" if i % 5 else "accepted",
                    criteria=[{"code": "rating", "status": "passed", "message": "Xếp loại tốt", "evidence": {}}])
            for i, p in enumerate(people)
        ], batch_size=5000)
        reviewer = User.objects.create(username="bench-reviewer", full_name="Thẩm định viên")
        reviewer.groups.add(Group.objects.get(name=Role.REVIEWER))
    if IS_PG:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return reviewer, campaigns


def main():
    setup_test_environment()
    reviewer, campaigns = build()
    gc.collect()  # a web worker does not carry the 100,000 objects the set-up made
    client = Client()
    client.force_login(reviewer)
    pages = [1, 2, 3, 10, 50, 100]
    variants = [
        {"campaign": campaigns[0].pk, "state": "proposed", "verdict": "eligible", "overdue": "0",
         "sort": "subject_name"},
        {"campaign": campaigns[1].pk, "dossier_state": "submitted", "award": "LDTT", "sort": "-due_on"},
        {"verdict": "ineligible", "par_class": "fair", "sort": "subject_name"},
        {"q": "Trần Minh Tuấn", "state": "proposed"},
    ]
    timings, query_counts = [], []
    for i in range(REQUESTS + 4):
        params = dict(variants[i % len(variants)], page=pages[i % len(pages)])
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get("/nominations/queue/", params)
            elapsed = (time.perf_counter() - start) * 1000
        if response.status_code == 404:  # a page past the end of a narrow filter
            continue
        assert response.status_code == 200, response.status_code
        if i >= 4:  # the first requests warm caches and connections
            if os.environ.get("BENCH_VERBOSE"):
                sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
                print(f"{elapsed:7.1f} ms (SQL {sql_ms:5.1f}) {params}", file=sys.stderr)
            timings.append(elapsed)
            query_counts.append(len(ctx.captured_queries))
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    result = {"nominees": NOMINEES, "queries": max(query_counts), "p95_ms": round(p95, 1),
              "median_ms": round(statistics.median(timings), 1), "database": connection.vendor}
    connection.close()
    if IS_PG:
        recreate_postgres(drop_only=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
