"""The report's bytes, pinned: a change of the code's layout must not change a single byte.

The SHA-256 of the DOCX, PDF and HTML (and of the open data's ZIP) of three years — the
demo, the generated full year and a generated year of 400 records (a PDF joined from
several pieces) — are stored in ``pinned_outputs.json`` with the versions of the
libraries that decide the bytes. A change that is meant to alter the report re-pins them on purpose:

    .venv/bin/python -m tests.test_pinned_outputs --write
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest

from benchmarks.synth import write_inputs
from tests.years import write_full_year

PINS = Path(__file__).with_name("pinned_outputs.json")
REPO = Path(__file__).resolve().parent.parent
FORMATS = ("docx", "pdf", "html")
#: The libraries whose versions decide the bytes (besides raport's own code).
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "python-docx", "jinja2", "babel", "openpyxl")


def _demo(inputs: Path) -> int:
    shutil.copytree(REPO / "inputs", inputs)
    return 2025


def _full(inputs: Path) -> int:
    write_full_year(inputs, 2025)
    return 2025


def _synthetic(inputs: Path) -> int:
    return write_inputs(inputs, 400, 2025).year


YEARS: dict[str, Callable[[Path], int]] = {"demo": _demo, "full": _full, "n400": _synthetic}


def _versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in LIBRARIES}


def _digests(name: str, folder: Path) -> dict[str, str]:
    from reports.pipeline import generate

    inputs = folder / "inputs"
    year = YEARS[name](inputs)
    result = generate(inputs, year, folder / "output")
    assert result.ok, [p.message for p in result.check.errors]
    published = folder / "output" / str(year)
    files = {fmt: published / f"raport-{year}.{fmt}" for fmt in FORMATS}
    files["zip"] = published / f"dane-{year}.zip"
    return {key: hashlib.sha256(path.read_bytes()).hexdigest() for key, path in files.items()}


@pytest.mark.parametrize("name", sorted(YEARS))
def test_outputs_are_the_pinned_bytes(name: str, tmp_path: Path) -> None:
    pins = json.loads(PINS.read_text(encoding="utf-8"))
    moved = {lib: v for lib, v in _versions().items() if pins["versions"].get(lib) != v}
    assert _digests(name, tmp_path) == pins["years"][name], (
        f"the bytes of {name!r} changed; libraries that differ from the pins: {moved or 'none'}"
    )


def _write_pins() -> None:  # pragma: no cover - run by hand to re-pin
    import tempfile

    years = {}
    for name in sorted(YEARS):
        with tempfile.TemporaryDirectory() as folder:
            years[name] = _digests(name, Path(folder))
    pins = {"versions": _versions(), "years": years}
    PINS.write_text(json.dumps(pins, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    if sys.argv[1:] == ["--write"]:
        _write_pins()


def test_the_command_line_build_gives_the_pinned_bytes(tmp_path: Path) -> None:
    """``raport build`` in a fresh process, whose layout workers are forked from a fork
    server that loaded WeasyPrint (never loaded by the build's own process)."""
    import subprocess

    pins = json.loads(PINS.read_text(encoding="utf-8"))
    year = _synthetic(tmp_path / "inputs")
    output = tmp_path / "output"
    probe = (
        "import os, sys\n"
        "from reports.cli.main import main\n"
        "from reports.pipeline.rendering import start_workers\n"
        "code = main(sys.argv[1:])\n"
        "assert 'weasyprint' not in sys.modules, 'the build process loaded WeasyPrint'\n"
        "pool = start_workers(('pdf',))\n"
        "assert pool.submit(os.getppid).result() != os.getpid(), 'not forked by a server'\n"
        "pool.shutdown()\n"
        "sys.exit(code)\n"
    )
    args = ["build", str(year), "--inputs", str(tmp_path / "inputs"), "--output", str(output)]
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    published = output / str(year)
    digests = {
        fmt: hashlib.sha256((published / f"raport-{year}.{fmt}").read_bytes()).hexdigest()
        for fmt in FORMATS
    }
    assert digests == {fmt: pins["years"]["n400"][fmt] for fmt in FORMATS}
