"""generate(): read → check/merge → build → render → write, in one direction.

Gather everything first, write last: nothing reaches ``output/`` unless the
inputs check clean and every requested format rendered.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from reports.cache import Cache
from reports.checking.check import Report, check_year
from reports.document.model import Document
from reports.domain.year import Year
from reports.publish.manifest import MANIFEST_NAME, FileRecord, dump, make_manifest
from reports.publish.output import write_atomic

FORMATS = ("docx", "pdf", "html")


@dataclass(frozen=True)
class Rendered:
    """One output in memory: its format, bytes and (for the PDF) page count."""

    format: str
    data: bytes
    pages: int | None = None


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the check, and the files it wrote (none when the check failed)."""

    check: Report
    outputs: tuple[Path, ...] = ()
    pages: int | None = None
    stale: tuple[Path, ...] = ()  # earlier outputs this build did not replace

    @property
    def ok(self) -> bool:
        return self.check.ok


def output_path(output_dir: Path, year: int, fmt: str) -> Path:
    """``output/2025/raport-2025.pdf``."""
    return output_dir / str(year) / f"raport-{year}.{fmt}"


def render(document: Document, fmt: str, cache: Cache | None = None) -> Rendered:
    """Render ``document`` to one format (imports the renderer only when asked);
    ``cache`` keeps the PDF's laid-out pieces (see :mod:`reports.render.pdf.cache`)."""
    if fmt == "docx":
        from reports.render.docx.renderer import render_docx

        return Rendered("docx", render_docx(document))
    if fmt == "pdf":
        from reports.render.pdf.engine import render_pdf

        pdf = render_pdf(document, cache=cache)
        return Rendered("pdf", pdf.data, pdf.pages)
    if fmt == "html":
        from reports.render.html.edition import render_edition

        return Rendered("html", render_edition(document).encode())
    raise ValueError(f"nieznany format: {fmt}")


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover


def start_workers(formats: Sequence[str] = FORMATS) -> Executor | None:
    """A pool of worker processes for :func:`render_all`, one per core, or None where
    there is one core, no ``fork`` or no PDF to lay out (then everything renders in
    this process).

    Start it early — :func:`generate` does before it reads the inputs: every worker
    imports the PDF renderer as it starts (:func:`warm_up`, before any task), while
    this process reads and checks the workbooks. The workers are forked before any
    renderer is loaded here; a page that keeps a pool between builds (and shuts it
    down itself) passes it to :func:`generate` as ``executor``.
    """
    import multiprocessing

    cores = _cores()
    if cores < 2 or "pdf" not in formats or "fork" not in multiprocessing.get_all_start_methods():
        return None
    from concurrent.futures import ProcessPoolExecutor

    from reports.render.pdf.engine import open_layout_channel

    open_layout_channel()
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=cores, mp_context=context, initializer=warm_up, initargs=(tuple(formats),)
    )
    pool.submit(int)  # the workers start now, not at the first piece
    return pool


def warm_up(formats: Sequence[str]) -> None:
    """Import the PDF renderer (in a worker, before its first task; the other formats
    render in the process that started the pool)."""
    if "pdf" in formats:
        from reports.render.pdf.engine import load_renderer

        load_renderer()


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
    :func:`reports.render.pdf.engine.render_pdf`), while this process renders the DOCX and
    the HTML edition and joins the pieces. Without ``parallel`` (or on one core) all
    of it happens here, one piece after another. The bytes are the same, with or
    without ``cache`` (see :func:`render`).
    """
    if not parallel:
        return [render(document, fmt, cache) for fmt in formats]
    own = executor is None
    pool = start_workers(formats) if own else executor
    if pool is None:
        return [render(document, fmt, cache) for fmt in formats]
    done: dict[str, Rendered] = {}

    def render_others() -> None:
        # here, while the workers lay out the PDF's pieces (and then its front matter,
        # which would otherwise wait behind them)
        for fmt in formats:
            if fmt != "pdf":
                done[fmt] = render(document, fmt)

    try:
        if "pdf" in formats:
            from reports.render.pdf.engine import render_pdf

            pdf = render_pdf(document, executor=pool, cache=cache, submitted=render_others)
            done["pdf"] = Rendered("pdf", pdf.data, pdf.pages)
        else:
            render_others()
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
    return [done[fmt] for fmt in formats]


def generate(
    inputs_dir: Path,
    year: int,
    output_dir: Path,
    formats: Sequence[str] = FORMATS,
    *,
    parallel: bool = True,
    cache: Cache | None = None,
    progress: Callable[[str], None] | None = None,
    executor: Executor | None = None,
) -> BuildResult:
    """Check the year's inputs and, when they are clean, write its report files.

    Writes the DOCX, the PDF and the HTML edition, the BIP metryczka (with the PDF)
    and ``manifest.json``,
    each atomically, and only after everything has rendered. ``parallel`` spreads
    the rendering over worker processes (see :func:`render_all`); ``cache`` (e.g.
    ``Cache.for_output(output_dir)``) saves laying out again what did not change
    since an earlier build — the files are the same bytes either way. ``progress``
    is told each stage as it starts: ``check``, ``document``, ``render``, ``write``.
    ``executor`` is a pool of :func:`start_workers` to render with; without one, a
    parallel build starts its own before it reads the inputs, so that the workers
    load the renderers meanwhile.
    """
    pool = executor
    if parallel and pool is None:
        pool = start_workers(formats)
    try:
        return _generate(inputs_dir, year, output_dir, formats, parallel, cache, pool, progress)
    finally:
        if pool is not None and executor is None:
            pool.shutdown(cancel_futures=True)


def _generate(
    inputs_dir: Path,
    year: int,
    output_dir: Path,
    formats: Sequence[str],
    parallel: bool,
    cache: Cache | None,
    pool: Executor | None,
    progress: Callable[[str], None] | None,
) -> BuildResult:
    from reports.document.build import build_document

    step = progress or (lambda stage: None)
    step("check")
    check = check_year(inputs_dir, year, cache=cache)
    if not check.ok or check.data is None:
        return BuildResult(check)
    step("document")
    document = build_document(check.data)
    step("render")
    rendered = render_all(document, formats, parallel=parallel, cache=cache, executor=pool)
    step("write")
    pdf = next((r for r in rendered if r.format == "pdf"), None)
    html = next((len(r.data) for r in rendered if r.format == "html"), None)
    files = {output_path(output_dir, year, r.format).name: r.data for r in rendered}
    if pdf is not None and pdf.pages is not None:
        files.update(bip_files(check.data, len(pdf.data), pdf.pages, html))
    year_dir = output_dir / str(year)
    manifest = make_manifest(
        year,
        inputs=(FileRecord.of(path, inputs_dir) for path in check.files),
        outputs=(
            FileRecord(name, len(data), sha256(data).hexdigest()) for name, data in files.items()
        ),
        tallies=check.tallies,
    )
    files[MANIFEST_NAME] = dump(manifest)
    for name, data in files.items():
        write_atomic(year_dir / name, data)
    if cache is not None:
        cache.prune()
    stale = tuple(
        year_dir / name
        for name in output_names(year)
        if name not in files and (year_dir / name).exists()
    )
    written = tuple(year_dir / name for name in files)
    return BuildResult(check, written, pdf.pages if pdf else None, stale)


def output_names(year: int) -> tuple[str, ...]:
    """Every file a full build of ``year`` writes."""
    return (
        *(output_path(Path(), year, fmt).name for fmt in FORMATS),
        f"metryczka-{year}.txt",
        f"metryczka-{year}.html",
        MANIFEST_NAME,
    )


def bip_files(
    year: Year, pdf_size: int, pdf_pages: int, html_size: int | None = None
) -> dict[str, bytes]:
    """``metryczka-YEAR.txt`` and ``.html`` for the BIP publisher (naming the PDF, and the
    HTML edition when ``html_size`` is given)."""
    from reports.publish.bip import bip_record, render_metryczka_html, render_metryczka_txt

    record = bip_record(year.year, year.metryczka, pdf_size, pdf_pages, html_size)
    return {
        f"metryczka-{year.year}.txt": render_metryczka_txt(record).encode(),
        f"metryczka-{year.year}.html": render_metryczka_html(record).encode(),
    }
