"""Generated input folders for end-to-end tests: a year with every section populated."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.workbooks import (
    PARTNERS,
    Cell,
    award,
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
    },
    {
        "Miasto": "Sumy",
        "Kraj": "Ukraina",
        "Rodzaj": "miasto zaprzyjaźnione",
        "Data podpisania": 2010,
        "Data zakończenia": 2025,
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
            )
        )
    office.append(
        visit(year, Miasto=None, Kraj="FR", Goście="ambasador Francji", Cel="wizyta oficjalna")
    )
    trips = [
        trip(year),
        trip(
            year,
            Data_od=date(year, 9, 30),
            Data_do=date(year, 10, 2),
            Miasto="Łowecz",
            Kraj=None,
            Cel='festiwal "Miasta Partnerskie"',
        ),
        trip(
            year,
            Data_od=date(year, 12, 30),
            Data_do=date(year + 1, 1, 2),
            Miasto="Wiedeń",
            Kraj="Austria",
            Skład_delegacji="Zastępca Prezydenta",
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
    )
    write_year(
        inputs_dir,
        year,
        "kultura.xlsx",
        metryczka=None,
        wizyty=[office[0]],  # the same record in two workbooks: merged as a duplicate
        wyjazdy=[],
    )
    write_year(inputs_dir, year - 1, "biuro.xlsx", wizyty=[visit(year - 1)], wyjazdy=[])
    return inputs_dir
