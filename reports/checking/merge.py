"""Combining workbooks: the registry's say on places, then duplicates and conflicts.

Two steps, both reporting problems instead of raising:

1. :func:`resolve_event` turns a checked Wizyty/Wyjazdy row into a
   :class:`~reports.domain.model.Visit` or :class:`~reports.domain.model.Trip` (or the
   :class:`~reports.inputs.problems.Problem` that keeps it out), asking the
   registry: a Miasto that is a registry partner (matched case-insensitively)
   takes the registry's spelling, ``partner`` and — when Kraj is empty — the
   partner's country; a partner given with another country is an error; a
   Miasto outside the registry needs a Kraj. Project partners that name a
   registry partner take its spelling too (:func:`resolve_project`).
2. :func:`merge_records` merges the records of one sheet kind from every
   workbook. Records with the same **duplicate key** that are equal in every
   field become one (its ``sources`` name every place) with a warning; the same
   key with different fields is an error naming both places and the fields that
   differ. The key of each kind is declared in :mod:`reports.inputs.schemas`
   (``SheetSpec.key``):

   ========================  ==================================================
   Wizyty                    Data od, Data do, Miasto, Goście
   Wyjazdy                   Data od, Data do, Miasto, Skład delegacji
   Projekty                  Nazwa, Data rozpoczęcia
   Nagrody                   Nazwa, Przyznający, Data
   Plan                      Działanie, Partner, Termin
   Miasta partnerskie        Miasto
   Organizacje               Nazwa
   Metryczka                 (none: one per year)
   ========================  ==================================================

   Text in a key is compared after :func:`~reports.polish.text.normalize_text`
   and case folding, so „Erfurt” and „ERFURT ” are the same city.

Both return their problems with their result (:class:`Merged`); nothing is
changed in place: rows and records are frozen, merged ones are new.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from reports.domain.model import (
    Domain,
    FundingSource,
    PlanItem,
    Project,
    Registry,
    Source,
    Trip,
    Visit,
)
from reports.inputs.problems import Problem, problem
from reports.inputs.records import to_plan_item, to_project
from reports.inputs.rows import Row
from reports.inputs.schemas import WIZYTY, SheetSpec
from reports.inputs.values import display
from reports.polish.countries import Country
from reports.polish.text import normalize_text

R = TypeVar("R")

#: The city's own country: Wizyty and Wyjazdy hold foreign places only.
_HOME = "PL"


def resolve_event(spec: SheetSpec, row: Row, registry: Registry | None) -> Visit | Trip | Problem:
    """The visit or trip of a checked row, or the problem when the place is wrong."""
    v = row.values
    city: str | None = v.get("city")
    country: Country | None = v.get("country")
    partner = registry.partner(city) if registry is not None and city else None
    partner_name = None
    if partner is not None:
        if country is not None and country != partner.country:
            return problem(
                "country-mismatch",
                **row.place(),
                **row.at(spec, "country"),
                value=country.name,
                partner=partner.name,
                partner_country=partner.country.name,
            )
        city, country, partner_name = partner.name, partner.country, partner.name
    elif country is None:
        if not city:
            return problem("place-required", **row.place(), **row.at(spec, "country"))
        if registry is None:
            return problem("city-unchecked", **row.place(), **row.at(spec, "city"), value=city)
        return problem("city-unknown", **row.place(), **row.at(spec, "city"), value=city)
    if country.code == _HOME:
        from_registry = partner is not None and v.get("country") is None
        return problem(
            "country-domestic",
            **row.place(),
            **row.at(spec, "city" if from_registry else "country"),
            value=city if from_registry else country.name,
            kind=spec.name,
            visits=spec is WIZYTY,
        )
    domain = v.get("domain")
    common: dict[str, Any] = {
        "start": v["start"],
        "end": v.get("end"),
        "city": city,
        "country": country,
        "purpose": v["purpose"],
        "domain": None if domain is None else Domain(domain),
        "reported_by": v.get("reported_by"),
        "partner": partner_name,
        "implementer": v.get("implementer"),
        "sources": (row.source,),
    }
    if spec is WIZYTY:
        return Visit(**common, guests=v["guests"], people=v.get("people"))
    funding = v.get("funding")
    return Trip(
        **common,
        delegation=v["delegation"],
        cost=v.get("cost"),
        funding=None if funding is None else FundingSource(funding),
    )


def resolve_project(row: Row, registry: Registry | None) -> Project:
    """The project of a checked row; partners naming a registry partner take its spelling."""
    partners: tuple[str, ...] = row.values["partners"]
    if registry is not None:
        partners = tuple(
            p.name if (p := registry.partner(name)) is not None else name for name in partners
        )
    return to_project(row, partners)


def resolve_plan_item(row: Row, registry: Registry | None) -> PlanItem:
    """The planned action of a checked row; a Partner naming a registry partner takes its
    spelling (any other partner stays as written)."""
    name: str | None = row.values.get("partner")
    partner = registry.partner(name) if registry is not None and name else None
    return to_plan_item(row, partner.name if partner is not None else name)


# ---------------------------------------------------------------------------
# Duplicates and conflicts
# ---------------------------------------------------------------------------


def _normalised(value: Any) -> Hashable:
    if isinstance(value, str):
        return normalize_text(value).casefold()
    if isinstance(value, Country):
        return value.code
    if isinstance(value, tuple):
        return tuple(_normalised(v) for v in value)
    result: Hashable = value
    return result


def record_key(spec: SheetSpec, record: Any) -> tuple[Hashable, ...]:
    """The duplicate key of a record (see the module's table)."""
    return tuple(_normalised(getattr(record, name)) for name in spec.key)


def differing_fields(spec: SheetSpec, first: Any, second: Any) -> list[str]:
    """Headers of the compared fields in which two records differ."""
    headers = []
    for f in dataclasses.fields(first):
        if not f.compare or getattr(first, f.name) == getattr(second, f.name):
            continue
        try:
            headers.append(spec.by_field(f.name).header)
        except KeyError:
            continue  # derived fields (partner) follow a column already listed
    return headers


def _with_source(record: R, source: Source) -> R:
    if hasattr(record, "sources"):
        merged: R = dataclasses.replace(  # type: ignore[type-var]
            record, sources=(*record.sources, source)
        )
        return merged
    return record


def _first_source(record: Any) -> Source:
    sources = getattr(record, "sources", None)
    if sources:
        first: Source = sources[0]
        return first
    source: Source = record.source
    return source


@dataclass(frozen=True)
class Merged(Generic[R]):
    """The records kept, how many rows were merged as duplicates or rejected, and the
    problems merging found."""

    records: tuple[R, ...] = ()
    duplicates: int = 0
    rejected: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def first(self) -> R | None:
        return self.records[0] if self.records else None


def _key_headers(spec: SheetSpec) -> tuple[str, ...]:
    return tuple(spec.by_field(name).header for name in spec.key)


def merge_records(spec: SheetSpec, items: Sequence[tuple[R, Source]]) -> Merged[R]:
    """Merge records of one kind (in reading order); see the module docstring."""
    kept: dict[tuple[Hashable, ...], int] = {}
    records: list[R] = []
    problems: list[Problem] = []
    duplicates = rejected = 0
    for record, source in items:
        key = record_key(spec, record)
        index = kept.get(key)
        if index is None:
            kept[key] = len(records)
            records.append(record)
            continue
        first = records[index]
        where = _first_source(first)
        place: dict[str, Any] = {"file": source.file, "sheet": source.sheet, "row": source.row}
        if record == first:
            records[index] = _with_source(first, source)
            duplicates += 1
            problems.append(problem("record-duplicate", **place, first=where, second=source))
        else:
            rejected += 1
            problems.append(
                problem(
                    "record-conflict",
                    **place,
                    first=where,
                    second=source,
                    key=_key_headers(spec),
                    fields=tuple(differing_fields(spec, first, record)),
                )
            )
    return Merged(tuple(records), duplicates, rejected, tuple(problems))


def _cell_source(row: Row, name: str) -> Source:
    cell = row.cells.get(name)
    return Source(row.source.file, row.source.sheet, (cell.row if cell else None) or row.source.row)


def merge_fields(spec: SheetSpec, rows: Sequence[Row]) -> Merged[Row]:
    """One *Pole | Wartość* sheet (Metryczka, Miasto) from the copies in several workbooks.

    The union of the fields is taken: a field empty in one copy and filled in
    another is no conflict. Two copies conflict only when a field is filled
    in both with different values; the error points at that field's row in
    the later copy. Copies that add nothing to the first give a warning.
    """
    if not rows:
        return Merged()
    merged = rows[0]
    problems: list[Problem] = []
    duplicates = rejected = 0
    for row in rows[1:]:
        differing = [
            name
            for name, value in row.values.items()
            if value is not None
            and merged.values.get(name) is not None
            and merged.values[name] != value
        ]
        if differing:
            name = differing[0]
            ours = row.cells.get(name)
            second = _cell_source(row, name)
            rejected += 1
            problems.append(
                problem(
                    "sheet-conflict",
                    file=second.file,
                    sheet=second.sheet,
                    row=second.row,
                    column=ours.column if ours else None,
                    header=ours.header if ours else spec.by_field(name).header,
                    value=display(row.values[name]),
                    kind=spec.name,
                    earlier=display(merged.values[name]),
                    first=_cell_source(merged, name),
                    second=second,
                    others=tuple(spec.by_field(n).header for n in differing[1:]),
                )
            )
            continue
        added = [n for n, v in row.values.items() if v is not None and merged.values.get(n) is None]
        if added:
            merged = Row(
                merged.source,
                {**merged.values, **{n: row.values[n] for n in added}},
                {**merged.cells, **{n: row.cells[n] for n in added}},
                merged.currencies,
            )
        else:
            duplicates += 1
            problems.append(
                problem(
                    "sheet-duplicate",
                    **row.place(),
                    kind=spec.name,
                    first=merged.source,
                    second=row.source,
                )
            )
    return Merged((merged,), duplicates, rejected, tuple(problems))
