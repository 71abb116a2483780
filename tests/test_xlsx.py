"""The openpyxl boundary: what comes out of a file, and files that are not workbooks."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from reports.inputs.xlsx import ExcelError, FormulaWithoutValue, column_letter, read_workbook
from tests.workbooks import Error, Formula, write_workbook

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_rows_come_with_excel_row_numbers_and_empty_rows_left_out(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "a.xlsx",
        {"Wizyty": [["Data od", "Miasto"], [], [date(2025, 1, 2), "Erfurt"], [None, None, "x"]]},
    )
    book = read_workbook(path, "2025/a.xlsx")
    assert book.problem is None and book.name == "2025/a.xlsx"
    (sheet,) = book.sheets
    assert sheet.name == "Wizyty"
    assert [n for n, _ in sheet.rows] == [1, 3, 4]
    assert sheet.rows[1][1] == (datetime(2025, 1, 2), "Erfurt")
    assert sheet.rows[2][1] == (None, None, "x")


def test_formulas_are_read_by_their_cached_values(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "f.xlsx",
        {
            "Wizyty": [
                ["Liczba osób", "Cel", "Pusta", "Błąd"],
                [Formula("2+2", 4), Formula('"a"&"b"', "ab"), Formula("1+1"), Error("#DIV/0!")],
            ],
            "Nagrody": [["Nazwa"], ["bez formuł"]],
        },
    )
    book = read_workbook(path)
    values = book.sheets[0].rows[1][1]
    assert values[0] == 4 and values[1] == "ab"
    assert values[2] == FormulaWithoutValue("=1+1")
    assert values[3] == ExcelError("#DIV/0!")
    assert book.sheets[1].rows[1][1] == ("bez formuł",)


def test_hidden_sheets_are_marked(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "h.xlsx", {"A": [["x"]], "Listy": [["y"]]}, hidden=["Listy"])
    assert [(s.name, s.hidden) for s in read_workbook(path).sheets] == [
        ("A", False),
        ("Listy", True),
    ]


def test_a_wrong_dimension_tag_does_not_hide_rows(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "d.xlsx", {"A": [["a"], ["b"], ["c"]]})
    fixed = tmp_path / "dim.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b'<dimension ref="A1:A3"/>', b'<dimension ref="A1:A1"/>')
            target.writestr(info, data)
    assert [n for n, _ in read_workbook(fixed).sheets[0].rows] == [1, 2, 3]


def _ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")


def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("word/document.xml", "<x/>")


def _broken_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/workbook.xml", "<to nie jest xml")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file-empty"),
        (b"PK\x03\x04 truncated zip", "file-unreadable"),
        (b"Data od;Miasto\n2025-01-01;Erfurt\n", "file-unreadable"),
        (OLE, "file-wrong-format"),
        (OLE + "EncryptionInfo".encode("utf-16-le"), "file-encrypted"),
        (_ods, "file-wrong-format"),
        (_docx, "file-wrong-format"),
        (_broken_workbook, "file-unreadable"),
    ],
    ids=["empty", "corrupt-zip", "csv", "xls", "encrypted", "ods", "docx", "broken-xml"],
)
def test_a_file_that_is_not_a_workbook_is_one_problem(
    tmp_path: Path, content: object, code: str
) -> None:
    path = tmp_path / "plik.xlsx"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        content(path)  # type: ignore[operator]
    book = read_workbook(path, "2025/plik.xlsx")
    assert book.sheets == ()
    assert book.problem is not None
    assert (book.problem.code, book.problem.file) == (code, "2025/plik.xlsx")
    assert book.problem.sheet is None and book.problem.row is None


def test_a_truncated_real_workbook_is_one_problem(tmp_path: Path) -> None:
    good = write_workbook(tmp_path / "g.xlsx", {"Wizyty": [["Data od"], [date(2025, 1, 1)]]})
    bad = tmp_path / "b.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    book = read_workbook(bad)
    assert book.problem is not None and book.problem.code == "file-unreadable"


def test_reading_never_modifies_the_file(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"Wizyty": [["Liczba osób"], [Formula("1+1")]]})
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    read_workbook(path)
    after = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    assert before == after


def test_column_letters() -> None:
    assert [column_letter(i) for i in (1, 2, 26, 27, 52, 53, 702, 703)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
