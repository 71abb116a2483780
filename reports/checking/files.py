"""Which files a check reads: the registry, the year folders and their workbooks."""

from __future__ import annotations

import re
from pathlib import Path

from reports.inputs.problems import Problem, problem
from reports.inputs.workbook import SUFFIXES

REGISTRY_FILE = "rejestr.xlsx"
_YEAR_DIR = re.compile(r"\d{4}")


def available_years(inputs_dir: Path) -> list[int]:
    """The years that have a folder (named by four digits) in ``inputs_dir``, ascending."""
    if not inputs_dir.is_dir():
        return []
    return sorted(
        int(p.name) for p in inputs_dir.iterdir() if p.is_dir() and _YEAR_DIR.fullmatch(p.name)
    )


def relative(path: Path, inputs_dir: Path) -> str:
    """How problems and sources name a file: its path below ``inputs_dir``."""
    try:
        return path.relative_to(inputs_dir).as_posix()
    except ValueError:
        return path.name


def year_files(folder: Path, inputs_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The workbooks of a year folder (by name), and a warning for each lock file and
    other file or folder skipped."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = relative(path, inputs_dir)
        if path.name.startswith("."):
            continue  # hidden system files (.DS_Store, editors' temp files)
        if path.name.startswith("~$"):
            problems.append(problem("lock-file-skipped", file=name))
        elif path.is_file() and path.suffix.lower() in SUFFIXES:
            files.append(path)
        else:
            problems.append(
                problem("file-skipped", file=name, name=path.name, folder=path.is_dir())
            )
    return files, problems
