"""Per-kind loading: the rows of one sheet kind from every workbook, merged, and their
reconciliation (read = kept + duplicates + rejected)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from reports.checking.merge import Merged, merge_records, resolve_event
from reports.domain.model import Registry, SheetTally
from reports.inputs.problems import Problem
from reports.inputs.rows import LoadedSheet, Row
from reports.inputs.schemas import SheetSpec

R = TypeVar("R")


@dataclass(frozen=True)
class Kind(Generic[R]):
    """One sheet kind as checked: its records, its tally and the problems merging found
    (the sheets' own problems travel with the sheets)."""

    records: tuple[R, ...]
    tally: SheetTally
    problems: tuple[Problem, ...]


def of(spec: SheetSpec, sheets: Sequence[LoadedSheet]) -> list[LoadedSheet]:
    return [s for s in sheets if s.spec is spec]


def rows(sheets: Sequence[LoadedSheet]) -> list[Row]:
    return [row for s in sheets for row in s.rows]


def _tally(
    spec: SheetSpec, sheets: Sequence[LoadedSheet], merged: Merged[Any], unresolved: int = 0
) -> SheetTally:
    return SheetTally(
        spec.name,
        read=sum(s.read for s in sheets),
        kept=len(merged.records),
        duplicates=merged.duplicates,
        rejected=sum(s.rejected for s in sheets) + merged.rejected + unresolved,
    )


def load_kind(
    spec: SheetSpec, sheets: Sequence[LoadedSheet], record: Callable[[Row], R]
) -> Kind[R]:
    """The records of one kind: each row made a record, then merged across workbooks."""
    mine = of(spec, sheets)
    merged = merge_records(spec, [(record(r), r.source) for r in rows(mine)])
    return Kind(merged.records, _tally(spec, mine, merged), merged.problems)


def load_events(
    spec: SheetSpec, sheets: Sequence[LoadedSheet], registry: Registry | None
) -> Kind[Any]:
    """Visits or trips: each row's place resolved against the registry, then merged."""
    mine = of(spec, sheets)
    resolved: list[tuple[Any, Any]] = []
    problems: list[Problem] = []
    for row in rows(mine):
        event = resolve_event(spec, row, registry)
        if isinstance(event, Problem):
            problems.append(event)
        else:
            resolved.append((event, row.source))
    merged = merge_records(spec, resolved)
    return Kind(
        merged.records,
        _tally(spec, mine, merged, len(problems)),
        (*problems, *merged.problems),
    )
