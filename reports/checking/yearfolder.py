"""One year's folder: every workbook read, each sheet kind loaded and merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.checking.files import relative, year_files
from reports.checking.kinds import Kind, load_events, load_kind, of, rows
from reports.checking.merge import merge_fields, resolve_plan_item, resolve_project
from reports.checking.realization import Statuses, load_statuses
from reports.checking.sheets import load_book
from reports.domain.history import YearSummary, summarise
from reports.domain.model import (
    Award,
    Metryczka,
    PlanItem,
    Project,
    Registry,
    SheetTally,
    Trip,
    Visit,
    YearCounts,
)
from reports.inputs.problems import Problem, problem
from reports.inputs.records import to_award, to_metryczka
from reports.inputs.rows import LoadedSheet
from reports.inputs.schemas import METRYCZKA, NAGRODY, PLAN, PROJEKTY, WIZYTY, WYJAZDY, Book

if TYPE_CHECKING:
    from reports.cache import Cache


@dataclass(frozen=True)
class YearFolder:
    """What a year's folder gave: its records, tallies, problems and files.

    A kind of record is None when no workbook has its sheet (the data was not given),
    and an empty tuple when its sheets hold no rows.
    """

    metryczka: Metryczka | None = None
    visits: tuple[Visit, ...] | None = None
    trips: tuple[Trip, ...] | None = None
    projects: tuple[Project, ...] | None = None
    awards: tuple[Award, ...] | None = None
    plan: tuple[PlanItem, ...] | None = None
    statuses: Statuses = field(default_factory=Statuses)  # Realizacja planu, not yet reviewed
    tallies: dict[str, SheetTally] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    files: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def counts(self) -> YearCounts:
        return YearCounts.of(self.visits, self.trips, self.projects, self.awards)

    def summary(self, year: int, registry: Registry | None) -> YearSummary:
        partners = (registry.partners if registry is not None else None) or ()
        awards = None if self.awards is None else len(self.awards)
        return summarise(year, self.visits, self.trips, self.projects, awards, partners)


_KINDS = (WIZYTY, WYJAZDY, PROJEKTY, NAGRODY, PLAN)


def read_year_folder(
    inputs_dir: Path, year: int, registry: Registry | None, cache: Cache | None = None
) -> YearFolder:
    """Read and check the workbooks of ``inputs/<year>/`` against the registry."""
    folder = inputs_dir / str(year)
    if not folder.is_dir():
        missing = problem("year-folder-missing", file=str(year), folder=str(folder), year=year)
        return YearFolder(tallies={s.name: SheetTally(s.name) for s in _KINDS}, problems=(missing,))
    paths, problems = year_files(folder, inputs_dir)
    sheets: list[LoadedSheet] = []
    names = {p.name for p in paths}
    for path in paths:
        book = load_book(path, relative(path, inputs_dir), Book.YEAR, year, cache)
        if book.copy_of not in (None, path.name) and book.copy_of in names:
            problems.append(problem("copy-beside-original", file=book.name, original=book.copy_of))
            continue  # its rows would all be duplicates of the original's
        problems.extend(book.all_problems)
        sheets.extend(book.sheets)

    metryczka_sheets = of(METRYCZKA, sheets)
    merged = merge_fields(METRYCZKA, rows(metryczka_sheets))
    problems.extend(merged.problems)
    metryczka = None if merged.first is None else to_metryczka(merged.first)
    if metryczka is None and not any(s.rejected for s in metryczka_sheets):
        problems.append(
            problem("metryczka-missing", file=str(year), sheet=METRYCZKA.name, year=year)
        )

    visits = load_events(WIZYTY, sheets, registry)
    trips = load_events(WYJAZDY, sheets, registry)
    projects = load_kind(PROJEKTY, sheets, lambda r: resolve_project(r, registry))
    awards = load_kind(NAGRODY, sheets, to_award)
    plan = load_kind(PLAN, sheets, lambda r: resolve_plan_item(r, registry))
    kinds: tuple[Kind[Any], ...] = (visits, trips, projects, awards, plan)
    for kind in kinds:
        problems.extend(kind.problems)
    statuses = load_statuses(sheets)
    problems.extend(statuses.problems)
    given = {spec for spec in _KINDS if of(spec, sheets)}
    return YearFolder(
        metryczka=metryczka,
        visits=visits.records if WIZYTY in given else None,
        trips=trips.records if WYJAZDY in given else None,
        projects=projects.records if PROJEKTY in given else None,
        awards=awards.records if NAGRODY in given else None,
        plan=plan.records if PLAN in given else None,
        statuses=statuses,
        tallies={spec.name: kind.tally for spec, kind in zip(_KINDS, kinds, strict=True)},
        problems=tuple(problems),
        files=tuple(paths),
    )
