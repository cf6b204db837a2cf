"""Benchmark: the reviewer queue at 100,000 nominees, and at BENCH_NOMINEES (1,000,000 for issue 14).

Four filter variants (campaign + nominee state + eligibility + not overdue sorted by name; campaign + dossier
state + award sorted by due date, newest first; eligibility + the unit's PAR class sorted by name; a name typed
without diacritics + nominee state), each on pages 1 to 100, 50 rows a page, timed on the server side with
their queries counted. Dossiers hold 50 nominees each; names repeat as in a real province (about one
person in 4,320 shares a full name).

PostgreSQL by default (postgres://postgres@127.0.0.1:5432/laurel_bench, or DATABASE_URL): one database a size,
`<name>_<nominees>`, filled with INSERT … SELECT generate_series (1,000,000 nominees in 1 to 2 minutes) and
kept, so that a second run reuses it (migrations still applied; BENCH_FRESH=1 refills it, BENCH_DROP=1 drops it
after the run). SQLite when DATABASE_URL is given as sqlite: a throwaway file filled through the ORM.

When BENCH_NOMINEES is above 100,000 the same requests are first measured at 100,000 nominees: `p95_ms_100k`
and `ratio` (p95 at BENCH_NOMINEES / p95 at 100,000) say whether a page's cost grows with the table.
Targets (issue 14): p95_ms <= 100, queries <= 15, ratio < 2 at 1,000,000.
Last line: {"nominees": …, "queries": …, "p95_ms": …, "median_ms": …, "sql_p95_ms": …, "p95_ms_100k": …, "ratio": …}
(sql_p95_ms: the p95 of a request's time in SQL, which a busy machine's Python scheduling disturbs less.)
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

REFERENCE = 100_000
NOMINEES = int(os.environ.get("BENCH_NOMINEES", str(REFERENCE)))
PER_DOSSIER = 50
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
IS_PG = DATABASE_URL.startswith("postgres")
SEED_VERSION = 2  # bump when the generated data changes: kept databases are then refilled

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
DOSSIER_STATES = ["submitted", "under_review", "in_council", "returned"]
VERDICTS = ["eligible", "eligible", "ineligible", "needs_review"]
CRITERIA = [{"code": "rating", "status": "passed", "message": "Xếp loại tốt", "evidence": {}}]
CAMPAIGN_TITLE = "Thi đua 2025 – {}"
REVIEWER = "bench-reviewer"


def name_of(i: int) -> str:
    """Varied Vietnamese names, as a real province has."""
    return f"{FAMILY[i % 16]} {MIDDLE[(i // 16) % 10]} {GIVEN[(i // 160) % 27]}"


# Dossier i belongs to campaign i % 2 and has state DOSSIER_STATES[(i // 2) % 4]: both campaigns have
# dossiers in every state. Nominee i is in dossier i // 50.
def dossier_state_of(i: int) -> str:
    return DOSSIER_STATES[(i // 2) % 4]


def due_on_of(i: int, today) -> datetime.date:
    return today + datetime.timedelta(days=(i % 30) - 10)


def make_frame(today):
    """The small part, through the ORM: the province, 40 departments, two campaigns, the reviewer."""
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import Role
    from nominations.models import Campaign
    from units.models import Unit

    province = Unit.objects.create(code="TINH", name="Tỉnh Khánh Hòa", kind="province")
    parents = [Unit(code=f"S{i:03d}", name=f"Sở số {i}", kind="agency", parent=province) for i in range(40)]
    for unit in parents:
        unit.save()
    campaigns = [Campaign.objects.create(kind="annual", year=2025, title=CAMPAIGN_TITLE.format(k),
                                         opens_on=today - datetime.timedelta(days=30),
                                         closes_on=today + datetime.timedelta(days=30)) for k in range(2)]
    for campaign in campaigns:
        campaign.award_types.add("LDTT", "BK_TINH")
    reviewer = User.objects.create(username=REVIEWER, full_name="Thẩm định viên")
    reviewer.groups.add(Group.objects.get(name=Role.REVIEWER))
    return parents, campaigns


def fill_orm(nominees: int):
    """SQLite: the same data through bulk_create (small sizes only)."""
    from nominations.models import Dossier, Nominee
    from units.models import ParResult, Person, Unit

    today = timezone.localdate()
    with transaction.atomic():
        parents, campaigns = make_frame(today)
        count = nominees // PER_DOSSIER
        Unit.objects.bulk_create([Unit(code=f"D{i:06d}", name=f"Phòng {i}", kind="other", parent=parents[i % 40])
                                  for i in range(count)], batch_size=2000)
        units = list(Unit.objects.filter(code__startswith="D").order_by("code"))
        for i, unit in enumerate(units):
            unit.path = f"{parents[i % 40].path}{unit.pk}/"
            unit.depth = 2
        Unit.objects.bulk_update(units, ["path", "depth"], batch_size=2000)
        ParResult.objects.bulk_create([ParResult(unit=u, year=2025, score=60 + (i % 40)) for i, u in enumerate(units)],
                                      batch_size=2000)
        dossiers = Dossier.objects.bulk_create([
            Dossier(campaign=campaigns[i % 2], unit=unit, title=f"Tờ trình {i}", state=dossier_state_of(i),
                    due_on=due_on_of(i, today)) for i, unit in enumerate(units)
        ], batch_size=2000)
        people = Person.objects.bulk_create([
            Person(code=f"P{i:07d}", full_name=name_of(i), gender="male", unit=units[i // PER_DOSSIER])
            for i in range(nominees)
        ], batch_size=5000)
        Nominee.objects.bulk_create([
            Nominee(dossier=dossiers[i // PER_DOSSIER], campaign=dossiers[i // PER_DOSSIER].campaign, person=p,
                    award_id="LDTT" if i % 3 else "BK_TINH", subject_name=p.full_name, subject_code=p.code,
                    verdict=VERDICTS[i % 4], flagged=i % 4 == 2, state="proposed" if i % 5 else "accepted",
                    criteria=CRITERIA)
            for i, p in enumerate(people)
        ], batch_size=5000)


def fill_postgres(nominees: int):
    """PostgreSQL: the frame through the ORM, the bulk in four INSERT … SELECT generate_series (the same data
    as fill_orm)."""
    today = timezone.localdate()
    count = nominees // PER_DOSSIER
    with transaction.atomic():
        parents, campaigns = make_frame(today)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO units_unit (code, name, kind, path, depth, parent_id) "
                "SELECT 'D' || lpad(i::text, 6, '0'), 'Phòng ' || i, 'other', '', 2, (%s::bigint[])[i %% 40 + 1] "
                "FROM generate_series(0, %s - 1) AS i", [[p.pk for p in parents], count])
            cursor.execute("UPDATE units_unit u SET path = p.path || u.id || '/' FROM units_unit p "
                           "WHERE u.parent_id = p.id AND u.code LIKE 'D%%'", [])
            cursor.execute("INSERT INTO units_parresult (unit_id, year, score, classification) "
                           "SELECT id, 2025, 60 + (substr(code, 2)::int %% 40), '' FROM units_unit "
                           "WHERE code LIKE 'D%%'", [])
            cursor.execute(
                "INSERT INTO nominations_dossier (title, state, letter_number, due_on, created_at, updated_at, "
                "campaign_id, unit_id) "
                "SELECT 'Tờ trình ' || i, (%s::text[])[(i / 2) %% 4 + 1], '', %s::date + (i %% 30 - 10), now(), now(), "
                "(%s::bigint[])[i %% 2 + 1], u.id "
                "FROM generate_series(0, %s - 1) AS i JOIN units_unit u ON u.code = 'D' || lpad(i::text, 6, '0')",
                [DOSSIER_STATES, today, [c.pk for c in campaigns], count])
            cursor.execute("SELECT id, campaign_id FROM nominations_dossier ORDER BY id")
            dossiers = cursor.fetchall()
            cursor.execute(
                "WITH people AS ("
                " INSERT INTO units_person (code, full_name, gender, position, staff_kind, unit_id)"
                " SELECT 'P' || lpad(i::text, 7, '0'),"
                "  (%s::text[])[i %% 16 + 1] || ' ' || (%s::text[])[(i / 16) %% 10 + 1] || ' '"
                "  || (%s::text[])[(i / 160) %% 27 + 1], 'male', '', 'civil_servant', d.unit_id"
                " FROM generate_series(0, %s - 1) AS i"
                " JOIN nominations_dossier d ON d.id = (%s::bigint[])[i / 50 + 1]"
                " RETURNING id, code, full_name) "
                "INSERT INTO nominations_nominee (subject_name, subject_code, achievement, justification, flagged, "
                "verdict, criteria, state, return_comment, refusal_reason, created_at, award_id, campaign_id, "
                "dossier_id, person_id) "
                "SELECT p.full_name, p.code, '', '', i %% 4 = 2, (%s::text[])[i %% 4 + 1], %s::jsonb, "
                "CASE WHEN i %% 5 = 0 THEN 'accepted' ELSE 'proposed' END, '', '', now(), "
                "CASE WHEN i %% 3 = 0 THEN 'BK_TINH' ELSE 'LDTT' END, (%s::bigint[])[i / 50 + 1], "
                "(%s::bigint[])[i / 50 + 1], p.id "
                "FROM (SELECT *, substr(code, 2)::int AS i FROM people) AS p ORDER BY i",
                [FAMILY, MIDDLE, GIVEN, nominees, [d[0] for d in dossiers], VERDICTS, json.dumps(CRITERIA),
                 [d[1] for d in dossiers], [d[0] for d in dossiers]])
            cursor.execute("CREATE TABLE bench_seed (nominees integer, version integer)")
            cursor.execute("INSERT INTO bench_seed VALUES (%s, %s)", [nominees, SEED_VERSION])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def admin_connection():
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(DATABASE_URL)
    return psycopg.connect(host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432, user=cfg["USER"] or "postgres",
                           password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True), cfg["NAME"]


def seeded_nominees() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_seed') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute("SELECT nominees FROM bench_seed WHERE version = %s", [SEED_VERSION])
        row = cursor.fetchone()
        return row[0] if row else None


def use_database(nominees: int):
    """Point Django at the database of this size, filled (reused when it already holds this data)."""
    connection.close()
    if not IS_PG:
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = f"{WORK}/bench-{nominees}.sqlite3"
        call_command("migrate", verbosity=0)
        fill_orm(nominees)
        return
    admin, base = admin_connection()
    name = f"{base}_{nominees}"
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and os.environ.get("BENCH_FRESH"):
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0)
    if seeded_nominees() != nominees:
        connection.close()
        with admin_connection()[0] as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        fill_postgres(nominees)
        print(f"filled {name} in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def drop_database(nominees: int):
    connection.close()
    admin, base = admin_connection()
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{base}_{nominees}" WITH (FORCE)')


def explain_slow(queries, params, slower_than_ms=5):
    """BENCH_EXPLAIN=1 (PostgreSQL): the plans of a request's slow queries, for finding where the time goes."""
    for query in queries:
        if float(query["time"]) * 1000 < slower_than_ms or not IS_PG or query["sql"].startswith("EXPLAIN"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query["sql"].replace("%", "%%"))
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"--- {params}\n{query['sql']}\n{plan}\n", file=sys.stderr)


def measure(nominees: int) -> dict:
    """The requests' server-side times and query counts on the database of this size."""
    from accounts.models import User
    from nominations.models import Campaign

    use_database(nominees)
    reviewer = User.objects.get(username=REVIEWER)
    campaigns = [Campaign.objects.get(title=CAMPAIGN_TITLE.format(k)) for k in range(2)]
    gc.collect()  # a web worker does not carry the objects the set-up made
    client = Client()
    client.force_login(reviewer)
    pages = [1, 2, 3, 10, 50, 100]
    variants = [
        {"campaign": campaigns[0].pk, "state": "proposed", "verdict": "eligible", "overdue": "0",
         "sort": "subject_name"},
        {"campaign": campaigns[1].pk, "dossier_state": "submitted", "award": "LDTT", "sort": "-due_on"},
        {"verdict": "ineligible", "par_class": "fair", "sort": "subject_name"},
        {"q": "Tran Minh Tuan", "state": "proposed"},
    ]
    timings, sql_timings, query_counts = [], [], []
    for i in range(REQUESTS + 4):
        params = dict(variants[i % len(variants)], page=pages[i % len(pages)])
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get("/nominations/queue/", params)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        if i >= 4:  # the first requests warm caches and connections
            if os.environ.get("BENCH_VERBOSE"):
                sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
                rows = len(response.context["table"].page.object_list)
                print(f"{nominees:>8} {elapsed:7.1f} ms (SQL {sql_ms:5.1f}, {len(ctx.captured_queries)} queries, "
                      f"{rows} rows) {params}", file=sys.stderr)
            if os.environ.get("BENCH_EXPLAIN") and i < 8:  # one request of each variant
                explain_slow(ctx.captured_queries, params)
            timings.append(elapsed)
            sql_timings.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
            query_counts.append(len(ctx.captured_queries))
    if os.environ.get("BENCH_DROP"):
        drop_database(nominees)
    return {"p95": p95(timings), "median": statistics.median(timings), "sql_p95": p95(sql_timings),
            "queries": max(query_counts)}


def p95(values):
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def main():
    setup_test_environment()
    reference = measure(REFERENCE) if NOMINEES > REFERENCE else None
    result = measure(NOMINEES)
    if NOMINEES == REFERENCE:
        reference = result
    summary = {"nominees": NOMINEES, "queries": result["queries"], "p95_ms": round(result["p95"], 1),
               "median_ms": round(result["median"], 1), "sql_p95_ms": round(result["sql_p95"], 1),
               "database": connection.vendor}
    if reference is not None:
        summary |= {"p95_ms_100k": round(reference["p95"], 1), "median_ms_100k": round(reference["median"], 1),
                    "sql_p95_ms_100k": round(reference["sql_p95"], 1), "queries_100k": reference["queries"],
                    "ratio": round(result["p95"] / reference["p95"], 2)}
    connection.close()
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
