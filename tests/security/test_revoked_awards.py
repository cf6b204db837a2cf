"""Revoked awards (issue 10, item 5): revocation removes the award from the public registry and the API;
the verify page shows only the public reason (chosen from a short list, or written for the public), never the
internal note."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.roles import Role
from certificates.enums import CertificateState
from certificates.models import Certificate
from nominations import services
from units.enums import RatingLevel

from ..factories import PersonFactory, PersonRatingFactory, UnitFactory
from ..factories_nominations import CampaignFactory, complete_dossier

REGISTRY = "/public/awardees/"
INTERNAL = "Ghi chú nội bộ: Thanh tra tỉnh kết luận số 17/KL-TTr, chưa công bố"


@pytest.fixture
def published(province, make_user):
    """Two Giấy khen awarded by one published decision, with their certificates."""
    unit = UnitFactory(parent=province, name="Sở Khoa học và Công nghệ")
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    reviewer, chair = make_user(Role.REVIEWER), make_user(Role.CHAIR)
    members = [make_user(Role.COUNCIL_MEMBER) for _i in range(3)]
    campaign = CampaignFactory()
    dossier = services.create_dossier(campaign, unit, officer, title="Tờ trình")
    nominees = []
    for name in ("Trần Văn Khoa", "Lê Thị Mai"):
        person = PersonFactory(unit=unit, full_name=name)
        PersonRatingFactory(person=person, year=2025, rating=RatingLevel.EXCELLENT)
        nominees.append(services.add_nominee(dossier, officer, award=campaign.award_types.get(pk="GK"),
                                             person=person, justification="Thành tích xuất sắc"))
    complete_dossier(dossier)
    services.submit(dossier, officer)
    services.forward_to_council(dossier, reviewer)
    session = services.open_vote(campaign, reviewer, "Phiên họp")
    for member in members:
        for nominee in nominees:
            services.cast_vote(session, nominee, member, "for")
    services.close_vote(session, reviewer)
    for nominee in nominees:
        services.approve_nominee(nominee, chair)
    decision = services.decide(campaign, chair, nominees, decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    services.publish(decision, chair)
    revoked, kept = (Certificate.objects.get(honour__person=n.person) for n in nominees)
    return chair, make_user(Role.ADMINISTRATOR), revoked, kept


def api_award_people(user) -> set[str]:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get("/api/awards/")
    assert response.status_code == 200
    return {row["person_name"] for row in response.json()["results"]}


def revoke(client, certificate, **data):
    return client.post(reverse("certificates:revoke", args=[certificate.pk]),
                       {"reason": INTERNAL, "revoked_on": timezone.localdate().isoformat(), "confirm": "1", **data},
                       follow=True)


def test_a_revoked_award_leaves_the_public_registry_and_the_api(published, client):
    chair, administrator, revoked, kept = published
    page = client.get(REGISTRY).content.decode()
    assert "Trần Văn Khoa" in page and "Lê Thị Mai" in page
    assert api_award_people(administrator) == {"Trần Văn Khoa", "Lê Thị Mai"}

    client.force_login(chair)
    revoke(client, revoked, public_reason="forged_dossier")
    assert Certificate.objects.get(pk=revoked.pk).state == CertificateState.REVOKED

    client.logout()
    page = client.get(REGISTRY).content.decode()
    assert "Trần Văn Khoa" not in page and "Lê Thị Mai" in page
    assert "Trần Văn Khoa" not in client.get(REGISTRY, {"name": "Khoa"}).content.decode()
    assert api_award_people(administrator) == {"Lê Thị Mai"}


def test_the_verify_page_shows_the_public_reason_never_the_internal_note(published, client):
    chair, _administrator, revoked, _kept = published
    client.force_login(chair)
    revoke(client, revoked, public_reason="false_declaration")
    client.logout()
    body = client.get(reverse("certificates:verify", args=[revoked.token])).content.decode()
    assert "Đã thu hồi" in body and "Kê khai thành tích không trung thực" in body
    assert INTERNAL not in body and "17/KL-TTr" not in body
    # Inside, the chair sees both.
    client.force_login(chair)
    inside = client.get(reverse("certificates:detail", args=[revoked.pk])).content.decode()
    assert "17/KL-TTr" in inside and "Kê khai thành tích không trung thực" in inside


def test_other_needs_a_text_written_for_the_public(published, client):
    chair, _administrator, revoked, _kept = published
    client.force_login(chair)
    response = revoke(client, revoked, public_reason="other")
    assert Certificate.objects.get(pk=revoked.pk).state == CertificateState.ISSUED
    assert "Hãy ghi rõ lý do sẽ công bố." in response.content.decode()
    response = revoke(client, revoked, public_reason="")
    assert Certificate.objects.get(pk=revoked.pk).state == CertificateState.ISSUED

    revoke(client, revoked, public_reason="other", public_text="Người được khen đã tự nguyện trả lại danh hiệu.")
    client.logout()
    body = client.get(reverse("certificates:verify", args=[revoked.token])).content.decode()
    assert "Người được khen đã tự nguyện trả lại danh hiệu." in body and "17/KL-TTr" not in body
