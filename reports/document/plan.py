"""Report sections on who carried the year out and what was planned.

* the table of trip costs by funding source (in the Wyjazdy section);
* „Udział instytucji i organizacji”: each implementer (Realizator) with the
  number and the names of its visits and trips;
* „Realizacja planu na rok N”: last year's plan, action by action, with the
  officer's status and description (:func:`reports.domain.plan.accounted`) or
  „brak informacji o realizacji”;
* „Plan współpracy na rok N+1”: this year's plan.

Every word is decided here, as in :mod:`reports.document.build`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from reports.document.blocks import paragraph, section, table
from reports.document.kinds import Kinds
from reports.document.model import Align, Block, Section
from reports.document.phrases import not_given, upper_first
from reports.domain.model import Event, FundingSource, PlanStatus, Term, Trip, Visit
from reports.domain.plan import accounted
from reports.domain.year import Year
from reports.polish.collation import sort_key
from reports.polish.dates import format_date, format_date_range, format_month_year
from reports.polish.lists import join_list
from reports.polish.numbers import format_amount, format_number
from reports.polish.plurals import count, plural
from reports.polish.prepositions import with_preposition
from reports.polish.text import normalize_text

_NOT_GIVEN = "nie podano"
_INSTITUTIONS = (
    "instytucja lub organizacja",
    "instytucje lub organizacje",
    "instytucji lub organizacji",
)
_ACTIONS = ("działanie", "działania", "działań")  # zaplanowano 1 działanie, 2 działania
_OF_ACTIONS = ("działania", "działań", "działań")  # nie zrealizowano 1 działania, 2 działań
NO_INFORMATION = "brak informacji o realizacji"
#: Each status in a sentence („{actions}”: the number with its noun; „{n}”: the next year).
_STATED = {
    PlanStatus.DONE: "zrealizowano {actions}",
    PlanStatus.PARTLY: "zrealizowano częściowo {actions}",
    PlanStatus.NOT_DONE: "nie zrealizowano {actions}",
    PlanStatus.MOVED: "na rok {n} przeniesiono {actions}",
}
#: The noun's case each status takes (a negated verb takes the genitive).
_FORMS = {
    PlanStatus.DONE: _ACTIONS,
    PlanStatus.PARTLY: _ACTIONS,
    PlanStatus.NOT_DONE: _OF_ACTIONS,
    PlanStatus.MOVED: _ACTIONS,
}


def format_term(term: Term | None) -> str:
    """A plan's Termin: „15 marca 2026 r.”, „marzec 2026”, „2026 r.”, or a dash.

    >>> format_term(Term(2026, 3)), format_term(Term(2026)), format_term(None)
    ('marzec 2026', '2026\\xa0r.', '—')
    """
    if term is None:
        return "—"
    if term.month is None:
        return format_date(term.year)
    if term.day is None:
        return format_month_year(date(term.year, term.month, 1))
    return format_date(date(term.year, term.month, term.day))


def _kind(event: Event) -> str:
    return "wizyta" if isinstance(event, Visit) else "wyjazd"


def _place(event: Event) -> str:
    return f"{event.city} ({event.country.name})" if event.city else event.country.name


def event_name(event: Event) -> str:
    """An event named by its date, kind, place and purpose."""
    when = format_date_range(event.start, event.end)
    return f"{when} – {_kind(event)}, {_place(event)}: {event.purpose}"


# --- Wyjazdy: costs by funding source ----------------------------------------------------


def funding_table(year: Year) -> list[Block]:
    """The trips' number and costs by funding source; nothing when no trip names one."""
    trips = year.trips or ()
    if not any(t.funding is not None for t in trips):
        return []
    groups: dict[str, list[Trip]] = {}
    for source in FundingSource:
        chosen = [t for t in trips if t.funding is source]
        if chosen:
            groups[str(source)] = chosen
    unnamed = [t for t in trips if t.funding is None]
    if unnamed:
        groups[_NOT_GIVEN] = unnamed
    rows = [(label, format_number(len(group)), _cost(group)) for label, group in groups.items()]
    rows.append(("Razem", format_number(len(trips)), _cost(trips)))
    n = year.year
    return [
        paragraph(f"Koszty wyjazdów w {n} r. według źródła finansowania:"),
        table(
            (
                ("Źródło finansowania", 0.5, Align.LEFT),
                ("Liczba wyjazdów", 0.2, Align.RIGHT),
                ("Koszt", 0.3, Align.RIGHT),
            ),
            rows,
            f"Koszty wyjazdów w {n} r. według źródła finansowania",
        ),
    ]


def _cost(trips: Sequence[Trip]) -> str:
    costs = [t.cost for t in trips if t.cost is not None]
    return format_amount(sum(costs, Decimal(0))) if costs else "—"


# --- Udział instytucji i organizacji -----------------------------------------------------


def implementers_section(year: Year) -> Section:
    """Each implementer with its number of visits and trips and their names (of the
    kinds the year's inputs give: a missing sheet is no data, not „none”)."""
    title = "Udział instytucji i organizacji"
    n = year.year
    kinds = Kinds.of(year)
    if not kinds.visits and not kinds.trips:
        return section(title, "realizatorzy", [paragraph(not_given(kinds.missing))])
    events: list[Event] = sorted(year.events, key=lambda e: (e.start, e.last_day))
    groups: dict[str, list[Event]] = {}
    names: dict[str, str] = {}
    for event in events:
        if event.implementer:
            key = normalize_text(event.implementer).casefold()
            names.setdefault(key, event.implementer)
            groups.setdefault(key, []).append(event)
    if not groups:
        return section(
            title,
            "realizatorzy",
            [paragraph(f"W {n} r. nie wskazano realizatorów {kinds.neither}.")],
        )
    order = sorted(groups, key=lambda k: sort_key(names[k]))
    blocks: list[Block] = [
        paragraph(
            f"W {n} r. {kinds.named} "
            + plural(len(groups), "realizowała", "realizowały", "realizowało")
            + " "
            + count(len(groups), _INSTITUTIONS)
            + "."
        ),
        table(
            (
                ("Lp.", 0.06, Align.RIGHT),
                ("Realizator", 0.26, Align.LEFT),
                ("Liczba działań", 0.12, Align.RIGHT),
                (kinds.subject, 0.56, Align.LEFT),
            ),
            (
                (
                    f"{i}.",
                    names[key],
                    format_number(len(groups[key])),
                    "; ".join(event_name(e) for e in groups[key]),
                )
                for i, key in enumerate(order, 1)
            ),
            f"Realizatorzy {kinds.counted} w {n} r.",
        ),
    ]
    without = sum(1 for e in events if not e.implementer)
    if without:
        of_all = with_preposition("z", count(len(events), kinds.of_counted))
        blocks.append(paragraph(f"Dla {without} {of_all} nie podano realizatora."))
    return section(title, "realizatorzy", blocks)


# --- Plans -------------------------------------------------------------------------------


def plan_realization_section(year: Year) -> list[Section]:
    """„Realizacja planu na rok N”, where year N−1 had a Plan; otherwise nothing.

    Each action with the officer's status and description (sheet Realizacja planu),
    or „brak informacji o realizacji”: nothing is inferred from the year's events.
    """
    plan = year.previous_plan
    if plan is None:
        return []
    n = year.year
    title = f"Realizacja planu na rok {n}"
    if not plan:
        return [section(title, "realizacja-planu", [paragraph(f"Plan na {n} r. był pusty.")])]
    statements = accounted(plan, year.realization)
    statuses = [o.status if o is not None else None for _, o in statements]
    rows = [
        [
            f"{i}.",
            item.action,
            item.partner or "—",
            format_term(item.term),
            NO_INFORMATION if status is None else status.label(n),
            outcome.description if outcome is not None and outcome.description else "—",
        ]
        for i, ((item, outcome), status) in enumerate(zip(statements, statuses, strict=True), 1)
    ]
    return [
        section(
            title,
            "realizacja-planu",
            [
                paragraph(realization_summary(n, statuses)),
                table(
                    (
                        ("Lp.", 0.06, Align.RIGHT),
                        ("Działanie", 0.26, Align.LEFT),
                        ("Partner", 0.17, Align.LEFT),
                        ("Termin", 0.12, Align.LEFT),
                        ("Realizacja", 0.17, Align.LEFT),
                        ("Opis", 0.22, Align.LEFT),
                    ),
                    rows,
                    f"Realizacja planu współpracy na rok {n}",
                ),
            ],
        )
    ]


def realization_summary(year: int, statuses: Sequence[PlanStatus | None]) -> str:
    """How many of the plan's actions have each status, as the officer stated them.

    >>> S = PlanStatus
    >>> realization_summary(2025, [S.DONE, S.DONE, S.NOT_DONE, S.MOVED, None]).replace("\xa0", " ")
    'Plan na 2025 r. obejmował 5 działań. Zrealizowano 2 działania, nie zrealizowano \
1 działania i na rok 2026 przeniesiono 1 działanie. Dla 1 działania brak informacji o realizacji.'
    >>> realization_summary(2025, [None]).replace("\xa0", " ")
    'Plan na 2025 r. obejmował 1 działanie. Nie podano informacji o realizacji tego działania.'
    """
    sentences = [f"Plan na {year} r. obejmował {count(len(statuses), _ACTIONS)}."]
    parts = []
    for status in PlanStatus:
        number = sum(1 for s in statuses if s is status)
        if number:
            parts.append(_STATED[status].format(n=year + 1, actions=count(number, _FORMS[status])))
    if parts:
        sentences.append(upper_first(join_list(parts)) + ".")
    missing = sum(1 for s in statuses if s is None)
    if missing and not parts:
        which = "tego działania" if missing == 1 else "żadnego z nich"
        sentences.append(f"Nie podano informacji o realizacji {which}.")
    elif missing:
        sentences.append(f"Dla {count(missing, _OF_ACTIONS)} {NO_INFORMATION}.")
    return " ".join(sentences)


def plan_section(year: Year) -> Section:
    """„Plan współpracy na rok N+1” from this year's Plan sheet."""
    following = year.year + 1
    title = f"Plan współpracy na rok {following}"
    if year.plan is None:  # no Plan sheet: the data was not given
        return section(
            title, "plan", [paragraph(f"Brak danych o planie współpracy na {following} r.")]
        )
    if not year.plan:
        return section(
            title, "plan", [paragraph(f"Nie przygotowano planu współpracy na {following} r.")]
        )
    rows = [
        [
            f"{i}.",
            item.action,
            item.partner or "—",
            format_term(item.term),
            str(item.domain) if item.domain is not None else "—",
            item.notes or "—",
        ]
        for i, item in enumerate(year.plan, 1)
    ]
    return section(
        title,
        "plan",
        [
            paragraph(
                f"Na {following} r. zaplanowano "
                + count(len(year.plan), ("działanie", "działania", "działań"))
                + "."
            ),
            table(
                (
                    ("Lp.", 0.06, Align.RIGHT),
                    ("Działanie", 0.34, Align.LEFT),
                    ("Partner", 0.15, Align.LEFT),
                    ("Termin", 0.14, Align.LEFT),
                    ("Dziedzina", 0.13, Align.LEFT),
                    ("Uwagi", 0.18, Align.LEFT),
                ),
                rows,
                f"Plan współpracy na rok {following}",
            ),
        ],
    )
