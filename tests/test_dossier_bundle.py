"""Issue 15 item 4: a dossier (or a decision with all its dossiers) as one ZIP: the dossier's PDF (proposal,
nominees with their eligibility explained and its legal basis, the timeline of moves, the comments), every
attachment byte for byte in a folder per nominee, and a manifest whose checksums hold. Downloaded as
people do, through the pages' URLs."""

import datetime
import hashlib
import io
import json
import re
import unicodedata
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from config.text import clean_name
from nominations import services
from nominations.models import Attachment, BundleExport, Decision, DecisionLine, Nominee, Transition
from nominations.services.bundle import dossier_bundle_pdf
from nominations.services.bundle.record import load, safe_part, unique_name

from .factories import PersonFactory, UnitFactory
from .factories_awards import rate
from .factories_nominations import CampaignFactory, NomineeFactory, complete_dossier

pytestmark = pytest.mark.django_db

HOSTILE = '<font size=0>Trần</font> & <a href="http://evil.example/">Bá</a> <img src=x>'


def pdf_bytes(tag: str) -> bytes:
    return f"%PDF-1.4\n% {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40 + b"anh-minh-chung"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def filed(province, make_user, media):
    """A dossier of Sở Nội vụ with two nominees (one with a hostile name), documents with Vietnamese names
    (two of the same name), submitted, returned by the Board with comments, and resubmitted."""
    unit = UnitFactory(parent=province, name="Sở Nội vụ", code="SNV")
    officer = make_user(Role.UNIT_OFFICER, unit=unit, full_name="Lê Thị Cán Bộ")
    reviewer = make_user(Role.REVIEWER, full_name="Trương Văn Thẩm Định")
    campaign = CampaignFactory(year=2025, title="Thi đua yêu nước năm 2025")
    dossier = services.create_dossier(campaign, unit, officer, title="Tờ trình khen thưởng năm 2025",
                                      letter_number="15/TTr-SNV")
    anh = PersonFactory(unit=unit, full_name="Nguyễn Thị Ánh Tuyết", code="P-ANH")
    hostile = PersonFactory(unit=unit, full_name=HOSTILE, code="P-XSS")
    for person in (anh, hostile):
        rate(person, 2025, "good")
    ldtt = campaign.award_types.get(pk="LDTT")
    first = services.add_nominee(dossier, officer, award=ldtt, person=anh, achievement="Hoàn thành tốt nhiệm vụ")
    second = services.add_nominee(dossier, officer, award=ldtt, person=hostile)
    uploads = {}

    def upload(name, content, kind, nominee=None):
        attachment = services.add_attachment(dossier, officer, SimpleUploadedFile(name, content), kind,
                                             nominee=nominee)
        uploads[attachment.pk] = content
        return attachment

    upload("Tờ trình số 15.pdf", pdf_bytes("to-trinh"), "proposal_letter")
    upload("Biên bản họp Hội đồng.pdf", pdf_bytes("bien-ban"), "council_minutes")
    upload("Báo cáo thành tích.pdf", pdf_bytes("bao-cao-1"), "achievement_report", first)
    upload("Báo cáo thành tích.pdf", pdf_bytes("bao-cao-1-ban-2"), "evidence", first)  # the same name
    upload("Ảnh minh chứng.png", PNG, "evidence", first)
    upload("../../etc/Báo cáo.pdf", pdf_bytes("bao-cao-2"), "achievement_report", second)
    complete_dossier(dossier)
    services.submit(dossier, officer, "Kính gửi Ban Thi đua")
    services.start_review(dossier, reviewer)
    services.return_for_revision(dossier, reviewer, "Bổ sung biên bản có chữ ký",
                                 nominee_comments={first.pk: "Ghi rõ sáng kiến được công nhận"})
    services.resubmit(dossier, officer, "Đã bổ sung")
    return dossier, officer, reviewer, uploads


def read_zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.status_code
    assert response.streaming and response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:  # no name can become a link
        for annotation in page.get("/Annots") or []:
            assert annotation.get_object().get("/Subtype") != "/Link"
    return unicodedata.normalize("NFC", " ".join(page.extract_text() for page in reader.pages))


def squash(text: str) -> str:
    return "".join(text.split())


def test_the_dossier_zip_holds_the_pdf_every_attachment_and_a_manifest_that_checks(filed, client):
    dossier, officer, reviewer, uploads = filed
    client.force_login(officer)
    response = client.get(reverse("nominations:dossier_bundle", args=[dossier.pk]))
    assert f"{dossier.code}-ho-so.zip" in response["Content-Disposition"]
    archive = read_zip(response)
    assert archive.testzip() is None
    names = archive.namelist()
    assert f"{dossier.code}-ho-so.pdf" in names
    manifest = json.loads(archive.read("manifest.json"))
    by_attachment = {f["attachment"]: f for f in manifest["files"] if f["source"] == "attachment"}
    for pk, content in uploads.items():  # every upload, byte for byte
        assert archive.read(by_attachment[pk]["path"]) == content
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
        assert len(archive.read(entry["path"])) == entry["size"]
    sums = archive.read("SHA256SUMS").decode().splitlines()
    assert sorted(sums) == sorted(f"{f['sha256']}  {f['path']}" for f in manifest["files"])
    assert manifest["kind"] == "dossier" and manifest["dossier"] == dossier.code
    # Folders: the dossier's own documents, one per nominee (numbered as in the PDF), Vietnamese names kept.
    assert "tai-lieu-ho-so/Tờ trình số 15.pdf" in names
    anh_folder = "02 Nguyễn Thị Ánh Tuyết (P-ANH)"  # after the hostile name, which sorts first
    assert {f"{anh_folder}/Báo cáo thành tích.pdf", f"{anh_folder}/Báo cáo thành tích (2).pdf",
            f"{anh_folder}/Ảnh minh chứng.png"} <= set(names)
    for name in names:  # nothing climbs out of the folder it is unpacked into, nothing hides
        assert not name.startswith(("/", ".")) and ".." not in name.split("/") and "\\" not in name
        assert all(not part.startswith(".") and "<" not in part and ">" not in part for part in name.split("/"))
    assert manifest["missing"] == []


def test_a_file_missing_from_storage_is_listed_not_fatal(filed, client):
    dossier, officer, reviewer, uploads = filed
    lost = Attachment.objects.get(original_name="Ảnh minh chứng.png")
    lost.file.storage.delete(lost.file.name)
    client.force_login(officer)
    archive = read_zip(client.get(reverse("nominations:dossier_bundle", args=[dossier.pk])))
    assert archive.testzip() is None
    manifest = json.loads(archive.read("manifest.json"))
    assert [m["attachment"] for m in manifest["missing"]] == [lost.pk]
    assert lost.pk not in {f.get("attachment") for f in manifest["files"]}
    assert len(manifest["files"]) == len(uploads)  # the PDF and the other five


def test_the_pdf_explains_nominees_moves_and_comments_in_vietnamese(filed, client):
    dossier, officer, reviewer, uploads = filed
    client.force_login(officer)
    archive = read_zip(client.get(reverse("nominations:dossier_bundle", args=[dossier.pk])))
    text = pdf_text(archive.read(f"{dossier.code}-ho-so.pdf"))
    flat = squash(text)
    assert "Nguyễn Thị Ánh Tuyết" in text  # Vietnamese letters come out as they went in
    assert squash(clean_name(HOSTILE)) in flat  # the hostile name printed literally, not obeyed
    assert "Lao động tiên tiến" in text  # the award's name (its code appears only in the audit's notes)
    assert "Sở Nội vụ" in text and "Thi đua yêu nước năm 2025" in text and "15/TTr-SNV" in text
    first = Nominee.objects.get(dossier=dossier, subject_code="P-ANH")
    reason = first.criteria[0]["messages"]["vi"]
    assert squash(reason) in flat  # an eligibility reason
    assert squash(first.criteria[0]["basis_text"]) in flat  # with its legal basis
    # The return in the timeline: the move, who (with the role) and when.
    assert re.search(r"\d{2}/\d{2}/\d{4}\d{2}:\d{2}TrươngVănThẩmĐịnhChuyênviênBanThiđua–Khenthưởng"
                     r"Trảlạiđểbổsung", flat), flat
    assert squash("Bổ sung biên bản có chữ ký") in flat and squash("Ghi rõ sáng kiến được công nhận") in flat
    returned = Transition.objects.get(dossier=dossier, move="return", nominee=None).at
    assert timezone.localtime(returned).strftime("%d/%m/%Y%H:%M") + "TrươngVănThẩmĐịnh" in flat  # local time
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh" and timezone.localtime(returned).utcoffset().seconds == 7 * 3600


def test_the_pdf_is_in_the_readers_language(filed):
    dossier, *_rest = filed
    english = pdf_text(dossier_bundle_pdf(dossier, "en"))
    assert "NOMINATION DOSSIER" in english and "Advanced Worker" in english
    vietnamese = pdf_text(dossier_bundle_pdf(dossier, "vi"))
    assert "NOMINATION DOSSIER" not in vietnamese and "Lao động tiên tiến" in vietnamese


def test_every_export_is_audited_with_who_and_when(filed, client):
    dossier, officer, reviewer, uploads = filed
    client.force_login(reviewer)
    response = client.get(reverse("nominations:dossier_bundle", args=[dossier.pk]))
    b"".join(response.streaming_content)
    export = BundleExport.objects.get()
    assert (export.by, export.dossier, export.kind, export.label) == (reviewer, dossier, "dossier", dossier.code)
    assert export.files == 1 + Attachment.objects.filter(dossier=dossier).count()


def test_another_units_officer_gets_neither_the_bundle_nor_a_trace(filed, client, make_user):
    dossier, *_rest = filed
    stranger = make_user(Role.UNIT_OFFICER, unit=UnitFactory())
    client.force_login(stranger)
    url = reverse("nominations:dossier_bundle", args=[dossier.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 405
    client.logout()
    assert client.get(url).status_code == 302  # to the log-in page
    assert not BundleExport.objects.exists()


@pytest.fixture
def decided(filed, province, make_user):
    """A decision awarding a nominee of the filed dossier and one of a second unit's dossier."""
    dossier, officer, reviewer, uploads = filed
    other_unit = UnitFactory(parent=province, name="UBND xã Vĩnh Lương")
    other_officer = make_user(Role.UNIT_OFFICER, unit=other_unit)
    other = services.create_dossier(dossier.campaign, other_unit, other_officer, title="Tờ trình của xã")
    person = PersonFactory(unit=other_unit, full_name="Đặng Văn Đức")
    rate(person, 2025, "good")
    nominee = services.add_nominee(other, other_officer, award=dossier.campaign.award_types.get(pk="LDTT"),
                                   person=person)
    services.add_attachment(other, other_officer, SimpleUploadedFile("Tờ trình xã.pdf", pdf_bytes("xa")),
                            "proposal_letter")
    decision = Decision.objects.create(campaign=dossier.campaign, issuer="UBND", year=2025, sequence=7,
                                       number="7/QĐ-UBND", decided_on=datetime.date(2025, 12, 20),
                                       signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH", base_salary=2_340_000,
                                       total_amount=1_404_000)
    for awarded in (Nominee.objects.get(dossier=dossier, subject_code="P-ANH"), nominee):
        DecisionLine.objects.create(decision=decision, nominee=awarded, award_id="LDTT",
                                    subject_name=awarded.subject_name, unit_name=awarded.dossier.unit.name,
                                    multiple="0.3", amount=702_000)
    return decision, dossier, other, uploads


@pytest.mark.parametrize("role", [Role.CHAIR, Role.CLERK])
def test_the_decision_bundle_holds_the_decision_and_all_its_dossiers(decided, client, make_user, role):
    decision, dossier, other, uploads = decided
    client.force_login(make_user(role))
    response = client.get(reverse("nominations:decision_bundle", args=[decision.pk]))
    archive = read_zip(response)
    names = archive.namelist()
    decision_pdf = "quyet-dinh-7-QĐ-UBND-2025.pdf"
    assert decision_pdf in names and "Nguyễn Văn Thắng" in pdf_text(archive.read(decision_pdf))
    for each in (dossier, other):
        assert f"{each.code}/{each.code}-ho-so.pdf" in names
    assert f"{other.code}/tai-lieu-ho-so/Tờ trình xã.pdf" in names
    assert "Đặng Văn Đức" in pdf_text(archive.read(f"{other.code}/{other.code}-ho-so.pdf"))
    manifest = json.loads(archive.read("manifest.json"))
    assert {d["dossier"] for d in manifest["dossiers"]} == {dossier.code, other.code}
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    files = {f["attachment"]: f["path"] for f in manifest["files"] if f["source"] == "attachment"}
    for pk, content in uploads.items():
        assert archive.read(files[pk]) == content
    assert BundleExport.objects.get().decision == decision


def test_unit_officers_and_roleless_superusers_get_no_decision_bundle(decided, client, make_user):
    decision, dossier, *_rest = decided
    url = reverse("nominations:decision_bundle", args=[decision.pk])
    for user in (make_user(Role.UNIT_OFFICER, unit=dossier.unit), make_user(is_superuser=True, is_staff=True)):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 405
    assert not BundleExport.objects.exists()


def test_the_pages_offer_the_bundles(decided, client, make_user):
    decision, dossier, *_rest = decided
    client.force_login(dossier.created_by)
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert reverse("nominations:dossier_bundle", args=[dossier.pk]) in page
    client.force_login(make_user(Role.CHAIR))
    page = client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()
    assert reverse("nominations:decision_bundle", args=[decision.pk]) in page


def test_names_in_the_zip_are_safe_and_unique():
    assert safe_part("../../etc/passwd") == "_.._etc_passwd"
    assert safe_part("CON.pdf") == "_CON.pdf" and safe_part("nul") == "_nul"
    assert safe_part("Tờ\u202etrình\u200b.pdf") == "Tờtrình.pdf"
    assert safe_part("   ...  ") == "tep"
    long = safe_part("Báo cáo " * 40 + ".docx")
    assert len(long) <= 100 and long.endswith(".docx")
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ("a.pdf", "A.pdf", "a.pdf", "b")] == ["a.pdf", "A (2).pdf",
                                                                                 "a (3).pdf", "b"]


def test_reading_a_dossier_takes_the_same_queries_whatever_its_size(filed, make_user, django_assert_num_queries):
    dossier, officer, *_rest = filed
    with django_assert_num_queries(6):  # dossier, nominees, attachments, moves, the actors' groups, public comments
        load(dossier)
    for _ in range(3):  # more nominees, each with a file and a move by another person
        nominee = NomineeFactory(dossier=dossier)
        Attachment.objects.create(dossier=dossier, nominee=nominee, kind="evidence", file="x.pdf",
                                  original_name="x.pdf", content_type="application/pdf", size=1)
        Transition.objects.create(dossier=dossier, nominee=nominee, move="accept", actor=make_user(Role.REVIEWER))
    with django_assert_num_queries(6):
        load(dossier)


def test_the_pdf_carries_the_publics_comments_and_the_boards_answers_not_the_contact(filed):
    from nominations.enums import CommentState
    from nominations.models import PublicComment
    from nominations.services.posting import answer_public_comment, sender_hash

    dossier, officer, reviewer, uploads = filed
    first = Nominee.objects.get(dossier=dossier, subject_code="P-ANH")
    comment = PublicComment.objects.create(nominee=first, text="Bà Tuyết tận tụy với người dân xã.",
                                           contact="nguoidan@example.vn", ip_hash=sender_hash("192.0.2.9"))
    answer_public_comment(comment, reviewer, CommentState.ANSWERED, "Ban ghi nhận ý kiến.")
    flat = squash(pdf_text(dossier_bundle_pdf(dossier, "vi")))
    assert squash("Ý kiến của người dân") in flat
    assert squash("Bà Tuyết tận tụy với người dân xã.") in flat and squash("Ban ghi nhận ý kiến.") in flat
    assert "nguoidan@example.vn" not in flat  # the contact was for the Board only
