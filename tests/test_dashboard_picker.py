"""Dashboards obey the campaign picker in every card, and units are shown with their parent (issue 13
item 10)."""

import datetime

from django.utils import timezone

from .factories import UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory


def test_status_and_overdue_cards_follow_the_picked_campaign(province, client, reviewer):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    dept = UnitFactory(parent=province, name="Sở Nội vụ")
    office = UnitFactory(parent=dept, name="Văn phòng Sở", kind="other")
    other_office = UnitFactory(parent=UnitFactory(parent=province, name="Sở Tài chính"), name="Văn phòng Sở",
                               kind="other")
    this_year, last_year = CampaignFactory(title="Đợt năm nay"), CampaignFactory(title="Đợt năm trước")
    mine = DossierFactory(campaign=this_year, unit=office, state="under_review", due_on=yesterday)
    other = DossierFactory(campaign=last_year, unit=other_office, state="submitted", due_on=yesterday)
    client.force_login(reviewer)
    html = client.get("/reports/dashboard/", {"campaign": this_year.pk}).content.decode()
    overdue = html.split('id="overdue-h"', 1)[1].split("</section>", 1)[0]
    states = html.split('id="states-h"', 1)[1].split("</section>", 1)[0]
    assert mine.code in overdue and other.code not in overdue
    assert "Văn phòng Sở — Sở Nội vụ" in overdue
    assert "Đợt năm nay" in states
    submitted = states.split("Đã nộp", 1)[1].split("</tr>", 1)[0] if "Đã nộp" in states else ""
    assert ">0<" in submitted  # last year's submitted dossier is not counted for this year's campaign
    html = client.get("/reports/dashboard/", {"campaign": last_year.pk}).content.decode()
    overdue = html.split('id="overdue-h"', 1)[1].split("</section>", 1)[0]
    assert other.code in overdue and mine.code not in overdue and "Văn phòng Sở — Sở Tài chính" in overdue
