"""The registry and its imports on PostgreSQL: paths, scoping, all-or-nothing imports."""

import pytest

from accounts.roles import Role
from accounts.scoping import people_visible_to
from units.importing.service import run_import
from units.models import Person, PersonRating, Unit

from ..factories import PersonFactory, UnitFactory

pytestmark = [pytest.mark.service, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_import_is_all_or_nothing_and_idempotent_on_postgres(tmp_path):
    root = UnitFactory(code="KHH", name="Tỉnh Khánh Hòa", kind="province")
    units = _csv(tmp_path, "units.csv",
                 "code,name,kind,parent_code,cluster,head_code\n"
                 "SNV,Sở Nội vụ,agency,KHH,Khối các sở,\n"
                 "SNV-TC,Phòng Tổ chức – Biên chế,agency,SNV,,\n")
    report = run_import("units", units)
    assert report.ok, report.errors
    assert Unit.objects.get(code="SNV-TC").path.startswith(root.path)

    people = _csv(tmp_path, "people.csv",
                  "code,full_name,gender,birth_date,unit_code,position\n"
                  "P1,Nguyễn Thị Hồng Nhung,female,1988-02-29,SNV-TC,Chuyên viên\n"
                  "P2,Trần Văn Đức,male,1979-13-01,SNV,Giám đốc\n"
                  "P3,Lê Văn Bảy,male,1980-01-01,NOPE,Chuyên viên\n")
    bad = run_import("people", people)
    assert not bad.ok
    assert {(e.line, e.column) for e in bad.errors} >= {(3, "birth_date"), (4, "unit_code")}
    assert Person.objects.count() == 0

    good = _csv(tmp_path, "people-ok.csv",
                "code,full_name,gender,birth_date,unit_code,position\n"
                "P1,Nguyễn Thị Hồng Nhung,female,1988-02-29,SNV-TC,Chuyên viên\n")
    assert run_import("people", good).ok
    again = run_import("people", good)
    assert again.ok and again.created == 0 and again.updated == 0 and again.unchanged == 1
    assert Person.objects.get(code="P1").full_name == "Nguyễn Thị Hồng Nhung"

    ratings = _csv(tmp_path, "ratings.csv", "year,person_code,unit_code,rating,score\n2025,P1,,excellent,93.5\n")
    assert run_import("ratings", ratings).ok
    assert PersonRating.objects.get(person__code="P1", year=2025).rating == "excellent"


def test_officer_scope_on_postgres(make_user):
    root = UnitFactory(code="KHH", kind="province")
    a = UnitFactory(code="A", parent=root)
    a1 = UnitFactory(code="A1", parent=a)
    b = UnitFactory(code="B", parent=root)
    PersonFactory(code="PA1", unit=a1)
    PersonFactory(code="PB", unit=b)
    officer = make_user(Role.UNIT_OFFICER, unit=a)
    assert list(people_visible_to(officer).values_list("code", flat=True)) == ["PA1"]
