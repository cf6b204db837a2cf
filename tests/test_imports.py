"""The registry imports: every kind, all-or-nothing, the row report, re-import, formats, the command,
the upload page and the signal."""

import datetime
import io
import unicodedata
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from units.importing import run_import
from units.models import (
    DisciplineRecord,
    EmulationCluster,
    Honour,
    Initiative,
    ParResult,
    Person,
    PersonRating,
    Unit,
    UnitRating,
)
from units.signals import records_imported

from .factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def csv_file(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def lines(*rows):
    return "\n".join(rows) + "\n"


def errors_of(report):
    return [(error.line, error.column) for error in report.errors]


# --- units -------------------------------------------------------------------------------------------

UNITS = lines(
    "code,name,kind,parent_code,cluster,head_code",
    "PNV-TC,Phòng Tổ chức cán bộ,public_service,SNV,,",  # the parent comes later in the file
    "SNV,Sở Nội vụ,agency,TINH,Khối cơ quan tổng hợp,",
    "XA-CAMLAM,Xã Cam Lâm,commune,TINH,Khối xã phường,P-HEAD",
    "HUYEN-CU,Huyện Diên Khánh (cũ),district,TINH,,",
)


def test_units_happy_path_builds_the_tree(tmp_path, province):
    head = PersonFactory(code="P-HEAD", unit=province)
    report = run_import("units", csv_file(tmp_path, UNITS))
    assert report.ok, report.errors
    assert (report.rows, report.created, report.updated, report.unchanged) == (4, 4, 0, 0)
    snv = Unit.objects.get(code="SNV")
    child = Unit.objects.get(code="PNV-TC")
    assert snv.name == "Sở Nội vụ" and snv.parent == province and snv.cluster.name == "Khối cơ quan tổng hợp"
    assert child.parent == snv and child.path == f"{province.path}{snv.pk}/{child.pk}/" and child.depth == 2
    assert snv.depth == 1 and Unit.objects.get(code="HUYEN-CU").kind == "district"
    assert Unit.objects.get(code="XA-CAMLAM").head == head
    assert set(EmulationCluster.objects.values_list("name", flat=True)) == {"Khối cơ quan tổng hợp", "Khối xã phường"}
    assert [u.code for u in province.subtree()] == ["TINH", "SNV", "PNV-TC", "XA-CAMLAM", "HUYEN-CU"] or \
        set(province.subtree().values_list("code", flat=True)) == {"TINH", "SNV", "PNV-TC", "XA-CAMLAM", "HUYEN-CU"}


def test_units_reimport_changes_nothing_and_a_move_updates_descendant_paths(tmp_path, province):
    PersonFactory(code="P-HEAD", unit=province)
    run_import("units", csv_file(tmp_path, UNITS))
    again = run_import("units", csv_file(tmp_path, UNITS))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    # Move the agency under the old district: its child's path must follow.
    moved = lines("code,name,kind,parent_code,cluster,head_code", "SNV,Sở Nội vụ,agency,HUYEN-CU,,")
    report = run_import("units", csv_file(tmp_path, moved, "moved.csv"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    district, snv, child = (Unit.objects.get(code=c) for c in ("HUYEN-CU", "SNV", "PNV-TC"))
    assert snv.cluster is None
    assert child.path == f"{district.path}{snv.pk}/{child.pk}/" and child.depth == 3


def test_units_errors_unknown_parent_head_and_cycles(tmp_path, province):
    existing = UnitFactory(code="A", parent=province)
    text = lines(
        "code,name,kind,parent_code,cluster,head_code",
        "B,Đơn vị B,agency,C,,",
        "C,Đơn vị C,agency,B,,",
        "D,Đơn vị D,agency,NOPE,,",
        "E,Đơn vị E,agency,,,NOBODY",
        "F,Đơn vị F,agency,F,,",
        "TINH,Tỉnh,province,A,,",  # A is under TINH already: a cycle through an existing unit
        "G,Đơn vị G,county,,,",
    )
    report = run_import("units", csv_file(tmp_path, text))
    assert not report.ok
    # The cycle check runs once the rows are otherwise clean.
    assert errors_of(report) == [(4, "parent_code"), (5, "head_code"), (6, "parent_code"), (8, "kind")]
    messages = [e.message for e in report.errors]
    assert "Unknown unit code “NOPE”." in messages and "Unknown person code “NOBODY”." in messages
    assert Unit.objects.count() == 2 and existing.parent == province

    cycle = lines("code,name,kind,parent_code,cluster,head_code", "B,B,agency,C,,", "C,C,agency,B,,",
                  "TINH,Tỉnh,province,A,,")
    report = run_import("units", csv_file(tmp_path, cycle, "cycle.csv"))
    assert errors_of(report) == [(2, "parent_code"), (3, "parent_code"), (4, "parent_code")]
    assert "B → C → B" in report.errors[0].message
    assert "TINH → A → TINH" in report.errors[2].message
    assert Unit.objects.count() == 2


# --- people ------------------------------------------------------------------------------------------

def test_people_import_with_vietnamese_text_normalised(tmp_path, province):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")
    text = lines(
        "code,full_name,gender,birth_date,unit_code,position,staff_kind",
        f"CB001,  {decomposed}  ,female,1988-03-09,TINH,Trưởng phòng,public_employee",
        "CB002,Trần Văn Đức,male,,TINH,,",
    )
    report = run_import("people", csv_file(tmp_path, text))
    assert report.ok, report.errors
    assert report.created == 2
    nhung = Person.objects.get(code="CB001")
    assert nhung.full_name == "Nguyễn Thị Hồng Nhung" and unicodedata.is_normalized("NFC", nhung.full_name)
    assert nhung.birth_date == datetime.date(1988, 3, 9) and nhung.staff_kind == "public_employee"
    assert Person.objects.get(code="CB002").birth_date is None
    again = run_import("people", csv_file(tmp_path, text))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = text.replace("Trưởng phòng", "Phó trưởng phòng")
    report = run_import("people", csv_file(tmp_path, changed, "changed.csv"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Person.objects.get(code="CB001").position == "Phó trưởng phòng"


def test_people_errors_name_line_column_and_reason(tmp_path, province):
    text = lines(
        "code,full_name,gender,birth_date,unit_code",
        "CB001,Lê Văn An,male,1990-02-30,TINH",
        "CB002,Lê Thị Bình,nữ,1990-01-01,KHONGCO",
        "CB001,Lê Văn An,male,1990-01-01,TINH",
        ",Không Mã,male,1990-01-01,TINH",
    )
    report = run_import("people", csv_file(tmp_path, text))
    # A row with a bad cell still has its codes checked; the duplicate of line 2 is not reported because
    # line 2 itself is bad (duplicates are looked for among the rows that are otherwise good).
    assert errors_of(report) == [(2, "birth_date"), (3, "gender"), (3, "unit_code"), (5, "code")]
    assert report.errors[0].message == "“1990-02-30” is not a valid date; write it as YYYY-MM-DD."
    assert report.errors[2].message == "Unknown unit code “KHONGCO”."
    assert report.errors[3].message == "A value is required."
    assert Person.objects.count() == 0


def test_duplicate_rows_in_the_file_are_reported(tmp_path, province):
    text = lines("code,full_name,gender,birth_date,unit_code",
                 "CB001,Lê Văn An,male,,TINH", "CB002,Lê Văn Bình,male,,TINH", "CB001,Lê Văn An,male,,TINH")
    report = run_import("people", csv_file(tmp_path, text))
    assert errors_of(report) == [(4, "code")]
    assert "already on line 2" in report.errors[0].message
    assert report.created == 0 and Person.objects.count() == 0


# --- ratings and the all-or-nothing rule ---------------------------------------------------------------

@pytest.fixture
def staff(province):
    unit = UnitFactory(code="SYT", name="Sở Y tế", parent=province)
    return unit, PersonFactory(code="CB001", unit=unit), PersonFactory(code="CB002", unit=unit)


def test_ratings_for_people_and_units(tmp_path, staff):
    unit, first, second = staff
    text = lines(
        "year,person_code,unit_code,rating,score",
        "2024,CB001,,excellent,95.5",
        "2024,CB002,,Not completed,",
        "2024,,SYT,good,82",
        "2023,CB001,,good,\"85,25\"",
    )
    report = run_import("ratings", csv_file(tmp_path, text))
    assert report.ok, report.errors
    assert report.created == 4
    assert PersonRating.objects.get(person=first, year=2024).score == Decimal("95.50")
    assert PersonRating.objects.get(person=first, year=2023).score == Decimal("85.25")
    assert PersonRating.objects.get(person=second, year=2024).rating == "not_completed"
    assert UnitRating.objects.get(unit=unit, year=2024).rating == "good"
    again = run_import("ratings", csv_file(tmp_path, text))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert PersonRating.objects.count() == 3


def test_one_bad_row_among_good_ones_writes_nothing(tmp_path, staff):
    text = lines(
        "year,person_code,unit_code,rating,score",
        "2024,CB001,,excellent,95",
        "2024,CB002,,good,101",
        "2024,,SYT,good,80",
    )
    report = run_import("ratings", csv_file(tmp_path, text))
    assert not report.ok
    assert report.errors[0].line == 3 and report.errors[0].column == "score"
    assert "out of range" in report.errors[0].message
    assert (report.created, report.updated, report.unchanged) == (0, 0, 0)
    assert PersonRating.objects.count() == 0 and UnitRating.objects.count() == 0


def test_ratings_row_report_lists_every_problem(tmp_path, staff):
    text = lines(
        "year,person_code,unit_code,rating,score",
        "2024,CB001,SYT,excellent,95",      # both
        "2024,,,good,80",                   # neither
        "24,CB002,,good,80",                # bad year
        "2024,NOBODY,,best,",               # bad rating, and an unknown person
        "2024,NOBODY,,good,abc",            # not a number
        "",                                 # a blank row: skipped, but it keeps its line number
        "2024,NOBODY,,good,",               # unknown person
        "2024,,NOUNIT,good,",               # unknown unit
    )
    report = run_import("ratings", csv_file(tmp_path, text))
    assert errors_of(report) == [
        (2, "person_code / unit_code"), (3, "person_code / unit_code"), (4, "year"), (5, "rating"),
        (5, "person_code"), (6, "score"), (6, "person_code"), (8, "person_code"), (9, "unit_code"),
    ]
    assert report.errors[0].message == "Give only one of person_code or unit_code, not both."
    assert report.errors[1].message == "Give exactly one of person_code or unit_code."
    assert report.rows == 7
    assert PersonRating.objects.count() == 0


def test_header_problems_stop_the_import(tmp_path, staff):
    report = run_import("ratings", csv_file(tmp_path, lines("year,person_code,score,colour", "2024,CB001,90,red")))
    assert errors_of(report) == [(1, "colour"), (1, "rating")]
    assert report.errors[0].message.startswith("Unknown column")
    assert report.errors[1].message == "The required column is missing."
    report = run_import("ratings", csv_file(tmp_path, lines("year,rating", "2024,good"), "b.csv"))
    assert errors_of(report) == [(1, "person_code / unit_code")]


def test_reimport_with_a_change_updates_only_that_row(tmp_path, staff):
    text = lines("year,person_code,rating,score", "2024,CB001,excellent,95", "2024,CB002,good,80")
    run_import("ratings", csv_file(tmp_path, text))
    report = run_import("ratings", csv_file(tmp_path, text.replace("good,80", "good,85"), "v2.csv"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert PersonRating.objects.get(person__code="CB002").score == Decimal("85")
    # A file without the score column leaves the scores alone.
    no_score = lines("year,person_code,rating", "2024,CB001,excellent")
    report = run_import("ratings", csv_file(tmp_path, no_score, "v3.csv"))
    assert report.unchanged == 1 and PersonRating.objects.get(person__code="CB001").score == Decimal("95")


def test_the_number_of_queries_does_not_grow_with_the_rows(tmp_path, province):
    unit = UnitFactory(code="SYT", parent=province)
    people = PersonFactory.create_batch(40, unit=unit)

    def queries(count, year):
        text = lines("year,person_code,rating,score", *(f"{year},{p.code},good,80" for p in people[:count]))
        with CaptureQueriesContext(connection) as context:
            report = run_import("ratings", csv_file(tmp_path, text, f"{year}.csv"))
        assert report.created == count
        return len(context.captured_queries)

    assert queries(5, 2023) == queries(40, 2024)


# --- the other record kinds --------------------------------------------------------------------------

def test_par_results(tmp_path, staff):
    text = lines("year,unit_code,score,classification,rank", "2024,SYT,88.4,good,3", "2023,SYT,79,,")
    report = run_import("par", csv_file(tmp_path, text))
    assert report.ok, report.errors
    result = ParResult.objects.get(unit__code="SYT", year=2024)
    assert (result.score, result.classification, result.rank) == (Decimal("88.40"), "good", 3)
    assert ParResult.objects.get(year=2023).classification == ""
    assert run_import("par", csv_file(tmp_path, text)).unchanged == 2
    bad = run_import("par", csv_file(tmp_path, lines("year,unit_code,score,rank", "2024,SYT,88,0"), "bad.csv"))
    assert errors_of(bad) == [(2, "rank")]


def test_initiatives(tmp_path, staff):
    text = lines(
        "person_code,title,scope,recognised_on,recognised_by",
        "CB001,Số hóa hồ sơ khen thưởng trên nền tảng điện tử,provincial,2024-05-20,Hội đồng sáng kiến tỉnh",
        "CB002,Cải tiến quy trình tiếp nhận hồ sơ một cửa,grassroots,2024-06-01,",
    )
    report = run_import("initiatives", csv_file(tmp_path, text))
    assert report.ok and report.created == 2
    initiative = Initiative.objects.get(person__code="CB001")
    assert initiative.title == "Số hóa hồ sơ khen thưởng trên nền tảng điện tử"
    assert initiative.recognised_by == "Hội đồng sáng kiến tỉnh" and initiative.scope == "provincial"
    changed = text.replace("provincial,2024-05-20", "national,2024-05-20")
    report = run_import("initiatives", csv_file(tmp_path, changed, "v2.csv"))
    assert (report.updated, report.unchanged) == (1, 1)
    assert Initiative.objects.get(person__code="CB001").scope == "national"


def test_discipline(tmp_path, staff):
    text = lines("person_code,level,decided_on", "CB001,reprimand,2024-03-15", "CB001,warning,2024-09-01")
    report = run_import("discipline", csv_file(tmp_path, text))
    assert report.ok and report.created == 2
    assert DisciplineRecord.objects.filter(person__code="CB001").count() == 2
    assert run_import("discipline", csv_file(tmp_path, text)).unchanged == 2
    bad_text = lines("person_code,level,decided_on", "CB001,fine,2024")
    bad = run_import("discipline", csv_file(tmp_path, bad_text, "b.csv"))
    assert errors_of(bad) == [(2, "level"), (2, "decided_on")]


def test_honours(tmp_path, staff):
    text = lines(
        "year,person_code,unit_code,award_code,decision_number,decided_on",
        "2023,CB001,,LDTT,12/QĐ-SYT,2023-12-20",
        "2023,,SYT,TTLDTT,13/QĐ-SYT,2023-12-20",
        "2023,CB002,,BK_TINH,,",
    )
    report = run_import("honours", csv_file(tmp_path, text))
    assert report.ok, report.errors
    assert report.created == 3
    honour = Honour.objects.get(person__code="CB001")
    assert honour.decision_number == "12/QĐ-SYT" and honour.source == Honour.Source.IMPORTED
    assert Honour.objects.get(unit__code="SYT").award_id == "TTLDTT"
    assert run_import("honours", csv_file(tmp_path, text)).unchanged == 3


def test_honours_errors(tmp_path, staff):
    unit, first, _second = staff
    Honour.objects.create(year=2022, person=first, award_id="LDTT", source=Honour.Source.DECISION,
                          decision_number="5/QĐ-UBND")
    text = lines(
        "year,person_code,unit_code,award_code,decision_number,decided_on",
        "2023,CB001,,TTLDXS,,",   # a collective award for a person
        "2023,,SYT,LDTT,,",       # a person award for a unit
        "2023,CB001,,NOPE,,",
        "2022,CB001,,LDTT,6/QĐ-UBND,",  # would rewrite a Laurel decision
    )
    report = run_import("honours", csv_file(tmp_path, text))
    assert errors_of(report) == [(2, "award_code"), (3, "award_code"), (4, "award_code")]
    report = run_import("honours", csv_file(tmp_path, lines(text.splitlines()[0], text.splitlines()[4]), "d.csv"))
    assert errors_of(report) == [(2, "")]
    assert Honour.objects.get().decision_number == "5/QĐ-UBND"


# --- file formats ------------------------------------------------------------------------------------

def test_csv_with_bom_and_semicolons(tmp_path, staff):
    text = lines("year;person_code;rating;score", "2024;CB001;excellent;92,5")
    report = run_import("ratings", csv_file(tmp_path, "\ufeff" + text, encoding="utf-8"))
    assert report.ok, report.errors
    assert PersonRating.objects.get().score == Decimal("92.50")


def test_non_utf8_csv_is_refused(tmp_path, province):
    text = lines("code,full_name,gender,birth_date,unit_code", "CB001,Nguyễn Văn Ánh,male,,TINH")
    report = run_import("people", csv_file(tmp_path, text, encoding="utf-16"))
    assert not report.ok and "not UTF-8" in report.errors[0].message
    latin = lines("code,full_name,gender,birth_date,unit_code", "CB001,José Müller,male,,TINH")
    report = run_import("people", csv_file(tmp_path, latin, "latin.csv", encoding="latin-1"))
    assert report.errors[0].line == 2 and "not UTF-8" in report.errors[0].message
    assert Person.objects.count() == 0


def test_too_large_a_file_is_refused(tmp_path, province, settings):
    settings.LAUREL_MAX_IMPORT_MB = 0
    report = run_import("people", csv_file(tmp_path, "code\n"))
    assert "larger than the limit" in report.errors[0].message


def test_xlsx_workbook(tmp_path, staff):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["person_code", "title", "scope", "recognised_on", "recognised_by"])
    sheet.append(["CB001", "Ứng dụng trí tuệ nhân tạo trong thẩm định hồ sơ", "grassroots",
                  datetime.datetime(2024, 4, 2), "Giám đốc Sở Y tế"])
    sheet.append([None, None, None, None, None])  # a blank row keeps its number
    sheet.append(["CB002", "Đề tài thứ hai", "grassroots", "2024-13-01", None])
    path = tmp_path / "initiatives.xlsx"
    workbook.save(path)
    report = run_import("initiatives", path)
    assert errors_of(report) == [(4, "recognised_on")]
    sheet.delete_rows(4)
    workbook.save(path)
    with path.open("rb") as handle:
        report = run_import("initiatives", handle, filename="upload.xlsx")
    assert report.ok and report.created == 1, report.errors
    initiative = Initiative.objects.get()
    assert initiative.title == "Ứng dụng trí tuệ nhân tạo trong thẩm định hồ sơ"
    assert initiative.recognised_on == datetime.date(2024, 4, 2)


def test_xlsx_numbers_become_codes_and_years(tmp_path, province):
    from openpyxl import Workbook

    UnitFactory(code="101", parent=province)
    PersonFactory(code="2024001", unit=province)
    workbook = Workbook()
    workbook.active.append(["year", "unit_code", "person_code", "rating", "score"])
    workbook.active.append([2024, 101, None, "good", 81.5])
    workbook.active.append([2024.0, None, 2024001, "excellent", 90])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    report = run_import("ratings", buffer, filename="ratings.xlsx")
    assert report.ok, report.errors
    assert UnitRating.objects.get().score == Decimal("81.50")
    assert PersonRating.objects.get().rating == "excellent"


def test_a_fake_xlsx_is_refused(tmp_path, province):
    report = run_import("people", csv_file(tmp_path, "code,full_name\n", "people.xlsx"))
    assert "not an Excel workbook" in report.errors[0].message


# --- dry run, the command, the signal ----------------------------------------------------------------

def test_dry_run_counts_but_writes_nothing(tmp_path, staff):
    text = lines("year,person_code,rating", "2024,CB001,excellent", "2024,CB002,good")
    report = run_import("ratings", csv_file(tmp_path, text), dry_run=True)
    assert report.ok and report.dry_run and report.created == 2
    assert PersonRating.objects.count() == 0
    units = run_import("units", csv_file(tmp_path, UNITS.replace("P-HEAD", ""), "u.csv"), dry_run=True)
    assert units.ok and units.created == 4
    assert Unit.objects.count() == 2 and EmulationCluster.objects.count() == 0


def test_management_command(tmp_path, staff, capsys):
    path = csv_file(tmp_path, lines("year,person_code,rating", "2024,CB001,excellent"))
    call_command("import_data", "ratings", str(path), "--dry-run")
    assert PersonRating.objects.count() == 0
    call_command("import_data", "ratings", str(path))
    out = capsys.readouterr().out
    assert "1 rows, 1 created, 0 updated, 0 unchanged" in out
    assert PersonRating.objects.count() == 1

    bad = csv_file(tmp_path, lines("year,person_code,rating", "2024,CB009,excellent", "2024,CB002,great"), "bad.csv")
    with pytest.raises(CommandError, match="2 error"):
        call_command("import_data", "ratings", str(bad))
    err = capsys.readouterr().err
    assert "line 2, column person_code: Unknown person code “CB009”." in err or "line 3, column rating" in err


def test_signal_is_sent_after_commit(tmp_path, staff, django_capture_on_commit_callbacks):
    unit, first, _second = staff
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    records_imported.connect(receiver)
    try:
        text = lines("year,person_code,unit_code,rating", "2024,CB001,,excellent", "2023,,SYT,good")
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run_import("ratings", csv_file(tmp_path, text))
        assert received == [] and len(callbacks) == 1
        callbacks[0]()
        assert received == [{"signal": records_imported, "kind": "ratings", "years": {2023, 2024},
                             "unit_ids": {unit.pk}}]
        received.clear()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            run_import("ratings", csv_file(tmp_path, text), dry_run=True)
            run_import("ratings", csv_file(tmp_path, lines("year,person_code,rating", "2024,X,good"), "x.csv"))
        assert callbacks == [] and received == []
    finally:
        records_imported.disconnect(receiver)


def test_messages_are_localised(tmp_path, province):
    with translation.override("vi"):
        report = run_import("people", csv_file(tmp_path, lines("code,full_name,gender,birth_date,unit_code",
                                                               "CB1,An,male,,KHONGCO")))
    assert report.errors[0].message == "Mã đơn vị “KHONGCO” không tồn tại."


# --- the upload page ---------------------------------------------------------------------------------

def upload(client, kind, content, name="data.csv", dry_run=False):
    data = {"kind": kind, "file": io.BytesIO(content.encode("utf-8"))}
    data["file"].name = name
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("units:import"), data)


def test_upload_page_for_administrators(client, administrator, staff):
    client.force_login(administrator)
    response = client.get(reverse("units:import"))
    assert response.status_code == 200
    response = upload(client, "ratings", lines("year,person_code,rating", "2024,CB001,excellent"))
    assert response.status_code == 200
    assert response.context["report"].created == 1
    assert PersonRating.objects.count() == 1


def test_upload_page_shows_every_error_and_keeps_the_kind(client, administrator, staff):
    client.force_login(administrator)
    text = lines("year,person_code,rating", "2024,CB001,excellent", "2024,NOBODY,good", "2024,CB002,best")
    with translation.override("en"):
        response = upload(client, "ratings", text)
    html = response.content.decode()
    assert PersonRating.objects.count() == 0
    assert len(response.context["report"].errors) == 2
    assert 'id="import-errors"' in html and "NOBODY" in html and "best" in html
    assert '<option value="ratings" selected>' in html


def test_upload_page_refuses_others(client, make_user, staff):
    url = reverse("units:import")
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(make_user(Role.UNIT_OFFICER, unit=staff[0]))
    assert client.get(url).status_code == 403
    assert upload(client, "ratings", lines("year,person_code,rating", "2024,CB001,excellent")).status_code == 403
    assert PersonRating.objects.count() == 0


def test_template_download(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("units:import"), {"template": "ratings"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").strip() == "year,person_code,unit_code,rating,score"
    assert client.get(reverse("units:import"), {"template": "nope"}).status_code == 404


def test_a_header_only_file_and_an_old_excel_file_are_refused(tmp_path, province):
    report = run_import("people", csv_file(tmp_path, "code,full_name,gender,birth_date,unit_code\n"))
    assert errors_of(report) == [(0, "")] and report.errors[0].message == "The file has no data rows."
    old = tmp_path / "people.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert ".xls" in run_import("people", old).errors[0].message


def test_the_upload_page_in_vietnamese(client, administrator, staff):
    client.force_login(administrator)
    with translation.override("vi"):
        response = upload(client, "ratings", lines("year,person_code,rating", "2024,NOBODY,good"))
    html = response.content.decode()
    assert "Nhập dữ liệu" in html and "Mã cá nhân “NOBODY” không tồn tại." in html


def test_a_bad_unit_row_does_not_make_its_children_unknown(tmp_path, province):
    text = lines("code,name,kind,parent_code,cluster,head_code",
                 "CHA,Đơn vị cha,ministry,TINH,,", "CON,Đơn vị con,agency,CHA,,", "CON,Đơn vị con,agency,CHA,,")
    report = run_import("units", csv_file(tmp_path, text))
    assert errors_of(report) == [(2, "kind"), (4, "code")]
    assert Unit.objects.count() == 1
