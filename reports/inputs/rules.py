"""Row rules beyond single cells, as the sheet schemas declare them.

* ``SheetSpec.span``: the last field of the span is never before the first; a
  last day equal to the first is stored as ``None`` (one day);
* ``SheetSpec.rules``: :class:`~reports.inputs.spec.RowRule` (Data podpisania,
  Status against Data zakończenia);
* a currency written after an amount agrees with the row's currency;
* ``SheetSpec.year_rule``: the row's dates against the report year (and the year a
  planned action was moved to).

:func:`apply_rules` returns the row (a new one when a rule settles a value) or
None when it is rejected, with the problems found.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from reports.domain.model import PartnerKind, PartnerStatus, Term, year_of
from reports.inputs.problems import Problem, problem
from reports.inputs.rows import Row
from reports.inputs.spec import RowRule, SheetSpec, YearRule
from reports.inputs.statuses import StatusCell
from reports.polish.dates import format_date, format_date_range

#: A rule's answer: the row (maybe a new one) or None when rejected, and its problem.
Outcome = tuple[Row | None, Problem | None]


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


def _problem(spec: SheetSpec, row: Row, code: str, at: str, **fields: Any) -> Problem:
    """A problem of ``row`` at the cell of field ``at``."""
    return problem(code, **row.place(), **row.at(spec, at), **fields)


def _signed(spec: SheetSpec, row: Row) -> Outcome:
    kind = row.get("kind")
    if row.get("signed") is None and kind is not None and kind != PartnerKind.NO_AGREEMENT:
        return None, _problem(spec, row, "signed-required", "signed", kind=kind)
    return row, None


def _status(spec: SheetSpec, row: Row) -> Outcome:
    """Status agrees with Data zakończenia: a suspended or ended one has its date."""
    status, ended = row.get("status"), row.get("ended")
    if status is None or (status == PartnerStatus.ACTIVE) == (ended is None):
        return row, None
    shown = None if ended is None else _show(ended)
    return None, _problem(
        spec, row, "partner-status-conflict", "status", value=str(status), ended=shown
    )


_ROW_RULES: dict[RowRule, Callable[[SheetSpec, Row], Outcome]] = {
    RowRule.SIGNED: _signed,
    RowRule.STATUS_ENDED: _status,
}


def _span(spec: SheetSpec, row: Row, first: str, last: str) -> Outcome:
    start, end = row.get(first), row.get(last)
    if start is None or end is None:
        return row, None
    if isinstance(start, date) and isinstance(end, date):
        if end == start:
            return row.with_values(**{last: None}), None  # one day
        reversed_ = end < start
    else:
        reversed_ = year_of(end) < year_of(start)
    if not reversed_:
        return row, None
    return None, _problem(
        spec,
        row,
        "date-range-reversed",
        last,
        value=_show(end),
        start=_show(start),
        start_header=row.at(spec, first)["header"],
    )


def _currencies(spec: SheetSpec, row: Row) -> Outcome:
    """A currency written after an amount must agree with the row's currency."""
    has_column = any(c.field == "currency" for c in spec.columns)
    expected: str | None = row.get("currency") if has_column else "PLN"
    for name, written in row.currencies.items():
        if expected is None:
            expected = written
            row = row.with_values(currency=written)
        elif written != expected:
            return None, _problem(
                spec,
                row,
                "currency-mismatch",
                name,
                value=written,
                expected=expected,
                currency_column=has_column,
            )
    return row, None


def _within(spec: SheetSpec, row: Row, year: int) -> Outcome:
    if "start" in row.values:
        start: date | None = row.get("start")
        if start is None:
            return row, None
        end: date = row.get("end") or start
        if start.year <= year <= end.year:
            return row, None
        shown = _plain(format_date_range(start, row.get("end")))
        years = sorted({start.year, end.year})
        name = "start"
    else:
        when = row.get("date")
        if when is None or year_of(when) == year:
            return row, None
        shown, years, name = _plain(format_date(when)), [year_of(when)], "date"
    return None, _problem(
        spec,
        row,
        "date-outside-year",
        name,
        value=shown,
        year=year,
        first_year=years[0],
        last_year=years[1] if len(years) > 1 else None,
    )


def _overlap(spec: SheetSpec, row: Row, year: int) -> Outcome:
    start: date | None = row.get("start")
    if start is None:
        return row, None
    end: date | None = row.get("end")
    if start.year <= year and (end is None or end.year >= year):
        return row, None
    return None, _problem(
        spec,
        row,
        "project-outside-year",
        "start",
        value=_show(start),
        name=row.get("name"),
        start=_plain(format_date(start)),
        end=None if end is None else _plain(format_date(end)),
        year=year,
    )


def _next(spec: SheetSpec, row: Row, year: int) -> Outcome:
    """A plan's Termin falls in the year after the report's."""
    term: Term | None = row.get("term")
    if term is None or term.year == year + 1:
        return row, None
    return None, _problem(
        spec,
        row,
        "plan-outside-year",
        "term",
        value=str(term.year),
        year=year,
        next_year=year + 1,
        target_year=term.year - 1,
    )


def _moved(spec: SheetSpec, row: Row, year: int) -> Outcome:
    """A planned action of year N is moved only to year N+1 (when the cell names a year)."""
    status: StatusCell | None = row.get("status")
    if status is None or status.year is None or status.year == year + 1:
        return row, None
    return None, _problem(
        spec,
        row,
        "plan-status-year",
        "status",
        value=str(status.year),
        year=year,
        next_year=year + 1,
    )


_YEAR_RULES: dict[YearRule, Callable[[SheetSpec, Row, int], Outcome]] = {
    YearRule.WITHIN: _within,
    YearRule.OVERLAP: _overlap,
    YearRule.NEXT: _next,
    YearRule.MOVED: _moved,
}


def apply_rules(spec: SheetSpec, row: Row, year: int | None) -> Outcome:
    """The row after the rules of ``spec`` (None when one rejects it), and its problem.

    ``year`` is the report year (None for the registry: no year rule applies).
    """
    steps: list[Callable[[Row], Outcome]] = [
        *(lambda r, rule=rule: _ROW_RULES[rule](spec, r) for rule in spec.rules),
    ]
    if spec.span is not None:
        first, last = spec.span
        steps.append(lambda r: _span(spec, r, first, last))
    steps.append(lambda r: _currencies(spec, r) if r.currencies else (r, None))
    if year is not None and spec.year_rule in _YEAR_RULES:
        rule = _YEAR_RULES[spec.year_rule]
        steps.append(lambda r: rule(spec, r, year))
    current: Row | None = row
    for step in steps:
        assert current is not None
        current, found = step(current)
        if found is not None or current is None:
            return None, found
    return current, None
