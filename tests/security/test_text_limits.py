"""Issue 10, item 11: every free-text field has a server-side limit, and names are normalised (NFC, no
bidi controls, no zero-width characters) at import and at entry, by the one helper config.text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from awards.models import RuleSet
from config.text import clean_name, clean_text
from nominations import services
from nominations.enums import DossierState
from nominations.models import Dossier
from units.importing import run_import
from units.models import Person, Unit

from ..factories import PersonFactory, UnitFactory
from ..factories_nominations import CampaignFactory, complete_dossier

MEGABYTE = "Thành tích " * 100_000  # about 1.1 MB
RLO, LRI, PDI, ZWSP, ZWJ, BOM, WJ, LRM, ALM = "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\u2060", \
    "\u200e", "\u061c"
HOSTILE_NAME = f"Nguye\u0302\u0303n {RLO}Văn{ZWSP} {LRI}An{PDI}{ZWJ}{BOM}{WJ}{LRM}{ALM}"
CLEAN_NAME = "Nguyễn Văn An"


def test_the_helper():
    assert clean_name(HOSTILE_NAME) == CLEAN_NAME
    assert clean_name("  A\r\n\tB\x00C  ") == "A B C"
    assert clean_text("dòng 1\r\ndòng 2\x07\u202a") == "dòng 1\ndòng 2"


@pytest.fixture
def draft(province, make_user):
    dept = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    dossier = services.create_dossier(CampaignFactory(), dept, officer, title="Hồ sơ")
    nominee = services.add_nominee(dossier, officer, award=dossier.campaign.award_types.get(pk="LDTT"),
                                   person=PersonFactory(unit=dept), achievement="Ban đầu")
    return officer, dossier, nominee


def test_a_megabyte_achievement_is_refused_with_a_form_error(client, draft):
    officer, dossier, nominee = draft
    client.force_login(officer)
    response = client.post(reverse("nominations:nominee_edit", args=[nominee.pk]),
                           {"achievement": MEGABYTE, "justification": ""})
    assert response.status_code == 200
    assert "4000" in str(response.context["form"].errors["achievement"])
    nominee.refresh_from_db()
    assert nominee.achievement == "Ban đầu"


def test_a_megabyte_return_comment_is_refused_with_a_form_error(client, draft, make_user):
    officer, dossier, nominee = draft
    complete_dossier(dossier)
    services.submit(dossier, officer)
    reviewer = make_user(Role.REVIEWER)
    services.start_review(dossier, reviewer)
    client.force_login(reviewer)
    response = client.post(reverse("nominations:dossier_return", args=[dossier.pk]),
                           {"comment": MEGABYTE, f"note_{nominee.pk}": MEGABYTE})
    assert response.status_code == 200
    form = response.context["form"]
    assert "comment" in form.errors and f"note_{nominee.pk}" in form.errors
    assert Dossier.objects.get(pk=dossier.pk).state != DossierState.RETURNED


def test_the_short_summary_limit_holds_on_the_server(client, province, make_user):
    dept = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    campaign = CampaignFactory(kind="adhoc")
    assert campaign.short_summary_only
    dossier = services.create_dossier(campaign, dept, officer, title="Hồ sơ")
    client.force_login(officer)
    response = client.post(reverse("nominations:nominee_add", args=[dossier.pk]), {
        "person": PersonFactory(unit=dept).pk, "award": "LDTT", "achievement": "x" * 1001})
    assert response.status_code == 200 and "achievement" in response.context["form"].errors
    assert dossier.nominees.count() == 0


def test_rtl_overrides_are_stripped_at_import(province):
    UnitFactory(parent=province, code="U1")
    data = f"code,full_name,gender,birth_date,unit_code\nP{ZWSP}1,{HOSTILE_NAME},male,,U1\n".encode()
    report = run_import("people", io.BytesIO(data), filename="people.csv")
    assert report.ok, report.errors
    person = Person.objects.get()
    assert (person.code, person.full_name) == ("P1", CLEAN_NAME)


def test_rtl_overrides_are_stripped_at_import_from_xlsx(province):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["code", "name", "kind", "parent_code", "cluster", "head_code"])
    book.active.append(["X1", f"Sở {RLO}Nội vụ{ZWJ}", "agency", province.code, None, None])
    out = io.BytesIO()
    book.save(out)
    report = run_import("units", io.BytesIO(out.getvalue()), filename="units.xlsx")
    assert report.ok, report.errors
    assert Unit.objects.get(code="X1").name == "Sở Nội vụ"


def test_rtl_overrides_are_stripped_at_entry(client, province, make_user):
    dept = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    campaign = CampaignFactory()
    client.force_login(officer)
    response = client.post(reverse("nominations:dossier_create"), {
        "campaign": campaign.pk, "unit": dept.pk, "title": f"Tờ trình {RLO}cdp.exe{ZWSP}\r\nBcc: x"})
    assert response.status_code == 302, response.context["form"].errors
    assert Dossier.objects.get().title == "Tờ trình cdp.exe Bcc: x"


def test_a_name_of_invisible_characters_only_is_refused(client, province, make_user):
    dept = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    client.force_login(officer)
    response = client.post(reverse("nominations:dossier_create"), {
        "campaign": CampaignFactory().pk, "unit": dept.pk, "title": f"{RLO}{ZWSP}{BOM}"})
    assert response.status_code == 200 and "title" in response.context["form"].errors
    assert not Dossier.objects.exists()


def test_admin_edits_of_names_are_normalised_and_notes_are_bounded(admin_client, province):
    unit = UnitFactory(parent=province, code="U9", name="Cũ")
    page = admin_client.get(reverse("admin:units_unit_change", args=[unit.pk]))
    form = page.context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update(name=HOSTILE_NAME, code="U9", kind=unit.kind, parent=province.pk, head="", cluster="")
    data = {k: v for k, v in data.items() if not isinstance(v, (list, tuple))}
    response = admin_client.post(reverse("admin:units_unit_change", args=[unit.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Unit.objects.get(pk=unit.pk).name == CLEAN_NAME
    assert RuleSet._meta.get_field("notes").max_length == 5000


def test_bulk_list_names_and_codes_are_cleaned(client, draft):
    officer, dossier, _nominee = draft
    person = PersonFactory(unit=dossier.unit, code="NV77")
    client.force_login(officer)
    data = f"kind,code,award,achievement\nperson,{RLO}NV77{ZWSP},LDTT,Tốt{BOM}\n".encode()
    response = client.post(reverse("nominations:nominee_bulk_add", args=[dossier.pk]),
                           {"file": SimpleUploadedFile("list.csv", data)})
    assert response.context["results"][0]["ok"], response.context["results"]
    assert dossier.nominees.get(person=person).achievement == "Tốt"


def test_a_megabyte_comment_on_submit_is_refused(client, draft):
    officer, dossier, _nominee = draft
    client.force_login(officer)
    response = client.post(reverse("nominations:dossier_submit", args=[dossier.pk]), {"comment": MEGABYTE},
                           follow=True)
    assert any("2000" in str(m) for m in response.context["messages"])
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT
    assert not dossier.transitions.filter(comment__startswith="Thành tích").exists()
