"""The browser story (tests/browser/story.py) against the app as `make serve` runs it in production: gunicorn
with deploy/gunicorn.conf.py, DEBUG off, collected static files from WhiteNoise, on PostgreSQL and Redis with a
real Celery worker; not the development server."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.browser import fixtures
from tests.browser.story import run_story

pytestmark = [pytest.mark.service, pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parents[2]

browser, browse, shots = fixtures.browser, fixtures.browse, fixtures.shots


@pytest.fixture
def live_url(transactional_db, celery_worker_process, tmp_path):
    """gunicorn on a free port, on the test database, sharing MEDIA_ROOT with the worker."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items()
           if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "SECRET_KEY", "ALLOWED_HOSTS", "LOG_FORMAT"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.service.helpers_settings_gunicorn_story", LAUREL_VAR_DIR=str(tmp_path),
        MEDIA_ROOT=str(settings.MEDIA_ROOT), SECRET_KEY="story-" + "s" * 60, LAUREL_LOCAL_HTTP="1",
        ALLOWED_HOSTS="127.0.0.1", WEB_CONCURRENCY="2", LAUREL_BIND=f"127.0.0.1:{port}",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL, CELERY_TASK_ALWAYS_EAGER="0",
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
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/login/", timeout=10):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("gunicorn did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=30)


def test_nomination_to_revoked_certificate_on_gunicorn(browse, shots):
    started = time.monotonic()
    run_story(browse, shots)
    assert shots.count >= 20
    assert time.monotonic() - started < 120, "the browser story should stay under 120 s on gunicorn"
