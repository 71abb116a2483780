"""The python-calamine boundary: ``.ods`` (LibreOffice) and ``.xls`` (Excel 97–2003) files
in, the same :class:`~reports.inputs.xlsx.RawWorkbook` as an ``.xlsx`` gives out.

calamine reads a sheet as a grid of values from cell A1; this module turns it into
what :mod:`reports.inputs.xlsx` gives for the same cells, so that problems land on
the same rows and column letters and the report is the same:

* an empty cell (calamine's ``""``) is ``None``, and trailing empty cells of a row
  are dropped; rows without a value are left out (Excel's row numbers stay);
* a whole number stored as a float (``12.0``: the ODF and BIFF formats keep every
  number as a float) is an ``int``, as openpyxl reads ``12``;
* a date without a time is a ``datetime`` at midnight, as openpyxl gives it;
* a formula is read by the value the spreadsheet program saved with it (the
  ODF and BIFF formats always store one; calamine gives nothing else).

What calamine cannot tell apart: a cell showing an error (``#N/A``) reads as
empty, and a merged range holds its value in its first cell only, as in an
``.xlsx``. A file calamine cannot read gives one problem on the file. The bounds of
:mod:`reports.inputs.limits` hold as for an ``.xlsx``: the file's size and an
``.ods`` archive's parts before reading, then each sheet's rows, cells and texts.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from reports.inputs import limits
from reports.inputs.problems import Problem, problem
from reports.inputs.xlsx import CellValue, RawSheet, RawWorkbook, Rows, column_letter


def cell_value(value: Any) -> CellValue | None:
    """A calamine value as :mod:`reports.inputs.xlsx` reads the same cell.

    >>> cell_value(""), cell_value(12.0), cell_value(12.5), cell_value(date(2025, 3, 4))
    (None, 12, 12.5, datetime.datetime(2025, 3, 4, 0, 0))
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time | timedelta):
        return value
    return str(value)


def sheet_rows(grid: list[list[Any]]) -> Rows:
    """The non-empty rows of a grid read from A1, numbered as Excel shows them.

    >>> sheet_rows([["", ""], ["a", 1.0, ""], []])
    [(2, ('a', 1))]
    """
    rows: Rows = []
    for number, cells in enumerate(grid, start=1):
        values = [cell_value(v) for v in cells]
        while values and values[-1] is None:
            values.pop()
        if values:
            rows.append((number, tuple(values)))
    return rows


def _over_bounds(path: Path, name: str) -> Problem | None:
    """The file's size, and for an ``.ods`` its parts, against the bounds (nothing inflated)."""
    over = limits.file_problem(name, path.stat().st_size)
    if over is None and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            over = limits.archive_problem(archive, name)
    return over


def _sheet_problem(name: str, sheet: str, rows: Rows) -> Problem | None:
    """A sheet over the bounds of rows, cells or one cell's text."""
    cells = sum(len(values) for _, values in rows)
    over = limits.sheet_problem(name, sheet, len(rows), cells)
    if over is not None:
        return over
    for number, values in rows:
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > limits.MAX_TEXT:
                return limits.text_problem(
                    name, sheet, number, column_letter(index + 1), len(value)
                )
    return None


def read_workbook(path: Path, name: str) -> RawWorkbook:
    """Every sheet of an ``.ods`` or ``.xls`` file (never modifying it)."""
    from python_calamine import CalamineWorkbook

    try:
        over = _over_bounds(path, name)
        if over is not None:
            return RawWorkbook(path, name, problem=over)
        book = CalamineWorkbook.from_path(str(path))
        try:
            sheets = []
            for meta in book.sheets_metadata:
                if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                    continue  # chart sheets and macro sheets hold no cells
                grid = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
                rows = sheet_rows(grid)
                over = _sheet_problem(name, meta.name, rows)
                if over is not None:
                    return RawWorkbook(path, name, problem=over)
                hidden = str(meta.visible).rsplit(".", 1)[-1] != "Visible"
                sheets.append(RawSheet(meta.name, tuple(rows), hidden))
        finally:
            book.close()
    except Exception:  # the boundary: whatever calamine trips on is one problem on the file
        return RawWorkbook(path, name, problem=problem("file-unreadable", file=name))
    return RawWorkbook(path, name, tuple(sheets))
