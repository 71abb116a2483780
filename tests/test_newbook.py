"""``raport new``: the blank workbook, round-tripped through the checker."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from reports.checking.check import check_year
from reports.inputs.schemas import METRYCZKA, NAGRODY, PROJEKTY, WIZYTY, WYJAZDY
from reports.publish.newbook import WorkbookExists, create_year_workbook, workbook_path
from tests.workbooks import PARTNERS, visit, write_registry, write_year

YEAR = 2026
TODAY = date(2027, 3, 1)


def _header(text: object) -> str:
    """A header without the required mark „ *”."""
    return str(text).removesuffix(" *")


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    write_registry(tmp_path)
    return create_year_workbook(tmp_path, YEAR)


def _validations(ws: Any) -> dict[str, Any]:
    """Data validations by the first cell of their range."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        first = str(dv.sqref).split()[0].split(":")[0]
        found[first] = dv
    return found


def test_the_blank_workbook_has_every_sheet_in_order(blank: Path) -> None:
    assert blank == workbook_path(blank.parents[1], YEAR)
    book = load_workbook(blank)
    assert book.sheetnames == [
        "Instrukcja",
        "Metryczka",
        "Wizyty",
        "Wyjazdy",
        "Projekty",
        "Nagrody",
        "Plan",
        "Listy",
    ]
    assert book["Listy"].sheet_state == "hidden"
    assert book.active.title == "Instrukcja"
    text = " ".join(str(c.value) for c in book["Instrukcja"]["A"] if c.value)
    assert f"w roku {YEAR}" in text and f"raport check {YEAR}" in text and "Kalisza" in text
    assert text.index("raport serve") < text.index(f"raport check {YEAR}")  # the page first
    instructions = book["Instrukcja"]
    assert instructions.print_area == f"'Instrukcja'!$A$1:$A${instructions.max_row}"
    assert int(instructions.page_setup.paperSize) == int(instructions.PAPERSIZE_A4)
    assert instructions.page_setup.fitToWidth == 1 and instructions.page_setup.fitToHeight == 0
    assert instructions.sheet_properties.pageSetUpPr.fitToPage
    assert max(len(str(c.value or "")) for c in instructions["A"]) <= 100


@pytest.mark.parametrize("spec", [WIZYTY, WYJAZDY, PROJEKTY, NAGRODY], ids=lambda s: s.name)
def test_each_table_sheet_has_headers_frozen_widths_and_date_formats(
    blank: Path, spec: Any
) -> None:
    ws = load_workbook(blank)[spec.name]
    headers = [c.value for c in ws[1]]
    assert headers == [c.header + (" *" if c.required else "") for c in spec.template_columns]
    assert "Termin" not in headers
    assert ws.freeze_panes == "A2"
    assert ws[1][0].font.bold
    for letter, column in zip("ABCDEFGHIJ", spec.template_columns, strict=False):
        dimension = ws.column_dimensions[letter]
        assert dimension.width >= len(column.header)
        if column.is_date:
            assert dimension.number_format.upper() == "DD.MM.YYYY"
    validations = _validations(ws)
    for letter, column in zip("ABCDEFGHIJ", spec.template_columns, strict=False):
        assert validations[f"{letter}1"].prompt, column.header  # hint on the header
        assert validations[f"{letter}2"].showInputMessage  # and on the column


def test_drop_downs_dziedzina_strict_miasto_open(blank: Path) -> None:
    book = load_workbook(blank)
    ws = book["Wizyty"]
    validations = _validations(ws)
    domain, city, people = validations["G2"], validations["C2"], validations["H2"]
    assert domain.type == "list" and domain.showErrorMessage and domain.errorStyle == "stop"
    assert city.type == "list" and not city.showErrorMessage  # other places still allowed
    assert people.type == "whole"
    lists = book["Listy"]

    def values(formula: str) -> list[object]:
        ref = formula.split("!")[1].replace("$", "")
        return [c.value for row in lists[ref] for c in row]

    assert values(domain.formula1) == [
        "samorząd",
        "kultura",
        "edukacja",
        "sport",
        "gospodarka",
        "turystyka",
        "społeczeństwo",
        "inne",
    ]
    partners = values(city.formula1)
    assert partners == sorted(partners, key=lambda n: str(n).replace("Ł", "Lz"))
    assert set(partners) == {str(p["Miasto"]) for p in PARTNERS}
    assert "Niemcy" in values(validations["D2"].formula1)


def test_metryczka_is_prefilled_with_its_fields(blank: Path) -> None:
    ws = load_workbook(blank)["Metryczka"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:2] == ["Pole", "Wartość"]
    fields = len(METRYCZKA.columns)
    assert [_header(r[0]) for r in rows[1 : fields + 1]] == [c.header for c in METRYCZKA.columns]
    assert rows[2][0] == "Data wytworzenia *"
    assert rows[1][1] == "Biuro Współpracy Międzynarodowej"
    assert rows[2][1] is None  # never the download's date: copies of other days agree
    # below the fields, after an empty row: the list of changes, its name and headers
    assert all(v is None for v in rows[fields + 1])
    assert rows[fields + 2][0] == "Zmiany"
    assert rows[fields + 3] == ["Data", "Opis", "Kto"]
    assert ws.cell(row=fields + 5, column=1).number_format == "DD.MM.YYYY"


def test_no_prefilled_metryczka_when_the_year_already_has_one(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "wydzial.xlsx", wizyty=[visit(YEAR)])
    path = create_year_workbook(tmp_path, YEAR)
    rows = [[c.value for c in row] for row in load_workbook(path)["Metryczka"].iter_rows()]
    fields = rows[1 : len(METRYCZKA.columns) + 1]
    assert [_header(r[0]) for r in fields] == [c.header for c in METRYCZKA.columns]
    assert all(r[1] is None for r in fields)
    result = check_year(tmp_path, YEAR)
    assert result.ok and result.problems == (), result.problems


def test_the_metryczka_is_prefilled_when_other_workbooks_have_none(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "wydzial.xlsx", metryczka=None, wizyty=[visit(YEAR)])
    path = create_year_workbook(tmp_path, YEAR)
    rows = [[c.value for c in row] for row in load_workbook(path)["Metryczka"].iter_rows()]
    assert rows[1][1] == "Biuro Współpracy Międzynarodowej"


def test_the_blank_workbook_asks_only_for_the_date_of_its_metryczka(blank: Path) -> None:
    first = check_year(blank.parents[1], YEAR)
    assert [(p.code, p.sheet, p.row, p.column) for p in first.problems] == [
        ("field-required", "Metryczka", 3, "B")
    ]
    book = load_workbook(blank)
    book["Metryczka"]["B3"] = TODAY
    book.save(blank)
    result = check_year(blank.parents[1], YEAR)
    assert result.problems == ()
    assert result.data is not None
    for name in ("Wizyty", "Wyjazdy", "Projekty", "Nagrody"):
        assert result.tallies[name].read == 0
    assert result.data.visits == () and result.data.metryczka.created == TODAY


def test_filled_with_valid_rows_it_checks_clean(blank: Path) -> None:
    book = load_workbook(blank)
    book["Wizyty"].append(
        [date(YEAR, 5, 5), None, "Hamm", None, "delegacja", "wizyta", "sport", 3, "Biuro"]
    )
    book["Wizyty"].append(
        ["6 maja 2026", "8.05.2026", "Wiedeń", "Austria", "goście", "targi", None, None, None]
    )
    book["Wyjazdy"].append(
        [
            date(YEAR, 7, 1),
            date(YEAR, 7, 3),
            "Erfurt",
            None,
            "prezydent",
            "festiwal",
            "kultura",
            "1 200,50 zł",
            None,
        ]
    )
    book["Projekty"].append(
        [
            "Most",
            "Interreg",
            "Hamm; Martin",
            date(YEAR - 1, 1, 1),
            date(YEAR + 1, 1, 1),
            800000,
            None,
            "EUR",
            None,
            None,
        ]
    )
    book["Nagrody"].append(["Nagroda", "Komisja", YEAR, None])
    book["Nagrody"]["C2"].number_format = "DD.MM.YYYY"  # the column's format: 2026 as a date
    book["Metryczka"]["B3"] = TODAY
    book.save(blank)
    result = check_year(blank.parents[1], YEAR)
    assert result.problems == ()
    assert result.data is not None
    assert result.data.visits and result.data.trips and result.data.projects
    assert [v.city for v in result.data.visits] == ["Hamm", "Wiedeń"]
    assert result.data.visits[0].country.name == "Niemcy"
    assert str(result.data.trips[0].cost) == "1200.50"
    assert result.data.projects[0].partners == ("Hamm", "Martin")
    assert [t.kept for t in result.tallies.values()][:4] == [2, 1, 1, 1]
    assert result.data.awards is not None
    assert result.data.awards[0].date == YEAR  # the typed year, not 18.07.1905


def test_never_overwrites(blank: Path) -> None:
    before = blank.read_bytes()
    with pytest.raises(WorkbookExists) as raised:
        create_year_workbook(blank.parents[1], YEAR)
    assert raised.value.path == blank
    assert blank.read_bytes() == before
    assert [p.name for p in blank.parent.iterdir()] == [blank.name]  # no temp file left


def test_without_a_registry_it_still_writes_a_workbook(tmp_path: Path) -> None:
    path = create_year_workbook(tmp_path, YEAR)
    ws = load_workbook(path)["Wizyty"]
    assert _validations(ws)["C2"].type is None  # no partners to offer, just the hint


def test_a_department_workbook_has_no_metryczka(tmp_path: Path) -> None:
    write_registry(tmp_path)
    path = create_year_workbook(tmp_path, YEAR, department="Wydział Kultury i Sztuki")
    assert path.name == f"raport-{YEAR}-wydzial-kultury-i-sztuki.xlsx"
    book = load_workbook(path)
    assert "Metryczka" not in book.sheetnames
    text = " ".join(str(c.value) for c in book["Instrukcja"]["A"] if c.value)
    assert "„Wydział Kultury i Sztuki”" in text and "Arkusz „Metryczka”" not in text
    book["Wizyty"].append([date(YEAR, 5, 5), None, "Hamm", None, "chór", "koncert"])
    book.save(path)
    write_year(tmp_path, YEAR, "biuro.xlsx")  # the office's, with the year's Metryczka
    result = check_year(tmp_path, YEAR)
    assert result.problems == ()


def _trimmed(rows: Any) -> list[tuple[int, tuple[object, ...]]]:
    """Rows without their trailing empty cells (a formatted empty cell reads as None)."""
    found = []
    for number, values in rows:
        cells = list(values)
        while cells and cells[-1] is None:
            cells.pop()
        found.append((number, tuple(cells)))
    return found


def test_the_blank_workbook_as_ods_reads_as_the_xlsx(tmp_path: Path) -> None:
    from reports.inputs.workbook import read_workbook

    for folder in (tmp_path, tmp_path / "b", tmp_path / "c"):
        write_registry(folder)
    ods = create_year_workbook(tmp_path, YEAR, fmt="ods")
    xlsx = create_year_workbook(tmp_path / "b", YEAR)
    assert ods.name == f"raport-{YEAR}.ods"
    mine, theirs = read_workbook(ods), read_workbook(xlsx)
    assert mine.problem is None
    assert [(s.name, s.hidden) for s in mine.sheets] == [(s.name, s.hidden) for s in theirs.sheets]
    for a, b in zip(mine.sheets, theirs.sheets, strict=True):
        assert _trimmed(a.rows) == _trimmed(b.rows), a.name
    assert ods.read_bytes() == create_year_workbook(tmp_path / "c", YEAR, fmt="ods").read_bytes()


def test_libreoffice_keeps_the_ods_drop_downs_and_hints(tmp_path: Path) -> None:
    from tests.test_ods_xls import soffice

    write_registry(tmp_path)
    ods = create_year_workbook(tmp_path, YEAR, fmt="ods")
    soffice([ods], "xlsx", tmp_path / "out", tmp_path / "lo-profile")
    book = load_workbook(tmp_path / "out" / f"raport-{YEAR}.xlsx")
    assert book["Listy"].sheet_state == "hidden"
    assert book["Wizyty"]["A1"].font.b
    validations = _validations(book["Wizyty"])
    domain = validations["G2"]
    assert domain.type == "list" and domain.errorStyle == "stop" and domain.showErrorMessage
    assert domain.formula1.replace("'", "") == "Listy!$B$2:$B$9"
    assert validations["H2"].type == "whole"
    assert validations["A1"].prompt  # the hint on the header
    assert book["Wizyty"]["A2"].number_format.lower().replace("\\", "") == "dd.mm.yyyy"
    assert book["Instrukcja"].print_area
