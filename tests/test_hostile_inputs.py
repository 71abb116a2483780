"""Hostile inputs: zip bombs, sheets past the bounds, values the report could not show.

Every bound of :mod:`reports.inputs.limits` is a problem naming the file (and the
sheet, row and column where there is one), never a hang, a memory blow-up or a
traceback; the rest of the year is still checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from reports.checking.check import check_year
from reports.inputs import limits
from reports.inputs.xlsx import read_workbook, unescape
from tests.hostile import long_text, many_rows, zip_bomb
from tests.workbooks import trip, visit, write_registry, write_workbook, write_year

GB = 1024 * 1024 * 1024
YEAR = 2025


def _check_in_child(inputs: Path, memory: int = 2 * GB) -> tuple[list[str], float]:
    """``raport check`` of ``inputs`` in a child process whose address space is capped
    at ``memory``: the problem codes, and the child's peak resident memory in MB."""
    script = textwrap.dedent(
        f"""
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
        from pathlib import Path
        from reports.checking.check import check_year
        report = check_year(Path({str(inputs)!r}), {YEAR})
        # VmHWM, not ru_maxrss: the latter keeps the forking parent's size across exec
        status = Path("/proc/self/status").read_text()
        peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
        print(json.dumps({{"codes": [p.code for p in report.problems], "peak": peak}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    found = json.loads(done.stdout.splitlines()[-1])
    return found["codes"], found["peak"]


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    # 3.7 MB on disk, 1.2 GB of rows once inflated (the audit's bomb)
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, wizyty=[visit()])
    bomb = zip_bomb(tmp_path / str(YEAR) / "bomba.xlsx", int(1.2 * GB))
    assert bomb.stat().st_size < 5 * 1024 * 1024
    codes, peak = _check_in_child(tmp_path)
    assert "file-too-large" in codes
    assert peak < 300, f"the check took {peak:.0f} MB"


def test_a_bomb_that_lies_about_its_size_is_cut_at_the_declared_size(tmp_path: Path) -> None:
    # the directory says 10 MB; the stream would give 1.2 GB: zipfile stops at 10 MB
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, wizyty=[visit()])
    zip_bomb(tmp_path / str(YEAR) / "klamca.xlsx", int(1.2 * GB), declared=10 * 1024 * 1024)
    codes, peak = _check_in_child(tmp_path, memory=GB)
    assert "file-unreadable" in codes
    assert peak < 300, f"the check took {peak:.0f} MB"


def test_the_rest_of_the_year_is_still_checked(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, wizyty=[visit(), visit(Data_od="31.02.2025", Goście="inni")])
    many_rows(tmp_path / str(YEAR) / "wiersze.xlsx", limits.MAX_ROWS + 1)
    report = check_year(tmp_path, YEAR)
    codes = {p.code for p in report.problems}
    assert {"sheet-too-large", "date-nonexistent"} <= codes
    assert report.tallies["Wizyty"].read == 2  # the good workbook's rows, not the refused one's
    refused = next(p for p in report.problems if p.code == "sheet-too-large")
    assert (refused.file, refused.sheet) == (f"{YEAR}/wiersze.xlsx", "Wizyty")
    assert "50\xa0000" in refused.message


def test_a_sheet_of_many_wide_rows_is_refused_by_its_cells(tmp_path: Path) -> None:
    path = many_rows(tmp_path / "szeroki.xlsx", limits.MAX_CELLS // 100 + 1, columns=100)
    found = read_workbook(path)
    assert found.problem is not None and found.problem.code == "sheet-too-large"
    assert "komórek" in found.problem.message


def test_a_text_longer_than_a_cell_holds_is_refused_where_it_is(tmp_path: Path) -> None:
    found = read_workbook(long_text(tmp_path / "tekst.xlsx", limits.MAX_TEXT + 1))
    assert found.problem is not None
    assert (found.problem.code, found.problem.sheet, found.problem.row, found.problem.column) == (
        "text-too-long",
        "Wizyty",
        2,
        "D",
    )
    assert read_workbook(long_text(tmp_path / "ok.xlsx", limits.MAX_TEXT)).problem is None


def test_a_file_over_the_size_bound_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "duzy.xlsx"
    with path.open("wb") as handle:
        handle.truncate(limits.MAX_FILE_BYTES + 1)  # sparse: no disk used
    found = read_workbook(path)
    assert found.problem is not None and found.problem.code == "file-too-large"
    assert "100\xa0MB" in found.problem.message  # the BIP attachments' size rule


def test_a_workbook_of_many_parts_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "czesci.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(limits.MAX_PARTS):
            archive.writestr(f"x/{n}", b"")
    found = read_workbook(path)
    assert found.problem is not None and found.problem.code == "file-too-large"


def test_office_escapes_in_text_are_decoded(tmp_path: Path) -> None:
    assert unescape("Wiersz 1_x000D_Wiersz 2") == "Wiersz 1\rWiersz 2"
    assert unescape("_x005F_x000D_") == "_x000D_"
    path = write_workbook(tmp_path / "a.xlsx", {"Wizyty": [["Goście"], ["Ambasador_x0020_Litwy"]]})
    assert read_workbook(path).sheets[0].rows[1][1] == ("Ambasador Litwy",)


def test_amounts_and_counts_the_report_cannot_show_are_problems(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(
        tmp_path,
        YEAR,
        wyjazdy=[trip(Koszt=1e308), trip(Koszt="2 mld zł", Cel="inny"), trip(Cel="trzeci")],
        wizyty=[visit(**{"Liczba osób": 10**12})],
    )
    report = check_year(tmp_path, YEAR)
    too_large = [p for p in report.problems if p.code == "number-too-large"]
    assert [(p.sheet, p.row) for p in too_large] == [("Wizyty", 2), ("Wyjazdy", 2)]
    assert "1\xa0000\xa0000\xa0000\xa0000\xa0zł" in too_large[1].message
    # 2 billion zł is within bounds: checked and formatted like any amount
    assert not any(p.sheet == "Wyjazdy" and p.row == 3 for p in report.problems)


def test_the_largest_accepted_amount_formats(tmp_path: Path) -> None:
    from decimal import Decimal

    from reports.polish.numbers import format_amount

    largest = limits.MAX_AMOUNT - Decimal("0.01")
    assert format_amount(largest) == "999\xa0999\xa0999\xa0999,99\xa0zł"
    assert format_amount(largest * 5000)  # a total of 5000 such trips still formats


# ---------------------------------------------------------------------------
# Text stays text in every workbook raport writes
# ---------------------------------------------------------------------------

INJECTIONS = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://example.com/x","kliknij")')


def _type_as_text(path: Path, sheet: str, cells: dict[str, str]) -> None:
    """Put ``cells`` into ``path`` as text cells (as an officer typing ``'=…`` does)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    for ref, text in cells.items():
        book[sheet][ref] = text
        book[sheet][ref].data_type = "s"
    book.save(path)


def _formula_parts(data: bytes) -> list[str]:
    """The worksheets of an ``.xlsx`` that hold a formula element."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]


def test_formula_text_in_an_input_stays_text_in_the_annotated_copy(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from reports.publish.annotate import PROBLEMS_SHEET, annotate_workbooks

    inputs = tmp_path / "inputs"
    write_registry(inputs)
    path = write_year(inputs, YEAR, wizyty=[visit()])
    _type_as_text(path, "Wizyty", {"A2": INJECTIONS[0], "B2": INJECTIONS[1]})
    report = check_year(inputs, YEAR)
    values = {p.value for p in report.problems if p.sheet == "Wizyty"}
    assert set(INJECTIONS) <= values  # both are date-invalid, shown in „Problemy”
    (copy,) = annotate_workbooks(report, inputs, tmp_path / "poprawki")
    assert _formula_parts(copy.read_bytes()) == []
    book = load_workbook(copy)
    shown = [c for row in book[PROBLEMS_SHEET].iter_rows() for c in row if c.value in INJECTIONS]
    assert len(shown) == 2 and all(c.data_type == "s" for c in shown)
    assert book["Wizyty"]["A2"].data_type == "s" and book["Wizyty"]["A2"].value == INJECTIONS[0]


def test_registry_names_stay_text_in_the_blank_workbook(tmp_path: Path) -> None:
    import io

    from reports.publish.newbook import year_workbook
    from tests.workbooks import CITY, PARTNERS

    inputs = tmp_path / "inputs"
    registry = write_registry(
        inputs,
        city={**CITY, "Komórka": INJECTIONS[1]},
        partners=[{**PARTNERS[0], "Miasto": INJECTIONS[0]}],
    )
    _type_as_text(registry, "Miasto", {"B6": INJECTIONS[1]})
    _type_as_text(registry, "Miasta partnerskie", {"A2": INJECTIONS[0]})
    book = year_workbook(inputs, YEAR)
    texts = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert {c.value for c in texts} >= set(INJECTIONS)  # the names did reach the workbook
    buffer = io.BytesIO()
    book.save(buffer)
    assert _formula_parts(buffer.getvalue()) == []


def test_chart_workbooks_write_names_as_text() -> None:
    import datetime as dt

    from reports.document.model import BarChart, Series
    from reports.render.docx.chart_workbook import workbook

    series = Series(INJECTIONS[1], (1.0, 2.0), ("1", "2"))
    chart = BarChart(INJECTIONS, (series,), "liczba", ((0.0, "0"),))
    data = workbook(chart, dt.datetime(2025, 1, 1))
    assert _formula_parts(data) == []


def test_a_character_the_report_fonts_lack_is_named_by_the_build(
    tmp_path: Path, capsys: Any
) -> None:
    from reports.cli.main import main

    write_registry(tmp_path / "inputs")
    write_year(tmp_path / "inputs", YEAR, wizyty=[visit(Cel="wymiana \u2713 doświadczeń")])
    code = main(
        [
            *("build", str(YEAR), "--inputs", str(tmp_path / "inputs")),
            *("--output", str(tmp_path / "output"), "--format", "pdf", "--no-cache"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "złożono je czcionką systemową: " in out
