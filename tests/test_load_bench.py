"""bench/load_bench.py: its users reach every page of their daily work, and it skips without PostgreSQL."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from units.demo import seed_demo

BENCH = Path(__file__).resolve().parent.parent / "bench" / "load_bench.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("load_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_every_load_user_gets_every_page_of_its_day():
    seed_demo(people=120)
    world = _load_bench().setup()
    users = world["users"]
    assert len(users) == 50
    assert {user["role"] for user in users} == {"unit_officer", "board_reviewer", "council_member", "chair",
                                                "clerk", "administrator"}
    seen = set()
    for user in users:
        client = Client()
        client.cookies["sessionid"] = user["cookie"]
        assert len(user["pages"]) >= 4
        for path in user["pages"]:
            if (user["role"], path) in seen:
                continue
            seen.add((user["role"], path))
            assert client.get(path).status_code == 200, (user["user"], path)


def test_skips_politely_without_postgresql():
    done = subprocess.run([sys.executable, str(BENCH)], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "BENCH_LOAD_DB_URL": "postgres://postgres@127.0.0.1:9/none"})
    assert done.returncode == 0, done.stderr
    last = json.loads(done.stdout.strip().splitlines()[-1])
    assert last["skipped"] == "PostgreSQL unreachable at 127.0.0.1:9"
