"""Absence is not a fact: a sheet missing from the inputs is data not given, and the report
says so; only an existing, empty sheet states „nie …”. One case of each per optional sheet.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from reports.checking.check import Report, check_year
from reports.document.build import build_document
from reports.document.model import BulletList, Document, Figure, Paragraph, Section, Table
from reports.domain.year import Year
from reports.inputs.problems import Severity
from reports.pipeline import BuildResult, generate, output_path
from tests.pdftext import pdf_text
from tests.workbooks import (
    CITY,
    ORGANIZATION_HEADERS,
    PARTNER_HEADERS,
    PARTNERS,
    fields,
    table,
    trip,
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


def _registry(
    inputs: Path,
    *,
    organizations: list[dict[str, Any]] | None,
    partners: list[dict[str, Any]] | None = PARTNERS,
) -> None:
    sheets: dict[str, Any] = {"Miasto": fields(CITY)}
    if partners is not None:
        sheets["Miasta partnerskie"] = table(PARTNER_HEADERS, partners)
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
    warnings = [p for p in result.problems if p.code == "organizations-sheet-missing"]
    if given:
        assert text == f"W {YEAR} r. miasto nie należało do organizacji międzynarodowych."
        assert not warnings
        return
    assert text == "Brak danych o członkostwie w organizacjach międzynarodowych."
    (warning,) = warnings  # raport check says what the report will say, and how to change it
    assert warning.severity is Severity.WARNING and result.ok
    assert (warning.file, warning.sheet) == ("rejestr.xlsx", "Organizacje")
    assert "Brak arkusza „Organizacje”" in warning.message
    assert "„Brak danych o członkostwie w organizacjach międzynarodowych”" in warning.message
    assert "z kolumnami „Nazwa”, „Od roku”;" in warning.message


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


# --- earlier years: a sheet missing from an earlier year is unknown there, not 0 ----------

#: The 2024 workbook of each case: its visits and trips (None: the sheet left out).
EARLIER = {
    "no-visits": (None, [trip(YEAR - 1)]),
    "no-trips": ([visit(YEAR - 1)], None),
    "empty": ([], []),
}
#: What the report says of the one kind 2024 does not give: (the comparison's label,
#: the phrase after „brak danych”).
UNKNOWN = {
    "no-visits": ("Wizyty delegacji zagranicznych", "o wizytach delegacji zagranicznych"),
    "no-trips": ("Wyjazdy zagraniczne", "o wyjazdach zagranicznych"),
}
#: Preston has no joint activity in any year: quiet through 2023–2025 only when 2024 gives
#: every kind of joint activity.
DORMANT = "Preston (Wielka Brytania; brak wspólnych działań od 2023 r.)"
LEFT_OUT = "Na wykresie pominięto 2024 r. (brak danych {})."


def _three_years(inputs: Path, case: str) -> None:
    """2023 and 2025 with every record sheet; 2024 as the case has it."""
    _registry(inputs, organizations=[])
    for n in (YEAR - 2, YEAR):
        write_year(inputs, n, wizyty=[visit(n)], wyjazdy=[trip(n)], projekty=[], nagrody=[])
    visits, trips = EARLIER[case]
    write_year(inputs, YEAR - 1, wizyty=visits, wyjazdy=trips, projekty=[], nagrody=[])


def _rows(table: Table) -> dict[str, tuple[str, ...]]:
    return {_plain(row[0]): tuple(_plain(cell) for cell in row[1:]) for row in table.rows}


def _figure_section(document: Document, anchor: str) -> Section:
    summary = _section(document, "podsumowanie")
    return next(s for s in summary.subsections if s.anchor == anchor)


@pytest.mark.parametrize("case", list(EARLIER))
def test_an_earlier_year_without_a_sheet_is_unknown_not_zero(tmp_path: Path, case: str) -> None:
    _three_years(tmp_path, case)
    result = check_year(tmp_path, YEAR)
    assert result.data is not None, result.problems
    document = build_document(result.data)
    summary = _section(document, "podsumowanie")
    rows = _rows(next(b for b in summary.blocks if isinstance(b, Table)))
    by_year = _figure_section(document, "wykres-lata")
    figure = next(b for b in by_year.blocks if isinstance(b, Figure))
    years = _rows(next(b for b in by_year.blocks if isinstance(b, Table)))
    fields = _figure_section(document, "wykres-dziedziny")
    compared = _plain(next(b for b in fields.blocks if isinstance(b, Table)).caption or "")
    quiet = _text(_section(document, "wspolpraca"))
    if case == "empty":  # a real 0: compared, charted, and a quiet year
        assert rows["Wizyty delegacji zagranicznych"] == ("0", "1", "+1")
        assert rows["Wyjazdy zagraniczne"] == ("0", "1", "+1")
        assert rows["Kraje wizyt i wyjazdów"] == ("0", "2", "+2")
        assert years["2024 r."] == ("0", "0", "0")
        assert figure.chart.categories == ("2023", "2024", "2025")
        assert "pominięto" not in figure.caption + figure.alt
        assert "w porównaniu z 2024 r." in compared
        assert DORMANT in quiet
        return
    label, about = UNKNOWN[case]
    assert rows[label] == ("brak danych", "1", "—")
    assert rows["Kraje wizyt i wyjazdów"] == ("brak danych", "2", "—")
    given = "Wyjazdy zagraniczne" if case == "no-visits" else "Wizyty delegacji zagranicznych"
    assert rows[given] == ("1", "1", "bez zmian")
    measure = "Koszt" if case == "no-trips" else "Goście"
    (row,) = [cells for name, cells in rows.items() if name.startswith(measure)]
    assert row[0] == "brak danych" and row[2] == "—"
    assert "brak danych" in years["2024 r."] and years["2024 r."][2] == "—"
    assert figure.chart.categories == ("2023", "2025")
    assert _plain(LEFT_OUT.format(about)) in _plain(figure.caption)
    assert _plain(f"pominięto 2024 r. (brak danych {about})") in _plain(figure.alt)
    assert "porównaniu" not in compared  # no sum of 2024 to compare the fields with
    assert "Preston (Wielka Brytania)" in quiet and "brak wspólnych działań od" not in quiet


def _figure_alts(reader: PdfReader) -> list[str]:
    """The /Alt of every /Figure of a tagged PDF's structure tree."""
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get") and "/K" in node:
            if node.get("/S") == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            walk(node["/K"])

    root: Any = reader.trailer["/Root"]
    walk(root["/StructTreeRoot"])
    return alts


def _output_texts(build: BuildResult) -> dict[str, str]:
    """Each published file's text with its charts' alternative texts: the DOCX's XML
    (its pictures' ``descr``), the PDF's tagged text (a figure's /Alt), the HTML source."""
    out, year = build.outputs[0].parent.parent, build.check.year
    with zipfile.ZipFile(output_path(out, year, "docx")) as package:
        xml = " ".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))
    docx = re.sub(r"<[^>]+>", " ", re.sub(r'descr="([^"]*)"', r"> \1 <", xml))
    data = output_path(out, year, "pdf").read_bytes()
    pdf = " ".join([pdf_text(data), *_figure_alts(PdfReader(io.BytesIO(data)))])
    page = re.sub(r"<[^>]+>", " ", output_path(out, year, "html").read_text(encoding="utf-8"))
    return {
        fmt: _plain(html.unescape(text)).replace("\u00ad", "")
        for fmt, text in (("docx", docx), ("pdf", pdf), ("html", page))
    }


@pytest.mark.parametrize("case", ["no-visits", "empty"])
def test_the_outputs_say_what_an_earlier_year_does_not_give(tmp_path: Path, case: str) -> None:
    _three_years(tmp_path / "inputs", case)
    build = generate(tmp_path / "inputs", YEAR, tmp_path / "output", parallel=False)
    assert build.ok, build.check.problems
    left_out = _plain(LEFT_OUT.format(UNKNOWN["no-visits"][1]))
    for fmt, text in _output_texts(build).items():
        if case == "empty":
            assert "pominięto" not in text and DORMANT in text, fmt
            continue
        assert "Wizyty delegacji zagranicznych brak danych 1 —" in text, fmt
        assert left_out in text, fmt
        assert "pominięto 2024 r. (brak danych o wizytach delegacji zagranicznych);" in text, fmt
        assert "brak wspólnych działań od" not in text, fmt


# --- the registry: no sheet „Miasta partnerskie” is no data on partners, not „none” --------

PARTNERS_NOT_GIVEN = "Brak danych o miastach partnerskich i zaprzyjaźnionych."


def _partners(inputs: Path, given: bool) -> Report:
    """A registry with an empty sheet of partners (given) or none; a year with one visit
    from a city that is not a partner."""
    _registry(inputs, organizations=[], partners=[] if given else None)
    write_year(inputs, YEAR, wizyty=[visit(Miasto="Berlin", Kraj="DE")])
    return check_year(inputs, YEAR)


@pytest.mark.parametrize("given", [True, False], ids=["empty", "missing"])
def test_a_registry_without_partners_sheet_gives_no_data_on_partners(
    tmp_path: Path, given: bool
) -> None:
    result = _partners(tmp_path, given)
    assert result.ok and result.data is not None, result.problems
    assert (result.data.partners is not None) == given
    warnings = [p for p in result.problems if p.code == "partners-sheet-missing"]
    document = build_document(result.data)
    partners = _text(_section(document, "miasta-partnerskie"))
    cooperation = _text(_section(document, "wspolpraca"))
    everything = " ".join(_text(s) for s in document.sections)
    if given:
        assert not warnings
        assert partners == f"W {YEAR} r. miasto nie miało miast partnerskich ani zaprzyjaźnionych."
        assert cooperation == f"W {YEAR} r. miasto nie miało miast partnerskich."
        return
    (warning,) = warnings
    assert warning.severity is Severity.WARNING
    assert (warning.file, warning.sheet) == ("rejestr.xlsx", "Miasta partnerskie")
    assert "Brak arkusza „Miasta partnerskie”" in warning.message
    assert "„Miasto”, „Kraj”, „Rodzaj”, „Data podpisania”" in warning.message
    assert partners == cooperation == PARTNERS_NOT_GIVEN
    assert "nie miało" not in everything


def test_the_outputs_say_the_partners_were_not_given(tmp_path: Path) -> None:
    assert _partners(tmp_path / "inputs", given=False).ok
    build = generate(tmp_path / "inputs", YEAR, tmp_path / "output", parallel=False)
    assert build.ok, build.check.problems
    for fmt, text in _output_texts(build).items():
        assert text.count(PARTNERS_NOT_GIVEN) == 2, fmt  # the partners' part and part 10
        assert "nie miało miast" not in text, fmt
    package = build.outputs[0].parent / f"dane-{YEAR}"
    assert (package / "wizyty.csv").is_file()
    assert not (package / "miasta-partnerskie.csv").exists()  # no file that would say „none”


# --- the current year without visits or trips: its charts show only the kind given ----

#: The year's visits and trips of each case (None: the sheet left out): two of the one
#: kind, in March (Lyon, Francja) and in another month and country, of one field.
CURRENT: dict[str, tuple[list[dict[str, Any]] | None, list[dict[str, Any]] | None]] = {
    "no-visits": (None, [trip(), trip(Data_od=date(YEAR, 3, 2), Miasto="Lyon", Kraj="FR")]),
    "no-trips": ([visit(), visit(Data_od=date(YEAR, 3, 2), Miasto="Lyon", Kraj="FR")], None),
    "neither": (None, None),
    "empty": ([visit(), visit(Data_od=date(YEAR, 3, 2), Miasto="Lyon", Kraj="FR")], []),
}
CHARTS = ("wykres-miesiace", "wykres-kraje", "wykres-dziedziny")
BOTH_NOT_GIVEN = "Brak danych o wizytach delegacji zagranicznych oraz o wyjazdach zagranicznych."


def _current(inputs: Path, case: str) -> None:
    _registry(inputs, organizations=[])
    visits, trips = CURRENT[case]
    write_year(inputs, YEAR, wizyty=visits, wyjazdy=trips, projekty=[], nagrody=[])


def _given(case: str) -> tuple[str, str, str]:
    """The kind the case gives (the series' and column's name, after „liczba”) and what
    „Brak danych o …” names of the other."""
    if case == "no-visits":
        return "Wyjazdy", "wyjazdów", "o wizytach delegacji zagranicznych"
    return "Wizyty", "wizyt", "o wyjazdach zagranicznych"


@pytest.mark.parametrize("case", list(CURRENT))
def test_a_chart_of_the_year_shows_only_the_kinds_given(tmp_path: Path, case: str) -> None:
    _current(tmp_path, case)
    result = check_year(tmp_path, YEAR)
    assert result.data is not None, result.problems
    summary = _section(build_document(result.data), "podsumowanie")
    if case == "neither":  # no chart at all: the sentence stands alone
        assert summary.subsections == ()
        assert _text(summary).endswith(BOTH_NOT_GIVEN)
        return
    charts = {s.anchor: s for s in summary.subsections}
    assert tuple(charts) == CHARTS
    for anchor in CHARTS:
        section = charts[anchor]
        figure = next(b for b in section.blocks if isinstance(b, Figure))
        table = next(b for b in section.blocks if isinstance(b, Table))
        names = [s.name for s in figure.chart.series]
        columns = [_plain(c.label).split(" ")[0] for c in table.columns][1:]  # „Razem 2025 r.”
        alt, caption = _plain(figure.alt), _plain(figure.caption)
        if case == "empty":  # a real 0: both kinds charted, the trips' zeros stated
            assert names == ["Wizyty", "Wyjazdy"] and columns == ["Wizyty", "Wyjazdy", "Razem"]
            assert all(_plain(row[2]) == "0" for row in table.rows), anchor
            assert "brak danych" not in (alt + caption).casefold(), anchor
            assert "liczba wizyt i wyjazdów" in alt
            assert _plain(section.title).startswith("Wizyty i wyjazdy"), anchor
            continue
        kind, counted, about = _given(case)
        assert names == [kind] and columns == [kind], anchor
        assert all(len(row) == 2 for row in table.rows), anchor
        assert _plain(section.title).startswith(f"{kind} "), anchor
        assert caption.endswith(f"(liczby w tabeli poniżej). Brak danych {about}."), anchor
        assert f"liczba {counted} " in alt and f"; brak danych {about}; najwięcej {counted}" in alt
        assert not re.search(r"\d (wizyt|wyjazd)", alt), alt  # numbers of the one kind alone
    cooperation = _section(build_document(result.data), "wspolpraca")
    partners = next(b for b in cooperation.blocks if isinstance(b, Table))
    columns = [_plain(c.label) for c in partners.columns][2:]  # after Lp., Miasto (kraj)
    given = ["Wizyty", "Wyjazdy"] if case == "empty" else [_given(case)[0]]
    assert columns == [*given, "Projekty", "Razem"]
    fields = next(b for b in charts["wykres-dziedziny"].blocks if isinstance(b, Figure))
    if case == "empty":
        assert "najwięcej działań: „kultura” (2 wizyty, 0 wyjazdów)" in _plain(fields.alt)
    else:
        field = "samorząd" if case == "no-visits" else "kultura"
        assert f"najwięcej {_given(case)[1]}: „{field}” (2)." in _plain(fields.alt)


def _docx_series(path: Path) -> list[list[str]]:
    """The series' names of each native chart of a DOCX, in the order of its parts."""
    with zipfile.ZipFile(path) as package:
        charts = sorted(
            n for n in package.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)
        )
        xml = [package.read(name).decode() for name in charts]
    return [
        re.findall(r"<c:ser>.*?<c:tx>.*?<c:v>([^<]*)</c:v>", part, flags=re.DOTALL) for part in xml
    ]


@pytest.mark.parametrize("case", list(CURRENT))
def test_the_outputs_chart_only_the_kinds_given(tmp_path: Path, case: str) -> None:
    _current(tmp_path / "inputs", case)
    build = generate(tmp_path / "inputs", YEAR, tmp_path / "output", parallel=False)
    assert build.ok, build.check.problems
    texts = _output_texts(build)
    series = _docx_series(output_path(tmp_path / "output", YEAR, "docx"))
    page = output_path(tmp_path / "output", YEAR, "html").read_text(encoding="utf-8")
    if case == "neither":
        assert series == [] and "<svg" not in page
        for fmt, text in texts.items():
            assert BOTH_NOT_GIVEN in text and "Wykres" not in text, fmt
        return
    if case == "empty":
        assert series == [["Wizyty", "Wyjazdy"]] * 3
        for fmt, text in texts.items():
            assert "Miesiąc Wizyty Wyjazdy Razem styczeń 0 0 0" in text, fmt
            assert "najwięcej działań: „kultura” (2 wizyty, 0 wyjazdów)" in text, fmt
            assert "nie wyjeżdżały za granicę" in text and "brak danych o" not in text, fmt
        return
    kind, counted, about = _given(case)
    assert series == [[kind]] * 3  # one series, drawn in the kind's own style
    drawn = re.findall(r"<svg.*?</svg>", page, flags=re.DOTALL)  # each chart, wide and narrow
    assert len(drawn) == 6 and all(("<pattern" in svg) == (kind == "Wyjazdy") for svg in drawn)
    for fmt, text in texts.items():
        assert (
            f"Wykres 1. {kind} w poszczególnych miesiącach {YEAR} r. (liczby w tabeli " in text
        ), fmt
        assert f"poniżej). Brak danych {about}." in text, fmt
        assert f"Miesiąc {kind} styczeń 0 luty 0 marzec 1 kwiecień 0" in text, fmt
        assert f"Kraj {kind} Francja 1" in text, fmt
        assert f"Zgłaszający {kind} " in text, fmt  # the annex's table of who reported
        assert f"liczba {counted} według krajów w {YEAR} r.; brak danych {about};" in text, fmt
        assert "Wizyty i wyjazdy" not in text and not re.search(r"\b0 (wizyt|wyjazd)", text), fmt


@pytest.mark.parametrize("case", list(CURRENT))
def test_who_carried_out_the_events_names_only_the_kinds_given(tmp_path: Path, case: str) -> None:
    """The part on implementers and the annex's implementers name the kinds the year
    gives; with neither, the part says there is no data."""
    _registry(tmp_path, organizations=[])
    by = {"Realizator": "Teatr im. Wojciecha Bogusławskiego"}
    visits, trips = (
        None if rows is None else [{**row, **by} for row in rows] for rows in CURRENT[case]
    )
    write_year(tmp_path, YEAR, wizyty=visits, wyjazdy=trips, projekty=[], nagrody=[])
    result = check_year(tmp_path, YEAR)
    assert result.data is not None, result.problems
    document = build_document(result.data)
    implementers = _text(_section(document, "realizatorzy"))
    annex = _text(_section(document, "zrodla-danych"))
    if case == "neither":
        assert implementers.endswith(BOTH_NOT_GIVEN)
        return
    words = {"no-visits": "wyjazdy", "no-trips": "wizyty", "empty": "wizyty i wyjazdy"}[case]
    assert f"W {YEAR} r. {words} realizował" in implementers
    counted = {"no-visits": "wyjazdów", "no-trips": "wizyt", "empty": "wizyt i wyjazdów"}[case]
    assert f"Realizatorzy {counted}:" in annex
    other = {"no-visits": "wizyt", "no-trips": "wyjazd"}.get(case)
    if other is not None:
        assert other not in (implementers + annex).casefold(), (implementers, annex)
