"""Contracts of the Polish layer: errors, agreement with CLDR, tables' integrity."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from babel import Locale
from babel.dates import get_month_names
from babel.lists import format_list

from reports.polish import countries
from reports.polish.collation import sort_key, sorted_pl
from reports.polish.countries import (
    Country,
    all_countries,
    country_name,
    in_country,
    normalize_country,
)
from reports.polish.dates import MONTHS_GENITIVE, MONTHS_NOMINATIVE, format_date, format_date_range
from reports.polish.lists import join_list
from reports.polish.numbers import (
    format_amount,
    format_number,
    format_ordinal,
    format_population,
    format_size,
)
from reports.polish.plurals import NOUNS, count

FIELDS = ("code", "name")


def test_month_names_agree_with_cldr() -> None:
    assert list(MONTHS_GENITIVE) == list(get_month_names("wide", "format", "pl").values())
    assert list(MONTHS_NOMINATIVE) == list(get_month_names("wide", "stand-alone", "pl").values())


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_formats_with_its_genitive(month: int) -> None:
    assert format_date(date(2025, month, 1)) == f"1\u00a0{MONTHS_GENITIVE[month - 1]} 2025\u00a0r."


@pytest.mark.parametrize(
    "items", [["Hamm"], ["Hamm", "Preston"], ["Hamm", "La Louvière", "Hautmont", "Martin"]]
)
def test_join_list_agrees_with_babel(items: list[str]) -> None:
    assert join_list(items) == format_list(items, locale="pl")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: format_date_range(date(2025, 3, 2), date(2025, 3, 1)), ValueError),
        (lambda: format_date(0), ValueError),
        (lambda: format_number(Decimal("NaN")), ValueError),
        (lambda: format_number(float("inf")), ValueError),
        (lambda: format_number(1, decimals=-1), ValueError),
        (lambda: format_amount(1, "złote"), ValueError),
        (lambda: format_amount(1, "E1R"), ValueError),
        (lambda: format_population(-1), ValueError),
        (lambda: format_ordinal(-1), ValueError),
        (lambda: format_size(-1), ValueError),
        (lambda: count(2, "wizyty"), KeyError),
        (lambda: country_name("XX"), KeyError),
        (lambda: country_name("EU"), KeyError),
    ],
)
def test_bad_input_raises(call: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()


def test_unknown_noun_message_says_what_to_do() -> None:
    with pytest.raises(KeyError, match=r"unknown noun 'wizyty'.*\(one, few, many\)"):
        count(2, "wizyty")


def test_nouns_have_three_distinct_keys_and_forms() -> None:
    required = {"wizyta", "wyjazd", "delegacja", "projekt", "nagroda", "miasto", "kraj"}
    required |= {"osoba", "rok", "strona", "organizacja", "partner", "rekord", "wiersz"}
    required |= {"błąd", "ostrzeżenie", "duplikat", "gość", "umowa", "rocznica", "dzień"}
    required |= {"program", "wyróżnienie"}
    assert required <= NOUNS.keys()
    for key, forms in NOUNS.items():
        assert forms[0] == key and len(forms) == 3 and all(forms)


def test_country_class_is_unchanged() -> None:
    assert [f.name for f in dataclasses.fields(Country)] == list(FIELDS)
    assert Country("AT", "Austria") < Country("DE", "Niemcy")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Country("AT", "Austria").name = "x"  # type: ignore[misc]


def test_every_country_reads_back_from_its_name_and_codes() -> None:
    everything = all_countries()
    assert len(everything) > 240
    for country in everything:
        assert len(country.code) == 2 and country.code.isupper()
        assert normalize_country(country.name) == country
        assert normalize_country(country.code.lower()) == country
        assert country_name(country.code) == country.name


def test_only_real_countries() -> None:
    codes = {c.code for c in all_countries()}
    assert not codes & {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "DG", "EA", "IC", "AC", "TA"}
    assert {"PL", "DE", "UA", "GB", "US", "XK", "HK"} <= codes
    assert all(normalize_country(code) is None for code in ("001", "150", "EU", "UN", "QO"))


def test_names_follow_babel_except_the_listed_overrides() -> None:
    polish = Locale("pl").territories
    for country in all_countries():
        if country.code not in {"HK", "MO", "MM"}:
            assert country.name == polish[country.code]
    assert country_name("HK") == "Hongkong" and country_name("MM") == "Mjanma"


def test_all_countries_is_in_polish_order() -> None:
    names = [c.name for c in all_countries()]
    assert names == sorted_pl(names)
    assert names.index("Łotwa") > names.index("Luksemburg")


def test_locative_table_is_well_formed() -> None:
    for code, phrase in countries._LOCATIVES.items():
        preposition, _, rest = phrase.partition(" ")
        assert preposition in {"w", "we", "na"}, code
        assert rest and rest[0].isupper(), code
        assert code in {c.code for c in all_countries()}, code


def test_locatives_cover_europe() -> None:
    europe = "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV"
    europe += " MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK"
    for code in europe.split():
        country = Country(code, country_name(code))
        assert not in_country(country).startswith("w kraju:"), code


def test_sort_keys_agree_across_threads() -> None:
    words = ["Łowecz", "Lwów", "Lipsk", "Żary", "Zagrzeb", "Ząbki", "Śrem", "Sopot"] * 50
    expected = [sort_key(w) for w in words]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(sort_key, words))
    assert results == expected


def test_sorted_pl_with_key_and_reverse() -> None:
    people = [("b", "Żaneta"), ("a", "Łucja"), ("c", "Lucyna")]
    assert sorted_pl(people, key=lambda p: p[1]) == [people[2], people[1], people[0]]
    assert sorted_pl(["Lwów", "Łowecz"], reverse=True) == ["Łowecz", "Lwów"]
