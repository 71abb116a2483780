"""Earlier years: what each gives the report (counts, summary, plan), read once.

Summaries of earlier years are kept by folder, the state of its files and the
registry: a build of every year (``raport build --all``) reads each past year
once, not once for every later year.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reports.cache import fingerprint
from reports.checking.files import year_files
from reports.checking.yearfolder import read_year_folder
from reports.domain.history import YearSummary
from reports.domain.model import PlanItem, Registry, YearCounts
from reports.inputs.problems import Problem, problem

if TYPE_CHECKING:
    from reports.cache import Cache


@dataclass(frozen=True)
class Past:
    """What an earlier year gives the report: its counts, its summary, its plan (None: no
    Plan sheet)."""

    counts: YearCounts
    summary: YearSummary
    plan: tuple[PlanItem, ...] | None


_PAST: dict[tuple[Hashable, ...], Past | None] = {}
_PAST_LIMIT = 256


def past_year(
    inputs_dir: Path, year: int, registry: Registry | None, cache: Cache | None = None
) -> tuple[Past | None, tuple[Path, ...]]:
    """An earlier year as the report uses it, None when it has errors; and its files
    (they shape the report either way). Its own problems are not reported."""
    folder = inputs_dir / str(year)
    paths, _ = year_files(folder, inputs_dir)
    key = (str(folder.resolve()), fingerprint(paths, folder), registry)
    if key in _PAST:
        return _PAST[key], tuple(paths)
    data = read_year_folder(inputs_dir, year, registry, cache)
    result = (
        None
        if not data.ok or data.metryczka is None
        # a Plan sheet without rows is no plan to account for
        else Past(data.counts(), data.summary(year, registry), data.plan or None)
    )
    if len(_PAST) >= _PAST_LIMIT:
        _PAST.pop(next(iter(_PAST)))
    _PAST[key] = result
    return result, data.files


def earlier_year_errors(earlier: int, year: int) -> Problem:
    """The warning that an earlier year with errors is left out of the report's comparisons."""
    if earlier == year - 1:
        return problem("previous-year-errors", file=str(earlier), earlier=earlier, year=year)
    return problem("earlier-year-errors", file=str(earlier), earlier=earlier, year=year)
