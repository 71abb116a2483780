"""Charts: bar charts drawn by matplotlib into reproducible SVG and PNG bytes.

:mod:`reports.build` decides what a chart shows — its categories, series, every
label, tick and number already in Polish — as a :class:`~reports.document.BarChart`;
:func:`draw` only draws it:

- **Fonts**: Carlito from ``templates/fonts`` (the report's font), registered
  with matplotlib's font manager; SVG text stays text (``svg.fonttype: none``),
  so the PDF shows it in the report's font and a reader can select it.
- **Reproducible**: no date, no software version in the metadata of either
  format, and SVG ids from a fixed hash salt: the same chart gives the same bytes.
- **Readable without colour**: dark colours with at least 4.5:1 contrast on
  white, a hatch for every series after the first, a legend, and the number
  written on every bar, so colour never carries meaning alone.
- **Print resolution**: the PNG (for the DOCX) at 300 dpi.

matplotlib is imported lazily, its object API only (no pyplot, no global state
beyond the registered fonts).
"""

from __future__ import annotations

import io
import re
from functools import cache, lru_cache
from typing import Any

from reports.assets import templates_dir
from reports.document import BarChart

#: The PNG's resolution (dots per inch): print quality.
PNG_DPI = 300
FONT_FAMILY = "Carlito"
#: Series colours: dark blue and dark orange, both ≥ 4.5:1 against white.
COLOURS = ("#1F4E79", "#A84300", "#3A5F0B", "#5B2C6F")
HATCHES = ("", "///", "...", "xx")
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
        if fmt == "svg":
            figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        elif fmt == "png":
            figure.savefig(out, format="png", dpi=PNG_DPI, metadata={"Software": None})
        else:
            raise ValueError(f"nieznany format wykresu: {fmt}")
    return out.getvalue()


_PROLOG = re.compile(rb"^\s*<\?xml[^>]*>\s*<!DOCTYPE[^>]*>\s*")
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_SIZE = re.compile(r'\s(width|height)="[^"]*"')


_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(href="#|url\(#)')


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
    svg = _PROLOG.sub(b"", draw(chart, "svg")).decode("utf-8")
    svg = _METADATA.sub("", svg)  # RDF that HTML does not allow inside <svg>
    if font_family is not None:
        svg = svg.replace(f"font-family: '{FONT_FAMILY}'", f"font-family: {font_family}")
    svg = _REFERENCE.sub(lambda m: m.group(1) + ids, _ID.sub(f'id="{ids}\\1"', svg))
    match = _SVG_OPEN.search(svg)
    if match is None:  # pragma: no cover - matplotlib always writes one
        raise ValueError("matplotlib nie zwrócił elementu <svg>")
    attributes = _SIZE.sub("", match.group(1))
    head = f'<svg{attributes} role="img" aria-label="{title}"><title>{title}</title>'
    return svg[: match.start()] + head + svg[match.end() :]


__all__ = ["COLOURS", "HATCHES", "PNG_DPI", "draw", "inline_svg"]
