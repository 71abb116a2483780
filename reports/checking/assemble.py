"""Year assembly: the checked registry and year folder, with the earlier years, as the
:class:`~reports.domain.year.Year` the build turns into the report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from reports.checking.yearfolder import YearFolder
from reports.domain.history import History
from reports.domain.model import Event, PlanItem, PlanOutcome, Registry, YearCounts, year_of
from reports.domain.year import Year
from reports.polish.collation import sort_key as polish_key

R = TypeVar("R")


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
) -> Year | None:
    """The year, its records in report order; None without a Metryczka."""
    if data.metryczka is None:
        return None
    return Year(
        year=year,
        city=registry.city,
        metryczka=data.metryczka,
        partners=(
            None
            if registry.partners is None
            else tuple(
                sorted(
                    (p for p in registry.partners if p.active_in(year)),
                    key=lambda p: polish_key(p.name),
                )
            )
        ),
        organizations=_sorted(
            (
                None
                if registry.organizations is None
                else [o for o in registry.organizations if o.active_in(year)]
            ),
            lambda o: polish_key(o.name),
        ),
        visits=_sorted(data.visits, _event_key),
        trips=_sorted(data.trips, _event_key),
        projects=_sorted(data.projects, lambda p: (p.start, polish_key(p.name))),
        awards=_sorted(
            data.awards, lambda a: (year_of(a.date), _date_key(a.date), polish_key(a.name))
        ),
        previous=previous,
        history=history.with_year(data.summary(year, registry)),
        plan=data.plan,
        previous_plan=previous_plan,
        realization=realization,
    )


def _sorted(records: Iterable[R] | None, key: Callable[[R], Any]) -> tuple[R, ...] | None:
    """The records in report order; None (a sheet not given) stays None."""
    return None if records is None else tuple(sorted(records, key=key))


def _event_key(event: Event) -> tuple[date, date, bytes]:
    return (event.start, event.last_day, polish_key(event.city or ""))
