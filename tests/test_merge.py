"""Merging workbooks: duplicates, conflicts, and the registry's say on places."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from reports.checking.check import check_year
from reports.domain.model import Source
from reports.inputs.problems import Problem
from tests.workbooks import (
    METRYCZKA,
    PARTNERS,
    award,
    project,
    trip,
    visit,
    write_registry,
    write_year,
)

YEAR = 2025


def _codes(problems: tuple[Problem, ...]) -> list[str]:
    return [p.code for p in problems]


def test_an_exact_duplicate_across_two_files_is_one_record_and_a_warning(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "biuro.xlsx", wizyty=[visit()])
    # the same visit, typed differently: text date, other case and spacing, country given
    write_year(
        tmp_path,
        YEAR,
        "kultura.xlsx",
        metryczka=None,
        wizyty=[
            visit(
                Data_od="9 czerwca 2025",
                Miasto="ERFURT ",
                Kraj="Niemcy",
                Goście="delegacja  Erfurtu",
                Dziedzina="Kultura",
            )
        ],
    )
    result = check_year(tmp_path, YEAR)
    assert result.ok, result.problems
    assert _codes(result.problems) == ["record-duplicate"]
    warning = result.problems[0]
    assert (warning.file, warning.sheet, warning.row) == ("2025/kultura.xlsx", "Wizyty", 2)
    assert "2025/biuro.xlsx" in warning.message and "2025/kultura.xlsx" in warning.message
    assert result.data is not None and result.data.visits is not None
    (merged,) = result.data.visits
    assert merged.sources == (
        Source("2025/biuro.xlsx", "Wizyty", 2),
        Source("2025/kultura.xlsx", "Wizyty", 2),
    )
    assert merged.city == "Erfurt" and merged.partner == "Erfurt"
    tally = result.tallies["Wizyty"]
    assert (tally.read, tally.kept, tally.duplicates, tally.rejected) == (2, 1, 1, 0)


def test_same_key_with_different_fields_is_an_error_naming_both_and_the_fields(
    tmp_path: Path,
) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "a.xlsx", wyjazdy=[trip()])
    write_year(tmp_path, YEAR, "b.xlsx", metryczka=None, wyjazdy=[trip(Cel="inny cel", Koszt=3000)])
    result = check_year(tmp_path, YEAR)
    assert not result.ok and result.data is None
    (error,) = result.errors
    assert error.code == "record-conflict"
    assert (error.file, error.sheet, error.row) == ("2025/b.xlsx", "Wyjazdy", 2)
    assert "2025/a.xlsx, arkusz „Wyjazdy”, wiersz 2" in error.message
    assert "2025/b.xlsx, arkusz „Wyjazdy”, wiersz 2" in error.message
    assert "„Cel”" in error.message and "„Koszt”" in error.message
    assert "„Zgłasza”" not in error.message
    tally = result.tallies["Wyjazdy"]
    assert (tally.read, tally.kept, tally.duplicates, tally.rejected) == (2, 1, 0, 1)


def test_different_keys_are_different_records(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "a.xlsx", wizyty=[visit()])
    write_year(tmp_path, YEAR, "b.xlsx", metryczka=None, wizyty=[visit(Data_do=None)])
    result = check_year(tmp_path, YEAR)
    assert result.ok and result.data is not None
    assert len(result.data.visits or ()) == 2


def test_duplicates_within_one_sheet_too(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, nagrody=[award(), award(), award(Nazwa="Inna")])
    result = check_year(tmp_path, YEAR)
    assert _codes(result.problems) == ["record-duplicate"]
    assert result.problems[0].row == 3
    assert result.data is not None and len(result.data.awards or ()) == 2


def test_project_key_is_name_and_start(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "a.xlsx", projekty=[project()])
    write_year(
        tmp_path,
        YEAR,
        "b.xlsx",
        metryczka=None,
        projekty=[
            project(Nazwa="WYMIANA UCZNIÓW", Opis="inny opis"),
            project(Data_rozpoczęcia=date(YEAR, 4, 1)),
        ],
    )
    result = check_year(tmp_path, YEAR)
    assert _codes(result.problems) == ["record-conflict"]
    assert result.problems[0].row == 2 and "„Opis”" in result.problems[0].message


def test_two_equal_metryczki_are_a_warning_two_different_an_error(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "a.xlsx")
    write_year(tmp_path, YEAR, "b.xlsx")
    assert _codes(check_year(tmp_path, YEAR).problems) == ["sheet-duplicate"]
    write_year(
        tmp_path,
        YEAR,
        "c.xlsx",
        metryczka={
            "Informację wytworzył(a)": "Wydział Kultury",
            "Data wytworzenia": date(2026, 1, 5),
        },
    )
    result = check_year(tmp_path, YEAR)
    conflict = next(p for p in result.problems if p.code == "sheet-conflict")
    assert conflict.file == "2025/c.xlsx" and conflict.sheet == "Metryczka"
    assert "2025/a.xlsx" in conflict.message and "2025/c.xlsx" in conflict.message


def test_metryczki_are_merged_field_by_field(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "a.xlsx", metryczka={**METRYCZKA, "Na podstawie": None})
    write_year(
        tmp_path,
        YEAR,
        "b.xlsx",
        metryczka={
            "Informację wytworzył(a)": METRYCZKA["Informację wytworzył(a)"],
            "Data wytworzenia": METRYCZKA["Data wytworzenia"],
            "Na podstawie": "KPM-BPM.0643.1.2025",
            "Wstęp": "Rok pełen spotkań.",
        },
    )
    result = check_year(tmp_path, YEAR)
    assert result.ok, result.problems
    assert result.data is not None
    m = result.data.metryczka
    assert m.basis == "KPM-BPM.0643.1.2025" and m.intro == "Rok pełen spotkań."
    assert m.entered_by == METRYCZKA["Wprowadził(a)"]


def test_a_metryczka_conflict_points_at_the_first_differing_field(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "a.xlsx")
    write_year(
        tmp_path,
        YEAR,
        "b.xlsx",
        metryczka={**METRYCZKA, "Wprowadził(a)": None, "Na podstawie": "pismo"},
    )
    result = check_year(tmp_path, YEAR)
    (conflict,) = result.errors
    assert conflict.code == "sheet-conflict"
    assert (conflict.file, conflict.sheet, conflict.row, conflict.column) == (
        "2025/b.xlsx",
        "Metryczka",
        6,
        "B",
    )
    assert conflict.header == "Na podstawie" and conflict.value == "pismo"
    assert "„e-mail”" in conflict.message and "2025/a.xlsx" in conflict.message


def test_a_record_conflict_keeps_the_field_list_out_of_the_value(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, "a.xlsx", wyjazdy=[trip()])
    write_year(tmp_path, YEAR, "b.xlsx", metryczka=None, wyjazdy=[trip(Cel="inny cel")])
    (error,) = check_year(tmp_path, YEAR).errors
    assert error.code == "record-conflict" and error.value is None
    assert "„Cel”" in error.message


def test_a_place_in_poland_is_no_foreign_visit_or_trip(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(
        tmp_path,
        YEAR,
        wizyty=[visit(Miasto="Ząbki", Kraj="Polska")],
        wyjazdy=[trip(Miasto="Gdańsk", Kraj="PL")],
    )
    result = check_year(tmp_path, YEAR)
    assert [(p.code, p.sheet, p.column) for p in result.errors] == [
        ("country-domestic", "Wizyty", "D"),
        ("country-domestic", "Wyjazdy", "D"),
    ]
    assert "zagraniczne" in result.errors[0].message
    assert result.tallies["Wizyty"].rejected == 1 and result.tallies["Wizyty"].balanced


def test_a_registry_partner_in_poland_is_reported_at_its_city(tmp_path: Path) -> None:
    partner = {"Miasto": "Ostrów", "Kraj": "Polska", "Rodzaj": "współpraca bez umowy"}
    write_registry(tmp_path, partners=[*PARTNERS, partner])
    write_year(tmp_path, YEAR, wizyty=[visit(Miasto="Ostrów", Kraj=None)])
    (error,) = check_year(tmp_path, YEAR).errors
    assert (error.code, error.column, error.value) == ("country-domestic", "C", "Ostrów")


def test_registry_partner_takes_its_country_and_spelling(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(
        tmp_path,
        YEAR,
        wizyty=[visit(Miasto="martin", Kraj=None)],
        wyjazdy=[trip(Miasto="Paryż", Kraj="FR")],
    )
    result = check_year(tmp_path, YEAR)
    assert result.ok and result.data is not None
    (v,) = result.data.visits or ()
    assert (v.city, v.partner, v.country.name) == ("Martin", "Martin", "Słowacja")
    (t,) = result.data.trips or ()
    assert (t.city, t.partner, t.country.code) == ("Paryż", None, "FR")
    assert t.cost == Decimal(2500)


def test_a_country_alone_is_fine_a_city_without_country_or_registry_is_not(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(
        tmp_path,
        YEAR,
        wizyty=[
            visit(Miasto=None, Kraj="Włochy", Goście="ambasador Włoch"),
            visit(Miasto="Berlin", Kraj=None, Goście="x"),
            visit(Miasto=None, Kraj=None, Goście="y"),
        ],
    )
    result = check_year(tmp_path, YEAR)
    assert [(p.code, p.row, p.column) for p in result.errors] == [
        ("city-unknown", 3, "C"),
        ("place-required", 4, "D"),
    ]
    tally = result.tallies["Wizyty"]
    assert (tally.read, tally.kept, tally.rejected) == (3, 1, 2)


def test_a_partner_with_another_country_is_an_error(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, wyjazdy=[trip(Miasto="Hamm", Kraj="Austria")])
    result = check_year(tmp_path, YEAR)
    (error,) = result.errors
    assert (error.code, error.column, error.value) == ("country-mismatch", "D", "Austria")
    assert "Niemcy" in error.message


def test_project_partners_take_the_registry_spelling(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, projekty=[project(Partnerzy="ERFURT; Liceum nr 5; łowecz")])
    result = check_year(tmp_path, YEAR)
    assert result.data is not None and result.data.projects is not None
    assert result.data.projects[0].partners == ("Erfurt", "Liceum nr 5", "Łowecz")


def test_duplicate_partners_in_the_registry(tmp_path: Path) -> None:
    from tests.workbooks import PARTNERS

    write_registry(
        tmp_path, partners=[*PARTNERS, {**PARTNERS[0], "Miasto": "ERFURT", "Kraj": "AT"}]
    )
    write_year(tmp_path, YEAR)
    result = check_year(tmp_path, YEAR)
    (error,) = result.errors
    assert (error.code, error.file, error.sheet, error.row) == (
        "record-conflict",
        "rejestr.xlsx",
        "Miasta partnerskie",
        8,
    )
    assert "„Kraj”" in error.message
