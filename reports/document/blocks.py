"""Small builders of document blocks, shared by the modules that build the report.

Every string goes through ``typeset`` here, so single-letter words and numbers
never end a line, in the text, the headings and the tables' headers alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reports.document.model import Align, Block, Column, Paragraph, Section, Table
from reports.document.widths import fitted
from reports.polish.typography import typeset


def paragraph(text: str) -> Paragraph:
    """A paragraph of one typeset run."""
    return Paragraph.of(typeset(text))


def table(
    columns: Sequence[tuple[str, float, Align]],
    rows: Iterable[Sequence[str]],
    caption: str,
) -> Table:
    """A table from (label, width, alignment) columns and rows of plain text.

    Header labels are typeset like the cells („W raporcie” keeps its „W” on the line of
    the next word), and the widths fitted so no amount or word is split
    (:func:`reports.document.widths.fitted`).
    """
    labels = tuple(typeset(label) for label, _, _ in columns)
    body = tuple(tuple(typeset(cell) for cell in row) for row in rows)
    widths = fitted(labels, [width for _, width, _ in columns], body)
    return Table(
        columns=tuple(
            Column(label, width, align)
            for label, width, (_, _, align) in zip(labels, widths, columns, strict=True)
        ),
        rows=body,
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
