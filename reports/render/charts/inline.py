"""Charts: a :class:`~reports.document.model.BarChart` as SVG for the PDF and the HTML
edition, reproducible bytes.

:mod:`reports.document.build` decides what a chart shows — its categories, series, every
label, tick and number already in Polish — as a :class:`~reports.document.model.BarChart`;
this module only draws it, and the DOCX draws its own native Word chart from the
same model (:mod:`reports.render.docx.chart`):

- **SVG** is written by :mod:`reports.render.charts.svg` itself, without a plotting
  library: text stays text in the report's font (Carlito), so the PDF shows it in
  that font and a reader can select it; the labels are placed with the font's own
  widths.
- **Reproducible**: no date, no software version, and ids from the caller's prefix:
  the same chart gives the same bytes.
- **Readable without colour**: dark colours with at least 4.5:1 contrast on
  white, a hatch for every series after the first, a legend, and the number
  written on every bar, so colour never carries meaning alone.
"""

from __future__ import annotations

from functools import lru_cache

from reports.document.model import BarChart
from reports.render.charts import svg as svg_chart
from reports.render.charts.svg import COLOURS, FONT_FAMILY, HATCHES


@lru_cache(maxsize=32)
def draw(chart: BarChart, fmt: str = "svg") -> bytes:
    """``chart`` as a standalone ``"svg"`` drawing (the same chart is drawn once)."""
    if fmt != "svg":
        raise ValueError(f"nieznany format wykresu: {fmt}")
    return svg_chart.svg(chart, sized=True).encode("utf-8")


def inline_svg(chart: BarChart, title: str, *, ids: str, font_family: str | None = None) -> str:
    """The chart as an ``<svg>`` element to put inside HTML: no XML prolog, sized by
    its ``viewBox`` (CSS sets the width), ``role="img"`` with ``title`` as its
    accessible name (``aria-label`` and a first ``<title>``, which WeasyPrint makes
    the PDF Figure's alternative text). ``title`` must be escaped for HTML already.

    ``ids`` prefixes every id inside (and the references to them), so that several
    charts on one page never share an id. ``font_family`` (a CSS value, e.g.
    ``'Raport Carlito'`` or ``inherit``) replaces the labels' font family: the font
    the page declares for Carlito, or the page's own.
    """
    family = font_family if font_family is not None else f"'{FONT_FAMILY}'"
    return svg_chart.svg(chart, ids=ids, font_family=family, title=title)


__all__ = ["COLOURS", "HATCHES", "draw", "inline_svg"]
