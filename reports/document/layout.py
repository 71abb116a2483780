"""Which parts of the outline start a new page (a long one does, a short one follows),
and which tables are kept whole on a page.

A typesetter starts a long chapter on a new page and lets short ones follow each
other. The decision is made here, once, from an estimate of each part's height on an
A4 page of the report's look (``templates/report.css``; the DOCX's reference has the
same page, fonts and sizes), so the DOCX and the PDF start the same parts on new pages.
The estimate needs no layout engine: it counts lines of text at the widths of the
columns. Renderer-neutral.
"""

from __future__ import annotations

import math
from dataclasses import replace

from reports.document.model import Block, BulletList, Figure, Paragraph, Section, Table

#: The height of the text area of a page, in mm (A4 less the margins of report.css).
PAGE_MM = 251.0
#: A part of the outline at least this share of a page long starts a new page.
LONG_PART = 0.5
#: A table at most this share of a page long is kept whole on one page (and a chart
#: with its table of numbers).
SHORT_TABLE = 0.4
#: A table with a row taller than this share of a page keeps no rows together.
TALL_ROW = 0.25

_TEXT_MM = 165.0  # the width of the text area
_LINE_MM = 5.4  # a line of body text (11 pt, line height 1.38)
_CHARS_PER_LINE = 95  # body text across the text area
_CELL_LINE_MM = 4.2  # a line in a table cell (9.5 pt, line height 1.25)
_CELL_PAD_MM = 2.6  # a cell's top and bottom padding
_CELL_SIDE_MM = 3.6  # a cell's left and right padding
_CELL_CHAR_MM = 1.75  # an average character at 9.5 pt (wide enough for long words)
_HEADING_MM = {1: 16.0, 2: 12.0}
_FIGURE_MM = 80.0  # a chart (7.5 cm) and its caption
_LIST_ITEM_MM = 1.2  # the space after a list item


def paginate(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """``sections`` with ``starts_page`` decided — the first part and every long part
    (at least :data:`LONG_PART` of a page, see :func:`height_mm`) start a new page —
    and what their blocks keep with the next (:func:`_keeps`)."""
    return tuple(
        replace(
            _keeps(section),
            starts_page=i == 0 or height_mm(section) >= LONG_PART * PAGE_MM,
        )
        for i, section in enumerate(sections)
    )


def _keeps(section: Section) -> Section:
    """Every table at most :data:`SHORT_TABLE` of a page long marked ``short``, one with
    a row taller than :data:`TALL_ROW` of a page ``loose``, and one followed by a
    paragraph ``keep_with_next`` (the sentence goes to the next page with the last rows);
    a paragraph followed by a list ``keep_with_next`` (it goes with the first item)."""
    after = (*section.blocks[1:], None)  # the block after each (one more if none)
    blocks = tuple(
        _keep(block, following) for block, following in zip(section.blocks, after, strict=False)
    )
    return replace(
        section,
        blocks=blocks,
        subsections=tuple(_keeps(sub) for sub in section.subsections),
    )


def _keep(block: Block, following: Block | None) -> Block:
    if isinstance(block, Table):
        return replace(
            block,
            short=_table_mm(block) <= SHORT_TABLE * PAGE_MM,
            loose=_tallest_row_mm(block) > TALL_ROW * PAGE_MM,
            keep_with_next=isinstance(following, Paragraph),
        )
    if isinstance(block, Paragraph) and isinstance(following, BulletList):
        return replace(block, keep_with_next=True)
    return block


def height_mm(section: Section) -> float:
    """About how tall ``section`` is set, in mm, subsections included.

    >>> height_mm(Section("Nagrody", "nagrody", (Paragraph.of("W 2025 r. nie było."),)))
    21.4
    """
    total = _HEADING_MM.get(section.level, 10.0)
    total += sum(_block_mm(block) for block in section.blocks)
    total += sum(height_mm(sub) for sub in section.subsections)
    return round(total, 1)


def _lines(text: str, chars: float) -> int:
    return max(1, math.ceil(len(text) / max(chars, 1.0)))


def _block_mm(block: Block) -> float:
    if isinstance(block, Paragraph):
        return _lines(block.text, _CHARS_PER_LINE) * _LINE_MM
    if isinstance(block, BulletList):
        return sum(
            _lines(item.text, _CHARS_PER_LINE - 6) * _LINE_MM + _LIST_ITEM_MM
            for item in block.items
        )
    if isinstance(block, Figure):
        return _FIGURE_MM
    return _table_mm(block)


def _widths(table: Table) -> list[float]:
    """About how many characters fit on a line of each column."""
    return [(c.width * _TEXT_MM - _CELL_SIDE_MM) / _CELL_CHAR_MM for c in table.columns]


def _row_mm(widths: list[float], row: tuple[str, ...]) -> float:
    lines = max((_lines(cell, width) for cell, width in zip(row, widths, strict=True)), default=1)
    return _CELL_PAD_MM + lines * _CELL_LINE_MM


def _tallest_row_mm(table: Table) -> float:
    widths = _widths(table)
    return max((_row_mm(widths, row) for row in table.rows), default=0.0)


def _table_mm(table: Table) -> float:
    widths = _widths(table)
    header = max(
        (_lines(column.label, width) for column, width in zip(table.columns, widths, strict=True)),
        default=1,
    )
    row_mm = _CELL_LINE_MM + _CELL_PAD_MM
    total = 8.0 + row_mm * header + sum(_row_mm(widths, row) for row in table.rows)
    return total + len(table.groups) * row_mm
