"""Any workbook an office saves — ``.xlsx``, ``.ods``, ``.xls`` — read to the same cells.

The file's bytes, not its name, decide the reader: an Office Open XML workbook goes
to :mod:`reports.inputs.xlsx` (openpyxl), an OpenDocument spreadsheet or an Excel
97–2003 file to :mod:`reports.inputs.calamine`. Either gives a
:class:`~reports.inputs.xlsx.RawWorkbook`; raport's own marks of an annotated copy
are then set aside (:mod:`reports.inputs.marks`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from reports.inputs import calamine, xlsx
from reports.inputs.marks import unmarked
from reports.inputs.problems import problem
from reports.inputs.xlsx import RawWorkbook

#: The file name endings the year folders are read for.
SUFFIXES = (".xlsx", ".ods", ".xls")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_ODS_TYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def kind(path: Path) -> str | None:
    """``"xls"`` or ``"ods"`` when the bytes are one (an encrypted OLE file is neither),
    else None (left to the ``.xlsx`` reader, which names what is wrong)."""
    with path.open("rb") as f:
        head = f.read(8)
    if head == _OLE_MAGIC:
        return None if _ENCRYPTION_STREAM in path.read_bytes() else "xls"
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as archive:
                if archive.read("mimetype").strip() == _ODS_TYPE:
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            return None
    return None


def read_workbook(path: Path, name: str | None = None) -> RawWorkbook:
    """Every sheet of the workbook at ``path`` (never modifying it), raport's marks aside.

    ``name`` is how problems and sources refer to the file (default: its name).
    """
    name = name or path.name
    try:
        found = kind(path)
    except OSError as error:
        return RawWorkbook(
            path, name, problem=problem("file-unreadable", file=name, detail=error.strerror)
        )
    book = xlsx.read_workbook(path, name) if found is None else calamine.read_workbook(path, name)
    return unmarked(book)
