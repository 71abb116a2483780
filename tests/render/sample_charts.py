"""A small chart the chart tests share: three months, visits and trips, zeros included."""

from __future__ import annotations

from reports.document import BarChart, Series

VISITS_AND_TRIPS = BarChart(
    categories=("styczeń", "luty", "październik"),
    series=(
        Series("Wizyty", (3.0, 0.0, 12.0), ("3", "0", "12")),
        Series("Wyjazdy", (1.0, 2.0, 0.0), ("1", "2", "0")),
    ),
    value_axis="liczba",
    ticks=((0, "0"), (5, "5"), (10, "10"), (15, "15")),
)
