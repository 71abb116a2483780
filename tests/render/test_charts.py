"""Charts: reproducible SVG, text as text in the report's font, readable without colour,
drawn without a plotting library."""

from __future__ import annotations

import hashlib
import re

import pytest

from reports.render.charts.inline import COLOURS, HATCHES, draw, inline_svg
from tests.render.sample_charts import VISITS_AND_TRIPS as CHART
from tests.snippets import run_python

_DRAW_ELSEWHERE = """
import hashlib
import sys
from reports.render.charts.inline import draw, inline_svg
from tests.render.sample_charts import VISITS_AND_TRIPS as chart
svg = inline_svg(chart, "Wykres", ids="w1-").encode("utf-8")
print(*(hashlib.sha256(data).hexdigest() for data in (svg, draw(chart, "svg"))))
print("matplotlib" in sys.modules)
"""


def test_the_same_chart_gives_the_same_bytes_in_another_process() -> None:
    svg = inline_svg(CHART, "Wykres", ids="w1-").encode("utf-8")
    here = [hashlib.sha256(data).hexdigest() for data in (svg, draw.__wrapped__(CHART, "svg"))]
    done = run_python(_DRAW_ELSEWHERE)
    assert done.stdout.split() == [*here, "False"]  # and no plotting library was loaded
    assert done.stderr == ""  # nothing said on the console (fontTools' warnings silenced)


def test_svg_has_text_in_carlito_and_no_date_or_version() -> None:
    svg = draw(CHART, "svg").decode("utf-8")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for label in ("styczeń", "październik", "liczba", "Wizyty", "Wyjazdy", "12", "15"):
        assert label in texts, label
    assert "font-family: 'Carlito'" in svg
    assert "<metadata" not in svg and "date" not in svg.lower() and "Matplotlib" not in svg
    assert 'width="16cm" height="7.5cm"' in svg  # a drawing standing alone keeps its size


def test_only_svg_is_drawn() -> None:
    with pytest.raises(ValueError, match="nieznany format wykresu: png"):
        draw(CHART, "png")


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_colours_keep_contrast_and_series_differ_by_more_than_colour() -> None:
    for colour in COLOURS:
        assert (1.05) / (_luminance(colour) + 0.05) >= 4.5, colour
    assert len(set(HATCHES)) == len(HATCHES)  # each series its own hatch (the first none)
    svg = draw(CHART, "svg").decode("utf-8")
    pattern = re.search(r'<pattern id="([^"]+)"', svg)
    assert pattern is not None
    assert f'fill="url(#{pattern.group(1)})"' in svg  # the second series' bars are hatched


def test_inline_svg_is_an_image_named_by_its_alt_text() -> None:
    element = inline_svg(CHART, "Wykres słupkowy: wizyty &amp; wyjazdy", ids="w1-")
    assert element.startswith("<svg")
    assert "<?xml" not in element and "DOCTYPE" not in element
    head = element[: element.index(">") + 1]
    assert 'role="img"' in head and 'aria-label="Wykres słupkowy: wizyty &amp; wyjazdy"' in head
    assert ' width="' not in head and 'viewBox="' in head
    assert element[len(head) :].startswith("<title>Wykres słupkowy: wizyty &amp; wyjazdy</title>")


def test_inline_svg_sets_labels_in_the_pages_font() -> None:
    element = inline_svg(CHART, "Wykres", ids="w1-", font_family="'Raport Carlito'")
    assert "font-family: 'Raport Carlito'" in element
    assert "font-family: 'Carlito'" not in element


def test_two_inline_charts_share_no_id() -> None:
    first, second = (inline_svg(CHART, "Wykres", ids=f"w{n}-") for n in (1, 2))
    ids = [re.findall(r'\bid="([^"]+)"', svg) for svg in (first, second)]
    assert ids[0] and not set(ids[0]) & set(ids[1])
    for svg, own in zip((first, second), ids, strict=True):
        references = re.findall(r'(?:href="#|url\(#)([^")]+)', svg)
        assert references and set(references) <= set(own)
