"""The past of a report: what each checked year held, in a few numbers per year.

A :class:`YearSummary` is all the report needs of an earlier year: counts,
the trips' total cost, guests, the breakdown by field (Dziedzina) and how many
joint activities each registry partner had. A count is None where the year's
workbooks have no sheet of that kind: unknown, not 0. :class:`History` holds the
summaries of the years that have folders and checked without errors;
:func:`dormant_since` and :func:`dormant_years` say how long a partnership
has had no joint activity, counting only years that give every kind of it.

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

    A count is None where the year's workbooks have no sheet of that kind (the data
    was not given: unknown, not 0); ``countries`` (of the visits and trips) is None
    unless both were given. ``partner_activity`` maps a registry partner's name to
    the number of its joint activities in the year: visits from it, trips to it and
    projects with it that run in the year, of the kinds given. Partners without any
    are absent.
    """

    year: int
    visits: int | None
    trips: int | None
    projects: int | None
    awards: int | None
    countries: int | None
    trip_cost: Decimal = Decimal(0)  # the sum of the costs given
    trips_with_cost: int = 0
    people: int = 0  # the sum of Liczba osób given
    visits_with_people: int = 0
    domains: tuple[DomainCount, ...] = ()  # Domain order, then „not given”; only non-zero
    partner_activity: Mapping[str, int] = field(default_factory=dict)

    @property
    def events(self) -> int | None:
        """Visits and trips together (None when either is unknown)."""
        if self.visits is None or self.trips is None:
            return None
        return self.visits + self.trips

    @property
    def activity_known(self) -> bool:
        """Whether every kind of joint activity (visits, trips, projects) was given, so
        that no activity with a partner means none, not „not recorded here”."""
        return None not in (self.visits, self.trips, self.projects)

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
    visits: Iterable[Visit] | None,
    trips: Iterable[Trip] | None,
    projects: Iterable[Project] | None,
    awards: int | None,
    partners: Iterable[Partner],
) -> YearSummary:
    """The summary of one year's kept records (see :class:`YearSummary`); a kind given
    as None had no sheet, and its count stays None."""
    kept_visits, kept_trips = tuple(visits or ()), tuple(trips or ())
    kept_projects = tuple(projects or ())
    costs = [t.cost for t in kept_trips if t.cost is not None]
    people = [v.people for v in kept_visits if v.people is not None]
    by_visit = Counter(v.domain for v in kept_visits)
    by_trip = Counter(t.domain for t in kept_trips)
    domains = tuple(
        DomainCount(d, by_visit[d], by_trip[d])
        for d in (*Domain, None)
        if by_visit[d] or by_trip[d]
    )
    events = (*kept_visits, *kept_trips)
    return YearSummary(
        year=year,
        visits=None if visits is None else len(kept_visits),
        trips=None if trips is None else len(kept_trips),
        projects=None if projects is None else len(kept_projects),
        awards=awards,
        countries=(
            None if visits is None or trips is None else len({e.country.code for e in events})
        ),
        trip_cost=sum(costs, Decimal(0)),
        trips_with_cost=len(costs),
        people=sum(people),
        visits_with_people=len(people),
        domains=domains,
        partner_activity=partner_activity(year, kept_visits, kept_trips, kept_projects, partners),
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
    ``partner`` had no joint activity; None when it had some in ``year``, or ``year``
    is not in ``history`` or does not give every kind of joint activity.

    The run goes back only through consecutive known years (a year without a
    folder, or with errors, ends it: nothing is known of it; so does a year whose
    workbooks lack the sheet of visits, trips or projects: its quiet is not known,
    :attr:`YearSummary.activity_known`) and never before the year the partnership
    was signed. So „od 2021 r.” means: no joint activity in 2021 or any year since,
    as far as the inputs tell.

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
    >>> no_visits = YearSummary(2022, None, 0, 0, 0, None)  # no sheet Wizyty
    >>> dormant_since(lipsk, History((year(2021, 0), no_visits, year(2023, 0))), 2023)
    2023
    >>> dormant_since(lipsk, History((year(2021, 0), no_visits)), 2022) is None
    True
    """
    current = history.get(year)
    if current is None or not current.activity_known or current.activity(partner.name):
        return None
    signed = year_of(partner.signed) if partner.signed is not None else None
    since = year
    while True:
        earlier = history.get(since - 1)
        if earlier is None or not earlier.activity_known or earlier.activity(partner.name):
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
