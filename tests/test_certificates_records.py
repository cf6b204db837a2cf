"""Certificate records: issue with snapshot and registry numbers, revocation, duplicates, verification."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import Role
from certificates import services
from certificates.enums import CertificateState
from certificates.models import Certificate, CertificateEvent, RegistryCounter
from tests.factories import PersonFactory, UnitFactory

from .factories_certificates import CollectiveHonourFactory, DecidedHonourFactory, issue, issue_one


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_issue_takes_a_snapshot_and_numbers_per_issuer_and_year(db):
    honours = [DecidedHonourFactory() for _ in range(3)]
    first = issue(*honours)
    assert [c.registry_number for c in first] == [1, 2, 3]
    other_issuer = issue(DecidedHonourFactory(award_id="GK"), issuer_code="SNV",
                         issuer_title="GIÁM ĐỐC SỞ NỘI VỤ", signer_title="GIÁM ĐỐC", signer_name="Trần Thị Mỹ Hạnh")
    assert other_issuer[0].registry_number == 1
    assert other_issuer[0].heading == "GIẤY KHEN"
    next_year = issue(DecidedHonourFactory(decided_on=datetime.date(2026, 1, 10)))
    assert (next_year[0].year, next_year[0].registry_number) == (2026, 1)
    assert RegistryCounter.objects.get(issuer_code="UBND-TINH", year=2025).last_number == 3
    assert CertificateEvent.objects.filter(action="issued").count() == 5


def test_issue_is_idempotent(db):
    honour = DecidedHonourFactory()
    first = issue(honour)[0]
    again = issue(honour)[0]
    assert again.pk == first.pk and again.registry_number == first.registry_number
    assert Certificate.objects.count() == 1
    assert RegistryCounter.objects.get().last_number == 1


def test_snapshot_does_not_change_with_the_registry(db):
    person = PersonFactory(full_name="Lê Văn Tám", gender="male", position="Trưởng phòng")
    certificate = issue_one(person=person)
    person.full_name, person.position = "Lê Văn Tư", "Giám đốc"
    person.save()
    certificate.refresh_from_db()
    assert (certificate.salutation, certificate.recipient_name) == ("Ông", "Lê Văn Tám")
    assert certificate.position_line.startswith("Trưởng phòng, ")
    assert certificate.data().recipient_name == "Lê Văn Tám"


def test_collective_certificate_has_no_salutation_and_a_title_achievement(db):
    parent = UnitFactory(name="Sở Y tế")
    honour = CollectiveHonourFactory(unit=UnitFactory(name="Phòng Kế hoạch", parent=parent))
    certificate = issue(honour, achievements={})[0]
    assert certificate.salutation == ""
    assert certificate.recipient_name == "Phòng Kế hoạch" and certificate.position_line == "Sở Y tế"
    assert certificate.achievement == "Đã đạt danh hiệu “Tập thể lao động xuất sắc” năm 2024"


def test_achievement_text_given_by_the_workflow_is_printed(db):
    honour = DecidedHonourFactory()
    certificate = issue(honour, achievements={honour.pk: "Đã có thành tích xuất sắc trong phòng chống bão số 13"})[0]
    assert certificate.achievement == "Đã có thành tích xuất sắc trong phòng chống bão số 13"


def test_honour_without_a_decision_cannot_get_a_certificate(db):
    with pytest.raises(ValidationError):
        issue(DecidedHonourFactory(decision_number=""))


def test_numbers_can_wait_for_the_first_print_and_are_given_once(db):
    certificates = issue(*[DecidedHonourFactory() for _ in range(3)], assign_numbers=False)
    assert all(c.registry_number is None for c in certificates)
    assert services.assign_registry_numbers(certificates) == 3
    assert services.assign_registry_numbers(certificates) == 0
    numbers = sorted(Certificate.objects.values_list("registry_number", flat=True))
    assert numbers == [1, 2, 3]


def test_tokens_and_short_codes_are_unique_and_long(db):
    certificates = issue(*[DecidedHonourFactory() for _ in range(20)])
    assert len({c.token for c in certificates}) == 20
    assert all(len(c.token) >= 24 for c in certificates)
    assert len({c.short_code for c in certificates}) == 20


def test_revocation_by_the_chair_is_recorded(db, make_user):
    chair = make_user(Role.CHAIR)
    certificate = issue_one()
    services.revoke(certificate, by=chair, reason="Kê khai thành tích không trung thực",
                    public_reason="false_declaration", on=datetime.date(2025, 6, 1))
    certificate.refresh_from_db()
    assert certificate.state == CertificateState.REVOKED
    assert certificate.revoked_by == chair and certificate.revoked_on == datetime.date(2025, 6, 1)
    event = certificate.events.get(action="revoked")
    assert event.by == chair and "không trung thực" in event.reason
    with pytest.raises(ValidationError, match="đã bị thu hồi ngày 01/06/2025"):
        services.revoke(certificate, by=chair, reason="lần nữa", public_reason="other", public_text="Lần nữa")


@pytest.mark.parametrize("role", [Role.CLERK, Role.REVIEWER, Role.UNIT_OFFICER])
def test_only_chair_or_administrator_may_revoke(db, make_user, role):
    certificate = issue_one()
    with pytest.raises(PermissionDenied):
        services.revoke(certificate, by=make_user(role), reason="x", public_reason="forged_dossier")
    assert Certificate.objects.get().state == CertificateState.ISSUED


def test_revocation_needs_a_reason(db, administrator):
    with pytest.raises(ValidationError):
        services.revoke(issue_one(), by=administrator, reason="  ", public_reason="forged_dossier")


def test_duplicate_keeps_the_number_and_replaces_the_old_edition(db, make_user):
    clerk = make_user(Role.CLERK)
    original = issue_one()
    duplicate = services.reissue(original, by=clerk, reason="Bản gốc bị mất")
    original.refresh_from_db()
    assert duplicate.edition == 2 and duplicate.supersedes == original
    assert duplicate.registry_number == original.registry_number
    assert duplicate.token != original.token and duplicate.short_code != original.short_code
    assert original.state == CertificateState.SUPERSEDED
    assert "Bản cấp lại lần 1" in __import__("certificates.placeholders", fromlist=["x"]).render_placeholder(
        "edition_line", duplicate.data()
    )
    with pytest.raises(ValidationError):
        services.reissue(original, by=clerk)
    # Issuing again for the honour returns the newest edition.
    assert issue(original.honour)[0] == duplicate


def test_revoking_any_edition_revokes_them_all(db, make_user):
    original = issue_one()
    duplicate = services.reissue(original, by=None)
    services.revoke(duplicate, by=make_user(Role.CHAIR), reason="Hồ sơ giả mạo", public_reason="forged_dossier")
    assert set(Certificate.objects.values_list("state", flat=True)) == {CertificateState.REVOKED}


def test_verification_page_says_valid_then_revoked(client, db, make_user):
    certificate = issue_one(person=PersonFactory(full_name="Đặng Thị Ánh Tuyết", gender="female"))
    url = reverse("certificates:verify", args=[certificate.token])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bà Đặng Thị Ánh Tuyết" in body and "1234/QĐ-UBND" in body and "15/01/2025" in body
    assert "Hợp lệ" in body
    services.revoke(certificate, by=make_user(Role.CHAIR), reason="Kê khai gian dối",
                    public_reason="false_declaration")
    body = client.get(url).content.decode()
    assert "Kê khai gian dối" not in body  # the internal note stays inside (issue 10, item 5)
    assert "Đã thu hồi" in body
    assert "Hợp lệ" not in body


def test_unknown_token_is_a_plain_not_found(client, db):
    issue_one()
    response = client.get(reverse("certificates:verify", args=["x" * 24]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert len(response.content) < 50


def test_short_code_lookup_needs_an_exact_code(client, db):
    certificate = issue_one()
    lookup = reverse("certificates:verify_lookup")
    response = client.get(lookup, {"code": certificate.short_code.lower().replace("-", "")})
    assert response.status_code == 302 and response["Location"].endswith(f"/verify/{certificate.token}/")
    assert client.get(lookup, {"code": certificate.short_code[:6]}).status_code == 404
    assert client.get(lookup).status_code == 200


def test_short_code_lookups_are_rate_limited(client, db):
    lookup = reverse("certificates:verify_lookup")
    statuses = [client.get(lookup, {"code": f"AAAA-{i:04d}"}).status_code for i in range(25)]
    assert statuses[:20] == [404] * 20
    assert statuses[-1] == 429
