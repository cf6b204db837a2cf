"""Faults on the real stack (PostgreSQL, Redis, Celery worker processes):

* a worker killed (SIGKILL, its whole process group) in the middle of a print batch: the task was taken
  with acks_late, so Redis gives it to the next worker once the visibility timeout has passed. We chose
  the real redelivery rather than an explicit requeue: the second worker runs with
  CELERY_VISIBILITY_TIMEOUT=2 (config/settings.py reads it; production keeps an hour). Meanwhile no
  half-written file is served, and after the rerun every registry number is given once;
* the broker down when a dossier is submitted: the move commits, the inbox rows exist, the e-mails stay
  marked unsent and go out through nominations.send_pending_emails once the broker is back; when a print
  batch is started: the batch is marked failed with the reason, on its page;
* a database error in the middle of a move (a trigger made to fail on the move's last write): nothing of
  the move remains.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from certificates.enums import BatchState
from certificates.models import Certificate, PrintBatch
from certificates.tasks import render_batch
from config.celery import app
from nominations import services
from nominations.enums import DossierState, NomineeState
from nominations.models import Decision, Dossier, Nominee, Notification, Transition
from nominations.tasks import send_pending_emails
from tests.factories import PersonFactory, UnitFactory, UserFactory
from tests.factories_certificates import issue
from tests.factories_nominations import CampaignFactory, DossierFactory, NomineeFactory, complete_dossier
from units.enums import Gender
from units.models import Honour, Person

from .conftest import ROOT, wait_for

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
FAULT_QUEUE = "laurel-faults"


def start_worker(name: str, **extra_env) -> subprocess.Popen:
    """A worker of our own on the test database, consuming only FAULT_QUEUE, in its own process group
    (so that it can be killed whole, pool children included)."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DATABASE_URL=(f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:"
                      f"{db.get('PORT') or 5432}/{connection.settings_dict['NAME']}"),
        DJANGO_SETTINGS_MODULE="config.settings_test", CELERY_TASK_ALWAYS_EAGER="0",
        LAUREL_VAR_DIR=str(settings.VAR_DIR), MEDIA_ROOT=str(settings.MEDIA_ROOT), **extra_env,
    )
    log = open(Path(settings.VAR_DIR) / f"fault-worker-{name}.log", "w")
    hostname = f"{name}-{os.getpid()}@%h"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO", "--concurrency=1",
         "--without-gossip", "--without-mingle", "-Q", FAULT_QUEUE, "--hostname", hostname],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    process.log = log
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, Path(log.name).read_text()[-3000:]
        try:
            if app.control.ping(destination=[hostname.replace("%h", os.uname().nodename)], timeout=1.0):
                return process
        except Exception:  # the broker may still be warming up
            pass
        time.sleep(0.3)
    stop(process)
    pytest.fail("the fault worker did not answer a ping within 60 s")


def stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    process.log.close()


def many_certificates(count: int) -> list[Certificate]:
    unit = UnitFactory()
    people = Person.objects.bulk_create([
        Person(code=f"F{n:05d}", full_name=f"Nguyễn Văn Lỗi {n}", gender=Gender.MALE,
               birth_date=datetime.date(1980, 1, 1), unit=unit) for n in range(count)
    ])
    honours = Honour.objects.bulk_create([
        Honour(year=2024, person=person, award_id="BK_TINH", decision_number="77/QĐ-UBND",
               decided_on=datetime.date(2025, 1, 15), source=Honour.Source.DECISION) for person in people
    ])
    return issue(*honours, assign_numbers=False)


def test_a_worker_killed_mid_batch_is_replaced_and_the_batch_completes_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    clerk = UserFactory(roles=[Role.CLERK])
    certificates = many_certificates(1500)
    batch = PrintBatch.objects.create(title="QĐ 77/QĐ-UBND", total=len(certificates), created_by=clerk)
    batch.certificates.set(certificates)

    first = start_worker("doomed")
    try:
        render_batch.apply_async((batch.pk,), queue=FAULT_QUEUE)
        wait_for(lambda: PrintBatch.objects.get(pk=batch.pk).done >= 300, timeout=90, interval=0.02,
                 what="the batch to be under way")
        os.killpg(first.pid, signal.SIGKILL)  # the machine dies: no clean shutdown, no ack, no requeue
        first.wait(timeout=10)
    finally:
        stop(first)

    stuck = PrintBatch.objects.get(pk=batch.pk)
    assert stuck.state == BatchState.RUNNING and 300 <= stuck.done < stuck.total
    assert not stuck.combined_pdf  # nothing to download yet …
    folder = Path(settings.MEDIA_ROOT) / "certificates" / "batches" / str(batch.pk)
    assert not (folder / f"batch-{batch.pk}.pdf").exists()  # … and no half-written file under the real name
    assert not [p for p in folder.glob("*.pdf")]  # partial output, if any, is only a hidden temporary file
    client = Client()
    client.force_login(clerk)
    assert client.get(reverse("certificates:batch_download", args=[batch.pk, "pdf"])).status_code == 404
    numbers_before = dict(Certificate.objects.filter(registry_number__isnull=False)
                          .values_list("pk", "registry_number"))

    second = start_worker("heir", CELERY_VISIBILITY_TIMEOUT="2")
    try:
        done = wait_for(lambda: PrintBatch.objects.filter(pk=batch.pk, state=BatchState.DONE).first(), timeout=120,
                        what="the redelivered batch to finish on the second worker")
    finally:
        stop(second)

    assert done.done == done.total == 1500 and not done.error
    numbers = list(Certificate.objects.values_list("registry_number", flat=True))
    assert sorted(numbers) == list(range(1, 1501))  # each number once, none skipped
    assert dict(Certificate.objects.filter(pk__in=numbers_before).values_list("pk", "registry_number")) == \
        numbers_before  # numbers given before the crash were kept
    assert len(PdfReader(done.combined_pdf.path).pages) == 1500
    assert not list(folder.glob("*.tmp"))
    response = client.get(reverse("certificates:batch_download", args=[batch.pk, "pdf"]))
    assert response.status_code == 200
    response.close()


def point_broker_at(url: str):
    """Make the app publish to `url` from now on (the cached connection and producer pools are dropped)."""
    app.conf.broker_url = app.conf.broker_write_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Point the app's producer at a Redis port nothing listens on, then put it back."""
    original = app.conf.broker_url
    app.conf.task_publish_retry = False  # fail at once instead of retrying for seconds
    point_broker_at("redis://127.0.0.1:6390/0")
    yield
    point_broker_at(original)
    app.conf.task_publish_retry = True


def test_the_broker_down_at_submission_the_move_commits_and_the_emails_follow(broker_down, celery_worker_process):
    unit = UnitFactory()
    officer = UserFactory(roles=[Role.UNIT_OFFICER], unit=unit, email="donvi@example.gov.vn")
    reviewers = [UserFactory(roles=[Role.REVIEWER], email=f"ban{n}@example.gov.vn") for n in range(2)]
    dossier = DossierFactory(campaign=CampaignFactory(), unit=unit)
    NomineeFactory(dossier=dossier, person=PersonFactory(unit=unit))
    complete_dossier(dossier)

    client = Client(raise_request_exception=False)
    client.force_login(officer)
    response = client.post(reverse("nominations:dossier_submit", args=[dossier.pk]))
    assert response.status_code == 302, "a broker outage must not turn a committed move into an error page"
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED
    assert Transition.objects.filter(dossier=dossier, to_state=DossierState.SUBMITTED).exists()
    notes = Notification.objects.filter(recipient__in=reviewers)
    assert notes.count() == 2 and not notes.filter(emailed_at__isnull=False).exists()  # visible: unsent

    # The broker is back: the sweep (every 15 minutes under celery beat) sends what is pending.
    point_broker_at(settings.CELERY_BROKER_URL)
    send_pending_emails.delay(older_than_minutes=0)
    wait_for(lambda: not notes.filter(emailed_at__isnull=True).exists(), timeout=60,
             what="the pending e-mails to be sent")


def test_the_broker_down_when_a_batch_is_started_the_batch_says_so(broker_down, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    clerk = UserFactory(roles=[Role.CLERK])
    many_certificates(3)
    client = Client(raise_request_exception=False)
    client.force_login(clerk)
    response = client.post(reverse("certificates:batch_list"), {"decision_number": "77/QĐ-UBND", "mode": "full"})
    assert response.status_code == 302
    batch = PrintBatch.objects.get()
    assert batch.state == BatchState.FAILED and ("queued" in batch.error or "hàng đợi" in batch.error)
    page = client.get(response["Location"])
    assert batch.error in page.content.decode()


FAIL_ON_INSERT = """
CREATE OR REPLACE FUNCTION laurel_fault() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'injected fault in %', TG_TABLE_NAME; END $$ LANGUAGE plpgsql;
CREATE TRIGGER laurel_fault BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION laurel_fault();
"""


@pytest.fixture
def fail_inserts_into():
    tables = []

    def arm(table):
        with connection.cursor() as cursor:
            cursor.execute(FAIL_ON_INSERT.format(table=table))
        tables.append(table)

    yield arm
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DROP TRIGGER IF EXISTS laurel_fault ON {table}")
        cursor.execute("DROP FUNCTION IF EXISTS laurel_fault()")


def snapshot(dossier):
    return (
        Dossier.objects.filter(pk=dossier.pk).values_list("state", "updated_at").get(),
        sorted(Nominee.objects.filter(dossier=dossier).values_list("pk", "state", "return_comment")),
        Transition.objects.filter(dossier=dossier).count(), Notification.objects.count(),
        Honour.objects.count(), Certificate.objects.count(), Decision.objects.count(),
    )


def test_a_database_error_at_the_end_of_a_return_leaves_nothing_half_done(fail_inserts_into):
    unit = UnitFactory()
    UserFactory(roles=[Role.UNIT_OFFICER], unit=unit)
    reviewer = UserFactory(roles=[Role.REVIEWER])
    dossier = DossierFactory(campaign=CampaignFactory(), unit=unit, state=DossierState.UNDER_REVIEW)
    accepted = NomineeFactory(dossier=dossier, person=PersonFactory(unit=unit), state=NomineeState.ACCEPTED)
    NomineeFactory(dossier=dossier, person=PersonFactory(unit=unit))
    before = snapshot(dossier)

    fail_inserts_into("nominations_notification")  # the move's very last write
    with pytest.raises(DatabaseError, match="injected fault"):
        services.return_for_revision(dossier, reviewer, "Bổ sung hồ sơ", {accepted.pk: "Thiếu minh chứng"})
    assert snapshot(dossier) == before


def test_a_database_error_while_deciding_leaves_no_honour_certificate_or_number(fail_inserts_into):
    unit = UnitFactory()
    chair = UserFactory(roles=[Role.CHAIR])
    campaign = CampaignFactory()
    dossier = DossierFactory(campaign=campaign, unit=unit, state=DossierState.IN_COUNCIL)
    approved = [NomineeFactory(dossier=dossier, person=PersonFactory(unit=unit), award_id="BK_TINH",
                               state=NomineeState.APPROVED, vote_passed=True) for _ in range(3)]
    before = snapshot(dossier)

    fail_inserts_into("certificates_certificateevent")  # after the decision, its lines and the honours
    with pytest.raises(DatabaseError, match="injected fault"):
        services.decide(campaign, chair, approved, decided_on=datetime.date(2025, 12, 20),
                        signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    assert snapshot(dossier) == before
    from nominations.models import DecisionRegister

    assert not DecisionRegister.objects.filter(last_number__gt=0).exists()  # no number was used up
