"""Realizacja planu: the officer's statuses, merged across workbooks and held against
last year's plan.

:func:`load_statuses` takes the rows of every sheet „Realizacja planu” of the year.
A row that states something (a status or a description) is a statement; statements
merge across workbooks as other records do (the key is Działanie: the same
statement twice is a warning, two different ones an error). A row with the action
alone — as the blank workbook lists the plan — states nothing and merges with
anything.

:func:`review` holds the statements against year N−1's plan (the plan for year N):

* an action of the plan without a status → ``plan-status-missing`` (a warning at its
  empty Realizacja cell, or at the sheet when no row names it), with the year's
  events that might have carried it out (:func:`reports.domain.plan.suggestions`)
  as a hint for the officer, never as a claim in the report;
* a row whose action is not in the plan → ``plan-status-unplanned`` (a warning; the
  row is left out), with the closest action of the plan;
* rows without a plan to hold them against → ``plan-status-no-plan``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reports.checking.kinds import of, rows
from reports.checking.merge import merge_records
from reports.domain.model import Event, PlanItem, PlanOutcome, PlanStatus, Visit
from reports.domain.plan import action_key, suggestions
from reports.inputs.problems import Problem, problem
from reports.inputs.records import to_plan_outcome
from reports.inputs.rows import LoadedSheet, Row
from reports.inputs.schemas import REALIZACJA_PLANU
from reports.polish.dates import format_date_range
from reports.polish.plurals import plural

#: How many events a hint names before it says how many more there are.
HINT_EVENTS = 3


@dataclass(frozen=True)
class Statuses:
    """What the year's sheets „Realizacja planu” gave.

    ``outcomes`` are the statements, merged; ``rows`` every row that passed, in
    reading order (the places of the warnings); ``sheets`` the (file, sheet) of each
    sheet with rows; ``problems`` what merging found.
    """

    outcomes: tuple[PlanOutcome, ...] = ()
    rows: tuple[Row, ...] = ()
    sheets: tuple[tuple[str, str], ...] = ()
    problems: tuple[Problem, ...] = ()


def load_statuses(sheets: Sequence[LoadedSheet]) -> Statuses:
    """The statements of every sheet „Realizacja planu”, merged (see the module)."""
    mine = [s for s in of(REALIZACJA_PLANU, sheets) if s.read]
    every = rows(mine)
    stating = [(o, r.source) for r in every if (o := to_plan_outcome(r)).states]
    merged = merge_records(REALIZACJA_PLANU, stating)
    return Statuses(
        merged.records,
        tuple(every),
        tuple((s.file, s.name) for s in mine),
        merged.problems,
    )


def review(
    statuses: Statuses,
    plan: Sequence[PlanItem] | None,
    events: Iterable[Event],
    year: int,
    *,
    previous_failed: bool = False,
) -> tuple[tuple[PlanOutcome, ...], tuple[Problem, ...]]:
    """The statements about the plan's actions, and the warnings (see the module).

    ``plan`` is year N−1's plan (None: none, or ``previous_failed``: year N−1 has
    errors); ``events`` year N's visits and trips.
    """
    if plan is None:
        return (), tuple(
            problem(
                "plan-status-no-plan",
                file=file,
                sheet=sheet,
                previous=year - 1,
                errors=year - 1 if previous_failed else None,
            )
            for file, sheet in statuses.sheets
        )
    planned = {action_key(item.action): item.action for item in plan}
    problems = [_unplanned(row, planned, year) for row in statuses.rows]
    outcomes = tuple(o for o in statuses.outcomes if action_key(o.action) in planned)
    stated = {action_key(o.action) for o in outcomes if o.status is not None}
    pending = list(events)
    warned: set[str] = set()
    for item in plan:
        key = action_key(item.action)
        if key in stated or key in warned:
            continue
        warned.add(key)
        problems.append(_missing(item, statuses, pending, year))
    return outcomes, tuple(p for p in problems if p is not None)


def _unplanned(row: Row, planned: dict[str, str], year: int) -> Problem | None:
    action: str = row.values["action"]
    if action_key(action) in planned:
        return None
    close = difflib.get_close_matches(action_key(action), list(planned), n=1, cutoff=0.6)
    return problem(
        "plan-status-unplanned",
        **row.place(),
        **row.at(REALIZACJA_PLANU, "action"),
        value=action,
        year=year,
        previous=year - 1,
        suggestion=planned[close[0]] if close else None,
    )


def _missing(item: PlanItem, statuses: Statuses, events: list[Event], year: int) -> Problem:
    key = action_key(item.action)
    row = next((r for r in statuses.rows if action_key(r.values["action"]) == key), None)
    place: dict[str, Any]
    if row is not None:
        place = {**row.place(), **row.at(REALIZACJA_PLANU, "status")}
    elif statuses.sheets:
        place = {"file": statuses.sheets[0][0], "sheet": statuses.sheets[0][1]}
    else:
        place = {"file": str(year), "sheet": REALIZACJA_PLANU.name}
    return problem(
        "plan-status-missing",
        **place,
        action=item.action,
        year=year,
        choices=PlanStatus.choices(year),
        no_row=row is None,
        events=hint(suggestions(item, events)),
    )


def hint(events: Sequence[Event]) -> str | None:
    """The events of a hint in plain words, the first :data:`HINT_EVENTS` of them.

    >>> from datetime import date
    >>> from reports.polish.countries import normalize_country
    >>> de = normalize_country("DE")
    >>> hint([Visit(date(2025, 6, 9), date(2025, 6, 10), "Hamm", de, "Święto Miasta")])
    'wizyta 9–10 czerwca 2025 r., Hamm (Niemcy): „Święto Miasta”'
    >>> hint([Visit(date(2025, 6, d), None, "Hamm", de, "x") for d in range(1, 6)])[-9:]
    ' i 2 inne'
    """
    if not events:
        return None
    named = "; ".join(_event(e) for e in events[:HINT_EVENTS])
    more = len(events) - HINT_EVENTS
    return named + (f" i {more} " + plural(more, "inny", "inne", "innych") if more > 0 else "")


def _event(event: Event) -> str:
    kind = "wizyta" if isinstance(event, Visit) else "wyjazd"
    when = format_date_range(event.start, event.end).replace("\xa0", " ").replace("\u2060", "")
    place = f"{event.city} ({event.country.name})" if event.city else event.country.name
    return f"{kind} {when}, {place}: „{event.purpose}”"
