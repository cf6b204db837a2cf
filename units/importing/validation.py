"""Check a table against its schema: the header first, then every cell of every row. Problems are
collected in the report; the rows that parsed cleanly are returned for the kind's own checks."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .parsers import CellError
from .readers import Table
from .report import ImportReport
from .schemas import OMIT, Schema


@dataclass
class ParsedRow:
    line: int
    values: dict[str, Any]  # only the columns present in the file (for a bad row: those that parsed)
    ok: bool = True


def check_header(schema: Schema, headers: list[str], report: ImportReport) -> bool:
    before = len(report.errors)
    seen = set()
    for position, name in enumerate(headers, start=1):
        if not name:
            report.add_error(1, str(position), _("This column has no heading."))
        elif name in seen:
            report.add_error(1, name, _("The column appears twice."))
        elif schema.column(name) is None:
            report.add_error(
                1, name,
                _("Unknown column; the columns for this kind are: %(columns)s.") % {"columns": ", ".join(schema.names)},
            )
        seen.add(name)
    for column in schema.columns:
        if column.required and column.name not in seen:
            report.add_error(1, column.name, _("The required column is missing."))
    if schema.one_of and not seen.intersection(schema.one_of):
        report.add_error(
            1, " / ".join(schema.one_of),
            _("The file needs a column %(columns)s.") % {"columns": _(" or ").join(schema.one_of)},
        )
    return len(report.errors) == before


def parse_rows(schema: Schema, table: Table, report: ImportReport) -> list[ParsedRow]:
    columns = [(index, schema.column(name)) for index, name in enumerate(table.headers)]
    width = len(table.headers)
    parsed = []
    for line, cells in table.rows:
        if all(cell is None or cell == "" for cell in cells):
            continue  # blank rows are skipped but keep their line numbers
        report.rows += 1
        values = {}
        ok = True
        for index, column in columns:
            raw = cells[index] if index < len(cells) else None
            if raw is None or raw == "":
                if not column.blank:
                    report.add_error(line, column.name, _("A value is required."))
                    ok = False
                if column.empty is not OMIT:
                    values[column.name] = column.empty
                continue
            try:
                values[column.name] = column.parser(raw)
            except CellError as exc:
                report.add_error(line, column.name, exc.message)
                ok = False
        if any(cell not in (None, "") for cell in cells[width:]):
            report.add_error(line, "", _("The row has values beyond the last column heading."))
            ok = False
        if schema.one_of:
            given = [name for name in schema.one_of if values.get(name) not in (None, "")]
            if len(given) != 1:
                message = _("Give exactly one of %(columns)s.") % {"columns": _(" or ").join(schema.one_of)}
                if given:
                    message = _("Give only one of %(columns)s, not both.") % {"columns": _(" or ").join(schema.one_of)}
                report.add_error(line, " / ".join(schema.one_of), message)
                ok = False
        parsed.append(ParsedRow(line, values, ok))
    return parsed
