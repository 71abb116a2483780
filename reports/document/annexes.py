"""11. Metryczka and the annex Źródła danych: the public-information record, and who
reported and carried out the year's visits and trips.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reports.document.blocks import paragraph as _p
from reports.document.blocks import section as _section
from reports.document.blocks import table as _table
from reports.document.kinds import Kinds
from reports.document.model import Align, Block, Paragraph, Run, Section
from reports.document.phrases import sentence
from reports.domain.year import Year
from reports.polish.collation import sorted_pl
from reports.polish.dates import format_date
from reports.polish.lists import join_list
from reports.polish.text import normalize_text
from reports.polish.typography import typeset

# --- 11. Metryczka --------------------------------------------------------------------


def metryczka_section(year: Year, data_file: str | None = None) -> Section:
    """11. Metryczka: the public-information record, the file of the year's open data
    (``data_file``, when it is published with the report) and the record's changes."""
    meta = year.metryczka
    fields = [
        ("Informację wytworzył(a)", meta.author),
        ("Data wytworzenia", format_date(meta.created)),
        ("Wprowadził(a)", meta.entered_by or "—"),
        ("Data publikacji", format_date(meta.published) if meta.published else "—"),
        ("Na podstawie", meta.basis or "—"),
    ]
    table = _table(
        (("Pole", 0.35, Align.LEFT), ("Wartość", 0.65, Align.LEFT)),
        fields,
        "Metryczka informacji publicznej",
    )
    blocks: list[Block] = [table]
    if data_file is not None:
        blocks.append(
            Paragraph(
                (
                    Run(typeset("Dane raportu w formacie otwartym: plik ")),
                    Run(data_file, href=data_file),
                    Run(
                        typeset(
                            " (pakiet danych: pliki CSV z wpisami raportu i opis ich kolumn "
                            "w pliku datapackage.json)."
                        )
                    ),
                )
            )
        )
    changes: tuple[Section, ...] = ()
    if meta.changes:
        changes = (
            _section(
                "Rejestr zmian",
                "rejestr-zmian",
                [
                    _table(
                        (
                            ("Data", 0.22, Align.LEFT),
                            ("Opis zmiany", 0.53, Align.LEFT),
                            ("Kto", 0.25, Align.LEFT),
                        ),
                        ((format_date(c.date), c.description, c.who or "—") for c in meta.changes),
                        "Rejestr zmian informacji publicznej",
                    )
                ],
                level=2,
            ),
        )
    return _section("Metryczka", "metryczka", blocks, subsections=changes)


# --- Załącznik: Źródła danych -------------------------------------------------------


def sources_section(year: Year) -> Section:
    """The annex, in a reader's words: who reported the visits and trips (Zgłasza) and
    how many each, who carried them out (Realizator), and which earlier years the
    comparisons rest on. The office's bookkeeping — workbooks, sheets, rows read, merged
    or rejected — stays in ``raport check``, on the page and in ``manifest.json``."""
    blocks: list[Block] = [*_reported_by(year)]
    implementers = _distinct(e.implementer for e in year.events)
    if implementers:
        blocks.append(
            _p(
                f"Realizatorzy {Kinds.of(year).counted}: "
                f"{join_list(implementers, conjunction='oraz')}."
            )
        )
    history = year.history.years if year.history is not None else ()
    earlier = [s.year for s in history if s.year < year.year]
    if earlier:
        years = (
            format_date(earlier[0])
            if len(earlier) == 1
            else f"lata {join_list([str(y) for y in earlier])}"
        )
        blocks.append(
            _p(sentence(f"Porównania z wcześniejszymi latami oparto na danych za {years}"))
        )
    return _section("Załącznik: Źródła danych", "zrodla-danych", blocks)


def _distinct(names: Iterable[str | None]) -> list[str]:
    """The names given, each once (compared ignoring case), in Polish alphabetical order."""
    first: dict[str, str] = {}
    for name in names:
        if name:
            first.setdefault(normalize_text(name).casefold(), name)
    return sorted_pl(first.values())


def _reported_by(year: Year) -> list[Block]:
    """Who reported the visits and trips: their names, and a table of how many each (of
    the kinds given: a kind whose sheet is missing has no column)."""
    kinds = Kinds.of(year)
    visits = Counter(v.reported_by for v in year.visits or ())
    trips = Counter(t.reported_by for t in year.trips or ())
    named = sorted_pl({name for name in (*visits, *trips) if name is not None})
    events = kinds.subject.lower()
    if not named:
        if year.events:
            return [_p(f"Nie podano, kto zgłosił {events}.")]
        return []
    keys: list[str | None] = [*named, *([None] if None in visits or None in trips else [])]
    rows = [
        (name if name is not None else "nie podano", *kinds.cells(visits[name], trips[name]))
        for name in keys
    ]
    rows.append(("Razem", *kinds.cells(sum(visits.values()), sum(trips.values()))))
    lead = _p(f"Zgłaszający {events}: {join_list(named, conjunction='oraz')}.")
    table = _table(
        kinds.columns("Zgłaszający"),
        rows,
        f"{kinds.subject} w {year.year} r. według zgłaszających",
    )
    return [lead, table]
