"""Production serving: /healthz, the settings `make serve` uses on plain local HTTP, gunicorn with WhiteNoise and
JSON logs, and the systemd units under deploy/."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh_health(settings):
    settings.LAUREL_HEALTHZ_CACHE_SECONDS = 0
    settings.LAUREL_HEALTHZ_TIMEOUT = 0.3


def test_healthz_is_503_without_a_worker_and_says_which_part_failed(client, db, fresh_health):
    response = client.get("/healthz")
    assert response.status_code == 503 and response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is True and body["checks"]["broker"]["ok"] is True
    assert body["checks"]["workers"] == {"ok": False, "error": "TimeoutError", "ms": body["checks"]["workers"]["ms"]}


def test_healthz_reports_an_unreachable_broker_without_revealing_its_address(client, db, fresh_health):
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://:s3cret@127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = saved
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"]["ok"] is False and checks["workers"]["ok"] is False
    assert "s3cret" not in response.content.decode() and "127.0.0.1" not in response.content.decode()


def test_healthz_needs_no_login_and_refuses_writes(client, db, fresh_health):
    assert client.get(reverse("healthz")).status_code == 503  # answered, not redirected to the login page
    assert client.post(reverse("healthz")).status_code == 405


def _settings_of(env_overrides, tmp_path, names):
    env = {k: v for k, v in os.environ.items()
           if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", LAUREL_VAR_DIR=str(tmp_path), **env_overrides)
    script = ("import json, django; django.setup(); from django.conf import settings as s; "
              f"print(json.dumps({{k: getattr(s, k, None) for k in {names!r}}}))")
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)


def test_local_http_serves_production_settings_over_plain_http_on_loopback_only(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("k" * 60 + "\n")
    names = ["DEBUG", "SECRET_KEY", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT",
             "SECURE_HSTS_SECONDS"]
    result = _settings_of({"LAUREL_LOCAL_HTTP": "1", "ALLOWED_HOSTS": "127.0.0.1,localhost",
                           "SECRET_KEY_FILE": str(key_file)}, tmp_path, names)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {"DEBUG": False, "SECRET_KEY": "k" * 60, "SESSION_COOKIE_SECURE": False,
                      "CSRF_COOKIE_SECURE": False, "SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}

    refused = _settings_of({"LAUREL_LOCAL_HTTP": "1", "ALLOWED_HOSTS": "laurel.example.gov.vn",
                            "SECRET_KEY": "k" * 60}, tmp_path, names)
    assert refused.returncode != 0 and "LAUREL_LOCAL_HTTP=1 is only for" in refused.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    """The units as shipped name /srv/laurel; verified with this checkout in its place, so that their
    ExecStart= programs exist."""
    units = sorted((ROOT / "deploy").glob("*.service"))
    assert {unit.name for unit in units} == {"laurel-web.service", "laurel-worker.service", "laurel-beat.service"}
    for unit in units:
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/laurel/.venv", str(Path(sys.prefix)))
                                          .replace("/srv/laurel", str(ROOT)))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", *sorted(map(str, tmp_path.glob("*.service")))],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
