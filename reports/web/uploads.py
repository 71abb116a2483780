"""Workbooks in a year folder: what may be uploaded, where it goes, and the bin.

An upload is accepted only when its name is a plain ``.xlsx``, ``.ods`` or ``.xls``
file name (no folders, no ``..``, not hidden) and its bytes are a real workbook of
one of these kinds. It is written atomically into ``inputs/YEAR/`` and nowhere else;
a workbook it replaces, and a workbook removed from the page, goes to the year's
``.kosz/`` folder (hidden, so the check never reads it), never deleted, and can be
put back (:func:`restore`). An annotated copy („…-do-poprawy.xlsx”, see
:mod:`reports.inputs.marks`) takes its original's place: it is stored under the
original's name, and the original goes to ``.kosz/``.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath

from reports.inputs.marks import copy_of
from reports.inputs.workbook import SUFFIXES
from reports.publish.output import write_atomic

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: The largest request: a form with uploads (several files, of which none over the limit).
MAX_REQUEST_BYTES = 2 * MAX_UPLOAD_BYTES
TRASH = ".kosz"

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
#: Names Windows reserves for devices, with any extension (``con.xlsx`` is the console).
_RESERVED = re.compile(r"(?i)con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_TYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}_\d{6}(?:-\d+)?_(.+)")


class Refused(ValueError):
    """An upload or removal that is not allowed; the message is Polish and says why."""


def safe_name(name: str) -> str:
    """The workbook's file name, NFC-normalised, or :class:`Refused` with the reason.

    >>> safe_name("  Wydział Kultury.xlsx ")
    'Wydział Kultury.xlsx'
    >>> safe_name("../rejestr.xlsx")
    Traceback (most recent call last):
    ...
    reports.web.uploads.Refused: Nazwa pliku „../rejestr.xlsx” zawiera niedozwolone znaki ...
    """
    clean = unicodedata.normalize("NFC", name.strip())
    if not clean:
        raise Refused("Plik nie ma nazwy. Nadaj mu nazwę, np. „wydzial-kultury.xlsx”.")
    if _FORBIDDEN.search(clean) or ".." in clean:
        raise Refused(
            f"Nazwa pliku „{clean}” zawiera niedozwolone znaki (np. / \\ : lub ..). "
            "Zmień nazwę na prostą, np. „wydzial-kultury.xlsx”."
        )
    if clean.startswith((".", "~$")):
        raise Refused(
            f"Plik „{clean}” jest plikiem ukrytym albo plikiem blokady arkusza. "
            "Wgraj sam skoroszyt z danymi."
        )
    suffix = PurePath(clean).suffix.lower()
    if suffix not in SUFFIXES or len(clean) == len(suffix):
        raise Refused(
            f"Plik „{clean}” nie jest skoroszytem (.xlsx, .ods ani .xls). Zapisz go w arkuszu "
            "kalkulacyjnym jako „Skoroszyt programu Excel (*.xlsx)” albo „Arkusz kalkulacyjny "
            "ODF (.ods)” i wgraj ponownie."
        )
    if _RESERVED.fullmatch(clean.split(".", 1)[0].rstrip(" ")):
        raise Refused(
            f"Nazwa „{clean}” jest zarezerwowana w systemie Windows (jak CON, NUL, COM1, "
            "LPT1), więc nie dałoby się tam otworzyć pliku. Zmień nazwę, np. na "
            "„wydzial-kultury.xlsx”."
        )
    if len(clean.encode()) > 200:
        raise Refused(f"Nazwa pliku „{clean[:40]}…” jest za długa. Skróć ją.")
    return clean


def is_workbook(data: bytes) -> bool:
    """Whether ``data`` is an Office Open XML workbook, an OpenDocument spreadsheet or an
    Excel 97–2003 file (judged by content, not by name).

    >>> is_workbook(b"PK\\x03\\x04 not really a zip"), is_workbook(_OLE_MAGIC + bytes(504))
    (False, True)
    """
    if data.startswith(_OLE_MAGIC):
        return True
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == _ODS_TYPE:
                return True
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def check_upload(name: str, data: bytes) -> str:
    """The safe name of an acceptable upload, or :class:`Refused` with the reason."""
    clean = safe_name(name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise Refused(
            f"Plik „{clean}” ma {len(data) / 1024 / 1024:.1f} MB; największy dozwolony "
            f"to {MAX_UPLOAD_BYTES // 1024 // 1024} MB."
        )
    if not is_workbook(data):
        raise Refused(
            f"Plik „{clean}” nie jest skoroszytem, choć tak się nazywa. Otwórz go w arkuszu "
            "kalkulacyjnym, zapisz jako „Skoroszyt programu Excel (*.xlsx)” i wgraj ponownie."
        )
    return clean


def _inside(folder: Path, name: str) -> Path:
    """``folder / name``, checked to be directly inside ``folder``."""
    target = folder / name
    if target.resolve().parent != folder.resolve() or target.is_symlink():
        raise Refused(f"Plik „{name}” musi leżeć w folderze roku.")
    return target


@dataclass(frozen=True)
class Stored:
    """Where an upload went: its name in the year folder and the workbooks it replaced."""

    name: str
    replaced: tuple[str, ...] = ()


def _original_name(clean: str, data: bytes) -> str:
    """The name an upload is stored under: its own, or for an annotated copy its
    original's (in the upload's own format).

    An ``.ods`` original of an ``.xlsx`` copy is replaced by ``name.xlsx``.
    """
    original = copy_of(io.BytesIO(data)) if data.startswith(_ZIP_MAGIC) else None
    if original is None:
        return clean
    stem = PurePath(original).stem
    return safe_name(stem + PurePath(clean).suffix.lower()) if stem else clean


def store(year_dir: Path, name: str, data: bytes, *, now: datetime | None = None) -> Stored:
    """Write an accepted upload into ``year_dir``; what it was stored as and what it replaced.

    A workbook it replaces (one of the same name, or the original of an annotated copy)
    is moved to ``.kosz/`` first.
    """
    clean = check_upload(name, data)
    target = _inside(year_dir, _original_name(clean, data))
    replaced = []
    original = copy_of(io.BytesIO(data)) if data.startswith(_ZIP_MAGIC) else None
    candidates = [target.name]
    if original is not None and original != target.name:
        candidates.append(original)
    for candidate in candidates:
        try:
            path = _inside(year_dir, safe_name(candidate))
        except Refused:
            continue
        if path.is_file():
            to_trash(year_dir, path.name, now=now)
            replaced.append(path.name)
    write_atomic(target, data)
    return Stored(target.name, tuple(replaced))


def to_trash(year_dir: Path, name: str, *, now: datetime | None = None) -> Path:
    """Move workbook ``name`` of ``year_dir`` into ``year_dir/.kosz/``, stamped with the time."""
    source = _inside(year_dir, safe_name(name))
    if not source.is_file():
        raise Refused(f"W folderze roku nie ma pliku „{name}”.")
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    trash = year_dir / TRASH
    if trash.is_symlink() or (trash.exists() and not trash.is_dir()):
        raise Refused(
            f"Folder „{TRASH}” w folderze roku nie jest zwykłym folderem (to dowiązanie albo "
            "plik), więc nie przeniesiono tam pliku. Poproś administratora o sprawdzenie go."
        )
    trash.mkdir(exist_ok=True)
    target = trash / f"{stamp}_{source.name}"
    counter = 1
    while target.exists():
        counter += 1
        target = trash / f"{stamp}-{counter}_{source.name}"
    os.replace(source, target)
    return target


def workbooks(year_dir: Path) -> list[Path]:
    """The workbooks the check reads in ``year_dir`` (hidden files and ``.kosz/`` left out)."""
    if not year_dir.is_dir():
        return []
    return sorted(
        (
            p
            for p in year_dir.iterdir()
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
        ),
        key=lambda p: p.name,
    )


@dataclass(frozen=True)
class Trashed:
    """A workbook in the year's ``.kosz/``: its file there, its own name and when it went."""

    file: str
    name: str
    when: str  # „2026-03-13 14:05”


def trashed(year_dir: Path) -> list[Trashed]:
    """The workbooks in ``year_dir/.kosz/``, the latest first."""
    trash = year_dir / TRASH
    if not trash.is_dir():
        return []
    found = []
    for path in trash.iterdir():
        m = _STAMP.fullmatch(path.name)
        if path.is_file() and m:
            stamp = path.name[:17]
            when = f"{stamp[:10]} {stamp[11:13]}:{stamp[13:15]}"
            found.append(Trashed(path.name, m[1], when))
    return sorted(found, key=lambda t: t.file, reverse=True)


def restore(year_dir: Path, file: str, *, now: datetime | None = None) -> Stored:
    """Put ``.kosz/file`` back under its own name; a workbook of that name goes to the bin."""
    m = _STAMP.fullmatch(file)
    source = year_dir / TRASH / file
    if not m or "/" in file or "\\" in file or not source.is_file():
        raise Refused(f"W koszu nie ma pliku „{file}”.")
    target = _inside(year_dir, safe_name(m[1]))
    replaced: tuple[str, ...] = ()
    if target.is_file():
        to_trash(year_dir, target.name, now=now)
        replaced = (target.name,)
    os.replace(source, target)
    return Stored(target.name, replaced)


def remove_year(year_dir: Path) -> None:
    """Remove a year folder that holds no workbook (and nothing in its bin)."""
    if workbooks(year_dir) or trashed(year_dir):
        raise Refused(
            f"Rok {year_dir.name} ma skoroszyty (albo pliki w koszu), więc go nie usuwam. "
            "Usuń najpierw jego skoroszyty."
        )
    others = [p for p in year_dir.iterdir() if p.name != TRASH]
    trash = year_dir / TRASH
    if others or (trash.is_dir() and any(trash.iterdir())):
        raise Refused(
            f"W folderze roku {year_dir.name} są inne pliki, więc go nie usuwam; usuń je ręcznie."
        )
    if trash.is_dir():
        trash.rmdir()
    year_dir.rmdir()
