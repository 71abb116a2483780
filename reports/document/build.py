"""Year → Document: every sentence, label and cell of the report is decided here.

The renderers only walk what this returns. All Polish wording comes from
:mod:`reports.polish`; every generated string passes through ``typeset`` so
single-letter words and numbers never end a line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from decimal import Decimal
from itertools import groupby

from reports.document.blocks import paragraph, section, table
from reports.document.model import (
    Align,
    Block,
    BulletList,
    Document,
    Paragraph,
    Run,
    Section,
    Table,
    TableOfContents,
    TitlePage,
)
from reports.document.plan import (
    funding_table,
    implementers_section,
    plan_realization_section,
    plan_section,
)
from reports.document.register import ended_sentences, partner_facts, partner_table
from reports.document.summary import (
    change,
    comparison_rows,
    cost_sentence,
    figures,
    guests_sentence,
)
from reports.domain.history import History, YearSummary, dormant_since, summarise
from reports.domain.model import (
    DateOrYear,
    Event,
    Partner,
    PartnerKind,
    Project,
    Trip,
    Visit,
    YearCounts,
)
from reports.domain.year import Year
from reports.polish.collation import sorted_pl
from reports.polish.dates import format_date, format_date_range, format_month_year
from reports.polish.lists import join_list
from reports.polish.numbers import format_amount, format_number, format_ordinal, format_population
from reports.polish.plurals import count, plural
from reports.polish.typography import after_colon, quote, typeset


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
            _sources(year),
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
    now, history = _history(year)
    before = year.previous_summary()
    sentences.extend(s for s in (guests_sentence(now), cost_sentence(now, before)) if s is not None)
    blocks.append(_p(" ".join(sentences)))
    blocks.append(_comparison_table(n, counts, year.previous, comparison_rows(now, before)))
    return _section(
        "Podsumowanie", "podsumowanie", blocks, subsections=figures(year, now, before, history)
    )


def _history(year: Year) -> tuple[YearSummary, History]:
    """The year's summary and history (made here when the year came without them)."""
    now = year.summary()
    if now is not None and year.history is not None:
        return now, year.history
    now = summarise(
        year.year, year.visits, year.trips, year.projects, len(year.awards), year.partners
    )
    return now, (year.history or History()).with_year(now)


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
    lead = guests_sentence(_history(year)[0])
    return _events_section(
        title,
        "wizyty",
        year.visits,
        empty,
        ("Goście", lambda v: v.guests if isinstance(v, Visit) else ""),
        ("Liczba osób", _people),
        lead,
    )


def _people(event: Event) -> str:
    if isinstance(event, Visit) and event.people is not None:
        return format_number(event.people)
    return "—"


def _trips(year: Year) -> Section:
    title = f"Wyjazdy zagraniczne delegacji Miasta {year.city.genitive}"
    empty = f"W {year.year} r. delegacje Miasta {year.city.genitive} nie wyjeżdżały za granicę."
    now, _ = _history(year)
    lead = cost_sentence(now, year.previous_summary())
    section = _events_section(
        title,
        "wyjazdy",
        year.trips,
        empty,
        ("Skład delegacji", lambda t: t.delegation if isinstance(t, Trip) else ""),
        ("Koszt", _cost),
        lead,
    )
    return replace(section, blocks=(*section.blocks, *funding_table(year)))


def _cost(event: Event) -> str:
    if isinstance(event, Trip) and event.cost is not None:
        return format_amount(event.cost)
    return "—"


def _events_section(
    title: str,
    anchor: str,
    events: Sequence[Event],
    empty: str,
    who: tuple[str, Callable[[Event], str]],
    extra: tuple[str, Callable[[Event], str]],
    lead: str | None,
) -> Section:
    """A chronological table split by month, numbered continuously (Lp.); ``extra`` is
    the last, numeric column (Liczba osób, Koszt), ``lead`` a sentence of its total."""
    if not events:
        return _section(title, anchor, [_p(empty)])
    columns = (
        ("Lp.", 0.06, Align.RIGHT),
        ("Termin", 0.19, Align.LEFT),
        ("Miasto (kraj)", 0.16, Align.LEFT),
        (who[0], 0.22, Align.LEFT),
        ("Cel", 0.25, Align.LEFT),
        (extra[0], 0.12, Align.RIGHT),
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
                    who[1](event),
                    event.purpose,
                    extra[1](event),
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
    blocks = [_p(lead)] if lead else []
    return _section(title, anchor, blocks, subsections=tuple(months))


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
    blocks: list[Block] = [table, *_project_totals(year)]
    described = [pr for pr in year.projects if pr.description]
    if described:
        blocks.append(
            BulletList(
                tuple(
                    Paragraph(
                        (
                            Run(typeset(pr.name), bold=True),
                            Run(typeset(f": {after_colon(pr.description or '')}")),
                        )
                    )
                    for pr in described
                )
            )
        )
    return _section(title, "projekty", blocks)


def _project_totals(year: Year) -> list[Block]:
    """The projects' value and co-financing summed per currency (a table), or a sentence
    when no amount was given."""
    currencies = sorted({pr.currency for pr in year.projects}, key=lambda c: (c != "PLN", c))
    rows = []
    for currency in currencies:
        in_currency = [pr for pr in year.projects if pr.currency == currency]
        values = [pr.value for pr in in_currency if pr.value is not None]
        grants = [pr.cofinancing for pr in in_currency if pr.cofinancing is not None]
        if not values and not grants:
            continue
        rows.append(
            (
                currency,
                format_number(len(in_currency)),
                format_amount(sum(values, Decimal(0)), currency) if values else "—",
                format_amount(sum(grants, Decimal(0)), currency) if grants else "—",
            )
        )
    if not rows:
        return [_p("Wartości projektów ani kwot dofinansowania nie podano.")]
    lead = _p(
        "Łączna wartość projektów i dofinansowania według walut (sumy kwot podanych "
        "w kolumnach „Wartość” i „Dofinansowanie”):"
    )
    table = _table(
        (
            ("Waluta", 0.16, Align.LEFT),
            ("Liczba projektów", 0.2, Align.RIGHT),
            ("Wartość łącznie", 0.32, Align.RIGHT),
            ("Dofinansowanie łącznie", 0.32, Align.RIGHT),
        ),
        rows,
        f"Wartość i dofinansowanie projektów realizowanych w {year.year} r. według walut",
    )
    return [lead, table]


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
            runs.append(Run(typeset(f": {after_colon(org.description)}")))
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
    """Active partners in subsections (with a table of their activities); the partners
    with none this year named in one sentence, with how long they have been dormant."""
    title = "Współpraca z poszczególnymi miastami partnerskimi"
    n = year.year
    if not year.partners:
        return _section(title, "wspolpraca", [_p(f"W {n} r. miasto nie miało miast partnerskich.")])
    now, history = _history(year)
    active = [p for p in year.partners if now.activity(p.name)]
    quiet = [p for p in year.partners if not now.activity(p.name)]
    blocks: list[Block] = []
    if active:
        blocks.append(
            _p(
                f"W {n} r. wspólne działania odnotowano z "
                + count(len(active), ("miastem", "miastami", "miastami"))
                + " "
                + plural(len(active), "partnerskim", "partnerskimi", "partnerskimi")
                + "."
            )
        )
        blocks.append(_activity_table(year, active, now))
    if quiet:
        blocks.append(_p(_quiet_sentence(year, quiet, history, all_quiet=not active)))
    names = _names(year)
    subsections = tuple(
        _section(
            f"{p.name} ({p.country.name})",
            f"partner-{i}",
            _partner_blocks(year, p, names),
            level=2,
        )
        for i, p in enumerate(year.partners, 1)
        if now.activity(p.name)
    )
    return _section(title, "wspolpraca", blocks, subsections=subsections)


def _activity_table(year: Year, partners: Sequence[Partner], now: YearSummary) -> Table:
    rows = []
    for i, partner in enumerate(partners, 1):
        visits = sum(1 for v in year.visits if v.partner == partner.name)
        trips = sum(1 for t in year.trips if t.partner == partner.name)
        rows.append(
            (
                f"{i}.",
                f"{partner.name} ({partner.country.name})",
                format_number(visits),
                format_number(trips),
                format_number(now.activity(partner.name) - visits - trips),
                format_number(now.activity(partner.name)),
            )
        )
    return _table(
        (
            ("Lp.", 0.07, Align.RIGHT),
            ("Miasto (kraj)", 0.37, Align.LEFT),
            ("Wizyty", 0.14, Align.RIGHT),
            ("Wyjazdy", 0.14, Align.RIGHT),
            ("Projekty", 0.14, Align.RIGHT),
            ("Razem", 0.14, Align.RIGHT),
        ),
        rows,
        f"Wspólne działania z miastami partnerskimi w {year.year} r.",
    )


def _quiet_sentence(
    year: Year, partners: Sequence[Partner], history: History, *, all_quiet: bool
) -> str:
    """„W 2025 r. nie odnotowano wspólnych działań z 2 miastami: Hamm (Niemcy; brak
    wspólnych działań od 2021 r.) i Preston (Wielka Brytania).”"""
    names = []
    for partner in partners:
        since = dormant_since(partner, history, year.year)
        note = partner.country.name
        if since is not None and since < year.year:
            note += f"; brak wspólnych działań od {since} r."
        names.append(f"{partner.name} ({note})")
    n = len(partners)
    whom = (
        "z żadnym z miast partnerskich"
        if all_quiet and n > 1
        else "z "
        + count(n, ("miastem partnerskim", "miastami partnerskimi", "miastami partnerskimi"))
    )
    return f"W {year.year} r. nie odnotowano wspólnych działań {whom}: {join_list(names)}."


def _partner_blocks(year: Year, partner: Partner, names: Sequence[str]) -> list[Block]:
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
        dated.append((visit.start, _event_item(visit, what, visit.guests, names)))
    for trip in (t for t in year.trips if t.partner == partner.name):
        what = f"pobyt delegacji Miasta {year.city.genitive} {there}"
        dated.append((trip.start, _event_item(trip, what, trip.delegation, names)))
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


def _names(year: Year) -> tuple[str, ...]:
    """Names a text after a colon may begin with (they keep their capital)."""
    places = {e.city for e in (*year.visits, *year.trips) if e.city}
    countries = {e.country.name for e in (*year.visits, *year.trips)}
    return (year.city.name, *(p.name for p in year.partners), *sorted(places), *sorted(countries))


def _event_item(event: Event, what: str, who: str, names: Sequence[str]) -> Paragraph:
    return Paragraph(
        (
            Run(typeset(format_date_range(event.start, event.end)), bold=True),
            Run(typeset(f": {what} ({who}): {after_colon(event.purpose, names)}")),
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


# --- Załącznik: Źródła danych -------------------------------------------------------


def _sources(year: Year) -> Section:
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
