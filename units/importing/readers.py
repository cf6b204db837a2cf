"""Turn an uploaded file (CSV or XLSX) into rows of dicts keyed by column heading, each with the line
number the user sees in a spreadsheet (the header is line 1). Text is cleaned (config.text.clean_text:
NFC, no control, bidi or zero-width characters) and stripped. Size, rows, columns and cell lengths are
bounded before anything is parsed whole (limits.py)."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from config.text import clean_text

from .limits import (
    LimitExceeded,
    SheetLimits,
    cell_too_long,
    check_archive,
    check_row,
    check_row_count,
    import_limits,
)

Cell = str | int | float | date | datetime | None


class ReadError(Exception):
    """The file as a whole cannot be read; `line` is where it went wrong when known (else 0)."""

    def __init__(self, message: str, line: int = 0, column: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    @classmethod
    def from_limit(cls, exc: LimitExceeded) -> "ReadError":
        return cls(exc.message, line=exc.line, column=exc.column)


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Cell]]]  # (line, cells in header order, possibly longer or shorter)
    format: str


XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls format


def normalise(value: Cell) -> Cell:
    if isinstance(value, str):
        return clean_text(value)
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


def read_table(source, filename: str | None = None, limits: SheetLimits | None = None) -> Table:
    """The file as a header and data rows; ReadError when it cannot be read or is over a limit."""
    headers: list[str] = []
    records, file_format = read_records(source, filename, limits, headers=headers)
    return Table(headers=headers, rows=[record for record in records if record[0] > 1], format=file_format)


def read_records(source, filename: str | None = None, limits: SheetLimits | None = None, *,
                 headers: list[str] | None = None) -> tuple[list[tuple[int, list[Cell]]], str]:
    """Every row of the file, the first included, as (row number, cleaned cells), checked against the
    limits (import_limits() unless given) row by row while reading, and the format ("csv" or "xlsx").
    When a `headers` list is given, the first row is the header: the list receives its normalised
    names, which also name the columns in error messages."""
    data, filename = read_bytes(source, filename)
    limits = limits or import_limits()
    suffix = Path(filename).suffix.lower()
    if data.startswith(OLE_MAGIC) or suffix == ".xls":
        raise ReadError(_("The old Excel format (.xls) is not supported; save the file as .xlsx or CSV UTF-8."))
    if not data.startswith(XLSX_MAGIC) and suffix in (".xlsx", ".xlsm"):
        raise ReadError(_("The file is named .xlsx but is not an Excel workbook."))
    file_format = "xlsx" if data.startswith(XLSX_MAGIC) else "csv"
    iterate = _xlsx_records if file_format == "xlsx" else _csv_records
    records = []
    try:
        for index, line, cells in iterate(data, limits):
            check_row_count(index - 1, line, limits)
            cells = check_row(cells, line, limits, headers)
            if index == 1 and headers is not None:
                headers.extend(_trim_headers([normalise_header(cell) for cell in cells]))
            records.append((index, [normalise(cell) for cell in cells]))
    except LimitExceeded as exc:
        raise ReadError.from_limit(exc) from None
    if not records:
        raise ReadError(_("The file is empty."))
    return records, file_format


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


def _csv_records(data: bytes, limits: SheetLimits) -> Iterator[tuple[int, int, list]]:
    """(row number, physical line, cells) of each CSV record, read one at a time."""
    text = _decode(data)
    if not text.strip():
        raise ReadError(_("The file is empty."))
    if "\x00" in text:  # a binary file, or UTF-16 read as UTF-8; PostgreSQL cannot store NUL in text either
        line = text[: text.index("\x00")].count("\n") + 1
        raise ReadError(_("The file holds a NUL character at line %(line)d: it is not a CSV text file. Save it as "
                          "\"CSV UTF-8\" and try again.") % {"line": line}, line=line)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line))
    del text
    try:
        for index, record in enumerate(reader, start=1):
            yield index, reader.line_num, record
    except csv.Error as exc:  # csv's own field limit (128 K characters) is above ours: the same refusal
        if "field larger than field limit" in str(exc):
            raise cell_too_long(limits, line=reader.line_num) from None
        raise ReadError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from None


def _xlsx_records(data: bytes, limits: SheetLimits) -> Iterator[tuple[int, int, list]]:
    """(row number, row number, cells) of each row of the first sheet, streamed (openpyxl read-only) once
    the archive passed check_archive."""
    from openpyxl import load_workbook  # heavy; only when an .xlsx arrives

    try:
        check_archive(data, limits)  # before openpyxl unpacks anything
    except (LimitExceeded, ReadError):
        raise
    except Exception as exc:  # BadZipFile, zlib.error, bad CRC…: a damaged file
        raise ReadError(_("The Excel workbook cannot be read: %(error)s") % {"error": exc}) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, zlib.error, KeyError, XML errors…: all a damaged file
        raise ReadError(_("The Excel workbook cannot be read: %(error)s") % {"error": exc}) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong dimension; read to the real end
        for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield index, index, row
    except (ReadError, LimitExceeded):
        raise
    except Exception as exc:  # a damaged workbook fails lazily, deep in zlib/XML/openpyxl
        raise ReadError(_("The Excel workbook cannot be read: %(error)s") % {"error": exc}) from None
    finally:
        workbook.close()


def _trim_headers(headers: list[str]) -> list[str]:
    while headers and not headers[-1]:
        headers.pop()
    return headers
