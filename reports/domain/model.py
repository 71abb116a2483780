"""The domain model: what happened in a year, as frozen dataclasses.

No I/O here and no rendering library: these records come out of the loader
(already checked and merged) and go into ``build`` (which decides the text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from reports.domain.licence import Licence
from reports.polish.countries import Country

#: A value that the workbook may give either as a full date or as a year only.
DateOrYear = date | int


class PartnerKind(StrEnum):
    """Rodzaj of a registry partner, as the drop-down in the workbook spells it."""

    PARTNER = "miasto partnerskie"
    TWIN = "miasto bliźniacze"
    HONORARY_TWIN = "honorowe miasto bliźniacze"
    FRIENDLY = "miasto zaprzyjaźnione"
    LETTER_OF_INTENT = "list intencyjny"
    NO_AGREEMENT = "współpraca bez umowy"


class AgreementDocument(StrEnum):
    """Dokument of a partnership: the kind of paper it rests on."""

    AGREEMENT = "umowa partnerska"
    ACCORD = "porozumienie"
    LETTER_OF_INTENT = "list intencyjny"
    FRIENDSHIP_CHARTER = "karta przyjaźni"
    OTHER = "inny"


class PartnerStatus(StrEnum):
    """Status of a partnership; an empty cell means it follows from the dates."""

    ACTIVE = "aktywne"
    SUSPENDED = "zawieszone"
    ENDED = "zakończone"


class FundingSource(StrEnum):
    """Źródło finansowania of a trip."""

    CITY_BUDGET = "budżet miasta"
    EXTERNAL = "środki zewnętrzne"
    HOST = "strona zapraszająca"
    MIXED = "mieszane"


class Domain(StrEnum):
    """Dziedzina of an event or project."""

    GOVERNMENT = "samorząd"
    CULTURE = "kultura"
    EDUCATION = "edukacja"
    SPORT = "sport"
    ECONOMY = "gospodarka"
    TOURISM = "turystyka"
    SOCIETY = "społeczeństwo"
    OTHER = "inne"


@dataclass(frozen=True, order=True)
class Source:
    """Where a record was read: file name (relative to inputs/), sheet, Excel row."""

    file: str
    sheet: str
    row: int

    def __str__(self) -> str:
        return f"{self.file}, arkusz „{self.sheet}”, wiersz {self.row}"


def year_of(value: DateOrYear) -> int:
    """The year of a date-or-year value."""
    return value if isinstance(value, int) else value.year


@dataclass(frozen=True)
class City:
    """The city that writes the report (sheet Miasto of rejestr.xlsx)."""

    name: str
    genitive: str
    locative: str
    office: str
    department: str | None = None
    licence: Licence | None = None  # of the open data; None: the package claims none


@dataclass(frozen=True)
class Partner:
    """A partner city from the registry (sheet Miasta partnerskie)."""

    name: str
    country: Country
    kind: PartnerKind
    signed: DateOrYear | None
    locative: str | None = None
    region: str | None = None
    population: int | None = None
    ended: DateOrYear | None = None
    notes: str | None = None
    document: AgreementDocument | None = None
    resolution: str | None = None  # Uchwała, e.g. „XXXI/207/04”
    scope: str | None = None  # Zakres współpracy
    status: PartnerStatus | None = None
    source: Source | None = field(default=None, compare=False)

    def status_in(self, year: int) -> PartnerStatus:
        """The partnership's status at the end of ``year``.

        An end date after ``year`` leaves it active in ``year``; an end date in
        or before ``year`` gives the written status (suspended or ended), and
        „zakończone” when none is written. Without an end date the written
        status counts, and an empty one means active.
        """
        if self.ended is not None:
            if year_of(self.ended) > year:
                return PartnerStatus.ACTIVE
            if self.status in (PartnerStatus.SUSPENDED, PartnerStatus.ENDED):
                return self.status
            return PartnerStatus.ENDED
        return self.status or PartnerStatus.ACTIVE

    def active_in(self, year: int) -> bool:
        """Signed by the end of ``year`` and not ended before ``year`` began."""
        if self.signed is not None and year_of(self.signed) > year:
            return False
        return self.ended is None or year_of(self.ended) >= year

    def anniversary_in(self, year: int) -> int | None:
        """The round (every 5 years) anniversary of signing falling in ``year``."""
        if self.signed is None:
            return None
        age = year - year_of(self.signed)
        return age if age > 0 and age % 5 == 0 else None


@dataclass(frozen=True)
class Organization:
    """An international organisation the city belongs to (sheet Organizacje)."""

    name: str
    since: int
    until: int | None = None
    description: str | None = None
    source: Source | None = field(default=None, compare=False)

    def active_in(self, year: int) -> bool:
        return self.since <= year and (self.until is None or self.until >= year)


@dataclass(frozen=True)
class Registry:
    """Everything in inputs/rejestr.xlsx."""

    city: City
    partners: tuple[Partner, ...] | None  # None: no sheet Miasta partnerskie
    organizations: tuple[Organization, ...] | None  # None: no sheet Organizacje

    def partner(self, name: str) -> Partner | None:
        """The partner of that name (matched case-insensitively), if any."""
        wanted = name.casefold()
        return next((p for p in self.partners or () if p.name.casefold() == wanted), None)


@dataclass(frozen=True)
class Metryczka:
    """The BIP record of the year's report (sheet Metryczka)."""

    author: str  # Informację wytworzył(a)
    created: date  # Data wytworzenia
    entered_by: str | None = None  # Wprowadził(a)
    published: date | None = None  # Data publikacji
    basis: str | None = None  # Na podstawie
    intro: str | None = None  # Wstęp
    changes: tuple[Change, ...] = ()  # Zmiany: the BIP record of changes, by date
    source: Source | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Change:
    """One entry of the BIP record of changes (the Zmiany list of the Metryczka)."""

    date: date
    description: str  # Opis
    who: str | None = None  # Kto


@dataclass(frozen=True)
class Event:
    """What Wizyty and Wyjazdy share: a span, a place and a purpose.

    ``partner`` names the registry partner when ``city`` is one; ``country`` is
    then the partner's country. ``city`` is None for guests who came on behalf
    of a whole country.
    """

    start: date
    end: date | None
    city: str | None
    country: Country
    purpose: str
    domain: Domain | None = None
    reported_by: str | None = None
    partner: str | None = None
    implementer: str | None = None  # Realizator
    sources: tuple[Source, ...] = field(default=(), compare=False)

    @property
    def last_day(self) -> date:
        return self.end or self.start


@dataclass(frozen=True)
class Visit(Event):
    """A foreign delegation received in the city (sheet Wizyty)."""

    guests: str = ""
    people: int | None = None


@dataclass(frozen=True)
class Trip(Event):
    """The city's delegation abroad (sheet Wyjazdy)."""

    delegation: str = ""
    cost: Decimal | None = None
    funding: FundingSource | None = None  # Źródło finansowania


@dataclass(frozen=True)
class Project:
    """An international project (sheet Projekty)."""

    name: str
    program: str
    partners: tuple[str, ...]
    start: date
    end: date | None = None
    value: Decimal | None = None
    cofinancing: Decimal | None = None
    currency: str = "PLN"
    description: str | None = None
    domain: Domain | None = None
    sources: tuple[Source, ...] = field(default=(), compare=False)

    def overlaps(self, year: int) -> bool:
        return self.start.year <= year and (self.end is None or self.end.year >= year)


@dataclass(frozen=True)
class Award:
    """An award or distinction the city received (sheet Nagrody)."""

    name: str
    grantor: str
    date: DateOrYear
    justification: str | None = None
    sources: tuple[Source, ...] = field(default=(), compare=False)


@dataclass(frozen=True, order=True)
class Term:
    """Termin of a planned action: a day, a month or a whole year.

    >>> Term(2026, 3).covers(date(2026, 3, 31)), Term(2026).covers(date(2027, 1, 1))
    (True, False)
    """

    year: int
    month: int | None = None
    day: int | None = None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls within the term."""
        if day.year != self.year:
            return False
        if self.month is not None and day.month != self.month:
            return False
        return self.day is None or day.day == self.day


@dataclass(frozen=True)
class PlanItem:
    """A planned action for the next year (sheet Plan)."""

    action: str  # Działanie
    partner: str | None = None
    term: Term | None = None
    domain: Domain | None = None
    notes: str | None = None  # Uwagi
    sources: tuple[Source, ...] = field(default=(), compare=False)


class PlanStatus(StrEnum):
    """Realizacja of a planned action, as the officer states it (sheet Realizacja planu).

    The value is the drop-down's text, except for :attr:`MOVED`, whose text names
    the year the action moved to (:meth:`label`).

    >>> PlanStatus.MOVED.label(2025), PlanStatus.PARTLY.label(2025)
    ('przeniesiono na rok 2026', 'zrealizowano częściowo')
    """

    DONE = "zrealizowano"
    PARTLY = "zrealizowano częściowo"
    NOT_DONE = "nie zrealizowano"
    MOVED = "przeniesiono"

    def label(self, year: int) -> str:
        """The status as written for report year ``year`` (a move goes to ``year + 1``)."""
        return f"przeniesiono na rok {year + 1}" if self is PlanStatus.MOVED else self.value

    @staticmethod
    def choices(year: int) -> tuple[str, ...]:
        """The drop-down of report year ``year``, in the order of the plan's life."""
        return tuple(status.label(year) for status in PlanStatus)


@dataclass(frozen=True)
class PlanOutcome:
    """What the officer states about one action of last year's plan (sheet Realizacja planu)."""

    action: str  # Działanie, as planned
    status: PlanStatus | None = None  # Realizacja; None: not stated
    description: str | None = None  # Opis, as typed
    sources: tuple[Source, ...] = field(default=(), compare=False)

    @property
    def states(self) -> bool:
        """Whether the row says anything beyond the action (a status or a description)."""
        return self.status is not None or self.description is not None


@dataclass(frozen=True)
class YearCounts:
    """How many records of each kind a year has (for the previous-year comparison);
    None where the year's workbooks have no sheet of that kind (unknown, not zero)."""

    visits: int | None
    trips: int | None
    projects: int | None
    awards: int | None
    countries: int | None  # of the visits and trips; None unless both were given

    @classmethod
    def of(
        cls,
        visits: Sequence[Visit] | None,
        trips: Sequence[Trip] | None,
        projects: Sequence[Project] | None,
        awards: Sequence[Award] | None,
    ) -> YearCounts:
        """The counts of a year's records, None for a kind whose sheet was missing (and for
        the countries of the visits and trips, unless both were given).

        >>> YearCounts.of((), None, None, ())
        YearCounts(visits=0, trips=None, projects=None, awards=0, countries=None)
        >>> YearCounts.of((), (), None, None).countries
        0
        """
        events: list[Event] | None = None
        if visits is not None and trips is not None:
            events = [*visits, *trips]
        return cls(
            None if visits is None else len(visits),
            None if trips is None else len(trips),
            None if projects is None else len(projects),
            None if awards is None else len(awards),
            None if events is None else len({e.country.code for e in events}),
        )


@dataclass(frozen=True)
class SheetTally:
    """Where the rows of one sheet kind went: read = kept + duplicates + rejected."""

    sheet: str
    read: int = 0
    kept: int = 0
    duplicates: int = 0
    rejected: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.kept + self.duplicates + self.rejected
