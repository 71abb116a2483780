"""A :class:`~reports.document.BarChart` written as SVG, element by element.

The chart is drawn in points (the ``viewBox`` is ``width_cm`` × ``height_cm`` in
points; CSS sets the size on the page). Grouped bars, vertical or horizontal
(categories then run top to bottom in their order); a grid line at every tick of
the model; the value written at the end of every non-zero bar; a legend above the
plot when there are two series or more; every series after the first hatched
(an SVG ``<pattern>`` of white lines or dots on its colour), so colour never
carries meaning alone.

Text stays text, in the font family given (Carlito by default): the margins, the
rotation of long category labels, the wrapping of long ones on a horizontal chart
and the room left for the values come from the font's own advance widths
(:mod:`reports.render.text_metrics`), so no label leaves the drawing. Every text is
escaped; numbers are written with two decimals at most, and ids come from the
caller's prefix, so the same chart gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reports.document import BarChart
from reports.render.text_metrics import ascent, cap_height, descent, width

#: Series colours: dark blue, dark orange, dark green, dark purple; all ≥ 4.5:1 on white.
COLOURS = ("#1F4E79", "#A84300", "#3A5F0B", "#5B2C6F")
#: The hatch of each series (the first has none): diagonal lines, dots, crossed lines.
HATCHES = ("", "///", "...", "xx")
FONT_FAMILY = "Carlito"

_PT_PER_CM = 72 / 2.54
_INK = "#1A1A1A"  # text
_AXIS = "#595959"  # the axes and their ticks
_GRID = "#D9D9D9"
_TEXT = 9.0  # labels, ticks and legend (pt)
_VALUE_TEXT = 8.0  # the values on the bars
_MIN_VALUE_TEXT = 6.0  # a value too wide for its bar gets smaller, down to this
_MARGIN = 4.0  # round the drawing
_TICK = 3.5  # a tick's length
_PAD = 3.5  # between a tick and its label
_BAR_PAD = 2.0  # between a bar's end and its value
_GROUP = 0.8  # the share of a category's slot its bars take
_HEADROOM = 1.12  # the value axis reaches this much past the last tick
_ROTATION = 40.0  # degrees; long category labels of a vertical chart
_WRAP = 0.38  # a horizontal chart's category label wraps past this share of the width
_LINE = 1.15  # line spacing of a wrapped label (ems)
_SWATCH = (16.0, 8.0)  # a legend key's width and height
_LEGEND_GAP = 12.0  # between two legend entries


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


def _line_height(size: float) -> float:
    return ascent(size) + descent(size)


@dataclass(frozen=True)
class _Plot:
    """Where the plot area lies in the drawing, and the value at the far end of its axis."""

    left: float
    top: float
    right: float
    bottom: float
    limit: float

    def value_at(self, value: float, horizontal: bool) -> float:
        """The coordinate of ``value`` along the value axis."""
        if horizontal:
            return self.left + (self.right - self.left) * value / self.limit
        return self.bottom - (self.bottom - self.top) * value / self.limit

    def category_at(self, index: float, count: int, horizontal: bool) -> float:
        """The coordinate of the middle of the ``index``-th category's slot."""
        start, end = (self.top, self.bottom) if horizontal else (self.left, self.right)
        return start + (end - start) * (index + 0.5) / max(count, 1)

    def slot(self, count: int, horizontal: bool) -> float:
        """One category's share of the category axis."""
        span = self.bottom - self.top if horizontal else self.right - self.left
        return span / max(count, 1)


def _fit_ends(
    before: Sequence[float],
    after: Sequence[float],
    start: float,
    end: float,
    low: float,
    high: float,
) -> tuple[float, float]:
    """Move the ends of a category axis inwards until every label fits between ``low``
    and ``high``: label ``i``, centred on its slot, reaches ``before[i]`` towards the
    start and ``after[i]`` towards the end."""
    count = len(before)
    for _ in range(50):
        moved = False
        for i in range(count):
            share = (i + 0.5) / count
            centre = start + (end - start) * share
            if centre - before[i] < low - 0.005:
                start = (low + before[i] - share * end) / (1 - share)
                moved = True
            centre = start + (end - start) * share
            if centre + after[i] > high + 0.005:
                end = (high - after[i] - start * (1 - share)) / share
                moved = True
        if not moved:
            break
    return start, end


def _limit(chart: BarChart, length: float, extent: Sequence[float], last_tick: float) -> float:
    """The value at the far end of the value axis: past the last tick by the headroom, and
    far enough that every value (``extent`` beyond its bar, by series then category) and
    ``last_tick`` (the room the last tick's label needs beyond it) stay on the plot."""
    ticks = [value for value, _ in chart.ticks]
    top = max([*ticks, *(v for s in chart.series for v in s.values), 1.0])
    limit = top * _HEADROOM
    for value, room in zip((v for s in chart.series for v in s.values), extent, strict=True):
        if value > 0 and room < length:
            limit = max(limit, value * length / (length - room))
    if ticks and 0 < last_tick < length:
        limit = max(limit, max(ticks) * length / (length - last_tick))
    return limit


def wrap(text: str, limit: float, size: float) -> list[str]:
    """``text`` in lines no wider than ``limit`` where it can (breaking at spaces only,
    so a no-break space holds its words together).

    >>> wrap("współpraca gospodarcza", 60, 9)
    ['współpraca', 'gospodarcza']
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and width(f"{lines[-1]} {word}", size) <= limit:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


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
    for index in range(len(chart.series)):
        colour, hatch = COLOURS[index % len(COLOURS)], HATCHES[index % len(HATCHES)]
        if hatch:
            pattern_id = f"{ids}hatch-{index}"
            patterns.append(_pattern(pattern_id, colour, hatch))
            fills.append(f"url(#{pattern_id})")
        else:
            fills.append(colour)
    return fills, patterns


def _legend_rows(names: Sequence[str], room: float) -> list[list[tuple[str, float]]]:
    """The legend's entries (name, entry width) in rows no wider than ``room``."""
    rows: list[list[tuple[str, float]]] = []
    used = 0.0
    for name in names:
        entry = _SWATCH[0] + 4 + width(name, _TEXT)
        if rows and used + _LEGEND_GAP + entry <= room:
            rows[-1].append((name, entry))
            used += _LEGEND_GAP + entry
        else:
            rows.append([(name, entry)])
            used = entry
    return rows


def _legend(
    out: _Writer, rows: list[list[tuple[str, float]]], fills: list[str], right: float
) -> None:
    """Each row right-aligned at ``right``, from the top margin down."""
    index = 0
    for number_of_row, row in enumerate(rows):
        baseline = _MARGIN + ascent(_TEXT) + number_of_row * _line_height(_TEXT)
        x = max(_MARGIN, right - sum(entry for _, entry in row) - _LEGEND_GAP * (len(row) - 1))
        for name, entry in row:
            key_top = baseline - cap_height(_TEXT) / 2 - _SWATCH[1] / 2
            out.add(
                f'<rect x="{number(x)}" y="{number(key_top)}" width="{number(_SWATCH[0])}" '
                f'height="{number(_SWATCH[1])}" fill="{fills[index]}"/>'
            )
            out.text(x + _SWATCH[0] + 4, baseline, name)
            x += entry + _LEGEND_GAP
            index += 1


def _value_extents(chart: BarChart, size: float, horizontal: bool) -> list[float]:
    """How far each value's label reaches beyond its bar (series by series)."""
    return [
        _BAR_PAD + (width(label, size) if horizontal else cap_height(size))
        for series in chart.series
        for label in series.labels
    ]


@dataclass(frozen=True)
class _Layout:
    """The plot area and how the labels round it are set."""

    plot: _Plot
    rotate: bool = False  # a vertical chart's category labels, turned by _ROTATION
    lines: tuple[tuple[str, ...], ...] = ()  # a horizontal chart's category labels, wrapped
    value_size: float = _VALUE_TEXT


def _vertical(chart: BarChart, size: tuple[float, float], top: float) -> _Layout:
    full_width, full_height = size
    count = max(len(chart.categories), 1)
    tick_labels = max((width(label, _TEXT) for _, label in chart.ticks), default=0.0)
    left = _MARGIN + _line_height(_TEXT) + 4 + tick_labels + _PAD + _TICK
    right = full_width - _MARGIN
    widths = [width(c, _TEXT) for c in chart.categories]
    rotate = max(widths, default=0.0) > 0.92 * (right - left) / count
    if rotate:
        angle = math.radians(_ROTATION)
        cos, sin = math.cos(angle), math.sin(angle)
        above, below = cap_height(_TEXT) - ascent(_TEXT), cap_height(_TEXT) + descent(_TEXT)
        before = [w * cos - above * sin for w in widths]
        after = [below * sin for _ in widths]
        depth = max((w * sin + below * cos for w in widths), default=0.0)
    else:
        before = after = [w / 2 for w in widths]
        depth = _line_height(_TEXT)
    if widths:
        left, right = _fit_ends(before, after, left, right, _MARGIN, full_width - _MARGIN)
    bottom = full_height - _MARGIN - depth - _PAD - _TICK
    bar = (right - left) / count * _GROUP / max(len(chart.series), 1)
    widest = max((width(v, _VALUE_TEXT) for s in chart.series for v in s.labels), default=0.0)
    value_size = _VALUE_TEXT
    if widest > 0.95 * bar:
        value_size = max(_MIN_VALUE_TEXT, _VALUE_TEXT * 0.95 * bar / widest)
    extents = _value_extents(chart, value_size, horizontal=False)
    limit = _limit(chart, bottom - top, extents, 0.0)
    return _Layout(_Plot(left, top, right, bottom, limit), rotate=rotate, value_size=value_size)


def _horizontal(chart: BarChart, size: tuple[float, float], top: float) -> _Layout:
    full_width, full_height = size
    lines = tuple(tuple(wrap(c, _WRAP * full_width, _TEXT)) for c in chart.categories)
    widest = max((width(line, _TEXT) for label in lines for line in label), default=0.0)
    left = _MARGIN + widest + _PAD + _TICK
    right = full_width - _MARGIN
    bottom = full_height - _MARGIN - 2 * _line_height(_TEXT) - 2 - _PAD - _TICK
    step = _LINE * _TEXT
    above = [(len(label) - 1) * step / 2 + ascent(_TEXT) - cap_height(_TEXT) / 2 for label in lines]
    below = [
        (len(label) - 1) * step / 2 + cap_height(_TEXT) / 2 + descent(_TEXT) for label in lines
    ]
    if lines:
        top, bottom = _fit_ends(above, below, top, bottom, top, bottom + _PAD)
    last = max(chart.ticks, default=(0.0, ""))[1]
    extents = _value_extents(chart, _VALUE_TEXT, horizontal=True)
    limit = _limit(chart, right - left, extents, width(last, _TEXT) / 2)
    return _Layout(_Plot(left, top, right, bottom, limit), lines=lines)


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
    horizontal = chart.horizontal
    size = (chart.width_cm * _PT_PER_CM, chart.height_cm * _PT_PER_CM)
    fills, patterns = _fills(chart, ids)
    names = [s.name for s in chart.series]
    rows = _legend_rows(names, size[0] - 2 * _MARGIN) if len(names) > 1 else []
    if rows:
        top = _MARGIN + len(rows) * _line_height(_TEXT) + 6
    else:
        top = _MARGIN + ascent(_TEXT) - cap_height(_TEXT) / 2 + 2
    layout = (_horizontal if horizontal else _vertical)(chart, size, top)
    plot = layout.plot

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
    out.add(
        f'<g style="font-family: {escape(font_family)}" font-size="{number(_TEXT)}" fill="{_INK}">'
    )
    _grid(out, chart, plot)
    _bars(out, chart, plot, fills, layout.value_size)
    _axes(out, chart, layout)
    if rows:
        _legend(out, rows, fills, plot.right)
    out.add("</g></svg>")
    return "".join(out.parts)


def _grid(out: _Writer, chart: BarChart, plot: _Plot) -> None:
    segments = []
    for value, _ in chart.ticks:
        at = plot.value_at(value, chart.horizontal)
        if chart.horizontal:
            segments.append((at, plot.top, at, plot.bottom))
        else:
            segments.append((plot.left, at, plot.right, at))
    out.path(segments, _GRID, 0.6)


def _bars(out: _Writer, chart: BarChart, plot: _Plot, fills: list[str], value_size: float) -> None:
    """Every series' bars, then the values at their ends."""
    horizontal, count = chart.horizontal, len(chart.categories)
    slot = plot.slot(count, horizontal)
    thickness = slot * _GROUP / max(len(chart.series), 1)
    values: list[tuple[float, float, str]] = []
    for index, series in enumerate(chart.series):
        out.add(f'<g fill="{fills[index]}">')
        for category, (value, label) in enumerate(zip(series.values, series.labels, strict=True)):
            if not value:
                continue
            start = plot.category_at(category, count, horizontal) - slot * _GROUP / 2
            start += index * thickness
            base, end = plot.value_at(0, horizontal), plot.value_at(value, horizontal)
            middle = start + thickness / 2
            if horizontal:
                box = (base, start, end - base, thickness)
                values.append((end + _BAR_PAD, middle + cap_height(value_size) / 2, label))
            else:
                box = (start, end, thickness, base - end)
                values.append((middle, end - _BAR_PAD, label))
            x, y, w, h = box
            out.add(
                f'<rect x="{number(x)}" y="{number(y)}" width="{number(w)}" height="{number(h)}"/>'
            )
        out.add("</g>")
    anchor = "start" if horizontal else "middle"
    out.add(f'<g font-size="{number(value_size)}" text-anchor="{anchor}">')
    for x, y, label in values:
        out.text(x, y, label)
    out.add("</g>")


def _axes(out: _Writer, chart: BarChart, layout: _Layout) -> None:
    """The two axes, their ticks and labels, and the value axis' name."""
    plot, horizontal, count = layout.plot, chart.horizontal, len(chart.categories)
    lines = [
        (plot.left, plot.top, plot.left, plot.bottom),
        (plot.left, plot.bottom, plot.right, plot.bottom),
    ]
    half_cap = cap_height(_TEXT) / 2
    for value, label in chart.ticks:
        at = plot.value_at(value, horizontal)
        if horizontal:
            lines.append((at, plot.bottom, at, plot.bottom + _TICK))
            out.text(at, plot.bottom + _TICK + _PAD + ascent(_TEXT), label, anchor="middle")
        else:
            lines.append((plot.left - _TICK, at, plot.left, at))
            out.text(plot.left - _TICK - _PAD, at + half_cap, label, anchor="end")
    for index, category in enumerate(chart.categories):
        at = plot.category_at(index, count, horizontal)
        if horizontal:
            lines.append((plot.left - _TICK, at, plot.left, at))
            wrapped = layout.lines[index]
            first = at - (len(wrapped) - 1) * _LINE * _TEXT / 2 + half_cap
            for number_of_line, line in enumerate(wrapped):
                y = first + number_of_line * _LINE * _TEXT
                out.text(plot.left - _TICK - _PAD, y, line, anchor="end")
        else:
            lines.append((at, plot.bottom, at, plot.bottom + _TICK))
            y = plot.bottom + _TICK + _PAD
            if layout.rotate:
                out.add(
                    f'<text transform="translate({number(at)} {number(y)}) '
                    f'rotate({number(-_ROTATION)})" y="{number(cap_height(_TEXT))}" '
                    f'text-anchor="end">{escape(category)}</text>'
                )
            else:
                out.text(at, y + ascent(_TEXT), category, anchor="middle")
    out.path(lines, _AXIS, 0.8)
    if horizontal:
        y = plot.bottom + _TICK + _PAD + _line_height(_TEXT) + 2 + ascent(_TEXT)
        out.text((plot.left + plot.right) / 2, y, chart.value_axis, anchor="middle")
    else:
        x = _MARGIN + ascent(_TEXT)
        out.text(x, (plot.top + plot.bottom) / 2, chart.value_axis, anchor="middle", rotate=-90)


__all__ = ["COLOURS", "FONT_FAMILY", "HATCHES", "escape", "number", "svg", "wrap"]
