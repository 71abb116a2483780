"""Workbooks saved by LibreOffice (.ods) and old Excel (.xls) read as the .xlsx they came from.

The year's workbooks are written as .xlsx, then converted by headless LibreOffice
(as an office would save them); the three folders must give the same cells, the
same problems at the same places, and the same report.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reports.checking.check import Report, check_year
from reports.document.build import build_document
from reports.inputs.workbook import read_workbook
from reports.inputs.xlsx import RawSheet
from reports.publish.annotate import annotate_workbooks
from tests.workbooks import Formula, award, visit, write_year
from tests.years import write_full_year

YEAR = 2025


def soffice(sources: list[Path], fmt: str, outdir: Path, profile: Path) -> None:
    """Convert ``sources`` to ``fmt`` in ``outdir`` with headless LibreOffice, in one run."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program, "LibreOffice is missing: run scripts/bootstrap.sh --dev"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _odd_books(folder: Path) -> None:
    """Workbooks with what readers differ on: a formula's cached value (never re-saved by
    openpyxl, which drops it), a merged cell, a bare year typed into a date cell, bad cells
    to report, formatted empty rows at the end."""
    write_year(
        folder.parent,
        YEAR,
        "formuly.xlsx",
        metryczka=None,
        wizyty=[visit(Goście="chór z Erfurtu", Liczba_osób=Formula("2*20", 40))],
    )
    path = write_year(
        folder.parent,
        YEAR,
        "dziwny.xlsx",
        metryczka=None,
        wizyty=[
            visit(Goście="orkiestra", Data_od="31.02.2025"),
            visit(Goście="zespół", Liczba_osób=-3),
        ],
        nagrody=[award(Nazwa="Nagroda Miast", Data=2025, Uzasadnienie="za współpracę")],
    )
    book = load_workbook(path)
    awards = book["Nagrody"]
    awards["C2"].number_format = "DD.MM.YYYY"  # 2025 shows as 17.07.1905
    awards.merge_cells("D2:E2")
    visits = book["Wizyty"]
    for row in range(4, 9):
        visits.cell(row=row, column=1).number_format = "DD.MM.YYYY"  # formatted, empty
    book.save(path)


@pytest.fixture(scope="module")
def formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same inputs as .xlsx, .ods and .xls (registry stays .xlsx), by format."""
    root = tmp_path_factory.mktemp("formats")
    original = root / "xlsx"
    write_full_year(original, YEAR, visits=8)
    _odd_books(original / str(YEAR))
    sources = sorted((original / str(YEAR)).glob("*.xlsx"))
    folders = {"xlsx": original}
    for fmt in ("ods", "xls"):
        folder = root / fmt
        shutil.copytree(original, folder, ignore=shutil.ignore_patterns(f"{YEAR}"))
        (folder / str(YEAR)).mkdir()
        for earlier in (original / str(YEAR - 1)).glob("*"):
            shutil.copy(earlier, folder / str(YEAR - 1) / earlier.name)
        soffice(sources, fmt, folder / str(YEAR), root / "lo-profile")
        folders[fmt] = folder
    return folders


def _trimmed(sheet: RawSheet) -> list[tuple[int, tuple[object, ...]]]:
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, values in sheet.rows:
        cells = list(values)
        while cells and cells[-1] is None:
            cells.pop()
        rows.append((number, tuple(cells)))
    return rows


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_the_same_cells(formats: dict[str, Path], fmt: str) -> None:
    for path in sorted((formats["xlsx"] / str(YEAR)).glob("*.xlsx")):
        original = read_workbook(path)
        other = read_workbook(formats[fmt] / str(YEAR) / f"{path.stem}.{fmt}")
        assert other.problem is None
        assert [s.name for s in other.sheets] == [s.name for s in original.sheets]
        for mine, theirs in zip(other.sheets, original.sheets, strict=True):
            assert _trimmed(mine) == _trimmed(theirs), (path.name, mine.name)


def _places(check: Report) -> list[tuple[str, str, str | None, str | None, int | None, str | None]]:
    places = [
        (p.code, str(p.severity), (p.file or "").rsplit(".", 1)[0], p.sheet, p.row, p.column)
        for p in check.problems
    ]
    return sorted(places, key=repr)  # rows and columns may be None


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_the_same_problems_at_the_same_places_and_the_same_report(
    formats: dict[str, Path], fmt: str
) -> None:
    original = check_year(formats["xlsx"], YEAR)
    other = check_year(formats[fmt], YEAR)
    assert {p.code for p in original.problems} >= {"date-nonexistent", "number-negative"}
    assert _places(other) == _places(original)
    assert all((p.file or "").endswith(f".{fmt}") for p in other.problems if p.file != "2025")
    assert other.data is None and original.data is None  # errors block both


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_a_clean_year_gives_the_same_report(formats: dict[str, Path], fmt: str) -> None:
    folder = formats[fmt] / str(YEAR)
    clean = formats["xlsx"].parent / f"clean-{fmt}"
    if not clean.exists():
        shutil.copytree(formats[fmt], clean)
        (clean / str(YEAR) / f"dziwny.{fmt}").unlink()
        (clean / str(YEAR) / f"formuly.{fmt}").unlink()
        reference = formats["xlsx"].parent / "clean-xlsx"
        if not reference.exists():
            shutil.copytree(formats["xlsx"], reference)
            (reference / str(YEAR) / "dziwny.xlsx").unlink()
            (reference / str(YEAR) / "formuly.xlsx").unlink()
    assert folder.is_dir()
    mine = check_year(clean, YEAR)
    theirs = check_year(formats["xlsx"].parent / "clean-xlsx", YEAR)
    assert mine.ok and theirs.ok and mine.data is not None and theirs.data is not None
    # the same report; only the annex „Źródła danych” names the workbooks, by their files
    named = repr(build_document(mine.data)).replace(f".{fmt}'", ".xlsx'")
    assert f".{fmt}'" not in named
    assert named == repr(build_document(theirs.data))


def test_a_typed_year_in_a_date_cell_is_that_year(formats: dict[str, Path]) -> None:
    for fmt in ("xlsx", "ods", "xls"):
        check = check_year(formats[fmt], YEAR)
        assert not [p for p in check.problems if p.sheet == "Nagrody"], fmt
    raw = read_workbook(formats["xlsx"] / str(YEAR) / "dziwny.xlsx")
    awards = next(s for s in raw.sheets if s.name == "Nagrody")
    assert awards.rows[1][1][2] == datetime(1905, 7, 17)  # the serial 2025 as a date


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_annotating_an_ods_or_xls_writes_an_xlsx_copy(
    formats: dict[str, Path], fmt: str, tmp_path: Path
) -> None:
    check = check_year(formats[fmt], YEAR)
    copies = annotate_workbooks(check, formats[fmt], tmp_path)
    assert "dziwny-do-poprawy.xlsx" in [c.name for c in copies]
    book = load_workbook(copies[0].parent / "dziwny-do-poprawy.xlsx")
    assert book.sheetnames[0] == "Problemy"
    visits = book["Wizyty"]
    assert visits["A2"].value == "31.02.2025"
    assert visits["A2"].comment is not None
    assert "formatowanie" in " ".join(str(c.value) for c in book["Problemy"]["F"])


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_the_bounds_hold_for_ods_and_xls(
    formats: dict[str, Path], fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports.inputs import limits

    path = formats[fmt] / str(YEAR) / f"biuro.{fmt}"
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    assert read_workbook(path).problem is not None
    assert read_workbook(path).problem.code == "sheet-too-large"  # type: ignore[union-attr]
    monkeypatch.setattr(limits, "MAX_ROWS", 50_000)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    found = read_workbook(path).problem
    assert found is not None and found.code == "file-too-large"
