"""HTML renderer: a :class:`~reports.document.model.Document` through Jinja2 into one HTML string.

The HTML is what WeasyPrint lays out into the PDF (:mod:`reports.render.pdf.renderer`), and it
also reads as a plain web page. The templates live in ``templates/`` (see
:func:`reports.render.assets.templates_dir`) so that an office can restyle the report without
touching code; this module only hands them the document and a few values a template
cannot compute itself (the metadata date in W3C form, the CSS string of the footer).

Nothing here decides a word: every string comes from the document model, escaped by
Jinja2's autoescaping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from reports.document.model import BulletList, Document, Figure, Paragraph, Table
from reports.document.parts import Line, SectionPart, TablePart, whole
from reports.render.assets import REPORT_STYLESHEET, templates_dir

TEMPLATE = "report.html.j2"
STYLESHEET = REPORT_STYLESHEET

# Characters that may stay literal inside a CSS string; everything else is escaped.
_CSS_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;-_()")


def css_string(text: str) -> Markup:
    """Quote ``text`` as a CSS string literal, safe inside a ``<style>`` element.

    Every character outside a small safe set becomes a CSS escape (hex code point and
    one space, which ends the escape and is not part of the string), so no quote,
    backslash or ``</style>`` can end the string or the element.

    >>> str(css_string("strona "))
    '"strona "'
    >>> str(css_string("s.\u00a0z"))
    '"s.\\\\a0 z"'
    >>> str(css_string('</style>" '))
    '"\\\\3c \\\\2f style\\\\3e \\\\22  "'
    """
    body = "".join(ch if ch in _CSS_SAFE else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{body}"')


def w3c_datetime(moment: datetime) -> str:
    """The W3C date-time WeasyPrint copies into the PDF's /CreationDate and XMP.

    A naive datetime is taken as UTC, as python-docx does for the DOCX core
    properties, so both files carry the same instant.

    >>> w3c_datetime(datetime(2026, 3, 15))
    '2026-03-15T00:00:00Z'
    >>> from datetime import timedelta, timezone
    >>> w3c_datetime(datetime(2026, 3, 15, 9, 30, tzinfo=timezone(timedelta(hours=1))))
    '2026-03-15T09:30:00+01:00'
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    offset = moment.utcoffset()
    if offset is not None and not offset:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.replace(microsecond=0).isoformat()


def _percent(width: float) -> str:
    """A column width as a CSS percentage with a fixed number of digits (stable output)."""
    return f"{width * 100:.3f}%"


def _lines(block: Table | TablePart) -> list[Line]:
    """The group rows and rows of a table (or of the part of it a piece shows)."""
    part = block if isinstance(block, TablePart) else TablePart.of(block)
    return part.lines()


def _kind(block: object) -> str:
    if isinstance(block, Paragraph):
        return "paragraph"
    if isinstance(block, BulletList):
        return "list"
    if isinstance(block, Table | TablePart):
        return "table"
    if isinstance(block, Figure):
        return "figure"
    raise TypeError(f"unknown block in the document model: {type(block).__name__}")


def _chart_svg(
    figure: Figure, ids: str, font: str | None = None, *, narrow: bool = False
) -> Markup:
    """The figure's chart as an inline ``<svg>`` whose accessible name is the alt text,
    its ids prefixed by ``ids``; its labels in ``font`` (a CSS value), by default the
    font the report's stylesheet declares for Carlito. ``narrow``: the chart's variant
    for a phone (:func:`reports.render.charts.narrow.narrow`)."""
    from reports.render.charts.inline import inline_svg
    from reports.render.charts.narrow import narrow as narrow_chart

    family = font if font is not None else _chart_font()
    alt = str(escape(figure.alt))
    chart = narrow_chart(figure.chart) if narrow else figure.chart
    return Markup(inline_svg(chart, alt, ids=ids, font_family=family))


@cache
def _chart_font() -> str | None:
    """The family the stylesheet declares for the Carlito font files (``@font-face``)."""
    css = (templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    for block in re.finditer(r"@font-face\s*\{([^}]*)\}", css):
        family = re.search(r"font-family\s*:\s*(['\"]?)([^;'\"]+)\1", block.group(1))
        if family and "carlito" in block.group(1).casefold():
            return "'" + family.group(2).strip().replace("'", "") + "'"
    return None


@cache
def template_environment() -> Environment:
    """The Jinja2 environment of every HTML template in ``templates/`` (the report, the
    BIP metryczka): autoescaping on, an undefined variable an error."""
    env = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["css_string"] = css_string
    env.filters["percent"] = _percent
    env.filters["kind"] = _kind
    env.filters["lines"] = _lines
    env.filters["chart_svg"] = _chart_svg
    return env


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the table of contents; ``page`` only when it is written as text."""

    level: int
    anchor: str
    title: str
    page: int | None = None


def _render(document: Document, mode: str, **values: Any) -> str:
    template = template_environment().get_template(TEMPLATE)
    created = w3c_datetime(document.created)
    values.setdefault(
        "entries", [ContentsEntry(s.level, s.anchor, s.title) for s in document.walk()]
    )
    values.setdefault("sections", ())
    return template.render(
        document=document,
        mode=mode,
        created=created,
        modified=created,
        stylesheet=STYLESHEET,
        **values,
    )


def render_html(document: Document) -> str:
    """The whole report as one HTML document (``<html lang="…">``, metadata, body).

    >>> from reports.document.model import (
    ...     Document, Paragraph, Section, TableOfContents, TitlePage)
    >>> doc = Document(
    ...     title="Raport <2025>", author="Urząd", language="pl",
    ...     created=datetime(2026, 3, 15), title_page=TitlePage("Raport", (), "Kalisz"),
    ...     contents=TableOfContents("Spis treści"),
    ...     sections=(Section("Wstęp", "wstep", (Paragraph.of("Tekst & treść"),)),))
    >>> html = render_html(doc)
    >>> '<html lang="pl">' in html, "<title>Raport &lt;2025&gt;</title>" in html
    (True, True)
    >>> 'id="wstep"' in html, "Tekst &amp; treść" in html
    (True, True)
    """
    return _render(document, "whole", sections=whole(document))


def render_front_html(document: Document, pages: Mapping[str, int]) -> str:
    """The title page and the table of contents, with the page of every entry as text.

    ``pages`` maps each section's anchor to its page number in the joined PDF. The
    footer is laid out but not drawn (the PDF renderer draws all footers where it lies).
    """
    entries = [
        ContentsEntry(s.level, s.anchor, s.title, pages.get(s.anchor)) for s in document.walk()
    ]
    css = (templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    # the stylesheet is the office's own file; only a closing tag could end the element
    css = css.replace("</", "<\\/")
    return _render(document, "front", entries=entries, css=Markup(css))


def render_content_html(document: Document, sections: Sequence[SectionPart]) -> str:
    """Some parts of the report's body (:mod:`reports.document.parts`; a chunk of the
    PDF, see :mod:`reports.render.pdf.pieces`), with the document's metadata and no footer."""
    return _render(document, "content", sections=sections)
