"""3. Podsumowanie: the year in sentences, the comparison with the year before, the
charts (see :mod:`reports.document.summary` and :mod:`reports.document.charts`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reports.document.blocks import paragraph as _p
from reports.document.blocks import section as _section
from reports.document.blocks import table as _table
from reports.document.charts import figures
from reports.document.model import Align, Block, Section
from reports.document.phrases import (
    ABOUT_AWARDS,
    ABOUT_PROJECTS,
    ABOUT_TRIPS,
    ABOUT_VISITS,
    NO_DATA,
    missing,
    not_given,
)
from reports.document.register import ended_sentences
from reports.document.summary import (
    change,
    comparison_rows,
    cost_sentence,
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
    sentences: list[str] = []
    if counts.visits is not None:
        sentences.append(_visits_sentence(n, city.locative, counts.visits))
    if counts.trips is not None:
        sentences.append(_trips_sentence(city.genitive, counts.trips))
    done = _projects_awards_sentence(counts.projects, counts.awards)
    if done is not None:
        sentences.append(done)
    countries = sorted_pl({e.country.name for e in year.events})
    if countries:
        sentences.append(
            f"{_events_subject(year)} objęły {count(len(countries), 'kraj')}: "
            f"{join_list(countries)}."
        )
    sentences.extend(ended_sentences(year))
    now, history = year_history(year)
    before = year.previous_summary()
    sentences.extend(s for s in (guests_sentence(now), cost_sentence(now, before)) if s is not None)
    absent = missing(year, ABOUT_VISITS, ABOUT_TRIPS, ABOUT_PROJECTS, ABOUT_AWARDS)
    if absent:
        sentences.append(not_given(absent))
    blocks.append(_p(" ".join(sentences)))
    blocks.append(_comparison_table(n, counts, year.previous, comparison_rows(now, before)))
    return _section(
        "Podsumowanie", "podsumowanie", blocks, subsections=figures(year, now, before, history)
    )


def _events_subject(year: Year) -> str:
    """„Wizyty i wyjazdy”, or the one of them the inputs give."""
    if year.trips is None:
        return "Wizyty"
    if year.visits is None:
        return "Wyjazdy"
    return "Wizyty i wyjazdy"


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


def _projects_awards_sentence(projects: int | None, awards: int | None) -> str | None:
    """What the city carried out and received; a kind not given is left out."""
    parts = []
    if projects:
        parts.append(
            f"realizowało {count(projects, 'projekt')} "
            + plural(projects, "międzynarodowy", "międzynarodowe", "międzynarodowych")
        )
    elif projects is not None:
        parts.append("nie realizowało projektów międzynarodowych")
    if awards:
        parts.append(
            "otrzymało "
            + count(
                awards,
                ("nagrodę lub wyróżnienie", "nagrody lub wyróżnienia", "nagród lub wyróżnień"),
            )
        )
    elif awards is not None:
        parts.append("nie otrzymało nagród ani wyróżnień")
    return f"Miasto {' i '.join(parts)}." if parts else None


def _comparison_table(
    n: int, now: YearCounts, before: YearCounts | None, extra: Sequence[tuple[str, ...]] = ()
) -> Block:
    labels = (
        ("Wizyty delegacji zagranicznych", "visits"),
        ("Wyjazdy zagraniczne", "trips"),
        ("Projekty międzynarodowe", "projects"),
        ("Nagrody i wyróżnienia", "awards"),
        ("Kraje wizyt i wyjazdów", "countries"),
    )
    given = [(label, field) for label, field in labels if getattr(now, field) is not None]
    if before is None:
        return _table(
            (("Rodzaj działań", 0.7, Align.LEFT), (f"{n} r.", 0.3, Align.RIGHT)),
            [
                *((label, format_number(getattr(now, field))) for label, field in given),
                *(row for row in extra if len(row) == 2),
            ],
            f"Liczba działań w {n} r.",
        )
    rows = []
    for label, field in given:
        current, previous = getattr(now, field), getattr(before, field)
        if previous is None:  # the previous year did not give this kind: unknown, not 0
            rows.append((label, NO_DATA, format_number(current), "—"))
            continue
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
