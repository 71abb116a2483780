"""Every sentence in correct Polish, in the DOCX, PDF and HTML alike (issue 18).

Three registries — Wrocław, Włocławek and Szczecin — with partners in Lwów, Florencja,
Wilno and Sewilla: each report says „we Wrocławiu”, „we Lwowie”, „we Florencji” but
„w Szczecinie”, „w Wilnie”. The officer's words stand as typed; an amount keeps its
unit on its line; a minus is „−”; a chart's alternative text names every leader.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from reports.checking.check import check_year
from reports.document.blocks import table
from reports.document.build import build_document
from reports.document.charts import NAMED_LEADERS, leaders
from reports.document.model import Align, BulletList, Document, Figure, Paragraph, Table
from reports.document.widths import share
from reports.pipeline import BuildResult, generate, output_path
from reports.polish.countries import _LOCATIVES, Country, in_country
from reports.polish.dates import MONTHS_NOMINATIVE
from reports.polish.prepositions import with_preposition
from reports.render.docx.renderer import docx_text
from tests.htmltext import html_text
from tests.pdftext import pdf_text
from tests.workbooks import trip, visit, write_registry, write_year

YEAR = 2025
NBSP = "\u00a0"

CITIES = {
    "Wrocław": ("Wrocławia", "Wrocławiu", "we Wrocławiu"),
    "Włocławek": ("Włocławka", "Włocławku", "we Włocławku"),
    "Szczecin": ("Szczecina", "Szczecinie", "w Szczecinie"),
}
PARTNERS = [
    ("Lwów", "Lwowie", "Ukraina", "we Lwowie"),
    ("Florencja", "Florencji", "Włochy", "we Florencji"),
    ("Wilno", "Wilnie", "Litwa", "w Wilnie"),
    ("Sewilla", "Sewilli", "Hiszpania", "w Sewilli"),
]
#: Wrong forms: „w” where „we” is due, and the other way round.
WRONG = re.compile(
    r"\b[Ww] (Wrocławiu|Włocławku|Lwowie|Florencji|Francji)\b|\b[Ww]e (Szczecinie|Wilnie|Sewilli)\b"
)
PURPOSE = "Dni Kultury Ukraińskiej"


def _plain(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text.replace("\u2060", ""))


def _inputs(root: Path, city: str) -> Path:
    genitive, locative, _ = CITIES[city]
    inputs = root / "inputs"
    write_registry(
        inputs,
        city={
            "Nazwa": city,
            "Dopełniacz": genitive,
            "Miejscownik": locative,
            "Urząd": f"Urząd Miejski {genitive}",
        },
        partners=[
            {
                "Miasto": name,
                "Miejscownik": loc,
                "Kraj": country,
                "Rodzaj": "miasto partnerskie",
                "Data podpisania": 1995,
            }
            for name, loc, country, _ in PARTNERS
        ],
    )
    write_year(
        inputs,
        YEAR - 1,
        wizyty=[visit(YEAR - 1, Miasto="Lwów", Goście="delegacja Lwowa")],
        wyjazdy=[trip(YEAR - 1, Miasto="Wilno", Kraj=None, Koszt=20000)],
    )
    write_year(
        inputs,
        YEAR,
        wizyty=[
            visit(YEAR, Miasto="Lwów", Goście="delegacja Lwowa", Cel=PURPOSE),
            visit(YEAR, Data_od=date(YEAR, 3, 3), Data_do=None, Miasto="Sewilla", Goście="chór"),
        ],
        wyjazdy=[
            trip(
                YEAR,
                Data_od=date(YEAR, 6, 20),
                Data_do=None,
                Miasto="Florencja",
                Kraj=None,
                Koszt="12 500,50",
                Cel="targi",
            ),
            trip(
                YEAR,
                Data_od=date(YEAR, 3, 10),
                Data_do=None,
                Miasto="Wilno",
                Kraj=None,
                Koszt=1189,
            ),
        ],
    )
    return inputs


@pytest.fixture(scope="module", params=list(CITIES))
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, BuildResult, Document]:
    city: str = request.param
    root = tmp_path_factory.mktemp("city")
    inputs = _inputs(root, city)
    result = generate(inputs, YEAR, root / "output", parallel=False)
    assert result.ok, [p.message for p in result.check.errors]
    data = check_year(inputs, YEAR).data
    assert data is not None
    return city, result, build_document(data)


def _texts(result: BuildResult) -> dict[str, str]:
    out = result.outputs[0].parent.parent

    def read(fmt: str) -> bytes:
        return output_path(out, YEAR, fmt).read_bytes()

    return {
        "docx": _plain("\n".join(docx_text(read("docx")))),
        "pdf": _plain(pdf_text(read("pdf"))),
        "html": _plain(html_text(read("html"))),
    }


def test_prepositions_before_names_in_every_output(
    built: tuple[str, BuildResult, Document],
) -> None:
    city, result, _ = built
    there = CITIES[city][2]
    for fmt, text in _texts(result).items():
        assert f"Wizyty delegacji zagranicznych {there}" in text, fmt
        assert f"W 2025 r. {there} odbyły się 2 wizyty" in text, fmt
        assert f"wizyta {there} (delegacja Lwowa)" in text, fmt
        for _, _, _, partner_there in PARTNERS[1:3]:
            assert f"pobyt delegacji Miasta {CITIES[city][0]} {partner_there}" in text, fmt
        assert WRONG.search(text) is None, (fmt, WRONG.search(text))


def test_the_officers_words_stand_as_typed(built: tuple[str, BuildResult, Document]) -> None:
    _, result, document = built
    for fmt, text in _texts(result).items():
        assert PURPOSE in text, fmt
        assert PURPOSE[0].lower() + PURPOSE[1:] not in text, fmt
    items = [
        item.text
        for section in document.walk()
        for block in section.blocks
        if isinstance(block, BulletList)
        for item in block.items
    ]
    assert any(_plain(item).endswith(f"(delegacja Lwowa) – {PURPOSE}") for item in items)


def _strings(document: Document) -> list[str]:
    out = [document.title_page.title, *document.title_page.lines]
    for section in document.walk():
        out.append(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, BulletList):
                out.extend(item.text for item in block.items)
            elif isinstance(block, Table):
                out.extend(c.label for c in block.columns)
                out.extend(cell for row in block.rows for cell in row)
                out.append(block.caption or "")
            elif isinstance(block, Figure):
                out += [block.alt, block.caption, *block.chart.categories]
                out.extend(s.name for s in block.chart.series)
    return out


HYPHEN_MINUS = re.compile(r"(^|[\s(+])-\d")


def test_a_minus_is_a_minus_sign(built: tuple[str, BuildResult, Document]) -> None:
    _, result, document = built
    strings = _strings(document)
    assert any("\u2212" in s for s in strings)  # the costs fell: the table says −…
    assert not [s for s in strings if HYPHEN_MINUS.search(s)]
    assert any("mniej niż w 2024" in _plain(s) for s in strings)  # the sentence says it in words
    for fmt, text in _texts(result).items():
        assert HYPHEN_MINUS.search(text) is None, fmt


def test_an_amount_keeps_its_unit_on_its_line(built: tuple[str, BuildResult, Document]) -> None:
    _, result, document = built
    amount = f"12{NBSP}500,50{NBSP}zł"
    tables = [
        block
        for section in document.walk()
        for block in section.blocks
        if isinstance(block, Table) and any(amount in row for row in block.rows)
    ]
    assert tables
    for tab in tables:
        for row in tab.rows:
            for cell, column in zip(row, tab.columns, strict=True):
                assert share(cell) <= column.width + 1e-9, (cell, column)
    pdf = PdfReader(
        io.BytesIO(output_path(result.outputs[0].parent.parent, YEAR, "pdf").read_bytes())
    )
    lines = [_plain(line) for page in pdf.pages for line in page.extract_text().splitlines()]
    assert any("12 500,50 zł" in line for line in lines)
    assert not any(re.search(r"12 500,50 z$|^ł\b|500,50$", line) for line in lines)


def test_single_letter_words_are_tied_in_headers_captions_and_labels(
    built: tuple[str, BuildResult, Document],
) -> None:
    _, _, document = built
    loose = re.compile(r"(?<![^\s(„])[aiouwzAIOUWZ] ")
    assert not [s for s in _strings(document) if loose.search(s)]
    header = table((("W raporcie", 0.5, Align.RIGHT), ("Razem", 0.5, Align.RIGHT)), [], "x")
    assert header.columns[0].label == f"W{NBSP}raporcie"


# --- the rule and the alternative text, on their own ----------------------------------


def test_every_hand_checked_country_locative_follows_the_rule() -> None:
    for code, entry in _LOCATIVES.items():
        preposition, locative = entry.split(" ", 1)
        if preposition != "na":
            assert entry == with_preposition("w", locative), code
            assert in_country(Country(code, code)) == entry


@given(
    st.lists(st.integers(0, 4), min_size=12, max_size=12),
    st.lists(st.integers(0, 4), min_size=12, max_size=12),
)
def test_the_month_alt_text_names_every_leader(visits: list[int], trips: list[int]) -> None:
    entries = list(zip(MONTHS_NOMINATIVE, visits, trips, strict=True))
    top = max(v + t for _, v, t in entries)
    first = [m for m, v, t in entries if v + t == top]
    text = leaders(entries, "miesiącach")
    named = {m for m, _, _ in entries if re.search(rf"(?<!\w){m}(?!\w)", text)}
    if len(first) == 1:
        assert named == {first[0]}
    else:
        assert f"w {len(first)} miesiącach" in text
        assert f"(po {top})" in text
        assert named == (set(first) if len(first) <= NAMED_LEADERS else set())


def _figures(document: Document) -> dict[str, Figure]:
    return {s.anchor: b for s in document.walk() for b in s.blocks if isinstance(b, Figure)}


def test_a_tie_in_the_charts_is_told(built: tuple[str, BuildResult, Document]) -> None:
    _, _, document = built
    figures = _figures(document)
    # June: a visit and a trip; March: a visit and a trip; nothing else
    assert "najwięcej działań (po 2) w 2 miesiącach: marzec i czerwiec" in _plain(
        figures["wykres-miesiace"].alt
    )
    assert "najwięcej działań (po 1) w 4 krajach" in _plain(figures["wykres-kraje"].alt)


def test_one_leader_is_named_with_its_numbers() -> None:
    assert leaders([("Niemcy", 2, 1), ("Francja", 1, 1)], "krajach") == (
        f"najwięcej działań: Niemcy (2{NBSP}wizyty, 1{NBSP}wyjazd)"
    )
