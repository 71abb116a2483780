"""7./8./9. Projekty, Nagrody, Organizacje: projects (with their totals per currency),
awards, and membership of international organisations.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reports.document.blocks import paragraph as _p
from reports.document.blocks import section as _section
from reports.document.blocks import table as _table
from reports.document.model import Align, Block, BulletList, Paragraph, Run, Section
from reports.document.phrases import (
    ABOUT_AWARDS,
    ABOUT_ORGANIZATIONS,
    ABOUT_PROJECTS,
    not_given,
    project_span,
)
from reports.domain.model import Project
from reports.domain.year import Year
from reports.polish.collation import sorted_pl
from reports.polish.dates import format_date
from reports.polish.numbers import format_amount, format_number
from reports.polish.plurals import count
from reports.polish.typography import typeset

# --- 7. Projekty ----------------------------------------------------------------------


def projects_section(year: Year) -> Section:
    """7. Projekty: the projects, their totals per currency and descriptions."""
    title = "Projekty międzynarodowe"
    if year.projects is None:
        return _section(title, "projekty", [_p(not_given([ABOUT_PROJECTS]))])
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
                project_span(pr),
                _project_amounts(pr),
            )
            for i, pr in enumerate(year.projects, 1)
        ),
        f"Projekty międzynarodowe realizowane w {year.year} r.",
    )
    blocks: list[Block] = [table, *_project_totals(year.projects, year.year)]
    described = [pr for pr in year.projects if pr.description]
    if described:
        blocks.append(
            BulletList(
                tuple(
                    Paragraph(
                        (
                            Run(typeset(pr.name), bold=True),
                            Run(typeset(f" – {pr.description or ''}")),
                        )
                    )
                    for pr in described
                )
            )
        )
    return _section(title, "projekty", blocks)


def _project_totals(projects: Sequence[Project], n: int) -> list[Block]:
    """The projects' value and co-financing summed per currency (a table), or a sentence
    when no amount was given."""
    currencies = sorted({pr.currency for pr in projects}, key=lambda c: (c != "PLN", c))
    rows = []
    for currency in currencies:
        in_currency = [pr for pr in projects if pr.currency == currency]
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
        "przy projektach):"
    )
    table = _table(
        (
            ("Waluta", 0.16, Align.LEFT),
            ("Liczba projektów", 0.2, Align.RIGHT),
            ("Wartość łącznie", 0.32, Align.RIGHT),
            ("Dofinansowanie łącznie", 0.32, Align.RIGHT),
        ),
        rows,
        f"Wartość i dofinansowanie projektów realizowanych w {n} r. według walut",
    )
    return [lead, table]


def _project_amounts(project: Project) -> str:
    parts = []
    if project.value is not None:
        parts.append(format_amount(project.value, project.currency))
    if project.cofinancing is not None:
        parts.append(f"dofinansowanie {format_amount(project.cofinancing, project.currency)}")
    return " / ".join(parts) or "—"


# --- 8. Nagrody -----------------------------------------------------------------------


def awards_section(year: Year) -> Section:
    """8. Nagrody i wyróżnienia: the awards received."""
    title = "Nagrody i wyróżnienia"
    if year.awards is None:
        return _section(title, "nagrody", [_p(not_given([ABOUT_AWARDS]))])
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


def organizations_section(year: Year) -> Section:
    """9. Organizacje: the international organisations the city belongs to."""
    title = "Członkostwo w organizacjach międzynarodowych"
    if year.organizations is None:
        return _section(title, "organizacje", [_p(not_given([ABOUT_ORGANIZATIONS]))])
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
            runs.append(Run(typeset(f" – {org.description}")))
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
