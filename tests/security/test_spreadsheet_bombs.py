"""Issue 10, item 3: spreadsheet bombs. Every spreadsheet read (the import page, the API's imports, the
bulk nominee list) refuses, with a clear localised message and a small response, a workbook that unpacks
past the limit, a cell longer than the limit, too many rows or too many columns, before parsing it whole;
error reports never echo a whole cell."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from accounts.roles import Role
from nominations import services
from units.models import PersonRating, Unit

from ..factories import UnitFactory
from ..factories_nominations import CampaignFactory
from ..test_api import auth

SMALL_RESPONSE = 64 * 1024
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
                 b'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+'
                 b'xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.spreadsheetml.worksheet+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
            b'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def bomb_xlsx(cell_mb: int) -> bytes:
    """A valid XLSX of a few hundred KB whose one inline-string cell unpacks to `cell_mb` MB, streamed into
    the archive so the test itself never holds it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is>'
                        b'</c></row><row r="2"><c r="A2" t="inlineStr"><is><t>')
            chunk = b"A" * (1024 * 1024)
            for _i in range(cell_mb):
                sheet.write(chunk)
            sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    return out.getvalue()


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_page(client, kind, data, name):
    return client.post(reverse("units:import"), {"kind": kind, "file": SimpleUploadedFile(name, data)})


def problems(response) -> list[str]:
    return [error.message for error in response.context["report"].errors]


@pytest.fixture
def officer_dossier(province, make_user):
    dept = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=dept)
    return officer, services.create_dossier(CampaignFactory(), dept, officer, title="Hồ sơ")


def bulk_post(client, dossier, data, name):
    return client.post(reverse("nominations:nominee_bulk_add", args=[dossier.pk]),
                       {"file": SimpleUploadedFile(name, data)}, follow=True)


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_zip_bomb_is_refused_by_the_import_page_before_it_is_unpacked(client, administrator):
    data = bomb_xlsx(110)  # over the 100 MB default once unpacked
    assert len(data) < 400 * 1024
    client.force_login(administrator)
    response = import_page(client, "units", data, "units.xlsx")
    assert response.status_code == 200 and len(response.content) < SMALL_RESPONSE
    assert any("100 MB" in message for message in problems(response)), problems(response)
    assert not Unit.objects.exclude(kind="province").exists()


def test_a_huge_cell_is_refused_by_the_bulk_list_and_not_echoed(client, officer_dossier):
    officer, dossier = officer_dossier
    client.force_login(officer)
    response = bulk_post(client, dossier, bomb_xlsx(20), "list.xlsx")
    assert response.status_code == 200 and len(response.content) < SMALL_RESPONSE
    assert any("2000" in message for message in page_messages(response)), page_messages(response)
    assert "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" \
        not in response.content.decode()
    assert dossier.nominees.count() == 0


def test_a_workbook_cell_just_over_the_limit_is_refused_with_its_place(client, administrator):
    client.force_login(administrator)
    data = xlsx([["code", "name", "kind"], ["U1", "x" * 2001, "agency"]])
    response = import_page(client, "units", data, "units.xlsx")
    errors = response.context["report"].errors
    assert [(e.line, e.column) for e in errors] == [(2, "name")]
    assert "2000" in errors[0].message and "xxxxxxxxxx" not in errors[0].message


def test_too_many_columns_are_refused(client, administrator):
    client.force_login(administrator)
    response = import_page(client, "units", xlsx([["code", "name", "kind"] + ["x"] * 60]), "units.xlsx")
    assert any("50" in message for message in problems(response)), problems(response)


def test_a_csv_with_too_many_rows_is_refused_by_the_bulk_list(client, officer_dossier):
    officer, dossier = officer_dossier
    data = ("kind,code,award\n" + "person,P1,LDTT\n" * 2001).encode()
    client.force_login(officer)
    response = bulk_post(client, dossier, data, "list.csv")
    assert len(response.content) < SMALL_RESPONSE
    assert any("2000" in message for message in page_messages(response)), page_messages(response)
    assert response.context.get("results") is None and dossier.nominees.count() == 0


def test_a_csv_with_too_many_rows_is_refused_by_imports_and_the_api(client, administrator, settings):
    settings.LAUREL_IMPORT_MAX_ROWS = 100
    client.force_login(administrator)
    data = ("year,person_code,rating\n" + "2024,CB001,excellent\n" * 150).encode()
    response = import_page(client, "ratings", data, "ratings.csv")
    assert len(response.content) < SMALL_RESPONSE
    assert problems(response) == ["Tệp có hơn 100 dòng; hãy chia thành các tệp nhỏ hơn."]
    rows = [{"year": 2024, "person_code": "CB001", "rating": "excellent"}] * 150
    api = client.post("/api/imports/ratings/", json.dumps(rows), content_type="application/json",
                      **auth(administrator))
    assert api.status_code == 400 and len(api.content) < SMALL_RESPONSE
    assert "100" in api.json()["errors"][0]["message"]
    assert PersonRating.objects.count() == 0


def test_error_reports_never_echo_a_whole_cell(client, administrator):
    client.force_login(administrator)
    long_value = "2024" + "9" * 1900  # under the cell limit, not a year
    data = f"year,person_code,rating\n{long_value},CB001,excellent\n".encode()
    response = import_page(client, "ratings", data, "ratings.csv")
    message = next(m for m in problems(response) if "1945" in m)
    assert len(message) < 200 and "9" * 100 not in response.content.decode()
