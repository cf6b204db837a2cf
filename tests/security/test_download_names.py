"""Downloads keep the type found by content, not the uploader's extension (issue 10, item 8): a PDF
uploaded as "Tờ trình.hta" is stored, listed and downloaded as "Tờ trình.pdf", Content-Disposition included."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from nominations import services
from nominations.models import Attachment

from ..factories import UnitFactory
from ..factories_nominations import CampaignFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def officer_dossier(province, make_user):
    unit = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    return officer, services.create_dossier(CampaignFactory(), unit, officer, title="Hồ sơ")


def upload(client, dossier, name, content):
    client.post(reverse("nominations:attachment_upload", args=[dossier.pk]),
                {"kind": "proposal_letter", "file": SimpleUploadedFile(name, content, content_type="text/html")})
    return Attachment.objects.latest("pk")


def disposition(client, attachment) -> str:
    response = client.get(reverse("nominations:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    return response["Content-Disposition"]


@pytest.mark.parametrize(("name", "content", "shown"), [
    ("Tờ trình.hta", PDF_BYTES, "Tờ trình.pdf"),
    ("bao-cao.exe", PDF_BYTES, "bao-cao.pdf"),
    ("anh.pdf", PNG_BYTES, "anh.png"),
    ("scan", PDF_BYTES, "scan.pdf"),
    ("Báo cáo.PDF", PDF_BYTES, "Báo cáo.pdf"),
])
def test_the_downloaded_name_takes_the_extension_of_the_content(officer_dossier, client, name, content, shown):
    officer, dossier = officer_dossier
    client.force_login(officer)
    attachment = upload(client, dossier, name, content)
    assert attachment.original_name == shown
    assert attachment.file.name.endswith(shown[shown.rindex("."):])
    header = disposition(client, attachment)
    assert header.startswith("attachment;")
    assert quote(shown) in header or f'"{shown}"' in header
    assert ".hta" not in header and ".exe" not in header
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert shown in page and name not in page.replace(shown, "")


def test_a_file_named_before_the_correction_downloads_with_the_right_extension(officer_dossier, client):
    officer, dossier = officer_dossier
    client.force_login(officer)
    attachment = upload(client, dossier, "to-trinh.pdf", PDF_BYTES)
    Attachment.objects.filter(pk=attachment.pk).update(original_name="to-trinh.hta")  # an older row
    header = disposition(client, attachment)
    assert 'filename="to-trinh.pdf"' in header
