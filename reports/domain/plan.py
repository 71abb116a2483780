"""Last year's plan in this year's report: the officer's statuses, and hints for the officer.

Year N's report accounts for year N−1's Plan (the plan for year N) with what the
officer states in the sheet „Realizacja planu”: :func:`accounted` pairs each
planned action with its :class:`~reports.domain.model.PlanOutcome`, by the text of
Działanie (compared ignoring case and spaces), or with None. The report claims
nothing beyond these statuses.

:func:`suggestions` lists the events of year N that might have carried an action
out — a hint for the officer in ``raport check``, never a claim in the report:

1. The candidates are year N's visits and trips, earliest first.
2. An action with a **Partner** takes only events with that partner: the
   registry partner of the event, or the event's city (compared ignoring
   case and spaces). An action without a Partner but with a **Dziedzina**
   takes events of that field. An action with neither takes nothing: there
   is no way to tell which event carried it out.
3. When the action's **Termin** gives a month (a month, or a day: its month),
   the event must touch that month; a Termin of the year alone adds nothing.

>>> from datetime import date
>>> from reports.domain.model import PlanOutcome, PlanStatus, Term, Visit
>>> from reports.polish.countries import normalize_country
>>> de = normalize_country("Niemcy")
>>> june = Visit(date(2025, 6, 9), None, "Hamm", de, "Święto Miasta", partner="Hamm")
>>> plan = (PlanItem("Święto Miasta", "hamm", Term(2025, 6)),
...         PlanItem("Wizyta w lipcu", "Hamm", Term(2025, 7)))
>>> [len(suggestions(item, [june])) for item in plan]
[1, 0]
>>> done = PlanOutcome("święto  miasta", PlanStatus.DONE)
>>> [outcome is done for _, outcome in accounted(plan, [done])]
[True, False]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from reports.domain.model import Event, PlanItem, PlanOutcome
from reports.polish.text import normalize_text


def action_key(action: str) -> str:
    """A planned action's text as actions are compared (case and spaces aside).

    >>> action_key("  Wymiana  MŁODZIEŻY ")
    'wymiana młodzieży'
    """
    return normalize_text(action).casefold()


def accounted(
    plan: Sequence[PlanItem], outcomes: Iterable[PlanOutcome]
) -> list[tuple[PlanItem, PlanOutcome | None]]:
    """Each planned action with the officer's statement about it, or None.

    An action the plan lists twice (the same text) shares one statement.
    """
    by_action = {action_key(o.action): o for o in outcomes}
    return [(item, by_action.get(action_key(item.action))) for item in plan]


def _same(a: str, b: str) -> bool:
    return normalize_text(a).casefold() == normalize_text(b).casefold()


def _in_month(event: Event, year: int, month: int) -> bool:
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1)
    return event.start < last and event.last_day >= first


def carries_out(item: PlanItem, event: Event) -> bool:
    """Whether ``event`` might be the one that carried out ``item`` (rules 2 and 3)."""
    if item.partner is not None:
        names = [n for n in (event.partner, event.city) if n]
        if not any(_same(item.partner, name) for name in names):
            return False
    elif item.domain is None or event.domain is not item.domain:
        return False
    term = item.term
    if term is not None and term.month is not None:
        return _in_month(event, term.year, term.month)
    return True


def suggestions(item: PlanItem, events: Iterable[Event]) -> list[Event]:
    """The events that might have carried out ``item``, earliest first (a hint only)."""
    return sorted((e for e in events if carries_out(item, e)), key=lambda e: (e.start, e.last_day))
