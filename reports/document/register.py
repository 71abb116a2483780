"""The legal record of each partnership in the report: document, resolution, areas, status.

Every word is decided here, as in the rest of :mod:`reports.document`: the partner table's
columns (the optional ones only when some partner has them), the facts of each
partner's subsection, and the summary's sentences on partnerships suspended or
ended in the year.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reports.document.blocks import table
from reports.document.model import Align, Table
from reports.domain.history import dormant_since
from reports.domain.model import DateOrYear, Partner, PartnerStatus, year_of
from reports.domain.year import Year
from reports.polish.dates import format_date
from reports.polish.lists import join_list
from reports.polish.plurals import plural

#: A partner table column: label, relative width (of a table with all of them), alignment.
PartnerColumn = tuple[str, float, Align]


def scope_text(partner: Partner) -> str | None:
    """Zakres współpracy as the report shows it: „;”-separated fields become a list.

    >>> from reports.domain.model import PartnerKind
    >>> from reports.polish.countries import normalize_country
    >>> p = Partner("Hamm", normalize_country("DE"), PartnerKind.PARTNER, 1991,
    ...             scope="kultura; edukacja ;sport")
    >>> scope_text(p)
    'kultura, edukacja, sport'
    """
    if partner.scope is None:
        return None
    return ", ".join(part.strip() for part in partner.scope.split(";") if part.strip())


def kind_text(partner: Partner) -> str:
    """Rodzaj, with the document it rests on when that says more („umowa partnerska”)."""
    kind = str(partner.kind)
    if partner.document is None or str(partner.document) == kind:
        return kind
    return f"{kind} ({partner.document})"


def status_text(partner: Partner, year: int) -> str:
    """The status at the end of ``year``, with the date it changed („zawieszone od …”)."""
    status = partner.status_in(year)
    if status is PartnerStatus.ACTIVE or partner.ended is None:
        return str(status)
    return f"{status} od {format_date(partner.ended)}"


def partner_columns(year: Year) -> list[tuple[PartnerColumn, Sequence[str]]]:
    """The optional columns of the partner table that some partner fills, with their cells."""
    n = year.year
    partners = year.partners or ()
    optional: list[tuple[PartnerColumn, Sequence[str]]] = []
    if any(p.resolution for p in partners):
        optional.append((("Uchwała", 0.15, Align.LEFT), [p.resolution or "—" for p in partners]))
    if any(p.scope for p in partners):
        optional.append(
            (("Zakres współpracy", 0.17, Align.LEFT), [scope_text(p) or "—" for p in partners])
        )
    flags = [dormancy(p, year) for p in partners]
    if any(p.status is not None or p.ended is not None for p in partners) or any(flags):
        optional.append(
            (
                ("Status", 0.14, Align.LEFT),
                [
                    status_text(p, n) + (f"; {flag}" if flag else "")
                    for p, flag in zip(partners, flags, strict=True)
                ],
            )
        )
    return optional


def partner_table(year: Year, span: Callable[[Partner], str]) -> Table:
    """The partner table: Lp., miasto, kraj, rodzaj, od kiedy (``span``) — and, when some
    partner has them, the register's columns, with Miasto and Kraj in one column to
    make room."""
    partners = year.partners or ()
    optional = partner_columns(year)
    rows: list[list[str]]
    if optional:
        columns: list[PartnerColumn] = [
            ("Lp.", 0.05, Align.RIGHT),
            ("Miasto (kraj)", 0.17, Align.LEFT),
            ("Rodzaj", 0.17, Align.LEFT),
            ("Od kiedy", 0.15, Align.LEFT),
        ]
        rows = [
            [f"{i}.", f"{p.name} ({p.country.name})", kind_text(p), span(p)]
            for i, p in enumerate(partners, 1)
        ]
    else:
        columns = [
            ("Lp.", 0.07, Align.RIGHT),
            ("Miasto", 0.25, Align.LEFT),
            ("Kraj", 0.18, Align.LEFT),
            ("Rodzaj", 0.25, Align.LEFT),
            ("Od kiedy", 0.25, Align.LEFT),
        ]
        rows = [
            [f"{i}.", p.name, p.country.name, str(p.kind), span(p)]
            for i, p in enumerate(partners, 1)
        ]
    for column, cells in optional:
        columns.append(column)
        for row, cell in zip(rows, cells, strict=True):
            row.append(cell)
    total = sum(width for _, width, _ in columns)
    return table(
        [(label, width / total, align) for label, width, align in columns],
        rows,
        f"Miasta partnerskie i zaprzyjaźnione w {year.year} r.",
    )


#: How many years in a row without a joint activity flag a partnership as dormant.
DORMANT_YEARS = 2


def dormancy(partner: Partner, year: Year) -> str | None:
    """„bez wspólnych działań od 2023 r.” for a partnership with no joint activity in two
    or more known years in a row up to ``year`` (:func:`reports.domain.history.dormant_since`)."""
    if year.history is None or partner.status_in(year.year) is not PartnerStatus.ACTIVE:
        return None
    since = dormant_since(partner, year.history, year.year)
    if since is None or year.year - since + 1 < DORMANT_YEARS:
        return None
    return f"bez wspólnych działań od {format_date(since)}"


def partner_facts(partner: Partner, year: Year) -> list[str]:
    """The register's facts for a partner's subsection: document, resolution, areas, status,
    and the flag of a dormant partnership."""
    facts = []
    if partner.document is not None:
        facts.append(f"dokument: {partner.document}")
    if partner.resolution:
        facts.append(f"uchwała nr {partner.resolution}")
    scope = scope_text(partner)
    if scope:
        facts.append(f"zakres współpracy: {scope}")
    status = partner.status_in(year.year)
    if partner.ended is not None and status is not PartnerStatus.ACTIVE:
        facts.append(f"współpraca {_PARTICIPLE[status]} od {format_date(partner.ended)}")
    dormant = dormancy(partner, year)
    if dormant is not None:
        facts.append(dormant)
    return facts


_PARTICIPLE = {PartnerStatus.SUSPENDED: "zawieszona", PartnerStatus.ENDED: "zakończona"}
_DONE = {PartnerStatus.SUSPENDED: "zawieszono", PartnerStatus.ENDED: "zakończono"}


def _ended_in(partner: Partner, year: int) -> DateOrYear | None:
    ended = partner.ended
    return ended if ended is not None and year_of(ended) == year else None


def ended_sentences(year: Year) -> list[str]:
    """„W 2025 r. zawieszono współpracę z miastem Sumy (Ukraina, od 1 marca 2025 r.).”"""
    n = year.year
    sentences = []
    for status in (PartnerStatus.SUSPENDED, PartnerStatus.ENDED):
        names = [
            f"{p.name} ({p.country.name}, od {format_date(when)})"
            for p in year.partners or ()
            if (when := _ended_in(p, n)) is not None and p.status_in(n) is status
        ]
        if names:
            cities = plural(len(names), "miastem", "miastami", "miastami")
            sentences.append(f"W {n} r. {_DONE[status]} współpracę z {cities} {join_list(names)}.")
    return sentences
