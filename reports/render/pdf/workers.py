"""Laying out pieces, here or in forked worker processes.

A worker lays out one piece (:func:`render_piece`) and sends back its serialised
objects (:mod:`reports.render.pdf.serialise`); as soon as a piece is laid out, its
pages and anchors go to the joining process on the layout channel
(:func:`open_layout_channel`, opened before the fork), as the front matter needs no
more. :func:`preload` loads WeasyPrint before a fork-based pool starts, so that the
workers share it; :func:`release_memory` frees a piece's memory before the next.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import os
from collections.abc import Sequence
from functools import cache
from typing import Any

from reports.cache import Cache
from reports.render.pdf.cache import save
from reports.render.pdf.engine import (
    cached_page_references,
    layout,
    quiet_collector,
    report_stylesheet,
    write_objects,
)
from reports.render.pdf.serialise import Piece, capture_layout, serialise
from reports.render.pdf.structure import NO_SEAMS, Continuation

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
    report_stylesheet()
    gc.freeze()  # what is loaded now stays: no collection need walk it again


def open_layout_channel(mp_context: Any = None) -> Any:
    """Open the channel on which workers report their layouts, before they start (a
    queue of ``mp_context``, the context of their pool; fork by default), and return it."""
    global _LAYOUTS
    if _LAYOUTS is None:
        import multiprocessing

        _LAYOUTS = (mp_context or multiprocessing.get_context("fork")).Queue()
    return _LAYOUTS


def use_layout_channel(channel: Any) -> None:
    """Report layouts on ``channel`` (in a worker that did not inherit it: one forked by
    a fork server)."""
    global _LAYOUTS
    _LAYOUTS = channel


def render_piece(
    html: str,
    piece: int,
    *,
    front: bool = False,
    links: Sequence[str] = (),
    job: str | None = None,
    continuation: Continuation = NO_SEAMS,
) -> Piece:
    """Lay out one piece of a report and serialise its PDF objects (a :class:`Piece`).

    Runs in a worker process as well as here; ``links`` are the anchors of other
    pieces the front matter's table of contents points to; ``continuation``, what the
    piece continues of the pieces around it. With ``job``, the layout (pages,
    anchors) is reported on the channel :func:`preload` opened as soon as it is known.
    """
    result: list[Piece] = []
    with quiet_collector(), cached_page_references():
        laid_out = layout(html, styled=not front)
        anchors, bookmarks, footer = capture_layout(laid_out, front=front, extra_anchors=links)
        if job is not None and _LAYOUTS is not None:
            _LAYOUTS.put((job, piece, len(laid_out.pages), anchors))

        def keep(document: Any, pdf: Any) -> None:  # the pieces are joined, not written
            # the fonts are known once the pages are drawn, i.e. now, not after layout
            fonts = tuple(sorted({str(font.family) for font in document.fonts.values()}))
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
                    continuation=continuation,
                )
            )

        write_objects(laid_out, keep)
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


def render_cached(
    html: str,
    piece: int,
    *,
    front: bool = False,
    links: Sequence[str] = (),
    job: str | None = None,
    cache: Cache | None = None,
    entry: str | None = None,
    continuation: Continuation = NO_SEAMS,
) -> Piece:
    """:func:`render_piece`, the result added to ``cache`` under ``entry`` (its
    :func:`reports.render.pdf.cache.piece_key`) when one is given."""
    result = render_piece(html, piece, front=front, links=links, job=job, continuation=continuation)
    if cache is not None and entry is not None:
        save(cache, entry, result)
    return result


def new_job() -> str:
    """A name for one render's pieces on the layout channel (unique in this process)."""
    return f"{os.getpid()}-{next(_JOBS)}"


def layout_channel_open() -> bool:
    """Whether workers report their layouts (:func:`open_layout_channel` was called)."""
    return _LAYOUTS is not None


def next_layout(timeout: float) -> Any:
    """The next layout report of a worker, or None after ``timeout`` seconds."""
    import queue

    if _LAYOUTS is None:
        return None
    try:
        return _LAYOUTS.get(timeout=timeout) if timeout else _LAYOUTS.get_nowait()
    except queue.Empty:
        return None
