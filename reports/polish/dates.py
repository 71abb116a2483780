"""Polish dates and date ranges: formatting and parsing what officers type.

Spaces: the day is tied to its month and the year to „r.”/„roku” with a
non-breaking space (``15\\xa0marca 2025\\xa0r.``), so a line may break only
between the month and the year — the same result :func:`typeset` gives. In a
spaced range the dash is tied to the part before it (``września\\xa0– 2``).
Never the thin spaces of Babel's interval formats.
"""

from __future__ import annotations

import re
from datetime import date

from reports.polish.typography import NBSP, WORD_JOINER

MONTHS_GENITIVE: tuple[str, ...] = (
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
)
MONTHS_NOMINATIVE: tuple[str, ...] = (
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
)
_MONTH_NUMBERS = {name: i for i, name in enumerate(MONTHS_GENITIVE, start=1)}
_DASH = re.compile(r"\s*[-–—]\s*")
_TRAILING_YEAR_WORD = re.compile(r"(?<=\d)\s*(?:r\.?|roku)$")
_NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})\.? (\w+) (\d{4})")
_PARTIAL_NUMERIC = re.compile(r"(\d{1,2})(?:\.(\d{1,2}))?\.?")
_PARTIAL_WORDS = re.compile(r"(\d{1,2})\.? (\w+)")


def _with_suffix(text: str, suffix: str) -> str:
    return f"{text}{NBSP}{suffix}" if suffix else text


def format_date(value: date | int, *, suffix: str = "r.") -> str:
    """Format a date (or a year alone) with the genitive month name.

    >>> format_date(date(2025, 3, 15))
    '15\\xa0marca 2025\\xa0r.'
    >>> format_date(date(2024, 2, 29), suffix="roku")
    '29\\xa0lutego 2024\\xa0roku'
    >>> format_date(date(2025, 12, 1), suffix="")
    '1\\xa0grudnia 2025'
    >>> format_date(2025)
    '2025\\xa0r.'
    """
    if isinstance(value, date):
        text = f"{value.day}{NBSP}{MONTHS_GENITIVE[value.month - 1]} {value.year}"
    elif 1 <= value <= 9999:
        text = str(value)
    else:
        raise ValueError(f"not a year: {value!r}")
    return _with_suffix(text, suffix)


def format_month_year(value: date) -> str:
    """Format a month and year in the nominative, as a heading.

    >>> format_month_year(date(2025, 3, 15))
    'marzec 2025'
    """
    return f"{MONTHS_NOMINATIVE[value.month - 1]} {value.year}"


def format_date_range(start: date, end: date | None = None, *, suffix: str = "r.") -> str:
    """Format a span of days, as short as it reads unambiguously.

    >>> format_date_range(date(2025, 11, 6), date(2025, 11, 8))
    '6–\\u20608\\xa0listopada 2025\\xa0r.'
    >>> format_date_range(date(2025, 9, 30), date(2025, 10, 2))
    '30\\xa0września\\xa0– 2\\xa0października 2025\\xa0r.'
    >>> format_date_range(date(2025, 12, 30), date(2026, 1, 2))
    '30\\xa0grudnia 2025\\xa0r.\\xa0– 2\\xa0stycznia 2026\\xa0r.'
    >>> format_date_range(date(2025, 3, 15), None, suffix="")
    '15\\xa0marca 2025'
    """
    if end is None or end == start:
        return format_date(start, suffix=suffix)
    if end < start:
        raise ValueError(f"a range cannot end ({end}) before it starts ({start})")
    if start.year != end.year:
        return f"{format_date(start, suffix=suffix)}{NBSP}– {format_date(end, suffix=suffix)}"
    month = MONTHS_GENITIVE[end.month - 1]
    if start.month == end.month:
        return _with_suffix(f"{start.day}–{WORD_JOINER}{end.day}{NBSP}{month} {end.year}", suffix)
    first = f"{start.day}{NBSP}{MONTHS_GENITIVE[start.month - 1]}"
    return _with_suffix(f"{first}{NBSP}– {end.day}{NBSP}{month} {end.year}", suffix)


def _normalise(text: str) -> str:
    text = " ".join(text.replace("\u2060", "").split()).lower()
    return _TRAILING_YEAR_WORD.sub("", text)


def _make(year: int, month: int | None, day: int) -> date | None:
    try:
        return date(year, month or 0, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """Read a date typed as ``15.03.2025``, ``2025-03-15`` or ``15 marca 2025``.

    Any case, single-digit day or month, and a trailing „r.” or „roku” are
    fine; anything else, or a day that does not exist, gives ``None``.

    >>> parse_date("15.03.2025")
    datetime.date(2025, 3, 15)
    >>> parse_date("5.3.2025 r."), parse_date("2024-02-29")
    (datetime.date(2025, 3, 5), datetime.date(2024, 2, 29))
    >>> parse_date("15 Marca 2025 roku")
    datetime.date(2025, 3, 15)
    >>> parse_date("30.02.2025") is None, parse_date("marzec 2025") is None
    (True, True)
    """
    text = _normalise(text)
    if m := _NUMERIC.fullmatch(text):
        return _make(int(m[3]), int(m[2]), int(m[1]))
    if m := _ISO.fullmatch(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _WORDS.fullmatch(text):
        return _make(int(m[3]), _MONTH_NUMBERS.get(m[2]), int(m[1]))
    return None


_MONTH_WORD_YEAR = re.compile(r"(\w+) (\d{4})")
_MONTH_NUMBER_YEAR = re.compile(r"(\d{1,2})[./](\d{4})")
_YEAR_MONTH_NUMBER = re.compile(r"(\d{4})-(\d{1,2})")
_MONTHS_ANY_CASE = {
    **{name: i for i, name in enumerate(MONTHS_NOMINATIVE, start=1)},
    **_MONTH_NUMBERS,
}


def parse_month_year(text: str) -> tuple[int, int] | None:
    """Read a month of a year: ``marzec 2026``, ``marca 2026``, ``03.2026`` or ``2026-03``.

    Returns ``(year, month)``, or ``None`` for anything else.

    >>> parse_month_year("Marzec 2026"), parse_month_year("3.2026 r.")
    ((2026, 3), (2026, 3))
    >>> parse_month_year("2026-11"), parse_month_year("13.2026"), parse_month_year("wiosna 2026")
    ((2026, 11), None, None)
    """
    text = _normalise(text)
    month: int | None = None
    if m := _MONTH_WORD_YEAR.fullmatch(text):
        month, year = _MONTHS_ANY_CASE.get(m[1]), int(m[2])
    elif m := _MONTH_NUMBER_YEAR.fullmatch(text):
        month, year = int(m[1]), int(m[2])
    elif m := _YEAR_MONTH_NUMBER.fullmatch(text):
        month, year = int(m[2]), int(m[1])
    if month is None or not 1 <= month <= 12:
        return None
    return year, month


def _parse_start(text: str, end: date) -> date | None:
    """The first half of a range; day and month may come from ``end``."""
    if (full := parse_date(text)) is not None:
        return full
    if m := _PARTIAL_NUMERIC.fullmatch(text):
        return _make(end.year, int(m[2]) if m[2] else end.month, int(m[1]))
    if m := _PARTIAL_WORDS.fullmatch(text):
        return _make(end.year, _MONTH_NUMBERS.get(m[2]), int(m[1]))
    return None


def parse_date_range(text: str) -> tuple[date, date | None] | None:
    """Read a „Termin”: one date or a range joined by a hyphen, en or em dash.

    A one-day range gives ``(day, None)``; a range that ends before it
    starts, or anything unreadable, gives ``None``.

    >>> parse_date_range("6-8.11.2025")
    (datetime.date(2025, 11, 6), datetime.date(2025, 11, 8))
    >>> parse_date_range("30 września – 2 października 2025 r.")
    (datetime.date(2025, 9, 30), datetime.date(2025, 10, 2))
    >>> parse_date_range("30.09.2025-2.10.2025")
    (datetime.date(2025, 9, 30), datetime.date(2025, 10, 2))
    >>> parse_date_range("15.03.2025")
    (datetime.date(2025, 3, 15), None)
    >>> parse_date_range("8-6.11.2025") is None
    True
    """
    text = _normalise(text)
    if (single := parse_date(text)) is not None:
        return single, None
    for dash in _DASH.finditer(text):
        end = parse_date(text[dash.end() :])
        if end is None:
            continue
        start = _parse_start(text[: dash.start()], end)
        if start is not None and start <= end:
            return (start, None) if start == end else (start, end)
    return None


def reversed_date_range(text: str) -> tuple[date, date] | None:
    """The (start, end) of a range that reads well but ends before it starts, else None.

    >>> reversed_date_range("8-6.11.2025")
    (datetime.date(2025, 11, 8), datetime.date(2025, 11, 6))
    >>> reversed_date_range("6-8.11.2025") is None, reversed_date_range("wkrótce") is None
    (True, True)
    """
    text = _normalise(text)
    for dash in _DASH.finditer(text):
        end = parse_date(text[dash.end() :])
        if end is None:
            continue
        start = _parse_start(text[: dash.start()], end)
        if start is not None and start > end:
            return start, end
    return None
