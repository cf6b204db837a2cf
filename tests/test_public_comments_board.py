"""The Board's day-to-day work with the public's comments (issue 15 item 2, after the posting): the list across
dossiers (who reads it, filters, search without diacritics, the link to the comment on its dossier's page,
newest first, pages, a fixed query count), the reviewer's to-do item, and the reviewers' notice of new
comments, one unread notice per dossier however many comments arrive, in the reader's language."""

import datetime
import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations.enums import CommentState, DossierState, NomineeState
from nominations.models import Notification, PublicComment
from nominations.notifications import PUBLIC_COMMENTS
from nominations.services.posting import add_public_comment, answer_public_comment
from reports import challenge

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory

DAY = datetime.timedelta(days=1)
LIST = "nominations:comment_list"


def posted_dossier(campaign, unit, title="Tờ trình khen thưởng Sở Nội vụ"):
    today = timezone.localdate()
    return DossierFactory(campaign=campaign, unit=unit, title=title, state=DossierState.IN_COUNCIL,
                          posting_from=today - 2 * DAY, posting_until=today + 5 * DAY)


def posted_nominee(dossier, name):
    return NomineeFactory(dossier=dossier, person=PersonFactory(unit=dossier.unit, full_name=name),
                          award_id="BK_TINH", state=NomineeState.ACCEPTED)


@pytest.fixture
def world(province):
    department = UnitFactory(parent=province, name="Sở Nội vụ", code="SNV")
    campaign = CampaignFactory(title="Thi đua năm 2026", year=2026)
    other_campaign = CampaignFactory(title="Chuyên đề chuyển đổi số", year=2026)
    dossier = posted_dossier(campaign, department)
    other_dossier = posted_dossier(other_campaign, department, title="Tờ trình chuyển đổi số")
    an = posted_nominee(dossier, "Nguyễn Thị Hoài An")
    duc = posted_nominee(dossier, "Đặng Văn Đức")
    binh = posted_nominee(other_dossier, "Trần Văn Bình")
    return {"campaign": campaign, "other_campaign": other_campaign, "dossier": dossier,
            "other_dossier": other_dossier, "an": an, "duc": duc, "binh": binh, "unit": department}


_sender = iter(range(10**6))


def comment(nominee, text="Đề nghị xem lại thành tích", minutes_ago=0, state=CommentState.NEW):
    """A stored comment, written directly (the list's tests; the notice's tests go through the service)."""
    row = PublicComment.objects.create(nominee=nominee, text=text, ip_hash=f"{next(_sender):032d}", state=state)
    if minutes_ago:
        PublicComment.objects.filter(pk=row.pk).update(created_at=timezone.now() - datetime.timedelta(
            minutes=minutes_ago))
    return row


def sent(nominee, text="Tôi xác nhận thành tích này"):
    """A comment as the public sends it: through the service, each from its own address."""
    return add_public_comment(nominee.pk, text, "", f"{next(_sender):032d}")


def listed(client, **params):
    """The comments the list shows, in order, as (pk, link)."""
    response = client.get(reverse(LIST), params)
    assert response.status_code == 200
    body = response.content.decode()
    return [(int(pk), link) for link, pk in re.findall(r'<a href="(/nominations/dossiers/\d+/#comment-(\d+))"', body)]


def pks(client, **params):
    return [pk for pk, _link in listed(client, **params)]


# ---- the list ------------------------------------------------------------------------------------------

def test_the_list_shows_every_dossiers_comments_newest_first_each_linking_to_its_anchor(world, client, reviewer):
    old = comment(world["an"], minutes_ago=90)
    middle = comment(world["binh"], minutes_ago=30)
    new = comment(world["duc"], text="Ông Đức có vi phạm năm 2025")
    client.force_login(reviewer)
    rows = listed(client)
    assert [pk for pk, _link in rows] == [new.pk, middle.pk, old.pk]
    link = dict(rows)[middle.pk]
    assert link == f"/nominations/dossiers/{world['other_dossier'].pk}/#comment-{middle.pk}"
    # the anchor is on the dossier page, with the answer form for the reviewer
    page = client.get(link.split("#")[0]).content.decode()
    assert f'id="comment-{middle.pk}"' in page
    assert reverse("nominations:comment_answer", args=[middle.pk]) in page
    body = client.get(reverse(LIST)).content.decode()
    assert "Ông Đức có vi phạm năm 2025" in body and world["dossier"].code in body and "Thi đua năm 2026" in body


def test_the_list_filters_by_campaign_and_state(world, client, reviewer):
    new = comment(world["an"])
    answered = comment(world["an"], minutes_ago=5)
    noted = comment(world["binh"], minutes_ago=10)
    answer_public_comment(answered, reviewer, CommentState.ANSWERED, "Đã xác minh với đơn vị")
    answer_public_comment(noted, reviewer, CommentState.NOTED)
    client.force_login(reviewer)
    assert pks(client, state="new") == [new.pk]
    assert pks(client, state="answered") == [answered.pk]
    assert pks(client, state="noted") == [noted.pk]
    assert pks(client, campaign=world["campaign"].pk) == [new.pk, answered.pk]
    assert pks(client, campaign=world["other_campaign"].pk) == [noted.pk]
    assert pks(client, campaign=world["campaign"].pk, state="answered") == [answered.pk]


@pytest.mark.parametrize("query, who", [
    ("hoai an", "an"), ("NGUYEN THI", "an"), ("Hoài An", "an"), ("dang van duc", "duc"), ("Đức", "duc"),
    ("tran", "binh"), ("Trần Văn Bình", "binh"),
])
def test_the_search_finds_the_nominee_by_name_ignoring_diacritics_and_case(world, client, reviewer, query, who):
    comments = {key: comment(world[key]) for key in ("an", "duc", "binh")}
    client.force_login(reviewer)
    assert pks(client, q=query) == [comments[who].pk]


@pytest.mark.parametrize("sort", ["created_at", "-created_at", "nominee", "-nominee", "dossier", "campaign",
                                  "-campaign", "state", "text"])
def test_every_column_sorts_and_the_newest_stay_first_by_default(world, client, reviewer, sort):
    rows = [comment(world["an"], minutes_ago=20), comment(world["binh"], minutes_ago=10), comment(world["duc"])]
    client.force_login(reviewer)
    assert sorted(pks(client, sort=sort)) == sorted(c.pk for c in rows)
    assert pks(client, sort="created_at") == [c.pk for c in rows]
    assert pks(client, sort="nominee") == list(reversed(pks(client, sort="-nominee")))  # the collation's order


def test_a_bad_filter_is_named_in_the_readers_language(world, client, reviewer):
    comment(world["an"])
    client.force_login(reviewer)
    response = client.get(reverse(LIST), {"campaign": "999999", "state": "deleted"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("invalid-feedback") == 2 and "Hãy chọn một lựa chọn hợp lệ" in body


def test_the_list_is_paginated(world, client, reviewer):
    first = [comment(world["an"], minutes_ago=60 + i) for i in range(50)]
    newest = comment(world["duc"])
    client.force_login(reviewer)
    assert pks(client) == [newest.pk] + [c.pk for c in first[:49]]
    assert pks(client, page=2) == [first[49].pk]
    assert pks(client, state="new", page=2) == [first[49].pk]  # the filter is kept across pages


def test_the_list_keeps_its_query_count_as_comments_grow(world, client, reviewer, province):
    comment(world["an"])
    comment(world["binh"])
    client.force_login(reviewer)
    client.get(reverse(LIST))  # warm the session and permissions

    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(LIST), params).status_code == 200
        return len(captured)

    small, filtered = queries(), queries(state="new", q="van")
    for i in range(12):  # more comments, on more nominees, dossiers, units and campaigns
        unit = UnitFactory(parent=province)
        nominee = posted_nominee(posted_dossier(CampaignFactory(), unit), f"Lê Văn Số {i}")
        comment(nominee)
        comment(nominee, state=CommentState.NOTED)
    assert len(pks(client)) == 26
    assert queries() == small
    assert queries(state="new", q="van") == filtered


def test_council_members_read_the_list_the_chair_too_others_are_refused(world, client, make_user):
    row = comment(world["an"], text="Bà An đã nghỉ hưu?")
    row.contact = "nguoidan@example.vn"
    row.save()
    for role in (Role.COUNCIL_MEMBER, Role.CHAIR):
        client.force_login(make_user(role))
        body = client.get(reverse(LIST)).content.decode()
        assert "Bà An đã nghỉ hưu?" in body and "nguoidan@example.vn" not in body
        assert reverse("nominations:comment_answer", args=[row.pk]) not in body
    for role in (Role.CLERK, Role.UNIT_OFFICER):
        client.force_login(make_user(role, unit=world["unit"]))
        assert client.get(reverse(LIST)).status_code == 403
    client.force_login(make_user(is_superuser=True, is_staff=True))
    assert client.get(reverse(LIST)).status_code == 403


def test_the_menu_and_the_breadcrumbs_lead_to_the_list(world, client, make_user):
    url = reverse(LIST)
    for role, shown in ((Role.REVIEWER, True), (Role.CHAIR, True), (Role.COUNCIL_MEMBER, True),
                        (Role.CLERK, False)):
        client.force_login(make_user(role))
        items = [item["url"] for item in client.get(reverse("home")).context["nav_items"]]
        assert (url in items) == shown, role
    client.force_login(make_user(Role.REVIEWER))
    response = client.get(url)
    menu = next(entry for entry in response.context["nav_menus"] if any(i["url"] == url for i in entry["items"]))
    assert reverse("nominations:queue") in [i["url"] for i in menu["items"]]  # beside the queue
    crumbs = [crumb["label"] for crumb in response.context["breadcrumbs"]]
    assert crumbs == ["Trang chủ", menu["label"], "Ý kiến của người dân"]
    answer_page = client.get(reverse("nominations:comment_answer", args=[comment(world["an"]).pk]))
    assert [c["url"] for c in answer_page.context["breadcrumbs"]][-1] == url


# ---- the reviewer's to-do ------------------------------------------------------------------------------

def todo(client):
    return {item["key"]: (item["count"], item["url"]) for item in client.get("/").context["todo"]}


def test_the_reviewer_is_told_how_many_comments_wait_and_the_link_lists_them(world, client, reviewer):
    waiting = [comment(world["an"]), comment(world["binh"]), comment(world["duc"])]
    answer_public_comment(comment(world["an"]), reviewer, CommentState.NOTED)
    client.force_login(reviewer)
    count, url = todo(client)["public_comments"]
    assert count == 3 and url == reverse(LIST) + "?state=new"
    assert sorted(pks(client, state="new")) == sorted(c.pk for c in waiting)
    assert len(re.findall(r"#comment-\d+", client.get(url).content.decode())) == 3
    body = client.get("/").content.decode()
    assert "Ý kiến của người dân cần trả lời" in body
    answer_public_comment(waiting[0], reviewer, CommentState.ANSWERED, "Đã trả lời")
    assert todo(client)["public_comments"][0] == 2


@pytest.mark.parametrize("role", [Role.CHAIR, Role.COUNCIL_MEMBER, Role.CLERK, Role.UNIT_OFFICER])
def test_only_those_who_answer_have_the_item(world, client, make_user, role):
    comment(world["an"])
    client.force_login(make_user(role, unit=world["unit"]))
    assert "public_comments" not in todo(client)


def test_the_home_page_keeps_its_query_count_as_comments_grow(world, client, reviewer):
    comment(world["an"])
    client.force_login(reviewer)
    client.get("/")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    small = queries()
    for key in ("an", "duc", "binh"):
        for _i in range(5):
            comment(world[key])
    assert queries() == small
    assert todo(client)["public_comments"][0] == 16


# ---- the reviewers' notice -----------------------------------------------------------------------------

def notices(user):
    return list(Notification.objects.filter(recipient=user, message_type=PUBLIC_COMMENTS.code))


def test_each_reviewer_gets_one_unread_notice_per_dossier_however_many_comments(
        world, make_user, django_capture_on_commit_callbacks):
    reviewers = [make_user(Role.REVIEWER, email="thamdinh1@example.vn"),
                 make_user(Role.REVIEWER, email="thamdinh2@example.vn")]
    others = [make_user(Role.CHAIR, email="chutich@example.vn"), make_user(Role.COUNCIL_MEMBER),
              make_user(is_superuser=True, is_staff=True)]
    with django_capture_on_commit_callbacks(execute=True):
        first = sent(world["an"])
        for i in range(49):
            sent(world["duc" if i % 2 else "an"], f"Ý kiến số {i}")
    for user in reviewers:
        [notice] = notices(user)
        assert notice.read_at is None and notice.dedupe_key == f"public-comments:{world['dossier'].pk}"
        assert notice.url == first.get_absolute_url()
        assert notice.params["count"] == "50" and notice.params["code"] == world["dossier"].code
        assert "Số ý kiến chờ trả lời: 50" in notice.body
    assert all(notices(user) == [] for user in others)
    assert sorted(m.to[0] for m in mail.outbox) == ["thamdinh1@example.vn", "thamdinh2@example.vn"]  # no flood


def test_another_dossier_has_its_own_notice_and_a_read_notice_makes_room_for_a_new_one(world, reviewer):
    sent(world["an"])
    sent(world["binh"])
    assert sorted(n.dedupe_key for n in notices(reviewer)) == sorted(
        f"public-comments:{d.pk}" for d in (world["dossier"], world["other_dossier"]))
    Notification.objects.filter(recipient=reviewer).update(read_at=timezone.now())
    sent(world["an"], "Thêm một ý kiến")
    unread = [n for n in notices(reviewer) if n.read_at is None]
    assert [n.dedupe_key for n in unread] == [f"public-comments:{world['dossier'].pk}"]
    assert unread[0].params["count"] == "2"  # both of the dossier's comments still wait for an answer
    read = [n for n in notices(reviewer) if n.read_at is not None]
    assert len(read) == 2 and {n.params["count"] for n in read} == {"1"}  # a read notice stays as it was


def test_the_count_follows_the_answers(world, reviewer):
    first = sent(world["an"])
    answer_public_comment(first, reviewer, CommentState.ANSWERED, "Đã xác minh")
    sent(world["duc"])
    [notice] = notices(reviewer)
    assert notice.params["count"] == "1" and notice.params["name"] == "Đặng Văn Đức"


def test_a_comment_sent_on_the_public_page_tells_the_reviewers(world, client, reviewer):
    question = challenge.issue(world["an"].pk, issued_at=time.time() - 60)
    response = client.post(reverse("public:posting_nominee", args=[world["an"].pk]), {
        "text": "Tôi xác nhận bà An hoàn thành xuất sắc nhiệm vụ.", "contact": "", "token": question.token,
        "answer": question.first + question.second, "website": ""})
    assert response.status_code == 302
    [notice] = notices(reviewer)
    assert notice.url == PublicComment.objects.get().get_absolute_url()


def test_a_refused_comment_tells_nobody(world, reviewer):
    world["dossier"].posting_until = timezone.localdate() - DAY
    world["dossier"].save()
    with pytest.raises(Exception, match="niêm yết|posted"):
        sent(world["an"])
    assert notices(reviewer) == [] and not PublicComment.objects.exists()


def test_the_notice_is_in_the_readers_language(world, client, make_user, django_capture_on_commit_callbacks):
    english = make_user(Role.REVIEWER, email="reviewer.en@example.vn", language="en")
    vietnamese = make_user(Role.REVIEWER, email="reviewer.vi@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        sent(world["an"])
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    code = world["dossier"].code
    assert subjects == {"reviewer.en@example.vn": f"Public comments on dossier {code}",
                        "reviewer.vi@example.vn": f"Ý kiến của người dân về hồ sơ {code}"}
    english_mail = next(m for m in mail.outbox if m.to == ["reviewer.en@example.vn"])
    assert "Comments awaiting an answer: 1." in english_mail.body
    assert english_mail.body.rstrip().endswith(notices(english)[0].url)
    client.force_login(vietnamese)
    assert "Ý kiến của người dân về hồ sơ" in client.get(reverse("nominations:inbox")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("nominations:inbox")).content.decode()
    assert f"Public comments on dossier {code}" in body and "Nguyễn Thị Hoài An" in body
