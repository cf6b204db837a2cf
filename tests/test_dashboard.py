"""Dashboards per role, charts served as SVG, and constant query counts at two data sizes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from reports import dashboard
from units.enums import ParClass, UnitKind
from units.models import Honour

from .factories import ParResultFactory, PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory
from .factories_reports import build_registry

CHART_URLS = ["/reports/charts/awards-by-form.svg", "/reports/charts/awards-by-par.svg?year=2024",
              "/reports/charts/units-without.svg"]


@pytest.fixture
def registry(province):
    return build_registry(province)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(province, campaign, n):
    """n more units, each with a person, an honour, a PAR result, an overdue dossier and a nominee."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for _i in range(n):
        unit = UnitFactory(parent=province, kind=UnitKind.AGENCY)
        person = PersonFactory(unit=unit)
        Honour.objects.create(year=2024, person=person, award_id="LDTT")
        ParResultFactory(unit=unit, year=2024, score=75)
        dossier = DossierFactory(campaign=campaign, unit=unit, state="submitted", due_on=yesterday)
        NomineeFactory(dossier=dossier, person=person)


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.UNIT_OFFICER])
def test_dashboard_queries_do_not_grow(province, registry, client, make_user, role):
    user = make_user(role, unit=province if role == Role.UNIT_OFFICER else None)
    client.force_login(user)
    campaign = registry["campaign"]
    urls = [f"/reports/dashboard/?campaign={campaign.pk}&year=2024"] + CHART_URLS
    grow(province, campaign, 2)
    small = [count_queries(client, url) for url in urls]
    grow(province, campaign, 15)
    large = [count_queries(client, url) for url in urls]
    assert small == large


def test_board_dashboard_counts(province, registry, client, reviewer):
    campaign = registry["campaign"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = DossierFactory(campaign=campaign, unit=registry["c"], state="under_review", due_on=yesterday)
    DossierFactory(campaign=campaign, unit=registry["c"], state="submitted",
                   due_on=timezone.localdate() + datetime.timedelta(days=3))
    client.force_login(reviewer)
    response = client.get("/reports/dashboard/", {"campaign": campaign.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert late.code in html
    counts = {row["state"]: row["count"] for row in dashboard.state_counts(reviewer)}
    # build_registry made three dossiers for decision lines (draft), plus the two above.
    assert counts["draft"] == 3 and counts["submitted"] == 1 and counts["under_review"] == 1
    rows, total = dashboard.overdue(reviewer)
    assert [d.pk for d in rows] == [late.pk] and total == 1
    progress = dashboard.campaign_progress(reviewer, campaign)
    assert progress["nominee_total"] == 3 and progress["percent_settled"] == 100


def test_chart_data_awards_by_form_and_year(registry, reviewer):
    data = dashboard.awards_by_form_and_year(reviewer, 2024)
    assert data["columns"] == ["2020", "2021", "2022", "2023", "2024"]
    rows = dict(data["rows"])
    assert rows["Lao động tiên tiến"] == [0, 0, 0, 2, 1]
    assert rows["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"] == [0, 0, 0, 0, 1]


def test_chart_data_awards_by_par_class(registry, reviewer):
    ParResultFactory(unit=registry["a"], year=2024, score=92)  # excellent on the default ladder
    ParResultFactory(unit=registry["b"], year=2024, score=72, classification="good")  # published class wins
    Honour.objects.create(year=2024, person=registry["p2"], award_id="GK")  # A1 sits under A: A's class
    data = dashboard.awards_by_par_class(reviewer, 2024)
    rows = {str(label): values for label, values in data["rows"]}
    # 2024 honours: p1 (A) CSTDCS, p2 (A1) GK, p3 (B) LDTT, B BK_TINH, p4 (C, no PAR result) GK.
    assert rows[str(ParClass.EXCELLENT.label)] == [1, 2]
    assert rows[str(ParClass.GOOD.label)] == [1, 2]
    assert rows[str(ParClass.FAIR.label)] == [0, 0]
    assert data["rows"][-1][1] == [0, 1]


def test_chart_data_units_without_nomination(registry, reviewer):
    other = CampaignFactory(year=2025)
    DossierFactory(campaign=other, unit=registry["b"])
    data = dashboard.units_without_nomination(reviewer, other)
    assert dict(data["rows"]) == {dashboard.UnitKind.AGENCY.label: [1, 1],
                                  dashboard.UnitKind.COMMUNE.label: [0, 1]}
    assert data["names"] == ["Sở Tài chính", "Xã Ninh Hòa"]


def test_unit_officer_sees_own_dossiers_only(province, registry, client, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit=registry["b"])
    mine = DossierFactory(campaign=registry["campaign"], unit=registry["b"], title="Hồ sơ của Sở Y tế")
    other = DossierFactory(campaign=registry["campaign"], unit=registry["a"], title="Hồ sơ của Sở Tài chính")
    client.force_login(officer)
    html = client.get("/reports/dashboard/").content.decode()
    assert mine.title in html and other.title not in html
    data = dashboard.awards_by_form_and_year(officer, 2024)
    assert sum(sum(values) for _label, values in data["rows"]) == 2  # p3 LDTT and B's BK_TINH


def test_chart_svg_is_an_image_without_script(registry, client, reviewer):
    client.force_login(reviewer)
    for url in CHART_URLS:
        response = client.get(url)
        assert response["Content-Type"] == "image/svg+xml"
        body = response.content
        assert body.lstrip().startswith(b"<?xml") and b"<svg" in body
        assert b"<script" not in body
        assert "default-src 'none'" in response["Content-Security-Policy"]
    assert client.get("/reports/charts/nope.svg").status_code == 404


def test_dashboard_page_has_no_inline_script_or_style(registry, client, reviewer):
    client.force_login(reviewer)
    html = client.get("/reports/dashboard/").content.decode()
    assert "<script>" not in html and " style=" not in html
    assert html.count('src="/reports/charts/') == 3
    assert "<caption>" in html  # each chart has its table
    assert "script-src 'self'" in client.get("/reports/dashboard/")["Content-Security-Policy"]


def test_dashboard_requires_login(client):
    assert client.get("/reports/dashboard/").status_code == 302
    assert client.get(CHART_URLS[0]).status_code == 302


def test_navigation_and_vietnamese_page(registry, client, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit=registry["a"])
    client.force_login(officer)
    html = client.get("/reports/dashboard/").content.decode()
    assert "<h1 class=\"h3 mb-0\">Bảng điều khiển</h1>" in html
    assert 'href="/reports/dashboard/"' in html and 'href="/reports/"' not in html
    client.force_login(make_user(Role.CLERK))
    html = client.get("/reports/dashboard/").content.decode()
    assert 'href="/reports/"' in html and "Hồ sơ quá hạn" in html
