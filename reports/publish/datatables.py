"""The year's records as the tables of the open-data package: one per kind, every column
described (Polish title and description, type, required, allowed values).

A kind whose sheet the inputs lack has no table (the data was not given; an empty
file would say there was none); an empty sheet gives a table of no rows. The tables
hold the report's records — the checked and merged ``Year``, in the report's
order and numbered as the report numbers them (Lp.) — and the columns the report
shows, no more: not who reported a record (Zgłasza, the office's bookkeeping; the
report gives only counts per department), nor the registry's notes (Uwagi), a
partner's locative or an organisation's end year, which the report never prints.
:mod:`reports.publish.datapackage` writes them as CSV with ``datapackage.json``.
"""

from __future__ import annotations

from collections.abc import Callable

from reports.domain.model import AgreementDocument, Event, FundingSource, PartnerKind, PartnerStatus
from reports.domain.year import Year
from reports.polish.collation import sorted_pl
from reports.publish.datacolumns import (
    COUNTRY,
    CURRENCY_PATTERN,
    DOMAIN,
    DataColumn,
    DataTable,
    Value,
    lp,
    split,
    text,
    text_of,
    year_and_date,
)
from reports.publish.dataplan import plan_table, realization_table


def _event_columns(kind: str, who: DataColumn) -> tuple[DataColumn, ...]:
    return (
        lp(kind),
        DataColumn("Data od", "date", "Data rozpoczęcia", f"Pierwszy dzień {kind}.", required=True),
        DataColumn(
            "Data do",
            "date",
            "Data zakończenia",
            f"Ostatni dzień {kind}; puste, gdy to był jeden dzień.",
        ),
        text(
            "Miasto",
            "Miasto",
            "Miasto (nazwa z rejestru, gdy to miasto partnerskie); puste, gdy chodzi o cały kraj.",
        ),
        *COUNTRY,
        who,
        text("Cel", "Cel", "Cel i program.", required=True),
        DOMAIN,
    )


def _event_cells(number: int, event: Event) -> tuple[Value, ...]:
    return (
        number,
        event.start,
        event.end,
        event.city,
        event.country.name,
        event.country.code,
    )


_IMPLEMENTER = text(
    "Realizator",
    "Realizator",
    "Szkoła, instytucja, organizacja albo wydział, który przeprowadził działanie; "
    "puste, gdy nie podano.",
)


def visits_table(year: Year) -> DataTable | None:
    """Wizyty: the foreign delegations received, as in the report's table."""
    visits = year.visits
    if visits is None:  # no sheet: not given, which an empty file would deny
        return None
    columns = (
        *_event_columns(
            "wizyty", text("Goście", "Goście", "Kto przyjechał (delegacja).", required=True)
        ),
        DataColumn(
            "Liczba osób",
            "integer",
            "Liczba osób",
            "Liczba gości; puste, gdy nie podano.",
            minimum=0,
        ),
        _IMPLEMENTER,
    )
    rows = tuple(
        (
            *_event_cells(i, v),
            v.guests,
            v.purpose,
            text_of(v.domain),
            v.people,
            v.implementer,
        )
        for i, v in enumerate(visits, 1)
    )
    return DataTable(
        "wizyty",
        f"Wizyty delegacji zagranicznych w {year.city.locative} w {year.year} r.",
        "Delegacje zagraniczne przyjęte w mieście, w kolejności raportu.",
        columns,
        rows,
    )


def trips_table(year: Year) -> DataTable | None:
    """Wyjazdy: the city's delegations abroad, with their cost (in zł) and its source."""
    trips = year.trips
    if trips is None:  # no sheet: not given, which an empty file would deny
        return None
    columns = (
        *_event_columns(
            "wyjazdu",
            text("Skład delegacji", "Skład delegacji", "Kto wyjechał (delegacja).", required=True),
        ),
        DataColumn("Koszt", "number", "Koszt", "Koszt wyjazdu; puste, gdy nie podano.", minimum=0),
        DataColumn(
            "Waluta",
            "string",
            "Waluta kosztu",
            "Kod waluty kosztu (ISO 4217; koszty wyjazdów podaje się w złotych: PLN); "
            "puste, gdy kosztu nie podano.",
            pattern=CURRENCY_PATTERN,
        ),
        DataColumn(
            "Źródło finansowania",
            "string",
            "Źródło finansowania",
            "Źródło finansowania z listy; puste, gdy nie podano.",
            enum=tuple(map(str, FundingSource)),
        ),
        _IMPLEMENTER,
    )
    rows = tuple(
        (
            *_event_cells(i, t),
            t.delegation,
            t.purpose,
            text_of(t.domain),
            t.cost,
            "PLN" if t.cost is not None else None,
            text_of(t.funding),
            t.implementer,
        )
        for i, t in enumerate(trips, 1)
    )
    return DataTable(
        "wyjazdy",
        f"Wyjazdy zagraniczne delegacji Miasta {year.city.genitive} w {year.year} r.",
        "Delegacje miasta za granicą, w kolejności raportu.",
        columns,
        rows,
    )


def projects_table(year: Year) -> DataTable | None:
    """Projekty: the international projects whose span overlaps the year."""
    projects = year.projects
    if projects is None:  # no sheet: not given, which an empty file would deny
        return None
    columns = (
        lp("projektu"),
        text("Nazwa", "Nazwa projektu", "Nazwa projektu.", required=True),
        text("Program", "Program", "Program, z którego projekt jest finansowany.", required=True),
        text("Partnerzy", "Partnerzy", "Partnerzy projektu, rozdzieleni „; ”.", required=True),
        DataColumn(
            "Data rozpoczęcia", "date", "Data rozpoczęcia", "Początek projektu.", required=True
        ),
        DataColumn(
            "Data zakończenia", "date", "Data zakończenia", "Koniec projektu; puste, gdy trwa."
        ),
        DataColumn(
            "Wartość", "number", "Wartość", "Wartość projektu; puste, gdy nie podano.", minimum=0
        ),
        DataColumn(
            "Dofinansowanie",
            "number",
            "Dofinansowanie",
            "Kwota dofinansowania; puste, gdy nie podano.",
            minimum=0,
        ),
        DataColumn(
            "Waluta",
            "string",
            "Waluta",
            "Kod waluty wartości i dofinansowania (ISO 4217).",
            required=True,
            pattern=CURRENCY_PATTERN,
        ),
        text("Opis", "Opis", "Opis projektu; puste, gdy nie podano."),
    )
    rows = tuple(
        (
            i,
            p.name,
            p.program,
            "; ".join(p.partners),
            p.start,
            p.end,
            p.value,
            p.cofinancing,
            p.currency,
            p.description,
        )
        for i, p in enumerate(projects, 1)
    )
    return DataTable(
        "projekty",
        f"Projekty międzynarodowe realizowane w {year.year} r.",
        "Projekty, których okres realizacji obejmuje rok raportu.",
        columns,
        rows,
    )


def awards_table(year: Year) -> DataTable | None:
    """Nagrody: the awards and distinctions the city received."""
    awards = year.awards
    if awards is None:  # no sheet: not given, which an empty file would deny
        return None
    columns = (
        lp("nagrody"),
        text("Nazwa", "Nagroda", "Nazwa nagrody lub wyróżnienia.", required=True),
        text("Przyznający", "Przyznający", "Kto przyznał nagrodę.", required=True),
        DataColumn("Rok", "year", "Rok przyznania", "Rok przyznania.", required=True),
        DataColumn(
            "Data", "date", "Data przyznania", "Dzień przyznania; puste, gdy znany jest tylko rok."
        ),
        text("Uzasadnienie", "Uzasadnienie", "Uzasadnienie; puste, gdy nie podano."),
    )
    rows = tuple(
        (i, a.name, a.grantor, *split(a.date), a.justification) for i, a in enumerate(awards, 1)
    )
    return DataTable(
        "nagrody",
        f"Nagrody i wyróżnienia otrzymane w {year.year} r.",
        "Nagrody i wyróżnienia przyznane miastu w roku raportu.",
        columns,
        rows,
    )


def partners_table(year: Year) -> DataTable | None:
    """Miasta partnerskie: the partnerships in force in the year, with their register."""
    n = year.year
    partners = year.partners
    if partners is None:  # no sheet: not given, which an empty file would deny
        return None
    columns = (
        lp("miasta"),
        text("Miasto", "Miasto", "Nazwa miasta używana po polsku.", required=True),
        *COUNTRY,
        text("Region", "Region", "Region; puste, gdy nie podano."),
        DataColumn(
            "Liczba mieszkańców",
            "integer",
            "Liczba mieszkańców",
            "Liczba mieszkańców; puste, gdy nie podano.",
            minimum=0,
        ),
        DataColumn(
            "Rodzaj",
            "string",
            "Rodzaj współpracy",
            "Rodzaj z listy.",
            required=True,
            enum=tuple(map(str, PartnerKind)),
        ),
        DataColumn(
            "Dokument",
            "string",
            "Dokument",
            "Dokument, na którym opiera się współpraca; puste, gdy nie podano.",
            enum=tuple(map(str, AgreementDocument)),
        ),
        *year_and_date("podpisania", "podpisania; puste przy współpracy bez umowy", required=False),
        *year_and_date(
            "zakończenia", "zakończenia lub zawieszenia współpracy; puste, gdy trwa", required=False
        ),
        text(
            "Uchwała",
            "Uchwała",
            "Numer uchwały rady miasta (sesja/numer/rok); puste, gdy nie podano.",
        ),
        text(
            "Zakres współpracy",
            "Zakres współpracy",
            "Dziedziny lub opis zakresu; puste, gdy nie podano.",
        ),
        DataColumn(
            "Status",
            "string",
            f"Status na koniec {n} r.",
            f"Stan współpracy na koniec {n} r.",
            required=True,
            enum=tuple(map(str, PartnerStatus)),
        ),
    )
    rows = tuple(
        (
            i,
            p.name,
            p.country.name,
            p.country.code,
            p.region,
            p.population,
            str(p.kind),
            text_of(p.document),
            *split(p.signed),
            *split(p.ended),
            p.resolution,
            p.scope,
            str(p.status_in(n)),
        )
        for i, p in enumerate(partners, 1)
    )
    return DataTable(
        "miasta-partnerskie",
        f"Miasta partnerskie i zaprzyjaźnione w {n} r.",
        f"Miasta, z którymi umowa (lub współpraca) obowiązywała w {n} r.",
        columns,
        rows,
    )


def organizations_table(year: Year) -> DataTable | None:
    """Organizacje: the international organisations the city belonged to, by name."""
    organizations = year.organizations
    if organizations is None:  # no sheet: not given, which an empty file would deny
        return None
    columns = (
        lp("organizacji"),
        text("Nazwa", "Nazwa organizacji", "Nazwa organizacji.", required=True),
        DataColumn("Od roku", "year", "Członkostwo od roku", "Rok przystąpienia.", required=True),
        text("Opis", "Opis", "Opis organizacji; puste, gdy nie podano."),
    )
    ordered = sorted_pl(organizations, key=lambda o: o.name)
    rows = tuple((i, o.name, o.since, o.description) for i, o in enumerate(ordered, 1))
    return DataTable(
        "organizacje",
        f"Członkostwo w organizacjach międzynarodowych w {year.year} r.",
        "Organizacje międzynarodowe, do których miasto należało, alfabetycznie.",
        columns,
        rows,
    )


#: The tables of a year, in the package's order.
TABLES: tuple[Callable[[Year], DataTable | None], ...] = (
    visits_table,
    trips_table,
    projects_table,
    awards_table,
    partners_table,
    organizations_table,
    plan_table,
    realization_table,
)


def data_tables(year: Year) -> tuple[DataTable, ...]:
    """Every table of ``year`` that has a place in its package."""
    return tuple(table for make in TABLES if (table := make(year)) is not None)
