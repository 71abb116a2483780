"""Build workbooks in code, for tests (and for generated years in other test modules).

* :func:`write_workbook` writes any sheets from rows: ``write_workbook(path,
  {"Wizyty": [headers, row, row]})``. Cells may be text, numbers, dates,
  ``None``, a :class:`Formula` (optionally with a cached value) or an
  :class:`Error` (a cell showing ``#N/A`` etc.).
* :func:`table` turns dicts keyed by header into rows under given headers.
* :func:`write_registry` writes ``rejestr.xlsx`` with sensible defaults (Kalisz
  and a few partners); :func:`write_year` writes a year workbook from dicts,
  with a valid Metryczka unless told otherwise.
* :func:`visit`, :func:`trip`, :func:`project`, :func:`award`, :func:`plan_item`
  give one valid row each (as a dict keyed by header), to be overridden field by
  field; the optional columns (Realizator, Źródło finansowania, the register's)
  may be added the same way.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Formula:
    """A formula cell; ``cached`` is the value a spreadsheet program would have saved."""

    text: str  # without the leading "="
    cached: str | int | float | None = None


@dataclass(frozen=True)
class Error:
    """A cell showing an Excel error value, e.g. ``#N/A``."""

    code: str = "#N/A"


Cell = str | int | float | bool | date | datetime | Formula | Error | None
Rows = Sequence[Sequence[Cell]]

CITY: dict[str, Cell] = {
    "Nazwa": "Kalisz",
    "Dopełniacz": "Kalisza",
    "Miejscownik": "Kaliszu",
    "Urząd": "Urząd Miasta Kalisza",
    "Komórka": "Biuro Współpracy Międzynarodowej",
}
PARTNER_HEADERS = [
    "Miasto",
    "Miejscownik",
    "Kraj",
    "Region",
    "Liczba mieszkańców",
    "Rodzaj",
    "Data podpisania",
    "Data zakończenia",
    "Uwagi",
]
PARTNERS: list[dict[str, Cell]] = [
    {
        "Miasto": "Erfurt",
        "Miejscownik": "Erfurcie",
        "Kraj": "Niemcy",
        "Liczba mieszkańców": 213000,
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": 1984,
    },
    {
        "Miasto": "Hamm",
        "Kraj": "DE",
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1991, 6, 11),
    },
    {
        "Miasto": "Martin",
        "Miejscownik": "Martinie",
        "Kraj": "Słowacja",
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1996, 11, 11),
    },
    {
        "Miasto": "Łowecz",
        "Kraj": "Bułgaria",
        "Rodzaj": "miasto zaprzyjaźnione",
        "Data podpisania": "2003",
    },
    {
        "Miasto": "Preston",
        "Kraj": "GB",
        "Rodzaj": "miasto partnerskie",
        "Data podpisania": date(1989, 10, 13),
    },
    {"Miasto": "Kamieniec Podolski", "Kraj": "Ukraina", "Rodzaj": "współpraca bez umowy"},
]
ORGANIZATION_HEADERS = ["Nazwa", "Od roku", "Do roku", "Opis"]
ORGANIZATIONS: list[dict[str, Cell]] = [
    {"Nazwa": "Stowarzyszenie Gmin Polskich Euroregionu", "Od roku": 2004},
]

METRYCZKA: dict[str, Cell] = {
    "Informację wytworzył(a)": "Biuro Współpracy Międzynarodowej",
    "Data wytworzenia": date(2026, 3, 13),
    "Wprowadził(a)": "administrator BIP",
    "Data publikacji": date(2026, 3, 20),
    "Na podstawie": "e-mail",
}
VISIT_HEADERS = [
    "Data od",
    "Data do",
    "Miasto",
    "Kraj",
    "Goście",
    "Cel",
    "Dziedzina",
    "Liczba osób",
    "Zgłasza",
]
TRIP_HEADERS = [
    "Data od",
    "Data do",
    "Miasto",
    "Kraj",
    "Skład delegacji",
    "Cel",
    "Dziedzina",
    "Koszt",
    "Zgłasza",
]
PROJECT_HEADERS = [
    "Nazwa",
    "Program",
    "Partnerzy",
    "Data rozpoczęcia",
    "Data zakończenia",
    "Wartość",
    "Dofinansowanie",
    "Waluta",
    "Opis",
    "Dziedzina",
]
AWARD_HEADERS = ["Nazwa", "Przyznający", "Data", "Uzasadnienie"]
PLAN_HEADERS = ["Działanie", "Partner", "Termin", "Dziedzina", "Uwagi"]
REALIZATION_HEADERS = ["Działanie", "Realizacja", "Opis"]
HEADERS = {
    "Wizyty": VISIT_HEADERS,
    "Wyjazdy": TRIP_HEADERS,
    "Projekty": PROJECT_HEADERS,
    "Nagrody": AWARD_HEADERS,
    "Plan": PLAN_HEADERS,
    "Realizacja planu": REALIZATION_HEADERS,
}
#: Optional columns, written after the others only when some record fills them
#: (so that the column letters of the others stay put).
OPTIONAL_HEADERS = {
    "Miasta partnerskie": ["Dokument", "Uchwała", "Zakres współpracy", "Status"],
    "Wizyty": ["Realizator"],
    "Wyjazdy": ["Źródło finansowania", "Realizator"],
}


def _with_optional(
    sheet: str, headers: Sequence[str], records: Sequence[Mapping[str, Cell]]
) -> list[str]:
    used = {key for record in records for key in record}
    return [*headers, *(h for h in OPTIONAL_HEADERS.get(sheet, ()) if h in used)]


def visit(year: int = 2025, **changes: Cell) -> dict[str, Cell]:
    """A valid Wizyty row (keys are headers; pass ``Data_od=…`` for „Data od”)."""
    row: dict[str, Cell] = {
        "Data od": date(year, 6, 9),
        "Data do": date(year, 6, 10),
        "Miasto": "Erfurt",
        "Kraj": None,
        "Goście": "delegacja Erfurtu",
        "Cel": "obchody Święta Miasta",
        "Dziedzina": "kultura",
        "Liczba osób": 4,
        "Zgłasza": "Wydział Kultury",
    }
    return _changed(row, changes)


def trip(year: int = 2025, **changes: Cell) -> dict[str, Cell]:
    """A valid Wyjazdy row."""
    row: dict[str, Cell] = {
        "Data od": date(year, 11, 6),
        "Data do": date(year, 11, 8),
        "Miasto": "Martin",
        "Kraj": "SK",
        "Skład delegacji": "Prezydent Miasta",
        "Cel": "Dni św. Marcina",
        "Dziedzina": "samorząd",
        "Koszt": 2500,
        "Zgłasza": "Biuro",
    }
    return _changed(row, changes)


def project(year: int = 2025, **changes: Cell) -> dict[str, Cell]:
    """A valid Projekty row."""
    row: dict[str, Cell] = {
        "Nazwa": "Wymiana uczniów",
        "Program": "Erasmus+",
        "Partnerzy": "Erfurt; szkoła w Rydze",
        "Data rozpoczęcia": date(year, 3, 1),
        "Data zakończenia": date(year + 1, 2, 28),
        "Wartość": "120 000,50 zł",
        "Dofinansowanie": 100000,
        "Waluta": None,
        "Opis": "wymiana młodzieży",
        "Dziedzina": "edukacja",
    }
    return _changed(row, changes)


def award(year: int = 2025, **changes: Cell) -> dict[str, Cell]:
    """A valid Nagrody row."""
    row: dict[str, Cell] = {
        "Nazwa": "Flaga Europy",
        "Przyznający": "Parlament Europejski",
        "Data": date(year, 5, 9),
        "Uzasadnienie": "za współpracę",
    }
    return _changed(row, changes)


def plan_item(year: int = 2025, **changes: Cell) -> dict[str, Cell]:
    """A valid Plan row of ``year`` (a plan for ``year + 1``)."""
    row: dict[str, Cell] = {
        "Działanie": "wizyta delegacji na Święcie Miasta",
        "Partner": "Erfurt",
        "Termin": f"czerwiec {year + 1}",
        "Dziedzina": "kultura",
        "Uwagi": None,
    }
    return _changed(row, changes)


def _changed(row: dict[str, Cell], changes: Mapping[str, Cell]) -> dict[str, Cell]:
    optional = {h for headers in OPTIONAL_HEADERS.values() for h in headers}
    for key, value in changes.items():
        header = key.replace("_", " ")
        if header not in row and header in optional:
            row[header] = value
            continue
        if header not in row:
            raise KeyError(f"no column {header!r} in {list(row)}")
        row[header] = value
    return row


def table(headers: Sequence[str], records: Sequence[Mapping[str, Cell]]) -> list[list[Cell]]:
    """Rows for :func:`write_workbook`: the headers, then each record under them."""
    for record in records:
        unknown = set(record) - set(headers)
        if unknown:
            raise KeyError(f"headers {sorted(unknown)} not in {list(headers)}")
    return [list(headers), *([record.get(h) for h in headers] for record in records)]


def fields(values: Mapping[str, Cell], header: bool = True) -> list[list[Cell]]:
    """Rows of a key/value sheet (Pole | Wartość)."""
    rows: list[list[Cell]] = [["Pole", "Wartość"]] if header else []
    rows.extend([name, value] for name, value in values.items())
    return rows


def write_workbook(path: Path, sheets: Mapping[str, Rows], *, hidden: Sequence[str] = ()) -> Path:
    """Write ``sheets`` (name → rows, row 1 first) as an ``.xlsx`` file at ``path``."""
    book = Workbook()
    if sheets:
        book.remove(book.active)
    else:
        book.active.title = "Arkusz1"  # a workbook needs a sheet; an empty one, like Excel's
    patches: dict[int, dict[str, Formula | Error]] = {}
    for number, (name, rows) in enumerate(sheets.items(), start=1):
        ws = book.create_sheet(name)
        if name in hidden:
            ws.sheet_state = "hidden"
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                ref = f"{get_column_letter(c)}{r}"
                if isinstance(value, Formula):
                    ws[ref] = "=" + value.text
                    if value.cached is not None:
                        patches.setdefault(number, {})[ref] = value
                elif isinstance(value, Error):
                    ws[ref] = "=NA()"
                    patches.setdefault(number, {})[ref] = value
                else:
                    ws[ref] = value
                    if isinstance(value, date | datetime):
                        ws[ref].number_format = "DD.MM.YYYY"
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if patches:
        data = _patch_cached_values(data, patches)
    path.write_bytes(data)
    return path


def _cached_xml(value: Formula | Error) -> tuple[str, str]:
    """The cell's type attribute and <v> text for a cached value."""
    if isinstance(value, Error):
        return ' t="e"', value.code
    cached = value.cached
    if isinstance(cached, str):
        return ' t="str"', cached.replace("&", "&amp;").replace("<", "&lt;")
    return "", repr(cached)


def _patch_cached_values(
    data: bytes, patches: Mapping[int, Mapping[str, Formula | Error]]
) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if m and int(m[1]) in patches:
                text = content.decode("utf-8")
                for ref, value in patches[int(m[1])].items():
                    kind, cached = _cached_xml(value)

                    def cell(
                        match: re.Match[str], ref: str = ref, kind: str = kind, cached: str = cached
                    ) -> str:
                        return f'<c r="{ref}"{match[1]}{kind}><f>{match[2]}</f><v>{cached}</v></c>'

                    text, n = re.subn(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>', cell, text
                    )
                    assert n == 1, f"formula cell {ref} not found in {info.filename}"
                content = text.encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def write_registry(
    inputs_dir: Path,
    *,
    city: Mapping[str, Cell] | None = None,
    partners: Sequence[Mapping[str, Cell]] | None = None,
    organizations: Sequence[Mapping[str, Cell]] | None = None,
    extra: Mapping[str, Rows] | None = None,
) -> Path:
    """Write ``inputs_dir/rejestr.xlsx`` (defaults: Kalisz, :data:`PARTNERS`, …)."""
    sheets: dict[str, Rows] = {
        "Miasto": fields(CITY if city is None else city),
        "Miasta partnerskie": table(
            _with_optional("Miasta partnerskie", PARTNER_HEADERS, partners or PARTNERS),
            PARTNERS if partners is None else partners,
        ),
        "Organizacje": table(
            ORGANIZATION_HEADERS, ORGANIZATIONS if organizations is None else organizations
        ),
    }
    sheets.update(extra or {})
    return write_workbook(inputs_dir / "rejestr.xlsx", sheets)


def write_year(
    inputs_dir: Path,
    year: int = 2025,
    name: str = "dane.xlsx",
    *,
    metryczka: Mapping[str, Cell] | None = METRYCZKA,
    wizyty: Sequence[Mapping[str, Cell]] | None = None,
    wyjazdy: Sequence[Mapping[str, Cell]] | None = None,
    projekty: Sequence[Mapping[str, Cell]] | None = None,
    nagrody: Sequence[Mapping[str, Cell]] | None = None,
    plan: Sequence[Mapping[str, Cell]] | None = None,
    realizacja: Sequence[Mapping[str, Cell]] | None = None,
    changes: Sequence[Sequence[Cell]] = (),
    extra: Mapping[str, Rows] | None = None,
) -> Path:
    """Write a workbook of ``inputs_dir/<year>/`` from dict rows (sheets left out if None).

    ``changes`` (Data, Opis, Kto rows) go below the Metryczka's fields, under a
    row „Zmiany” and the list's header row.
    """
    sheets: dict[str, Rows] = {}
    if metryczka is not None:
        rows = fields(metryczka)
        if changes:
            rows += [[], ["Zmiany"], ["Data", "Opis", "Kto"], *(list(c) for c in changes)]
        sheets["Metryczka"] = rows
    for sheet, records in (
        ("Wizyty", wizyty),
        ("Wyjazdy", wyjazdy),
        ("Projekty", projekty),
        ("Nagrody", nagrody),
        ("Plan", plan),
        ("Realizacja planu", realizacja),
    ):
        if records is not None:
            sheets[sheet] = table(_with_optional(sheet, HEADERS[sheet], records), records)
    sheets.update(extra or {})
    return write_workbook(inputs_dir / str(year) / name, sheets)


def write_inputs(
    inputs_dir: Path,
    year: int = 2025,
    **sheets: Any,
) -> Path:
    """A registry with defaults plus one year workbook (keywords as for :func:`write_year`)."""
    write_registry(inputs_dir)
    write_year(inputs_dir, year, **sheets)
    return inputs_dir
