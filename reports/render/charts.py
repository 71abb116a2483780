"""Charts: a :class:`~reports.document.BarChart` as SVG (the PDF and the HTML edition)
or PNG (the DOCX), reproducible bytes.

:mod:`reports.build` decides what a chart shows — its categories, series, every
label, tick and number already in Polish — as a :class:`~reports.document.BarChart`;
this module only draws it:

- **SVG** is written by :mod:`reports.render.svg_chart` itself, without a plotting
  library: text stays text in the report's font (Carlito), so the PDF shows it in
  that font and a reader can select it; the labels are placed with the font's own
  widths.
- **PNG** (for the DOCX) is drawn by matplotlib at 300 dpi, with Carlito from
  ``templates/fonts`` registered with its font manager; matplotlib is imported only
  then, its object API only (no pyplot, no global state beyond the registered fonts).
- **Reproducible**: no date, no software version in either format, and SVG ids from
  the caller's prefix: the same chart gives the same bytes.
- **Readable without colour**: dark colours with at least 4.5:1 contrast on
  white, a hatch for every series after the first, a legend, and the number
  written on every bar, so colour never carries meaning alone.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache
from typing import Any

from reports.assets import templates_dir
from reports.document import BarChart
from reports.render import svg_chart
from reports.render.svg_chart import COLOURS, FONT_FAMILY, HATCHES

#: The PNG's resolution (dots per inch): print quality.
PNG_DPI = 300
_CM = 1 / 2.54


@cache
def _fonts_registered() -> str:
    from matplotlib import font_manager

    for path in sorted((templates_dir() / "fonts").glob("Carlito-*.ttf")):
        font_manager.fontManager.addfont(str(path))
    return FONT_FAMILY


def _style() -> dict[str, Any]:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "raport",
        "font.family": _fonts_registered(),
        "font.size": 9,
        "axes.edgecolor": "#595959",
        "axes.labelcolor": "#1A1A1A",
        "xtick.color": "#1A1A1A",
        "ytick.color": "#1A1A1A",
        "hatch.color": "#FFFFFF",
        "hatch.linewidth": 1.2,
        "path.simplify": False,
    }


@lru_cache(maxsize=32)
def draw(chart: BarChart, fmt: str) -> bytes:
    """``chart`` as ``"svg"`` or ``"png"`` bytes (the same chart is drawn once)."""
    if fmt == "svg":
        return svg_chart.svg(chart, sized=True).encode("utf-8")
    if fmt != "png":
        raise ValueError(f"nieznany format wykresu: {fmt}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_style()):  # type: ignore[arg-type]
        figure = Figure(figsize=(chart.width_cm * _CM, chart.height_cm * _CM))
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        count = len(chart.series)
        slot = 0.8 / max(count, 1)
        positions = list(range(len(chart.categories)))
        top = max((v for s in chart.series for v in s.values), default=0)
        top = max(top, max((value for value, _ in chart.ticks), default=0), 1)
        for index, series in enumerate(chart.series):
            hatch = HATCHES[index % len(HATCHES)]
            style: dict[str, Any] = {
                "color": COLOURS[index % len(COLOURS)],
                "hatch": hatch,
                "edgecolor": "#FFFFFF" if hatch else COLOURS[index % len(COLOURS)],
                "linewidth": 0,
                "label": series.name,
            }
            offsets = [p - 0.4 + slot * (index + 0.5) for p in positions]
            if chart.horizontal:
                bars = axes.barh(offsets, series.values, height=slot, **style)
            else:
                bars = axes.bar(offsets, series.values, width=slot, **style)
            pairs = zip(series.labels, series.values, strict=True)
            shown = [label if value else "" for label, value in pairs]
            axes.bar_label(bars, labels=shown, padding=2, fontsize=8, color="#1A1A1A")
        values = [value for value, _ in chart.ticks]
        labels = [label for _, label in chart.ticks]
        if chart.horizontal:
            axes.set_yticks(positions, chart.categories)
            axes.invert_yaxis()
            axes.set_xlim(0, top * 1.12)
            axes.set_xticks(values, labels)
            axes.set_xlabel(chart.value_axis)
            axes.grid(axis="x", color="#D9D9D9", linewidth=0.6)
        else:
            rotate = sum(len(c) for c in chart.categories) > 60
            axes.set_xticks(
                positions,
                chart.categories,
                rotation=40 if rotate else 0,
                ha="right" if rotate else "center",
                rotation_mode="anchor",
            )
            axes.set_ylim(0, top * 1.12)
            axes.set_yticks(values, labels)
            axes.set_ylabel(chart.value_axis)
            axes.grid(axis="y", color="#D9D9D9", linewidth=0.6)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if count > 1:
            axes.legend(
                frameon=False,
                loc="lower right",
                bbox_to_anchor=(1, 1),
                ncols=count,
                borderaxespad=0.2,
            )
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return out.getvalue()


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


__all__ = ["COLOURS", "HATCHES", "PNG_DPI", "draw", "inline_svg"]
