"""Combining workbooks: the registry's say on places, then duplicates and conflicts.

Two steps, both reporting problems instead of raising:

1. :func:`resolve_event` turns a checked Wizyty/Wyjazdy row into a
   :class:`~reports.domain.model.Visit` or :class:`~reports.domain.model.Trip`, asking the
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
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
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
from reports.inputs.load import Row
from reports.inputs.problems import Problem, problem
from reports.inputs.records import to_plan_item, to_project
from reports.inputs.schemas import WIZYTY, SheetSpec
from reports.inputs.values import display
from reports.polish.countries import Country
from reports.polish.text import normalize_text

R = TypeVar("R")

#: The city's own country: Wizyty and Wyjazdy hold foreign places only.
_HOME = "PL"


def resolve_event(
    spec: SheetSpec, row: Row, registry: Registry | None, problems: list[Problem]
) -> Visit | Trip | None:
    """The visit or trip of a checked row, or None (with a problem) when the place is wrong."""
    v = row.values
    city: str | None = v.get("city")
    country: Country | None = v.get("country")
    partner = registry.partner(city) if registry is not None and city else None
    partner_name = None
    if partner is not None:
        if country is not None and country != partner.country:
            problems.append(
                problem(
                    "country-mismatch",
                    f"„{partner.name}” jest w rejestrze miastem partnerskim w kraju "
                    f"„{partner.country.name}”, a tu podano kraj „{country.name}”. Popraw kraj "
                    "albo zostaw komórkę pustą (kraj zostanie wzięty z rejestru).",
                    **row.place(),
                    **row.at(spec, "country"),
                    value=country.name,
                )
            )
            return None
        city, country, partner_name = partner.name, partner.country, partner.name
    elif country is None:
        if city:
            message = (
                f"Miasta „{city}” nie ma w rejestrze miast partnerskich, a nie podano kraju. "
                "Wpisz kraj w kolumnie „Kraj” albo popraw nazwę miasta, jeśli to miasto "
                "partnerskie."
                if registry is not None
                else f"Nie podano kraju, a miasta „{city}” nie da się sprawdzić w rejestrze, "
                "bo rejestr (rejestr.xlsx) nie został wczytany. Popraw najpierw błędy "
                "rejestru albo wpisz kraj w kolumnie „Kraj”."
            )
            problems.append(
                problem(
                    "city-unknown",
                    message,
                    **row.place(),
                    **row.at(spec, "city"),
                    value=city,
                )
            )
        else:
            problems.append(
                problem(
                    "value-required",
                    "Puste są i „Miasto”, i „Kraj”. Wpisz kraj (dla gości z całego kraju, "
                    "np. ambasadora) albo miasto partnerskie z rejestru.",
                    **row.place(),
                    **row.at(spec, "country"),
                )
            )
        return None
    assert country is not None
    if country.code == _HOME:
        from_registry = partner is not None and v.get("country") is None
        kind = "wizyt zagranicznych gości" if spec is WIZYTY else "wyjazdów za granicę"
        problems.append(
            problem(
                "country-domestic",
                f"„{city or country.name}” leży w Polsce, a arkusz „{spec.name}” jest na "
                f"{kind}: raport obejmuje tylko kontakty zagraniczne. Usuń ten wiersz albo "
                "popraw miasto i kraj.",
                **row.place(),
                **row.at(spec, "city" if from_registry else "country"),
                value=city if from_registry else country.name,
            )
        )
        return None
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


@dataclass
class Merged(Generic[R]):
    """The records kept, and how many rows were merged as duplicates or rejected."""

    records: list[R] = field(default_factory=list)
    duplicates: int = 0
    rejected: int = 0


def _key_headers(spec: SheetSpec) -> str:
    return ", ".join(spec.by_field(name).header for name in spec.key)


def _duplicate(spec: SheetSpec, first: Source, second: Source) -> str:
    if not spec.key:  # one per year (Metryczka)
        return (
            f"Arkusz „{spec.name}” jest w dwóch miejscach: {first} oraz {second}; są "
            "zgodne, więc to nie przeszkadza. Aby uniknąć tego ostrzeżenia, zostaw go "
            "w jednym skoroszycie (w pozostałych usuń arkusz albo wyczyść kolumnę Wartość)."
        )
    return (
        f"Ten sam wpis jest dwa razy: {first} oraz {second}. W raporcie będzie raz; usuń "
        "jeden z nich, by uniknąć tego ostrzeżenia."
    )


def _conflict(spec: SheetSpec, first: Source, second: Source, fields: str) -> str:
    if not spec.key:
        return (
            f"Arkusz „{spec.name}” jest w dwóch miejscach: {first} oraz {second}, i różnią "
            f"się: {fields}. Może być tylko jeden na rok: zostaw go w jednym skoroszycie "
            "(w pozostałych usuń arkusz albo wyczyść kolumnę Wartość)."
        )
    return (
        f"Wpisy {first} oraz {second} mają ten sam klucz ({_key_headers(spec)}), ale różnią "
        f"się: {fields}. Jeśli to ten sam wpis, popraw go tak, by oba były zgodne, albo usuń "
        "jeden z nich; jeśli to dwa różne wpisy, zmień w jednym z nich pola klucza."
    )


def merge_records(
    spec: SheetSpec, items: Sequence[tuple[R, Source]], problems: list[Problem]
) -> Merged[R]:
    """Merge records of one kind (in reading order); see the module docstring."""
    kept: dict[tuple[Hashable, ...], int] = {}
    merged: Merged[R] = Merged()
    for record, source in items:
        key = record_key(spec, record)
        index = kept.get(key)
        if index is None:
            kept[key] = len(merged.records)
            merged.records.append(record)
            continue
        first = merged.records[index]
        where = _first_source(first)
        place: dict[str, Any] = {"file": source.file, "sheet": source.sheet, "row": source.row}
        if record == first:
            merged.records[index] = _with_source(first, source)
            merged.duplicates += 1
            problems.append(problem("record-duplicate", _duplicate(spec, where, source), **place))
        else:
            merged.rejected += 1
            fields = ", ".join(f"„{h}”" for h in differing_fields(spec, first, record))
            problems.append(
                problem("record-conflict", _conflict(spec, where, source, fields), **place)
            )
    return merged


def _shown(value: Any) -> str:
    return display(value) if isinstance(value, str | int | float | date) else str(value)


def merge_fields(spec: SheetSpec, rows: Sequence[Row], problems: list[Problem]) -> Row | None:
    """One *Pole | Wartość* sheet (Metryczka, Miasto) from the copies in several workbooks.

    The union of the fields is taken: a field empty in one copy and filled in
    another is no conflict. Two copies conflict only when a field is filled
    in both with different values; the error points at that field's row in
    the later copy. Copies that add nothing to the first give a warning.
    """
    if not rows:
        return None
    merged = Row(rows[0].source, dict(rows[0].values), dict(rows[0].cells))
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
            theirs, ours = merged.cells.get(name), row.cells.get(name)
            first = Source(
                merged.source.file,
                merged.source.sheet,
                (theirs.row if theirs else None) or merged.source.row,
            )
            second = Source(
                row.source.file, row.source.sheet, (ours.row if ours else None) or row.source.row
            )
            header = ours.header if ours else spec.by_field(name).header
            more = ""
            if len(differing) > 1:
                others = ", ".join(f"„{spec.by_field(n).header}”" for n in differing[1:])
                more = f" Różnią się też: {others}."
            problems.append(
                problem(
                    "record-conflict",
                    f"Arkusz „{spec.name}” jest w dwóch miejscach i pole „{header}” ma różne "
                    f"wartości: „{_shown(merged.values[name])}” ({first}) oraz "
                    f"„{_shown(row.values[name])}” ({second}).{more} Może być tylko jeden "
                    f"arkusz „{spec.name}” na rok: zostaw wartość w jednym skoroszycie "
                    "(w pozostałych wyczyść ją albo usuń arkusz).",
                    file=second.file,
                    sheet=second.sheet,
                    row=second.row,
                    column=ours.column if ours else None,
                    header=header,
                    value=_shown(row.values[name]),
                )
            )
            continue
        added = [n for n, v in row.values.items() if v is not None and merged.values.get(n) is None]
        for name in added:
            merged.values[name] = row.values[name]
            merged.cells[name] = row.cells[name]
        if not added:
            problems.append(
                problem(
                    "record-duplicate",
                    _duplicate(spec, merged.source, row.source),
                    **row.place(),
                )
            )
    return merged
