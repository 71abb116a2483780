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

from dataclasses import dataclass

from reports.document.model import BulletList, Column, Document, Figure, Paragraph, Section, Table


@dataclass(frozen=True)
class TablePart:
    """The rows of a table that fall in one part (``first_row`` is the index of the
    first of them in the whole table)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None
    first_row: int = 0

    @classmethod
    def of(cls, table: Table, start: int = 0, stop: int | None = None) -> TablePart:
        return cls(table.columns, table.rows[start:stop], table.caption, start)


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
    )
