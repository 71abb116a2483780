"""Property-based: random cells in random sheets never raise, and the counts add up.

Two levels: the loader on in-memory sheets (cheap, more examples), and the
whole check on workbooks written to disk (fewer examples, to stay fast).
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.checking.check import check_year
from reports.inputs.load import load_sheet
from reports.inputs.problems import CODES
from reports.inputs.schemas import ALL_SHEETS, YEAR_SHEETS, SheetKind
from reports.inputs.xlsx import ExcelError, FormulaWithoutValue, RawSheet
from tests.workbooks import Cell, Formula, write_registry, write_workbook

# values an officer might plausibly type, valid or not
TYPICAL = st.sampled_from(
    [
        "Erfurt",
        "erfurt ",
        "Berlin",
        "Niemcy",
        "DE",
        "Mars",
        "kultura",
        "polityka",
        "15.03.2025",
        "2025-03-15",
        "15 marca 2025",
        "32.13.2025",
        "6-8.11.2025",
        "30.09–2.10.2025",
        "8-6.11.2025",
        "2025",
        "1992",
        "12 500,50 zł",
        "15 000 EUR",
        "-5",
        "2,5",
        "miasto partnerskie",
        "współpraca bez umowy",
        "Pole",
        "Wartość",
        "#N/A",
        "  ",
        "Erfurt; Hamm",
        "PLN",
    ]
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=12)
FILE_CELL: st.SearchStrategy[Cell] = st.one_of(
    st.none(),
    TYPICAL,
    TEXT,
    st.integers(min_value=-(10**6), max_value=10**7),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2031, 12, 31)),
    st.booleans(),
)
MEMORY_CELL: st.SearchStrategy[Any] = st.one_of(
    FILE_CELL,
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.times(),
    st.builds(ExcelError, st.sampled_from(["#N/A", "#DIV/0!", "#VALUE!"])),
    st.builds(FormulaWithoutValue, st.just("=A1")),
    st.floats(allow_nan=True, allow_infinity=True),
)


def _headers(spec_names: list[str]) -> st.SearchStrategy[list[Any]]:
    return st.lists(
        st.one_of(st.sampled_from(spec_names), st.sampled_from(["Uwagi", "", None]), TEXT),
        min_size=0,
        max_size=len(spec_names) + 2,
    )


@st.composite
def raw_sheets(draw: st.DrawFn) -> tuple[Any, RawSheet]:
    spec = draw(st.sampled_from(ALL_SHEETS))
    names = [n for c in spec.columns for n in c.names]
    if spec.kind is SheetKind.FIELDS:
        rows = draw(
            st.lists(
                st.tuples(st.one_of(st.sampled_from(names), MEMORY_CELL), MEMORY_CELL),
                max_size=10,
            )
        )
        values = [tuple(r) for r in rows]
    else:
        header = tuple(draw(_headers(names)))
        width = max(len(header), 1)
        body = draw(st.lists(st.lists(MEMORY_CELL, min_size=0, max_size=width + 1), max_size=8))
        values = [header, *(tuple(r) for r in body)]
    numbered = tuple(
        (n, row) for n, row in enumerate(values, start=1) if any(v is not None for v in row)
    )
    return spec, RawSheet(spec.name, numbered)


@settings(max_examples=150, deadline=None)
@given(raw_sheets(), st.sampled_from([None, 2025]))
def test_loading_any_sheet_never_raises_and_counts_add_up(
    case: tuple[Any, RawSheet], year: int | None
) -> None:
    spec, raw = case
    loaded = load_sheet(raw, spec, "x.xlsx", year)
    problems = loaded.problems
    assert loaded.read == loaded.rejected + len(loaded.rows)
    assert all(p.code in CODES for p in problems)
    rows = {n for n, _ in raw.rows}
    assert all(p.row is None or p.row in rows for p in problems)
    assert all(p.file == "x.xlsx" and p.sheet == spec.name for p in problems)
    if loaded.rejected:
        assert any(p.is_error or p.code == "project-outside-year" for p in problems)


def test_a_project_outside_the_year_in_a_sheet_without_names_is_told_without_one() -> None:
    """The case the property above found: no „Nazwa” column, one start date after the year."""
    projekty = next(s for s in ALL_SHEETS if s.name == "Projekty")
    raw = RawSheet("Projekty", ((1, ("Data rozpoczęcia",)), (2, (date(2026, 1, 1),))))
    loaded = load_sheet(raw, projekty, "x.xlsx", 2025)
    outside = next(p for p in loaded.problems if p.code == "project-outside-year")
    assert outside.message.startswith("Projekt trwał od 1 stycznia 2026 r., czyli nie w roku 2025")


SHEET_NAMES = [s.name for s in YEAR_SHEETS] + ["Arkusz1", "Miasta partnerskie"]


@st.composite
def year_workbooks(draw: st.DrawFn) -> list[dict[str, list[list[Cell]]]]:
    books = []
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        sheets: dict[str, list[list[Cell]]] = {}
        for name in draw(st.lists(st.sampled_from(SHEET_NAMES), max_size=3, unique=True)):
            spec = next((s for s in ALL_SHEETS if s.name == name), YEAR_SHEETS[1])
            names = [n for c in spec.columns for n in c.names]
            header: list[Cell] = list(draw(_headers(names)))
            body = draw(st.lists(st.lists(FILE_CELL, max_size=len(header) + 1), max_size=5))
            sheets[name] = [header, *body]
        if draw(st.booleans()) and "Wizyty" in sheets and len(sheets["Wizyty"]) > 1:
            sheets["Wizyty"][1] = [Formula("1+1", draw(st.sampled_from([None, 2, "x"])))]
        books.append(sheets)
    return books


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(year_workbooks())
def test_checking_random_workbooks_never_raises_and_reconciles(
    books: list[dict[str, list[list[Cell]]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder)
        write_registry(inputs)
        for number, sheets in enumerate(books):
            write_workbook(inputs / "2025" / f"plik{number}.xlsx", sheets)
        result = check_year(inputs, 2025)
    for name, tally in result.tallies.items():
        assert tally.balanced, (name, tally)
        assert min(tally.read, tally.kept, tally.duplicates, tally.rejected) >= 0
    assert all(p.code in CODES for p in result.problems)
    assert (result.data is None) == (not result.ok)
    if result.data is not None:
        year = result.data
        kinds = (
            ("Wizyty", year.visits),
            ("Wyjazdy", year.trips),
            ("Projekty", year.projects),
            ("Nagrody", year.awards),
        )
        for sheet, records in kinds:
            # None only where no workbook has the sheet: then no row was read either
            assert len(records or ()) == result.tallies[sheet].kept
            given = any(sheet in book for book in books)
            assert (records is not None) == given, sheet


def test_time_of_day_cells_are_problems_not_crashes() -> None:
    raw = RawSheet("Wizyty", ((1, ("Data od", "Goście", "Cel")), (2, (time(8, 0), "g", "c"))))
    spec = next(s for s in ALL_SHEETS if s.name == "Wizyty")
    loaded = load_sheet(raw, spec, "x.xlsx", 2025)
    problems = loaded.problems
    assert loaded.rejected == 1 and problems[0].code == "date-invalid"
