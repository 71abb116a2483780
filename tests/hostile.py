"""Hostile workbooks built in code: zip bombs and sheets past the reader's bounds.

:func:`zip_bomb` writes a real ``.xlsx`` whose sheet inflates to ``inflated`` bytes of
rows while the file stays a few MB: the sheet's deflate stream is one compressed chunk
of rows repeated (a full flush between chunks makes each chunk's bytes the same). The
zip is written by hand so that its directory may declare any size (``declared``), as an
attacker's would.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Wizyty" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Data od</t></is></c></row>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _rows_stream(inflated: int) -> tuple[bytes, int]:
    """A raw deflate stream of a sheet of about ``inflated`` bytes, and its real size."""
    row = b'<row><c t="inlineStr"><is><t>gosc</t></is></c></row>'
    chunk = row * (1024 * 1024 // len(row))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(_SHEET_HEAD.encode()) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeats = max(1, inflated // len(chunk))
    tail = compressor.compress(_SHEET_TAIL.encode()) + compressor.flush()
    size = len(_SHEET_HEAD) + repeats * len(chunk) + len(_SHEET_TAIL)
    return head + block * repeats + tail, size


def write_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip of ``(name, deflated data, crc32, declared size)`` entries, written by hand."""
    local, central = bytearray(), bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode()
        offset = len(local)
        fields = (20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + encoded + data
        central += (
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, offset)
            + encoded
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(local), 0
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(local + central + end))
    return path


def _part(name: str, text: str) -> tuple[str, bytes, int, int]:
    data = text.encode()
    return name, _deflate(data), zlib.crc32(data), len(data)


def zip_bomb(path: Path, inflated: int, declared: int | None = None) -> Path:
    """An ``.xlsx`` whose sheet inflates to about ``inflated`` bytes; its directory says
    ``declared`` (default: the truth). The sheet's CRC is left at 0 (not computed over
    gigabytes): a reader that checked it would have inflated everything first."""
    stream, size = _rows_stream(inflated)
    return write_zip(
        path,
        [
            _part("[Content_Types].xml", _CONTENT_TYPES),
            _part("_rels/.rels", _RELS),
            _part("xl/workbook.xml", _WORKBOOK),
            _part("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", stream, 0, size if declared is None else declared),
        ],
    )


def many_rows(path: Path, rows: int, columns: int = 1) -> Path:
    """An ``.xlsx`` whose one sheet („Wizyty”) has ``rows`` rows of ``columns`` numbers."""
    cells = "".join(f"<c><v>{n}</v></c>" for n in range(columns))
    body = f"<row>{cells}</row>" * rows
    return write_zip(
        path,
        [
            _part("[Content_Types].xml", _CONTENT_TYPES),
            _part("_rels/.rels", _RELS),
            _part("xl/workbook.xml", _WORKBOOK),
            _part("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            _part("xl/worksheets/sheet1.xml", _SHEET_HEAD + body + _SHEET_TAIL),
        ],
    )


def long_text(path: Path, length: int) -> Path:
    """An ``.xlsx`` whose sheet „Wizyty” has a text of ``length`` characters in D2
    (openpyxl itself cuts a text at Excel's 32 767 characters, so it is written here)."""
    cell = f'<row r="2"><c r="D2" t="inlineStr"><is><t>{"x" * length}</t></is></c></row>'
    return write_zip(
        path,
        [
            _part("[Content_Types].xml", _CONTENT_TYPES),
            _part("_rels/.rels", _RELS),
            _part("xl/workbook.xml", _WORKBOOK),
            _part("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            _part("xl/worksheets/sheet1.xml", _SHEET_HEAD + cell + _SHEET_TAIL),
        ],
    )
