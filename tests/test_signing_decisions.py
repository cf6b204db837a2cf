"""The chair signs an issued decision's PDF on its page (a confirmation page, then the signature); the page
reports the signature: valid, by whom, when, and whether the stored file changed since."""


import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations import services
from nominations.models import Decision
from signing.pdf import verify_pdf

from .factories_signing import SIGNER_NAME
from .test_decision_certificates import approved  # noqa: F401  (fixture)


@pytest.fixture
def decision(approved):  # noqa: F811
    campaign, chair, gk, ldtt = approved
    decided = services.decide(campaign, chair, [gk, ldtt], decided_on=timezone.localdate(),
                              signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    return decided, chair


def test_chair_signs_the_decision_and_the_page_reports_it(decision, province_signer, client):
    decision, chair = decision
    client.force_login(chair)
    detail = reverse("nominations:decision_detail", args=[decision.pk])
    page = client.get(detail).content.decode()
    sign_url = reverse("nominations:decision_sign", args=[decision.pk])
    assert sign_url in page and "data-signature" not in page
    confirm = client.get(sign_url)
    assert confirm.status_code == 200 and decision.number in confirm.content.decode()
    assert not Decision.objects.get(pk=decision.pk).signed_pdf  # the GET signs nothing
    response = client.post(sign_url, {"confirm": "1"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.signed_pdf and decision.signed_by == chair and decision.signed_at is not None
    assert LogEntry.objects.filter(object_id=str(decision.pk), change_message__contains=decision.number).exists()
    page = client.get(detail).content.decode()
    assert 'data-signature="valid"' in page and SIGNER_NAME in page and sign_url not in page
    download = client.get(reverse("nominations:decision_download", args=[decision.pk, "pdf"]))
    signed = b"".join(download.streaming_content)
    assert "signed" in download["Content-Disposition"] and verify_pdf(signed).valid
    # Twice: a polite refusal naming who signed, the same file kept.
    name = decision.signed_pdf.name
    response = client.post(sign_url, {"confirm": "1"}, follow=True)
    assert "already signed" in response.content.decode() or "đã được" in response.content.decode()
    decision.refresh_from_db()
    assert decision.signed_pdf.name == name


def test_a_changed_stored_file_is_reported(decision, province_signer, client):
    decision, chair = decision
    services.sign_decision(decision, chair)
    path = decision.signed_pdf.path
    data = bytearray(open(path, "rb").read())
    data[data.index(b"stream") + 30] ^= 0x01
    open(path, "wb").write(bytes(data))
    client.force_login(chair)
    page = client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()
    assert 'data-signature="changed"' in page


def test_without_a_signer_nothing_is_signed_and_the_page_says_why(decision, settings, client):
    decision, chair = decision
    settings.LAUREL_SIGNING_PKCS12 = settings.LAUREL_SIGNING_PKCS11_MODULE = ""
    settings.LAUREL_SIGNING_DEMO = False
    client.force_login(chair)
    sign_url = reverse("nominations:decision_sign", args=[decision.pk])
    confirm = client.get(sign_url).content.decode()
    assert "confirm-blockers" in confirm and 'type="submit"' not in confirm.split("confirm-blockers")[1]
    response = client.post(sign_url, {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert not Decision.objects.get(pk=decision.pk).signed_pdf


def test_only_the_chair_signs(decision, province_signer, client, make_user):
    decision, chair = decision
    for role in (Role.CLERK, Role.REVIEWER, Role.COUNCIL_MEMBER):
        client.force_login(make_user(role))
        assert client.post(reverse("nominations:decision_sign", args=[decision.pk]), {"confirm": "1"}).status_code \
            == 403
    assert not Decision.objects.get(pk=decision.pk).signed_pdf


def test_the_decision_bundle_carries_the_signed_decision_once_signed(decision, province_signer, client, settings,
                                                                      tmp_path):
    import io
    import zipfile

    settings.MEDIA_ROOT = tmp_path / "media"
    decision, chair = decision
    client.force_login(chair)
    bundle_url = reverse("nominations:decision_bundle", args=[decision.pk])

    def decision_files():
        archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(bundle_url).streaming_content)))
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("quyet-dinh-")}

    unsigned = decision_files()
    assert len(unsigned) == 1 and not verify_pdf(next(iter(unsigned.values()))).signed
    client.post(reverse("nominations:decision_sign", args=[decision.pk]), {"confirm": "1"})
    signed = decision_files()
    (name, data), = signed.items()
    assert name.endswith("-da-ky-so.pdf") and verify_pdf(data).valid
