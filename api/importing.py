"""Imports through the API: a JSON list of rows becomes the CSV file it stands for and goes through
units.importing.run_import, so the checks, the all-or-nothing rule and the row-numbered report are those
of a file import. Row n of the list is line n + 1 of that file (the header is line 1)."""

import csv
import io

from units.importing import SCHEMAS, ImportReport, run_import
from units.importing.limits import LimitExceeded, check_row_count, import_limits

SCALARS = (str, int, float, type(None))


class BadRows(ValueError):
    """The body is not a list of flat objects."""


def rows_to_csv(kind: str, rows) -> bytes:
    if not isinstance(rows, list):
        raise BadRows("The body must be a JSON list of row objects.")
    names = SCHEMAS[kind].names
    present = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise BadRows(f"Row {index} is not an object.")
        for key, value in row.items():
            if not isinstance(value, SCALARS) or isinstance(value, bool):
                raise BadRows(f"Row {index}, column {key}: the value must be a string, a number or null.")
            if key not in present:
                present.append(key)
    known = [name for name in names if name in present or SCHEMAS[kind].column(name).required]
    if not rows:
        known = [column.name for column in SCHEMAS[kind].columns if column.required]
    header = known + [key for key in present if key not in names]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(key) is None else str(row.get(key)) for key in header])
    return buffer.getvalue().encode("utf-8")


def import_rows(kind: str, rows, *, dry_run: bool = False) -> ImportReport:
    """Check and (unless dry_run or any row is bad) write the rows; raises BadRows for a malformed body."""
    if isinstance(rows, list):
        try:  # before building the CSV: the file import's row limit, refused as early
            check_row_count(len(rows), 0, import_limits())
        except LimitExceeded as exc:
            report = ImportReport(kind=kind, dry_run=dry_run)
            report.add_error(0, "", exc.message)
            return report
    data = rows_to_csv(kind, rows)
    return run_import(kind, io.BytesIO(data), dry_run=dry_run, filename=f"api-{kind}.csv")


def report_data(report: ImportReport) -> dict:
    return {
        "ok": report.ok, "dry_run": report.dry_run, "rows": report.rows, "created": report.created,
        "updated": report.updated, "unchanged": report.unchanged, "errors_omitted": report.omitted,
        "errors": [{"row": max(error.line - 1, 0), "line": error.line, "column": error.column,
                    "message": error.message} for error in report.errors],
    }
