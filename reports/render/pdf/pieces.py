"""Splitting a document into chunks that WeasyPrint can lay out independently.

A long report is rendered as several PDFs — the *front matter* (title page and
table of contents) and one or more *content chunks* — that
:mod:`reports.render.pdf.join` joins into one. Content chunks can be laid out
in parallel processes, and each one's memory is freed before the next starts.

Where the content is cut depends on the document alone (never on the machine),
so the same document always gives the same chunks, hence the same bytes:

* the body is flattened into *atoms* (a section heading, a paragraph, a list
  item, a table row), each weighing about as much as its text;
* it is cut walking from the start, once a chunk weighs enough, at the first
  cheap place: before a part of the outline that starts a new page
  (``Section.starts_page``: there nothing moves, the pages are those of a layout in
  one piece) once the chunk holds half the target weight; anywhere else — before a
  part that follows the previous one on its page, before a subsection, between
  table rows or list items — only once it holds one and a half times the target:
  there the chunk boundary adds a page break (a cut table repeats its header, as on
  any new page), so only a long run of text without a new page (a long table) is
  cut that way, and only in a chapter of some 30 pages or more (``LONG_CHAPTER``):
  a year of a few hundred records is laid out exactly as in one piece;
* never right after a heading, so no heading ends a chunk alone, nor after a
  table row that keeps with the next (the first two, the last two, a group row and
  a group's first row: :func:`reports.document.parts.keeps`).

Where a cut falls depends on the text before it since the previous cut, not on
the length of the whole report: an edit moves the cuts near it at most, so a
rebuild finds every other chunk unchanged in the build cache. Chunks of a few
pages also share out well between worker processes.

A chunk is a tuple of :class:`reports.document.parts.SectionPart` — a section as
that chunk shows it: with or without its heading, with the blocks, rows and list
items that fall in the chunk — and what it continues of the chunk before it
(:attr:`Chunk.continues`: the body, the sections it began in, the table or list cut
between rows or items), so that the join makes one structure element of each.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from reports.document.model import BulletList, Document, Figure, Paragraph, Section
from reports.document.parts import BlockPart, SectionPart, TablePart, keeps

#: About 7 pages of a report's tables (the weight is about the number of characters,
#: those in tables counted twice): small enough that a one-cell edit lays out a few
#: pages again and that pieces share out evenly between processes, large enough that
#: a chunk's fixed costs (a few hundredths of a second) stay small.
TARGET_WEIGHT = 40_000

# The places a chunk may begin, cheapest first (see _READY).
_FREE = 0  # before a part of the outline that starts a page: a new page anyway
_INSIDE = 2  # anywhere else: a page break the layout in one piece has not
_FORBIDDEN = 3  # right after a heading, or a row that keeps with the next


# ---------------------------------------------------------------------------
# Atoms
# ---------------------------------------------------------------------------


#: The containers an atom lies in, outermost first: (a number of its own, the kinds of
#: the PDF structure elements it makes — a table its ``Table`` and ``TBody``).
_Path = tuple[tuple[int, tuple[str, ...]], ...]
_BODY: _Path = ((0, ("Part",)),)  # <main>: the body of every content chunk


@dataclass(frozen=True)
class _Atom:
    weight: int
    cost: int  # the kind of place right before this atom (_FREE … _FORBIDDEN)
    path: _Path = _BODY


# Weights, measured: a character in a table cell costs WeasyPrint about twice as much
# as one in running text (narrow columns: more lines, more boxes).
_HEADING = 600
_PARAGRAPH = 200
_ITEM = 120
_ROW = 150
_CELL = 30
_TABLE = 400
_FIGURE = 3_000  # an SVG chart: hundreds of paths and labels


def _text_weight(text: str) -> int:
    return len(text)


def _row_weight(row: tuple[str, ...]) -> int:
    return _ROW + sum(_CELL + 2 * _text_weight(cell) for cell in row)


def _atoms(document: Document) -> list[_Atom]:
    """The body in reading order, as atoms (see the module docstring)."""
    atoms: list[_Atom] = []
    numbers = itertools.count(1)

    def inside(path: _Path, *kinds: str) -> _Path:
        return (*path, (next(numbers), kinds))

    def add(weight: int, cost: int, after_heading: list[bool], path: _Path) -> None:
        atoms.append(_Atom(weight, _FORBIDDEN if after_heading[0] else cost, path))
        after_heading[0] = False

    def visit(section: Section, outer: _Path) -> None:
        path = inside(outer, "Sect")
        cost = _FREE if section.level == 1 and section.starts_page else _INSIDE
        atoms.append(_Atom(_HEADING + _text_weight(section.title), cost, path))
        after_heading = [True]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                add(_PARAGRAPH + _text_weight(block.text), _INSIDE, after_heading, path)
            elif isinstance(block, Figure):
                add(_FIGURE + _text_weight(block.caption), _INSIDE, after_heading, path)
            elif isinstance(block, BulletList):
                if not block.items:
                    add(_PARAGRAPH, _INSIDE, after_heading, path)
                items = inside(path, "L")
                for item in block.items:
                    add(_ITEM + _text_weight(item.text), _INSIDE, after_heading, items)
            elif not block.rows:
                add(_TABLE, _INSIDE, after_heading, path)
            else:
                keep = (
                    frozenset()
                    if block.loose
                    else keeps(len(block.rows), [g.first_row for g in block.groups])
                )
                rows = inside(path, "Table", "TBody")
                for i, row in enumerate(block.rows):
                    row_cost = _FORBIDDEN if i - 1 in keep else _INSIDE
                    weight = _row_weight(row) + (_TABLE if i == 0 else 0)
                    add(weight, row_cost, after_heading, rows)
        for sub in section.subsections:
            # a subsection right after its parent's heading would leave that heading
            # alone at the end of a chunk
            start = len(atoms)
            visit(sub, path)
            if after_heading[0]:
                atoms[start] = replace(atoms[start], cost=_FORBIDDEN)
            after_heading[0] = False

    for section in document.sections:
        visit(section, _BODY)
    return atoms


def _continued(before: _Atom, after: _Atom) -> tuple[str, ...]:
    """The structure elements a chunk starting at ``after`` continues: those of the
    containers ``before`` lies in too, outermost first."""
    kinds: list[str] = []
    for (number, shown), (other, _) in zip(after.path, before.path, strict=False):
        if number != other:
            break
        kinds += shown
    return tuple(kinds)


# ---------------------------------------------------------------------------
# Cutting
# ---------------------------------------------------------------------------


#: The share of the target weight a chunk must reach before each kind of cut.
_READY = {_FREE: 0.5, _INSIDE: 1.5}
#: A chapter (a part of the outline's first level) is cut inside only when it weighs
#: this many targets (some 30 pages): a cut inside starts a page that the layout in one
#: piece does not, so the page before it ends early. The chapters of a year of a few
#: hundred records are shorter: it is laid out as in one piece.
LONG_CHAPTER = 4


def _chapter(atom: _Atom) -> int:
    """The number of the chapter ``atom`` lies in (0: none)."""
    return atom.path[1][0] if len(atom.path) > 1 else 0


def cuts(document: Document, target: int | None = None) -> list[int]:
    """The atom indices where content chunks begin (always starting with 0)."""
    target = target or TARGET_WEIGHT
    atoms = _atoms(document)
    chapters: dict[int, int] = {}
    for atom in atoms:
        chapters[_chapter(atom)] = chapters.get(_chapter(atom), 0) + atom.weight
    chosen = [0]
    weight = 0
    for index, atom in enumerate(atoms):
        cost = atom.cost
        if cost == _INSIDE and chapters[_chapter(atom)] < LONG_CHAPTER * target:
            cost = _FORBIDDEN
        if index and cost != _FORBIDDEN and weight >= _READY[cost] * target:
            chosen.append(index)
            weight = 0
        weight += atom.weight
    return chosen


@dataclass
class _Slicer:
    """Rebuilds the sections that fall between two atom indices."""

    start: int
    stop: int
    position: int = 0
    parts: list[SectionPart] = field(default_factory=list)

    def inside(self) -> bool:
        return self.start <= self.position < self.stop

    def section(self, section: Section) -> SectionPart | None:
        heading = self.inside()
        self.position += 1
        blocks: list[BlockPart] = []
        for block in section.blocks:
            if isinstance(block, Paragraph | Figure):
                if self.inside():
                    blocks.append(block)
                self.position += 1
            elif isinstance(block, BulletList):
                count = max(1, len(block.items))
                taken = [
                    item
                    for i, item in enumerate(block.items)
                    if self.start <= self.position + i < self.stop
                ]
                if taken or (not block.items and self.inside()):
                    blocks.append(BulletList(tuple(taken)))
                self.position += count
            else:
                count = max(1, len(block.rows))
                first = max(self.start - self.position, 0)
                last = min(self.stop - self.position, count)
                if first < last:
                    blocks.append(TablePart.of(block, first, last))
                self.position += count
        subsections = tuple(
            part for part in (self.section(sub) for sub in section.subsections) if part
        )
        if not (heading or blocks or subsections):
            return None
        return SectionPart(
            section.title,
            section.anchor,
            section.level,
            heading,
            tuple(blocks),
            subsections,
            section.starts_page and heading,
        )


@dataclass(frozen=True)
class Chunk:
    """A content chunk: its top-level section parts, its weight (about its cost) and
    the kinds of the structure elements it continues from the chunk before, outermost
    first (``("Part", "Sect", "Table", "TBody")`` where it begins between the rows of
    a table; none for the first)."""

    parts: tuple[SectionPart, ...]
    weight: int
    continues: tuple[str, ...] = ()


def plan(document: Document, target: int | None = None) -> list[Chunk]:
    """The content chunks of ``document``, in reading order."""
    atoms = _atoms(document)
    starts = cuts(document, target)
    bounds = [*starts, len(atoms)]
    chunks = []
    for start, stop in itertools.pairwise(bounds):
        slicer = _Slicer(start, stop)
        parts = tuple(
            part for part in (slicer.section(section) for section in document.sections) if part
        )
        if parts:
            weight = sum(atom.weight for atom in atoms[start:stop])
            continues = _continued(atoms[start - 1], atoms[start]) if start else ()
            chunks.append(Chunk(parts, weight, continues))
    return chunks or [Chunk((), 0)]


def weight(document: Document) -> int:
    """The total weight of the body (for tests and tuning)."""
    return sum(atom.weight for atom in _atoms(document))
