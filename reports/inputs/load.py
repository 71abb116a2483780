"""Cells → typed rows, through the sheet schemas.

:func:`load_sheet` reads one :class:`~reports.inputs.xlsx.RawSheet` against its
:class:`~reports.inputs.spec.SheetSpec`: it matches the headers
(:mod:`reports.inputs.headers`), converts every cell to the column's type
(:mod:`reports.inputs.values`), applies the row rules (:mod:`reports.inputs.rules`)
and returns a :class:`~reports.inputs.rows.LoadedSheet`: the rows that passed,
the counts for the reconciliation and every problem found — loading never stops
at the first one. *Pole | Wartość* sheets are read by :mod:`reports.inputs.fields`.
:mod:`reports.inputs.records` and :mod:`reports.checking.merge` turn rows into
domain records.
"""

from __future__ import annotations

from typing import Any

from reports.domain.model import Source
from reports.inputs.fields import load_fields
from reports.inputs.headers import (
    Column,
    Found,
    Lines,
    filled,
    header_index,
    match_headers,
    required_columns,
    template_headers,
    unnamed_columns,
)
from reports.inputs.rows import Cell, LoadedSheet, Row
from reports.inputs.rules import apply_rules
from reports.inputs.spec import SheetKind, SheetSpec, ValueType
from reports.inputs.values import Invalid, convert, display, is_empty
from reports.inputs.xlsx import CellValue, RawSheet

__all__ = ["Cell", "LoadedSheet", "Row", "load_sheet"]


def _row(
    spec: SheetSpec,
    source: Source,
    values: tuple[CellValue | None, ...],
    columns: list[Column],
    year: int | None,
    found: Found,
) -> Row | None:
    """The row of one line of a table, or None (with its problems) when it is rejected."""
    typed: dict[str, Any] = {}
    cells: dict[str, Cell] = {}
    currencies: dict[str, str] = {}
    invalid: set[str] = set()
    for column in columns:
        column_spec = column.spec
        raw = values[column.index] if column.index < len(values) else None
        converted = convert(raw, column_spec)
        if isinstance(converted, Invalid):
            invalid.update(column_spec.fills)
            found.add(
                converted.code,
                row=source.row,
                column=column.cell.column,
                header=column.cell.header,
                **converted.fields,
            )
            continue
        if column_spec.covers:  # Termin: (start, end)
            start, end = converted if converted is not None else (None, None)
            typed[column_spec.covers[0]], typed[column_spec.covers[1]] = start, end
            for name in column_spec.covers:
                cells[name] = column.cell
            continue
        if column_spec.type is ValueType.AMOUNT and isinstance(converted, tuple):
            converted, currencies[column_spec.field] = converted
        typed[column_spec.field] = converted
        cells[column_spec.field] = column.cell
    missing = False
    required = {c.field for c in spec.columns if c.required and not c.covers}
    for column in columns:
        for name in column.spec.fills:
            if name in required and name not in invalid and typed.get(name) is None:
                missing = True
                if not column.spec.covers or name == column.spec.covers[0]:
                    # an empty Termin is reported once, for the start
                    found.add(
                        "value-required",
                        row=source.row,
                        column=column.cell.column,
                        header=column.cell.header,
                    )
    if invalid or missing:
        return None
    row, problem = apply_rules(spec, Row(source, typed, cells, currencies), year)
    if problem is not None:
        found.problems.append(problem)
    return row


def _table(raw: RawSheet, spec: SheetSpec, file: str, year: int | None) -> LoadedSheet:
    found = Found(file, raw.name)
    rows = filled(raw.rows)
    if not rows:
        return LoadedSheet(spec, file, raw.name)
    at = header_index(spec, rows)
    if at is None:
        found.add("header-missing", row=rows[0][0], columns=template_headers(spec))
        rejected = len(rows) - 1
        return LoadedSheet(spec, file, raw.name, (), rejected, rejected, tuple(found.problems))
    for number, values in rows[:at]:
        text = " ".join(display(v) for v in values if not is_empty(v))
        found.add(
            "title-rows-skipped", row=number, value=text, text=text[:60], header_row=rows[at][0]
        )
    header_row, header_values = rows[at]
    data: Lines = rows[at + 1 :]
    columns = match_headers(spec, header_row, header_values, found)
    complete = required_columns(spec, header_row, columns, found)
    unnamed_columns(header_values, data, found)
    kept: list[Row] = []
    for number, values in data:
        row = _row(spec, Source(file, raw.name, number), values, columns, year, found)
        if row is not None and complete:
            kept.append(row)
    return LoadedSheet(
        spec,
        file,
        raw.name,
        tuple(kept),
        read=len(data),
        rejected=len(data) - len(kept),
        problems=tuple(found.problems),
    )


def load_sheet(raw: RawSheet, spec: SheetSpec, file: str, year: int | None) -> LoadedSheet:
    """Read one sheet against its spec: its rows, counts and problems.

    ``year`` is the report year (None for the registry, which spans years).
    """
    if spec.kind is SheetKind.FIELDS:
        return load_fields(raw, spec, file)
    return _table(raw, spec, file, year)
