"""The numbers of the Podsumowanie's sentences and comparison table: guests and costs,
and the rows they add to the comparison with the previous year.

Part of building the document (see :mod:`reports.document.build`); the summary's charts
are :mod:`reports.document.charts`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from reports.document.phrases import NO_DATA
from reports.domain.history import History, YearSummary, summarise
from reports.domain.year import Year
from reports.polish.numbers import format_amount, format_number
from reports.polish.plurals import count, plural
from reports.polish.prepositions import with_preposition

# --- sentences ------------------------------------------------------------------------


def year_history(year: Year) -> tuple[YearSummary, History]:
    """The year's summary and history (made here when the year came without them)."""
    now = year.summary()
    if now is not None and year.history is not None:
        return now, year.history
    awards = None if year.awards is None else len(year.awards)
    now = summarise(year.year, year.visits, year.trips, year.projects, awards, year.partners or ())
    return now, (year.history or History()).with_year(now)


def guests_sentence(now: YearSummary) -> str | None:
    """How many guests the visits brought, where Liczba osób was given."""
    if not now.visits:
        return None
    if not now.visits_with_people:
        return "Liczby gości wizyt nie podano."
    text = (
        plural(
            now.visits_with_people,
            "Delegacja zagraniczna liczyła",
            "Delegacje zagraniczne liczyły",
            "Delegacje zagraniczne liczyły",
        )
        + " łącznie "
        + count(now.people, ("osobę", "osoby", "osób"))
    )
    if now.visits_with_people < now.visits:
        given = _of(now.visits_with_people, now.visits, "wizyty", "wizyt")
        text += f" (liczbę osób podano dla {given})"
    return text + "."


def cost_sentence(now: YearSummary, before: YearSummary | None) -> str | None:
    """The total cost of the year's trips, compared with the previous year's."""
    if not now.trips:
        return None
    if not now.trips_with_cost:
        return "Kosztów wyjazdów zagranicznych nie podano."
    text = f"Koszt wyjazdów zagranicznych wyniósł łącznie {format_amount(now.trip_cost)}"
    if now.trips_with_cost < now.trips:
        text += f" (koszt podano dla {_of(now.trips_with_cost, now.trips, 'wyjazdu', 'wyjazdów')})"
    if before is not None and before.trips_with_cost:
        delta = now.trip_cost - before.trip_cost
        then = f"w {before.year} r. ({format_amount(before.trip_cost)})"
        if delta > 0:
            text += f", o {format_amount(delta)} więcej niż {then}"
        elif delta < 0:
            text += f", o {format_amount(-delta)} mniej niż {then}"
        else:
            text += f", tyle samo co {then}"
    return text + "."


def _of(part: int, whole: int, one: str, many: str) -> str:
    """„3 z 4 wyjazdów”, „1 z 1 wyjazdu”: the whole in the genitive."""
    return f"{format_number(part)} {with_preposition('z', format_number(whole))} " + (
        one if whole == 1 else many
    )


# --- the comparison table's extra rows --------------------------------------------------


def comparison_rows(now: YearSummary, before: YearSummary | None) -> list[tuple[str, ...]]:
    """Rows of guests and trip costs for the comparison table (none when nothing given).

    With ``before``: label, previous, current, change; else label, current. A year
    without the sheet the row rests on shows „brak danych” and no change.
    """
    rows: list[tuple[str, ...]] = []
    measures: tuple[tuple[str, str, str, str, _Format], ...] = (
        (
            "Goście delegacji zagranicznych (osoby)",
            "people",
            "visits_with_people",
            "visits",
            format_number,
        ),
        ("Koszt wyjazdów zagranicznych", "trip_cost", "trips_with_cost", "trips", format_amount),
    )
    for label, value, given, kind, fmt in measures:
        now_value, now_given = getattr(now, value), getattr(now, given)
        if before is None:
            if now_given:
                rows.append((label, fmt(now_value)))
            continue
        before_value, before_given = getattr(before, value), getattr(before, given)
        if not (now_given or before_given):
            continue
        rows.append(
            (
                label,
                _given(before_value, before_given, fmt)
                if getattr(before, kind) is not None
                else NO_DATA,
                _given(now_value, now_given, fmt),
                change(now_value - before_value, fmt) if now_given and before_given else "—",
            )
        )
    return rows


_Format = Callable[[Any], str]


def _given(value: int | Decimal, given: int, fmt: _Format) -> str:
    return fmt(value) if given else "—"


def change(delta: int | Decimal, fmt: _Format = format_number) -> str:
    """„+3”, „−1” (a minus sign, U+2212), „bez zmian”: a change in the comparison table."""
    if delta == 0:
        return "bez zmian"
    return f"+{fmt(delta)}" if delta > 0 else fmt(delta)


__all__ = [
    "change",
    "comparison_rows",
    "cost_sentence",
    "guests_sentence",
    "year_history",
]
