"""The partnership register, funding, implementers, the plan and the record of changes.

From the cells (new columns and their checks) through the matching rule of the
plan to the report's text in both formats and the BIP metryczka files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from reports.checking.check import Report, check_year
from reports.document.build import build_document
from reports.document.model import Document, Paragraph, Section, Table
from reports.domain.model import (
    AgreementDocument,
    Domain,
    FundingSource,
    Partner,
    PartnerKind,
    PartnerStatus,
    PlanItem,
    Term,
    Trip,
    Visit,
)
from reports.domain.plan import suggestions
from reports.inputs.schemas import MIASTA_PARTNERSKIE, PLAN
from reports.inputs.values import Invalid, convert
from reports.pipeline import BuildResult, output_path
from reports.polish.countries import Country, normalize_country
from reports.publish.bip import bip_record, render_metryczka_html, render_metryczka_txt
from reports.publish.newbook import create_year_workbook
from reports.render.docx.renderer import docx_text
from tests.pdftext import pdf_text
from tests.workbooks import (
    PARTNERS,
    Cell,
    plan_item,
    trip,
    visit,
    write_registry,
    write_year,
)

YEAR = 2025


def _country(code: str) -> Country:
    country = normalize_country(code)
    assert country is not None
    return country


DE = _country("DE")
SK = _country("SK")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u2060", "")).strip()


# --- cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("XXXI/207/04", "XXXI/207/04"),
        ("xxxi / 207 / 2004", "XXXI/207/2004"),
        ("Uchwała nr XII/150/10", "XII/150/10"),
        ("nr LXIX/0907/98", "LXIX/907/98"),
    ],
)
def test_a_resolution_number_is_read_in_its_one_form(written: str, read: str) -> None:
    assert convert(written, MIASTA_PARTNERSKIE.by_field("resolution")) == read


@pytest.mark.parametrize("written", ["207/2004", "XXXI/207", "IIII/1/04", "XXXI/207/4", "ABC/1/04"])
def test_a_resolution_in_another_form_is_an_error_in_polish(written: str) -> None:
    result = convert(written, MIASTA_PARTNERSKIE.by_field("resolution"))
    assert isinstance(result, Invalid) and result.code == "resolution-invalid"
    assert "XXXI/207/04" in result.message and written in result.message


@pytest.mark.parametrize(
    ("written", "term"),
    [
        (date(2026, 3, 15), Term(2026, 3, 15)),
        ("15.03.2026", Term(2026, 3, 15)),
        ("marzec 2026", Term(2026, 3)),
        ("03.2026", Term(2026, 3)),
        ("2026-11", Term(2026, 11)),
        (2026, Term(2026)),
        ("2026 r.", Term(2026)),
    ],
)
def test_a_plan_term_is_a_day_a_month_or_a_year(written: object, term: Term) -> None:
    assert convert(written, PLAN.by_field("term")) == term  # type: ignore[arg-type]


def test_an_unreadable_plan_term_is_an_error() -> None:
    result = convert("wiosna 2026", PLAN.by_field("term"))
    assert isinstance(result, Invalid) and result.code == "plan-term-invalid"


# --- checking -----------------------------------------------------------------------------


def _check(
    tmp_path: Path, partners: Sequence[Mapping[str, Cell]] | None = None, **sheets: Any
) -> Report:
    write_registry(tmp_path, partners=partners)
    write_year(tmp_path, YEAR, **sheets)
    return check_year(tmp_path, YEAR)


def test_the_register_columns_reach_the_partner(tmp_path: Path) -> None:
    partners = [
        {
            **PARTNERS[0],
            "Dokument": "Umowa partnerska",
            "Uchwała": "xxxi/207/04",
            "Zakres współpracy": "kultura; sport",
        },
        {**PARTNERS[1], "Data zakończenia": date(YEAR, 3, 1), "Status": "zawieszone"},
    ]
    result = _check(tmp_path, partners)
    assert result.ok, result.problems
    assert result.data is not None and result.data.partners is not None
    erfurt, hamm = (result.data.partners[i] for i in (0, 1))
    assert erfurt.document is AgreementDocument.AGREEMENT
    assert erfurt.resolution == "XXXI/207/04" and erfurt.scope == "kultura; sport"
    assert erfurt.status is None and erfurt.status_in(YEAR) is PartnerStatus.ACTIVE
    assert hamm.status_in(YEAR) is PartnerStatus.SUSPENDED
    assert hamm.status_in(YEAR - 1) is PartnerStatus.ACTIVE


def test_a_status_without_its_end_date_is_an_error(tmp_path: Path) -> None:
    result = _check(tmp_path, [{**PARTNERS[0], "Status": "zakończone"}])
    (p,) = [p for p in result.problems if p.code == "partner-status-conflict"]
    assert (p.sheet, p.row, p.column) == ("Miasta partnerskie", 2, "J")
    assert "Data zakończenia" in p.message
    assert result.tallies["Miasta partnerskie"].rejected == 1


def test_event_implementer_and_trip_funding_are_read(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        wizyty=[visit(Realizator="Teatr im. Bogusławskiego")],
        wyjazdy=[trip(Źródło_finansowania="Środki zewnętrzne", Realizator="Zespół Szkół nr 1")],
    )
    assert result.ok, result.problems
    assert result.data is not None and result.data.visits and result.data.trips
    assert result.data.visits[0].implementer == "Teatr im. Bogusławskiego"
    assert result.data.trips[0].funding is FundingSource.EXTERNAL
    assert result.data.trips[0].implementer == "Zespół Szkół nr 1"


@pytest.mark.parametrize(
    ("sheet", "changes"),
    [
        ("Miasta partnerskie", {"Dokument": "umowa ustna"}),
        ("Miasta partnerskie", {"Status": "uśpione"}),
        ("Wyjazdy", {"Źródło finansowania": "sponsor"}),
    ],
)
def test_a_value_outside_a_new_list_is_an_error(
    tmp_path: Path, sheet: str, changes: dict[str, str]
) -> None:
    if sheet == "Wyjazdy":
        (value,) = changes.values()
        result = _check(tmp_path, wyjazdy=[trip(Źródło_finansowania=value)])
    else:
        result = _check(tmp_path, [{**PARTNERS[0], **changes}])
    (p,) = [p for p in result.problems if p.code == "choice-invalid"]
    assert p.sheet == sheet and p.header == next(iter(changes))
    assert next(iter(changes.values())) in p.message
    assert result.data is None


def test_plan_rows_are_read_reconciled_and_take_the_registry_spelling(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        plan=[plan_item(YEAR, Partner="ERFURT"), plan_item(YEAR, Termin="2025", Partner="Hamm")],
    )
    (p,) = [p for p in result.problems if p.code == "plan-outside-year"]
    assert (p.sheet, p.row, p.column) == ("Plan", 3, "C")
    assert "2026" in p.message
    tally = result.tallies["Plan"]
    assert (tally.read, tally.kept, tally.rejected) == (2, 1, 1)


def test_last_years_plan_comes_with_this_year(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR, wizyty=[visit()], plan=[plan_item(YEAR)])
    write_year(tmp_path, YEAR - 1, plan=[plan_item(YEAR - 1, Partner="erfurt")])
    result = check_year(tmp_path, YEAR)
    assert result.data is not None
    assert result.data.plan == (
        PlanItem("wizyta delegacji na Święcie Miasta", "Erfurt", Term(2026, 6), Domain.CULTURE),
    )
    assert result.data.previous_plan is not None
    assert [i.partner for i in result.data.previous_plan] == ["Erfurt"]


def test_no_plan_sheet_last_year_means_no_accounting(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR)
    write_year(tmp_path, YEAR - 1)
    result = check_year(tmp_path, YEAR)
    assert result.data is not None and result.data.previous_plan is None
    titles = [s.title for s in build_document(result.data).sections]
    assert not any(t.startswith("Realizacja planu") for t in titles)
    assert "Plan współpracy na rok 2026" in titles


def test_the_record_of_changes_is_read_below_the_metryczka(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        changes=[[date(2026, 3, 25), "korekta", "Biuro"], ["20.03.2026", "publikacja", None]],
    )
    assert result.ok, result.problems
    assert result.data is not None
    changes = result.data.metryczka.changes
    assert [(c.date, c.description, c.who) for c in changes] == [
        (date(2026, 3, 20), "publikacja", None),
        (date(2026, 3, 25), "korekta", "Biuro"),
    ]


def test_a_bad_change_is_reported_at_its_cell(tmp_path: Path) -> None:
    result = _check(tmp_path, changes=[["kiedyś", "korekta", "Biuro"], [date(2026, 3, 1), None]])
    found = {(p.code, p.row, p.column) for p in result.problems}
    # fields on rows 2-6, an empty row, „Zmiany” on row 8, headers on 9, changes from 10
    assert ("date-invalid", 10, "A") in found
    assert ("value-required", 11, "B") in found
    assert result.data is None


def test_the_blank_workbook_takes_a_record_of_changes(tmp_path: Path) -> None:
    write_registry(tmp_path)
    path = create_year_workbook(tmp_path, YEAR)
    book = load_workbook(path)
    ws = book["Metryczka"]
    ws["B3"] = date(2026, 3, 13)  # Data wytworzenia: the officer's to type
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Data")
    ws.cell(header + 1, 1, date(2026, 3, 20))
    ws.cell(header + 1, 2, "publikacja w BIP")
    book["Plan"].append(["Dni Martina", "Martin", "11.2026", "samorząd", None])
    book.save(path)
    result = check_year(tmp_path, YEAR)
    assert result.ok, result.problems
    assert result.data is not None and result.data.plan is not None
    assert [c.description for c in result.data.metryczka.changes] == ["publikacja w BIP"]
    assert [i.term for i in result.data.plan] == [Term(2026, 11)]


def test_the_blank_workbook_has_the_new_drop_downs(tmp_path: Path) -> None:
    write_registry(tmp_path)
    book = load_workbook(create_year_workbook(tmp_path, YEAR))
    trips = book["Wyjazdy"]
    headers = [c.value for c in trips[1]]
    letter = trips.cell(1, headers.index("Źródło finansowania") + 1).column_letter
    lists = book["Listy"]
    choice = next(
        dv
        for dv in trips.data_validations.dataValidation
        if str(dv.sqref).startswith(f"{letter}2") and dv.type == "list"
    )
    column = choice.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    values = [c.value for c in lists[column][1:] if c.value]
    assert values == [str(f) for f in FundingSource]
    assert choice.showErrorMessage
    assert "Realizator" in headers and "Realizator" in [c.value for c in book["Wizyty"][1]]


# --- the hints: events that might have carried an action out --------------------------


def _visit(day: date, city: str, domain: Domain | None = None, end: date | None = None) -> Visit:
    return Visit(day, end, city, DE, f"cel {city}", domain, partner=city)


def test_a_planned_action_is_hinted_the_partners_events_in_its_month() -> None:
    june = _visit(date(2025, 6, 9), "Hamm")
    july = _visit(date(2025, 7, 1), "Hamm")
    assert suggestions(PlanItem("lipiec", "HAMM", Term(2025, 7)), [june, july]) == [july]
    assert suggestions(PlanItem("kiedykolwiek", "Hamm"), [july, june]) == [june, july]


def test_an_event_spanning_two_months_touches_both() -> None:
    trip = Trip(date(2025, 9, 30), date(2025, 10, 2), "Martin", SK, "festiwal", partner="Martin")
    assert suggestions(PlanItem("x", "Martin", Term(2025, 10)), [trip]) == [trip]
    assert suggestions(PlanItem("x", "Martin", Term(2025, 10, 5)), [trip]) == [trip]
    assert suggestions(PlanItem("x", "Martin", Term(2025, 11)), [trip]) == []


def test_without_a_partner_the_field_decides_and_without_both_nothing_is_hinted() -> None:
    sport = _visit(date(2025, 5, 1), "Hamm", Domain.SPORT)
    assert suggestions(PlanItem("bez niczego"), [sport]) == []
    assert suggestions(PlanItem("turniej", domain=Domain.SPORT), [sport]) == [sport]


def test_a_partner_matches_a_city_outside_the_registry_by_name() -> None:
    riga = Visit(date(2025, 4, 2), None, "Ryga", _country("LV"), "szkoły")
    assert suggestions(PlanItem("wymiana", "ryga "), [riga]) == [riga]
    assert suggestions(PlanItem("wymiana", "Wilno"), [riga]) == []


# --- the report ---------------------------------------------------------------------------


def _section(document: Document, title: str) -> Section:
    return next(s for s in document.walk() if _words(s.title) == title)


def _tables(section: Section) -> list[Table]:
    return [b for b in section.blocks if isinstance(b, Table)]


def _text(section: Section) -> str:
    return _words(" ".join(b.text for b in section.blocks if isinstance(b, Paragraph)))


@pytest.fixture(scope="module")
def document(full_build: BuildResult) -> Document:
    assert full_build.check.data is not None
    return build_document(full_build.check.data)


def test_the_outline_ends_with_the_new_sections(document: Document) -> None:
    titles = [_words(s.title) for s in document.sections]
    assert titles[-6:] == [
        "Współpraca z poszczególnymi miastami partnerskimi",
        "Udział instytucji i organizacji",
        "Realizacja planu na rok 2025",
        "Plan współpracy na rok 2026",
        "Metryczka",
        "Załącznik: Źródła danych",
    ]


def test_the_partner_table_shows_the_register(document: Document) -> None:
    (table,) = _tables(_section(document, "Miasta partnerskie i zaprzyjaźnione"))
    labels = [c.label for c in table.columns]
    assert labels == [
        "Lp.",
        "Miasto (kraj)",
        "Rodzaj",
        "Od kiedy",
        "Uchwała",
        "Zakres współpracy",
        "Status",
    ]
    assert abs(sum(c.width for c in table.columns) - 1) < 1e-9
    rows = {_words(r[1]): [_words(c) for c in r] for r in table.rows}
    assert rows["Sumy (Ukraina)"][2:] == [
        "miasto zaprzyjaźnione (karta przyjaźni)",
        "2010 r. (do 2025 r.)",
        "XII/150/2010",
        "współpraca szkół i teatrów",
        "zawieszone od 2025 r.",
    ]
    assert rows["Ptuj (Słowenia)"][2] == "list intencyjny"  # the document says nothing more
    assert rows["Ptuj (Słowenia)"][5] == "kultura, edukacja"
    assert rows["Erfurt (Niemcy)"][4:] == ["—", "—", "aktywne"]


def test_partner_subsections_and_summary_name_the_register(document: Document) -> None:
    # no joint activity with Sumy this year: named once among the quiet partners, not
    # in a subsection of its own (its register facts are in the partners' table)
    cooperation = _section(document, "Współpraca z poszczególnymi miastami partnerskimi")
    assert "Sumy (Ukraina" in _text(cooperation)
    assert "Sumy (Ukraina)" not in [_words(s.title) for s in cooperation.subsections]
    summary = _text(_section(document, "Podsumowanie"))
    assert "W 2025 r. zawieszono współpracę z miastem Sumy (Ukraina, od 2025 r.)." in summary
    assert "zakończono" not in summary


def test_a_partnership_without_activity_for_two_years_is_flagged(document: Document) -> None:
    (table,) = _tables(_section(document, "Miasta partnerskie i zaprzyjaźnione"))
    status = {_words(r[1]): _words(r[6]) for r in table.rows}
    # no joint activity with Kamieniec Podolski in 2024 or 2025 (both years checked)
    assert status["Kamieniec Podolski (Ukraina)"] == "aktywne; bez wspólnych działań od 2024 r."
    assert status["Martin (Słowacja)"] == "aktywne"
    assert status["Sumy (Ukraina)"] == "zawieszone od 2025 r."  # not flagged: suspended
    text = _text(_section(document, "Współpraca z poszczególnymi miastami partnerskimi"))
    assert "Kamieniec Podolski (Ukraina; brak wspólnych działań od 2024 r.)" in text


def test_trip_costs_are_split_by_funding_source(document: Document) -> None:
    section = _section(document, "Wyjazdy zagraniczne delegacji Miasta Kalisza")
    _, table = _tables(section)  # the trips, then their costs by source
    rows = [[_words(c) for c in r] for r in table.rows]
    assert rows == [
        ["budżet miasta", "2", "3500,50 zł"],
        ["strona zapraszająca", "1", "—"],
        ["Razem", "3", "3500,50 zł"],
    ]
    trips, _ = _tables(section)
    assert trips.groups  # the months are group rows of the one table of trips


def test_implementers_have_their_section(document: Document, full_build: BuildResult) -> None:
    section = _section(document, "Udział instytucji i organizacji")
    (table,) = _tables(section)
    year = full_build.check.data
    assert year is not None and year.visits is not None and year.trips is not None
    by_name = {_words(r[1]): r for r in table.rows}
    assert list(by_name) == ["Teatr im. Wojciecha Bogusławskiego", "Zespół Szkół nr 1"]
    theatre = [v for v in year.visits if v.implementer == "Teatr im. Wojciecha Bogusławskiego"]
    assert by_name["Teatr im. Wojciecha Bogusławskiego"][2] == str(len(theatre))
    school = _words(by_name["Zespół Szkół nr 1"][3])
    assert "6–8 listopada 2025 r. – wyjazd, Martin (Słowacja): Dni św. Marcina" in school
    without = sum(1 for e in year.events if not e.implementer)
    total = len(year.visits) + len(year.trips)
    assert f"Dla {without} z {total} wizyt i wyjazdów nie podano realizatora." in _text(section)


def test_last_years_plan_states_only_the_officers_statuses(document: Document) -> None:
    section = _section(document, "Realizacja planu na rok 2025")
    assert _text(section) == (
        "Plan na 2025 r. obejmował 5 działań. Zrealizowano 1 działanie, zrealizowano "
        "częściowo 1 działanie i na rok 2026 przeniesiono 1 działanie. Dla 2 działań brak "
        "informacji o realizacji."
    )
    (table,) = _tables(section)
    assert [c.label for c in table.columns][4:] == ["Realizacja", "Opis"]
    outcome = {_words(r[1]): [_words(c) for c in r[4:]] for r in table.rows}
    assert outcome == {
        "Dni św. Marcina": ["zrealizowano", "Delegacja szkół."],
        "Forum Erfurtu": ["przeniesiono na rok 2026", "—"],
        "Wizyta w Hamm": ["zrealizowano częściowo", "bez radnych"],
        # an empty status, and no row at all: nothing is inferred from the year's events
        "Turniej": ["brak informacji o realizacji", "—"],
        "Sesja rady": ["brak informacji o realizacji", "—"],
    }
    assert [r[3] for r in table.rows][:2] == ["listopad 2025", "marzec 2025"]


def test_next_years_plan_closes_the_report(document: Document) -> None:
    section = _section(document, "Plan współpracy na rok 2026")
    assert _text(section) == "Na 2026 r. zaplanowano 3 działania."
    (table,) = _tables(section)
    assert [[_words(c) for c in r[1:5]] for r in table.rows] == [
        ["Jubileusz partnerstwa", "Hamm", "11 czerwca 2026 r.", "kultura"],
        ["Wymiana młodzieży", "Szkoła w Rydze", "2026 r.", "kultura"],
        ["Targi turystyczne", "—", "marzec 2026", "—"],
    ]


def test_the_record_of_changes_is_in_the_report_and_the_bip_files(
    document: Document, full_build: BuildResult
) -> None:
    section = _section(document, "Rejestr zmian")
    assert section.level == 2
    (table,) = _tables(section)
    assert [[_words(c) for c in r] for r in table.rows] == [
        ["20 marca 2026 r.", "publikacja raportu", "—"],
        ["25 marca 2026 r.", "poprawka w tabeli wyjazdów", "Biuro Współpracy"],
    ]
    folder = full_build.outputs[0].parent
    txt = _words((folder / "metryczka-2025.txt").read_text())
    assert (
        "Rejestr zmian: 20 marca 2026 r. – publikacja raportu "
        "25 marca 2026 r. – poprawka w tabeli wyjazdów (Biuro Współpracy)"
    ) in txt
    html = (folder / "metryczka-2025.html").read_text()
    assert "<h3>Rejestr zmian</h3>" in html
    assert html.index("publikacja raportu") < html.index("poprawka")


def test_a_metryczka_without_changes_has_no_record(full_build: BuildResult) -> None:
    year = full_build.check.data
    assert year is not None
    from dataclasses import replace

    record = bip_record(2025, replace(year.metryczka, changes=()), 1000, 3)
    assert "Rejestr zmian" not in render_metryczka_txt(record)
    assert "Rejestr zmian" not in render_metryczka_html(record)


def test_both_formats_carry_the_new_sections(full_build: BuildResult) -> None:
    folder = full_build.outputs[0].parent
    pdf = _words(pdf_text(output_path(folder.parent, 2025, "pdf").read_bytes()))
    docx = _words(" ".join(docx_text(output_path(folder.parent, 2025, "docx").read_bytes())))
    for text in (pdf, docx):
        assert "Udział instytucji i organizacji" in text
        assert "Plan na 2025 r. obejmował 5 działań. Zrealizowano 1 działanie," in text
        assert "Dla 2 działań brak informacji o realizacji." in text
        assert "Na 2026 r. zaplanowano 3 działania." in text
        assert "Koszty wyjazdów w 2025 r. według źródła finansowania" in text
        assert "XII/150/2010" in text


def test_without_register_data_the_partner_table_keeps_its_plain_columns(tmp_path: Path) -> None:
    result = _check(tmp_path)
    assert result.data is not None
    document = build_document(result.data)
    (table,) = _tables(_section(document, "Miasta partnerskie i zaprzyjaźnione"))
    assert [c.label for c in table.columns] == ["Lp.", "Miasto", "Kraj", "Rodzaj", "Od kiedy"]
    assert [s.title for s in document.sections if s.title.startswith("Udział")]
    realizers = _text(_section(document, "Udział instytucji i organizacji"))
    # the year has no Wizyty nor Wyjazdy sheet: no data on them, not „none”
    assert realizers == (
        "Brak danych o wizytach delegacji zagranicznych oraz o wyjazdach zagranicznych."
    )


def test_a_status_follows_the_end_date_when_not_written() -> None:
    assert Partner("Hamm", DE, PartnerKind.PARTNER, 1991).status_in(2025) is PartnerStatus.ACTIVE
    ended = Partner("Hamm", DE, PartnerKind.PARTNER, 1991, ended=2020)
    assert ended.status_in(2025) is PartnerStatus.ENDED
    assert ended.status_in(2019) is PartnerStatus.ACTIVE
