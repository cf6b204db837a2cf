"""Decisions across a year boundary: numbers restart each year per issuer and both years' numbers coexist;
a decision is dated neither before the council vote it rests on nor in the future; a conflict is a message
on the form, never a 500 (issue 10, item 1)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from certificates.models import Certificate
from nominations import services
from nominations.enums import NomineeState
from nominations.models import Decision, DecisionLine, DecisionRegister, VoteSession
from units.enums import RatingLevel

from .factories import PersonFactory, PersonRatingFactory, UnitFactory
from .factories_nominations import CampaignFactory, complete_dossier

TODAY = timezone.localdate()


@pytest.fixture
def approved(province, make_user):
    """Four approved GK nominees of one campaign (GK prints a certificate); the vote closed on 1/12/2025."""
    unit = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    reviewer, chair = make_user(Role.REVIEWER), make_user(Role.CHAIR)
    members = [make_user(Role.COUNCIL_MEMBER) for _i in range(3)]
    campaign = CampaignFactory()
    dossier = services.create_dossier(campaign, unit, officer, title="Tờ trình khen thưởng")
    nominees = []
    for _i in range(4):
        person = PersonFactory(unit=unit)
        PersonRatingFactory(person=person, year=2025, rating=RatingLevel.EXCELLENT)
        nominees.append(services.add_nominee(dossier, officer, award=campaign.award_types.get(pk="GK"),
                                             person=person, justification="Thành tích xuất sắc"))
    complete_dossier(dossier)
    services.submit(dossier, officer)
    services.forward_to_council(dossier, reviewer)
    session = services.open_vote(campaign, reviewer, "Phiên họp Hội đồng cuối năm 2025")
    for member in members:
        for nominee in nominees:
            services.cast_vote(session, nominee, member, "for")
    services.close_vote(session, reviewer)
    VoteSession.objects.filter(pk=session.pk).update(closed_at=timezone.make_aware(datetime.datetime(2025, 12, 1, 15)))
    for nominee in nominees:
        services.approve_nominee(nominee, chair)
    return campaign, chair, nominees, session


def post_decision(client, campaign, nominees, decided_on, **extra):
    return client.post(reverse("nominations:decision_create", args=[campaign.pk]), {"confirm": "1",
        "nominee": [n.pk for n in nominees], "decided_on": decided_on.isoformat(), "signer_name": "Nguyễn Văn Thắng",
        "signer_title": "CHỦ TỊCH", "base_salary": 2_340_000, "issuer": "UBND", **extra})


def test_the_first_decision_of_the_new_year_is_number_one_again_and_both_coexist(approved, client):
    campaign, chair, (a, b, c, d), _session = approved
    client.force_login(chair)
    assert post_decision(client, campaign, [a], datetime.date(2025, 12, 20)).status_code == 302
    assert post_decision(client, campaign, [b], datetime.date(2025, 12, 29)).status_code == 302
    response = post_decision(client, campaign, [c], TODAY)
    assert response.status_code == 302
    numbers = list(Decision.objects.order_by("year", "sequence").values_list("number", "year"))
    assert numbers == [("1/QĐ-UBND", 2025), ("2/QĐ-UBND", 2025), ("1/QĐ-UBND", TODAY.year)]
    assert DecisionRegister.objects.get(issuer="UBND", year=TODAY.year).last_number == 1

    # Each decision's page lists its own certificate only, though two share the number 1/QĐ-UBND.
    for decision in Decision.objects.filter(number="1/QĐ-UBND"):
        page = client.get(reverse("nominations:decision_detail", args=[decision.pk]))
        assert page.status_code == 200
        own = Certificate.objects.get(honour__person=decision.lines.get().nominee.person)
        other = Certificate.objects.exclude(pk=own.pk).get(decision_number="1/QĐ-UBND")
        body = page.content.decode()
        assert own.get_absolute_url() in body and other.get_absolute_url() not in body
        assert f"year={decision.year}" in body  # the print link names the registry year
    # The next decision of the new year follows on.
    assert post_decision(client, campaign, [d], TODAY).status_code == 302
    assert Decision.objects.get(lines__nominee=d).number == "2/QĐ-UBND"


def test_a_decision_dated_before_its_vote_is_refused_on_the_form(approved, client):
    campaign, chair, (a, *_rest), session = approved
    client.force_login(chair)
    response = post_decision(client, campaign, [a], datetime.date(2025, 11, 30))
    assert response.status_code == 200
    errors = response.context["form"].errors["decided_on"]
    assert errors == ["Không thể ban hành quyết định trước ngày biểu quyết mà quyết định căn cứ: "
                      "“Phiên họp Hội đồng cuối năm 2025” kết thúc ngày 01/12/2025."]
    assert "01/12/2025" in response.content.decode()
    a.refresh_from_db()
    assert a.state == NomineeState.APPROVED and not Decision.objects.exists()
    assert not DecisionRegister.objects.filter(last_number__gt=0).exists()  # no number used up
    # The day the vote closed is fine.
    assert post_decision(client, campaign, [a], datetime.date(2025, 12, 1)).status_code == 302


def test_a_decision_dated_in_the_future_is_refused_on_the_form(approved, client):
    campaign, chair, (a, *_rest), _session = approved
    client.force_login(chair)
    response = post_decision(client, campaign, [a], TODAY + datetime.timedelta(days=1))
    assert response.status_code == 200
    assert response.context["form"].errors["decided_on"] == [
        f"Không thể ghi ngày quyết định trong tương lai (hôm nay là {TODAY:%d/%m/%Y})."]
    assert not Decision.objects.exists()
    with pytest.raises(services.MoveRefused):
        services.decide(campaign, chair, [a], decided_on=TODAY + datetime.timedelta(days=1), signer_name="A",
                        signer_title="B")


def test_a_register_left_behind_its_decisions_catches_up_instead_of_colliding(approved, client):
    campaign, chair, (a, b, *_rest), _session = approved
    client.force_login(chair)
    assert post_decision(client, campaign, [a], TODAY).status_code == 302
    DecisionRegister.objects.filter(issuer="UBND", year=TODAY.year).update(last_number=0)  # e.g. a restored backup
    assert post_decision(client, campaign, [b], TODAY).status_code == 302
    assert sorted(Decision.objects.values_list("number", flat=True)) == ["1/QĐ-UBND", "2/QĐ-UBND"]


def test_any_integrity_error_while_deciding_is_a_message_on_the_form(approved, client):
    campaign, chair, (a, b, *_rest), _session = approved
    client.force_login(chair)
    assert post_decision(client, campaign, [a], TODAY).status_code == 302
    # Damaged data: b is still "approved" but already has an annex line (a nominee is in one decision only).
    DecisionLine.objects.create(decision=Decision.objects.get(), nominee=b, award_id="GK", subject_name="x",
                                unit_name="y", multiple=1, amount=1)
    response = post_decision(client, campaign, [b], TODAY)
    assert response.status_code == 200
    assert "Không ghi được quyết định" in " ".join(response.context["form"].non_field_errors())
    assert Decision.objects.count() == 1
    b.refresh_from_db()
    assert b.state == NomineeState.APPROVED
