"""The public posting in a real browser (Vietnamese UI): the reviewer forwards a dossier with posting dates;
a visitor without an account finds the nominee on the public page and sends a comment, answering the
question against robots; the reviewer sees the count in the queue and answers on the dossier page; once the
posting has ended the public page no longer lists the nominee, the reviewer opens the vote and a council
member reads the comment and the Board's answer on the vote page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from nominations.enums import DossierState, NomineeState
from nominations.models import Dossier
from tests.factories import PersonFactory, UnitFactory, UserFactory
from tests.factories_nominations import CampaignFactory, DossierFactory, NomineeFactory

from .story import EXACT, T, button, expect_message, nav

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NAME = "Phạm Thị Niêm Yết"
COMMENT = "Tôi là đồng nghiệp, xác nhận chị Yết có sáng kiến được áp dụng toàn Sở."
ANSWER = "Ban đã đối chiếu với biên bản công nhận sáng kiến."


def test_a_visitor_comments_the_board_answers_the_council_reads(browse, shots, settings):
    settings.LAUREL_PUBLIC_COMMENT_MIN_SECONDS = 1  # the live server runs in this process
    province = UnitFactory(code="KH", name="Tỉnh Khánh Hòa", kind="province")
    dept = UnitFactory(parent=province, code="SNV", name="Sở Nội vụ")
    office = UnitFactory(parent=dept, code="VPS", name="Văn phòng Sở")
    campaign = CampaignFactory(title="Thi đua thường xuyên năm 2026", year=2026)
    dossier = DossierFactory(campaign=campaign, unit=dept, state=DossierState.UNDER_REVIEW)
    person = PersonFactory(unit=office, full_name=NAME, code="CC-424242", birth_date=datetime.date(1983, 3, 9))
    NomineeFactory(dossier=dossier, person=person, award_id="BK_TINH", state=NomineeState.PROPOSED,
                   achievement="Chủ trì sáng kiến số hóa hồ sơ thi đua, áp dụng tại 12 đơn vị.")
    reviewer = UserFactory(username="tham_dinh", roles=[Role.REVIEWER], full_name="Tham Dinh")
    member = UserFactory(username="uy_vien", roles=[Role.COUNCIL_MEMBER], full_name="Uy Vien")
    today = timezone.localdate()

    # The reviewer forwards the dossier with a posting window from today.
    board = browse(reviewer)
    board.goto(f"/nominations/dossiers/{dossier.pk}/")
    board.get_by_role("link", name=T("Forward to council"), **EXACT).click()
    board.fill("#id_posting_from", today.strftime("%d/%m/%Y"))
    board.fill("#id_posting_until", (today + datetime.timedelta(days=10)).strftime("%d/%m/%Y"))
    button(board, T("Forward"))
    expect_message(board, T("Dossier forwarded to the council."))

    # A visitor finds the nominee on the public page (no birth date, no personal code) and comments.
    visitor = browse()
    visitor.goto("/")
    visitor.get_by_role("link", name=T("Public posting of proposed awardees"), **EXACT).click()
    row = visitor.get_by_role("row", name=re.compile(NAME))
    expect(row).to_contain_text("Văn phòng Sở — Sở Nội vụ")
    assert "09/03/1983" not in visitor.content() and "CC-424242" not in visitor.content()
    shots(visitor, "public-posting-list")
    row.get_by_role("link", name=NAME, **EXACT).click()
    visitor.fill("#id_text", COMMENT)
    visitor.fill("#id_contact", "0905 111 222")
    first, second = map(int, re.findall(r"\d+", visitor.locator(".challenge-question").inner_text()))
    visitor.fill("#id_answer", str(first + second))
    shots(visitor, "public-comment-form")
    visitor.wait_for_timeout(1100)  # a person takes a moment to write
    button(visitor, T("Send the comment"))
    expect_message(visitor, T("Thank you: your comment was sent to the Board."))
    shots(visitor, "public-comment-sent")

    # The reviewer sees the count in the queue and answers on the dossier page.
    nav(board, T("Review queue"))
    queue_row = board.locator("table tbody tr").filter(has_text=NAME)
    expect(queue_row.locator(".public-comment-count")).to_contain_text("1")
    shots(board, "queue-comment-count")
    queue_row.get_by_role("link", name=NAME, **EXACT).click()
    comment = board.locator(".public-comments")
    expect(comment).to_contain_text(COMMENT)
    expect(comment).to_contain_text("0905 111 222")
    comment.locator("textarea[name=answer]").fill(ANSWER)
    button(board, T("Answer"), scope=comment)
    expect_message(board, T("Answer saved."))
    expect(board.locator(".public-comments .comment-answer")).to_contain_text(ANSWER)
    shots(board, "board-answered")

    # Ten days later the posting has ended: the public page no longer lists the nominee.
    Dossier.objects.filter(pk=dossier.pk).update(posting_from=today - datetime.timedelta(days=11),
                                                  posting_until=today - datetime.timedelta(days=1))
    visitor.goto("/public/posting/")
    expect(visitor.get_by_text(T("No nominee is posted for comments at the moment."))).to_be_visible()
    expect(visitor.get_by_role("row", name=re.compile(NAME))).to_have_count(0)

    # The reviewer opens the vote; a council member reads the comment and the answer on the vote page.
    nav(board, T("Council votes"))
    board.get_by_role("link", name=T("Open a vote"), **EXACT).click()
    board.select_option("#id_campaign", label=str(campaign))
    board.fill("#id_title", "Phiên họp tháng 1")
    button(board, T("Open voting"))
    expect(board.locator("h1")).to_have_text("Phiên họp tháng 1")
    council = browse(member)
    nav(council, T("Council votes"))
    council.get_by_role("link", name="Phiên họp tháng 1").click()
    comments = council.locator("tr.vote-comments")
    expect(comments).to_contain_text(COMMENT)
    expect(comments).to_contain_text(ANSWER)
    assert "0905 111 222" not in council.content()  # the sender's contact stays with the Board
    shots(council, "council-reads-comments")
