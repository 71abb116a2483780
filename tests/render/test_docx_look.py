"""The DOCX looks like the PDF, seen through LibreOffice: the same title page, every
heading on the same page (so the contents' page numbers, the PDF's, are right in both),
and the tables' stripes drawn.

The demo, the full year and a generated year of 100 records are built once; their DOCX
files are converted to PDF by one LibreOffice run and compared with the PDFs raport wrote.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from benchmarks.synth import write_inputs
from reports.document.build import build_document
from reports.pipeline import BuildResult, generate, output_path
from reports.render.docx.xml_tables import STRIPE
from tests.validators import require, soffice_convert

BUILDS = ("demo", "full", "n100")
MM = 72 / 25.4  # PDF points in a millimetre


def _file(result: BuildResult, fmt: str) -> Path:
    assert result.ok
    return output_path(result.outputs[0].parent.parent, result.check.year, fmt)


@pytest.fixture(scope="module")
def n100_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A generated year of 100 records (long tables, many partner cities), built once."""
    folder = tmp_path_factory.mktemp("n100")
    inputs = write_inputs(folder / "inputs", 100, 2025)
    return generate(inputs.path, inputs.year, folder / "out")


@pytest.fixture(scope="module")
def pairs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, Path]]:
    """Per build: (raport's PDF, its DOCX as LibreOffice lays it out)."""
    folder = tmp_path_factory.mktemp("docx-look")
    results = {name: request.getfixturevalue(f"{name}_build") for name in BUILDS}
    sources = []
    for name, result in results.items():
        sources.append(folder / f"{name}.docx")
        shutil.copyfile(_file(result, "docx"), sources[-1])
    converted = soffice_convert(sources, "pdf", folder / "lo")
    return {
        name: (_file(result, "pdf"), pdf)
        for (name, result), pdf in zip(results.items(), converted, strict=True)
    }


def _headings(path: Path) -> list[tuple[int, str, int]]:
    """Every heading of the PDF's outline: (depth, title, page number)."""
    reader = PdfReader(path)

    def walk(items: list[Any], depth: int) -> list[tuple[int, str, int]]:
        out: list[tuple[int, str, int]] = []
        for item in items:
            if isinstance(item, list):
                out += walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                out.append((depth, item.title, page + 1))
        return out

    return walk(reader.outline, 0)


@pytest.mark.parametrize("build", BUILDS)
def test_the_chapters_start_the_same_pages_as_in_the_pdf(
    request: pytest.FixtureRequest, pairs: dict[str, tuple[Path, Path]], build: str
) -> None:
    """The parts of the outline that start a page (the document model's ``starts_page``)
    are on the same pages, and the two have as many pages."""
    data = request.getfixturevalue(f"{build}_build").check.data
    assert data is not None
    starting = {s.title for s in build_document(data).sections if s.starts_page}
    assert len(starting) >= 3
    pdf, docx_pdf = pairs[build]
    expected = [(title, page) for depth, title, page in _headings(pdf) if title in starting]
    found = [(title, page) for depth, title, page in _headings(docx_pdf) if title in starting]
    assert found == expected
    assert len(PdfReader(docx_pdf).pages) == len(PdfReader(pdf).pages)


@pytest.mark.parametrize("build", BUILDS)
def test_every_heading_is_on_its_page_in_the_pdf(
    pairs: dict[str, tuple[Path, Path]], build: str
) -> None:
    """Every heading, chapter or not, on the PDF's page: the DOCX's contents show the
    PDF's page numbers, and they are right in LibreOffice too."""
    pdf, docx_pdf = pairs[build]
    expected = _headings(pdf)
    assert len(expected) >= 20
    assert _headings(docx_pdf) == expected


def _ink_bands(path: Path, folder: Path) -> list[tuple[float, float, float, float]]:
    """The bands of ink across the first page, top to bottom: (top, bottom, left, right)
    of each, in mm (the page drawn at 200 dpi)."""
    poppler = require("pdftoppm", "poppler-utils")
    image = folder / path.stem
    subprocess.run(
        [poppler, "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", str(path), image],
        check=True,
    )
    with Image.open(image.with_suffix(".png")) as picture:
        grey = picture.convert("L")
    width, height = grey.size
    pixels = grey.load()
    assert pixels is not None
    mm = 25.4 / 200
    bands: list[tuple[float, float, float, float]] = []
    top: int | None = None
    left, right = width, 0
    for y in range(height):
        ink = [x for x in range(0, width, 2) if int(pixels[x, y]) < 200]  # type: ignore[arg-type]
        if ink:
            top = y if top is None else top
            left, right = min(left, ink[0]), max(right, ink[-1])
        elif top is not None:
            bands.append((top * mm, y * mm, left * mm, right * mm))
            top, left, right = None, width, 0
    return bands


def test_the_title_page_has_the_pdfs_placement(
    pairs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    """Every line of the title page (city and office lines, the title between its two
    rules, the place and date) within a millimetre of where the PDF has it."""
    pdf, docx_pdf = pairs["demo"]
    expected, found = _ink_bands(pdf, tmp_path), _ink_bands(docx_pdf, tmp_path)
    assert len(expected) >= 7
    assert len(found) == len(expected)
    for band, band_found in zip(expected, found, strict=True):
        assert all(abs(a - b) <= 1.0 for a, b in zip(band, band_found, strict=True)), (
            band,
            band_found,
        )


def _fills(path: Path) -> set[tuple[float, ...]]:
    """The fill colours (RGB, 0–1, to 2 places) a PDF's pages paint with."""
    colours = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for instruction in pikepdf.parse_content_stream(page):
                operands = list(instruction.operands)
                if str(instruction.operator) in ("rg", "sc", "scn") and len(operands) == 3:
                    colours.add(tuple(round(float(v), 2) for v in operands))
    return colours


def test_libreoffice_draws_the_pdfs_row_stripes(pairs: dict[str, tuple[Path, Path]]) -> None:
    stripe = tuple(round(int(STRIPE[i : i + 2], 16) / 255, 2) for i in (0, 2, 4))
    pdf, docx_pdf = pairs["demo"]
    assert stripe in _fills(pdf)
    assert stripe in _fills(docx_pdf)
