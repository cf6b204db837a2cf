"""Digital signatures on the real stack (PostgreSQL, Redis, a Celery worker process) with a real key made by
the test: the chair signs a decision through the web, twenty concurrent clicks sign it once, pyhanko's
validator accepts the stored file and refuses it with one byte flipped; a print batch queued through the
web is rendered and signed by the worker."""

import io
import threading

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from accounts.roles import Role
from certificates.enums import BatchState
from certificates.models import Certificate, PrintBatch
from nominations import services
from nominations.models import Decision
from signing.pdf import verify_pdf
from tests.test_decision_certificates import approved  # noqa: F401  (fixture)

from .conftest import SERVICE_SIGNER, wait_for

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def pyhanko_status(data: bytes, ca):
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    context = ValidationContext(trust_roots=list(load_certs_from_pemder([str(ca)])), allow_fetching=False)
    return validate_pdf_signature(reader.embedded_signatures[0], context)


def test_decision_signed_through_the_web_once_and_validated(approved, service_signer):  # noqa: F811
    campaign, chair, gk, ldtt = approved
    decision = services.decide(campaign, chair, [gk, ldtt], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    url = reverse("nominations:decision_sign", args=[decision.pk])
    barrier = threading.Barrier(20)
    statuses, errors = [], []

    def click():
        try:
            client = Client()
            client.force_login(chair)
            barrier.wait()
            statuses.append(client.post(url, {"confirm": "1"}).status_code)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors and statuses == [302] * 20
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.signed_by == chair and decision.signed_pdf
    assert LogEntry.objects.filter(object_id=str(decision.pk)).count() == 1  # twenty clicks, one signature

    signed = decision.signed_pdf.read()
    status = pyhanko_status(signed, service_signer)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    tampered = bytearray(signed)
    tampered[signed.index(b"stream") + 20] ^= 0x01
    assert not pyhanko_status(bytes(tampered), service_signer).intact

    client = Client()
    client.force_login(chair)
    page = client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()
    assert 'data-signature="valid"' in page and SERVICE_SIGNER in page


def test_a_batch_queued_through_the_web_is_signed_by_the_worker(celery_worker_process, approved,  # noqa: F811
                                                                 service_signer, make_user):
    campaign, chair, gk, ldtt = approved
    decision = services.decide(campaign, chair, [gk, ldtt], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    client = Client()
    client.force_login(make_user(Role.CLERK))
    response = client.post(reverse("certificates:batch_list"),
                           {"decision_number": decision.number, "year": decision.year, "mode": "full"})
    assert response.status_code == 302
    batch = PrintBatch.objects.get()
    row = wait_for(lambda: PrintBatch.objects.filter(pk=batch.pk, state__in=[BatchState.DONE, BatchState.FAILED])
                   .first(), timeout=120, what="the worker to render the batch")
    assert row.state == BatchState.DONE, row.error
    assert row.signed_by_name == SERVICE_SIGNER and row.done == Certificate.objects.count()
    report = verify_pdf(open(row.combined_pdf.path, "rb").read())
    assert report.valid and report.signer == SERVICE_SIGNER
