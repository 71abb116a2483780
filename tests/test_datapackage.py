"""The open data beside the report: a Frictionless data package, validated by frictionless
itself, holding exactly the report's records.

The report's visit and trip tables are rebuilt from the CSV rows with the report's own
formatting, and must be the very rows the report shows, in its order; the counts agree
with the reconciliation; the ZIP is the folder's files; nothing the report does not show
(who reported a record) is in the package.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import frictionless
import pytest

from benchmarks.synth import write_inputs
from reports.checking.check import check_year
from reports.cli.main import main
from reports.document.build import build_document
from reports.document.model import Section, Table
from reports.document.plan import NO_INFORMATION
from reports.pipeline import BuildResult
from reports.polish.dates import format_date_range
from reports.polish.numbers import format_amount, format_number
from reports.polish.typography import typeset
from reports.publish.datapackage import cell, data_package
from tests.conftest import DEMO_YEAR
from tests.workbooks import CITY, visit, write_registry, write_year

KINDS = ("wizyty", "wyjazdy", "projekty", "nagrody", "miasta-partnerskie", "organizacje")


def _folder(build: BuildResult) -> Path:
    return build.outputs[0].parent


def _n(records: tuple[object, ...] | None) -> int:
    """How many records a kind has (the test years have every sheet)."""
    assert records is not None
    return len(records)


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"dane-{DEMO_YEAR}" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _invalid(report: frictionless.Report) -> list[str]:
    return [error.message for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


@pytest.mark.parametrize("build", ["demo_build", "full_build"])
def test_frictionless_finds_the_package_and_its_zip_valid(
    build: str, request: pytest.FixtureRequest
) -> None:
    folder = _folder(request.getfixturevalue(build))
    for path in (folder / f"dane-{DEMO_YEAR}" / "datapackage.json", folder / "dane-2025.zip"):
        report = frictionless.validate(str(path))
        assert report.valid, _invalid(report)
        assert {task.name for task in report.tasks} >= set(KINDS)


def _section(build: BuildResult, anchor: str) -> Section:
    assert build.check.data is not None
    document = build_document(build.check.data)
    return next(s for s in document.sections if s.anchor == anchor)


def _report_rows(build: BuildResult, anchor: str) -> list[tuple[str, ...]]:
    """The rows of the report's table of visits or trips (months as group rows; a long
    list in tables of whole months), as plain text."""
    section = _section(build, anchor)
    title = cell(section.title)
    tables = [
        b
        for b in section.blocks
        if isinstance(b, Table) and b.caption and cell(b.caption).startswith(title)
    ]
    return [tuple(cell(c) for c in row) for table in tables for row in table.rows]


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _as_reported(row: dict[str, str], who: str, last: str) -> tuple[str, ...]:
    """A CSV row as the report's table shows it, with the report's formatting."""
    start = _day(row["Data od"])
    assert start is not None
    place = f"{row['Miasto']} ({row['Kraj']})" if row["Miasto"] else row["Kraj"]
    if last == "Liczba osób":
        extra = format_number(int(row[last])) if row[last] else "—"
    else:
        assert row["Waluta"] == ("PLN" if row[last] else "")
        extra = format_amount(Decimal(row[last])) if row[last] else "—"
    cells = (
        f"{row['Lp.']}.",
        format_date_range(start, _day(row["Data do"])),
        place,
        row[who],
        row["Cel"],
        extra,
    )
    return tuple(cell(typeset(c)) for c in cells)  # typography as every table cell has it


@pytest.mark.parametrize("build", ["demo_build", "full_build"])
@pytest.mark.parametrize(
    ("name", "who", "last"),
    [("wizyty", "Goście", "Liczba osób"), ("wyjazdy", "Skład delegacji", "Koszt")],
)
def test_every_row_of_the_report_is_a_row_of_the_csv_and_back(
    build: str, name: str, who: str, last: str, request: pytest.FixtureRequest
) -> None:
    result: BuildResult = request.getfixturevalue(build)
    rows = _rows(_folder(result), name)
    reported = _report_rows(result, name)
    assert reported  # both fixture years have visits and trips
    assert [_as_reported(row, who, last) for row in rows] == reported


@pytest.mark.parametrize("build", ["demo_build", "full_build"])
def test_the_counts_are_the_reports(build: str, request: pytest.FixtureRequest) -> None:
    result: BuildResult = request.getfixturevalue(build)
    year = result.check.data
    assert year is not None
    folder = _folder(result)
    counts = {name: len(_rows(folder, name)) for name in KINDS}
    assert counts == {
        "wizyty": _n(year.visits),
        "wyjazdy": _n(year.trips),
        "projekty": _n(year.projects),
        "nagrody": _n(year.awards),
        "miasta-partnerskie": _n(year.partners),
        "organizacje": _n(year.organizations),
    }
    kept = {sheet: tally.kept for sheet, tally in result.check.tallies.items()}
    for sheet, name in (("Wizyty", "wizyty"), ("Wyjazdy", "wyjazdy"), ("Nagrody", "nagrody")):
        assert counts[name] == kept[sheet], sheet
    # the demo merges a trip reported by two departments: in the data once
    if build == "demo_build":
        assert result.check.tallies["Wyjazdy"].duplicates == 1


def test_the_plan_and_its_realisation_are_the_reports(full_build: BuildResult) -> None:
    year = full_build.check.data
    assert year is not None
    plan = _rows(_folder(full_build), "plan")
    assert [row["Działanie"] for row in plan] == [item.action for item in year.plan or ()]
    section = _section(full_build, "plan")
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    assert [cell(r[1]) for r in table.rows] == [cell(typeset(row["Działanie"])) for row in plan]
    assert year.previous_plan
    done = _rows(_folder(full_build), "realizacja-planu")
    realised = _section(full_build, "realizacja-planu")
    (table,) = [b for b in realised.blocks if isinstance(b, Table)]
    assert [(cell(r[1]), cell(r[4]), cell(r[5])) for r in table.rows] == [
        (
            cell(typeset(row["Działanie"])),
            cell(typeset(row["Realizacja"] or NO_INFORMATION)),
            cell(typeset(row["Opis"] or "—")),
        )
        for row in done
    ]
    assert {row["Realizacja"] for row in done} > {""}  # some stated, some not


def test_the_zip_is_the_folder_deterministic_and_dated_by_the_metryczka(
    demo_build: BuildResult,
) -> None:
    folder = _folder(demo_build)
    data = (folder / "dane-2025.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(2026, 3, 13, 12, 0, 0)}  # Data wytworzenia
        for name in names:
            assert archive.read(name) == (folder / "dane-2025" / name).read_bytes()
    assert sorted(p.name for p in (folder / "dane-2025").iterdir()) == names
    assert demo_build.check.data is not None
    assert data_package(demo_build.check.data).zip == data  # the same bytes when made again


def _descriptor(folder: Path) -> dict[str, Any]:
    path = folder / f"dane-{DEMO_YEAR}" / "datapackage.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def test_every_column_is_described_in_polish_with_its_type(demo_build: BuildResult) -> None:
    package = _descriptor(_folder(demo_build))
    assert package["miasto"] == "Kalisz" and package["rok"] == DEMO_YEAR
    assert "Kalisza" in package["title"] and "licenses" not in package  # none set: no claim
    fields = {
        (r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]
    }
    for field in fields.values():
        assert field["title"] and field["description"].endswith(".")
    assert fields[("wizyty", "Data od")]["type"] == "date"
    assert fields[("wizyty", "Liczba osób")]["type"] == "integer"
    assert fields[("wyjazdy", "Koszt")]["type"] == "number"
    assert fields[("wizyty", "Dziedzina")]["constraints"]["enum"][:2] == ["samorząd", "kultura"]
    assert "mieszane" in fields[("wyjazdy", "Źródło finansowania")]["constraints"]["enum"]
    assert fields[("wizyty", "Goście")]["constraints"]["required"] is True
    assert fields[("nagrody", "Rok")]["type"] == "year"


def test_the_package_carries_no_column_the_report_does_not_show(full_build: BuildResult) -> None:
    package = _descriptor(_folder(full_build))
    headers = {f["name"] for r in package["resources"] for f in r["schema"]["fields"]}
    assert not headers & {"Zgłasza", "Miejscownik", "Do roku"}
    partners = next(r for r in package["resources"] if r["name"] == "miasta-partnerskie")
    assert "Uwagi" not in {f["name"] for f in partners["schema"]["fields"]}
    year = full_build.check.data
    assert year is not None
    reporters = {e.reported_by for e in year.events if e.reported_by}
    assert reporters  # the generated year names who reported its events …
    cells = {
        value
        for path in (_folder(full_build) / "dane-2025").glob("*.csv")
        for row in _rows(_folder(full_build), path.stem)
        for value in row.values()
    }
    # … and none of them is in the data, unless it is also an implementer the report names
    implementers = {e.implementer for e in year.events if e.implementer}
    assert cells and not cells & (reporters - implementers)


def test_a_kind_without_its_sheet_has_no_file_an_empty_sheet_an_empty_one(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    write_registry(inputs)
    write_year(inputs, 2025, wizyty=[visit(2025)], wyjazdy=[])  # no Projekty, Nagrody, Plan
    result = check_year(inputs, 2025)
    assert result.ok and result.data is not None
    files = data_package(result.data).files
    assert "projekty.csv" not in files and "nagrody.csv" not in files and "plan.csv" not in files
    assert files["wyjazdy.csv"].decode().splitlines() == [
        "Lp.,Data od,Data do,Miasto,Kraj,Kod kraju,Skład delegacji,Cel,Dziedzina,Koszt,Waluta,"
        "Źródło finansowania,Realizator"
    ]
    assert len(files["wizyty.csv"].decode().splitlines()) == 2
    names = [r["name"] for r in json.loads(files["datapackage.json"])["resources"]]
    assert names == ["wizyty", "wyjazdy", "miasta-partnerskie", "organizacje"]


def test_a_licence_in_the_registry_is_claimed_and_valid(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    write_registry(inputs, city={**CITY, "Licencja": "CC BY 4.0"})
    write_year(inputs, 2025)
    result = check_year(inputs, 2025)
    assert result.ok and result.data is not None
    package = data_package(result.data)
    meta = json.loads(package.files["datapackage.json"])
    assert meta["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Uznanie autorstwa 4.0 Międzynarodowe",
        }
    ]
    (tmp_path / "dane.zip").write_bytes(package.zip)
    report = frictionless.validate(str(tmp_path / "dane.zip"))
    assert report.valid, _invalid(report)


@pytest.mark.parametrize(("records", "seed"), [(12, 1), (150, 7), (400, 2025)])
def test_generated_years_give_valid_packages(records: int, seed: int, tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "inputs", records, 2025, seed)
    result = check_year(inputs.path, 2025)
    assert result.ok and result.data is not None
    package = data_package(result.data)
    folder = tmp_path / package.folder
    folder.mkdir()
    for name, data in package.files.items():
        (folder / name).write_bytes(data)
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, _invalid(report)
    rows = {t.name: t.stats["rows"] for t in report.tasks}
    year = result.data
    assert (rows["wizyty"], rows["wyjazdy"], rows["projekty"], rows["nagrody"]) == (
        _n(year.visits),
        _n(year.trips),
        _n(year.projects),
        _n(year.awards),
    )


def test_build_data_alone_writes_the_package_and_the_manifest(
    demo_build: BuildResult, demo_inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ["build", "--inputs", str(demo_inputs), "--output", str(out), "--format", "data"]
    assert main(args) == 0
    folder = out / str(DEMO_YEAR)
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    full = _folder(demo_build)
    expected = sorted(
        p.relative_to(full).as_posix()
        for p in full.rglob("*")
        if p.is_file() and (p.parent.name == "dane-2025" or p.name in ("dane-2025.zip",))
    )
    assert written == sorted([*expected, "manifest.json"])
    for name in expected:
        assert (folder / name).read_bytes() == (full / name).read_bytes(), name
