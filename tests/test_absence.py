"""Absence is not a fact: a sheet missing from the inputs is data not given, and the report
says so; only an existing, empty sheet states „nie …”. One case of each per optional sheet.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from reports.checking.check import check_year
from reports.document.build import build_document
from reports.document.model import BulletList, Document, Paragraph, Section, Table
from reports.domain.year import Year
from tests.workbooks import (
    CITY,
    ORGANIZATION_HEADERS,
    PARTNER_HEADERS,
    PARTNERS,
    fields,
    table,
    visit,
    write_workbook,
    write_year,
)

YEAR = 2025

#: sheet → (the year's field, its section's anchor, the words of „none”, of „not given”)
SHEETS = {
    "Wizyty": ("visits", "wizyty", "nie odbyły się wizyty", "Brak danych o wizytach"),
    "Wyjazdy": ("trips", "wyjazdy", "nie wyjeżdżały za granicę", "Brak danych o wyjazdach"),
    "Projekty": (
        "projects",
        "projekty",
        "nie realizowało projektów",
        "Brak danych o projektach",
    ),
    "Nagrody": ("awards", "nagrody", "nie otrzymało nagród", "Brak danych o nagrodach"),
    "Plan": ("plan", "plan", "Nie przygotowano planu", "Brak danych o planie"),
}
SUMMARY_NONE = {
    "Wizyty": "nie odbyła się żadna wizyta",
    "Wyjazdy": "nie wyjeżdżały za granicę",
    "Projekty": "nie realizowało projektów",
    "Nagrody": "nie otrzymało nagród",
}


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u2060", "")).strip()


def _text(section: Section) -> str:
    parts: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, BulletList):
            parts.extend(item.text for item in block.items)
    parts.extend(_text(sub) for sub in section.subsections)
    return _plain(" ".join(parts))


def _section(document: Document, anchor: str) -> Section:
    return next(s for s in document.sections if s.anchor == anchor)


def _registry(inputs: Path, *, organizations: list[dict[str, Any]] | None) -> None:
    sheets: dict[str, Any] = {
        "Miasto": fields(CITY),
        "Miasta partnerskie": table(PARTNER_HEADERS, PARTNERS),
    }
    if organizations is not None:
        sheets["Organizacje"] = table(ORGANIZATION_HEADERS, organizations)
    write_workbook(inputs / "rejestr.xlsx", sheets)


def _year(inputs: Path, sheet: str, given: bool) -> Year:
    """A year whose workbook has every sheet, ``sheet`` empty (given) or left out; the
    other record sheets hold one visit."""
    _registry(inputs, organizations=[])
    kinds: dict[str, Any] = {"wizyty": [visit()], "wyjazdy": [], "projekty": [], "nagrody": []}
    kinds["plan"] = []
    key = sheet.casefold()
    kinds[key] = [] if given else None
    write_year(inputs, YEAR, **kinds)
    result = check_year(inputs, YEAR)
    assert result.data is not None, result.problems
    return result.data


@pytest.mark.parametrize("sheet", list(SHEETS))
@pytest.mark.parametrize("given", [True, False], ids=["empty", "missing"])
def test_a_missing_sheet_is_not_given_an_empty_one_is_none(
    tmp_path: Path, sheet: str, given: bool
) -> None:
    field, anchor, none, not_given = SHEETS[sheet]
    year = _year(tmp_path, sheet, given)
    assert (getattr(year, field) is not None) == given
    document = build_document(year)
    section = _text(_section(document, anchor))
    everything = " ".join(_text(s) for s in document.sections)
    if given:
        assert none in section and not_given not in everything
    else:
        assert not_given in section and none not in everything
    summary = _section(document, "podsumowanie")
    if sheet in SUMMARY_NONE:
        assert (SUMMARY_NONE[sheet] in _text(summary)) == given
        if not given:
            assert not_given.replace("Brak danych", "") in _text(summary)


def test_a_kind_not_given_has_no_row_in_the_comparison(tmp_path: Path) -> None:
    year = _year(tmp_path, "Nagrody", given=False)
    summary = _section(build_document(year), "podsumowanie")
    comparison = next(b for b in summary.blocks if isinstance(b, Table))
    labels = [_plain(row[0]) for row in comparison.rows]
    assert "Nagrody i wyróżnienia" not in labels and "Projekty międzynarodowe" in labels


@pytest.mark.parametrize("given", [True, False], ids=["empty", "missing"])
def test_organizations_missing_from_the_registry_are_not_given(tmp_path: Path, given: bool) -> None:
    _registry(tmp_path, organizations=[] if given else None)
    write_year(tmp_path, YEAR, wizyty=[visit()])
    result = check_year(tmp_path, YEAR)
    assert result.data is not None
    assert (result.data.organizations is not None) == given
    text = _text(_section(build_document(result.data), "organizacje"))
    if given:
        assert text == f"W {YEAR} r. miasto nie należało do organizacji międzynarodowych."
    else:
        assert text == "Brak danych o członkostwie w organizacjach międzynarodowych."


def test_no_joint_activity_is_claimed_when_no_record_sheet_is_given(tmp_path: Path) -> None:
    _registry(tmp_path, organizations=[])
    write_year(tmp_path, YEAR)  # a Metryczka only
    result = check_year(tmp_path, YEAR)
    assert result.data is not None
    document = build_document(result.data)
    text = _text(_section(document, "wspolpraca"))
    assert "nie odnotowano" not in text
    assert text.startswith("Brak danych o wizytach delegacji zagranicznych, o wyjazdach")
    summary = _text(_section(document, "podsumowanie"))
    assert "nie " not in summary.replace("nie podano", ""), summary
