"""Cell values → typed field values: the cell rules, in one place.

* text is NFC-normalised, trimmed and its inner runs of spaces collapsed (the
  multi-line *Wstęp* keeps its line breaks);
* dates: a real Excel date, or text ``15.03.2025``, ``2025-03-15``,
  ``15 marca 2025``; where a year alone is allowed, ``1992`` as a number or text;
* whole numbers: no fractions, no negatives; amounts: numbers or Polish text
  such as ``12 500,50 zł``; list values: matched case-insensitively.

:func:`convert` returns the typed value, ``None`` for an empty cell, or an
:class:`Invalid` carrying the problem code and the fields of its message.
"""

from __future__ import annotations

import re
from calendar import isleap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from reports.domain.licence import KNOWN, find_licence
from reports.domain.model import Term
from reports.inputs.limits import MAX_AMOUNT, MAX_WHOLE
from reports.inputs.problems import CODES
from reports.inputs.schemas import ColumnSpec, ValueType
from reports.inputs.statuses import read_status
from reports.inputs.xlsx import CellValue, ExcelError, FormulaWithoutValue
from reports.polish.countries import Country, normalize_country
from reports.polish.dates import (
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    parse_date,
    parse_date_range,
    parse_month_year,
    reversed_date_range,
)
from reports.polish.numbers import format_amount, format_number
from reports.polish.text import normalize_text

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


@dataclass(frozen=True)
class Invalid:
    """A cell value that cannot be read: the problem code and its template's fields."""

    code: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return CODES[self.code].message(self.fields)


def _invalid(code: str, value: CellValue, **fields: Any) -> Invalid:
    return Invalid(code, {"value": display(value), **fields})


_YEAR_TEXT = re.compile(r"\d{4}")
_WHOLE_TEXT = re.compile(r"([+-]?)(\d+(?: \d{3})*)")
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


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_WORD_YEAR = re.compile(r"(\d{1,2})\.? (\w+) (\d{4})")
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _missing_day(text: str) -> str | None:
    """Why a date written in a known form does not exist, or None if that is not the case.

    >>> _missing_day("29.02.2025"), _missing_day("31 kwietnia 2025")
    ('2025 nie jest rokiem przestępnym', 'kwiecień ma 30 dni')
    >>> _missing_day("30.02.2024"), _missing_day("31.06.2025")
    ('luty ma 29 dni', 'czerwiec ma 30 dni')
    >>> _missing_day("32.13.2025") is None, _missing_day("15.03.2025") is None
    (True, True)
    """
    text = normalize_text(text).lower().removesuffix(" r.").removesuffix(" roku")
    if m := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _YEAR_MONTH_DAY.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif (m := _DAY_WORD_YEAR.fullmatch(text)) and m[2] in MONTHS_GENITIVE:
        day, month, year = int(m[1]), MONTHS_GENITIVE.index(m[2]) + 1, int(m[3])
    else:
        return None
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    try:
        date(year, month, day)
    except ValueError:
        if month == 2 and day == 29:
            return f"{year} nie jest rokiem przestępnym"
        days = _MONTH_DAYS[month - 1] if month != 2 else 28 + isleap(year)
        return f"{MONTHS_NOMINATIVE[month - 1]} ma {days} dni"
    return None


def _date_problem(value: CellValue, column: ColumnSpec) -> Invalid:
    why = _missing_day(value) if isinstance(value, str) else None
    if why is not None:
        return _invalid("date-nonexistent", value, why=why)
    return _invalid(
        "date-invalid",
        value,
        or_year=column.type is ValueType.DATE_OR_YEAR,
        number=isinstance(value, int | float) and not isinstance(value, bool),
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


_EPOCH = datetime(1899, 12, 30)  # day 0 of a spreadsheet's date serials


def _typed_year(value: CellValue) -> int | None:
    """A bare year typed into a date-formatted cell, which the spreadsheet keeps as the
    date of that serial number: 2026 shows as 18.07.1905.

    >>> _typed_year(datetime(1905, 7, 18)), _typed_year(datetime(2025, 7, 18))
    (2026, None)
    """
    if not isinstance(value, datetime | date):
        return None
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    serial = moment - _EPOCH
    if serial.seconds or serial.microseconds or not 1900 <= serial.days <= _LAST_YEAR:
        return None
    return serial.days


def _date_or_year(value: CellValue, column: ColumnSpec) -> Any:
    year = _year_number(value)
    if year is None:
        year = _typed_year(value)
    return year if year is not None else _date(value, column)


def _year(value: CellValue, column: ColumnSpec) -> Any:
    year = _year_number(value)
    if year is None:
        year = _typed_year(value)
    if year is not None:
        return year
    if isinstance(value, datetime | date):
        return value.year
    return _invalid("year-invalid", value)


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
        return _invalid("number-invalid", value)
    if number < 0:
        return _invalid("number-negative", value)
    if number >= MAX_WHOLE:
        return _invalid("number-too-large", value, what="liczba", limit=format_number(MAX_WHOLE))
    return number


_CURRENCY_WORDS = {
    "ZŁ": "PLN",
    "ZL": "PLN",
    "ZŁOTY": "PLN",
    "ZŁOTE": "PLN",
    "ZŁOTYCH": "PLN",
    "EURO": "EUR",
}
#: Codes Babel lists that name no money one could spend (testing, no currency).
_NOT_MONEY = frozenset({"XTS", "XXX"})


@lru_cache(maxsize=1)
def _iso_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies()) - _NOT_MONEY


def _currency_code(text: str) -> str | None:
    """``zł`` → ``PLN``, ``eur`` → ``EUR``; None when it is no ISO 4217 currency code.

    >>> _currency_code("zł."), _currency_code("usd"), _currency_code("MLN")
    ('PLN', 'USD', None)
    """
    word = normalize_text(text).upper().rstrip(".")
    word = _CURRENCY_WORDS.get(word, word)
    return word if word in _iso_currencies() else None


_AMOUNT_NUMBER = re.compile(
    r"(?P<sign>[+-]?) ?(?P<int>\d+(?: \d{3})+|\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?:,(?P<frac>\d+)|\.(?P<dotfrac>\d{1,2}))?"
    r"(?: ?(?P<mult>tys|mln|mld)\b\.?)?"
    r"(?: ?(?P<cur>[^\W\d_]+)\.?)?",
    re.IGNORECASE,
)
_MULTIPLIERS = {"tys": Decimal(1000), "mln": Decimal(1_000_000), "mld": Decimal(1_000_000_000)}


@dataclass(frozen=True, slots=True)
class _AmountWord:
    """The word after an amount that is no currency."""

    word: str


def _read_amount(text: str) -> tuple[Decimal, str | None] | _AmountWord | None:
    text = normalize_text(text)
    m = _AMOUNT_NUMBER.fullmatch(text)
    if m is None:
        return None
    whole = m["int"]
    if m["dotfrac"] is not None and "." in whole:
        return None  # „1.250.5”: dots both as thousands and as the decimal point
    frac = m["frac"] if m["frac"] is not None else m["dotfrac"]
    digits = whole.replace(" ", "").replace(".", "")
    number = Decimal(f"{digits}.{frac}" if frac else digits)
    if m["mult"]:
        number = (number * _MULTIPLIERS[m["mult"].lower()]).normalize()
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
    if m["sign"] == "-":
        number = -number
    currency = None
    if m["cur"]:
        currency = _currency_code(m["cur"])
        if currency is None:
            return _AmountWord(m["cur"])
    return number, currency


def parse_amount(text: str) -> tuple[Decimal, str | None] | None:
    """An amount typed the Polish way, with the currency written after it, if any.

    Thousands may be grouped by spaces or dots and the decimal part follows
    a comma. A dot followed by exactly three digits groups thousands
    („1.500” is 1500, as in „1.250,5”); a dot followed by one or two digits
    is a decimal point („1.5” is 1,5). „tys.” and „mln” (and „mld”) multiply.
    The currency after the amount is „zł” (złoty, złotych), „euro” or an
    ISO 4217 code in any case; any other word gives ``None``.

    >>> parse_amount("12 500,50 zł")
    (Decimal('12500.50'), 'PLN')
    >>> parse_amount("800000"), parse_amount("1.250,5 EUR")
    ((Decimal('800000'), None), (Decimal('1250.5'), 'EUR'))
    >>> parse_amount("1.500 zł"), parse_amount("1.5"), parse_amount("2.75 usd")
    ((Decimal('1500'), 'PLN'), (Decimal('1.5'), None), (Decimal('2.75'), 'USD'))
    >>> parse_amount("12,5 tys. zł"), parse_amount("1,2 mln")
    ((Decimal('12500'), 'PLN'), (Decimal('1200000'), None))
    >>> parse_amount("dużo") is None, parse_amount("1.5 mln EUR")
    (True, (Decimal('1500000'), 'EUR'))
    >>> parse_amount("10 abc") is None, parse_amount("150 tysięcy") is None
    (True, True)
    """
    read = _read_amount(text)
    return None if isinstance(read, _AmountWord) else read


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
        parsed = _read_amount(value)
        if isinstance(parsed, _AmountWord):
            return _invalid("amount-invalid", value, word=parsed.word)
        if parsed is not None:
            number, currency = parsed
            if number >= 0 and currency is not None:
                return _bounded(number, value) or (number, currency)
    if number is None:
        return _invalid("amount-invalid", value)
    if number < 0:
        return _invalid("number-negative", value)
    return _bounded(number, value) or number


def _bounded(number: Decimal, value: CellValue) -> Invalid | None:
    """``number-too-large`` for an amount the report could not format."""
    if number < MAX_AMOUNT:
        return None
    return _invalid("number-too-large", value, what="kwota", limit=format_amount(MAX_AMOUNT))


def _currency(value: CellValue, column: ColumnSpec) -> Any:
    code = _currency_code(value) if isinstance(value, str) else None
    if code is None:
        return _invalid("currency-invalid", value)
    return code


@lru_cache(maxsize=64)
def _choice_lookup(choices: tuple[str, ...]) -> dict[str, str]:
    return {c.casefold(): c for c in choices}


def _choice(value: CellValue, column: ColumnSpec) -> Any:
    text = _to_text(value)
    found = _choice_lookup(column.choices).get(text.casefold())
    if found is None:
        return _invalid("choice-invalid", text, choices=column.choices)
    return found


@lru_cache(maxsize=1024)
def _country_of(text: str) -> Country | None:
    return normalize_country(text)


def _country(value: CellValue, column: ColumnSpec) -> Any:
    text = _to_text(value)
    country = _country_of(text)
    if country is None:
        return _invalid("country-unknown", text)
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
        backwards = reversed_date_range(value)
        if backwards is not None:
            start, end = backwards
            return _invalid("termin-reversed", value, start=start, end=end)
        why = _missing_day(value)
        if why is not None:
            return _invalid("date-nonexistent", value, why=why)
    return _invalid("termin-invalid", value)


_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_RESOLUTION = re.compile(
    rf"(?:uchwała\s*)?(?:nr\.?\s*)?(?=[MDCLXVI])({_ROMAN})\s*/\s*(\d{{1,4}})\s*/\s*(\d{{4}}|\d{{2}})",
    re.IGNORECASE,
)


def _resolution(value: CellValue, column: ColumnSpec) -> Any:
    """A council resolution number, „XXXI/207/04”: session (Roman) / number / year.

    >>> from reports.inputs.schemas import MIASTA_PARTNERSKIE as M
    >>> _resolution("nr xxxi / 207 / 04", M.column("Uchwała"))
    'XXXI/207/04'
    >>> _resolution("207/2004", M.column("Uchwała")).code
    'resolution-invalid'
    """
    text = _to_text(value)
    m = _RESOLUTION.fullmatch(text)
    if m is None:
        return _invalid("resolution-invalid", text)
    return f"{m[1].upper()}/{int(m[2])}/{m[3]}"


def _licence(value: CellValue, column: ColumnSpec) -> Any:
    """The licence of the open data: a known identifier or the address of its text."""
    text = _to_text(value)
    licence = find_licence(text)
    if licence is None:
        return _invalid("licence-unknown", text, known=tuple(lic.name for lic in KNOWN))
    return licence


def _term(value: CellValue, column: ColumnSpec) -> Any:
    """A plan's Termin: a day, a month („marzec 2026”, „03.2026”) or a year (2026)."""
    typed = _typed_year(value)
    if typed is not None:
        return Term(typed)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Term(value.year, value.month, value.day)
    year = _year_number(value)
    if year is not None:
        return Term(year)
    if isinstance(value, str):
        day = parse_date(value)
        if day is not None:
            return Term(day.year, day.month, day.day)
        month = parse_month_year(value)
        if month is not None:
            return Term(month[0], month[1])
        text = normalize_text(value)
        if text.lower().endswith(("r.", "r", "roku")):
            year = _year_number(text.rstrip(".").removesuffix("roku").rstrip("r").strip())
            if year is not None:
                return Term(year)
    return _invalid("plan-term-invalid", value)


def _plan_status(value: CellValue, column: ColumnSpec) -> Any:
    """Realizacja of a planned action (:mod:`reports.inputs.statuses`)."""
    text = _to_text(value)
    found = read_status(text)
    if found is None:
        return _invalid("plan-status-invalid", text)
    return found


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
    ValueType.RESOLUTION: _resolution,
    ValueType.TERM: _term,
    ValueType.PLAN_STATUS: _plan_status,
    ValueType.LICENCE: _licence,
}


def convert(value: CellValue | None, column: ColumnSpec) -> Any:
    """The typed value of a cell for ``column``: a value, ``None`` when empty, or Invalid.

    >>> from reports.inputs.schemas import WIZYTY, PROJEKTY
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
        return _invalid("formula-no-value", value)
    if isinstance(value, ExcelError) or (isinstance(value, str) and value in _EXCEL_ERRORS):
        return _invalid("cell-error", value)
    if isinstance(value, str) and not value.strip():
        return None
    return _CONVERTERS[column.type](value, column)
