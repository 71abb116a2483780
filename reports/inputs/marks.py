"""raport's own marks in a workbook: how an annotated copy is told from the original.

:mod:`reports.publish.annotate` writes a copy „…-do-poprawy.xlsx” with a custom
document property :data:`COPY_OF` naming the original file, and a first sheet
„Problemy” whose header row is :data:`PROBLEMS_HEADERS`. Read back — fixed and
saved over the original, or uploaded on the page — the copy is its original:
:func:`unmarked` drops the „Problemy” sheet (recognised by its header row, whatever
its name, so also after LibreOffice saved the copy as ``.ods`` or ``.xls``) and
tells which file the copy was made of. The fills and comments on the marked cells
are formatting, which the reader never looks at.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from reports.inputs.xlsx import RawSheet, RawWorkbook
from reports.polish.text import normalize_text

#: The custom document property that names the original of an annotated copy.
COPY_OF = "raport-kopia-do-poprawy"

#: The header row of the „Problemy” sheet (the last column, the code, is hidden).
PROBLEMS_HEADERS = ("Rodzaj", "Arkusz", "Komórka", "Kolumna", "Wartość", "Co poprawić", "Kod")

#: What an annotated copy's name adds to the original's stem.
COPY_SUFFIX = "-do-poprawy"

_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


def copy_name(name: str) -> str:
    """The file name of the annotated copy of workbook ``name`` (always an ``.xlsx``).

    >>> copy_name("bwz.xlsx"), copy_name("kultura.ods"), copy_name("bwz-do-poprawy.xlsx")
    ('bwz-do-poprawy.xlsx', 'kultura-do-poprawy.xlsx', 'bwz-do-poprawy.xlsx')
    """
    stem = Path(name).stem
    return stem + ("" if stem.endswith(COPY_SUFFIX) else COPY_SUFFIX) + ".xlsx"


def is_problems_sheet(sheet: RawSheet) -> bool:
    """Whether ``sheet`` is the „Problemy” sheet of an annotated copy (by its header row)."""
    if not sheet.rows:
        return False
    number, values = sheet.rows[0]
    first = tuple(normalize_text(str(v)) if v is not None else "" for v in values)
    return number == 1 and first[:6] == PROBLEMS_HEADERS[:6]


def copy_of(source: Path | IO[bytes]) -> str | None:
    """The original's file name recorded in an annotated copy (``.xlsx`` or ``.ods``),
    given as its path or its open bytes."""
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if "docProps/custom.xml" in names:
                root = ElementTree.fromstring(archive.read("docProps/custom.xml"))
                for prop in root:
                    if prop.get("name") == COPY_OF:
                        return _plain_name("".join(prop.itertext()))
            if "meta.xml" in names:
                root = ElementTree.fromstring(archive.read("meta.xml"))
                for prop in root.iter(f"{_META}user-defined"):
                    if prop.get(f"{_META}name") == COPY_OF:
                        return _plain_name("".join(prop.itertext()))
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, ElementTree.ParseError):
        return None
    return None


def _plain_name(text: str) -> str | None:
    """A file name without folders, or None.

    >>> _plain_name(" bwz.xlsx "), _plain_name("../x.xlsx"), _plain_name("")
    ('bwz.xlsx', None, None)
    """
    text = text.strip()
    if not text or re.search(r"[/\\\x00]", text) or text.startswith("."):
        return None
    return text


def unmarked(book: RawWorkbook) -> RawWorkbook:
    """``book`` without raport's „Problemy” sheet, with :attr:`copy_of` read from the file."""
    if book.problem is not None:
        return book
    sheets = tuple(s for s in book.sheets if not is_problems_sheet(s))
    original = copy_of(book.path)
    if original is None and len(sheets) == len(book.sheets):
        return book
    return dataclasses.replace(book, sheets=sheets, copy_of=original)
