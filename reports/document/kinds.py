"""Which kinds of events — visits, trips — a year's inputs give: a kind whose sheet is
missing is unknown, not 0, so a table or chart of events has no column or series for
it, and its words name only the kinds given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from reports.document.model import Align
from reports.document.phrases import ABOUT_TRIPS, ABOUT_VISITS, no_data
from reports.domain.year import Year
from reports.polish.numbers import format_number

_T = TypeVar("_T")
#: The share of a table's width of each column of numbers.
NUMBER_COLUMN = 0.16


@dataclass(frozen=True)
class Kinds:
    """Which kinds of events a year's inputs give: visits, trips or both (a sheet that
    is missing gives nothing: its kind is left out of the tables and charts, never 0).

    >>> Kinds(visits=False, trips=True).cells(0, 3), Kinds(True, True).cells(2, 3)
    (('3',), ('2', '3', '5'))
    >>> Kinds(visits=False, trips=True).missing
    ['wizytach delegacji zagranicznych']
    """

    visits: bool
    trips: bool

    @classmethod
    def of(cls, year: Year) -> Kinds:
        return cls(visits=year.visits is not None, trips=year.trips is not None)

    @property
    def both(self) -> bool:
        return self.visits and self.trips

    @property
    def names(self) -> tuple[str, ...]:
        """The series' and columns' names: „Wizyty”, „Wyjazdy”."""
        return self.pick("Wizyty", "Wyjazdy")

    @property
    def subject(self) -> str:
        """What a chart or table shows, at the start of its title: „Wizyty i wyjazdy”, „Wyjazdy”."""
        return " i ".join(self.pick("Wizyty", "wyjazdy" if self.visits else "Wyjazdy"))

    @property
    def counted(self) -> str:
        """What a chart counts, after „liczba”: „wizyt i wyjazdów”, „wizyt”."""
        return " i ".join(self.pick("wizyt", "wyjazdów"))

    @property
    def named(self) -> str:
        """The kinds given as a sentence's subject: „wizyty i wyjazdy”, „wyjazdy”."""
        return " i ".join(self.pick("wizyty", "wyjazdy"))

    @property
    def neither(self) -> str:
        """The kinds given after a negation: „wizyt ani wyjazdów”, „wizyt”."""
        return " ani ".join(self.pick("wizyt", "wyjazdów"))

    @property
    def of_counted(self) -> tuple[str, str, str]:
        """The genitive after „z N” for 1, 2–4 and 5 or more: „z 1 wizyty lub wyjazdu”,
        „z 3 wizyt i wyjazdów”; „z 1 wyjazdu”."""
        if self.both:
            return ("wizyty lub wyjazdu", "wizyt i wyjazdów", "wizyt i wyjazdów")
        return ("wizyty", "wizyt", "wizyt") if self.visits else ("wyjazdu", "wyjazdów", "wyjazdów")

    @property
    def missing(self) -> list[str]:
        """The kinds not given, as „Brak danych o …” names them."""
        return [
            about
            for about, given in ((ABOUT_VISITS, self.visits), (ABOUT_TRIPS, self.trips))
            if not given
        ]

    def pick(self, visits: _T, trips: _T) -> tuple[_T, ...]:
        """Of the two, the ones of the kinds given, visits first."""
        return tuple(
            value for value, given in ((visits, self.visits), (trips, self.trips)) if given
        )

    def cells(self, visits: int, trips: int) -> tuple[str, ...]:
        """A row's numbers: of each kind given, and their sum when both are."""
        if self.both:
            return totals(visits, trips)
        return tuple(format_number(n) for n in self.pick(visits, trips))

    def columns(self, first: str) -> tuple[tuple[str, float, Align], ...]:
        """A table's columns: ``first`` (the categories), one per kind, „Razem” with both."""
        names = (*self.names, "Razem") if self.both else self.names
        numbers = tuple((name, NUMBER_COLUMN, Align.RIGHT) for name in names)
        return ((first, round(1 - NUMBER_COLUMN * len(numbers), 4), Align.LEFT), *numbers)

    def entry(self, label: str, visits: int, trips: int) -> tuple[str, int | None, int | None]:
        """A category for :func:`leaders`: a kind not given is None."""
        return label, visits if self.visits else None, trips if self.trips else None

    def note(self) -> str:
        """The alternative text's „; brak danych o …” of the kinds not given."""
        return f"; {no_data(self.missing)}" if self.missing else ""


def totals(visits: int, trips: int) -> tuple[str, str, str]:
    """Visits, trips and their sum as a table's cells."""
    return format_number(visits), format_number(trips), format_number(visits + trips)


__all__ = ["NUMBER_COLUMN", "Kinds", "totals"]
