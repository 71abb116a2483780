"""Countries: ISO codes and Polish names normalised to one :class:`Country`.

Names are Babel's (CLDR) Polish territory names — already the usage of Polish
municipal documents for the common cases („Wielka Brytania”, „Stany
Zjednoczone”, „Holandia”, „Czechy”) — except where CLDR's label is not a
country name used in running text (:data:`_NAME_OVERRIDES`). The list of
countries is ICU's ISO 3166-1 list without the exceptional reservations.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import icu
from babel import Locale

from reports.polish.collation import sorted_pl
from reports.polish.prepositions import with_preposition


@dataclass(frozen=True, order=True)
class Country:
    """A country: ISO 3166-1 alpha-2 code and its Polish name."""

    code: str
    name: str


# Exceptionally reserved codes ICU lists that are not countries (Diego Garcia,
# Ceuta and Melilla, Canary Islands, Sark).
_NOT_COUNTRIES = frozenset({"DG", "EA", "IC", "CQ"})
# CLDR labels that are not what a sentence says („SRA Hongkong (Chiny)”, „Mjanma (Birma)”).
_NAME_OVERRIDES = {"HK": "Hongkong", "MO": "Makau", "MM": "Mjanma"}
# Common ways officers write a country, beyond its Polish and English names and
# ISO codes. Keys are compared without case, diacritics, dots and extra spaces.
# England, Scotland, Wales and Northern Ireland count as the United Kingdom:
# the report groups by sovereign state.
_VARIANTS = {
    "USA": "US",
    "Stany Zjednoczone Ameryki": "US",
    "SZA": "US",
    "UK": "GB",
    "Zjednoczone Królestwo": "GB",
    "Zjednoczone Królestwo Wielkiej Brytanii i Irlandii Północnej": "GB",
    "Anglia": "GB",
    "Szkocja": "GB",
    "Walia": "GB",
    "Irlandia Północna": "GB",
    "RFN": "DE",
    "Republika Federalna Niemiec": "DE",
    "Deutschland": "DE",
    "Niderlandy": "NL",
    "Królestwo Niderlandów": "NL",
    "Republika Czeska": "CZ",
    "Republika Słowacka": "SK",
    "Federacja Rosyjska": "RU",
    "Republika Białorusi": "BY",
    "Republika Litewska": "LT",
    "Republika Łotewska": "LV",
    "Republika Estońska": "EE",
    "Republika Korei": "KR",
    "ChRL": "CN",
    "Chińska Republika Ludowa": "CN",
    "Mołdowa": "MD",
    "Republika Mołdawii": "MD",
    "Macedonia": "MK",
    "Türkiye": "TR",
    "Stolica Apostolska": "VA",
    "RPA": "ZA",
    "ZEA": "AE",
    "Bośnia": "BA",
    "XKX": "XK",
    "Birma": "MM",
}
# Locative with its preposition, hand-checked (PWN / Rada Języka Polskiego).
# Ukraine: „w Ukrainie”. The Rada Języka Polskiego (2022) accepts both „w” and
# „na”; Polish state institutions (gov.pl, the President, the Foreign Ministry)
# write „w Ukrainie” since 2022, and a city's official report follows them.
# Belarus stays „na Białorusi”, the established usage the RJP did not revise.
_LOCATIVES = {
    # Europe
    "AD": "w Andorze",
    "AL": "w Albanii",
    "AM": "w Armenii",
    "AT": "w Austrii",
    "AX": "na Wyspach Alandzkich",
    "AZ": "w Azerbejdżanie",
    "BA": "w Bośni i Hercegowinie",
    "BE": "w Belgii",
    "BG": "w Bułgarii",
    "BY": "na Białorusi",
    "CH": "w Szwajcarii",
    "CY": "na Cyprze",
    "CZ": "w Czechach",
    "DE": "w Niemczech",
    "DK": "w Danii",
    "EE": "w Estonii",
    "ES": "w Hiszpanii",
    "FI": "w Finlandii",
    "FO": "na Wyspach Owczych",
    "FR": "we Francji",
    "GB": "w Wielkiej Brytanii",
    "GE": "w Gruzji",
    "GG": "na Guernsey",
    "GI": "na Gibraltarze",
    "GR": "w Grecji",
    "HR": "w Chorwacji",
    "HU": "na Węgrzech",
    "IE": "w Irlandii",
    "IM": "na Wyspie Man",
    "IS": "na Islandii",
    "IT": "we Włoszech",
    "JE": "na Jersey",
    "KZ": "w Kazachstanie",
    "LI": "w Liechtensteinie",
    "LT": "na Litwie",
    "LU": "w Luksemburgu",
    "LV": "na Łotwie",
    "MC": "w Monako",
    "MD": "w Mołdawii",
    "ME": "w Czarnogórze",
    "MK": "w Macedonii Północnej",
    "MT": "na Malcie",
    "NL": "w Holandii",
    "NO": "w Norwegii",
    "PL": "w Polsce",
    "PT": "w Portugalii",
    "RO": "w Rumunii",
    "RS": "w Serbii",
    "RU": "w Rosji",
    "SE": "w Szwecji",
    "SI": "na Słowenii",
    "SK": "na Słowacji",
    "SM": "w San Marino",
    "TR": "w Turcji",
    "UA": "w Ukrainie",
    "VA": "w Watykanie",
    "XK": "w Kosowie",
    # Asia
    "AE": "w Zjednoczonych Emiratach Arabskich",
    "AF": "w Afganistanie",
    "BD": "w Bangladeszu",
    "CN": "w Chinach",
    "HK": "w Hongkongu",
    "ID": "w Indonezji",
    "IL": "w Izraelu",
    "IN": "w Indiach",
    "IQ": "w Iraku",
    "IR": "w Iranie",
    "JO": "w Jordanii",
    "JP": "w Japonii",
    "KG": "w Kirgistanie",
    "KH": "w Kambodży",
    "KP": "w Korei Północnej",
    "KR": "w Korei Południowej",
    "KW": "w Kuwejcie",
    "LB": "w Libanie",
    "LK": "na Sri Lance",
    "MN": "w Mongolii",
    "MO": "w Makau",
    "MY": "w Malezji",
    "NP": "w Nepalu",
    "PH": "na Filipinach",
    "PK": "w Pakistanie",
    "QA": "w Katarze",
    "SA": "w Arabii Saudyjskiej",
    "SG": "w Singapurze",
    "SY": "w Syrii",
    "TH": "w Tajlandii",
    "TJ": "w Tadżykistanie",
    "TM": "w Turkmenistanie",
    "TW": "na Tajwanie",
    "UZ": "w Uzbekistanie",
    "VN": "w Wietnamie",
    # Americas
    "AR": "w Argentynie",
    "BO": "w Boliwii",
    "BR": "w Brazylii",
    "CA": "w Kanadzie",
    "CL": "w Chile",
    "CO": "w Kolumbii",
    "CR": "w Kostaryce",
    "CU": "na Kubie",
    "EC": "w Ekwadorze",
    "GL": "na Grenlandii",
    "JM": "na Jamajce",
    "MX": "w Meksyku",
    "PE": "w Peru",
    "PY": "w Paragwaju",
    "US": "w Stanach Zjednoczonych",
    "UY": "w Urugwaju",
    "VE": "w Wenezueli",
    # Africa
    "DZ": "w Algierii",
    "EG": "w Egipcie",
    "ET": "w Etiopii",
    "GH": "w Ghanie",
    "KE": "w Kenii",
    "MA": "w Maroku",
    "MG": "na Madagaskarze",
    "NG": "w Nigerii",
    "SN": "w Senegalu",
    "TN": "w Tunezji",
    "TZ": "w Tanzanii",
    "ZA": "w Republice Południowej Afryki",
    # Oceania
    "AU": "w Australii",
    "NZ": "w Nowej Zelandii",
}


def _key(text: str) -> str:
    """Comparison key: no case, diacritics, dots, hyphens or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace(".", "").replace("-", " ").replace("’", "'")
    return " ".join(bare.split())


@cache
def _names() -> dict[str, str]:
    polish = Locale("pl").territories
    return {
        code: _NAME_OVERRIDES.get(code, polish[code])
        for code in icu.Locale.getISOCountries()
        if code not in _NOT_COUNTRIES and code in polish
    }


@cache
def _lookup() -> dict[str, str]:
    """Key → code; earlier sources win: variants, Polish names, codes, English."""
    names = _names()
    english = Locale("en").territories
    table: dict[str, str] = {}
    sources = [
        _VARIANTS.items(),
        ((name, code) for code, name in names.items()),
        ((code, code) for code in names),
        ((icu.Locale("", code).getISO3Country(), code) for code in names),
        ((english[code], code) for code in names if code in english),
    ]
    for source in sources:
        for text, code in source:
            if text:
                table.setdefault(_key(text), code)
    return table


def country_name(code: str) -> str:
    """The Polish name of a country given by its ISO alpha-2 code.

    >>> country_name("DE"), country_name("gb")
    ('Niemcy', 'Wielka Brytania')
    """
    try:
        return _names()[code.strip().upper()]
    except KeyError:
        raise KeyError(f"not an ISO 3166-1 alpha-2 country code: {code!r}") from None


def normalize_country(text: str) -> Country | None:
    """Read a country written as a Polish name, a common variant or an ISO code.

    >>> normalize_country("  rfn ")
    Country(code='DE', name='Niemcy')
    >>> normalize_country("USA"), normalize_country("nld")
    (Country(code='US', name='Stany Zjednoczone'), Country(code='NL', name='Holandia'))
    >>> normalize_country("Slowacja")
    Country(code='SK', name='Słowacja')
    >>> normalize_country("Europa") is None
    True
    """
    code = _lookup().get(_key(text))
    return None if code is None else Country(code, _names()[code])


def all_countries() -> list[Country]:
    """Every country, in Polish alphabetical order (for drop-down lists).

    >>> [c.name for c in all_countries()][:3]
    ['Afganistan', 'Albania', 'Algieria']
    """
    return sorted_pl((Country(c, n) for c, n in _names().items()), key=lambda c: c.name)


def in_country(country: Country) -> str:
    """„In <country>” with the right preposition and locative case.

    Countries outside the hand-checked table read „w kraju: <nazwa>”, which is
    always grammatical. „w” or „we” is chosen by :func:`with_preposition`.

    >>> in_country(Country("DE", "Niemcy")), in_country(Country("SK", "Słowacja"))
    ('w Niemczech', 'na Słowacji')
    >>> in_country(Country("UA", "Ukraina"))
    'w Ukrainie'
    >>> in_country(Country("FJ", "Fidżi")), in_country(Country("FR", "Francja"))
    ('w kraju: Fidżi', 'we Francji')
    """
    entry = _LOCATIVES.get(country.code)
    if entry is None:
        return f"w kraju: {country.name}"
    preposition, locative = entry.split(" ", 1)
    return entry if preposition == "na" else with_preposition("w", locative)
