"""The round being worked on (awards.rounds): this year's from November, last year's before, unless an annual
campaign open today says which; the eligibility check page and the dashboard default to it."""

import datetime

import pytest
from django.utils import timezone

from awards.rounds import current_round_year, open_round_year
from tests.factories_nominations import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("today", "year"), [
    ("2026-12-02", 2026),  # December: the province works on this year's round
    ("2026-06-15", 2025),  # mid-year: last year's round is still being settled
    ("2027-01-10", 2026),  # the round crosses the new year
])
def test_the_default_year_follows_the_date(today, year):
    day = datetime.date.fromisoformat(today)
    assert open_round_year(day) == year
    assert current_round_year(day) == year  # no campaign: the calendar's rule


def test_an_open_annual_campaign_gives_its_year():
    today = datetime.date(2026, 6, 15)
    CampaignFactory(year=2031, opens_on=today, closes_on=today + datetime.timedelta(days=30))
    assert current_round_year(today) == 2031
    # closed, not yet open, or not annual: the calendar's rule again
    assert current_round_year(today - datetime.timedelta(days=1)) == 2025
    assert current_round_year(today + datetime.timedelta(days=31)) == 2025
    CampaignFactory(kind="thematic", year=2040, opens_on=today, closes_on=today)
    assert current_round_year(today) == 2031


def test_the_rule_month_is_a_setting(settings):
    settings.LAUREL_ROUND_OPENS_MONTH = 6
    assert open_round_year(datetime.date(2026, 6, 15)) == 2026


def check_page_year(client):
    return client.get("/awards/check/").context["form"].fields["year"].initial


def par_chart_year(client):
    charts = client.get("/reports/dashboard/").context["charts"]
    return next(chart["data"]["year"] for chart in charts if chart["name"] == "awards-by-par")


@pytest.mark.parametrize("page_year", [check_page_year, par_chart_year])
def test_the_pages_default_to_the_round_year(page_year, client, reviewer, settings):
    client.force_login(reviewer)
    this_year = timezone.localdate().year
    settings.LAUREL_ROUND_OPENS_MONTH = 1  # the round of this year is open whatever today is
    assert page_year(client) == this_year
    settings.LAUREL_ROUND_OPENS_MONTH = 13  # never opens this year: last year's
    assert page_year(client) == this_year - 1
    CampaignFactory(year=this_year + 3)  # open from ten days ago to ten days on
    assert page_year(client) == this_year + 3
