"""Sheet routing: every sheet of a workbook to its schema, unknown and misplaced ones
reported."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reports.inputs.load import LoadedSheet, load_sheet
from reports.inputs.problems import Problem, problem
from reports.inputs.schemas import (
    IGNORED_SHEETS,
    REGISTRY_SHEETS,
    YEAR_SHEETS,
    Book,
    SheetSpec,
    normalize_header,
    sheet_spec,
)
from reports.inputs.xlsx_cache import read_workbook

if TYPE_CHECKING:
    from reports.cache import Cache


@dataclass(frozen=True)
class LoadedBook:
    """One workbook as checked: its loaded sheets and the problems of the file itself
    (unreadable, unknown or misplaced sheets); each sheet carries its own."""

    name: str
    sheets: tuple[LoadedSheet, ...]
    problems: tuple[Problem, ...]
    readable: bool = True
    copy_of: str | None = None  # an annotated copy: its original's file name

    @property
    def all_problems(self) -> tuple[Problem, ...]:
        return self.problems + tuple(p for s in self.sheets for p in s.problems)


def load_book(
    path: Path, name: str, kind: Book, year: int | None, cache: Cache | None = None
) -> LoadedBook:
    """Read a workbook and load every known sheet of it; report unknown and misplaced ones.

    ``year`` is the report year (None for the registry).
    """
    book = read_workbook(path, name, cache=cache)
    if book.problem is not None:
        return LoadedBook(name, (), (book.problem,), readable=False)
    loaded = []
    problems = []
    expected = REGISTRY_SHEETS if kind is Book.REGISTRY else YEAR_SHEETS
    for raw in book.sheets:
        spec = sheet_spec(raw.name)
        if spec is None:
            if normalize_header(raw.name) not in IGNORED_SHEETS and raw.rows:
                problems.append(_unknown(name, raw.name, expected))
        elif spec.book is not kind:
            if raw.rows:
                problems.append(
                    problem(
                        "sheet-misplaced",
                        file=name,
                        sheet=raw.name,
                        registry=spec.book is Book.REGISTRY,
                    )
                )
        else:
            loaded.append(load_sheet(raw, spec, name, year))
    return LoadedBook(name, tuple(loaded), tuple(problems), copy_of=book.copy_of)


def _unknown(file: str, sheet: str, expected: tuple[SheetSpec, ...]) -> Problem:
    names = tuple(s.name for s in expected)
    close = difflib.get_close_matches(sheet, names, n=1)
    return problem(
        "sheet-unknown",
        file=file,
        sheet=sheet,
        names=names,
        suggestion=close[0] if close else None,
    )
