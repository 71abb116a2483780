"""Bounds on what a workbook may hold, so that no file can exhaust the machine.

Each bound is an order of magnitude (or more) above what a real city's year needs.
Measured on ``benchmarks/synth.py``'s year of 5000 records (the largest a city of
Kalisz's size would keep in ten years): its largest workbook is 140 kB, its largest
part (a sheet's XML) 530 kB, its largest sheet 900 rows (2000 if one workbook held all
the visits) and 8000 cells, its longest text 449 characters (the Metryczka's Wstęp).

A workbook over a bound is refused as a whole with one problem that names the file and
the bound (:func:`archive_problem`, and the reader while it reads the sheets); the rest
of the year is still checked. Python's :mod:`zipfile` never inflates a part past the
size its directory declares (it stops there and the part fails its CRC check), so the
declared sizes bound the real ones.

Amounts and whole numbers are bounded too (:data:`MAX_AMOUNT`, :data:`MAX_WHOLE`):
whatever the check accepts, the report can format.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal

from reports.inputs.problems import Problem, problem
from reports.polish.numbers import format_number, format_size

_MB = 1024 * 1024

#: A workbook file (compressed): the page takes uploads of at most 20 MB.
MAX_FILE_BYTES = 100 * _MB
#: One part of the workbook once inflated (a sheet's XML, the shared strings).
MAX_PART_BYTES = 64 * _MB
#: All parts of the workbook once inflated.
MAX_TOTAL_BYTES = 256 * _MB
#: Parts (files inside the zip) of a workbook; a real one has a few dozen.
MAX_PARTS = 10_000
#: Rows with data in one sheet (25 times a 5000-record year's visits in one sheet).
MAX_ROWS = 50_000
#: Cells read in one sheet, the empty ones between filled cells included.
MAX_CELLS = 1_000_000
#: Characters in one cell: what Excel itself allows in a cell.
MAX_TEXT = 32_767
#: An amount of money (exclusive): a trillion; a city's whole yearly budget is a few billion.
MAX_AMOUNT = Decimal(10) ** 12
#: A whole number (exclusive): a billion people or participants.
MAX_WHOLE = 10**9


def file_problem(name: str, size: int) -> Problem | None:
    """A problem when a workbook file of ``size`` bytes is over :data:`MAX_FILE_BYTES`."""
    if size <= MAX_FILE_BYTES:
        return None
    return problem(
        "file-too-large",
        file=name,
        what="plik",
        found=format_size(size),
        limit=format_size(MAX_FILE_BYTES),
    )


def archive_problem(archive: zipfile.ZipFile, name: str) -> Problem | None:
    """A problem when the zip's directory declares more than the bounds allow."""
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        return problem(
            "file-too-large",
            file=name,
            what="liczba części pliku",
            found=format_number(len(entries)),
            limit=format_number(MAX_PARTS),
        )
    total = 0
    for entry in entries:
        if entry.file_size > MAX_PART_BYTES:
            return problem(
                "file-too-large",
                file=name,
                what=f"część „{entry.filename}” po rozpakowaniu",
                found=format_size(entry.file_size),
                limit=format_size(MAX_PART_BYTES),
            )
        total += entry.file_size
    if total > MAX_TOTAL_BYTES:
        return problem(
            "file-too-large",
            file=name,
            what="plik po rozpakowaniu",
            found=format_size(total),
            limit=format_size(MAX_TOTAL_BYTES),
        )
    return None


def sheet_problem(name: str, sheet: str, rows: int, cells: int) -> Problem | None:
    """A problem when a sheet read so far has more rows or cells than the bounds allow."""
    if rows > MAX_ROWS:
        what, limit = "wierszy z danymi", MAX_ROWS
    elif cells > MAX_CELLS:
        what, limit = "komórek", MAX_CELLS
    else:
        return None
    return problem("sheet-too-large", file=name, sheet=sheet, what=what, limit=format_number(limit))


def text_problem(name: str, sheet: str, row: int, column: str, length: int) -> Problem | None:
    """A problem when a cell's text is longer than :data:`MAX_TEXT` characters."""
    if length <= MAX_TEXT:
        return None
    return problem(
        "text-too-long",
        file=name,
        sheet=sheet,
        row=row,
        column=column,
        length=format_number(length),
        limit=format_number(MAX_TEXT),
    )
