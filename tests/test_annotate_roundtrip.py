"""An annotated copy read back is its original: fixed and saved over it, it checks clean.

The officer's loop: check → annotated copy „…-do-poprawy.xlsx” → fix the marked
cells in the copy → save it in place of the original → check again.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from reports.checking.check import check_year
from reports.inputs.marks import COPY_OF, copy_of
from reports.inputs.workbook import read_workbook
from reports.publish.annotate import FILLS, annotate_workbooks
from tests.workbooks import award, visit, write_registry, write_year

YEAR = 2025


def _year_with_three_mistakes(inputs: Path) -> Path:
    write_registry(inputs)
    return write_year(
        inputs,
        YEAR,
        "bwz.xlsx",
        wizyty=[
            visit(),
            visit(Goście="orkiestra", Data_od="31.02.2025"),  # no such day
            visit(Goście="zespół", Liczba_osób=-3),  # negative
        ],
        nagrody=[award(Data=date(2023, 5, 9))],  # outside the year
    )


def _fix(copy: Path) -> None:
    """What the officer does in the copy: the three marked cells corrected."""
    book = load_workbook(copy)
    visits = book["Wizyty"]
    visits["A3"] = date(YEAR, 2, 28)
    visits["H4"] = 3
    book["Nagrody"]["C2"] = date(YEAR, 5, 9)
    book.save(copy)


def test_a_fixed_copy_saved_over_the_original_checks_clean(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    original = _year_with_three_mistakes(inputs)
    check = check_year(inputs, YEAR)
    assert {p.code for p in check.errors} == {
        "date-nonexistent",
        "number-negative",
        "date-outside-year",
    }
    (copy,) = annotate_workbooks(check, inputs, tmp_path / "poprawki")
    assert copy.name == "bwz-do-poprawy.xlsx"
    assert copy_of(copy) == "bwz.xlsx"
    _fix(copy)
    shutil.copy(copy, original)  # „Zapisz jako…” bwz.xlsx, replacing it

    again = check_year(inputs, YEAR)
    assert again.problems == ()  # no „Nieznany arkusz” for „Problemy”, no duplicates
    assert again.data is not None and again.data.visits is not None
    assert len(again.data.visits) == 3
    raw = read_workbook(original)
    assert "Problemy" not in [s.name for s in raw.sheets]
    assert raw.copy_of == "bwz.xlsx"


def test_a_copy_beside_its_original_is_set_aside_with_an_error(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    original = _year_with_three_mistakes(inputs)
    (copy,) = annotate_workbooks(check_year(inputs, YEAR), inputs, tmp_path / "poprawki")
    _fix(copy)
    shutil.copy(copy, original.parent / copy.name)

    check = check_year(inputs, YEAR)
    beside = [p for p in check.problems if p.code == "copy-beside-original"]
    assert [(p.file, p.is_error) for p in beside] == [(f"{YEAR}/bwz-do-poprawy.xlsx", True)]
    assert "„bwz.xlsx”" in beside[0].message
    assert not [p for p in check.problems if p.code in ("record-duplicate", "sheet-unknown")]


def test_annotating_a_copy_again_replaces_the_old_marks(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    original = _year_with_three_mistakes(inputs)
    (copy,) = annotate_workbooks(check_year(inputs, YEAR), inputs, tmp_path / "poprawki")
    book = load_workbook(copy)
    book["Wizyty"]["A3"] = date(YEAR, 2, 28)  # one of three fixed
    book.save(copy)
    shutil.copy(copy, original)

    (second,) = annotate_workbooks(check_year(inputs, YEAR), inputs, tmp_path / "znowu")
    book = load_workbook(second)
    assert book.sheetnames.count("Problemy") == 1 and "Problemy (raport)" not in book.sheetnames
    assert book["Problemy"].max_row == 3  # the header and the two problems left
    fixed = book["Wizyty"]["A3"]
    assert fixed.comment is None
    assert not (fixed.fill.fgColor.rgb or "").endswith(FILLS[next(iter(FILLS))])
    assert book["Wizyty"]["H4"].comment is not None
    props = [p for p in book.custom_doc_props.props if p.name == COPY_OF]
    assert [p.value for p in props] == ["bwz.xlsx"]
