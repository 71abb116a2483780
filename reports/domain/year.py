"""A report year, checked and merged: the domain model and the summaries of its history."""

from __future__ import annotations

from dataclasses import dataclass

from reports.domain.history import History, YearSummary
from reports.domain.model import (
    Award,
    City,
    Metryczka,
    Organization,
    Partner,
    PlanItem,
    PlanOutcome,
    Project,
    SheetTally,
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
    partners: tuple[Partner, ...]  # active in the year
    organizations: tuple[Organization, ...]  # member in the year
    visits: tuple[Visit, ...]
    trips: tuple[Trip, ...]
    projects: tuple[Project, ...]
    awards: tuple[Award, ...]
    previous: YearCounts | None = None
    #: the summaries of this year and of every earlier checked year (see reports.domain.history)
    history: History | None = None
    #: the year's workbooks (relative to inputs/) and the reconciliation of each sheet kind
    workbooks: tuple[str, ...] = ()
    tallies: tuple[SheetTally, ...] = ()

    def summary(self) -> YearSummary | None:
        """This year's summary in :attr:`history`."""
        return self.history.get(self.year) if self.history is not None else None

    def previous_summary(self) -> YearSummary | None:
        """The previous year's summary, when that year has a folder and checked clean."""
        return self.history.get(self.year - 1) if self.history is not None else None

    plan: tuple[PlanItem, ...] = ()  # this year's plan for the next year
    previous_plan: tuple[PlanItem, ...] | None = None  # last year's plan for this year
    #: the officer's statements about previous_plan's actions (sheet Realizacja planu)
    realization: tuple[PlanOutcome, ...] = ()

    def counts(self) -> YearCounts:
        countries = {e.country.code for e in (*self.visits, *self.trips)}
        return YearCounts(
            visits=len(self.visits),
            trips=len(self.trips),
            projects=len(self.projects),
            awards=len(self.awards),
            countries=len(countries),
        )
