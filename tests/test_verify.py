"""raport verify: identical outputs pass; an edited input or altered output is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reports.cli.main import main
from reports.pipeline import BuildResult
from tests.conftest import DEMO_YEAR
from tests.workbooks import visit, write_year


@pytest.fixture()
def published(demo_build: BuildResult, demo_inputs: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the demo inputs and of its built outputs."""
    inputs = tmp_path / "inputs"
    shutil.copytree(demo_inputs, inputs)
    output = tmp_path / "output"
    shutil.copytree(demo_build.outputs[0].parent, output / str(DEMO_YEAR))
    return inputs, output


def _verify(inputs: Path, output: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["verify", str(DEMO_YEAR), "--inputs", str(inputs), "--output", str(output)])
    return code, capsys.readouterr().out


def test_identical_outputs_verify(
    published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = _verify(*published, capsys)
    assert code == 0
    assert printed.startswith("Zgodne")


def test_an_edited_input_is_named(
    published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, output = published
    write_year(inputs, DEMO_YEAR, "dodatkowy.xlsx", metryczka=None, wizyty=[visit(DEMO_YEAR)])
    code, printed = _verify(inputs, output, capsys)
    assert code == 1
    assert f"Plik wejściowy {DEMO_YEAR}/dodatkowy.xlsx został dodany" in printed
    assert f"raport-{DEMO_YEAR}.pdf" in printed


def test_an_altered_output_is_named(
    published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, output = published
    pdf = output / str(DEMO_YEAR) / f"raport-{DEMO_YEAR}.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"%")
    html = output / str(DEMO_YEAR) / f"raport-{DEMO_YEAR}.html"
    html.write_text(html.read_text(encoding="utf-8").replace("Kalisz", "Kalisz!"), "utf-8")
    code, printed = _verify(inputs, output, capsys)
    assert code == 1
    assert f"Różne pliki: raport-{DEMO_YEAR}.html, raport-{DEMO_YEAR}.pdf\n" in printed
    assert f"Plik wyjściowy raport-{DEMO_YEAR}.pdf został zmieniony po zbudowaniu." in printed
    assert f"Plik wyjściowy raport-{DEMO_YEAR}.html został zmieniony po zbudowaniu." in printed
    assert "Plik wejściowy" not in printed


def test_a_different_software_version_is_named(
    published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, output = published
    manifest = output / str(DEMO_YEAR) / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"raport": "', '"raport": "0.0.0-'))
    code, printed = _verify(inputs, output, capsys)
    assert code == 1
    assert "Inna wersja raport: 0.0.0-" in printed


def test_an_input_that_now_has_errors_is_still_named(
    published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, output = published
    write_year(inputs, DEMO_YEAR, "zly.xlsx", metryczka=None, wizyty=[visit(DEMO_YEAR, Cel=None)])
    code, printed = _verify(inputs, output, capsys)
    assert code == 1
    assert "Dane wejściowe zawierają błędy" in printed
    assert f"Plik wejściowy {DEMO_YEAR}/zly.xlsx został dodany" in printed


def test_a_year_never_built_says_so(
    published: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    inputs, _ = published
    code, printed = _verify(inputs, tmp_path / "nowhere", capsys)
    assert code == 1
    assert "Rok nie został zbudowany" in printed


def test_an_altered_or_missing_open_data_file_is_named(
    published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, output = published
    folder = output / str(DEMO_YEAR)
    visits = folder / f"dane-{DEMO_YEAR}" / "wizyty.csv"
    visits.write_text(visits.read_text(encoding="utf-8").replace("Hamm", "Ham"), "utf-8")
    (folder / f"dane-{DEMO_YEAR}.zip").unlink()
    code, printed = _verify(inputs, output, capsys)
    assert code == 1
    assert f"Różne pliki: dane-{DEMO_YEAR}.zip, dane-{DEMO_YEAR}/wizyty.csv\n" in printed
    assert f"Plik wyjściowy dane-{DEMO_YEAR}/wizyty.csv został zmieniony po zbudowaniu." in printed
    assert f"Brak pliku wyjściowego dane-{DEMO_YEAR}.zip." in printed
