"""PDF renderer: the report's HTML laid out by WeasyPrint into a tagged, reproducible PDF.

What the PDF gets, and from where:

- **Accessibility**: WeasyPrint's ``pdf/ua-1`` variant — a structure tree
  (``/StructTreeRoot``, ``/MarkInfo /Marked true``), ``/Lang`` from ``<html lang>``,
  ``/DisplayDocTitle`` so viewers show the title, the PDF/UA identification in XMP.
- **Metadata**: title, author, subject, keywords and both dates from the HTML
  ``<head>`` (:mod:`reports.render.html.renderer`), so the dates are the Metryczka's, never
  the clock.
- **Bookmarks**: from the ``h1``/``h2`` headings (their ``bookmark-level``).
- **Table captions**: the ``/Summary`` of each tagged table, and ``/Scope /Column`` of
  its header cells (a finisher adds both).
- **Fonts**: only Carlito from ``templates/fonts`` (subset, embedded); a character
  Carlito lacks would fall back to a system font, which :class:`RenderedPdf` names.
- **Reproducibility**: the same document gives the same bytes. Dates come from the
  HTML, the file identifier is a hash of the HTML, font subset names are hashes of
  the font descriptions (and of the piece), the subset fonts' ``head.modified`` is
  pinned (fontTools would stamp the clock there), and nothing else reads the clock.
- **Speed and memory** (:func:`render_pdf`): the body is laid out in pieces of
  about 7 pages — in parallel worker processes when the pipeline gives a pool —
  and joined into one file (:mod:`reports.render.pdf.pieces`,
  :mod:`reports.render.pdf.join`); a piece's memory is freed before the next.
  No cyclic garbage collection runs while WeasyPrint works (it would walk all its
  objects again and again), what is loaded before the first piece is frozen out of
  later collections, the stylesheet and its fonts are loaded once per process, and
  each piece's content is serialised once.
- **No network, no stray files**: :func:`templates_only_fetcher` serves files from
  ``templates/`` and refuses everything else (``http(s):``, ``data:``, ``file:``
  outside the folder, ``../`` escapes, symbolic links out of it). WeasyPrint turns
  a refusal into a skipped resource and a logged error.

WeasyPrint is imported lazily, so importing this module (e.g. from the CLI)
stays cheap.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import itertools
import logging
import math
import os
import re
import struct
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from reports.document.model import Document
from reports.render.assets import templates_dir
from reports.render.html.renderer import (
    STYLESHEET,
    render_content_html,
    render_front_html,
)
from reports.render.pdf.footer import pydyf_module

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from weasyprint.urls import URLFetcherResponse

    from reports.cache import Cache
    from reports.render.pdf.join import Piece
    from reports.render.pdf.pieces import Chunk

PDF_VARIANT = "pdf/ua-1"
_CONTENTS_PER_PAGE = 30

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
    reports.render.pdf.engine.ResourceRefused: tylko pliki z folderu szablonów: https://example.org/x.css
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


def pdf_identifier(*html: str) -> bytes:
    """The PDF's file identifier: derived from the content (the HTML of the whole
    document, or of its pieces in order), so stable across builds."""
    digest = hashlib.sha256()
    for part in html:
        digest.update(part.encode("utf-8"))
    return digest.hexdigest()[:32].encode("ascii")


def layout(html: str, *, base_url: str | None = None, styled: bool = False) -> Any:
    """Lay out ``html`` (WeasyPrint's ``Document``, pages ready to be written).

    ``styled``: ``html`` links no stylesheet (a content piece); it gets ``report.css``
    as parsed once in this process, with the fonts it declares already loaded.
    """
    from weasyprint import HTML

    source = HTML(
        string=html,
        base_url=base_url or templates_base_url(),
        url_fetcher=templates_only_fetcher(),
        media_type="print",
    )
    if not styled:
        return source.render(pdf_variant=PDF_VARIANT)
    fonts, stylesheet = _report_stylesheet()
    return source.render(pdf_variant=PDF_VARIANT, stylesheets=[stylesheet], font_config=fonts)


@cache
def _report_stylesheet() -> tuple[Any, Any]:
    """``report.css`` parsed, and the font configuration holding its ``@font-face`` fonts:
    once per process rather than once per piece (a few hundredths of a second each)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    path = templates_dir() / STYLESHEET
    stylesheet = CSS(
        string=path.read_text(encoding="utf-8"),
        base_url=templates_base_url(),
        url_fetcher=templates_only_fetcher(),
        font_config=fonts,
        media_type="print",
    )
    folder = getattr(fonts, "_folder", None)  # WeasyPrint's copies of the @font-face fonts
    if folder is not None:
        from multiprocessing import util

        _FONT_FOLDERS.append(Path(folder))
        # also in a pool's worker, which ends without running atexit
        util.Finalize(None, remove_font_copies, exitpriority=0)
    return fonts, stylesheet


_FONT_FOLDERS: list[Path] = []


def remove_font_copies() -> None:
    """Remove the temporary copies of the fonts this process loaded for its pieces (at
    its end: by itself, or by whoever ends it with ``os._exit``)."""
    import shutil

    _report_stylesheet.cache_clear()  # before the interpreter's shutdown unloads modules
    while _FONT_FOLDERS:
        shutil.rmtree(_FONT_FOLDERS.pop(), ignore_errors=True)


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


def _scope_headers(pdf: Any, pydyf: Any) -> None:
    """Give every table header cell the ``/Scope /Column`` attribute.

    The report's header cells are the column heads of a table's header row
    (``<th scope="col">``), but WeasyPrint tags them as ``/TH`` without the scope,
    which PDF/UA checkers ask for to tie header and data cells together.
    """
    for item in pdf.objects:
        if (
            isinstance(item, pydyf.Dictionary)
            and item.get("Type") == "/StructElem"
            and item.get("S") == "/TH"
        ):
            attributes = item.get("A")
            if not isinstance(attributes, pydyf.Dictionary):
                attributes = pydyf.Dictionary({"O": "/Table"})
                item["A"] = attributes
            attributes["Scope"] = "/Column"


def _finish(laid_out: Any, pdf: Any) -> None:
    """WeasyPrint finisher: runs on the PDF objects just before they are written."""
    pydyf = pydyf_module()
    _pin_font_timestamps(pdf, pydyf)
    _summarise_tables(laid_out, pdf, pydyf)
    _scope_headers(pdf, pydyf)


@contextmanager
def _cached_page_references() -> Iterator[None]:
    """Make ``pydyf.PDF.page_references`` cheap while a PDF is written.

    pydyf rebuilds the tuple of all page references on every access, and WeasyPrint's
    tagging reads it once per structure element: quadratic in the pages (about a
    second at 85 pages, much more at hundreds). The cached tuple is the same value,
    rebuilt whenever a page is added; the original property is restored afterwards.
    """
    pydyf = pydyf_module()
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


#: Where forked workers tell the process that joins the pieces that a piece is laid out
#: (its pages and anchors), before they write it: the front matter needs no more.
_LAYOUTS: Any = None
_JOBS = itertools.count()


def preload() -> None:
    """Import WeasyPrint and what renders with it, and open the channel on which workers
    report their layouts; call it before a fork-based pool's workers are started."""
    load_renderer()
    open_layout_channel()


def load_renderer() -> None:
    """Import WeasyPrint and what renders with it (a worker does it before its first
    piece; seconds, so better while the inputs are still being checked)."""
    importlib.import_module("weasyprint")
    importlib.import_module("reports.render.pdf.join")
    importlib.import_module("fontTools.subset")
    _report_stylesheet()
    gc.freeze()  # what is loaded now stays: no collection need walk it again


def open_layout_channel() -> None:
    """Open the channel on which forked workers report their layouts (before the fork)."""
    global _LAYOUTS
    if _LAYOUTS is None:
        import multiprocessing

        _LAYOUTS = multiprocessing.get_context("fork").Queue()


def render_piece(
    html: str,
    piece: int,
    *,
    front: bool = False,
    links: Sequence[str] = (),
    job: str | None = None,
) -> Piece:
    """Lay out and write one piece of a report (see :mod:`reports.render.pdf.join`).

    Runs in a worker process as well as here; ``links`` are the anchors of other
    pieces the front matter's table of contents points to. With ``job``, the layout
    (pages, anchors) is reported on the channel :func:`preload` opened as soon as
    it is known.
    """
    from reports.render.pdf.join import capture_layout, quiet_collector, serialise

    result: list[Piece] = []
    with quiet_collector(), _cached_page_references():
        laid_out = layout(html, styled=not front)
        anchors, bookmarks, footer = capture_layout(laid_out, front=front, extra_anchors=links)
        if job is not None and _LAYOUTS is not None:
            _LAYOUTS.put((job, piece, len(laid_out.pages), anchors))
        fonts = tuple(sorted({str(font.family) for font in laid_out.fonts.values()}))

        def finish(document: Any, pdf: Any) -> None:
            _finish(document, pdf)
            result.append(
                serialise(
                    document,
                    pdf,
                    piece=piece,
                    front=front,
                    anchors=anchors,
                    bookmarks=bookmarks,
                    fonts_used=fonts,
                    footer=footer,
                )
            )
            pdf.write = _write_nothing  # the pieces are joined, not written one by one

        laid_out.write_pdf(
            finisher=finish,
            pdf_variant=PDF_VARIANT,
            pdf_identifier=False,
            uncompressed_pdf=False,
            custom_metadata=False,
        )
        del laid_out
    release_memory()
    return result[0]


def release_memory() -> None:
    """Collect the garbage of a piece and give the freed memory back to the system
    (glibc keeps freed heap for reuse otherwise: a worker would stay as large as its
    largest piece)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Any:
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def _write_nothing(*_: Any, **__: Any) -> None:
    return None


Layout = tuple[int, list[tuple[str, int, float, float]]]  # a piece's pages and anchors


def render_pdf(
    document: Document,
    *,
    executor: Executor | None = None,
    chunks: Sequence[Chunk] | None = None,
    cache: Cache | None = None,
    submitted: Callable[[], None] | None = None,
) -> RenderedPdf:
    """The report as a tagged, reproducible PDF (PDF/UA-1).

    The body is laid out in pieces (:func:`reports.render.pdf.pieces.plan`) — in
    ``executor``'s worker processes when one is given (a fork-based pool whose
    workers were started after :func:`preload`: they then share this process's
    loaded WeasyPrint), else here one after another — then the front matter, with
    the pages of the headings in its table of contents, and a
    :class:`reports.render.pdf.join.Joiner` makes one file of them. Either way the
    bytes are the same. ``chunks`` is the plan of the pieces, when already made.
    With ``cache``, pieces laid out before (the same HTML, the same versions, see
    :mod:`reports.render.pdf.cache`) are taken from it, and new ones are added.
    ``submitted`` is called once every piece is on its way (with ``executor``: queued),
    before this process waits for them: the moment to give the pool other work.
    """
    from reports.render.pdf.cache import load, piece_key
    from reports.render.pdf.join import Joiner
    from reports.render.pdf.pieces import plan

    if chunks is None:
        chunks = plan(document)
    joiner = Joiner(cache)
    pieces: list[Piece] = []
    htmls: dict[int, str] = {}
    if executor is None:
        for i, chunk in enumerate(chunks, start=1):
            html = htmls[i] = render_content_html(document, chunk.parts)
            entry = piece_key(html, i)
            pieces.append(load(cache, entry) or render_cached(html, i, cache=cache, entry=entry))
            joiner.add(pieces[-1])
        if submitted is not None:
            submitted()
        front = _front_matter(document, [(p.pages, p.anchors) for p in pieces], cache)
    else:
        from concurrent.futures import Future

        # the heaviest first, so that no worker is left with a big one at the end
        order = sorted(range(len(chunks)), key=lambda i: (-chunks[i].weight, i))
        job = f"{os.getpid()}-{next(_JOBS)}"
        futures: dict[int, Future[Piece]] = {}
        for i in order:  # each submitted as soon as its HTML is ready
            html = htmls[i + 1] = render_content_html(document, chunks[i].parts)
            entry = piece_key(html, i + 1)
            cached = load(cache, entry)
            if cached is None:
                futures[i] = executor.submit(
                    render_cached, html, i + 1, job=job, cache=cache, entry=entry
                )
            else:
                futures[i] = Future()
                futures[i].set_result(cached)
        if submitted is not None:
            submitted()
        front = _join_as_they_come(document, futures, joiner, pieces, job, cache, executor)
    identifier = pdf_identifier(*(htmls[i] for i in sorted(htmls)))
    css = (templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    data = joiner.finish(
        front,
        identifier=identifier,
        footer_words=(document.footer.before, document.footer.between),
        css=css,
    )
    used = {family for piece in (front, *pieces) for family in piece.fonts_used}
    fallback = tuple(sorted(used - _own_font_families()))
    if fallback:
        _LOG.warning("część tekstu złożono fontem spoza szablonu: %s", ", ".join(fallback))
    pages = front.pages + sum(piece.pages for piece in pieces)
    return RenderedPdf(data=data, pages=pages, fallback_fonts=fallback)


def render_cached(
    html: str,
    piece: int,
    *,
    front: bool = False,
    links: Sequence[str] = (),
    job: str | None = None,
    cache: Cache | None = None,
    entry: str | None = None,
) -> Piece:
    """:func:`render_piece`, the result added to ``cache`` under ``entry`` (its
    :func:`reports.render.pdf.cache.piece_key`) when one is given."""
    from reports.render.pdf.cache import save

    result = render_piece(html, piece, front=front, links=links, job=job)
    if cache is not None and entry is not None:
        save(cache, entry, result)
    return result


def _join_as_they_come(
    document: Document,
    futures: dict[int, Future[Piece]],
    joiner: Any,
    pieces: list[Piece],
    job: str,
    cache: Cache | None,
    executor: Executor,
) -> Piece:
    """Join the pieces in order as the workers finish them, and have the front matter
    rendered as soon as every piece is laid out (while the last ones are still being
    written)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    count = len(futures)
    layouts: dict[int, Layout] = {}
    front: Piece | None = None
    while len(pieces) < count or front is None:
        while len(pieces) < count and futures[len(pieces)].done():
            piece = futures[len(pieces)].result()
            layouts.setdefault(len(pieces), (piece.pages, piece.anchors))
            joiner.add(piece)
            pieces.append(piece)
        for index, future in futures.items():
            if index not in layouts and future.done():
                piece = future.result()
                layouts[index] = (piece.pages, piece.anchors)
        if front is None and len(layouts) == count:
            front = _front_matter(document, [layouts[i] for i in range(count)], cache, executor)
            continue
        running = [f for f in futures.values() if not f.done()]
        if front is not None or _LAYOUTS is None:
            if running:
                wait(running, None if front is not None else 0.05, FIRST_COMPLETED)
            continue
        report = _next_layout(0.02)
        if report is not None and report[0] == job:
            layouts.setdefault(report[1] - 1, (report[2], report[3]))
    while _next_layout(0) is not None:  # what no one will read any more
        pass
    return front


def _next_layout(timeout: float) -> Any:
    """The next layout report of a worker, or None after ``timeout`` seconds."""
    import queue

    if _LAYOUTS is None:
        return None
    try:
        return _LAYOUTS.get(timeout=timeout) if timeout else _LAYOUTS.get_nowait()
    except queue.Empty:
        return None


def _front_matter(
    document: Document,
    layouts: Sequence[Layout],
    cache: Cache | None = None,
    executor: Executor | None = None,
) -> Piece:
    """The title page and the table of contents, whose entries show the pages of the
    headings in the pieces (``layouts``: their pages and anchors, in order); laid out
    by ``executor``'s workers when given (this process then never loads WeasyPrint)."""
    from reports.render.pdf.cache import load, piece_key

    headings: dict[str, int] = {}
    offset = 0
    for pages, anchors in layouts:
        for name, page, _, _ in anchors:
            headings.setdefault(name, offset + page)
        offset += pages
    links = [s.anchor for s in document.walk() if s.anchor in headings]
    # the title page and the pages of contents (about 30 entries a page), until the
    # front matter, laid out, says otherwise
    entries = sum(1 for s in document.walk() if s.level <= 3)
    front_pages = 1 + max(1, math.ceil((entries + 1) / _CONTENTS_PER_PAGE))
    for _ in range(4):
        numbers = {name: front_pages + page + 1 for name, page in headings.items()}
        html = render_front_html(document, numbers)
        entry = piece_key(html, 0, front=True, links=links)
        front = load(cache, entry)
        if front is None and executor is not None:
            front = executor.submit(
                render_cached, html, 0, front=True, links=links, cache=cache, entry=entry
            ).result()
        elif front is None:
            front = render_cached(html, 0, front=True, links=links, cache=cache, entry=entry)
        if front.pages == front_pages:
            return front
        front_pages = front.pages
    raise RuntimeError("spis treści nie ustala liczby stron")  # pragma: no cover
