"""A report year, checked and merged: the domain model and the summaries of its history."""

from __future__ import annotations

from dataclasses import dataclass

from reports.domain.history import History, YearSummary
from reports.domain.model import (
    Award,
    City,
    Event,
    Metryczka,
    Organization,
    Partner,
    PlanItem,
    PlanOutcome,
    Project,
    Trip,
    Visit,
    YearCounts,
)


@dataclass(frozen=True)
class Year:
    """One report year, checked and merged: everything ``build`` needs."""

    year: int
    city: City
    metryczka: Metryczka
    #: None where the inputs have no sheet of that kind: the data was not given, which
    #: the report must not state as „none” (an empty sheet gives an empty tuple)
    partners: tuple[Partner, ...] | None  # active in the year
    organizations: tuple[Organization, ...] | None  # member in the year
    visits: tuple[Visit, ...] | None
    trips: tuple[Trip, ...] | None
    projects: tuple[Project, ...] | None
    awards: tuple[Award, ...] | None
    previous: YearCounts | None = None
    #: the summaries of this year and of every earlier checked year (see reports.domain.history)
    history: History | None = None

    def summary(self) -> YearSummary | None:
        """This year's summary in :attr:`history`."""
        return self.history.get(self.year) if self.history is not None else None

    def previous_summary(self) -> YearSummary | None:
        """The previous year's summary, when that year has a folder and checked clean."""
        return self.history.get(self.year - 1) if self.history is not None else None

    plan: tuple[PlanItem, ...] | None = None  # this year's plan for the next year
    previous_plan: tuple[PlanItem, ...] | None = None  # last year's plan for this year
    #: the officer's statements about previous_plan's actions (sheet Realizacja planu)
    realization: tuple[PlanOutcome, ...] = ()

    def counts(self) -> YearCounts:
        return YearCounts.of(self.visits, self.trips, self.projects, self.awards)

    @property
    def events(self) -> tuple[Event, ...]:
        """The visits and the trips given (either may be missing)."""
        return (*(self.visits or ()), *(self.trips or ()))
