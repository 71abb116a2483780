"""Realizacja planu: the officer's statuses of last year's plan, and nothing else.

From the cell (the statuses and the year a move names) through the check (warnings
that name the action and hint at the year's events), the merge of several
workbooks, the report's sentences, the blank workbook that lists the plan, to the
annotated copy that shows the hint next to the empty status.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from reports.checking.check import Report, check_year
from reports.document.build import build_document
from reports.document.model import Paragraph, Section, Table
from reports.domain.model import PlanOutcome, PlanStatus
from reports.inputs.schemas import REALIZACJA_PLANU
from reports.inputs.statuses import StatusCell
from reports.inputs.values import Invalid, convert
from reports.publish.annotate import PROBLEMS_SHEET, annotate_workbooks
from reports.publish.newbook import create_year_workbook, year_workbook
from tests.workbooks import Cell, plan_item, trip, visit, write_registry, write_year

YEAR = 2025
STATUS = REALIZACJA_PLANU.by_field("status")

#: Last year's plan: Erfurt in June (the default visit is in Erfurt, 9–10 June), Hamm in
#: May (no event), a sports action (none either).
PLAN = [
    plan_item(YEAR - 1, Działanie="Święto Miasta"),
    plan_item(YEAR - 1, Działanie="Forum w Hamm", Partner="Hamm", Termin="maj 2025"),
    plan_item(YEAR - 1, Działanie="Turniej", Partner=None, Termin=None, Dziedzina="sport"),
]


def _row(action: str, status: Cell = None, description: Cell = None) -> dict[str, Cell]:
    return {"Działanie": action, "Realizacja": status, "Opis": description}


def _check(
    tmp_path: Path,
    realizacja: list[dict[str, Cell]] | None,
    *,
    plan: list[dict[str, Cell]] | None = PLAN,
    more: dict[str, list[dict[str, Cell]]] | None = None,
) -> Report:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR - 1, plan=plan)
    write_year(tmp_path, YEAR, wizyty=[visit()], wyjazdy=[trip()], realizacja=realizacja)
    for name, rows in (more or {}).items():
        write_year(tmp_path, YEAR, name, metryczka=None, realizacja=rows)
    return check_year(tmp_path, YEAR)


def _codes(report: Report, code: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(p.sheet, p.row, p.column) for p in report.problems if p.code == code]


def _section(report: Report) -> Section:
    assert report.data is not None
    document = build_document(report.data)
    return next(s for s in document.sections if s.title.startswith("Realizacja planu"))


def _words(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u2060", "").split())


# --- the cell -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "status", "year"),
    [
        ("zrealizowano", PlanStatus.DONE, None),
        (" Zrealizowano  częściowo. ", PlanStatus.PARTLY, None),
        ("częściowo zrealizowano", PlanStatus.PARTLY, None),
        ("NIE ZREALIZOWANO", PlanStatus.NOT_DONE, None),
        ("przeniesiono na rok 2026", PlanStatus.MOVED, 2026),
        ("przeniesiono na 2026 r.", PlanStatus.MOVED, 2026),
        ("przeniesiono na następny rok", PlanStatus.MOVED, None),
    ],
)
def test_a_status_is_read_from_the_list_or_its_plain_variants(
    written: str, status: PlanStatus, year: int | None
) -> None:
    assert convert(written, STATUS) == StatusCell(status, year)


@pytest.mark.parametrize("written", ["w toku", "tak", "przeniesiono na później", "2026"])
def test_anything_else_is_not_a_status(written: str) -> None:
    found = convert(written, STATUS)
    assert isinstance(found, Invalid) and found.code == "plan-status-invalid"


def test_the_drop_down_names_the_year_a_move_goes_to() -> None:
    assert PlanStatus.choices(2025) == (
        "zrealizowano",
        "zrealizowano częściowo",
        "nie zrealizowano",
        "przeniesiono na rok 2026",
    )


# --- the check ----------------------------------------------------------------------------


def test_an_action_without_a_status_is_a_warning_with_the_events_that_might_match(
    tmp_path: Path,
) -> None:
    report = _check(tmp_path, [_row("Święto Miasta"), _row("Forum w Hamm", "zrealizowano")])
    assert report.ok
    missing = {
        p.message.split("„")[1].split("”")[0]: p
        for p in report.problems
        if p.code == "plan-status-missing"
    }
    assert sorted(missing) == ["Turniej", "Święto Miasta"]
    empty = missing["Święto Miasta"]
    # at the empty status cell, naming the action and the Erfurt visit of June as a hint
    assert (empty.file, empty.sheet, empty.row, empty.column) == (
        "2025/dane.xlsx",
        "Realizacja planu",
        2,
        "B",
    )
    assert "Wybierz w kolumnie „Realizacja”" in empty.message
    assert "„przeniesiono na rok 2026”" in empty.message
    assert "Podpowiedź" in empty.message
    assert "wizyta 9–10 czerwca 2025 r., Erfurt (Niemcy)" in empty.message
    # no row names the tournament: the warning points at the sheet, and no event fits it
    absent = missing["Turniej"]
    assert (absent.sheet, absent.row, absent.column) == ("Realizacja planu", None, None)
    assert "Dopisz w arkuszu „Realizacja planu” wiersz z tym działaniem" in absent.message
    assert "Żaden wpis tego roku nie pasuje do tego działania" in absent.message


def test_without_the_sheet_every_planned_action_is_a_warning_about_the_year(
    tmp_path: Path,
) -> None:
    report = _check(tmp_path, None)
    found = [p for p in report.problems if p.code == "plan-status-missing"]
    assert [(p.file, p.sheet) for p in found] == [("2025", "Realizacja planu")] * 3
    assert report.data is not None and report.data.realization == ()


def test_a_row_whose_action_is_not_in_the_plan_is_left_out_with_a_warning(
    tmp_path: Path,
) -> None:
    report = _check(
        tmp_path,
        [_row("Swięto miasta", "zrealizowano"), _row("Forum w Hamm", "nie zrealizowano")],
    )
    (p,) = [p for p in report.problems if p.code == "plan-status-unplanned"]
    assert (p.row, p.column, p.value) == (2, "A", "Swięto miasta")
    assert "Czy chodziło o „Święto Miasta”?" in p.message
    assert report.data is not None
    assert [o.action for o in report.data.realization] == ["Forum w Hamm"]


def test_a_move_to_another_year_than_the_next_is_an_error(tmp_path: Path) -> None:
    report = _check(tmp_path, [_row("Turniej", "przeniesiono na rok 2025")])
    assert _codes(report, "plan-status-year") == [("Realizacja planu", 2, "B")]
    assert not report.ok


def test_statuses_without_a_plan_last_year_are_a_warning_and_reach_no_report(
    tmp_path: Path,
) -> None:
    report = _check(tmp_path, [_row("Turniej", "zrealizowano")], plan=None)
    (p,) = [p for p in report.problems if p.code == "plan-status-no-plan"]
    assert "rok 2024 nie ma planu" in p.message
    assert report.data is not None and report.data.previous_plan is None
    titles = [s.title for s in build_document(report.data).sections]
    assert not any(t.startswith("Realizacja planu") for t in titles)


# --- several workbooks --------------------------------------------------------------------


def test_a_department_copy_that_only_lists_the_actions_merges_with_the_statuses(
    tmp_path: Path,
) -> None:
    listed = [_row(a) for a in ("Święto Miasta", "Forum w Hamm", "Turniej")]
    stated = [
        _row("Święto Miasta", "zrealizowano", "Delegacja Erfurtu."),
        _row("Forum w Hamm", "nie zrealizowano"),
        _row("Turniej", "przeniesiono na rok 2026"),
    ]
    report = _check(tmp_path, stated, more={"kultura.xlsx": listed})
    assert report.ok and not [p for p in report.problems if p.code.startswith("plan-status")]
    assert report.data is not None
    assert {o.action: o.status for o in report.data.realization} == {
        "Święto Miasta": PlanStatus.DONE,
        "Forum w Hamm": PlanStatus.NOT_DONE,
        "Turniej": PlanStatus.MOVED,
    }


def test_the_same_status_twice_merges_and_two_different_ones_conflict(tmp_path: Path) -> None:
    same = _check(
        tmp_path / "a",
        [_row("Turniej", "zrealizowano")],
        more={"b.xlsx": [_row("Turniej ", "Zrealizowano")]},
    )
    assert _codes(same, "record-duplicate") == [("Realizacja planu", 2, None)]
    assert same.data is not None and len(same.data.realization) == 1
    other = _check(
        tmp_path / "b",
        [_row("Turniej", "zrealizowano")],
        more={"b.xlsx": [_row("Turniej", "nie zrealizowano")]},
    )
    (conflict,) = [p for p in other.problems if p.code == "record-conflict"]
    assert (conflict.file, conflict.row) == ("2025/dane.xlsx", 2)  # b.xlsx is read first
    assert "Realizacja" in conflict.message
    assert not other.ok


# --- the report ---------------------------------------------------------------------------


def test_the_report_states_the_officers_words_and_nothing_inferred(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        [
            _row("Święto Miasta", "zrealizowano częściowo", "Bez koncertu – „Dni Erfurtu” w 2026."),
            _row("Turniej", None, "Szukamy partnera."),
        ],
    )
    section = _section(report)
    (lead,) = [b for b in section.blocks if isinstance(b, Paragraph)]
    assert _words(lead.text) == (
        "Plan na 2025 r. obejmował 3 działania. Zrealizowano częściowo 1 działanie. "
        "Dla 2 działań brak informacji o realizacji."
    )
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    assert [[_words(c) for c in r[4:]] for r in table.rows] == [
        # the description as typed, its capital and quotes kept
        ["zrealizowano częściowo", "Bez koncertu – „Dni Erfurtu” w 2026."],
        # the Erfurt visit of June is not taken as carrying out anything
        ["brak informacji o realizacji", "—"],
        ["brak informacji o realizacji", "Szukamy partnera."],
    ]


def test_with_no_status_at_all_the_report_says_none_was_given(tmp_path: Path) -> None:
    (lead,) = [b for b in _section(_check(tmp_path, None)).blocks if isinstance(b, Paragraph)]
    assert _words(lead.text) == (
        "Plan na 2025 r. obejmował 3 działania. Nie podano informacji o realizacji żadnego z nich."
    )


@pytest.mark.parametrize(
    ("statuses", "sentence"),
    [
        ([PlanStatus.NOT_DONE] * 2, "Nie zrealizowano 2 działań."),
        ([PlanStatus.MOVED] * 22, "Na rok 2026 przeniesiono 22 działania."),
        (
            [PlanStatus.DONE] * 5 + [PlanStatus.NOT_DONE],
            "Zrealizowano 5 działań i nie zrealizowano 1 działania.",
        ),
    ],
)
def test_each_count_takes_the_case_its_verb_asks_for(
    statuses: list[PlanStatus], sentence: str
) -> None:
    from reports.document.plan import realization_summary

    assert sentence in _words(realization_summary(YEAR, statuses))


def test_an_action_planned_twice_shares_one_statement() -> None:
    from reports.domain.model import PlanItem
    from reports.domain.plan import accounted

    plan = [PlanItem("Turniej", "Hamm"), PlanItem("turniej", "Erfurt"), PlanItem("Forum")]
    stated = PlanOutcome("TURNIEJ", PlanStatus.DONE)
    assert [o for _, o in accounted(plan, [stated])] == [stated, stated, None]


# --- the blank workbook -------------------------------------------------------------------


def test_the_blank_workbook_lists_last_years_actions_with_an_empty_status(
    tmp_path: Path,
) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR - 1, plan=[*PLAN, plan_item(YEAR - 1, Działanie="turniej ")])
    book = load_workbook(create_year_workbook(tmp_path, YEAR))
    ws = book["Realizacja planu"]
    # the required columns marked in the header row
    assert [str(c.value).removesuffix(" *") for c in ws[1]] == ["Działanie", "Realizacja", "Opis"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    # one row per action (one planned twice is listed once), the status left to the officer
    assert rows == [
        ["Święto Miasta", None, None],
        ["Forum w Hamm", None, None],
        ["Turniej", None, None],
    ]
    choice = next(
        dv
        for dv in ws.data_validations.dataValidation
        if str(dv.sqref).startswith("B2") and dv.type == "list"
    )
    assert choice.showErrorMessage
    column = choice.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    values = [c.value for c in book["Listy"][column][1:] if c.value]
    assert values == list(PlanStatus.choices(YEAR))
    assert any("Realizacja planu" in str(c.value) for c in book["Instrukcja"]["A"])


def test_the_filled_blank_workbook_reads_back_without_warnings(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR - 1, plan=PLAN)
    write_year(tmp_path, YEAR, "wydzial.xlsx", wizyty=[visit()])
    path = create_year_workbook(tmp_path, YEAR)
    book = load_workbook(path)
    # the new workbook leaves the Metryczka to the workbook that has one
    ws = book["Realizacja planu"]
    for number, status in enumerate(PlanStatus.choices(YEAR)[1:], start=2):
        ws.cell(number, 2, status)
    book.save(path)
    report = check_year(tmp_path, YEAR)
    assert report.ok, report.errors
    assert not [p for p in report.problems if p.code.startswith("plan-status")]
    assert report.data is not None
    assert [o.status for o in report.data.realization] == [
        PlanStatus.PARTLY,
        PlanStatus.NOT_DONE,
        PlanStatus.MOVED,
    ]


def test_without_a_plan_last_year_the_blank_workbook_has_no_such_sheet(tmp_path: Path) -> None:
    write_registry(tmp_path)
    write_year(tmp_path, YEAR - 1)
    assert "Realizacja planu" not in year_workbook(tmp_path, YEAR).sheetnames


# --- the annotated copy -------------------------------------------------------------------


def test_the_annotated_copy_shows_the_hint_next_to_the_empty_status(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    report = _check(inputs, [_row("Święto Miasta"), _row("Forum w Hamm", "zrealizowano")])
    (copy,) = annotate_workbooks(report, inputs, tmp_path / "poprawki")
    book = load_workbook(copy)
    comment = book["Realizacja planu"]["B2"].comment
    assert comment is not None
    assert "Brak informacji o realizacji działania „Święto Miasta”" in comment.text
    assert "wizyta 9–10 czerwca 2025 r., Erfurt (Niemcy)" in comment.text
    listed = [str(c.value) for c in book[PROBLEMS_SHEET]["F"] if c.value]
    assert any("„Turniej”" in text for text in listed)
