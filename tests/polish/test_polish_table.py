"""The table of issue 3: one row per value and the exact text it must read as.

In expected strings ``~`` stands for a non-breaking space (U+00A0).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from reports.polish.collation import sorted_pl
from reports.polish.countries import Country, country_name, in_country, normalize_country
from reports.polish.dates import (
    format_date,
    format_date_range,
    format_month_year,
    parse_date,
    parse_date_range,
)
from reports.polish.lists import join_list
from reports.polish.numbers import (
    format_amount,
    format_number,
    format_ordinal,
    format_population,
    format_size,
)
from reports.polish.plurals import count, plural
from reports.polish.prepositions import with_preposition
from reports.polish.typography import NBSP, quote, typeset

D = date
W = ("wizyta", "wizyty", "wizyt")


def _country(code: str) -> Country:
    return Country(code, country_name(code))


Row = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], Any]

CASES: list[Row] = [
    # format_date: default „r.”, leap day, first and last days, suffixes, year only
    (format_date, (D(2025, 3, 15),), {}, "15~marca 2025~r."),
    (format_date, (D(2024, 2, 29),), {}, "29~lutego 2024~r."),
    (format_date, (D(2025, 1, 1),), {}, "1~stycznia 2025~r."),
    (format_date, (D(2025, 1, 31),), {}, "31~stycznia 2025~r."),
    (format_date, (D(2025, 5, 1),), {}, "1~maja 2025~r."),
    (format_date, (D(2025, 12, 31),), {"suffix": "roku"}, "31~grudnia 2025~roku"),
    (format_date, (D(2025, 10, 1),), {"suffix": ""}, "1~października 2025"),
    (format_date, (D(2003, 6, 9),), {}, "9~czerwca 2003~r."),
    (format_date, (2025,), {}, "2025~r."),
    (format_date, (2003,), {"suffix": "roku"}, "2003~roku"),
    (format_date, (2025,), {"suffix": ""}, "2025"),
    # format_month_year: nominative
    (format_month_year, (D(2025, 3, 1),), {}, "marzec 2025"),
    (format_month_year, (D(2024, 2, 29),), {}, "luty 2024"),
    (format_month_year, (D(2025, 9, 30),), {}, "wrzesień 2025"),
    (format_month_year, (D(2025, 12, 31),), {}, "grudzień 2025"),
    # format_date_range: one day, same month, across months, across years
    (format_date_range, (D(2025, 3, 15),), {}, "15~marca 2025~r."),
    (format_date_range, (D(2025, 3, 15), D(2025, 3, 15)), {}, "15~marca 2025~r."),
    (format_date_range, (D(2025, 11, 6), D(2025, 11, 8)), {}, "6–\u20608~listopada 2025~r."),
    (format_date_range, (D(2025, 3, 1), D(2025, 3, 31)), {}, "1–\u206031~marca 2025~r."),
    (format_date_range, (D(2024, 2, 28), D(2024, 2, 29)), {}, "28–\u206029~lutego 2024~r."),
    (
        format_date_range,
        (D(2025, 9, 30), D(2025, 10, 2)),
        {},
        "30~września~– 2~października 2025~r.",
    ),
    (format_date_range, (D(2025, 1, 31), D(2025, 2, 1)), {}, "31~stycznia~– 1~lutego 2025~r."),
    (
        format_date_range,
        (D(2025, 12, 30), D(2026, 1, 2)),
        {},
        "30~grudnia 2025~r.~– 2~stycznia 2026~r.",
    ),
    (
        format_date_range,
        (D(2024, 12, 31), D(2025, 1, 1)),
        {"suffix": "roku"},
        "31~grudnia 2024~roku~– 1~stycznia 2025~roku",
    ),
    (
        format_date_range,
        (D(2025, 11, 6), D(2025, 11, 8)),
        {"suffix": ""},
        "6–\u20608~listopada 2025",
    ),
    (
        format_date_range,
        (D(2025, 9, 30), D(2025, 10, 2)),
        {"suffix": "roku"},
        "30~września~– 2~października 2025~roku",
    ),
    # parse_date: the forms officers type
    (parse_date, ("15.03.2025",), {}, D(2025, 3, 15)),
    (parse_date, ("2025-03-15",), {}, D(2025, 3, 15)),
    (parse_date, ("15 marca 2025",), {}, D(2025, 3, 15)),
    (parse_date, ("15 MARCA 2025 R.",), {}, D(2025, 3, 15)),
    (parse_date, ("5.3.2025",), {}, D(2025, 3, 5)),
    (parse_date, ("05.03.2025 r.",), {}, D(2025, 3, 5)),
    (parse_date, ("29.02.2024",), {}, D(2024, 2, 29)),
    (parse_date, ("  1 stycznia   2025 roku ",), {}, D(2025, 1, 1)),
    (parse_date, ("31 grudnia 2025r.",), {}, D(2025, 12, 31)),
    (parse_date, ("15\u00a0października\u00a02025",), {}, D(2025, 10, 15)),
    (parse_date, ("2025-3-5",), {}, D(2025, 3, 5)),
    # parse_date: anything else is None, impossible days included
    (parse_date, ("30.02.2025",), {}, None),
    (parse_date, ("29.02.2025",), {}, None),
    (parse_date, ("31.04.2025",), {}, None),
    (parse_date, ("32.01.2025",), {}, None),
    (parse_date, ("0.03.2025",), {}, None),
    (parse_date, ("15.13.2025",), {}, None),
    (parse_date, ("15 marzec 2025",), {}, None),
    (parse_date, ("marzec 2025",), {}, None),
    (parse_date, ("2025",), {}, None),
    (parse_date, ("",), {}, None),
    (parse_date, ("15.03.25",), {}, None),
    (parse_date, ("15/03/2025",), {}, None),
    (parse_date, ("jutro",), {}, None),
    (parse_date, ("15.03.2025 12:00",), {}, None),
    (parse_date, ("6-8.11.2025",), {}, None),
    # parse_date_range: every „Termin” form
    (parse_date_range, ("6-8.11.2025",), {}, (D(2025, 11, 6), D(2025, 11, 8))),
    (parse_date_range, ("6–8.11.2025",), {}, (D(2025, 11, 6), D(2025, 11, 8))),
    (parse_date_range, ("6 — 8.11.2025",), {}, (D(2025, 11, 6), D(2025, 11, 8))),
    (parse_date_range, ("6–8 listopada 2025",), {}, (D(2025, 11, 6), D(2025, 11, 8))),
    (parse_date_range, ("6 - 8 Listopada 2025 r.",), {}, (D(2025, 11, 6), D(2025, 11, 8))),
    (parse_date_range, ("30.09–2.10.2025",), {}, (D(2025, 9, 30), D(2025, 10, 2))),
    (parse_date_range, ("30.09.-2.10.2025",), {}, (D(2025, 9, 30), D(2025, 10, 2))),
    (parse_date_range, ("30.09.2025-2.10.2025",), {}, (D(2025, 9, 30), D(2025, 10, 2))),
    (parse_date_range, ("30.09.2025 – 2.10.2025 r.",), {}, (D(2025, 9, 30), D(2025, 10, 2))),
    (
        parse_date_range,
        ("30 września – 2 października 2025",),
        {},
        (D(2025, 9, 30), D(2025, 10, 2)),
    ),
    (
        parse_date_range,
        ("30 grudnia 2025 r. – 2 stycznia 2026 r.",),
        {},
        (D(2025, 12, 30), D(2026, 1, 2)),
    ),
    (parse_date_range, ("30.12.2025-2.01.2026",), {}, (D(2025, 12, 30), D(2026, 1, 2))),
    (parse_date_range, ("2025-03-15 – 2025-03-17",), {}, (D(2025, 3, 15), D(2025, 3, 17))),
    (parse_date_range, ("28-29.02.2024",), {}, (D(2024, 2, 28), D(2024, 2, 29))),
    (parse_date_range, ("15.03.2025",), {}, (D(2025, 3, 15), None)),
    (parse_date_range, ("15 marca 2025 r.",), {}, (D(2025, 3, 15), None)),
    (parse_date_range, ("2025-03-15",), {}, (D(2025, 3, 15), None)),
    (parse_date_range, ("15-15.03.2025",), {}, (D(2025, 3, 15), None)),
    # parse_date_range: bad forms and backwards ranges
    (parse_date_range, ("8-6.11.2025",), {}, None),
    (parse_date_range, ("2.10–30.09.2025",), {}, None),
    (parse_date_range, ("30.12–2.01.2026",), {}, None),
    (parse_date_range, ("2026-01-02 – 2025-12-30",), {}, None),
    (parse_date_range, ("6-8.11",), {}, None),
    (parse_date_range, ("30-31.02.2025",), {}, None),
    (parse_date_range, ("6-8.13.2025",), {}, None),
    (parse_date_range, ("6--8.11.2025",), {}, None),
    (parse_date_range, ("od 6 do 8 listopada 2025",), {}, None),
    (parse_date_range, ("",), {}, None),
    # format_number: grouping from five digits, decimal comma, half-up, minus
    (format_number, (0,), {}, "0"),
    (format_number, (999,), {}, "999"),
    (format_number, (1200,), {}, "1200"),
    (format_number, (9999,), {}, "9999"),
    (format_number, (10000,), {}, "10~000"),
    (format_number, (800000,), {}, "800~000"),
    (format_number, (1234567,), {}, "1~234~567"),
    (format_number, (-1500,), {}, "−1500"),
    (format_number, (-12000,), {}, "−12~000"),
    (format_number, (Decimal("12500.50"),), {}, "12~500,5"),
    (format_number, (Decimal("12500.50"),), {"decimals": 2}, "12~500,50"),
    (format_number, (2.345,), {"decimals": 2}, "2,35"),
    (format_number, (Decimal("0.125"),), {"decimals": 2}, "0,13"),
    (format_number, (Decimal("-0.004"),), {"decimals": 2}, "0,00"),
    (format_number, (1.5,), {"decimals": 0}, "2"),
    (format_number, (Decimal("1E+3"),), {}, "1000"),
    (format_number, (0.1,), {}, "0,1"),
    # format_amount: whole without ,00, otherwise 2 decimals; zł or ISO code
    (format_amount, (800000,), {}, "800~000~zł"),
    (format_amount, (Decimal("12500.50"),), {}, "12~500,50~zł"),
    (format_amount, (Decimal("12500.5"),), {}, "12~500,50~zł"),
    (format_amount, (15000, "EUR"), {}, "15~000~EUR"),
    (format_amount, (0,), {}, "0~zł"),
    (format_amount, (Decimal("0.00"),), {}, "0~zł"),
    (format_amount, (-1500,), {}, "−1500~zł"),
    (format_amount, (Decimal("-12500.50"),), {}, "−12~500,50~zł"),
    (format_amount, (Decimal("800000.00"),), {}, "800~000~zł"),
    (format_amount, (Decimal("99.999"),), {}, "100~zł"),
    (format_amount, (1200, "pln"), {}, "1200~zł"),
    (format_amount, (250, "usd"), {}, "250~USD"),
    (format_amount, (Decimal("0.5"), "CHF"), {}, "0,50~CHF"),
    # format_population
    (format_population, (0,), {}, "0"),
    (format_population, (850,), {}, "850"),
    (format_population, (999,), {}, "999"),
    (format_population, (1000,), {}, "ok.~1~tys."),
    (format_population, (5234,), {}, "ok.~5,2~tys."),
    (format_population, (14500,), {}, "ok.~14,5~tys."),
    (format_population, (19949,), {}, "ok.~19,9~tys."),
    (format_population, (19960,), {}, "ok.~20~tys."),
    (format_population, (51234,), {}, "ok.~51~tys."),
    (format_population, (100_499,), {}, "ok.~100~tys."),
    (format_population, (999_499,), {}, "ok.~999~tys."),
    (format_population, (999_500,), {}, "ok.~1~mln"),
    (format_population, (1_234_567,), {}, "ok.~1,2~mln"),
    (format_population, (1_250_000,), {}, "ok.~1,3~mln"),
    (format_population, (40_000_000,), {}, "ok.~40~mln"),
    # format_ordinal
    (format_ordinal, (35,), {}, "35."),
    (format_ordinal, (1,), {}, "1."),
    (format_ordinal, (0,), {}, "0."),
    (format_ordinal, (100,), {}, "100."),
    # format_size: 1 KB = 1024 B
    (format_size, (0,), {}, "0~B"),
    (format_size, (850,), {}, "850~B"),
    (format_size, (1023,), {}, "1023~B"),
    (format_size, (1024,), {}, "1~KB"),
    (format_size, (1536,), {}, "2~KB"),
    (format_size, (421_888,), {}, "412~KB"),
    (format_size, (1_048_575,), {}, "1~MB"),
    (format_size, (1_258_291,), {}, "1,2~MB"),
    (format_size, (10 * 1024**2,), {}, "10~MB"),
    (format_size, (5 * 1024**3,), {}, "5~GB"),
    # plural: 0/1/2/5/12/21/22/101/112 and the teens
    (plural, (0, *W), {}, "wizyt"),
    (plural, (1, *W), {}, "wizyta"),
    (plural, (2, *W), {}, "wizyty"),
    (plural, (4, *W), {}, "wizyty"),
    (plural, (5, *W), {}, "wizyt"),
    (plural, (12, *W), {}, "wizyt"),
    (plural, (13, *W), {}, "wizyt"),
    (plural, (14, *W), {}, "wizyt"),
    (plural, (21, *W), {}, "wizyt"),
    (plural, (22, *W), {}, "wizyty"),
    (plural, (24, *W), {}, "wizyty"),
    (plural, (101, *W), {}, "wizyt"),
    (plural, (102, *W), {}, "wizyty"),
    (plural, (112, *W), {}, "wizyt"),
    (plural, (1000, *W), {}, "wizyt"),
    (plural, (-2, *W), {}, "wizyty"),
    # count
    (count, (1, "wizyta"), {}, "1~wizyta"),
    (count, (3, "wizyta"), {}, "3~wizyty"),
    (count, (5, "wizyta"), {}, "5~wizyt"),
    (count, (12, "wizyta"), {}, "12~wizyt"),
    (count, (22, "wizyta"), {}, "22~wizyty"),
    (count, (0, "projekt"), {}, "0~projektów"),
    (count, (1200, "wizyta"), {}, "1200~wizyt"),
    (count, (22000, "osoba"), {}, "22~000~osób"),
    (count, (1222, "osoba"), {}, "1222~osoby"),
    (count, (3, "rok"), {}, "3~lata"),
    (count, (5, "rok"), {}, "5~lat"),
    (count, (1, "dzień"), {}, "1~dzień"),
    (count, (2, "dzień"), {}, "2~dni"),
    (count, (3, "gość"), {}, "3~goście"),
    (count, (14, "błąd"), {}, "14~błędów"),
    (count, (23, "ostrzeżenie"), {}, "23~ostrzeżenia"),
    (count, (2, ("miastem", "miastami", "miastami")), {}, "2~miastami"),
    # sorted_pl: Ł/Ś/Ż/Ź/Ą/Ó at the start, in the middle and at the end
    (sorted_pl, (["Łowecz", "Lwów", "Lipsk"],), {}, ["Lipsk", "Lwów", "Łowecz"]),
    (sorted_pl, (["Żary", "Ząbki", "Zagrzeb"],), {}, ["Zagrzeb", "Ząbki", "Żary"]),
    (sorted_pl, (["Żary", "Źródła", "Zwoleń"],), {}, ["Zwoleń", "Źródła", "Żary"]),
    (sorted_pl, (["Śrem", "Szczecin", "Sopot"],), {}, ["Sopot", "Szczecin", "Śrem"]),
    (sorted_pl, (["Łódź", "Łowecz", "Lublin"],), {}, ["Lublin", "Łowecz", "Łódź"]),
    (sorted_pl, (["Bełżec", "Bełchatów", "Belgia"],), {}, ["Belgia", "Bełchatów", "Bełżec"]),
    (sorted_pl, (["Kraś", "Krasz", "Kras"],), {}, ["Kras", "Krasz", "Kraś"]),
    (sorted_pl, (["Koź", "Koz", "Kożuchów"],), {}, ["Koz", "Koź", "Kożuchów"]),
    (
        sorted_pl,
        (["Żagań", "Zakopane", "Ełk", "Elbląg"],),
        {},
        ["Elbląg", "Ełk", "Zakopane", "Żagań"],
    ),
    (
        sorted_pl,
        (["łódź", "Lublin", "Ćmielów", "Cieszyn"],),
        {},
        ["Cieszyn", "Ćmielów", "Lublin", "łódź"],
    ),
    (sorted_pl, (["Szkoła nr 10", "Szkoła nr 2"],), {}, ["Szkoła nr 2", "Szkoła nr 10"]),
    (sorted_pl, ([],), {}, []),
    # normalize_country and country_name
    (normalize_country, ("Niemcy",), {}, _country("DE")),
    (normalize_country, ("RFN",), {}, _country("DE")),
    (normalize_country, ("de",), {}, _country("DE")),
    (normalize_country, ("DEU",), {}, _country("DE")),
    (normalize_country, ("USA",), {}, Country("US", "Stany Zjednoczone")),
    (normalize_country, ("stany  zjednoczone",), {}, Country("US", "Stany Zjednoczone")),
    (normalize_country, ("U.S.A.",), {}, Country("US", "Stany Zjednoczone")),
    (normalize_country, ("Wielka Brytania",), {}, Country("GB", "Wielka Brytania")),
    (normalize_country, ("UK",), {}, Country("GB", "Wielka Brytania")),
    (normalize_country, ("gb",), {}, Country("GB", "Wielka Brytania")),
    (normalize_country, ("Anglia",), {}, Country("GB", "Wielka Brytania")),
    (normalize_country, ("Holandia",), {}, Country("NL", "Holandia")),
    (normalize_country, ("Niderlandy",), {}, Country("NL", "Holandia")),
    (normalize_country, ("Republika Czeska",), {}, Country("CZ", "Czechy")),
    (normalize_country, ("CZECHY",), {}, Country("CZ", "Czechy")),
    (normalize_country, (" Słowacja ",), {}, Country("SK", "Słowacja")),
    (normalize_country, ("slowacja",), {}, Country("SK", "Słowacja")),
    (normalize_country, ("Ukraina",), {}, Country("UA", "Ukraina")),
    (normalize_country, ("UKR",), {}, Country("UA", "Ukraina")),
    (normalize_country, ("Germany",), {}, _country("DE")),
    (normalize_country, ("Hongkong",), {}, Country("HK", "Hongkong")),
    (normalize_country, ("Europa",), {}, None),
    (normalize_country, ("001",), {}, None),
    (normalize_country, ("EU",), {}, None),
    (normalize_country, ("ZZ",), {}, None),
    (normalize_country, ("",), {}, None),
    (country_name, ("fr",), {}, "Francja"),
    (country_name, ("US",), {}, "Stany Zjednoczone"),
    # with_preposition: the forms DESIGN.md names, and a number read as „sto…”
    (with_preposition, ("w", "Wrocławiu"), {}, "we Wrocławiu"),
    (with_preposition, ("w", "Lwowie"), {}, "we Lwowie"),
    (with_preposition, ("w", "Florencji"), {}, "we Florencji"),
    (with_preposition, ("w", "Francji"), {}, "we Francji"),
    (with_preposition, ("z", "Szczecina"), {}, "ze Szczecina"),
    (with_preposition, ("z", "Lwowem"), {}, "ze Lwowem"),
    (with_preposition, ("w", "Wilnie"), {}, "w Wilnie"),
    (with_preposition, ("w", "Warszawie"), {}, "w Warszawie"),
    (with_preposition, ("z", "Sewillą"), {}, "z Sewillą"),
    (with_preposition, ("z", "120\u00a0wizyt"), {}, "ze 120~wizyt"),
    # in_country
    (in_country, (_country("DE"),), {}, "w Niemczech"),
    (in_country, (_country("FR"),), {}, "we Francji"),
    (in_country, (_country("IT"),), {}, "we Włoszech"),
    (in_country, (_country("SK"),), {}, "na Słowacji"),
    (in_country, (_country("UA"),), {}, "w Ukrainie"),
    (in_country, (_country("HU"),), {}, "na Węgrzech"),
    (in_country, (_country("LT"),), {}, "na Litwie"),
    (in_country, (_country("LV"),), {}, "na Łotwie"),
    (in_country, (_country("SI"),), {}, "na Słowenii"),
    (in_country, (_country("CY"),), {}, "na Cyprze"),
    (in_country, (_country("MT"),), {}, "na Malcie"),
    (in_country, (_country("GB"),), {}, "w Wielkiej Brytanii"),
    (in_country, (_country("US"),), {}, "w Stanach Zjednoczonych"),
    (in_country, (_country("CZ"),), {}, "w Czechach"),
    (in_country, (_country("NL"),), {}, "w Holandii"),
    (in_country, (_country("KR"),), {}, "w Korei Południowej"),
    (in_country, (_country("IN"),), {}, "w Indiach"),
    (in_country, (_country("MD"),), {}, "w Mołdawii"),
    (in_country, (_country("FJ"),), {}, "w kraju: Fidżi"),
    # join_list
    (join_list, (["Hamm", "La Louvière", "Hautmont"],), {}, "Hamm, La Louvière i Hautmont"),
    (join_list, (["Hamm", "Preston"],), {}, "Hamm i Preston"),
    (
        join_list,
        (["Hamm", "Preston", "Martin"],),
        {"conjunction": "oraz"},
        "Hamm, Preston oraz Martin",
    ),
    (join_list, (["Hamm"],), {}, "Hamm"),
    (join_list, ([],), {}, ""),
    # typeset
    (typeset, ("a i o u w z",), {}, "a~i~o~u~w~z"),
    (typeset, ("A I O U W Z koniec",), {}, "A~I~O~U~W~Z~koniec"),
    (typeset, ("W 2025 r. odbyło się 12 wizyt",), {}, "W~2025~r. odbyło się 12~wizyt"),
    (typeset, ("wizyta z (w tym) „i” a",), {}, "wizyta z~(w~tym) „i” a"),
    (typeset, ("koszt 800 000 zł",), {}, "koszt 800~000~zł"),
    (typeset, ("ok. 51 tys. mieszkańców",), {}, "ok.~51~tys. mieszkańców"),
    (typeset, ("1,2 mln zł i 15 tys. EUR",), {}, "1,2~mln~zł i~15~tys.~EUR"),
    (typeset, ("35. rocznica",), {}, "35.~rocznica"),
    (typeset, ("w 2025. Następnie",), {}, "w~2025. Następnie"),
    (typeset, ('festiwal "Kaliskie Spotkania"',), {}, "festiwal „Kaliskie Spotkania”"),
    (typeset, ('("Oko") i "u"',), {}, "(„Oko”) i~„u”"),
    (typeset, ("6–8 listopada",), {}, "6–\u20608~listopada"),
    (typeset, ("ul. Główna, św. Józefa",), {}, "ul.~Główna, św.~Józefa"),
    (typeset, ("prof. Nowak i dr Kowalska",), {}, "prof.~Nowak i~dr~Kowalska"),
    (typeset, ("dr hab.",), {}, "dr hab."),
    (typeset, ("Hamm – Kalisz",), {}, "Hamm~– Kalisz"),
    (typeset, ("już~z NBSP".replace("~", NBSP),), {}, "już~z~NBSP"),
    (typeset, ("nr 5, godz. 10.00",), {}, "nr~5, godz.~10.00"),
    (typeset, ("O. Nowak i d'Artagnan",), {}, "O. Nowak i~d'Artagnan"),
    (typeset, ("Lipa, Iza, Ola",), {}, "Lipa, Iza, Ola"),
    # quote
    (quote, ("Kaliskie Spotkania Teatralne",), {}, "„Kaliskie Spotkania Teatralne”"),
    (quote, ('Nagroda "Złoty Lew"',), {}, "„Nagroda «Złoty Lew»”"),
    (quote, ("„Już”",), {}, "„Już”"),
    (quote, ('"Prosto"',), {}, "„Prosto”"),
]


def _expected(value: Any) -> Any:
    return value.replace("~", NBSP) if isinstance(value, str) else value


def _id(row: Row) -> str:
    func, args, kwargs, _ = row
    shown = ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])
    return f"{func.__name__}({shown})"


@pytest.mark.parametrize(("func", "args", "kwargs", "expected"), CASES, ids=[_id(r) for r in CASES])
def test_table(
    func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], expected: Any
) -> None:
    assert func(*args, **kwargs) == _expected(expected)


def test_table_covers_every_public_function() -> None:
    import reports.polish as polish

    functions = {name for name in polish.__all__ if callable(getattr(polish, name))}
    functions -= {"Country", "sort_key", "all_countries"}  # tested in their own modules
    assert functions <= {func.__name__ for func, *_ in CASES}
    assert len(CASES) >= 80
