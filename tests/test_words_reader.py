"""Words the reader sees: labels, not internal codes; eligibility reasons, inbox messages and e-mails in the
reader's language (issue 13 item 4)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from nominations import services
from units.enums import RatingLevel

from .factories import PersonFactory, PersonRatingFactory, UnitFactory
from .factories_nominations import CampaignFactory, complete_dossier

CODES = re.compile(r"\b(rating|head_par|rating_at_least|BK_TINH|LDTT|CSTDCS)\b")


@pytest.fixture(autouse=True)
def _site_language_afterwards():
    """Requests with an English cookie leave English active in this thread; give the next test Vietnamese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def codes_without_names(text: str, names: dict) -> list[str]:
    """Codes shown bare: an award code may only appear right beside its name, "Name (CODE)"."""
    bare = []
    for match in CODES.finditer(text):
        code = match.group(1)
        if code in names and f"{names[code]} ({code})" in text[max(0, match.start() - len(names[code]) - 3):
                                                              match.end() + 1]:
            continue
        bare.append(code)
    return bare


@pytest.fixture
def world(province, make_user):
    dept = UnitFactory(parent=province, name="Sở Nội vụ")
    office = UnitFactory(parent=dept, name="Văn phòng Sở", kind="other")
    good = PersonFactory(unit=office, full_name="Trần Thị Tốt")
    PersonRatingFactory(person=good, year=2025, rating=RatingLevel.GOOD)
    campaign = CampaignFactory()
    officer = make_user(Role.UNIT_OFFICER, unit=dept, email="officer@example.vn")
    reviewer = make_user(Role.REVIEWER, email="reviewer@example.vn", language="en")
    return type("World", (), dict(dept=dept, office=office, good=good, campaign=campaign, officer=officer,
                                  reviewer=reviewer))


def make_dossier(client, w):
    client.force_login(w.officer)
    client.post(reverse("nominations:dossier_create"), {
        "campaign": w.campaign.pk, "unit": w.dept.pk, "title": "Tờ trình 12/TTr", "letter_number": "12/TTr",
        "council_members": 7, "council_votes_for": 7, "council_votes_against": 0,
    })
    dossier = w.dept.dossiers.get()
    client.post(reverse("nominations:nominee_add", args=[dossier.pk]), {
        "person": w.good.pk, "award": "LDTT", "achievement": "Hoàn thành tốt nhiệm vụ", "action": "add"})
    return dossier


def test_eligibility_reasons_follow_the_reader(world, client):
    dossier = make_dossier(client, world)
    nominee = dossier.nominees.get()
    assert nominee.criteria and all(set(c["messages"]) == {"vi", "en"} for c in nominee.criteria)
    url = reverse("nominations:dossier_detail", args=[dossier.pk])
    vietnamese = visible_text(client.get(url))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = visible_text(client.get(url))
    for criterion in nominee.criteria:
        assert criterion["messages"]["vi"] in vietnamese and criterion["messages"]["vi"] not in english
        assert criterion["messages"]["en"] in english
    assert "Quá trình xử lý" in vietnamese  # the dossier's history, not Django admin's "Bản ghi nhớ"


def test_pages_show_labels_not_codes(world, client):
    from awards.models import AwardType

    names = {a.code: a.name_vi for a in AwardType.objects.all()}
    dossier = make_dossier(client, world)
    complete_dossier(dossier)
    services.submit(dossier, world.officer)
    pages = [reverse("nominations:dossier_detail", args=[dossier.pk])]
    client.force_login(world.officer)
    texts = [visible_text(client.get(url)) for url in pages]
    client.force_login(world.reviewer)
    queue = visible_text(client.get(reverse("nominations:queue")))
    assert "Văn phòng Sở" not in queue or "Văn phòng Sở — Sở Nội vụ" in queue
    texts.append(queue)
    check = client.get(reverse("awards:check"), {"subject_kind": "person", "code": world.good.code, "award": "LDTT",
                                                 "year": 2025, "campaign_kind": "annual"})
    assert check.status_code == 200 and "verdict card" in check.content.decode()
    texts.append(visible_text(check))
    for text in texts:
        bare = codes_without_names(text, names)
        assert not bare, [text[max(0, text.find(c) - 80):text.find(c) + 40] for c in bare]


def test_notifications_in_the_readers_language(world, client, django_capture_on_commit_callbacks):
    dossier = make_dossier(client, world)
    complete_dossier(dossier)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(dossier, world.officer)
    message = mail.outbox[-1]
    assert message.to == ["reviewer@example.vn"]
    assert message.subject.startswith("Dossier ") and "submitted by" in message.subject
    client.force_login(world.reviewer)
    assert "nộp" in visible_text(client.get(reverse("nominations:inbox"))).lower()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "submitted by" in visible_text(client.get(reverse("nominations:inbox")))


def test_the_language_picked_in_the_bar_is_the_language_of_the_e_mails(world, client):
    client.force_login(world.officer)
    assert world.officer.language == "vi"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.get(reverse("home"))
    world.officer.refresh_from_db()
    assert world.officer.language == "en"
