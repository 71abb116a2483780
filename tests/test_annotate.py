"""Annotated workbooks: every problem marked in a copy, the originals untouched.

One year with mistakes in several workbooks — one made as ``raport new``
makes it (drop-downs, frozen header, widths, date formats, a hidden sheet),
one saved by LibreOffice Calc, the registry, an unreadable file — is checked
and annotated once; LibreOffice then opens every copy (one conversion batch).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName

from reports.checking.check import Report, check_year
from reports.inputs import marks
from reports.inputs.problems import CODES, Problem, Severity
from reports.publish.annotate import (
    FILLS,
    PROBLEMS_SHEET,
    AnnotateRefused,
    annotate_workbooks,
    annotated_copy,
    lost_parts,
)
from reports.publish.newbook import blank_workbook
from reports.publish.xlsx_extensions import sheet_parts
from tests.workbooks import (
    PARTNERS,
    VISIT_HEADERS,
    award,
    table,
    trip,
    visit,
    write_registry,
    write_workbook,
    write_year,
)

# openpyxl warns when it reads a sheet with an Excel 2010 drop-down (the copies carry them)
pytestmark = pytest.mark.filterwarnings("ignore:Data Validation extension")

YEAR = 2025
PRIOR_FILL = "FF00B0F0"  # a fill the officer gave a cell that has no problem


@dataclass(frozen=True)
class Annotated:
    inputs: Path
    check: Report
    copies: tuple[Path, ...]
    before: dict[Path, bytes]
    after: dict[Path, bytes]
    reopened: Path  # the copies as LibreOffice saves them again


def problem_with_message(code: str, message: str, **where: Any) -> Problem:
    """A problem of ``code`` with a message of the test's own (to find it in the copy)."""
    return Problem(code, CODES[code].severity, message, **where)


def _soffice(sources: Sequence[Path], outdir: Path, profile: Path) -> None:
    """Convert ``sources`` to xlsx in ``outdir`` with headless LibreOffice, in one run."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program, "LibreOffice is missing: run scripts/bootstrap.sh --dev"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _fill_table(ws: Any, rows: Sequence[dict[str, Any]]) -> None:
    headers = [str(c.value).removesuffix(" *") for c in ws[1]]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            ws.cell(number, headers.index(header) + 1, value)


def _officer_book(path: Path) -> Path:
    """A workbook as ``raport new`` makes it, filled in with mistakes and some decoration."""
    book = blank_workbook(YEAR, None, prefill_metryczka=False)
    metryczka = book["Metryczka"]
    for row in metryczka.iter_rows(min_row=2):
        if row[0].value == "Informację wytworzył(a)":
            row[1].value = "Biuro Współpracy Międzynarodowej"
        elif row[0].value == "Data wytworzenia":
            row[1].value = date(2026, 3, 13)
    ws = book["Wizyty"]
    _fill_table(
        ws,
        [
            visit(),
            visit(Data_od="zła data", Goście="delegacja z Martina", Miasto="Martin"),
            visit(
                Liczba_osób=-3,
                Dziedzina="kosmos",
                Goście="radni Hamm",
                Miasto="Hamm",
                Zgłasza="=UPPER(E4)",  # a formula without a cached value: kept as written
            ),
        ],
    )
    ws["H4"].comment = Comment("sprawdzić z protokołem", "Anna")
    ws["E2"].fill = PatternFill(fill_type="solid", fgColor=PRIOR_FILL)
    ws.conditional_formatting.add(
        "H2:H50", CellIsRule(operator="greaterThan", formula=["10"], fill=PatternFill("solid"))
    )
    ws.merge_cells("L1:M1")
    ws.row_dimensions[3].height = 31.5
    book.defined_names["Goscie"] = DefinedName("Goscie", attr_text="Wizyty!$E$2:$E$50")
    notes = book.create_sheet("Notatki")
    notes["A1"] = "do zrobienia"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _calc_source(folder: Path) -> Path:
    """A workbook made as ``raport new`` makes it, to be saved again by LibreOffice."""
    book = blank_workbook(YEAR, None, prefill_metryczka=False)
    del book["Metryczka"]
    _fill_table(book["Wyjazdy"], [trip(Miasto="Erfurt", Kraj=None), trip(Koszt="dużo")])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "calc.xlsx"
    book.save(path)
    return path


_X14 = (
    b'<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"%s><x14:dataValidations count="1"%s>'
    b'<x14:dataValidation type="list" allowBlank="1" showErrorMessage="1"><x14:formula1>'
    b"<xm:f>Listy!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>G2:G50</xm:sqref>"
    b"</x14:dataValidation></x14:dataValidations></ext>"
)
_X14_NS = b' xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'
_XM_NS = b' xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"'


def _excel_style(path: Path, *, declared_on_root: bool) -> Path:
    """A workbook whose Dziedzina drop-down is written as Excel 2010 writes a list on
    another sheet: in the sheet's extension list (namespaces on the root, or on itself)."""
    write_workbook(
        path,
        {
            "Wizyty": table(VISIT_HEADERS, [visit(Dziedzina="kosmos")]),
            "Listy": [["kultura"], ["sport"], ["inne"]],
        },
    )
    ext = _X14 % ((b"", b"") if declared_on_root else (_X14_NS, _XM_NS))
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                if declared_on_root:
                    content = content.replace(
                        b"<worksheet ", b"<worksheet" + _X14_NS + _XM_NS + b" ", 1
                    )
                content = content.replace(
                    b"</worksheet>", b"<extLst>" + ext + b"</extLst></worksheet>"
                )
            target.writestr(info, content)
    path.write_bytes(data.getvalue())
    return path


def _sheet_xml(path: Path, title: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(sheet_parts(archive)[title])


def _inputs(root: Path) -> Path:
    inputs = root / "inputs"
    write_registry(
        inputs,
        partners=[
            *PARTNERS,
            {"Miasto": "Atlantyda", "Kraj": "Xland", "Rodzaj": "miasto partnerskie"},
        ],
    )
    _officer_book(inputs / str(YEAR) / "biuro.xlsx")
    write_year(
        inputs,
        YEAR,
        "kultura.xlsx",
        metryczka=None,
        wizyty=[visit()],  # the same as biuro.xlsx's row 2: a duplicate (a whole row)
        nagrody=[award(Data=date(2023, 5, 9))],
    )
    headers = [h for h in VISIT_HEADERS if h != "Cel"]
    write_workbook(
        inputs / str(YEAR) / "sport.xlsx",
        {
            "Wizyty": [
                ["Wizyty sportowe 2025"],
                *table(headers, [_without(visit(Goście="drużyna"), "Cel")]),
            ]
        },
    )
    _excel_style(inputs / str(YEAR) / "excel.xlsx", declared_on_root=True)
    (inputs / str(YEAR) / "zepsuty.xlsx").write_bytes(b"PK\x03\x04 to nie jest skoroszyt")
    return inputs


def _without(row: dict[str, Any], header: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != header}


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> Annotated:
    root = tmp_path_factory.mktemp("annotate")
    inputs = _inputs(root)
    profile = root / "lo-profile"
    _soffice([_calc_source(root / "calc-source")], inputs / str(YEAR), profile)
    before = _snapshot(inputs)
    check = check_year(inputs, YEAR)
    copies = annotate_workbooks(check, inputs, root / "poprawki")
    after = _snapshot(inputs)
    reopened = root / "reopened"
    _soffice(copies, reopened, profile)
    return Annotated(inputs, check, copies, before, after, reopened)


def _problems_of(check: Report, name: str) -> list[Problem]:
    return [p for p in check.problems if p.file == name]


def _names(annotated: Annotated) -> dict[str, str]:
    """Copy file name → the workbook's name in problems."""
    return {
        c.name: (
            "rejestr.xlsx"
            if c.name == "rejestr-do-poprawy.xlsx"
            else f"{YEAR}/{c.name.replace('-do-poprawy', '')}"
        )
        for c in annotated.copies
    }


def _message(annotated: Annotated, name: str, code: str) -> str:
    """The message of the first problem ``code`` of the year's workbook ``name``."""
    return next(
        p.message for p in _problems_of(annotated.check, f"{YEAR}/{name}") if p.code == code
    )


def _first_filled(ws: Any, row: int) -> str:
    cells = [c for c in ws[row] if c.value is not None]
    return str(cells[0].column_letter) if cells else "A"


def _cell_of(original: Any, p: Problem) -> str | None:
    if p.sheet not in original.sheetnames or p.row is None:
        return None
    return f"{p.column or _first_filled(original[p.sheet], p.row)}{p.row}"


def _expected_marks(annotated: Annotated, name: str) -> dict[tuple[str, str], list[Problem]]:
    """(sheet, cell) → the problems of workbook ``name`` that should be marked there."""
    original = load_workbook(annotated.inputs / name)
    marks: dict[tuple[str, str], list[Problem]] = {}
    for p in _problems_of(annotated.check, name):
        ref = _cell_of(original, p)
        if ref is not None and p.sheet is not None:
            marks.setdefault((p.sheet, ref), []).append(p)
    return marks


def _assert_marked(book: Any, marks: dict[tuple[str, str], list[Problem]]) -> None:
    for (sheet, ref), problems in marks.items():
        cell = book[sheet][ref]
        assert cell.comment is not None, (sheet, ref)
        for p in problems:
            assert p.message in cell.comment.text
            assert p.code not in cell.comment.text  # codes are for support, in „Problemy”
        worst = Severity.ERROR if any(p.is_error for p in problems) else Severity.WARNING
        assert cell.fill.fgColor.rgb.endswith(FILLS[worst]), (sheet, ref)


def test_the_year_has_the_problems_this_module_is_about(annotated: Annotated) -> None:
    by_file = {(p.file, p.code) for p in annotated.check.problems}
    assert {
        (f"{YEAR}/biuro.xlsx", "date-invalid"),
        (f"{YEAR}/biuro.xlsx", "number-negative"),
        (f"{YEAR}/biuro.xlsx", "choice-invalid"),
        (f"{YEAR}/biuro.xlsx", "formula-no-value"),
        (f"{YEAR}/biuro.xlsx", "sheet-unknown"),
        (f"{YEAR}/kultura.xlsx", "record-duplicate"),
        (f"{YEAR}/kultura.xlsx", "date-outside-year"),
        (f"{YEAR}/sport.xlsx", "column-missing"),
        (f"{YEAR}/sport.xlsx", "title-rows-skipped"),
        (f"{YEAR}/calc.xlsx", "amount-invalid"),
        (f"{YEAR}/zepsuty.xlsx", "file-unreadable"),
        ("rejestr.xlsx", "country-unknown"),
    } <= by_file
    app = zipfile.ZipFile(annotated.inputs / str(YEAR) / "calc.xlsx").read("docProps/app.xml")
    assert b"LibreOffice" in app


def test_each_workbook_with_problems_gets_a_copy_but_an_unreadable_one(
    annotated: Annotated,
) -> None:
    assert sorted(c.name for c in annotated.copies) == [
        "biuro-do-poprawy.xlsx",
        "calc-do-poprawy.xlsx",
        "excel-do-poprawy.xlsx",
        "kultura-do-poprawy.xlsx",
        "rejestr-do-poprawy.xlsx",
        "sport-do-poprawy.xlsx",
    ]
    assert all(c.parent.name == "poprawki" for c in annotated.copies)
    assert not list(annotated.copies[0].parent.glob(".*"))  # no temporary files left


def test_the_originals_are_byte_for_byte_unchanged(annotated: Annotated) -> None:
    assert annotated.after == annotated.before


def test_every_problem_with_a_cell_is_a_marked_cell_with_its_message(
    annotated: Annotated,
) -> None:
    marked = 0
    for copy_name, name in _names(annotated).items():
        marks = _expected_marks(annotated, name)
        _assert_marked(load_workbook(annotated.copies[0].parent / copy_name), marks)
        marked += sum(map(len, marks.values()))
    assert marked >= 10


def test_a_whole_row_marks_its_first_cell_and_a_missing_column_the_header_row(
    annotated: Annotated,
) -> None:
    folder = annotated.copies[0].parent
    kultura = load_workbook(folder / "kultura-do-poprawy.xlsx")["Wizyty"]
    assert _message(annotated, "kultura.xlsx", "record-duplicate") in kultura["A2"].comment.text
    sport = load_workbook(folder / "sport-do-poprawy.xlsx")["Wizyty"]
    assert _message(annotated, "sport.xlsx", "title-rows-skipped") in sport["A1"].comment.text
    # the header row under the title
    assert _message(annotated, "sport.xlsx", "column-missing") in sport["A2"].comment.text
    assert "„Cel”" in sport["A2"].comment.text


def test_a_sheet_without_a_row_gets_a_coloured_tab(annotated: Annotated) -> None:
    book = load_workbook(annotated.copies[0].parent / "biuro-do-poprawy.xlsx")
    assert book["Notatki"].sheet_properties.tabColor.rgb.endswith("FFC000")


def test_problemy_is_the_first_sheet_and_links_to_every_problem(annotated: Annotated) -> None:
    for copy_name, name in _names(annotated).items():
        book = load_workbook(annotated.copies[0].parent / copy_name)
        assert book.sheetnames[0] == PROBLEMS_SHEET
        assert book.active.title == PROBLEMS_SHEET
        ws = book[PROBLEMS_SHEET]
        assert ws.freeze_panes == "A2"
        assert all(c.font.b for c in ws[1])
        assert ws.column_dimensions["F"].width >= 60
        rows = list(ws.iter_rows(min_row=2))
        problems = _problems_of(annotated.check, name)
        assert len(rows) == len(problems)
        original = load_workbook(annotated.inputs / name)
        for p, row in zip(problems, rows, strict=True):
            assert row[0].value == str(p.severity)
            assert row[5].value == p.message
            assert row[6].value == p.code
            ref = _cell_of(original, p)
            if ref is None:
                continue
            link = row[2].hyperlink
            assert link is not None and link.location == f"'{p.sheet}'!{ref}"
            assert p.message in book[p.sheet][ref].comment.text


def _validations(ws: Any) -> list[tuple[str, str | None, str | None]]:
    return sorted(
        (str(dv.sqref), dv.type, dv.formula1) for dv in ws.data_validations.dataValidation
    )


def _widths(ws: Any) -> dict[str, float]:
    return {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth}


def _heights(ws: Any) -> dict[int, float]:
    return {k: d.height for k, d in ws.row_dimensions.items() if d.customHeight}


def _cells(ws: Any) -> dict[str, tuple[Any, str, bool]]:
    return {
        c.coordinate: (c.value, c.number_format, bool(c.font.b))
        for row in ws.iter_rows()
        for c in row
        if c.value is not None or c.number_format != "General"
    }


@pytest.mark.parametrize("name", [f"{YEAR}/biuro.xlsx", f"{YEAR}/calc.xlsx"])
def test_everything_else_in_the_workbook_is_kept(annotated: Annotated, name: str) -> None:
    original = load_workbook(annotated.inputs / name)
    copy = load_workbook(annotated.copies[0].parent / marks.copy_name(Path(name).name))
    assert copy.sheetnames == [PROBLEMS_SHEET, *original.sheetnames]
    assert list(copy.defined_names) == list(original.defined_names)
    for ws in original.worksheets:
        theirs = copy[ws.title]
        assert _cells(theirs) == _cells(ws), ws.title
        assert _validations(theirs) == _validations(ws), ws.title
        assert _widths(theirs) == _widths(ws), ws.title
        assert _heights(theirs) == _heights(ws), ws.title
        assert theirs.freeze_panes == ws.freeze_panes
        assert theirs.sheet_state == ws.sheet_state
        assert theirs.merged_cells.ranges == ws.merged_cells.ranges
        assert [r.sqref for r in theirs.conditional_formatting] == [
            r.sqref for r in ws.conditional_formatting
        ]
    assert original["Listy"].sheet_state == "hidden"
    assert any(c.font.b for c in original["Wizyty"][1])  # the bold header row
    assert _validations(original["Wizyty"])  # the drop-downs were there to keep


def test_formulas_prior_fills_and_comments_are_kept(annotated: Annotated) -> None:
    ws = load_workbook(annotated.copies[0].parent / "biuro-do-poprawy.xlsx")["Wizyty"]
    formula = next(c for c in ws[4] if isinstance(c.value, str) and c.value.startswith("="))
    assert formula.value == "=UPPER(E4)"
    assert ws.cell(1, formula.column).value == "Zgłasza"
    assert _message(annotated, "biuro.xlsx", "formula-no-value") in formula.comment.text
    assert ws["E2"].fill.fgColor.rgb == PRIOR_FILL  # no problem there: left as it was
    assert ws.row_dimensions[3].height == 31.5
    comment = ws["H4"].comment.text
    assert _message(annotated, "biuro.xlsx", "number-negative") in comment
    assert "sprawdzić z protokołem" in comment


@pytest.mark.parametrize("declared_on_root", [True, False])
def test_excel_2010_drop_downs_are_carried_over(tmp_path: Path, declared_on_root: bool) -> None:
    path = _excel_style(tmp_path / "a.xlsx", declared_on_root=declared_on_root)
    data = annotated_copy(
        path, [problem_with_message("choice-invalid", "Zła.", sheet="Wizyty", row=2)]
    )
    assert data is not None
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(data)
    xml = ElementTree.fromstring(_sheet_xml(copy, "Wizyty"))  # well-formed, namespaces bound
    x14 = "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/main}"
    xm = "{http://schemas.microsoft.com/office/excel/2006/main}"
    (validation,) = xml.iter(f"{x14}dataValidation")
    assert validation.findtext(f"{x14}formula1/{xm}f") == "Listy!$A$1:$A$3"
    assert validation.findtext(f"{xm}sqref") == "G2:G50"
    assert list(xml)[-1].tag.endswith("extLst")  # the extension list stays the last child
    assert load_workbook(copy)["Wizyty"]["A1"].value == "Data od"


def test_libreoffice_reads_the_carried_drop_down(annotated: Annotated) -> None:
    ws = load_workbook(annotated.reopened / "excel-do-poprawy.xlsx")["Wizyty"]
    assert ("G2:G50", "list", "Listy!$A$1:$A$3") in _validations(ws)


def test_libreoffice_opens_every_copy_with_its_marks(annotated: Annotated) -> None:
    for copy_name, name in _names(annotated).items():
        reopened = annotated.reopened / copy_name
        assert reopened.is_file(), copy_name
        book = load_workbook(reopened)
        assert book.sheetnames[0] == PROBLEMS_SHEET
        rows = list(book[PROBLEMS_SHEET].iter_rows(min_row=2))
        assert [row[5].value for row in rows] == [
            p.message for p in _problems_of(annotated.check, name)
        ]
        marks = _expected_marks(annotated, name)
        _assert_marked(book, marks)
        links = {row[2].hyperlink.location for row in rows if row[2].hyperlink is not None}
        assert {f"'{sheet}'!{ref}" for sheet, ref in marks} <= links


# -- one workbook, problems made by hand -----------------------------------------------------


def _one_sheet(path: Path) -> Path:
    return write_workbook(path, {"Wizyty": table(VISIT_HEADERS, [visit(), visit()])})


def test_several_problems_on_one_cell_share_one_comment_and_the_error_fill(
    tmp_path: Path,
) -> None:
    path = _one_sheet(tmp_path / "a.xlsx")
    here: dict[str, Any] = {"file": "a.xlsx", "sheet": "Wizyty", "row": 3, "column": "C"}
    problems = [
        problem_with_message("column-unknown", "Pierwszy komunikat.", **here),
        problem_with_message("city-unknown", "Drugi komunikat.", **here),
        problem_with_message("file-skipped", "O całym pliku.", file="a.xlsx"),
        problem_with_message(
            "sheet-missing", "Brak arkusza Nagrody.", file="a.xlsx", sheet="Nagrody"
        ),
    ]
    data = annotated_copy(path, problems)
    assert data is not None
    book = load_workbook(io.BytesIO(data))
    cell = book["Wizyty"]["C3"]
    assert "Pierwszy komunikat." in cell.comment.text
    assert "Drugi komunikat." in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith(FILLS[Severity.ERROR])
    rows = list(book[PROBLEMS_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == ["C3", "C3", "cały plik", "brak arkusza"]
    links = [c.hyperlink for c in book[PROBLEMS_SHEET]["C"][1:]]
    assert [link is not None for link in links] == [True, True, False, False]
    assert sum(c.comment is not None for row in book["Wizyty"].iter_rows() for c in row) == 1


def test_a_cell_in_a_merged_range_marks_its_first_cell(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Wizyty"
    ws["A1"] = "tytuł"
    ws.merge_cells("A1:C2")
    hidden = book.create_sheet("Stare")
    hidden.sheet_state = "hidden"
    path = tmp_path / "a.xlsx"
    book.save(path)
    problems = [
        problem_with_message("value-required", "W scalonej.", sheet="Wizyty", row=2, column="B"),
        problem_with_message("value-required", "W ukrytym.", sheet="Stare", row=3, column="D"),
    ]
    data = annotated_copy(path, problems)
    assert data is not None
    copy = load_workbook(io.BytesIO(data))
    assert "W scalonej." in copy["Wizyty"]["A1"].comment.text
    assert copy["Wizyty"].merged_cells.ranges == ws.merged_cells.ranges
    rows = list(copy[PROBLEMS_SHEET].iter_rows(min_row=2))
    assert rows[0][2].value == "B2 (scalona z A1)"
    assert rows[0][2].hyperlink.location == "'Wizyty'!A1"
    assert rows[1][2].value == "D3 (arkusz ukryty)"
    assert copy["Stare"].sheet_state == "hidden"


def test_a_workbook_with_a_sheet_named_problemy_keeps_it(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", {"Problemy": [["moje"]], "Wizyty": [["x"]]})
    data = annotated_copy(
        path, [problem_with_message("sheet-unknown", "Nieznany.", sheet="Problemy")]
    )
    assert data is not None
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Problemy (raport)", "Problemy", "Wizyty"]
    assert book["Problemy"]["A1"].value == "moje"


def test_charts_and_images_are_kept(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Wizyty"
    for i in range(1, 6):
        ws.append([i, i * i])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=5))
    ws.add_chart(chart, "D2")
    picture = io.BytesIO()
    from PIL import Image as Picture

    Picture.new("RGB", (8, 8), "red").save(picture, "PNG")
    ws.add_image(Image(picture), "D20")
    path = tmp_path / "a.xlsx"
    book.save(path)
    data = annotated_copy(
        path, [problem_with_message("value-required", "Pusto.", sheet="Wizyty", row=2)]
    )
    assert data is not None
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(n.startswith("xl/charts/chart") for n in names)
    assert any(n.startswith("xl/media/") for n in names)
    assert lost_parts(path) == []


def test_what_the_copy_cannot_keep_is_named_in_problemy(tmp_path: Path) -> None:
    path = _one_sheet(tmp_path / "a.xlsx")
    shaped = tmp_path / "shaped.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(shaped, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/drawings/drawing9.xml", b"<xdr:wsDr><xdr:sp>box</xdr:sp></xdr:wsDr>")
        target.writestr("xl/ctrlProps/ctrlProp1.xml", b"<formControlPr/>")
        target.writestr("xl/threadedComments/threadedComment1.xml", b"<ThreadedComments/>")
    assert lost_parts(shaped) == [
        "kształty i pola tekstowe",
        "formanty (przyciski, pola wyboru)",
        "wątki komentarzy (zostają jako zwykłe komentarze)",
    ]
    data = annotated_copy(
        shaped, [problem_with_message("value-required", "Pusto.", sheet="Wizyty", row=2)]
    )
    assert data is not None
    notes = [
        row[5]
        for row in load_workbook(io.BytesIO(data))[PROBLEMS_SHEET].iter_rows(values_only=True)
        if row[0] == "Uwaga"
    ]
    assert len(notes) == 1 and "kształty i pola tekstowe" in notes[0]


def test_an_unopenable_workbook_gives_no_copy(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x05\x06" + bytes(18))
    assert (
        annotated_copy(path, [problem_with_message("value-required", "x", sheet="Wizyty", row=2)])
        is None
    )


def test_the_inputs_folder_may_be_spelled_otherwise_than_in_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_registry(tmp_path / "inputs")
    write_year(tmp_path / "inputs", YEAR, wizyty=[visit(Data_od="zła")])
    monkeypatch.chdir(tmp_path)
    check = check_year(Path("inputs"), YEAR)
    copies = annotate_workbooks(check, tmp_path / "inputs", tmp_path / "kopie")
    assert [c.name for c in copies] == ["dane-do-poprawy.xlsx"]


@pytest.mark.parametrize("inside", [".", "2025/poprawki", "../inputs/poprawki"])
def test_the_target_may_not_be_in_the_inputs(tmp_path: Path, inside: str) -> None:
    inputs = tmp_path / "inputs"
    write_registry(inputs)
    write_year(inputs, YEAR, wizyty=[visit(Data_od="zła")])
    before = _snapshot(inputs)
    check = check_year(inputs, YEAR)
    with pytest.raises(AnnotateRefused, match="leży w folderze danych"):
        annotate_workbooks(check, inputs, inputs / inside)
    assert _snapshot(inputs) == before
