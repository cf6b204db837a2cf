"""Council and decision pages driven through the browser-facing views."""


import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations import services
from nominations.enums import NomineeState
from nominations.models import Decision, DecisionRegister, VoteSession
from units.enums import RatingLevel

from .factories import PersonFactory, PersonRatingFactory, UnitFactory
from .factories_nominations import CampaignFactory, complete_dossier


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
    complete_dossier(dossier)
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
    # Closing asks first: the page names who voted; nothing is closed by the GET.
    response = client.get(reverse("nominations:vote_close", args=[session.pk]))
    assert "Phiên 1" in response.context["title"] and response.context["warning"] == ""  # all three voted
    session.refresh_from_db()
    assert session.state == "open"
    # The closing POST leads straight to the approval of what passed.
    response = client.post(reverse("nominations:vote_close", args=[session.pk]))
    assert response.status_code == 302 and response.url == reverse("nominations:vote_approve", args=[session.pk])
    body = client.get(reverse("nominations:vote_detail", args=[session.pk])).content.decode()
    assert "không đạt" in body
    response = client.get(response.url)
    assert [n.pk for n in response.context["passed"]] == [first.pk]
    assert [n.pk for n in response.context["not_passed"]] == [second.pk]
    response = client.post(reverse("nominations:vote_approve", args=[session.pk]), {"nominee": [first.pk]},
                           follow=True)
    assert response.context["passed"] == [] and "1" in [str(m) for m in response.context["messages"]][0]
    first.refresh_from_db()
    assert first.state == NomineeState.APPROVED
    client.post(reverse("nominations:nominee_reject", args=[second.pk]), {"reason": "Không đạt tỷ lệ"})
    client.force_login(chair)
    # The decisions page lists what is ready for a decision.
    response = client.get(reverse("nominations:decision_list"))
    assert [(c["pk"], c["count"]) for c in response.context["ready"]] == [(campaign.pk, 1)]
    assert client.get(reverse("nominations:decision_create", args=[campaign.pk])).status_code == 200
    # The first POST shows the decision to be issued with the number the register will give; nothing is taken.
    response = client.post(reverse("nominations:decision_create", args=[campaign.pk]), {
        "nominee": [first.pk], "decided_on": timezone.localdate().isoformat(), "signer_name": "Nguyễn Văn A",
        "signer_title": "Chủ tịch", "base_salary": 2_340_000, "issuer": "UBND"})
    assert response.status_code == 200 and response.context["preview"]["number"] == "1/QĐ-UBND"
    assert "1/QĐ-UBND" in response.content.decode() and not Decision.objects.exists()
    assert not DecisionRegister.objects.filter(last_number__gt=0).exists()
    response = client.post(reverse("nominations:decision_create", args=[campaign.pk]), {"confirm": "1",
        "nominee": [first.pk], "decided_on": timezone.localdate().isoformat(), "signer_name": "Nguyễn Văn A",
        "signer_title": "Chủ tịch", "base_salary": 2_340_000, "issuer": "UBND"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.decided_on == timezone.localdate()
    assert decision.number == "1/QĐ-UBND"
    assert client.get(reverse("nominations:decision_list")).context["ready"] == []
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == NomineeState.AWARDED and second.state == NomineeState.REJECTED
    # A second try at the same nominee is refused politely.
    response = client.post(reverse("nominations:decision_create", args=[campaign.pk]), {"confirm": "1",
        "nominee": [first.pk], "decided_on": timezone.localdate().isoformat(), "signer_name": "A", "signer_title": "B",
        "base_salary": 2_340_000, "issuer": "UBND"}, follow=True)
    assert Decision.objects.count() == 1 and response.status_code == 200
    client.force_login(make_user(Role.UNIT_OFFICER, unit=dossier.unit))
    assert client.get(reverse("nominations:decision_list")).status_code == 403
