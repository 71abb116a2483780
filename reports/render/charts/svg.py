"""A :class:`~reports.document.model.BarChart` written as SVG, element by element.

The chart is drawn in points (the ``viewBox`` is ``width_cm`` × ``height_cm`` in
points; CSS sets the size on the page). Grouped bars, vertical or horizontal
(categories then run top to bottom in their order); a grid line at every tick of
the model; the value written at the end of every non-zero bar; a legend above the
plot when there are two series or more; every series after the first hatched
(an SVG ``<pattern>`` of white lines or dots on its colour), so colour never
carries meaning alone — a series with a ``style`` takes that style's colour and
hatch wherever it stands.

Text stays text, in the font family given (Carlito by default); where each label
goes — margins as wide as the labels, long category labels turned or wrapped, room
for the values — is decided by :mod:`reports.render.charts.layout` from the font's
own advance widths, so no label leaves the drawing. Every text is
escaped; numbers are written with two decimals at most, and ids come from the
caller's prefix, so the same chart gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from reports.document.model import BarChart
from reports.render.charts.layout import (
    BAR_PAD,
    GROUP,
    LEGEND_GAP,
    LINE,
    MARGIN,
    PAD,
    ROTATION,
    SWATCH,
    SWATCH_GAP,
    TEXT,
    TICK,
    Layout,
    LegendRow,
    Plot,
    layout,
    line_height,
)
from reports.render.charts.text_metrics import ascent, cap_height

#: Series colours: dark blue, dark orange, dark green, dark purple; all ≥ 4.5:1 on white.
COLOURS = ("#1F4E79", "#A84300", "#3A5F0B", "#5B2C6F")
#: The hatch of each series (the first has none): diagonal lines, dots, crossed lines.
HATCHES = ("", "///", "...", "xx")
FONT_FAMILY = "Carlito"

_PT_PER_CM = 72 / 2.54
_INK = "#1A1A1A"  # text
_AXIS = "#595959"  # the axes and their ticks
_GRID = "#D9D9D9"


def number(value: float) -> str:
    """A coordinate as written in the SVG: at most two decimals, no trailing zeros.

    >>> number(12.0), number(3.14159), number(-0.001)
    ('12', '3.14', '0')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def escape(text: str) -> str:
    """``text`` safe as XML character data and inside a double-quoted attribute.

    >>> escape('<a & "b">')
    '&lt;a &amp; &quot;b&quot;&gt;'
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


class _Writer:
    """Collects the SVG's elements."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        anchor: str | None = None,
        rotate: float | None = None,
    ) -> None:
        place = f'x="{number(x)}" y="{number(y)}"'
        if rotate is not None:
            place = f'transform="translate({number(x)} {number(y)}) rotate({number(rotate)})"'
        align = f' text-anchor="{anchor}"' if anchor else ""
        self.add(f"<text {place}{align}>{escape(content)}</text>")

    def path(
        self, segments: Sequence[tuple[float, float, float, float]], colour: str, thickness: float
    ) -> None:
        if not segments:
            return
        d = "".join(
            f"M{number(x1)} {number(y1)}L{number(x2)} {number(y2)}" for x1, y1, x2, y2 in segments
        )
        self.add(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{number(thickness)}"/>'
        )


def _pattern(pattern_id: str, colour: str, hatch: str) -> str:
    """A tile of white lines or dots on ``colour``, repeated over a bar."""
    size = 5.0 if hatch == "..." else 6.0
    if hatch == "...":
        mark = '<circle cx="2.5" cy="2.5" r="1" fill="#FFFFFF"/>'
    else:
        d = "M0 6L6 0M-1 1L1 -1M5 7L7 5"
        if hatch == "xx":
            d += "M0 0L6 6M-1 5L1 7M5 -1L7 1"
        mark = f'<path d="{d}" stroke="#FFFFFF" stroke-width="1.2"/>'
    return (
        f'<pattern id="{pattern_id}" width="{number(size)}" height="{number(size)}" '
        f'patternUnits="userSpaceOnUse"><rect width="{number(size)}" height="{number(size)}" '
        f'fill="{colour}"/>{mark}</pattern>'
    )


def _fills(chart: BarChart, ids: str) -> tuple[list[str], list[str]]:
    """Each series' fill (its colour or its hatch) and the patterns they use."""
    fills, patterns = [], []
    for index, series in enumerate(chart.series):
        style = series.style_at(index)
        colour, hatch = COLOURS[style % len(COLOURS)], HATCHES[style % len(HATCHES)]
        if hatch:
            pattern_id = f"{ids}hatch-{index}"
            patterns.append(_pattern(pattern_id, colour, hatch))
            fills.append(f"url(#{pattern_id})")
        else:
            fills.append(colour)
    return fills, patterns


def _legend(out: _Writer, rows: Sequence[LegendRow], fills: Sequence[str], right: float) -> None:
    """A key and a name for every series, row by row from the top, right-aligned at ``right``."""
    index = 0
    for row_number, row in enumerate(rows):
        baseline = MARGIN + ascent(TEXT) + row_number * line_height(TEXT)
        x = max(MARGIN, right - sum(entry for _, entry in row) - LEGEND_GAP * (len(row) - 1))
        key_top = baseline - cap_height(TEXT) / 2 - SWATCH[1] / 2
        for name, entry in row:
            out.add(
                f'<rect x="{number(x)}" y="{number(key_top)}" width="{number(SWATCH[0])}" '
                f'height="{number(SWATCH[1])}" fill="{fills[index]}"/>'
            )
            out.text(x + SWATCH[0] + SWATCH_GAP, baseline, name)
            x += entry + LEGEND_GAP
            index += 1


def svg(
    chart: BarChart,
    *,
    ids: str = "",
    font_family: str = f"'{FONT_FAMILY}'",
    title: str | None = None,
    sized: bool = False,
) -> str:
    """``chart`` as an ``<svg>`` element.

    ``ids`` prefixes every id inside; ``font_family`` is the labels' CSS font family;
    ``title`` (escaped for HTML already) makes the drawing an image named by it
    (``role="img"``, ``aria-label`` and a first ``<title>``); ``sized`` writes its
    width and height in centimetres, for a drawing standing alone.
    """
    size = (chart.width_cm * _PT_PER_CM, chart.height_cm * _PT_PER_CM)
    placed = layout(chart, size)
    fills, patterns = _fills(chart, ids)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {number(size[0])} {number(size[1])}"'
    )
    if sized:
        head += f' width="{number(chart.width_cm)}cm" height="{number(chart.height_cm)}cm"'
    if title is not None:
        head += f' role="img" aria-label="{title}"><title>{title}</title'
    out = _Writer()
    out.add(head + ">")
    if patterns:
        out.add(f"<defs>{''.join(patterns)}</defs>")
    family = escape(font_family)
    out.add(f'<g style="font-family: {family}" font-size="{number(TEXT)}" fill="{_INK}">')
    _grid(out, chart, placed.plot)
    _bars(out, chart, placed, fills)
    _axes(out, chart, placed)
    _legend(out, placed.legend, fills, placed.plot.right)
    out.add("</g></svg>")
    return "".join(out.parts)


def _grid(out: _Writer, chart: BarChart, plot: Plot) -> None:
    """A light line across the plot at every tick."""
    segments = []
    for value, _ in chart.ticks:
        at = plot.value_at(value)
        if plot.horizontal:
            segments.append((at, plot.top, at, plot.bottom))
        else:
            segments.append((plot.left, at, plot.right, at))
    out.path(segments, _GRID, 0.6)


def _bars(out: _Writer, chart: BarChart, placed: Layout, fills: Sequence[str]) -> None:
    """Every series' bars (none for a zero), then the values at their ends."""
    plot, count = placed.plot, len(chart.categories)
    slot = plot.slot(count)
    thickness = slot * GROUP / max(len(chart.series), 1)
    base = plot.value_at(0)
    values: list[tuple[float, float, str]] = []
    for index, series in enumerate(chart.series):
        out.add(f'<g fill="{fills[index]}">')
        for category, (value, label) in enumerate(zip(series.values, series.labels, strict=True)):
            if not value:
                continue
            start = plot.category_at(category, count) - slot * GROUP / 2 + index * thickness
            middle, end = start + thickness / 2, plot.value_at(value)
            if plot.horizontal:
                x, y, w, h = base, start, end - base, thickness
                values.append((end + BAR_PAD, middle + cap_height(placed.value_size) / 2, label))
            else:
                x, y, w, h = start, end, thickness, base - end
                values.append((middle, end - BAR_PAD, label))
            out.add(
                f'<rect x="{number(x)}" y="{number(y)}" width="{number(w)}" height="{number(h)}"/>'
            )
        out.add("</g>")
    anchor = "start" if plot.horizontal else "middle"
    out.add(f'<g font-size="{number(placed.value_size)}" text-anchor="{anchor}">')
    for x, y, label in values:
        out.text(x, y, label)
    out.add("</g>")


def _axes(out: _Writer, chart: BarChart, placed: Layout) -> None:
    """The two axes, their ticks and labels, and the value axis' name."""
    plot, count = placed.plot, len(chart.categories)
    lines = [
        (plot.left, plot.top, plot.left, plot.bottom),
        (plot.left, plot.bottom, plot.right, plot.bottom),
    ]
    half_cap = cap_height(TEXT) / 2
    for value, label in chart.ticks:
        at = plot.value_at(value)
        if plot.horizontal:
            lines.append((at, plot.bottom, at, plot.bottom + TICK))
            out.text(at, plot.bottom + TICK + PAD + ascent(TEXT), label, anchor="middle")
        else:
            lines.append((plot.left - TICK, at, plot.left, at))
            out.text(plot.left - TICK - PAD, at + half_cap, label, anchor="end")
    for index, category in enumerate(chart.categories):
        at = plot.category_at(index, count)
        if plot.horizontal:
            lines.append((plot.left - TICK, at, plot.left, at))
            wrapped = placed.lines[index]
            first = at - (len(wrapped) - 1) * LINE * TEXT / 2 + half_cap
            for line_number, line in enumerate(wrapped):
                y = first + line_number * LINE * TEXT
                out.text(plot.left - TICK - PAD, y, line, anchor="end")
        else:
            lines.append((at, plot.bottom, at, plot.bottom + TICK))
            y = plot.bottom + TICK + PAD
            if placed.rotate:  # the capitals' top-right corner at the tick
                out.add(
                    f'<text transform="translate({number(at)} {number(y)}) '
                    f'rotate({number(-ROTATION)})" y="{number(cap_height(TEXT))}" '
                    f'text-anchor="end">{escape(category)}</text>'
                )
            else:
                out.text(at, y + ascent(TEXT), category, anchor="middle")
    out.path(lines, _AXIS, 0.8)
    if plot.horizontal:
        y = plot.bottom + TICK + PAD + line_height(TEXT) + 2 + ascent(TEXT)
        out.text((plot.left + plot.right) / 2, y, chart.value_axis, anchor="middle")
    else:
        x = MARGIN + ascent(TEXT)
        out.text(x, (plot.top + plot.bottom) / 2, chart.value_axis, anchor="middle", rotate=-90)


__all__ = ["COLOURS", "FONT_FAMILY", "HATCHES", "escape", "number", "svg"]
