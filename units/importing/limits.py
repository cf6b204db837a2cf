"""Limits on every spreadsheet read (registry imports, the API's imports, the bulk nominee list), checked
before the content is parsed whole: a 300 KB workbook can unpack to gigabytes, and one cell can be 300 MB.

- XLSX: the zip members' declared and actual uncompressed sizes (streamed, never held), and the longest
  run of text in the sheet XML (a bound on any cell's length) are checked before openpyxl opens the file;
  then rows are streamed (read-only mode) and counted, and columns and cell lengths checked row by row.
- CSV: rows are read one by one, counted and checked the same way; reading stops at the first row past
  a limit.

Limits are settings (LAUREL_SHEET_*, LAUREL_IMPORT_MAX_ROWS, LAUREL_BULK_MAX_ROWS)."""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 1 << 16
MAX_MEMBERS = 10_000
# A character can take up to 10 bytes of XML ("&#x10FFFF;"); tags are short. A run of text longer than
# this between two "<" is a cell longer than the limit whatever its characters.
BYTES_PER_CHAR = 10
TAG_ALLOWANCE = 4096


class LimitExceeded(Exception):
    """A spreadsheet over a limit; `line` and `column` say where when known (line 0 = the whole file)."""

    def __init__(self, message: str, line: int = 0, column: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class SheetLimits:
    max_rows: int  # data rows, the header not counted
    max_columns: int
    max_cell_chars: int
    max_uncompressed_bytes: int

    @property
    def max_text_run_bytes(self) -> int:
        return self.max_cell_chars * BYTES_PER_CHAR + TAG_ALLOWANCE


def _limits(rows_setting: str) -> SheetLimits:
    return SheetLimits(
        max_rows=int(getattr(settings, rows_setting)),
        max_columns=int(settings.LAUREL_SHEET_MAX_COLUMNS),
        max_cell_chars=int(settings.LAUREL_SHEET_MAX_CELL_CHARS),
        max_uncompressed_bytes=int(settings.LAUREL_SHEET_MAX_UNCOMPRESSED_MB) * 1024 * 1024,
    )


def import_limits() -> SheetLimits:
    return _limits("LAUREL_IMPORT_MAX_ROWS")


def bulk_limits() -> SheetLimits:
    return _limits("LAUREL_BULK_MAX_ROWS")


def _too_large(limits: SheetLimits) -> LimitExceeded:
    return LimitExceeded(_("The workbook is too large once unpacked (more than %(mb)d MB); it may be damaged "
                           "or built to overload the server.")
                         % {"mb": limits.max_uncompressed_bytes // (1024 * 1024)})


def cell_too_long(limits: SheetLimits, line: int = 0, column: str = "") -> LimitExceeded:
    return LimitExceeded(_("A cell is longer than %(max)d characters.") % {"max": limits.max_cell_chars},
                         line=line, column=column)


def _scanned(name: str) -> bool:
    return name == "xl/sharedStrings.xml" or (name.startswith("xl/worksheets/") and name.endswith(".xml"))


def check_archive(data: bytes, limits: SheetLimits) -> None:
    """Refuse a workbook whose members unpack (as declared, or in fact) past the limit, or whose sheet XML
    holds a text longer than any allowed cell. Streams each member in 64 KB chunks."""
    archive = zipfile.ZipFile(io.BytesIO(data))  # BadZipFile is the caller's "cannot be read"
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS or sum(info.file_size for info in infos) > limits.max_uncompressed_bytes:
        raise _too_large(limits)
    total = 0
    for info in infos:
        scan = _scanned(info.filename)
        run = 0
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                total += len(chunk)
                if total > limits.max_uncompressed_bytes:
                    raise _too_large(limits)
                if not scan:
                    continue
                pieces = chunk.split(b"<")
                run += len(pieces[0])
                if len(pieces) > 1:
                    longest = max(run, max(len(piece) for piece in pieces[1:-1]) if len(pieces) > 2 else 0)
                    run = len(pieces[-1])
                else:
                    longest = run
                if max(longest, run) > limits.max_text_run_bytes:
                    raise cell_too_long(limits)


def check_row(cells: list, line: int, limits: SheetLimits, headers: list[str] | None = None) -> list:
    """The row, its trailing empty cells dropped; refused when it is too wide or has a cell too long."""
    width = len(cells)
    while width and cells[width - 1] in (None, ""):
        width -= 1
    if width > limits.max_columns:
        raise LimitExceeded(_("The row has more than %(max)d columns.") % {"max": limits.max_columns}, line=line)
    cells = list(cells[:width])
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > limits.max_cell_chars:
            name = headers[index] if headers and index < len(headers) else str(index + 1)
            raise cell_too_long(limits, line=line, column=name)
    return cells


def check_row_count(data_rows: int, line: int, limits: SheetLimits) -> None:
    if data_rows > limits.max_rows:
        raise LimitExceeded(_("The file has more than %(max)d rows; split it into smaller files.")
                            % {"max": limits.max_rows}, line=line)
