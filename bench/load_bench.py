"""Benchmark: 50 simulated users of every role on the production server (gunicorn, DEBUG off) with PostgreSQL.

It builds a throwaway PostgreSQL database (postgres://postgres@127.0.0.1:5432/laurel_load, or BENCH_LOAD_DB_URL;
dropped at the end unless BENCH_KEEP_DB=1, which also keeps the server's log), migrates it and seeds the
demo (`seed_demo --people BENCH_PEOPLE`, default 600), creates 50 users spread over the six roles (no
password change pending) and a session for each, collects the static files, then starts gunicorn exactly
as `make serve` does (deploy/gunicorn.conf.py, DEBUG=0, WhiteNoise, LAUREL_LOCAL_HTTP=1 for plain http) on
a free port of 127.0.0.1. After one unmeasured pass over each role's pages (a production server is warm),
each user, from its own thread with a keep-alive connection, walks the pages of its daily work (home,
dossier list and detail, the queue with filters, the vote page, decisions, certificates, dashboard, people
search) until the fixed number of requests (BENCH_LOAD_REQUESTS, default 1000) is done or 90 s have
passed, reading each page for a random 0 to BENCH_THINK_MS ms (default 3000) before the next, as
people do. Loopback only; it stops by itself. An error is any answer other than 200 (a redirect to the
log-in page included) or a failed connection.

Sessions are made by the setup step (as Django's test client does), not by posting the log-in form: 50
password hashes would cost the run tens of seconds of CPU that no page pays.

Without PostgreSQL (nothing answers at the database URL's host and port) it says so and prints
{"skipped": …} as its last line, with exit status 0, so that `make bench` goes on.

Last line: {"users": 50, "requests": …, "errors": 0, "p95_ms": …, "rps": …, "load_avg": […]}
Run from the repository root: .venv/bin/python bench/load_bench.py
"""

import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USERS = 50
REQUESTS = int(os.environ.get("BENCH_LOAD_REQUESTS", "1000"))
MAX_SECONDS = 90
THINK_MS = int(os.environ.get("BENCH_THINK_MS", "3000"))  # a user reads a page 0 to THINK_MS ms before the next
PEOPLE = os.environ.get("BENCH_PEOPLE", "600")
DB_URL = os.environ.get("BENCH_LOAD_DB_URL", "postgres://postgres@127.0.0.1:5432/laurel_load")
# Users per role: officers and council members are the many, the chair is one person (a few sessions).
ROLE_MIX = {"unit_officer": 14, "board_reviewer": 8, "council_member": 12, "chair": 4, "clerk": 6,
            "administrator": 6}


# --- setup (runs under Django, in a subprocess with the server's environment) -------------------------------

def setup() -> dict:
    """Create the load users and their sessions; return, per user, its session cookie and its pages."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.test import Client

    from nominations.models import Decision, Dossier, VoteSession
    from units.demo.tree import DEMO_LOGINS

    User = get_user_model()
    groups = {group.name: group for group in Group.objects.all()}
    officer_units = [User.objects.get(username=d.username).unit for d in DEMO_LOGINS if d.role == "unit_officer"]
    hashed = make_password(secrets.token_urlsafe(16))
    sessions = [s.pk for s in VoteSession.objects.order_by("-pk")[:3]]
    decisions = [d.pk for d in Decision.objects.order_by("-pk")[:3]]
    submitted = list(Dossier.objects.exclude(state="draft").order_by("-pk").values_list("pk", flat=True)[:5])
    queue = ["/nominations/queue/", "/nominations/queue/?state=proposed&verdict=eligible",
             "/nominations/queue/?verdict=ineligible&par_class=fair&sort=subject_name",
             "/nominations/queue/?q=nguyen&page=2", "/nominations/queue/?dossier_state=in_review&page=3"]
    people = ["/units/people/?q=tran", "/units/lookup/people/?q=nguyen+van"]

    def pages(role, user):
        home = ["/"]
        if role == "unit_officer":
            own = [d.pk for d in Dossier.objects.filter(unit=user.unit).order_by("-pk")[:20]
                   if user.has_perm("nominations.see_dossier", d)][:3]
            return home + ["/nominations/dossiers/", *[f"/nominations/dossiers/{pk}/" for pk in own], *people]
        if role == "board_reviewer":
            return home + queue + ["/nominations/dossiers/",
                                   *[f"/nominations/dossiers/{pk}/" for pk in submitted[:3]], people[0]]
        if role == "council_member":
            return home + ["/nominations/votes/", *[f"/nominations/votes/{pk}/" for pk in sessions[:2]]]
        if role == "chair":
            return home + queue[:2] + ["/nominations/votes/", *[f"/nominations/votes/{pk}/" for pk in sessions[:1]],
                                       "/nominations/decisions/", "/reports/dashboard/"]
        if role == "clerk":
            return home + ["/certificates/", "/certificates/batches/", "/nominations/decisions/",
                           *[f"/nominations/decisions/{pk}/" for pk in decisions[:2]]]
        return home + ["/reports/dashboard/", "/units/", "/certificates/", *people]

    out = []
    for role, count in ROLE_MIX.items():
        for i in range(count):
            user, _ = User.objects.update_or_create(username=f"load-{role}-{i:02d}", defaults={
                "full_name": f"Tải {role} {i}", "password": hashed, "must_change_password": False,
                "is_active": True, "is_staff": role == "administrator",
                "unit": officer_units[i % len(officer_units)] if role == "unit_officer" else None})
            user.groups.set([groups[role]])
            client = Client()
            client.force_login(user)
            out.append({"user": user.username, "role": role, "cookie": client.cookies["sessionid"].value,
                        "pages": [p for p in pages(role, user) if p]})
    return {"users": out}


# --- the run ------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _reachable(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=2).close()
        return True
    except OSError:
        return False


def _recreate_database(url: str, drop_only: bool = False) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def _run(args: list[str], env: dict, timeout: int = 300) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def _wait_for(port: int, server: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped before it answered")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/login/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer within a minute")


def warm_up(port: int, users: list[dict]) -> None:
    """Each role's pages once, one at a time and not measured: a production server has long been warm."""
    seen = set()
    for user in users:
        for path in user["pages"]:
            if (user["role"], path) in seen:
                continue
            seen.add((user["role"], path))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path, headers={"Cookie": f"sessionid={user['cookie']}"})
            conn.getresponse().read()
            conn.close()


def load(port: int, users: list[dict]) -> dict:
    """Each user in its own thread walks its pages in a loop; stop at REQUESTS in all or at MAX_SECONDS."""
    timings, by_page, errors = [], defaultdict(list), []
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + MAX_SECONDS

    def take() -> bool:
        nonlocal issued
        with lock:
            if issued >= REQUESTS or time.monotonic() >= deadline:
                return False
            issued += 1
            return True

    def walk(user: dict) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": f"sessionid={user['cookie']}", "Accept-Language": "vi"}
        step = 0
        time.sleep(random.uniform(0, THINK_MS) / 1000)  # users do not all click in the same millisecond
        while take():
            path = user["pages"][step % len(user["pages"])]
            step += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                status = repr(exc)
            ms = (time.perf_counter() - start) * 1000
            key = f"{user['role']} {path.split('?')[0]}"
            with lock:
                timings.append(ms)
                by_page[key].append(ms)
                if status != 200:
                    errors.append(f"{user['user']} {path} -> {status}")
            time.sleep(random.uniform(0, THINK_MS) / 1000)
        conn.close()

    threads = [threading.Thread(target=walk, args=(user,)) for user in users]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"timings": timings, "by_page": by_page, "errors": errors, "seconds": elapsed}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0


def main() -> None:
    if not _reachable(DB_URL):
        parts = urllib.parse.urlsplit(DB_URL)
        host = f"{parts.hostname}:{parts.port or 5432}"
        print(f"load_bench: PostgreSQL is unreachable at {host}; this bench needs it "
              "(set BENCH_LOAD_DB_URL). Skipped.")
        print(json.dumps({"skipped": f"PostgreSQL unreachable at {host}", "users": USERS}))
        return
    var_dir = Path(tempfile.mkdtemp(prefix="laurel-load-"))
    port = _free_port()
    env = dict(os.environ, DATABASE_URL=DB_URL, DEBUG="0", LAUREL_LOCAL_HTTP="1", ALLOWED_HOSTS="127.0.0.1",
               SECRET_KEY=secrets.token_urlsafe(50), LAUREL_VAR_DIR=str(var_dir), LAUREL_BIND=f"127.0.0.1:{port}",
               LOG_FORMAT="json", DJANGO_SETTINGS_MODULE="config.settings", PYTHONPATH=str(ROOT))
    if os.environ.get("BENCH_BROKER_URL"):
        env["CELERY_BROKER_URL"] = os.environ["BENCH_BROKER_URL"]
    env.pop("SECRET_KEY_FILE", None)
    python = sys.executable
    started = time.monotonic()
    _recreate_database(DB_URL)
    server = None
    try:
        _run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
        _run([python, "manage.py", "seed_demo", "--people", PEOPLE], env)
        _run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        world = json.loads(_run([python, __file__, "--setup"], env).strip().splitlines()[-1])
        setup_seconds = time.monotonic() - started
        log = open(var_dir / "gunicorn.log", "w")
        gunicorn = Path(python).with_name("gunicorn")
        server = subprocess.Popen([str(gunicorn), "--config", "deploy/gunicorn.conf.py"], cwd=ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        _wait_for(port, server)
        warm_up(port, world["users"])
        result = load(port, world["users"])
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if os.environ.get("BENCH_KEEP_DB") != "1":
            _recreate_database(DB_URL, drop_only=True)
    load_avg = [round(x, 2) for x in os.getloadavg()]
    for key, values in sorted(result["by_page"].items(), key=lambda kv: -_p95(kv[1])):
        print(f"{key:55} n={len(values):4} p50={sorted(values)[len(values) // 2]:7.1f} ms "
              f"p95={_p95(values):7.1f} ms")
    for error in result["errors"][:20]:
        print("error:", error)
    if result["errors"] or os.environ.get("BENCH_KEEP_DB") == "1":
        print(f"gunicorn log kept (one JSON line per request, with db_queries and db_ms): {var_dir / 'gunicorn.log'}")
    else:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(f"setup {setup_seconds:.0f} s; load {result['seconds']:.1f} s; CPUs {os.cpu_count()}; "
          f"load average {load_avg}")
    print(json.dumps({"users": len(world["users"]), "requests": len(result["timings"]),
                      "errors": len(result["errors"]), "p95_ms": round(_p95(result["timings"]), 1),
                      "rps": round(len(result["timings"]) / result["seconds"], 1), "load_avg": load_avg}))


if __name__ == "__main__":
    if sys.argv[1:] == ["--setup"]:
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        print(json.dumps(setup()))
    else:
        main()
