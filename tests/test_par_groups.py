"""PAR groups are data (issue 12, semantic 2): which unit kinds the PAR Index scores and the group each ranks
in are rows of ParGroupKind, seeded by a migration, edited in the admin, read once per evaluation batch."""

import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from awards.models import ParGroupKind, RuleSet
from awards.par import Ladders
from units.models import Headship, ParResult

from .factories import PersonFactory, UnitFactory
from .factories_awards import rate

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def gate(code, year=YEAR):
    out = io.StringIO()
    with translation.override("en"):
        call_command("eligibility", "--award", "GK", "--person", code, "--year", str(year), "--format", "json",
                     stdout=out)
    result = json.loads(out.getvalue())
    return result, next(c for c in result["criteria"] if c["code"] == "head_par")


@pytest.fixture
def principal(db):
    commune = UnitFactory(code="XA", kind="commune")
    school = UnitFactory(code="TRUONG", kind="public_service", parent=commune)
    person = PersonFactory(code="HT", unit=school)
    Headship.objects.create(unit=school, person=person, start_on=datetime.date(2020, 1, 1))
    ParResult.objects.create(unit=commune, year=YEAR, score=55)  # the commune is classed average
    for year in (YEAR - 1, YEAR):
        rate(person, year, "excellent")
    return person


def test_the_seed_keeps_todays_mapping_with_districts_apart():
    ladders = Ladders.load()
    assert {kind: ladders.group_of(kind, YEAR) for kind in ("agency", "commune", "district", "public_service",
                                                             "enterprise", "office", "province", "other")} == {
        "agency": "agencies", "commune": "communes", "district": "districts", "public_service": None,
        "enterprise": None, "office": None, "province": None, "other": None}


def test_editing_the_data_in_the_admin_changes_the_gate(client, administrator, principal):
    _result, before = gate("HT")
    assert before["status"] == "passed" and "TRUONG is not scored by the PAR Index" in before["message"]

    client.force_login(administrator)
    response = client.post("/admin/awards/pargroupkind/add/", {
        "unit_kind": "public_service", "group": "agencies", "effective_from_year": "2025", "notes": ""})
    assert response.status_code == 302
    result, scored = gate("HT")
    assert scored["status"] == "unknown" and "no PAR result for TRUONG published by" in scored["message"]
    assert result["verdict"] == "needs_review"

    ParResult.objects.create(unit=principal.unit, year=YEAR, score=45)
    result, failed = gate("HT")
    assert failed["status"] == "failed" and failed["evidence"]["heads"][0]["group"] == "agencies"
    assert result["verdict"] == "ineligible"
    # dated by effective year: the row from 2025 does not reach back to 2024
    rate(principal, YEAR - 2, "excellent")
    assert "TRUONG is not scored by the PAR Index" in gate("HT", YEAR - 1)[1]["message"]


def test_a_kind_can_stop_being_scored_from_a_year(principal):
    district = UnitFactory(code="HUYEN", kind="district")
    head = PersonFactory(code="CTH", unit=district)
    Headship.objects.create(unit=district, person=head, start_on=datetime.date(2020, 1, 1))
    rate(head, YEAR, "excellent")
    rate(head, YEAR - 1, "excellent")
    assert gate("CTH")[1]["status"] == "unknown"  # scored, no result
    ParGroupKind.objects.create(unit_kind="district", group="", effective_from_year=YEAR)
    assert "HUYEN is not scored by the PAR Index" in gate("CTH")[1]["message"]


def test_the_rule_set_page_shows_the_groups(client, make_user):
    ParGroupKind.objects.create(unit_kind="enterprise", group="communes", effective_from_year=2000)
    client.force_login(make_user(Role.REVIEWER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rule_set = RuleSet.objects.get(effective_from=datetime.date(2025, 7, 1))
    html = client.get(reverse("awards:rule_set_detail", args=[rule_set.pk])).content.decode()
    table = html[html.index('id="par-groups"'):]
    assert "PAR groups of unit kinds in 2025" in html
    assert "<td>District (before 2025-07-01)</td><td>Districts</td>" in table
    assert "<td>Enterprise</td><td>Communes</td>" in table
    assert "Public service unit</td><td><span class=\"text-muted\">Not scored by the PAR Index" in table
