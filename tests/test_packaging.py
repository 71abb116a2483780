"""`pip install .` (not editable) must give a working raport: assets ship in the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DEMO_INPUTS, DEMO_YEAR, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = folder.glob("raport-*.whl")
    return built


def test_wheel_ships_templates_fonts_and_the_console_script(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in (
        "report.html.j2",
        "report.css",
        "reference.docx",
        "metryczka.html.j2",
        "fonts/Carlito-Regular.ttf",
        "fonts/OFL.txt",
    ):
        assert f"reports/templates/{asset}" in names
    repo = Path(__file__).resolve().parents[1]
    sources = {str(path.relative_to(repo)) for path in (repo / "reports").rglob("*.py")}
    assert sources <= names, sorted(sources - names)  # every module of every stage
    for page_asset in ("templates/base.html.j2", "templates/year.html.j2", "static/raport.css"):
        assert f"reports/web/{page_asset}" in names
    assert "reports/web/app.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "raport = reports.cli.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_builds_the_demo_outside_the_repository(
    wheel: Path, tmp_path: Path
) -> None:
    """The installed package, not this checkout, builds the same bytes from another folder."""
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), wheel],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "work"
    shutil.copytree(DEMO_INPUTS, work / "inputs")
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import reports, reports.render.assets; "
        "assert reports.__file__.startswith(sys.argv[1]), reports.__file__; "
        "assert str(reports.render.assets.templates_dir()).startswith(sys.argv[1]); "
        "from reports.cli.main import main; sys.exit(main(['build', '--format', 'docx']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(site)], cwd=work, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    built = work / "output" / str(DEMO_YEAR) / f"raport-{DEMO_YEAR}.docx"
    assert built.stat().st_size > 10_000
    assert "Raport 2025 gotowy" in run.stdout
