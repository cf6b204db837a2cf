"""Judging everyone for a campaign in the browser (SQLite, eager Celery): the reviewer finds the page in the
menu, confirms, reads the report; a run still under way shows a progress bar that follows the chunks as
they come in and turns into the report when the run is over (awards/static/awards/run_progress.js)."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from awards import judging
from awards.models import EligibilityRun
from tests.factories import UserFactory
from tests.factories_nominations import CampaignFactory
from tests.test_eligibility_batch import YEAR, build

from .story import EXACT, T, button, nav

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_reviewer_judges_everyone_and_follows_a_run(browse, shots):
    build(6, per_unit=3)  # 6 units, 18 people
    campaign = CampaignFactory(year=YEAR, awards=["LDTT", "TTLDTT"], title="Thi đua năm 2024")
    reviewer = UserFactory(username="tham_dinh", roles=[Role.REVIEWER])
    page = browse(reviewer)
    page.goto("/")
    nav(page, T("Campaign eligibility"))
    page.locator("#campaigns tr").filter(has_text=campaign.title).get_by_role(
        "link", name=T("Judge everyone"), **EXACT).click()
    shots(page, "confirm")
    button(page, T("Confirm"))
    expect(page.locator("#run-counts")).to_be_visible()  # eager Celery: done before the page is shown
    expect(page.locator("#run-state")).to_have_text(T("Done"))
    shots(page, "report")
    with page.expect_download() as download:
        page.get_by_role("link", name=T("Eligible (CSV)"), **EXACT).click()
    assert download.value.suggested_filename.endswith(".csv")

    # A run the workers have not finished: the bar moves as chunks come in, then the report shows.
    run = EligibilityRun.objects.create(campaign=campaign, on=datetime.date(YEAR + 1, 3, 1),
                                        awards=["LDTT", "TTLDTT"], chunk_size=4)
    indexes = judging.plan_run(run.pk)
    page.goto(run.get_absolute_url())
    expect(page.locator("#run-count")).to_have_text("0/24")
    assert page.locator("#run-counts").count() == 0
    judging.run_chunk(run.pk, indexes[0])
    expect(page.locator("#run-count")).to_have_text("4/24")
    shots(page, "progress")
    for index in indexes[1:]:
        judging.run_chunk(run.pk, index)
    expect(page.locator("#run-counts")).to_be_visible()
    shots(page, "report-after-progress")
