"""`pip install .` (not editable) must give a working raport: assets ship in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_wheel_ships_templates_fonts_and_the_console_script(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("raport-*.whl")
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
    assert "reports/polish/dates.py" in names and "reports/render/pdf.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "raport = reports.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
