"""Declarative sheet schemas: every sheet and column the workbooks may hold.

One place says, for each sheet, which headers it has, which record field each
header fills, the value type, whether it is required, the header variants older
workbooks use, the choices of a drop-down, and the hint the blank workbook shows.
The loader (:mod:`reports.inputs.load`), the merge (:mod:`reports.checking.merge`) and the blank
workbook (:mod:`reports.publish.newbook`) all read these specs; none of them has a
parser per sheet.

The types they are made of live in :mod:`reports.inputs.spec` (and are
re-exported here). Headers are matched by :func:`normalize_header`.

>>> WIZYTY.column("  data OD: ").field
'start'
>>> WIZYTY.column("Od").field, WIZYTY.column("Data rozpoczęcia").field
('start', 'start')
>>> WIZYTY.column("Opis").field, WIZYTY.column("Kraj pochodzenia").field
('purpose', 'country')
>>> WIZYTY.column("Termin").covers
('start', 'end')
>>> sheet_spec("miasta  PARTNERSKIE").name
'Miasta partnerskie'
"""

from __future__ import annotations

from reports.domain.model import (
    AgreementDocument,
    Domain,
    FundingSource,
    PartnerKind,
    PartnerStatus,
    PlanStatus,
)
from reports.inputs.spec import (
    Book,
    ColumnSpec,
    ItemList,
    RowRule,
    SheetKind,
    SheetSpec,
    ValueType,
    YearRule,
    normalize_header,
)

__all__ = [
    "Book",
    "ColumnSpec",
    "ItemList",
    "RowRule",
    "SheetKind",
    "SheetSpec",
    "ValueType",
    "YearRule",
    "normalize_header",
]


# ---------------------------------------------------------------------------
# Shared column declarations
# ---------------------------------------------------------------------------

DOMAINS = tuple(d.value for d in Domain)
PARTNER_KINDS = tuple(k.value for k in PartnerKind)
DOCUMENTS = tuple(d.value for d in AgreementDocument)
STATUSES = tuple(s.value for s in PartnerStatus)
FUNDING_SOURCES = tuple(f.value for f in FundingSource)

#: The two headers of a key/value sheet.
FIELD_HEADER = "Pole"
VALUE_HEADER = "Wartość"

_DATE_HINT = "Data jako data Excela albo tekst: 15.03.2025, 2025-03-15 lub 15 marca 2025."


def _start(header: str, aliases: tuple[str, ...], what: str) -> ColumnSpec:
    return ColumnSpec(
        header,
        "start",
        ValueType.DATE,
        required=True,
        aliases=aliases,
        hint=f"{what}. {_DATE_HINT}",
        width=13,
    )


def _end(header: str, aliases: tuple[str, ...], what: str) -> ColumnSpec:
    return ColumnSpec(
        header, "end", ValueType.DATE, aliases=aliases, hint=f"{what}. {_DATE_HINT}", width=13
    )


_TERMIN = ColumnSpec(
    "Termin",
    "termin",
    ValueType.DATE_RANGE,
    hint="Termin w jednej kolumnie (starsze arkusze): 15.03.2025, 6-8.11.2025, "
    "6–8 listopada 2025, 30.09–2.10.2025 albo 30.09.2025-2.10.2025.",
    covers=("start", "end"),
)


_REALIZATOR = ColumnSpec(
    "Realizator",
    "implementer",
    hint="Szkoła, instytucja, stowarzyszenie albo wydział, który przeprowadził działanie.",
    width=28,
)


def _event_columns(
    who: ColumnSpec,
    extras: tuple[ColumnSpec, ...],
    *,
    what: str,
    where: str,
    country_aliases: tuple[str, ...],
) -> tuple[ColumnSpec, ...]:
    """Data od, Data do (or Termin), Miasto, Kraj, <who>, Cel, Dziedzina, <extras>, Zgłasza,
    Realizator."""
    return (
        _start("Data od", ("Data rozpoczęcia", "Od"), "Pierwszy dzień"),
        _end("Data do", ("Data zakończenia", "Do"), "Ostatni dzień; puste = jeden dzień"),
        _TERMIN,
        ColumnSpec(
            "Miasto",
            "city",
            hint=f"Miasto partnerskie z listy albo inne miasto {where}; puste, gdy "
            "chodzi o cały kraj (ambasador, konsul, minister).",
            width=18,
        ),
        ColumnSpec(
            "Kraj",
            "country",
            ValueType.COUNTRY,
            aliases=country_aliases,
            hint="Polska nazwa kraju albo kod ISO (DE, FR). Można pominąć dla miasta "
            "partnerskiego z rejestru.",
            width=16,
        ),
        who,
        ColumnSpec(
            "Cel",
            "purpose",
            required=True,
            aliases=("Opis",),
            hint=f"Cel albo przebieg {what}.",
            width=50,
        ),
        ColumnSpec(
            "Dziedzina",
            "domain",
            ValueType.CHOICE,
            choices=DOMAINS,
            hint="Wybierz z listy: " + ", ".join(DOMAINS) + ".",
            width=15,
        ),
        *extras,
        ColumnSpec(
            "Zgłasza",
            "reported_by",
            hint="Wydział albo jednostka, która zgłasza wpis.",
            width=24,
        ),
        _REALIZATOR,
    )


# ---------------------------------------------------------------------------
# inputs/rejestr.xlsx
# ---------------------------------------------------------------------------

MIASTO = SheetSpec(
    "Miasto",
    Book.REGISTRY,
    SheetKind.FIELDS,
    (
        ColumnSpec("Nazwa", "name", required=True, hint="Nazwa miasta, np. Kalisz."),
        ColumnSpec("Dopełniacz", "genitive", required=True, hint="Kogo? czego? – np. Kalisza."),
        ColumnSpec("Miejscownik", "locative", required=True, hint="O kim? o czym? – np. Kaliszu."),
        ColumnSpec("Urząd", "office", required=True, hint="Np. Urząd Miasta Kalisza."),
        ColumnSpec("Komórka", "department", hint="Komórka, która przygotowuje raport."),
        ColumnSpec("Licencja", "licence", ValueType.LICENCE, hint="Np. CC-BY-4.0 lub jej adres."),
    ),
    description="Miasto, które przygotowuje raport.",
)

MIASTA_PARTNERSKIE = SheetSpec(
    "Miasta partnerskie",
    Book.REGISTRY,
    SheetKind.TABLE,
    (
        ColumnSpec("Miasto", "name", required=True, hint="Nazwa używana po polsku.", width=20),
        ColumnSpec("Miejscownik", "locative", hint="Np. Martinie (w Martinie).", width=16),
        ColumnSpec(
            "Kraj",
            "country",
            ValueType.COUNTRY,
            required=True,
            hint="Polska nazwa kraju albo kod ISO.",
        ),
        ColumnSpec("Region", "region", width=20),
        ColumnSpec("Liczba mieszkańców", "population", ValueType.WHOLE, width=12),
        ColumnSpec(
            "Rodzaj",
            "kind",
            ValueType.CHOICE,
            required=True,
            choices=PARTNER_KINDS,
            width=24,
        ),
        ColumnSpec(
            "Data podpisania",
            "signed",
            ValueType.DATE_OR_YEAR,
            hint="Data albo sam rok; wymagana, chyba że rodzaj to „współpraca bez umowy”.",
            width=13,
        ),
        ColumnSpec(
            "Data zakończenia",
            "ended",
            ValueType.DATE_OR_YEAR,
            hint="Data albo rok zakończenia lub zawieszenia współpracy.",
            width=13,
        ),
        ColumnSpec(
            "Dokument",
            "document",
            ValueType.CHOICE,
            choices=DOCUMENTS,
            hint="Wybierz z listy: " + ", ".join(DOCUMENTS) + ".",
            width=18,
        ),
        ColumnSpec(
            "Uchwała",
            "resolution",
            ValueType.RESOLUTION,
            hint="Numer uchwały rady miasta, która zatwierdziła współpracę, np. XXXI/207/04.",
            width=14,
        ),
        ColumnSpec(
            "Zakres współpracy",
            "scope",
            hint="Opis albo dziedziny rozdzielone średnikiem, np. kultura; edukacja; sport.",
            width=30,
        ),
        ColumnSpec(
            "Status",
            "status",
            ValueType.CHOICE,
            choices=STATUSES,
            hint="Wybierz z listy: " + ", ".join(STATUSES) + "; puste = aktywne, dopóki "
            "nie podano daty zakończenia.",
            width=13,
        ),
        ColumnSpec("Uwagi", "notes", width=30),
    ),
    key=("name",),
    span=("signed", "ended"),
    rules=(RowRule.SIGNED, RowRule.STATUS_ENDED),
    description="Miasta partnerskie i zaprzyjaźnione.",
)

ORGANIZACJE = SheetSpec(
    "Organizacje",
    Book.REGISTRY,
    SheetKind.TABLE,
    (
        ColumnSpec("Nazwa", "name", required=True, width=40),
        ColumnSpec("Od roku", "since", ValueType.YEAR, required=True, width=10),
        ColumnSpec("Do roku", "until", ValueType.YEAR, width=10),
        ColumnSpec("Opis", "description", width=40),
    ),
    key=("name",),
    span=("since", "until"),
    description="Organizacje międzynarodowe, do których należy miasto.",
)

# ---------------------------------------------------------------------------
# inputs/<year>/*.xlsx
# ---------------------------------------------------------------------------

METRYCZKA = SheetSpec(
    "Metryczka",
    Book.YEAR,
    SheetKind.FIELDS,
    (
        ColumnSpec(
            "Informację wytworzył(a)",
            "author",
            required=True,
            aliases=("Informację wytworzył", "Informację wytworzyła", "Wytworzył(a)"),
            hint="Osoba albo komórka, która przygotowała raport.",
        ),
        ColumnSpec(
            "Data wytworzenia",
            "created",
            ValueType.DATE,
            required=True,
            hint=f"Ta data trafia na stronę tytułową. {_DATE_HINT}",
        ),
        ColumnSpec(
            "Wprowadził(a)",
            "entered_by",
            aliases=("Wprowadził", "Wprowadziła"),
            hint="Kto opublikował w BIP.",
        ),
        ColumnSpec("Data publikacji", "published", ValueType.DATE, hint=_DATE_HINT),
        ColumnSpec(
            "Na podstawie",
            "basis",
            hint="Np. znak sprawy KPM-BPM.0643.1.2015 albo „e-mail”.",
        ),
        ColumnSpec(
            "Wstęp",
            "intro",
            multiline=True,
            hint="Tekst otwierający raport; akapity oddziel pustym wierszem (Alt+Enter).",
        ),
    ),
    key=(),
    description="Dane do metryczki BIP; dokładnie jedna na rok.",
    items=ItemList(
        "Zmiany",
        "changes",
        (
            ColumnSpec(
                "Data",
                "date",
                ValueType.DATE,
                required=True,
                hint=f"Data zmiany. {_DATE_HINT}",
                width=13,
            ),
            ColumnSpec("Opis", "description", required=True, hint="Co zmieniono.", width=50),
            ColumnSpec("Kto", "who", hint="Kto wprowadził zmianę.", width=24),
        ),
    ),
)

WIZYTY = SheetSpec(
    "Wizyty",
    Book.YEAR,
    SheetKind.TABLE,
    _event_columns(
        ColumnSpec("Goście", "guests", required=True, hint="Kto przyjechał.", width=40),
        (ColumnSpec("Liczba osób", "people", ValueType.WHOLE, hint="Liczba całkowita.", width=10),),
        what="wizyty",
        where="za granicą",
        country_aliases=("Kraj pochodzenia",),
    ),
    key=("start", "end", "city", "guests"),
    year_rule=YearRule.WITHIN,
    span=("start", "end"),
    description="Wizyty delegacji zagranicznych w mieście.",
)

WYJAZDY = SheetSpec(
    "Wyjazdy",
    Book.YEAR,
    SheetKind.TABLE,
    _event_columns(
        ColumnSpec(
            "Skład delegacji",
            "delegation",
            required=True,
            aliases=("Delegacja", "Skład"),
            hint="Kto pojechał.",
            width=40,
        ),
        (
            ColumnSpec(
                "Koszt",
                "cost",
                ValueType.AMOUNT,
                hint="Kwota w złotych, np. 12 500,50.",
                width=12,
            ),
            ColumnSpec(
                "Źródło finansowania",
                "funding",
                ValueType.CHOICE,
                aliases=("Finansowanie",),
                choices=FUNDING_SOURCES,
                hint="Wybierz z listy: " + ", ".join(FUNDING_SOURCES) + ".",
                width=20,
            ),
        ),
        what="wyjazdu",
        where="docelowe",
        country_aliases=(),
    ),
    key=("start", "end", "city", "delegation"),
    year_rule=YearRule.WITHIN,
    span=("start", "end"),
    description="Wyjazdy zagraniczne delegacji miasta.",
)

PROJEKTY = SheetSpec(
    "Projekty",
    Book.YEAR,
    SheetKind.TABLE,
    (
        ColumnSpec("Nazwa", "name", required=True, hint="Nazwa projektu.", width=40),
        ColumnSpec(
            "Program",
            "program",
            required=True,
            hint="Np. Erasmus+, Fundusz Szwajcarski.",
            width=18,
        ),
        ColumnSpec(
            "Partnerzy",
            "partners",
            ValueType.LIST,
            required=True,
            hint="Partnerzy rozdzieleni średnikiem „;”.",
            width=40,
        ),
        ColumnSpec(
            "Data rozpoczęcia",
            "start",
            ValueType.DATE,
            required=True,
            aliases=("Data od", "Od"),
            hint=_DATE_HINT,
            width=13,
        ),
        ColumnSpec(
            "Data zakończenia",
            "end",
            ValueType.DATE,
            aliases=("Data do", "Do"),
            hint=_DATE_HINT,
            width=13,
        ),
        ColumnSpec("Wartość", "value", ValueType.AMOUNT, hint="Kwota, np. 800 000.", width=14),
        ColumnSpec(
            "Dofinansowanie",
            "cofinancing",
            ValueType.AMOUNT,
            hint="Kwota dofinansowania.",
            width=14,
        ),
        ColumnSpec(
            "Waluta",
            "currency",
            ValueType.CURRENCY,
            hint="Kod waluty: PLN (domyślnie), EUR, CHF…",
            width=8,
        ),
        ColumnSpec("Opis", "description", width=40),
        ColumnSpec(
            "Dziedzina",
            "domain",
            ValueType.CHOICE,
            choices=DOMAINS,
            hint="Wybierz z listy: " + ", ".join(DOMAINS) + ".",
            width=15,
        ),
    ),
    key=("name", "start"),
    year_rule=YearRule.OVERLAP,
    span=("start", "end"),
    description="Projekty międzynarodowe; w raporcie te, które trwały w danym roku.",
)

NAGRODY = SheetSpec(
    "Nagrody",
    Book.YEAR,
    SheetKind.TABLE,
    (
        ColumnSpec("Nazwa", "name", required=True, width=40),
        ColumnSpec("Przyznający", "grantor", required=True, width=30),
        ColumnSpec(
            "Data",
            "date",
            ValueType.DATE_OR_YEAR,
            required=True,
            hint="Data albo sam rok.",
            width=13,
        ),
        ColumnSpec("Uzasadnienie", "justification", width=50),
    ),
    key=("name", "grantor", "date"),
    year_rule=YearRule.WITHIN,
    description="Nagrody i wyróżnienia dla miasta.",
)

PLAN = SheetSpec(
    "Plan",
    Book.YEAR,
    SheetKind.TABLE,
    (
        ColumnSpec(
            "Działanie",
            "action",
            required=True,
            hint="Co miasto planuje w następnym roku.",
            width=50,
        ),
        ColumnSpec(
            "Partner",
            "partner",
            hint="Miasto partnerskie z listy albo inny partner.",
            width=20,
        ),
        ColumnSpec(
            "Termin",
            "term",
            ValueType.TERM,
            hint="W następnym roku: data (15.03.2026), miesiąc (marzec 2026 albo 03.2026) "
            "albo sam rok (2026).",
            width=14,
        ),
        ColumnSpec(
            "Dziedzina",
            "domain",
            ValueType.CHOICE,
            choices=DOMAINS,
            hint="Wybierz z listy: " + ", ".join(DOMAINS) + ".",
            width=15,
        ),
        ColumnSpec("Uwagi", "notes", width=30),
    ),
    key=("action", "partner", "term"),
    year_rule=YearRule.NEXT,
    description="Plan współpracy na następny rok.",
)

#: The statuses as the schema states them; the drop-down names the year (PlanStatus.choices).
PLAN_STATUSES = tuple(s.value for s in PlanStatus)

REALIZACJA_PLANU = SheetSpec(
    "Realizacja planu",
    Book.YEAR,
    SheetKind.TABLE,
    (
        ColumnSpec(
            "Działanie",
            "action",
            required=True,
            hint="Działanie z planu na ten rok (arkusz „Plan” roku poprzedniego), jak w planie.",
            width=50,
        ),
        ColumnSpec(
            "Realizacja",
            "status",
            ValueType.PLAN_STATUS,
            choices=PLAN_STATUSES,
            hint="Wybierz z listy: zrealizowano, zrealizowano częściowo, nie zrealizowano "
            "albo przeniesiono na rok następny (z jego numerem). Puste = w raporcie "
            "„brak informacji o realizacji”.",
            width=26,
        ),
        ColumnSpec(
            "Opis",
            "description",
            hint="Nieobowiązkowe: jak zrealizowano działanie albo dlaczego nie; trafia "
            "do raportu tak, jak je wpisano.",
            width=50,
        ),
    ),
    key=("action",),
    year_rule=YearRule.MOVED,
    description="Realizacja planu na ten rok: stan każdego działania z planu poprzedniego roku.",
)

REGISTRY_SHEETS: tuple[SheetSpec, ...] = (MIASTO, MIASTA_PARTNERSKIE, ORGANIZACJE)
YEAR_SHEETS = (METRYCZKA, WIZYTY, WYJAZDY, PROJEKTY, NAGRODY, PLAN, REALIZACJA_PLANU)
ALL_SHEETS: tuple[SheetSpec, ...] = REGISTRY_SHEETS + YEAR_SHEETS

#: Sheets the blank workbook adds for people, never read as data.
INSTRUCTION_SHEET = "Instrukcja"
LISTS_SHEET = "Listy"
IGNORED_SHEETS = frozenset(normalize_header(n) for n in (INSTRUCTION_SHEET, LISTS_SHEET))

#: The sheet kinds reconciled (read = kept + duplicates + rejected), in report order.
TALLIED_SHEETS: tuple[SheetSpec, ...] = (
    WIZYTY,
    WYJAZDY,
    PROJEKTY,
    NAGRODY,
    PLAN,
    MIASTA_PARTNERSKIE,
    ORGANIZACJE,
)

_SHEETS_BY_NAME = {normalize_header(s.name): s for s in ALL_SHEETS}


def sheet_spec(name: str) -> SheetSpec | None:
    """The spec of a sheet by its (normalised) name, if it is one of ours."""
    return _SHEETS_BY_NAME.get(normalize_header(name))
