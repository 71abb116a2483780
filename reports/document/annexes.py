"""11. Metryczka and the annex Źródła danych: the public-information record, who
reported what, the workbooks read and the reconciliation of their rows.
"""

from __future__ import annotations

from collections import Counter

from reports.document.blocks import paragraph as _p
from reports.document.blocks import section as _section
from reports.document.blocks import table as _table
from reports.document.model import Align, Block, Section, Table
from reports.domain.year import Year
from reports.polish.collation import sorted_pl
from reports.polish.dates import format_date
from reports.polish.lists import join_list
from reports.polish.numbers import format_number
from reports.polish.plurals import count

# --- 11. Metryczka --------------------------------------------------------------------


def metryczka_section(year: Year) -> Section:
    """11. Metryczka: the public-information record and its changes."""
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
    return _section("Metryczka", "metryczka", [table], subsections=changes)


# --- Załącznik: Źródła danych -------------------------------------------------------


def sources_section(year: Year) -> Section:
    """The annex: who reported what (Zgłasza), the workbooks read and the reconciliation
    of their rows, so that the report shows nothing was lost."""
    n = year.year
    blocks: list[Block] = [_reported_by(year)]
    if year.workbooks:
        books = count(len(year.workbooks), ("skoroszytu", "skoroszytów", "skoroszytów"))
        blocks.append(
            _p(
                f"Raport powstał z {books} z folderu roku {n} i z rejestru miast partnerskich "
                "(rejestr.xlsx). Liczby wierszy odczytanych z każdego skoroszytu:"
            )
        )
        blocks.append(_workbooks_table(year))
    if year.tallies:
        blocks.append(
            _p(
                "Każdy odczytany wiersz trafił do raportu, został scalony jako duplikat wpisu "
                "z innego skoroszytu albo odrzucony z powodu błędu:"
            )
        )
        blocks.append(
            _table(
                (
                    ("Arkusz", 0.28, Align.LEFT),
                    ("Odczytane wiersze", 0.18, Align.RIGHT),
                    ("W raporcie", 0.18, Align.RIGHT),
                    ("Scalone duplikaty", 0.18, Align.RIGHT),
                    ("Odrzucone", 0.18, Align.RIGHT),
                ),
                (
                    (
                        t.sheet,
                        format_number(t.read),
                        format_number(t.kept),
                        format_number(t.duplicates),
                        format_number(t.rejected),
                    )
                    for t in year.tallies
                ),
                f"Uzgodnienie wierszy skoroszytów roku {n}",
            )
        )
    history = year.history.years if year.history is not None else ()
    earlier = [s.year for s in history if s.year < n]
    if earlier:
        blocks.append(
            _p(
                "Porównania z wcześniejszymi latami oparto na danych z folderów lat: "
                f"{join_list([str(y) for y in earlier])}."
            )
        )
    return _section("Załącznik: Źródła danych", "zrodla-danych", blocks)


def _reported_by(year: Year) -> Block:
    visits = Counter(v.reported_by for v in year.visits)
    trips = Counter(t.reported_by for t in year.trips)
    named = sorted_pl({name for name in (*visits, *trips) if name is not None})
    if not named:
        if not year.visits and not year.trips:
            return _p(f"W {year.year} r. nie zgłoszono wizyt ani wyjazdów.")
        return _p("Przy wizytach i wyjazdach nie podano, kto je zgłosił (kolumna „Zgłasza”).")
    keys: list[str | None] = [*named, *([None] if None in visits or None in trips else [])]
    rows = [
        (
            name if name is not None else "nie podano",
            format_number(visits[name]),
            format_number(trips[name]),
            format_number(visits[name] + trips[name]),
        )
        for name in keys
    ]
    rows.append(
        (
            "Razem",
            format_number(len(year.visits)),
            format_number(len(year.trips)),
            format_number(len(year.visits) + len(year.trips)),
        )
    )
    return _table(
        (
            ("Zgłasza", 0.52, Align.LEFT),
            ("Wizyty", 0.16, Align.RIGHT),
            ("Wyjazdy", 0.16, Align.RIGHT),
            ("Razem", 0.16, Align.RIGHT),
        ),
        rows,
        f"Wizyty i wyjazdy {year.year} r. według zgłaszających",
    )


def _workbooks_table(year: Year) -> Table:
    kinds = (
        ("Wizyty", year.visits),
        ("Wyjazdy", year.trips),
        ("Projekty", year.projects),
        ("Nagrody", year.awards),
    )
    rows_read = {
        label: Counter(source.file for record in records for source in record.sources)
        for label, records in kinds
    }
    return _table(
        (
            ("Skoroszyt", 0.36, Align.LEFT),
            ("Wizyty", 0.16, Align.RIGHT),
            ("Wyjazdy", 0.16, Align.RIGHT),
            ("Projekty", 0.16, Align.RIGHT),
            ("Nagrody", 0.16, Align.RIGHT),
        ),
        (
            (name, *(format_number(rows_read[label][name]) for label, _ in kinds))
            for name in year.workbooks
        ),
        f"Wiersze odczytane ze skoroszytów roku {year.year}",
    )
