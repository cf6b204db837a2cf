"""Attachments (content sniffing, size, names), scoping by URL, bulk add, working days, reminders."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations import services
from nominations.models import Attachment, Notification, PublicHoliday
from nominations.services.attachments import DOCX, PDF, XLSX, sanitise_name, sniff
from nominations.services.workdays import add_working_days, working_days_between
from nominations.tasks import remind_closing_windows, remind_overdue_dossiers

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office_zip(folder: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}/document.xml", "<x/>")
    return out.getvalue()


@pytest.fixture
def setup(province, make_user):
    dept = UnitFactory(parent=province)
    other = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    stranger = make_user(Role.UNIT_OFFICER, unit=other)
    dossier = services.create_dossier(CampaignFactory(), dept, officer, title="Hồ sơ")
    return dept, officer, stranger, dossier


def test_sniffing_by_content():
    assert sniff(PDF_BYTES[:16]) == PDF
    assert sniff(b"\x89PNG\r\n\x1a\n0000") == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert sniff(b"PK\x03\x04", io.BytesIO(office_zip("word"))) == DOCX
    assert sniff(b"PK\x03\x04", io.BytesIO(office_zip("xl"))) == XLSX
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("a.txt", "x")
    assert sniff(b"PK\x03\x04", plain_zip) is None
    assert sniff(b"MZ\x90\x00") is None


def test_upload_good_file_stored_with_random_name_and_downloadable(setup, client):
    dept, officer, stranger, dossier = setup
    client.force_login(officer)
    upload = SimpleUploadedFile("../../etc/Tờ trình.pdf", PDF_BYTES, content_type="text/plain")
    client.post(reverse("nominations:attachment_upload", args=[dossier.pk]),
                {"kind": "proposal_letter", "file": upload})
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Tờ trình.pdf" and attachment.content_type == PDF
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "trình" not in stored.name and stored.suffix == ".pdf"
    response = client.get(reverse("nominations:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(stranger)
    assert client.get(reverse("nominations:attachment_download", args=[attachment.pk])).status_code == 404


def test_wrong_content_type_refused(setup, client):
    dept, officer, stranger, dossier = setup
    client.force_login(officer)
    fake = SimpleUploadedFile("report.pdf", b"#!/bin/sh\necho pwned\n", content_type="application/pdf")
    response = client.post(reverse("nominations:attachment_upload", args=[dossier.pk]),
                           {"kind": "evidence", "file": fake}, follow=True)
    assert Attachment.objects.count() == 0
    assert "PDF, DOCX, XLSX, JPEG" in response.content.decode()


def test_too_big_refused(setup, client, settings):
    settings.LAUREL_MAX_UPLOAD_MB = 1
    dept, officer, stranger, dossier = setup
    client.force_login(officer)
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (1024 * 1024 + 1))
    client.post(reverse("nominations:attachment_upload", args=[dossier.pk]), {"kind": "evidence", "file": big})
    assert Attachment.objects.count() == 0


def test_names_sanitised():
    assert sanitise_name("..\\..\\windows\\evil.docx") == "evil.docx"
    assert sanitise_name("../../") == "file"
    assert sanitise_name("a\x00b<c>.pdf") == "ab_c_.pdf"
    assert sanitise_name("Báo cáo.pdf") == "Báo cáo.pdf"


def test_officer_of_another_unit_gets_404_everywhere(setup, client):
    dept, officer, stranger, dossier = setup
    nominee = NomineeFactory(dossier=dossier)
    client.force_login(stranger)
    for name, args in [("dossier_detail", [dossier.pk]), ("dossier_edit", [dossier.pk]),
                       ("nominee_add", [dossier.pk]), ("nominee_bulk_add", [dossier.pk]),
                       ("nominee_edit", [nominee.pk]), ("dossier_return", [dossier.pk])]:
        assert client.get(reverse(f"nominations:{name}", args=args)).status_code == 404, name
    for name, args in [("dossier_submit", [dossier.pk]), ("attachment_upload", [dossier.pk]),
                       ("nominee_delete", [nominee.pk])]:
        assert client.post(reverse(f"nominations:{name}", args=args)).status_code == 404, name
    client.force_login(officer)
    assert client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).status_code == 200


def test_officer_sees_only_own_dossiers_in_list(setup, client):
    dept, officer, stranger, dossier = setup
    DossierFactory(unit=stranger.unit, title="Của đơn vị khác")
    client.force_login(officer)
    body = client.get(reverse("nominations:dossier_list")).content.decode()
    assert "Hồ sơ" in body and "Của đơn vị khác" not in body


def test_bulk_add_from_csv_reports_per_row(setup, client):
    dept, officer, stranger, dossier = setup
    person = PersonFactory(unit=dept, code="NV001")
    outsider = PersonFactory(unit=stranger.unit, code="NV002")
    csv_text = (f"kind,code,award,achievement,justification\nperson,{person.code},LDTT,Tốt,Lý do\n"
                f"person,{outsider.code},LDTT,,\nperson,NOPE,LDTT,,\nperson,{person.code},LDTT,,\n")
    client.force_login(officer)
    response = client.post(reverse("nominations:nominee_bulk_add", args=[dossier.pk]),
                           {"file": SimpleUploadedFile("list.csv", csv_text.encode())})
    results = response.context["results"]
    assert [r["ok"] for r in results] == [True, False, False, False]
    assert dossier.nominees.count() == 1


def test_bulk_add_from_xlsx(setup):
    from openpyxl import Workbook

    dept, officer, stranger, dossier = setup
    unit = UnitFactory(parent=dept, code="PHONG1")
    book = Workbook()
    book.active.append(["kind", "code", "award", "achievement", "justification"])
    book.active.append(["collective", unit.code, "TTLDTT", "Đoàn kết", "Đề nghị"])
    out = io.BytesIO()
    book.save(out)
    from nominations.services.bulk_add import bulk_add

    results = bulk_add(dossier, officer, SimpleUploadedFile("list.xlsx", out.getvalue()))
    assert results[0]["ok"], results
    assert dossier.nominees.get().unit == unit


def test_working_days_skip_weekends_and_holidays(db):
    friday = datetime.date(2025, 4, 25)
    assert add_working_days(friday, 1, set()) == datetime.date(2025, 4, 28)
    PublicHoliday.objects.create(date=datetime.date(2025, 4, 30), name="Giải phóng miền Nam")
    PublicHoliday.objects.create(date=datetime.date(2025, 5, 1), name="Quốc tế Lao động")
    assert add_working_days(friday, 3) == datetime.date(2025, 5, 2)
    assert add_working_days(friday, 20) == datetime.date(2025, 5, 27)
    assert working_days_between(friday, datetime.date(2025, 5, 2)) == 3


def test_reminders_sent_once(setup, make_user):
    dept, officer, stranger, dossier = setup
    reviewer = make_user(Role.REVIEWER)
    dossier.campaign.closes_on = timezone.localdate() + datetime.timedelta(days=2)
    dossier.campaign.save()
    assert remind_closing_windows() == 1
    assert remind_closing_windows() == 0
    late = DossierFactory(unit=dept, state="submitted", due_on=timezone.localdate() - datetime.timedelta(days=1))
    assert remind_overdue_dossiers() == 1 and remind_overdue_dossiers() == 0
    assert Notification.objects.get(recipient=reviewer).url.endswith(f"/{late.pk}/")


def test_inbox_shows_and_marks_read(setup, client):
    dept, officer, stranger, dossier = setup
    note = Notification.objects.create(recipient=officer, message_type="dossier_returned", subject="Trả lại",
                                       body="Bổ sung", url=reverse("nominations:dossier_detail", args=[dossier.pk]))
    client.force_login(officer)
    assert "Trả lại" in client.get(reverse("nominations:inbox")).content.decode()
    response = client.post(reverse("nominations:inbox_open", args=[note.pk]))
    assert response.status_code == 302 and response.url == note.url
    note.refresh_from_db()
    assert note.read_at is not None
    client.force_login(stranger)
    assert client.post(reverse("nominations:inbox_open", args=[note.pk])).status_code == 404
