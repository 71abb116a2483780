"""The document model: renderer-neutral blocks with every string final.

``build`` turns a :class:`~reports.domain.year.Year` into a :class:`Document`; the
DOCX and HTML renderers only walk it. Nothing here formats a date or picks a
plural: the text arrives decided (typography included), so both outputs show
exactly the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class Run:
    """A piece of inline text, optionally bold or italic; ``href`` makes it a link where the
    format has links (the HTML edition: a file published beside it, by its name)."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text made of runs; ``keep_with_next``: it introduces a list
    and goes to the next page with its first item (:mod:`reports.document.layout`)."""

    runs: tuple[Run, ...]
    keep_with_next: bool = False

    @classmethod
    def of(cls, text: str) -> Paragraph:
        return cls((Run(text),))

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class BulletList:
    """An unordered list; each item is one paragraph of runs."""

    items: tuple[Paragraph, ...]


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


@dataclass(frozen=True)
class Column:
    """A table column: its header label, relative width (fractions sum to 1), alignment."""

    label: str
    width: float
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Group:
    """A group row of a table: a full-width label (e.g. „marzec 2025”) standing before
    the body row ``first_row`` (an index into the table's rows) and the rows after it,
    up to the next group."""

    first_row: int
    label: str


@dataclass(frozen=True)
class Table:
    """A real table: a header row (repeated on every page) and body rows of plain text.

    ``groups`` (in order of ``first_row``) put full-width group rows among the body
    rows: one table per list, its months as group rows, never a table per month.
    ``short``: the table is kept whole on one page (with the chart before it);
    ``loose``: a row is too tall to keep with its neighbours (its first and last rows
    may stand alone on a page); ``keep_with_next``: a sentence follows the table, and
    its last rows go with it to the next page — all decided by
    :mod:`reports.document.layout`.
    """

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None  # a short description, used as the accessible summary
    groups: tuple[Group, ...] = ()
    short: bool = False
    loose: bool = False
    keep_with_next: bool = False


@dataclass(frozen=True)
class TableOfContents:
    """The place of the table of contents; renderers fill it from the headings."""

    title: str

    def entry_label(self, title: str, page: int) -> str:
        """What a screen reader says of an entry.

        >>> TableOfContents("Spis treści").entry_label("Podsumowanie", 3)
        'Podsumowanie, strona 3'
        """
        return f"{title}, strona {page}"


@dataclass(frozen=True)
class TitlePage:
    """The title page: title, city line, office line, place and date line."""

    title: str
    lines: tuple[str, ...]  # e.g. ("Miasto Kalisz", "Urząd Miasta Kalisza", "Wydział …")
    place_and_date: str  # „Kalisz, 15 marca 2026 r.”


@dataclass(frozen=True)
class Series:
    """One series of bars: its name (the legend), a value per category, and each value
    as the report writes it (shown on the bar). ``style`` is the series' colour and
    hatch among the renderers' (None: by its place in the chart), so that one kind of
    record looks the same in every chart, also in a chart without the others."""

    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...]
    style: int | None = None

    def style_at(self, index: int) -> int:
        """The style of the ``index``-th series of a chart."""
        return index if self.style is None else self.style


@dataclass(frozen=True)
class BarChart:
    """A bar chart with every word and number decided: categories along one axis,
    grouped series, and the value axis' ticks (value, label)."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_axis: str  # the value axis' label, e.g. „liczba”
    ticks: tuple[tuple[float, str], ...]
    horizontal: bool = False  # categories down the side (long names: countries, fields)
    width_cm: float = 16.0
    height_cm: float = 7.5


@dataclass(frozen=True)
class Figure:
    """A chart in the report: what it shows, its alternative text and printed caption.

    Renderers draw ``chart``: SVG in the PDF and HTML (:mod:`reports.render.charts.inline`,
    text stays text), a native Word chart in the DOCX (:mod:`reports.render.docx.chart`).
    ``alt`` is the alternative text (what a screen reader says instead of the chart),
    ``caption`` the line printed under it, ``table`` the caption of the table with
    the chart's numbers, which follows it.
    """

    chart: BarChart
    alt: str
    caption: str
    table: str | None = None


Block = Paragraph | BulletList | Table | Figure


@dataclass(frozen=True)
class Section:
    """A numbered-by-order part of the report: a heading and its blocks.

    ``level`` is 1 for the outline's parts, 2 for their subsections (e.g. one
    partner city in part 10). ``anchor`` is a stable id for links and bookmarks.
    ``starts_page``: the section begins on a new page (a long part of the outline,
    see :mod:`reports.document.layout`); a short one follows the previous on its page.
    Every renderer obeys it, so the DOCX and the PDF start their parts on the same pages.
    """

    title: str
    anchor: str
    blocks: tuple[Block, ...]
    level: int = 1
    subsections: tuple[Section, ...] = ()
    starts_page: bool = False


@dataclass(frozen=True)
class Footer:
    """The running footer „strona X z Y”: the words around the two page numbers."""

    before: str = "strona "
    between: str = " z "


@dataclass(frozen=True)
class Document:
    """One whole report."""

    title: str
    author: str  # the office that prepares the report
    language: str  # BCP 47, "pl"
    created: datetime  # from the Metryczka, never the clock
    title_page: TitlePage
    contents: TableOfContents
    sections: tuple[Section, ...]
    subject: str = ""
    keywords: tuple[str, ...] = ()
    footer: Footer = field(default_factory=Footer)

    def walk(self) -> list[Section]:
        """All sections depth-first, in reading order."""
        out: list[Section] = []

        def visit(section: Section) -> None:
            out.append(section)
            for sub in section.subsections:
                visit(sub)

        for section in self.sections:
            visit(section)
        return out
