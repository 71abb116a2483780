"""WeasyPrint and pydyf, every quirk of theirs in one place.

- **Resources**: :func:`templates_only_fetcher` serves files from ``templates/`` and
  refuses everything else (``http(s):``, ``data:``, ``file:`` outside the folder,
  ``../`` escapes, symbolic links out of it); WeasyPrint turns a refusal into a
  skipped resource and a logged error. No network, no stray files.
- **Layout** (:func:`layout`): ``report.css`` and the fonts it declares are loaded
  once per process for the pieces (:func:`report_stylesheet`), their temporary
  copies removed at the end (:func:`remove_font_copies`).
- **Finishing** (:func:`finish`, on the PDF objects before they are written): the
  subset fonts' ``head.modified`` pinned (fontTools would stamp the clock there),
  every tagged table's caption as its ``/Summary``, ``/Scope /Column`` on header
  cells — with WeasyPrint's ``pdf/ua-1`` variant, a tagged PDF/UA-1 file.
- **pydyf**: its quadratic ``page_references`` made cheap while a PDF is written
  (:func:`cached_page_references`); no cyclic garbage collection while WeasyPrint
  works (:func:`quiet_collector`).
- **Fonts**: a character the template's fonts lack is set in a system font, which
  :func:`fallback_fonts` names (and :class:`RenderedPdf` carries).

WeasyPrint is imported lazily, so importing this module (e.g. from the CLI) stays cheap.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import logging
import os
import re
import struct
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from reports.render.assets import REPORT_STYLESHEET as STYLESHEET
from reports.render.assets import templates_dir
from reports.render.pdf.structure import deref, join_continued

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"
SCALE = 0.75  # PDF points per CSS pixel

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
    that font. ``headings``: the page of every section's heading, as the contents show
    it (the DOCX's contents field shows the same).
    """

    data: bytes
    pages: int
    fallback_fonts: tuple[str, ...] = ()
    headings: tuple[tuple[str, int], ...] = ()  # (anchor, page) of every heading


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
    fonts, stylesheet = report_stylesheet()
    return source.render(pdf_variant=PDF_VARIANT, stylesheets=[stylesheet], font_config=fonts)


@cache
def report_stylesheet() -> tuple[Any, Any]:
    """``report.css`` parsed, and the font configuration holding its ``@font-face`` fonts:
    once per process rather than once per piece (a few hundredths of a second each)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    path = templates_dir() / STYLESHEET
    with _fonts_copied_into(_font_folder()):  # WeasyPrint copies the @font-face fonts
        stylesheet = CSS(
            string=path.read_text(encoding="utf-8"),
            base_url=templates_base_url(),
            url_fetcher=templates_only_fetcher(),
            font_config=fonts,
            media_type="print",
        )
    return fonts, stylesheet


#: The folder (in the system's temporary folder) of one process' font copies.
FONT_FOLDER_PREFIX = "raport-czcionki-"


def _font_folder() -> Path:
    """This process' folder for WeasyPrint's font copies, removed when it ends (see
    :func:`remove_font_copies`); folders of processes that were killed go first."""
    import tempfile
    from multiprocessing import util

    root = Path(tempfile.gettempdir())
    remove_orphan_font_copies(root)
    folder = root / f"{FONT_FOLDER_PREFIX}{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    _FONT_FOLDERS.append((os.getpid(), folder))
    # also in a pool's worker, which ends without running atexit
    util.Finalize(None, remove_font_copies, exitpriority=0)
    return folder


@contextmanager
def _fonts_copied_into(folder: Path) -> Iterator[None]:
    """Make WeasyPrint's ``mkdtemp`` (its font copies) land in ``folder``."""
    import tempfile

    saved = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved


def remove_orphan_font_copies(root: Path) -> None:
    """Remove the font folders of processes that no longer run (killed, so unable to)."""
    import shutil

    for folder in root.glob(f"{FONT_FOLDER_PREFIX}*"):
        pid = folder.name.removeprefix(FONT_FOLDER_PREFIX)
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


#: (the process that made it, the folder): a worker forked from a process that loaded
#: the fonts uses that process' copies but does not remove them.
_FONT_FOLDERS: list[tuple[int, Path]] = []


def remove_font_copies() -> None:
    """Remove the temporary copies of the fonts this process loaded for its pieces (at
    its end: by itself, or by whoever ends it with ``os._exit``)."""
    import shutil

    report_stylesheet.cache_clear()  # before the interpreter's shutdown unloads modules
    while _FONT_FOLDERS:
        owner, folder = _FONT_FOLDERS.pop()
        if owner == os.getpid():
            shutil.rmtree(folder, ignore_errors=True)


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
    """Tie every table's header and data cells by the header cells' ``/Scope /Column``.

    The report's header cells are the column heads of a table's header row
    (``<th scope="col">``), but WeasyPrint tags them as ``/TH`` without the scope,
    which PDF/UA checkers ask for. It also gives each header cell an ``/ID`` of
    each page's table and lists them in the data cells' ``/Headers``: on a page a
    table continues on, those are the repeated header's cells, which are artifacts
    (:mod:`reports.render.pdf.structure`), and the IDs repeat across the pieces of a
    long report. So the IDs and ``/Headers`` go, and the scope alone ties the cells.
    """
    for item in pdf.objects:
        if not (isinstance(item, pydyf.Dictionary) and item.get("Type") == "/StructElem"):
            continue
        if item.get("S") == "/TH":
            item.pop("ID", None)
            attributes = item.get("A")
            if not isinstance(attributes, pydyf.Dictionary):
                attributes = pydyf.Dictionary({"O": "/Table"})
                item["A"] = attributes
            attributes["Scope"] = "/Column"
        elif item.get("S") == "/TD" and isinstance(item.get("A"), pydyf.Dictionary):
            item["A"].pop("Headers", None)


def finish(laid_out: Any, pdf: Any) -> None:
    """WeasyPrint finisher: runs on the PDF objects just before they are written."""
    pydyf = pydyf_module()
    _pin_font_timestamps(pdf, pydyf)
    _summarise_tables(laid_out, pdf, pydyf)
    _scope_headers(pdf, pydyf)
    _describe_links(laid_out, pdf, pydyf)
    join_continued(laid_out, pdf, pydyf)


def _describe_links(laid_out: Any, pdf: Any, pydyf: Any) -> None:
    """Describe every link by its words, not by its target's id.

    WeasyPrint gives a link annotation its target's anchor as ``/Contents`` („wizyty”);
    a screen reader reads that. A link's ``aria-label`` (a contents entry: its title
    and page), else its text, becomes the annotation's ``/Contents`` and its tagged
    ``/Link`` element's ``/Alt``.
    """
    for page in laid_out.pages:
        for _, _, _, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            element = getattr(box, "element", None)
            if annotation is None or element is None:
                continue
            words = element.get("aria-label") or " ".join("".join(element.itertext()).split())
            if words:
                annotation["Contents"] = pydyf.String(words)
    for item in pdf.objects:
        if not (isinstance(item, pydyf.Dictionary) and item.get("S") == "/Link"):
            continue
        for kid in item.get("K", ()):
            target = deref(pdf, kid)
            if isinstance(target, pydyf.Dictionary) and target.get("Type") == "/OBJR":
                annotation = deref(pdf, target["Obj"])
                if annotation is not None and "Contents" in annotation:
                    item["Alt"] = annotation["Contents"]


@contextmanager
def cached_page_references() -> Iterator[None]:
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


def fallback_fonts(used: Iterable[str]) -> tuple[str, ...]:
    """The font families in ``used`` that are not the template's own, sorted (with a
    warning when there are any: other machines may lack them)."""
    fallback = tuple(sorted(set(used) - _own_font_families()))
    if fallback:
        _LOG.warning("część tekstu złożono fontem spoza szablonu: %s", ", ".join(fallback))
    return fallback


def write(laid_out: Any, html: str) -> RenderedPdf:
    """Write a laid-out document as the tagged PDF bytes."""
    with cached_page_references():
        data = laid_out.write_pdf(
            finisher=finish,
            pdf_variant=PDF_VARIANT,
            pdf_identifier=pdf_identifier(html),
            uncompressed_pdf=False,
            custom_metadata=False,
        )
    fallback = fallback_fonts(str(font.family) for font in laid_out.fonts.values())
    return RenderedPdf(data=bytes(data), pages=len(laid_out.pages), fallback_fonts=fallback)


def pdf_from_html(html: str) -> RenderedPdf:
    """Render an HTML string (with ``templates/`` as its base) to the tagged PDF."""
    return write(layout(html), html)


def write_objects(laid_out: Any, handle: Callable[[Any, Any], None]) -> None:
    """Have WeasyPrint make the PDF objects of ``laid_out``, finished (:func:`finish`),
    and hand them to ``handle(laid_out, pdf)`` instead of writing a file."""

    def finisher(document: Any, pdf: Any) -> None:
        finish(document, pdf)
        handle(document, pdf)
        pdf.write = _write_nothing

    laid_out.write_pdf(
        finisher=finisher,
        pdf_variant=PDF_VARIANT,
        pdf_identifier=False,
        uncompressed_pdf=False,
        custom_metadata=False,
    )


def _write_nothing(*_: Any, **__: Any) -> None:
    return None


def pydyf_module() -> Any:
    """pydyf, WeasyPrint's PDF writer (untyped; imported when a PDF is written)."""
    return importlib.import_module("pydyf")


@contextmanager
def quiet_collector() -> Iterator[None]:
    """No cyclic garbage collection while WeasyPrint works: it allocates millions of
    objects, and every full collection walks all of them (a fifth of the layout
    time). What is garbage is collected once, at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
