"""Tables written as CSV and XLSX files, each saying who it is for.

Every file starts with the table's title and notes: whether its counts are exact (for the
partnership) or suppressed (for sharing outside it), whose families and what period they
cover; then the table. Text cells
are neutralised so that no cell runs as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from righthelp.exports.disclosure import neutralised, runs_as_formula
from righthelp.exports.tables import Cell, Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _preamble(table: Table, notes: Sequence[str], made_on: dt.date) -> list[list[Cell]]:
    lines: list[list[Cell]] = [[table.title]]
    lines += [[note] for note in notes]
    if table.note:
        lines.append([table.note])
    lines.append([f"Made on {made_on:%d %B %Y}"])
    lines.append([])
    return lines


def _csv_cell(cell: Cell) -> Cell:
    return neutralised(cell) if isinstance(cell, str) else cell


def write_csv(table: Table, *, notes: Sequence[str], made_on: dt.date) -> bytes:
    """UTF-8 with a byte order mark, so spreadsheets read accents and dashes right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for line in _preamble(table, notes, made_on):
        writer.writerow([_csv_cell(cell) for cell in line])
    writer.writerow([_csv_cell(cell) for cell in table.header])
    for row in table.rows:
        writer.writerow([_csv_cell(row.label), *(_csv_cell(cell) for cell in row.cells)])
    return out.getvalue().encode("utf-8-sig")


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Table"


def write_xlsx(table: Table, *, notes: Sequence[str], made_on: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    if sheet is None:  # a new workbook always has one sheet
        raise RuntimeError("openpyxl made a workbook without a sheet")
    sheet.title = _sheet_title(table.title)
    lines: list[list[Cell]] = [*_preamble(table, notes, made_on), list(table.header)]
    lines += [[row.label, *row.cells] for row in table.rows]
    for row_number, line in enumerate(lines, start=1):
        for column_number, value in enumerate(line, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = value
            if isinstance(value, str):
                # openpyxl takes text starting with = as a formula: force plain text, and
                # mark it with Excel's quote prefix so editing it keeps it text.
                cell.data_type = "s"
                if runs_as_formula(value):
                    cell.quotePrefix = True
    header_row = len(lines) - len(table.rows)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    for column_number in range(1, len(table.header) + 1):
        sheet.cell(row=header_row, column=column_number).font = Font(bold=True)
    sheet.column_dimensions["A"].width = min(
        max([len(str(row.label)) for row in table.rows] + [len(table.row_heading), 12]) + 2, 80
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
