"""A decision issues the certificates of its awards, lists them, and can be published."""


import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from awards.models import AwardType
from certificates.models import Certificate
from nominations import services
from nominations.services.decisions import printed_achievement
from units.enums import RatingLevel

from .factories import PersonFactory, PersonRatingFactory, UnitFactory
from .factories_nominations import CampaignFactory, complete_dossier


@pytest.fixture
def approved(province, make_user):
    """Two approved nominees: a person for GK (a Giấy khen) and a person for LDTT (a title, no certificate)."""
    unit = UnitFactory(parent=province, name="Sở Nội vụ")
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    reviewer, chair = make_user(Role.REVIEWER), make_user(Role.CHAIR)
    members = [make_user(Role.COUNCIL_MEMBER) for _ in range(3)]
    campaign = CampaignFactory()
    dossier = services.create_dossier(campaign, unit, officer, title="Hồ sơ khen thưởng năm 2025")
    gk_person = PersonFactory(unit=unit, full_name="Phạm Thị Thu Hương", gender="female")
    ldtt_person = PersonFactory(unit=unit, full_name="Võ Văn Kiệt")
    for person in (gk_person, ldtt_person):
        PersonRatingFactory(person=person, year=2025, rating=RatingLevel.EXCELLENT)
    gk = services.add_nominee(dossier, officer, award=campaign.award_types.get(pk="GK"), person=gk_person,
                              achievement="xuất sắc trong chuyển đổi số năm 2025", justification="Thành tích nổi bật")
    ldtt = services.add_nominee(dossier, officer, award=campaign.award_types.get(pk="LDTT"), person=ldtt_person)
    complete_dossier(dossier)
    services.submit(dossier, officer)
    services.forward_to_council(dossier, reviewer)
    session = services.open_vote(campaign, reviewer, "Phiên họp 1")
    for member in members:
        for nominee in (gk, ldtt):
            services.cast_vote(session, nominee, member, "for")
    services.close_vote(session, reviewer)
    for nominee in (gk, ldtt):
        nominee.refresh_from_db()
        if nominee.state != "approved":
            services.approve_nominee(nominee, chair)
    return campaign, chair, gk, ldtt


def test_decision_issues_certificates_for_awards_that_have_one(approved):
    campaign, chair, gk, ldtt = approved
    decision = services.decide(campaign, chair, [gk, ldtt], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    certificates = list(Certificate.objects.filter(decision_number=decision.number))
    assert len(certificates) == 1  # LDTT is a title without a certificate
    certificate = certificates[0]
    assert certificate.recipient_name == "Phạm Thị Thu Hương"
    assert certificate.registry_number == 1
    assert certificate.issuer_line == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    assert certificate.achievement == "Đã có thành tích xuất sắc trong chuyển đổi số năm 2025"
    assert decision.issuer_line == certificate.issuer_line and decision.place == "Khánh Hòa"


def test_decision_page_links_certificates_and_printing_and_publishes(approved, client, make_user):
    campaign, chair, gk, ldtt = approved
    decision = services.decide(campaign, chair, [gk, ldtt], decided_on=timezone.localdate(),
                               signer_name="Nguyễn Văn Thắng", signer_title="CHỦ TỊCH")
    certificate = Certificate.objects.get(decision_number=decision.number)
    client.force_login(chair)
    page = client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()
    assert certificate.get_absolute_url() in page
    publish_url = reverse("nominations:decision_publish", args=[decision.pk])
    assert publish_url in page

    clerk = make_user(Role.CLERK)
    client.force_login(clerk)
    page = client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()
    assert "/certificates/batches/?decision_number=" in page and publish_url not in page
    batch_form = client.get(reverse("certificates:batch_list"), {"decision_number": decision.number})
    assert batch_form.context["form"]["decision_number"].value() == decision.number
    assert client.post(publish_url).status_code == 403

    client.force_login(chair)
    assert client.post(publish_url).status_code == 302
    decision.refresh_from_db()
    assert decision.published_at is not None
    first = decision.published_at
    client.post(publish_url)  # publishing again keeps the first date
    decision.refresh_from_db()
    assert decision.published_at == first


@pytest.mark.parametrize(
    "award, text, printed",
    [
        ("GK", "xuất sắc trong công tác năm 2025", "Đã có thành tích xuất sắc trong công tác năm 2025"),
        ("BK_TINH", "Đã có thành tích xuất sắc", "Đã có thành tích xuất sắc"),
        ("CSTDCS", "xuất sắc", ""),  # a title prints "Đã đạt danh hiệu …"
        ("GK", "x" * 301, ""),  # a long achievement report is not printed whole
        ("GK", "   ", ""),
    ],
)
def test_printed_achievement(db, award, text, printed):
    class Nominee:
        achievement = text

    Nominee.award = AwardType.objects.get(pk=award)  # a title or a commendation: data of the award

    assert printed_achievement(Nominee) == printed
