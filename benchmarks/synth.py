"""Synthetic years for the benchmark: N records of realistic Polish data, written as workbooks.

:func:`write_inputs` writes an ``inputs/`` folder the way an office keeps it:

* ``rejestr.xlsx`` — Kalisz, 12 partners (one of them with a partnership
  suspended in 2022, so not in the report) and a few organisations;
* ``<year>/`` — three workbooks, as three departments fill them: the
  international-relations office (with the Metryczka), the culture and sport
  department, the education department. Every record goes to the workbook of
  the department that reports it (its *Zgłasza*); about 1 % of the events are
  also copied, unchanged, into a second workbook, as happens when two
  departments report the same delegation (the check merges them, with a
  warning);
* ``<year - 1>/`` — a previous year of about 0.9 N records, so the report
  compares the two years.

``N`` counts the rows of the year's four record sheets (Wizyty, Wyjazdy,
Projekty, Nagrody, the duplicated copies included): 40 % visits, 35 %
delegations, 15 % projects, 10 % awards. Visits come from registry partners
(about half), from other foreign places with their *Kraj*, and from guests on
behalf of a country (no *Miasto*). A few dates are typed as text, in the
forms officers use. The same ``(n, year, seed)`` always gives the same records.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from reports.inputs.schemas import (
    MIASTA_PARTNERSKIE,
    NAGRODY,
    ORGANIZACJE,
    PROJEKTY,
    WIZYTY,
    WYJAZDY,
    SheetSpec,
)
from reports.polish.dates import MONTHS_GENITIVE

Cell = str | int | float | date | None
Record = dict[str, Cell]

CITY = {
    "Nazwa": "Kalisz",
    "Dopełniacz": "Kalisza",
    "Miejscownik": "Kaliszu",
    "Urząd": "Urząd Miasta Kalisza",
    "Komórka": "Biuro Współpracy Międzynarodowej",
}


def _headers(spec: SheetSpec) -> tuple[str, ...]:
    """A table sheet's header row, as ``raport new`` writes it."""
    return tuple(column.header for column in spec.template_columns)


PARTNER_HEADERS = _headers(MIASTA_PARTNERSKIE)
VISIT_HEADERS = _headers(WIZYTY)
TRIP_HEADERS = _headers(WYJAZDY)
PROJECT_HEADERS = _headers(PROJEKTY)
AWARD_HEADERS = _headers(NAGRODY)
ORGANIZATION_HEADERS = _headers(ORGANIZACJE)

PARTNERS: tuple[Record, ...] = (
    {
        "Miasto": "Erfurt",
        "Miejscownik": "Erfurcie",
        "Kraj": "Niemcy",
        "Region": "Turyngia",
        "Liczba mieszkańców": 213_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": 1984,
    },
    {
        "Miasto": "Hamm",
        "Miejscownik": "Hamm",
        "Kraj": "DE",
        "Region": "Nadrenia Północna-Westfalia",
        "Liczba mieszkańców": 180_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1991, 6, 11),
    },
    {
        "Miasto": "Heerhugowaard",
        "Kraj": "Holandia",
        "Region": "Holandia Północna",
        "Liczba mieszkańców": 51_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1992, 6, 11),
    },
    {
        "Miasto": "Hautmont",
        "Kraj": "Francja",
        "Liczba mieszkańców": 14_500,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": 1958,
        "Uwagi": "Karta Przyjaźni podpisana w czerwcu 1958 r.",
    },
    {
        "Miasto": "Kamieniec Podolski",
        "Miejscownik": "Kamieńcu Podolskim",
        "Kraj": "Ukraina",
        "Region": "obwód chmielnicki",
        "Liczba mieszkańców": 102_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1993, 6, 18),
    },
    {
        "Miasto": "La Louvière",
        "Kraj": "BE",
        "Region": "Walonia, prowincja Hainaut",
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1998, 10, 5),
    },
    {
        "Miasto": "Martin",
        "Miejscownik": "Martinie",
        "Kraj": "Słowacja",
        "Region": "kraj żyliński",
        "Liczba mieszkańców": 54_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1996, 6, 21),
    },
    {
        "Miasto": "Preston",
        "Kraj": "Wielka Brytania",
        "Region": "hrabstwo Lancashire",
        "Liczba mieszkańców": 141_000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1989, 4, 24),
    },
    {
        "Miasto": "Ptuj",
        "Miejscownik": "Ptuju",
        "Kraj": "SI",
        "Rodzaj": "list intencyjny",
        "Data podpisania": 2011,
    },
    {
        "Miasto": "Łowecz",
        "Miejscownik": "Łoweczu",
        "Kraj": "Bułgaria",
        "Rodzaj": "miasto zaprzyjaźnione",
        "Data podpisania": 2005,
    },
    {
        "Miasto": "Székesfehérvár",
        "Kraj": "Węgry",
        "Region": "komitat Fejér",
        "Rodzaj": "współpraca bez umowy",
    },
    {
        "Miasto": "Borysów",
        "Kraj": "Białoruś",
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": 1998,
        "Data zakończenia": 2022,
        "Uwagi": "współpraca zawieszona w 2022 r.",
    },
)
#: Partners that visits and delegations may name (not the suspended one).
ACTIVE_PARTNERS = tuple(str(p["Miasto"]) for p in PARTNERS if not p.get("Data zakończenia"))

ORGANIZATIONS: tuple[Record, ...] = (
    {
        "Nazwa": "Związek Miast Polskich – Komisja Współpracy Zagranicznej",
        "Od roku": 1995,
    },
    {
        "Nazwa": "Stowarzyszenie Gmin i Powiatów Euroregionu Bałtyk",
        "Od roku": 2004,
        "Opis": "wymiana doświadczeń samorządów Europy Środkowej",
    },
    {"Nazwa": "Europejska Sieć Miast Kreatywnych", "Od roku": 2012, "Do roku": 2019},
)

#: Foreign places outside the registry, with their country as officers write it.
PLACES = (
    ("Wiedeń", "Austria"),
    ("Praga", "Czechy"),
    ("Ołomuniec", "CZ"),
    ("Bruksela", "Belgia"),
    ("Wilno", "Litwa"),
    ("Kowno", "LT"),
    ("Lwów", "Ukraina"),
    ("Żytomierz", "Ukraina"),
    ("Żylina", "Słowacja"),
    ("Koszyce", "SK"),
    ("Drezno", "Niemcy"),
    ("Lipsk", "Niemcy"),
    ("Kopenhaga", "Dania"),
    ("Ryga", "Łotwa"),
    ("Sztokholm", "Szwecja"),
    ("Mediolan", "Włochy"),
    ("Lyon", "Francja"),
    ("Budapeszt", "Węgry"),
    ("Tbilisi", "Gruzja"),
    ("Kioto", "Japonia"),
    ("Chicago", "Stany Zjednoczone"),
    ("Zagrzeb", "Chorwacja"),
    ("Lizbona", "Portugalia"),
    ("Walencja", "Hiszpania"),
    ("Utrecht", "NL"),
    ("Bergen", "Norwegia"),
    ("Tampere", "Finlandia"),
    ("Tartu", "Estonia"),
    ("Kluż-Napoka", "Rumunia"),
    ("Kiszyniów", "Mołdawia"),
    ("Hajfa", "Izrael"),
    ("Saloniki", "Grecja"),
    ("Lublana", "Słowenia"),
    ("Genewa", "Szwajcaria"),
    ("Toronto", "Kanada"),
)

#: Guests who come on behalf of a country (no Miasto).
ENVOYS = (
    ("Ambasador Republiki Słowackiej w Rzeczypospolitej Polskiej", "Słowacja"),
    ("Konsul Generalna Republiki Federalnej Niemiec we Wrocławiu", "Niemcy"),
    ("Ambasador Ukrainy w Rzeczypospolitej Polskiej", "UA"),
    ("attaché kulturalny Ambasady Francji", "Francja"),
    ("delegacja Ministerstwa Oświaty i Nauki Republiki Łotewskiej", "Łotwa"),
    ("Ambasador Japonii w Polsce z małżonką", "Japonia"),
    ("Konsul Honorowy Węgier w Poznaniu", "Węgry"),
    ("zastępca szefa misji Ambasady Gruzji", "Gruzja"),
)

OFFICE = "Biuro Współpracy Międzynarodowej"
CULTURE = "Wydział Kultury, Sportu i Turystyki"
EDUCATION = "Wydział Edukacji"

#: The workbooks of a year: file name → the department that fills it.
WORKBOOKS = {
    "biuro-wspolpracy.xlsx": OFFICE,
    "wydzial-kultury-i-sportu.xlsx": CULTURE,
    "wydzial-edukacji.xlsx": EDUCATION,
}
DEPARTMENT_OF_DOMAIN = {
    "samorząd": OFFICE,
    "gospodarka": OFFICE,
    "społeczeństwo": OFFICE,
    "inne": OFFICE,
    "kultura": CULTURE,
    "sport": CULTURE,
    "turystyka": CULTURE,
    "edukacja": EDUCATION,
}

ENSEMBLES = (
    "Lúčnica",
    "Źródło",
    "Jarzębina",
    "Świtezianka",
    "Gęśle",
    "Żurawie",
    "Słoneczny Brzeg",
    "Cantabile",
    "Mała Ćma",
    "Łużyczanie",
)
GUESTS: dict[str, tuple[str, ...]] = {
    "samorząd": (
        "burmistrz miasta {city} z zastępcą",
        "delegacja władz miasta {city}",
        "przewodniczący rady miejskiej miasta {city} i radni",
        "sekretarz miasta {city} z pracownikami urzędu",
        "delegacja komisji współpracy zagranicznej rady miasta {city}",
    ),
    "kultura": (
        "zespół tańca ludowego „{ensemble}”",
        "chór kameralny „{ensemble}” z dyrygentem",
        "artyści teatru lalek „{ensemble}”",
        "orkiestra dęta „{ensemble}”",
        "malarze i graficy ze stowarzyszenia artystów z miasta {city}",
    ),
    "edukacja": (
        "uczniowie i nauczyciele szkoły partnerskiej z miasta {city}",
        "studenci uniwersytetu partnerskiego w mieście {city}",
        "dyrektorzy szkół zawodowych z miasta {city}",
        "młodzież i opiekunowie z gimnazjum partnerskiego",
        "nauczyciele języka polskiego z miasta {city}",
    ),
    "sport": (
        "drużyna piłki ręcznej juniorów z miasta {city}",
        "zawodnicy klubu lekkoatletycznego z miasta {city}",
        "szachiści klubu „Gambit” z trenerem",
        "koszykarki młodzieżowej reprezentacji miasta {city}",
    ),
    "gospodarka": (
        "przedsiębiorcy izby przemysłowo-handlowej z miasta {city}",
        "przedstawiciele agencji rozwoju regionalnego",
        "delegacja klastra energetycznego z miasta {city}",
    ),
    "turystyka": (
        "dziennikarze i blogerzy branży turystycznej",
        "przewodnicy i organizatorzy turystyki z miasta {city}",
    ),
    "społeczeństwo": (
        "wolontariusze organizacji pożytku publicznego z miasta {city}",
        "członkinie stowarzyszenia kobiet z miasta {city}",
        "słuchacze uniwersytetu trzeciego wieku z miasta {city}",
        "harcerze i ich opiekunowie",
    ),
    "inne": (
        "strażacy ochotnicy z miasta {city}",
        "policjanci z komendy miejskiej w mieście {city}",
    ),
}
PURPOSES: dict[str, tuple[str, ...]] = {
    "samorząd": (
        "obchody Święta Miasta Kalisza: uroczysta sesja Rady Miasta i uhonorowanie zasłużonych "
        "kaliszan",
        "rozmowy o przedłużeniu umowy o współpracy i planie wspólnych działań na kolejny rok",
        "wymiana doświadczeń w zakresie zarządzania gospodarką odpadami i transportem miejskim",
        "udział w Forum Samorządowym Miast Partnerskich",
        "spotkanie z Prezydentem Miasta Kalisza; podpisanie porozumienia o współpracy",
    ),
    "kultura": (
        "występy podczas Międzynarodowego Festiwalu Folkloru „Źródła” na Głównym Rynku",
        "udział w Kaliskich Spotkaniach Teatralnych",
        "otwarcie wystawy „Kalisz – miasto z przeszłością” w galerii miejskiej",
        "koncert na zakończenie Jarmarku Świętojańskiego",
        "warsztaty rękodzieła ludowego i wspólny plener malarski",
    ),
    "edukacja": (
        "wymiana uczniów w programie Erasmus+: zajęcia w szkołach i zwiedzanie miasta",
        "konferencja „Szkoła przyszłości – cyfrowe kompetencje nauczycieli”",
        "staż zawodowy w kaliskich przedsiębiorstwach",
        "obóz językowy i warsztaty o historii Ziemi Kaliskiej",
    ),
    "sport": (
        "udział w Międzynarodowym Turnieju Piłki Ręcznej o Puchar Prezydenta Miasta",
        "mityng lekkoatletyczny na stadionie miejskim",
        "turniej szachowy miast partnerskich",
        "Kaliski Półmaraton Ziemi Kaliskiej",
    ),
    "gospodarka": (
        "misja gospodarcza: spotkania z przedsiębiorcami Kaliskiej Strefy Ekonomicznej",
        "targi produktów regionalnych i rozmowy o wspólnym stoisku",
        "seminarium o odnawialnych źródłach energii w gospodarce komunalnej",
    ),
    "turystyka": (
        "promocja szlaku turystycznego „Kalisz – najstarsze miasto w Polsce”",
        "study tour: zabytki Kalisza i okolic, rezerwat archeologiczny w Zawodziu",
    ),
    "społeczeństwo": (
        "spotkanie organizacji pozarządowych o pomocy uchodźcom z Ukrainy",
        "wymiana doświadczeń w działaniach na rzecz seniorów i osób z niepełnosprawnościami",
        "wspólne obchody Dnia Europy",
    ),
    "inne": (
        "ćwiczenia ratownicze i wymiana sprzętu strażackiego",
        "szkolenie o bezpieczeństwie ruchu drogowego",
    ),
}
DELEGATIONS: dict[str, tuple[str, ...]] = {
    "samorząd": (
        "Prezydent Miasta Kalisza",
        "Prezydent Miasta Kalisza oraz Sekretarz Miasta Kalisza",
        "Przewodniczący Rady Miasta Kalisza, Wiceprezydent Miasta Kalisza oraz dwoje radnych",
        "Zastępca Prezydenta Miasta Kalisza ds. społecznych",
        "członkowie Komisji Współpracy Zagranicznej Rady Miasta Kalisza",
    ),
    "kultura": (
        "Orkiestra Dęta Ochotniczej Straży Pożarnej",
        "kaliski chór „Kopernik”",
        "dyrektor Wydziału Kultury, Sportu i Turystyki z pracownikami",
        "zespół pieśni i tańca „Kaliszanie”",
        "aktorzy Teatru im. Wojciecha Bogusławskiego",
    ),
    "edukacja": (
        "uczniowie i nauczyciele I Liceum Ogólnokształcącego im. Adama Asnyka",
        "uczniowie V Liceum Ogólnokształcącego im. Jana III Sobieskiego",
        "dyrektorzy kaliskich szkół podstawowych",
        "młodzieżowa rada miasta",
    ),
    "sport": (
        "reprezentacja młodzików Kaliskiego Klubu Sportowego",
        "zawodniczki klubu koszykarskiego „Energa”",
        "biegacze klubu „Prosna” z trenerem",
    ),
    "gospodarka": (
        "przedsiębiorcy z Kaliskiej Izby Gospodarczej",
        "pracownicy Centrum Obsługi Inwestora",
    ),
    "turystyka": ("pracownicy Centrum Informacji Turystycznej",),
    "społeczeństwo": (
        "członkinie Kaliskiej Rady Kobiet",
        "przedstawiciele Kaliskiej Rady Seniorów",
        "wolontariusze Centrum Wolontariatu",
    ),
    "inne": ("strażacy Państwowej Straży Pożarnej", "funkcjonariusze Straży Miejskiej"),
}
TOPICS = (
    "Zielone szkoły nad Prosną",
    "Młodzież dla klimatu",
    "Cyfrowe kompetencje seniorów",
    "Dziedzictwo kulinarne regionów Europy",
    "Wspólna pamięć – miasta partnerskie 1945–2025",
    "Sport bez barier",
    "Przedsiębiorczość kobiet w małych miastach",
    "Rewitalizacja nadrzecznych bulwarów",
    "Teatr łączy narody",
    "Bezpieczna droga do szkoły",
    "Języki sąsiadów – polski, niemiecki, słowacki",
    "Miejskie ogrody społeczne",
    "Muzyka dawnych mistrzów",
    "Żywe rzemiosło: złotnictwo i koronka",
    "Energia z odnawialnych źródeł w szkołach",
    "Europa młodych obywateli",
)
PROGRAMS = (
    ("Erasmus+", "EUR"),
    ("Interreg Europa Środkowa", "EUR"),
    ("Fundusz Szwajcarski", "PLN"),
    ("Norweski Mechanizm Finansowy", "EUR"),
    ("Obywatele, Równość, Prawa i Wartości (CERV)", "EUR"),
    ("Polsko-Niemiecka Współpraca Młodzieży", "PLN"),
    ("Rządowy program „Poznaj Polskę”", "PLN"),
)
INSTITUTIONS = (
    "Szkoła Podstawowa nr 3 w Rydze",
    "Uniwersytet Karola w Pradze",
    "Gimnazjum im. Goethego w Lipsku",
    "stowarzyszenie „Żywa Tradycja” z Wilna",
    "Agencja Rozwoju Regionalnego w Żylinie",
    "Fundacja Łączy Nas Muzyka",
    "Miejski Ośrodek Kultury w Tartu",
    "szkoła zawodowa w Koszycach",
)
AWARDS = (
    ("Flaga Europy", "Parlament Europejski"),
    ("Nagroda Europejska", "Rada Europy"),
    ("Tablica Honorowa Rady Europy", "Zgromadzenie Parlamentarne Rady Europy"),
    ("Gmina Przyjazna Seniorom", "Parlamentarny Zespół ds. Polityki Senioralnej"),
    ("Samorządowy Lider Edukacji", "Fundacja Rozwoju Demokracji Lokalnej"),
    ("Złoty Certyfikat Turystyczny", "Polska Organizacja Turystyczna"),
    ("Medal za Zasługi dla Współpracy Polsko-Słowackiej", "Ambasada Republiki Słowackiej"),
    ("Dyplom Uznania", "Ambasada Ukrainy w Rzeczypospolitej Polskiej"),
    ("Nagroda im. Henryka Wieniawskiego", "Towarzystwo Muzyczne im. Henryka Wieniawskiego"),
)
AWARD_REASONS = (
    "za wieloletnią współpracę z miastami partnerskimi",
    "za pomoc udzieloną mieszkańcom Kamieńca Podolskiego",
    "za projekty edukacyjne łączące młodzież z całej Europy",
    "za promocję dziedzictwa najstarszego miasta w Polsce",
    "za działania na rzecz pojednania i dialogu między narodami",
)


@dataclass
class YearData:
    """The rows of one year, per workbook and sheet (each row keyed by header)."""

    year: int
    books: dict[str, dict[str, list[Record]]] = field(default_factory=dict)

    def rows(self, sheet: str) -> int:
        """How many rows of ``sheet`` the year's workbooks hold together."""
        return sum(len(sheets.get(sheet, ())) for sheets in self.books.values())


@dataclass(frozen=True)
class Inputs:
    """A generated ``inputs/`` folder: where it is, its year and what was written."""

    path: Path
    year: int
    records: int
    rows: dict[str, int]  # sheet → rows written for the year (duplicated copies included)
    duplicates: dict[str, int]  # sheet → rows that are copies of another workbook's row


def split(n: int) -> dict[str, int]:
    """How ``n`` records divide between the sheets (at least one of each when n ≥ 4).

    >>> split(1000)
    {'Wizyty': 400, 'Wyjazdy': 350, 'Projekty': 150, 'Nagrody': 100}
    >>> sum(split(51).values())
    51
    """
    shares = {"Wizyty": 0.40, "Wyjazdy": 0.35, "Projekty": 0.15, "Nagrody": 0.10}
    counts = {name: max(1, int(n * share)) if n >= 4 else 0 for name, share in shares.items()}
    counts["Wizyty"] += n - sum(counts.values())
    return counts


def _text_date(day: date, rng: random.Random) -> Cell:
    """Mostly a real date; sometimes text in one of the forms officers type."""
    roll = rng.random()
    if roll < 0.04:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if roll < 0.06:
        return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"
    if roll < 0.07:
        return day.isoformat()
    return day


class _Generator:
    def __init__(self, year: int, seed: int) -> None:
        self.year = year
        self.rng = random.Random(f"{seed}-{year}")
        self.days = (date(year + 1, 1, 1) - date(year, 1, 1)).days

    def _span(self, longest: int) -> tuple[date, date | None]:
        start = date(self.year, 1, 1) + timedelta(days=self.rng.randrange(self.days))
        length = self.rng.choice((0, 0, 1, 1, 2, 2, 3, longest))
        if length == 0:
            return start, None
        return start, start + timedelta(days=length)

    def _place(self) -> tuple[str | None, str | None, str]:
        """(Miasto, Kraj, the city named in the guests' description)."""
        roll = self.rng.random()
        if roll < 0.5:
            partner = self.rng.choice(ACTIVE_PARTNERS)
            # Kraj is optional for a registry partner; some officers fill it in anyway.
            country = next(str(p["Kraj"]) for p in PARTNERS if p["Miasto"] == partner)
            return partner, country if self.rng.random() < 0.3 else None, partner
        city, country = self.rng.choice(PLACES)
        return city, country, city

    def _domain(self) -> str:
        return self.rng.choices(list(GUESTS), weights=(30, 22, 20, 10, 6, 4, 6, 2), k=1)[0]

    def visit(self, envoy: bool = False) -> Record:
        """A visit; guests on behalf of a country (no Miasto) now and then, or when
        ``envoy``."""
        domain = "samorząd" if envoy else self._domain()
        start, end = self._span(5)
        if envoy or (domain == "samorząd" and self.rng.random() < 0.15):
            guests, country = self.rng.choice(ENVOYS)
            city: str | None = None
        else:
            city, country_or_none, named = self._place()
            country = country_or_none or ""
            guests = self.rng.choice(GUESTS[domain]).format(
                city=named, ensemble=self.rng.choice(ENSEMBLES)
            )
        return {
            "Data od": _text_date(start, self.rng),
            "Data do": end,
            "Miasto": city,
            "Kraj": country or None,
            "Goście": guests,
            "Cel": self.rng.choice(PURPOSES[domain]),
            "Dziedzina": domain,
            "Liczba osób": self.rng.choice((None, 2, 3, 4, 6, 8, 12, 20, 35)),
            "Zgłasza": DEPARTMENT_OF_DOMAIN[domain],
        }

    def trip(self) -> Record:
        domain = self._domain()
        start, end = self._span(6)
        city, country, _ = self._place()
        return {
            "Data od": _text_date(start, self.rng),
            "Data do": end,
            "Miasto": city,
            "Kraj": country,
            "Skład delegacji": self.rng.choice(DELEGATIONS[domain]),
            "Cel": self.rng.choice(PURPOSES[domain]),
            "Dziedzina": domain,
            "Koszt": self.rng.choice((None, 850, 1200.5, 2500, 4300, 12_750)),
            "Zgłasza": DEPARTMENT_OF_DOMAIN[domain],
        }

    def project(self, number: int) -> Record:
        program, currency = self.rng.choice(PROGRAMS)
        first = date(self.year - 1, 3, 1)
        start = first + timedelta(days=self.rng.randrange((date(self.year, 12, 1) - first).days))
        end = start + timedelta(days=self.rng.choice((180, 364, 540, 729)))
        if end.year < self.year:
            end = date(self.year, 3, 31)
        partners = self.rng.sample(ACTIVE_PARTNERS, k=self.rng.randint(1, 3))
        partners += self.rng.sample(INSTITUTIONS, k=self.rng.randint(0, 2))
        value = self.rng.randrange(20_000, 2_000_000, 500)
        domain = self.rng.choice(("edukacja", "kultura", "społeczeństwo", "sport"))
        return {
            "Nazwa": self.rng.choice(TOPICS),
            "Program": program,
            "Partnerzy": "; ".join(partners),
            "Data rozpoczęcia": start,
            "Data zakończenia": end if self.rng.random() < 0.9 else None,
            "Wartość": value,
            "Dofinansowanie": round(value * self.rng.choice((0.6, 0.8, 0.85, 1.0)), 2),
            "Waluta": currency if currency != "PLN" or self.rng.random() < 0.5 else None,
            "Opis": f"projekt nr {self.year}-1-PL01-KA{self.rng.choice((122, 210, 220))}-"
            f"{number:06d}: wymiana doświadczeń, wizyty studyjne i wspólne warsztaty "
            "uczestników z miast partnerskich",
            "Dziedzina": domain,
        }

    def award(self) -> Record:
        name, grantor = self.rng.choice(AWARDS)
        day = date(self.year, 1, 1) + timedelta(days=self.rng.randrange(self.days))
        return {
            "Nazwa": name,
            "Przyznający": grantor,
            "Data": day if self.rng.random() < 0.9 else self.year,
            "Uzasadnienie": self.rng.choice(AWARD_REASONS) if self.rng.random() < 0.8 else None,
        }


_KEYS = {
    "Wizyty": ("Data od", "Data do", "Miasto", "Goście"),
    "Wyjazdy": ("Data od", "Data do", "Miasto", "Skład delegacji"),
    "Projekty": ("Nazwa", "Data rozpoczęcia"),
    "Nagrody": ("Nazwa", "Przyznający", "Data"),
}


def _key(sheet: str, record: Mapping[str, Cell]) -> tuple[str, ...]:
    """The record's duplicate key, loosely: two generated records never share it."""
    return tuple(str(record[name]).casefold() for name in _KEYS[sheet])


def _duplicates(sheet: str, total: int) -> int:
    """Rows of ``sheet`` that repeat another workbook's row: about 1 % of the events."""
    if sheet not in ("Wizyty", "Wyjazdy") or total < 20:
        return 0
    return max(1, total // 100)


def _department(sheet: str, record: Mapping[str, Cell], index: int) -> str:
    if sheet in ("Wizyty", "Wyjazdy"):
        return str(record["Zgłasza"])
    if sheet == "Projekty":
        return EDUCATION if record["Dziedzina"] == "edukacja" else OFFICE
    return CULTURE if index % 3 == 0 else OFFICE


def generate_year(n: int, year: int, seed: int = 2025) -> YearData:
    """The rows of a year of ``n`` records, split among :data:`WORKBOOKS`."""
    gen = _Generator(year, seed)
    book_of = {dept: name for name, dept in WORKBOOKS.items()}
    data = YearData(year, {name: {} for name in WORKBOOKS})
    office_book = book_of[OFFICE]
    data.books[office_book]["Metryczka"] = [
        {"Pole": name, "Wartość": value} for name, value in metryczka(year).items()
    ]
    for sheet, total in split(n).items():
        duplicates = _duplicates(sheet, total)
        seen: set[tuple[str, ...]] = set()
        records: list[Record] = []
        attempts = 0
        while len(records) < total - duplicates:
            attempts += 1
            if attempts > 20 * total:
                raise ValueError(f"cannot generate {total} distinct {sheet} records")
            if sheet == "Wizyty":
                record = gen.visit(envoy=not records)
            elif sheet == "Wyjazdy":
                record = gen.trip()
            elif sheet == "Projekty":
                record = gen.project(len(records) + 1)
            else:
                record = gen.award()
            key = _key(sheet, record)
            if key not in seen:
                seen.add(key)
                records.append(record)
        for index, record in enumerate(records):
            book = book_of[_department(sheet, record, index)]
            data.books[book].setdefault(sheet, []).append(record)
        # The same delegation reported by a second department, unchanged.
        for record in gen.rng.sample(records, k=duplicates):
            home = book_of[_department(sheet, record, 0)]
            other = next(name for name in WORKBOOKS if name != home)
            data.books[other].setdefault(sheet, []).append(dict(record))
    return data


def metryczka(year: int) -> dict[str, Cell]:
    """The year's Metryczka (with an introduction of two paragraphs)."""
    return {
        "Informację wytworzył(a)": OFFICE,
        "Data wytworzenia": date(year + 1, 3, 13),
        "Wprowadził(a)": "administrator BIP",
        "Data publikacji": date(year + 1, 3, 20),
        "Na podstawie": f"KPM-BPM.0643.1.{year + 1}",
        "Wstęp": (
            f"Raport przedstawia współpracę zagraniczną Miasta Kalisza w {year} roku: wizyty "
            "delegacji zagranicznych w Kaliszu, wyjazdy delegacji Miasta za granicę, projekty "
            "międzynarodowe oraz kontakty z miastami partnerskimi i zaprzyjaźnionymi.\n"
            "Priorytetowe dziedziny współpracy to oficjalne wizyty przedstawicieli władz "
            "lokalnych, współpraca szkół i placówek oświatowych, wspólne projekty, współpraca "
            "organizacji pozarządowych oraz wymiana kulturalna i sportowa."
        ),
    }


def _write_book(
    path: Path, sheets: Mapping[str, tuple[Sequence[str], Iterable[Mapping[str, Cell]]]]
) -> None:
    """Write a workbook as a spreadsheet program would: shared strings, each sheet's
    dimension, dates with a date format."""
    book = Workbook()
    book.remove(book.active)
    for name, (headers, records) in sheets.items():
        ws = book.create_sheet(name)
        ws.append(list(headers))
        for record in records:
            ws.append([record.get(header) for header in headers])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "DD.MM.YYYY"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


_HEADERS: dict[str, Sequence[str]] = {
    "Metryczka": ("Pole", "Wartość"),
    "Wizyty": VISIT_HEADERS,
    "Wyjazdy": TRIP_HEADERS,
    "Projekty": PROJECT_HEADERS,
    "Nagrody": AWARD_HEADERS,
}


def write_registry(inputs: Path) -> Path:
    """``inputs/rejestr.xlsx``: Kalisz, :data:`PARTNERS` and :data:`ORGANIZATIONS`."""
    path = inputs / "rejestr.xlsx"
    _write_book(
        path,
        {
            "Miasto": (("Pole", "Wartość"), [{"Pole": k, "Wartość": v} for k, v in CITY.items()]),
            "Miasta partnerskie": (PARTNER_HEADERS, PARTNERS),
            "Organizacje": (ORGANIZATION_HEADERS, ORGANIZATIONS),
        },
    )
    return path


def write_year(inputs: Path, data: YearData) -> list[Path]:
    """The year's workbooks under ``inputs/<year>/``."""
    paths = []
    for name, sheets in data.books.items():
        path = inputs / str(data.year) / name
        _write_book(path, {sheet: (_HEADERS[sheet], rows) for sheet, rows in sheets.items()})
        paths.append(path)
    return paths


def write_inputs(inputs: Path, n: int, year: int = 2025, seed: int = 2025) -> Inputs:
    """Write a registry, year ``year`` of ``n`` records and ``year - 1`` of about 0.9 n."""
    write_registry(inputs)
    data = generate_year(n, year, seed)
    write_year(inputs, data)
    write_year(inputs, generate_year(max(4, round(n * 0.9)), year - 1, seed))
    sheets = ("Wizyty", "Wyjazdy", "Projekty", "Nagrody")
    counts = split(n)
    return Inputs(
        path=inputs,
        year=year,
        records=n,
        rows={sheet: data.rows(sheet) for sheet in sheets},
        duplicates={sheet: _duplicates(sheet, counts[sheet]) for sheet in sheets},
    )
