"""PDF renderer: the report's HTML laid out by WeasyPrint into a tagged, reproducible PDF.

What the PDF gets, and from where:

- **Accessibility**: WeasyPrint's ``pdf/ua-1`` variant — a structure tree
  (``/StructTreeRoot``, ``/MarkInfo /Marked true``), ``/Lang`` from ``<html lang>``,
  ``/DisplayDocTitle`` so viewers show the title, the PDF/UA identification in XMP.
- **Metadata**: title, author, subject, keywords and both dates from the HTML
  ``<head>`` (:mod:`reports.render.html`), so the dates are the Metryczka's, never
  the clock.
- **Bookmarks**: from the ``h1``/``h2`` headings (their ``bookmark-level``).
- **Table captions**: the ``/Summary`` of each tagged table (a finisher adds it).
- **Fonts**: only Carlito from ``templates/fonts`` (subset, embedded); a character
  Carlito lacks would fall back to a system font, which :class:`RenderedPdf` names.
- **Reproducibility**: the same document gives the same bytes. Dates come from the
  HTML, the file identifier is a hash of the HTML, font subset names are hashes of
  the font descriptions, the subset fonts' ``head.modified`` is pinned (fontTools
  would stamp the clock there), and nothing else reads the clock.
- **No network, no stray files**: :func:`templates_only_fetcher` serves files from
  ``templates/`` and refuses everything else (``http(s):``, ``data:``, ``file:``
  outside the folder, ``../`` escapes, symbolic links out of it). WeasyPrint turns
  a refusal into a skipped resource and a logged error.

:func:`pdf_text` reads the body text back through the structure tree, for the
DOCX/PDF parity check. WeasyPrint and pypdf are imported lazily, so importing this
module (e.g. from the CLI) stays cheap.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import logging
import re
import struct
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from reports.assets import templates_dir
from reports.document import Document
from reports.render.html import STYLESHEET, render_html

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"

_LOG = logging.getLogger(__name__)

# Content types of what templates/ may hold; anything else is served as octet-stream.
_CONTENT_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered PDF: its bytes and its number of pages.

    ``fallback_fonts`` names the fonts, other than the template's own (``@font-face``
    in report.css), that the text needed: characters the template's font lacks,
    set in a system font. Empty for a report in Polish (Carlito covers Latin,
    Greek and Cyrillic); otherwise worth a warning, as other machines may lack
    that font.
    """

    data: bytes
    pages: int
    fallback_fonts: tuple[str, ...] = ()


class ResourceRefused(ValueError):
    """A template asked for something outside ``templates/``; nothing was read."""


def templates_base_url() -> str:
    """The base URL relative links in the HTML resolve against: ``templates/`` as a file URL."""
    return templates_dir().resolve().as_uri() + "/"


def resolve_template_url(url: str, root: Path | None = None) -> Path:
    """The file under ``root`` (default ``templates/``) that ``url`` names, or ResourceRefused.

    Only ``file:`` URLs of existing files inside the folder pass, after symbolic
    links and ``..`` are resolved; query and fragment are ignored.

    >>> root = templates_dir().resolve()
    >>> resolve_template_url((root / "report.css").as_uri()) == root / "report.css"
    True
    >>> resolve_template_url("https://example.org/x.css")
    Traceback (most recent call last):
    ...
    reports.render.pdf.ResourceRefused: tylko pliki z folderu szablonów: https://example.org/x.css
    """
    base = (root or templates_dir()).resolve()
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise ResourceRefused(f"tylko pliki z folderu szablonów: {url}")
    try:
        path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
    except (OSError, RuntimeError, ValueError) as error:
        raise ResourceRefused(f"nie ma takiego pliku w folderze szablonów: {url}") from error
    if not path.is_relative_to(base) or not path.is_file():
        raise ResourceRefused(f"poza folderem szablonów: {url}")
    return path


def _pydyf() -> Any:
    """pydyf, WeasyPrint's PDF writer (untyped; imported when a PDF is written)."""
    return importlib.import_module("pydyf")


@cache
def _fetcher_class() -> type[Any]:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class TemplatesOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """WeasyPrint's fetcher with ``fetch`` replaced: files under one folder only."""

        def __init__(self, root: Path | None) -> None:
            super().__init__(allowed_protocols=("file",), fail_on_errors=False)
            self._root = root

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            path = resolve_template_url(url, self._root)
            content_type = _CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return TemplatesOnlyFetcher


def templates_only_fetcher(root: Path | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves files from ``root`` (default ``templates/``) only.

    Built on :class:`weasyprint.urls.URLFetcher` (WeasyPrint ≥ 68 expects one), with
    its ``fetch`` replaced: no urllib handler, hence no network, is ever reached.
    Calling it with a URL returns the response or raises :class:`ResourceRefused`.
    """
    return _fetcher_class()(root)


def pdf_identifier(html: str) -> bytes:
    """The PDF's file identifier: derived from the content, so stable across builds."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")


def layout(html: str, *, base_url: str | None = None) -> Any:
    """Lay out ``html`` (WeasyPrint's ``Document``, pages ready to be written)."""
    from weasyprint import HTML

    source = HTML(
        string=html,
        base_url=base_url or templates_base_url(),
        url_fetcher=templates_only_fetcher(),
        media_type="print",
    )
    return source.render(pdf_variant=PDF_VARIANT)


_SFNT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def _sfnt_checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}L", padded)
    return sum(words) & 0xFFFFFFFF


def pin_font_timestamp(font: bytes) -> bytes:
    """``font`` with its ``head.modified`` set to ``head.created``, checksums redone.

    fontTools, WeasyPrint's subsetter when HarfBuzz's is not installed, stamps the
    subset font with the clock; pinning the stamp keeps the PDF byte-reproducible.
    Anything that is not a well-formed TrueType/OpenType font is returned unchanged.
    """
    if font[:4] not in _SFNT_MAGIC or len(font) < 12:
        return font
    (count,) = struct.unpack_from(">H", font, 4)
    for index in range(count):
        record = 12 + 16 * index
        if record + 16 > len(font):
            return font
        tag, _, offset, length = struct.unpack_from(">4sLLL", font, record)
        if tag != b"head":
            continue
        if length < 54 or offset + length > len(font):
            return font
        data = bytearray(font)
        created = data[offset + 20 : offset + 28]
        if data[offset + 28 : offset + 36] == created:
            return font
        data[offset + 28 : offset + 36] = created
        struct.pack_into(">L", data, offset + 8, 0)  # checksumAdjustment, recomputed below
        table_sum = _sfnt_checksum(bytes(data[offset : offset + length]))
        struct.pack_into(">L", data, record + 4, table_sum)
        adjustment = (0xB1B0AFBA - _sfnt_checksum(bytes(data))) & 0xFFFFFFFF
        struct.pack_into(">L", data, offset + 8, adjustment)
        return bytes(data)
    return font


def _pin_font_timestamps(pdf: Any, pydyf: Any) -> None:
    """Pin the timestamps of the embedded fonts (see :func:`pin_font_timestamp`)."""
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream) and len(item.stream) == 1:
            content = item.stream[0]
            if isinstance(content, bytes) and content[:4] in _SFNT_MAGIC:
                item.stream[0] = pin_font_timestamp(content)


def _table_labels(laid_out: Any) -> list[str | None]:
    """The ``aria-label`` of every table, once per page it appears on, in tagging order.

    WeasyPrint tags a table once per page, walking each page's boxes depth-first;
    this walks them the same way.
    """
    labels: list[str | None] = []

    def visit(box: Any) -> None:
        box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
        if getattr(box, "is_table_wrapper", False) and box.element_tag == "table":
            labels.append(box.element.get("aria-label"))
            return
        for child in getattr(box, "children", ()):
            visit(child)

    for page in laid_out.pages:
        visit(page._page_box)
    return labels


def _summarise_tables(laid_out: Any, pdf: Any, pydyf: Any) -> None:
    """Give every tagged table its caption as the standard ``/Summary`` attribute.

    WeasyPrint tags ``<caption>`` only as printed text; the report's captions are
    accessible names (the DOCX's table alt text), so they go into the structure tree.
    """
    tables = [
        item
        for item in pdf.objects
        if isinstance(item, pydyf.Dictionary)
        and item.get("Type") == "/StructElem"
        and item.get("S") == "/Table"
    ]
    labels = _table_labels(laid_out)
    if len(tables) != len(labels):
        _LOG.warning(
            "tabele w strukturze PDF (%d) ≠ tabele w układzie (%d)", len(tables), len(labels)
        )
        return
    for element, label in zip(tables, labels, strict=True):
        if label:
            attributes = element.get("A")
            if not isinstance(attributes, pydyf.Dictionary):
                attributes = pydyf.Dictionary({"O": "/Table"})
                element["A"] = attributes
            attributes["Summary"] = pydyf.String(label)


def _finish(laid_out: Any, pdf: Any) -> None:
    """WeasyPrint finisher: runs on the PDF objects just before they are written."""
    pydyf = _pydyf()
    _pin_font_timestamps(pdf, pydyf)
    _summarise_tables(laid_out, pdf, pydyf)


@contextmanager
def _cached_page_references() -> Iterator[None]:
    """Make ``pydyf.PDF.page_references`` cheap while a PDF is written.

    pydyf rebuilds the tuple of all page references on every access, and WeasyPrint's
    tagging reads it once per structure element: quadratic in the pages (about a
    second at 85 pages, much more at hundreds). The cached tuple is the same value,
    rebuilt whenever a page is added; the original property is restored afterwards.
    """
    pydyf = _pydyf()
    original = pydyf.PDF.__dict__["page_references"]

    def page_references(pdf: Any) -> Any:
        count = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_raport_page_references")
        if cached is None or cached[0] != count:
            cached = (count, original.fget(pdf))
            pdf.__dict__["_raport_page_references"] = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


def template_font_families(css: str) -> frozenset[str]:
    """The font families a stylesheet declares with ``@font-face``.

    >>> sorted(template_font_families('@font-face { font-family: "A B"; src: url(a.ttf) }'))
    ['A B']
    """
    families = set()
    for block in re.finditer(r"@font-face\s*\{([^}]*)\}", css):
        found = re.search(r"font-family\s*:\s*(['\"]?)([^;'\"]+)\1", block.group(1))
        if found:
            families.add(found.group(2).strip())
    return frozenset(families)


@cache
def _own_font_families() -> frozenset[str]:
    return template_font_families((templates_dir() / STYLESHEET).read_text(encoding="utf-8"))


def write(laid_out: Any, html: str) -> RenderedPdf:
    """Write a laid-out document as the tagged PDF bytes."""
    with _cached_page_references():
        data = laid_out.write_pdf(
            finisher=_finish,
            pdf_variant=PDF_VARIANT,
            pdf_identifier=pdf_identifier(html),
            uncompressed_pdf=False,
            custom_metadata=False,
        )
    used = {str(font.family) for font in laid_out.fonts.values()}
    fallback = tuple(sorted(used - _own_font_families()))
    if fallback:
        _LOG.warning("część tekstu złożono fontem spoza szablonu: %s", ", ".join(fallback))
    return RenderedPdf(data=bytes(data), pages=len(laid_out.pages), fallback_fonts=fallback)


def pdf_from_html(html: str) -> RenderedPdf:
    """Render an HTML string (with ``templates/`` as its base) to the tagged PDF."""
    return write(layout(html), html)


def render_pdf(document: Document) -> RenderedPdf:
    """The report as a tagged, reproducible PDF (PDF/UA-1)."""
    return pdf_from_html(render_html(document))


# Structure types that only group others: the first/last "content" of a page is found
# by descending through them.
_GROUPING = frozenset({"/Document", "/Part", "/Art", "/Sect", "/Div", "/NonStruct"})


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    return list(kids) if isinstance(kids, list) else [kids]


def _struct_kids(element: Any) -> list[Any]:
    out = []
    for kid in _kids(element):
        kid = kid.get_object()
        if hasattr(kid, "get") and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
            out.append(kid)
    return out


def _edge(element: Any, last: bool) -> Any:
    """The first (or last) non-grouping structure element under ``element``."""
    while element.get("/S") in _GROUPING:
        kids = _struct_kids(element)
        if not kids:
            break
        element = kids[-1 if last else 0]
    return element


def _has_link(element: Any) -> bool:
    return element.get("/S") == "/Link" or any(_has_link(kid) for kid in _struct_kids(element))


def _body_mcids(reader: Any, *, contents: bool) -> dict[int, set[int]]:
    """Per page index, the marked-content ids of the report's body text.

    Left out: whatever the structure tree does not reach (WeasyPrint leaves the
    running footer outside it), list bullets (``/Lbl``), the header row a table
    repeats on a page where it continues (the page starts with a table and the page
    before ended with one), and, unless ``contents``, the table of contents' entries
    (the only list of links).
    """
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    root: Any = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        raise ValueError("ten PDF nie ma drzewa struktury (nie jest oznaczony)")
    tops = [kid for top in _struct_kids(root.get_object()) for kid in _struct_kids(top)]

    def page(element: Any) -> int | None:
        ref = element.get("/Pg")
        return None if ref is None else page_of.get(ref.idnum)

    by_page: dict[int, list[Any]] = defaultdict(list)
    for top in tops:
        number = page(top)
        if number is not None:
            by_page[number].append(top)
    continued: set[int] = set()
    for number, elements in by_page.items():
        before = by_page.get(number - 1)
        if not before:
            continue
        first, last = _edge(elements[0], last=False), _edge(before[-1], last=True)
        if first.get("/S") == "/Table" and last.get("/S") == "/Table":
            continued.add(id(first))

    mcids: dict[int, set[int]] = defaultdict(set)

    def visit(element: Any, parent: Any) -> None:
        kind = element.get("/S")
        if kind == "/Lbl":  # a list item's bullet, drawn by CSS, not the document's text
            return
        if kind == "/THead" and parent is not None and id(parent) in continued:
            return
        if not contents and kind == "/L" and _has_link(element):
            return
        number = page(element)
        for kid in _kids(element):
            if isinstance(kid, int):
                if number is not None:
                    mcids[number].add(kid)
                continue
            kid = kid.get_object()
            if not hasattr(kid, "get"):
                continue
            if kid.get("/Type") == "/MCR":
                ref = kid.get("/Pg")
                where = number if ref is None else page_of.get(ref.idnum)
                if where is not None:
                    mcids[where].add(int(kid["/MCID"]))
            elif "/S" in kid:
                visit(kid, element)

    for top in tops:
        visit(top, None)
    return mcids


def _page_chunks(page: Any, keep: set[int]) -> str:
    """The text of one page drawn inside marked content whose id is in ``keep``."""
    stack: list[int | None] = []
    out: list[str] = []

    def before(operator: bytes, operands: list[Any], _cm: Any, _tm: Any) -> None:
        if operator == b"BDC":
            properties: Any = operands[1] if len(operands) > 1 else {}
            mcid = properties.get("/MCID") if hasattr(properties, "get") else None
            stack.append(None if mcid is None else int(mcid))
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(chunk: str, *_: Any) -> None:
        if chunk and stack and stack[-1] is not None and stack[-1] in keep:
            out.append(chunk)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(out)


def pdf_pages_text(data: bytes, *, contents: bool = True) -> list[str]:
    """The body text of every page of a tagged PDF, as :func:`pdf_text` selects it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    mcids = _body_mcids(reader, contents=contents)
    return [_page_chunks(page, mcids.get(i, set())).strip() for i, page in enumerate(reader.pages)]


def pdf_text(data: bytes, *, contents: bool = True) -> str:
    """The body text of a rendered report, for comparing the PDF's words with the DOCX's.

    Reads the text through the PDF's structure tree (pypdf), so it leaves out what is
    not the document's text: the running footer „strona X z Y”, list bullets, and a
    table's header row where it is repeated on a following page. With
    ``contents=False`` the entries of the table of contents are left out too (its
    heading stays), as the DOCX's TOC field has no text until Word fills it. Pages
    are joined with newlines.
    """
    return "\n".join(text for text in pdf_pages_text(data, contents=contents) if text)
