"""Last year's plan against this year's events: which planned action happened.

:func:`match_plan` pairs each action of year N−1's Plan (the plan for year N)
with the event of year N that carried it out, or with nothing. The rule:

1. The candidates are year N's visits and trips, earliest first.
2. An action with a **Partner** matches only events with that partner: the
   registry partner of the event, or the event's city (compared ignoring
   case and spaces). An action without a Partner but with a **Dziedzina**
   matches events of that field. An action with neither matches nothing: there
   is no way to tell which event carried it out.
3. When the action's **Termin** gives a month (a month, or a day: its month),
   the event must touch that month; a Termin of the year alone adds nothing.
4. The actions are taken in the order of the plan; each one takes the earliest
   candidate left, and an event accounts for one action only.

An action left without an event is reported as „nie zrealizowano”.

>>> from datetime import date
>>> from reports.domain.model import Term, Visit
>>> from reports.polish.countries import normalize_country
>>> de = normalize_country("Niemcy")
>>> june = Visit(date(2025, 6, 9), None, "Hamm", de, "Święto Miasta", partner="Hamm")
>>> plan = (PlanItem("Święto Miasta", "hamm", Term(2025, 6)),
...         PlanItem("Druga wizyta", "Hamm"), PlanItem("Wizyta w lipcu", "Hamm", Term(2025, 7)))
>>> [event is june for _, event in match_plan(plan, [june])]
[True, False, False]
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reports.domain.model import Event, PlanItem
from reports.polish.text import normalize_text


def _same(a: str, b: str) -> bool:
    return normalize_text(a).casefold() == normalize_text(b).casefold()


def _in_month(event: Event, year: int, month: int) -> bool:
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1)
    return event.start < last and event.last_day >= first


def carries_out(item: PlanItem, event: Event) -> bool:
    """Whether ``event`` can be the one that carried out ``item`` (rules 2 and 3)."""
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


def match_plan(
    plan: Sequence[PlanItem], events: Sequence[Event]
) -> list[tuple[PlanItem, Event | None]]:
    """Each planned action with the event that carried it out, or None (see the module)."""
    left = sorted(events, key=lambda e: (e.start, e.last_day))
    matched: list[tuple[PlanItem, Event | None]] = []
    for item in plan:
        event = next((e for e in left if carries_out(item, e)), None)
        if event is not None:
            left = [e for e in left if e is not event]
        matched.append((item, event))
    return matched
