"""5./6. Wizyty and Wyjazdy: the year's visits and trips, one table each, its months as
group rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import groupby

from reports.document.blocks import paragraph as _p
from reports.document.blocks import section as _section
from reports.document.blocks import table as _table
from reports.document.model import Align, Group, Section, Table
from reports.document.phrases import ABOUT_TRIPS, ABOUT_VISITS, not_given, place
from reports.document.plan import funding_table
from reports.document.summary import cost_sentence, guests_sentence, year_history
from reports.domain.model import Event, Trip, Visit
from reports.domain.year import Year
from reports.polish.dates import format_date_range, format_month_year
from reports.polish.numbers import format_amount, format_number
from reports.polish.prepositions import with_preposition
from reports.polish.typography import typeset

# --- 5./6. Wizyty, Wyjazdy ------------------------------------------------------------


def visits_section(year: Year) -> Section:
    """5. Wizyty: the delegations received, by month."""
    there = with_preposition("w", year.city.locative)
    title = f"Wizyty delegacji zagranicznych {there}"
    if year.visits is None:
        return _section(title, "wizyty", [_p(not_given([ABOUT_VISITS]))])
    empty = f"W {year.year} r. {there} nie odbyły się wizyty delegacji zagranicznych."
    lead = guests_sentence(year_history(year)[0])
    return _events_section(
        title,
        "wizyty",
        year.visits,
        empty,
        ("Goście", lambda v: v.guests if isinstance(v, Visit) else ""),
        ("Liczba osób", _people),
        lead,
    )


def _people(event: Event) -> str:
    if isinstance(event, Visit) and event.people is not None:
        return format_number(event.people)
    return "—"


def trips_section(year: Year) -> Section:
    """6. Wyjazdy: the delegations sent abroad, by month, and their funding."""
    title = f"Wyjazdy zagraniczne delegacji Miasta {year.city.genitive}"
    if year.trips is None:
        return _section(title, "wyjazdy", [_p(not_given([ABOUT_TRIPS]))])
    empty = f"W {year.year} r. delegacje Miasta {year.city.genitive} nie wyjeżdżały za granicę."
    now, _ = year_history(year)
    lead = cost_sentence(now, year.previous_summary())
    section = _events_section(
        title,
        "wyjazdy",
        year.trips,
        empty,
        ("Skład delegacji", lambda t: t.delegation if isinstance(t, Trip) else ""),
        ("Koszt", _cost),
        lead,
    )
    return replace(section, blocks=(*section.blocks, *funding_table(year)))


def _cost(event: Event) -> str:
    if isinstance(event, Trip) and event.cost is not None:
        return format_amount(event.cost)
    return "—"


def _events_section(
    title: str,
    anchor: str,
    events: Sequence[Event],
    empty: str,
    who: tuple[str, Callable[[Event], str]],
    extra: tuple[str, Callable[[Event], str]],
    lead: str | None,
) -> Section:
    """One chronological table, each month a group row („marzec 2025”), numbered
    continuously (Lp.); ``extra`` is the last, numeric column (Liczba osób, Koszt),
    ``lead`` a sentence of its total."""
    if not events:
        return _section(title, anchor, [_p(empty)])
    columns = (
        ("Lp.", 0.06, Align.RIGHT),
        ("Termin", 0.19, Align.LEFT),
        ("Miasto (kraj)", 0.16, Align.LEFT),
        (who[0], 0.22, Align.LEFT),
        ("Cel", 0.25, Align.LEFT),
        (extra[0], 0.12, Align.RIGHT),
    )
    rows: list[tuple[str, ...]] = []
    groups: list[Group] = []
    for _, group in groupby(events, key=lambda e: (e.start.year, e.start.month)):
        in_month = list(group)
        groups.append(Group(len(rows), typeset(format_month_year(in_month[0].start))))
        for event in in_month:
            rows.append(
                (
                    f"{len(rows) + 1}.",
                    format_date_range(event.start, event.end),
                    place(event),
                    who[1](event),
                    event.purpose,
                    extra[1](event),
                )
            )
    table = replace(_table(columns, rows, title), groups=tuple(groups))
    blocks = [_p(lead)] if lead else []
    return _section(title, anchor, [*blocks, *split_long(table)])


#: A list of more rows is split into tables of whole months of at most about this many
#: rows: LibreOffice takes minutes to open one table of thousands of rows (N = 5000:
#: 182 s against 22 s for tables of a month, see benchmarks/README.md).
LONG_TABLE = 300


def split_long(table: Table, limit: int = LONG_TABLE) -> list[Table]:
    """``table`` whole, or — when longer than ``limit`` rows — split at its group rows
    into tables of whole groups, each at most ``limit`` rows where a group allows,
    each captioned with its first and last group („…: styczeń 2025 – marzec 2025”).

    >>> from reports.document.model import Column
    >>> rows = tuple((str(i),) for i in range(6))
    >>> months = (Group(0, "a"), Group(2, "b"), Group(4, "c"))
    >>> t = Table((Column("Lp.", 1.0),), rows, "Wizyty", months)
    >>> [(len(p.rows), p.caption.replace("\xa0", " "), [g.first_row for g in p.groups])
    ...  for p in split_long(t, 4)]
    [(4, 'Wizyty: a – b', [0, 2]), (2, 'Wizyty: c', [0])]
    """
    if len(table.rows) <= limit or len(table.groups) < 2:
        return [table]
    bounds = [g.first_row for g in table.groups] + [len(table.rows)]
    parts: list[list[Group]] = [[]]
    start = 0
    for group, end in zip(table.groups, bounds[1:], strict=True):
        if parts[-1] and end - start > limit:
            parts.append([])
            start = group.first_row
        parts[-1].append(group)
    out = []
    for groups in parts:
        first = groups[0].first_row
        last = bounds[bounds.index(groups[-1].first_row) + 1]
        span = groups[0].label if len(groups) == 1 else f"{groups[0].label} – {groups[-1].label}"
        out.append(
            replace(
                table,
                rows=table.rows[first:last],
                caption=typeset(f"{table.caption}: {span}"),
                groups=tuple(Group(g.first_row - first, g.label) for g in groups),
            )
        )
    return out
