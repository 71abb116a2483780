"""Excel 2010 drop-downs, carried from a workbook into its rewritten copy as raw XML.

Excel writes a drop-down whose list lives on another sheet (as in the blank
workbook of ``raport new``, whose lists are on „Listy”) not in the sheet's
``<dataValidations>`` but in an extension, ``<extLst><ext uri="{CCE6A557-…}">``
with ``x14:dataValidation`` elements. openpyxl drops extensions when it
rewrites a workbook, so :func:`validation_extensions` takes them from the
original, by sheet title, and :func:`with_extensions` puts them back into the
rewritten file's sheets. The extension is self-contained (its own namespace
declarations are added when the original declared them on the root).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

#: An Excel 2010 data-validation extension of a worksheet (unprefixed, as Excel writes it).
_VALIDATIONS = re.compile(
    rb"<ext\b[^>]*\{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF\}[^>]*>.*?</ext>", re.DOTALL
)
_NAMESPACES = {
    b"x14": b"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
    b"xm": b"http://schemas.microsoft.com/office/excel/2006/main",
}


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → the part that holds the sheet (``xl/worksheets/sheet1.xml``)."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_RELS}Relationship")}
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"))
        name = sheet.get("name")
        if target and name:
            parts[name] = target[1:] if target.startswith("/") else f"xl/{target}"
    return parts


def _declared(fragment: bytes) -> bytes:
    """The extension with the namespaces it uses declared on itself."""
    head, rest = fragment.split(b">", 1)
    for prefix, uri in _NAMESPACES.items():
        if b"xmlns:" + prefix + b"=" not in fragment and prefix + b":" in rest:
            head += b" xmlns:" + prefix + b'="' + uri + b'"'
    return head + b">" + rest


def validation_extensions(path: Path) -> dict[str, bytes]:
    """Sheet title → its Excel 2010 data-validation extension(s), for sheets that have any."""
    found: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for title, part in sheet_parts(archive).items():
                try:
                    xml = archive.read(part)
                except KeyError:
                    continue
                fragments = [_declared(m[0]) for m in _VALIDATIONS.finditer(xml)]
                if fragments:
                    found[title] = b"".join(fragments)
    except (zipfile.BadZipFile, OSError):
        return {}
    return found


def with_extensions(data: bytes, extensions: Mapping[str, bytes]) -> bytes:
    """``data`` (an xlsx file) with ``extensions`` appended to the sheets of those titles.

    >>> with_extensions(b"not touched", {})
    b'not touched'
    """
    if not extensions:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {
        part: extensions[title]
        for title, part in sheet_parts(source).items()
        if title in extensions
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            ext = parts.get(info.filename)
            if ext is not None:
                if b"</extLst>" in content:
                    content = content.replace(b"</extLst>", ext + b"</extLst>", 1)
                else:
                    content = content.replace(
                        b"</worksheet>", b"<extLst>" + ext + b"</extLst></worksheet>", 1
                    )
            target.writestr(info, content)
    return out.getvalue()
