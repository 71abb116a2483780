"""DOCX charts: a :class:`~reports.document.model.BarChart` as a native Word chart part.

The chart is DrawingML (``word/charts/chartN.xml``, the ``c:chartSpace`` that
Word itself writes), so Word and LibreOffice draw it, a Word user can restyle it,
and nothing is drawn at build time. It carries its data twice, as Word does: in
the part (caches of every category, series name and value) and in the workbook
behind „Edytuj dane” (:mod:`reports.render.docx.chart_workbook`).

What the chart looks like follows the report's other charts:

- bars across (``col``) or, for long category names, along (``bar``) with the
  categories top to bottom in the model's order;
- the colours of :data:`reports.render.charts.svg.COLOURS`, and a pattern on every
  series after the first (a series with a ``style``: that style's colour and
  pattern), so colour never carries meaning alone; a legend when there is more
  than one series;
- the value on every bar but zeros, the value axis from 0 in the model's tick
  steps, a little past the last (:func:`axis_end`), with its title; light grey
  gridlines;
- text in the document's body font, in the document's language.

Element order follows the schema (ECMA-376 part 1, ``dml-chart.xsd``): Word calls
a chart with misplaced children corrupt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn

from reports.document.model import BarChart
from reports.render.charts.layout import headroom_end
from reports.render.charts.svg import COLOURS
from reports.render.docx.chart_workbook import category_range, series_range, workbook, write_number
from reports.render.docx.xml import Element

__all__ = ["PATTERNS", "ChartText", "add_chart", "axis_end", "chart_space", "number_format"]

#: DrawingML preset patterns of the series after the first (white lines on the colour).
PATTERNS = ("", "wdUpDiag", "smGrid", "wdDnDiag")
TEXT = "1A1A1A"
AXIS_LINE = "595959"
GRIDLINES = "D9D9D9"
_CATEGORY_AXIS, _VALUE_AXIS = "100000001", "100000002"
_SIZES = {"axis": 900, "label": 800}  # hundredths of a point


@dataclass(frozen=True)
class ChartText:
    """The text of a chart: the font's name (a DrawingML typeface) and the language tag."""

    font: str
    language: str


def add_chart(document_part: Part, chart: BarChart, text: ChartText, when: dt.datetime) -> str:
    """Add ``chart`` to the package as a chart part related to ``document_part``, with
    its workbook; return the relationship id for ``c:chart/@r:id``."""
    package = document_part.package
    name = package.next_partname("/word/charts/chart%d.xml")
    number = name.idx
    data = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        CT.SML_SHEET,
        workbook(chart, when),
        package,
    )
    space = chart_space(chart, text)
    part = XmlPart(name, CT.DML_CHART, space, package)
    external = space.find(qn("c:externalData"))
    external.set(qn("r:id"), part.relate_to(data, RT.PACKAGE))
    rel_id: str = document_part.relate_to(part, RT.CHART)
    return rel_id


def number_format(values: Sequence[float]) -> str:
    """The number format of ``values`` as the report writes them: whole numbers below
    10 000 without a separator, larger ones grouped (a space in Polish), else up to two
    decimals.

    >>> number_format([0.0, 12.0]), number_format([12000.0]), number_format([2.5])
    ('0', '#,##0', '#,##0.##')
    """
    if all(float(v).is_integer() for v in values):
        return "0" if all(abs(v) < 10_000 for v in values) else "#,##0"
    return "#,##0.##"


def axis_end(chart: BarChart) -> float:
    """Where the value axis ends: 12 % past the last tick or the longest bar, whichever
    is further, so the value over the longest bar stays inside the chart. The axis
    only names multiples of the tick step, so this end gets no label of its own.

    >>> from reports.document.model import Series
    >>> axis_end(BarChart(("a",), (Series("s", (7.0,), ("7",)),), "liczba", ((0, "0"), (8, "8"))))
    8.96
    """
    return round(headroom_end(chart), 2)


# --- the chart space --------------------------------------------------------------------


def _add(parent: Element, tag: str, val: str | None = None, **attrs: str) -> Element:
    """A new child ``tag`` (prefixed name) of ``parent``, with ``val`` and other attributes."""
    element = parent.makeelement(qn(tag), {})
    parent.append(element)
    if val is not None:
        element.set("val", val)
    for name, value in attrs.items():
        element.set(name, value)
    return element


def _colour(parent: Element, tag: str, rgb: str) -> Element:
    fill = _add(parent, tag)
    _add(fill, "a:srgbClr", rgb)
    return fill


def _line(parent: Element, rgb: str | None, width: int = 9525) -> None:
    """An ``a:ln`` of ``rgb`` (None: no line), ``width`` in EMU."""
    ln = _add(parent, "a:ln", w=str(width)) if rgb else _add(parent, "a:ln")
    if rgb:
        _colour(ln, "a:solidFill", rgb)
    else:
        _add(ln, "a:noFill")


def _run_properties(parent: Element, tag: str, text: ChartText, size: int) -> Element:
    """``a:defRPr``/``a:rPr``: size, colour, font and language of chart text."""
    rpr = _add(parent, tag, lang=text.language, sz=str(size), b="0")
    _colour(rpr, "a:solidFill", TEXT)
    for font_tag in ("a:latin", "a:ea", "a:cs"):
        _add(rpr, font_tag, typeface=text.font)
    return rpr


def _text_properties(parent: Element, text: ChartText, size: int, rotation: int = 0) -> None:
    """A ``c:txPr``: how the labels of an axis, the legend or the data labels look."""
    tx_pr = _add(parent, "c:txPr")
    if rotation:
        _add(tx_pr, "a:bodyPr", rot=str(rotation), vert="horz")
    else:
        _add(tx_pr, "a:bodyPr")
    _add(tx_pr, "a:lstStyle")
    p = _add(tx_pr, "a:p")
    _run_properties(_add(p, "a:pPr"), "a:defRPr", text, size)
    _add(p, "a:endParaRPr", lang=text.language)


def _title(parent: Element, words: str, text: ChartText, rotation: int) -> None:
    """An axis title ``words`` (``rotation`` in 60 000ths of a degree)."""
    title = _add(parent, "c:title")
    rich = _add(_add(title, "c:tx"), "c:rich")
    _add(rich, "a:bodyPr", rot=str(rotation), vert="horz")
    _add(rich, "a:lstStyle")
    p = _add(rich, "a:p")
    _run_properties(_add(p, "a:pPr"), "a:defRPr", text, _SIZES["axis"])
    r = _add(p, "a:r")
    _run_properties(r, "a:rPr", text, _SIZES["axis"])
    _add(r, "a:t").text = words
    _add(title, "c:overlay", "0")


def _string_reference(parent: Element, formula: str, texts: Sequence[str]) -> None:
    """A ``c:strRef``: the cells' formula and a cache of their texts."""
    ref = _add(parent, "c:strRef")
    _add(ref, "c:f").text = formula
    cache = _add(ref, "c:strCache")
    _add(cache, "c:ptCount", str(len(texts)))
    for i, value in enumerate(texts):
        _add(_add(cache, "c:pt", idx=str(i)), "c:v").text = value


def _number_reference(parent: Element, formula: str, values: Sequence[float]) -> None:
    """A ``c:numRef``: the cells' formula and a cache of their values."""
    ref = _add(parent, "c:numRef")
    _add(ref, "c:f").text = formula
    cache = _add(ref, "c:numCache")
    _add(cache, "c:formatCode").text = "General"
    _add(cache, "c:ptCount", str(len(values)))
    for i, value in enumerate(values):
        _add(_add(cache, "c:pt", idx=str(i)), "c:v").text = write_number(value)


def _series(parent: Element, chart: BarChart, index: int, text: ChartText) -> None:
    series = chart.series[index]
    ser = _add(parent, "c:ser")
    _add(ser, "c:idx", str(index))
    _add(ser, "c:order", str(index))
    name_cell, value_cells = series_range(chart, index)
    _string_reference(_add(ser, "c:tx"), name_cell, [series.name])
    sp_pr = _add(ser, "c:spPr")
    style = series.style_at(index)
    colour = COLOURS[style % len(COLOURS)].lstrip("#").upper()
    pattern = PATTERNS[style % len(PATTERNS)]
    if pattern:
        fill = _add(sp_pr, "a:pattFill", prst=pattern)
        _colour(fill, "a:fgClr", "FFFFFF")
        _colour(fill, "a:bgClr", colour)
    else:
        _colour(sp_pr, "a:solidFill", colour)
    _line(sp_pr, None)
    _add(ser, "c:invertIfNegative", "0")
    labels = _add(ser, "c:dLbls")
    code = number_format(series.values)
    _add(labels, "c:numFmt", formatCode=f"{code};-{code};;@", sourceLinked="0")
    label_shape = _add(labels, "c:spPr")
    _add(label_shape, "a:noFill")
    _line(label_shape, None)
    _text_properties(labels, text, _SIZES["label"])
    _add(labels, "c:dLblPos", "outEnd")
    for flag, on in (
        ("c:showLegendKey", "0"),
        ("c:showVal", "1"),
        ("c:showCatName", "0"),
        ("c:showSerName", "0"),
        ("c:showPercent", "0"),
        ("c:showBubbleSize", "0"),
    ):
        _add(labels, flag, on)
    _string_reference(_add(ser, "c:cat"), category_range(chart), chart.categories)
    _number_reference(_add(ser, "c:val"), value_cells, series.values)


def _category_axis(plot: Element, chart: BarChart, text: ChartText) -> None:
    axis = _add(plot, "c:catAx")
    _add(axis, "c:axId", _CATEGORY_AXIS)
    # a horizontal chart lists its categories top to bottom, in the model's order
    _add(_add(axis, "c:scaling"), "c:orientation", "maxMin" if chart.horizontal else "minMax")
    _add(axis, "c:delete", "0")
    _add(axis, "c:axPos", "l" if chart.horizontal else "b")
    _add(axis, "c:numFmt", formatCode="General", sourceLinked="1")
    _axis_look(axis, AXIS_LINE, text, crosses=_VALUE_AXIS)
    _add(axis, "c:crosses", "autoZero")
    _add(axis, "c:auto", "1")
    _add(axis, "c:lblAlgn", "ctr")
    _add(axis, "c:lblOffset", "100")
    _add(axis, "c:tickLblSkip", "1")  # every category named, however many
    _add(axis, "c:noMultiLvlLbl", "0")


def _axis_look(axis: Element, line: str | None, text: ChartText, *, crosses: str) -> None:
    """The part both axes share, in the schema's order: no tick marks, labels next to
    the axis, its line (``None``: none), the labels' text, and the axis it crosses."""
    _add(axis, "c:majorTickMark", "none")
    _add(axis, "c:minorTickMark", "none")
    _add(axis, "c:tickLblPos", "nextTo")
    _line(_add(axis, "c:spPr"), line)
    _text_properties(axis, text, _SIZES["axis"])
    _add(axis, "c:crossAx", crosses)


def _value_axis(plot: Element, chart: BarChart, text: ChartText) -> None:
    ticks = [value for value, _ in chart.ticks]
    axis = _add(plot, "c:valAx")
    _add(axis, "c:axId", _VALUE_AXIS)
    scaling = _add(axis, "c:scaling")
    _add(scaling, "c:orientation", "minMax")
    _add(scaling, "c:max", write_number(axis_end(chart)))
    _add(scaling, "c:min", "0")
    _add(axis, "c:delete", "0")
    _add(axis, "c:axPos", "b" if chart.horizontal else "l")
    _line(_add(_add(axis, "c:majorGridlines"), "c:spPr"), GRIDLINES, 6350)
    _title(axis, chart.value_axis, text, 0 if chart.horizontal else -5_400_000)
    _add(axis, "c:numFmt", formatCode=number_format(ticks or [0.0]), sourceLinked="0")
    _axis_look(axis, None, text, crosses=_CATEGORY_AXIS)
    # below the last category: at the bottom also when the categories run downwards
    _add(axis, "c:crosses", "max" if chart.horizontal else "autoZero")
    _add(axis, "c:crossBetween", "between")
    if len(ticks) > 1:
        _add(axis, "c:majorUnit", write_number(ticks[1] - ticks[0]))


def chart_space(chart: BarChart, text: ChartText) -> Element:
    """The ``c:chartSpace`` of ``chart``; its ``c:externalData`` awaits the workbook's id."""
    root = OxmlElement("c:chartSpace", nsdecls={p: nsmap[p] for p in ("c", "a", "r")})
    _add(root, "c:date1904", "0")
    _add(root, "c:lang", text.language)
    _add(root, "c:roundedCorners", "0")
    body = _add(root, "c:chart")
    _add(body, "c:autoTitleDeleted", "1")  # the caption under the chart is its title
    plot = _add(body, "c:plotArea")
    _add(plot, "c:layout")
    bars = _add(plot, "c:barChart")
    _add(bars, "c:barDir", "bar" if chart.horizontal else "col")
    _add(bars, "c:grouping", "clustered")
    _add(bars, "c:varyColors", "0")
    for index in range(len(chart.series)):
        _series(bars, chart, index, text)
    # bars fill 80 % of their group, as far as the schema's widest gap (500 %) allows
    _add(bars, "c:gapWidth", str(min(25 * max(len(chart.series), 1), 500)))
    _add(bars, "c:axId", _CATEGORY_AXIS)
    _add(bars, "c:axId", _VALUE_AXIS)
    _category_axis(plot, chart, text)
    _value_axis(plot, chart, text)
    plot_shape = _add(plot, "c:spPr")
    _add(plot_shape, "a:noFill")
    _line(plot_shape, None)
    if len(chart.series) > 1:
        legend = _add(body, "c:legend")
        _add(legend, "c:legendPos", "t")
        _add(legend, "c:overlay", "0")
        _text_properties(legend, text, _SIZES["axis"])
    _add(body, "c:plotVisOnly", "1")
    _add(body, "c:dispBlanksAs", "gap")
    shape = _add(root, "c:spPr")
    _colour(shape, "a:solidFill", "FFFFFF")
    _line(shape, None)
    _text_properties(root, text, _SIZES["axis"])
    external = _add(root, "c:externalData")
    _add(external, "c:autoUpdate", "0")
    return root
