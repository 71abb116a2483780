"""The plans in the open data: this year's plan for the next year, and how last year's plan
for this year was carried out (as the officer states it in „Realizacja planu”)."""

from __future__ import annotations

from collections.abc import Sequence

from reports.domain.model import PlanItem, PlanStatus, Term
from reports.domain.plan import accounted
from reports.domain.year import Year
from reports.publish.datacolumns import DOMAIN, DataColumn, DataTable, lp, text, text_of

#: Termin of a plan: ISO 8601 at the precision given (a year, a month or a day).
TERM_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"


def _term(term: Term | None) -> str | None:
    """A plan's Termin in ISO 8601 at its precision: „2026”, „2026-03”, „2026-03-15”."""
    if term is None:
        return None
    parts = [f"{term.year:04d}"]
    parts += [f"{part:02d}" for part in (term.month, term.day) if part is not None]
    return "-".join(parts)


def _plan_columns(what: str) -> tuple[DataColumn, ...]:
    return (
        lp(what),
        text("Działanie", "Działanie", "Zaplanowane działanie.", required=True),
        text("Partner", "Partner", "Partner działania; puste, gdy nie podano."),
        DataColumn(
            "Termin",
            "string",
            "Termin",
            "Termin według ISO 8601 z dokładnością, z jaką go podano: rok (2026), miesiąc "
            "(2026-03) albo dzień (2026-03-15); puste, gdy nie podano.",
            pattern=TERM_PATTERN,
        ),
    )


def plan_table(year: Year) -> DataTable | None:
    """Plan: this year's plan for the next year (None without a Plan sheet)."""
    if year.plan is None:
        return None
    following = year.year + 1
    columns = (
        *_plan_columns("działania"),
        DOMAIN,
        text("Uwagi", "Uwagi", "Uwagi; puste, gdy nie podano."),
    )
    rows = tuple(
        (i, item.action, item.partner, _term(item.term), text_of(item.domain), item.notes)
        for i, item in enumerate(year.plan, 1)
    )
    return DataTable(
        "plan",
        f"Plan współpracy na rok {following}",
        f"Działania zaplanowane na {following} r.",
        columns,
        rows,
    )


def realization_table(year: Year) -> DataTable | None:
    """Realizacja planu: last year's plan for this year, action by action, with the status
    and description the officer stated (None when last year had no Plan sheet).

    Only what the officer stated, as in the report: an action without a status has an
    empty Realizacja (the report reads „brak informacji o realizacji”).
    """
    plan: Sequence[PlanItem] | None = year.previous_plan
    if plan is None:
        return None
    n = year.year
    columns = (
        *_plan_columns("działania"),
        DataColumn(
            "Realizacja",
            "string",
            "Realizacja",
            "Stan realizacji działania, jak go podał urząd; puste, gdy nie podano.",
            enum=tuple(status.label(n) for status in PlanStatus),
        ),
        text("Opis", "Opis", "Opis realizacji; puste, gdy nie podano."),
    )
    rows = tuple(
        (
            i,
            item.action,
            item.partner,
            _term(item.term),
            outcome.status.label(n) if outcome is not None and outcome.status else None,
            outcome.description if outcome is not None else None,
        )
        for i, (item, outcome) in enumerate(accounted(plan, year.realization), 1)
    )
    return DataTable(
        "realizacja-planu",
        f"Realizacja planu współpracy na rok {n}",
        f"Działania planu na {n} r. i stan ich realizacji, jak w raporcie.",
        columns,
        rows,
    )
