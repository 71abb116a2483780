"""The benchmark keeps working: its synthetic year checks clean and adds up, and the
in-process measurement returns every stage (no timing is asserted: machines differ)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run
from benchmarks.measure import StageTimes, median_run, run_process, stages
from benchmarks.synth import (
    ACTIVE_PARTNERS,
    PARTNERS,
    WORKBOOKS,
    generate_year,
    split,
    write_inputs,
)
from reports.checking.check import check_year

N = 50
YEAR = 2025


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("bench") / "inputs", N, YEAR).path


def test_synthetic_year_has_its_files(inputs: Path) -> None:
    assert (inputs / "rejestr.xlsx").is_file()
    assert sorted(p.name for p in (inputs / str(YEAR)).iterdir()) == sorted(WORKBOOKS)
    assert any((inputs / str(YEAR - 1)).iterdir())  # a previous year to compare with


def test_synthetic_year_checks_clean_and_adds_up(inputs: Path) -> None:
    result = check_year(inputs, YEAR)
    assert result.ok, result.errors[:3]
    assert result.data is not None
    # only the merged duplicates are worth a warning
    assert {p.code for p in result.warnings} <= {"record-duplicate"}
    expected = split(N)
    for sheet, rows in expected.items():
        tally = result.tallies[sheet]
        assert tally.read == rows
        assert tally.read == tally.kept + tally.duplicates + tally.rejected
        assert tally.rejected == 0
    assert sum(result.tallies[s].duplicates for s in ("Wizyty", "Wyjazdy")) >= 1
    assert result.tallies["Miasta partnerskie"].kept == len(PARTNERS)
    # partners from the registry and places from elsewhere, Polish letters included
    year = result.data
    assert year.previous is not None and year.visits is not None
    cities = {v.city for v in year.visits}
    assert cities & set(ACTIVE_PARTNERS)
    assert cities - set(ACTIVE_PARTNERS)
    assert any(v.city is None for v in year.visits)  # guests on behalf of a country
    assert any(ch in "".join(v.guests for v in year.visits) for ch in "ąćęłńóśźż")
    assert year.projects and year.awards


def test_same_records_from_the_same_seed() -> None:
    assert generate_year(N, YEAR) == generate_year(N, YEAR)
    assert generate_year(N, YEAR, seed=1) != generate_year(N, YEAR)


def test_in_process_stages_measure_every_stage(inputs: Path) -> None:
    times = stages(inputs, YEAR)
    assert isinstance(times, StageTimes)
    for value in (times.check, times.document, times.docx, times.pdf):
        assert value is not None and value > 0
    assert times.pages is not None and times.pages >= 5
    assert times.docx_bytes and times.pdf_bytes


def test_a_process_is_measured_with_its_tree(inputs: Path) -> None:
    runs = [run_process(run.check_command(inputs, YEAR), interval=0.01) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs)
    summary = median_run(runs)
    assert summary["wall"] > 0 and summary["cpu"] > 0
    assert summary["max_rss_mb"] > 10
    assert summary["processes"] >= 1


def test_targets_table_and_json_shape() -> None:
    result = run.SizeResult(n=200, rows={}, duplicates={})
    result.stages = {"check": 0.1, "document": 0.01, "docx": 0.05, "pdf": 1.0}
    result.build = {"wall": 2.0, "cpu": 3.0, "tree_rss_mb": 300.0, "tree_pss_mb": 200.0}
    result.check = {"wall": 0.3}
    result.libreoffice = {"wall": 1.5}
    result.ratio = round(2.0 / 1.5, 3)
    result.rebuild = {"wall": 0.3}
    result.rebuild_ratio = round(0.3 / 1.5, 3)
    goals = run.targets([result], {"check": {"wall": 0.25}})
    by_name = {g["name"]: g for g in goals}
    assert by_name["ratio_200"]["value"] == result.ratio
    assert by_name["ratio_200"]["met"] is False
    assert by_name["check_demo"]["met"] is True
    assert by_name["ratio_5000"]["met"] is None  # not measured
    assert by_name["rebuild_ratio_200"]["met"] is True
    assert "200" in run.table([result])
    json.dumps(goals)


def test_the_benchmark_edit_changes_exactly_one_cell(inputs: Path, tmp_path: Path) -> None:
    import shutil

    from reports.inputs.xlsx import read_workbook

    edited = tmp_path / "inputs"
    shutil.copytree(inputs, edited)
    where = run.edit_one_cell(edited, YEAR)
    changed = []
    for path in sorted((inputs / str(YEAR)).glob("*.xlsx")):
        before = read_workbook(path).sheets
        after = read_workbook(edited / str(YEAR) / path.name).sheets
        for old, new in zip(before, after, strict=True):
            for (number, values), (_, edited_values) in zip(old.rows, new.rows, strict=True):
                changed += [
                    (path.name, old.name, number, a, b)
                    for a, b in zip(values, edited_values, strict=True)
                    if a != b
                ]
    assert len(changed) == 1, changed
    name, sheet, row, _, new_value = changed[0]
    assert where == f"{name} {sheet}!{row}: Cel"
    assert str(new_value).endswith("(wizyta studyjna)")


def test_the_readers_benchmark_reads_the_same_cells_in_every_format(
    inputs: Path, tmp_path: Path
) -> None:
    from benchmarks import readers

    books = sorted((inputs / str(YEAR)).glob("*.xlsx"))
    files = {"xlsx": books}
    for fmt in ("ods", "xls"):
        files[fmt] = readers.convert(books, fmt, tmp_path)
    times = readers.measure(files, repeat=1)
    assert [(t.reader, t.file) for t in times] == [
        ("openpyxl", ".xlsx"),
        ("python-calamine", ".xlsx"),
        ("python-calamine", ".ods"),
        ("python-calamine", ".xls"),
    ]
    assert len({t.rows for t in times}) == 1 and times[0].rows >= N
