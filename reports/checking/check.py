"""check_year(): read the registry and a year's workbooks, check, merge — one pass.

Reads ``inputs/rejestr.xlsx`` (:mod:`reports.checking.registry`) and every
``*.xlsx`` in ``inputs/<year>/`` (:mod:`reports.checking.yearfolder`, sorted by
name), and the earlier years (:mod:`reports.checking.earlier`), and returns a
:class:`~reports.checking.report.Report`: the problems (sorted by file, sheet,
row and column), the reconciliation per sheet kind (read = kept + duplicates +
rejected), every input file read, and — when there are no errors — the
:class:`~reports.domain.year.Year` that ``build`` turns into the report.

Nothing here raises for a mistake in the inputs; problems are data.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reports.checking.assemble import assemble_year
from reports.checking.earlier import earlier_year_errors, past_year
from reports.checking.files import REGISTRY_FILE, available_years
from reports.checking.realization import review
from reports.checking.registry import read_registry
from reports.checking.report import Report
from reports.checking.sheets import LoadedBook, load_book
from reports.checking.yearfolder import read_year_folder
from reports.domain.history import History, YearSummary
from reports.domain.model import PlanItem, Registry, SheetTally, YearCounts
from reports.inputs.problems import Problem, sort_key
from reports.inputs.schemas import TALLIED_SHEETS, Book

if TYPE_CHECKING:
    from reports.cache import Cache


def check_year(inputs_dir: Path, year: int, *, cache: Cache | None = None) -> Report:
    """Check the registry and one year's workbooks; see the module docstring.

    Every earlier year that has a folder is read too (quietly: its own problems
    are not reported here) for the report's comparisons: ``previous`` of the
    returned year holds the counts of ``year - 1`` (and ``previous_plan`` its
    Plan sheet, the plan for ``year``, which the sheets „Realizacja planu” are held
    against: :mod:`reports.checking.realization`), and ``history`` the
    summaries of every earlier year that checks without errors, and of this
    year. An earlier year with errors is left out, and a warning
    (``previous-year-errors`` for ``year - 1``, ``earlier-year-errors`` before
    it) says so. The earlier years' files are listed in ``files`` too, since
    they shape the report. ``cache`` keeps workbooks read before (see
    :mod:`reports.inputs.xlsx_cache`); the result is the same either way.
    """
    registry = read_registry(inputs_dir, cache)
    data = read_year_folder(inputs_dir, year, registry.registry, cache)
    problems: list[Problem] = [*registry.problems, *data.problems]
    files: list[Path] = [*registry.files, *data.files]

    previous: YearCounts | None = None
    previous_plan: tuple[PlanItem, ...] | None = None
    previous_failed = False
    summaries: list[YearSummary] = []
    for earlier in (y for y in available_years(inputs_dir) if y < year):
        past, past_files = past_year(inputs_dir, earlier, registry.registry, cache)
        files.extend(past_files)
        if past is None:
            problems.append(earlier_year_errors(earlier, year))
            previous_failed = earlier == year - 1
            continue
        summaries.append(past.summary)
        if earlier == year - 1:
            previous, previous_plan = past.counts, past.plan

    realization, unaccounted = review(
        data.statuses,
        previous_plan,
        (*(data.visits or ()), *(data.trips or ())),
        year,
        previous_failed=previous_failed,
    )
    problems.extend(unaccounted)

    tallies = {spec.name: SheetTally(spec.name) for spec in TALLIED_SHEETS}
    tallies.update(data.tallies)
    tallies.update(registry.tallies)
    report = Report(year, tuple(problems), tallies, tuple(files))
    if not report.ok or registry.registry is None:
        return report
    built = assemble_year(
        year,
        registry.registry,
        data,
        previous,
        History(tuple(summaries)),
        previous_plan,
        realization,
    )
    return Report(year, report.problems, tallies, report.files, built)


def load_registry(inputs_dir: Path) -> tuple[Registry | None, tuple[Problem, ...]]:
    """Only the registry (``inputs/rejestr.xlsx``) and its problems; for ``raport new``."""
    loaded = read_registry(inputs_dir)
    has_errors = any(p.is_error for p in loaded.problems)
    return (None if has_errors else loaded.registry), tuple(sorted(loaded.problems, key=sort_key))


def load_plan(inputs_dir: Path, year: int, registry: Registry | None) -> tuple[PlanItem, ...]:
    """Year ``year``'s Plan (the plan for the next year), for the next year's blank workbook;
    empty when the year has no folder, no Plan sheet or errors."""
    if not (inputs_dir / str(year)).is_dir():
        return ()
    past, _ = past_year(inputs_dir, year, registry)
    return () if past is None or past.plan is None else past.plan


def load_year_workbook(path: Path, year: int, name: str | None = None) -> LoadedBook:
    """One workbook of a year's folder, its sheets loaded and checked on their own (for the
    page's list of workbooks and for ``raport new``)."""
    return load_book(path, name or path.name, Book.YEAR, year)


__all__ = [
    "REGISTRY_FILE",
    "Report",
    "available_years",
    "check_year",
    "load_plan",
    "load_registry",
    "load_year_workbook",
]
