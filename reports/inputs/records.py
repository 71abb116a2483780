"""Typed rows → domain records that need nothing but their row.

Visits and trips also need the registry (the partner and its country):
:mod:`reports.checking.merge` builds those.
"""

from __future__ import annotations

from reports.domain.model import (
    AgreementDocument,
    Award,
    Change,
    City,
    Domain,
    Metryczka,
    Organization,
    Partner,
    PartnerKind,
    PartnerStatus,
    PlanItem,
    PlanOutcome,
    Project,
)
from reports.inputs.rows import Row
from reports.inputs.statuses import StatusCell


def to_city(row: Row) -> City:
    v = row.values
    return City(
        v["name"], v["genitive"], v["locative"], v["office"], v.get("department"), v.get("licence")
    )


def to_metryczka(row: Row) -> Metryczka:
    v = row.values
    return Metryczka(
        author=v["author"],
        created=v["created"],
        entered_by=v.get("entered_by"),
        published=v.get("published"),
        basis=v.get("basis"),
        intro=v.get("intro"),
        changes=tuple(
            sorted(
                (Change(c["date"], c["description"], c.get("who")) for c in v.get("changes", ())),
                key=lambda c: c.date,
            )
        ),
        source=row.source,
    )


def to_partner(row: Row) -> Partner:
    v = row.values
    return Partner(
        name=v["name"],
        country=v["country"],
        kind=PartnerKind(v["kind"]),
        signed=v.get("signed"),
        locative=v.get("locative"),
        region=v.get("region"),
        population=v.get("population"),
        ended=v.get("ended"),
        notes=v.get("notes"),
        document=None if v.get("document") is None else AgreementDocument(v["document"]),
        resolution=v.get("resolution"),
        scope=v.get("scope"),
        status=None if v.get("status") is None else PartnerStatus(v["status"]),
        source=row.source,
    )


def to_organization(row: Row) -> Organization:
    v = row.values
    return Organization(v["name"], v["since"], v.get("until"), v.get("description"), row.source)


def _domain(value: str | None) -> Domain | None:
    return None if value is None else Domain(value)


def to_project(row: Row, partners: tuple[str, ...] | None = None) -> Project:
    v = row.values
    return Project(
        name=v["name"],
        program=v["program"],
        partners=partners if partners is not None else v["partners"],
        start=v["start"],
        end=v.get("end"),
        value=v.get("value"),
        cofinancing=v.get("cofinancing"),
        currency=v.get("currency") or "PLN",
        description=v.get("description"),
        domain=_domain(v.get("domain")),
        sources=(row.source,),
    )


def to_plan_item(row: Row, partner: str | None) -> PlanItem:
    v = row.values
    return PlanItem(
        action=v["action"],
        partner=partner,
        term=v.get("term"),
        domain=_domain(v.get("domain")),
        notes=v.get("notes"),
        sources=(row.source,),
    )


def to_plan_outcome(row: Row) -> PlanOutcome:
    v = row.values
    status: StatusCell | None = v.get("status")
    return PlanOutcome(
        action=v["action"],
        status=None if status is None else status.status,
        description=v.get("description"),
        sources=(row.source,),
    )


def to_award(row: Row) -> Award:
    v = row.values
    return Award(v["name"], v["grantor"], v["date"], v.get("justification"), (row.source,))
