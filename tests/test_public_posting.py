"""Public posting of proposed awardees (issue 15, item 2): who is listed and when (the window's both ends,
across a new year, in the province's dates), what the public page shows and never shows, comments with the
question against robots and the rate limits, and the Board's and the council's side (dossier page, queue,
answer or note, vote page)."""

import datetime
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations import services
from nominations.enums import CommentState, DossierState, Move, NomineeState, VoteSessionState
from nominations.models import PublicComment, Transition, VoteSession
from nominations.services.posting import answer_public_comment, posted_nominees, sender_hash
from reports import challenge

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory

DAY = datetime.timedelta(days=1)
LONG_ACHIEVEMENT = "Hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2026. " * 20 + "ĐOẠN-CUỐI-KHÔNG-HIỆN"


@pytest.fixture
def world(province):
    campaign = CampaignFactory(title="Thi đua năm 2026", year=2026)
    department = UnitFactory(parent=province, name="Sở Nội vụ", code="SNV")
    office = UnitFactory(parent=department, name="Văn phòng Sở", code="VPS")
    today = timezone.localdate()
    dossier = DossierFactory(campaign=campaign, unit=department, state=DossierState.IN_COUNCIL,
                             posting_from=today - 2 * DAY, posting_until=today + 5 * DAY)
    person = PersonFactory(unit=office, full_name="Nguyễn Thị Hoài An", code="CCVC-778899",
                           birth_date=datetime.date(1979, 7, 14))
    nominee = NomineeFactory(dossier=dossier, person=person, award_id="BK_TINH", state=NomineeState.ACCEPTED,
                             achievement=LONG_ACHIEVEMENT)
    return {"campaign": campaign, "department": department, "office": office, "dossier": dossier,
            "nominee": nominee}


def posted_names(client, **params):
    response = client.get(reverse("public:posting"), params)
    assert response.status_code == 200
    return [row.name for _campaign, rows in response.context["groups"] for row in rows]


def solved(nominee_pk, *, text="Tôi xác nhận bà An hoàn thành xuất sắc nhiệm vụ.", contact="", wrong=False,
           age=60.0, website=""):
    """The comment form as a person sends it: the question issued `age` seconds ago, answered right."""
    question = challenge.issue(nominee_pk, issued_at=time.time() - age)
    answer = question.first + question.second + (1 if wrong else 0)
    return {"text": text, "contact": contact, "token": question.token, "answer": answer, "website": website}


def comment_url(nominee):
    return reverse("public:posting_nominee", args=[nominee.pk])


# ---- who is posted, and when ---------------------------------------------------------------------------

def test_the_window_holds_both_ends_across_the_new_year(world):
    dossier = world["dossier"]
    dossier.posting_from, dossier.posting_until = datetime.date(2026, 12, 28), datetime.date(2027, 1, 5)
    dossier.save()
    on = lambda *ymd: list(posted_nominees(datetime.date(*ymd)).values_list("pk", flat=True))  # noqa: E731
    assert on(2026, 12, 27) == []
    for day in [(2026, 12, 28), (2026, 12, 31), (2027, 1, 1), (2027, 1, 5)]:
        assert on(*day) == [world["nominee"].pk], day
    assert on(2027, 1, 6) == []


@pytest.mark.parametrize("start, end, listed", [
    (1, 9, False),     # starts tomorrow: not yet (the 27/12 of a window opening on 28/12)
    (0, 9, True),      # starts today (28/12)
    (-9, 0, True),     # ends today (05/01)
    (-9, -1, False),   # ended yesterday (06/01)
])
def test_the_public_page_follows_the_window_in_the_provinces_dates(world, client, start, end, listed):
    today, dossier, nominee = timezone.localdate(), world["dossier"], world["nominee"]
    dossier.posting_from, dossier.posting_until = today + start * DAY, today + end * DAY
    dossier.save()
    assert (posted_names(client) == ["Nguyễn Thị Hoài An"]) is listed
    page = client.get(comment_url(nominee))
    assert page.status_code == (200 if listed else 404)
    sent = client.post(comment_url(nominee), solved(nominee.pk))
    assert sent.status_code == (302 if listed else 404)
    assert PublicComment.objects.count() == (1 if listed else 0)
    if not listed:
        assert "không được niêm yết" in page.content.decode()  # a polite page, not a bare 404


def test_forwarding_with_posting_dates_posts_the_accepted_nominees(province, client, reviewer):
    dossier = DossierFactory(campaign=CampaignFactory(), unit=UnitFactory(parent=province),
                             state=DossierState.UNDER_REVIEW)
    kept = NomineeFactory(dossier=dossier, person=PersonFactory(full_name="Trần Văn Bình", unit=dossier.unit))
    refused = NomineeFactory(dossier=dossier, person=PersonFactory(full_name="Lê Văn Cường", unit=dossier.unit))
    services.reject_nominee(refused, reviewer, "Chưa đủ tiêu chuẩn")
    assert posted_names(client) == []
    today = timezone.localdate()
    services.forward_to_council(dossier, reviewer, posting_from=today, posting_until=today + 10 * DAY)
    assert posted_names(client) == [kept.subject_name]


def test_only_nominees_before_the_council_are_posted(world, client):
    dossier = world["dossier"]
    NomineeFactory(dossier=dossier, state=NomineeState.REJECTED, person=PersonFactory(full_name="Bị Từ Chối"))
    NomineeFactory(dossier=DossierFactory(campaign=world["campaign"], state=DossierState.IN_COUNCIL),
                   state=NomineeState.ACCEPTED, person=PersonFactory(full_name="Không Niêm Yết"))
    assert posted_names(client) == ["Nguyễn Thị Hoài An"]


# ---- what the public sees --------------------------------------------------------------------------------

def test_the_list_shows_name_unit_award_summary_by_campaign_and_nothing_private(world, client):
    other = CampaignFactory(title="Phong trào chuyển đổi số", year=2026)
    other_dossier = DossierFactory(campaign=other, unit=world["department"], state=DossierState.IN_COUNCIL,
                                   posting_from=world["dossier"].posting_from,
                                   posting_until=world["dossier"].posting_until)
    collective = UnitFactory(parent=world["department"], name="Phòng Cải cách hành chính", code="PCCHC")
    NomineeFactory(dossier=other_dossier, person=None, unit=collective, award_id="TTLDXS",
                   state=NomineeState.ACCEPTED)
    response = client.get(reverse("public:posting"))
    body = response.content.decode()
    groups = response.context["groups"]
    assert [(title, [row.name for row in rows]) for title, rows in groups] == [
        ("Phong trào chuyển đổi số", ["Phòng Cải cách hành chính"]), ("Thi đua năm 2026", ["Nguyễn Thị Hoài An"])]
    assert "Văn phòng Sở — Sở Nội vụ" in body and "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in body
    row = groups[1][1][0]
    assert row.summary.startswith("Hoàn thành xuất sắc") and len(row.summary) <= 300
    assert "ĐOẠN-CUỐI-KHÔNG-HIỆN" not in body
    for private in ("14/07/1979", "1979-07-14", "1979", "CCVC-778899"):
        assert private not in body, private
    page = client.get(comment_url(world["nominee"])).content.decode()
    assert "Nguyễn Thị Hoài An" in page and "Văn phòng Sở — Sở Nội vụ" in page
    for private in ("14/07/1979", "1979", "CCVC-778899", "ĐOẠN-CUỐI-KHÔNG-HIỆN"):
        assert private not in page, private


def test_the_list_search_ignores_diacritics_and_case(world, client):
    assert posted_names(client, q="hoai an") == ["Nguyễn Thị Hoài An"]
    assert posted_names(client, q="VAN PHONG SO") == ["Nguyễn Thị Hoài An"]
    assert posted_names(client, q="Trần") == []


def test_the_public_pages_keep_their_query_count(world, client):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def grow(n):
        for _i in range(n):
            NomineeFactory(dossier=world["dossier"], state=NomineeState.ACCEPTED,
                           person=PersonFactory(unit=world["office"]))

    grow(2)
    small = count(reverse("public:posting"))
    grow(10)
    assert count(reverse("public:posting")) == small


# ---- sending a comment -----------------------------------------------------------------------------------

def test_a_comment_is_stored_with_its_time_contact_and_a_hash_of_the_address(world, client):
    nominee = world["nominee"]
    response = client.post(comment_url(nominee), solved(nominee.pk, contact="0912 345 678"),
                           REMOTE_ADDR="203.0.113.9", follow=True)
    assert "Cảm ơn" in response.content.decode()
    comment = PublicComment.objects.get()
    assert (comment.nominee, comment.contact, comment.state) == (nominee, "0912 345 678", CommentState.NEW)
    assert comment.text == "Tôi xác nhận bà An hoàn thành xuất sắc nhiệm vụ."
    assert abs((timezone.now() - comment.created_at).total_seconds()) < 60
    assert comment.ip_hash == sender_hash("203.0.113.9") and "203.0.113" not in comment.ip_hash


def test_an_ipv6_sender_counts_by_its_network():
    assert sender_hash("2001:db8:1:2::1") == sender_hash("2001:db8:1:2:ffff::9")
    assert sender_hash("2001:db8:1:2::1") != sender_hash("2001:db8:1:3::1")
    assert sender_hash("::ffff:203.0.113.9") == sender_hash("203.0.113.9")


def test_a_wrong_answer_keeps_the_typed_text_and_asks_a_new_question(world, client):
    nominee = world["nominee"]
    data = solved(nominee.pk, wrong=True, text="Ý kiến của tôi: cần xác minh thêm.", contact="an@example.vn")
    response = client.post(comment_url(nominee), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Câu trả lời chưa đúng" in body
    assert "Ý kiến của tôi: cần xác minh thêm." in body and 'value="an@example.vn"' in body
    assert data["token"] not in body  # a new question
    assert PublicComment.objects.count() == 0


@pytest.mark.parametrize("data, message", [
    (lambda pk: solved(pk, age=0), "gửi quá nhanh"),                         # faster than a person
    (lambda pk: solved(pk, age=3 * 3600), "hết hạn"),                        # an old form
    (lambda pk: solved(pk + 1000), "hết hạn"),                               # a question for another nominee
    (lambda pk: {**solved(pk), "token": "forged"}, "hết hạn"),
    (lambda pk: solved(pk, website="http://spam.example"), "Không thể nhận"),  # the field robots fill
])
def test_robots_are_refused_and_the_text_kept(world, client, data, message):
    nominee = world["nominee"]
    response = client.post(comment_url(nominee), data(nominee.pk))
    assert response.status_code == 200 and message in response.content.decode()
    assert "Tôi xác nhận bà An" in response.content.decode()
    assert PublicComment.objects.count() == 0


def test_a_form_is_taken_once(world, client):
    nominee = world["nominee"]
    data = solved(nominee.pk)
    assert client.post(comment_url(nominee), data).status_code == 302
    again = client.post(comment_url(nominee), data)
    assert again.status_code == 200 and "đã được gửi" in again.content.decode()
    assert PublicComment.objects.count() == 1


def test_comments_are_limited_per_sender_and_in_all(world, client, settings):
    settings.LAUREL_PUBLIC_COMMENTS_PER_HOUR = 2
    settings.LAUREL_PUBLIC_COMMENTS_ALL_PER_HOUR = 3
    nominee, url = world["nominee"], comment_url(world["nominee"])
    send = lambda address, text="Ý kiến": client.post(url, solved(nominee.pk, text=text),  # noqa: E731
                                                      REMOTE_ADDR=address)
    assert [send("198.51.100.1").status_code for _i in range(2)] == [302, 302]
    refused = send("198.51.100.1", text="Ý kiến thứ ba, không được mất")
    assert refused.status_code == 429
    assert "Ý kiến thứ ba, không được mất" in refused.content.decode()  # shown back, to send later
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    assert send("198.51.100.2").status_code == 302  # another sender
    PublicComment.objects.filter(ip_hash=sender_hash("198.51.100.1")).update(
        created_at=timezone.now() - datetime.timedelta(hours=2))  # an hour later the sender may write again
    assert send("198.51.100.1").status_code == 302
    assert send("198.51.100.3").status_code == 302  # three in the last hour, in all
    assert send("198.51.100.4").status_code == 429
    assert PublicComment.objects.count() == 5


def test_attempts_are_limited_per_address(world, client, settings):
    settings.LAUREL_PUBLIC_COMMENT_ATTEMPTS = 3
    nominee = world["nominee"]
    statuses = [client.post(comment_url(nominee), solved(nominee.pk, wrong=True)).status_code for _i in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.post(comment_url(nominee), solved(nominee.pk)).status_code == 429
    assert PublicComment.objects.count() == 0


# ---- the Board and the council ---------------------------------------------------------------------------

@pytest.fixture
def comment(world):
    return PublicComment.objects.create(nominee=world["nominee"], text="Bà An từng bị nhắc nhở năm 2025?",
                                        contact="nguoidan@example.vn", ip_hash=sender_hash("192.0.2.1"))


def answer_url(comment):
    return reverse("nominations:comment_answer", args=[comment.pk])


def test_the_board_answers_a_comment_once_on_the_record(comment, client, reviewer, make_user):
    client.force_login(reviewer)
    response = client.post(answer_url(comment), {"state": "answered", "answer": "Đã xác minh: không có."})
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    comment.refresh_from_db()
    assert (comment.state, comment.answer, comment.answered_by) == (
        CommentState.ANSWERED, "Đã xác minh: không có.", reviewer)
    assert comment.answered_at is not None
    audit = Transition.objects.get(move=Move.COMMENT_ANSWERED)
    assert (audit.actor, audit.nominee, audit.comment) == (reviewer, comment.nominee, "Đã xác minh: không có.")
    other = make_user(Role.REVIEWER)
    client.force_login(other)
    again = client.post(answer_url(comment), {"state": "noted", "answer": ""}, follow=True)
    assert "đã" in again.content.decode() and str(reviewer) in again.content.decode()  # already, by whom
    comment.refresh_from_db()
    assert comment.state == CommentState.ANSWERED and Transition.objects.count() == 1


def test_an_answer_needs_text_a_note_does_not(comment, client, reviewer):
    client.force_login(reviewer)
    empty = client.post(answer_url(comment), {"state": "answered", "answer": "  "})
    assert empty.status_code == 200 and "Hãy viết câu trả lời" in empty.content.decode()
    comment.refresh_from_db()
    assert comment.state == CommentState.NEW
    client.post(answer_url(comment), {"state": "noted", "answer": ""})
    comment.refresh_from_db()
    assert comment.state == CommentState.NOTED and comment.answered_by == reviewer
    assert Transition.objects.filter(move=Move.COMMENT_NOTED, actor=reviewer).count() == 1


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.CHAIR, Role.CLERK, Role.UNIT_OFFICER])
def test_only_the_board_answers(comment, client, make_user, role):
    client.force_login(make_user(role, unit=comment.nominee.dossier.unit))
    assert client.post(answer_url(comment), {"state": "noted"}).status_code == 403
    comment.refresh_from_db()
    assert comment.state == CommentState.NEW


def test_the_dossier_page_shows_comments_to_the_board_and_the_council_only(comment, client, reviewer,
                                                                            make_user):
    url = reverse("nominations:dossier_detail", args=[comment.nominee.dossier_id])
    client.force_login(reviewer)
    body = client.get(url).content.decode()
    assert "Bà An từng bị nhắc nhở năm 2025?" in body and "nguoidan@example.vn" in body
    assert answer_url(comment) in body
    client.force_login(make_user(Role.COUNCIL_MEMBER))
    body = client.get(url).content.decode()
    assert "Bà An từng bị nhắc nhở năm 2025?" in body
    assert "nguoidan@example.vn" not in body and answer_url(comment) not in body  # reads, does not answer
    client.force_login(make_user(Role.UNIT_OFFICER, unit=comment.nominee.dossier.unit))
    response = client.get(url)
    assert response.status_code == 200 and "Bà An từng bị nhắc nhở" not in response.content.decode()


def test_the_queue_counts_comments_per_nominee_in_constant_queries(world, comment, client, reviewer, province):
    client.force_login(reviewer)
    silent = NomineeFactory(dossier=world["dossier"], state=NomineeState.ACCEPTED)
    PublicComment.objects.create(nominee=world["nominee"], text="Ý kiến thứ hai", ip_hash="1" * 32)

    def page():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("nominations:queue"))
        return response.content.decode(), len(ctx.captured_queries)

    body, small = page()
    counts = dict(re.findall(r'>([^<>]+)</a>(?: <span class="badge text-bg-danger"[^>]*>[^<]*</span>)?'
                             r'(?: <span class="badge text-bg-info public-comment-count" title="[^"]*">(\d+))?',
                             body))
    assert counts[world["nominee"].subject_name] == "2" and counts[silent.subject_name] == ""
    for nominee in [silent] + [NomineeFactory(dossier=world["dossier"]) for _i in range(8)]:
        PublicComment.objects.create(nominee=nominee, text="Thêm", ip_hash="2" * 32)
    assert page()[1] == small


def test_the_vote_page_shows_the_comments_and_answers(world, comment, client, reviewer, make_user):
    answer_public_comment(comment, reviewer, CommentState.ANSWERED, "Đã xác minh: không có.")
    session = VoteSession.objects.create(campaign=world["campaign"], title="Phiên tháng 1",
                                         state=VoteSessionState.OPEN, opens_at=timezone.now(), members_total=1)
    world["nominee"].vote_session = session
    world["nominee"].save()
    client.force_login(make_user(Role.COUNCIL_MEMBER))
    body = client.get(reverse("nominations:vote_detail", args=[session.pk])).content.decode()
    assert "Bà An từng bị nhắc nhở năm 2025?" in body and "Đã xác minh: không có." in body
    assert "nguoidan@example.vn" not in body
