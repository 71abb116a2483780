"""The columns of the open-data tables: a Table Schema field with its Polish title and
description and its constraints, a table of rows, and the columns several tables share.

The tables themselves are :mod:`reports.publish.datatables` and :mod:`reports.publish.dataplan`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reports.domain.model import DateOrYear, Domain

#: A cell of a data table: text, a whole number, an amount, a date, or empty.
Value = str | int | Decimal | date | None


@dataclass(frozen=True)
class DataColumn:
    """A column: its CSV header (``name``), Table Schema type, Polish title and
    description, and its constraints."""

    name: str
    type: str  # string, integer, number, date, year
    title: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: int | None = None
    unique: bool = False

    def descriptor(self) -> dict[str, Any]:
        """The column as a Table Schema field."""
        field: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": self.description,
        }
        if self.type == "date":
            field["format"] = "%Y-%m-%d"
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if constraints:
            field["constraints"] = constraints
        return field


@dataclass(frozen=True)
class DataTable:
    """One kind of record: the resource's name (and file stem), title, description,
    columns and rows (one value per column)."""

    name: str
    title: str
    description: str
    columns: tuple[DataColumn, ...]
    rows: tuple[tuple[Value, ...], ...]

    def column(self, name: str) -> list[Value]:
        """The values of the column ``name``, row by row."""
        index = [c.name for c in self.columns].index(name)
        return [row[index] for row in self.rows]


def lp(what: str) -> DataColumn:
    """Lp.: the record's number in the report (``what``: of what, in the genitive)."""
    return DataColumn(
        "Lp.",
        "integer",
        "Liczba porządkowa",
        f"Numer {what} w raporcie (kolejność jak w raporcie).",
        required=True,
        minimum=1,
        unique=True,
    )


def text(name: str, title: str, description: str, *, required: bool = False) -> DataColumn:
    """A text column."""
    return DataColumn(name, "string", title, description, required=required)


DOMAIN = DataColumn(
    "Dziedzina",
    "string",
    "Dziedzina współpracy",
    "Dziedzina z listy; puste, gdy jej nie podano.",
    enum=tuple(map(str, Domain)),
)
COUNTRY = (
    text("Kraj", "Kraj", "Polska nazwa kraju.", required=True),
    DataColumn(
        "Kod kraju",
        "string",
        "Kod kraju (ISO 3166-1)",
        "Dwuliterowy kod kraju według normy ISO 3166-1.",
        required=True,
        pattern="[A-Z]{2}",
    ),
)
CURRENCY_PATTERN = "[A-Z]{3}"


def year_and_date(name: str, what: str, *, required: bool) -> tuple[DataColumn, DataColumn]:
    """A date that the workbook may give as a year only: its year, and the day when known."""
    return (
        DataColumn(f"Rok {name}", "year", f"Rok {name}", f"Rok {what}.", required=required),
        DataColumn(
            f"Data {name}",
            "date",
            f"Data {name}",
            f"Dzień {what}; puste, gdy znany jest tylko rok.",
        ),
    )


def split(value: DateOrYear | None) -> tuple[int | None, date | None]:
    """A date-or-year as the cells of :func:`year_and_date`: the year, and the day if known."""
    if value is None:
        return None, None
    if isinstance(value, int):
        return value, None
    return value.year, value


def text_of(value: object | None) -> str | None:
    """A list value (Dziedzina, Rodzaj, …) as its text; None stays empty."""
    return None if value is None else str(value)
