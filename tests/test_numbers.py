"""Numbers that agree: every number in the report's sentences is checked against the year.

The sentences of hundreds of generated years (:mod:`tests.domain_years`, and a few
checked from workbooks by :mod:`benchmarks.synth`) are walked; each number must be
matched by a phrase of :data:`PHRASES`, which says what quantity of the year it
states, and equal that quantity computed here from the records. A number no phrase
accounts for (dates and years aside) fails the test: a new sentence with a number
comes with its phrase here. Two sentences stating one quantity must agree, and a kind
of record whose sheet is missing is never stated as „none”. The comparison with the
previous year and the table of the years agree with the counts, and say „brak danych”
where a year has no sheet of that kind; a partner is called quiet since a year only
when every year since gives visits, trips and projects and none with it.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks.synth import write_inputs
from reports.checking.check import check_year
from reports.document.build import build_document
from reports.document.model import BulletList, Document, Figure, Paragraph, Section, Table
from reports.document.summary import change
from reports.domain.model import Event, PlanStatus, year_of
from reports.domain.plan import accounted
from reports.domain.year import Year
from reports.polish.collation import sorted_pl
from reports.polish.dates import MONTHS_GENITIVE, MONTHS_NOMINATIVE
from reports.polish.lists import join_list
from reports.polish.numbers import format_number, format_population
from reports.polish.plurals import count
from reports.polish.text import normalize_text
from tests.domain_years import checked_years

NUM = r"(\d+(?: \d{3})*)"
AMOUNT = r"(\d+(?: \d{3})*(?:,\d\d)?) zł"


@dataclass(frozen=True)
class Facts:
    """The quantities of a year the report's sentences may state, computed from records."""

    year: Year

    def count(self, name: str) -> int | Decimal | None:
        y = self.year
        events = y.events
        people = [v.people for v in y.visits or () if v.people is not None]
        costs = [t.cost for t in y.trips or () if t.cost is not None]
        active = _active_partners(y)
        partners = y.partners or ()
        implementers = {normalize_text(e.implementer).casefold() for e in events if e.implementer}
        before = y.previous_summary()
        values: dict[str, int | Decimal | None] = {
            "visits": _len(y.visits),
            "trips": _len(y.trips),
            "projects": _len(y.projects),
            "awards": _len(y.awards),
            "organizations": _len(y.organizations),
            "plan": _len(y.plan),
            "previous plan": _len(y.previous_plan),
            "events": len(events),
            "countries": len({e.country.code for e in events}),
            "people": sum(people),
            "visits with people": len(people),
            "trip cost": sum(costs, Decimal(0)),
            "trips with cost": len(costs),
            "previous trip cost": None if before is None else before.trip_cost,
            "cost change": (
                None if before is None else abs(sum(costs, Decimal(0)) - before.trip_cost)
            ),
            "partners": _len(y.partners),
            # „z każdym z N miast”: only when every partner had a joint activity
            "every partner": len(partners) if len(active) == len(partners) else None,
            "active partners": len(active),
            "quiet partners": len(partners) - len(active),
            "implementers": len(implementers),
            "events without implementer": sum(1 for e in events if not e.implementer),
            **_plan_statuses(y),
        }
        return values[name]


def _len(records: tuple[object, ...] | None) -> int | None:
    return None if records is None else len(records)


def _plan_statuses(year: Year) -> dict[str, int | Decimal | None]:
    """How many of last year's planned actions have each status the officer stated."""
    stated = [
        o.status if o else None for _, o in accounted(year.previous_plan or (), year.realization)
    ]
    return {
        "plan done": stated.count(PlanStatus.DONE),
        "plan partly done": stated.count(PlanStatus.PARTLY),
        "plan not done": stated.count(PlanStatus.NOT_DONE),
        "plan moved": stated.count(PlanStatus.MOVED),
        "plan without status": stated.count(None),
    }


def _active_partners(year: Year) -> set[str]:
    """The year's partners with a visit from, a trip to, or a project with them."""
    names = {p.name.casefold(): p.name for p in year.partners or ()}
    active = {e.partner.casefold() for e in year.events if e.partner}
    for project in year.projects or ():
        if project.overlaps(year.year):
            active |= {name.casefold() for name in project.partners}
    return {names[key] for key in active if key in names}


#: Phrase → the quantities its numbers state, in order. A None quantity is checked
#: by the phrase's own rule (see _check).
PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (rf"odbył[aoy]? się {NUM} wizyt", ("visits",)),
    (rf"odbyły {NUM} wyjazd", ("trips",)),
    (rf"realizowało {NUM} projekt", ("projects",)),
    (rf"otrzymało {NUM} nagr", ("awards",)),
    (rf"objęły {NUM} kraj\w*", ("countries",)),
    (rf"liczył[ay]? łącznie {NUM} os", ("people",)),
    (rf"liczbę osób podano dla {NUM} z {NUM} wizyt", ("visits with people", "visits")),
    (rf"wyniósł łącznie {AMOUNT}", ("trip cost",)),
    (rf"koszt podano dla {NUM} z {NUM} wyjazd", ("trips with cost", "trips")),
    (
        rf"o {AMOUNT} (?:więcej|mniej) niż w \d{{4}} r\. \({AMOUNT}\)",
        ("cost change", "previous trip cost"),
    ),
    (rf"tyle samo co w \d{{4}} r\. \({AMOUNT}\)", ("previous trip cost",)),
    (rf"miało {NUM} miast", ("partners",)),
    (rf"wspólne działania odnotowano z {NUM} z {NUM} miast", ("active partners", "partners")),
    (
        rf"nie odnotowano wspólnych działań z {NUM} z {NUM} miast",
        ("quiet partners", "partners"),
    ),
    (rf"z żadnym z {NUM} miast", ("partners",)),
    (rf"odnotowano z każdym z {NUM} miast", ("every partner",)),
    (r"(?:odnotowano|działań) z (jedynym) miastem", ("the only partner",)),
    (rf"należało do {NUM} organizacji", ("organizations",)),
    (rf"realizował[aoy]? {NUM} instytucj", ("implementers",)),
    (
        # of the kinds the year gives: „z 3 wizyt i wyjazdów”, „z 2 wizyt”, „z 1 wyjazdu”
        rf"Dla {NUM} z {NUM} (?:wizyt[y]?(?: (?:i|lub) wyjazd(?:ów|u))?|wyjazd(?:ów|u)) "
        "nie podano realizatora",
        ("events without implementer", "events"),
    ),
    (rf"zaplanowano {NUM} działa", ("plan",)),
    (rf"Plan na \d{{4}} r\. obejmował {NUM} dział", ("previous plan",)),
    (rf"(?<![Nn]ie )[Zz]realizowano {NUM} dział", ("plan done",)),
    (rf"[Zz]realizowano częściowo {NUM} dział", ("plan partly done",)),
    (rf"[Nn]ie zrealizowano {NUM} dział", ("plan not done",)),
    (rf"przeniesiono {NUM} dział", ("plan moved",)),
    (rf"Dla {NUM} działa\w* brak informacji o realizacji", ("plan without status",)),
    (rf"^(.+?) \([^)]*\): {NUM}\. rocznica podpisania", ("", "anniversary")),
    (r"((?:ok\. )?\d[\d ,]*(?: tys\.| mln)?) mieszkańców", ("population",)),
)

#: A kind of record whose sheet is missing must not be stated as none, and an empty
#: sheet must be: quantity, the words of „none”.
NONE_SENTENCES = (
    ("visits", "nie odbył"),
    ("trips", "nie wyjeżdżały"),
    ("projects", "nie realizowało projektów"),
    ("awards", "nie otrzymało nagród"),
    ("organizations", "nie należało do organizacji"),
    ("partners", "nie miało miast partnerskich"),
    ("plan", "Nie przygotowano planu"),
)
_DATES = re.compile(rf"\b\d{{1,2}}(?:–\d{{1,2}})? (?:{'|'.join(MONTHS_GENITIVE)})\b")
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


def _plain(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2060", "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def _number(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(",", "."))


def sentences(document: Document, year: Year) -> Iterator[tuple[str, str]]:
    """(section title, text) of every paragraph and list item the report generates — the
    officer's own introduction aside."""
    intro = {_plain(part) for part in (year.metryczka.intro or "").split("\n") if part.strip()}

    def walk(section: Section) -> Iterator[tuple[str, str]]:
        for block in section.blocks:
            items = block.items if isinstance(block, BulletList) else (block,)
            for item in items:
                if isinstance(item, Paragraph) and _plain(item.text) not in intro:
                    yield _plain(section.title), _plain(item.text)
        for sub in section.subsections:
            yield from walk(sub)

    for section in document.sections:
        yield from walk(section)


def _officers_words(year: Year) -> re.Pattern[str]:
    """The texts the officers typed (names, purposes, descriptions …): their digits are
    theirs, not the report's counts."""
    words: set[str] = set()
    for e in year.events:
        words |= {e.purpose, e.city or "", e.implementer or "", e.reported_by or ""}
        words.add(getattr(e, "guests", "") or getattr(e, "delegation", ""))
    for pr in year.projects or ():
        words |= {pr.name, pr.program, pr.description or "", *pr.partners}
    for p in year.partners or ():
        words |= {p.name, p.resolution or "", p.scope or "", p.region or ""}
    for o in year.organizations or ():
        words |= {o.name, o.description or ""}
    for a in year.awards or ():
        words |= {a.name, a.grantor, a.justification or ""}
    for item in (*(year.plan or ()), *(year.previous_plan or ())):
        words |= {item.action, item.partner or "", item.notes or ""}
    typed = sorted((_plain(w) for w in words if re.search(r"\d", w)), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in typed) or "(?!)", re.IGNORECASE)


def check_numbers(year: Year) -> None:
    """Every number of every sentence stated right, once per quantity, and no „none” for
    what was not given."""
    facts = Facts(year)
    document = build_document(year)
    stated: dict[str, set[Decimal]] = {}
    texts = list(sentences(document, year))
    typed = _officers_words(year)
    for title, text in texts:
        rest = text
        for phrase, quantities in PHRASES:
            for match in re.finditer(phrase, text):
                _check(facts, year, quantities, match, text)
                for name, value in zip(quantities, match.groups(), strict=True):
                    if name and name not in ("anniversary", "population", "the only partner"):
                        stated.setdefault(name, set()).add(_number(value))
                rest = rest.replace(match[0], " ")
        rest = typed.sub(" ", rest)
        rest = _YEARS.sub(" ", _DATES.sub(" ", rest))
        assert not re.search(r"\d", rest), f"a number no phrase accounts for in {title}: {text}"
    for name, values in stated.items():
        assert len(values) == 1, f"sentences disagree on {name}: {sorted(values)}"
    everything = " ".join(text for _, text in texts)
    for kind, words in NONE_SENTENCES:
        value = facts.count(kind)
        if value is None:
            assert words not in everything, f"{kind} not given, yet stated as none"
        elif value == 0:
            assert words in everything, f"{kind}: an empty sheet says so"
    check_comparison(year, document)
    check_years(year, document)
    check_charts(year, document)
    check_quiet_since(year, everything)


#: The comparison table's rows of counts: label → (the kind's records, or „countries”).
COMPARED = {
    "Wizyty delegacji zagranicznych": "visits",
    "Wyjazdy zagraniczne": "trips",
    "Projekty międzynarodowe": "projects",
    "Nagrody i wyróżnienia": "awards",
    "Kraje wizyt i wyjazdów": "countries",
}


def _counted(year: Year, kind: str) -> int | None:
    """A count of the year's records, None where the sheet is missing (the countries:
    unless both visits and trips are given)."""
    if kind == "countries":
        if year.visits is None or year.trips is None:
            return None
        return len({e.country.code for e in year.events})
    return _len(getattr(year, kind))


def _cell(value: int | None) -> str:
    return "brak danych" if value is None else format_number(value)


def _table(section: Section) -> Table:
    return next(b for b in section.blocks if isinstance(b, Table))


def _part(document: Document, anchor: str) -> Section | None:
    """The section or subsection with that anchor, if the report has it."""
    found = [s for top in document.sections for s in (top, *top.subsections)]
    return next((s for s in found if s.anchor == anchor), None)


def check_comparison(year: Year, document: Document) -> None:
    """Each count of the comparison table: the year's, the previous year's („brak danych”
    where its sheet is missing), and their change only when both are known."""
    summary = _part(document, "podsumowanie")
    assert summary is not None
    rows = {_plain(r[0]): [_plain(c) for c in r[1:]] for r in _table(summary).rows}
    for label, kind in COMPARED.items():
        now = _counted(year, kind)
        if now is None:
            assert label not in rows, f"{label}: not given, yet in the comparison"
            continue
        if year.previous is None:
            assert rows[label] == [format_number(now)], label
            continue
        then = getattr(year.previous, kind)
        if then is None:
            assert rows[label] == ["brak danych", format_number(now), "—"], label
        else:
            assert rows[label][:2] == [format_number(then), format_number(now)], label
            assert rows[label][2] == _plain(change(now - then)), label


def check_years(year: Year, document: Document) -> None:
    """The table of the years: each year's visits and trips, „brak danych” for a kind not
    given, and a sum only of two known counts; the chart leaves such a year out and says so."""
    section = _part(document, "wykres-lata")
    history = year.history.until(year.year).years if year.history is not None else ()
    if section is None:
        assert len(history) < 2
        return
    rows = {_plain(r[0]): [_plain(c) for c in r[1:]] for r in _table(section).rows}
    charted = []
    for summary in history:
        visits, trips = summary.visits, summary.trips
        total = "—" if visits is None or trips is None else format_number(visits + trips)
        assert rows[f"{summary.year} r."] == [_cell(visits), _cell(trips), total]
        if visits is not None and trips is not None:
            charted.append(str(summary.year))
    figures = [b for b in section.blocks if isinstance(b, Figure)]
    if len(charted) < 2:
        assert not figures
        return
    (figure,) = figures
    assert list(figure.chart.categories) == charted
    for summary in history:
        left_out = f"pominięto {summary.year} r. (brak danych"
        assert (left_out in _plain(figure.alt)) == (str(summary.year) not in charted)


#: The charts of the year's events: anchor → what a category is of an event (its month's
#: name, its country's, its field's as the table names it) and its label in the alt text.
_KEYS: dict[str, Callable[[Event], str]] = {
    "wykres-miesiace": lambda e: MONTHS_NOMINATIVE[e.start.month - 1],
    "wykres-kraje": lambda e: e.country.name,
    "wykres-dziedziny": lambda e: str(e.domain) if e.domain is not None else "nie podano",
}
_LEADERS = re.compile(
    r"najwięcej (działań|wizyt|wyjazdów)"
    r"(?:: (?P<one>.+) \((?P<numbers>[^()]+)\)| \(po (?P<top>\d+)\) w (?P<tied>\d+) \w+)"
)


def check_charts(year: Year, document: Document) -> None:
    """The charts by month, country and field: a series and a column for each kind of
    event given, none for a kind whose sheet is missing (their caption and alternative
    text say „brak danych” of it, and state no number of it), no chart without both;
    their numbers are the records', and the alternative text names the most."""
    given = {"Wizyty": year.visits, "Wyjazdy": year.trips}
    kinds = [name for name, records in given.items() if records is not None]
    missing = {"Wizyty": "wizytach", "Wyjazdy": "wyjazdach"}
    stated = {"Wizyty": r"\d+ wizyt", "Wyjazdy": r"\d+ wyjazd"}
    for anchor, key in _KEYS.items():
        section = _part(document, anchor)
        if not kinds or not year.events:
            assert section is None, f"{anchor}: no visits or trips, yet a chart"
            continue
        assert section is not None, f"{anchor}: visits or trips, yet no chart"
        figures = [b for b in section.blocks if isinstance(b, Figure)]
        if not figures:  # the fields: none given
            assert anchor == "wykres-dziedziny" and not any(e.domain for e in year.events)
            continue
        (figure,) = figures
        counted = {name: Counter(key(e) for e in records or ()) for name, records in given.items()}
        assert [s.name for s in figure.chart.series] == kinds, anchor
        categories = [_plain(c) for c in figure.chart.categories]
        for series in figure.chart.series:
            assert list(series.values) == [counted[series.name][c] for c in categories], anchor
        table = _table(section)
        labels = [_plain(c.label).split(" ")[0] for c in table.columns]  # „Wyjazdy 2025 r.”
        assert labels[1 : 1 + len(kinds)] == kinds, anchor
        for row in table.rows:
            label, cells = _plain(row[0]), [_plain(c) for c in row[1:]]
            if label == "Razem":
                numbers = [len(given[name] or ()) for name in kinds]
            else:
                numbers = [counted[name][label] for name in kinds]
            if len(kinds) == 2:
                numbers.append(sum(numbers))
            assert cells[: len(numbers)] == [format_number(n) for n in numbers], (anchor, row)
        alt, caption = _plain(figure.alt), _plain(figure.caption)
        for name in given:
            not_given = f"rak danych o {missing[name]}"
            assert (not_given in alt) == (not_given in caption) == (name not in kinds), anchor
            if name not in kinds:
                assert not re.search(stated[name], alt), f"{anchor}: {alt}"
        every = {c for name in kinds for c in counted[name]}
        totals = Counter({c: sum(counted[name][c] for name in kinds) for c in every})
        if anchor == "wykres-dziedziny":  # the alt names the fields given
            del totals["nie podano"]
        _check_leaders(alt, totals, counted, kinds)


def _check_leaders(
    alt: str, totals: Counter[str], counted: dict[str, Counter[str]], kinds: list[str]
) -> None:
    """„najwięcej działań: luty (2 wizyty, 1 wyjazd)”, „najwięcej wyjazdów (po 3) w 2
    miesiącach”: the category or categories with the most, and their numbers."""
    match = _LEADERS.search(alt)
    assert match is not None, alt
    assert match[1] == (
        "działań"
        if len(kinds) == 2
        else ("wizyt", "wyjazdów")[["Wizyty", "Wyjazdy"].index(kinds[0])]
    ), alt
    top = max(totals.values(), default=0)
    first = [c for c, n in totals.items() if n == top]
    if match["one"] is not None:
        name = match["one"].strip("„”")
        assert first == [name], alt
        numbers = [counted[kind][name] for kind in kinds]
        words = [count(n, noun) for n, noun in zip(numbers, ("wizyta", "wyjazd"), strict=False)]
        said = ", ".join(_plain(w) for w in words) if len(kinds) == 2 else str(top)
        assert _plain(match["numbers"]) == said, alt
    else:
        assert (int(match["top"]), int(match["tied"])) == (top, len(first)), alt


_QUIET = re.compile(r"([^:,()]+?) \([^;()]+; brak wspólnych działań od (\d{4}) r\.\)")


def check_quiet_since(year: Year, everything: str) -> None:
    """„Hamm (Niemcy; brak wspólnych działań od 2024 r.)”: every year from then on is known,
    gives visits, trips and projects, and has none with Hamm."""
    history = year.history
    for match in _QUIET.finditer(everything):
        name, since = match[1].strip().removeprefix("i "), int(match[2])
        assert history is not None and since < year.year, match[0]
        for n in range(since, year.year + 1):
            summary = history.get(n)
            assert summary is not None, f"{n} is not known: {match[0]}"
            assert None not in (summary.visits, summary.trips, summary.projects), match[0]
            assert not summary.activity(name), match[0]


def _check(
    facts: Facts, year: Year, quantities: tuple[str, ...], match: re.Match[str], text: str
) -> None:
    for name, value in zip(quantities, match.groups(), strict=True):
        if name == "population":
            partners = year.partners or ()
            given = {_plain(format_population(p.population)) for p in partners if p.population}
            assert value in given, text
        elif name == "the only partner":
            assert facts.count("partners") == 1, text
        elif name == "anniversary":
            partner = next(p for p in year.partners or () if p.name == match[1])
            assert partner.signed is not None
            assert int(value) == year.year - year_of(partner.signed), text
        elif name:
            expected = facts.count(name)
            assert expected is not None, f"{name} stated though not given: {text}"
            assert _number(value) == expected, f"{name} is {expected}: {text}"
    if quantities == ("countries",):
        names = sorted_pl({e.country.name for e in year.events})
        assert f"{match[0]}: {join_list(names)}." in text, text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(checked_years())
def test_every_number_in_a_sentence_is_the_years(year: Year) -> None:
    check_numbers(year)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_number_agrees_in_years_checked_from_workbooks(seed: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder)
        write_inputs(inputs, 40 + 20 * seed, 2025, seed)
        result = check_year(inputs, 2025)
    assert result.data is not None, result.problems
    check_numbers(result.data)


def test_the_demo_numbers_agree(demo_inputs: Path) -> None:
    result = check_year(demo_inputs, 2025)
    assert result.data is not None
    check_numbers(result.data)
