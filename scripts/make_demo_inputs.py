"""Regenerate the demo workbooks in ``inputs/`` from the data written below.

Usage::

    .venv/bin/python scripts/make_demo_inputs.py [--inputs DIR]

The demo data is kept here, as code, so that it can be reviewed in a diff.
Every fact comes from the public pages of the city of Kalisz stored in
``shared/sources/`` (see its README):

* BIP — ``kalisz-bip-kontakty-zagraniczne.txt``: the 8 partner cities (signing
  dates, regions, populations) and the 3 letters of intent;
* news — ``kalisz-aktualnosci-miedzynarodowo.txt``: the visits and delegations
  of 2024 and 2025.

The columns the sources say nothing about are filled with illustrative values,
marked as such below: the council resolutions (Uchwała), the trips' costs and
funding sources, most numbers of guests, the project's amounts, the plans (sheet
Plan), the statuses of the plan for 2025 (sheet Realizacja planu) and the record
of changes (Zmiany); some cells stay empty on purpose.

Where a news item gives no date for the event, the record uses the date the item
was published (marked „date of publication” in the comments). Private persons
are described by their role, never by name.

Written files (and only these): ``rejestr.xlsx``, ``2024/raport-2024.xlsx``,
``2025/biuro-wspolpracy.xlsx``, ``2025/wydzial-kultury.xlsx``. The two 2025
workbooks share exactly one identical record (``LOWECZ_FESTIVAL_2025``), so that
``raport check 2025`` shows a merged duplicate.

Running the script twice gives byte-identical files: the workbook properties
and the zip entries' timestamps are fixed.
"""

from __future__ import annotations

import argparse
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from reports.inputs.schemas import (
    FIELD_HEADER,
    METRYCZKA,
    MIASTA_PARTNERSKIE,
    NAGRODY,
    ORGANIZACJE,
    PLAN,
    PROJEKTY,
    REALIZACJA_PLANU,
    VALUE_HEADER,
    WIZYTY,
    WYJAZDY,
    SheetSpec,
)

#: What a demo cell holds: text (also text dates such as „9 czerwca 2025”),
#: a whole number (also a year-only date), a real date, or nothing.
Cell = str | int | date | None
Row = Mapping[str, Cell]

REPO = Path(__file__).resolve().parents[1]
CREATOR = "raport – scripts/make_demo_inputs.py"
FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)  # workbook created/modified
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # timestamp of every entry in the xlsx zip
DATE_FORMAT = "dd.mm.yyyy"

OFFICE = "Biuro Współpracy Międzynarodowej"
CULTURE = "Wydział Kultury i Sztuki"

# ---------------------------------------------------------------------------
# Sheet headers: the ones the blank workbook has, from the declarative schemas
# ---------------------------------------------------------------------------


def headers(spec: SheetSpec) -> tuple[str, ...]:
    """The header row of a table sheet, as ``raport new`` writes it."""
    return tuple(column.header for column in spec.template_columns)


FIELD_VALUE = (FIELD_HEADER, VALUE_HEADER)
PARTNERS = headers(MIASTA_PARTNERSKIE)
ORGANIZATIONS = headers(ORGANIZACJE)
VISITS = headers(WIZYTY)
TRIPS = headers(WYJAZDY)
PROJECTS = headers(PROJEKTY)
AWARDS = headers(NAGRODY)
PLANS = headers(PLAN)
REALIZATION = headers(REALIZACJA_PLANU)
assert METRYCZKA.items is not None
CHANGES = (METRYCZKA.items.name, tuple(c.header for c in METRYCZKA.items.columns))


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name, header row and records (keyed by header)."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Row] = ()
    below: Sequence[Sequence[Cell]] = ()  # raw rows after an empty one (a Pole | Wartość list)


def fields(pairs: Sequence[tuple[str, Cell]]) -> list[Row]:
    """Rows of a two-column *Pole* | *Wartość* sheet."""
    return [{"Pole": name, "Wartość": value} for name, value in pairs]


def change_list(entries: Sequence[tuple[date, str, str]]) -> list[Sequence[Cell]]:
    """The Metryczka's list of changes: its name, its headers, one row per change."""
    name, columns = CHANGES
    rows: list[Sequence[Cell]] = [[name], list(columns)]
    rows += [[when, what, who] for when, what, who in entries]
    return rows


# ---------------------------------------------------------------------------
# inputs/rejestr.xlsx
# ---------------------------------------------------------------------------

CITY = fields(
    [
        ("Nazwa", "Kalisz"),
        ("Dopełniacz", "Kalisza"),
        ("Miejscownik", "Kaliszu"),
        ("Urząd", "Urząd Miasta Kalisza"),
        ("Komórka", OFFICE),
    ]
)

# BIP: „Kalisz ma 8 miast partnerskich …” and „listy intencyjne”. Data podpisania
# is the first signing (a year where the source gives no full date); the other
# signing is kept in Uwagi. Kraj mixes Polish names and ISO codes on purpose.
# Dokument follows the wording of the BIP („umowa”, „porozumienie”, „Karta
# Przyjaźni”, „listy intencyjne”); Zakres współpracy, the priorities named in the
# report's introduction. The resolution numbers (Uchwała) are illustrative: the
# sources name none.
# Miejscownik, like the city's own, is the bare locative without „w”; each one
# is attested in the sources („w Erfurcie”, „w Łoweczu”, „w Martinie” …), except
# Ptuj („w Ptuju”, the usual Polish form).
PARTNER_CITIES: list[Row] = [
    {
        "Miasto": "Heerhugowaard",
        "Miejscownik": "Heerhugowaard",
        "Kraj": "Holandia",
        "Region": "Holandia Północna",
        "Liczba mieszkańców": 51_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1992, 6, 11),
        "Uwagi": "umowa podpisana 11.06.1992 r. w Kaliszu i 13.10.1992 r. w Heerhugowaard",
        "Dokument": "umowa partnerska",
        "Zakres współpracy": "samorząd; edukacja; kultura; sport",
        "Status": "aktywne",
    },
    {
        "Miasto": "Erfurt",
        "Miejscownik": "Erfurcie",
        "Kraj": "DE",
        "Region": "Turyngia (stolica landu)",
        "Liczba mieszkańców": 206_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": 1984,
        "Uwagi": "porozumienie z 1984 r., zatwierdzone w 1990 r. przez Radę Miasta Erfurt",
        "Dokument": "porozumienie",
        "Zakres współpracy": "samorząd; kultura; społeczeństwo",
        "Status": "aktywne",
    },
    {
        "Miasto": "Hamm",
        "Miejscownik": "Hamm",
        "Kraj": "Niemcy",
        "Region": "Nadrenia Północna-Westfalia, Zagłębie Ruhry",
        "Liczba mieszkańców": 180_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1991, 6, 11),
        "Uwagi": "umowa podpisana 11.06.1991 r. w Kaliszu i 24.09.1991 r. w Hamm",
        "Dokument": "umowa partnerska",
        "Uchwała": "XXIII/301/91",
        "Zakres współpracy": "samorząd; kultura; sport; gospodarka",
        "Status": "aktywne",
    },
    {
        "Miasto": "Hautmont",
        "Miejscownik": "Hautmont",
        "Kraj": "Francja",
        "Region": "Hauts-de-France, departament Nord",
        "Liczba mieszkańców": 14_500,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": 1958,
        "Uwagi": "Karta Przyjaźni podpisana w czerwcu 1958 r. w Hautmont i 22.07.1958 r. w Kaliszu",
        "Dokument": "karta przyjaźni",
        "Zakres współpracy": "kultura; edukacja",
        "Status": "aktywne",
    },
    {
        "Miasto": "Kamieniec Podolski",
        "Miejscownik": "Kamieńcu Podolskim",
        "Kraj": "Ukraina",
        "Region": "Podole, obwód chmielnicki",
        "Liczba mieszkańców": 102_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1993, 6, 18),
        "Uwagi": "umowa podpisana 18.06.1993 r. w Kamieńcu Podolskim i 20.04.1994 r. w Kaliszu",
        "Dokument": "umowa partnerska",
        "Uchwała": "XLII/482/93",
        "Zakres współpracy": "samorząd; kultura; edukacja",
        "Status": "aktywne",
    },
    {
        "Miasto": "La Louvière",
        "Miejscownik": "La Louvière",
        "Kraj": "BE",
        "Region": "Walonia, prowincja Hainaut",
        "Liczba mieszkańców": 81_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1998, 10, 5),
        "Uwagi": "umowa podpisana w La Louvière 05.10.1998 r.",
        "Dokument": "umowa partnerska",
        "Uchwała": "LXIX/907/98",
        "Zakres współpracy": "edukacja; kultura; społeczeństwo",
        "Status": "aktywne",
    },
    {
        "Miasto": "Martin",
        "Miejscownik": "Martinie",
        "Kraj": "Słowacja",
        "Region": "kraj żyliński",
        "Liczba mieszkańców": 54_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1996, 6, 21),
        "Uwagi": "umowa podpisana 21.06.1996 r. w Martinie i 28.01.1997 r. w Kaliszu",
        "Dokument": "umowa partnerska",
        "Uchwała": "XXX/391/96",
        "Zakres współpracy": "samorząd; kultura; turystyka",
        "Status": "aktywne",
    },
    {
        "Miasto": "Preston",
        "Miejscownik": "Preston",
        "Kraj": "Wielka Brytania",
        "Region": "hrabstwo Lancashire, północno-zachodnia Anglia",
        "Liczba mieszkańców": 141_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1989, 4, 24),
        "Uwagi": "umowa podpisana 24.04.1989 r. w Preston i 10.07.1989 r. w Kaliszu",
        "Dokument": "umowa partnerska",
        "Zakres współpracy": "samorząd; edukacja; kultura",
        "Status": "aktywne",
    },
    {
        "Miasto": "Ptuj",
        "Miejscownik": "Ptuju",
        "Kraj": "SI",
        "Rodzaj": "list intencyjny",
        "Data podpisania": 2011,
        "Dokument": "list intencyjny",
        "Status": "aktywne",
    },
    {
        "Miasto": "Figueres",
        "Miejscownik": "Figueres",
        "Kraj": "Hiszpania",
        "Rodzaj": "list intencyjny",
        "Data podpisania": 2017,
        "Dokument": "list intencyjny",
        "Zakres współpracy": "kultura; turystyka",
        "Status": "aktywne",
    },
    {
        "Miasto": "Łowecz",
        "Miejscownik": "Łoweczu",
        "Kraj": "Bułgaria",
        "Rodzaj": "list intencyjny",
        "Data podpisania": 2017,
        "Uwagi": "w aktualnościach miasta nazywany miastem zaprzyjaźnionym",
        "Dokument": "list intencyjny",
        "Uchwała": "XXXVIII/503/17",
        "Zakres współpracy": "edukacja; kultura; samorząd",
        "Status": "aktywne",
    },
]

REGISTRY = [
    Sheet("Miasto", FIELD_VALUE, CITY),
    Sheet("Miasta partnerskie", PARTNERS, PARTNER_CITIES),
    # The sources name no membership in an international organisation.
    Sheet("Organizacje", ORGANIZATIONS),
]

# ---------------------------------------------------------------------------
# inputs/2024/raport-2024.xlsx — the office's one workbook
# ---------------------------------------------------------------------------

INTRO_2024 = (
    "Raport przedstawia współpracę zagraniczną Miasta Kalisza w 2024 roku: wizyty "
    "delegacji zagranicznych w Kaliszu, wyjazdy delegacji Miasta za granicę oraz "
    "kontakty z miastami partnerskimi i zaprzyjaźnionymi. W 2024 roku przypadła "
    "35. rocznica podpisania umowy partnerskiej z Preston."
)

METRYCZKA_2024 = fields(
    [
        ("Informację wytworzył(a)", OFFICE),
        ("Data wytworzenia", date(2025, 3, 14)),
        ("Wprowadził(a)", "administrator BIP"),
        ("Data publikacji", date(2025, 3, 17)),
        ("Na podstawie", "e-mail"),
        ("Wstęp", INTRO_2024),
    ]
)

VISITS_2024: list[Row] = [
    {  # news 11.10.2024 „Burmistrz Łowecza z wizytą w Kaliszu”
        "Data od": date(2024, 10, 10),
        "Data do": date(2024, 10, 11),
        "Miasto": "Łowecz",
        "Goście": "burmistrz Łowecza",
        "Cel": "zacieśnienie współpracy w dziedzinach edukacji, kultury "
        "oraz inicjatyw samorządowych",
        "Dziedzina": "samorząd",
        "Zgłasza": OFFICE,
    },
    {  # news 28.10.2024 „Młodzież z La Louvière w Kaliszu” (no domain given)
        "Data od": date(2024, 10, 23),
        "Data do": date(2024, 10, 24),
        "Miasto": "La Louvière",
        "Kraj": "BE",
        "Goście": "młodzież z La Louvière",
        "Cel": "wizyta młodzieży z miasta partnerskiego w Kaliszu",
        "Liczba osób": 20,
        "Zgłasza": OFFICE,
    },
    # news 29.10.2024 „Delegacje miast partnerskich uczestniczą w uroczystej sesji
    # Rady Miasta Kalisza” (date of publication): the 35th anniversaries of the
    # partnerships with Preston and Kamieniec Podolski were honoured.
    {
        "Data od": date(2024, 10, 29),
        "Miasto": "Preston",
        "Kraj": "Wielka Brytania",
        "Goście": "delegacja miasta partnerskiego Preston",
        "Cel": "udział w uroczystej sesji Rady Miasta Kalisza; uczczenie 35. rocznicy partnerstwa",
        "Dziedzina": "samorząd",
        "Zgłasza": OFFICE,
    },
    {
        "Data od": date(2024, 10, 29),
        "Miasto": "Kamieniec Podolski",
        "Kraj": "UA",
        "Goście": "delegacja miasta partnerskiego Kamieniec Podolski",
        "Cel": "udział w uroczystej sesji Rady Miasta Kalisza; uczczenie 35. rocznicy partnerstwa",
        "Dziedzina": "samorząd",
        "Zgłasza": OFFICE,
    },
]

TRIPS_2024: list[Row] = [
    {  # news 13.11.2024 „Wizyta w słowackim mieście partnerskim Martinie”
        "Data od": date(2024, 11, 8),
        "Data do": date(2024, 11, 10),
        "Miasto": "Martin",
        "Skład delegacji": "delegacja Miasta Kalisza",
        "Cel": "oficjalna wizyta podczas obchodów dni patrona miasta – św. Marcina",
        "Dziedzina": "samorząd",
        "Koszt": "3 150,00 zł",  # illustrative
        "Źródło finansowania": "budżet miasta",  # illustrative
        "Zgłasza": OFFICE,
        "Realizator": OFFICE,
    },
]

# The office's plan for 2025 (illustrative): three actions the 2025 news show
# carried out, two that were not.
PLAN_2024: list[Row] = [
    {
        "Działanie": "udział delegacji miast partnerskich w obchodach Święta Miasta Kalisza",
        "Partner": "Hamm",
        "Termin": "czerwiec 2025",
        "Dziedzina": "kultura",
    },
    {
        "Działanie": "wymiana młodzieży szkolnej",
        "Partner": "Heerhugowaard",
        "Termin": 2025,
        "Dziedzina": "edukacja",
        "Uwagi": "we współpracy ze szkołami ponadpodstawowymi",
    },
    {
        "Działanie": "udział w Festiwalu Miast Partnerskich i Zaprzyjaźnionych",
        "Partner": "Łowecz",
        "Termin": "09.2025",
        "Dziedzina": "kultura",
    },
    {
        "Działanie": "spotkanie z przedstawicielami władz miasta partnerskiego",
        "Partner": "Preston",
        "Termin": "maj 2025",
        "Dziedzina": "samorząd",
    },
    {
        "Działanie": "oficjalna wizyta podczas Dni św. Marcina",
        "Partner": "Martin",
        "Termin": "listopad 2025",
        "Dziedzina": "samorząd",
    },
]

YEAR_2024 = [
    Sheet("Metryczka", FIELD_VALUE, METRYCZKA_2024),
    Sheet("Wizyty", VISITS, VISITS_2024),
    Sheet("Wyjazdy", TRIPS, TRIPS_2024),
    Sheet("Projekty", PROJECTS),  # the sources name no project in 2024
    Sheet("Nagrody", AWARDS),  # the BIP awards are from 1998, 1999 and 2003
    Sheet("Plan", PLANS, PLAN_2024),
]

# ---------------------------------------------------------------------------
# inputs/2025/ — the office's workbook and the culture department's
# ---------------------------------------------------------------------------

# news 01.10.2025 „Festiwal Miast Partnerskich i Zaprzyjaźnionych w Łoweczu”.
# The culture department reported it; the office had already copied it into its
# own workbook, so both files hold this same record: the merge keeps one.
LOWECZ_FESTIVAL_2025: Row = {
    "Data od": date(2025, 9, 26),
    "Data do": date(2025, 9, 29),
    "Miasto": "Łowecz",
    "Kraj": "BG",
    "Skład delegacji": "Przewodniczący Rady Miasta Kalisza, Wiceprezydent Miasta Kalisza "
    "oraz dwoje radnych",
    "Cel": "udział w Festiwalu Miast Partnerskich i Zaprzyjaźnionych",
    "Dziedzina": "kultura",
    "Koszt": 6_480,  # illustrative
    "Źródło finansowania": "mieszane",  # illustrative
    "Zgłasza": CULTURE,
    "Realizator": CULTURE,
}

INTRO_2025 = (
    "Raport przedstawia współpracę zagraniczną Miasta Kalisza w 2025 roku. Kalisz "
    "utrzymuje kontakty z ośmioma miastami partnerskimi oraz z trzema miastami, z "
    "którymi podpisał listy intencyjne. Priorytetowe dziedziny współpracy to oficjalne "
    "wizyty przedstawicieli władz lokalnych, współpraca szkół i placówek oświatowych, "
    "wspólne projekty, współpraca organizacji pozarządowych oraz wymiana kulturalna i "
    "sportowa."
)

METRYCZKA_2025 = fields(
    [
        ("Informację wytworzył(a)", OFFICE),
        ("Data wytworzenia", date(2026, 3, 13)),
        ("Wprowadził(a)", "administrator BIP"),
        ("Data publikacji", date(2026, 3, 16)),
        ("Na podstawie", "e-mail"),
        ("Wstęp", INTRO_2025),
    ]
)

# news 03.06.2025 „Młodzi o równowadze fizycznej i psychicznej” (date of
# publication): students from Italy, France and Latvia, Erasmus+ with the
# V Liceum Ogólnokształcące; welcomed by the Mayor. One row per country.
ERASMUS_PURPOSE = (
    "wizyta w ramach programu Erasmus+ realizowanego wspólnie z V Liceum "
    "Ogólnokształcącym im. Jana III Sobieskiego w Kaliszu; "
    "spotkanie z Prezydentem Miasta Kalisza"
)
OFFICE_VISITS_2025: list[Row] = [
    {
        "Data od": date(2025, 6, 3),
        "Kraj": country,
        "Goście": guests,
        "Cel": ERASMUS_PURPOSE,
        "Dziedzina": "edukacja",
        "Liczba osób": people,  # illustrative
        "Zgłasza": OFFICE,
        "Realizator": "V Liceum Ogólnokształcące im. Jana III Sobieskiego w Kaliszu",
    }
    for country, guests, people in [
        ("Włochy", "uczniowie z Włoch", 12),
        ("FR", "uczniowie z Francji", 9),
        ("Łotwa", "uczniowie z Łotwy", 8),
    ]
]

OFFICE_TRIPS_2025: list[Row] = [
    {  # news 11.07.2025 „Kaliska Rada Kobiet z wizytą w Erfurcie” (date of publication)
        "Data od": date(2025, 7, 11),
        "Miasto": "Erfurt",
        "Skład delegacji": "członkinie Kaliskiej Rady Kobiet",
        "Cel": "spotkanie z przedstawicielem władz Erfurtu; wymiana doświadczeń "
        "w działaniach na rzecz kobiet",
        "Dziedzina": "społeczeństwo",
        "Koszt": 1_900,  # illustrative
        "Źródło finansowania": "środki zewnętrzne",  # illustrative
        "Zgłasza": OFFICE,
        "Realizator": "Kaliska Rada Kobiet",
    },
    LOWECZ_FESTIVAL_2025,
    {  # news 12.11.2025 „Dni św. Marcina w partnerskim Martinie”
        "Data od": date(2025, 11, 6),
        "Data do": date(2025, 11, 8),
        "Miasto": "Martin",
        "Kraj": "SK",
        "Skład delegacji": "Prezydent Miasta Kalisza oraz Sekretarz Miasta Kalisza",
        "Cel": "oficjalna wizyta na zaproszenie władz Martina w ramach obchodów "
        "Dni św. Marcina 2025",
        "Dziedzina": "samorząd",
        "Koszt": "2 750,50",  # illustrative
        "Źródło finansowania": "budżet miasta",  # illustrative
        "Zgłasza": OFFICE,
        "Realizator": OFFICE,
    },
]

# The same news item as the visit above; the source gives neither the project's
# title, span nor amounts, so Data rozpoczęcia is the visit's date.
OFFICE_PROJECTS_2025: list[Row] = [
    {
        "Nazwa": "Wymiana uczniów V Liceum Ogólnokształcącego im. Jana III Sobieskiego",
        "Program": "Erasmus+",
        "Partnerzy": "V Liceum Ogólnokształcące im. Jana III Sobieskiego w Kaliszu; "
        "partnerzy z Włoch; partnerzy z Francji; partnerzy z Łotwy",
        "Data rozpoczęcia": date(2025, 6, 3),
        "Wartość": "62 400",  # illustrative
        "Dofinansowanie": "58 000",  # illustrative
        "Waluta": "EUR",
        "Opis": "wizyta uczniów z Włoch, Francji i Łotwy w Kaliszu; "
        "temat: równowaga fizyczna i psychiczna młodych ludzi",
        "Dziedzina": "edukacja",
    },
]

# news 09.06.2025 „Delegacje z miast partnerskich świętują urodziny Miasta
# Kalisza” (date of publication). One row per city; the dates are text, in the
# three text forms the reader accepts.
CITY_DAY_PURPOSE = (
    "obchody Święta Miasta Kalisza: uroczysta sesja Rady Miasta Kalisza "
    "i uhonorowanie zasłużonych kaliszan"
)
CULTURE_VISITS_2025: list[Row] = [
    {
        "Data od": when,
        "Miasto": city,
        "Kraj": country,
        "Goście": guests,
        "Cel": CITY_DAY_PURPOSE,
        "Dziedzina": "kultura",
        "Liczba osób": people,  # illustrative; one left empty on purpose
        "Zgłasza": CULTURE,
        "Realizator": "Biuro Rady Miasta Kalisza",
    }
    for when, city, country, guests, people in [
        ("09.06.2025", "Hamm", "Niemcy", "delegacja miasta partnerskiego Hamm", 4),
        ("9 czerwca 2025", "La Louvière", None, "delegacja miasta partnerskiego La Louvière", 3),
        ("2025-06-09", "Hautmont", "Francja", "delegacja miasta partnerskiego Hautmont", 3),
        (
            "09.06.2025",
            "Kamieniec Podolski",
            "Ukraina",
            "delegacja miasta partnerskiego Kamieniec Podolski",
            5,
        ),
        ("9 czerwca 2025", "Łowecz", None, "delegacja miasta zaprzyjaźnionego Łowecz", None),
    ]
]

CULTURE_TRIPS_2025: list[Row] = [
    LOWECZ_FESTIVAL_2025,
    {  # news 02.12.2025 „Kalisz w Parlamencie Europejskim” (date of publication);
        # the Yehudi Menuhin hall („sala Jehudiego Menuhina”) is in the Parliament in Brussels.
        "Data od": "2 grudnia 2025",
        "Miasto": "Bruksela",
        "Kraj": "Belgia",
        "Skład delegacji": "kaliski chór „Kopernik”",
        "Cel": "promocja Kalisza w Parlamencie Europejskim: otwarcie wystawy o mieście "
        "w sali Jehudiego Menuhina z występem chóru",
        "Dziedzina": "kultura",
        "Źródło finansowania": "strona zapraszająca",  # illustrative
        "Zgłasza": CULTURE,
        "Realizator": "Chór „Kopernik”",
    },
]

# The office's plan for 2026 (illustrative); 2026 is the 35th year of the
# partnership with Hamm (signed in 1991).
PLAN_2025: list[Row] = [
    {
        "Działanie": "obchody Święta Miasta Kalisza z udziałem delegacji miast partnerskich",
        "Termin": "czerwiec 2026",
        "Dziedzina": "kultura",
    },
    {
        "Działanie": "obchody 35. rocznicy partnerstwa",
        "Partner": "Hamm",
        "Termin": 2026,
        "Dziedzina": "samorząd",
    },
    {
        "Działanie": "wymiana uczniów w programie Erasmus+",
        "Termin": 2026,
        "Dziedzina": "edukacja",
        "Uwagi": "V Liceum Ogólnokształcące im. Jana III Sobieskiego w Kaliszu",
    },
    {
        "Działanie": "udział w Festiwalu Miast Partnerskich i Zaprzyjaźnionych",
        "Partner": "Łowecz",
        "Termin": "wrzesień 2026",
        "Dziedzina": "kultura",
    },
    {
        "Działanie": "oficjalna wizyta podczas Dni św. Marcina",
        "Partner": "Martin",
        "Termin": "11.2026",
        "Dziedzina": "samorząd",
    },
]

# The office's account of its plan for 2025 (statuses and descriptions illustrative;
# the events they describe are in the 2025 sheets above): one row per action of
# PLAN_2024, in its order.
REALIZATION_2025: list[Row] = [
    {
        "Działanie": PLAN_2024[0]["Działanie"],
        "Realizacja": "zrealizowano",
        "Opis": "w obchodach 9 czerwca 2025 r. uczestniczyły delegacje Hamm, Hautmont, "
        "Kamieńca Podolskiego, La Louvière i Łowecza",
    },
    {
        "Działanie": PLAN_2024[1]["Działanie"],
        "Realizacja": "przeniesiono na rok 2026",
        "Opis": "szkoły uzgodniły wymianę na rok szkolny 2025/2026",
    },
    {
        "Działanie": PLAN_2024[2]["Działanie"],
        "Realizacja": "zrealizowano",
        "Opis": "delegacja miasta na festiwalu 26–29 września 2025 r.",
    },
    {
        "Działanie": PLAN_2024[3]["Działanie"],
        "Realizacja": "nie zrealizowano",
        "Opis": "strony nie uzgodniły terminu spotkania",
    },
    {
        "Działanie": PLAN_2024[4]["Działanie"],
        "Realizacja": "zrealizowano",
        "Opis": "wizyta delegacji miasta w Martinie 6–8 listopada 2025 r.",
    },
]

# The BIP record of changes of the 2025 report (illustrative).
CHANGES_2025 = change_list(
    [
        (date(2026, 3, 16), "opublikowanie raportu w BIP", "administrator BIP"),
        (date(2026, 3, 18), "dodanie wersji DOCX raportu", "administrator BIP"),
    ]
)

YEAR_2025_OFFICE = [
    Sheet("Metryczka", FIELD_VALUE, METRYCZKA_2025, CHANGES_2025),
    Sheet("Wizyty", VISITS, OFFICE_VISITS_2025),
    Sheet("Wyjazdy", TRIPS, OFFICE_TRIPS_2025),
    Sheet("Projekty", PROJECTS, OFFICE_PROJECTS_2025),
    Sheet("Nagrody", AWARDS),  # the news names no award in 2025
    Sheet("Plan", PLANS, PLAN_2025),
    Sheet("Realizacja planu", REALIZATION, REALIZATION_2025),
]

YEAR_2025_CULTURE = [
    Sheet("Wizyty", VISITS, CULTURE_VISITS_2025),
    Sheet("Wyjazdy", TRIPS, CULTURE_TRIPS_2025),
]

WORKBOOKS: dict[str, list[Sheet]] = {
    "rejestr.xlsx": REGISTRY,
    "2024/raport-2024.xlsx": YEAR_2024,
    "2025/biuro-wspolpracy.xlsx": YEAR_2025_OFFICE,
    "2025/wydzial-kultury.xlsx": YEAR_2025_CULTURE,
}

# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def column_width(header: str, values: Sequence[Cell]) -> float:
    """A width that shows the header and most values, capped for long text."""
    longest = max([len(header)] + [10 if isinstance(v, date) else len(str(v)) for v in values if v])
    return float(min(max(longest + 2, 10), 60))


def build_workbook(sheets: Sequence[Sheet]) -> Workbook:
    """A workbook with one worksheet per sheet: bold frozen header, widths, date format."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = CREATOR
    workbook.properties.lastModifiedBy = CREATOR
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name)
        ws.append(list(sheet.headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for record in sheet.rows:
            unknown = set(record) - set(sheet.headers)
            if unknown:
                raise ValueError(f"{sheet.name}: unknown columns {sorted(unknown)}")
            ws.append([record.get(header) for header in sheet.headers])
        if sheet.below:
            ws.append([])
            for raw in sheet.below:
                ws.append(list(raw))
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
                cell.alignment = Alignment(vertical="top", wrap_text=True)
        for index, header in enumerate(sheet.headers, start=1):
            values = [record.get(header) for record in sheet.rows]
            ws.column_dimensions[get_column_letter(index)].width = column_width(header, values)
    return workbook


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The workbook as xlsx, with fixed properties and zip entry timestamps.

    ``openpyxl.Workbook.save`` stamps ``modified`` with the clock and the zip
    entries with the local time; writing through ``ExcelWriter`` and re-packing
    the archive keeps both fixed, so the same data gives the same bytes.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return fixed.getvalue()


def write_all(inputs: Path) -> None:
    """Write every demo workbook under ``inputs`` and say what was written."""
    for name, sheets in WORKBOOKS.items():
        path = inputs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(xlsx_bytes(build_workbook(sheets)))
        counts = ", ".join(f"{sheet.name} {len(sheet.rows)}" for sheet in sheets)
        print(f"{path}: {counts}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the demo workbooks of raport.")
    parser.add_argument(
        "--inputs",
        type=Path,
        default=REPO / "inputs",
        help="folder to write into (default: inputs/ of the repository)",
    )
    args = parser.parse_args(argv)
    write_all(args.inputs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
