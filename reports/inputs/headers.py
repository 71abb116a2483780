"""Header matching: which row holds the headers, which column fills which field.

Shared by the table reader (:mod:`reports.inputs.load`) and the *Pole | Wartość*
reader (:mod:`reports.inputs.fields`), with :class:`Found`, the problems of the
sheet being read.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.inputs.problems import Problem, problem
from reports.inputs.rows import Cell
from reports.inputs.spec import ColumnSpec, SheetSpec
from reports.inputs.values import display, is_empty
from reports.inputs.xlsx import CellValue, column_letter

#: A sheet's rows as read: (Excel row number, the cells).
Lines = Sequence[tuple[int, tuple[CellValue | None, ...]]]

#: How many filled rows from the top may hold the headers (titles above them are skipped).
HEADER_SEARCH = 5


@dataclass
class Found:
    """The problems found in one sheet while it is read (the reader's own list)."""

    file: str
    sheet: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, code: str, **fields: Any) -> None:
        self.problems.append(problem(code, file=self.file, sheet=self.sheet, **fields))


@dataclass(frozen=True)
class Column:
    """A recognised column of a sheet being read."""

    index: int
    spec: ColumnSpec
    cell: Cell


def suggestion(text: str, spec: SheetSpec) -> str | None:
    """The header of ``spec`` closest to a header not recognised, if one is close."""
    names = [name for c in spec.columns for name in c.names]
    close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
    return close[0] if close else None


def template_headers(spec: SheetSpec) -> tuple[str, ...]:
    return tuple(c.header for c in spec.template_columns)


def filled(lines: Lines) -> list[tuple[int, tuple[CellValue | None, ...]]]:
    """The rows with at least one filled cell."""
    return [(n, values) for n, values in lines if not all(map(is_empty, values))]


def header_index(spec: SheetSpec, rows: Lines) -> int | None:
    """Which row holds the headers: the first, if it has a known header; else
    the first of the next few with two known headers (titles above are skipped).
    """
    for index, (_, values) in enumerate(rows[:HEADER_SEARCH]):
        known = sum(1 for v in values if not is_empty(v) and spec.column(display(v)))
        if known >= (1 if index == 0 else 2):
            return index
    return None


def match_headers(
    spec: SheetSpec, number: int, values: tuple[CellValue | None, ...], found: Found
) -> list[Column]:
    """The recognised columns of the header row; unknown and clashing ones reported."""
    columns: list[Column] = []
    unknown: list[tuple[str, str]] = []
    taken: dict[str, Column] = {}
    for index, value in enumerate(values):
        if is_empty(value):
            continue
        text = display(value)
        letter = column_letter(index + 1)
        column_spec = spec.column(text)
        if column_spec is None:
            unknown.append((letter, text))
            continue
        clash = next((taken[f] for f in column_spec.fills if f in taken), None)
        if clash is not None:
            found.add(
                "column-duplicate",
                row=number,
                column=letter,
                header=text,
                value=text,
                other_column=clash.cell.column,
                other_header=clash.cell.header,
            )
            continue
        column = Column(index, column_spec, Cell(letter, text))
        for name in column_spec.fills:
            taken[name] = column
        columns.append(column)
    for letter, text in unknown:
        found.add(
            "column-unknown",
            row=number,
            column=letter,
            header=text,
            value=text,
            suggestion=suggestion(text, spec),
        )
    return columns


def required_columns(spec: SheetSpec, number: int, columns: list[Column], found: Found) -> bool:
    """Whether every required column is there; each missing one reported."""
    present = {name for c in columns for name in c.spec.fills}
    complete = True
    for column in spec.columns:
        if column.required and not column.covers and column.field not in present:
            complete = False
            found.add("column-missing", row=number, header=column.header, aliases=column.aliases)
    return complete


def unnamed_columns(header: tuple[CellValue | None, ...], data: Lines, found: Found) -> None:
    """Report each column without a header that holds data (at its first value)."""
    named = {i for i, v in enumerate(header) if not is_empty(v)}
    first: dict[int, tuple[int, CellValue | None]] = {}
    for number, values in data:
        for index, value in enumerate(values):
            if index not in named and index not in first and not is_empty(value):
                first[index] = (number, value)
    for index, (number, value) in sorted(first.items()):
        found.add(
            "column-unnamed", row=number, column=column_letter(index + 1), value=display(value)
        )
