"""The past of a report: what each checked year held, in a few numbers per year.

A :class:`YearSummary` is all the report needs of an earlier year: counts,
the trips' total cost, guests, the breakdown by field (Dziedzina) and how many
joint activities each registry partner had. :class:`History` holds the
summaries of the years that have folders and checked without errors;
:func:`dormant_since` and :func:`dormant_years` say how long a partnership
has had no joint activity.

No I/O here: :mod:`reports.checking.check` reads the year folders and calls
:func:`summarise`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from reports.domain.model import Domain, Partner, Project, Trip, Visit, year_of


@dataclass(frozen=True)
class DomainCount:
    """Visits and trips of one field (``domain`` None: the field was not given)."""

    domain: Domain | None
    visits: int
    trips: int

    @property
    def total(self) -> int:
        return self.visits + self.trips


@dataclass(frozen=True)
class YearSummary:
    """One year in numbers (kept records only, after merging).

    ``partner_activity`` maps a registry partner's name to the number of its
    joint activities in the year: visits from it, trips to it and projects
    with it that run in the year. Partners without any are absent.
    """

    year: int
    visits: int
    trips: int
    projects: int
    awards: int
    countries: int
    trip_cost: Decimal = Decimal(0)  # the sum of the costs given
    trips_with_cost: int = 0
    people: int = 0  # the sum of Liczba osób given
    visits_with_people: int = 0
    domains: tuple[DomainCount, ...] = ()  # Domain order, then „not given”; only non-zero
    partner_activity: Mapping[str, int] = field(default_factory=dict)

    @property
    def events(self) -> int:
        """Visits and trips together."""
        return self.visits + self.trips

    def domain(self, domain: Domain | None) -> DomainCount:
        """The count of one field (zero when the year had none)."""
        return next((d for d in self.domains if d.domain == domain), DomainCount(domain, 0, 0))

    def activity(self, partner: str) -> int:
        """Joint activities with the partner of that name in the year."""
        return self.partner_activity.get(partner, 0)


def partner_activity(
    year: int,
    visits: Iterable[Visit],
    trips: Iterable[Trip],
    projects: Iterable[Project],
    partners: Iterable[Partner],
) -> dict[str, int]:
    """How many joint activities each of ``partners`` had in ``year`` (only those with any).

    Visits and trips count when they name the partner (their ``partner``); a project
    counts when it lists the partner (case-insensitively) and overlaps the year.
    """
    names = {p.name.casefold(): p.name for p in partners}
    counts: Counter[str] = Counter()
    for event in (*visits, *trips):
        if event.partner is not None and event.partner.casefold() in names:
            counts[names[event.partner.casefold()]] += 1
    for project in projects:
        if not project.overlaps(year):
            continue
        for name in {x.casefold() for x in project.partners}:
            if name in names:
                counts[names[name]] += 1
    return dict(sorted(counts.items()))


def summarise(
    year: int,
    visits: Iterable[Visit],
    trips: Iterable[Trip],
    projects: Iterable[Project],
    awards: int,
    partners: Iterable[Partner],
) -> YearSummary:
    """The summary of one year's kept records (see :class:`YearSummary`)."""
    visits = tuple(visits)
    trips = tuple(trips)
    projects = tuple(projects)
    costs = [t.cost for t in trips if t.cost is not None]
    people = [v.people for v in visits if v.people is not None]
    by_visit = Counter(v.domain for v in visits)
    by_trip = Counter(t.domain for t in trips)
    domains = tuple(
        DomainCount(d, by_visit[d], by_trip[d])
        for d in (*Domain, None)
        if by_visit[d] or by_trip[d]
    )
    return YearSummary(
        year=year,
        visits=len(visits),
        trips=len(trips),
        projects=len(projects),
        awards=awards,
        countries=len({e.country.code for e in (*visits, *trips)}),
        trip_cost=sum(costs, Decimal(0)),
        trips_with_cost=len(costs),
        people=sum(people),
        visits_with_people=len(people),
        domains=domains,
        partner_activity=partner_activity(year, visits, trips, projects, partners),
    )


@dataclass(frozen=True)
class History:
    """Summaries of checked years, ascending; a year missing here had no folder or had errors."""

    years: tuple[YearSummary, ...] = ()

    def get(self, year: int) -> YearSummary | None:
        """The summary of ``year``, if that year is known."""
        return next((s for s in self.years if s.year == year), None)

    def until(self, year: int) -> History:
        """The years up to and including ``year``."""
        return History(tuple(s for s in self.years if s.year <= year))

    def with_year(self, summary: YearSummary) -> History:
        """This history with ``summary`` added (replacing a summary of the same year)."""
        kept = [s for s in self.years if s.year != summary.year]
        return History(tuple(sorted((*kept, summary), key=lambda s: s.year)))


def dormant_since(partner: Partner, history: History, year: int) -> int | None:
    """The first year of the unbroken run of years, ending with ``year``, in which
    ``partner`` had no joint activity; None when it had some in ``year`` or ``year``
    is not in ``history``.

    The run goes back only through consecutive known years (a year without a
    folder, or with errors, ends it: nothing is known of it) and never before the
    year the partnership was signed. So „od 2021 r.” means: no joint activity in
    2021 or any year since, as far as the inputs tell.

    >>> from reports.domain.model import PartnerKind
    >>> from reports.polish.countries import normalize_country
    >>> lipsk = Partner("Lipsk", normalize_country("DE"), PartnerKind.PARTNER, 1990)
    >>> def year(n: int, activity: int) -> YearSummary:
    ...     joint = {"Lipsk": activity} if activity else {}
    ...     return YearSummary(n, 0, 0, 0, 0, 0, partner_activity=joint)
    >>> past = History((year(2020, 2), year(2021, 0), year(2022, 0), year(2023, 0)))
    >>> dormant_since(lipsk, past, 2023)
    2021
    >>> dormant_since(lipsk, past, 2020) is None
    True
    >>> dormant_since(lipsk, History((year(2021, 0), year(2023, 0))), 2023)  # 2022 unknown
    2023
    """
    current = history.get(year)
    if current is None or current.activity(partner.name):
        return None
    signed = year_of(partner.signed) if partner.signed is not None else None
    since = year
    while True:
        earlier = history.get(since - 1)
        if earlier is None or earlier.activity(partner.name):
            break
        if signed is not None and since - 1 < signed:
            break
        since -= 1
    return since


def dormant_years(partner: Partner, history: History, year: int) -> int:
    """How many known years in a row, up to and including ``year``, ``partner`` had no
    joint activity (0 when it had some in ``year``); see :func:`dormant_since`.

    >>> from reports.domain.model import PartnerKind
    >>> from reports.polish.countries import normalize_country
    >>> hamm = Partner("Hamm", normalize_country("DE"), PartnerKind.PARTNER, 1991)
    >>> past = History(tuple(YearSummary(n, 0, 0, 0, 0, 0) for n in (2023, 2024, 2025)))
    >>> dormant_years(hamm, past, 2025)
    3
    """
    since = dormant_since(partner, history, year)
    return 0 if since is None else year - since + 1


__all__ = [
    "DomainCount",
    "History",
    "YearSummary",
    "dormant_since",
    "dormant_years",
    "partner_activity",
    "summarise",
]
