"""The `eligibility` management command: JSON exactly as issue 3 specifies, --all, text output."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories_awards import PersonFactory, UnitFactory, initiative, par, rate

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("eligibility", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def person():
    person = PersonFactory(code="P0001")
    for year in (2023, 2024):
        rate(person, year, "excellent")
        initiative(person, year)
    return person


def test_json_format_is_exact(person):
    data = json.loads(run("--award", "BK_TINH", "--person", "P0001", "--year", "2024", "--format", "json"))
    assert list(data) == ["award", "subject", "year", "verdict", "rule_set", "criteria"]
    assert (data["award"], data["subject"], data["year"], data["verdict"]) == ("BK_TINH", "P0001", 2024, "eligible")
    assert data["rule_set"] == {"name": "Luật Thi đua, Khen thưởng 2022 – mặc định", "effective_from": "2024-01-01"}
    assert [c["code"] for c in data["criteria"]] == ["rating", "initiatives", "head_par", "other_paths",
                                                     "discipline_term"]
    for criterion in data["criteria"]:
        assert list(criterion) == ["code", "status", "message", "evidence", "basis"]
        assert set(criterion["basis"]) == {"document", "article", "clause", "source"}
        assert criterion["status"] in ("passed", "failed", "unknown")
        assert isinstance(criterion["message"], str) and isinstance(criterion["evidence"], dict)


def test_json_for_a_unit_and_campaign_kind():
    unit = UnitFactory(code="U-1", kind="agency")
    par(unit, 2024, "70")
    out = run("--award", "BK_TINH", "--unit", "U-1", "--year", "2024", "--format", "json", "--campaign-kind", "adhoc")
    data = json.loads(out)
    assert data["verdict"] == "needs_review" and [c["code"] for c in data["criteria"]] == ["achievement"]


def test_all_prints_one_object_per_line(person):
    PersonFactory(code="P0002")
    unit = UnitFactory(code="U-9")
    lines = run("--award", "BK_TINH", "--all", "--year", "2024", "--format", "json").splitlines()
    subjects = [json.loads(line)["subject"] for line in lines]
    assert set(subjects) >= {"P0001", "P0002", "U-9", unit.code}  # people and units for a "both" award
    ldtt = run("--award", "LDTT", "--all", "--year", "2024", "--format", "json").splitlines()
    assert {json.loads(line)["subject"] for line in ldtt} == {"P0001", "P0002"}


def test_text_format(person):
    out = run("--award", "LDTT", "--person", "P0001", "--year", "2024")
    assert out.startswith("LDTT P0001 2024 [annual]: eligible")
    assert "[passed] rating:" in out


@pytest.mark.parametrize("args", [["--award", "NOPE", "--person", "P0001"], ["--award", "LDTT", "--person", "X"]])
def test_errors(person, args):
    with pytest.raises(CommandError):
        run(*args, "--year", "2024")
