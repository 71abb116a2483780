"""*Pole | Wartość* sheets (Metryczka, Miasto): one record, a field per row.

Column A names the field, column B holds its value; a sheet may end with a
list (Metryczka's *Zmiany*): a row with the list's name, then an optional
header row, then one item per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from reports.domain.model import Source
from reports.inputs.headers import Found, Lines, filled, suggestion, template_headers
from reports.inputs.rows import Cell, LoadedSheet, Row
from reports.inputs.schemas import FIELD_HEADER
from reports.inputs.spec import ColumnSpec, ItemList, SheetSpec, normalize_header
from reports.inputs.values import Invalid, convert, display, is_empty
from reports.inputs.xlsx import RawSheet, column_letter


def _split_items(spec: SheetSpec, rows: Lines) -> tuple[Lines, Lines]:
    """The field rows, and the rows of the sheet's list (from its name row on)."""
    items = spec.items
    if items is None:
        return rows, []
    wanted = normalize_header(items.name)
    for index, (_, values) in enumerate(rows):
        if normalize_header(display(values[0])) == wanted and all(map(is_empty, values[1:])):
            return rows[:index], rows[index:]
    return rows, []


def _item_column(items: ItemList, header: str) -> ColumnSpec | None:
    wanted = normalize_header(header)
    return next(
        (c for c in items.columns if any(normalize_header(n) == wanted for n in c.names)), None
    )


def _items(
    items: ItemList, rows: Lines, found: Found
) -> tuple[bool, tuple[Mapping[str, Any], ...], int] | None:
    """The list below its name row: (all rows good, the items, the name row's number).

    A header row right below the name is matched by header; without it the
    columns are taken in the declared order. None when the list is empty.
    """
    at, body = rows[0][0], rows[1:]
    order: list[tuple[int, ColumnSpec]] = list(enumerate(items.columns))
    if body and all(is_empty(v) or _item_column(items, display(v)) is not None for v in body[0][1]):
        order = [
            (i, column)
            for i, v in enumerate(body[0][1])
            if (column := _item_column(items, display(v))) is not None
        ]
        body = body[1:]
    if not body:
        return None
    good = True
    entries: list[Mapping[str, Any]] = []
    for number, values in body:
        entry: dict[str, Any] = {}
        for index, column in order:
            raw = values[index] if index < len(values) else None
            converted = convert(raw, column)
            place: dict[str, Any] = {
                "row": number,
                "column": column_letter(index + 1),
                "header": column.header,
            }
            if isinstance(converted, Invalid):
                good = False
                found.add(converted.code, **place, **converted.fields)
            elif converted is None and column.required:
                good = False
                found.add("value-required", **place, list=items.name)
            else:
                entry[column.field] = converted
        entries.append(MappingProxyType(entry))
    return good, tuple(entries), at


def load_fields(raw: RawSheet, spec: SheetSpec, file: str) -> LoadedSheet:
    """Read a *Pole | Wartość* sheet: at most one row, its counts and problems."""
    found = Found(file, raw.name)
    rows: Lines = filled(raw.rows)
    if rows and normalize_header(display(rows[0][1][0])) == normalize_header(FIELD_HEADER):
        rows = rows[1:]
    rows, listed = _split_items(spec, rows)
    items = _items(spec.items, listed, found) if listed and spec.items is not None else None
    if items is None and all(len(values) < 2 or is_empty(values[1]) for _, values in rows):
        # no value filled in: the sheet holds no data
        return LoadedSheet(spec, file, raw.name, problems=tuple(found.problems))
    first = rows[0][0] if rows else listed[0][0]
    values_of: dict[str, Any] = {}
    cells: dict[str, Cell] = {}
    seen: dict[str, int] = {}
    bad = False
    if items is not None:
        assert spec.items is not None
        good, entries, at = items
        bad = not good
        values_of[spec.items.field] = entries
        cells[spec.items.field] = Cell("A", spec.items.name, at)
    extra: dict[int, int] = {}
    fields = template_headers(spec)
    for number, values in rows:
        for index in range(2, len(values)):
            if not is_empty(values[index]):
                extra.setdefault(index, number)
        name = values[0]
        value = values[1] if len(values) > 1 else None
        if is_empty(name):
            found.add("field-unnamed", row=number, column="A", value=display(value), fields=fields)
            continue
        text = display(name)
        column = spec.column(text)
        if column is None:
            found.add(
                "field-unknown",
                row=number,
                column="A",
                header=FIELD_HEADER,
                value=text,
                suggestion=suggestion(text, spec),
                fields=fields,
            )
            continue
        if column.field in seen:
            bad = True
            found.add(
                "field-duplicate",
                row=number,
                column="A",
                header=FIELD_HEADER,
                value=text,
                name=column.header,
                first_row=seen[column.field],
            )
            continue
        seen[column.field] = number
        place: dict[str, Any] = {"row": number, "column": "B", "header": column.header}
        converted = convert(value, column)
        if isinstance(converted, Invalid):
            bad = True
            found.add(converted.code, **place, **converted.fields)
            continue
        if converted is None and column.required:
            bad = True
            found.add("field-required", **place, hint=column.hint or None)
            continue
        values_of[column.field] = converted
        cells[column.field] = Cell("B", column.header, number)
    for index, number in sorted(extra.items()):
        found.add("column-ignored", row=number, column=column_letter(index + 1))
    for column in spec.columns:
        if column.required and column.field not in seen:
            bad = True
            found.add("field-missing", header=column.header)
    kept = () if bad else (Row(Source(file, raw.name, first), values_of, cells),)
    return LoadedSheet(
        spec, file, raw.name, kept, read=1, rejected=int(bad), problems=tuple(found.problems)
    )
