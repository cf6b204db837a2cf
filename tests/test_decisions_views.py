"""Council and decision pages driven through the browser-facing views."""


import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations import services
from nominations.enums import NomineeState
from nominations.models import Decision, VoteSession
from units.enums import RatingLevel

from .factories import PersonFactory, PersonRatingFactory, UnitFactory
from .factories_nominations import CampaignFactory


@pytest.fixture
def in_council(province, make_user):
    unit = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    reviewer = make_user(Role.REVIEWER)
    campaign = CampaignFactory()
    dossier = services.create_dossier(campaign, unit, officer, title="Hồ sơ")
    people = [PersonFactory(unit=unit) for _i in range(2)]
    for person in people:
        PersonRatingFactory(person=person, year=2025, rating=RatingLevel.GOOD)
    nominees = [services.add_nominee(dossier, officer, award=campaign.award_types.get(pk="LDTT"), person=p)
                for p in people]
    services.submit(dossier, officer)
    services.forward_to_council(dossier, reviewer)
    return campaign, dossier, nominees, reviewer


def test_check_eligibility_previews_without_adding(province, make_user, client):
    unit = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    person = PersonFactory(unit=unit)
    dossier = services.create_dossier(CampaignFactory(), unit, officer, title="Hồ sơ")
    client.force_login(officer)
    response = client.post(reverse("nominations:nominee_add", args=[dossier.pk]),
                           {"person": person.pk, "award": "LDTT", "achievement": "Giữ lại", "action": "check"})
    assert response.status_code == 200 and response.context["preview"] is not None
    assert "Giữ lại" in response.content.decode()
    assert dossier.nominees.count() == 0


def test_vote_and_decision_pages(in_council, client, make_user):
    campaign, dossier, nominees, reviewer = in_council
    members = [make_user(Role.COUNCIL_MEMBER) for _i in range(3)]
    chair = make_user(Role.CHAIR)
    client.force_login(reviewer)
    response = client.post(reverse("nominations:vote_open"), {"campaign": campaign.pk, "title": "Phiên 1"})
    session = VoteSession.objects.get()
    assert response.status_code == 302 and session.nominees.count() == 2
    first, second = sorted(nominees, key=lambda n: n.subject_name)
    for member in members:
        client.force_login(member)
        client.post(reverse("nominations:vote_cast", args=[session.pk]),
                    {f"n_{first.pk}": "for", f"n_{second.pk}": "against"})
    client.force_login(reviewer)
    client.post(reverse("nominations:vote_close", args=[session.pk]))
    body = client.get(reverse("nominations:vote_detail", args=[session.pk])).content.decode()
    assert "không đạt" in body
    client.post(reverse("nominations:nominee_approve", args=[first.pk]))
    client.post(reverse("nominations:nominee_reject", args=[second.pk]), {"reason": "Không đạt tỷ lệ"})
    client.force_login(chair)
    assert client.get(reverse("nominations:decision_create", args=[campaign.pk])).status_code == 200
    response = client.post(reverse("nominations:decision_create", args=[campaign.pk]), {
        "nominee": [first.pk], "decided_on": timezone.localdate().isoformat(), "signer_name": "Nguyễn Văn A",
        "signer_title": "Chủ tịch", "base_salary": 2_340_000, "issuer": "UBND"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.decided_on == timezone.localdate()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == NomineeState.AWARDED and second.state == NomineeState.REJECTED
    # A second try at the same nominee is refused politely.
    response = client.post(reverse("nominations:decision_create", args=[campaign.pk]), {
        "nominee": [first.pk], "decided_on": timezone.localdate().isoformat(), "signer_name": "A", "signer_title": "B",
        "base_salary": 2_340_000, "issuer": "UBND"}, follow=True)
    assert Decision.objects.count() == 1 and response.status_code == 200
    client.force_login(make_user(Role.UNIT_OFFICER, unit=dossier.unit))
    assert client.get(reverse("nominations:decision_list")).status_code == 403
