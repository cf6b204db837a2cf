"""Hostile input, property-based (hypothesis): the registry import parsers, the bulk nominee list, the
forms, the exports and uploaded file names. Every input gets a clean report or a valid result, never
an exception, and nothing is written when there is an error. Example counts are modest (see EXAMPLES)
so the suite stays fast; `HYPOTHESIS_PROFILE=thorough` runs ten times as many."""

import csv
import io
import os
import string

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from awards.forms import CheckForm
from certificates.forms import BatchForm, DownloadForm, ReissueForm, RevokeForm, ShortCodeForm
from nominations import services
from nominations.forms import (
    CommentAnswerForm,
    DossierForm,
    ForwardForm,
    NomineeEditForm,
    NomineeForm,
    ReasonForm,
    ReturnForm,
    VoteOpenForm,
)
from nominations.models import Attachment, Nominee
from nominations.services.attachments import download_name, sanitise_name
from nominations.services.bulk_add import bulk_add
from nominations.services.exports import DANGEROUS_PREFIXES, neutralise, queue_csv, queue_xlsx
from reports.forms import PublicCommentForm
from units import models as um
from units.importing import SCHEMAS, ImportReport, run_import
from units.importing.forms import ImportForm

from .helpers_world import TINY_PDF

settings.register_profile("laurel", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
settings.register_profile("thorough", parent=settings.get_profile("laurel"), max_examples=400, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "laurel"))
EXAMPLES = settings.default.max_examples

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\")", "\t=1", "\r=1", "=cmd|' /C calc'!A0",
                     "\x00", "a\x00b", "'; DROP TABLE units_unit; --", "<script>alert(1)</script>", "Nguyễn Văn A",
                     "Nguye\u0302\u0303n", "\u202egnp.exe", "../../etc/passwd", "", " ", "ĐƠN VỊ", "1e308",
                     "99999999999999999999999", "2024-02-30", "0000-00-00", "-0", "NaN", "x" * 300]),
    st.text(alphabet=string.ascii_letters + string.digits + "_-", max_size=12),
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1258", "latin-1", "cp1252"]


def registry_counts():
    return tuple(model.objects.count() for model in (
        um.Unit, um.Person, um.PersonRating, um.UnitRating, um.ParResult, um.Initiative, um.DisciplineRecord,
        um.Honour, um.Headship, um.Assignment, um.Reorganisation))


def check_import(kind, data, filename):
    before = registry_counts()
    report = run_import(kind, io.BytesIO(data), filename=filename)  # must not raise
    assert isinstance(report, ImportReport)
    for error in report.errors:
        assert isinstance(error.message, str) and error.message and isinstance(error.line, int)
        str(error)
    if not report.ok:
        assert registry_counts() == before, "an import with errors wrote something"
        assert not report.written
    return report


# ---- registry imports ----------------------------------------------------------------------------------

@given(kind=st.sampled_from(sorted(SCHEMAS)), data=st.binary(max_size=3000),
       filename=st.sampled_from(["f.csv", "f.xlsx", "f.xls", "f", "f.txt"]))
@example(kind="units", data=b"\xd0\xcf\x11\xe0" + b"\x00" * 100, filename="f.xls")
@example(kind="units", data=b"PK\x03\x04" + b"\x00" * 100, filename="f.xlsx")
@example(kind="units", data=b"\xef\xbb\xbf", filename="f.csv")
@example(kind="people", data=b"code,full_name\x00,gender\n", filename="f.csv")
def test_random_bytes_never_break_an_import(db, kind, data, filename):
    check_import(kind, data, filename)


@st.composite
def csv_files(draw):
    kind = draw(st.sampled_from(sorted(SCHEMAS)))
    names = SCHEMAS[kind].names
    header = draw(st.one_of(st.just(names), st.permutations(names), st.lists(st.sampled_from(names + ["x", ""]),
                                                                               max_size=8)))
    rows = draw(st.lists(st.lists(HOSTILE_TEXT, min_size=0, max_size=len(header) + 2), max_size=6))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(ENCODINGS))
    return kind, out.getvalue().encode(encoding, errors="replace")


UNITS_HEADER = b"code,name,kind,parent_code,cluster,head_code\n"


@given(csv_files())
@example(("units", UNITS_HEADER + b"A1," + b"x" * 200_000 + b",agency,\n"))  # a huge cell
@example(("units", b"code,name,kind,parent_code,cluster,head_code\nA1,\"unclosed,agency,\n"))
@example(("units", b"code,name,kind,parent_code,cluster,head_code\nA\x001,Name,agency,\n"))  # a NUL byte in a code
@example(("people", "code,full_name,gender,unit_code\nP1,Nguyễn Văn A,male,U1\n".encode("utf-16")))
@example(("people", "code,full_name,gender,unit_code\nP1,Nguyễn Văn A,male,U1\n".encode("cp1258", errors="replace")))
@example(("units", b"code,name,kind,parent_code,cluster,head_code\n=cmd|' /C calc'!A0,=1+1,agency,\n"))
def test_malformed_csv_gets_a_report_never_an_exception(db, case):
    kind, data = case
    check_import(kind, data, "hostile.csv")


@st.composite
def xlsx_files(draw):
    kind = draw(st.sampled_from(sorted(SCHEMAS)))
    names = SCHEMAS[kind].names
    book = Workbook()
    sheet = book.active
    sheet.append(names)
    cell = st.one_of(HOSTILE_TEXT.map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)), st.integers(-10**12, 10**12),
                     st.floats(allow_nan=False, allow_infinity=False), st.dates(), st.none(), st.booleans())
    for row in draw(st.lists(st.lists(cell, max_size=len(names) + 1), max_size=5)):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    damage = draw(st.sampled_from(["none", "truncate", "flip"]))
    where = draw(st.floats(0, 1))  # a fraction: the workbook's size varies with its timestamp
    index = min(len(data) - 1, 30 + int(where * (len(data) - 30)))
    if damage == "truncate":
        data = data[:index]
    elif damage == "flip":
        data = data[:index] + bytes([data[index] ^ 0xFF]) + data[index + 1:]
    return kind, data


@given(xlsx_files())
def test_malformed_xlsx_gets_a_report_never_an_exception(db, case):
    kind, data = case
    check_import(kind, data, "hostile.xlsx")


def test_a_nul_byte_is_refused_with_a_clear_error(db):
    report = check_import("units", b"code,name,kind,parent_code,cluster,head_code\nA1,T\x00n,agency,,,\n", "nul.csv")
    assert not report.ok and "NUL" in report.errors[0].message
    assert not um.Unit.objects.filter(code="A1").exists()


def test_a_clean_hostile_looking_file_imports_as_plain_text(db):
    """Formula-like text is data: stored as typed, neutralised only when exported."""
    report = check_import("units", UNITS_HEADER + "F1,=1+1 Sở,agency,,,\n".encode(), "ok.csv")
    assert report.ok and report.created == 1
    assert um.Unit.objects.get(code="F1").name == "=1+1 Sở"


# ---- the bulk nominee list -------------------------------------------------------------------------------

@pytest.fixture
def dossier(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from accounts.roles import Role
    from tests.factories import PersonFactory, UnitFactory, UserFactory
    from tests.factories_nominations import CampaignFactory

    unit = UnitFactory(code="UA")
    PersonFactory(code="PA1", unit=unit)
    officer = UserFactory(roles=[Role.UNIT_OFFICER], unit=unit)
    return services.create_dossier(CampaignFactory(), unit, officer, title="Tờ trình"), officer


@given(data=st.one_of(st.binary(max_size=2000), csv_files().map(lambda case: case[1]),
                      xlsx_files().map(lambda case: case[1])))
@example(data=b"kind,code,award\nperson,PA1,LDTT\n")
@example(data=b"PK\x03\x04garbage")
def test_bulk_nominee_lists_never_raise(dossier, data):
    dossier, officer = dossier
    before = Nominee.objects.count()
    try:
        results = bulk_add(dossier, officer, SimpleUploadedFile("list.csv", data))
    except services.MoveRefused as exc:
        assert exc.message
        assert Nominee.objects.count() == before
        return
    assert isinstance(results, list)


def test_an_oversized_bulk_list_is_refused(dossier, settings):
    settings.LAUREL_MAX_UPLOAD_MB = 1
    dossier, officer = dossier
    data = b"kind,code,award\n" + b"person,PA1,LDTT\n" * 70_000
    with pytest.raises(services.MoveRefused):
        bulk_add(dossier, officer, SimpleUploadedFile("list.csv", data))
    assert not Nominee.objects.exists()


# ---- forms --------------------------------------------------------------------------------------------

FORM_VALUE = st.one_of(HOSTILE_TEXT, st.integers(-2**70, 2**70).map(str), st.dates().map(str),
                       st.datetimes().map(lambda d: d.isoformat()))


def form_data(fields):
    return st.dictionaries(st.sampled_from(fields), FORM_VALUE, max_size=len(fields))


FORMS = {
    "dossier": (lambda d, w: DossierForm(d, units=um.Unit.objects.all()),
                ["campaign", "unit", "title", "letter_number", "council_met_on", "council_members",
                 "council_votes_for", "council_votes_against"]),
    "dossier_edit": (lambda d, w: DossierForm(d, instance=w), ["title", "council_members", "council_votes_for"]),
    "nominee": (lambda d, w: NomineeForm(d, dossier=w), ["person", "collective", "award", "achievement",
                                                          "justification"]),
    "nominee_edit": (lambda d, w: NomineeEditForm(d), ["achievement", "justification"]),
    "return": (lambda d, w: ReturnForm(d, nominees=list(w.nominees.all())), ["comment", "note_1", "note_x"]),
    "forward": (lambda d, w: ForwardForm(d), ["comment", "posting_from", "posting_until"]),
    "reason": (lambda d, w: ReasonForm(d), ["reason"]),
    "vote_open": (lambda d, w: VoteOpenForm(d), ["campaign", "title", "closes_at"]),
    "batch": (lambda d, w: BatchForm(d), ["title", "decision_number", "award", "year", "issuer_code", "mode",
                                           "printer", "with_zip"]),
    "revoke": (lambda d, w: RevokeForm(d), ["public_reason", "public_text", "reason", "revoked_on"]),
    "reissue": (lambda d, w: ReissueForm(d), ["reason"]),
    "download": (lambda d, w: DownloadForm(d), ["overlay", "printer"]),
    "short_code": (lambda d, w: ShortCodeForm(d), ["code"]),
    "check": (lambda d, w: CheckForm(d), ["subject_kind", "code", "award", "year", "campaign_kind"]),
    "import": (lambda d, w: ImportForm(d, {}), ["kind", "dry_run"]),
    "public_comment": (lambda d, w: PublicCommentForm(d, subject=1), ["text", "contact", "answer", "token",
                                                                      "website"]),
    "comment_answer": (lambda d, w: CommentAnswerForm(d), ["answer", "state"]),
}


@pytest.mark.parametrize("form_name", sorted(FORMS))
def test_forms_validate_any_input_without_raising(dossier, form_name):
    build, fields = FORMS[form_name]
    dossier, _officer = dossier

    @settings(max_examples=max(10, EXAMPLES // 3))
    @given(data=form_data(fields))
    def check(data):
        form = build(data, dossier)
        valid = form.is_valid()  # must not raise
        assert isinstance(valid, bool)
        if not valid:
            assert form.errors
        for value in (form.cleaned_data or {}).values() if valid else ():
            assert "\x00" not in str(value)

    check()


# ---- exports -------------------------------------------------------------------------------------------

@given(st.text(max_size=30))
@example("=1+1")
@example("\t=1")
@example("\r=1")
@example("@SUM(1)")
def test_neutralise_leaves_no_cell_a_spreadsheet_would_run(value):
    result = neutralise(value)
    assert not result.startswith(DANGEROUS_PREFIXES)
    assert result == value or result == "'" + value


@given(names=st.lists(HOSTILE_TEXT, min_size=1, max_size=4))
@example(names=["\x01=1+1", "\x0b@SUM(1)", "-\x00"])
def test_queue_exports_neutralise_every_cell(dossier, names):
    dossier, _officer = dossier
    from tests.factories_nominations import NomineeFactory

    Nominee.objects.all().delete()
    for index, name in enumerate(names):
        if connection.vendor == "postgresql":  # PostgreSQL text cannot hold NUL (inputs refuse it anyway)
            name = name.replace("\x00", "")
        NomineeFactory(dossier=dossier, subject_name=name[:255], subject_code=f"C{index}")
    qs = Nominee.objects.all()
    text = queue_csv(qs).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert all(not cell.startswith(DANGEROUS_PREFIXES) for cell in cells), cells
    book = load_workbook(io.BytesIO(queue_xlsx(qs)))
    for row in book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            assert not (isinstance(cell.value, str) and cell.value.startswith(DANGEROUS_PREFIXES)), cell.value


@given(cells=st.lists(HOSTILE_TEXT, min_size=1, max_size=6))
@example(cells=["\x01=1+1", "\x0b@SUM(1)", "-\x00", "=HYPERLINK(\"http://x\")"])
def test_report_workbooks_neutralise_every_cell(cells):
    from reports.exports import workbook_bytes
    from reports.sections import Section

    section = Section(key="k", title="Theo đơn vị", headers=["Đơn vị", "Số"], rows=[[cell, 1] for cell in cells])
    book = load_workbook(io.BytesIO(workbook_bytes([section], "Báo cáo")))  # must not raise
    for row in book.worksheets[0].iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            assert not (isinstance(cell.value, str) and cell.value.startswith(DANGEROUS_PREFIXES)), cell.value


# ---- uploaded file names --------------------------------------------------------------------------------

NAMES = st.one_of(st.text(max_size=300), st.sampled_from([
    "../../../etc/passwd", "..\\..\\windows\\system32\\cmd.exe", "/etc/shadow", "C:\\boot.ini", "....//x.pdf",
    "a/../../b.pdf", "\x00.pdf", "to\r\ntrinh.pdf", "\u202efdp.exe", "..", ".", "", " .pdf", "x" * 500 + ".pdf",
    "bao-cao;rm -rf $HOME`.pdf", "\"quoted\".pdf", "Tờ trình số 1.pdf"]))


@given(NAMES)
def test_sanitised_names_have_no_path_or_control_characters(name):
    clean = sanitise_name(name)
    assert clean and len(clean) <= 200
    assert "/" not in clean and "\\" not in clean and ".." not in clean
    assert not any(ch in clean for ch in "\x00\r\n\u202e\"<>:|?*;$`")
    assert clean not in {".", ".."}


@given(name=NAMES)
@example(name="../../../../tmp/evil.pdf")
def test_uploads_are_stored_inside_the_media_folder_whatever_their_name(dossier, settings, name):
    dossier, officer = dossier
    upload = SimpleUploadedFile("x.pdf", TINY_PDF)
    upload._name = name  # as hostile as it comes, past Django's own basename() on upload
    attachment = services.add_attachment(dossier, officer, upload, "other")
    root = os.path.realpath(settings.MEDIA_ROOT)
    stored = os.path.realpath(attachment.file.path)
    assert stored.startswith(root + os.sep)
    assert attachment.file.name.startswith("nominations/") and ".." not in attachment.file.name
    shown = download_name(attachment)
    assert "/" not in shown and "\\" not in shown and "\n" not in shown and "\r" not in shown
    assert Attachment.objects.filter(pk=attachment.pk).exists()
