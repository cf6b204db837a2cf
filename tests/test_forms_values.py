"""Forms and values (issue 13 item 8): only open campaigns offered, required fields marked, dates
dd/mm/yyyy whatever the language or browser, money grouped the Vietnamese way, times in the province's
time zone."""

import datetime
import io

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from nominations.models import VoteSession
from nominations.services.documents import minutes_docx

from .factories import UnitFactory
from .factories_nominations import CampaignFactory


@pytest.fixture(autouse=True)
def _site_language_afterwards():
    """Requests with an English cookie leave English active in this thread; give the next test Vietnamese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_new_dossier_form_offers_open_campaigns_marks_required_and_takes_dd_mm_yyyy(province, make_user, client):
    dept = UnitFactory(parent=province, name="Sở Nội vụ")
    today = timezone.localdate()
    open_campaign = CampaignFactory(title="Đợt đang mở")
    CampaignFactory(title="Đợt đã kết thúc", opens_on=today - datetime.timedelta(days=60),
                    closes_on=today - datetime.timedelta(days=30))
    CampaignFactory(title="Đợt chưa mở", opens_on=today + datetime.timedelta(days=3),
                    closes_on=today + datetime.timedelta(days=30))
    client.force_login(make_user(Role.UNIT_OFFICER, unit=dept))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # an English page must still read dd/mm/yyyy
    page = client.get(reverse("nominations:dossier_create")).content.decode()
    assert "Đợt đang mở" in page and "Đợt đã kết thúc" not in page and "Đợt chưa mở" not in page
    assert 'type="date"' not in page and 'placeholder="dd/mm/yyyy"' in page
    assert page.count('class="required-mark"') >= 3  # campaign, unit, title at least
    response = client.post(reverse("nominations:dossier_create"), {
        "campaign": open_campaign.pk, "unit": dept.pk, "title": "Tờ trình 12/TTr", "letter_number": "12/TTr",
        "council_met_on": "05/06/2026", "council_members": 7, "council_votes_for": 7, "council_votes_against": 0,
    })
    assert response.status_code == 302
    dossier = dept.dossiers.get()
    assert dossier.council_met_on == datetime.date(2026, 6, 5)  # 5 June, not 6 May
    edit = client.get(reverse("nominations:dossier_edit", args=[dossier.pk])).content.decode()
    assert 'value="05/06/2026"' in edit


def test_money_and_counts_are_grouped_with_dots_in_every_language():
    template = Template("{% load laurel_format humanize %}{{ a|vnd }} {{ n|grouped }} {{ n|intcomma }}")

    for language in ("vi", "en"):
        with translation.override(language):
            assert template.render(Context({"a": 16380000, "n": 12345})) == "16.380.000\u00a0₫ 12.345 12.345"


def test_vote_minutes_print_the_provinces_time(db):
    from docx import Document

    campaign = CampaignFactory()
    session = VoteSession(campaign=campaign, title="Phiên họp", members_total=9,
                          closed_at=datetime.datetime(2026, 12, 1, 20, 30, tzinfo=datetime.UTC))
    text = "\n".join(p.text for p in Document(io.BytesIO(minutes_docx(session, [], {}))).paragraphs)
    assert "02/12/2026 03:30" in text and "20:30" not in text  # Asia/Ho_Chi_Minh is UTC+7
