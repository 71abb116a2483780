"""generate(): read → check/merge → build → render → write, in one direction.

(Exported by :mod:`reports.pipeline`, which imports this module only when asked.)

Rendering (and its worker processes) is :mod:`reports.pipeline.rendering`; every
pool of workers is made by :mod:`reports.pipeline.workers`.

Gather everything first, write last: nothing reaches ``output/`` unless the
inputs check clean and every requested format rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from reports.cache import Cache
from reports.checking.check import Report, check_year
from reports.document.build import data_package_name
from reports.domain.year import Year
from reports.pipeline.formats import DATA, FORMATS, RENDERED
from reports.pipeline.rendering import Rendered, render_all, start_workers
from reports.pipeline.workers import stop
from reports.publish.manifest import MANIFEST_NAME, FileRecord, dump, make_manifest
from reports.publish.output import write_set


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the check, and the files it wrote (none when the check failed)."""

    check: Report
    outputs: tuple[Path, ...] = ()
    pages: int | None = None
    stale: tuple[Path, ...] = ()  # earlier outputs this build did not replace
    fallback_fonts: tuple[str, ...] = ()  # system fonts set characters the report's lack

    @property
    def ok(self) -> bool:
        return self.check.ok


def output_path(output_dir: Path, year: int, fmt: str) -> Path:
    """``output/2025/raport-2025.pdf``."""
    return output_dir / str(year) / f"raport-{year}.{fmt}"


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

    Writes the DOCX, the PDF and the HTML edition, the open data (``data``: the package
    ``dane-YEAR/`` and its ZIP), the BIP metryczka (with the PDF) and ``manifest.json``
    as one set (:func:`~reports.publish.output.write_set`: the year's folder is swapped
    whole), and only after everything has rendered.
    ``parallel`` spreads the rendering over worker processes (see :func:`render_all`);
    ``cache`` (e.g. ``Cache.for_output(output_dir)``) saves laying out again what did
    not change since an earlier build — the files are the same bytes either way. ``progress``
    is told each stage as it starts: ``check``, ``document``, ``render``, ``write``.
    ``executor`` is a pool of :func:`start_workers` to render with; without one, a
    parallel build starts its own before it reads the inputs, so that the workers
    load the renderers meanwhile.
    """
    from reports.document.build import build_document

    step = progress or (lambda stage: None)
    pool = start_workers(formats) if parallel and executor is None else executor
    try:
        step("check")
        check = check_year(inputs_dir, year, cache=cache)
        if not check.ok or check.data is None:
            return BuildResult(check)
        step("document")
        document = build_document(check.data)
        step("render")
        to_render = [fmt for fmt in formats if fmt != DATA]
        rendered = render_all(document, to_render, parallel=parallel, cache=cache, executor=pool)
    finally:
        if pool is not None and executor is None:
            stop(pool)
    step("write")
    return _write(inputs_dir, output_dir, check, check.data, rendered, DATA in formats, cache)


def _write(
    inputs_dir: Path,
    output_dir: Path,
    check: Report,
    content: Year,
    rendered: Sequence[Rendered],
    open_data: bool,
    cache: Cache | None,
) -> BuildResult:
    """Write the rendered files, the open data, the BIP metryczka and the manifest into the
    year's folder."""
    from reports.publish.datapackage import data_package

    year = content.year
    pdf = next((r for r in rendered if r.format == "pdf"), None)
    html = next((len(r.data) for r in rendered if r.format == "html"), None)
    files = {output_path(output_dir, year, r.format).name: r.data for r in rendered}
    package = data_package(content) if open_data else None
    if package is not None:
        files.update(package.outputs())
    if pdf is not None and pdf.pages is not None:
        data_size = len(package.zip) if package is not None else None
        files.update(bip_files(content, len(pdf.data), pdf.pages, html, data_size))
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
    write_set(year_dir, files)  # the whole set or, on any failure, the old one
    if cache is not None:
        cache.prune()
    data_dir = year_dir / data_package_name(year).removesuffix(".zip")
    earlier = [*output_names(year), *(p.relative_to(year_dir).as_posix() for p in _files(data_dir))]
    stale = tuple(
        year_dir / name for name in earlier if name not in files and (year_dir / name).exists()
    )
    written = tuple(year_dir / name for name in files)
    fallback = pdf.fallback_fonts if pdf else ()
    return BuildResult(check, written, pdf.pages if pdf else None, stale, fallback)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def output_names(year: int) -> tuple[str, ...]:
    """Every file a full build of ``year`` writes at the top of its folder (the open data's
    files are in the folder ``dane-YEAR/`` beside them, packed in ``dane-YEAR.zip``)."""
    return (
        *(output_path(Path(), year, fmt).name for fmt in RENDERED),
        data_package_name(year),
        f"metryczka-{year}.txt",
        f"metryczka-{year}.html",
        MANIFEST_NAME,
    )


def bip_files(
    year: Year,
    pdf_size: int,
    pdf_pages: int,
    html_size: int | None = None,
    data_size: int | None = None,
) -> dict[str, bytes]:
    """``metryczka-YEAR.txt`` and ``.html`` for the BIP publisher (naming the PDF, the HTML
    edition when ``html_size`` is given and the open data's ZIP when ``data_size`` is)."""
    from reports.publish.bip import bip_record, render_metryczka_html, render_metryczka_txt

    record = bip_record(year.year, year.metryczka, pdf_size, pdf_pages, html_size, data_size)
    return {
        f"metryczka-{year.year}.txt": render_metryczka_txt(record).encode(),
        f"metryczka-{year.year}.html": render_metryczka_html(record).encode(),
    }
