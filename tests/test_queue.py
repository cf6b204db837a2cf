"""The reviewer queue: filters, overdue highlight, bulk actions with confirmation and report, exports,
and a query count that does not grow with the data."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from nominations.enums import DossierState, NomineeState
from nominations.services.exports import neutralise
from units.models import ParResult

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory


@pytest.fixture
def queue_data(province):
    campaign = CampaignFactory()
    dept = UnitFactory(parent=province, code="SNV")
    ParResult.objects.create(unit=dept, year=2025, score=91)
    late = DossierFactory(campaign=campaign, unit=dept, state=DossierState.SUBMITTED,
                          due_on=timezone.localdate() - datetime.timedelta(days=2))
    fresh = DossierFactory(campaign=campaign, unit=UnitFactory(parent=province), state=DossierState.SUBMITTED,
                           due_on=timezone.localdate() + datetime.timedelta(days=5))
    a = NomineeFactory(dossier=late, person=PersonFactory(unit=dept, full_name="An Overdue", code="NV-A"))
    b = NomineeFactory(dossier=fresh, verdict="ineligible", flagged=True, justification="x",
                       person=PersonFactory(unit=fresh.unit, full_name="=HYPERLINK(evil)", code="NV-B"))
    return campaign, late, fresh, a, b


def get_queue(client, **params):
    return client.get(reverse("nominations:queue"), params)


def test_queue_filters_and_overdue_highlight(queue_data, client, reviewer):
    campaign, late, fresh, a, b = queue_data
    client.force_login(reviewer)
    body = get_queue(client).content.decode()
    assert "An Overdue" in body and "table-overdue" in body
    assert body.count("table-overdue") == 1
    names = lambda **p: [r.record.subject_name for r in get_queue(client, **p).context["table"].page.object_list]  # noqa: E731
    assert names(overdue="1") == ["An Overdue"]
    assert names(verdict="ineligible") == ["=HYPERLINK(evil)"]
    assert names(q="NV-A") == ["An Overdue"]
    assert names(q="overdue") == ["An Overdue"]
    assert names(unit=late.unit.pk) == ["An Overdue"]
    assert names(par_class="excellent") == ["An Overdue"]
    assert names(par_class="good") == []
    assert names(campaign=campaign.pk, award="LDTT", state="proposed", sort="subject_name") == [
        "=HYPERLINK(evil)", "An Overdue"]


def test_queue_refused_to_unit_officers(queue_data, client, make_user):
    client.force_login(make_user(Role.UNIT_OFFICER, unit=queue_data[1].unit))
    assert get_queue(client).status_code == 403


def test_bulk_accept_shows_selection_then_reports_per_row(queue_data, client, reviewer):
    campaign, late, fresh, a, b = queue_data
    late.state = DossierState.DRAFT  # a row that cannot be accepted
    late.save()
    client.force_login(reviewer)
    url = reverse("nominations:queue_bulk")
    confirm = client.post(url, {"action": "accept", "pk": [a.pk, b.pk]})
    assert confirm.status_code == 200
    assert [n.pk for n in confirm.context["selection"]] == sorted([a.pk, b.pk], key=lambda pk: pk == a.pk)
    b.refresh_from_db()
    assert b.state == NomineeState.PROPOSED  # nothing applied yet
    report = client.post(url, {"action": "accept", "pk": [a.pk, b.pk], "confirm": "1"}).context["report"]
    outcome = {row["nominee"].pk: row["ok"] for row in report}
    assert outcome == {a.pk: False, b.pk: True}
    b.refresh_from_db()
    fresh.refresh_from_db()
    assert b.state == NomineeState.ACCEPTED and fresh.state == DossierState.IN_COUNCIL


def test_bulk_return_and_reject(queue_data, client, reviewer):
    campaign, late, fresh, a, b = queue_data
    client.force_login(reviewer)
    url = reverse("nominations:queue_bulk")
    client.post(url, {"action": "return", "pk": [a.pk], "confirm": "1", "comment": "Thiếu minh chứng"})
    a.refresh_from_db()
    late.refresh_from_db()
    assert late.state == DossierState.RETURNED and a.return_comment == "Thiếu minh chứng"
    client.post(url, {"action": "reject", "pk": [b.pk], "confirm": "1", "comment": "Không đủ điều kiện"})
    b.refresh_from_db()
    assert b.state == NomineeState.REJECTED and b.refusal_reason == "Không đủ điều kiện"


def test_exports_neutralise_formulas(queue_data, client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("nominations:queue_export", args=["csv"]), {"verdict": "ineligible"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][3] == "'=HYPERLINK(evil)"
    response = client.get(reverse("nominations:queue_export", args=["xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(values) == ["'=HYPERLINK(evil)", "An Overdue"]
    assert client.get(reverse("nominations:queue_export", args=["exe"])).status_code == 404
    assert [neutralise(v) for v in ("+1", "-1", "@x", "ok", 5)] == ["'+1", "'-1", "'@x", "ok", 5]


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queue_query_count_does_not_grow(province, client, reviewer):
    campaign = CampaignFactory()
    client.force_login(reviewer)
    params = {"campaign": campaign.pk, "verdict": "eligible", "overdue": "0", "par_class": "good"}

    def grow(n):
        for _i in range(n):
            dossier = DossierFactory(campaign=campaign, unit=UnitFactory(parent=province), state="submitted",
                                     due_on=timezone.localdate())
            ParResult.objects.create(unit=dossier.unit, year=2025, score=85)
            NomineeFactory(dossier=dossier)

    grow(2)
    small = _count(client, reverse("nominations:queue"), params)
    grow(12)
    assert _count(client, reverse("nominations:queue"), params) == small
    assert small <= 15


def test_bulk_return_of_two_nominees_of_one_dossier(queue_data, client, reviewer):
    campaign, late, fresh, a, b = queue_data
    c = NomineeFactory(dossier=late)
    client.force_login(reviewer)
    report = client.post(reverse("nominations:queue_bulk"), {"action": "return", "pk": [a.pk, c.pk], "confirm": "1",
                                                             "comment": "Bổ sung"}).context["report"]
    assert [row["ok"] for row in report] == [True, True]
    c.refresh_from_db()
    assert c.return_comment == "Bổ sung"
