"""The registry (``inputs/rejestr.xlsx``): the city, its partners, its organizations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reports.checking.files import REGISTRY_FILE
from reports.checking.kinds import load_kind, of, rows
from reports.checking.merge import merge_fields
from reports.checking.sheets import load_book
from reports.domain.model import City, Registry, SheetTally
from reports.inputs.problems import Problem, problem
from reports.inputs.records import to_city, to_organization, to_partner
from reports.inputs.schemas import MIASTA_PARTNERSKIE, MIASTO, ORGANIZACJE, Book

if TYPE_CHECKING:
    from reports.cache import Cache


@dataclass(frozen=True)
class LoadedRegistry:
    """The registry (None when it cannot be had), its tallies, problems and file."""

    registry: Registry | None
    tallies: dict[str, SheetTally] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    files: tuple[Path, ...] = ()


def _city_fields() -> tuple[str, ...]:
    return tuple(c.header for c in MIASTO.columns)


def _required_city_fields() -> tuple[str, ...]:
    return tuple(c.header for c in MIASTO.columns if c.required)


def _partner_columns() -> tuple[str, ...]:
    """The columns every partner fills: the required ones and Data podpisania."""
    return tuple(c.header for c in MIASTA_PARTNERSKIE.columns if c.required or c.field == "signed")


def _not_given(partners: bool, organizations: bool) -> list[Problem]:
    """The warnings of the registry's sheets of partners and organizations left out."""
    found = []
    if not partners:
        found.append(
            problem(
                "partners-sheet-missing",
                file=REGISTRY_FILE,
                sheet=MIASTA_PARTNERSKIE.name,
                columns=_partner_columns(),
            )
        )
    if not organizations:
        found.append(
            problem(
                "organizations-sheet-missing",
                file=REGISTRY_FILE,
                sheet=ORGANIZACJE.name,
                columns=tuple(c.header for c in ORGANIZACJE.columns if c.required),
            )
        )
    return found


def read_registry(inputs_dir: Path, cache: Cache | None = None) -> LoadedRegistry:
    """Read and check ``inputs/rejestr.xlsx``."""
    path = inputs_dir / REGISTRY_FILE
    if not path.is_file():
        missing = problem("registry-missing", file=REGISTRY_FILE, folder=str(inputs_dir))
        empty = {s.name: SheetTally(s.name) for s in (MIASTA_PARTNERSKIE, ORGANIZACJE)}
        return LoadedRegistry(None, empty, (missing,))
    book = load_book(path, REGISTRY_FILE, Book.REGISTRY, None, cache)
    problems = list(book.all_problems)
    sheets = book.sheets

    city: City | None = None
    city_sheets = of(MIASTO, sheets)
    if book.readable and not city_sheets:
        problems.append(
            problem("sheet-missing", file=REGISTRY_FILE, sheet=MIASTO.name, fields=_city_fields())
        )
    city_merged = merge_fields(MIASTO, rows(city_sheets))
    problems.extend(city_merged.problems)
    if city_merged.first is not None:
        city = to_city(city_merged.first)
    elif city_sheets and book.readable and not any(s.rejected for s in city_sheets):
        problems.append(
            problem(
                "sheet-empty",
                file=REGISTRY_FILE,
                sheet=city_sheets[0].name,
                fields=_required_city_fields(),
            )
        )

    partners = load_kind(MIASTA_PARTNERSKIE, sheets, to_partner)
    partners_given = bool(of(MIASTA_PARTNERSKIE, sheets))
    orgs = load_kind(ORGANIZACJE, sheets, to_organization)
    orgs_given = bool(of(ORGANIZACJE, sheets))
    if book.readable:  # a sheet not given: the report says so, not „none”, and so do we
        problems.extend(_not_given(partners_given, orgs_given))
    problems.extend((*partners.problems, *orgs.problems))
    tallies = {MIASTA_PARTNERSKIE.name: partners.tally, ORGANIZACJE.name: orgs.tally}
    # None: no sheet (the data was not given)
    given = partners.records if partners_given else None
    organizations = orgs.records if orgs_given else None
    registry = None if city is None else Registry(city, given, organizations)
    return LoadedRegistry(registry, tallies, tuple(problems), (path,))
