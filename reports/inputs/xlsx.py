"""The openpyxl boundary: an ``.xlsx`` file in, sheets of plain cell values out.

The module that reads workbooks with openpyxl (only :mod:`reports.publish.annotate`,
which writes marked copies, and :mod:`reports.publish.newbook`, which writes the blank
workbook, use it too). It turns a file into a
:class:`RawWorkbook` — every sheet's non-empty rows with their Excel row
numbers — and nothing else: no schema, no types beyond what the cell holds.

* Workbooks are opened read-only (streamed, fast) and never written.
* A formula cell is read by its cached value. Formulas are only looked for in
  a first pass that reads the formulas themselves; when a sheet has any, the
  file is opened a second time for the cached values of that sheet. A formula
  with no cached value becomes :class:`FormulaWithoutValue`; a cell showing an
  Excel error (``#N/A``, ``#DIV/0!``) becomes :class:`ExcelError`.
* Every workbook is bounded (:mod:`reports.inputs.limits`): the file's size and
  the sizes its zip directory declares are checked before anything is inflated;
  rows, cells and the length of each text while a sheet is read. A workbook over
  a bound is one problem naming the file and the bound.
* Text is decoded of Office Open XML's ``_xHHHH_`` escapes (``_x000D_`` is a
  carriage return), which openpyxl leaves in place.
* A file that is not a readable workbook (empty, a corrupt zip, a
  password-protected file, an ``.xls`` or ``.ods`` renamed to ``.xlsx``) gives
  one :class:`~reports.inputs.problems.Problem` on that file, never an exception.
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from reports.inputs import limits
from reports.inputs.problems import Problem, problem


@dataclass(frozen=True, slots=True)
class ExcelError:
    """A cell that shows an Excel error value, e.g. ``#N/A`` or ``#DIV/0!``."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class FormulaWithoutValue:
    """A formula cell saved without its computed value (e.g. written by a script)."""

    formula: str

    def __str__(self) -> str:
        return self.formula


#: What a cell may hold once read.
CellValue = (
    str | int | float | bool | datetime | date | time | timedelta | ExcelError | FormulaWithoutValue
)


@dataclass(frozen=True)
class RawSheet:
    """One sheet: its name as in the workbook and its non-empty rows.

    ``rows`` holds ``(excel_row_number, values)`` for every row with at least
    one non-empty cell; ``values[0]`` is column A. Rows may differ in length.
    """

    name: str
    rows: tuple[tuple[int, tuple[CellValue | None, ...]], ...]
    hidden: bool = False


@dataclass(frozen=True)
class RawWorkbook:
    """A workbook's sheets, or the one problem that kept the file from being read."""

    path: Path
    name: str  # the file as problems and sources name it (relative to inputs/)
    sheets: tuple[RawSheet, ...] = ()
    problem: Problem | None = None
    copy_of: str | None = None  # an annotated copy: its original's file name


@lru_cache(maxsize=256)
def column_letter(index: int) -> str:
    """Excel column letter of a 1-based column index.

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

#: What a file with the .xlsx extension really is, as ``file-wrong-format`` names it.
_XLS = "plik starego formatu Excel 97–2003 (.xls)"
_ODS = "arkusz OpenDocument (.ods)"
_OTHER = "nie skoroszyt Excela, a inny plik (może dokument Worda)"


def _sniff(path: Path, name: str) -> Problem | None:
    """A problem when the bytes show the file cannot be an ``.xlsx`` workbook, or when
    it is over the bounds of :mod:`reports.inputs.limits` (before anything is inflated)."""
    with path.open("rb") as f:
        too_large = limits.file_problem(name, os.fstat(f.fileno()).st_size)
        if too_large is not None:
            return too_large
        head = f.read(8)
    if not head:
        return problem("file-empty", file=name)
    if head == _OLE_MAGIC:
        if _ENCRYPTION_STREAM in path.read_bytes():
            return problem("file-encrypted", file=name)
        return problem("file-wrong-format", file=name, format=_XLS)
    if head[:4] not in _ZIP_MAGIC:
        return _unreadable(name)
    try:
        with zipfile.ZipFile(path) as archive:
            over = limits.archive_problem(archive, name)
            if over is not None:
                return over
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument"
            ):
                return problem("file-wrong-format", file=name, format=_ODS)
            if "xl/workbook.xml" not in names:
                return problem("file-wrong-format", file=name, format=_OTHER, other=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return _unreadable(name)
    return None


def _unreadable(name: str, detail: str | None = None) -> Problem:
    return problem("file-unreadable", file=name, detail=detail)


Rows = list[tuple[int, tuple[CellValue | None, ...]]]


class _OverLimit(Exception):
    """A sheet over a bound of :mod:`reports.inputs.limits`: the workbook is refused."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.code)
        self.problem = found


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Text with the ``_xHHHH_`` escapes of Office Open XML decoded (``_x005F_`` is
    the escape of ``_`` itself, so ``_x005F_x000D_`` stays ``_x000D_``).

    >>> unescape("a_x000D_b"), unescape("_x005F_x000D_"), unescape("x_1_")
    ('a\\rb', '_x000D_', 'x_1_')
    """
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)


def _read_rows(ws: Any, name: str) -> tuple[Rows, set[tuple[int, int]]]:
    """Non-empty rows of a read-only sheet, and where its formulas are.

    Raises :class:`_OverLimit` as soon as the sheet passes a bound (rows with data,
    cells read, a cell's text).
    """
    ws.reset_dimensions()  # trust the cells, not a (possibly wrong) dimension tag
    rows: Rows = []
    formulas: set[tuple[int, int]] = set()
    cells_read = 0
    for number, cells in enumerate(ws.iter_rows(), start=1):
        values: list[CellValue | None] = []
        filled = False
        for cell in cells:
            value = cell.value
            if value is not None:
                filled = True
                kind = cell.data_type
                if kind == "f":
                    formulas.add((number, len(values)))
                elif kind == "e":
                    value = ExcelError(str(value))
                elif isinstance(value, str):
                    value = _text(value, name, ws.title, number, len(values))
            values.append(value)
        cells_read += len(values)
        if filled:
            rows.append((number, tuple(values)))
        over = limits.sheet_problem(name, ws.title, len(rows), cells_read)
        if over is not None:
            raise _OverLimit(over)
    return rows, formulas


def _text(value: str, name: str, sheet: str, row: int, index: int) -> str:
    """A cell's text, decoded, or :class:`_OverLimit` when it is too long."""
    over = limits.text_problem(name, sheet, row, column_letter(index + 1), len(value))
    if over is not None:
        raise _OverLimit(over)
    return unescape(value)


def _with_cached_values(
    path: Path, name: str, pending: dict[str, tuple[Rows, set[tuple[int, int]]]]
) -> None:
    """Replace formulas by their cached values: one data-only read of the file.

    ``pending`` maps a sheet title to its rows and formula positions
    ``(row, index)``; its rows are patched in place.
    """
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        for title, (rows, formulas) in pending.items():
            wanted = {r for r, _ in formulas}
            cached: dict[tuple[int, int], CellValue | None] = {}
            ws = book[title]
            ws.reset_dimensions()
            for number, cells in enumerate(ws.iter_rows(), start=1):
                if number in wanted:
                    for index, cell in enumerate(cells):
                        if (number, index) in formulas and cell.value is not None:
                            value = cell.value
                            if cell.data_type == "e":
                                value = ExcelError(str(value))
                            elif isinstance(value, str):
                                value = _text(value, name, title, number, index)
                            cached[(number, index)] = value
            for position, (number, values) in enumerate(rows):
                if number in wanted:
                    rows[position] = (
                        number,
                        tuple(
                            cached.get((number, index), FormulaWithoutValue(str(value)))
                            if (number, index) in formulas
                            else value
                            for index, value in enumerate(values)
                        ),
                    )
    finally:
        book.close()


def read_workbook(path: Path, name: str | None = None) -> RawWorkbook:
    """Read every sheet of an ``.xlsx`` file (never modifying it).

    ``name`` is how problems and sources refer to the file (default: its name).
    :func:`reports.inputs.xlsx_cache.read_workbook` reads through the build cache.
    """
    name = name or path.name
    try:
        sniffed = _sniff(path, name)
    except OSError as error:
        return RawWorkbook(path, name, problem=_unreadable(name, error.strerror))
    if sniffed is not None:
        return RawWorkbook(path, name, problem=sniffed)

    from openpyxl import load_workbook

    read: list[tuple[str, Rows, bool]] = []
    pending: dict[str, tuple[Rows, set[tuple[int, int]]]] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
            try:
                for ws in book.worksheets:
                    rows, formulas = _read_rows(ws, name)
                    if formulas:
                        pending[ws.title] = (rows, formulas)
                    read.append((ws.title, rows, getattr(ws, "sheet_state", "") != "visible"))
            finally:
                book.close()
            if pending:
                _with_cached_values(path, name, pending)
    except _OverLimit as over:
        return RawWorkbook(path, name, problem=over.problem)
    except Exception:  # the boundary: whatever openpyxl trips on is one problem on the file
        return RawWorkbook(path, name, problem=_unreadable(name))
    sheets = tuple(RawSheet(title, tuple(rows), hidden) for title, rows, hidden in read)
    return RawWorkbook(path, name, sheets)
