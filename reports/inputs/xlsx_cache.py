"""Workbooks read before, kept in the build cache (:mod:`reports.cache`) by their bytes.

Reading a workbook (:mod:`reports.inputs.workbook`) is most of a check; a rebuild after a one-cell
edit reads again only the workbook that changed. An entry's key hashes the
file's bytes, this module, the reading modules (how cells are read) and the
versions of openpyxl and python-calamine; it holds the sheets
(:class:`reports.inputs.xlsx.RawSheet`) as JSON, each cell value tagged with its
type, so that a cached workbook is exactly what reading it gives. Files that cannot
be read (one problem on the file) are not cached: finding that out is cheap.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from reports.cache import Cache, key
from reports.inputs import workbook
from reports.inputs.limits import MAX_FILE_BYTES
from reports.inputs.xlsx import CellValue, ExcelError, FormulaWithoutValue, RawSheet, RawWorkbook

_FORMAT = "xlsx-sheets 2"
_READERS = ("xlsx.py", "limits.py", "calamine.py", "marks.py", "workbook.py")


@cache
def _reader() -> str:
    here = Path(__file__).resolve().parent
    versions = []
    for package in ("openpyxl", "python-calamine"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("-")
    return key(
        _FORMAT,
        *((here / module).read_bytes() for module in _READERS),
        Path(__file__).resolve().read_bytes(),
        *versions,
    )


def workbook_key(data: bytes) -> str:
    """The cache key of a workbook whose file holds ``data``."""
    return key(_reader(), data)


def _cell(value: CellValue | None) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, time):
        return {"t": value.isoformat()}
    if isinstance(value, timedelta):
        return {"td": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, ExcelError):
        return {"e": value.code}
    return {"f": value.formula}


def _value(cell: Any) -> CellValue | None:
    if not isinstance(cell, dict):
        if cell is None or isinstance(cell, str | bool | int | float):
            return cell
        raise ValueError(f"not a cell: {cell!r}")
    ((tag, value),) = cell.items()
    if tag == "dt":
        return datetime.fromisoformat(value)
    if tag == "d":
        return date.fromisoformat(value)
    if tag == "t":
        return time.fromisoformat(value)
    if tag == "td":
        return timedelta(days=value[0], seconds=value[1], microseconds=value[2])
    if tag == "e":
        return ExcelError(str(value))
    if tag == "f":
        return FormulaWithoutValue(str(value))
    raise ValueError(f"unknown cell tag: {tag}")


def encode(book: RawWorkbook) -> bytes:
    """The sheets of ``book`` as bytes (:func:`decode` gives them back).

    >>> book = RawWorkbook(Path("a.xlsx"), "a.xlsx", (RawSheet("Wizyty", ((2, ("x", 1.5)),)),))
    >>> decode(encode(book), Path("a.xlsx"), "a.xlsx") == book
    True
    """
    sheets: Any = [
        {
            "name": sheet.name,
            "hidden": sheet.hidden,
            "rows": [[number, [_cell(v) for v in values]] for number, values in sheet.rows],
        }
        for sheet in book.sheets
    ]
    found = {"sheets": sheets, "copy_of": book.copy_of}
    return json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()


def decode(data: bytes, path: Path, name: str) -> RawWorkbook:
    """The workbook :func:`encode` made ``data`` of; ValueError when it is not one."""
    try:
        found = json.loads(data)
        if not isinstance(found, dict) or not isinstance(found.get("sheets"), list):
            raise ValueError("a workbook has sheets")
        copy_of = found.get("copy_of")
        sheets = tuple(
            RawSheet(
                str(sheet["name"]),
                tuple(
                    (int(number), tuple(_value(v) for v in values))
                    for number, values in sheet["rows"]
                ),
                bool(sheet["hidden"]),
            )
            for sheet in found["sheets"]
        )
    except (KeyError, TypeError, AttributeError, UnicodeError) as error:
        raise ValueError(f"not a cached workbook: {error}") from error
    return RawWorkbook(path, name, sheets, copy_of=None if copy_of is None else str(copy_of))


def load(store: Cache, entry: str, path: Path, name: str) -> RawWorkbook | None:
    """The workbook cached under ``entry``, or None (a damaged entry is deleted)."""
    data = store.get(entry)
    if data is None:
        return None
    try:
        return decode(data, path, name)
    except ValueError:
        store.discard(entry)
        return None


def read_workbook(
    path: Path, name: str | None = None, *, cache: Cache | None = None
) -> RawWorkbook:
    """:func:`reports.inputs.workbook.read_workbook`, through ``cache`` when one is given: a
    workbook with the same bytes read before comes from it. A file that changes while
    it is read is not cached."""
    name = name or path.name
    if cache is None:
        return workbook.read_workbook(path, name)
    try:
        before = path.stat()
        if before.st_size > MAX_FILE_BYTES:  # refused by the reader without reading it
            return workbook.read_workbook(path, name)
        data = path.read_bytes()
    except OSError:
        return workbook.read_workbook(path, name)
    entry = workbook_key(data)
    cached = load(cache, entry, path, name)
    if cached is not None:
        return cached
    book = workbook.read_workbook(path, name)
    try:
        after = path.stat()
    except OSError:
        return book
    unchanged = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
    if book.problem is None and unchanged and len(data) == after.st_size:
        cache.put(entry, encode(book))
    return book
