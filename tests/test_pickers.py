"""Person and unit pickers (issue 13 item 5): JSON lookups scoped to the user, dissolved units left out,
entries that tell two people of the same name apart, and forms that take the picked code."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from nominations.enums import DossierState
from nominations.models import Nominee

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory

PEOPLE = "/units/lookup/people/"
UNITS = "/units/lookup/units/"


@pytest.fixture
def tree(province):
    dept = UnitFactory(parent=province, code="SNV", name="Sở Nội vụ")
    office = UnitFactory(parent=dept, code="SNV-VP", name="Văn phòng Sở")
    other = UnitFactory(parent=province, code="SYT", name="Sở Y tế")
    closed = UnitFactory(parent=dept, code="SNV-CU", name="Phòng đã giải thể",
                         dissolved_on=datetime.date(2020, 1, 1))
    return {
        "dept": dept, "office": office, "other": other, "closed": closed,
        "lien1": PersonFactory(unit=dept, full_name="Nguyễn Bích Liên", code="NV01", position="Chuyên viên"),
        "lien2": PersonFactory(unit=office, full_name="Nguyễn Bích Liên", code="NV02", position="Kế toán"),
        "lien3": PersonFactory(unit=other, full_name="Nguyễn Bích Liên", code="YT01"),
        "gone": PersonFactory(unit=closed, full_name="Nguyễn Bích Liên", code="CU01"),
    }


def lookup(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.json()["results"]


def test_people_found_without_diacritics_and_told_apart(client, tree, make_user):
    client.force_login(make_user(Role.UNIT_OFFICER, unit=tree["dept"]))
    results = lookup(client, PEOPLE, q="nguyen bich lien")
    # Only the officer's subtree, never a dissolved unit; code, unit and position tell the two apart.
    assert [r["value"] for r in results] == ["NV01", "NV02"]
    assert results[0]["detail"] == "NV01 · Sở Nội vụ · Chuyên viên"
    assert results[1]["detail"] == "NV02 · Văn phòng Sở · Kế toán"
    assert [r["value"] for r in lookup(client, PEOPLE, q="nv02")] == ["NV02"]
    assert [r["value"] for r in lookup(client, PEOPLE, q="van phong so")] == ["NV02"]
    assert lookup(client, PEOPLE, q="YT01") == []


def test_province_wide_roles_find_everyone_but_the_dissolved(client, tree, reviewer):
    client.force_login(reviewer)
    assert {r["value"] for r in lookup(client, PEOPLE, q="Liên")} == {"NV01", "NV02", "YT01"}
    assert [r["value"] for r in lookup(client, PEOPLE, q="lien", within=tree["office"].pk)] == ["NV02"]


def test_units_lookup(client, tree, make_user):
    client.force_login(make_user(Role.UNIT_OFFICER, unit=tree["dept"]))
    assert [r["value"] for r in lookup(client, UNITS, q="so")] == ["SNV", "SNV-VP"]
    assert [r["value"] for r in lookup(client, UNITS, q="van phong")] == ["SNV-VP"]
    assert lookup(client, UNITS, q="y te") == []
    # `within` cannot widen the scope: another unit's id finds nothing.
    assert lookup(client, UNITS, q="so", within=tree["other"].pk) == []


def test_lookups_need_a_role(client, tree, make_user):
    assert client.get(PEOPLE, {"q": "lien"}).status_code == 302
    client.force_login(make_user())
    assert client.get(PEOPLE, {"q": "lien"}).status_code == 403
    assert client.get(UNITS, {"q": "so"}).status_code == 403


def test_nominee_form_is_a_picker_and_takes_the_code(client, tree, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit=tree["dept"])
    campaign = CampaignFactory()
    dossier = DossierFactory(campaign=campaign, unit=tree["dept"], state=DossierState.DRAFT)
    client.force_login(officer)
    url = reverse("nominations:nominee_add", args=[dossier.pk])
    html = client.get(url).content.decode()
    assert 'data-picker-url="/units/lookup/people/"' in html
    assert f'data-picker-within="{tree["dept"].pk}"' in html
    assert "<select" not in html.split('name="person"')[0].rsplit("<div", 1)[-1]
    award = campaign.award_types.get(code="LDTT")
    client.post(url, {"person": "NV02", "award": award.pk, "achievement": "Tốt", "action": "add"})
    assert Nominee.objects.filter(dossier=dossier, person=tree["lien2"]).exists()
    # Another unit's code is refused like an unknown one.
    response = client.post(url, {"person": "YT01", "award": award.pk, "achievement": "Tốt", "action": "add"})
    assert response.status_code == 200 and "person" in response.context["form"].errors


def test_eligibility_check_code_is_a_picker(client, tree, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("awards:check")).content.decode()
    assert 'data-picker-kind-select="id_subject_kind"' in html
    assert 'data-picker-url-unit="/units/lookup/units/"' in html


def test_picker_script_is_served_from_our_static_files(client, reviewer):
    client.force_login(reviewer)
    html = client.get("/").content.decode()
    assert "laurel/picker.js" in html


def test_decision_numbers_found_as_typed_by_hand(client, province, make_user):
    from .factories_reports import DecisionFactory

    DecisionFactory(number="2/QĐ-UBND")
    DecisionFactory(number="12/QĐ-UBND")
    DecisionFactory(number="3/QĐ-UBND")
    client.force_login(make_user(Role.CLERK))
    found = lookup(client, "/nominations/decisions/lookup/", q="2/qd-ubnd")
    assert sorted(r["value"] for r in found) == ["12/QĐ-UBND", "2/QĐ-UBND"]
    html = client.get(reverse("certificates:batch_list")).content.decode()
    assert 'data-picker-url="/nominations/decisions/lookup/"' in html
    client.force_login(make_user(Role.UNIT_OFFICER, unit=province))
    assert client.get("/nominations/decisions/lookup/", {"q": "2"}).status_code == 403


def test_a_form_shown_again_says_whom_the_code_stands_for(client, tree, make_user):
    officer = make_user(Role.UNIT_OFFICER, unit=tree["dept"])
    dossier = DossierFactory(campaign=CampaignFactory(), unit=tree["dept"], state=DossierState.DRAFT)
    client.force_login(officer)
    response = client.post(reverse("nominations:nominee_add", args=[dossier.pk]),
                           {"person": "NV02", "award": "LDTT", "achievement": "Tốt", "action": "check"})
    html = response.content.decode()
    assert 'value="NV02"' in html
    assert 'data-picker-picked="Nguyễn Bích Liên — NV02 · Văn phòng Sở · Kế toán"' in html


def test_registry_filter_by_unit_is_a_picker(client, tree, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("units:person_list"), {"unit": "SNV-VP"})
    html = response.content.decode()
    assert 'data-picker-url="/units/lookup/units/"' in html
    assert [p.code for p in response.context["table"].data] == ["NV02"]
