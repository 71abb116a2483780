"""DOCX charts: native Word chart parts that hold the model's data, look and text."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsmap, qn
from pypdf import PdfReader

from reports.document.model import (
    BarChart,
    Document,
    Figure,
    Series,
)
from reports.render.charts.svg import COLOURS
from reports.render.docx.renderer import reference_path, render_docx
from tests.render.sample_charts import VISITS_AND_TRIPS, chart_document, zip_parts
from tests.snippets import run_python
from tests.validators import soffice_convert

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"

MONTHS = VISITS_AND_TRIPS
COUNTRIES = BarChart(
    categories=("Żytomierz", "Łuck", "Gödöllő", "Zagrzeb"),
    series=(
        Series("Wizyty", (4.0, 1.0, 0.0, 2.0), ("4", "1", "0", "2")),
        Series("Wyjazdy", (0.0, 3.0, 1.0, 1.0), ("0", "3", "1", "1")),
        Series("Projekty", (1.0, 1.0, 1.0, 0.0), ("1", "1", "1", "0")),
    ),
    value_axis="liczba działań",
    ticks=((0, "0"), (1, "1"), (2, "2"), (3, "3"), (4, "4")),
    horizontal=True,
    width_cm=30.0,  # wider than the page: clamped to the text width
    height_cm=10.0,
)
YEARS = BarChart(
    categories=("2023", "2024", "2025"),
    series=(Series("Razem", (5.0, 7.0, 12.0), ("5", "7", "12")),),
    value_axis="liczba",
    ticks=((0, "0"), (5, "5"), (10, "10"), (15, "15")),
    width_cm=12.0,
    height_cm=6.0,
)
CHARTS = (MONTHS, COUNTRIES, YEARS)
FIGURES = tuple(
    Figure(chart, f"Wykres słupkowy nr {i}: źródło gęślą jaźń.", f"Wykres {i}. Podpis.")
    for i, chart in enumerate(CHARTS, 1)
)


def make_document() -> Document:
    return chart_document(FIGURES)


@pytest.fixture(scope="module")
def data() -> bytes:
    return render_docx(make_document())


@pytest.fixture(scope="module")
def package(data: bytes) -> dict[str, bytes]:
    return zip_parts(data)


@pytest.fixture(scope="module")
def word(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _chart_parts(word: Any) -> list[Any]:
    """The chart parts in the order the document shows them."""
    document_part = word.part
    ids = [c.get(qn("r:id")) for c in word.element.body.iter(qn("c:chart"))]
    return [document_part.related_parts[rel_id] for rel_id in ids]


@pytest.fixture(scope="module")
def spaces(word: Any) -> list[Any]:
    """Each chart's ``c:chartSpace``, in document order."""
    return [parse_xml(part.blob) for part in _chart_parts(word)]


def _xpath(element: Any, path: str) -> list[Any]:
    """XPath over chart XML (plain lxml elements, which need the prefixes given)."""
    found: list[Any] = element.xpath(path, namespaces=nsmap)
    return found


def _vals(element: Any, path: str) -> list[str]:
    return [str(v) for v in _xpath(element, path)]


# --- packaging ----------------------------------------------------------------------------


def test_one_chart_part_per_figure_and_no_picture(word: Any, package: dict[str, bytes]) -> None:
    parts = _chart_parts(word)
    assert len(parts) == len(FIGURES) == len({p.partname for p in parts})
    assert all(p.content_type == CT.DML_CHART for p in parts)
    document_rels = word.part.rels.values()
    assert sum(rel.reltype == RT.CHART for rel in document_rels) == len(FIGURES)
    types = package["[Content_Types].xml"].decode()
    for part in parts:
        assert f'PartName="{part.partname}" ContentType="{CT.DML_CHART}"' in types
    assert not [name for name in package if name.startswith("word/media/")]
    frames = [g.get("uri") for g in word.element.body.iter(qn("a:graphicData"))]
    assert frames == [CHART_URI] * len(FIGURES)


def test_every_figure_has_its_alt_text_and_a_unique_shape_id(word: Any) -> None:
    doc_prs = list(word.element.body.iter(qn("wp:docPr")))
    assert [d.get("descr") for d in doc_prs] == [f.alt for f in FIGURES]
    assert len({d.get("id") for d in doc_prs}) == len(FIGURES)


def test_captions_follow_their_charts(word: Any) -> None:
    paragraphs = word.paragraphs
    for figure in FIGURES:
        index = next(i for i, p in enumerate(paragraphs) if p.text == figure.caption)
        assert list(paragraphs[index - 1]._p.iter(qn("c:chart")))
        assert paragraphs[index].style.name == "Caption"


def test_charts_are_as_wide_as_the_text_in_the_models_proportions(word: Any) -> None:
    """As the PDF's (report.css, ``.chart svg``: the text's width, its height to scale)."""
    section = word.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    extents = [
        (int(e.get("cx")), int(e.get("cy"))) for e in word.element.body.iter(qn("wp:extent"))
    ]
    assert all(abs(width - text_width) < 635 for width, _ in extents)  # within a twip
    months, countries, years = extents
    assert months[1] == round(months[0] * 7.5 / 16)
    assert countries[1] == round(countries[0] * 10 / 30)
    assert years[1] == round(years[0] * 6 / 12)


def test_two_renders_are_byte_identical(data: bytes) -> None:
    assert render_docx(make_document()) == data


# --- what a chart holds --------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(CHARTS)))
def test_chart_holds_every_category_series_name_and_value(spaces: list[Any], index: int) -> None:
    chart, space = CHARTS[index], spaces[index]
    (bar_dir,) = _vals(space, "c:chart/c:plotArea/c:barChart/c:barDir/@val")
    assert bar_dir == ("bar" if chart.horizontal else "col")
    series = _xpath(space, "c:chart/c:plotArea/c:barChart/c:ser")
    assert len(series) == len(chart.series)
    for ser, model in zip(series, chart.series, strict=True):
        assert _vals(ser, "c:tx/c:strRef/c:strCache/c:pt/c:v/text()") == [model.name]
        categories = _vals(ser, "c:cat/c:strRef/c:strCache/c:pt/c:v/text()")
        assert tuple(categories) == chart.categories
        values = [float(v) for v in _vals(ser, "c:val/c:numRef/c:numCache/c:pt/c:v/text()")]
        assert tuple(values) == model.values
        counts = _vals(ser, "c:cat//c:ptCount/@val | c:val//c:ptCount/@val")
        assert counts == [str(len(chart.categories))] * 2


def test_horizontal_charts_list_categories_top_down_with_the_value_axis_below(
    spaces: list[Any],
) -> None:
    for chart, space in zip(CHARTS, spaces, strict=True):
        plot = _xpath(space, "c:chart/c:plotArea")[0]
        orientation = _vals(plot, "c:catAx/c:scaling/c:orientation/@val")
        crosses = _vals(plot, "c:valAx/c:crosses/@val")
        if chart.horizontal:
            assert (orientation, crosses) == (["maxMin"], ["max"])
        else:
            assert (orientation, crosses) == (["minMax"], ["autoZero"])


def test_first_series_in_colour_and_every_other_patterned(spaces: list[Any]) -> None:
    for chart, space in zip(CHARTS, spaces, strict=True):
        series = _xpath(space, "c:chart/c:plotArea/c:barChart/c:ser")
        first = _vals(series[0], "c:spPr/a:solidFill/a:srgbClr/@val")
        assert first == [COLOURS[0].lstrip("#").upper()]
        patterns = []
        for i, ser in enumerate(series[1:], 1):
            assert not _xpath(ser, "c:spPr/a:solidFill")
            (fill,) = _xpath(ser, "c:spPr/a:pattFill")
            assert _vals(fill, "a:bgClr/a:srgbClr/@val") == [COLOURS[i].lstrip("#").upper()]
            assert _vals(fill, "a:fgClr/a:srgbClr/@val") == ["FFFFFF"]
            patterns.append(fill.get("prst"))
        assert len(set(patterns)) == len(patterns)  # each series its own pattern
        assert len(chart.series) < 3 or len(patterns) == 2


def test_data_labels_show_values_but_hide_zeros(spaces: list[Any]) -> None:
    for space in spaces:
        for labels in _xpath(space, ".//c:ser/c:dLbls"):
            assert _vals(labels, "c:showVal/@val") == ["1"]
            assert _vals(labels, "c:showSerName/@val | c:showCatName/@val") == ["0", "0"]
            (code,) = _vals(labels, "c:numFmt/@formatCode")
            positive, negative, zero, text = code.split(";")
            assert (positive, negative, zero, text) == ("0", "-0", "", "@")


def test_value_axis_from_zero_in_the_model_steps_with_its_title(spaces: list[Any]) -> None:
    for chart, space in zip(CHARTS, spaces, strict=True):
        (axis,) = _xpath(space, "c:chart/c:plotArea/c:valAx")
        assert _vals(axis, "c:scaling/c:min/@val") == ["0"]
        step = chart.ticks[1][0] - chart.ticks[0][0]
        assert [float(v) for v in _vals(axis, "c:majorUnit/@val")] == [step]
        top = float(_vals(axis, "c:scaling/c:max/@val")[0])
        longest = max(v for s in chart.series for v in s.values)
        assert chart.ticks[-1][0] <= top < chart.ticks[-1][0] + step and top > longest
        assert "".join(_vals(axis, "c:title//a:t/text()")) == chart.value_axis
        assert _vals(axis, "c:majorGridlines/c:spPr/a:ln/a:solidFill/a:srgbClr/@val") == ["D9D9D9"]


def test_a_legend_only_with_more_than_one_series(spaces: list[Any]) -> None:
    legends = [len(_xpath(space, "c:chart/c:legend")) for space in spaces]
    assert legends == [1 if len(c.series) > 1 else 0 for c in CHARTS]


def test_text_is_polish_in_the_body_font_of_the_reference(spaces: list[Any]) -> None:
    for space in spaces:
        assert _vals(space, "c:lang/@val") == ["pl-PL"]
        fonts = _vals(space, ".//a:latin/@typeface")
        assert fonts and set(fonts) == {"Calibri"}
        languages = _vals(space, ".//a:defRPr/@lang | .//a:rPr/@lang | .//a:endParaRPr/@lang")
        assert languages and set(languages) == {"pl-PL"}


def test_charts_follow_the_body_font_of_a_restyled_reference(tmp_path: Path) -> None:
    reference = docx.Document(str(reference_path()))
    for fonts in reference.styles.element.iter(qn("w:rFonts")):
        if fonts.get(qn("w:ascii")) == "Calibri":
            fonts.set(qn("w:ascii"), "Liberation Serif")
    path = tmp_path / "restyled.docx"
    reference.save(str(path))
    word: Any = docx.Document(io.BytesIO(render_docx(make_document(), path)))
    for part in _chart_parts(word):
        assert set(_vals(parse_xml(part.blob), ".//a:latin/@typeface")) == {"Liberation Serif"}


# --- the workbook behind „Edytuj dane” --------------------------------------------------------


def _cells(sheet: Any, formula: str) -> list[Any]:
    """The values of the cells ``formula`` (e.g. ``Arkusz1!$A$2:$A$4``) names."""
    name, cells = formula.split("!")
    assert name == sheet.title
    area = sheet[cells.replace("$", "")]
    if not isinstance(area, tuple):  # one cell
        return [area.value]
    return [cell.value for row in area for cell in row]


def test_each_chart_embeds_a_workbook_with_the_cells_its_formulas_name(word: Any) -> None:
    for chart, part in zip(CHARTS, _chart_parts(word), strict=True):
        space = parse_xml(part.blob)
        (rel_id,) = _vals(space, "c:externalData/@r:id")
        embedded = part.related_parts[rel_id]
        assert part.rels[rel_id].reltype == RT.PACKAGE and embedded.content_type == CT.SML_SHEET
        sheet = openpyxl.load_workbook(io.BytesIO(embedded.blob)).active
        for ser, model in zip(_xpath(space, ".//c:ser"), chart.series, strict=True):
            (name_cell,) = _vals(ser, "c:tx/c:strRef/c:f/text()")
            (category_cells,) = _vals(ser, "c:cat/c:strRef/c:f/text()")
            (value_cells,) = _vals(ser, "c:val/c:numRef/c:f/text()")
            assert _cells(sheet, name_cell) == [model.name]
            assert tuple(_cells(sheet, category_cells)) == chart.categories
            assert tuple(float(v) for v in _cells(sheet, value_cells)) == model.values


def test_embedded_workbooks_have_fixed_zip_dates(word: Any) -> None:
    for part in _chart_parts(word):
        space = parse_xml(part.blob)
        embedded = part.related_parts[_vals(space, "c:externalData/@r:id")[0]]
        with zipfile.ZipFile(io.BytesIO(embedded.blob)) as archive:
            infos = archive.infolist()
        assert {i.date_time for i in infos} == {(2026, 3, 15, 10, 30, 44)}
        assert infos[0].filename == "[Content_Types].xml"


# --- no picture drawn, and other programs draw it ---------------------------------------------

_RENDER_ELSEWHERE = """
import sys
from tests.render.test_docx_chart import make_document
from reports.render.docx.renderer import reference_path, render_docx
render_docx(make_document())
print(sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib"))
"""


def test_rendering_the_docx_imports_no_matplotlib() -> None:
    assert run_python(_RENDER_ELSEWHERE).stdout.strip() == "[]"


def test_libreoffice_draws_the_charts_with_their_text(data: bytes, tmp_path: Path) -> None:
    source = tmp_path / "wykresy.docx"
    source.write_bytes(data)
    (pdf,) = soffice_convert([source], "pdf", tmp_path / "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    words = re.sub(r"\s+", " ", text)
    for chart in CHARTS:
        for category in chart.categories:
            assert category in words, category
        assert chart.value_axis in words
    for name in ("Wizyty", "Wyjazdy", "Projekty"):  # the legends
        assert name in words, name
    assert "12" in words  # a data label
