"""Numbers, amounts, populations, ordinals and file sizes, the Polish way.

Conventions (decided once, used everywhere):

* Thousands are separated by a non-breaking space (U+00A0) and only from five
  digits up, as CLDR's Polish data (``minimumGroupingDigits = 2``) and ICU do
  and as PWN allows: ``1200`` but ``12 000``. Babel ignores that CLDR rule, so
  grouping is done here.
* The decimal separator is a comma; rounding is half-up (as in accounting),
  never Python's half-to-even.
* The minus sign is the typographic minus ``−`` (U+2212, :data:`MINUS`), never a
  hyphen-minus, which a line may break after and which reads as a dash; screen
  readers read U+2212 as "minus". (Sentences say a decrease in words: „o 6310 zł
  mniej”.)
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reports.polish.typography import NBSP

#: The minus sign of a negative number.
MINUS = "\u2212"

_CURRENCY_SYMBOLS = {"PLN": "zł", "ZŁ": "zł", "ZL": "zł"}


def _to_decimal(value: int | Decimal | float) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        number = Decimal(int(value))
    if not number.is_finite():
        raise ValueError(f"cannot format a non-finite number: {value!r}")
    return number


def _group(digits: str) -> str:
    """Group an unsigned run of digits by three, from five digits up."""
    if len(digits) < 5:
        return digits
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return NBSP.join(groups)


def format_number(value: int | Decimal | float, *, decimals: int | None = None) -> str:
    """Format a number with Polish separators.

    ``decimals=None`` keeps every significant decimal of the value (no
    trailing zeros); an integer rounds half-up to that many places.

    >>> format_number(800000)
    '800\\xa0000'
    >>> format_number(1200), format_number(12000)
    ('1200', '12\\xa0000')
    >>> format_number(Decimal("12500.50"))
    '12\\xa0500,5'
    >>> format_number(2.345, decimals=2)
    '2,35'
    >>> format_number(-1234567)
    '\\u22121\\xa0234\\xa0567'
    >>> format_number(-0.001, decimals=2)
    '0,00'
    """
    number = _to_decimal(value)
    if decimals is not None:
        if decimals < 0:
            raise ValueError(f"decimals must be >= 0, not {decimals}")
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    sign = MINUS if number < 0 and any(ch not in "0." for ch in text) else ""
    return sign + _group(whole) + ("," + fraction if fraction else "")


def format_amount(value: int | Decimal, currency: str = "PLN") -> str:
    """Format an amount of money: whole amounts without ``,00``, else 2 decimals.

    ``PLN`` (or ``zł``) prints as „zł”; any other ISO 4217 code as the code.

    >>> format_amount(800000)
    '800\\xa0000\\xa0zł'
    >>> format_amount(Decimal("12500.5"))
    '12\\xa0500,50\\xa0zł'
    >>> format_amount(Decimal("15000.00"), "eur")
    '15\\xa0000\\xa0EUR'
    >>> format_amount(0), format_amount(-1500)
    ('0\\xa0zł', '\\u22121500\\xa0zł')
    """
    code = currency.strip().upper()
    unit = _CURRENCY_SYMBOLS.get(code)
    if unit is None:
        if not (len(code) == 3 and code.isascii() and code.isalpha()):
            raise ValueError(f"not an ISO 4217 currency code: {currency!r}")
        unit = code
    number = _to_decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    decimals = 0 if number == number.to_integral_value() else 2
    return f"{format_number(number, decimals=decimals)}{NBSP}{unit}"


def _compact(number: Decimal, places: int) -> str:
    return format_number(number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def format_population(n: int) -> str:
    """Format a population as an approximation with „tys.” or „mln”.

    Below 1000 the exact number; below 20 tys. one decimal (whole thousands
    would be more than 5 % off); then whole thousands; from a million up
    millions with one decimal. A trailing ``,0`` is dropped.

    >>> format_population(850)
    '850'
    >>> format_population(14500), format_population(51234)
    ('ok.\\xa014,5\\xa0tys.', 'ok.\\xa051\\xa0tys.')
    >>> format_population(1234567)
    'ok.\\xa01,2\\xa0mln'
    >>> format_population(999_700)
    'ok.\\xa01\\xa0mln'
    """
    if n < 0:
        raise ValueError(f"a population cannot be negative: {n}")
    if n < 1000:
        return format_number(n)
    thousands = Decimal(n) / 1000
    places = 1 if n < 20_000 else 0
    if thousands.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) < 1000:
        return f"ok.{NBSP}{_compact(thousands, places)}{NBSP}tys."
    return f"ok.{NBSP}{_compact(Decimal(n) / 1_000_000, 1)}{NBSP}mln"


def format_ordinal(n: int) -> str:
    """Format an ordinal number the Polish way, with a trailing dot.

    >>> format_ordinal(35)
    '35.'
    >>> f"{format_ordinal(1)} rocznica"
    '1. rocznica'
    """
    if n < 0:
        raise ValueError(f"an ordinal cannot be negative: {n}")
    return f"{format_number(n)}."


def format_size(n_bytes: int) -> str:
    """Format a file size for a BIP attachment line (1 KB = 1024 B).

    Binary units match what Windows Explorer shows the officer for the same
    file. Bytes and KB are whole; MB and GB have one decimal (``,0`` dropped).

    >>> format_size(850)
    '850\\xa0B'
    >>> format_size(421_888)
    '412\\xa0KB'
    >>> format_size(1_258_291)
    '1,2\\xa0MB'
    >>> format_size(1_048_575)
    '1\\xa0MB'
    """
    if n_bytes < 0:
        raise ValueError(f"a file size cannot be negative: {n_bytes}")
    if n_bytes < 1024:
        return f"{format_number(n_bytes)}{NBSP}B"
    for power, unit, places in ((1, "KB", 0), (2, "MB", 1), (3, "GB", 1)):
        scaled = Decimal(n_bytes) / (1024**power)
        rounded = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if rounded < 1024 or unit == "GB":
            return f"{_compact(scaled, places)}{NBSP}{unit}"
    raise AssertionError("unreachable")  # pragma: no cover
