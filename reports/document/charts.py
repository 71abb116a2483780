"""The Podsumowanie's charts, each followed by the table of its numbers: visits and trips
by month, by country, by field, and across the years.

Part of building the document (see :mod:`reports.document.build`): every label, tick,
number, caption and alternative text of the charts is decided here, in Polish. A kind
of event the year's inputs do not give (no sheet of visits, or of trips) is unknown,
not 0: its series and its column are left out, the caption and the alternative text
say it has no data, and without both kinds there is no chart at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reports.document.blocks import table as _table
from reports.document.kinds import NUMBER_COLUMN, Kinds, totals
from reports.document.model import Align, BarChart, Figure, Paragraph, Section, Series, Table
from reports.document.phrases import (
    NO_DATA,
    no_data,
    not_given,
    sentence,
)
from reports.document.summary import change
from reports.domain.history import History, YearSummary
from reports.domain.model import Domain
from reports.domain.year import Year
from reports.polish.collation import sort_key
from reports.polish.dates import MONTHS_NOMINATIVE
from reports.polish.lists import join_list
from reports.polish.numbers import format_number
from reports.polish.plurals import count
from reports.polish.prepositions import with_preposition
from reports.polish.typography import typeset

#: Countries shown in the chart by country (all of them are in its table).
TOP_COUNTRIES = 10
NOT_GIVEN = "nie podano"
#: Leaders of a tie named in a chart's alternative text; with more, only their number.
NAMED_LEADERS = 6


def leaders(entries: Sequence[tuple[str, int | None, int | None]], where: str) -> str:
    """The alternative text's „najwięcej …” part: the category with the most visits and
    trips, or every category that shares the maximum (their number alone when there are
    more than :data:`NAMED_LEADERS`). ``entries`` are (label, visits, trips) in the
    chart's order, a kind not given None in each; ``where`` the categories in the
    locative plural („miesiącach”).

    >>> leaders([("styczeń", 1, 0), ("luty", 2, 1)], "miesiącach")
    'najwięcej działań: luty (2\xa0wizyty, 1\xa0wyjazd)'
    >>> leaders([("styczeń", 3, 0), ("luty", 1, 2), ("marzec", 0, 1)], "miesiącach")
    'najwięcej działań (po 3) w 2 miesiącach: styczeń i luty'
    >>> leaders([("styczeń", None, 1), ("luty", None, 2)], "miesiącach")
    'najwięcej wyjazdów: luty (2)'
    """
    kinds = Kinds(*(any(e[i] is not None for e in entries) for i in (1, 2)))
    what = "działań" if kinds.both or not entries else kinds.counted
    top = max(((v or 0) + (t or 0) for _, v, t in entries), default=0)
    first = [(label, v or 0, t or 0) for label, v, t in entries if (v or 0) + (t or 0) == top]
    if len(first) == 1:
        label, visits, trips = first[0]
        if kinds.both:
            numbers = f"{count(visits, 'wizyta')}, {count(trips, 'wyjazd')}"
        else:
            numbers = format_number(top)
        return f"najwięcej {what}: {label} ({numbers})"
    text = f"najwięcej {what} (po {format_number(top)}) w {format_number(len(first))} {where}"
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


#: The style of each kind's series (its colour and hatch), the same in every chart.
_STYLES = {"Wizyty": 0, "Wyjazdy": 1}


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
            Series(
                name,
                tuple(float(v) for v in values),
                tuple(format_number(v) for v in values),
                _STYLES[name],
            )
            for name, values in series
        ),
        value_axis="liczba",
        ticks=ticks(top),
        horizontal=horizontal,
        height_cm=height_cm,
    )


def _series(
    kinds: Kinds, visits: Sequence[int], trips: Sequence[int]
) -> tuple[tuple[str, Sequence[int]], ...]:
    """The chart's series: one per kind given."""
    return tuple(zip(kinds.names, kinds.pick(visits, trips), strict=True))


@dataclass
class _Numbering:
    """Charts are numbered through the report („Wykres 1.”)."""

    next: int = 1

    def caption(self, what: str) -> str:
        text = f"Wykres {self.next}. {what} (liczby w tabeli poniżej)."
        self.next += 1
        return typeset(text)


def _figure(
    numbering: _Numbering, chart: BarChart, what: str, alt: str, table: Table, kinds: Kinds
) -> tuple[Figure, Table]:
    """The figure and its table; the caption says which kind of event has no data."""
    caption = numbering.caption(what)
    if kinds.missing:
        caption += " " + typeset(not_given(kinds.missing))
    return Figure(chart, typeset(alt), caption, table.caption), table


_COUNT_COLUMNS = (
    ("Wizyty", NUMBER_COLUMN, Align.RIGHT),
    ("Wyjazdy", NUMBER_COLUMN, Align.RIGHT),
    ("Razem", NUMBER_COLUMN, Align.RIGHT),
)


def by_month(year: Year, numbering: _Numbering) -> Section | None:
    """Visits and trips in each month of the year (a chart and its table)."""
    if not year.events:
        return None
    n, kinds = year.year, Kinds.of(year)
    visits = Counter(v.start.month for v in year.visits or ())
    trips = Counter(t.start.month for t in year.trips or ())
    months = range(1, 13)
    chart = _chart(
        MONTHS_NOMINATIVE,
        _series(kinds, [visits[m] for m in months], [trips[m] for m in months]),
    )
    what = f"{kinds.subject} w poszczególnych miesiącach {n} r."
    table = _table(
        kinds.columns("Miesiąc"),
        [
            *((MONTHS_NOMINATIVE[m - 1], *kinds.cells(visits[m], trips[m])) for m in months),
            ("Razem", *kinds.cells(sum(visits.values()), sum(trips.values()))),
        ],
        what,
    )
    most = leaders(
        [kinds.entry(MONTHS_NOMINATIVE[m - 1], visits[m], trips[m]) for m in months], "miesiącach"
    )
    alt = f"Wykres słupkowy: liczba {kinds.counted} w każdym miesiącu {n} r.{kinds.note()}; {most}."
    blocks = _figure(numbering, chart, what, alt, table, kinds)
    title = typeset(f"{kinds.subject} w poszczególnych miesiącach")
    return Section(title, "wykres-miesiace", blocks, 2)


def by_country(year: Year, numbering: _Numbering) -> Section | None:
    """Visits and trips by country: the top countries in a chart, all in the table."""
    events = year.events
    if not events:
        return None
    n, kinds = year.year, Kinds.of(year)
    visits = Counter(v.country.name for v in year.visits or ())
    trips = Counter(t.country.name for t in year.trips or ())
    names = sorted(
        {e.country.name for e in events},
        key=lambda name: (-(visits[name] + trips[name]), sort_key(name)),
    )
    shown = names[:TOP_COUNTRIES]
    chart = _chart(
        shown,
        _series(kinds, [visits[c] for c in shown], [trips[c] for c in shown]),
        horizontal=True,
        height_cm=max(5.0, 1.6 + 0.75 * len(shown)),
    )
    table = _table(
        kinds.columns("Kraj"),
        ((name, *kinds.cells(visits[name], trips[name])) for name in names),
        f"{kinds.subject} według krajów w {n} r.",
    )
    of_all = with_preposition("z", format_number(len(names)))
    what = (
        f"{kinds.subject} według krajów w {n} r."
        if len(names) <= TOP_COUNTRIES
        else f"{kinds.subject} według krajów w {n} r.: {TOP_COUNTRIES} krajów z największą "
        "liczbą działań"
    )
    most = leaders([kinds.entry(c, visits[c], trips[c]) for c in names], "krajach")
    alt = (
        f"Wykres słupkowy poziomy: liczba {kinds.counted} według krajów w {n} r."
        f"{'' if len(names) <= TOP_COUNTRIES else f' ({TOP_COUNTRIES} {of_all})'}"
        f"{kinds.note()}; {most}."
    )
    blocks = _figure(numbering, chart, what, alt, table, kinds)
    return Section(typeset(f"{kinds.subject} według krajów"), "wykres-kraje", blocks, 2)


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
    n, kinds = year.year, Kinds(now.visits is not None, now.trips is not None)
    title = typeset(f"{kinds.subject} według dziedzin")
    given = [d for d in now.domains if d.domain is not None]
    if not given:
        neither = " ani ".join(kinds.pick("wizyt", "wyjazdów"))
        text = sentence(f"W {n} r. nie podano dziedzin {neither}")
        if kinds.missing:
            text += " " + not_given(kinds.missing)
        return Section(title, "wykres-dziedziny", (Paragraph.of(typeset(text)),), 2)
    fields: list[Domain | None] = [
        d for d in (*Domain, None) if now.domain(d).total or (before and before.domain(d).total)
    ]
    label = {d: (str(d) if d is not None else NOT_GIVEN) for d in fields}
    rows = []
    for d in fields:
        this = now.domain(d)
        row = [label[d], *kinds.cells(this.visits, this.trips)]
        if before is not None:
            then = before.domain(d).total
            row += [format_number(then), change(this.total - then, format_number)]
        rows.append(row)
    total = ["Razem", *kinds.cells(visits, trips)]
    if before is not None:
        then = (before.visits or 0) + (before.trips or 0)
        total += [format_number(then), change(visits + trips - then, format_number)]
    rows.append(total)
    what = f"{kinds.subject} według dziedzin w {n} r."
    caption = what if before is None else f"{what} w porównaniu z {n - 1} r."
    table = _table(_field_columns(kinds, n, before is not None), rows, caption)
    charted = [d for d in fields if now.domain(d).total]
    chart = _chart(
        [label[d] for d in charted],
        _series(
            kinds, [now.domain(d).visits for d in charted], [now.domain(d).trips for d in charted]
        ),
        horizontal=True,
        height_cm=max(5.0, 1.6 + 0.75 * len(charted)),
    )
    most = leaders([kinds.entry(f"„{d.domain}”", d.visits, d.trips) for d in given], "dziedzinach")
    alt = (
        f"Wykres słupkowy poziomy: liczba {kinds.counted} według dziedzin w {n} r."
        f"{kinds.note()}; {most}."
    )
    blocks = _figure(numbering, chart, what, alt, table, kinds)
    return Section(title, "wykres-dziedziny", blocks, 2)


def _field_columns(kinds: Kinds, n: int, compared: bool) -> list[tuple[str, float, Align]]:
    """The columns of the fields' table: the kinds given and their sum in year ``n``,
    and the previous year's sum and the change when ``compared``. With one kind, its
    column is the year's sum and is named with the year when compared."""
    sums = f"Razem {n} r." if kinds.both else f"{kinds.names[0]} {n} r."
    names = [*kinds.names, sums] if kinds.both else [sums if compared else kinds.names[0]]
    widths = [0.13, 0.13, 0.15] if kinds.both else [0.15]
    if compared:
        names += [f"{'Razem' if kinds.both else kinds.names[0]} {n - 1} r.", "Zmiana"]
        widths += [0.15, 0.16]
    columns: list[tuple[str, float, Align]] = [("Dziedzina", round(1 - sum(widths), 4), Align.LEFT)]
    return columns + [(name, w, Align.RIGHT) for name, w in zip(names, widths, strict=True)]


def _same_kinds(one: YearSummary, other: YearSummary) -> bool:
    """Whether two years give the same of visits and trips (their sums count the same)."""
    return (one.visits is None) == (other.visits is None) and (one.trips is None) == (
        other.trips is None
    )


def _unknown(summary: YearSummary) -> list[str]:
    """The kinds of events (the ABOUT_ phrases) a year's inputs do not give."""
    return Kinds(summary.visits is not None, summary.trips is not None).missing


def _year_counts(summary: YearSummary) -> tuple[str, str, str]:
    """A year's row of counts: „brak danych” for a kind not given, and then no sum."""
    visits, trips = summary.visits, summary.trips
    if visits is not None and trips is not None:
        return totals(visits, trips)
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


__all__ = ["NAMED_LEADERS", "TOP_COUNTRIES", "Kinds", "figures", "leaders", "ticks"]
