"""Rows: one record's typed values as loaded, frozen, and what a sheet gave.

A :class:`Row` never changes once made: the loader builds a new one when a rule
settles a value (a one-day span, the currency written after an amount), and the
merge builds a new one from the copies it combines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from reports.domain.model import Source
from reports.inputs.problems import Problem
from reports.inputs.spec import SheetSpec


@dataclass(frozen=True)
class Cell:
    """Where a field's value came from: the column letter and the header as written."""

    column: str
    header: str
    row: int | None = None  # Pole | Wartość sheets: the field's own row


@dataclass(frozen=True)
class Row:
    """One record's typed values (by record field), and where each came from (read-only).

    >>> row = Row(Source("a.xlsx", "Wizyty", 2), {"start": 1})
    >>> row.values["start"] = 2
    Traceback (most recent call last):
    TypeError: 'mappingproxy' object does not support item assignment
    >>> row.with_values(start=2).get("start"), row.get("start")
    (2, 1)
    """

    source: Source
    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    cells: Mapping[str, Cell] = field(default_factory=lambda: MappingProxyType({}))
    currencies: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    __hash__ = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        for name in ("values", "cells", "currencies"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def with_values(self, **values: Any) -> Row:
        """A new row with these values changed (the cells stay)."""
        return Row(self.source, {**self.values, **values}, self.cells, self.currencies)

    def at(self, spec: SheetSpec, name: str) -> dict[str, Any]:
        """Problem location keywords for field ``name`` of this row."""
        cell = self.cells.get(name)
        if cell is not None:
            return {"column": cell.column, "header": cell.header}
        try:
            return {"column": None, "header": spec.by_field(name).header}
        except KeyError:
            return {"column": None, "header": None}

    def place(self) -> dict[str, Any]:
        return {"file": self.source.file, "sheet": self.source.sheet, "row": self.source.row}


@dataclass(frozen=True)
class LoadedSheet:
    """What one sheet gave: the rows that passed, how many were read and rejected, and the
    problems found in it."""

    spec: SheetSpec
    file: str
    name: str  # the sheet's name as written in the workbook
    rows: tuple[Row, ...] = ()
    read: int = 0
    rejected: int = 0
    problems: tuple[Problem, ...] = ()
