"""The service suite: real PostgreSQL, Redis and a Celery worker process. A test asked for here with an
unreachable server FAILS, it never skips."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
ELIGIBILITY_DRILL = "1:write,3:commit"


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=3):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session", autouse=True)
def real_services(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        vendor = connection.vendor
    if vendor != "postgresql":
        pytest.fail(f"The service suite needs PostgreSQL (DATABASE_URL); got {vendor}.")
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        pytest.fail(f"The service suite needs Redis as CELERY_BROKER_URL; got {broker!r}.")
    if not _reachable("127.0.0.1", 6379):
        pytest.fail("Redis is not reachable on 127.0.0.1:6379.")
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.fail("The service suite must run Celery for real (CELERY_TASK_ALWAYS_EAGER=0).")


SERVICE_SIGNER = "Laurel service-test signer"


def service_signer_files() -> tuple[Path, Path]:
    """A real key and certificate (PKCS#12, issued by a CA made here), once per test run."""
    from signing.demo import make_signer_files

    folder = Path(settings.VAR_DIR) / "service-signing"
    ca, bundle = folder / "service-ca.pem", folder / "service-signer.p12"
    if not bundle.exists():
        make_signer_files(folder, signer_name=SERVICE_SIGNER, ca_name="Laurel service-test CA",
                          password="service-test", organisation="Service test", ca_file=ca.name,
                          signer_file=bundle.name)
    return ca, bundle


def service_signer_env() -> dict:
    ca, bundle = service_signer_files()
    return {"LAUREL_SIGNING_PKCS12": str(bundle), "LAUREL_SIGNING_PKCS12_PASSWORD": "service-test",
            "LAUREL_SIGNING_TRUST_ROOTS": str(ca)}


@pytest.fixture
def service_signer(settings):
    """The worker's signer, plugged into this process's settings too (the web side signs decisions)."""
    ca, bundle = service_signer_files()
    settings.LAUREL_SIGNING_PKCS12, settings.LAUREL_SIGNING_PKCS12_PASSWORD = str(bundle), "service-test"
    settings.LAUREL_SIGNING_PKCS11_MODULE = ""
    settings.LAUREL_SIGNING_TRUST_ROOTS = [str(ca)]
    return ca


@pytest.fixture(scope="session")
def celery_worker_process(real_services, django_db_blocker):
    """A real `celery worker` process on the test database (the same name pytest-django created)."""
    with django_db_blocker.unblock():
        test_db_name = connection.settings_dict["NAME"]
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/"
        f"{test_db_name}"
    )
    env["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    env["CELERY_TASK_ALWAYS_EAGER"] = "0"
    env["LAUREL_VAR_DIR"] = str(Path(settings.VAR_DIR))
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    env.update(service_signer_env())  # the worker signs print batches with a real key (test_signing_service)
    # A drill for campaign-wide eligibility runs (test_eligibility_workers.py): chunk 1's first attempt fails
    # before its commit and chunk 3's just after it; both must come out with their verdicts exactly once.
    env["LAUREL_ELIGIBILITY_FAIL_ONCE"] = ELIGIBILITY_DRILL
    log_path = Path(settings.VAR_DIR) / "service-worker.log"
    log = open(log_path, "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2",
         "--without-gossip", "--without-mingle", "--hostname", f"service-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    from config.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The Celery worker exited early; see {log_path}:\n{log_path.read_text()[-3000:]}")
        try:
            if app.control.ping(timeout=1.0):
                break
        except Exception:  # the broker may still be warming up
            pass
        time.sleep(0.5)
    else:
        process.terminate()
        pytest.fail("The Celery worker did not answer a ping within 60 s.")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def wait_for(predicate, timeout: float = 60, interval: float = 0.25, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout}s waiting for {what}.")
