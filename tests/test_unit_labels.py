"""Many units share a name ("Văn phòng Sở" sits in every department): the council's pages and the queue's bulk
confirmation name a dossier's unit with its parent, as the queue and the dashboards do."""

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations import services
from nominations.enums import BallotChoice
from nominations.services.council import cast_vote, close_vote

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, complete_dossier

OFFICE = "Văn phòng Sở — Sở Nội vụ"


def office_dossier(province, make_user, *, to_council: bool):
    dept = UnitFactory(parent=province, name="Sở Nội vụ")
    UnitFactory(parent=UnitFactory(parent=province, name="Sở Tài chính"), name="Văn phòng Sở", kind="other")
    office = UnitFactory(parent=dept, name="Văn phòng Sở", kind="other")
    campaign = CampaignFactory()
    officer, reviewer = make_user(Role.UNIT_OFFICER, unit=province), make_user(Role.REVIEWER)
    dossier = services.create_dossier(campaign, office, officer, title="Tờ trình")
    nominee = services.add_nominee(dossier, officer, award=campaign.award_types.get(pk="LDTT"),
                                   person=PersonFactory(unit=office, full_name="Phạm Thị Văn Phòng"))
    complete_dossier(dossier)
    services.submit(dossier, officer)
    if to_council:
        services.forward_to_council(dossier, reviewer)
    return campaign, nominee, reviewer


def test_the_council_pages_name_the_unit_with_its_parent(province, make_user, client):
    members = [make_user(Role.COUNCIL_MEMBER) for _i in range(3)]
    campaign, nominee, reviewer = office_dossier(province, make_user, to_council=True)
    session = services.open_vote(campaign, reviewer, "Phiên họp")
    client.force_login(members[0])
    for name in ("vote_detail", "vote_conflicts"):
        body = client.get(reverse(f"nominations:{name}", args=[session.pk])).content.decode()
        assert OFFICE in body, name
    for member in members:
        cast_vote(session, nominee, member, BallotChoice.FOR)
    chair = make_user(Role.CHAIR)
    close_vote(session, chair)
    client.force_login(chair)
    assert OFFICE in client.get(reverse("nominations:vote_approve", args=[session.pk])).content.decode()
    # The decision's line (printed in its annex) names the awardee's unit the same way.
    services.approve_nominee(nominee, chair)
    decision = services.decide(campaign, chair, [nominee], decided_on=timezone.localdate(), signer_name="Lê Văn A",
                               signer_title="CHỦ TỊCH")
    assert decision.lines.get().unit_name == OFFICE
    assert OFFICE in client.get(reverse("nominations:decision_detail", args=[decision.pk])).content.decode()


def test_the_bulk_confirmation_names_the_unit_with_its_parent(province, make_user, client):
    _campaign, nominee, reviewer = office_dossier(province, make_user, to_council=False)
    client.force_login(reviewer)
    confirm = client.post(reverse("nominations:queue_bulk"), {"action": "accept", "pk": [nominee.pk]})
    assert confirm.status_code == 200 and OFFICE in confirm.content.decode()
