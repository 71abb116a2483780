"""Properties of the Polish layer, checked on generated values (hypothesis)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from itertools import pairwise

from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from reports.polish.collation import sort_key, sorted_pl
from reports.polish.dates import format_date, format_date_range, parse_date, parse_date_range
from reports.polish.numbers import MINUS, format_amount, format_number
from reports.polish.plurals import NOUNS, count, plural
from reports.polish.typography import NBSP, WORD_JOINER, typeset

THIN_SPACES = ("\u2009", "\u202f")
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
suffixes = st.sampled_from(["r.", "roku", ""])
# Text built from the characters typeset reacts to.
typeset_text = st.text(alphabet='aiouwzAIOUWZkrłtys.,%0123456789 \u00a0"„”()–—-\n§', max_size=40)


@given(typeset_text)
def test_typeset_is_idempotent(text: str) -> None:
    once = typeset(text)
    assert typeset(once) == once


@given(typeset_text.map(lambda text: re.sub(" +", " ", text)))
def test_typeset_only_ties_spaces_and_curls_quotes(text: str) -> None:
    """On single-spaced text (as the loader and ``build`` give it) nothing but ties changes."""
    result = typeset(text).replace(WORD_JOINER, "")
    assert len(result) == len(text)
    for before, after in zip(text, result, strict=True):
        assert after == before or (before, after) in {
            (" ", NBSP),
            ('"', "„"),
            ('"', "”"),
            ("-", "–"),  # a spaced hyphen between words is a dash
        }
    assert '"' not in result


@given(dates, suffixes)
def test_format_date_round_trips(day: date, suffix: str) -> None:
    assert parse_date(format_date(day, suffix=suffix)) == day


@given(dates, st.integers(min_value=0, max_value=800), suffixes)
def test_format_date_range_round_trips_without_thin_spaces(
    start: date, days: int, suffix: str
) -> None:
    end = date.fromordinal(start.toordinal() + days)
    text = format_date_range(start, end, suffix=suffix)
    assert not any(space in text for space in THIN_SPACES)
    assert "-" not in text and text.count("–") == (0 if days == 0 else 1)
    assert parse_date_range(text) == (start, None if days == 0 else end)
    assert typeset(text) == text


@given(st.integers(min_value=-(10**7), max_value=10**9))
def test_plural_matches_cldr_rule(n: int) -> None:
    expected = {"one": "one", "few": "few"}.get(Locale("pl").plural_form(abs(n)), "many")
    assert plural(n, "one", "few", "many") == expected


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(sorted(NOUNS)))
def test_count_is_number_nbsp_plural(n: int, noun: str) -> None:
    assert count(n, noun) == f"{format_number(n)}{NBSP}{plural(n, *NOUNS[noun])}"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_number_reads_back_and_groups_from_five_digits(n: int) -> None:
    text = format_number(n)
    assert "-" not in text  # a minus is U+2212, never a hyphen-minus
    assert int(text.replace(NBSP, "").replace(MINUS, "-")) == n
    digits = len(str(abs(n)))
    assert text.count(NBSP) == (0 if digits < 5 else (digits - 1) // 3)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_format_amount_reads_back(value: Decimal) -> None:
    text = format_amount(value)
    number, unit = text.rsplit(NBSP, 1)
    assert unit == "zł"
    assert "-" not in number
    assert Decimal(number.replace(NBSP, "").replace(",", ".").replace(MINUS, "-")) == value
    assert not number.endswith(",00")


POLISH_LETTERS = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż"
MARKED = (("A", "Ą"), ("C", "Ć"), ("L", "Ł"), ("O", "Ó"), ("S", "Ś"), ("Z", "Ź"), ("Ź", "Ż"))


@given(st.text(POLISH_LETTERS, max_size=8), st.text(POLISH_LETTERS, max_size=8))
def test_polish_letters_sort_after_their_base_letter(a: str, b: str) -> None:
    for base, marked in MARKED:
        assert sort_key(base + b) < sort_key(marked + a)
        assert sort_key("K" + base.lower() + b) < sort_key("K" + marked.lower() + a)
        assert sort_key("Ka" + base.lower()) < sort_key("Ka" + marked.lower())
        assert sorted_pl([marked + a, base + b]) == [base + b, marked + a]


@given(st.lists(st.text(max_size=6), max_size=8))
def test_sorted_pl_is_a_deterministic_permutation(items: list[str]) -> None:
    result = sorted_pl(items)
    assert sorted(result) == sorted(items)
    assert sorted_pl(list(reversed(items))) == result
    assert all(sort_key(x) <= sort_key(y) for x, y in pairwise(result))


words = st.text(alphabet="abcdeęłóśzKLMŁŚ", min_size=1, max_size=8)
glue = st.sampled_from(["", " ", ":", ": ", "(", " – "])


@given(st.lists(st.tuples(words, glue, words), min_size=1, max_size=4))
def test_straight_quotes_pair_up_open_first(parts: list[tuple[str, str, str]]) -> None:
    """Quotations written with straight quotes, right after a word or not, come out „…”."""
    text = " ".join(f'{before}{between}"{quoted}"' for before, between, quoted in parts)
    result = typeset(text)
    marks = [ch for ch in result if ch in "„”"]
    assert marks == ["„", "”"] * len(parts)
