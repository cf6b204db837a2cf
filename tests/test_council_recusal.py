"""Recusal: a council member does not vote on the nominees of their own unit (and its sub-units) nor on those
they declare a conflict on; thresholds and quorum are counted without them; the minutes record it."""

import io

import pytest
from django.urls import reverse

from accounts.roles import Role
from nominations import services
from nominations.enums import BallotChoice
from nominations.models import Conflict
from nominations.services.council import cast_vote, close_vote, declare_conflict, recusals

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, complete_dossier


@pytest.fixture
def council(province, make_user):
    dept = UnitFactory(parent=province, name="Sở Nội vụ")
    office = UnitFactory(parent=dept, name="Văn phòng Sở", kind="other")
    other = UnitFactory(parent=province, name="Sở Tài chính")
    campaign = CampaignFactory()
    officer = make_user(Role.UNIT_OFFICER, unit=province)
    reviewer = make_user(Role.REVIEWER)
    # m0 sits in the department: recused by default from the office's nominee (a sub-unit of its own).
    members = [make_user(Role.COUNCIL_MEMBER, unit=dept, first_name="Nguyễn", last_name="Một"),
               make_user(Role.COUNCIL_MEMBER, first_name="Trần", last_name="Hai"),
               *[make_user(Role.COUNCIL_MEMBER) for _i in range(3)]]
    award = campaign.award_types.get(pk="LDTT")
    nominees = []
    for unit, name in ((office, "Phạm Thị Văn Phòng"), (other, "Lê Văn Tài Chính")):
        dossier = services.create_dossier(campaign, unit, officer, title=name)
        nominees.append(services.add_nominee(dossier, officer, award=award,
                                             person=PersonFactory(unit=unit, full_name=name)))
        complete_dossier(dossier)
        services.submit(dossier, officer)
        services.forward_to_council(dossier, reviewer)
    session = services.open_vote(campaign, reviewer, "Phiên họp có miễn biểu quyết")
    return type("Council", (), dict(dept=dept, office=office, members=members, reviewer=reviewer, session=session,
                                    office_nominee=nominees[0], other_nominee=nominees[1]))


def test_own_unit_and_sub_units_recused_by_default(council, client):
    m0 = council.members[0]
    assert m0.pk in recusals(council.session)[council.office_nominee.pk]
    assert council.other_nominee.pk not in recusals(council.session)
    client.force_login(m0)
    body = client.get(reverse("nominations:vote_detail", args=[council.session.pk])).content.decode()
    assert f'name="n_{council.office_nominee.pk}"' not in body
    assert f'name="n_{council.other_nominee.pk}"' in body
    assert "Đơn vị mình: Sở Nội vụ" in body
    # a member without a unit has no default conflict
    client.force_login(council.members[2])
    body = client.get(reverse("nominations:vote_detail", args=[council.session.pk])).content.decode()
    assert f'name="n_{council.office_nominee.pk}"' in body


def test_refused_ballot_on_a_conflicted_nominee(council, client):
    client.force_login(council.members[0])
    response = client.post(reverse("nominations:vote_cast", args=[council.session.pk]),
                           {f"n_{council.office_nominee.pk}": "for"}, follow=True)
    assert "Bạn không biểu quyết đối với Phạm Thị Văn Phòng" in response.content.decode()
    assert not council.office_nominee.ballots.exists()
    with pytest.raises(services.MoveRefused):
        cast_vote(council.session, council.office_nominee, council.members[0], BallotChoice.FOR)


def test_declared_person_conflict_through_the_page(council, client):
    m1, nominee = council.members[1], council.other_nominee
    url = reverse("nominations:vote_conflicts", args=[council.session.pk])
    client.force_login(m1)
    assert client.get(url).status_code == 200
    client.post(url, {"nominee": nominee.pk, "action": "declare", "reason": "Em ruột"})
    conflict = Conflict.objects.get(member=m1, nominee=nominee, removed_at=None)
    assert conflict.reason == "Em ruột" and not conflict.automatic
    response = client.post(reverse("nominations:vote_cast", args=[council.session.pk]),
                           {f"n_{nominee.pk}": "against"}, follow=True)
    assert not nominee.ballots.exists() and "Em ruột" in response.content.decode()
    # withdrawn: the row stays (the audit), stamped, and the member may vote again
    client.post(url, {"nominee": nominee.pk, "action": "remove"})
    conflict.refresh_from_db()
    assert conflict.removed_at is not None
    cast_vote(council.session, nominee, m1, BallotChoice.FOR)
    assert nominee.ballots.count() == 1
    # the own-unit conflict cannot be withdrawn
    client.force_login(council.members[0])
    client.post(url, {"nominee": council.office_nominee.pk, "action": "remove"})
    assert council.members[0].pk in recusals(council.session)[council.office_nominee.pk]


def test_threshold_and_quorum_without_the_recused(council, client):
    """5 members; 2 recused from the office's nominee (own unit, declared); 2 of the 3 others vote for and
    1 against: 3 of 3 eligible voted (quorum 2/3) and 2/3 ≥ ½ are for. Counted over 5 it would fail the
    quorum (3/5 < 2/3)."""
    m0, m1, *others = council.members
    nominee = council.office_nominee
    declare_conflict(council.session, nominee, m1, "Vợ")
    cast_vote(council.session, nominee, others[0], BallotChoice.FOR)
    cast_vote(council.session, nominee, others[1], BallotChoice.FOR)
    cast_vote(council.session, nominee, others[2], BallotChoice.AGAINST)
    # a ballot cast before a declaration is not counted
    cast_vote(council.session, council.other_nominee, m1, BallotChoice.FOR)
    declare_conflict(council.session, council.other_nominee, m1, "Anh họ")
    close_vote(council.session, council.reviewer)
    nominee.refresh_from_db()
    assert (nominee.votes_for, nominee.votes_against, nominee.vote_passed) == (2, 1, True)
    council.other_nominee.refresh_from_db()
    assert council.other_nominee.votes_for == 0 and council.other_nominee.vote_passed is False
    # the own-unit recusal is kept as a row at closing
    assert Conflict.objects.filter(member=m0, nominee=nominee, automatic=True).exists()
    client.force_login(council.reviewer)
    body = client.get(reverse("nominations:vote_detail", args=[council.session.pk])).content.decode()
    assert "Nguyễn Một miễn biểu quyết đối với Phạm Thị Văn Phòng" in body
    assert "Trần Hai miễn biểu quyết đối với Lê Văn Tài Chính" in body


def test_minutes_list_the_recusals(council, client):
    from docx import Document

    declare_conflict(council.session, council.other_nominee, council.members[1], "Em ruột")
    close_vote(council.session, council.reviewer)
    client.force_login(council.reviewer)
    response = client.get(reverse("nominations:vote_minutes", args=[council.session.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Miễn biểu quyết" in text
    assert "Nguyễn Một miễn biểu quyết đối với Phạm Thị Văn Phòng (Đơn vị mình: Sở Nội vụ)." in text
    assert "Trần Hai miễn biểu quyết đối với Lê Văn Tài Chính (Em ruột)." in text


def test_conflicts_closed_round_refused(council):
    close_vote(council.session, council.reviewer)
    with pytest.raises(services.MoveRefused):
        declare_conflict(council.session, council.other_nominee, council.members[1], "Em")
