"""Year → Document: every sentence, label and cell of the report is decided here.

The renderers only walk what this returns. All Polish wording comes from
:mod:`reports.polish`; every generated string passes through ``typeset`` so
single-letter words and numbers never end a line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from itertools import groupby

from reports.blocks import paragraph, section, table
from reports.build_plan import (
    funding_table,
    implementers_section,
    plan_realization_section,
    plan_section,
)
from reports.build_register import ended_sentences, partner_facts, partner_table
from reports.document import (
    Align,
    Block,
    BulletList,
    Document,
    Paragraph,
    Run,
    Section,
    TableOfContents,
    TitlePage,
)
from reports.model import (
    DateOrYear,
    Event,
    Partner,
    PartnerKind,
    Project,
    Trip,
    Visit,
    Year,
    YearCounts,
)
from reports.polish.collation import sorted_pl
from reports.polish.dates import format_date, format_date_range, format_month_year
from reports.polish.lists import join_list
from reports.polish.numbers import format_amount, format_number, format_ordinal, format_population
from reports.polish.plurals import count, plural
from reports.polish.typography import quote, typeset


def report_title(year: int) -> str:
    """The report's title, the same on the title page, in metadata and on the BIP."""
    return f"Raport dotyczący współpracy zagranicznej w roku {year}"


def build_document(year: Year) -> Document:
    """The whole report for ``year`` as a renderer-neutral document."""
    city = year.city
    meta = year.metryczka
    title = report_title(year.year)
    lines = tuple(line for line in (f"Miasto {city.name}", city.office, city.department) if line)
    return Document(
        title=title,
        author=city.department or city.office,
        language="pl",
        created=datetime.combine(meta.created, time(12, 0)),
        title_page=TitlePage(
            title=typeset(title),
            lines=tuple(typeset(line) for line in lines),
            place_and_date=typeset(f"{city.name}, {format_date(meta.created)}"),
        ),
        contents=TableOfContents("Spis treści"),
        sections=(
            _summary(year),
            _partners(year),
            _visits(year),
            _trips(year),
            _projects(year),
            _awards(year),
            _organizations(year),
            _per_partner(year),
            implementers_section(year),
            *plan_realization_section(year),
            plan_section(year),
            _metryczka(year),
        ),
        subject=f"Współpraca zagraniczna Miasta {city.genitive} w {year.year} r.",
        keywords=("współpraca zagraniczna", "miasta partnerskie", city.name, str(year.year)),
    )


# --- small builders -------------------------------------------------------------------


_p = paragraph
_table = table
_section = section


def _place(event: Event) -> str:
    """„Hamm (Niemcy)”, or the country alone for guests on behalf of a country."""
    return f"{event.city} ({event.country.name})" if event.city else event.country.name


def _span(partner: Partner) -> str:
    """„od kiedy” of a partnership, with its end where it ended or was suspended."""
    if partner.ended is None:
        return _since(partner.signed)
    return f"{_since(partner.signed)} (do {_since(partner.ended)})"


def _sentence(text: str) -> str:
    """End ``text`` with one full stop (a date may already end with „r.”)."""
    return text if text.endswith(".") else text + "."


def _since(value: DateOrYear | None) -> str:
    return format_date(value) if value is not None else "—"


# --- 3. Podsumowanie ------------------------------------------------------------------


def _summary(year: Year) -> Section:
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
    blocks.append(_p(" ".join(sentences)))
    blocks.append(_comparison_table(n, counts, year.previous))
    return _section("Podsumowanie", "podsumowanie", blocks)


def _visits_sentence(n: int, locative: str, visits: int) -> str:
    if not visits:
        return f"W {n} r. w {locative} nie odbyła się żadna wizyta delegacji zagranicznej."
    return (
        f"W {n} r. w {locative} "
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


def _comparison_table(n: int, now: YearCounts, before: YearCounts | None) -> Block:
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
            ((label, format_number(getattr(now, field))) for label, field in labels),
            f"Liczba działań w {n} r.",
        )
    rows = []
    for label, field in labels:
        current, previous = getattr(now, field), getattr(before, field)
        rows.append(
            (label, format_number(previous), format_number(current), _change(current - previous))
        )
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


def _change(delta: int) -> str:
    if delta == 0:
        return "bez zmian"
    return f"+{format_number(delta)}" if delta > 0 else format_number(delta)


# --- 4. Miasta partnerskie ------------------------------------------------------------

_AGREEMENT = {
    PartnerKind.LETTER_OF_INTENT: "listu intencyjnego",
}


def _partners(year: Year) -> Section:
    n = year.year
    partners = year.partners
    if not partners:
        return _section(
            "Miasta partnerskie i zaprzyjaźnione",
            "miasta-partnerskie",
            [_p(f"W {n} r. miasto nie miało miast partnerskich ani zaprzyjaźnionych.")],
        )
    blocks: list[Block] = [
        _p(
            f"W {n} r. Miasto {year.city.name} współpracowało z "
            + count(len(partners), ("miastem", "miastami", "miastami"))
            + " "
            + plural(len(partners), "zagranicznym", "zagranicznymi", "zagranicznymi")
            + "."
        ),
        partner_table(year, _span),
    ]
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
                                    f"{_AGREEMENT.get(p.kind, 'umowy')} ({_since(p.signed)})"
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
    return _section("Miasta partnerskie i zaprzyjaźnione", "miasta-partnerskie", blocks)


# --- 5./6. Wizyty, Wyjazdy ------------------------------------------------------------


def _visits(year: Year) -> Section:
    title = f"Wizyty delegacji zagranicznych w {year.city.locative}"
    empty = (
        f"W {year.year} r. w {year.city.locative} nie odbyły się wizyty delegacji zagranicznych."
    )
    return _events_section(
        title,
        "wizyty",
        year.visits,
        empty,
        "Goście",
        lambda v: v.guests if isinstance(v, Visit) else "",
    )


def _trips(year: Year) -> Section:
    title = f"Wyjazdy zagraniczne delegacji Miasta {year.city.genitive}"
    empty = f"W {year.year} r. delegacje Miasta {year.city.genitive} nie wyjeżdżały za granicę."
    section = _events_section(
        title,
        "wyjazdy",
        year.trips,
        empty,
        "Skład delegacji",
        lambda t: t.delegation if isinstance(t, Trip) else "",
    )
    return replace(section, blocks=(*section.blocks, *funding_table(year)))


def _events_section(
    title: str,
    anchor: str,
    events: Sequence[Event],
    empty: str,
    who_label: str,
    who: Callable[[Event], str],
) -> Section:
    """A chronological table split by month, numbered continuously (Lp.)."""
    if not events:
        return _section(title, anchor, [_p(empty)])
    columns = (
        ("Lp.", 0.06, Align.RIGHT),
        ("Termin", 0.21, Align.LEFT),
        ("Miasto (kraj)", 0.18, Align.LEFT),
        (who_label, 0.25, Align.LEFT),
        ("Cel", 0.30, Align.LEFT),
    )
    months: list[Section] = []
    number = 0
    for (y, m), group in groupby(events, key=lambda e: (e.start.year, e.start.month)):
        in_month = list(group)
        rows = []
        for event in in_month:
            number += 1
            rows.append(
                (
                    f"{number}.",
                    format_date_range(event.start, event.end),
                    _place(event),
                    who(event),
                    event.purpose,
                )
            )
        heading = format_month_year(in_month[0].start)
        months.append(
            _section(
                heading,
                f"{anchor}-{y}-{m:02d}",
                [_table(columns, rows, f"{title}: {heading}")],
                level=2,
            )
        )
    return _section(title, anchor, [], subsections=tuple(months))


# --- 7. Projekty ----------------------------------------------------------------------


def _projects(year: Year) -> Section:
    title = "Projekty międzynarodowe"
    if not year.projects:
        return _section(
            title,
            "projekty",
            [_p(f"W {year.year} r. miasto nie realizowało projektów międzynarodowych.")],
        )
    table = _table(
        (
            ("Lp.", 0.06, Align.RIGHT),
            ("Projekt", 0.24, Align.LEFT),
            ("Program", 0.14, Align.LEFT),
            ("Partnerzy", 0.2, Align.LEFT),
            ("Okres realizacji", 0.18, Align.LEFT),
            ("Wartość / dofinansowanie", 0.18, Align.RIGHT),
        ),
        (
            (
                f"{i}.",
                pr.name,
                pr.program,
                "; ".join(pr.partners),
                _project_span(pr),
                _project_amounts(pr),
            )
            for i, pr in enumerate(year.projects, 1)
        ),
        f"Projekty międzynarodowe realizowane w {year.year} r.",
    )
    blocks: list[Block] = [table]
    described = [pr for pr in year.projects if pr.description]
    if described:
        blocks.append(
            BulletList(
                tuple(
                    Paragraph(
                        (Run(typeset(pr.name), bold=True), Run(typeset(f": {pr.description}")))
                    )
                    for pr in described
                )
            )
        )
    return _section(title, "projekty", blocks)


def _project_span(project: Project) -> str:
    if project.end is None:
        return f"od {format_date(project.start)}"
    return format_date_range(project.start, project.end)


def _project_amounts(project: Project) -> str:
    parts = []
    if project.value is not None:
        parts.append(format_amount(project.value, project.currency))
    if project.cofinancing is not None:
        parts.append(f"dofinansowanie {format_amount(project.cofinancing, project.currency)}")
    return " / ".join(parts) or "—"


# --- 8. Nagrody -----------------------------------------------------------------------


def _awards(year: Year) -> Section:
    title = "Nagrody i wyróżnienia"
    if not year.awards:
        return _section(title, "nagrody", [_p(f"W {year.year} r. miasto nie otrzymało nagród.")])
    table = _table(
        (
            ("Lp.", 0.06, Align.RIGHT),
            ("Nagroda", 0.28, Align.LEFT),
            ("Przyznający", 0.22, Align.LEFT),
            ("Data", 0.16, Align.LEFT),
            ("Uzasadnienie", 0.28, Align.LEFT),
        ),
        (
            (f"{i}.", aw.name, aw.grantor, format_date(aw.date), aw.justification or "—")
            for i, aw in enumerate(year.awards, 1)
        ),
        f"Nagrody i wyróżnienia otrzymane w {year.year} r.",
    )
    return _section(title, "nagrody", [table])


# --- 9. Organizacje -------------------------------------------------------------------


def _organizations(year: Year) -> Section:
    title = "Członkostwo w organizacjach międzynarodowych"
    if not year.organizations:
        return _section(
            title,
            "organizacje",
            [_p(f"W {year.year} r. miasto nie należało do organizacji międzynarodowych.")],
        )
    items = []
    for org in sorted_pl(year.organizations, key=lambda o: o.name):
        runs = [Run(typeset(org.name), bold=True), Run(typeset(f" (od {org.since} r.)"))]
        if org.description:
            runs.append(Run(typeset(f": {org.description}")))
        items.append(Paragraph(tuple(runs)))
    lead = _p(
        f"W {year.year} r. miasto należało do "
        + count(
            len(items),
            (
                "organizacji międzynarodowej",
                "organizacji międzynarodowych",
                "organizacji międzynarodowych",
            ),
        )
        + ":"
    )
    return _section(title, "organizacje", [lead, BulletList(tuple(items))])


# --- 10. Per partner ------------------------------------------------------------------


def _per_partner(year: Year) -> Section:
    title = "Współpraca z poszczególnymi miastami partnerskimi"
    if not year.partners:
        return _section(
            title, "wspolpraca", [_p(f"W {year.year} r. miasto nie miało miast partnerskich.")]
        )
    subsections = tuple(
        _section(f"{p.name} ({p.country.name})", f"partner-{i}", _partner_blocks(year, p), level=2)
        for i, p in enumerate(year.partners, 1)
    )
    return _section(title, "wspolpraca", [], subsections=subsections)


def _partner_blocks(year: Year, partner: Partner) -> list[Block]:
    facts = [f"{str(partner.kind).capitalize()}"]
    if partner.signed is not None:
        facts[0] += f" od {_since(partner.signed)}"
    facts += partner_facts(partner, year)
    if partner.region:
        facts.append(f"region: {partner.region}")
    if partner.population:
        facts.append(f"{format_population(partner.population)} mieszkańców")
    blocks: list[Block] = [_p(_sentence("; ".join(facts)))]
    there = f"w {partner.locative}" if partner.locative else f"w mieście {partner.name}"
    dated: list[tuple[date, Paragraph]] = []
    for visit in (v for v in year.visits if v.partner == partner.name):
        what = f"wizyta w {year.city.locative}"
        dated.append((visit.start, _event_item(visit, what, visit.guests)))
    for trip in (t for t in year.trips if t.partner == partner.name):
        what = f"pobyt delegacji Miasta {year.city.genitive} {there}"
        dated.append((trip.start, _event_item(trip, what, trip.delegation)))
    key = partner.name.casefold()
    for project in (pr for pr in year.projects if any(x.casefold() == key for x in pr.partners)):
        item = Paragraph(
            (
                Run(typeset(_project_span(project)), bold=True),
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
    return Paragraph(
        (
            Run(typeset(format_date_range(event.start, event.end)), bold=True),
            Run(typeset(f": {what} ({who}): {event.purpose}")),
        )
    )


# --- 11. Metryczka --------------------------------------------------------------------


def _metryczka(year: Year) -> Section:
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
