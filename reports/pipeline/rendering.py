"""Rendering a document to its formats: one at a time, or with the PDF's layout spread
over worker processes (see :mod:`reports.pipeline.workers`) while this process
renders the DOCX and the HTML edition (the DOCX's contents then take their pages from
the PDF's layout)."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reports.cache import Cache
from reports.document.model import Document
from reports.pipeline.formats import RENDERED
from reports.pipeline.workers import can_fork, cores, pool_context, start_pool, stop, warm

if TYPE_CHECKING:
    from reports.render.docx.renderer import PreparedDocx

FORMATS = RENDERED


@dataclass(frozen=True)
class Rendered:
    """One output in memory: its format, bytes and (for the PDF) page count."""

    format: str
    data: bytes
    pages: int | None = None
    fallback_fonts: tuple[str, ...] = ()  # system fonts the PDF needed (see the engine)
    headings: Mapping[str, int] | None = None  # the PDF's: the page of each heading


def render(
    document: Document,
    fmt: str,
    cache: Cache | None = None,
    headings: Mapping[str, int] | None = None,
) -> Rendered:
    """Render ``document`` to one format (imports the renderer only when asked);
    ``cache`` keeps the PDF's laid-out pieces (see :mod:`reports.render.pdf.cache`);
    ``headings`` (the page of each heading in the PDF) fill the DOCX's contents."""
    if fmt == "docx":
        from reports.render.docx.renderer import render_docx

        return Rendered("docx", render_docx(document, pages=headings))
    if fmt == "pdf":
        from reports.render.pdf.renderer import render_pdf

        pdf = render_pdf(document, cache=cache)
        return Rendered("pdf", pdf.data, pdf.pages, pdf.fallback_fonts, dict(pdf.headings))
    if fmt == "html":
        from reports.render.html.edition import render_edition

        return Rendered("html", render_edition(document).encode())
    raise ValueError(f"nieznany format: {fmt}")


def start_workers(formats: Sequence[str] = FORMATS) -> Executor | None:
    """A pool of worker processes for :func:`render_all`, one per core, or None where
    there is one core, no ``fork`` or no PDF to lay out (then everything renders in
    this process).

    Start it early — :func:`generate` does before it reads the inputs. Where this
    process has not loaded WeasyPrint, a fork server imports it once
    (:mod:`reports.render.pdf.preload`) while this process reads and checks the
    workbooks, and the workers are forked from it ready to lay out. Where it has (a
    page's warm worker), the workers are forked from this process, WeasyPrint
    included. A page that keeps a pool between builds (and shuts it down itself)
    passes it to :func:`generate` as ``executor``.
    """
    workers = cores()
    if workers < 2 or "pdf" not in formats or not can_fork():
        return None
    loaded = "weasyprint" in sys.modules
    mp_context = pool_context(() if loaded else LAYOUT_PRELOAD)  # the server starts now
    from reports.render.pdf.workers import open_layout_channel

    channel = open_layout_channel(mp_context)
    pool = start_pool(workers, warm_up, (tuple(formats), channel), mp_context=mp_context)
    if loaded:
        warm(pool)  # the workers start now, not at the first piece
    return pool


#: What a fork server imports for the PDF's layout workers: this program's main module
#: (each worker would import it again) and the renderer with its stylesheet and fonts.
LAYOUT_PRELOAD = ("__main__", "reports.render.pdf.preload")


def warm_up(formats: Sequence[str], channel: object) -> None:
    """Make a worker ready to lay out the PDF (before its first task; the other formats
    render in the process that started the pool): the renderer loaded (already, when
    forked from a fork server or a process that had it) and the channel on which it
    reports its layouts."""
    if "pdf" in formats:
        from reports.render.pdf.workers import load_renderer, use_layout_channel

        load_renderer()
        use_layout_channel(channel)


def render_all(
    document: Document,
    formats: Sequence[str],
    *,
    parallel: bool,
    cache: Cache | None = None,
    executor: Executor | None = None,
) -> list[Rendered]:
    """Render every format, in parallel worker processes when ``parallel``.

    A pool (``executor``, else one started here, see :func:`start_workers`) lays
    out the pieces of the PDF's body and then its front matter (see
    :func:`reports.render.pdf.renderer.render_pdf`), while this process renders the HTML
    edition and all of the DOCX but its contents' pages, and joins the pieces; the
    PDF's pages of the headings then finish the DOCX in hundredths of a second
    (:func:`reports.render.docx.renderer.prepare_docx`). Without ``parallel`` (or on one core) all
    of it happens here, one piece after another. The bytes are the same, with or
    without ``cache`` (see :func:`render`).
    """
    if not parallel:
        return _in_order(document, formats, cache)
    own = executor is None
    pool = start_workers(formats) if own else executor
    if pool is None:
        return _in_order(document, formats, cache)
    done: dict[str, Rendered] = {}

    prepared: list[PreparedDocx] = []

    def render_others() -> None:
        # here, while the workers lay out the PDF's pieces (and then its front matter,
        # which would otherwise wait behind them); the DOCX but its contents' pages,
        # which the PDF's layout gives
        for fmt in formats:
            if fmt == "docx" and "pdf" in formats:
                from reports.render.docx.renderer import prepare_docx

                prepared.append(prepare_docx(document))
            elif fmt != "pdf":
                done[fmt] = render(document, fmt)

    try:
        if "pdf" in formats:
            from reports.render.pdf.renderer import render_pdf

            pdf = render_pdf(document, executor=pool, cache=cache, submitted=render_others)
            headings = dict(pdf.headings)
            done["pdf"] = Rendered("pdf", pdf.data, pdf.pages, pdf.fallback_fonts, headings)
            for docx in prepared:
                done["docx"] = Rendered("docx", docx.finish(headings))
        else:
            render_others()
    finally:
        if own:
            stop(pool)
    return [done[fmt] for fmt in formats]


def _in_order(document: Document, formats: Sequence[str], cache: Cache | None) -> list[Rendered]:
    """Every format here, the PDF first: its pages fill the DOCX's contents."""
    done: dict[str, Rendered] = {}
    for fmt in sorted(formats, key=lambda f: f != "pdf"):
        pdf = done.get("pdf")
        done[fmt] = render(document, fmt, cache, pdf.headings if pdf else None)
    return [done[fmt] for fmt in formats]
