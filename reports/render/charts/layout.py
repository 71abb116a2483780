"""Where everything of a bar chart goes: the plot area, the value axis' reach, the labels.

All lengths are points in a drawing of ``width_cm`` × ``height_cm``. The room every
label takes comes from Carlito's advance widths (:mod:`reports.render.charts.text_metrics`),
so the margins are as wide as the labels they hold:

- **vertical** chart: tick labels and the value axis' name at the left; category
  labels under the bars, turned by :data:`ROTATION` degrees when one is wider than
  its category's slot; the plot moves inwards until the first and last fit;
- **horizontal** chart: category labels at the left, right-aligned, wrapped at
  spaces when they are long; tick labels and the value axis' name underneath;
- the value axis reaches past the last tick by :data:`HEADROOM`, and further when
  a value written at the end of its bar (or the last tick's label) would leave the plot;
- the legend (two series or more) in rows above the plot, right-aligned.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from reports.document.model import BarChart
from reports.render.charts.text_metrics import ascent, cap_height, descent, width

TEXT = 9.0  # labels, ticks and legend (pt)
VALUE_TEXT = 8.0  # the values on the bars
MIN_VALUE_TEXT = 6.0  # a value too wide for its bar gets smaller, down to this
MARGIN = 4.0  # round the drawing
TICK = 3.5  # a tick's length
PAD = 3.5  # between a tick and its label
BAR_PAD = 2.0  # between a bar's end and its value
GROUP = 0.8  # the share of a category's slot its bars take
HEADROOM = 1.12  # the value axis reaches this much past the last tick
ROTATION = 40.0  # degrees; long category labels of a vertical chart
LINE = 1.15  # line spacing of a wrapped label (ems)
SWATCH = (16.0, 8.0)  # a legend key's width and height
SWATCH_GAP = 4.0  # between a legend key and its name
LEGEND_GAP = 12.0  # between two legend entries
#: A horizontal chart's category labels wrap past this share of the width; past the
#: second when two wrapped labels would touch.
WRAP = (0.38, 0.5)


def line_height(size: float) -> float:
    """From the top of the highest letter to the bottom of the lowest, at ``size``."""
    return ascent(size) + descent(size)


@dataclass(frozen=True)
class Plot:
    """Where the plot area lies in the drawing, and the value at the far end of its axis."""

    left: float
    top: float
    right: float
    bottom: float
    limit: float
    horizontal: bool

    def value_at(self, value: float) -> float:
        """The coordinate of ``value`` along the value axis."""
        if self.horizontal:
            return self.left + (self.right - self.left) * value / self.limit
        return self.bottom - (self.bottom - self.top) * value / self.limit

    def category_at(self, index: int, count: int) -> float:
        """The coordinate of the middle of the ``index``-th of ``count`` categories."""
        start, end = (self.top, self.bottom) if self.horizontal else (self.left, self.right)
        return start + (end - start) * (index + 0.5) / max(count, 1)

    def slot(self, count: int) -> float:
        """One of ``count`` categories' share of the category axis."""
        span = self.bottom - self.top if self.horizontal else self.right - self.left
        return span / max(count, 1)


LegendRow = tuple[tuple[str, float], ...]  # (series name, entry width)


@dataclass(frozen=True)
class Layout:
    """The plot area and how the labels round it are set."""

    plot: Plot
    legend: tuple[LegendRow, ...]
    rotate: bool = False  # a vertical chart's category labels, turned by ROTATION
    lines: tuple[tuple[str, ...], ...] = ()  # a horizontal chart's category labels, wrapped
    value_size: float = VALUE_TEXT


def layout(chart: BarChart, size: tuple[float, float]) -> Layout:
    """Lay ``chart`` out in a drawing of ``size`` (width, height)."""
    names = [s.name for s in chart.series]
    legend = legend_rows(names, size[0] - 2 * MARGIN) if len(names) > 1 else ()
    if legend:
        top = MARGIN + len(legend) * line_height(TEXT) + 6
    else:  # room for the upper half of the top tick's label
        top = MARGIN + ascent(TEXT) - cap_height(TEXT) / 2 + 2
    if chart.horizontal:
        return _horizontal(chart, size, top, legend)
    return _vertical(chart, size, top, legend)


def legend_rows(names: Sequence[str], room: float) -> tuple[LegendRow, ...]:
    """The legend's entries in rows no wider than ``room``."""
    rows: list[list[tuple[str, float]]] = []
    used = 0.0
    for name in names:
        entry = SWATCH[0] + SWATCH_GAP + width(name, TEXT)
        if rows and used + LEGEND_GAP + entry <= room:
            rows[-1].append((name, entry))
            used += LEGEND_GAP + entry
        else:
            rows.append([(name, entry)])
            used = entry
    return tuple(tuple(row) for row in rows)


def wrap(text: str, limit: float, size: float) -> tuple[str, ...]:
    """``text`` in lines no wider than ``limit`` where it can (breaking at spaces only,
    so a no-break space holds its words together).

    >>> wrap("współpraca gospodarcza", 60, 9)
    ('współpraca', 'gospodarcza')
    >>> wrap("Bośnia i\\xa0Hercegowina", 60, 9)
    ('Bośnia', 'i\\xa0Hercegowina')
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and width(f"{lines[-1]} {word}", size) <= limit:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)


def fit_ends(
    before: Sequence[float],
    after: Sequence[float],
    ends: tuple[float, float],
    bounds: tuple[float, float],
) -> tuple[float, float]:
    """Move the ``ends`` of a category axis inwards until every label lies within
    ``bounds``: label ``i``, centred on its slot, reaches ``before[i]`` towards the
    start and ``after[i]`` towards the end.

    >>> fit_ends([30], [30], (0, 100), (0, 100))  # one label, 60 wide, fits
    (0, 100)
    >>> fit_ends([10, 10], [0, 40], (0, 100), (0, 100))  # the last, at 75, reaches 115
    (0, 80.0)
    """
    start, end = ends
    low, high = bounds
    count = len(before)
    for _ in range(50):
        moved = False
        for i in range(count):
            share = (i + 0.5) / count
            if start + (end - start) * share - before[i] < low - 0.005:
                start = (low + before[i] - share * end) / (1 - share)
                moved = True
            if start + (end - start) * share + after[i] > high + 0.005:
                end = (high - after[i] - start * (1 - share)) / share
                moved = True
        if not moved:
            break
    return start, end


def headroom_end(chart: BarChart) -> float:
    """The value axis' end before labels are considered: past the last tick or the
    longest bar, whichever is further, by :data:`HEADROOM`."""
    ticks = [value for value, _ in chart.ticks]
    values = [v for s in chart.series for v in s.values]
    return max([*ticks, *values, 1.0]) * HEADROOM


def value_limit(chart: BarChart, length: float, beyond: Sequence[float], last: float) -> float:
    """The value at the far end of a value axis ``length`` long: past the last tick by the
    headroom, and far enough that every value label (reaching ``beyond`` past its bar;
    series by series, category by category) and the last tick's label (reaching
    ``last`` past its tick) stay on the plot."""
    ticks = [value for value, _ in chart.ticks]
    values = [v for s in chart.series for v in s.values]
    limit = headroom_end(chart)
    for value, room in zip(values, beyond, strict=True):
        if value > 0 and room < length:
            limit = max(limit, value * length / (length - room))
    if ticks and 0 < last < length:
        limit = max(limit, max(ticks) * length / (length - last))
    return limit


def _vertical(
    chart: BarChart, size: tuple[float, float], top: float, legend: tuple[LegendRow, ...]
) -> Layout:
    full_width, full_height = size
    count = max(len(chart.categories), 1)
    tick_labels = max((width(label, TEXT) for _, label in chart.ticks), default=0.0)
    left = MARGIN + line_height(TEXT) + 4 + tick_labels + PAD + TICK
    right = full_width - MARGIN
    widths = [width(c, TEXT) for c in chart.categories]
    rotate = max(widths, default=0.0) > 0.92 * (right - left) / count
    if rotate:  # the text ends at its tick, its capitals' top-right corner there
        cos, sin = math.cos(math.radians(ROTATION)), math.sin(math.radians(ROTATION))
        above, below = cap_height(TEXT) - ascent(TEXT), cap_height(TEXT) + descent(TEXT)
        before = [w * cos - above * sin for w in widths]
        after = [below * sin for _ in widths]
        depth = max((w * sin + below * cos for w in widths), default=0.0)
    else:
        before = after = [w / 2 for w in widths]
        depth = line_height(TEXT)
    if widths:
        left, right = fit_ends(before, after, (left, right), (MARGIN, full_width - MARGIN))
    bottom = full_height - MARGIN - depth - PAD - TICK
    bar = (right - left) / count * GROUP / max(len(chart.series), 1)
    widest = max((width(v, VALUE_TEXT) for s in chart.series for v in s.labels), default=0.0)
    value_size = VALUE_TEXT
    if widest > 0.95 * bar:
        value_size = max(MIN_VALUE_TEXT, VALUE_TEXT * 0.95 * bar / widest)
    beyond = [BAR_PAD + cap_height(value_size) for s in chart.series for _ in s.labels]
    limit = value_limit(chart, bottom - top, beyond, 0.0)
    plot = Plot(left, top, right, bottom, limit, horizontal=False)
    return Layout(plot, legend, rotate=rotate, value_size=value_size)


def _wrapped(
    categories: Sequence[str], full_width: float, slot: float
) -> tuple[tuple[str, ...], ...]:
    """The category labels wrapped at the first share of :data:`WRAP` whose lines leave
    two neighbours apart in a ``slot`` each (else at the last)."""
    for share in WRAP:
        lines = tuple(wrap(c, share * full_width, TEXT) for c in categories)
        counts = [len(label) for label in lines]
        pairs = pairwise(counts)
        if all((a + b) / 2 * LINE * TEXT + 2 <= slot for a, b in pairs):
            break
    return lines


def _horizontal(
    chart: BarChart, size: tuple[float, float], top: float, legend: tuple[LegendRow, ...]
) -> Layout:
    full_width, full_height = size
    bottom = full_height - MARGIN - 2 * line_height(TEXT) - 2 - PAD - TICK
    step = LINE * TEXT
    lines = _wrapped(chart.categories, full_width, (bottom - top) / max(len(chart.categories), 1))
    counts = [len(label) for label in lines]
    widest = max((width(line, TEXT) for label in lines for line in label), default=0.0)
    left = MARGIN + widest + PAD + TICK
    right = full_width - MARGIN
    half_cap = cap_height(TEXT) / 2
    above = [(n - 1) * step / 2 + ascent(TEXT) - half_cap for n in counts]
    below = [(n - 1) * step / 2 + half_cap + descent(TEXT) for n in counts]
    if lines:
        top, bottom = fit_ends(above, below, (top, bottom), (top, bottom))
    last = max(chart.ticks, default=(0.0, ""))[1]
    beyond = [BAR_PAD + width(label, VALUE_TEXT) for s in chart.series for label in s.labels]
    limit = value_limit(chart, right - left, beyond, width(last, TEXT) / 2)
    return Layout(Plot(left, top, right, bottom, limit, horizontal=True), legend, lines=lines)


__all__ = ["Layout", "Plot", "fit_ends", "layout", "legend_rows", "value_limit", "wrap"]
