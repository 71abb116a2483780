"""Small builders of document blocks, shared by the modules that build the report.

Every string goes through ``typeset`` here, so single-letter words and numbers
never end a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reports.document.model import Align, Block, Column, Paragraph, Section, Table
from reports.polish.typography import typeset


def paragraph(text: str) -> Paragraph:
    """A paragraph of one typeset run."""
    return Paragraph.of(typeset(text))


def table(
    columns: Sequence[tuple[str, float, Align]],
    rows: Iterable[Sequence[str]],
    caption: str,
) -> Table:
    """A table from (label, width, alignment) columns and rows of plain text."""
    return Table(
        columns=tuple(Column(label, width, align) for label, width, align in columns),
        rows=tuple(tuple(typeset(cell) for cell in row) for row in rows),
        caption=typeset(caption),
    )


def section(
    title: str,
    anchor: str,
    blocks: Iterable[Block],
    *,
    level: int = 1,
    subsections: tuple[Section, ...] = (),
) -> Section:
    """A section with a typeset title."""
    return Section(typeset(title), anchor, tuple(blocks), level, subsections)
