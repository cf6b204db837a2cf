"""Certificates carry the issuer's signature: a single download is signed once and kept, the public verify
page reports that signature, a print batch carries one signature over its combined file, and
render_certificate --sign writes a signed sample."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from certificates import batches
from certificates.enums import BatchState, OutputMode
from certificates.models import CertificateEvent, PrintBatch
from signing.pdf import verify_pdf

from .factories_certificates import DecidedHonourFactory, issue
from .factories_signing import SIGNER_NAME


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_single_download_is_signed_once_and_the_verify_page_reports_it(db, media, province_signer, client,
                                                                          make_user):
    certificate = issue(DecidedHonourFactory())[0]
    verify_url = reverse("certificates:verify", args=[certificate.token])
    assert "data-signature" not in client.get(verify_url).content.decode()
    client.force_login(make_user(Role.CLERK))
    first = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    second = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert first.content == second.content and "signed" in first["Content-Disposition"]
    report = verify_pdf(first.content)
    assert report.valid and report.signer == SIGNER_NAME
    certificate.refresh_from_db()
    assert certificate.signed_pdf and certificate.signed_at
    assert certificate.events.filter(action=CertificateEvent.Action.SIGNED).count() == 1
    detail = client.get(reverse("certificates:detail", args=[certificate.pk])).content.decode()
    assert 'data-signature="valid"' in detail
    client.logout()
    page = client.get(verify_url).content.decode()
    assert 'data-signature="valid"' in page and SIGNER_NAME in page
    # An overlay for pre-printed blanks is a printing aid: never signed.
    client.force_login(make_user(Role.CLERK))
    overlay = client.get(reverse("certificates:pdf", args=[certificate.pk]) + "?overlay=on")
    assert verify_pdf(overlay.content).status == "unsigned"


def test_without_a_signer_downloads_stay_unsigned(db, media, settings, client, make_user):
    settings.LAUREL_SIGNING_PKCS12 = settings.LAUREL_SIGNING_PKCS11_MODULE = ""
    settings.LAUREL_SIGNING_DEMO = False
    certificate = issue(DecidedHonourFactory())[0]
    client.force_login(make_user(Role.CLERK))
    response = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert verify_pdf(response.content).status == "unsigned"
    certificate.refresh_from_db()
    assert not certificate.signed_pdf


def test_a_batch_carries_one_signature_over_its_combined_file(db, media, province_signer):
    certificates = issue(*[DecidedHonourFactory() for _ in range(4)])
    batch = PrintBatch.objects.create(title="QĐ 1234", total=4)
    batch.certificates.set(certificates)
    assert batches.run_batch(batch.pk) == BatchState.DONE
    batch.refresh_from_db()
    report = verify_pdf(open(batch.combined_pdf.path, "rb").read())
    assert report.valid and report.signer == SIGNER_NAME
    assert batch.signed_by_name == SIGNER_NAME and batch.error == ""


def test_a_signer_that_cannot_open_never_blocks_a_batch(db, media, province_signer, settings):
    settings.LAUREL_SIGNING_PKCS12_PASSWORD = "wrong"
    certificates = issue(*[DecidedHonourFactory() for _ in range(2)])
    batch = PrintBatch.objects.create(title="QĐ 1", total=2)
    batch.certificates.set(certificates)
    assert batches.run_batch(batch.pk) == BatchState.DONE
    batch.refresh_from_db()
    assert verify_pdf(open(batch.combined_pdf.path, "rb").read()).status == "unsigned"
    assert batch.signed_by_name == "" and batch.error  # the clerk is told it is unsigned, and why


def test_an_overlay_batch_is_not_signed(db, media, province_signer):
    certificates = issue(DecidedHonourFactory())
    batch = PrintBatch.objects.create(title="QĐ 2", total=1, mode=OutputMode.OVERLAY)
    batch.certificates.set(certificates)
    batches.run_batch(batch.pk)
    batch.refresh_from_db()
    assert verify_pdf(open(batch.combined_pdf.path, "rb").read()).status == "unsigned"


def test_render_certificate_sample_signed_by_the_configured_signer(db, province_signer, tmp_path):
    out = tmp_path / "sample.pdf"
    call_command("render_certificate", "--sample", "BK_TINH", "--sign", "--out", str(out))
    report = verify_pdf(out.read_bytes())
    assert report.valid and report.signer == SIGNER_NAME and not report.demo


def test_render_certificate_sample_signed_by_the_demo_signer_when_none_is_configured(db, settings, tmp_path):
    settings.LAUREL_SIGNING_PKCS12 = settings.LAUREL_SIGNING_PKCS11_MODULE = ""
    settings.LAUREL_SIGNING_TRUST_ROOTS = []
    settings.LAUREL_SIGNING_DIR = tmp_path / "signing"
    settings.LAUREL_SIGNING_DEMO = True
    out = tmp_path / "sample.pdf"
    call_command("render_certificate", "--sample", "BK_TINH", "--sign", "--out", str(out))
    report = verify_pdf(out.read_bytes())
    assert report.valid and report.demo and (tmp_path / "signing" / "demo-signer.p12").exists()
