"""Generated input folders for end-to-end tests: a year with every section populated."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.workbooks import (
    PARTNERS,
    Cell,
    award,
    plan_item,
    project,
    trip,
    visit,
    write_registry,
    write_year,
)

#: Partners of the generated registry: the defaults plus one with a round anniversary.
FULL_PARTNERS: list[dict[str, Cell]] = [
    *PARTNERS,
    {
        "Miasto": "Ptuj",
        "Miejscownik": "Ptuju",
        "Kraj": "SI",
        "Region": "Podrawie",
        "Liczba mieszkańców": 23000,
        "Rodzaj": "list intencyjny",
        "Data podpisania": date(2005, 5, 5),
        "Dokument": "list intencyjny",
        "Uchwała": "XXXI/207/04",
        "Zakres współpracy": "kultura; edukacja",
        "Status": "aktywne",
    },
    {
        "Miasto": "Sumy",
        "Kraj": "Ukraina",
        "Rodzaj": "miasto zaprzyjaźnione",
        "Data podpisania": 2010,
        "Data zakończenia": 2025,
        "Dokument": "karta przyjaźni",
        "Uchwała": "xii / 150 / 2010",
        "Zakres współpracy": "współpraca szkół i teatrów",
        "Status": "zawieszone",
    },
]

_PLACES: list[tuple[str, str | None]] = [
    ("Erfurt", None),
    ("Hamm", None),
    ("Martin", None),
    ("Łowecz", None),
    ("Preston", None),
    ("Żytomierz", "Ukraina"),
    ("Šiauliai", "Litwa"),
    ("Zagrzeb", "Chorwacja"),
    ("Łuck", "Ukraina"),
]


#: Who carried the visits out, in turn (None: not given).
_IMPLEMENTERS: list[str | None] = ["Teatr im. Wojciecha Bogusławskiego", "Zespół Szkół nr 1", None]


def write_full_year(inputs_dir: Path, year: int = 2025, visits: int = 60) -> Path:
    """Registry + ``year`` (two workbooks, every sheet filled) + a small previous year."""
    write_registry(
        inputs_dir,
        partners=FULL_PARTNERS,
        organizations=[
            {"Nazwa": "Związek Miast Bałtyckich", "Od roku": 2001, "Opis": "sieć miast"},
            {"Nazwa": "Eurocities", "Od roku": 2010},
        ],
    )
    office: list[dict[str, Cell]] = []
    for i in range(visits):
        city, country = _PLACES[i % len(_PLACES)]
        start = date(year, 1, 3) + timedelta(days=(i * 353) // max(visits, 1))
        office.append(
            visit(
                year,
                Data_od=start,
                Data_do=start + timedelta(days=i % 3),
                Miasto=city,
                Kraj=country,
                Goście=f"delegacja nr {i + 1} z {city} – radni i urzędnicy",
                Cel=f"rozmowy o współpracy w dziedzinie kultury i sportu, spotkanie {i + 1}",
                Realizator=_IMPLEMENTERS[i % len(_IMPLEMENTERS)],
            )
        )
    office.append(
        visit(year, Miasto=None, Kraj="FR", Goście="ambasador Francji", Cel="wizyta oficjalna")
    )
    trips = [
        trip(year, Źródło_finansowania="budżet miasta", Realizator="Zespół Szkół nr 1"),
        trip(
            year,
            Data_od=date(year, 9, 30),
            Data_do=date(year, 10, 2),
            Miasto="Łowecz",
            Kraj=None,
            Cel='festiwal "Miasta Partnerskie"',
            Koszt="1 000,50",
            Źródło_finansowania="budżet miasta",
        ),
        trip(
            year,
            Data_od=date(year, 12, 30),
            Data_do=date(year + 1, 1, 2),
            Miasto="Wiedeń",
            Kraj="Austria",
            Skład_delegacji="Zastępca Prezydenta",
            Koszt=None,
            Źródło_finansowania="strona zapraszająca",
        ),
    ]
    write_year(
        inputs_dir,
        year,
        "biuro.xlsx",
        wizyty=office,
        wyjazdy=trips,
        projekty=[
            project(year),
            project(
                year,
                Nazwa="Zielone miasta",
                Program="Fundusz Szwajcarski",
                Partnerzy="Ptuj; Martin",
                Wartość=800000,
                Dofinansowanie="12 500,50",
                Waluta="EUR",
            ),
        ],
        nagrody=[award(year), award(year, Nazwa="Nagroda Europy", Data=year)],
        plan=NEXT_PLAN,
        realizacja=REALIZATION,
        changes=CHANGES,
    )
    write_year(
        inputs_dir,
        year,
        "kultura.xlsx",
        metryczka=None,
        wizyty=[office[0]],  # the same record in two workbooks: merged as a duplicate
        wyjazdy=[],
    )
    write_year(
        inputs_dir,
        year - 1,
        "biuro.xlsx",
        wizyty=[visit(year - 1)],
        wyjazdy=[],
        projekty=[],  # no projects: a quiet partner's quiet is known; no Nagrody: unknown
        plan=[
            plan_item(year - 1, Działanie="Dni św. Marcina", Partner="martin", Termin="11.2025"),
            plan_item(year - 1, Działanie="Forum Erfurtu", Partner="Erfurt", Termin="marzec 2025"),
            plan_item(year - 1, Działanie="Wizyta w Hamm", Partner="Hamm", Termin=2025),
            plan_item(year - 1, Działanie="Turniej", Partner=None, Termin=None, Dziedzina="sport"),
            plan_item(
                year - 1, Działanie="Sesja rady", Partner=None, Termin=None, Dziedzina="samorząd"
            ),
        ],
    )
    return inputs_dir


#: The full year's plan for the next one.
NEXT_PLAN = [
    plan_item(2025, Działanie="Jubileusz partnerstwa", Partner="Hamm", Termin=date(2026, 6, 11)),
    plan_item(2025, Działanie="Wymiana młodzieży", Partner="Szkoła w Rydze", Termin="2026"),
    plan_item(2025, Działanie="Targi turystyczne", Partner=None, Termin="03.2026", Dziedzina=None),
]

#: What the office states about the previous year's plan: „Turniej” has an empty status,
#: „Sesja rady” no row at all (both read „brak informacji o realizacji”).
REALIZATION: list[dict[str, Cell]] = [
    {"Działanie": "Dni św. Marcina", "Realizacja": "zrealizowano", "Opis": "Delegacja szkół."},
    {"Działanie": "forum erfurtu", "Realizacja": "przeniesiono na rok 2026", "Opis": None},
    {"Działanie": "Wizyta w Hamm", "Realizacja": "zrealizowano częściowo", "Opis": "bez radnych"},
    {"Działanie": "Turniej", "Realizacja": None, "Opis": None},
]

#: The full year's record of changes (Data, Opis, Kto), deliberately out of order.
CHANGES: list[list[Cell]] = [
    [date(2026, 3, 25), "poprawka w tabeli wyjazdów", "Biuro Współpracy"],
    ["20.03.2026", "publikacja raportu", None],
]
