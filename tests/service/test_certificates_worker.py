"""Certificates on the real stack: a print batch rendered by a real Celery worker on PostgreSQL reports
progress and completes; concurrent number assignments never give a registry number twice."""

import threading

import pytest
from django.db import connection
from pypdf import PdfReader

from certificates import batches, services
from certificates.enums import BatchState
from certificates.models import Certificate, PrintBatch
from tests.factories_certificates import DecidedHonourFactory, issue

from .conftest import wait_for

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_batch_on_the_real_worker_completes_and_reports_progress(celery_worker_process, administrator):
    certificates = issue(*[DecidedHonourFactory() for _ in range(450)], assign_numbers=False)
    batch = batches.create_batch(by=administrator, title="QĐ 1234/QĐ-UBND", certificates=Certificate.objects.all())
    assert batch.total == len(certificates)
    seen = set()

    def finished():
        row = PrintBatch.objects.get(pk=batch.pk)
        seen.add(row.done)
        return row if row.state in (BatchState.DONE, BatchState.FAILED) else None

    row = wait_for(finished, timeout=120, interval=0.05, what="the batch to finish")
    assert row.state == BatchState.DONE, row.error
    assert row.done == row.total == 450
    assert len(PdfReader(row.combined_pdf.path).pages) == 450
    assert sorted(Certificate.objects.values_list("registry_number", flat=True)) == list(range(1, 451))
    assert seen & {100, 200, 300, 400}, seen  # progress was written as the run went on


def test_concurrent_number_assignment_never_repeats_a_number():
    certificates = issue(*[DecidedHonourFactory() for _ in range(40)], assign_numbers=False)
    halves = [certificates[::2], certificates[1::2]]
    barrier = threading.Barrier(2)
    errors = []

    def assign(part):
        try:
            barrier.wait()
            services.assign_registry_numbers(part)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=assign, args=(part,)) for part in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    numbers = list(Certificate.objects.values_list("registry_number", flat=True))
    assert sorted(numbers) == list(range(1, 41))
