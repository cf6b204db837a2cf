"""Digital signatures in the browser: the chair signs an issued decision on its page and the page reports
"valid, by …"; a clerk downloads a certificate (signed by the issuer's key) and the public verify page behind
its QR code reports the signature."""

import pytest
from django.utils import timezone

from accounts.roles import Role
from certificates.models import Certificate
from nominations import services
from tests.factories_signing import SIGNER_NAME
from tests.test_decision_certificates import approved  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_chair_signs_a_decision_and_the_verify_page_reports_a_signed_certificate(
        browse, shots, approved, province_signer, make_user):  # noqa: F811
    campaign, chair, gk, ldtt = approved
    decision = services.decide(campaign, chair, [gk, ldtt], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    page = browse(chair)
    page.goto(f"/nominations/decisions/{decision.pk}/")
    shots(page, "decision-unsigned")
    page.get_by_role("link", name="Ký số", exact=True).click()
    page.wait_for_url(f"**/decisions/{decision.pk}/sign/")
    assert decision.number in page.locator("h1").inner_text()
    shots(page, "sign-confirm")
    page.get_by_role("button", name="Ký số", exact=True).click()
    page.wait_for_url(f"**/decisions/{decision.pk}/")
    report = page.locator(".signature-report")
    assert report.get_attribute("data-signature") == "valid"
    assert f"hợp lệ, do {SIGNER_NAME} ký" in report.inner_text()
    assert "Bị thay đổi sau khi ký: không" in report.inner_text()
    shots(page, "decision-signed")

    certificate = Certificate.objects.get(decision_number=decision.number)
    clerk = browse(make_user(Role.CLERK))
    clerk.goto(f"/certificates/{certificate.pk}/")
    with clerk.expect_download() as download:
        clerk.get_by_role("button", name="Tải PDF").click()
    assert download.value.suggested_filename.endswith("-signed.pdf")
    public = browse()
    public.goto(certificate.verify_path())
    report = public.locator(".signature-report")
    assert report.get_attribute("data-signature") == "valid" and SIGNER_NAME in report.inner_text()
    shots(public, "verify-signed")
