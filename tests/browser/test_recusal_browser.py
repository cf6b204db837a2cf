"""Recusal in a real browser (Vietnamese UI): a council member of Sở Nội vụ finds the nominee of the
department's own office marked "recused" on the vote page, with no ballot to cast; another member declares a
conflict on a nominee (a relative) on the conflicts page and is then recused from it too; the chair closes
the vote and the counts show each nominee's eligible voters without the recused members."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from nominations import services
from nominations.models import Ballot, Conflict
from tests.factories import PersonFactory, UnitFactory, UserFactory
from tests.factories_nominations import CampaignFactory, complete_dossier

from .story import EXACT, T, button, expect_message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OFFICE_NOMINEE = "Phạm Thị Văn Phòng"
OTHER_NOMINEE = "Lê Văn Tài Chính"
TITLE = "Phiên họp có miễn biểu quyết"


def build_council():
    province = UnitFactory(code="KH", name="Tỉnh Khánh Hòa", kind="province")
    dept = UnitFactory(parent=province, code="SNV", name="Sở Nội vụ")
    office = UnitFactory(parent=dept, code="VPS", name="Văn phòng Sở", kind="other")
    other = UnitFactory(parent=province, code="STC", name="Sở Tài chính")
    campaign = CampaignFactory()
    officer = UserFactory(roles=[Role.UNIT_OFFICER], unit=province)
    reviewer = UserFactory(roles=[Role.REVIEWER])
    chair = UserFactory(username="chu_tich", roles=[Role.CHAIR], full_name="Chu Tich")
    members = [UserFactory(username="uy_vien_snv", roles=[Role.COUNCIL_MEMBER], unit=dept, full_name="Uy Vien SNV"),
               UserFactory(username="uy_vien_hai", roles=[Role.COUNCIL_MEMBER], full_name="Uy Vien Hai"),
               *[UserFactory(roles=[Role.COUNCIL_MEMBER]) for _i in range(3)]]
    award = campaign.award_types.get(pk="LDTT")
    nominees = {}
    for unit, name in ((office, OFFICE_NOMINEE), (other, OTHER_NOMINEE)):
        dossier = services.create_dossier(campaign, unit, officer, title=name)
        nominees[name] = services.add_nominee(dossier, officer, award=award,
                                              person=PersonFactory(unit=unit, full_name=name))
        complete_dossier(dossier)
        services.submit(dossier, officer)
        services.forward_to_council(dossier, reviewer)
    session = services.open_vote(campaign, reviewer, TITLE)
    return session, chair, members, nominees


def test_recused_members_do_not_vote_and_are_left_out_of_the_count(browse, shots):
    session, chair, members, nominees = build_council()
    vote_url = f"/nominations/votes/{session.pk}/"

    # The department's member: the office's nominee is recused by default (own unit), the other is not.
    own = browse(members[0])
    own.goto(vote_url)
    office_row = own.get_by_role("row", name=re.compile(OFFICE_NOMINEE))
    expect(office_row.locator(".recused")).to_contain_text(T("recused"))
    expect(office_row.get_by_role("radio")).to_have_count(0)
    shots(own, "member-of-the-unit-recused")
    own.get_by_role("row", name=re.compile(OTHER_NOMINEE)).get_by_role("radio", name=T("For"), **EXACT).check()
    button(own, T("Record my votes"))
    expect_message(own, T("%(count)s votes recorded.") % {"count": 1})

    # A second member declares a conflict on the other nominee (a relative), then cannot vote on it.
    relative = browse(members[1])
    relative.goto(vote_url)
    relative.get_by_role("link", name=T("My conflicts of interest"), **EXACT).click()
    row = relative.get_by_role("row", name=re.compile(OTHER_NOMINEE))
    expect(row).to_contain_text("Lao động tiên tiến")  # the award's name, not its code
    row.get_by_role("textbox").fill("Em ruột")
    row.get_by_role("button", name=T("Declare a conflict"), **EXACT).click()
    expect_message(relative, T("Conflict declared: you will not vote on %(name)s.") % {"name": OTHER_NOMINEE})
    shots(relative, "conflict-declared")
    relative.goto(vote_url)
    expect(relative.get_by_role("row", name=re.compile(OTHER_NOMINEE)).get_by_role("radio")).to_have_count(0)
    relative.get_by_role("row", name=re.compile(OFFICE_NOMINEE)).get_by_role("radio", name=T("For"),
                                                                             **EXACT).check()
    button(relative, T("Record my votes"))
    assert Conflict.objects.filter(member=members[1], reason="Em ruột", removed_at=None).count() == 1

    # The others vote for both; the chair closes and the counts leave the recused out.
    for member in members[2:]:
        page = browse(member)
        page.goto(vote_url)
        for name in (OFFICE_NOMINEE, OTHER_NOMINEE):
            page.get_by_role("row", name=re.compile(name)).get_by_role("radio", name=T("For"), **EXACT).check()
        button(page, T("Record my votes"))
        expect_message(page, T("%(count)s votes recorded.") % {"count": 2})
    assert not Ballot.objects.filter(member=members[0], nominee=nominees[OFFICE_NOMINEE]).exists()
    assert not Ballot.objects.filter(member=members[1], nominee=nominees[OTHER_NOMINEE]).exists()
    board = browse(chair)
    board.goto(vote_url)
    board.get_by_role("link", name=T("Close voting and count"), **EXACT).click()
    button(board, T("Close voting and count"))
    expect_message(board, T("Voting closed; results counted."))
    board.goto(vote_url)
    for name in (OFFICE_NOMINEE, OTHER_NOMINEE):  # five members, one recused from each: four eligible voters
        cells = board.get_by_role("row", name=re.compile(name)).get_by_role("cell")
        expect(cells.nth(3)).to_have_text("4")
        expect(cells.nth(4)).to_have_text("4")
    shots(board, "closed-with-recusals")
