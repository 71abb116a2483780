"""Slices of a document: a section or a table as one part of the output shows it.

A renderer that lays a report out in parts (the PDF, in pieces of a few pages)
hands each part's sections to the HTML template as :class:`SectionPart` — with or
without its heading (a section that began in an earlier part continues without
one) and with the blocks, table rows and list items that fall in it
(:class:`TablePart` remembers where its rows start, so the striping of rows goes
on as in one table). :func:`whole` gives the whole report as one part.
Renderer-neutral: nothing here knows HTML or PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reports.document.model import (
    BulletList,
    Column,
    Document,
    Figure,
    Group,
    Paragraph,
    Section,
    Table,
)


@dataclass(frozen=True)
class Line:
    """One body row of a table part as a renderer draws it: a group row (``label``,
    full width) or a row of ``cells``; ``even`` for striping (rows counted across the
    whole table), ``keep`` when no page may break right after it (see :func:`keeps`)."""

    cells: tuple[str, ...] = ()
    label: str | None = None
    even: bool = False
    keep: bool = False


@dataclass(frozen=True)
class TablePart:
    """The rows of a table that fall in one part (``first_row`` is the index of the
    first of them in the whole table, ``count`` the whole table's number of rows)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None
    first_row: int = 0
    groups: tuple[Group, ...] = ()
    count: int = 0
    short: bool = False
    loose: bool = False

    @classmethod
    def of(cls, table: Table, start: int = 0, stop: int | None = None) -> TablePart:
        rows = table.rows[start:stop]
        end = start + len(rows)
        groups = tuple(g for g in table.groups if start <= g.first_row < max(end, start + 1))
        return cls(
            table.columns,
            rows,
            table.caption,
            start,
            groups,
            len(table.rows),
            table.short,
            table.loose,
        )

    def lines(self) -> list[Line]:
        """The group rows and rows of this part, in order (every row but the last keeps
        with the next in a short table)."""
        labels = {g.first_row: g.label for g in self.groups}
        if self.short:
            keep = frozenset(range(self.count - 1))
        else:
            keep = frozenset() if self.loose else keeps(self.count, labels)
        out: list[Line] = []
        for offset, cells in enumerate(self.rows):
            index = self.first_row + offset
            if index in labels:
                out.append(Line(label=labels[index], keep=True))
            out.append(Line(cells, even=index % 2 == 1, keep=index in keep))
        return out


def keeps(count: int, groups: Mapping[int, str] | Iterable[int] = ()) -> frozenset[int]:
    """The rows (indices) after which no page may break, so that no page holds only one
    or two rows of a table: the first two rows stay with the third, the last two with
    the one before them, and a group's first row with its second.

    >>> sorted(keeps(10)), sorted(keeps(3)), sorted(keeps(1))
    ([0, 1, 7, 8], [0, 1], [])
    >>> sorted(keeps(10, [0, 5]))
    [0, 1, 5, 7, 8]
    """
    last = count - 1
    rows = {0, 1, count - 3, count - 2}
    rows |= {g for g in groups if g + 1 <= last}
    return frozenset(i for i in rows if 0 <= i < last)


BlockPart = Paragraph | BulletList | TablePart | Figure


@dataclass(frozen=True)
class SectionPart:
    """A section as one part shows it (the template reads it like a Section)."""

    title: str
    anchor: str
    level: int
    heading: bool
    blocks: tuple[BlockPart, ...] = ()
    subsections: tuple[SectionPart, ...] = ()
    starts_page: bool = False


def whole(document: Document) -> tuple[SectionPart, ...]:
    """Every section of ``document`` as parts, complete (the whole report in one part)."""
    return tuple(_whole_section(section) for section in document.sections)


def _whole_section(section: Section) -> SectionPart:
    blocks = tuple(TablePart.of(b) if isinstance(b, Table) else b for b in section.blocks)
    return SectionPart(
        section.title,
        section.anchor,
        section.level,
        True,
        blocks,
        tuple(_whole_section(sub) for sub in section.subsections),
        section.starts_page,
    )
