"""The SVG writer: every label as text and inside the drawing, bars to scale, hatches, order."""

from __future__ import annotations

import importlib
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.document.charts import ticks
from reports.document.model import BarChart, Series
from reports.polish.dates import MONTHS_NOMINATIVE
from reports.polish.numbers import format_number
from reports.render.charts.svg import COLOURS, number, svg
from tests.conftest import REPO

NS = "{http://www.w3.org/2000/svg}"

MONTHS = MONTHS_NOMINATIVE
BY_MONTH = BarChart(
    categories=MONTHS,
    series=(
        Series(
            "Wizyty",
            (3.0, 0, 0, 0, 0, 8, 0, 0, 1, 17, 2, 0),
            ("3", "0", "0", "0", "0", "8", "0", "0", "1", "17", "2", "0"),
        ),
        Series(
            "Wyjazdy",
            (0.0, 1, 0, 4, 0, 0, 2, 0, 0, 0, 0, 11),
            ("0", "1", "0", "4", "0", "0", "2", "0", "0", "0", "0", "11"),
        ),
    ),
    value_axis="liczba",
    ticks=((0, "0"), (5, "5"), (10, "10"), (15, "15"), (20, "20")),
)
LONG_NAMES = (
    "Bośnia i\xa0Hercegowina",
    "Niemcy",
    "Zjednoczone Królestwo Wielkiej Brytanii i\xa0Irlandii Północnej",
    "współpraca gospodarcza i\xa0promocja miasta za granicą",
)
BY_COUNTRY = BarChart(
    categories=LONG_NAMES,
    series=(
        Series("Wizyty", (12000.0, 0, 3, 7), ("12\xa0000", "0", "3", "7")),
        Series("Wyjazdy", (9500.0, 1, 0, 2), ("9500", "1", "0", "2")),
    ),
    value_axis="liczba",
    ticks=tuple((v, f"{v // 1000}\xa0000" if v else "0") for v in range(0, 14000, 2000)),
    horizontal=True,
    height_cm=1.6 + 0.6 * 4,  # tight rows: wrapped names must not touch
)
FOUR_SERIES = BarChart(
    categories=("2022", "2023", "2024", "2025"),
    series=tuple(
        Series(name, (1.0, 2.0, 3.0, 4.0), ("1", "2", "3", "4"))
        for name in ("Wizyty", "Wyjazdy", "Projekty", "Nagrody")
    ),
    value_axis="liczba <działań> & „inne”",
    ticks=((0, "0"), (2, "2"), (4, "4")),
)
CHARTS = {"months": BY_MONTH, "countries": BY_COUNTRY, "four": FOUR_SERIES}


def _parse(chart: BarChart) -> ET.Element:
    return ET.fromstring(svg(chart, ids="c-", title="Wykres"))


# --- an independent estimate of where each text lies --------------------------------


@dataclass(frozen=True)
class _Font:
    advances: dict[int, float]  # ems
    ascent: float
    descent: float


@cache
def _font() -> _Font:
    """Carlito's advance widths and vertical extent, read here (not through the writer)."""
    ttlib: Any = importlib.import_module("fontTools.ttLib")
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # Carlito's old timestamps
    font = ttlib.TTFont(str(REPO / "templates" / "fonts" / "Carlito-Regular.ttf"))
    em = font["head"].unitsPerEm
    advances = {c: font["hmtx"][g][0] / em for c, g in font.getBestCmap().items()}
    advances.setdefault(0xA0, advances[0x20])  # a shaper sets a missing no-break space as a space
    return _Font(advances, font["hhea"].ascent / em, -font["hhea"].descent / em)


_Matrix = tuple[float, float, float, float, float, float]  # SVG's a b c d e f
_IDENTITY: _Matrix = (1, 0, 0, 1, 0, 0)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _transform(text: str) -> _Matrix:
    matrix = _IDENTITY
    for name, arguments in re.findall(r"(\w+)\(([^)]*)\)", text):
        values = [float(v) for v in arguments.replace(",", " ").split()]
        if name == "translate":
            step: _Matrix = (1, 0, 0, 1, values[0], values[1] if len(values) > 1 else 0)
        elif name == "rotate":
            angle = math.radians(values[0])
            cos, sin = math.cos(angle), math.sin(angle)
            step = (cos, sin, -sin, cos, 0, 0)
        else:
            raise AssertionError(f"unexpected transform {name}")
        matrix = _times(matrix, step)
    return matrix


@dataclass(frozen=True)
class _Text:
    content: str
    corners: tuple[tuple[float, float], ...]  # the text's box in the drawing


def _texts(root: ET.Element) -> Iterator[_Text]:
    """Every text with its box: the advance widths of its characters, the font's ascent
    and descent, its anchor and transforms (inherited from the groups round it)."""
    font = _font()

    def walk(node: ET.Element, inherited: dict[str, str], matrix: _Matrix) -> Iterator[_Text]:
        own = {k: v for k, v in node.attrib.items() if k in ("font-size", "text-anchor")}
        here = {**inherited, **own}
        matrix = _times(matrix, _transform(node.get("transform", "")))
        if node.tag == f"{NS}text":
            content = node.text or ""
            size = float(here["font-size"])
            length = size * sum(font.advances[ord(c)] for c in content)
            x, y = float(node.get("x", 0)), float(node.get("y", 0))
            shift = {"start": 0.0, "middle": length / 2, "end": length}[
                here.get("text-anchor", "start")
            ]
            left, top, bottom = x - shift, y - size * font.ascent, y + size * font.descent
            a, b, c, d, e, f = matrix
            corners = tuple(
                (a * px + c * py + e, b * px + d * py + f)
                for px in (left, left + length)
                for py in (top, bottom)
            )
            yield _Text(content, corners)
        for child in node:
            yield from walk(child, here, matrix)

    yield from walk(root, {}, _IDENTITY)


def _view_box(root: ET.Element) -> tuple[float, float]:
    _, _, w, h = (float(v) for v in root.attrib["viewBox"].split())
    return w, h


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_text_lies_inside_the_drawing(name: str) -> None:
    root = _parse(CHARTS[name])
    width, height = _view_box(root)
    texts = list(_texts(root))
    assert texts
    for text in texts:
        for x, y in text.corners:
            assert -0.5 <= x <= width + 0.5 and -0.5 <= y <= height + 0.5, (text.content, x, y)


def _text_contents(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_category_series_and_value_is_written(name: str) -> None:
    chart = CHARTS[name]
    root = _parse(chart)
    words = " ".join(_text_contents(root))  # a wrapped label spans several texts
    for category in chart.categories:
        assert all(word in words.split(" ") for word in category.split(" ")), category
    texts = _text_contents(root)
    for series in chart.series:
        assert series.name in texts
        for value, label in zip(series.values, series.labels, strict=True):
            if value:
                assert label in texts, label
    for _, label in chart.ticks:
        assert label in texts
    assert chart.value_axis in texts


def test_a_zero_gets_no_bar_and_no_value() -> None:
    root = _parse(BY_MONTH)
    fills = (COLOURS[0], "url(#c-hatch-1)")
    bars = [r for g in root.iter(f"{NS}g") if g.get("fill") in fills for r in g]
    non_zero = sum(1 for s in BY_MONTH.series for v in s.values if v)
    assert len(bars) == non_zero
    values = [t for g in root.iter(f"{NS}g") if g.get("font-size") == "8" for t in g]
    assert len(values) == non_zero


def _bars(root: ET.Element, fill: str) -> list[dict[str, float]]:
    group = next(g for g in root.iter(f"{NS}g") if g.get("fill") == fill)
    return [{k: float(v) for k, v in rect.attrib.items()} for rect in group]


def test_bars_are_to_scale_and_in_the_categories_order() -> None:
    bars = _bars(_parse(BY_MONTH), COLOURS[0])
    heights = [bar["height"] for bar in bars]  # 3, 8, 1, 17, 2
    assert heights[3] / heights[0] == pytest.approx(17 / 3, rel=0.01)
    assert heights[1] / heights[2] == pytest.approx(8, rel=0.01)
    assert [bar["x"] for bar in bars] == sorted(bar["x"] for bar in bars)
    root = _parse(BY_COUNTRY)
    visits, trips = _bars(root, COLOURS[0]), _bars(root, "url(#c-hatch-1)")
    assert trips[0]["width"] / visits[0]["width"] == pytest.approx(9500 / 12000, rel=0.001)
    assert visits[2]["width"] / visits[1]["width"] == pytest.approx(7 / 3, rel=0.1)
    assert [bar["y"] for bar in visits] == sorted(bar["y"] for bar in visits)


def test_horizontal_categories_run_top_to_bottom_right_aligned() -> None:
    root = _parse(BY_COUNTRY)
    labels = [t for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"]
    # the long names are wrapped at spaces, never at a no-break space
    assert "Bośnia i\xa0Hercegowina" in [t.text for t in labels]
    firsts = [next(t for t in labels if (t.text or "") in name) for name in LONG_NAMES]
    ys = [float(t.get("y", 0)) for t in firsts]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    assert len({t.get("x") for t in labels}) == 1  # one right edge


ONE_LONG = BarChart(
    categories=("Niemcy", LONG_NAMES[2], "Francja"),
    series=(Series("Wizyty", (1.0, 2.0, 3.0), ("1", "2", "3")),),
    value_axis="liczba",
    ticks=((0, "0"), (2, "2"), (4, "4")),
    horizontal=True,
    height_cm=1.6 + 0.75 * 3,
)


def _label_spans(chart: BarChart) -> list[tuple[float, float]]:
    """Each category label's extent down the drawing (from its first line's capitals
    to its last line's descent), by the font's metrics read in the test."""
    root = _parse(chart)
    labels = [t for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"]
    font, spans = _font(), []
    for name in chart.categories:
        mine = [t for t in labels if (t.text or "") in name]
        ys = [float(t.get("y", 0)) for t in mine]
        spans.append((min(ys) - 9 * font.ascent, max(ys) + 9 * font.descent))
    return spans


def test_a_long_category_label_wraps_and_no_two_labels_touch() -> None:
    labels = [t for t in _parse(ONE_LONG).iter(f"{NS}text") if t.get("text-anchor") == "end"]
    assert len(labels) == 4  # the long name on two lines
    assert " ".join(t.text or "" for t in labels[1:3]) == LONG_NAMES[2]
    for chart in (ONE_LONG, BY_COUNTRY):  # two long names side by side: wrapped wider
        spans = _label_spans(chart)
        for (_, upper_ends), (lower_starts, _) in pairwise(spans):
            assert upper_ends < lower_starts


def test_long_category_labels_of_a_vertical_chart_are_turned() -> None:
    turned = [
        t for t in _parse(BY_MONTH).iter(f"{NS}text") if "rotate(-40)" in t.get("transform", "")
    ]
    assert sorted(t.text or "" for t in turned) == sorted(MONTHS)
    assert not [
        t for t in _parse(FOUR_SERIES).iter(f"{NS}text") if "rotate(-40)" in t.get("transform", "")
    ]


def test_every_series_after_the_first_has_its_own_hatch() -> None:
    root = _parse(FOUR_SERIES)
    patterns = root.findall(f"{NS}defs/{NS}pattern")
    assert [p.get("id") for p in patterns] == ["c-hatch-1", "c-hatch-2", "c-hatch-3"]
    drawings = [ET.tostring(p[1]) for p in patterns]  # the white marks on the colour
    assert len(set(drawings)) == 3
    fills = [p[0].get("fill") for p in patterns]
    assert fills == list(COLOURS[1:])
    legend_keys = [r.get("fill") for r in root.iter(f"{NS}rect") if r.get("width") == "16"]
    assert legend_keys == [COLOURS[0], *(f"url(#{p.get('id')})" for p in patterns)]


def test_one_series_has_no_legend_and_no_hatch() -> None:
    chart = BarChart(("a", "b"), (Series("Wizyty", (1.0, 2.0), ("1", "2")),), "liczba", ((0, "0"),))
    root = _parse(chart)
    assert "Wizyty" not in _text_contents(root)
    assert root.find(f"{NS}defs") is None


def test_grid_line_at_every_tick() -> None:
    root = _parse(BY_MONTH)
    grid = next(p for p in root.iter(f"{NS}path") if p.get("stroke") == "#D9D9D9")
    assert grid.get("d", "").count("M") == len(BY_MONTH.ticks)


def test_text_is_escaped_and_the_title_comes_first() -> None:
    markup = svg(FOUR_SERIES, title="Wykres &amp; tabela")
    root = ET.fromstring(markup)  # well-formed despite „<działań> & ”
    assert FOUR_SERIES.value_axis in _text_contents(root)
    assert root[0].tag == f"{NS}title" and root[0].text == "Wykres & tabela"
    assert root.get("role") == "img" and root.get("aria-label") == "Wykres & tabela"


def test_numbers_have_two_decimals_at_most() -> None:
    markup = svg(BY_COUNTRY)
    for value in re.findall(r'\s(?:x|y|width|height)="([^"]+)"', markup):
        assert re.fullmatch(r"-?\d+(\.\d{1,2})?", value), value
    assert number(2 / 3) == "0.67"


_WORD = st.text(alphabet="aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄĆĘŁŃÓŚŹŻWM", min_size=1, max_size=12)


@st.composite
def _charts(draw: st.DrawFn) -> BarChart:
    """Charts as the summary makes them: Polish names, 1–12 categories, 1–4 series."""
    horizontal = draw(st.booleans())
    count = draw(st.integers(1, 12))
    longest = 70 if horizontal else 30
    name = st.lists(_WORD, min_size=1, max_size=6).map(" ".join).filter(lambda s: len(s) <= longest)
    categories = draw(st.lists(name, min_size=count, max_size=count))
    series = []
    for series_name in draw(st.lists(_WORD, min_size=1, max_size=4)):
        values = draw(st.lists(st.integers(0, 20000), min_size=count, max_size=count))
        labels = tuple(format_number(v) for v in values)
        series.append(Series(series_name, tuple(float(v) for v in values), labels))
    top = max(v for s in series for v in s.values)
    height = max(5.0, 1.6 + 0.75 * count) if horizontal else 7.5
    return BarChart(
        tuple(categories), tuple(series), "liczba", ticks(top), horizontal, height_cm=height
    )


@settings(max_examples=60)
@given(_charts())
def test_any_summary_chart_keeps_its_text_inside(chart: BarChart) -> None:
    root = _parse(chart)
    width, height = _view_box(root)
    for text in _texts(root):
        for x, y in text.corners:
            assert -0.5 <= x <= width + 0.5 and -0.5 <= y <= height + 0.5, (text.content, x, y)
