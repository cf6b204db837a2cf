"""Registry pages: scoping (an officer sees only their subtree; guessing answers 404) and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from accounts.scoping import people_visible_to, units_visible_to

from .factories import PersonFactory, UnitFactory


@pytest.fixture
def tree(province):
    """Province → agency A (→ sub-unit A1) and agency B."""
    unit_a = UnitFactory(code="A", name="Sở Nội vụ", parent=province)
    unit_a1 = UnitFactory(code="A1", name="Phòng Tổ chức", parent=unit_a)
    unit_b = UnitFactory(code="B", name="Sở Tài chính", parent=province)
    people = {
        "a": PersonFactory(code="PA", full_name="Nguyễn Thị Ánh", unit=unit_a),
        "a1": PersonFactory(code="PA1", full_name="Trần Văn Đức", unit=unit_a1),
        "b": PersonFactory(code="PB", full_name="Lê Hoàng Yến", unit=unit_b),
    }
    return {"province": province, "A": unit_a, "A1": unit_a1, "B": unit_b, "people": people}


def test_paths_follow_the_tree_and_moves(tree):
    assert tree["A1"].path == f"/{tree['province'].pk}/{tree['A'].pk}/{tree['A1'].pk}/"
    assert tree["A1"].depth == 2
    tree["A"].parent = tree["B"]
    tree["A"].save()
    tree["A1"].refresh_from_db()
    assert tree["A1"].path.startswith(tree["B"].path)
    assert tree["A1"].depth == 3


def test_officer_scope_is_own_subtree(tree, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit=tree["A"])
    assert set(units_visible_to(officer).values_list("code", flat=True)) == {"A", "A1"}
    assert set(people_visible_to(officer).values_list("code", flat=True)) == {"PA", "PA1"}


def test_board_roles_see_everything_and_roleless_users_nothing(tree, make_user):
    assert units_visible_to(make_user(Role.REVIEWER)).count() == 4
    assert units_visible_to(make_user()).count() == 0
    assert people_visible_to(make_user(Role.UNIT_OFFICER)).count() == 0  # officer bound to no unit


@pytest.mark.parametrize(
    "url",
    ["/units/B/", "/units/people/PB/"],
)
def test_officer_guessing_another_units_urls_gets_404(client, tree, make_user, url):
    client.force_login(make_user(Role.UNIT_OFFICER, unit=tree["A"]))
    assert client.get(url).status_code == 404


def test_officer_lists_only_own_records(client, tree, make_user):
    client.force_login(make_user(Role.UNIT_OFFICER, unit=tree["A"]))
    body = client.get("/units/people/").content.decode()
    assert "Nguyễn Thị Ánh" in body and "Trần Văn Đức" in body
    assert "Lê Hoàng Yến" not in body
    body = client.get("/units/").content.decode()
    assert "Sở Nội vụ" in body and "Sở Tài chính" not in body


def test_officer_opens_own_subunit_and_person(client, tree, make_user):
    client.force_login(make_user(Role.UNIT_OFFICER, unit=tree["A"]))
    assert client.get("/units/A1/").status_code == 200
    response = client.get("/units/people/PA1/")
    assert response.status_code == 200
    assert "Trần Văn Đức" in response.content.decode()


def test_officer_cannot_change_records_in_admin(client, tree, make_user):
    client.force_login(make_user(Role.UNIT_OFFICER, unit=tree["A"]))
    person = tree["people"]["b"]
    response = client.get(f"/admin/units/person/{person.pk}/change/")
    assert response.status_code in (302, 403)


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get("/units/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_person_filter_by_unit_includes_subunits(client, tree, reviewer):
    client.force_login(reviewer)
    body = client.get("/units/people/?unit=A").content.decode()
    assert "Trần Văn Đức" in body and "Lê Hoàng Yến" not in body


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/units/", "/units/people/"])
def test_list_query_count_does_not_grow(client, province, reviewer, url):
    client.force_login(reviewer)
    for _ in range(3):
        unit = UnitFactory(parent=province)
        PersonFactory(unit=unit)
    small = _queries_for(client, url)
    for _ in range(30):
        unit = UnitFactory(parent=province)
        PersonFactory(unit=unit)
    assert _queries_for(client, url) == small
