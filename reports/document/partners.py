"""4. Miasta partnerskie and 10. Współpraca z poszczególnymi miastami: the partners,
their anniversaries, and what was done with each this year.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reports.document.blocks import paragraph as _p
from reports.document.blocks import section as _section
from reports.document.blocks import table as _table
from reports.document.model import Align, Block, BulletList, Paragraph, Run, Section, Table
from reports.document.phrases import (
    ABOUT_PARTNERS,
    ABOUT_PROJECTS,
    ABOUT_TRIPS,
    ABOUT_VISITS,
    PARTNERS_HAD,
    PARTNERS_OF,
    missing,
    not_given,
    project_span,
    sentence,
    since,
    span,
    upper_first,
)
from reports.document.register import partner_facts, partner_table
from reports.document.summary import year_history
from reports.domain.history import History, YearSummary, dormant_since
from reports.domain.model import Event, Partner, PartnerKind
from reports.domain.year import Year
from reports.polish.dates import format_date_range
from reports.polish.lists import join_list
from reports.polish.numbers import format_number, format_ordinal, format_population
from reports.polish.plurals import count, plural
from reports.polish.prepositions import with_preposition
from reports.polish.typography import quote, typeset

# --- 4. Miasta partnerskie ------------------------------------------------------------

_AGREEMENT = {
    PartnerKind.LETTER_OF_INTENT: "listu intencyjnego",
}


def partners_section(year: Year) -> Section:
    """4. Miasta partnerskie: the partner table and the year's anniversaries (without the
    registry's sheet of partners: that the data was not given)."""
    n = year.year
    title = "Miasta partnerskie i zaprzyjaźnione"
    partners = year.partners
    if partners is None:
        return _section(title, "miasta-partnerskie", [_p(not_given([ABOUT_PARTNERS]))])
    if not partners:
        return _section(
            title,
            "miasta-partnerskie",
            [_p(f"W {n} r. miasto nie miało miast partnerskich ani zaprzyjaźnionych.")],
        )
    lead = f"W {n} r. Miasto {year.city.name} miało {count(len(partners), PARTNERS_HAD)}."
    unsigned = [p.name for p in partners if p.kind is PartnerKind.NO_AGREEMENT]
    if unsigned:
        cities = plural(len(unsigned), "miastem", "miastami", "miastami")
        lead += f" Współpraca z {cities} {join_list(unsigned)} odbywa się bez umowy."
    blocks: list[Block] = [_p(lead), partner_table(year, span)]
    anniversaries = [(p, p.anniversary_in(n)) for p in partners]
    due = [(p, age) for p, age in anniversaries if age is not None]
    if due:
        blocks.append(_p(f"Rocznice przypadające w {n} r.:"))
        blocks.append(
            BulletList(
                tuple(
                    Paragraph(
                        (
                            Run(typeset(f"{p.name} ({p.country.name})"), bold=True),
                            Run(
                                typeset(
                                    f": {format_ordinal(age)} rocznica podpisania "
                                    f"{_AGREEMENT.get(p.kind, 'umowy')} ({since(p.signed)})"
                                )
                            ),
                        )
                    )
                    for p, age in due
                )
            )
        )
    else:
        blocks.append(_p(f"W {n} r. nie przypadała okrągła rocznica podpisania umowy."))
    return _section(title, "miasta-partnerskie", blocks)


# --- 10. Per partner ------------------------------------------------------------------


def per_partner_section(year: Year) -> Section:
    """Active partners in subsections (with a table of their activities); the partners
    with none this year named in one sentence, with how long they have been dormant.

    Every count names what it counts: the partners with joint activity „z 7 z 11 miast
    partnerskich lub zaprzyjaźnionych”, the same whole as the partner table's."""
    title = "Współpraca z poszczególnymi miastami partnerskimi"
    n = year.year
    partners = year.partners
    if partners is None:
        return _section(title, "wspolpraca", [_p(not_given([ABOUT_PARTNERS]))])
    if not partners:
        return _section(title, "wspolpraca", [_p(f"W {n} r. miasto nie miało miast partnerskich.")])
    absent = missing(year, ABOUT_VISITS, ABOUT_TRIPS, ABOUT_PROJECTS)
    if len(absent) == 3:
        return _section(title, "wspolpraca", [_p(not_given(absent))])
    now, history = year_history(year)
    active = [p for p in partners if now.activity(p.name)]
    quiet = [p for p in partners if not now.activity(p.name)]
    whole = _of_partners(len(partners))
    blocks: list[Block] = []
    if active:
        if len(active) < len(partners):
            whom = _with(f"{format_number(len(active))} {_with(whole)}")
        elif len(active) > 1:
            whom = f"z każdym {_with(whole)}"
        else:
            whom = "z jedynym miastem partnerskim lub zaprzyjaźnionym"
        blocks.append(_p(f"W {n} r. wspólne działania odnotowano {whom}."))
        blocks.append(_activity_table(year, active, now))
    if quiet:
        blocks.append(_p(_quiet_sentence(year, quiet, history, whole, all_quiet=not active)))
    if absent:
        blocks.append(_p(not_given(absent)))
    subsections = tuple(
        _section(
            f"{p.name} ({p.country.name})",
            f"partner-{i}",
            _partner_blocks(year, p),
            level=2,
        )
        for i, p in enumerate(partners, 1)
        if now.activity(p.name)
    )
    return _section(title, "wspolpraca", blocks, subsections=subsections)


def _with(text: str) -> str:
    """„z” before a count, vocalised as its number is read („ze 100”)."""
    return with_preposition("z", text)


def _of_partners(whole: int) -> str:
    """„11 miast partnerskich lub zaprzyjaźnionych” after „z 7 z”: the whole in the genitive.

    >>> _of_partners(1)
    '1\xa0miasta partnerskiego lub zaprzyjaźnionego'
    >>> _of_partners(3)
    '3\xa0miast partnerskich lub zaprzyjaźnionych'
    """
    return count(whole, PARTNERS_OF)


def _activity_table(year: Year, partners: Sequence[Partner], now: YearSummary) -> Table:
    """Each active partner's visits, trips and projects: a column per kind the year gives
    (a kind whose sheet is missing is unknown, not 0), and their sum when more than one."""
    kinds = [
        (name, records is not None)
        for name, records in (
            ("Wizyty", year.visits),
            ("Wyjazdy", year.trips),
            ("Projekty", year.projects),
        )
    ]
    given = [name for name, known in kinds if known]
    names = [*given, "Razem"] if len(given) > 1 else given
    rows = []
    for i, partner in enumerate(partners, 1):
        visits = sum(1 for v in year.visits or () if v.partner == partner.name)
        trips = sum(1 for t in year.trips or () if t.partner == partner.name)
        total = now.activity(partner.name)
        numbers = {"Wizyty": visits, "Wyjazdy": trips, "Projekty": total - visits - trips}
        numbers["Razem"] = total
        rows.append(
            (
                f"{i}.",
                f"{partner.name} ({partner.country.name})",
                *(format_number(numbers[name]) for name in names),
            )
        )
    return _table(
        (
            ("Lp.", 0.07, Align.RIGHT),
            ("Miasto (kraj)", round(0.93 - 0.14 * len(names), 4), Align.LEFT),
            *((name, 0.14, Align.RIGHT) for name in names),
        ),
        rows,
        f"Wspólne działania z miastami partnerskimi w {year.year} r.",
    )


def _quiet_sentence(
    year: Year, partners: Sequence[Partner], history: History, whole: str, *, all_quiet: bool
) -> str:
    """„W 2025 r. nie odnotowano wspólnych działań z 2 z 6 miast partnerskich lub
    zaprzyjaźnionych: Hamm (Niemcy; brak wspólnych działań od 2021 r.) i Preston (Wielka
    Brytania).”"""
    names = []
    for partner in partners:
        since = dormant_since(partner, history, year.year)
        note = partner.country.name
        if since is not None and since < year.year:
            note += f"; brak wspólnych działań od {since} r."
        names.append(f"{partner.name} ({note})")
    n = len(partners)
    if all_quiet and n > 1:
        whom = f"z żadnym {_with(whole)}"
    elif all_quiet:
        whom = "z jedynym miastem partnerskim lub zaprzyjaźnionym"
    else:
        whom = _with(f"{format_number(n)} {_with(whole)}")
    return f"W {year.year} r. nie odnotowano wspólnych działań {whom}: {join_list(names)}."


def _partner_blocks(year: Year, partner: Partner) -> list[Block]:
    facts = [upper_first(str(partner.kind))]
    if partner.signed is not None:
        facts[0] += f" od {since(partner.signed)}"
    facts += partner_facts(partner, year)
    if partner.region:
        facts.append(f"region: {partner.region}")
    if partner.population:
        facts.append(f"{format_population(partner.population)} mieszkańców")
    blocks: list[Block] = [_p(sentence("; ".join(facts)))]
    there = (
        with_preposition("w", partner.locative) if partner.locative else f"w mieście {partner.name}"
    )
    dated: list[tuple[date, Paragraph]] = []
    for visit in (v for v in year.visits or () if v.partner == partner.name):
        what = f"wizyta {with_preposition('w', year.city.locative)}"
        dated.append((visit.start, _event_item(visit, what, visit.guests)))
    for trip in (t for t in year.trips or () if t.partner == partner.name):
        what = f"pobyt delegacji Miasta {year.city.genitive} {there}"
        dated.append((trip.start, _event_item(trip, what, trip.delegation)))
    key = partner.name.casefold()
    for project in (
        pr for pr in year.projects or () if any(x.casefold() == key for x in pr.partners)
    ):
        item = Paragraph(
            (
                Run(typeset(project_span(project)), bold=True),
                Run(typeset(f": projekt {quote(project.name)} ({project.program})")),
            )
        )
        dated.append((project.start, item))
    if dated:
        dated.sort(key=lambda pair: pair[0])  # stable: visits, trips, projects on one day
        blocks.append(BulletList(tuple(item for _, item in dated)))
    else:
        blocks.append(_p(f"W {year.year} r. nie odnotowano wspólnych działań."))
    return blocks


def _event_item(event: Event, what: str, who: str) -> Paragraph:
    """„9 czerwca 2025 r.: wizyta w Kaliszu (Goście) – Cel”: the officer's Cel after a
    dash, as typed (a capital there is right, and so is a small letter)."""
    return Paragraph(
        (
            Run(typeset(format_date_range(event.start, event.end)), bold=True),
            Run(typeset(f": {what} ({who}) – {event.purpose}")),
        )
    )
