"""Raw WordprocessingML of tables: the table half of :mod:`reports.render.docx.xml`.

A table is built directly as elements: a fixed grid of column widths, a header row
repeated on every page (``tblHeader``), rows that never split (``cantSplit``), group
rows across the whole width (``gridSpan``), and ``keepNext`` on the paragraphs of the
rows that keep with the next (as ``break-after: avoid`` in the PDF). Each row is a
deep copy of one prebuilt row, so the cost is linear in the number of cells.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reports.document.parts import Line
from reports.render.docx.xml import Element, _el, paragraph, run


@dataclass(frozen=True)
class TableLayout:
    """What a table looks like: style ids, column widths in twips, alignments."""

    table_style_id: str | None
    header_style_id: str | None
    cell_style_id: str | None
    widths: tuple[int, ...]  # twips (1/20 pt), summing to the text width
    aligns: tuple[str, ...]  # w:jc values, one per column


def _cell(
    width: int, style_id: str | None, align: str, *, keep: bool, span: int = 1, bold: bool = False
) -> Element:
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    tcpr.append(_el("w:tcW", w=str(width), type="dxa"))
    if span > 1:
        tcpr.append(_el("w:gridSpan", val=str(span)))
    tc.append(tcpr)
    align_value = None if align == "left" else align
    tc.append(paragraph(style_id, [run("x", bold=bold)], align=align_value, keep_with_next=keep))
    return tc


def _row_template(
    layout: TableLayout, style_id: str | None, *, header: bool = False, keep: bool = False
) -> Element:
    tr = OxmlElement("w:tr")
    trpr = OxmlElement("w:trPr")
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))
    tr.append(trpr)
    for width, align in zip(layout.widths, layout.aligns, strict=True):
        tr.append(_cell(width, style_id, align, keep=keep or header))
    return tr


def _group_template(layout: TableLayout) -> Element:
    tr = OxmlElement("w:tr")
    trpr = OxmlElement("w:trPr")
    trpr.append(OxmlElement("w:cantSplit"))
    tr.append(trpr)
    width, span = sum(layout.widths), len(layout.widths)
    tr.append(_cell(width, layout.cell_style_id, "left", keep=True, span=span, bold=True))
    return tr


def _fill_row(template: Element, texts: Sequence[str]) -> Element:
    """A deep copy of ``template`` with one text per cell (the fast path for long tables)."""
    tr = copy.deepcopy(template)
    for t, text in zip(list(tr.iter(qn("w:t"))), texts, strict=True):
        if text and "\n" not in text and "\t" not in text:
            t.text = text
        else:  # rare: an empty cell, or one needing w:br / w:tab
            r = t.getparent()
            p = r.getparent()
            p.remove(r)
            if text:
                p.append(run(text))
    return tr


def table(
    layout: TableLayout,
    header: Sequence[str],
    rows: Iterable[Line],
    caption: str | None,
) -> Element:
    """A whole ``w:tbl``: fixed column widths, a repeating header row, rows that do not
    split, group rows across the table. ``caption`` becomes the table's alt text
    (title and description)."""
    tbl = OxmlElement("w:tbl")
    tblpr = OxmlElement("w:tblPr")
    if layout.table_style_id is not None:
        tblpr.append(_el("w:tblStyle", val=layout.table_style_id))
    tblpr.append(_el("w:tblW", w=str(sum(layout.widths)), type="dxa"))
    tblpr.append(_el("w:tblLayout", type="fixed"))
    tblpr.append(
        _el(
            "w:tblLook",
            val="0620",
            firstRow="1",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )
    if caption:
        tblpr.append(_el("w:tblCaption", val=caption))
        tblpr.append(_el("w:tblDescription", val=caption))
    tbl.append(tblpr)
    grid = OxmlElement("w:tblGrid")
    for width in layout.widths:
        grid.append(_el("w:gridCol", w=str(width)))
    tbl.append(grid)
    tbl.append(_fill_row(_row_template(layout, layout.header_style_id, header=True), header))
    plain = _row_template(layout, layout.cell_style_id)
    kept = _row_template(layout, layout.cell_style_id, keep=True)
    group = _group_template(layout)
    for row in rows:
        if row.label is not None:
            tbl.append(_fill_row(group, [row.label]))
        else:
            tbl.append(_fill_row(kept if row.keep else plain, row.cells))
    return tbl
