"""Document → DOCX: walk the document model into a Word file styled by ``reference.docx``.

The stages, in order (:func:`render_docx`):

1. open ``templates/reference.docx`` and index its styles by name — an office may
   restyle that file in Word; styles are found by their (built-in) names;
2. replace its body with the report: title page, TOC field, headings, paragraphs,
   lists and tables (built as XML in :mod:`reports.render.docx.xml`, linear in size),
   and charts as Word chart parts (:mod:`reports.render.docx.chart`), in the body
   font of the reference document;
3. footer „strona X z Y” from PAGE/NUMPAGES fields, none on the title page;
4. settings (update fields on opening), Polish as the language of every style,
   core properties from the document model;
5. save, then re-pack the zip with fixed entry times, order and permissions, so
   the same document always gives the same bytes.

Nothing here formats text: every string comes from the document model as is.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx

from reports.document.model import (
    Align,
    Block,
    BulletList,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
)
from reports.document.parts import TablePart
from reports.render.assets import templates_dir
from reports.render.docx import xml as docx_xml
from reports.render.docx import xml_tables
from reports.render.docx.chart import ChartText, add_chart
from reports.render.docx.ooxml_zip import write_zip
from reports.render.docx.xml import Element, TocEntry
from reports.render.docx.xml_tables import TableLayout

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = [
    "REFERENCE_NAME",
    "PreparedDocx",
    "ReferenceStyleError",
    "docx_text",
    "normalize_package",
    "package_entries",
    "prepare_docx",
    "reference_path",
    "render_docx",
]

REFERENCE_NAME = "reference.docx"

# Style names as they are written in styles.xml (Word keeps built-in names in
# English whatever its UI language). The custom ones are defined by
# scripts/make_reference_docx.py and fall back to a built-in when missing.
HEADING = "heading {level}"
BODY_TEXT = "Body Text"
TITLE = "Title"
SUBTITLE = "Subtitle"
TITLE_CITY = "Miasto na stronie tytułowej"
TITLE_DATE = "Data na stronie tytułowej"
TOC_HEADING = "TOC Heading"
TOC_LEVEL = "toc {level}"
LIST_BULLET = "List Bullet"
TABLE = "Tabela raportu"
TABLE_GRID = "Table Grid"
TABLE_TEXT = "Tekst w tabeli"
TABLE_HEADER = "Nagłówek tabeli"
CAPTION = "caption"
CHART = "Wykres"
TABLE_GAP = "Odstęp po tabeli"
FOOTER = "footer"

_WORD_LANGUAGE = {"pl": "pl-PL"}  # BCP 47 of the model → the region-qualified tag Word uses
_ALIGN = {Align.LEFT: "left", Align.RIGHT: "right", Align.CENTER: "center"}


class ReferenceStyleError(Exception):
    """The reference document lacks a style the report cannot do without."""


def reference_path() -> Path:
    """The reference document whose styles and page setup every report uses."""
    return templates_dir() / REFERENCE_NAME


def render_docx(
    document: Document, reference: Path | None = None, pages: Mapping[str, int] | None = None
) -> bytes:
    """The finished .docx of ``document``, styled by ``reference`` (default: the template).

    ``pages`` maps a section's anchor to the page of its heading in the PDF (the
    contents field then shows them: the DOCX starts the same parts on new pages).
    The same ``document``, reference and pages always give the same bytes: every time
    stamp inside comes from ``document.created``.
    """
    return prepare_docx(document, reference).finish(pages)


def prepare_docx(document: Document, reference: Path | None = None) -> PreparedDocx:
    """Everything of :func:`render_docx` but the pages of the contents: the package
    built and packed, to be finished (:meth:`PreparedDocx.finish`) once the PDF's
    layout has given them — a few hundredths of a second where this took tenths."""
    path = reference if reference is not None else reference_path()
    word = docx.Document(str(path))
    styles = _Styles(docx_xml.style_ids(word.styles.element), path)
    language = word_language(document.language)

    section = word.sections[0]
    text_width = _twips(section.page_width) - _twips(section.left_margin)
    text_width -= _twips(section.right_margin) + _twips(section.gutter)
    text_height = _twips(section.page_height) - _twips(section.top_margin)
    text_height -= _twips(section.bottom_margin)
    text = ChartText(docx_xml.body_font(word.styles.element), language)
    body = _Body(styles, text_width, word.part, _ChartSetting(text, document.created))
    body.title_places = TitlePlaces.of(text_width, text_height)
    docx_xml.replace_content(word.element.body, body.blocks(document))

    section.different_first_page_header_footer = True
    footer = section.footer
    footer.is_linked_to_previous = False
    before, between = document.footer.before, document.footer.between
    footer_style = styles.find("paragraph", FOOTER)
    line = [
        docx_xml.run(before),
        *docx_xml.field("PAGE", "1"),
        docx_xml.run(between),
        *docx_xml.field("NUMPAGES", "1"),
    ]
    docx_xml.replace_content(footer.part.element, [docx_xml.paragraph(footer_style, line)])
    first = section.first_page_footer
    first.is_linked_to_previous = False
    docx_xml.replace_content(first.part.element, [docx_xml.paragraph(footer_style)])

    settings = word.settings.element
    docx_xml.set_update_fields(settings)
    docx_xml.set_settings_language(settings, language)
    docx_xml.set_styles_language(word.styles.element, language)
    _core_properties(word, document, language)

    buffer = BytesIO()
    word.save(buffer)
    return PreparedDocx(word, body, package_entries(buffer.getvalue()), document.created)


class PreparedDocx:
    """A DOCX built but for the pages of its contents (see :func:`prepare_docx`)."""

    def __init__(
        self, word: WordDocument, body: _Body, entries: dict[str, bytes], created: dt.datetime
    ) -> None:
        self._word = word
        self._body = body
        self._entries = entries  # every part as saved, ``word/document.xml`` to be redone
        self._created = created

    def finish(self, pages: Mapping[str, int] | None = None) -> bytes:
        """The .docx whose contents show ``pages`` (a section's anchor → the page of its
        heading): only the contents' paragraphs are made again, in the body already
        built, and only the document part is serialised again before the zip is packed."""
        old, new = self._body.contents_entries, self._body.toc_entries(pages or {})
        for before, after in zip(old, new, strict=True):
            before.getparent().replace(before, after)
        self._body.contents_entries = new
        entries = dict(self._entries)
        entries[self._word.part.partname.lstrip("/")] = self._word.part.blob
        return write_zip(entries, self._created)


def word_language(tag: str) -> str:
    """The language tag Word expects for the model's BCP 47 tag.

    >>> word_language("pl"), word_language("pl-PL"), word_language("en-GB")
    ('pl-PL', 'pl-PL', 'en-GB')
    """
    return _WORD_LANGUAGE.get(tag, tag)


def docx_text(data: bytes) -> list[str]:
    """The body text of a .docx in reading order: one item per non-empty paragraph and
    one per table cell; the TOC field's result, headers and footers are left out.

    This is the DOCX side of the DOCX/PDF parity check.
    """
    return docx_xml.body_texts(docx.Document(BytesIO(data)).element)


def normalize_package(data: bytes, when: dt.datetime) -> bytes:
    """Re-pack an OOXML zip so that it depends only on its content and ``when``.

    Every entry gets the date ``when`` (clamped to what zip can store), Unix
    permissions 0644, deflate level 6, and the order ``[Content_Types].xml``,
    ``_rels/.rels``, then the rest by name. docProps/app.xml is replaced by a
    fixed one without editing time or statistics.
    """
    return write_zip(package_entries(data), when)


def package_entries(data: bytes) -> dict[str, bytes]:
    """The entries of an OOXML zip (name → bytes) as :func:`normalize_package` packs
    them: docProps/app.xml replaced by a fixed one without editing time or statistics."""
    with zipfile.ZipFile(BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    if "docProps/app.xml" in entries:
        entries["docProps/app.xml"] = docx_xml.APP_XML
    return entries


def _twips(length: int | None) -> int:
    """A python-docx length (EMU) in twips; a missing one counts as 0."""
    return 0 if length is None else int(length) // 635


def _core_properties(word: WordDocument, document: Document, language: str) -> None:
    """Title, author, language and dates of the file, all from the document model."""
    created = document.created
    if created.tzinfo is not None:
        created = created.astimezone(dt.UTC).replace(tzinfo=None)
    props = word.core_properties
    props.title = document.title
    props.subject = document.subject
    props.author = document.author
    props.last_modified_by = document.author
    props.keywords = ", ".join(document.keywords)
    props.language = language
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.created = created
    props.modified = created
    if props.last_printed is not None:
        props.last_printed = created
    props.revision = 1


_LEADING_MM = 0.8  # measured through LibreOffice
_LIST_AFTER = 170  # twips: the PDF's 3 mm under a list (report.css, .bullets)
# twips: what the PDF's tables give their header's 0.75 pt rules at either side (half
# of each, the borders collapsed), so that a cell's lines break where the PDF's do
_RULE = 15


def _mm(mm: float) -> int:
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class TitlePlaces:
    """The frames of the title page, where the PDF puts its lines (report.css,
    ``.title-page-top``: 8 mm below the top margin) and its place and date
    (``.title-page-date``: 6 mm above the bottom margin, a 12 pt line of 1.38 em). Both
    stand :data:`_LEADING_MM` higher: Word and LibreOffice set the leading of a line of
    exact height above its text, the PDF half above and half below."""

    lines: docx_xml.Frame
    date: docx_xml.Frame

    @classmethod
    def of(cls, text_width: int, text_height: int) -> TitlePlaces:
        """The frames on a page whose text area is ``text_width`` by ``text_height`` twips."""
        date_line = round(12 * 1.38 * 20)
        return cls(
            docx_xml.Frame(text_width, _mm(8 - _LEADING_MM)),
            docx_xml.Frame(text_width, text_height - _mm(6 + _LEADING_MM) - date_line, date_line),
        )


@dataclass(frozen=True)
class _ChartSetting:
    """What every chart of one document shares: its text and its workbooks' date."""

    text: ChartText
    when: dt.datetime


@dataclass
class _Styles:
    """Style ids of the reference document, looked up once by name."""

    ids: dict[tuple[str, str], str]
    reference: Path
    _cache: dict[tuple[str, tuple[str, ...]], str | None] = field(default_factory=dict)

    def find(self, kind: str, *names: str) -> str | None:
        """The id of the first of ``names`` that exists; None (the default style) if none."""
        key = (kind, names)
        if key not in self._cache:
            found = (self.ids.get((kind, name.lower())) for name in names)
            self._cache[key] = next((i for i in found if i is not None), None)
        return self._cache[key]

    def require(self, kind: str, name: str) -> str:
        """The id of style ``name``; a clear error when the reference has none."""
        style_id = self.find(kind, name)
        if style_id is None:
            raise ReferenceStyleError(
                f"W dokumencie wzorcowym {self.reference} brakuje stylu „{name}” "
                f"(typ: {kind}). Przywróć ten styl wbudowany w programie Word "
                "albo odtwórz plik skryptem scripts/make_reference_docx.py."
            )
        return style_id


class _Body:
    """Builds the body blocks of one document."""

    def __init__(
        self,
        styles: _Styles,
        text_width: int,
        part: Any,
        charts: _ChartSetting,
    ) -> None:
        self.styles = styles
        self.text_width = text_width
        self.part = part  # the document part, to which the charts' parts are related
        self.charts = charts
        self.bookmarks: dict[int, str] = {}  # id(section) → bookmark name
        self.shapes = 0
        self.sections: list[Section] = []
        self.contents_entries: list[Element] = []  # the paragraphs of the contents field
        self.title_places = TitlePlaces.of(text_width, 0)

    def blocks(self, document: Document) -> list[Element]:
        sections = self.sections = document.walk()
        taken: set[str] = set()
        for section in sections:
            self.bookmarks[id(section)] = docx_xml.bookmark_name(section.anchor, taken)
        out = list(self._title_page(document))
        out += self._contents(document, sections)
        for i, section in enumerate(sections):
            # a long part of the outline starts on a new page, as in the PDF
            out.append(self._heading(section, bookmark_id=i, new_page=section.starts_page))
            for block in section.blocks:
                out += self._block(block)
        return out

    def _title_page(self, document: Document) -> Iterator[Element]:
        """The title page as the PDF's, in its reading order: the title (its place on the
        page is its style's), then the city and office lines placed above it and the place
        and date at the foot of the page, each in a frame (see :class:`TitlePlaces`)."""
        page = document.title_page
        find = self.styles.find
        places = self.title_places
        yield docx_xml.paragraph(find("paragraph", TITLE), [docx_xml.run(page.title)])
        for i, line in enumerate(page.lines):
            style = find("paragraph", *((TITLE_CITY, SUBTITLE) if i == 0 else (SUBTITLE,)))
            yield docx_xml.paragraph(style, [docx_xml.run(line)], frame=places.lines)
        date_style = find("paragraph", TITLE_DATE, SUBTITLE)
        yield docx_xml.paragraph(date_style, [docx_xml.run(page.place_and_date)], frame=places.date)
        # the frames' anchor on the title page (LibreOffice puts frames on the page of the
        # paragraph after them, and the contents start a page)
        yield docx_xml.paragraph(None)

    def _contents(self, document: Document, sections: list[Section]) -> list[Element]:
        """The contents' title and field, its pages not yet known (:meth:`toc_entries`)."""
        title_style = self.styles.find("paragraph", TOC_HEADING)
        title = docx_xml.paragraph(
            title_style, [docx_xml.run(document.contents.title)], page_break_before=True
        )
        self.contents_entries = self.toc_entries({})
        return [title, *self.contents_entries]

    def toc_entries(self, pages: Mapping[str, int]) -> list[Element]:
        """The paragraphs of the contents field, showing ``pages`` (a section's anchor →
        the page of its heading in the PDF) where known; as many whatever ``pages``."""
        entries = [
            TocEntry(
                text=section.title,
                style_id=self.styles.find("paragraph", TOC_LEVEL.format(level=section.level)),
                bookmark=self.bookmarks[id(section)],
                page=pages.get(section.anchor),
            )
            for section in self.sections
            if section.level <= 3
        ]
        toc_style = self.styles.find("paragraph", TOC_LEVEL.format(level=1))
        return docx_xml.toc(entries, toc_style, tab=self.text_width)

    def _heading(self, section: Section, bookmark_id: int, *, new_page: bool) -> Element:
        level = min(max(section.level, 1), 9)
        style = self.styles.require("paragraph", HEADING.format(level=level))
        # at the top of its page with no space above it, as in the PDF (.starts-page)
        p = docx_xml.paragraph(
            style,
            [docx_xml.run(section.title)],
            page_break_before=new_page,
            space_before=0 if new_page else None,
        )
        return docx_xml.bookmark(p, bookmark_id, self.bookmarks[id(section)])

    def _block(self, block: Block) -> list[Element]:
        if isinstance(block, Paragraph):
            style = self.styles.find("paragraph", BODY_TEXT)
            return [docx_xml.paragraph(style, _runs(block), keep_with_next=block.keep_with_next)]
        if isinstance(block, BulletList):
            style = self.styles.find("paragraph", LIST_BULLET)
            last = len(block.items) - 1
            after = [_LIST_AFTER if i == last else None for i in range(len(block.items))]
            return [
                docx_xml.paragraph(style, _runs(item), space_after=space)
                for item, space in zip(block.items, after, strict=True)
            ]
        if isinstance(block, Figure):
            return self._figure(block)
        return self._table(block)

    def _figure(self, figure: Figure) -> list[Element]:
        """The chart as a native Word chart with its alternative text, and its caption
        under it: as the PDF's (report.css, ``.chart svg``), as wide as the text, as
        tall as the model's proportions make it."""
        chart = figure.chart
        width = self.text_width * 635  # EMU per twip
        height = round(width * chart.height_cm / chart.width_cm)
        rel_id = add_chart(self.part, chart, self.charts.text, self.charts.when)
        self.shapes += 1
        name = f"Wykres {self.shapes}"
        run = docx_xml.chart(rel_id, (width, height), self.shapes, name, figure.alt)
        caption = self.styles.find("paragraph", CAPTION)
        return [
            docx_xml.paragraph(
                self.styles.find("paragraph", CHART), [run], align="center", keep_with_next=True
            ),
            docx_xml.paragraph(caption, [docx_xml.run(figure.caption)], keep_with_next=True),
        ]

    def _table(self, table: Table) -> list[Element]:
        """A table with its group rows, as the PDF's: the rows that keep with the next
        (:meth:`reports.document.parts.TablePart.lines`) carry ``keepNext``, the even
        rows a shading, and the rows of a ``loose`` table may split across pages. A
        table ``keep_with_next`` keeps its last row, and the paragraph after it, with
        the sentence that follows (the PDF's ``.data + .para``)."""
        find = self.styles.find
        cell_style = find("paragraph", TABLE_TEXT)
        layout = TableLayout(
            table_style_id=find("table", TABLE, TABLE_GRID),
            header_style_id=find("paragraph", TABLE_HEADER, TABLE_TEXT),
            cell_style_id=cell_style,
            widths=column_widths([c.width for c in table.columns], self.text_width - _RULE),
            aligns=tuple(_ALIGN[c.align] for c in table.columns),
            loose=table.loose,
        )
        header = [c.label for c in table.columns]
        lines = TablePart.of(table).lines()
        if table.keep_with_next and lines:
            lines[-1] = replace(lines[-1], keep=True)
        tbl = xml_tables.table(layout, header, lines, table.caption)
        # A paragraph after every table: room before the next text, and two
        # tables in a row stay two tables (Word would join adjacent ones).
        gap = self.styles.find("paragraph", TABLE_GAP)
        return [tbl, docx_xml.paragraph(gap, keep_with_next=table.keep_with_next)]


def _runs(paragraph: Paragraph) -> Iterable[Element]:
    return (docx_xml.run(r.text, bold=r.bold or None, italic=r.italic) for r in paragraph.runs)


def column_widths(fractions: list[float], total: int) -> tuple[int, ...]:
    """Column widths in twips from relative widths, summing exactly to ``total``.

    >>> column_widths([0.1, 0.3, 0.6], 9070)
    (907, 2721, 5442)
    >>> column_widths([1, 1, 1], 100)
    (33, 33, 34)
    """
    weights = [max(f, 0.0) for f in fractions]
    whole = sum(weights)
    if whole <= 0:
        weights, whole = [1.0] * len(fractions), float(len(fractions))
    widths = [round(total * w / whole) for w in weights[:-1]]
    return (*widths, total - sum(widths))
