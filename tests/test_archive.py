"""raport build --all: every year in parallel, failures isolated, byte-identical reruns."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reports.cache import CACHE_DIR_NAME
from reports.cli.main import main
from reports.pipeline import output_names
from reports.pipeline.archive import Progress, YearOutcome, summary_table
from tests.workbooks import trip, visit, write_registry, write_year

YEARS = [2019, 2020, 2021, 2022, 2023]
BROKEN = 2021


@pytest.fixture(scope="module")
def archive_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("archive") / "inputs"
    write_registry(inputs)
    for year in YEARS:
        rows = [visit(year)] if year != BROKEN else [visit(year, Data_od="32.13.2021")]
        write_year(inputs, year, "dane.xlsx", wizyty=rows, wyjazdy=[trip(year)])
    return inputs


@pytest.fixture(scope="module")
def two_runs(
    archive_inputs: Path, tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[int, str, Path]]:
    runs = []
    for n in range(2):
        out = tmp_path_factory.mktemp(f"archive-out{n}")
        capture_out, capture_err = io.StringIO(), io.StringIO()
        import contextlib

        with contextlib.redirect_stdout(capture_out), contextlib.redirect_stderr(capture_err):
            code = main(
                [
                    "build",
                    "--all",
                    "--jobs",
                    "2",
                    "--inputs",
                    str(archive_inputs),
                    "--output",
                    str(out),
                ]
            )
        runs.append((code, capture_out.getvalue() + capture_err.getvalue(), out))
    return runs


def test_all_years_but_the_broken_one_are_built_and_exit_is_1(
    two_runs: list[tuple[int, str, Path]],
) -> None:
    code, printed, out = two_runs[0]
    assert code == 1
    for year in YEARS:
        built = (out / str(year) / f"raport-{year}.pdf").is_file()
        assert built == (year != BROKEN), year
    assert f"{BROKEN}  błąd" in printed
    built_row = next(line for line in printed.splitlines() if line.startswith(f"{YEARS[0]} "))
    assert built_row.split()[:3] == [str(YEARS[0]), "gotowe", "2"]  # a visit and a trip
    assert "rok   wynik" in printed


def test_progress_is_plain_lines_when_not_a_terminal(two_runs: list[tuple[int, str, Path]]) -> None:
    printed = two_runs[0][1]
    assert "[5/5]" in printed
    assert "\r" not in printed


def test_two_runs_give_byte_identical_outputs(two_runs: list[tuple[int, str, Path]]) -> None:
    first, second = two_runs[0][2], two_runs[1][2]

    def outputs(folder: Path) -> list[Path]:  # the build cache is not an output
        return sorted(
            p.relative_to(folder)
            for p in folder.rglob("*")
            if p.is_file() and CACHE_DIR_NAME not in p.parts
        )

    files = outputs(first)
    top = [f for f in files if len(f.parts) == 2]  # the open data's files are in dane-YEAR/
    assert len(top) == len(output_names(YEARS[0])) * (len(YEARS) - 1)
    built = {f.parts[0] for f in top}
    assert {f.parts[0] for f in files if f.name == "datapackage.json"} == built
    assert files == outputs(second)
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_summary_table_lists_year_result_records_pages_time() -> None:
    table = summary_table(
        [YearOutcome(2024, True, 12, 9, 1.25), YearOutcome(2025, False, 3, None, 0.5, "2 błędy")]
    )
    lines = table.splitlines()
    assert lines[0].split() == ["rok", "wynik", "rekordy", "strony", "czas"]
    assert lines[2].split() == ["2024", "gotowe", "12", "9", "1,3", "s"]  # half up
    assert lines[3].split()[:4] == ["2025", "błąd", "3", "—"]
    assert lines[-1] == "2025: 2 błędy"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_redraws_one_bar() -> None:
    stream = _Tty()
    progress = Progress(stream, 2)
    progress(YearOutcome(2024, True, 1, 1, 0.1), 1, 2)
    progress(YearOutcome(2025, False, 1, None, 0.1), 2, 2)
    text = stream.getvalue()
    assert text.count("\r") == 3
    assert "2/2 lat" in text and "2025: BŁĄD" in text
    assert text.endswith("\n")
