"""`manage.py backup DIR` and `manage.py restore DIR` on SQLite: every row and every media file comes back into an
empty database; a damaged backup or a database that is not empty is refused."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from certificates.models import Certificate

from .factories import PersonFactory, UnitFactory
from .factories_certificates import DecidedHonourFactory, issue

ROOT = Path(__file__).resolve().parents[1]
# The backup reads the database as committed (SQLite's backup API waits for a writer's transaction to end).
# On PostgreSQL (make test-postgres) the round trip is tests/service/test_ops_backup_postgres.py's (pg_dump).
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
                       reason="the SQLite backup; PostgreSQL's is in the service suite"),
]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "attachments" / "2025").mkdir(parents=True)
    (settings.MEDIA_ROOT / "attachments" / "2025" / "to-trinh.pdf").write_bytes(b"%PDF-1.4 t\xe1\xbb\x9d tr\xc3\xacnh")
    (settings.MEDIA_ROOT / "certificates" / "batches").mkdir(parents=True)
    (settings.MEDIA_ROOT / "certificates" / "batches" / "b1.pdf").write_bytes(os.urandom(4096))
    unit = UnitFactory(code="SNV", name="Sở Nội vụ")
    PersonFactory.create_batch(5, unit=unit)
    issue(*[DecidedHonourFactory() for _ in range(3)])
    return settings.MEDIA_ROOT


def restore(backup, database, media, *args):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings_test", DATABASE_URL=f"sqlite:///{database}",
               MEDIA_ROOT=str(media), LAUREL_VAR_DIR=str(database.parent / "var"))
    return subprocess.run([sys.executable, "manage.py", "restore", str(backup), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


def source_rows(table):
    connection.ensure_connection()  # the raw sqlite3 connection: values as stored, like the restored file's
    return [tuple(row) for row in connection.connection.execute(f'SELECT * FROM "{table}" ORDER BY 1')]


def test_backup_then_restore_into_an_empty_database_gives_back_every_row_and_file(world, tmp_path):
    backup = tmp_path / "backup-1"
    call_command("backup", str(backup))
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "sqlite" and "database.sqlite3" in manifest["files"]
    assert set(manifest["files"]) >= {"media/attachments/2025/to-trinh.pdf", "media/certificates/batches/b1.pdf"}
    tables = connection.introspection.table_names()
    assert set(manifest["database"]["tables"]) == set(tables)
    assert manifest["database"]["tables"]["certificates_certificate"] == 3

    database, media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    done = restore(backup, database, media)
    assert done.returncode == 0, done.stderr
    restored = sqlite3.connect(database, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)  # as Django
    for table in tables:
        assert restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == len(source_rows(table)), table
    for table in ("units_person", "units_unit", "certificates_certificate", "auth_group", "django_migrations"):
        assert [tuple(r) for r in restored.execute(f'SELECT * FROM "{table}" ORDER BY 1')] == source_rows(table)
    tokens = {token for (token,) in restored.execute("SELECT token FROM certificates_certificate")}
    assert tokens == set(Certificate.objects.values_list("token", flat=True))
    for path in world.rglob("*"):
        if path.is_file():
            assert (media / path.relative_to(world)).read_bytes() == path.read_bytes()


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(world, tmp_path):
    call_command("backup", str(tmp_path / "b"))
    database, media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    assert restore(tmp_path / "b", database, media).returncode == 0
    again = restore(tmp_path / "b", database, media)
    assert again.returncode != 0 and "Cơ sở dữ liệu không trống" in again.stderr  # messages are in Vietnamese
    forced = restore(tmp_path / "b", database, media, "--force")
    assert forced.returncode == 0, forced.stderr


def test_a_damaged_backup_is_refused_before_anything_is_touched(world, tmp_path):
    backup = tmp_path / "b"
    call_command("backup", str(backup))
    pdf = backup / "media" / "certificates" / "batches" / "b1.pdf"
    pdf.write_bytes(pdf.read_bytes()[:-1] + b"!")
    database, media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    done = restore(backup, database, media)
    assert done.returncode != 0 and "mã kiểm tra không khớp: media/certificates/batches/b1.pdf" in done.stderr
    assert not media.exists()
    tables = sqlite3.connect(database).execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table'").fetchone()
    assert tables == (0,)
    with pytest.raises(CommandError, match="mã kiểm tra không khớp"):
        call_command("restore", str(backup), "--check")


def test_backup_refuses_a_directory_that_is_not_empty(world, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="không trống"):
        call_command("backup", str(tmp_path / "used"))


def test_an_incomplete_backup_without_manifest_is_refused(world, tmp_path):
    call_command("backup", str(tmp_path / "b"))
    (tmp_path / "b" / "manifest.json").unlink()
    with pytest.raises(CommandError, match="không có tệp kê khai"):
        call_command("restore", str(tmp_path / "b"), "--check")
