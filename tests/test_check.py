"""check_year(): the whole input half on built inputs and on the demo inputs."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from reports.checking.check import Report, available_years, check_year
from reports.domain.model import Domain, PartnerKind, YearCounts
from tests.workbooks import (
    PARTNERS,
    award,
    project,
    trip,
    visit,
    write_registry,
    write_workbook,
    write_year,
)

YEAR = 2025
REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "inputs"


def _full_year(inputs: Path) -> None:
    write_registry(
        inputs,
        partners=[
            *PARTNERS,
            {
                "Miasto": "Zagrzeb",
                "Kraj": "HR",
                "Rodzaj": "list intencyjny",
                "Data podpisania": 2030,
            },
            {
                "Miasto": "Lwów",
                "Kraj": "UA",
                "Rodzaj": "miasto partnerskie",
                "Data podpisania": 1995,
                "Data zakończenia": 2010,
            },
        ],
        organizations=[
            {"Nazwa": "Eurocities", "Od roku": 2000},
            {"Nazwa": "Dawna organizacja", "Od roku": 1995, "Do roku": 2001},
        ],
    )
    write_year(
        inputs,
        YEAR,
        wizyty=[
            visit(Data_od=date(YEAR, 9, 1), Data_do=None, Miasto="Preston", Goście="b"),
            visit(Data_od=date(YEAR, 3, 1), Data_do=None, Miasto="Hamm", Goście="a"),
            visit(Data_od=date(YEAR, 3, 1), Data_do=None, Miasto="Erfurt", Goście="c"),
        ],
        wyjazdy=[trip()],
        projekty=[project()],
        nagrody=[award(Data=YEAR)],
    )


def test_a_full_valid_year_checks_clean_and_gives_the_year(tmp_path: Path) -> None:
    _full_year(tmp_path)
    result = check_year(tmp_path, YEAR)
    assert result.problems == ()
    assert result.ok
    year = result.data
    assert year is not None
    assert year.year == YEAR and year.city.name == "Kalisz" and year.city.genitive == "Kalisza"
    assert year.metryczka.author == "Biuro Współpracy Międzynarodowej"
    assert year.metryczka.created == date(2026, 3, 13)
    assert year.visits is not None and year.projects is not None and year.awards is not None
    assert year.organizations is not None and year.trips is not None
    # visits chronological by (start, end, city in Polish order)
    assert [(v.start.month, v.city) for v in year.visits] == [
        (3, "Erfurt"),
        (3, "Hamm"),
        (9, "Preston"),
    ]
    assert year.visits[0].domain is Domain.CULTURE and year.visits[0].people == 4
    # partners active in the year, in Polish order (Łowecz after Martin? no: Ł after L, before M)
    assert year.partners is not None
    assert [p.name for p in year.partners] == [
        "Erfurt",
        "Hamm",
        "Kamieniec Podolski",
        "Łowecz",
        "Martin",
        "Preston",
    ]
    assert year.partners[0].kind is PartnerKind.PARTNER and year.partners[0].signed == 1984
    assert [o.name for o in year.organizations] == ["Eurocities"]
    assert year.projects[0].currency == "PLN" and year.projects[0].partners == (
        "Erfurt",
        "szkoła w Rydze",
    )
    assert year.awards[0].date == YEAR
    assert year.previous is None
    assert year.counts() == YearCounts(visits=3, trips=1, projects=1, awards=1, countries=3)
    tallies = result.tallies
    assert list(tallies) == [
        "Wizyty",
        "Wyjazdy",
        "Projekty",
        "Nagrody",
        "Plan",
        "Miasta partnerskie",
        "Organizacje",
    ]
    assert (tallies["Wizyty"].read, tallies["Wizyty"].kept) == (3, 3)
    assert (tallies["Miasta partnerskie"].read, tallies["Miasta partnerskie"].kept) == (8, 8)
    assert result.files == (tmp_path / "rejestr.xlsx", tmp_path / "2025" / "dane.xlsx")


def test_the_previous_year_gives_its_counts_and_files(tmp_path: Path) -> None:
    _full_year(tmp_path)
    write_year(
        tmp_path,
        YEAR - 1,
        wizyty=[visit(YEAR - 1), visit(YEAR - 1, Goście="inni")],
        wyjazdy=[trip(YEAR - 1, Miasto="Paryż", Kraj="FR")],
    )
    result = check_year(tmp_path, YEAR)
    assert result.ok
    assert result.data is not None
    # no Projekty or Nagrody sheet that year: unknown, not zero
    assert result.data.previous == YearCounts(2, 1, None, None, countries=2)
    assert tmp_path / "2024" / "dane.xlsx" in result.files
    assert "previous-year-errors" not in [p.code for p in result.problems]


def test_a_previous_year_with_errors_gives_no_comparison_and_a_warning(tmp_path: Path) -> None:
    _full_year(tmp_path)
    write_year(
        tmp_path,
        YEAR - 1,
        wizyty=[visit(YEAR - 1), visit(YEAR - 1, Data_od="zła data")],
    )
    result = check_year(tmp_path, YEAR)
    assert result.ok  # the previous year's errors are not this year's errors
    assert result.data is not None and result.data.previous is None
    (warning,) = [p for p in result.problems if p.code == "previous-year-errors"]
    assert not warning.is_error and warning.file == "2024"
    assert "raport check 2024" in warning.message
    assert "date-invalid" not in [p.code for p in result.problems]


def test_files_in_the_year_folder_sorted_and_skipped(tmp_path: Path) -> None:
    _full_year(tmp_path)
    folder = tmp_path / str(YEAR)
    write_year(tmp_path, YEAR, "A-wcześniej.xlsx", metryczka=None, wizyty=[visit(Goście="z A")])
    (folder / "notatki.docx").write_bytes(b"x")
    (folder / "~$dane.xlsx").write_bytes(b"x")
    (folder / ".DS_Store").write_bytes(b"x")
    (folder / "stare").mkdir()
    (folder / "DUŻE.XLSX").write_bytes(
        write_workbook(
            tmp_path / "tmp.xlsx", {"Nagrody": [["Nazwa", "Przyznający", "Data"]]}
        ).read_bytes()
    )
    result = check_year(tmp_path, YEAR)
    assert result.ok
    assert [p.code for p in result.problems] == [
        "file-skipped",
        "file-skipped",
        "lock-file-skipped",
    ]
    assert [p.file for p in result.problems] == [
        "2025/notatki.docx",
        "2025/stare",
        "2025/~$dane.xlsx",
    ]
    assert [f.name for f in result.files[1:]] == ["A-wcześniej.xlsx", "DUŻE.XLSX", "dane.xlsx"]


def test_problems_are_sorted_by_file_sheet_row_column(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(
        tmp_path,
        YEAR,
        "b.xlsx",
        wizyty=[visit(Dziedzina="zła", Data_od="zła"), visit(Liczba_osób=-1)],
        nagrody=[award(Data=2020)],
    )
    write_year(tmp_path, YEAR, "a.xlsx", metryczka=None, wyjazdy=[trip(Koszt="x")])
    result = check_year(tmp_path, YEAR)
    where = [(p.file, p.sheet, p.row, p.column) for p in result.problems]
    assert where == [
        ("2025/a.xlsx", "Wyjazdy", 2, "H"),
        ("2025/b.xlsx", "Nagrody", 2, "C"),
        ("2025/b.xlsx", "Wizyty", 2, "A"),
        ("2025/b.xlsx", "Wizyty", 2, "G"),
        ("2025/b.xlsx", "Wizyty", 3, "H"),
    ]


def test_every_mistake_in_one_run_and_the_counts_add_up(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(
        tmp_path,
        YEAR,
        wizyty=[visit(), visit(Data_od="x"), visit(Goście=None), visit(Kraj="Mars", Miasto="Y")],
        wyjazdy=[trip(Data_od=date(2030, 1, 1), Data_do=None), trip(Miasto="Hamm", Kraj="PL")],
    )
    result = check_year(tmp_path, YEAR)
    assert sorted(p.code for p in result.errors) == [
        "country-mismatch",
        "country-unknown",
        "date-invalid",
        "date-outside-year",
        "value-required",
    ]
    assert result.data is None
    for name, tally in result.tallies.items():
        assert tally.balanced, name
    assert (result.tallies["Wizyty"].kept, result.tallies["Wizyty"].rejected) == (1, 3)
    assert (result.tallies["Wyjazdy"].kept, result.tallies["Wyjazdy"].rejected) == (0, 2)


def test_checking_never_modifies_inputs(tmp_path: Path) -> None:
    _full_year(tmp_path)
    files = sorted(tmp_path.rglob("*.xlsx"))
    before = [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    check_year(tmp_path, YEAR)
    assert [hashlib.sha256(f.read_bytes()).hexdigest() for f in files] == before
    assert sorted(tmp_path.rglob("*")) == sorted([*files, tmp_path / "2025"])  # nothing new written


def test_available_years(tmp_path: Path) -> None:
    for name in ("2025", "2003", "1999x", "stare", "12345"):
        (tmp_path / name).mkdir()
    (tmp_path / "2010").write_text("a file, not a folder")
    assert available_years(tmp_path) == [2003, 2025]
    assert available_years(tmp_path / "nope") == []


def test_to_dict_is_plain_data(tmp_path: Path) -> None:
    import json

    _full_year(tmp_path)
    write_year(tmp_path, YEAR, "b.xlsx", metryczka=None, wizyty=[visit(Data_od="x")])
    result = check_year(tmp_path, YEAR)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["year"] == YEAR and data["ok"] is False and data["errors"] == 1
    assert data["problems"][0]["code"] == "date-invalid"
    assert data["problems"][0]["severity"] == "błąd"
    assert data["tallies"]["Wizyty"] == {"read": 4, "kept": 3, "duplicates": 0, "rejected": 1}


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_demo_inputs_check_clean(year: int) -> None:
    result: Report = check_year(DEMO, year)
    assert result.errors == (), [f"{p.where()}: {p.message}" for p in result.errors]
    assert result.data is not None
    assert all(t.balanced for t in result.tallies.values())
    if year == 2025:
        assert result.data.previous is not None  # 2024 exists
        assert result.tallies["Wyjazdy"].duplicates >= 1  # the two workbooks overlap


def test_an_unknown_sheet_lists_the_recognised_ones_and_suggests_one(tmp_path: Path) -> None:
    _full_year(tmp_path)
    write_year(tmp_path, YEAR, "inne.xlsx", metryczka=None, extra={"Wizytyy": [["coś"]]})
    (warning,) = [p for p in check_year(tmp_path, YEAR).problems if p.code == "sheet-unknown"]
    assert "Czy chodziło o „Wizyty”?" in warning.message
    assert "Rozpoznawane arkusze to: „Metryczka”" in warning.message


def test_date_messages_read_as_polish_dates_without_invisible_characters(tmp_path: Path) -> None:
    _full_year(tmp_path)
    write_year(
        tmp_path,
        YEAR,
        "stare.xlsx",
        metryczka=None,
        wizyty=[visit(Data_od=date(2024, 11, 6), Data_do=date(2024, 11, 8))],
        projekty=[project(Data_rozpoczęcia=date(2023, 1, 1), Data_zakończenia=date(2024, 1, 1))],
    )
    result = check_year(tmp_path, YEAR)
    outside = next(p for p in result.problems if p.code == "date-outside-year")
    assert "„6–8 listopada 2024 r.”" in outside.message
    project_ = next(p for p in result.problems if p.code == "project-outside-year")
    assert "od 1 stycznia 2023 r. do 1 stycznia 2024 r." in project_.message
    dumped = json.dumps(result.to_dict(), ensure_ascii=False)
    assert "\u2060" not in dumped and "\xa0" not in dumped
