"""Cell values → typed field values: the cell rules, in one place.

* text is NFC-normalised, trimmed and its inner runs of spaces collapsed (the
  multi-line *Wstęp* keeps its line breaks);
* dates: a real Excel date, or text ``15.03.2025``, ``2025-03-15``,
  ``15 marca 2025``; where a year alone is allowed, ``1992`` as a number or text;
* whole numbers: no fractions, no negatives; amounts: numbers or Polish text
  such as ``12 500,50 zł``; list values: matched case-insensitively.

:func:`convert` returns the typed value, ``None`` for an empty cell, or an
:class:`Invalid` carrying the problem code and the Polish message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from reports.polish.countries import Country, normalize_country
from reports.polish.dates import parse_date, parse_date_range
from reports.schemas import (
    ColumnSpec,
    ValueType,
    normalize_text,
)
from reports.xlsx import CellValue, ExcelError, FormulaWithoutValue

_EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def display(value: CellValue | None) -> str:
    """A cell value as a person would recognise it in a message.

    >>> display(datetime(2025, 3, 15)), display(2.5), display(12.0), display(True)
    ('15.03.2025', '2,5', '12', 'PRAWDA')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "PRAWDA" if value else "FAŁSZ"
    if isinstance(value, datetime):
        if value.time() == time():
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value).replace(".", ",")
    if isinstance(value, str):
        return normalize_text(value)
    return str(value)


def is_empty(value: CellValue | None) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True, slots=True)
class Invalid:
    """A cell value that cannot be read: the problem code and the message."""

    code: str
    message: str


_DATE_FORMS = "15.03.2025, 2025-03-15 albo 15 marca 2025"
_YEAR_TEXT = re.compile(r"\d{4}")
_WHOLE_TEXT = re.compile(r"([+-]?)(\d+(?: \d{3})*)")
_AMOUNT_TEXT = re.compile(
    r"(?P<sign>[+-]?) ?(?P<int>\d+(?: \d{3})*)(?:[,.](?P<frac>\d+))?"
    r" ?(?P<cur>zł|zl|[a-z]{3})?\.?",
    re.IGNORECASE,
)
_AMOUNT_DOTTED = re.compile(
    r"(?P<sign>[+-]?) ?(?P<int>\d{1,3}(?:\.\d{3})+),(?P<frac>\d+) ?(?P<cur>zł|zl|[a-z]{3})?\.?",
    re.IGNORECASE,
)
_FIRST_YEAR, _LAST_YEAR = 1000, 2999


def _to_text(value: CellValue) -> str:
    if isinstance(value, str):
        return normalize_text(value)
    return display(value)


def _multiline(value: CellValue) -> str:
    """Text that keeps its paragraphs: lines trimmed, blank-line runs kept as one."""
    if not isinstance(value, str):
        return _to_text(value)
    lines = [normalize_text(line) for line in value.replace("\r\n", "\n").split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def _text(value: CellValue, column: ColumnSpec) -> Any:
    return _multiline(value) if column.multiline else _to_text(value)


def _date_problem(value: CellValue, column: ColumnSpec) -> Invalid:
    year = " albo sam rok (np. 1992)" if column.type is ValueType.DATE_OR_YEAR else ""
    shown = display(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Invalid(
            "date-invalid",
            f"Liczba „{shown}” nie jest datą. Wpisz datę jako {_DATE_FORMS}{year} "
            "albo ustaw w komórce format daty.",
        )
    return Invalid(
        "date-invalid",
        f"Nie rozpoznano daty „{shown}”. Wpisz datę jako {_DATE_FORMS}{year}.",
    )


def _date(value: CellValue, column: ColumnSpec) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    return _date_problem(value, column)


def _year_number(value: CellValue) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _YEAR_TEXT.fullmatch(text := normalize_text(value)):
        number = int(text)
    else:
        return None
    return number if _FIRST_YEAR <= number <= _LAST_YEAR else None


def _date_or_year(value: CellValue, column: ColumnSpec) -> Any:
    year = _year_number(value)
    return year if year is not None else _date(value, column)


def _year(value: CellValue, column: ColumnSpec) -> Any:
    year = _year_number(value)
    if year is not None:
        return year
    if isinstance(value, datetime | date):
        return value.year
    return Invalid(
        "year-invalid",
        f"„{display(value)}” nie jest rokiem. Wpisz rok czterema cyframi, np. 2004.",
    )


def _whole(value: CellValue, column: ColumnSpec) -> Any:
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and (m := _WHOLE_TEXT.fullmatch(normalize_text(value))):
        number = int(m[2].replace(" ", ""))
        if m[1] == "-":
            number = -number
    if number is None:
        return Invalid(
            "number-invalid",
            f"„{display(value)}” nie jest liczbą całkowitą. Wpisz samą liczbę, np. 12.",
        )
    if number < 0:
        return Invalid(
            "number-negative",
            f"Liczba „{display(value)}” jest ujemna. Wpisz liczbę nie mniejszą niż 0.",
        )
    return number


_CURRENCY_WORDS = {"ZŁ": "PLN", "ZL": "PLN", "ZŁOTY": "PLN", "ZŁOTYCH": "PLN", "EURO": "EUR"}
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def _currency_code(text: str) -> str | None:
    """``zł`` → ``PLN``, ``eur`` → ``EUR``; None when it is no currency code."""
    word = normalize_text(text).upper().rstrip(".")
    word = _CURRENCY_WORDS.get(word, word)
    return word if _CURRENCY_CODE.fullmatch(word) else None


def parse_amount(text: str) -> tuple[Decimal, str | None] | None:
    """An amount typed the Polish way, with the currency written after it, if any.

    >>> parse_amount("12 500,50 zł")
    (Decimal('12500.50'), 'PLN')
    >>> parse_amount("800000"), parse_amount("1.250,5 EUR")
    ((Decimal('800000'), None), (Decimal('1250.5'), 'EUR'))
    >>> parse_amount("dużo") is None
    True
    """
    text = normalize_text(text)
    m = _AMOUNT_TEXT.fullmatch(text) or _AMOUNT_DOTTED.fullmatch(text)
    if m is None:
        return None
    digits = m["int"].replace(" ", "").replace(".", "")
    number = Decimal(f"{m['sign']}{digits}.{m['frac']}" if m["frac"] else f"{m['sign']}{digits}")
    currency = None
    if m["cur"]:
        currency = _currency_code(m["cur"])
        if currency is None:
            return None
    return number, currency


def _amount(value: CellValue, column: ColumnSpec) -> Any:
    number: Decimal | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        try:
            number = Decimal(repr(value))
        except InvalidOperation:
            number = None
        if number is not None and not number.is_finite():
            number = None
        if number is not None and number.as_tuple().exponent < -2:  # type: ignore[operator]
            number = number.quantize(Decimal("0.01"))
    elif isinstance(value, str):
        parsed = parse_amount(value)
        if parsed is not None:
            number, currency = parsed
            if number >= 0 and currency is not None:
                return number, currency
    if number is None:
        return Invalid(
            "amount-invalid",
            f"Nie rozpoznano kwoty „{display(value)}”. Wpisz liczbę, np. 12 500,50 "
            "albo 12 500,50 zł.",
        )
    if number < 0:
        return Invalid(
            "number-negative",
            f"Kwota „{display(value)}” jest ujemna. Wpisz kwotę nie mniejszą niż 0.",
        )
    return number


def _currency(value: CellValue, column: ColumnSpec) -> Any:
    code = _currency_code(value) if isinstance(value, str) else None
    if code is None:
        return Invalid(
            "currency-invalid",
            f"„{display(value)}” nie jest kodem waluty. Wpisz trzyliterowy kod, np. PLN, "
            "EUR albo CHF (puste = PLN).",
        )
    return code


@lru_cache(maxsize=64)
def _choice_lookup(choices: tuple[str, ...]) -> dict[str, str]:
    return {c.casefold(): c for c in choices}


def _choice(value: CellValue, column: ColumnSpec) -> Any:
    text = _to_text(value)
    found = _choice_lookup(column.choices).get(text.casefold())
    if found is None:
        allowed = ", ".join(f"„{c}”" for c in column.choices)
        return Invalid(
            "choice-invalid",
            f"„{text}” nie jest wartością z listy. Wybierz jedną z: {allowed}.",
        )
    return found


@lru_cache(maxsize=1024)
def _country_of(text: str) -> Country | None:
    return normalize_country(text)


def _country(value: CellValue, column: ColumnSpec) -> Any:
    text = _to_text(value)
    country = _country_of(text)
    if country is None:
        return Invalid(
            "country-unknown",
            f"Nie rozpoznano kraju „{text}”. Wpisz polską nazwę kraju (np. Niemcy) "
            "albo jego kod ISO (np. DE).",
        )
    return country


def _list(value: CellValue, column: ColumnSpec) -> Any:
    parts = (normalize_text(p) for p in _to_text(value).split(";"))
    items = tuple(p for p in parts if p)
    return items or None


def _date_range(value: CellValue, column: ColumnSpec) -> Any:
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        parsed = parse_date_range(value)
        if parsed is not None:
            return parsed
    return Invalid(
        "termin-invalid",
        f"Nie rozpoznano terminu „{display(value)}”. Wpisz jeden dzień (15.03.2025) albo "
        "zakres: 6-8.11.2025, 6–8 listopada 2025, 30.09–2.10.2025 lub "
        "30.09.2025-2.10.2025; koniec nie może być przed początkiem.",
    )


Converter = Callable[[CellValue, ColumnSpec], Any]

_CONVERTERS: dict[ValueType, Converter] = {
    ValueType.TEXT: _text,
    ValueType.DATE: _date,
    ValueType.DATE_OR_YEAR: _date_or_year,
    ValueType.YEAR: _year,
    ValueType.WHOLE: _whole,
    ValueType.AMOUNT: _amount,
    ValueType.CHOICE: _choice,
    ValueType.COUNTRY: _country,
    ValueType.LIST: _list,
    ValueType.CURRENCY: _currency,
    ValueType.DATE_RANGE: _date_range,
}


def convert(value: CellValue | None, column: ColumnSpec) -> Any:
    """The typed value of a cell for ``column``: a value, ``None`` when empty, or Invalid.

    >>> from reports.schemas import WIZYTY, PROJEKTY
    >>> convert(" 15 marca 2025 ", WIZYTY.column("Data od"))
    datetime.date(2025, 3, 15)
    >>> convert("KULTURA", WIZYTY.column("Dziedzina"))
    'kultura'
    >>> convert("Erasmus+;  Kalisz ; ", PROJEKTY.column("Partnerzy"))
    ('Erasmus+', 'Kalisz')
    >>> convert(2.5, WIZYTY.column("Liczba osób")).code
    'number-invalid'
    """
    if value is None:
        return None
    if isinstance(value, FormulaWithoutValue):
        return Invalid(
            "formula-no-value",
            f"Formuła „{value.formula}” nie ma zapisanej wartości (plik zapisał program, "
            "który nie przelicza formuł). Otwórz plik w arkuszu kalkulacyjnym i zapisz go "
            "ponownie albo wpisz wartość zamiast formuły.",
        )
    if isinstance(value, ExcelError) or (isinstance(value, str) and value in _EXCEL_ERRORS):
        return Invalid(
            "cell-error",
            f"Komórka pokazuje błąd „{value}”. Popraw formułę albo wpisz wartość.",
        )
    if isinstance(value, str) and not value.strip():
        return None
    return _CONVERTERS[column.type](value, column)
