"""The bad-input matrix: for every problem code, a workbook that triggers it.

Each case builds its inputs in a temporary folder, runs ``check_year`` and
asserts the code, its severity and where it points (file, sheet, row, column).
A last test makes sure every code registered in ``reports.inputs.problems.CODES`` has
a case here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reports.checking.check import check_year
from reports.inputs.limits import MAX_ROWS, MAX_TEXT
from reports.inputs.problems import CODES, Problem, Severity
from tests.hostile import long_text, many_rows, zip_bomb
from tests.workbooks import (
    CITY,
    METRYCZKA,
    ORGANIZATION_HEADERS,
    PARTNER_HEADERS,
    PARTNERS,
    VISIT_HEADERS,
    Cell,
    Error,
    Formula,
    Rows,
    fields,
    plan_item,
    project,
    table,
    trip,
    visit,
    write_registry,
    write_workbook,
    write_year,
)

YEAR = 2025
MB = 1024 * 1024
E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Case:
    code: str
    severity: Severity
    build: Callable[[Path], None]
    file: str | None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None


def _year(**sheets: Any) -> Callable[[Path], None]:
    def build(inputs: Path) -> None:
        write_registry(inputs)
        write_year(inputs, YEAR, **sheets)

    return build


def _raw_year(sheets: dict[str, Rows], with_metryczka: bool = True) -> Callable[[Path], None]:
    def build(inputs: Path) -> None:
        write_registry(inputs)
        all_sheets: dict[str, Rows] = {"Metryczka": fields(METRYCZKA)} if with_metryczka else {}
        all_sheets.update(sheets)
        write_workbook(inputs / str(YEAR) / "dane.xlsx", all_sheets)

    return build


def _planned(realizacja: list[dict[str, Cell]] | None, plan: bool = True) -> Callable[[Path], None]:
    """The previous year with a plan of one action (or without a plan), and this year's
    statuses of it."""

    def build(inputs: Path) -> None:
        write_registry(inputs)
        write_year(inputs, YEAR - 1, plan=[plan_item(YEAR - 1)] if plan else None)
        write_year(inputs, YEAR, wizyty=[visit()], realizacja=realizacja)

    return build


def _hostile(name: str, make: Callable[[Path, int], Path], size: int) -> Callable[[Path], None]:
    def build(inputs: Path) -> None:
        write_registry(inputs)
        write_year(inputs, YEAR)
        make(inputs / str(YEAR) / name, size)

    return build


def _status(status: Cell, action: str = "wizyta delegacji na Święcie Miasta") -> dict[str, Cell]:
    return {"Działanie": action, "Realizacja": status, "Opis": None}


def _file(name: str, content: bytes) -> Callable[[Path], None]:
    def build(inputs: Path) -> None:
        write_registry(inputs)
        write_year(inputs, YEAR)
        (inputs / str(YEAR) / name).write_bytes(content)

    return build


def _registry(**kwargs: Any) -> Callable[[Path], None]:
    def build(inputs: Path) -> None:
        write_registry(inputs, **kwargs)
        write_year(inputs, YEAR)

    return build


def _no_registry(inputs: Path) -> None:
    write_year(inputs, YEAR)


def _no_year(inputs: Path) -> None:
    write_registry(inputs)


def _no_city_sheet(inputs: Path) -> None:
    write_workbook(
        inputs / "rejestr.xlsx",
        {
            "Miasta partnerskie": table(PARTNER_HEADERS, PARTNERS),
            "Organizacje": table(ORGANIZATION_HEADERS, []),
        },
    )
    write_year(inputs, YEAR)


def _no_partners_sheet(inputs: Path) -> None:
    write_workbook(
        inputs / "rejestr.xlsx",
        {"Miasto": fields(CITY), "Organizacje": table(ORGANIZATION_HEADERS, [])},
    )
    write_year(inputs, YEAR)


def _no_organizations_sheet(inputs: Path) -> None:
    write_workbook(
        inputs / "rejestr.xlsx",
        {"Miasto": fields(CITY), "Miasta partnerskie": table(PARTNER_HEADERS, [])},
    )
    write_year(inputs, YEAR)


def _docx_named_xlsx(inputs: Path) -> None:
    import zipfile

    write_registry(inputs)
    write_year(inputs, YEAR)
    with zipfile.ZipFile(inputs / str(YEAR) / "pismo.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")


def _copy_beside_original(inputs: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.packaging.custom import StringProperty

    from reports.inputs.marks import COPY_OF

    write_registry(inputs)
    original = write_year(inputs, YEAR, wizyty=[visit()])
    book = load_workbook(original)
    book.custom_doc_props.append(StringProperty(name=COPY_OF, value="dane.xlsx"))
    book.save(original.with_name("dane-do-poprawy.xlsx"))


def _lock_file(inputs: Path) -> None:
    write_registry(inputs)
    write_year(inputs, YEAR)
    (inputs / str(YEAR) / "~$dane.xlsx").write_bytes(b"lock")


def _duplicate(inputs: Path) -> None:
    write_registry(inputs)
    write_year(inputs, YEAR, "a.xlsx", wizyty=[visit()])
    write_year(inputs, YEAR, "b.xlsx", metryczka=None, wizyty=[visit(), visit(Goście="inni")])


def _conflict(inputs: Path) -> None:
    write_registry(inputs)
    write_year(inputs, YEAR, "a.xlsx", wyjazdy=[trip()])
    write_year(inputs, YEAR, "b.xlsx", metryczka=None, wyjazdy=[trip(), trip(Cel="inny cel")])


def _previous_with_errors(inputs: Path) -> None:
    write_registry(inputs)
    write_year(inputs, YEAR)
    write_year(inputs, YEAR - 1, wizyty=[visit(YEAR - 1, Data_od="zła data")])


def _earlier_with_errors(inputs: Path) -> None:
    write_registry(inputs)
    write_year(inputs, YEAR)
    write_year(inputs, YEAR - 1)
    write_year(inputs, YEAR - 2, wizyty=[visit(YEAR - 2, Data_od="zła data")])


def _empty_city_sheet(inputs: Path) -> None:
    write_registry(inputs, extra={"Miasto": [["Pole", "Wartość"], ["Nazwa", None]]})
    write_year(inputs, YEAR)


def _two_metryczki(changed: bool) -> Callable[[Path], None]:
    def build(inputs: Path) -> None:
        write_registry(inputs)
        write_year(inputs, YEAR, "a.xlsx")
        other = {**METRYCZKA, "Na podstawie": "inna"} if changed else METRYCZKA
        write_year(inputs, YEAR, "b.xlsx", metryczka=other)

    return build


def _no_registry_city(inputs: Path) -> None:
    write_year(inputs, YEAR, wizyty=[visit(Miasto="Berlin", Kraj=None)])


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def _ods(inputs: Path) -> None:
    import zipfile

    write_registry(inputs)
    write_year(inputs, YEAR)
    with zipfile.ZipFile(inputs / str(YEAR) / "calc.xlsx", "w") as z:
        z.writestr("mimetype", ODS_MIMETYPE)
        z.writestr("content.xml", "<office:document-content/>")


VISIT_ROW: list[Cell] = [
    date(YEAR, 6, 9),
    None,
    "Erfurt",
    None,
    "goście",
    "cel",
    "kultura",
    3,
    "Biuro",
]

CASES = [
    Case("registry-missing", E, _no_registry, "rejestr.xlsx"),
    Case("year-folder-missing", E, _no_year, str(YEAR)),
    Case(
        "file-unreadable", E, _file("zepsuty.xlsx", b"PK\x03\x04 to nie zip"), "2025/zepsuty.xlsx"
    ),
    Case(
        "file-encrypted",
        E,
        _file("haslo.xlsx", OLE + "EncryptionInfo".encode("utf-16-le")),
        "2025/haslo.xlsx",
    ),
    Case("file-wrong-format", E, _docx_named_xlsx, "2025/pismo.xlsx"),
    Case("copy-beside-original", E, _copy_beside_original, "2025/dane-do-poprawy.xlsx"),
    Case("file-too-large", E, _hostile("bomba.xlsx", zip_bomb, 100 * MB), "2025/bomba.xlsx"),
    Case(
        "sheet-too-large",
        E,
        _hostile("wiersze.xlsx", many_rows, MAX_ROWS + 1),
        "2025/wiersze.xlsx",
        "Wizyty",
    ),
    Case(
        "text-too-long",
        E,
        _hostile("tekst.xlsx", long_text, MAX_TEXT + 1),
        "2025/tekst.xlsx",
        "Wizyty",
        2,
        "D",
    ),
    Case("file-skipped", W, _file("notatki.txt", b"notatki"), "2025/notatki.txt"),
    Case("lock-file-skipped", W, _lock_file, "2025/~$dane.xlsx"),
    Case("sheet-missing", E, _no_city_sheet, "rejestr.xlsx", "Miasto"),
    Case("partners-sheet-missing", W, _no_partners_sheet, "rejestr.xlsx", "Miasta partnerskie"),
    Case("organizations-sheet-missing", W, _no_organizations_sheet, "rejestr.xlsx", "Organizacje"),
    Case("sheet-unknown", W, _raw_year({"Arkusz1": [["coś"]]}), "2025/dane.xlsx", "Arkusz1"),
    Case(
        "sheet-misplaced",
        W,
        _raw_year({"Miasta partnerskie": table(PARTNER_HEADERS, PARTNERS)}),
        "2025/dane.xlsx",
        "Miasta partnerskie",
    ),
    Case(
        "header-missing",
        E,
        _raw_year({"Wizyty": [["Data", "Skąd", "Kto"], [date(YEAR, 6, 9), "Erfurt", "burmistrz"]]}),
        "2025/dane.xlsx",
        "Wizyty",
        1,
    ),
    Case(
        "title-rows-skipped",
        W,
        _raw_year({"Wizyty": [["Wizyty w 2025 roku"], [], VISIT_HEADERS, VISIT_ROW]}),
        "2025/dane.xlsx",
        "Wizyty",
        1,
    ),
    Case(
        "column-unknown",
        W,
        _raw_year({"Wizyty": [[*VISIT_HEADERS, "Uwagi"], [*VISIT_ROW, "x"]]}),
        "2025/dane.xlsx",
        "Wizyty",
        1,
        "J",
    ),
    Case(
        "column-missing",
        E,
        _raw_year(
            {"Wizyty": [VISIT_HEADERS[:4] + VISIT_HEADERS[5:], VISIT_ROW[:4] + VISIT_ROW[5:]]}
        ),
        "2025/dane.xlsx",
        "Wizyty",
        1,
    ),
    Case(
        "column-duplicate",
        E,
        _raw_year({"Wizyty": [[*VISIT_HEADERS, "Od"], [*VISIT_ROW, date(YEAR, 6, 9)]]}),
        "2025/dane.xlsx",
        "Wizyty",
        1,
        "J",
    ),
    Case(
        "field-unknown",
        W,
        _year(metryczka={**METRYCZKA, "Autor": "ktoś"}),
        "2025/dane.xlsx",
        "Metryczka",
        7,
        "A",
    ),
    Case(
        "field-missing",
        E,
        _year(metryczka={"Informację wytworzył(a)": "Biuro"}),
        "2025/dane.xlsx",
        "Metryczka",
    ),
    Case(
        "field-duplicate",
        E,
        _raw_year(
            {"Metryczka": [*fields(METRYCZKA), ["Na podstawie", "drugi raz"]]},
            with_metryczka=False,
        ),
        "2025/dane.xlsx",
        "Metryczka",
        7,
        "A",
    ),
    Case("metryczka-missing", E, _year(metryczka=None, wizyty=[visit()]), "2025", "Metryczka"),
    Case(
        "value-required", E, _year(wizyty=[visit(Goście=None)]), "2025/dane.xlsx", "Wizyty", 2, "E"
    ),
    Case(
        "formula-no-value",
        E,
        _year(wizyty=[visit(Liczba_osób=Formula("2+2"))]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "H",
    ),
    Case(
        "cell-error",
        E,
        _year(wizyty=[visit(Liczba_osób=Error("#N/A"))]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "H",
    ),
    Case(
        "date-invalid",
        E,
        _year(wizyty=[visit(Data_od="32.13.2025")]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "A",
    ),
    Case(
        "termin-invalid",
        E,
        _raw_year(
            {"Wizyty": [["Termin", "Miasto", "Goście", "Cel"], ["wkrótce", "Erfurt", "g", "c"]]}
        ),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "A",
    ),
    Case(
        "year-invalid",
        E,
        _registry(organizations=[{"Nazwa": "Eurocities", "Od roku": "dawno"}]),
        "rejestr.xlsx",
        "Organizacje",
        2,
        "B",
    ),
    Case(
        "number-invalid",
        E,
        _year(wizyty=[visit(Liczba_osób=2.5)]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "H",
    ),
    Case(
        "number-negative",
        E,
        _registry(partners=[{**PARTNERS[0], "Liczba mieszkańców": -5}]),
        "rejestr.xlsx",
        "Miasta partnerskie",
        2,
        "E",
    ),
    Case(
        "number-too-large",
        E,
        _year(wyjazdy=[trip(Koszt=1e308)]),
        "2025/dane.xlsx",
        "Wyjazdy",
        2,
        "H",
    ),
    Case(
        "amount-invalid",
        E,
        _year(wyjazdy=[trip(Koszt="dużo")]),
        "2025/dane.xlsx",
        "Wyjazdy",
        2,
        "H",
    ),
    Case(
        "currency-invalid",
        E,
        _year(projekty=[project(Waluta="E1")]),
        "2025/dane.xlsx",
        "Projekty",
        2,
        "H",
    ),
    Case(
        "currency-mismatch",
        E,
        _year(projekty=[project(Wartość="15 000 EUR", Waluta="PLN")]),
        "2025/dane.xlsx",
        "Projekty",
        2,
        "F",
    ),
    Case(
        "choice-invalid",
        E,
        _year(wizyty=[visit(Dziedzina="polityka")]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "G",
    ),
    Case(
        "country-unknown",
        E,
        _year(wizyty=[visit(Miasto="Atlantyda", Kraj="Atlantyda")]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "D",
    ),
    Case(
        "date-range-reversed",
        E,
        _year(wizyty=[visit(Data_od=date(YEAR, 6, 9), Data_do=date(YEAR, 6, 1))]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "B",
    ),
    Case(
        "date-outside-year",
        E,
        _year(wyjazdy=[trip(Data_od=date(2024, 3, 1), Data_do=None)]),
        "2025/dane.xlsx",
        "Wyjazdy",
        2,
        "A",
    ),
    Case(
        "project-outside-year",
        W,
        _year(
            projekty=[project(Data_rozpoczęcia=date(2020, 1, 1), Data_zakończenia=date(2021, 1, 1))]
        ),
        "2025/dane.xlsx",
        "Projekty",
        2,
        "D",
    ),
    Case(
        "city-unknown",
        E,
        _year(wizyty=[visit(Miasto="Berlin", Kraj=None)]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "C",
    ),
    Case(
        "country-mismatch",
        E,
        _year(wizyty=[visit(Miasto="erfurt", Kraj="Francja")]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "D",
    ),
    Case("record-duplicate", W, _duplicate, "2025/b.xlsx", "Wizyty", 2),
    Case("record-conflict", E, _conflict, "2025/b.xlsx", "Wyjazdy", 3),
    Case(
        "country-domestic",
        E,
        _year(wizyty=[visit(Miasto="Ząbki", Kraj="Polska")]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "D",
    ),
    Case("previous-year-errors", W, _previous_with_errors, "2024"),
    Case("earlier-year-errors", W, _earlier_with_errors, "2023"),
    Case(
        "licence-unknown",
        E,
        _registry(city={**CITY, "Licencja": "otwarta"}),
        "rejestr.xlsx",
        "Miasto",
        7,
        "B",
    ),
    Case(
        "resolution-invalid",
        E,
        _registry(partners=[{**PARTNERS[0], "Uchwała": "207/2004"}]),
        "rejestr.xlsx",
        "Miasta partnerskie",
        2,
        "J",  # the optional columns follow the nine others
    ),
    Case(
        "partner-status-conflict",
        E,
        _registry(partners=[{**PARTNERS[0], "Data zakończenia": 2020, "Status": "aktywne"}]),
        "rejestr.xlsx",
        "Miasta partnerskie",
        2,
        "J",
    ),
    Case(
        "plan-term-invalid",
        E,
        _year(plan=[plan_item(YEAR, Termin="po wakacjach")]),
        "2025/dane.xlsx",
        "Plan",
        2,
        "C",
    ),
    Case(
        "plan-outside-year",
        E,
        _year(plan=[plan_item(YEAR, Termin="marzec 2025")]),
        "2025/dane.xlsx",
        "Plan",
        2,
        "C",
    ),
    Case(
        "plan-status-invalid",
        E,
        _planned([_status("w toku")]),
        "2025/dane.xlsx",
        "Realizacja planu",
        2,
        "B",
    ),
    Case(
        "plan-status-year",
        E,
        _planned([_status("przeniesiono na rok 2027")]),
        "2025/dane.xlsx",
        "Realizacja planu",
        2,
        "B",
    ),
    Case(
        "plan-status-missing",
        W,
        _planned([_status(None)]),
        "2025/dane.xlsx",
        "Realizacja planu",
        2,
        "B",
    ),
    Case(
        "plan-status-unplanned",
        W,
        _planned([_status("zrealizowano"), _status("zrealizowano", "wymiana szkół")]),
        "2025/dane.xlsx",
        "Realizacja planu",
        3,
        "A",
    ),
    Case(
        "plan-status-no-plan",
        W,
        _planned([_status("zrealizowano")], plan=False),
        "2025/dane.xlsx",
        "Realizacja planu",
    ),
    Case("file-empty", E, _file("pusty.xlsx", b""), "2025/pusty.xlsx"),
    Case("sheet-empty", E, _empty_city_sheet, "rejestr.xlsx", "Miasto"),
    Case(
        "column-unnamed",
        W,
        _raw_year({"Wizyty": [VISIT_HEADERS, [*VISIT_ROW, None, "x"]]}),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "K",
    ),
    Case(
        "column-ignored",
        W,
        _raw_year(
            {
                "Metryczka": [
                    r + (["x"] if r[0] == "Na podstawie" else []) for r in fields(METRYCZKA)
                ]
            },
            with_metryczka=False,
        ),
        "2025/dane.xlsx",
        "Metryczka",
        6,
        "C",
    ),
    Case(
        "field-unnamed",
        W,
        _raw_year({"Metryczka": [*fields(METRYCZKA), [None, "bez nazwy"]]}, with_metryczka=False),
        "2025/dane.xlsx",
        "Metryczka",
        7,
        "A",
    ),
    Case(
        "field-required",
        E,
        _year(metryczka={**METRYCZKA, "Data wytworzenia": None}),
        "2025/dane.xlsx",
        "Metryczka",
        3,
        "B",
    ),
    Case(
        "signed-required",
        E,
        _registry(partners=[{**PARTNERS[0], "Data podpisania": None}]),
        "rejestr.xlsx",
        "Miasta partnerskie",
        2,
        "G",
    ),
    Case(
        "place-required",
        E,
        _year(wizyty=[visit(Miasto=None, Kraj=None)]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "D",
    ),
    Case(
        "date-nonexistent",
        E,
        _year(wizyty=[visit(Data_od="29.02.2025")]),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "A",
    ),
    Case(
        "termin-reversed",
        E,
        _raw_year(
            {"Wizyty": [["Termin", "Miasto", "Goście", "Cel"], ["8-6.11.2025", "Erfurt", "g", "c"]]}
        ),
        "2025/dane.xlsx",
        "Wizyty",
        2,
        "A",
    ),
    Case("city-unchecked", E, _no_registry_city, "2025/dane.xlsx", "Wizyty", 2, "C"),
    Case("sheet-duplicate", W, _two_metryczki(False), "2025/b.xlsx", "Metryczka", 2),
    Case("sheet-conflict", E, _two_metryczki(True), "2025/b.xlsx", "Metryczka", 6, "B"),
]


def _the_problem(problems: tuple[Problem, ...], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert found, f"no {code!r} among {[p.code for p in problems]}"
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_every_problem_code_is_reported_where_it_is(tmp_path: Path, case: Case) -> None:
    case.build(tmp_path)
    result = check_year(tmp_path, YEAR)
    p = _the_problem(result.problems, case.code)
    assert p.severity is case.severity
    assert (p.file, p.sheet, p.row, p.column) == (case.file, case.sheet, case.row, case.column)
    assert p.message[0].isupper() or p.message[0] == "„", p.message
    assert p.message.endswith("."), p.message
    # errors block the build; a warning alone does not
    assert (result.data is None) if case.severity is E else True
    assert all(t.balanced for t in result.tallies.values()), result.tallies


def test_the_matrix_covers_every_registered_code() -> None:
    assert sorted(c.code for c in CASES) == sorted(CODES)
    assert len({c.code for c in CASES}) == len(CASES)


def test_severity_of_each_case_matches_the_registry() -> None:
    for case in CASES:
        assert CODES[case.code].severity is case.severity, case.code
