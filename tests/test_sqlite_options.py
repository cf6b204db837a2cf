"""The embedded default's SQLite options (config/settings.py: LAUREL_SQLITE_OPTIONS), on a real file with
two connections: a transaction that reads and then writes while another writer commits in between must
wait for its turn, not fail with "database is locked" (what 20 concurrent POSTs gave before)."""

import threading
import time

from django.conf import settings
from django.db import connections, transaction


def _race_alias(path):
    alias = "sqlite_race"
    connections.settings[alias] = {
        **connections.settings["default"], "ENGINE": "django.db.backends.sqlite3", "NAME": str(path),
        "OPTIONS": {**settings.LAUREL_SQLITE_OPTIONS, "timeout": 10}, "CONN_MAX_AGE": 0, "TEST": {},
    }
    return alias


def test_a_read_then_write_transaction_waits_for_a_concurrent_writer(tmp_path, django_db_blocker):
    alias = _race_alias(tmp_path / "race.sqlite3")
    django_db_blocker.unblock()  # our own throwaway file, not the test database
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n INTEGER)")
        connections[alias].close()
        first_read, second_starting = threading.Event(), threading.Event()
        outcomes = {}

        def first():  # reads, lets the other writer go, then writes what it read plus one
            try:
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM counter")
                    seen = cursor.fetchone()[0]
                    first_read.set()
                    second_starting.wait(5)
                    time.sleep(0.3)
                    cursor.execute("INSERT INTO counter (n) VALUES (%s)", [seen + 1])
                outcomes["first"] = "ok"
            except Exception as exc:  # noqa: BLE001 — the outcome is what the test checks
                outcomes["first"] = repr(exc)
            finally:
                connections[alias].close()

        def second():
            first_read.wait(5)
            second_starting.set()
            try:
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM counter")
                    cursor.execute("INSERT INTO counter (n) VALUES (%s)", [cursor.fetchone()[0] + 1])
                outcomes["second"] = "ok"
            except Exception as exc:  # noqa: BLE001
                outcomes["second"] = repr(exc)
            finally:
                connections[alias].close()

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
        assert outcomes == {"first": "ok", "second": "ok"}, outcomes
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT n FROM counter ORDER BY n")
            assert [row[0] for row in cursor.fetchall()] == [1, 2]  # the second saw the first's row
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]
        django_db_blocker.restore()


def test_the_default_database_uses_them_when_it_is_sqlite():
    options = connections.settings["default"].get("OPTIONS", {})
    if connections.settings["default"]["ENGINE"].endswith("sqlite3"):
        assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 20
    assert settings.LAUREL_SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
