"""check_year(): read the registry and a year's workbooks, check, merge — one pass.

Reads ``inputs/rejestr.xlsx`` and every ``*.xlsx`` in ``inputs/<year>/``
(sorted by name), collects every problem, merges the sheets of each kind and
returns a :class:`CheckResult`: the problems (sorted by file, sheet, row and
column), the reconciliation per sheet kind (read = kept + duplicates +
rejected), every input file read, and — when there are no errors — the
:class:`~reports.domain.year.Year` that ``build`` turns into the report.

Nothing here raises for a mistake in the inputs; problems are data.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reports.checking.merge import (
    Merged,
    merge_fields,
    merge_records,
    resolve_event,
    resolve_plan_item,
    resolve_project,
)
from reports.domain.history import History, YearSummary, summarise
from reports.domain.model import (
    Award,
    City,
    Metryczka,
    PlanItem,
    Project,
    Registry,
    SheetTally,
    Source,
    Trip,
    Visit,
    YearCounts,
    year_of,
)
from reports.domain.year import Year
from reports.inputs.load import LoadedSheet, Row, load_sheet
from reports.inputs.problems import Problem, Tally, problem
from reports.inputs.problems import sort_key as problem_order
from reports.inputs.records import to_award, to_city, to_metryczka, to_organization, to_partner
from reports.inputs.schemas import (
    IGNORED_SHEETS,
    METRYCZKA,
    MIASTA_PARTNERSKIE,
    MIASTO,
    NAGRODY,
    ORGANIZACJE,
    PLAN,
    PROJEKTY,
    REGISTRY_SHEETS,
    TALLIED_SHEETS,
    WIZYTY,
    WYJAZDY,
    YEAR_SHEETS,
    Book,
    SheetSpec,
    normalize_header,
    sheet_spec,
)
from reports.inputs.xlsx import RawWorkbook, read_workbook
from reports.polish.collation import sort_key as polish_key

if TYPE_CHECKING:
    from reports.cache import Cache

REGISTRY_FILE = "rejestr.xlsx"
_YEAR_DIR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class CheckResult:
    """Everything a check found. ``data`` is None when there are errors."""

    year: int
    problems: tuple[Problem, ...]
    tallies: dict[str, Tally]
    files: tuple[Path, ...]
    data: Year | None = None

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data (what ``raport check --json`` prints)."""
        return {
            "year": self.year,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
            "tallies": {
                name: {
                    "read": t.read,
                    "kept": t.kept,
                    "duplicates": t.duplicates,
                    "rejected": t.rejected,
                }
                for name, t in self.tallies.items()
            },
            "files": [f.as_posix() for f in self.files],
        }


def available_years(inputs_dir: Path) -> list[int]:
    """The years that have a folder (named by four digits) in ``inputs_dir``, ascending."""
    if not inputs_dir.is_dir():
        return []
    return sorted(
        int(p.name) for p in inputs_dir.iterdir() if p.is_dir() and _YEAR_DIR.fullmatch(p.name)
    )


# ---------------------------------------------------------------------------
# Reading workbooks into loaded sheets
# ---------------------------------------------------------------------------


def _relative(path: Path, inputs_dir: Path) -> str:
    try:
        return path.relative_to(inputs_dir).as_posix()
    except ValueError:
        return path.name


def _sheets_of(
    book: RawWorkbook, book_kind: Book, year: int | None, problems: list[Problem]
) -> list[LoadedSheet]:
    """Load every known sheet of a workbook; report unknown and misplaced ones."""
    loaded = []
    expected = REGISTRY_SHEETS if book_kind is Book.REGISTRY else YEAR_SHEETS
    names = ", ".join(f"„{s.name}”" for s in expected)
    for raw in book.sheets:
        spec = sheet_spec(raw.name)
        has_data = bool(raw.rows)
        if spec is None:
            if normalize_header(raw.name) not in IGNORED_SHEETS and has_data:
                close = difflib.get_close_matches(raw.name, [s.name for s in expected], n=1)
                hint = f" Czy chodziło o „{close[0]}”?" if close else ""
                problems.append(
                    problem(
                        "sheet-unknown",
                        f"Nieznany arkusz „{raw.name}”: jego dane nie trafią do raportu."
                        f"{hint} Rozpoznawane arkusze to: {names}. Popraw nazwę arkusza "
                        "albo go usuń.",
                        file=book.name,
                        sheet=raw.name,
                    )
                )
            continue
        if spec.book is not book_kind:
            if has_data:
                place = (
                    f"do pliku {REGISTRY_FILE}"
                    if spec.book is Book.REGISTRY
                    else "do skoroszytu w folderze roku"
                )
                problems.append(
                    problem(
                        "sheet-misplaced",
                        f"Arkusz „{raw.name}” należy {place}; tutaj jest pomijany. Przenieś "
                        "jego dane tam albo usuń arkusz.",
                        file=book.name,
                        sheet=raw.name,
                    )
                )
            continue
        loaded.append(load_sheet(raw, spec, book.name, year, problems))
    return loaded


def _year_files(
    folder: Path, inputs_dir: Path, problems: list[Problem], report: bool
) -> list[Path]:
    """The workbooks of a year folder; lock files and other files skipped with a warning."""
    files = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = _relative(path, inputs_dir)
        if path.name.startswith("."):
            continue  # hidden system files (.DS_Store, editors' temp files)
        if path.name.startswith("~$"):
            if report:
                problems.append(
                    problem(
                        "lock-file-skipped",
                        "Pominięto plik blokady, który arkusz kalkulacyjny tworzy na czas "
                        "otwarcia skoroszytu. Zamknij skoroszyt albo usuń ten plik.",
                        file=name,
                    )
                )
            continue
        if path.is_file() and path.suffix.lower() == ".xlsx":
            files.append(path)
            continue
        if report:
            what = "folder" if path.is_dir() else "plik"
            problems.append(
                problem(
                    "file-skipped",
                    f"Pominięto {what} „{path.name}”: czytane są tylko skoroszyty .xlsx. "
                    "Jeśli są w nim dane roku, zapisz go jako „Skoroszyt programu Excel "
                    "(*.xlsx)” w tym folderze.",
                    file=name,
                )
            )
    return files


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------


@dataclass
class _Registry:
    registry: Registry | None
    tallies: dict[str, Tally] = field(default_factory=dict)


def _tally(sheets: Iterable[LoadedSheet], merged: Merged[Any], unresolved: int = 0) -> Tally:
    """The reconciliation of one kind: rows read, and where each of them went."""
    tally = Tally(
        kept=len(merged.records),
        duplicates=merged.duplicates,
        rejected=merged.rejected + unresolved,
    )
    for sheet in sheets:
        tally.read += sheet.read
        tally.rejected += sheet.rejected
    return tally


def _of(spec: SheetSpec, sheets: list[LoadedSheet]) -> list[LoadedSheet]:
    return [s for s in sheets if s.spec is spec]


def _rows(sheets: list[LoadedSheet]) -> list[Row]:
    return [row for s in sheets for row in s.rows]


def _load_registry(
    inputs_dir: Path, problems: list[Problem], files: list[Path], cache: Cache | None = None
) -> _Registry:
    path = inputs_dir / REGISTRY_FILE
    if not path.is_file():
        problems.append(
            problem(
                "registry-missing",
                f"Brak pliku {REGISTRY_FILE} w folderze „{inputs_dir}”. Utwórz go: arkusze "
                "„Miasto”, „Miasta partnerskie” i „Organizacje”.",
                file=REGISTRY_FILE,
            )
        )
        return _Registry(None, {s.name: Tally() for s in (MIASTA_PARTNERSKIE, ORGANIZACJE)})
    files.append(path)
    book = read_workbook(path, REGISTRY_FILE, cache=cache)
    if book.problem is not None:
        problems.append(book.problem)
    sheets = _sheets_of(book, Book.REGISTRY, None, problems)

    city: City | None = None
    city_sheets = _of(MIASTO, sheets)
    if book.problem is None and not city_sheets:
        problems.append(
            problem(
                "sheet-missing",
                f"Brak arkusza „{MIASTO.name}” (kolumny „Pole” i „Wartość”: Nazwa, Dopełniacz, "
                "Miejscownik, Urząd, Komórka). Dodaj go do pliku.",
                file=REGISTRY_FILE,
                sheet=MIASTO.name,
            )
        )
    city_row = merge_fields(MIASTO, _rows(city_sheets), problems)
    if city_row is not None:
        city = to_city(city_row)
    elif city_sheets and book.problem is None and not any(s.rejected for s in city_sheets):
        problems.append(
            problem(
                "sheet-missing",
                f"Arkusz „{MIASTO.name}” jest pusty. Wpisz w nim pola Nazwa, Dopełniacz, "
                "Miejscownik i Urząd z wartościami.",
                file=REGISTRY_FILE,
                sheet=city_sheets[0].name,
            )
        )

    tallies = {}
    partner_sheets = _of(MIASTA_PARTNERSKIE, sheets)
    partners = merge_records(
        MIASTA_PARTNERSKIE,
        [(to_partner(r), r.source) for r in _rows(partner_sheets)],
        problems,
    )
    tallies[MIASTA_PARTNERSKIE.name] = _tally(partner_sheets, partners)
    org_sheets = _of(ORGANIZACJE, sheets)
    orgs = merge_records(
        ORGANIZACJE, [(to_organization(r), r.source) for r in _rows(org_sheets)], problems
    )
    tallies[ORGANIZACJE.name] = _tally(org_sheets, orgs)
    if city is None:
        return _Registry(None, tallies)
    return _Registry(Registry(city, tuple(partners.records), tuple(orgs.records)), tallies)


# ---------------------------------------------------------------------------
# A year
# ---------------------------------------------------------------------------


@dataclass
class _YearData:
    metryczka: Metryczka | None = None
    visits: list[Visit] = field(default_factory=list)
    trips: list[Trip] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    plan: list[PlanItem] | None = None  # None: no Plan sheet with rows
    tallies: dict[str, Tally] = field(default_factory=dict)

    def counts(self) -> YearCounts:
        countries = {e.country.code for e in (*self.visits, *self.trips)}
        return YearCounts(
            len(self.visits), len(self.trips), len(self.projects), len(self.awards), len(countries)
        )

    def summary(self, year: int, registry: Registry | None) -> YearSummary:
        partners = registry.partners if registry is not None else ()
        return summarise(year, self.visits, self.trips, self.projects, len(self.awards), partners)


def _events(
    spec: SheetSpec,
    sheets: list[LoadedSheet],
    registry: Registry | None,
    problems: list[Problem],
) -> tuple[list[Any], Tally]:
    resolved: list[tuple[Any, Source]] = []
    unresolved = 0
    for row in _rows(_of(spec, sheets)):
        event = resolve_event(spec, row, registry, problems)
        if event is None:
            unresolved += 1
        else:
            resolved.append((event, row.source))
    merged = merge_records(spec, resolved, problems)
    return merged.records, _tally(_of(spec, sheets), merged, unresolved)


def _check_year_folder(
    inputs_dir: Path,
    year: int,
    registry: Registry | None,
    problems: list[Problem],
    files: list[Path],
    *,
    report: bool = True,
    cache: Cache | None = None,
) -> _YearData:
    folder = inputs_dir / str(year)
    data = _YearData()
    data.tallies = {s.name: Tally() for s in (WIZYTY, WYJAZDY, PROJEKTY, NAGRODY, PLAN)}
    if not folder.is_dir():
        problems.append(
            problem(
                "year-folder-missing",
                f"Brak folderu „{folder}” z danymi roku {year}. Utwórz go poleceniem "
                f"„raport new {year}” albo wybierz inny rok.",
                file=str(year),
            )
        )
        return data
    sheets: list[LoadedSheet] = []
    for path in _year_files(folder, inputs_dir, problems, report):
        files.append(path)
        book = read_workbook(path, _relative(path, inputs_dir), cache=cache)
        if book.problem is not None:
            problems.append(book.problem)
            continue
        sheets.extend(_sheets_of(book, Book.YEAR, year, problems))

    metryczka = merge_fields(METRYCZKA, _rows(_of(METRYCZKA, sheets)), problems)
    if metryczka is not None:
        data.metryczka = to_metryczka(metryczka)
    elif not any(s.rejected for s in _of(METRYCZKA, sheets)):
        problems.append(
            problem(
                "metryczka-missing",
                f"Żaden skoroszyt roku {year} nie ma wypełnionego arkusza „Metryczka”. Dodaj "
                "go w jednym skoroszycie (kolumny „Pole” i „Wartość”; wymagane: "
                "„Informację wytworzył(a)” i „Data wytworzenia”).",
                file=str(year),
                sheet=METRYCZKA.name,
            )
        )

    data.visits, data.tallies[WIZYTY.name] = _events(WIZYTY, sheets, registry, problems)
    data.trips, data.tallies[WYJAZDY.name] = _events(WYJAZDY, sheets, registry, problems)

    project_sheets = _of(PROJEKTY, sheets)
    projects = merge_records(
        PROJEKTY,
        [(resolve_project(r, registry), r.source) for r in _rows(project_sheets)],
        problems,
    )
    data.projects = projects.records
    data.tallies[PROJEKTY.name] = _tally(project_sheets, projects)

    award_sheets = _of(NAGRODY, sheets)
    awards = merge_records(
        NAGRODY, [(to_award(r), r.source) for r in _rows(award_sheets)], problems
    )
    data.awards = awards.records
    data.tallies[NAGRODY.name] = _tally(award_sheets, awards)

    plan_sheets = _of(PLAN, sheets)
    plan = merge_records(
        PLAN,
        [(resolve_plan_item(r, registry), r.source) for r in _rows(plan_sheets)],
        problems,
    )
    if any(s.read for s in plan_sheets):
        data.plan = plan.records
    data.tallies[PLAN.name] = _tally(plan_sheets, plan)
    return data


def _date_key(value: date | int) -> date:
    return date(value, 1, 1) if isinstance(value, int) else value


def _year(
    year: int,
    registry: Registry,
    data: _YearData,
    previous: YearCounts | None,
    history: History,
    previous_plan: list[PlanItem] | None,
) -> Year | None:
    if data.metryczka is None:
        return None
    return Year(
        year=year,
        city=registry.city,
        metryczka=data.metryczka,
        partners=tuple(
            sorted(
                (p for p in registry.partners if p.active_in(year)),
                key=lambda p: polish_key(p.name),
            )
        ),
        organizations=tuple(
            sorted(
                (o for o in registry.organizations if o.active_in(year)),
                key=lambda o: polish_key(o.name),
            )
        ),
        visits=tuple(
            sorted(data.visits, key=lambda e: (e.start, e.last_day, polish_key(e.city or "")))
        ),
        trips=tuple(
            sorted(data.trips, key=lambda e: (e.start, e.last_day, polish_key(e.city or "")))
        ),
        projects=tuple(sorted(data.projects, key=lambda p: (p.start, polish_key(p.name)))),
        awards=tuple(
            sorted(
                data.awards,
                key=lambda a: (year_of(a.date), _date_key(a.date), polish_key(a.name)),
            )
        ),
        previous=previous,
        history=history.with_year(data.summary(year, registry)),
        plan=tuple(data.plan or ()),
        previous_plan=None if previous_plan is None else tuple(previous_plan),
    )


def check_year(inputs_dir: Path, year: int, *, cache: Cache | None = None) -> CheckResult:
    """Check the registry and one year's workbooks; see the module docstring.

    Every earlier year that has a folder is read too (quietly: its own problems
    are not reported here) for the report's comparisons: ``previous`` of the
    returned year holds the counts of ``year - 1`` (and ``previous_plan`` its
    Plan sheet, the plan for ``year``), and ``history`` the
    summaries of every earlier year that checks without errors, and of this
    year. An earlier year with errors is left out, and a warning
    (``previous-year-errors`` for ``year - 1``, ``earlier-year-errors`` before
    it) says so. The earlier years' files are listed in ``files`` too, since
    they shape the report. ``cache`` keeps workbooks read before (see
    :mod:`reports.inputs.xlsx_cache`); the result is the same either way.
    """
    problems: list[Problem] = []
    files: list[Path] = []
    loaded = _load_registry(inputs_dir, problems, files, cache)
    data = _check_year_folder(inputs_dir, year, loaded.registry, problems, files, cache=cache)

    previous = None
    previous_plan: list[PlanItem] | None = None
    summaries: list[YearSummary] = []
    for earlier in (y for y in available_years(inputs_dir) if y < year):
        past = _past_year(inputs_dir, earlier, loaded.registry, files, cache)
        if past is None:
            problems.append(_earlier_year_errors(earlier, year))
            continue
        counts, summary, plan = past
        summaries.append(summary)
        if earlier == year - 1:
            previous, previous_plan = counts, plan

    tallies = {spec.name: Tally() for spec in TALLIED_SHEETS}
    tallies.update(data.tallies)
    tallies.update(loaded.tallies)
    problems.sort(key=problem_order)
    result = CheckResult(year, tuple(problems), tallies, tuple(files))
    if not result.ok or loaded.registry is None:
        return result
    built = _year(year, loaded.registry, data, previous, History(tuple(summaries)), previous_plan)
    if built is not None:
        names = (_relative(path, inputs_dir) for path in files)
        built = replace(
            built,
            workbooks=tuple(name for name in names if name.startswith(f"{year}/")),
            tallies=tuple(
                SheetTally(name, t.read, t.kept, t.duplicates, t.rejected)
                for name, t in ((spec.name, tallies[spec.name]) for spec in TALLIED_SHEETS)
            ),
        )
    return CheckResult(year, result.problems, tallies, result.files, built)


def _earlier_year_errors(earlier: int, year: int) -> Problem:
    if earlier == year - 1:
        return problem(
            "previous-year-errors",
            f"Dane roku {earlier} (folder „{earlier}”) mają błędy, więc raport za {year} "
            f"nie porówna liczb z poprzednim rokiem. Uruchom „raport check {earlier}” i "
            "popraw wskazane błędy.",
            file=str(earlier),
        )
    return problem(
        "earlier-year-errors",
        f"Dane roku {earlier} (folder „{earlier}”) mają błędy, więc raport za {year} "
        "pominie ten rok w zestawieniu lat i w ocenie, od kiedy partnerzy nie mają "
        f"wspólnych działań. Uruchom „raport check {earlier}” i popraw wskazane błędy.",
        file=str(earlier),
    )


# Summaries of earlier years, by folder, the state of its files and the registry: a
# build of every year (``raport build --all``) reads each past year once, not once
# for every later year.
#: What an earlier year gives the report: its counts, its summary, its plan (None: no Plan).
_Past = tuple[YearCounts, YearSummary, list[PlanItem] | None]
_PAST: dict[tuple[Hashable, ...], _Past | None] = {}
_PAST_LIMIT = 256


def _stat(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def _past_year(
    inputs_dir: Path,
    year: int,
    registry: Registry | None,
    files: list[Path],
    cache: Cache | None = None,
) -> _Past | None:
    """The counts, summary and plan of an earlier year, None when it has errors (its files
    are added to ``files`` either way)."""
    folder = inputs_dir / str(year)
    paths = _year_files(folder, inputs_dir, [], False)
    try:
        state = tuple((p.name, *_stat(p)) for p in paths)
    except OSError:
        state = None
    key = (str(folder.resolve()), state, registry)
    if state is not None and key in _PAST:
        files.extend(paths)
        return _PAST[key]
    quiet: list[Problem] = []
    data = _check_year_folder(inputs_dir, year, registry, quiet, files, report=False, cache=cache)
    result = (
        None
        if any(p.is_error for p in quiet) or data.metryczka is None
        else (data.counts(), data.summary(year, registry), data.plan)
    )
    if state is not None:
        if len(_PAST) >= _PAST_LIMIT:
            _PAST.pop(next(iter(_PAST)))
        _PAST[key] = result
    return result


def load_registry(inputs_dir: Path) -> tuple[Registry | None, tuple[Problem, ...]]:
    """Only the registry (``inputs/rejestr.xlsx``) and its problems; for ``raport new``."""
    problems: list[Problem] = []
    loaded = _load_registry(inputs_dir, problems, [])
    has_errors = any(p.is_error for p in problems)
    return (None if has_errors else loaded.registry), tuple(sorted(problems, key=problem_order))


__all__ = ["CheckResult", "available_years", "check_year", "load_registry"]
