"""Cells → typed rows, through the sheet schemas.

:func:`load_sheet` reads one :class:`~reports.inputs.xlsx.RawSheet` against its
:class:`~reports.inputs.schemas.SheetSpec`: it matches the headers, converts every cell
to the column's type (:mod:`reports.inputs.values`), applies the row rules (ranges,
the report year, conditional requirements) and returns the rows that passed as
:class:`Row` objects, with counts for the reconciliation. Every mistake becomes a
:class:`~reports.inputs.problems.Problem` appended to the list passed in; loading never
stops at the first one. :mod:`reports.inputs.records` and :mod:`reports.checking.merge` turn
rows into domain records.

An end date equal to the start date is stored as ``None`` (one day).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reports.domain.model import (
    PartnerKind,
    PartnerStatus,
    Source,
    Term,
    year_of,
)
from reports.inputs.problems import Problem, problem
from reports.inputs.schemas import (
    FIELD_HEADER,
    MIASTA_PARTNERSKIE,
    VALUE_HEADER,
    ColumnSpec,
    ItemList,
    SheetKind,
    SheetSpec,
    ValueType,
    YearRule,
    normalize_header,
)
from reports.inputs.values import Invalid, convert, display, is_empty
from reports.inputs.xlsx import CellValue, RawSheet, column_letter
from reports.polish.dates import format_date, format_date_range

# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """Where a field's value came from: the column letter and the header as written."""

    column: str
    header: str
    row: int | None = None  # Pole | Wartość sheets: the field's own row


@dataclass
class Row:
    """One record's typed values (by record field), and where each came from."""

    source: Source
    values: dict[str, Any]
    cells: dict[str, Cell]
    currencies: dict[str, str] = field(default_factory=dict)  # amount field → suffix currency

    def get(self, name: str) -> Any:
        return self.values.get(name)

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


@dataclass
class LoadedSheet:
    """What one sheet gave: the rows that passed, and how many were read and rejected."""

    spec: SheetSpec
    file: str
    name: str  # the sheet's name as written in the workbook
    rows: list[Row] = field(default_factory=list)
    read: int = 0
    rejected: int = 0


# ---------------------------------------------------------------------------
# Sheets
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    """A recognised column of a sheet being read."""

    index: int
    spec: ColumnSpec
    cell: Cell


#: How many filled rows from the top may hold the headers (titles above them are skipped).
_HEADER_SEARCH = 5


def _suggest(text: str, spec: SheetSpec) -> str:
    names = [name for c in spec.columns for name in c.names]
    close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
    return f" (może „{close[0]}”?)" if close else ""


def _column_names(spec: SheetSpec) -> str:
    return ", ".join(f"„{c.header}”" for c in spec.template_columns)


class _SheetReader:
    """Reads one sheet against its spec, appending problems to ``problems``."""

    def __init__(
        self, raw: RawSheet, spec: SheetSpec, file: str, year: int | None, problems: list[Problem]
    ) -> None:
        self.raw = raw
        self.spec = spec
        self.file = file
        self.year = year
        self.problems = problems
        self.result = LoadedSheet(spec, file, raw.name)
        self.required = frozenset(c.field for c in spec.columns if c.required and not c.covers)

    def add(self, code: str, message: str, **where: Any) -> None:
        self.problems.append(problem(code, message, file=self.file, sheet=self.raw.name, **where))

    # -- tables ------------------------------------------------------------

    def table(self) -> LoadedSheet:
        rows = [(n, values) for n, values in self.raw.rows if not all(map(is_empty, values))]
        if not rows:
            return self.result
        at = self._header_index(rows)
        if at is None:
            self.add(
                "header-missing",
                f"Żaden z pierwszych wierszy arkusza nie zawiera znanego nagłówka, więc "
                "jego dane nie trafią do raportu. Wpisz w pierwszym wierszu nagłówki "
                f"kolumn: {_column_names(self.spec)}.",
                row=rows[0][0],
            )
            self.result.read = self.result.rejected = len(rows) - 1
            return self.result
        for number, values in rows[:at]:
            shown = " ".join(display(v) for v in values if not is_empty(v))
            self.add(
                "title-rows-skipped",
                f"Wiersz {number} („{shown[:60]}”) jest nad wierszem nagłówków "
                f"(wiersz {rows[at][0]}), więc go pominięto. Jeśli to dane, przenieś je pod "
                "nagłówki.",
                row=number,
                value=shown,
            )
        header_row, header_values = rows[at]
        data = rows[at + 1 :]
        columns = self._headers(header_row, header_values)
        complete = self._required_columns(header_row, columns)
        self._unnamed_columns(header_values, data)
        for number, values in data:
            self.result.read += 1
            row = self._row(number, values, columns)
            if row is not None and complete:
                self.result.rows.append(row)
            else:
                self.result.rejected += 1
        return self.result

    def _header_index(self, rows: list[tuple[int, tuple[CellValue | None, ...]]]) -> int | None:
        """Which row holds the headers: the first, if it has a known header; else
        the first of the next few with two known headers (titles above are skipped).
        """
        for index, (_, values) in enumerate(rows[:_HEADER_SEARCH]):
            known = sum(1 for v in values if not is_empty(v) and self.spec.column(display(v)))
            if known >= (1 if index == 0 else 2):
                return index
        return None

    def _headers(self, number: int, values: tuple[CellValue | None, ...]) -> list[_Column]:
        columns: list[_Column] = []
        unknown: list[tuple[str, str]] = []
        taken: dict[str, _Column] = {}
        for index, value in enumerate(values):
            if is_empty(value):
                continue
            text = display(value)
            letter = column_letter(index + 1)
            spec = self.spec.column(text)
            if spec is None:
                unknown.append((letter, text))
                continue
            clash = next((taken[f] for f in spec.fills if f in taken), None)
            if clash is not None:
                self.add(
                    "column-duplicate",
                    f"Kolumna „{text}” podaje te same dane co kolumna {clash.cell.column} "
                    f"(„{clash.cell.header}”). Zostaw jedną z nich: usuń drugą albo zmień "
                    "jej nagłówek.",
                    row=number,
                    column=letter,
                    header=text,
                    value=text,
                )
                continue
            column = _Column(index, spec, Cell(letter, text))
            for name in spec.fills:
                taken[name] = column
            columns.append(column)
        for letter, text in unknown:
            self.add(
                "column-unknown",
                f"Nieznana kolumna „{text}”{_suggest(text, self.spec)}: jej dane nie trafią "
                "do raportu. Popraw nagłówek albo usuń kolumnę, jeśli jest niepotrzebna.",
                row=number,
                column=letter,
                header=text,
                value=text,
            )
        return columns

    def _required_columns(self, number: int, columns: list[_Column]) -> bool:
        present = {name for c in columns for name in c.spec.fills}
        complete = True
        for spec in self.spec.columns:
            if spec.required and not spec.covers and spec.field not in present:
                complete = False
                also = ""
                if spec.aliases:
                    also = " (albo " + ", ".join(f"„{a}”" for a in spec.aliases) + ")"
                self.add(
                    "column-missing",
                    f"Brak wymaganej kolumny „{spec.header}”{also}. Dodaj ją w wierszu "
                    f"nagłówków (wiersz {number}) i wypełnij; bez niej żaden wiersz arkusza "
                    "nie trafi do raportu.",
                    row=number,
                    header=spec.header,
                )
        return complete

    def _unnamed_columns(
        self,
        header: tuple[CellValue | None, ...],
        data: list[tuple[int, tuple[CellValue | None, ...]]],
    ) -> None:
        named = {i for i, v in enumerate(header) if not is_empty(v)}
        first: dict[int, tuple[int, CellValue | None]] = {}
        for number, values in data:
            for index, value in enumerate(values):
                if index not in named and index not in first and not is_empty(value):
                    first[index] = (number, value)
        for index, (number, value) in sorted(first.items()):
            letter = column_letter(index + 1)
            self.add(
                "column-unknown",
                f"Kolumna {letter} nie ma nagłówka, a są w niej dane (pierwsze w wierszu "
                f"{number}): nie trafią do raportu. Dopisz nagłówek albo usuń te dane.",
                row=number,
                column=letter,
                value=display(value),
            )

    def _row(
        self, number: int, values: tuple[CellValue | None, ...], columns: list[_Column]
    ) -> Row | None:
        row = Row(Source(self.file, self.raw.name, number), {}, {})
        bad = False
        invalid: set[str] = set()
        for column in columns:
            spec = column.spec
            raw = values[column.index] if column.index < len(values) else None
            converted = convert(raw, spec)
            if isinstance(converted, Invalid):
                bad = True
                invalid.update(spec.fills)
                self.add(
                    converted.code,
                    converted.message,
                    row=number,
                    column=column.cell.column,
                    header=column.cell.header,
                    value=display(raw),
                )
                continue
            if spec.covers:  # Termin: (start, end)
                start, end = converted if converted is not None else (None, None)
                row.values[spec.covers[0]], row.values[spec.covers[1]] = start, end
                for name in spec.covers:
                    row.cells[name] = column.cell
                continue
            if spec.type is ValueType.AMOUNT and isinstance(converted, tuple):
                converted, row.currencies[spec.field] = converted
            row.values[spec.field] = converted
            row.cells[spec.field] = column.cell
        for column in columns:
            for name in column.spec.fills:
                if name in self.required and name not in invalid and row.values.get(name) is None:
                    bad = True
                    self._missing(row, column, name)
        if not bad:
            bad = not self._rules(row)
        return None if bad else row

    def _missing(self, row: Row, column: _Column, name: str) -> None:
        header = column.cell.header
        if column.spec.covers and name != column.spec.covers[0]:
            return  # an empty Termin is reported once, for the start
        self.add(
            "value-required",
            f"Pusta komórka w wymaganej kolumnie „{header}”. Uzupełnij ją albo usuń cały "
            "wiersz, jeśli jest zbędny.",
            row=row.source.row,
            column=column.cell.column,
            header=header,
        )

    def _rules(self, row: Row) -> bool:
        """Row rules beyond single cells; False when the row is rejected."""
        ok = True
        spec = self.spec
        if spec is MIASTA_PARTNERSKIE:
            ok = self._partner_rules(row)
        span = _SPANS.get(spec.name)
        if span is not None and ok:
            ok = self._span(row, *span)
        if row.currencies and ok:
            ok = self._currencies(row)
        if ok and self.year is not None and spec.year_rule is not YearRule.NONE:
            ok = self._year_rule(row)
        return ok

    def _currencies(self, row: Row) -> bool:
        """A currency written after an amount must agree with the row's currency."""
        has_column = any(c.field == "currency" for c in self.spec.columns)
        expected: str | None = row.get("currency") if has_column else "PLN"
        for name, written in row.currencies.items():
            if expected is None:
                expected = row.values["currency"] = written
            elif written != expected:
                where = "w kolumnie „Waluta”" if has_column else "dla tej kolumny (złote)"
                self.add(
                    "currency-mismatch",
                    f"Kwota jest w {written}, a waluta {where} to {expected}. Popraw walutę "
                    "przy kwocie albo w kolumnie „Waluta” (jedna waluta na wiersz).",
                    row=row.source.row,
                    value=written,
                    **row.at(self.spec, name),
                )
                return False
        return True

    def _partner_rules(self, row: Row) -> bool:
        return self._signed(row) and self._status(row)

    def _status(self, row: Row) -> bool:
        """Status agrees with Data zakończenia: a suspended or ended one has its date."""
        status, ended = row.get("status"), row.get("ended")
        if status is None or (status == PartnerStatus.ACTIVE) == (ended is None):
            return True
        if ended is None:
            message = (
                f"Status „{status}” wymaga daty w kolumnie „Data zakończenia” (dzień albo "
                "rok zawieszenia lub zakończenia współpracy). Wpisz ją albo zmień status."
            )
        else:
            message = (
                f"Status „aktywne”, a w kolumnie „Data zakończenia” jest {_show(ended)}. "
                "Wpisz status „zawieszone” albo „zakończone”, albo usuń datę zakończenia."
            )
        self.add(
            "partner-status-conflict",
            message,
            row=row.source.row,
            value=str(status),
            **row.at(self.spec, "status"),
        )
        return False

    def _signed(self, row: Row) -> bool:
        kind = row.get("kind")
        if row.get("signed") is None and kind is not None and kind != PartnerKind.NO_AGREEMENT:
            self.add(
                "value-required",
                f"Brak daty podpisania dla rodzaju „{kind}”. Wpisz datę albo sam rok "
                "podpisania (wymagana, chyba że rodzaj to „współpraca bez umowy”).",
                row=row.source.row,
                **row.at(self.spec, "signed"),
            )
            return False
        return True

    def _span(self, row: Row, first: str, last: str) -> bool:
        start, end = row.get(first), row.get(last)
        if start is None or end is None:
            return True
        if isinstance(start, date) and isinstance(end, date):
            reversed_ = end < start
            if end == start:
                row.values[last] = None  # one day
        else:
            reversed_ = year_of(end) < year_of(start)
        if reversed_:
            end_header = row.at(self.spec, last)["header"]
            start_header = row.at(self.spec, first)["header"]
            self.add(
                "date-range-reversed",
                f"Wartość w kolumnie „{end_header}” ({_show(end)}) jest wcześniejsza niż "
                f"w kolumnie „{start_header}” ({_show(start)}). Popraw jedną z dat.",
                row=row.source.row,
                value=_show(end),
                **row.at(self.spec, last),
            )
            return False
        return True

    def _year_rule(self, row: Row) -> bool:
        assert self.year is not None
        year = self.year
        if self.spec.year_rule is YearRule.NEXT:
            return self._next_year(row)
        if self.spec.year_rule is YearRule.WITHIN:
            if "start" in row.values:
                start: date | None = row.get("start")
                if start is None:
                    return True
                end: date = row.get("end") or start
                if start.year <= year <= end.year:
                    return True
                shown = _plain(format_date_range(start, row.get("end")))
                years = sorted({start.year, end.year})
            else:
                when = row.get("date")
                if when is None or year_of(when) == year:
                    return True
                shown, years = _plain(format_date(when)), [year_of(when)]
            target = " albo ".join(f"{y}" for y in years)
            self.add(
                "date-outside-year",
                f"Data „{shown}” jest poza rokiem {year}. Popraw datę albo przenieś wiersz "
                f"do skoroszytu roku {target}.",
                row=row.source.row,
                value=shown,
                **row.at(self.spec, "start" if "start" in row.values else "date"),
            )
            return False
        start = row.get("start")
        if start is None:
            return True
        end_ = row.get("end")
        if start.year <= year and (end_ is None or end_.year >= year):
            return True
        shown = f"od {format_date(start)}" + (f" do {format_date(end_)}" if end_ else "")
        shown = _plain(shown)
        self.add(
            "project-outside-year",
            f"Projekt „{row.get('name')}” trwał {shown}, czyli nie w roku {year}, więc nie "
            f"trafi do raportu za {year} r. Jeśli daty są dobre, przenieś wiersz do "
            "skoroszytu właściwego roku.",
            row=row.source.row,
            value=_show(start),
            **row.at(self.spec, "start"),
        )
        return False

    def _next_year(self, row: Row) -> bool:
        """A plan's Termin falls in the year after the report's."""
        assert self.year is not None
        term: Term | None = row.get("term")
        if term is None or term.year == self.year + 1:
            return True
        self.add(
            "plan-outside-year",
            f"Termin w roku {term.year} jest poza rokiem {self.year + 1}: plan w skoroszycie "
            f"roku {self.year} dotyczy roku {self.year + 1}. Popraw termin albo przenieś "
            f"wiersz do arkusza „Plan” w skoroszycie roku {term.year - 1}.",
            row=row.source.row,
            value=str(term.year),
            **row.at(self.spec, "term"),
        )
        return False

    # -- key/value sheets ---------------------------------------------------

    def fields(self) -> LoadedSheet:
        rows = [(n, values) for n, values in self.raw.rows if not all(map(is_empty, values))]
        if rows and normalize_header(display(rows[0][1][0])) == normalize_header(FIELD_HEADER):
            rows = rows[1:]
        rows, listed = self._split_items(rows)
        items = self._items(listed) if listed else None
        if items is None and all(len(values) < 2 or is_empty(values[1]) for _, values in rows):
            return self.result  # no value filled in: the sheet holds no data
        self.result.read = 1
        first = rows[0][0] if rows else listed[0][0]
        row = Row(Source(self.file, self.raw.name, first), {}, {})
        seen: dict[str, int] = {}
        bad = False
        if items is not None:
            assert self.spec.items is not None
            good, entries, at = items
            bad = not good
            row.values[self.spec.items.field] = entries
            row.cells[self.spec.items.field] = Cell("A", self.spec.items.name, at)
        extra: dict[int, int] = {}
        for number, values in rows:
            for index in range(2, len(values)):
                if not is_empty(values[index]):
                    extra.setdefault(index, number)
            name = values[0]
            value = values[1] if len(values) > 1 else None
            if is_empty(name):
                self.add(
                    "field-unknown",
                    f"Wartość „{display(value)}” nie ma nazwy pola w kolumnie A. Dopisz nazwę "
                    f"pola ({_column_names(self.spec)}) albo usuń wartość.",
                    row=number,
                    column="A",
                    value=display(value),
                )
                continue
            text = display(name)
            spec = self.spec.column(text)
            if spec is None:
                self.add(
                    "field-unknown",
                    f"Nieznane pole „{text}”{_suggest(text, self.spec)}: jego wartość nie trafi "
                    f"do raportu. Pola tego arkusza to: {_column_names(self.spec)}.",
                    row=number,
                    column="A",
                    header=FIELD_HEADER,
                    value=text,
                )
                continue
            if spec.field in seen:
                bad = True
                self.add(
                    "field-duplicate",
                    f"Pole „{spec.header}” jest już w wierszu {seen[spec.field]}. Zostaw jeden "
                    "wiersz z tym polem.",
                    row=number,
                    column="A",
                    header=FIELD_HEADER,
                    value=text,
                )
                continue
            seen[spec.field] = number
            cell = Cell("B", spec.header, number)
            converted = convert(value, spec)
            if isinstance(converted, Invalid):
                bad = True
                self.add(
                    converted.code,
                    converted.message,
                    row=number,
                    column="B",
                    header=spec.header,
                    value=display(value),
                )
                continue
            if converted is None and spec.required:
                bad = True
                self.add(
                    "value-required",
                    f"Pole „{spec.header}” jest wymagane, a jego wartość (kolumna B) jest "
                    f"pusta. Uzupełnij ją{': ' + spec.hint if spec.hint else ''}",
                    row=number,
                    column="B",
                    header=spec.header,
                )
                continue
            row.values[spec.field] = converted
            row.cells[spec.field] = cell
        for index, number in sorted(extra.items()):
            letter = column_letter(index + 1)
            self.add(
                "column-unknown",
                f"W arkuszu „{self.raw.name}” liczą się tylko kolumny A ({FIELD_HEADER}) "
                f"i B ({VALUE_HEADER}); dane z kolumny {letter} (od wiersza {number}) nie "
                "trafią do raportu.",
                row=number,
                column=letter,
            )
        for spec in self.spec.columns:
            if spec.required and spec.field not in seen:
                bad = True
                self.add(
                    "field-missing",
                    f"Brak pola „{spec.header}”. Dopisz wiersz: w kolumnie A „{spec.header}”, "
                    "w kolumnie B jego wartość.",
                    header=spec.header,
                )
        if bad:
            self.result.rejected = 1
        else:
            self.result.rows.append(row)
        return self.result

    def _split_items(
        self, rows: list[tuple[int, tuple[CellValue | None, ...]]]
    ) -> tuple[
        list[tuple[int, tuple[CellValue | None, ...]]],
        list[tuple[int, tuple[CellValue | None, ...]]],
    ]:
        """The field rows, and the rows of the sheet's list (from its name row on)."""
        items = self.spec.items
        if items is None:
            return rows, []
        wanted = normalize_header(items.name)
        for index, (_, values) in enumerate(rows):
            if normalize_header(display(values[0])) == wanted and all(map(is_empty, values[1:])):
                return rows[:index], rows[index:]
        return rows, []

    def _items(
        self, rows: list[tuple[int, tuple[CellValue | None, ...]]]
    ) -> tuple[bool, tuple[dict[str, Any], ...], int] | None:
        """The list below its name row: (all rows good, the items, the name row's number).

        A header row right below the name is matched by header; without it the
        columns are taken in the declared order. None when the list is empty.
        """
        items = self.spec.items
        assert items is not None
        at, body = rows[0][0], rows[1:]
        order: list[tuple[int, ColumnSpec]] = list(enumerate(items.columns))
        if body and all(
            is_empty(v) or _item_column(items, display(v)) is not None for v in body[0][1]
        ):
            order = [
                (i, column)
                for i, v in enumerate(body[0][1])
                if (column := _item_column(items, display(v))) is not None
            ]
            body = body[1:]
        if not body:
            return None
        good = True
        entries: list[dict[str, Any]] = []
        for number, values in body:
            entry: dict[str, Any] = {}
            for index, column in order:
                raw = values[index] if index < len(values) else None
                converted = convert(raw, column)
                letter = column_letter(index + 1)
                if isinstance(converted, Invalid):
                    good = False
                    self.add(
                        converted.code,
                        f"{items.name}: {converted.message}",
                        row=number,
                        column=letter,
                        header=column.header,
                        value=display(raw),
                    )
                elif converted is None and column.required:
                    good = False
                    self.add(
                        "value-required",
                        f"Wpis listy „{items.name}” ma pustą kolumnę „{column.header}”. "
                        "Uzupełnij ją albo usuń cały wiersz.",
                        row=number,
                        column=letter,
                        header=column.header,
                    )
                else:
                    entry[column.field] = converted
            entries.append(entry)
        return good, tuple(entries), at


def _item_column(items: ItemList, header: str) -> ColumnSpec | None:
    wanted = normalize_header(header)
    return next(
        (c for c in items.columns if any(normalize_header(n) == wanted for n in c.names)), None
    )


#: Fields that make a span (start, end) per sheet: the end is never before the start.
_SPANS: dict[str, tuple[str, str]] = {
    "Wizyty": ("start", "end"),
    "Wyjazdy": ("start", "end"),
    "Projekty": ("start", "end"),
    "Miasta partnerskie": ("signed", "ended"),
    "Organizacje": ("since", "until"),
}


def _plain(text: str) -> str:
    """Text for the terminal and JSON: non-breaking spaces as plain ones, no word joiners.

    >>> _plain("6–\u20608\xa0listopada 2025\xa0r.")
    '6–8 listopada 2025 r.'
    """
    return text.replace("\xa0", " ").replace("\u2060", "")


def _show(value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def load_sheet(
    raw: RawSheet, spec: SheetSpec, file: str, year: int | None, problems: list[Problem]
) -> LoadedSheet:
    """Read one sheet against its spec; problems are appended to ``problems``.

    ``year`` is the report year (None for the registry, which spans years).
    """
    reader = _SheetReader(raw, spec, file, year, problems)
    return reader.fields() if spec.kind is SheetKind.FIELDS else reader.table()
