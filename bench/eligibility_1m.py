"""Part of bench/eligibility_bench.py (run by it with BENCH_1M=1; not a bench of its own): 1,000,000 subjects
(200,000 units and 800,000 people) judged for a campaign through two Celery worker processes on PostgreSQL
and Redis (awards.judging).

The registry is seeded once with SQL (generate_series) into BENCH_1M_DATABASE_URL (default the database
laurel_elig_bench) and reused by later runs. The workers (concurrency 1 each) use Redis db BENCH_1M_REDIS_DB
(15). Timing: from the run's creation to its last chunk committed and its report written, as the database
records them. Last line: {"subjects_1m": 1000000, "seconds_1m": ..., ...}, with the workers' CPU time and the
load average at the end of the run (the machine may be shared: seconds_1m depends on it, the CPU time much less).

Run from the repository root: BENCH_1M=1 .venv/bin/python bench/eligibility_bench.py"""

import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_1M_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/laurel_elig_bench")
BROKER_URL = f"redis://127.0.0.1:6379/{os.environ.get('BENCH_1M_REDIS_DB', '15')}"
os.environ.update({"DATABASE_URL": DATABASE_URL, "CELERY_BROKER_URL": BROKER_URL, "CELERY_TASK_ALWAYS_EAGER": "0",
                   "DJANGO_SETTINGS_MODULE": "config.settings_test"})

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from awards import judging  # noqa: E402
from awards.models import EligibilityRun, RuleSet  # noqa: E402
from nominations.models import Campaign  # noqa: E402
from units.models import Unit  # noqa: E402

YEAR = 2024
UNITS = 200_000
PEOPLE_PER_UNIT = 4  # 200,000 units + 800,000 people = 1,000,000 subjects
AWARDS = ["LDTT", "TTLDTT"]  # one award for each subject: 1,000,000 verdicts
WORKERS = 2

SEED = [
    "INSERT INTO units_emulationcluster (name) SELECT 'M cụm ' || g FROM generate_series(0, 39) g",
    f"""INSERT INTO units_unit (code, name, kind, path, depth, cluster_id)
        SELECT 'MU' || lpad(g::text, 6, '0'), 'Đơn vị ' || g, (ARRAY['agency', 'commune', 'public_service'])[1 + g % 3],
               '', 0, (SELECT min(id) FROM units_emulationcluster WHERE name LIKE 'M cụm %') + g % 40
        FROM generate_series(0, {UNITS - 1}) g""",
    "UPDATE units_unit SET path = '/' || id || '/' WHERE code LIKE 'MU%'",
    f"""INSERT INTO units_person (code, full_name, gender, staff_kind, position, unit_id)
        SELECT 'MP' || u.id || '-' || k, 'Nguyễn Văn ' || k, 'male', 'civil_servant', '', u.id
        FROM units_unit u, generate_series(0, {PEOPLE_PER_UNIT - 1}) k WHERE u.code LIKE 'MU%' ORDER BY u.id, k""",
    """UPDATE units_unit u SET head_id = h.pid FROM (SELECT unit_id, min(id) AS pid FROM units_person
        WHERE code LIKE 'MP%' GROUP BY unit_id) h WHERE h.unit_id = u.id AND random() < 0.8""",
    """INSERT INTO units_personrating (person_id, year, rating)
        SELECT p.id, y, (ARRAY['excellent', 'good', 'good', 'completed', 'not_completed'])[1 + floor(random() * 5)::int]
        FROM units_person p, generate_series(2022, 2024) y WHERE p.code LIKE 'MP%' AND random() < 0.95""",
    """INSERT INTO units_unitrating (unit_id, year, rating)
        SELECT u.id, y, (ARRAY['excellent', 'good', 'completed'])[1 + floor(random() * 3)::int]
        FROM units_unit u, generate_series(2023, 2024) y WHERE u.code LIKE 'MU%'""",
    """INSERT INTO units_parresult (unit_id, year, score, classification, published_on)
        SELECT u.id, y, round((40 + random() * 59)::numeric, 2), '', make_date(y + 1, 2, 28)
        FROM units_unit u, generate_series(2023, 2024) y
        WHERE u.code LIKE 'MU%' AND u.kind <> 'public_service' AND random() < 0.97""",
    """INSERT INTO units_initiative (person_id, title, scope, recognised_on, recognised_by, kind)
        SELECT p.id, 'Sáng kiến ' || p.id || '-' || y,
               (ARRAY['grassroots', 'provincial'])[1 + floor(random() * 2)::int], make_date(y, 6, 1), '',
               'initiative'
        FROM units_person p, generate_series(2022, 2024) y WHERE p.code LIKE 'MP%' AND random() < 0.3""",
    """INSERT INTO units_disciplinerecord (person_id, level, decided_on, note)
        SELECT p.id, (ARRAY['reprimand', 'warning'])[1 + floor(random() * 2)::int], make_date(2024, 5, 1), ''
        FROM units_person p WHERE p.code LIKE 'MP%' AND random() < 0.03""",
    """INSERT INTO units_honour (person_id, award_id, year, kind, decision_number, source)
        SELECT p.id, a.code, y, 'annual', '', 'imported'
        FROM units_person p, generate_series(2022, 2023) y, (VALUES ('LDTT', 0.6), ('CSTDCS', 0.2)) a(code, share)
        WHERE p.code LIKE 'MP%' AND random() < a.share""",
    "ANALYZE",
]


def seed():
    if Unit.objects.filter(code="MU199999").exists():
        return False
    with connection.cursor() as cursor:
        for statement in SEED:
            cursor.execute(statement)
    return True


def start_workers():
    env = dict(os.environ)
    log_dir = Path(settings.VAR_DIR)
    log_dir.mkdir(parents=True, exist_ok=True)
    processes = []
    for n in range(WORKERS):
        log = open(log_dir / f"bench-1m-worker-{n}.log", "w")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=WARNING", "--concurrency=1",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--hostname", f"bench1m-{n}-{os.getpid()}@%h"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
    from config.celery import app

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if sum(1 for r in replies for name in r if name.startswith("bench1m-")) >= WORKERS:
            return processes
        time.sleep(0.5)
    stop_workers(processes)
    raise SystemExit("The bench's Celery workers did not answer within 120 s.")


def stop_workers(processes):
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def main():
    call_command("migrate", verbosity=0)
    RuleSet.objects.update(par_basis="latest_published")  # as the 20k and 200k runs
    started = time.perf_counter()
    seeded = seed()
    seed_seconds = time.perf_counter() - started
    from config.celery import app

    app.control.purge()  # nothing left over from an interrupted bench
    workers = start_workers()
    try:
        today = datetime.date.today()
        campaign = Campaign.objects.create(kind="annual", year=YEAR, title=f"Bench 1M {today}", opens_on=today,
                                           closes_on=today)
        campaign.award_types.add(*AWARDS)
        run = judging.start_run(campaign, by=None, on=datetime.date(YEAR + 1, 3, 1))
        while not run.is_over:
            time.sleep(0.25)
            run.refresh_from_db()
        load = os.getloadavg()
    finally:
        stop_workers(workers)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the two workers, reaped by stop_workers
    chunks = list(run.chunks.exclude(seconds=None).values_list("seconds", "subjects"))
    chunk_seconds = sum(s for s, _n in chunks)
    print(json.dumps({
        "subjects_1m": run.subjects, "seconds_1m": round((run.finished_at - run.created_at).total_seconds(), 3),
        "state_1m": run.state, "verdicts_1m": sum(sum(c.values()) for c in run.counts.values()),
        "chunks_1m": run.total_chunks, "workers_1m": WORKERS,
        "subjects_per_chunk_second_1m": round(sum(n for _s, n in chunks) / chunk_seconds) if chunk_seconds else None,
        "worker_cpu_seconds_1m": round(usage.ru_utime + usage.ru_stime, 1), "load_1m": [round(x, 2) for x in load],
        "seeded_1m": seeded, "seed_seconds_1m": round(seed_seconds, 1),
    }), flush=True)
    with connection.cursor() as cursor:  # the registry stays for the next run, not the verdicts
        cursor.execute("DELETE FROM awards_eligibilityresult WHERE run_id = %s", [run.pk])
    EligibilityRun.objects.filter(pk=run.pk).delete()
    campaign.delete()


if __name__ == "__main__":
    main()
