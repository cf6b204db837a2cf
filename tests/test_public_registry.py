"""The public registry: no login, only published decisions, only what a decision publishes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import PersonFactory, UnitFactory
from .factories_reports import DecisionFactory, build_registry, decision_line

URL = "/public/awardees/"


@pytest.fixture
def registry(province):
    return build_registry(province)


def test_lists_awardees_of_published_decisions_only(registry, client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lê Thị Hồng" in html and "Võ Thị Lan" in html
    assert "1/QĐ-UBND" in html and "20/12/2024" in html
    assert "Chiến sĩ thi đua cơ sở" in html
    assert "Đặng Quốc Bảo" not in html and "5/QĐ-UBND" not in html  # decision 2 is not published


def test_privacy_no_personal_data_beyond_the_decision(registry, client):
    p1 = registry["p1"]
    p1.position = "Phó Trưởng phòng Kế hoạch"
    p1.save()
    page = client.get(URL).content.decode()
    # Only the page's content: the navbar's CSRF token is random text that may contain any short string.
    html = page[page.index("<main"):page.index("</main>")]
    assert "Lê Thị Hồng" in html
    for secret in ("P1", "P3", "1979", "14/03/1979", "Nữ", "Female", "female", "civil_servant", "Công chức",
                   "Phó Trưởng phòng", "2340000", "2.340.000", "702", "1,00", "0,30", "score", "rating",
                   "discipline", "Kỷ luật"):
        assert secret not in html, secret


@pytest.mark.parametrize("params, expected", [
    ({"name": "hồng"}, ["Lê Thị Hồng"]),
    ({"name": "Lan"}, ["Võ Thị Lan"]),
    ({"unit": "Y tế"}, ["Võ Thị Lan"]),
    ({"award": "LDTT"}, ["Võ Thị Lan"]),
    ({"year": "2024"}, ["Lê Thị Hồng", "Võ Thị Lan"]),
    ({"year": "2023"}, []),
])
def test_search(registry, client, params, expected):
    html = client.get(URL, params).content.decode()
    for name in ("Lê Thị Hồng", "Võ Thị Lan"):
        assert (name in html) == (name in expected), (params, name)


def test_bad_search_input_is_ignored_not_an_error(registry, client):
    response = client.get(URL, {"year": "abc", "award": "<script>", "page": "999"})
    assert response.status_code == 200


def _publish_more(province, n):
    unit = UnitFactory(parent=province)
    decision = DecisionFactory(published_at=datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC))
    for _i in range(n):
        decision_line(decision, PersonFactory(unit=unit), "LDTT", 702000)


def test_paginated_and_query_count_constant(province, registry, client):
    _publish_more(province, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, {"name": "Nguyễn"}).status_code == 200
    _publish_more(province, 60)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL, {"name": "Nguyễn"})
    assert len(small.captured_queries) == len(large.captured_queries)
    html = response.content.decode()
    assert "1 / 2" in html and "name=Nguy" in html and "page=2" in html
    assert "Nguyễn" in client.get(URL, {"name": "Nguyễn", "page": "2"}).content.decode()
