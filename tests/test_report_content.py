"""Every column officers fill has a place in the report: totals, breakdowns, charts.

The inputs are built here: three year folders, the last with some cells left
empty, so that each total is the sum of the cells given and says so.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pikepdf
import pytest

from reports.checking.check import check_year
from reports.document.build import build_document
from reports.document.model import BulletList, Document, Figure, Paragraph, Section, Table
from reports.pipeline import BuildResult, output_path
from reports.polish.numbers import format_amount
from tests.workbooks import project, trip, visit, write_registry, write_year

YEAR = 2025
NBSP = "\u00a0"


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(NBSP, " ").replace("\u2060", "")).strip()


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    inputs = tmp_path_factory.mktemp("content") / "inputs"
    write_registry(inputs)
    # 2023: Hamm visits, Preston too; 2024: only Erfurt (and no projects); 2025: Erfurt and Martin.
    write_year(
        inputs,
        YEAR - 2,
        wizyty=[visit(YEAR - 2, Miasto="Hamm"), visit(YEAR - 2, Miasto="Preston")],
        wyjazdy=[trip(YEAR - 2, Miasto="Erfurt", Kraj=None, Koszt=1000)],
    )
    write_year(
        inputs,
        YEAR - 1,
        wizyty=[visit(YEAR - 1, Liczba_osób=7)],
        wyjazdy=[trip(YEAR - 1, Miasto="Erfurt", Kraj=None, Koszt="3 000,00", Dziedzina="sport")],
        projekty=[],
    )
    write_year(
        inputs,
        YEAR,
        "biuro.xlsx",
        wizyty=[
            visit(YEAR, Liczba_osób=12, Zgłasza="Biuro", Cel="Wymiana doświadczeń"),
            visit(
                YEAR,
                Data_od=date(YEAR, 7, 1),
                Data_do=None,
                Liczba_osób=None,
                Cel="Erfurt zaprasza",
            ),
            visit(
                YEAR,
                Data_od=date(YEAR, 7, 9),
                Data_do=None,
                Miasto="Lyon",
                Kraj="Francja",
                Dziedzina=None,
                Zgłasza=None,
            ),
        ],
        wyjazdy=[
            trip(YEAR, Koszt="12 500,50"),
            trip(YEAR, Data_od=date(YEAR, 3, 2), Data_do=None, Koszt=None, Dziedzina="sport"),
        ],
        projekty=[
            project(YEAR),  # 120 000,50 zł, co-financing 100 000 zł
            project(
                YEAR, Nazwa="Zielone miasta", Wartość=800000, Dofinansowanie=None, Waluta="EUR"
            ),
            project(YEAR, Nazwa="Mosty", Wartość="15 000", Dofinansowanie="7 500,25", Waluta="EUR"),
            project(YEAR, Nazwa="Bez kwot", Wartość=None, Dofinansowanie=None),
        ],
    )
    write_year(
        inputs,
        YEAR,
        "kultura.xlsx",
        metryczka=None,
        wyjazdy=[trip(YEAR, Data_od=date(YEAR, 4, 2), Data_do=None, Koszt=99.5)],
    )
    result = check_year(inputs, YEAR)
    assert result.ok, result.problems
    assert result.data is not None
    return build_document(result.data)


def _section(document: Document, anchor: str) -> Section:
    return next(s for s in document.walk() if s.anchor == anchor)


def _texts(section: Section) -> str:
    return _plain(" ".join(b.text for b in section.blocks if isinstance(b, Paragraph)))


def _table(section: Section, caption_start: str) -> Table:
    return next(
        b
        for b in section.blocks
        if isinstance(b, Table) and b.caption and _plain(b.caption).startswith(caption_start)
    )


def _rows(table: Table) -> list[tuple[str, ...]]:
    return [tuple(_plain(cell) for cell in row) for row in table.rows]


def test_trip_costs_sum_the_cells_given_and_compare_with_last_year(document: Document) -> None:
    total = Decimal("12500.50") + Decimal("99.5")
    text = _texts(_section(document, "podsumowanie"))
    assert _plain(f"wyniósł łącznie {format_amount(total)}") in text
    assert "(koszt podano dla 2 z 3 wyjazdów)" in text
    assert _plain(f"o {format_amount(total - 3000)} więcej niż w {YEAR - 1} r.") in text
    trips = _section(document, "wyjazdy")
    costs = [row[-1] for row in _rows(_table(trips, "Wyjazdy"))]
    assert sorted(costs) == sorted(["12 500,50 zł", "—", "99,50 zł"])


def test_guests_are_summed_where_given(document: Document) -> None:
    text = _texts(_section(document, "wizyty"))
    assert "liczyły łącznie 16 osób (liczbę osób podano dla 2 z 3 wizyt)" in text  # 12 + 4
    comparison = _table(_section(document, "podsumowanie"), "Liczba działań")
    assert ("Goście delegacji zagranicznych (osoby)", "7", "16", "+9") in _rows(comparison)


def test_fields_table_counts_every_event_and_compares(document: Document) -> None:
    table = _table(_section(document, "wykres-dziedziny"), "Wizyty i wyjazdy według dziedzin")
    rows = {row[0]: row[1:] for row in _rows(table)}
    assert rows["kultura"] == ("2", "0", "2", "1", "+1")
    assert rows["samorząd"] == ("0", "2", "2", "0", "+2")
    assert rows["sport"] == ("0", "1", "1", "1", "bez zmian")
    assert rows["nie podano"] == ("1", "0", "1", "0", "+1")
    assert rows["Razem"] == ("3", "3", "6", "2", "+4")


def test_project_totals_per_currency(document: Document) -> None:
    table = _table(_section(document, "projekty"), "Wartość i dofinansowanie")
    assert _rows(table) == [
        ("PLN", "2", "120 000,50 zł", "100 000 zł"),
        ("EUR", "2", "815 000 EUR", "7500,25 EUR"),
    ]


def test_the_annex_names_departments_not_the_bookkeeping(document: Document) -> None:
    annex = _section(document, "zrodla-danych")
    assert document.sections[-1] is annex
    by_department = {row[0]: row[1:] for row in _rows(_table(annex, "Wizyty i wyjazdy"))}
    assert by_department["Biuro"] == ("1", "3", "4")  # trip() defaults to „Biuro”
    assert by_department["Wydział Kultury"] == ("1", "0", "1")
    assert by_department["nie podano"] == ("1", "0", "1")
    assert by_department["Razem"] == ("3", "3", "6")
    text = _texts(annex)
    assert "Zgłaszający wizyty i wyjazdy: Biuro oraz Wydział Kultury." in text
    assert f"oparto na danych za lata {YEAR - 2} i {YEAR - 1}." in text
    # the reconciliation is the office's, not the reader's: check, the page, manifest.json
    for word in ("biuro.xlsx", "kultura.xlsx", "skoroszyt", "arkusz", "wiersz", "duplikat"):
        assert word not in text.casefold()
    captions = [_plain(t.caption or "") for t in annex.blocks if isinstance(t, Table)]
    assert captions == [f"Wizyty i wyjazdy w {YEAR} r. według zgłaszających"]


def test_quiet_partners_are_named_once_with_how_long(document: Document) -> None:
    part = _section(document, "wspolpraca")
    text = _texts(part)
    assert "Hamm (Niemcy; brak wspólnych działań od 2024 r.)" in text
    assert "Preston (Wielka Brytania; brak wspólnych działań od 2024 r.)" in text
    assert "Martin" not in text.split("nie odnotowano")[1]
    titles = [_plain(s.title) for s in part.subsections]
    assert titles == ["Erfurt (Niemcy)", "Martin (Słowacja)"]
    activity = {row[1]: row[2:] for row in _rows(_table(part, "Wspólne działania"))}
    assert activity["Erfurt (Niemcy)"] == ("2", "0", "4", "6")  # every project names Erfurt
    assert activity["Martin (Słowacja)"] == ("0", "3", "0", "3")


def test_the_officers_words_stand_as_typed(document: Document) -> None:
    erfurt = next(s for s in _section(document, "wspolpraca").subsections if "Erfurt" in s.title)
    items = [
        _plain(item.text) for b in erfurt.blocks if isinstance(b, BulletList) for item in b.items
    ]
    # after a dash, so that the officer's capital is right where it stands
    assert any(item.endswith("(delegacja Erfurtu) – Wymiana doświadczeń") for item in items)
    assert any(item.endswith("(delegacja Erfurtu) – Erfurt zaprasza") for item in items)
    visits = _section(document, "wizyty")
    purposes = [row[4] for row in _rows(_table(visits, "Wizyty"))]
    assert "Wymiana doświadczeń" in purposes  # a table cell keeps the officer's text


def test_charts_come_with_alt_text_and_their_table(document: Document) -> None:
    summary = _section(document, "podsumowanie")
    figures = [
        (block, sub.blocks[i + 1])
        for sub in summary.subsections
        for i, block in enumerate(sub.blocks)
        if isinstance(block, Figure)
    ]
    assert [sub.anchor for sub in summary.subsections] == [
        "wykres-miesiace",
        "wykres-kraje",
        "wykres-dziedziny",
        "wykres-lata",
    ]
    assert len(figures) == 4
    for number, (figure, table) in enumerate(figures, 1):
        assert isinstance(table, Table) and table.caption == figure.table
        assert _plain(figure.caption).startswith(f"Wykres {number}.")
        assert figure.alt.startswith("Wykres słupkowy") and len(figure.alt) > 60
        for series in figure.chart.series:
            assert len(series.values) == len(figure.chart.categories) == len(series.labels)
    months, _ = figures[0]
    assert sum(months.chart.series[0].values) == 3 and sum(months.chart.series[1].values) == 3
    years, table = figures[3]
    assert years.chart.categories == (str(YEAR - 2), str(YEAR - 1), str(YEAR))
    assert _rows(table)[-1] == (f"{YEAR} r.", "3", "3", "6")  # type: ignore[arg-type]


# --- the rendered files ---------------------------------------------------------------


def _file(result: BuildResult, fmt: str) -> bytes:
    return output_path(result.outputs[0].parent.parent, result.check.year, fmt).read_bytes()


def test_docx_charts_are_native_charts_with_alt_text(full_build: BuildResult) -> None:
    with zipfile.ZipFile(io.BytesIO(_file(full_build, "docx"))) as package:
        xml = package.read("word/document.xml").decode("utf-8")
        names = package.namelist()
    charts = [name for name in names if re.fullmatch(r"word/charts/chart\d+\.xml", name)]
    workbooks = [name for name in names if name.startswith("word/embeddings/")]
    descriptions = re.findall(r'<wp:docPr id="(\d+)" name="[^"]*" descr="([^"]*)"', xml)
    assert len(descriptions) == 4 == len(charts) == len(workbooks)
    assert xml.count("<c:chart ") == 4
    assert len({shape_id for shape_id, _ in descriptions}) == 4
    assert all(alt.startswith("Wykres słupkowy") for _, alt in descriptions)
    assert not [name for name in names if name.startswith("word/media/")]


def test_pdf_figures_are_tagged_with_alt_text(full_build: BuildResult) -> None:
    with pikepdf.open(io.BytesIO(_file(full_build, "pdf"))) as pdf:
        figures = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary)
            and obj.get("/Type") == "/StructElem"
            and obj.get("/S") == "/Figure"
        ]
        alts = [str(f.get("/Alt", "")) for f in figures]
    assert len(figures) == 4
    assert all(alt.startswith("Wykres słupkowy") for alt in alts)
