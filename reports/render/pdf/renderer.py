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
  Carlito lacks would fall back to a system font, which
  :class:`reports.render.pdf.engine.RenderedPdf` names.
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
- **No network, no stray files**: WeasyPrint reads files from ``templates/`` only
  (:func:`reports.render.pdf.engine.templates_only_fetcher`).

The modules under it, in the order they build on each other: ``engine`` (WeasyPrint
and pydyf), ``writer`` and ``references`` (PDF bytes), ``footer``, ``serialise``,
``cache``, ``join``, ``workers``, ``pieces`` (where to cut). WeasyPrint is imported
only when something is laid out, so importing this module (e.g. from the CLI) stays
cheap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait

from reports.cache import Cache
from reports.document.model import Document
from reports.render.assets import templates_dir
from reports.render.html.renderer import STYLESHEET, render_content_html, render_front_html
from reports.render.pdf.cache import load, piece_key
from reports.render.pdf.engine import RenderedPdf, fallback_fonts, pdf_identifier
from reports.render.pdf.footer import load_subsetter
from reports.render.pdf.join import Joiner
from reports.render.pdf.pieces import Chunk, plan
from reports.render.pdf.serialise import Piece
from reports.render.pdf.structure import Continuation
from reports.render.pdf.workers import (
    layout_channel_open,
    new_job,
    next_layout,
    render_cached,
)

_CONTENTS_PER_PAGE = 30

Layout = tuple[int, list[tuple[str, int, float, float]]]  # a piece's pages and anchors
Headings = tuple[tuple[str, int], ...]  # (anchor, page in the joined file)


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
    workers were started after :func:`reports.render.pdf.workers.preload`: they
    then share this process's loaded WeasyPrint), else here one after another —
    then the front matter, with the pages of the headings in its table of contents,
    and a :class:`reports.render.pdf.join.Joiner` makes one file of them. Either way
    the bytes are the same. ``chunks`` is the plan of the pieces, when already made.
    With ``cache``, pieces laid out before (the same HTML, the same versions, see
    :mod:`reports.render.pdf.cache`) are taken from it, and new ones are added.
    ``submitted`` is called once every piece is on its way (with ``executor``: queued),
    before this process waits for them: the moment to give the pool other work.
    """
    if chunks is None:
        chunks = plan(document)
    joiner = Joiner(cache)
    pieces: list[Piece] = []
    htmls: dict[int, str] = {}
    seams = _continuations(chunks)
    if executor is None:
        for i, chunk in enumerate(chunks, start=1):
            html = htmls[i] = render_content_html(document, chunk.parts)
            entry = piece_key(html, i, continuation=seams[i - 1])
            pieces.append(
                load(cache, entry)
                or render_cached(html, i, cache=cache, entry=entry, continuation=seams[i - 1])
            )
            joiner.add(pieces[-1])
        if submitted is not None:
            submitted()
        front, headings = _front_matter(document, [(p.pages, p.anchors) for p in pieces], cache)
    else:
        # the heaviest first, so that no worker is left with a big one at the end
        order = sorted(range(len(chunks)), key=lambda i: (-chunks[i].weight, i))
        job = new_job()
        futures: dict[int, Future[Piece]] = {}
        for i in order:  # each submitted as soon as its HTML is ready
            html = htmls[i + 1] = render_content_html(document, chunks[i].parts)
            entry = piece_key(html, i + 1, continuation=seams[i])
            cached = load(cache, entry)
            if cached is None:
                futures[i] = executor.submit(
                    render_cached,
                    html,
                    i + 1,
                    job=job,
                    cache=cache,
                    entry=entry,
                    continuation=seams[i],
                )
            else:
                futures[i] = Future()
                futures[i].set_result(cached)
        if submitted is not None:
            submitted()
        load_subsetter()  # for the footer's font, while the workers lay out the pieces
        front, headings = _join_as_they_come(
            document, futures, joiner, pieces, job, cache, executor
        )
    identifier = pdf_identifier(*(htmls[i] for i in sorted(htmls)))
    css = (templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    data = joiner.finish(
        front,
        identifier=identifier,
        footer_words=(document.footer.before, document.footer.between),
        css=css,
    )
    fallback = fallback_fonts(family for piece in (front, *pieces) for family in piece.fonts_used)
    pages = front.pages + sum(piece.pages for piece in pieces)
    return RenderedPdf(data=data, pages=pages, fallback_fonts=fallback, headings=headings)


def _continuations(chunks: Sequence[Chunk]) -> list[Continuation]:
    """What each piece continues of the one before and the next one of it (from the
    plan: the join makes one structure element of a table or section cut between them)."""
    return [
        Continuation(chunk.continues, chunks[i + 1].continues if i + 1 < len(chunks) else ())
        for i, chunk in enumerate(chunks)
    ]


def _join_as_they_come(
    document: Document,
    futures: dict[int, Future[Piece]],
    joiner: Joiner,
    pieces: list[Piece],
    job: str,
    cache: Cache | None,
    executor: Executor,
) -> tuple[Piece, Headings]:
    """Join the pieces in order as the workers finish them, and have the front matter
    rendered as soon as every piece is laid out (while the last ones are still being
    written)."""
    count = len(futures)
    layouts: dict[int, Layout] = {}
    front: Piece | None = None
    headings: Headings = ()
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
            front, headings = _front_matter(
                document, [layouts[i] for i in range(count)], cache, executor
            )
            continue
        running = [f for f in futures.values() if not f.done()]
        if front is not None or not layout_channel_open():
            if running:
                wait(running, None if front is not None else 0.05, FIRST_COMPLETED)
            continue
        report = next_layout(0.02)
        if report is not None and report[0] == job:
            layouts.setdefault(report[1] - 1, (report[2], report[3]))
    while next_layout(0) is not None:  # what no one will read any more
        pass
    return front, headings


def _front_matter(
    document: Document,
    layouts: Sequence[Layout],
    cache: Cache | None = None,
    executor: Executor | None = None,
) -> tuple[Piece, Headings]:
    """The title page and the table of contents, whose entries show the pages of the
    headings in the pieces (``layouts``: their pages and anchors, in order); laid out
    by ``executor``'s workers when given (this process then never loads WeasyPrint).
    Returns it with the page of every heading in the joined file."""
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
            return front, tuple(sorted(numbers.items(), key=lambda item: item[1]))
        front_pages = front.pages
    raise RuntimeError("spis treści nie ustala liczby stron")  # pragma: no cover
