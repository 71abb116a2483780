"""Workbooks in a year folder: what may be uploaded, where it goes, and the bin.

An upload is accepted only when its name is a plain ``.xlsx`` file name (no
folders, no ``..``, not hidden) and its bytes are a real Office Open XML
workbook. It is written atomically into ``inputs/YEAR/`` and nowhere else; a
workbook it replaces, and a workbook removed from the page, goes to the year's
``.kosz/`` folder (hidden, so the check never reads it), never deleted.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

from reports.publish.output import write_atomic

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: The largest request: a form with uploads (several files, of which none over the limit).
MAX_REQUEST_BYTES = 2 * MAX_UPLOAD_BYTES
TRASH = ".kosz"

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
#: Names Windows reserves for devices, with any extension (``con.xlsx`` is the console).
_RESERVED = re.compile(r"(?i)con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]")
_ZIP_MAGIC = b"PK\x03\x04"


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
    if not clean.lower().endswith(".xlsx") or len(clean) == len(".xlsx"):
        raise Refused(
            f"Plik „{clean}” nie jest skoroszytem .xlsx. Zapisz go w arkuszu kalkulacyjnym "
            "jako „Skoroszyt programu Excel (*.xlsx)” i wgraj ponownie."
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


def is_xlsx(data: bytes) -> bool:
    """Whether ``data`` is an Office Open XML workbook (judged by content, not by name).

    >>> is_xlsx(b"PK\\x03\\x04 not really a zip")
    False
    """
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
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
    if not is_xlsx(data):
        raise Refused(
            f"Plik „{clean}” nie jest skoroszytem Excela (.xlsx), choć tak się nazywa. "
            "Otwórz go w arkuszu kalkulacyjnym, zapisz jako „Skoroszyt programu Excel "
            "(*.xlsx)” i wgraj ponownie."
        )
    return clean


def _inside(folder: Path, name: str) -> Path:
    """``folder / name``, checked to be directly inside ``folder``."""
    target = folder / name
    if target.resolve().parent != folder.resolve() or target.is_symlink():
        raise Refused(f"Plik „{name}” musi leżeć w folderze roku.")
    return target


def store(year_dir: Path, name: str, data: bytes, *, now: datetime | None = None) -> bool:
    """Write an accepted upload into ``year_dir``; True when it replaced a workbook.

    The replaced workbook is moved to ``.kosz/`` first.
    """
    target = _inside(year_dir, check_upload(name, data))
    replaced = target.is_file()
    if replaced:
        to_trash(year_dir, target.name, now=now)
    write_atomic(target, data)
    return replaced


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
            if p.is_file() and p.suffix.lower() == ".xlsx" and not p.name.startswith((".", "~$"))
        ),
        key=lambda p: p.name,
    )
