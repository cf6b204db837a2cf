"""The JSON API: token authentication, scoping, read endpoints, import endpoints with the file import's
validation, the create_api_token command, and the OpenAPI schema."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from api.models import ApiToken, hash_key
from units.models import ParResult, PersonRating

from .factories import ParResultFactory, UnitFactory
from .factories_reports import build_registry


@pytest.fixture
def registry(province):
    return build_registry(province)


def auth(user) -> dict:
    _token, key = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.fixture
def admin_headers(administrator):
    return auth(administrator)


def get(client, url, headers, **params):
    response = client.get(url, params, **headers)
    assert response.status_code == 200, response.content
    return response.json()


def post_rows(client, url, rows, headers, **query):
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return client.post(url + suffix, json.dumps(rows), content_type="application/json", **headers)


def test_requires_a_token(registry, client, administrator):
    assert client.get("/api/units/").status_code == 401
    assert client.get("/api/units/", HTTP_AUTHORIZATION="Token nonsense").status_code == 401
    client.force_login(administrator)  # a browser session is not an API credential
    assert client.get("/api/units/").status_code == 401


def test_read_endpoints(registry, client, admin_headers):
    ParResultFactory(unit=registry["a"], year=2024, score=91.5, classification="excellent", rank=1)
    units = get(client, "/api/units/", admin_headers)
    assert {row["code"] for row in units["results"]} == {"TINH", "A", "A1", "B", "C"}
    a1 = next(row for row in units["results"] if row["code"] == "A1")
    assert a1["parent_code"] == "A" and a1["kind"] == "public_service"
    par = get(client, "/api/par-results/", admin_headers, year=2024)["results"]
    assert par == [{"id": par[0]["id"], "year": 2024, "unit_code": "A", "unit_name": "Sở Tài chính",
                    "score": "91.50", "classification": "excellent", "rank": 1}]
    campaigns = get(client, "/api/campaigns/", admin_headers)["results"]
    assert campaigns[0]["title"] == "Thi đua năm 2024" and "LDTT" in campaigns[0]["award_types"]
    decisions = get(client, "/api/decisions/", admin_headers)["results"]
    assert [(d["number"], d["awardees"], d["total_amount"]) for d in decisions] == [
        ("5/QĐ-UBND", 1, 0), ("1/QĐ-UBND", 2, 0)]
    awards = get(client, "/api/awards/", admin_headers, year=2023)["results"]
    assert [(a["award"], a["person_code"], a["unit_code"]) for a in awards] == [
        ("LDTT", "P1", "A"), ("LDTT", "P2", "A1"), ("TTLDTT", None, "A")]
    detail = get(client, f"/api/units/{registry['b'].pk}/", admin_headers)
    assert detail["name"] == "Sở Y tế"


def test_bad_year_is_a_400(registry, client, admin_headers):
    assert client.get("/api/awards/", {"year": "x"}, **admin_headers).status_code == 400
    assert client.get("/api/awards/", {"year": "99999"}, **admin_headers).status_code == 400


def test_unit_officer_token_sees_its_subtree_only(registry, client, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit=registry["a"])
    headers = auth(officer)
    ParResultFactory(unit=registry["a"], year=2024)
    ParResultFactory(unit=registry["b"], year=2024)
    assert {u["code"] for u in get(client, "/api/units/", headers)["results"]} == {"A", "A1"}
    assert [p["unit_code"] for p in get(client, "/api/par-results/", headers)["results"]] == ["A"]
    awards = get(client, "/api/awards/", headers)["results"]
    assert {a["unit_code"] for a in awards} == {"A", "A1"} and len(awards) == 4
    assert client.get(f"/api/units/{registry['b'].pk}/", **headers).status_code == 404


def test_the_api_refuses_decisions_to_whom_the_decision_pages_refuse_them(registry, client, make_user):
    """Officers read no decision through the API (published or not), as the web page refuses them."""
    officer = make_user(Role.UNIT_OFFICER, unit=registry["a"])
    assert client.get("/api/decisions/", **auth(officer)).status_code == 403
    client.force_login(officer)
    assert client.get("/nominations/decisions/").status_code == 403


def test_list_queries_do_not_grow(province, registry, client, admin_headers):
    def measure():
        counts = []
        for url in ("/api/units/", "/api/par-results/", "/api/campaigns/", "/api/decisions/", "/api/awards/"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url, **admin_headers).status_code == 200
            counts.append(len(ctx.captured_queries))
        return counts

    def grow(n):
        for _i in range(n):
            ParResultFactory(unit=UnitFactory(parent=registry["b"]), year=2024)

    client.get("/api/units/", **admin_headers)  # the token's first use of the minute is recorded: one write
    grow(2)
    small = measure()
    grow(12)
    assert measure() == small


def test_import_ratings_writes_all_rows(registry, client, admin_headers):
    rows = [{"year": 2024, "person_code": "P1", "rating": "excellent", "score": 95},
            {"year": 2024, "unit_code": "B", "rating": "good"},
            {"year": "2024", "person_code": "P2", "rating": "good", "score": "81.5"}]
    response = post_rows(client, "/api/imports/ratings/", rows, admin_headers)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["ok"] and data["created"] == 3 and data["errors"] == []
    assert PersonRating.objects.get(person__code="P1", year=2024).rating == "excellent"
    again = post_rows(client, "/api/imports/ratings/", rows, admin_headers).json()
    assert again["created"] == 0 and again["unchanged"] == 3


def test_import_is_all_or_nothing_with_numbered_errors(registry, client, admin_headers):
    rows = [{"year": 2024, "unit_code": "A", "score": 88.5},
            {"year": 2024, "unit_code": "NOPE", "score": 70},
            {"year": 2024, "unit_code": "B", "score": 140}]
    response = post_rows(client, "/api/imports/par-results/", rows, admin_headers)
    assert response.status_code == 400
    data = response.json()
    assert not data["ok"] and data["created"] == 0
    assert [(e["row"], e["line"], e["column"]) for e in data["errors"]] == [(2, 3, "unit_code"), (3, 4, "score")]
    assert not ParResult.objects.exists()


def test_api_errors_are_those_of_the_file_import(registry, client, admin_headers):
    """The same rows as a CSV file give the same report (lines and messages)."""
    from units.importing import run_import

    rows = [{"year": 2024, "unit_code": "A", "score": "abc"}, {"year": 1800, "unit_code": "B", "score": 50}]
    api = post_rows(client, "/api/imports/par-results/", rows, admin_headers).json()
    csv = "year,unit_code,score\n2024,A,abc\n1800,B,50\n"
    report = run_import("par", io.BytesIO(csv.encode()), filename="par.csv")
    assert [(e["line"], e["column"], e["message"]) for e in api["errors"]] == [
        (e.line, e.column, e.message) for e in report.errors]
    assert len(api["errors"]) == 2


def test_import_dry_run_and_bad_bodies(registry, client, admin_headers):
    rows = [{"year": 2024, "unit_code": "A", "score": 88}]
    data = post_rows(client, "/api/imports/par-results/", rows, admin_headers, dry_run="true").json()
    assert data["ok"] and data["dry_run"] and data["created"] == 1 and not ParResult.objects.exists()
    assert post_rows(client, "/api/imports/par-results/", {"a": 1}, admin_headers).status_code == 400
    assert post_rows(client, "/api/imports/par-results/", [[1, 2]], admin_headers).status_code == 400
    assert post_rows(client, "/api/imports/par-results/", [{"year": {"x": 1}}], admin_headers).status_code == 400
    empty = post_rows(client, "/api/imports/par-results/", [], admin_headers)
    assert empty.status_code == 400 and empty.json()["errors"][0]["row"] == 0
    unknown = post_rows(client, "/api/imports/par-results/", [{"year": 2024, "unit_code": "A", "score": 80,
                                                               "colour": "red"}], admin_headers).json()
    assert unknown["errors"][0]["column"] == "colour" and unknown["errors"][0]["line"] == 1


def test_only_administrators_write(registry, client, reviewer, make_user):
    rows = [{"year": 2024, "unit_code": "A", "score": 88}]
    for user in (reviewer, make_user(Role.UNIT_OFFICER, unit=registry["a"])):
        assert post_rows(client, "/api/imports/par-results/", rows, auth(user)).status_code == 403
    assert post_rows(client, "/api/imports/par-results/", rows, {}).status_code == 401
    assert not ParResult.objects.exists()


def test_read_endpoints_refuse_writes(registry, client, admin_headers):
    response = client.post("/api/units/", {"code": "X"}, **admin_headers)
    assert response.status_code == 405


def test_create_api_token_command(client, administrator):
    """The key is printed once and stored only as its hash; a second run makes a second token, --reset
    revokes the earlier ones."""
    out = io.StringIO()
    call_command("create_api_token", administrator.username, "--name", "HRM", stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=administrator)
    assert token.key_hash == hash_key(key) and key not in token.key_hash and token.prefix == key[:8]
    assert token.name == "HRM" and len(key) > 40
    assert client.get("/api/units/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    out2 = io.StringIO()
    call_command("create_api_token", administrator.username, stdout=out2, stderr=io.StringIO())
    assert out2.getvalue().strip() != key and ApiToken.objects.usable().count() == 2  # a new one, not shown again
    call_command("create_api_token", administrator.username, "--reset", stdout=io.StringIO(), stderr=io.StringIO())
    assert ApiToken.objects.usable().count() == 1
    assert client.get("/api/units/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody")


def test_administrators_may_manage_tokens_in_the_admin(administrator):
    assert administrator.has_perm("api.add_apitoken") and administrator.has_perm("api.change_apitoken")


def test_docs_page_served_locally_without_inline_script(client):
    html = client.get("/api/docs/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<script>" not in html
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)  # served by the app itself, no CDN
    assert addresses and all(a.startswith("/") or a.startswith("#") for a in addresses), addresses
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "javascript" in script["Content-Type"]
