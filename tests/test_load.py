"""Cell rules and sheet reading: cells → typed rows, without files (RawSheet in memory)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from reports.inputs.load import LoadedSheet, load_sheet
from reports.inputs.problems import Problem
from reports.inputs.schemas import (
    METRYCZKA,
    MIASTA_PARTNERSKIE,
    NAGRODY,
    ORGANIZACJE,
    PROJEKTY,
    WIZYTY,
    WYJAZDY,
    ColumnSpec,
    SheetSpec,
    normalize_header,
    sheet_spec,
)
from reports.inputs.values import Invalid, convert, parse_amount
from reports.inputs.xlsx import CellValue, ExcelError, FormulaWithoutValue, RawSheet
from tests.workbooks import VISIT_HEADERS


def _column(spec: SheetSpec, header: str) -> ColumnSpec:
    column = spec.column(header)
    assert column is not None, header
    return column


DATA_OD = _column(WIZYTY, "Data od")
LICZBA = _column(WIZYTY, "Liczba osób")
KOSZT = _column(WYJAZDY, "Koszt")
DZIEDZINA = _column(WIZYTY, "Dziedzina")
KRAJ = _column(WIZYTY, "Kraj")
CEL = _column(WIZYTY, "Cel")
PODPISANIA = _column(MIASTA_PARTNERSKIE, "Data podpisania")
OD_ROKU = _column(ORGANIZACJE, "Od roku")
WALUTA = _column(PROJEKTY, "Waluta")
PARTNERZY = _column(PROJEKTY, "Partnerzy")
WSTEP = _column(METRYCZKA, "Wstęp")


def _convert(value: CellValue | None, column: Any) -> Any:
    return convert(value, column)


def _code(value: CellValue | None, column: Any) -> str:
    result = convert(value, column)
    assert isinstance(result, Invalid), result
    return result.code


# -- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        datetime(2025, 3, 15),
        datetime(2025, 3, 15, 10, 30),
        date(2025, 3, 15),
        "15.03.2025",
        " 15.03.2025 ",
        "2025-03-15",
        "15 marca 2025",
        "15 marca 2025 r.",
    ],
)
def test_dates_in_every_accepted_form(value: CellValue) -> None:
    assert _convert(value, DATA_OD) == date(2025, 3, 15)


@pytest.mark.parametrize("value", ["32.13.2025", "marzec 2025", "15/03/2025", "jutro", 45000, 2025])
def test_anything_else_is_not_a_date(value: CellValue) -> None:
    assert _code(value, DATA_OD) == "date-invalid"


def test_a_number_in_a_date_cell_says_to_format_it_as_a_date() -> None:
    result = convert(45000, DATA_OD)
    assert isinstance(result, Invalid) and "format daty" in result.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1992, 1992),
        (1992.0, 1992),
        ("1992", 1992),
        (" 1992 ", 1992),
        ("11.06.1992", date(1992, 6, 11)),
    ],
)
def test_year_only_where_allowed(value: CellValue, expected: object) -> None:
    assert _convert(value, PODPISANIA) == expected


def test_a_year_is_not_a_full_date_where_one_is_required() -> None:
    assert _code("1992", DATA_OD) == "date-invalid"


@pytest.mark.parametrize(
    ("value", "expected"), [(2004, 2004), ("2004", 2004), (date(2004, 5, 1), 2004)]
)
def test_year_columns(value: CellValue, expected: int) -> None:
    assert _convert(value, OD_ROKU) == expected


@pytest.mark.parametrize("value", ["dawno", 20.5, 99999, "04"])
def test_not_a_year(value: CellValue) -> None:
    assert _code(value, OD_ROKU) == "year-invalid"


# -- text ----------------------------------------------------------------------


def test_text_is_trimmed_collapsed_and_nfc() -> None:
    decomposed = "Zaz\u0307o\u0301\u0142c\u0301"  # „Zażółć” with combining marks
    assert _convert(f"  {decomposed}\u00a0  gęślą\tjaźń ", CEL) == "Zażółć gęślą jaźń"


def test_the_intro_keeps_its_paragraphs() -> None:
    text = "  Pierwszy   akapit.\r\ndalej\n\n\n\n  Drugi akapit.  \n"
    assert _convert(text, WSTEP) == "Pierwszy akapit.\ndalej\n\nDrugi akapit."


def test_numbers_and_dates_in_text_columns_read_as_people_see_them() -> None:
    assert _convert(12.0, CEL) == "12"
    assert _convert(datetime(2025, 1, 2), CEL) == "02.01.2025"


def test_whitespace_only_is_empty() -> None:
    assert _convert("   \u00a0", CEL) is None


# -- numbers and amounts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"), [(12, 12), (12.0, 12), ("12", 12), ("1 200", 1200), (0, 0)]
)
def test_whole_numbers(value: CellValue, expected: int) -> None:
    assert _convert(value, LICZBA) == expected


@pytest.mark.parametrize("value", [2.5, "2,5", "dwanaście", "12 osób", True])
def test_not_whole_numbers(value: CellValue) -> None:
    assert _code(value, LICZBA) == "number-invalid"


@pytest.mark.parametrize("value", [-3, "-3", -1.0])
def test_negative_numbers(value: CellValue) -> None:
    assert _code(value, LICZBA) == "number-negative"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12500, Decimal("12500")),
        (12500.5, Decimal("12500.5")),
        (0.1 + 0.2, Decimal("0.30")),
        ("12 500,50", Decimal("12500.50")),
        ("12\u00a0500,50 zł", Decimal("12500.50")),
        ("12500.50", Decimal("12500.50")),
        ("1.250.000,00 PLN", Decimal("1250000.00")),
        ("1000 000,50 zł", Decimal("1000000.50")),
    ],
)
def test_amounts(value: CellValue, expected: Decimal) -> None:
    result = _convert(value, KOSZT)
    number = result[0] if isinstance(result, tuple) else result
    assert number == expected


@pytest.mark.parametrize("value", ["dużo", "12,5,5", "zł", "1 2 3", "1.250.5", "1.2500"])
def test_not_amounts(value: CellValue) -> None:
    assert _code(value, KOSZT) == "amount-invalid"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.500 zł", (Decimal("1500"), "PLN")),
        ("1.500", (Decimal("1500"), None)),
        ("1.5", (Decimal("1.5"), None)),
        ("12.50 EUR", (Decimal("12.50"), "EUR")),
        ("12,5 tys. zł", (Decimal("12500"), "PLN")),
        ("150 tys", (Decimal("150000"), None)),
        ("1,2 mln", (Decimal("1200000"), None)),
        ("1.5 mln zł", (Decimal("1500000"), "PLN")),
        ("2 mln EUR", (Decimal("2000000"), "EUR")),
        ("100 złotych", (Decimal("100"), "PLN")),
        ("100 euro", (Decimal("100"), "EUR")),
        ("100 chf", (Decimal("100"), "CHF")),
    ],
)
def test_amount_forms_officers_type(text: str, expected: tuple[Decimal, str | None]) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("value", ["10 abc", "150 tysięcy", "7 dolarów", "5 ABC."])
def test_a_word_after_an_amount_that_is_no_currency_is_rejected(value: str) -> None:
    result = convert(value, KOSZT)
    assert isinstance(result, Invalid) and result.code == "amount-invalid"
    assert "ISO" in result.message


def test_tys_and_mln_are_never_currencies() -> None:
    assert convert("150 tys", KOSZT) == Decimal("150000")
    assert convert("1,5 mln", KOSZT) == Decimal("1500000")


def test_negative_amount() -> None:
    assert _code(-100, KOSZT) == "number-negative"


def test_parse_amount_returns_the_currency_written_after_it() -> None:
    assert parse_amount("15 000 EUR") == (Decimal("15000"), "EUR")
    assert parse_amount("15 000 zł") == (Decimal("15000"), "PLN")
    assert parse_amount("15 000") == (Decimal("15000"), None)


@pytest.mark.parametrize(("value", "expected"), [("eur", "EUR"), (" PLN ", "PLN"), ("zł", "PLN")])
def test_currency_codes(value: str, expected: str) -> None:
    assert _convert(value, WALUTA) == expected


@pytest.mark.parametrize("value", ["MLN", "TYS", "ABC", "E1", "XXX", "euros"])
def test_only_real_currency_codes(value: str) -> None:
    assert _code(value, WALUTA) == "currency-invalid"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("29.02.2025", "2025 nie jest rokiem przestępnym"),
        ("31.04.2025", "kwiecień ma 30 dni"),
        ("2025-06-31", "czerwiec ma 30 dni"),
        ("30 lutego 2024", "luty ma 29 dni"),
    ],
)
def test_a_day_that_does_not_exist_says_so(value: str, why: str) -> None:
    result = convert(value, DATA_OD)
    assert isinstance(result, Invalid) and result.code == "date-nonexistent"
    assert "nie istnieje" in result.message and why in result.message


def test_the_date_or_year_message_lists_forms_with_one_albo() -> None:
    result = convert("kiedyś", PODPISANIA)
    assert isinstance(result, Invalid)
    assert "15.03.2025, 2025-03-15, 15 marca 2025 albo sam rok (np. 1992)" in result.message
    assert result.message.count("albo") == 1


def test_a_reversed_termin_says_the_end_is_before_the_start() -> None:
    loaded, problems = _load(
        WIZYTY, [["Termin", "Miasto", "Goście", "Cel"], ["8-6.11.2025", "Erfurt", "g", "c"]]
    )
    assert [(p.code, p.row, p.column) for p in problems] == [("termin-reversed", 2, "A")]
    assert "przed początkiem" in problems[0].message
    assert loaded.rejected == 1


def test_an_impossible_day_in_a_termin_says_so() -> None:
    _, problems = _load(
        WIZYTY, [["Termin", "Miasto", "Goście", "Cel"], ["31.04.2025", "Erfurt", "g", "c"]]
    )
    assert [p.code for p in problems] == ["date-nonexistent"]
    assert "nie istnieje" in problems[0].message


# -- lists, countries, partners ------------------------------------------------


@pytest.mark.parametrize("value", ["kultura", "KULTURA", " Kultura "])
def test_list_values_match_case_insensitively(value: str) -> None:
    assert _convert(value, DZIEDZINA) == "kultura"


def test_a_value_off_the_list_names_the_allowed_ones() -> None:
    result = convert("polityka", DZIEDZINA)
    assert isinstance(result, Invalid) and result.code == "choice-invalid"
    assert "„samorząd”" in result.message


@pytest.mark.parametrize("value", ["Niemcy", "niemcy", "DE", "de", "RFN"])
def test_countries_by_polish_name_or_iso_code(value: str) -> None:
    country = _convert(value, KRAJ)
    assert (country.code, country.name) == ("DE", "Niemcy")


def test_partners_split_on_semicolons() -> None:
    assert _convert(" Erfurt ;; szkoła  w Rydze; ", PARTNERZY) == ("Erfurt", "szkoła w Rydze")


# -- formulas and errors ---------------------------------------------------------


def test_a_formula_without_cached_value_is_an_error_saying_to_save() -> None:
    result = convert(FormulaWithoutValue("=A1+1"), LICZBA)
    assert isinstance(result, Invalid) and result.code == "formula-no-value"
    assert "zapisz" in result.message


@pytest.mark.parametrize("value", [ExcelError("#DIV/0!"), "#N/A"])
def test_excel_errors(value: CellValue) -> None:
    assert _code(value, CEL) == "cell-error"


def test_a_time_is_not_a_date() -> None:
    assert _code(time(10, 30), DATA_OD) == "date-invalid"


# -- headers and sheets ------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Data od", "start"),
        ("DATA OD:", "start"),
        ("  data  od ", "start"),
        ("Data rozpoczęcia", "start"),
        ("Od", "start"),
        ("Data zakończenia", "end"),
        ("Do:", "end"),
        ("Kraj pochodzenia", "country"),
        ("Opis", "purpose"),
        ("Termin", "termin"),
        ("Liczba  osób", "people"),
    ],
)
def test_header_variants_of_wizyty(header: str, field: str) -> None:
    column = WIZYTY.column(header)
    assert column is not None and column.field == field


def test_unknown_headers_are_none() -> None:
    assert WIZYTY.column("Uwagi") is None
    assert WYJAZDY.column("Kraj pochodzenia") is None  # an origin makes no sense for a trip


def test_sheet_names_are_matched_like_headers() -> None:
    assert sheet_spec(" WIZYTY ") is WIZYTY
    assert sheet_spec("Nagrody:") is NAGRODY
    assert sheet_spec("Arkusz1") is None
    assert normalize_header("Nazwa\u00a0:") == "nazwa"


def _load(
    spec: SheetSpec, rows: Sequence[Sequence[Any]], year: int | None = 2025
) -> tuple[LoadedSheet, list[Problem]]:
    raw = RawSheet(
        spec.name,
        tuple((n, tuple(r)) for n, r in enumerate(rows, start=1) if any(v is not None for v in r)),
    )
    loaded = load_sheet(raw, spec, "2025/x.xlsx", year)
    return loaded, list(loaded.problems)


def test_empty_rows_are_skipped_and_any_filled_cell_makes_a_record() -> None:
    row = [date(2025, 6, 9), None, "Erfurt", None, "g", "c", None, None, None]
    loaded, problems = _load(
        WIZYTY,
        [
            VISIT_HEADERS,
            row,
            [None] * 9,
            ["  "] * 9,
            [None, None, None, None, None, None, None, None, "Biuro"],
        ],
    )
    assert loaded.read == 2
    assert loaded.rejected == 1
    assert [p.code for p in problems] == ["value-required", "value-required", "value-required"]
    assert {p.row for p in problems} == {5}


@pytest.mark.parametrize(
    ("termin", "start", "end"),
    [
        ("15.03.2025", date(2025, 3, 15), None),
        ("6-8.11.2025", date(2025, 11, 6), date(2025, 11, 8)),
        ("6–8 listopada 2025", date(2025, 11, 6), date(2025, 11, 8)),
        ("30.09–2.10.2025", date(2025, 9, 30), date(2025, 10, 2)),
        ("30.09.2025-2.10.2025", date(2025, 9, 30), date(2025, 10, 2)),
        (datetime(2025, 3, 15), date(2025, 3, 15), None),
    ],
)
def test_every_termin_form(termin: CellValue, start: date, end: date | None) -> None:
    loaded, problems = _load(
        WIZYTY, [["Termin", "Miasto", "Goście", "Opis"], [termin, "Erfurt", "g", "c"]]
    )
    assert problems == []
    (row,) = loaded.rows
    assert (row.values["start"], row.values["end"]) == (start, end)
    assert row.cells["start"].column == "A" and row.cells["start"].header == "Termin"


@pytest.mark.parametrize("termin", ["listopad 2025", "6-8.13.2025", "2025", "wkrótce", 45000])
def test_bad_termin_forms(termin: CellValue) -> None:
    loaded, problems = _load(
        WIZYTY, [["Termin", "Miasto", "Goście", "Cel"], [termin, "Erfurt", "g", "c"]]
    )
    assert [(p.code, p.row, p.column) for p in problems] == [("termin-invalid", 2, "A")]
    assert loaded.rejected == 1


def test_termin_and_data_od_together_are_a_duplicate_column() -> None:
    _, problems = _load(WYJAZDY, [["Data od", "Termin", "Miasto", "Skład delegacji", "Cel"]])
    assert [(p.code, p.column) for p in problems] == [("column-duplicate", "B")]


def test_an_empty_termin_is_one_required_value() -> None:
    _, problems = _load(WIZYTY, [["Termin", "Miasto", "Goście", "Cel"], [None, "Erfurt", "g", "c"]])
    assert [(p.code, p.column) for p in problems] == [("value-required", "A")]


def test_older_workbook_headers_read_like_the_current_ones() -> None:
    old = ["Od", "Do", "Miasto", "Kraj pochodzenia", "Goście", "Opis"]
    loaded, problems = _load(
        WIZYTY, [old, [date(2025, 5, 5), "6.05.2025", "Paryż", "FR", "g", "c"]]
    )
    assert problems == []
    (row,) = loaded.rows
    assert row.values["end"] == date(2025, 5, 6)
    assert row.values["country"].code == "FR"
    assert row.values["purpose"] == "c"


def test_one_day_range_is_stored_without_end() -> None:
    loaded, _ = _load(
        WIZYTY, [VISIT_HEADERS[:6], [date(2025, 5, 5), date(2025, 5, 5), "Erfurt", None, "g", "c"]]
    )
    assert loaded.rows[0].values["end"] is None


def test_a_range_overlapping_the_year_is_fine() -> None:
    loaded, problems = _load(
        WIZYTY,
        [VISIT_HEADERS[:6], [date(2024, 12, 30), date(2025, 1, 2), "Erfurt", None, "g", "c"]],
    )
    assert problems == [] and len(loaded.rows) == 1


def test_awards_must_be_in_the_year_but_a_year_alone_is_enough() -> None:
    loaded, problems = _load(
        NAGRODY, [["Nazwa", "Przyznający", "Data"], ["A", "B", 2025], ["C", "D", 2024]]
    )
    assert len(loaded.rows) == 1
    assert [(p.code, p.row, p.column) for p in problems] == [("date-outside-year", 3, "C")]


def test_partner_signing_date_is_required_unless_no_agreement() -> None:
    headers = ["Miasto", "Kraj", "Rodzaj", "Data podpisania"]
    loaded, problems = _load(
        MIASTA_PARTNERSKIE,
        [
            headers,
            ["A", "DE", "miasto partnerskie", None],
            ["B", "DE", "współpraca bez umowy", None],
        ],
        year=None,
    )
    assert [(p.code, p.row, p.column) for p in problems] == [("signed-required", 2, "D")]
    assert [r.values["name"] for r in loaded.rows] == ["B"]


def test_a_missing_required_column_rejects_every_row_but_checks_the_other_cells() -> None:
    loaded, problems = _load(
        WIZYTY,
        [
            ["Data od", "Miasto", "Cel"],
            ["zła data", "Erfurt", "c"],
            [date(2025, 1, 1), "Erfurt", "c"],
        ],
    )
    assert sorted(p.code for p in problems) == ["column-missing", "date-invalid"]
    assert (loaded.read, loaded.rejected, len(loaded.rows)) == (2, 2, 0)


def test_data_under_no_header_is_one_warning_per_column() -> None:
    row = [date(2025, 6, 9), None, "Erfurt", None, "g", "c", None, None, None, None, "notatka"]
    loaded, problems = _load(WIZYTY, [VISIT_HEADERS, row, row])
    assert [(p.code, p.row, p.column) for p in problems] == [("column-unnamed", 2, "K")]
    assert len(loaded.rows) == 2


def test_metryczka_values_and_header_row() -> None:
    loaded, problems = _load(
        METRYCZKA,
        [
            ["Pole", "Wartość"],
            ["Informację wytworzył(a):", " Biuro "],
            ["data wytworzenia", "13 marca 2026"],
        ],
    )
    assert problems == []
    (row,) = loaded.rows
    assert row.values == {"author": "Biuro", "created": date(2026, 3, 13)}


def test_metryczka_with_only_field_names_holds_no_data() -> None:
    loaded, problems = _load(
        METRYCZKA, [["Pole", "Wartość"], ["Informację wytworzył(a)", None], ["Data wytworzenia"]]
    )
    assert problems == [] and loaded.rows == () and loaded.read == 0


def test_metryczka_missing_required_value_is_an_error_at_that_row() -> None:
    _, problems = _load(
        METRYCZKA,
        [["Pole", "Wartość"], ["Informację wytworzył(a)", "Biuro"], ["Data wytworzenia", None]],
    )
    assert [(p.code, p.row, p.column, p.header) for p in problems] == [
        ("field-required", 3, "B", "Data wytworzenia")
    ]


def test_currency_after_an_amount_fills_an_empty_waluta() -> None:
    headers = ["Nazwa", "Program", "Partnerzy", "Data rozpoczęcia", "Wartość", "Waluta"]
    loaded, problems = _load(
        PROJEKTY, [headers, ["P", "Erasmus+", "X", date(2025, 1, 1), "15 000 EUR", None]]
    )
    assert problems == []
    assert loaded.rows[0].values["currency"] == "EUR"
    assert loaded.rows[0].values["value"] == Decimal("15000")


def test_a_trip_cost_must_be_in_zloty() -> None:
    headers = ["Data od", "Miasto", "Kraj", "Skład delegacji", "Cel", "Koszt"]
    _, problems = _load(WYJAZDY, [headers, [date(2025, 1, 1), "Paryż", "FR", "d", "c", "100 EUR"]])
    assert [(p.code, p.column) for p in problems] == [("currency-mismatch", "F")]


def test_projects_outside_the_year_are_rejected_with_a_warning() -> None:
    headers = ["Nazwa", "Program", "Partnerzy", "Data rozpoczęcia", "Data zakończenia"]
    loaded, problems = _load(
        PROJEKTY,
        [
            headers,
            ["stary", "X", "Y", date(2020, 1, 1), date(2021, 1, 1)],
            ["trwa", "X", "Y", date(2023, 1, 1), None],
            ["przyszły", "X", "Y", date(2026, 1, 1), None],
        ],
    )
    assert [r.values["name"] for r in loaded.rows] == ["trwa"]
    assert [(p.code, p.row) for p in problems] == [
        ("project-outside-year", 2),
        ("project-outside-year", 4),
    ]
    assert (loaded.read, loaded.rejected) == (3, 2)


def test_title_rows_above_the_headers_are_skipped_with_a_warning() -> None:
    row = [date(2025, 6, 9), None, "Erfurt", None, "g", "c"]
    loaded, problems = _load(WIZYTY, [["Wizyty delegacji", None, "2025"], VISIT_HEADERS[:6], row])
    assert [(p.code, p.row, p.value) for p in problems] == [
        ("title-rows-skipped", 1, "Wizyty delegacji 2025")
    ]
    assert (loaded.read, len(loaded.rows)) == (1, 1)


def test_no_headers_in_the_first_rows_rejects_the_sheet() -> None:
    row = [date(2025, 6, 9), None, "Erfurt", None, "g", "c"]
    loaded, problems = _load(WIZYTY, [row, row, row])
    assert [(p.code, p.row) for p in problems] == [("header-missing", 1)]
    assert (loaded.read, loaded.rejected, loaded.rows) == (2, 2, ())
