"""The report as an XLSX workbook: one sheet per section, bold headers, money formatted, and every text
cell that a spreadsheet would read as a formula (= + - @, tab, carriage return) neutralised."""

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from nominations.services.exports import spreadsheet_cell

from .sections import Section

MONEY_FORMAT = "#,##0"
DATE_FORMAT = "DD/MM/YYYY"


safe_cell = spreadsheet_cell  # one rule for every workbook the app writes


def _sheet_title(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Sheet"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]} {n}", n + 1
    used.add(name)
    return name


def workbook_bytes(sections: list[Section], title: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    used: set[str] = set()
    bold = Font(bold=True)
    for section in sections:
        sheet = workbook.create_sheet(_sheet_title(section.title, used))
        sheet.append([safe_cell(section.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([safe_cell(header) for header in section.headers])
        for cell in sheet[2]:
            cell.font = bold
        for row in section.rows:
            sheet.append([safe_cell(value) for value in row])
        for row in sheet.iter_rows(min_row=3):
            for index, cell in enumerate(row):
                if index in section.money_columns and isinstance(cell.value, int):
                    cell.number_format = MONEY_FORMAT
                elif isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
        if section.rows:
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        sheet.freeze_panes = "A3"
        for index, header in enumerate(section.headers, start=1):
            width = max([len(str(header))] + [len(str(row[index - 1])) for row in section.rows]) + 2
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
