"""Drawing a year's charts: every figure of a synthetic year of N records as inline SVG.

Usage::

    .venv/bin/python -m benchmarks.charts [--size 200] [--repeat 20]

In a fresh process it prints how long the first drawing of all the year's charts
takes (importing the writer and reading the font's widths included: what one
process of a build pays) and the median of the drawings after it, in milliseconds.
The numbers depend on the machine; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import timed
from benchmarks.synth import write_inputs
from reports.document.model import Figure


@dataclass(frozen=True)
class ChartTimes:
    """Seconds of the first drawing of all charts and the median of the later ones."""

    charts: int
    first: float
    warm: float
    svg_bytes: int


def figures(inputs: Path, year: int) -> list[Figure]:
    """The year's figures, in reading order."""
    from reports.checking.check import check_year
    from reports.document.build import build_document

    result = check_year(inputs, year)
    if result.data is None:
        raise ValueError(f"the inputs of {year} have errors: {result.errors[:3]}")
    document = build_document(result.data)
    return [b for s in document.walk() for b in s.blocks if isinstance(b, Figure)]


def measure(charts: Sequence[Figure], repeat: int) -> ChartTimes:
    """Time drawing ``charts`` once cold, then ``repeat`` times (each chart anew)."""

    def draw_all() -> list[str]:
        from reports.render.charts.svg import svg

        return [svg(f.chart, ids=f"w{i}-", title="Wykres") for i, f in enumerate(charts)]

    first, drawn = timed(draw_all)
    warm = [timed(draw_all)[0] for _ in range(repeat)]
    return ChartTimes(len(charts), first, statistics.median(warm), sum(map(len, drawn)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.charts", description=__doc__)
    parser.add_argument("--size", type=int, default=200, help="records of the synthetic year")
    parser.add_argument("--repeat", type=int, default=20, help="warm drawings to take a median")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder) / "inputs", args.size)
        times = measure(figures(inputs.path, inputs.year), args.repeat)
    print(
        f"N={args.size}: {times.charts} charts, {times.svg_bytes} bytes of SVG; "
        f"first {times.first * 1000:.1f} ms, then {times.warm * 1000:.2f} ms (median)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
