"""The HTML edition's charts in Chromium: labels readable at a phone's width.

A chart is drawn twice, for the page and for a phone (horizontal bars, laid out by
:mod:`reports.render.charts.narrow`); the stylesheet shows one. Measured here: the size
every label of the shown drawing takes on the screen (its font size times the
drawing's scale), at 1280, 360 and 320 CSS px.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reports.pipeline import BuildResult, output_path
from tests.validators import chromium

BUILDS = ("demo", "full")
WIDTHS = (1280, 360, 320)
#: The smallest text a chart may show, in CSS px.
READABLE_PX = 11.0

_MEASURE = """() => Array.from(document.querySelectorAll('figure.chart'), figure => {
  const shown = Array.from(figure.querySelectorAll('svg')).filter(s => s.getClientRects().length);
  return {
    names: Array.from(figure.querySelectorAll('svg'), s => s.getAttribute('aria-label')),
    shown: shown.map(s => ({
      narrow: s.closest('.chart-narrow') !== null,
      width: s.getBoundingClientRect().width,
      sizes: Array.from(s.querySelectorAll('text'),
        t => parseFloat(getComputedStyle(t).fontSize) * s.getScreenCTM().a),
    })),
  };
})"""


@pytest.fixture(scope="module")
def measured(request: pytest.FixtureRequest) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Per build and viewport width, every figure's chart names and its shown drawing."""
    pages: dict[str, Path] = {}
    for name in BUILDS:
        result: BuildResult = request.getfixturevalue(f"{name}_build")
        assert result.ok
        pages[name] = output_path(result.outputs[0].parent.parent, result.check.year, "html")
    out = {}
    with chromium() as browser:
        for (name, path), width in ((p, w) for p in pages.items() for w in WIDTHS):
            page = browser.new_page(viewport={"width": width, "height": 900})
            try:
                page.goto(path.resolve().as_uri())
                out[name, width] = page.evaluate(_MEASURE)
            finally:
                page.close()
    return out


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("width", WIDTHS)
def test_chart_labels_stay_readable(
    measured: dict[tuple[str, int], list[dict[str, Any]]], build: str, width: int
) -> None:
    figures = measured[build, width]
    assert len(figures) >= 4
    for figure in figures:
        (shown,) = figure["shown"]  # one drawing of the two
        assert shown["narrow"] == (width <= 360)
        assert shown["width"] <= width
        assert len(shown["sizes"]) >= 5
        assert min(shown["sizes"]) >= READABLE_PX, (width, sorted(shown["sizes"])[:3])


@pytest.mark.parametrize("build", BUILDS)
def test_both_drawings_of_a_chart_have_its_name(
    measured: dict[tuple[str, int], list[dict[str, Any]]], build: str
) -> None:
    for figure in measured[build, 360]:
        first, second = figure["names"]
        assert first and first == second
