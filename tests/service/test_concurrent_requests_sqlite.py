"""The embedded default under a burst: twenty identical POSTs at once at each workflow move, through real
HTTP, against `manage.py runserver` (threaded) on a SQLite file, as `make demo` runs it. No 5xx ("database
is locked"), no refused or unanswered request, and each move takes effect exactly once. The server, its
throwaway database and the counting are bench/concurrency_bench.py's; the PostgreSQL side is in
test_concurrent_requests.py. (In the service suite because it starts a server process and takes ~20 s.)"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.service


def test_twenty_identical_posts_per_move_on_a_sqlite_file():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "concurrency_bench.py"), "--backend", "sqlite", "--requests", "20"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    sqlite = result["backends"]["sqlite"]
    for move, row in sqlite["moves"].items():
        assert "500" not in row["statuses"], (move, row)
        assert row["errors"] == 0 and row["applied"] == 1 and row["duplicates"] == 0, (move, row)
    assert sqlite["requests"] == 100 and sqlite["tracebacks"] == 0
    assert (result["errors"], result["duplicates"]) == (0, 0)
