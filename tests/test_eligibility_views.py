"""The eligibility check page."""

import pytest

from accounts.roles import Role
from tests.factories_awards import PersonFactory, UnitFactory, rate

pytestmark = pytest.mark.django_db
URL = "/awards/check/"


@pytest.fixture
def tree(province):
    unit_a = UnitFactory(code="UA", parent=province)
    unit_b = UnitFactory(code="UB", parent=province)
    alice = PersonFactory(code="ALICE", unit=unit_a)
    bob = PersonFactory(code="BOB", unit=unit_b)
    rate(alice, 2024, "good")
    rate(bob, 2024, "good")
    return unit_a, unit_b, alice, bob


def query(kind, code, award="LDTT", year=2024, campaign_kind="annual"):
    return {"subject_kind": kind, "code": code, "award": award, "year": year, "campaign_kind": campaign_kind}


def test_login_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_empty_form(client, reviewer):
    client.force_login(reviewer)
    response = client.get(URL)
    assert response.status_code == 200 and b"verdict-" not in response.content


def test_reviewer_checks_a_person(client, reviewer, tree):
    client.force_login(reviewer)
    response = client.get(URL, query("person", "ALICE"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "verdict-eligible" in html and "criterion-passed" in html
    assert response.context["verdict"].verdict == "eligible"
    assert response.context["suggestion"].award_code == "LDTT"  # rated good: LDTT, not GK for the same year
    assert "Luật Thi đua" in html  # the rule set is named


def test_unit_check_shows_unknowns(client, reviewer, tree):
    client.force_login(reviewer)
    response = client.get(URL, query("unit", "UA", award="TTLDXS"))
    assert response.status_code == 200
    assert "criterion-unknown" in response.content.decode()  # no unit rating, no PAR result


def test_officer_sees_own_subtree_only(client, make_user, tree):
    unit_a, _unit_b, _alice, bob = tree
    officer = make_user(Role.UNIT_OFFICER, unit=unit_a)
    client.force_login(officer)
    assert client.get(URL, query("person", "ALICE")).status_code == 200
    response = client.get(URL, query("person", "BOB"))
    assert response.status_code == 404
    html = response.content.decode()
    assert "verdict" not in response.context
    assert "verdict-" not in html and bob.full_name not in html
    assert client.get(URL, query("unit", "UB", award="TTLDTT")).status_code == 404


def test_invalid_input_is_a_form_error(client, reviewer):
    client.force_login(reviewer)
    response = client.get(URL, query("person", "ALICE", award="NOPE"))
    assert response.status_code == 200 and response.context["form"].errors
