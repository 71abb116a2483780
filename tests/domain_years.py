"""Generated checked years, made in memory: hypothesis strategies of domain records
(partners, visits, trips, projects, awards, organisations, plans), assembled into a
:class:`~reports.domain.year.Year` by the checking stage's own
:func:`~reports.checking.assemble.assemble_year`, with or without a previous year.

No workbook is written, so hundreds of years take seconds. Any kind of record may be
``None`` — its sheet missing from the inputs — or empty, as a real year folder can be.
The officer's texts hold no digit, so that every number in a sentence is one the
report computed (see ``tests/test_numbers.py``).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from hypothesis import strategies as st

from reports.checking.assemble import assemble_year
from reports.checking.yearfolder import YearFolder
from reports.domain.history import History
from reports.domain.model import (
    Award,
    City,
    Domain,
    FundingSource,
    Metryczka,
    Organization,
    Partner,
    PartnerKind,
    PartnerStatus,
    PlanItem,
    PlanOutcome,
    PlanStatus,
    Project,
    Registry,
    Term,
    Trip,
    Visit,
)
from reports.domain.year import Year
from reports.polish.countries import Country, normalize_country

YEAR = 2025
T = TypeVar("T")

CITY = City("Kalisz", "Kalisza", "Kaliszu", "Urząd Miasta Kalisza", "Biuro Współpracy")


def _country(code: str) -> Country:
    country = normalize_country(code)
    assert country is not None
    return country


#: A registry: partners of every kind, one signed after the year, one ended before it,
#: one suspended in it, one ended the year after.
PARTNERS = (
    Partner("Erfurt", _country("DE"), PartnerKind.PARTNER, 1984, locative="Erfurcie"),
    Partner("Hamm", _country("DE"), PartnerKind.TWIN, date(1991, 6, 11)),
    Partner("Martin", _country("SK"), PartnerKind.PARTNER, date(1996, 11, 11), "Martinie"),
    Partner("Łowecz", _country("BG"), PartnerKind.FRIENDLY, 2003),
    Partner("Preston", _country("GB"), PartnerKind.HONORARY_TWIN, date(1989, 10, 13)),
    Partner("Kamieniec Podolski", _country("UA"), PartnerKind.NO_AGREEMENT, None),
    Partner("Ptuj", _country("SI"), PartnerKind.LETTER_OF_INTENT, date(2005, 5, 5)),
    Partner("Nowy Partner", _country("FR"), PartnerKind.PARTNER, date(YEAR + 1, 1, 10)),
    Partner("Dawny", _country("IT"), PartnerKind.PARTNER, 1990, ended=YEAR - 2),
    Partner(
        "Sumy",
        _country("UA"),
        PartnerKind.FRIENDLY,
        2010,
        ended=date(YEAR, 3, 1),
        status=PartnerStatus.SUSPENDED,
    ),
    Partner("Hautmont", _country("FR"), PartnerKind.PARTNER, 1958, ended=YEAR + 1),
)
#: Foreign places that are not partners, with their countries.
PLACES = (("Paryż", "FR"), ("Lyon", "FR"), ("Ryga", "LV"), ("Wiedeń", "AT"), ("Zagrzeb", "HR"))
GUESTS = ("ambasador", "delegacja radnych", "zespół taneczny", "młodzież szkolna")
PURPOSES = ("obchody Święta Miasta", "Dni Kultury", "rozmowy o współpracy", "festiwal")
DEPARTMENTS = ("Biuro Współpracy", "Wydział Kultury", "Wydział Edukacji")
IMPLEMENTERS = ("Teatr im. Bogusławskiego", "Zespół Szkół", "zespół szkół", "Chór „Kopernik”")
ORGANIZATIONS = (
    Organization("Eurocities", 2010),
    Organization("Związek Miast Bałtyckich", 2001, description="sieć miast"),
    Organization("Dawna Liga", 1995, until=YEAR - 1),
)


def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


def _days(year: int) -> st.SearchStrategy[date]:
    return st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31))


@st.composite
def _place(
    draw: st.DrawFn, partners: tuple[Partner, ...]
) -> tuple[str | None, Country, str | None]:
    """City, country and partner of an event: a registry partner, another place, or a
    country (guests on behalf of it)."""
    kind = draw(st.sampled_from(("partner", "place", "country")))
    if kind == "partner" and partners:
        partner = draw(st.sampled_from(partners))
        return partner.name, partner.country, partner.name
    city, code = draw(st.sampled_from(PLACES))
    return (city if kind == "place" else None), _country(code), None


@st.composite
def _event_fields(draw: st.DrawFn, year: int, partners: tuple[Partner, ...]) -> dict[str, object]:
    start = draw(_days(year))
    length = draw(st.integers(min_value=0, max_value=4))
    city, country, partner = draw(_place(partners))
    return {
        "start": start,
        "end": start + timedelta(days=length) if length else None,
        "city": city,
        "country": country,
        "partner": partner,
        "purpose": draw(st.sampled_from(PURPOSES)),
        "domain": draw(_maybe(st.sampled_from(tuple(Domain)))),
        "reported_by": draw(_maybe(st.sampled_from(DEPARTMENTS))),
        "implementer": draw(_maybe(st.sampled_from(IMPLEMENTERS))),
    }


@st.composite
def visits(draw: st.DrawFn, year: int, partners: tuple[Partner, ...]) -> Visit:
    return Visit(
        **draw(_event_fields(year, partners)),  # type: ignore[arg-type]
        guests=draw(st.sampled_from(GUESTS)),
        people=draw(_maybe(st.integers(min_value=1, max_value=60))),
    )


@st.composite
def trips(draw: st.DrawFn, year: int, partners: tuple[Partner, ...]) -> Trip:
    cents = draw(_maybe(st.integers(min_value=0, max_value=3_000_000)))
    return Trip(
        **draw(_event_fields(year, partners)),  # type: ignore[arg-type]
        delegation=draw(st.sampled_from(("Prezydent Miasta", "radni", "zespół"))),
        cost=None if cents is None else Decimal(cents) / 100,
        funding=draw(_maybe(st.sampled_from(tuple(FundingSource)))),
    )


@st.composite
def projects(draw: st.DrawFn, year: int = YEAR) -> Project:
    start = draw(st.dates(min_value=date(year - 2, 1, 1), max_value=date(year, 12, 31)))
    end = draw(
        _maybe(st.dates(min_value=max(start, date(year, 1, 1)), max_value=date(year + 2, 12, 31)))
    )
    partners = draw(
        st.lists(
            st.sampled_from([p.name for p in PARTNERS] + ["szkoła w Rydze", "ERFURT"]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    value = draw(_maybe(st.integers(min_value=1, max_value=900_000)))
    return Project(
        name=draw(st.sampled_from(("Wymiana uczniów", "Zielone miasta", "Sieć kultury"))),
        program=draw(st.sampled_from(("Erasmus+", "Fundusz Szwajcarski", "Interreg"))),
        partners=tuple(partners),
        start=start,
        end=end,
        value=None if value is None else Decimal(value),
        currency=draw(st.sampled_from(("PLN", "EUR"))),
        domain=draw(_maybe(st.sampled_from(tuple(Domain)))),
    )


@st.composite
def awards(draw: st.DrawFn, year: int = YEAR) -> Award:
    return Award(
        name=draw(st.sampled_from(("Flaga Europy", "Nagroda Europy", "Złota Wstęga"))),
        grantor=draw(st.sampled_from(("Parlament Europejski", "Rada Europy"))),
        date=draw(st.one_of(st.just(year), _days(year))),
    )


@st.composite
def plan_items(draw: st.DrawFn, year: int = YEAR) -> PlanItem:
    return PlanItem(
        action=draw(st.sampled_from(("wizyta na Święcie Miasta", "festiwal", "wymiana"))),
        partner=draw(_maybe(st.sampled_from([p.name for p in PARTNERS]))),
        term=draw(_maybe(st.builds(Term, st.just(year + 1), _maybe(st.integers(1, 12))))),
    )


def _records(strategy: st.SearchStrategy[T], most: int) -> st.SearchStrategy[tuple[T, ...] | None]:
    """None (the sheet is missing), or the sheet's records (maybe none)."""
    return _maybe(st.lists(strategy, max_size=most).map(tuple))


@st.composite
def year_folders(draw: st.DrawFn, year: int, partners: tuple[Partner, ...]) -> YearFolder:
    """What a year's folder may give once checked, every kind of record maybe missing."""
    return YearFolder(
        metryczka=Metryczka("Biuro Współpracy", date(year + 1, 3, 13)),
        visits=draw(_records(visits(year, partners), 14)),
        trips=draw(_records(trips(year, partners), 8)),
        projects=draw(_records(projects(year), 4)),
        awards=draw(_records(awards(year), 3)),
        plan=draw(_records(plan_items(year), 3)),
    )


@st.composite
def checked_years(draw: st.DrawFn) -> Year:
    """A checked year as ``check_year`` assembles it, with or without a previous year."""
    given = draw(_maybe(st.lists(st.sampled_from(PARTNERS), unique=True, max_size=len(PARTNERS))))
    partners = tuple(given or ())  # None: the registry has no sheet Miasta partnerskie
    organizations = draw(_maybe(st.lists(st.sampled_from(ORGANIZATIONS), unique=True).map(tuple)))
    registry = Registry(CITY, None if given is None else partners, organizations)
    data = draw(year_folders(YEAR, partners))
    before = draw(_maybe(year_folders(YEAR - 1, partners)))
    history = History()
    previous_plan = None if before is None else before.plan or None
    if before is not None:
        history = history.with_year(before.summary(YEAR - 1, registry))
    # the officer's statuses of some of last year's actions (sheet Realizacja planu)
    realization = tuple(
        PlanOutcome(item.action, draw(st.sampled_from(tuple(PlanStatus))))
        for item in previous_plan or ()
        if draw(st.booleans())
    )
    year = assemble_year(
        YEAR,
        registry,
        data,
        None if before is None else before.counts(),
        history,
        previous_plan,
        realization,
    )
    assert year is not None
    return year
