"""The registry over time (issue 12): each case of the issue, imported through `import_data` and judged
through the `eligibility` command and the check page."""

import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from awards.models import RuleSet
from units.models import Assignment, Headship, Initiative, Person, Reorganisation, Unit

from .factories import PersonFactory, UnitFactory, UserFactory
from .factories_awards import rate

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def load(tmp_path, kind, *rows, name=None):
    path = tmp_path / (name or f"{kind}.csv")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_data", kind, str(path), stdout=out, stderr=out)
    return out.getvalue()


def verdict(award, code, year=YEAR, kind="person", campaign_kind="annual", on=None):
    out = io.StringIO()
    option = "--person" if kind == "person" else "--unit"
    extra = ["--on", on] if on else []
    call_command("eligibility", "--award", award, option, code, "--year", str(year), "--format", "json",
                 "--campaign-kind", campaign_kind, *extra, stdout=out)
    return json.loads(out.getvalue())


def criterion(result, code):
    return next(c for c in result["criteria"] if c["code"] == code)


def rule_set():
    return RuleSet.objects.get(effective_from=datetime.date(2024, 1, 1))


@pytest.fixture
def province(db):
    root = UnitFactory(code="KH", kind="province")
    communes = {code: UnitFactory(code=code, kind="commune", parent=root) for code in ("X1", "X2", "X3")}
    districts = {code: UnitFactory(code=code, kind="district", parent=root) for code in ("H1", "H2")}
    return root, communes, districts


def excellent(person, *years):
    for year in years:
        rate(person, year, "excellent")


# -- 1. PAR basis ------------------------------------------------------------------------------------------


def test_par_basis_latest_published_reads_last_years_result(tmp_path, province):
    head = PersonFactory(code="HEAD1", unit=province[1]["X1"])
    load(tmp_path, "heads", "unit_code,person_code,from,until", "X1,HEAD1,2020-01-01,")
    load(tmp_path, "par", "year,unit_code,score,classification,rank,published_on",
         "2024,X1,85,,,2025-02-28", "2024,X2,60,,,2025-02-28", "2025,X1,40,,,2026-02-27")
    excellent(head, YEAR)
    # same_year (the 2024 rule set): the 2025 result counts whenever it is published
    same = criterion(verdict("GK", "HEAD1"), "head_par")
    assert same["status"] == "failed" and same["evidence"]["heads"][0]["par_year"] == 2025
    RuleSet.objects.update(par_basis="latest_published")
    # judged at the year-end council of 2025, the 2025 result is not yet published
    latest = criterion(verdict("GK", "HEAD1", on="2025-12-31"), "head_par")
    assert latest["status"] == "passed"
    assert latest["evidence"]["heads"][0]["par_year"] == 2024
    assert "PAR 2024 of X1" in latest["message"] and "newest published by 2025-12-31" in latest["message"]


def test_par_basis_none_published_needs_review(tmp_path, province):
    head = PersonFactory(code="HEAD2", unit=province[1]["X2"])
    load(tmp_path, "heads", "unit_code,person_code,from,until", "X2,HEAD2,2020-01-01,")
    load(tmp_path, "par", "year,unit_code,score,published_on", "2025,X2,95,2026-02-27")
    RuleSet.objects.update(par_basis="latest_published")
    excellent(head, YEAR)
    result = verdict("GK", "HEAD2", on="2025-12-15")
    assert criterion(result, "head_par")["status"] == "unknown"
    assert result["verdict"] == "needs_review"
    # judged after the 2025 result was published, it counts
    assert criterion(verdict("GK", "HEAD2", on="2026-03-01"), "head_par")["status"] == "passed"


# -- 2. PAR groups and unscored units -----------------------------------------------------------------------


def test_districts_rank_apart_from_communes(tmp_path, province):
    head = PersonFactory(code="DHEAD", unit=province[2]["H1"])
    load(tmp_path, "heads", "unit_code,person_code,from,until", "H1,DHEAD,2020-01-01,")
    load(tmp_path, "par", "year,unit_code,score", "2025,X1,60", "2025,X2,95", "2025,H1,75", "2025,H2,90")
    excellent(head, YEAR)
    gate = criterion(verdict("GK", "DHEAD"), "head_par")
    assert gate["status"] == "failed"
    assert gate["evidence"]["heads"][0]["group"] == "districts"
    assert gate["evidence"]["heads"][0]["last_in_group"] is True


def test_school_principal_is_not_gated_by_the_communes_class(tmp_path, province):
    school = UnitFactory(code="SCH", kind="public_service", parent=province[1]["X3"])
    principal = PersonFactory(code="PRIN", unit=school)
    load(tmp_path, "heads", "unit_code,person_code,from,until", "SCH,PRIN,2020-01-01,")
    load(tmp_path, "par", "year,unit_code,score", "2025,X3,55")
    excellent(principal, YEAR)
    gate = criterion(verdict("GK", "PRIN"), "head_par")
    assert gate["status"] == "passed"
    assert "SCH is not scored by the PAR Index" in gate["message"]


# -- 3. Heads by date ----------------------------------------------------------------------------------------


def test_a_head_who_moved_in_january_is_gated_by_the_unit_led_that_year(tmp_path, province):
    agency = UnitFactory(code="AG", kind="agency")
    mover = PersonFactory(code="MOVER", unit=agency)
    successor = PersonFactory(code="SUCC", unit=province[1]["X1"])
    load(tmp_path, "heads", "unit_code,person_code,from,until",
         "X1,MOVER,2021-01-01,2026-01-14", "X1,SUCC,2026-01-15,", "AG,MOVER,2026-01-15,")
    assert Unit.objects.get(code="X1").head == successor  # Unit.head follows today's headship
    load(tmp_path, "par", "year,unit_code,score", "2025,X1,45", "2025,X2,90", "2025,AG,95")
    excellent(mover, YEAR)
    result = verdict("GK", "MOVER")
    gate = criterion(result, "head_par")
    assert gate["status"] == "failed" and [h["unit"] for h in gate["evidence"]["heads"]] == ["X1"]
    assert result["verdict"] == "ineligible"
    # the same gate does not apply to a thematic award by default
    thematic = criterion(verdict("GK", "MOVER", campaign_kind="thematic"), "head_par")
    assert thematic["status"] == "passed" and "annual campaigns only" in thematic["message"]


def test_head_code_without_dates_still_counts(tmp_path, province):
    head = PersonFactory(code="OLDHEAD", unit=province[1]["X2"])
    Unit.objects.filter(code="X2").update(head=head)
    load(tmp_path, "par", "year,unit_code,score", "2025,X2,45", "2025,X1,90")
    excellent(head, YEAR)
    assert criterion(verdict("GK", "OLDHEAD"), "head_par")["status"] == "failed"


# -- 4. Members ------------------------------------------------------------------------------------------------


def test_a_collectives_members_include_its_offices_not_attached_units(tmp_path, province):
    dept = UnitFactory(code="SNV", kind="agency")
    office = UnitFactory(code="SNV-VP", kind="office", parent=dept)
    attached = UnitFactory(code="SNV-TT", kind="public_service", parent=dept)
    for i in range(2):
        PersonFactory(code=f"D{i}", unit=dept)
    for i in range(3):
        PersonFactory(code=f"O{i}", unit=office)
    for i in range(4):
        PersonFactory(code=f"T{i}", unit=attached)
    PersonFactory(code="MOVED", unit=dept)
    load(tmp_path, "assignments", "person_code,unit_code,from,until,position",
         "MOVED,SNV,2020-01-01,2025-06-30,Chuyên viên", "MOVED,SNV-TT,2025-07-01,,Viên chức")
    assert Person.objects.get(code="MOVED").unit == attached
    result = verdict("TTLDXS", "SNV", kind="unit")
    assert criterion(result, "members_completed")["evidence"]["members"] == 5
    office_result = verdict("TTLDXS", "SNV-VP", kind="unit")
    assert criterion(office_result, "members_completed")["evidence"]["members"] == 3
    assert criterion(office_result, "par_class")["status"] == "passed"  # an office is not scored
    # for 2024, MOVED was still in the department
    assert criterion(verdict("TTLDXS", "SNV", year=2024, kind="unit"), "members_completed")["evidence"]["members"] == 6


# -- 5. Reorganisations -------------------------------------------------------------------------------------------


def test_a_merge_closes_the_unit_and_moves_its_people(tmp_path, province):
    old, new = province[1]["X1"], province[1]["X2"]
    staff = [PersonFactory(code=f"S{i}", unit=old) for i in range(3)]
    load(tmp_path, "assignments", "person_code,unit_code,from,until", "S0,X1,2019-03-01,")
    out = load(tmp_path, "reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,merge,X1,X2")
    assert "created" in out.lower() or "1" in out
    old.refresh_from_db()
    assert old.dissolved_on == datetime.date(2025, 7, 1)
    assert set(Person.objects.filter(unit=new).values_list("code", flat=True)) == {"S0", "S1", "S2"}
    s0 = list(Assignment.objects.filter(person=staff[0]).order_by("start_on").values_list("unit__code", "until"))
    assert s0 == [("X1", datetime.date(2025, 6, 30)), ("X2", None)]
    client_admin = Client()
    client_admin.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    page = client_admin.get(reverse("units:person_detail", args=["S0"])).content.decode()
    assert "01/03/2019 – 30/06/2025" in page and "01/07/2025 – …" in page
    # the receiving unit's 2025 members include them; the old unit keeps its 2024 members
    assert criterion(verdict("TTLDTT", "X2", kind="unit"), "members_ldtt")["evidence"]["members"] == 3
    assert criterion(verdict("TTLDTT", "X1", year=2024, kind="unit"), "members_ldtt")["evidence"]["members"] == 3
    # re-importing the same file changes nothing
    count = Assignment.objects.count()
    load(tmp_path, "reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,merge,X1,X2")
    assert Assignment.objects.count() == count and Reorganisation.objects.count() == 1


def test_a_renamed_collective_keeps_its_history(tmp_path, province):
    old = province[1]["X3"]
    new = UnitFactory(code="X3N", kind="commune", parent=province[0])
    rate(old, 2024, "excellent")
    rate(new, 2025, "excellent")
    load(tmp_path, "reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,rename,X3,X3N")
    result = verdict("BK_TINH", "X3N", kind="unit")
    assert criterion(result, "rating")["status"] == "passed"


def test_closed_unit_shown_and_not_offered(tmp_path, province, client, make_user):
    load(tmp_path, "reorganisations", "effective_on,kind,old_code,new_code",
         "2025-07-01,merge,X1,X2", "2025-07-01,abolish,H1,")
    admin = make_user(Role.ADMINISTRATOR, is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("units:unit_detail", args=["X1"]))
    assert "Đã hợp nhất vào" in page.content.decode()  # Vietnamese first
    assert "Đã giải thể" in client.get(reverse("units:unit_detail", args=["H1"])).content.decode()


def test_the_receiving_units_officer_sees_the_merged_units_records(tmp_path, province, client, make_user):
    PersonFactory(code="OLDSTAFF", unit=province[1]["X1"], full_name="Trần Thị Cũ")
    load(tmp_path, "reorganisations", "effective_on,kind,old_code,new_code", "2025-07-01,merge,X1,X2")
    Person.objects.filter(code="OLDSTAFF").update(unit=province[1]["X1"])  # history kept on the old unit
    officer = make_user(Role.UNIT_OFFICER, unit=province[1]["X2"])
    client.force_login(officer)
    assert client.get(reverse("units:unit_detail", args=["X1"])).status_code == 200
    assert client.get(reverse("units:person_detail", args=["OLDSTAFF"])).status_code == 200
    other = make_user(Role.UNIT_OFFICER, unit=province[1]["X3"])
    client.force_login(other)
    assert client.get(reverse("units:unit_detail", args=["X1"])).status_code == 404


# -- 6. Discipline terms -------------------------------------------------------------------------------------------


def test_achievements_count_only_from_the_end_of_a_discipline_term(tmp_path, province):
    person = PersonFactory(code="REPR", unit=province[1]["X1"])
    excellent(person, 2024, 2025)
    load(tmp_path, "initiatives", "person_code,title,scope,recognised_on,recognised_by",
         "REPR,Sáng kiến A,grassroots,2024-05-01,Sở", "REPR,Sáng kiến B,grassroots,2025-05-01,Sở")
    load(tmp_path, "discipline", "person_code,level,decided_on,note,term_until", "REPR,reprimand,2023-12-15,,")
    result = verdict("BK_TINH", "REPR")
    term = criterion(result, "discipline_term")
    assert term["status"] == "failed" and "2024-06-15" in term["message"] and "to be confirmed" in term["message"]
    assert result["verdict"] == "ineligible"
    # a term recorded as ending in 2023 leaves 2024–2025 clear
    load(tmp_path, "discipline", "person_code,level,decided_on,note,term_until",
         "REPR,reprimand,2023-12-15,,2023-12-31", name="d2.csv")
    assert criterion(verdict("BK_TINH", "REPR"), "discipline_term")["status"] == "passed"


def test_an_open_inspection_needs_review(tmp_path, province):
    person = PersonFactory(code="INSP", unit=province[1]["X1"])
    excellent(person, YEAR)
    load(tmp_path, "discipline", "person_code,level,decided_on,note,term_until", "INSP,under_review,2025-10-01,,")
    result = verdict("LDTT", "INSP")
    assert criterion(result, "discipline_term")["status"] == "unknown"
    assert result["verdict"] == "needs_review"
    load(tmp_path, "discipline", "person_code,level,decided_on,note,term_until",
         "INSP,under_review,2025-10-01,,2025-11-01", name="closed.csv")
    assert verdict("LDTT", "INSP")["verdict"] == "eligible"


# -- 7. Initiatives used once ----------------------------------------------------------------------------------------


def test_an_initiative_already_used_is_skipped_and_listed(tmp_path, province):
    person = PersonFactory(code="INIT", unit=province[1]["X1"])
    excellent(person, 2024, 2025)
    load(tmp_path, "initiatives", "person_code,title,scope,recognised_on,recognised_by,kind,used_for",
         "INIT,Sáng kiến cũ,grassroots,2024-03-01,Sở,initiative,CSTDCS:2024",
         "INIT,Đề tài mới,grassroots,2025-03-01,Sở,research,",
         "INIT,Mô hình,grassroots,2025-04-01,Sở,model,")
    result = criterion(verdict("BK_TINH", "INIT"), "initiatives")
    assert result["status"] == "unknown"  # BK_TINH's other paths remain for the reviewers (issue 11)
    assert [i["title"] for i in result["evidence"]["initiatives"]] == ["Đề tài mới"]
    assert result["evidence"]["skipped_used"] == [{"title": "Sáng kiến cũ", "used_for": "CSTDCS:2024"}]
    assert "Skipped as already used: Sáng kiến cũ" in result["message"]
    assert Initiative.objects.get(title="Sáng kiến cũ").used_for_award_id == "CSTDCS"


# -- 8. Honour kinds ---------------------------------------------------------------------------------------------------


def test_only_annual_honours_build_chains(tmp_path, province):
    PersonFactory(code="CHAIN", unit=province[1]["X1"])
    load(tmp_path, "honours", "year,person_code,award_code,decision_number,decided_on,kind",
         "2023,CHAIN,CSTDCS,1/QĐ,2023-12-20,annual", "2024,CHAIN,CSTDCS,2/QĐ,2024-09-02,thematic")
    result = criterion(verdict("CSTD_TINH", "CHAIN"), "cstdcs")
    assert result["status"] == "failed" and result["evidence"]["not_annual"] == [2024]
    assert "not as an annual title" in result["message"]


# -- the views ---------------------------------------------------------------------------------------------


def test_the_check_page_shows_the_dated_verdict(tmp_path, province, client, make_user):
    person = PersonFactory(code="VIEW", unit=province[1]["X1"])
    excellent(person, 2024, 2025)
    load(tmp_path, "discipline", "person_code,level,decided_on,note,term_until", "VIEW,reprimand,2023-12-15,,")
    client.force_login(make_user(Role.REVIEWER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("awards:check"), {"subject_kind": "person", "code": "VIEW", "award": "BK_TINH",
                                                "year": YEAR, "campaign_kind": "annual"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "2024-06-15" in text and "achievements count only from the end" in text


def test_headships_are_listed_on_the_unit_page(tmp_path, province, client, make_user):
    PersonFactory(code="HH", unit=province[1]["X1"], full_name="Lê Văn Trưởng")
    load(tmp_path, "heads", "unit_code,person_code,from,until", "X1,HH,2020-01-01,2025-06-30")
    client.force_login(make_user(Role.ADMINISTRATOR, is_staff=True))
    text = client.get(reverse("units:unit_detail", args=["X1"])).content.decode()
    assert "Lê Văn Trưởng" in text and "01/01/2020 – 30/06/2025" in text
    assert Headship.objects.count() == 1


def check_page(client, code, award, kind="person", campaign_kind="annual", on=""):
    page = client.get(reverse("awards:check"), {"subject_kind": kind, "code": code, "award": award, "year": YEAR,
                                                "campaign_kind": campaign_kind, "on": on})
    assert page.status_code == 200
    return page.content.decode()


def test_every_case_through_the_check_page(tmp_path, province, client, make_user):
    root, communes, districts = province
    school = UnitFactory(code="SCH2", kind="public_service", parent=communes["X3"])
    dept = UnitFactory(code="SNV2", kind="agency")
    office = UnitFactory(code="SNV2-VP", kind="office", parent=dept)
    for code, unit in (("MV", dept), ("PR", school), ("DH", districts["H1"]), ("IN", dept), ("CH", dept)):
        PersonFactory(code=code, unit=unit)
    for i in range(3):
        PersonFactory(code=f"OF{i}", unit=office)
    for code in ("MV", "PR", "DH", "IN"):
        excellent(Person.objects.get(code=code), 2024, 2025)
    load(tmp_path, "heads", "unit_code,person_code,from,until", "X1,MV,2020-01-01,2026-01-10", "SCH2,PR,2020-01-01,",
         "H1,DH,2020-01-01,2025-06-30")
    load(tmp_path, "par", "year,unit_code,score,classification,rank,published_on", "2024,X1,88,,,2025-02-28",
         "2025,X1,45,,,2026-02-27", "2025,X2,90,,,", "2025,X3,55,,,", "2025,H1,75,,,", "2025,H2,85,,,")
    load(tmp_path, "initiatives", "person_code,title,scope,recognised_on,recognised_by,kind,used_for",
         "IN,Đã dùng,grassroots,2024-02-01,Sở,initiative,CSTDCS:2024", "IN,Mới,grassroots,2025-02-01,Sở,initiative,")
    load(tmp_path, "honours", "year,person_code,award_code,decision_number,decided_on,kind",
         "2023,CH,CSTDCS,1/QĐ,2024-01-10,annual", "2024,CH,CSTDCS,2/QĐ,2024-09-02,ad_hoc")
    client.force_login(make_user(Role.REVIEWER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "PAR 2025 of X1" in check_page(client, "MV", "GK")  # headed X1 in 2025, moved in January 2026
    assert "annual campaigns only" in check_page(client, "MV", "GK", campaign_kind="thematic")
    assert "SCH2 is not scored by the PAR Index" in check_page(client, "PR", "GK")
    assert "last in its group (rank 2 of 2)" in check_page(client, "DH", "GK")
    assert "Skipped as already used: Đã dùng (CSTDCS 2024)" in check_page(client, "IN", "BK_TINH")
    assert "not as an annual title" in check_page(client, "CH", "CSTD_TINH")
    RuleSet.objects.update(par_basis="latest_published")
    assert "PAR 2024 of X1" in check_page(client, "MV", "GK", on="2025-12-31")
