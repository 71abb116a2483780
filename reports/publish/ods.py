"""The blank workbook as an OpenDocument spreadsheet (``.ods``), written here as ODF XML.

:func:`ods_bytes` turns the openpyxl ``Workbook`` of :mod:`reports.publish.newbook`
into the file LibreOffice Calc saves natively (the interoperability regulation lists
ODF for public administration), with what an officer uses of it: the sheets in order
(„Listy” hidden), the cells (text, numbers, dates), bold and filled header rows,
column widths, date formats, the frozen header row, the drop-down lists and input
hints (ODF content validations) and the instruction sheet's A4 print range.

Only what the blank workbook holds is translated: it is not a general converter.
The bytes depend on the workbook alone (no dates, fixed ZIP times), so the same
workbook gives the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'office:version="1.3"'
)
_CM_PER_CHAR = 0.2  # a column width in characters (openpyxl) → centimetres

#: A cell's look: (bold, font size or None, fill colour or None, wrap, date).
Look = tuple[bool, float | None, str | None, bool, bool]
_PLAIN: Look = (False, None, None, False, False)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _ranges(sqref: Any) -> Iterator[tuple[int, int, int, int]]:
    """(min column, min row, max column, max row) of each range of a validation's sqref."""
    for part in str(sqref).split():
        m = re.fullmatch(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?", part.replace("$", ""))
        if m:
            c1, r1 = _column(m[1]), int(m[2])
            c2, r2 = (_column(m[3]), int(m[4])) if m[3] else (c1, r1)
            yield c1, r1, c2, r2


def _list_source(formula: str) -> str:
    """An openpyxl list source as an ODF range.

    >>> _list_source("'Listy'!$A$2:$A$31")
    '[$Listy.$A$2:.$A$31]'
    """
    sheet, cells = formula.rsplit("!", 1)
    start, _, end = cells.partition(":")
    name = sheet.strip("'")
    return f"[${name}.{start}:.{end or start}]"


def _condition(dv: Any) -> str | None:
    if dv.type == "list" and dv.formula1:
        return f"of:cell-content-is-in-list({_list_source(dv.formula1)})"
    if dv.type == "whole":
        return "of:cell-content-is-whole-number() and cell-content()>=0"
    if dv.type == "decimal":
        return "of:cell-content-is-decimal-number() and cell-content()>=0"
    return None


def _validation(name: str, sheet: str, dv: Any) -> str:
    condition = _condition(dv)
    attrs = f' table:name="{name}" table:allow-empty-cell="true"'
    attrs += f" table:base-cell-address={quoteattr(f'{sheet}.A1')}"
    if condition:
        attrs += f" table:condition={quoteattr(condition)}"
    if dv.type == "list":
        attrs += ' table:display-list="unsorted"'
    body = ""
    if dv.prompt:
        body += (
            f"<table:help-message table:title={quoteattr(dv.promptTitle or '')} "
            f'table:display="true"><text:p>{escape(dv.prompt)}</text:p></table:help-message>'
        )
    kind = {"stop": "stop", "warning": "warning"}.get(dv.errorStyle or "", "information")
    shown = "true" if dv.showErrorMessage and condition else "false"
    body += (
        f'<table:error-message table:message-type="{kind}" table:display="{shown}"'
        f" table:title={quoteattr(dv.errorTitle or '')}>"
        f"<text:p>{escape(dv.error or '')}</text:p></table:error-message>"
    )
    return f"<table:content-validation{attrs}>{body}</table:content-validation>"


def _look(cell: Any, column_date: bool) -> Look:
    font, fill = cell.font, cell.fill
    colour = fill.fgColor.rgb if fill is not None and fill.fill_type == "solid" else None
    is_date = column_date or "YY" in str(cell.number_format).upper()
    return (
        bool(font.b),
        float(font.sz) if font.sz and float(font.sz) != 11 else None,
        str(colour)[-6:] if isinstance(colour, str) else None,
        bool(cell.alignment.wrap_text),
        is_date,
    )


def _cell_xml(value: Any, style: str, validation: str | None) -> str:
    attrs = f' table:style-name="{style}"' if style else ""
    if validation:
        attrs += f' table:content-validation-name="{validation}"'
    if value is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, bool):
        text = "PRAWDA" if value else "FAŁSZ"
        kind = f'office:value-type="boolean" office:boolean-value="{str(value).lower()}"'
    elif isinstance(value, int | float):
        text, kind = str(value), f'office:value-type="float" office:value="{value}"'
    elif isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        text = day.strftime("%d.%m.%Y")
        kind = f'office:value-type="date" office:date-value="{day.isoformat()}"'
    else:
        text, kind = str(value), 'office:value-type="string"'
    return f"<table:table-cell{attrs} {kind}><text:p>{escape(text)}</text:p></table:table-cell>"


class _Writer:
    """Collects the automatic styles and validations while the sheets are written."""

    def __init__(self) -> None:
        self.looks: dict[Look, str] = {}
        self.widths: dict[str, str] = {}
        self.validations: list[str] = []

    def style(self, look: Look) -> str:
        if look == _PLAIN:
            return ""
        return self.looks.setdefault(look, f"ce{len(self.looks) + 1}")

    def width(self, cm: str) -> str:
        return self.widths.setdefault(cm, f"co{len(self.widths) + 1}")

    def sheet(self, ws: Any) -> str:
        title = ws.title
        checks: dict[tuple[int, int], str] = {}
        last_row = ws.max_row
        last_column = ws.max_column
        for dv in ws.data_validations.dataValidation:
            name = f"val{len(self.validations) + 1}"
            self.validations.append(_validation(name, title, dv))
            for c1, r1, c2, r2 in _ranges(dv.sqref):
                last_row, last_column = max(last_row, r2), max(last_column, c2)
                for row in range(r1, r2 + 1):
                    for column in range(c1, c2 + 1):
                        checks[(row, column)] = name
        from openpyxl.utils import get_column_letter

        date_columns = set()
        columns_xml = []
        for index in range(1, last_column + 1):
            dimension = ws.column_dimensions.get(get_column_letter(index))
            width = (dimension.width if dimension is not None and dimension.width else 10) or 10
            if dimension is not None and "YY" in str(dimension.number_format or "").upper():
                date_columns.add(index)
            name = self.width(f"{width * _CM_PER_CHAR:.2f}cm")
            columns_xml.append(f'<table:table-column table:style-name="{name}"/>')
        rows_xml: list[str] = []
        previous, repeat = "", 0
        for row in range(1, last_row + 1):
            cells = []
            for column in range(1, last_column + 1):
                cell = ws._cells.get((row, column))
                value = cell.value if cell is not None else None
                look = _look(cell, column in date_columns) if cell is not None else None
                if look is None:
                    look = (False, None, None, False, column in date_columns)
                cells.append(_cell_xml(value, self.style(look), checks.get((row, column))))
            while cells and cells[-1] == "<table:table-cell/>":
                cells.pop()
            xml = "".join(_squeezed(cells))
            if xml == previous:
                repeat += 1
                continue
            if repeat:
                rows_xml.append(_row(previous, repeat))
            previous, repeat = xml, 1
        if repeat:
            rows_xml.append(_row(previous, repeat))
        table_style = "taHidden" if ws.sheet_state != "visible" else "ta1"
        attrs = f"table:name={quoteattr(title)} table:style-name={quoteattr(table_style)}"
        if ws.print_area:
            area = str(ws.print_area).split("!")[-1].replace("$", "")
            start, _, end = area.partition(":")
            attrs += f" table:print-ranges={quoteattr(f'{title}.{start}:{title}.{end or start}')}"
        return f"<table:table {attrs}>{''.join(columns_xml)}{''.join(rows_xml)}</table:table>"

    def styles_xml(self) -> str:
        parts = [
            '<number:date-style style:name="N1"><number:day number:style="long"/>'
            '<number:text>.</number:text><number:month number:style="long"/>'
            '<number:text>.</number:text><number:year number:style="long"/></number:date-style>',
            '<style:style style:name="ta1" style:family="table" style:master-page-name="Default">'
            '<style:table-properties table:display="true"/></style:style>',
            '<style:style style:name="taHidden" style:family="table" '
            'style:master-page-name="Default"><style:table-properties table:display="false"/>'
            "</style:style>",
        ]
        for cm, name in self.widths.items():
            parts.append(
                f'<style:style style:name="{name}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{cm}"/></style:style>'
            )
        for (bold, size, fill, wrap, is_date), name in self.looks.items():
            data = ' style:data-style-name="N1"' if is_date else ""
            cell = f' fo:background-color="#{fill}"' if fill else ""
            cell += ' fo:wrap-option="wrap"' if wrap else ""
            text = ' fo:font-weight="bold"' if bold else ""
            text += f' fo:font-size="{size:g}pt"' if size else ""
            parts.append(
                f'<style:style style:name="{name}" style:family="table-cell"{data}>'
                f"<style:table-cell-properties{cell}/><style:text-properties{text}/></style:style>"
            )
        return "".join(parts)


def _squeezed(cells: list[str]) -> Iterator[str]:
    """Runs of equal cells as one cell repeated."""
    index = 0
    while index < len(cells):
        end = index
        while end + 1 < len(cells) and cells[end + 1] == cells[index]:
            end += 1
        count = end - index + 1
        cell = cells[index]
        if count > 1:
            cell = cell.replace(
                "<table:table-cell", f'<table:table-cell table:number-columns-repeated="{count}"', 1
            )
        yield cell
        index = end + 1


def _row(cells: str, repeat: int) -> str:
    attrs = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attrs}>{cells or '<table:table-cell/>'}</table:table-row>"


def _settings(book: Any) -> str:
    """LibreOffice's view settings: each sheet's frozen rows and the sheet it opens on."""
    tables = []
    for ws in book.worksheets:
        frozen = ws.freeze_panes
        if not frozen:
            continue
        rows = int(re.sub(r"[A-Z]", "", str(frozen))) - 1
        items = (
            '<config:config-item config:name="VerticalSplitMode" config:type="short">2'
            "</config:config-item>"
            f'<config:config-item config:name="VerticalSplitPosition" config:type="int">{rows}'
            "</config:config-item>"
            '<config:config-item config:name="ActiveSplitRange" config:type="short">2'
            "</config:config-item>"
            f'<config:config-item config:name="PositionBottom" config:type="int">{rows}'
            "</config:config-item>"
        )
        tables.append(
            f"<config:config-item-map-entry config:name={quoteattr(ws.title)}>{items}"
            "</config:config-item-map-entry>"
        )
    active = book.worksheets[book.index(book.active)].title if book.worksheets else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {_NS}>'
        '<office:settings><config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        '<config:config-item config:name="ViewId" config:type="string">view1</config:config-item>'
        f'<config:config-item config:name="ActiveTable" config:type="string">{escape(active)}'
        '</config:config-item><config:config-item-map-named config:name="Tables">'
        f"{''.join(tables)}</config:config-item-map-named>"
        "</config:config-item-map-entry></config:config-item-map-indexed>"
        "</config:config-item-set></office:settings></office:document-settings>"
    )


_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_NS}>'
    '<office:automatic-styles><style:page-layout style:name="pm1">'
    '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
    'style:print-orientation="portrait" fo:margin-left="1.2cm" fo:margin-right="1.2cm" '
    'fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" style:scale-to-X="1" style:scale-to-Y="0"/>'
    "</style:page-layout></office:automatic-styles><office:master-styles>"
    '<style:master-page style:name="Default" style:page-layout-name="pm1"/>'
    "</office:master-styles></office:document-styles>"
)
_META = (
    f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_NS}><office:meta>'
    "<meta:generator>raport</meta:generator></office:meta></office:document-meta>"
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
    + "".join(
        f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
        for name in ("content.xml", "styles.xml", "meta.xml", "settings.xml")
    )
    + "</manifest:manifest>"
)


def ods_bytes(book: Any) -> bytes:
    """The ``.ods`` file of the openpyxl workbook ``book`` (the blank workbook)."""
    writer = _Writer()
    tables = "".join(writer.sheet(ws) for ws in book.worksheets)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>'
        f"<office:automatic-styles>{writer.styles_xml()}</office:automatic-styles>"
        "<office:body><office:spreadsheet>"
        f"<table:content-validations>{''.join(writer.validations)}</table:content-validations>"
        f"{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        parts = [
            ("mimetype", MIMETYPE, zipfile.ZIP_STORED),
            ("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("styles.xml", _STYLES, zipfile.ZIP_DEFLATED),
            ("meta.xml", _META, zipfile.ZIP_DEFLATED),
            ("settings.xml", _settings(book), zipfile.ZIP_DEFLATED),
        ]
        for name, text, method in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, text.encode())
    return buffer.getvalue()
