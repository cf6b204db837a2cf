"""The browser story (tests/browser/story.py) against the literal `make serve` of the README: gunicorn with
deploy/gunicorn.conf.py, DEBUG off, the production settings (config.settings), static files collected and
served by WhiteNoise, a Celery worker and beat, on PostgreSQL and Redis; not the development server.

The server runs in its own process group on pytest-django's PostgreSQL test database (created for the run and
dropped after it), where the story's factories write the registry, the campaign and the users; it shares
MEDIA_ROOT with this process so that the printed PDF is found wherever a worker rendered it."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.browser import fixtures
from tests.browser.story import run_story

pytestmark = [pytest.mark.service, pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parents[2]
# What the test suite's own settings put in the environment is not what `make serve` is given in production.
NOT_PASSED_ON = {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECURE_SSL_REDIRECT", "SECRET_KEY", "SECRET_KEY_FILE",
                 "ALLOWED_HOSTS", "LOG_FORMAT", "CELERY_TASK_ALWAYS_EAGER", "LAUREL_VAR_DIR", "MEDIA_ROOT",
                 "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}

browser, browse, shots, look = fixtures.browser, fixtures.browse, fixtures.shots, fixtures.look


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthz(url: str) -> int:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def stop(server: subprocess.Popen):
    """Ctrl+C as a person would: the make recipe's trap then stops gunicorn, the worker and beat."""
    try:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture
def live_url(transactional_db, settings, tmp_path):
    """`make serve HOST=127.0.0.1 PORT=<free port>` on the test database, until /healthz says 200."""
    # The production settings hash with PBKDF2 and know no MD5: the story's users get such hashes as well.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    db = settings.DATABASES["default"]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}
    env.update(
        DATABASE_URL=f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:"
                     f"{db.get('PORT') or 5432}/{connection.settings_dict['NAME']}",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL, SECRET_KEY="make-serve-story-" + "s" * 50,
        LAUREL_VAR_DIR=str(tmp_path / "var"), MEDIA_ROOT=str(settings.MEDIA_ROOT), WEB_CONCURRENCY="2",
    )
    log_path = tmp_path / "make-serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(["make", "serve", "HOST=127.0.0.1", f"PORT={port}"], cwd=ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while healthz(url) != 200:
        if server.poll() is not None or time.monotonic() > deadline:
            stop(server)
            pytest.fail(f"`make serve` did not answer /healthz with 200:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.5)
    yield url
    stop(server)
    assert server.returncode is not None
    with socket.socket() as sock:  # gunicorn is gone with make: the port is free again
        assert sock.connect_ex(("127.0.0.1", port)) != 0, "gunicorn outlived `make serve`"


def test_nomination_to_revoked_certificate_on_make_serve(browse, shots, live_url):
    started = time.monotonic()
    run_story(browse, shots)
    assert shots.count >= 20
    assert time.monotonic() - started < 120, "the browser story should stay under 120 s on `make serve`"
