"""3. Podsumowanie: the year in sentences, the comparison with the year before, the
charts (see :mod:`reports.document.summary`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reports.document.blocks import paragraph as _p
from reports.document.blocks import section as _section
from reports.document.blocks import table as _table
from reports.document.model import Align, Block, Section
from reports.document.register import ended_sentences
from reports.document.summary import (
    change,
    comparison_rows,
    cost_sentence,
    figures,
    guests_sentence,
    year_history,
)
from reports.domain.model import YearCounts
from reports.domain.year import Year
from reports.polish.collation import sorted_pl
from reports.polish.lists import join_list
from reports.polish.numbers import format_number
from reports.polish.plurals import count, plural
from reports.polish.prepositions import with_preposition


def summary_section(year: Year) -> Section:
    """3. Podsumowanie: the year in sentences, the comparison table and the charts."""
    n = year.year
    city = year.city
    counts = year.counts()
    blocks: list[Block] = []
    if year.metryczka.intro:
        blocks.extend(_p(part) for part in year.metryczka.intro.split("\n") if part.strip())
    sentences = [
        _visits_sentence(n, city.locative, counts.visits),
        _trips_sentence(city.genitive, counts.trips),
        _projects_awards_sentence(counts.projects, counts.awards),
    ]
    countries = sorted_pl({e.country.name for e in (*year.visits, *year.trips)})
    if countries:
        sentences.append(
            f"Wizyty i wyjazdy objęły {count(len(countries), 'kraj')}: {join_list(countries)}."
        )
    sentences.extend(ended_sentences(year))
    now, history = year_history(year)
    before = year.previous_summary()
    sentences.extend(s for s in (guests_sentence(now), cost_sentence(now, before)) if s is not None)
    blocks.append(_p(" ".join(sentences)))
    blocks.append(_comparison_table(n, counts, year.previous, comparison_rows(now, before)))
    return _section(
        "Podsumowanie", "podsumowanie", blocks, subsections=figures(year, now, before, history)
    )


def _visits_sentence(n: int, locative: str, visits: int) -> str:
    there = with_preposition("w", locative)
    if not visits:
        return f"W {n} r. {there} nie odbyła się żadna wizyta delegacji zagranicznej."
    return (
        f"W {n} r. {there} "
        + plural(visits, "odbyła się", "odbyły się", "odbyło się")
        + f" {count(visits, 'wizyta')} "
        + plural(
            visits, "delegacji zagranicznej", "delegacji zagranicznych", "delegacji zagranicznych"
        )
        + "."
    )


def _trips_sentence(genitive: str, trips: int) -> str:
    if not trips:
        return f"Delegacje Miasta {genitive} nie wyjeżdżały za granicę."
    return (
        f"Delegacje Miasta {genitive} odbyły "
        + count(trips, ("wyjazd", "wyjazdy", "wyjazdów"))
        + " "
        + plural(trips, "zagraniczny", "zagraniczne", "zagranicznych")
        + "."
    )


def _projects_awards_sentence(projects: int, awards: int) -> str:
    if projects:
        did = f"realizowało {count(projects, 'projekt')} " + plural(
            projects, "międzynarodowy", "międzynarodowe", "międzynarodowych"
        )
    else:
        did = "nie realizowało projektów międzynarodowych"
    if awards:
        got = "otrzymało " + count(
            awards, ("nagrodę lub wyróżnienie", "nagrody lub wyróżnienia", "nagród lub wyróżnień")
        )
    else:
        got = "nie otrzymało nagród ani wyróżnień"
    return f"Miasto {did} i {got}."


def _comparison_table(
    n: int, now: YearCounts, before: YearCounts | None, extra: Sequence[tuple[str, ...]] = ()
) -> Block:
    labels = (
        ("Wizyty delegacji zagranicznych", "visits"),
        ("Wyjazdy zagraniczne", "trips"),
        ("Projekty międzynarodowe", "projects"),
        ("Nagrody i wyróżnienia", "awards"),
        ("Kraje, z którymi utrzymywano kontakty", "countries"),
    )
    if before is None:
        return _table(
            (("Rodzaj działań", 0.7, Align.LEFT), (f"{n} r.", 0.3, Align.RIGHT)),
            [
                *((label, format_number(getattr(now, field))) for label, field in labels),
                *(row for row in extra if len(row) == 2),
            ],
            f"Liczba działań w {n} r.",
        )
    rows = []
    for label, field in labels:
        current, previous = getattr(now, field), getattr(before, field)
        rows.append(
            (label, format_number(previous), format_number(current), change(current - previous))
        )
    rows.extend(row for row in extra if len(row) == 4)
    return _table(
        (
            ("Rodzaj działań", 0.46, Align.LEFT),
            (f"{n - 1} r.", 0.18, Align.RIGHT),
            (f"{n} r.", 0.18, Align.RIGHT),
            ("Zmiana", 0.18, Align.RIGHT),
        ),
        rows,
        f"Liczba działań w {n} r. w porównaniu z {n - 1} r.",
    )
