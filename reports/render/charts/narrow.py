"""The narrow variant of a chart, for a phone: the same data, laid out again.

On a page 320–360 CSS px wide the HTML edition's column is 280–320 px: a chart
drawn 16 cm wide would scale its 9 pt labels down to 6 px. Its narrow variant is
:data:`WIDTH_CM` wide — at 280 px a point is 1.41 px, so the labels (9 pt) show at
12.7 px and the values on the bars (8 pt) at 11.3 px — with its bars horizontal, so
that every category's label stands level beside its bars and every value beyond its
bar's end however many categories there are; it is as tall as its categories need.
Renderer-neutral: a :class:`~reports.document.model.BarChart` in, one out.
"""

from __future__ import annotations

from dataclasses import replace

from reports.document.model import BarChart
from reports.render.charts.layout import MARGIN, TEXT, legend_rows, line_height

#: The narrow variant's width (cm): 198 pt drawn in 280 CSS px at least.
WIDTH_CM = 7.0
_PT_PER_CM = 72 / 2.54
_FRAME_CM = 2.0  # the value axis, its ticks and name, the margins
_BAR_CM = 0.3  # a bar's share of a category's height, per series
_GAP_CM = 0.15  # between two categories


def narrow(chart: BarChart) -> BarChart:
    """``chart`` laid out for a phone: horizontal bars, :data:`WIDTH_CM` wide, as tall
    as its categories, series and legend need.

    >>> from reports.document.model import Series
    >>> months = BarChart(("styczeń", "luty"), (Series("Wizyty", (1.0, 2.0), ("1", "2")),),
    ...                   "liczba", ((0.0, "0"), (2.0, "2")))
    >>> small = narrow(months)
    >>> small.horizontal, small.width_cm, small.height_cm, small.categories == months.categories
    (True, 7.0, 2.9, True)
    """
    names = [s.name for s in chart.series]
    room = WIDTH_CM * _PT_PER_CM - 2 * MARGIN
    legend = len(legend_rows(names, room)) if len(names) > 1 else 0
    per_category = _BAR_CM * max(len(names), 1) + _GAP_CM
    height = _FRAME_CM + legend * line_height(TEXT) / _PT_PER_CM
    height += len(chart.categories) * per_category
    return replace(chart, horizontal=True, width_cm=WIDTH_CM, height_cm=round(height, 2))


__all__ = ["WIDTH_CM", "narrow"]
