"""The numbers of the Podsumowanie: guests and costs, and the charts with their tables.

Part of building the document (see :mod:`reports.document.build`): every sentence, label,
tick and number of the summary's charts and tables is decided here, in Polish,
from a year's :class:`~reports.domain.history.YearSummary` and records. Each chart is
followed by the table with its numbers, and its caption says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reports.document.blocks import table as _table
from reports.document.model import (
    Align,
    BarChart,
    Figure,
    Paragraph,
    Section,
    Series,
    Table,
)
from reports.document.phrases import ABOUT_TRIPS, ABOUT_VISITS, NO_DATA, no_data, sentence
from reports.domain.history import History, YearSummary, summarise
from reports.domain.model import Domain
from reports.domain.year import Year
from reports.polish.collation import sort_key
from reports.polish.dates import MONTHS_NOMINATIVE
from reports.polish.lists import join_list
from reports.polish.numbers import format_amount, format_number
from reports.polish.plurals import count, plural
from reports.polish.prepositions import with_preposition
from reports.polish.typography import typeset

#: Countries shown in the chart by country (all of them are in its table).
TOP_COUNTRIES = 10
NOT_GIVEN = "nie podano"


def _p(text: str) -> Paragraph:
    return Paragraph.of(typeset(text))


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


# --- charts -----------------------------------------------------------------------------

#: Leaders of a tie named in a chart's alternative text; with more, only their number.
NAMED_LEADERS = 6


def leaders(entries: Sequence[tuple[str, int, int]], where: str) -> str:
    """The alternative text's „najwięcej działań” part: the category with the most visits
    and trips, or every category that shares the maximum (their number alone when there
    are more than :data:`NAMED_LEADERS`). ``entries`` are (label, visits, trips) in the
    chart's order; ``where`` the categories in the locative plural („miesiącach”).

    >>> leaders([("styczeń", 1, 0), ("luty", 2, 1)], "miesiącach")
    'najwięcej działań: luty (2\xa0wizyty, 1\xa0wyjazd)'
    >>> leaders([("styczeń", 3, 0), ("luty", 1, 2), ("marzec", 0, 1)], "miesiącach")
    'najwięcej działań (po 3) w 2 miesiącach: styczeń i luty'
    """
    top = max((visits + trips for _, visits, trips in entries), default=0)
    first = [(label, v, t) for label, v, t in entries if v + t == top]
    if len(first) == 1:
        label, visits, trips = first[0]
        return f"najwięcej działań: {label} ({count(visits, 'wizyta')}, {count(trips, 'wyjazd')})"
    text = f"najwięcej działań (po {format_number(top)}) w {format_number(len(first))} {where}"
    if len(first) > NAMED_LEADERS:
        return text
    return f"{text}: {join_list([label for label, _, _ in first])}"


def ticks(top: float) -> tuple[tuple[float, str], ...]:
    """Whole-number ticks from 0 past ``top``: at most 6 steps of 1, 2, 5, 10, 20, 50 …

    >>> [value for value, _ in ticks(7)]
    [0, 2, 4, 6, 8]
    >>> ticks(12000)[-1]
    (12000, '12\\xa0000')
    >>> [label for _, label in ticks(0)]
    ['0', '1']
    """
    top = max(top, 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top / (step * factor) <= 6:
                step *= factor
                last = -(-int(top) // step) * step
                return tuple((v, format_number(v)) for v in range(0, last + 1, step))
        step *= 10


def _chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    horizontal: bool = False,
    height_cm: float = 7.5,
) -> BarChart:
    top = max((v for _, values in series for v in values), default=0)
    return BarChart(
        categories=tuple(typeset(c) for c in categories),
        series=tuple(
            Series(name, tuple(float(v) for v in values), tuple(format_number(v) for v in values))
            for name, values in series
        ),
        value_axis="liczba",
        ticks=ticks(top),
        horizontal=horizontal,
        height_cm=height_cm,
    )


@dataclass
class _Numbering:
    """Charts are numbered through the report („Wykres 1.”)."""

    next: int = 1

    def caption(self, what: str) -> str:
        text = f"Wykres {self.next}. {what} (liczby w tabeli poniżej)."
        self.next += 1
        return typeset(text)


def _figure(
    numbering: _Numbering, chart: BarChart, what: str, alt: str, table: Table
) -> tuple[Figure, Table]:
    return Figure(chart, typeset(alt), numbering.caption(what), table.caption), table


def _totals(visits: int, trips: int) -> tuple[str, str, str]:
    return format_number(visits), format_number(trips), format_number(visits + trips)


_COUNT_COLUMNS = (
    ("Wizyty", 0.16, Align.RIGHT),
    ("Wyjazdy", 0.16, Align.RIGHT),
    ("Razem", 0.16, Align.RIGHT),
)


def by_month(year: Year, numbering: _Numbering) -> Section | None:
    """Visits and trips in each month of the year (a chart and its table)."""
    if not year.events:
        return None
    n = year.year
    visits = Counter(v.start.month for v in year.visits or ())
    trips = Counter(t.start.month for t in year.trips or ())
    months = range(1, 13)
    chart = _chart(
        MONTHS_NOMINATIVE,
        (("Wizyty", [visits[m] for m in months]), ("Wyjazdy", [trips[m] for m in months])),
    )
    table = _table(
        (("Miesiąc", 0.52, Align.LEFT), *_COUNT_COLUMNS),
        [
            *((MONTHS_NOMINATIVE[m - 1], *_totals(visits[m], trips[m])) for m in months),
            ("Razem", *_totals(sum(visits.values()), sum(trips.values()))),
        ],
        f"Wizyty i wyjazdy w poszczególnych miesiącach {n} r.",
    )
    most = leaders([(MONTHS_NOMINATIVE[m - 1], visits[m], trips[m]) for m in months], "miesiącach")
    alt = f"Wykres słupkowy: liczba wizyt i wyjazdów w każdym miesiącu {n} r.; {most}."
    blocks = _figure(
        numbering, chart, f"Wizyty i wyjazdy w poszczególnych miesiącach {n} r.", alt, table
    )
    return Section(
        typeset("Wizyty i wyjazdy w poszczególnych miesiącach"), "wykres-miesiace", blocks, 2
    )


def by_country(year: Year, numbering: _Numbering) -> Section | None:
    """Visits and trips by country: the top countries in a chart, all in the table."""
    events = year.events
    if not events:
        return None
    n = year.year
    visits = Counter(v.country.name for v in year.visits or ())
    trips = Counter(t.country.name for t in year.trips or ())
    names = sorted(
        {e.country.name for e in events},
        key=lambda name: (-(visits[name] + trips[name]), sort_key(name)),
    )
    shown = names[:TOP_COUNTRIES]
    chart = _chart(
        shown,
        (("Wizyty", [visits[c] for c in shown]), ("Wyjazdy", [trips[c] for c in shown])),
        horizontal=True,
        height_cm=max(5.0, 1.6 + 0.75 * len(shown)),
    )
    table = _table(
        (("Kraj", 0.52, Align.LEFT), *_COUNT_COLUMNS),
        ((name, *_totals(visits[name], trips[name])) for name in names),
        f"Wizyty i wyjazdy według krajów w {n} r.",
    )
    of_all = with_preposition("z", format_number(len(names)))
    what = (
        f"Wizyty i wyjazdy według krajów w {n} r."
        if len(names) <= TOP_COUNTRIES
        else f"Wizyty i wyjazdy według krajów w {n} r.: {TOP_COUNTRIES} krajów z największą "
        "liczbą działań"
    )
    alt = (
        f"Wykres słupkowy poziomy: liczba wizyt i wyjazdów według krajów w {n} r."
        f"{'' if len(names) <= TOP_COUNTRIES else f' ({TOP_COUNTRIES} {of_all})'}; "
        f"{leaders([(c, visits[c], trips[c]) for c in names], 'krajach')}."
    )
    blocks = _figure(numbering, chart, what, alt, table)
    return Section(typeset("Wizyty i wyjazdy według krajów"), "wykres-kraje", blocks, 2)


def by_field(
    year: Year, now: YearSummary, before: YearSummary | None, numbering: _Numbering
) -> Section | None:
    """Visits and trips by field (Dziedzina), compared with the previous year when that
    year gives the same kinds (a year without its sheet of visits or trips is no sum to
    compare with: the comparison is left out)."""
    visits, trips = now.visits or 0, now.trips or 0
    if not visits + trips:
        return None
    if before is not None and not _same_kinds(now, before):
        before = None
    n = year.year
    title = typeset("Wizyty i wyjazdy według dziedzin")
    given = [d for d in now.domains if d.domain is not None]
    if not given:
        return Section(
            title,
            "wykres-dziedziny",
            (_p(f"W {n} r. nie podano dziedzin wizyt ani wyjazdów."),),
            2,
        )
    fields: list[Domain | None] = [
        d for d in (*Domain, None) if now.domain(d).total or (before and before.domain(d).total)
    ]
    label = {d: (str(d) if d is not None else NOT_GIVEN) for d in fields}
    columns: list[tuple[str, float, Align]] = [("Dziedzina", 0.28, Align.LEFT)]
    columns += [("Wizyty", 0.13, Align.RIGHT), ("Wyjazdy", 0.13, Align.RIGHT)]
    columns += [(f"Razem {n} r.", 0.15, Align.RIGHT)]
    if before is not None:
        columns += [(f"Razem {n - 1} r.", 0.15, Align.RIGHT), ("Zmiana", 0.16, Align.RIGHT)]
    rows = []
    for d in fields:
        this = now.domain(d)
        row = [label[d], *_totals(this.visits, this.trips)]
        if before is not None:
            then = before.domain(d).total
            row += [format_number(then), change(this.total - then, format_number)]
        rows.append(row)
    total = ["Razem", *_totals(visits, trips)]
    if before is not None:
        then = (before.visits or 0) + (before.trips or 0)
        total += [format_number(then), change(visits + trips - then, format_number)]
    rows.append(total)
    caption = (
        f"Wizyty i wyjazdy według dziedzin w {n} r."
        if before is None
        else f"Wizyty i wyjazdy według dziedzin w {n} r. w porównaniu z {n - 1} r."
    )
    table = _table(columns, rows, caption)
    charted = [d for d in fields if now.domain(d).total]
    chart = _chart(
        [label[d] for d in charted],
        (
            ("Wizyty", [now.domain(d).visits for d in charted]),
            ("Wyjazdy", [now.domain(d).trips for d in charted]),
        ),
        horizontal=True,
        height_cm=max(5.0, 1.6 + 0.75 * len(charted)),
    )
    most = leaders([(f"„{d.domain}”", d.visits, d.trips) for d in given], "dziedzinach")
    alt = f"Wykres słupkowy poziomy: liczba wizyt i wyjazdów według dziedzin w {n} r.; {most}."
    blocks = _figure(numbering, chart, f"Wizyty i wyjazdy według dziedzin w {n} r.", alt, table)
    return Section(title, "wykres-dziedziny", blocks, 2)


def _same_kinds(one: YearSummary, other: YearSummary) -> bool:
    """Whether two years give the same of visits and trips (their sums count the same)."""
    return (one.visits is None) == (other.visits is None) and (one.trips is None) == (
        other.trips is None
    )


def _unknown(summary: YearSummary) -> list[str]:
    """The kinds of events (the ABOUT_ phrases) a year's inputs do not give."""
    kinds = ((ABOUT_VISITS, summary.visits), (ABOUT_TRIPS, summary.trips))
    return [about for about, number in kinds if number is None]


def _year_counts(summary: YearSummary) -> tuple[str, str, str]:
    """A year's row of counts: „brak danych” for a kind not given, and then no sum."""
    visits, trips = summary.visits, summary.trips
    if visits is not None and trips is not None:
        return _totals(visits, trips)
    return _count_or_none(visits), _count_or_none(trips), "—"


def _count_or_none(number: int | None) -> str:
    return NO_DATA if number is None else format_number(number)


def by_year(year: Year, history: History, numbering: _Numbering) -> Section | None:
    """Visits and trips in every year that has a folder (when there are two or more).

    A year whose inputs lack the sheet of visits or trips stays in the table („brak
    danych”) and is left out of the chart, whose caption and alternative text say so.
    """
    years = history.until(year.year).years
    if len(years) < 2:
        return None
    first, last = years[0].year, years[-1].year
    title = typeset("Wizyty i wyjazdy w kolejnych latach")
    what = f"Wizyty i wyjazdy w latach {first}–{last}"
    table = _table(
        (("Rok", 0.52, Align.LEFT), *_COUNT_COLUMNS),
        ((f"{s.year} r.", *_year_counts(s)) for s in years),
        what,
    )
    known = [(s.year, s.visits, s.trips) for s in years]
    charted = [(n, v, t) for n, v, t in known if v is not None and t is not None]
    if len(charted) < 2:
        return Section(title, "wykres-lata", (table,), 2)
    chart = _chart(
        [str(n) for n, _, _ in charted],
        (("Wizyty", [v for _, v, _ in charted]), ("Wyjazdy", [t for _, _, t in charted])),
    )
    gaps = last - first + 1 - len(years)
    left_out = join_list([f"{s.year} r. ({no_data(_unknown(s))})" for s in years if _unknown(s)])
    most = leaders([(f"{n} r.", v, t) for n, v, t in charted], "latach")
    alt = (
        f"Wykres słupkowy: liczba wizyt i wyjazdów w latach {first}–{last}"
        + ("; lata bez danych pominięto" if gaps else "")
        + (f"; pominięto {left_out}" if left_out else "")
        + f"; {most}"
    )
    caption = numbering.caption(what)
    if left_out:
        caption += " " + typeset(f"Na wykresie pominięto {left_out}.")
    figure = Figure(chart, typeset(sentence(alt)), caption, table.caption)
    return Section(title, "wykres-lata", (figure, table), 2)


def figures(
    year: Year, now: YearSummary, before: YearSummary | None, history: History
) -> tuple[Section, ...]:
    """The summary's subsections with charts: by month, country, field and year."""
    numbering = _Numbering()
    found = (
        by_month(year, numbering),
        by_country(year, numbering),
        by_field(year, now, before, numbering),
        by_year(year, history, numbering),
    )
    return tuple(section for section in found if section is not None)


__all__ = [
    "TOP_COUNTRIES",
    "comparison_rows",
    "cost_sentence",
    "figures",
    "guests_sentence",
    "ticks",
]
