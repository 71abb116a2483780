"""Year assembly: the checked registry and year folder, with the earlier years, as the
:class:`~reports.domain.year.Year` the build turns into the report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from reports.checking.yearfolder import YearFolder
from reports.domain.history import History
from reports.domain.model import PlanItem, PlanOutcome, Registry, SheetTally, YearCounts, year_of
from reports.domain.year import Year
from reports.inputs.schemas import TALLIED_SHEETS
from reports.polish.collation import sort_key as polish_key


def _date_key(value: date | int) -> date:
    return date(value, 1, 1) if isinstance(value, int) else value


def assemble_year(
    year: int,
    registry: Registry,
    data: YearFolder,
    previous: YearCounts | None,
    history: History,
    previous_plan: tuple[PlanItem, ...] | None,
    realization: tuple[PlanOutcome, ...],
    workbooks: tuple[str, ...],
    tallies: Mapping[str, SheetTally],
) -> Year | None:
    """The year, its records in report order; None without a Metryczka."""
    if data.metryczka is None:
        return None
    return Year(
        year=year,
        city=registry.city,
        metryczka=data.metryczka,
        partners=tuple(
            sorted(
                (p for p in registry.partners if p.active_in(year)),
                key=lambda p: polish_key(p.name),
            )
        ),
        organizations=tuple(
            sorted(
                (o for o in registry.organizations if o.active_in(year)),
                key=lambda o: polish_key(o.name),
            )
        ),
        visits=tuple(
            sorted(data.visits, key=lambda e: (e.start, e.last_day, polish_key(e.city or "")))
        ),
        trips=tuple(
            sorted(data.trips, key=lambda e: (e.start, e.last_day, polish_key(e.city or "")))
        ),
        projects=tuple(sorted(data.projects, key=lambda p: (p.start, polish_key(p.name)))),
        awards=tuple(
            sorted(
                data.awards,
                key=lambda a: (year_of(a.date), _date_key(a.date), polish_key(a.name)),
            )
        ),
        previous=previous,
        history=history.with_year(data.summary(year, registry)),
        plan=tuple(data.plan or ()),
        previous_plan=previous_plan,
        realization=realization,
        workbooks=workbooks,
        tallies=tuple(tallies[spec.name] for spec in TALLIED_SHEETS),
    )
