"""Raw WordprocessingML of tables: the table half of :mod:`reports.render.docx.xml`.

A table is built directly as elements, as the PDF sets it (``templates/report.css``):
a fixed grid of column widths, a header row repeated on every page (``tblHeader``),
rows that do not split (``cantSplit``) unless the table is ``loose``, every other row
shaded (rows counted across the table, group rows not counted: ``Line.even``), group
rows across the whole width (``gridSpan``) in bold dark blue over a dark-blue rule,
and ``keepNext`` on the paragraphs of the rows that keep with the next (as
``break-after: avoid``). Each row is a deep copy of one prebuilt row, so the cost is
linear in the number of cells. The shading is set on the cells, not by the table
style's banding: Word's bands would count the group rows.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reports.document.parts import Line
from reports.render.docx.xml import Element, _el, paragraph, run

#: report.css: ``.row-even`` (the shading of every other row), ``.group-cell`` (the
#: colour of a group row's text and its rule, 0.75 pt, in eighths of a point; its
#: padding, 1.8 mm above and 1.2 mm below, in twips).
STRIPE = "EEF2F6"
GROUP_COLOUR = "1F3A5F"
GROUP_RULE = 6
GROUP_PADDING = (102, 68)
#: ``.head-cell``: the header's padding above and below (1.6 mm, in twips), its text at
#: the foot of the row.
HEAD_PADDING = 91


@dataclass(frozen=True)
class TableLayout:
    """What a table looks like: style ids, column widths in twips, alignments, and
    whether its rows may split across pages (a ``loose`` table's)."""

    table_style_id: str | None
    header_style_id: str | None
    cell_style_id: str | None
    widths: tuple[int, ...]  # twips (1/20 pt), summing to the text width
    aligns: tuple[str, ...]  # w:jc values, one per column
    loose: bool = False


def _cell(
    width: int,
    style_id: str | None,
    align: str,
    *,
    keep: bool,
    shade: bool = False,
    header: bool = False,
) -> Element:
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    tcpr.append(_el("w:tcW", w=str(width), type="dxa"))
    if shade:
        tcpr.append(_el("w:shd", val="clear", color="auto", fill=STRIPE))
    if header:
        margins = OxmlElement("w:tcMar")
        margins.append(_el("w:top", w=str(HEAD_PADDING), type="dxa"))
        margins.append(_el("w:bottom", w=str(HEAD_PADDING), type="dxa"))
        tcpr.append(margins)
        tcpr.append(_el("w:vAlign", val="bottom"))
    tc.append(tcpr)
    align_value = None if align == "left" else align
    tc.append(paragraph(style_id, [run("x")], align=align_value, keep_with_next=keep))
    return tc


def _row_properties(*, split: bool, header: bool = False) -> Element:
    trpr = OxmlElement("w:trPr")
    if not split:
        trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))
    return trpr


def _row_template(
    layout: TableLayout,
    style_id: str | None,
    *,
    header: bool = False,
    keep: bool = False,
    shade: bool = False,
) -> Element:
    tr = OxmlElement("w:tr")
    tr.append(_row_properties(split=layout.loose and not header, header=header))
    for width, align in zip(layout.widths, layout.aligns, strict=True):
        tr.append(_cell(width, style_id, align, keep=keep or header, shade=shade, header=header))
    return tr


def _group_template(layout: TableLayout) -> Element:
    """A group row: one cell across the table, bold dark-blue text over a dark-blue rule."""
    tr = OxmlElement("w:tr")
    tr.append(_row_properties(split=layout.loose))
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    tcpr.append(_el("w:tcW", w=str(sum(layout.widths)), type="dxa"))
    tcpr.append(_el("w:gridSpan", val=str(len(layout.widths))))
    borders = OxmlElement("w:tcBorders")
    borders.append(_el("w:bottom", val="single", sz=str(GROUP_RULE), space="0", color=GROUP_COLOUR))
    tcpr.append(borders)
    margins = OxmlElement("w:tcMar")
    top, bottom = GROUP_PADDING
    margins.append(_el("w:top", w=str(top), type="dxa"))
    margins.append(_el("w:bottom", w=str(bottom), type="dxa"))
    tcpr.append(margins)
    tc.append(tcpr)
    label = run("x", bold=True)
    label.find(qn("w:rPr")).append(_el("w:color", val=GROUP_COLOUR))
    tc.append(paragraph(layout.cell_style_id, [label], keep_with_next=True))
    tr.append(tc)
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
    split (unless ``layout.loose``), every other row shaded, group rows across the
    table. ``caption`` becomes the table's alt text (title and description)."""
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
    templates = {
        (keep, even): _row_template(layout, layout.cell_style_id, keep=keep, shade=even)
        for keep in (False, True)
        for even in (False, True)
    }
    group = _group_template(layout)
    for row in rows:
        if row.label is not None:
            tbl.append(_fill_row(group, [row.label]))
        else:
            tbl.append(_fill_row(templates[row.keep, row.even], row.cells))
    return tbl
