"""Turn an uploaded file (CSV or XLSX) into rows of dicts keyed by column heading, each with the line
number the user sees in a spreadsheet (the header is line 1). Text is normalised to NFC and stripped."""

import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

Cell = str | int | float | date | datetime | None


class ReadError(Exception):
    """The file as a whole cannot be read; `line` is where it went wrong when known (else 0)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Cell]]]  # (line, cells in header order, possibly longer or shorter)
    format: str


XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls format


def normalise(value: Cell) -> Cell:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def normalise_header(value: Cell) -> str:
    text = normalise("" if value is None else str(value))
    return text.lower().replace(" ", "_")


def max_bytes() -> int:
    return int(settings.LAUREL_MAX_IMPORT_MB) * 1024 * 1024


def read_bytes(source, filename: str | None = None) -> tuple[bytes, str]:
    """The content of a path or file object, refusing anything over LAUREL_MAX_IMPORT_MB."""
    limit = max_bytes()
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or path.name
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    else:
        filename = filename or getattr(source, "name", "") or ""
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        raise ReadError(
            _("The file is larger than the limit of %(limit)d MB.") % {"limit": settings.LAUREL_MAX_IMPORT_MB}
        )
    return data, filename or ""


def read_table(source, filename: str | None = None) -> Table:
    data, filename = read_bytes(source, filename)
    suffix = Path(filename).suffix.lower()
    if data.startswith(OLE_MAGIC) or suffix == ".xls":
        raise ReadError(_("The old Excel format (.xls) is not supported; save the file as .xlsx or CSV UTF-8."))
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    if suffix in (".xlsx", ".xlsm"):
        raise ReadError(_("The file is named .xlsx but is not an Excel workbook."))
    return _read_csv(data)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(
            _("The file is not UTF-8 text (a byte at line %(line)d cannot be read). Save it as "
              "\"CSV UTF-8\" and try again.") % {"line": line},
            line=line,
        ) from None


def _sniff_delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    if not text.strip():
        raise ReadError(_("The file is empty."))
    if "\x00" in text:  # a binary file, or UTF-16 read as UTF-8; PostgreSQL cannot store NUL in text either
        line = text[: text.index("\x00")].count("\n") + 1
        raise ReadError(_("The file holds a NUL character at line %(line)d: it is not a CSV text file. Save it as "
                          "\"CSV UTF-8\" and try again.") % {"line": line}, line=line)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ReadError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from None
    headers = [normalise_header(cell) for cell in records[0]]
    rows = [(index, [normalise(cell) for cell in record]) for index, record in enumerate(records[1:], start=2)]
    return Table(headers=_trim_headers(headers), rows=rows, format="csv")


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # heavy; only when an .xlsx arrives

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, zlib.error, KeyError, XML errors…: all a damaged file
        raise ReadError(_("The Excel workbook cannot be read: %(error)s") % {"error": exc}) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong dimension; read to the real end
        rows_iter: Iterator = sheet.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
        if header_row is None:
            raise ReadError(_("The file is empty."))
        headers = _trim_headers([normalise_header(cell) for cell in header_row])
        rows = [(index, [normalise(cell) for cell in row]) for index, row in enumerate(rows_iter, start=2)]
    except ReadError:
        raise
    except Exception as exc:  # a damaged workbook fails lazily, deep in zlib/XML/openpyxl
        raise ReadError(_("The Excel workbook cannot be read: %(error)s") % {"error": exc}) from None
    finally:
        workbook.close()
    return Table(headers=headers, rows=rows, format="xlsx")


def _trim_headers(headers: list[str]) -> list[str]:
    while headers and not headers[-1]:
        headers.pop()
    return headers
