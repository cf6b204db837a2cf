"""Report numbers on a hand-made registry (tests/factories_reports.build_registry), exact values."""

import io

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from reports import queries
from reports.exports import safe_cell, workbook_bytes
from reports.sections import Section, build_report
from units.models import Honour

from .factories_reports import build_registry


@pytest.fixture
def registry(province):
    return build_registry(province)


NO_FILTERS = queries.Filters()


def stats(key, filters=NO_FILTERS):
    rows = queries.honour_stats(queries.filtered(Honour.objects.all(), filters), key)
    return [(row["key"], row["persons"], row["collectives"], row["total"]) for row in rows]


def test_awards_by_year(registry):
    assert stats("year") == [(2023, 2, 1, 3), (2024, 3, 1, 4)]


def test_awards_by_award_type(registry):
    assert stats("award") == [("BK_TINH", 0, 1, 1), ("CSTDCS", 1, 0, 1), ("GK", 1, 0, 1), ("LDTT", 3, 0, 3),
                              ("TTLDTT", 0, 1, 1)]


def test_awards_by_issuer(registry):
    assert stats("issuer") == [("provincial_chair", 0, 1, 1), ("unit_head", 5, 1, 6)]


def test_awards_by_unit_counts_people_and_collective(registry):
    rows = queries.honour_stats(Honour.objects.all(), "unit")
    assert [(row["label"], row["persons"], row["collectives"], row["total"]) for row in rows] == [
        ("Sở Tài chính", 2, 1, 3), ("Sở Y tế", 1, 1, 2), ("Trung tâm Dịch vụ tài chính — Sở Tài chính", 1, 0, 1),
        ("Xã Ninh Hòa", 1, 0, 1),
    ]


def test_awards_by_gender_and_staff_kind_count_persons_only(registry):
    assert stats("gender") == [("female", 3, 0, 3), ("male", 2, 0, 2)]
    assert stats("staff_kind") == [("civil_servant", 3, 0, 3), ("public_employee", 1, 0, 1), ("worker", 1, 0, 1)]


def test_filters_by_year_and_source(registry):
    filters = queries.Filters(year_from=2024, year_to=2024, source=Honour.Source.DECISION)
    assert stats("year", filters) == [(2024, 2, 1, 3)]
    assert stats("award", queries.Filters(year_to=2023)) == [("LDTT", 2, 0, 2), ("TTLDTT", 0, 1, 1)]


def test_cash_by_decision_and_by_year(registry):
    by_decision = [(r["number"], r["awardees"], r["total"]) for r in queries.cash_by_decision()]
    assert by_decision == [("1/QĐ-UBND", 2, 3042000), ("5/QĐ-UBND", 1, 4680000)]
    assert queries.cash_by_year() == [
        {"year": 2024, "decisions": 1, "awardees": 2, "total": 3042000},
        {"year": 2025, "decisions": 1, "awardees": 1, "total": 4680000},
    ]
    assert [r["total"] for r in queries.cash_by_decision(queries.Filters(year_from=2025))] == [4680000]


def test_report_sections_have_totals(registry):
    sections = {section.key: section for section in build_report(queries.Filters())}
    assert sections["awards-year"].rows[-1][1:] == [5, 2, 7]
    assert sections["cash-year"].rows[-1][1:] == [2, 3, 7722000]
    assert sections["cash-decision"].rows[-1][2:] == [3, 7722000]


def test_safe_cell_neutralises_formulas():
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    for start in "+-@\t\r":
        assert safe_cell(start + "1") == "'" + start + "1"
    assert safe_cell("Nguyễn") == "Nguyễn"
    assert safe_cell(-5) == -5  # numbers stay numbers
    assert safe_cell("Sở\x0bY tế\x00") == "SởY tế"  # control characters a workbook cannot hold
    assert safe_cell("\x01=cmd") == "'=cmd"  # neutralised after stripping


def test_workbook_reads_back():
    section = Section(key="s", title="Khen thưởng theo năm", headers=["Năm", "Tổng"],
                      rows=[["=1+1", 3], ["Tổng cộng", 3]])
    workbook = load_workbook(io.BytesIO(workbook_bytes([section], "Báo cáo")))
    sheet = workbook.worksheets[0]
    assert sheet["A1"].value == "Khen thưởng theo năm"
    assert [cell.value for cell in sheet[2]] == ["Năm", "Tổng"]
    assert sheet["A3"].value == "'=1+1" and sheet["A3"].data_type == "s"
    assert sheet["B4"].value == 3


def test_xlsx_export_view(registry, client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    response = client.get("/reports/export.xlsx", {"year_from": "2024"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 8
    by_award = workbook.worksheets[2]
    values = [[cell.value for cell in row] for row in by_award.iter_rows(min_row=2)]
    assert values[0] == ["Hình thức khen thưởng", "Cá nhân", "Tập thể", "Tổng cộng"]
    assert ["Lao động tiên tiến", 1, 0, 1] in values
    assert values[-1] == ["Tổng cộng", 3, 1, 4]
    cash = workbook.worksheets[7]
    rows = [[cell.value for cell in row] for row in cash.iter_rows(min_row=3)]
    assert [[cell.value for cell in cash[2]]] == [["Năm", "Số quyết định", "Số người/tập thể được khen",
                                                   "Tổng tiền thưởng (đồng)"]]
    assert rows == [[2024, 1, 2, 3042000], [2025, 1, 1, 4680000], ["Tổng cộng", 2, 3, 7722000]]
    assert cash["D3"].number_format == "#,##0"
    assert workbook.worksheets[0]["A1"].value == "Khen thưởng theo năm"


def test_pdf_export_view(registry, client, make_user):
    client.force_login(make_user(Role.CHAIR))
    response = client.get("/reports/print.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Sở Tài chính" in text
    assert "7.722.000" in text


def test_report_page(registry, client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    response = client.get("/reports/")
    assert response.status_code == 200
    assert "Xã Ninh Hòa" in response.content.decode()


def test_reports_are_for_the_board(registry, client, make_user):
    client.force_login(make_user(Role.UNIT_OFFICER, unit=registry["a"]))
    for url in ("/reports/", "/reports/export.xlsx", "/reports/print.pdf"):
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get("/reports/").status_code == 302
