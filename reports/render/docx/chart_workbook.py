"""The workbook behind a DOCX chart: the data Word opens with „Edytuj dane”.

One sheet, „Arkusz1” (the name Polish Excel gives): the categories down column A
from row 2, one column per series from B with its name in row 1. Written by hand
as the smallest valid SpreadsheetML package (strings inline, one cell style), in
a zip with fixed dates: the same chart always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from reports.document.model import BarChart
from reports.inputs.xlsx import column_letter
from reports.render.docx.ooxml_zip import write_zip

__all__ = ["SHEET", "category_range", "series_range", "workbook", "write_number"]

SHEET = "Arkusz1"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    f'<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
    f'<sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _series_column(index: int) -> str:
    """The column of series ``index`` (0-based): B, C, … (A holds the categories)."""
    return column_letter(index + 2)


def category_range(chart: BarChart) -> str:
    """The formula of the categories' cells, e.g. ``Arkusz1!$A$2:$A$13``."""
    return f"{SHEET}!$A$2:$A${len(chart.categories) + 1}"


def series_range(chart: BarChart, index: int) -> tuple[str, str]:
    """The formulas of series ``index``'s name cell and of its values' cells."""
    column = _series_column(index)
    last = len(chart.categories) + 1
    return f"{SHEET}!${column}$1", f"{SHEET}!${column}$2:${column}${last}"


def write_number(value: float) -> str:
    """A value as spreadsheet XML stores it: whole numbers without a decimal point.

    >>> write_number(3.0), write_number(2.5), write_number(-0.0), write_number(10)
    ('3', '2.5', '0', '10')
    """
    number = float(value)  # the model's ticks may be ints
    if number.is_integer():
        return str(int(number))
    return repr(number)


def _text_cell(reference: str, text: str) -> str:
    return (
        f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
    )


def _sheet(chart: BarChart) -> str:
    header = "".join(
        _text_cell(f"{_series_column(i)}1", series.name) for i, series in enumerate(chart.series)
    )
    rows = [f'<row r="1">{header}</row>']
    for r, category in enumerate(chart.categories, start=2):
        cells = [_text_cell(f"A{r}", category)]
        for i, series in enumerate(chart.series):
            value = write_number(series.values[r - 2])
            cells.append(f'<c r="{_series_column(i)}{r}"><v>{value}</v></c>')
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        f'<worksheet xmlns="{_MAIN}"><cols><col min="1" max="1" width="30" customWidth="1"/></cols>'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )


def workbook(chart: BarChart, when: dt.datetime) -> bytes:
    """The .xlsx bytes holding ``chart``'s data, its zip entries dated ``when``."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/styles.xml": _STYLES,
        "xl/worksheets/sheet1.xml": _sheet(chart),
    }
    return write_zip({name: _HEAD + xml.encode("utf-8") for name, xml in parts.items()}, when)
