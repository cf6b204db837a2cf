"""`manage.py backup` then `manage.py restore` of a seeded demo on PostgreSQL into an empty database: every
table's row count, a sample of every table's records and every media file come back, and the certificates'
verification tokens still verify (the public verify page says "valid") on the restored database."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parents[2]

VERIFY_SCRIPT = """
import json, sys, django
django.setup()
from django.test import Client
from certificates.models import Certificate
client = Client()
out = []
for cert in Certificate.objects.filter(state="issued").order_by("pk"):
    page = client.get(cert.verify_path())
    out.append([cert.token, page.status_code, "alert-success" in page.content.decode()])
print(json.dumps(out))
"""


def _dsn(name):
    db = settings.DATABASES["default"]
    return f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


def _rows(conn, table, limit=None):
    with conn.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1' + (f" LIMIT {limit}" if limit else ""))
        return cursor.fetchall()


def test_a_seeded_demo_round_trips_through_backup_and_restore(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", people=120, stdout=open(os.devnull, "w"))
    (settings.MEDIA_ROOT / "attachments").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "attachments" / "to-trinh.pdf").write_bytes(b"%PDF-1.4 " + os.urandom(2048))
    backup = tmp_path / "backup"
    call_command("backup", str(backup), stdout=open(os.devnull, "w"))

    source_name = connection.settings_dict["NAME"]
    target_name = f"{source_name}_restored"
    with psycopg.connect(_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target_name}"')
        admin.execute(f'CREATE DATABASE "{target_name}"')
    env = {k: v for k, v in os.environ.items()}
    env.update(DJANGO_SETTINGS_MODULE="config.settings_test", DATABASE_URL=_dsn(target_name),
               MEDIA_ROOT=str(tmp_path / "restored-media"), LAUREL_VAR_DIR=str(tmp_path / "var"),
               ALLOWED_HOSTS="testserver")
    try:
        done = subprocess.run([sys.executable, "manage.py", "restore", str(backup)], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        tables = connection.introspection.table_names()
        with psycopg.connect(_dsn(source_name)) as source, psycopg.connect(_dsn(target_name)) as target:
            for table in tables:
                assert len(_rows(target, table)) == len(_rows(source, table)), table
                assert _rows(target, table, limit=25) == _rows(source, table, limit=25), table
            assert len(_rows(source, "certificates_certificate")) > 0 and len(_rows(source, "units_person")) >= 100
        for path in Path(settings.MEDIA_ROOT).rglob("*"):
            if path.is_file():
                restored = tmp_path / "restored-media" / path.relative_to(settings.MEDIA_ROOT)
                assert restored.read_bytes() == path.read_bytes()

        verified = subprocess.run([sys.executable, "-c", VERIFY_SCRIPT], cwd=ROOT, env=env, capture_output=True,
                                  text=True)
        assert verified.returncode == 0, verified.stderr
        import json

        results = json.loads(verified.stdout.strip().splitlines()[-1])
        from certificates.models import Certificate

        assert {token for token, _, _ in results} == set(
            Certificate.objects.filter(state="issued").values_list("token", flat=True))
        assert results and all(status == 200 and valid for _, status, valid in results)

        again = subprocess.run([sys.executable, "manage.py", "restore", str(backup)], cwd=ROOT, env=env,
                               capture_output=True, text=True)
        assert again.returncode != 0 and "Cơ sở dữ liệu không trống" in again.stderr
        forced = subprocess.run([sys.executable, "manage.py", "restore", "--force", str(backup)], cwd=ROOT, env=env,
                                capture_output=True, text=True)
        assert forced.returncode == 0, forced.stderr
    finally:
        with psycopg.connect(_dsn("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
