"""Print batches and the certificate pages: a run, a crash and rerun, cancellation, downloads and their
permissions, and query counts of the list views."""

import io
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from certificates import batches
from certificates.enums import BatchState, OutputMode
from certificates.models import Certificate, PrintBatch, RegistryCounter
from tests.factories import UnitFactory

from .factories_certificates import DecidedHonourFactory, issue


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_batch(count, *, numbered=False, with_zip=False, mode=OutputMode.FULL):
    certificates = issue(*[DecidedHonourFactory() for _ in range(count)], assign_numbers=numbered)
    batch = PrintBatch.objects.create(title="QĐ 1234", total=count, with_zip=with_zip, mode=mode)
    batch.certificates.set(certificates)
    return batch


def pages_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(Path(path)).pages]


def test_a_batch_renders_every_certificate_into_one_pdf(db, media):
    batch = make_batch(5, with_zip=True)
    seen = []
    state = batches.run_batch(batch.pk, progress_every=2, on_progress=seen.append)
    batch.refresh_from_db()
    assert state == BatchState.DONE and batch.state == BatchState.DONE
    assert (batch.done, batch.total) == (5, 5)
    assert seen == [2, 4]
    texts = pages_of(batch.combined_pdf.path)
    assert len(texts) == 5
    assert [f"Số sổ vàng: {n}/2025" in text for n, text in enumerate(texts, start=1)] == [True] * 5
    import zipfile

    with zipfile.ZipFile(batch.zip_file.path) as archive:
        assert len(archive.namelist()) == 5
    assert not [p for p in Path(batch.combined_pdf.path).parent.iterdir() if p.name.endswith(".tmp")]


def test_rerun_after_a_crash_gives_no_number_twice(db, media):
    batch = make_batch(6)
    DecidedHonourFactory()  # an unrelated honour: untouched

    def crash(done):
        raise RuntimeError("worker died")

    with pytest.raises(RuntimeError):
        batches.run_batch(batch.pk, progress_every=3, on_progress=crash)
    batch.refresh_from_db()
    assert batch.state == BatchState.FAILED and "worker died" in batch.error
    assert not batch.combined_pdf
    folder = batches.output_dir(batch.pk)
    assert list(folder.iterdir()) == []  # no half-written file left behind
    first_numbers = dict(Certificate.objects.values_list("pk", "registry_number"))
    assert sorted(first_numbers.values()) == [1, 2, 3, 4, 5, 6]

    stale = folder / f".batch-{batch.pk}.99999.pdf.tmp"  # as a worker killed mid-write would leave it
    stale.write_bytes(b"%PDF-1.4 half")
    assert batches.run_batch(batch.pk, progress_every=3) == BatchState.DONE
    assert not stale.exists()
    assert dict(Certificate.objects.values_list("pk", "registry_number")) == first_numbers
    assert RegistryCounter.objects.get().last_number == 6
    batch.refresh_from_db()
    assert len(pages_of(batch.combined_pdf.path)) == 6
    # A third run of a finished batch does nothing.
    assert batches.run_batch(batch.pk) == BatchState.DONE


def test_a_running_batch_can_be_cancelled_between_pages(db, media):
    batch = make_batch(6)

    def cancel(done):
        batches.cancel_batch(batch)

    assert batches.run_batch(batch.pk, progress_every=2, on_progress=cancel) == BatchState.CANCELLED
    batch.refresh_from_db()
    assert batch.state == BatchState.CANCELLED and batch.done == 2
    assert not batch.combined_pdf and list(batches.output_dir(batch.pk).iterdir()) == []
    assert not batches.cancel_batch(batch)  # already over


def test_a_cancelled_queued_batch_never_runs(db, media):
    batch = make_batch(2)
    assert batches.cancel_batch(batch)
    assert batches.run_batch(batch.pk) == BatchState.CANCELLED
    assert PrintBatch.objects.get().done == 0


def test_overlay_batch_uses_the_printer_offset(db, media):
    from certificates.models import PrinterProfile

    batch = make_batch(2, mode=OutputMode.OVERLAY)
    batch.printer = PrinterProfile.objects.create(name="HP", offset_x_mm=1, offset_y_mm=1)
    batch.save()
    batches.run_batch(batch.pk)
    texts = pages_of(PrintBatch.objects.get().combined_pdf.path)
    assert "CỘNG HÒA" not in texts[0] and "Số sổ vàng: 1/2025" in texts[0]


def test_clerk_starts_a_batch_for_a_decision_and_follows_it(client, db, media, make_user,
                                                          django_capture_on_commit_callbacks):
    clerk = make_user(Role.CLERK)
    issue(*[DecidedHonourFactory() for _ in range(3)], assign_numbers=False)
    issue(DecidedHonourFactory(decision_number="99/QĐ-UBND"))
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:batch_list"),
                               {"decision_number": "1234/QĐ-UBND", "mode": "full"})
    batch = PrintBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert batch.total == 3 and batch.created_by == clerk
    status = client.get(reverse("certificates:batch_status", args=[batch.pk])).json()
    assert status["state"] == "done" and status["done"] == 3 and status["percent"] == 100
    assert status["pdf_url"]
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "batch_progress.js" in page and "<script>" not in page
    download = client.get(status["pdf_url"])
    assert download.status_code == 200
    pdf = b"".join(download.streaming_content)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3


def test_batch_form_refuses_an_empty_choice(client, db, make_user):
    client.force_login(make_user(Role.CLERK))
    response = client.post(reverse("certificates:batch_list"), {"decision_number": "nothing", "mode": "full"})
    assert response.status_code == 200 and not PrintBatch.objects.exists()


def test_cancel_button(client, db, media, make_user):
    batch = make_batch(1)
    client.force_login(make_user(Role.CLERK))
    response = client.post(reverse("certificates:batch_cancel", args=[batch.pk]))
    assert response.status_code == 302
    assert PrintBatch.objects.get().state == BatchState.CANCELLED


@pytest.fixture
def finished_batch(db, media):
    batch = make_batch(1)
    batches.run_batch(batch.pk)
    return batch


@pytest.mark.parametrize("role", [Role.CLERK, Role.CHAIR, Role.ADMINISTRATOR])
def test_printers_may_download(client, finished_batch, make_user, role):
    client.force_login(make_user(role))
    response = client.get(reverse("certificates:batch_download", args=[finished_batch.pk, "pdf"]))
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.UNIT_OFFICER, Role.REVIEWER, Role.COUNCIL_MEMBER])
def test_others_may_not_download(client, finished_batch, make_user, role):
    certificate = finished_batch.certificates.get()
    client.force_login(make_user(role, unit=UnitFactory()))
    for url in (reverse("certificates:batch_download", args=[finished_batch.pk, "pdf"]),
                reverse("certificates:batch_detail", args=[finished_batch.pk]),
                reverse("certificates:pdf", args=[certificate.pk])):
        assert client.get(url).status_code in (403, 404)


def test_anonymous_users_are_sent_to_log_in(client, finished_batch):
    certificate = finished_batch.certificates.get()
    for url in (reverse("certificates:batch_download", args=[finished_batch.pk, "pdf"]),
                reverse("certificates:pdf", args=[certificate.pk]),
                reverse("certificates:detail", args=[certificate.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_single_certificate_download_from_its_page(client, db, make_user):
    certificate = issue(DecidedHonourFactory())[0]
    client.force_login(make_user(Role.CLERK))
    page = client.get(certificate.get_absolute_url())
    assert page.status_code == 200
    response = client.get(reverse("certificates:pdf", args=[certificate.pk]), {"overlay": "on"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert certificate.recipient_name in text and "CỘNG HÒA" not in text


def test_officer_sees_only_the_certificates_of_the_unit(client, db, make_user):
    unit = UnitFactory()
    mine = issue(DecidedHonourFactory(person__unit=unit))[0]
    other = issue(DecidedHonourFactory())[0]
    client.force_login(make_user(Role.UNIT_OFFICER, unit=unit))
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    body = client.get(reverse("certificates:list")).content.decode()
    assert mine.recipient_name in body and other.recipient_name not in body


def test_revoke_and_reissue_from_the_page(client, db, make_user):
    certificate = issue(DecidedHonourFactory())[0]
    client.force_login(make_user(Role.CLERK))
    assert client.post(reverse("certificates:revoke", args=[certificate.pk]), {"reason": "x"}).status_code == 403
    response = client.post(reverse("certificates:reissue", args=[certificate.pk]), {"reason": "mất"})
    duplicate = Certificate.objects.get(edition=2)
    assert response["Location"] == duplicate.get_absolute_url()
    client.force_login(make_user(Role.CHAIR))
    data = {"reason": "Giả mạo", "public_reason": "other", "public_text": "Hồ sơ giả mạo"}
    # The first POST shows what the public will read and revokes nothing; the confirming POST revokes.
    response = client.post(reverse("certificates:revoke", args=[duplicate.pk]), data)
    assert response.status_code == 200 and "Hồ sơ giả mạo" in response.content.decode()
    assert Certificate.objects.get(pk=duplicate.pk).state != "revoked"
    client.post(reverse("certificates:revoke", args=[duplicate.pk]), {**data, "confirm": "1"})
    assert Certificate.objects.get(pk=duplicate.pk).state == "revoked"
    # A repeated revocation is a polite message, not an error page.
    response = client.post(reverse("certificates:revoke", args=[duplicate.pk]),
                           {"reason": "Giả mạo", "public_reason": "forged_dossier", "confirm": "1"}, follow=True)
    assert response.status_code == 200


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_certificate_list_query_count_does_not_grow(client, db, make_user):
    client.force_login(make_user(Role.REVIEWER))
    issue(*[DecidedHonourFactory() for _ in range(2)])
    small = _count_queries(client, reverse("certificates:list"))
    issue(*[DecidedHonourFactory() for _ in range(15)])
    assert _count_queries(client, reverse("certificates:list")) == small


def test_batch_list_query_count_does_not_grow(client, db, media, make_user):
    clerk = make_user(Role.CLERK)
    client.force_login(clerk)
    for _ in range(2):
        PrintBatch.objects.create(title="a", created_by=clerk)
    small = _count_queries(client, reverse("certificates:batch_list"))
    for _ in range(10):
        PrintBatch.objects.create(title="b", created_by=make_user(Role.CLERK))
    assert _count_queries(client, reverse("certificates:batch_list")) == small
