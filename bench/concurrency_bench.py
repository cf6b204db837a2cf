"""Benchmark: 20 concurrent identical POSTs at each workflow move, through real HTTP, on SQLite and PostgreSQL.

For each backend it builds a throwaway database (a SQLite file in a temporary directory; PostgreSQL
postgres://postgres@127.0.0.1:5432/laurel_concurrency_bench, created and dropped here, or BENCH_PG_URL),
seeds it, starts `manage.py runserver` (threaded, loopback only) on it, and for each move (submit a
dossier, cast a ballot, issue a decision, start a print batch, run an import) fires REQUESTS identical
POSTs at once from as many threads, as one user double-clicking would. Then it counts, in the database,
how often each move took effect: exactly once is right, more is a duplicate, never is an error; a 5xx
answer or a failed connection is an error too.

Last line: {"errors": 0, "duplicates": 0, "requests": …, "seconds": …, "backends": {…}}

Run from the repository root: .venv/bin/python bench/concurrency_bench.py [--backend sqlite|postgres]
The same seed, fire and count functions serve the tests (tests/service/test_concurrent_requests.py).
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/laurel_concurrency_bench"
MOVES = ("submit", "vote", "decide", "print_batch", "import")
IMPORT_ROWS = 50
TIMEOUT = 120  # seconds for one request; the whole run is bounded by the number of moves


# --- seeding and counting (run where Django is set up on the database under test) -----------------

def seed() -> dict:
    """Everything the five moves need, each ready for exactly one success; returns ids and session cookies."""
    import datetime

    from django.contrib.auth.models import Group
    from django.test import Client
    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import Role
    from certificates.services import issue_certificates
    from nominations.enums import DossierState, NomineeState, Verdict, VoteSessionState
    from nominations.models import Attachment, Campaign, Dossier, Nominee, RequiredDocument, VoteSession
    from units.models import Honour, Person, Unit

    tag = uuid.uuid4().hex[:6].upper()
    today = timezone.localdate()
    province = Unit.objects.create(code=f"T{tag}", name="Tỉnh Khánh Hòa", kind="province")
    unit = Unit.objects.create(code=f"S{tag}", name="Sở Nội vụ", kind="agency", parent=province)

    def user(role, name, **extra):
        person = User.objects.create(username=f"{role}-{name}-{tag}".lower(), full_name=f"{name} {tag}", **extra)
        person.groups.add(Group.objects.get(name=role))
        return person

    officer = user(Role.UNIT_OFFICER, "officer", unit=unit)
    members = [user(Role.COUNCIL_MEMBER, f"member{i}") for i in range(3)]
    chair, clerk = user(Role.CHAIR, "chair"), user(Role.CLERK, "clerk")
    admin = user(Role.ADMINISTRATOR, "admin", is_staff=True)
    campaign = Campaign.objects.create(kind="annual", year=today.year, title=f"Thi đua {today.year} {tag}",
                                       opens_on=today - datetime.timedelta(days=10),
                                       closes_on=today + datetime.timedelta(days=10))
    campaign.award_types.add("LDTT")
    people = [Person.objects.create(code=f"P{tag}{i}", full_name=f"Nguyễn Văn {chr(65 + i)}", gender="male",
                                    unit=unit) for i in range(4)]

    def nominee(dossier, person, state, **extra):
        return Nominee.objects.create(dossier=dossier, campaign=campaign, person=person, award_id="LDTT",
                                      subject_name=person.full_name, subject_code=person.code,
                                      verdict=Verdict.ELIGIBLE, state=state, **extra)

    draft = Dossier.objects.create(campaign=campaign, unit=unit, title="Tờ trình", created_by=officer,
                                   council_met_on=today, council_members=5, council_votes_for=5,
                                   council_votes_against=0)
    first = nominee(draft, people[0], NomineeState.PROPOSED)
    for required in RequiredDocument.objects.filter(campaign_kind=campaign.kind):  # what submit requires
        Attachment.objects.create(dossier=draft, nominee=first if required.per_nominee else None, kind=required.kind,
                                  file=f"bench/{required.kind}.pdf", original_name=f"{required.kind}.pdf",
                                  content_type="application/pdf", size=100)
    in_council = Dossier.objects.create(campaign=campaign, unit=unit, title="Hội đồng", state=DossierState.IN_COUNCIL)
    session = VoteSession.objects.create(campaign=campaign, title="Phiên họp", state=VoteSessionState.OPEN,
                                         opens_at=timezone.now(), members_total=len(members))
    voted = nominee(in_council, people[1], NomineeState.ACCEPTED, vote_session=session)
    approved = [nominee(in_council, person, NomineeState.APPROVED, vote_passed=True) for person in people[2:]]
    honours = [Honour.objects.create(year=today.year - 1, person=person, award_id="BK_TINH",
                                     decision_number=f"9{tag}/QĐ-UBND", decided_on=today - datetime.timedelta(days=30),
                                     source=Honour.Source.DECISION) for person in people]
    issue_certificates(honours, issuer_code="UBND-TINH", issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
                       signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn Thắng", place="Khánh Hòa")
    csv_rows = ["code,full_name,gender,birth_date,unit_code"] + [
        f"N{tag}{i:03d},Trần Thị Mai {i},female,1990-01-01,{unit.code}" for i in range(IMPORT_ROWS)]

    def cookie(person):
        client = Client()
        client.force_login(person)
        return client.cookies["sessionid"].value

    return {
        "tag": tag, "today": today.isoformat(), "campaign": campaign.pk, "dossier": draft.pk,
        "session": session.pk, "voted": voted.pk, "member": members[0].pk, "approved": [n.pk for n in approved],
        "decision_number": f"9{tag}/QĐ-UBND", "certificates": len(honours), "import_csv": "\n".join(csv_rows) + "\n",
        "import_prefix": f"N{tag}",
        "cookies": {"officer": cookie(officer), "member": cookie(members[0]), "chair": cookie(chair),
                    "clerk": cookie(clerk), "admin": cookie(admin)},
    }


def count(world: dict) -> dict:
    """How many times each move took effect: {move: n}; 1 is right."""
    from certificates.models import PrintBatch
    from nominations.enums import Move
    from nominations.models import Ballot, DecisionLine, Transition
    from units.models import Person

    lines = DecisionLine.objects.filter(nominee_id__in=world["approved"])
    batches = list(PrintBatch.objects.filter(certificates__decision_number=world["decision_number"]).distinct()
                   .order_by("created_at", "pk").values_list("created_at", "finished_at"))
    # A batch made while the one before was still queued or running is a duplicate; once that one has
    # finished (a worker may be running), printing the same certificates again is a new, rightful batch.
    printed = (1 if batches else 0) + sum(1 for (_c1, finished), (created, _f2) in zip(batches[:-1], batches[1:],
                                                                                      strict=True)
                                          if finished is None or created < finished)
    people = Person.objects.filter(code__startswith=world["import_prefix"]).count()
    return {
        "submit": Transition.objects.filter(dossier_id=world["dossier"], move=Move.SUBMIT).count(),
        "vote": Ballot.objects.filter(nominee_id=world["voted"], member_id=world["member"]).count(),
        "decide": lines.values("decision_id").distinct().count() if lines.count() >= len(world["approved"]) else 0,
        "print_batch": printed,
        # Every row of the file is one person; imported twice would be an error (codes are unique).
        "import": 1 if people == IMPORT_ROWS else 0 if people == 0 else -1,
    }


# --- firing (plain HTTP, no Django needed) ---------------------------------------------------------

def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "laurel" + secrets.token_hex(8)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        parts.append((f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      "Content-Type: text/csv\r\n\r\n").encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def requests_for(world: dict) -> dict:
    """{move: (who, path, fields, files)}: the one POST that each move fires many times."""
    return {
        "submit": ("officer", f"/nominations/dossiers/{world['dossier']}/submit/", {"comment": ""}, {}),
        "vote": ("member", f"/nominations/votes/{world['session']}/cast/", {f"n_{world['voted']}": "for"}, {}),
        "decide": ("chair", f"/nominations/decisions/new/{world['campaign']}/", {
            "confirm": "1", "nominee": world["approved"], "decided_on": world["today"],
            "signer_name": "Nguyễn Văn Thắng", "signer_title": "Chủ tịch", "base_salary": "2340000",
            "issuer": f"UBND{world['tag']}"}, {}),
        "print_batch": ("clerk", "/certificates/batches/", {"decision_number": world["decision_number"],
                                                            "mode": "full"}, {}),
        "import": ("admin", "/units/imports/", {"kind": "people"},
                   {"file": ("people.csv", world["import_csv"].encode())}),
    }


# An answer whose page carries this marker is a move that failed politely (e.g. an import report with
# problems: the file was not imported and the user is told to try again); it counts as an error.
FAILED_MARKERS = {"import": b'id="import-errors"'}


def _post(base_url: str, cookie: str, path: str, fields: dict, files: dict) -> tuple[int, bytes]:
    csrf = secrets.token_hex(16)  # a 32-character secret: the same in the cookie and the form
    if files:
        body, content_type = _multipart({**fields, "csrfmiddlewaretoken": csrf}, files)
    else:
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf}, doseq=True).encode()
        content_type = "application/x-www-form-urlencoded"
    request = urllib.request.Request(base_url.rstrip("/") + path, data=body, method="POST", headers={
        "Content-Type": content_type, "Cookie": f"sessionid={cookie}; csrftoken={csrf}",
        "Referer": base_url, "Accept-Language": "vi",
    })

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except OSError:
        return 0, b""  # no answer at all: counted as an error


def fire(base_url: str, world: dict, move: str, n: int = REQUESTS) -> dict:
    """n identical POSTs of `move` at once; {"statuses": {code: count}, "errors": k, "seconds": s}."""
    who, path, fields, files = requests_for(world)[move]
    barrier = threading.Barrier(n)
    statuses, failed = [], []
    marker = FAILED_MARKERS.get(move)

    def one():
        barrier.wait()
        status, body = _post(base_url, world["cookies"][who], path, fields, files)
        statuses.append(status)
        if marker and marker in body:
            failed.append(status)

    started = time.perf_counter()
    threads = [threading.Thread(target=one) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT + 10)
    seconds = time.perf_counter() - started
    by_code = {}
    for status in statuses:
        by_code[str(status)] = by_code.get(str(status), 0) + 1
    errors = sum(1 for status in statuses if status == 0 or status >= 500 or status in (403, 404)) + n - len(statuses)
    return {"statuses": by_code, "failed": len(failed), "errors": errors + len(failed), "seconds": round(seconds, 2)}


def judge(fired: dict, counts: dict, moves=MOVES) -> dict:
    """Per move: requests, errors (5xx, refused, unanswered, or no effect at all) and duplicates."""
    result = {}
    for move in moves:
        applied = counts[move]
        row = dict(fired[move])
        row["applied"] = applied
        row["duplicates"] = max(0, applied - 1)
        if applied <= 0:
            row["errors"] += 1
        result[move] = row
    return result


# --- one backend: a throwaway database, a server process, the requests, the counts ----------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg(url: str, sql: str):
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432, user=cfg["USER"] or "postgres",
                         password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.format(name=cfg["NAME"]))


def _env(database_url: str, work: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "DATABASE_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings_test", "DATABASE_URL": database_url, "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "LAUREL_VAR_DIR": str(work), "MEDIA_ROOT": str(work / "media"),
        # The embedded default: a filesystem broker and no worker, so a batch stays queued while we fire.
        "CELERY_TASK_ALWAYS_EAGER": "0", "CELERY_BROKER_URL": "filesystem://", "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    })
    return env


def _child(env: dict, *args) -> dict:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], cwd=env["LAUREL_VAR_DIR"], env=env,
                          capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"{args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_backend(backend: str, n: int = REQUESTS) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"laurel-concurrency-{backend}-"))
    if backend == "sqlite":
        url = f"sqlite:///{work}/bench.sqlite3"
    else:
        url = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)
        _pg(url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _pg(url, 'CREATE DATABASE "{name}"')
    env = _env(url, work)
    server = None
    log = open(work / "server.log", "w")
    try:
        world = _child(env, "--seed")
        (work / "world.json").write_text(json.dumps(world))
        port = _free_port()
        # Run from the scratch directory: the filesystem broker writes its control files under the cwd.
        server = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}",
                                   "--noreload"], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=5).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError as exc:
                if server.poll() is not None or time.monotonic() > deadline:
                    tail = (work / "server.log").read_text()[-3000:]
                    raise RuntimeError(f"the server did not start:\n{tail}") from exc
                time.sleep(0.3)
        started = time.perf_counter()
        fired = {move: fire(base, world, move, n) for move in MOVES}
        seconds = time.perf_counter() - started
        moves = judge(fired, _child(env, "--count", str(work / "world.json")))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
        if backend == "postgres":
            _pg(url, 'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server_log = (work / "server.log").read_text()
    shutil.rmtree(work, ignore_errors=True)
    return {
        "errors": sum(m["errors"] for m in moves.values()),
        "duplicates": sum(m["duplicates"] for m in moves.values()),
        "requests": n * len(MOVES), "seconds": round(seconds, 2), "moves": moves,
        "tracebacks": server_log.count("Traceback"),
    }


def _setup_django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--count", metavar="WORLD", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        _setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(json.dumps(seed()))
        return
    if args.count:
        _setup_django()
        print(json.dumps(count(json.loads(Path(args.count).read_text()))))
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    started = time.perf_counter()
    results = {}
    for backend in backends:
        results[backend] = run_backend(backend, args.requests)
        print(f"{backend}: {json.dumps(results[backend])}", file=sys.stderr)
    sys.stderr.flush()
    print(json.dumps({
        "errors": sum(r["errors"] for r in results.values()),
        "duplicates": sum(r["duplicates"] for r in results.values()),
        "requests": sum(r["requests"] for r in results.values()),
        "seconds": round(time.perf_counter() - started, 2),
        "backends": {name: {k: r[k] for k in ("errors", "duplicates", "requests", "seconds", "tracebacks")}
                     | {"moves": {m: {k: v for k, v in row.items()} for m, row in r["moves"].items()}}
                     for name, r in results.items()},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
