"""The report of a check: what checking returns, never fills in.

Shaped after frictionless-py's ``Report``: the problems (sorted by file, sheet,
row and column), the reconciliation per sheet kind, the files read, the
problems of each file, and — when there are no errors — the checked
:class:`~reports.domain.year.Year` that the build turns into the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reports.domain.model import SheetTally
from reports.domain.year import Year
from reports.inputs.problems import Problem, sort_key


@dataclass(frozen=True)
class Report:
    """Everything a check found. ``data`` is None when there are errors."""

    year: int
    problems: tuple[Problem, ...]
    tallies: Mapping[str, SheetTally] = field(default_factory=lambda: MappingProxyType({}))
    files: tuple[Path, ...] = ()
    data: Year | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "problems", tuple(sorted(self.problems, key=sort_key)))
        object.__setattr__(self, "tallies", MappingProxyType(dict(self.tallies)))

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def by_file(self) -> dict[str, tuple[Problem, ...]]:
        """The problems of each file (as problems name it), in reading order."""
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.file or "", []).append(p)
        return {name: tuple(found) for name, found in out.items()}

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (what ``raport check --json`` prints)."""
        return {
            "year": self.year,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
            "tallies": {
                name: {
                    "read": t.read,
                    "kept": t.kept,
                    "duplicates": t.duplicates,
                    "rejected": t.rejected,
                }
                for name, t in self.tallies.items()
            },
            "files": [f.as_posix() for f in self.files],
        }
