"""The charts' benchmark keeps working: it finds a year's figures and draws them all
(no timing is asserted: machines differ)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.charts import figures, main, measure
from benchmarks.synth import write_inputs

N = 50
YEAR = 2025


def test_the_years_figures_are_drawn(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "inputs", N, YEAR).path
    found = figures(inputs, YEAR)
    assert [f.chart.horizontal for f in found] == [False, True, True, False]
    times = measure(found, repeat=2)
    assert times.charts == 4 and times.svg_bytes > 4 * 1000
    assert times.first > 0 and times.warm > 0


def test_the_command_says_what_it_drew(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--size", "20", "--repeat", "1"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("N=20: 4 charts,") and "ms (median)" in said
