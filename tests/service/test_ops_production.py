"""Production serving on the real stack: gunicorn (deploy/gunicorn.conf.py, as `make serve` and the systemd unit
start it) on PostgreSQL and Redis with a real Celery worker: /healthz answers 200 with every part up, static
files come from WhiteNoise, DEBUG is off, and the logs are JSON lines with the request id."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@override_settings(LAUREL_HEALTHZ_CACHE_SECONDS=0)
def test_healthz_is_200_when_database_broker_and_a_worker_answer(celery_worker_process):
    response = Client().get("/healthz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert all(body["checks"][part]["ok"] for part in ("database", "broker", "workers"))
    assert body["checks"]["workers"]["answered"] >= 1


def test_gunicorn_serves_the_app_as_in_production(celery_worker_process, tmp_path):
    port = _free_port()
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items()
           if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "SECRET_KEY", "ALLOWED_HOSTS",
                        "LOG_FORMAT"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings", LAUREL_VAR_DIR=str(tmp_path), SECRET_KEY="s" * 60,
        LAUREL_LOCAL_HTTP="1", ALLOWED_HOSTS="127.0.0.1", WEB_CONCURRENCY="2", LAUREL_BIND=f"127.0.0.1:{port}",
        LAUREL_HEALTHZ_CACHE_SECONDS="0", CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        DATABASE_URL=f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:"
                     f"{db.get('PORT') or 5432}/{connection.settings_dict['NAME']}",
    )
    done = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--config",
                                   "deploy/gunicorn.conf.py"], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/healthz", {"X-Request-ID": "smoke-1"})
                break
            except OSError:
                assert server.poll() is None, log_path.read_text()
                time.sleep(0.3)
        else:
            pytest.fail("gunicorn did not answer within 60 s:\n" + log_path.read_text())
        assert status == 200, body
        assert headers["X-Request-ID"] == "smoke-1" and json.loads(body)["status"] == "ok"
        status, headers, body = _get(f"http://127.0.0.1:{port}/login/")
        assert status == 200
        assert "Secure" not in headers["Set-Cookie"]  # LAUREL_LOCAL_HTTP: usable over plain local HTTP
        css = re.search(rb'href="(/static/[^"]+\.css)"', body).group(1).decode()
        assert re.search(r"\.[0-9a-f]{12}\.css$", css), "hashed names from the manifest storage"
        status, headers, _ = _get(f"http://127.0.0.1:{port}{css}")
        assert status == 200 and "immutable" in headers["Cache-Control"]
        status, _, body = _get(f"http://127.0.0.1:{port}/no-such-page/")
        assert status == 404 and b"Traceback" not in body and b"URLconf" not in body  # DEBUG is off
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    assert len({line["message"] for line in lines if "Booting worker" in line["message"]}) == 2
    smoke = [line for line in lines if line.get("request_id") == "smoke-1"]
    assert smoke and smoke[0]["path"] == "/healthz" and smoke[0]["status"] == 200


def test_the_worker_logs_a_task_with_the_request_id_of_the_request_that_queued_it(celery_worker_process, tmp_path):
    from accounts.roles import Role
    from certificates.models import PrintBatch
    from tests.factories import UserFactory
    from tests.factories_certificates import DecidedHonourFactory, issue

    from .conftest import wait_for

    clerk = UserFactory(roles=[Role.CLERK])
    issue(DecidedHonourFactory(), assign_numbers=False)
    client = Client()
    client.force_login(clerk)
    response = client.post("/certificates/batches/", {"decision_number": "1234/QĐ-UBND", "mode": "full"},
                           HTTP_X_REQUEST_ID="req-to-worker-1")
    assert response.status_code == 302
    wait_for(lambda: PrintBatch.objects.get().state == "done", what="the batch rendered by the worker")
    log_path = Path(settings.VAR_DIR) / "service-worker.log"

    def task_line():
        for line in log_path.read_text().splitlines():
            if line.startswith("{") and '"req-to-worker-1"' in line:
                entry = json.loads(line)
                if entry["message"] == "task":
                    return entry
        return None

    entry = wait_for(task_line, timeout=20, what="the worker's task log line")
    assert entry["task"] == "certificates.tasks.render_batch" and entry["state"] == "SUCCESS"
    assert entry["user_id"] == clerk.pk and entry["duration_ms"] > 0
