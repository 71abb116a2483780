"""Reproducible OOXML zips: fixed entry dates, order, permissions and compression.

The DOCX and the workbook embedded behind each of its charts are written here, so
that the same content and time stamp always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping
from io import BytesIO

__all__ = ["write_zip", "zip_date_time"]

_FIRST = ("[Content_Types].xml", "_rels/.rels")


def write_zip(entries: Mapping[str, bytes], when: dt.datetime) -> bytes:
    """A zip of ``entries`` (name → bytes) that depends only on them and ``when``.

    Every entry gets the date ``when`` (clamped to what zip can store), Unix
    permissions 0644, deflate level 6, and the order ``[Content_Types].xml``,
    ``_rels/.rels``, then the rest by name.

    >>> when = dt.datetime(2026, 3, 15, 10, 30, 45)
    >>> data = write_zip({"b": b"2", "_rels/.rels": b"", "a": b"1"}, when)
    >>> [i.filename for i in zipfile.ZipFile(BytesIO(data)).infolist()]
    ['_rels/.rels', 'a', 'b']
    >>> data == write_zip({"a": b"1", "b": b"2", "_rels/.rels": b""}, when)
    True
    """
    order = [name for name in _FIRST if name in entries]
    order += sorted(name for name in entries if name not in _FIRST)
    stamp = zip_date_time(when)
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the machine
            info.external_attr = 0o100644 << 16
            target.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()


def zip_date_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``when`` as a zip (MS-DOS) time stamp: years 1980–2107, even seconds.

    >>> zip_date_time(dt.datetime(2026, 3, 15, 10, 30, 45))
    (2026, 3, 15, 10, 30, 44)
    >>> zip_date_time(dt.datetime(1975, 6, 1))
    (1980, 1, 1, 0, 0, 0)
    """
    year = min(max(when.year, 1980), 2107)
    if year != when.year:
        return (year, 1, 1, 0, 0, 0)
    return (year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)
