"""DOCX charts follow the schema Word checks: every chart part and every inline drawing
has its children in the order of ECMA-376 part 1 (``dml-chart.xsd``, ``dml-main.xsd``,
``dml-wordprocessingDrawing.xsd``), its required children and attributes, and nothing
the schema does not know; the package names each chart part's type and relations.

The tables below are the schema's ``xsd:sequence`` of every element the charts use,
written as a pattern per element: names in order, ``?`` optional, ``*`` any number,
``+`` at least one, ``a|b`` a choice (one of them). A name without a prefix has the
prefix of the element described. An element reached from a parent may be given by
``parent/child`` where the same name has another type elsewhere (``c:tx``, ``c:pt``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from reports.document.model import (
    BarChart,
    Figure,
    Series,
)
from reports.pipeline import BuildResult
from reports.render.docx.renderer import render_docx
from tests.render.sample_charts import chart_document, zip_parts

NAMESPACES = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
R_ID = f"{{{NAMESPACES['r']}}}id"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

_FILL = "noFill|solidFill|gradFill|blipFill|pattFill|grpFill"
_COLOUR = "scrgbClr|srgbClr|hslClr|sysClr|schemeClr|prstClr"
_TEXT_CHARACTER = (
    f"ln? {_FILL}? effectLst|effectDag? highlight? uLnTx|uLn? uFillTx|uFill?"
    " latin? ea? cs? sym? hlinkClick? hlinkMouseOver? rtl? extLst?"
)
_RICH = "a:bodyPr a:lstStyle? a:p+"  # CT_TextBody
_STR_REF = "f strCache? extLst?"
_NUM_REF = "f numCache? extLst?"
_AX_SHARED = (  # EG_AxShared
    "axId scaling delete? axPos majorGridlines? minorGridlines? title? numFmt?"
    " majorTickMark? minorTickMark? tickLblPos? spPr? txPr? crossAx crosses|crossesAt?"
)
_PLOTS = (
    "areaChart|area3DChart|lineChart|line3DChart|stockChart|radarChart|scatterChart"
    "|pieChart|pie3DChart|doughnutChart|barChart|bar3DChart|ofPieChart|surfaceChart"
    "|surface3DChart|bubbleChart"
)

#: The children of each element, in schema order (its complex type in the comment).
CHILDREN: dict[str, str] = {
    # dml-chart.xsd
    "c:chartSpace": "date1904? lang? roundedCorners? mc:AlternateContent? style? clrMapOvr?"
    " pivotSource? protection? chart spPr? txPr? externalData? printSettings? userShapes?"
    " extLst?",  # CT_ChartSpace
    "c:chart": "title? autoTitleDeleted? pivotFmts? view3D? floor? sideWall? backWall?"
    " plotArea legend? plotVisOnly? dispBlanksAs? showDLblsOverMax? extLst?",  # CT_Chart
    "c:title": "tx? layout? overlay? spPr? txPr? extLst?",  # CT_Title
    "c:title/c:tx": "strRef|rich",  # CT_Tx
    "c:rich": _RICH,
    "c:txPr": _RICH,
    "c:plotArea": f"layout? {_PLOTS}+ valAx|catAx|dateAx|serAx* dTable? spPr? extLst?",
    "c:layout": "manualLayout? extLst?",  # CT_Layout
    "c:barChart": "barDir grouping? varyColors? ser* dLbls? gapWidth? overlap? serLines*"
    " axId axId extLst?",  # CT_BarChart
    "c:barChart/c:ser": "idx order tx? spPr? invertIfNegative? pictureOptions? dPt* dLbls?"
    " trendline* errBars? cat? val? shape? extLst?",  # CT_BarSer
    "c:ser/c:tx": "strRef|v",  # CT_SerTx
    "c:strRef": _STR_REF,  # CT_StrRef
    "c:strCache": "ptCount? pt* extLst?",  # CT_StrData
    "c:strCache/c:pt": "v",  # CT_StrVal
    "c:numRef": _NUM_REF,  # CT_NumRef
    "c:numCache": "formatCode? ptCount? pt* extLst?",  # CT_NumData
    "c:numCache/c:pt": "v",  # CT_NumVal
    "c:cat": "multiLvlStrRef|numRef|numLit|strRef|strLit",  # CT_AxDataSource
    "c:val": "numRef|numLit",  # CT_NumDataSource
    # CT_DLbls: dLbl*, then delete or Group_DLbls, then extLst
    "c:dLbls": "dLbl* delete? numFmt? spPr? txPr? dLblPos? showLegendKey? showVal?"
    " showCatName? showSerName? showPercent? showBubbleSize? separator? showLeaderLines?"
    " leaderLines? extLst?",
    "c:catAx": f"{_AX_SHARED} auto? lblAlgn? lblOffset? tickLblSkip? tickMarkSkip?"
    " noMultiLvlLbl? extLst?",  # CT_CatAx
    "c:valAx": f"{_AX_SHARED} crossBetween? majorUnit? minorUnit? dispUnits? extLst?",
    "c:scaling": "logBase? orientation? max? min? extLst?",  # CT_Scaling
    "c:majorGridlines": "spPr?",  # CT_ChartLines
    "c:legend": "legendPos? legendEntry* layout? overlay? spPr? txPr? extLst?",
    "c:externalData": "autoUpdate?",  # CT_ExternalData
    "c:spPr": f"a:xfrm? a:{_FILL.replace('|', '|a:')}? a:ln? a:effectLst|a:effectDag?"
    " a:scene3d? a:sp3d? a:extLst?",  # a:CT_ShapeProperties
    # dml-main.xsd
    "a:bodyPr": "prstTxWarp? noAutofit|normAutofit|spAutoFit? scene3d? sp3d? flatTx?"
    " extLst?",  # CT_TextBodyProperties
    "a:lstStyle": "defPPr? lvl1pPr? lvl2pPr? lvl3pPr? lvl4pPr? lvl5pPr? lvl6pPr? lvl7pPr?"
    " lvl8pPr? lvl9pPr? extLst?",  # CT_TextListStyle
    "a:p": "pPr? r|br|fld* endParaRPr?",  # CT_TextParagraph
    "a:pPr": "lnSpc? spcBef? spcAft? buClrTx|buClr? buSzTx|buSzPct|buSzPts? buFontTx|buFont?"
    " buNone|buAutoNum|buChar|buBlip? tabLst? defRPr? extLst?",  # CT_TextParagraphProperties
    "a:r": "rPr? t",  # CT_RegularTextRun
    "a:defRPr": _TEXT_CHARACTER,  # CT_TextCharacterProperties
    "a:rPr": _TEXT_CHARACTER,
    "a:endParaRPr": _TEXT_CHARACTER,
    "a:ln": "noFill|solidFill|gradFill|pattFill? prstDash|custDash? round|bevel|miter?"
    " headEnd? tailEnd? extLst?",  # CT_LineProperties
    "a:solidFill": f"{_COLOUR}?",  # CT_SolidColorFillProperties
    "a:pattFill": "fgClr? bgClr?",  # CT_PatternFillProperties
    "a:fgClr": _COLOUR,  # CT_Color
    "a:bgClr": _COLOUR,
    "a:srgbClr": "tint|shade|comp|inv|gray|alpha|alphaOff|alphaMod|hue|hueOff|hueMod|sat"
    "|satOff|satMod|lum|lumOff|lumMod|red|redOff|redMod|green|greenOff|greenMod|blue"
    "|blueOff|blueMod|gamma|invGamma*",  # EG_ColorTransform
    # dml-wordprocessingDrawing.xsd (wp:inline) and the graphic frame
    "wp:inline": "extent effectExtent? docPr cNvGraphicFramePr? a:graphic",  # CT_Inline
    "wp:docPr": "a:hlinkClick? a:hlinkHover? a:extLst?",  # CT_NonVisualDrawingProps
    "wp:cNvGraphicFramePr": "a:graphicFrameLocks? a:extLst?",
    "a:graphic": "graphicData",  # CT_GraphicalObject
    "a:graphicData": "c:chart",  # the chart graphic (any element, here a chart reference)
}

_VAL = "val"
_LEAVES = (  # elements with no children (CT_Boolean, CT_UnsignedInt, enumerations, text)
    "c:date1904 c:lang c:roundedCorners c:autoTitleDeleted c:overlay c:barDir c:grouping"
    " c:varyColors c:idx c:order c:invertIfNegative c:gapWidth c:overlap c:axId c:f c:v"
    " c:formatCode c:ptCount c:numFmt c:dLblPos c:showLegendKey c:showVal c:showCatName"
    " c:showSerName c:showPercent c:showBubbleSize c:orientation c:max c:min c:delete"
    " c:axPos c:majorTickMark c:minorTickMark c:tickLblPos c:crossAx c:crosses c:auto"
    " c:lblAlgn c:lblOffset c:tickLblSkip c:noMultiLvlLbl c:crossBetween c:majorUnit"
    " c:legendPos c:plotVisOnly c:dispBlanksAs c:autoUpdate"
    " a:noFill a:latin a:ea a:cs a:t a:graphicFrameLocks wp:extent wp:effectExtent"
)


def _each(names: str) -> list[str]:
    return names.split()


CHILDREN.update(dict.fromkeys(_each(_LEAVES), ""))
CHILDREN["a:graphicData/c:chart"] = ""  # CT_RelId

_TEXT_RUN = (
    "kumimoji lang altLang sz b i u strike kern cap spc normalizeH baseline noProof dirty"
    " err smtClean smtId bmk"
)
_FONT = "typeface! panose pitchFamily charset"
#: The attributes each element may have (``!``: required); other elements take none.
ATTRIBUTES: dict[str, str] = {
    **dict.fromkeys(  # CT_Boolean and the like: val optional
        _each(
            "c:date1904 c:roundedCorners c:autoTitleDeleted c:overlay c:varyColors"
            " c:invertIfNegative c:showLegendKey c:showVal c:showCatName c:showSerName"
            " c:showPercent c:showBubbleSize c:delete c:auto c:noMultiLvlLbl c:plotVisOnly"
            " c:autoUpdate c:grouping c:gapWidth c:lblOffset c:majorTickMark c:minorTickMark"
            " c:tickLblPos c:orientation c:dispBlanksAs c:lblAlgn c:barDir c:legendPos"
            " c:crossBetween"
        ),
        _VAL,
    ),
    **dict.fromkeys(  # val required
        _each(
            "c:lang c:idx c:order c:axId c:ptCount c:dLblPos c:max c:min c:axPos c:crossAx"
            " c:crosses c:tickLblSkip c:majorUnit c:overlap a:srgbClr"
        ),
        "val!",
    ),
    "c:numFmt": "formatCode! sourceLinked",
    "c:strCache/c:pt": "idx!",
    "c:numCache/c:pt": "idx! formatCode",
    "c:externalData": "r:id!",
    "a:graphicData/c:chart": "r:id!",
    "a:bodyPr": "rot spcFirstLastPara vertOverflow horzOverflow vert wrap lIns tIns rIns"
    " bIns numCol spcCol rtlCol fromWordArt anchor anchorCtr forceAA upright compatLnSpc",
    "a:pPr": "marL marR lvl indent algn defTabSz rtl eaLnBrk fontAlgn latinLnBrk hangingPunct",
    "a:defRPr": _TEXT_RUN,
    "a:rPr": _TEXT_RUN,
    "a:endParaRPr": _TEXT_RUN,
    "a:latin": _FONT,
    "a:ea": _FONT,
    "a:cs": _FONT,
    "a:ln": "w cap cmpd algn",
    "a:pattFill": "prst",
    "a:graphicData": "uri!",
    "a:graphicFrameLocks": "noGrp noDrilldown noSelect noChangeAspect noMove noResize",
    "wp:inline": "distT distB distL distR",
    "wp:extent": "cx! cy!",
    "wp:effectExtent": "l! t! r! b!",
    "wp:docPr": "id! name! descr hidden title",
}


def _one_of(words: str) -> Callable[[str], bool]:
    return set(words.split()).__contains__


def _whole(low: int, high: int = 2**32 - 1) -> Callable[[str], bool]:
    return lambda text: text.lstrip("-").isdigit() and low <= int(text) <= high


def _double(text: str) -> bool:
    return re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", text) is not None


_BOOLEAN = _one_of("0 1 true false")
_TICK_MARK = _one_of("cross in none out")
#: The values a simple type allows, by ``element@attribute`` (``element`` for its text).
VALUES: dict[str, Callable[[str], bool]] = {
    **dict.fromkeys(
        _each(
            "c:date1904@val c:roundedCorners@val c:autoTitleDeleted@val c:overlay@val"
            " c:varyColors@val c:invertIfNegative@val c:showLegendKey@val c:showVal@val"
            " c:showCatName@val c:showSerName@val c:showPercent@val c:showBubbleSize@val"
            " c:delete@val c:auto@val c:noMultiLvlLbl@val c:plotVisOnly@val c:autoUpdate@val"
            " c:numFmt@sourceLinked a:defRPr@b a:rPr@b"
        ),
        _BOOLEAN,
    ),
    **dict.fromkeys(
        _each("c:idx@val c:order@val c:axId@val c:crossAx@val c:ptCount@val c:pt@idx"),
        _whole(0),
    ),
    "c:barDir@val": _one_of("bar col"),
    "c:grouping@val": _one_of("percentStacked clustered standard stacked"),
    "c:gapWidth@val": _whole(0, 500),
    "c:overlap@val": _whole(-100, 100),
    "c:dLblPos@val": _one_of("bestFit b ctr inBase inEnd l outEnd r t"),
    "c:orientation@val": _one_of("maxMin minMax"),
    "c:axPos@val": _one_of("b l r t"),
    "c:majorTickMark@val": _TICK_MARK,
    "c:minorTickMark@val": _TICK_MARK,
    "c:tickLblPos@val": _one_of("high low nextTo none"),
    "c:crosses@val": _one_of("autoZero max min"),
    "c:crossBetween@val": _one_of("between midCat"),
    "c:lblAlgn@val": _one_of("ctr l r"),
    "c:lblOffset@val": _whole(0, 1000),
    "c:tickLblSkip@val": _whole(1),
    "c:legendPos@val": _one_of("b tr l r t"),
    "c:dispBlanksAs@val": _one_of("span gap zero"),
    "c:max@val": _double,
    "c:min@val": _double,
    "c:majorUnit@val": lambda text: _double(text) and float(text) > 0,
    "c:numCache/c:pt/c:v": _double,  # the cache of a number reference holds numbers
    "a:srgbClr@val": lambda text: re.fullmatch(r"[0-9A-F]{6}", text) is not None,
    "a:pattFill@prst": _one_of(  # ST_PresetPatternVal
        "pct5 pct10 pct20 pct25 pct30 pct40 pct50 pct60 pct70 pct75 pct80 pct90 horz vert"
        " ltHorz ltVert dkHorz dkVert narHorz narVert dashHorz dashVert cross dnDiag upDiag"
        " ltDnDiag ltUpDiag dkDnDiag dkUpDiag wdDnDiag wdUpDiag dashDnDiag dashUpDiag"
        " diagCross smCheck lgCheck smGrid lgGrid dotGrid smConfetti lgConfetti horzBrick"
        " diagBrick solidDmnd openDmnd dotDmnd plaid sphere weave divot shingle wave trellis"
        " zigZag"
    ),
    "a:bodyPr@vert": _one_of("horz vert vert270 wordArtVert eaVert mongolianVert wordArtVertRtl"),
    "a:defRPr@sz": _whole(100, 400_000),
    "a:rPr@sz": _whole(100, 400_000),
    "a:ln@w": _whole(0, 20_116_800),
    "a:bodyPr@rot": _whole(-21_600_000, 21_600_000),
    "wp:docPr@id": _whole(0),
    "wp:extent@cx": _whole(0),
    "wp:extent@cy": _whole(0),
}

_PREFIXES = {uri: prefix for prefix, uri in NAMESPACES.items()}


def _prefixed(clark: str) -> str:
    """``prefix:local`` of a Clark name (an unknown namespace keeps the Clark name;
    no namespace, the local name)."""
    uri, _, local = clark[1:].rpartition("}") if clark.startswith("{") else ("", "", clark)
    if not uri:
        return local
    return f"{_PREFIXES[uri]}:{local}" if uri in _PREFIXES else clark


def _name(element: Any) -> str:
    return _prefixed(element.tag)


def _key(element: Any) -> str:
    """The table entry of ``element``: ``parent/child`` where one exists, else its name."""
    parent = element.getparent()
    if parent is not None and f"{_name(parent)}/{_name(element)}" in CHILDREN:
        return f"{_name(parent)}/{_name(element)}"
    return _name(element)


def _pattern(key: str) -> re.Pattern[str]:
    """The regular expression a ``CHILDREN`` entry means, over ``<name>`` tokens."""
    own = key.rsplit("/", 1)[-1].split(":")[0]
    parts = []
    for token in CHILDREN[key].split():
        suffix = token[-1] if token[-1] in "?*+" else ""
        names = token.rstrip("?*+").split("|")
        full = [name if ":" in name else f"{own}:{name}" for name in names]
        parts.append("(?:" + "|".join(f"<{re.escape(n)}>" for n in full) + ")" + suffix)
    return re.compile("".join(parts))


def schema_problems(root: Any) -> list[str]:
    """Every way ``root`` and its descendants leave the tables: an unknown element,
    children out of order or missing, an unknown or missing attribute, a value its
    simple type does not allow."""
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        key = _key(element)
        where = "/".join(_name(e) for e in reversed([element, *element.iterancestors()]))
        if key not in CHILDREN:
            problems.append(f"{where}: not in the schema tables")
            continue
        children = "".join(f"<{_name(child)}>" for child in element)
        if not _pattern(key).fullmatch(children):
            problems.append(f"{where}: children {children or '(none)'} against {CHILDREN[key]!r}")
        allowed = ATTRIBUTES.get(key, "").split()
        names = {a.rstrip("!") for a in allowed}
        for attribute in element.attrib:
            if _prefixed(attribute) not in names:
                problems.append(f"{where}: unknown attribute {_prefixed(attribute)}")
        for required in (a[:-1] for a in allowed if a.endswith("!")):
            prefix, _, local = required.rpartition(":")
            attribute = f"{{{NAMESPACES[prefix]}}}{local}" if prefix else local
            if element.get(attribute) is None:
                problems.append(f"{where}: missing attribute {required}")
        problems.extend(f"{where}: {problem}" for problem in _value_problems(element))
    return problems


def _value_problems(element: Any) -> list[str]:
    """The attributes (and text) of ``element`` that ``VALUES`` does not allow."""
    name, parent = _name(element), element.getparent()
    grandparent = None if parent is None else parent.getparent()
    problems = []
    if grandparent is not None:
        check = VALUES.get(f"{_name(grandparent)}/{_name(parent)}/{name}")
        if check is not None and not check(element.text or ""):
            problems.append(f"text {element.text!r} not allowed")
    for attribute, value in element.attrib.items():
        check = VALUES.get(f"{name}@{_prefixed(attribute)}")
        if check is not None and not check(value):
            problems.append(f"{_prefixed(attribute)}={value!r} not allowed")
    return problems


# --- the charts: every shape the report makes -----------------------------------------------


def _chart(series: int, horizontal: bool, *, zeros: bool) -> BarChart:
    categories = ("Żytomierz", "Łuck", "Gödöllő") if horizontal else ("2023", "2024", "2025")
    rows = tuple(
        Series(
            f"Seria {s + 1}",
            values := tuple(0.0 if zeros and (c + s) % 2 else float(c + s + 1) for c in range(3)),
            tuple(f"{v:g}" for v in values),
        )
        for s in range(series)
    )
    ticks = ((0, "0"), (2, "2"), (4, "4"), (6, "6"))
    return BarChart(categories, rows, "liczba", ticks, horizontal=horizontal)


CHARTS = (
    *(_chart(n, h, zeros=z) for n in (1, 2, 3, 4) for h in (False, True) for z in (False, True)),
    BarChart(("a",), (Series("nic", (0.0,), ("0",)),), "liczba", ((0, "0"),)),  # all zero
    BarChart(  # more series than the report ever shows: the gap between groups stays valid
        ("a", "b"),
        tuple(Series(f"s{i}", (float(i), 1.0), (str(i), "1")) for i in range(24)),
        "liczba",
        ((0, "0"), (10, "10"), (20, "20")),
    ),
    BarChart(  # large numbers and fractions
        ("x", "y"),
        (Series("kwota", (12_500.0, 2.5), ("12 500", "2,5")),),
        "zł",
        ((0, "0"), (10_000, "10 000")),
        horizontal=True,
    ),
)


@pytest.fixture(scope="module")
def shapes_package() -> dict[str, bytes]:
    """A DOCX with every chart shape, as its parts."""
    figures = (Figure(chart, f"Wykres {i}.", f"Wykres {i}.") for i, chart in enumerate(CHARTS))
    return zip_parts(render_docx(chart_document(tuple(figures))))


@pytest.fixture(scope="module")
def demo_package(demo_build: BuildResult) -> dict[str, bytes]:
    """The demo year's DOCX, as its parts."""
    (path,) = (p for p in demo_build.outputs if p.suffix == ".docx")
    return zip_parts(Path(path).read_bytes())


@pytest.fixture(scope="module")
def full_package(full_build: BuildResult) -> dict[str, bytes]:
    """The DOCX of the generated year with every section populated, as its parts."""
    (path,) = (p for p in full_build.outputs if p.suffix == ".docx")
    return zip_parts(Path(path).read_bytes())


def _chart_names(package: dict[str, bytes]) -> list[str]:
    return sorted(n for n in package if re.fullmatch(r"word/charts/chart\d+\.xml", n))


def _relationships(package: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part``: id → (type, target part name)."""
    folder, name = part.rsplit("/", 1)
    rels = parse_xml(package[f"{folder}/_rels/{name}.rels"])
    found = {}
    for rel in rels.iter(f"{{{PACKAGE_RELS}}}Relationship"):
        target = PurePosixPath(folder, rel.get("Target"))
        parts = [p for p in target.parts if p != "."]
        while ".." in parts:  # resolve "../" against the folder
            i = parts.index("..")
            del parts[i - 1 : i + 1]
        found[rel.get("Id")] = (rel.get("Type"), "/".join(parts))
    return found


PACKAGES = ("shapes_package", "demo_package", "full_package")


@pytest.mark.parametrize("package_name", PACKAGES)
def test_every_chart_part_follows_the_schema(package_name: str, request: Any) -> None:
    package: dict[str, bytes] = request.getfixturevalue(package_name)
    names = _chart_names(package)
    assert names
    for name in names:
        assert schema_problems(parse_xml(package[name])) == [], name


@pytest.mark.parametrize("package_name", PACKAGES)
def test_every_inline_chart_drawing_follows_the_schema(package_name: str, request: Any) -> None:
    package: dict[str, bytes] = request.getfixturevalue(package_name)
    document = parse_xml(package["word/document.xml"])
    inlines = document.findall(".//wp:inline", NAMESPACES)
    assert len(inlines) == len(_chart_names(package))
    for inline in inlines:
        assert schema_problems(inline) == []


@pytest.mark.parametrize("package_name", PACKAGES)
def test_chart_parts_have_their_content_types_and_relationships(
    package_name: str, request: Any
) -> None:
    package: dict[str, bytes] = request.getfixturevalue(package_name)
    types = parse_xml(package["[Content_Types].xml"])
    overrides = {
        o.get("PartName"): o.get("ContentType") for o in types.iter(f"{{{CONTENT_TYPES}}}Override")
    }
    defaults = {
        d.get("Extension"): d.get("ContentType") for d in types.iter(f"{{{CONTENT_TYPES}}}Default")
    }
    document_rels = _relationships(package, "word/document.xml")
    charts = {
        target: rel_id for rel_id, (kind, target) in document_rels.items() if kind == RT.CHART
    }
    names = _chart_names(package)
    assert sorted(charts) == names
    document = parse_xml(package["word/document.xml"])
    drawn = [
        c.get(f"{{{NAMESPACES['r']}}}id") for c in document.iter(f"{{{NAMESPACES['c']}}}chart")
    ]
    assert sorted(drawn) == sorted(charts.values())
    for name in names:
        assert overrides.get(f"/{name}") == CT.DML_CHART
        external = parse_xml(package[name]).find("c:externalData", NAMESPACES)
        kind, target = _relationships(package, name)[external.get(R_ID)]
        assert kind == RT.PACKAGE
        assert target in package
        assert target.endswith(".xlsx")
        assert overrides.get(f"/{target}", defaults.get("xlsx")) == CT.SML_SHEET


@pytest.mark.parametrize("package_name", PACKAGES)
def test_every_drawing_has_its_own_shape_id(package_name: str, request: Any) -> None:
    package: dict[str, bytes] = request.getfixturevalue(package_name)
    parts = [n for n in package if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
    ids = [
        doc_pr.get("id")
        for name in parts
        for doc_pr in parse_xml(package[name]).iter(f"{{{NAMESPACES['wp']}}}docPr")
    ]
    assert ids
    assert len(ids) == len(set(ids))


# --- the tables themselves catch what Word rejects ---------------------------------------


def _space(body: str) -> Any:
    ns = " ".join(f'xmlns:{p}="{u}"' for p, u in NAMESPACES.items())
    return parse_xml(f"<c:chartSpace {ns}>{body}</c:chartSpace>")


_PLOT = (
    '<c:plotArea><c:barChart><c:barDir val="col"/><c:axId val="1"/><c:axId val="2"/>'
    "</c:barChart></c:plotArea>"
)


def test_a_valid_minimal_chart_passes() -> None:
    assert schema_problems(_space(f"<c:chart>{_PLOT}</c:chart>")) == []


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (f'<c:chart>{_PLOT}<c:autoTitleDeleted val="1"/></c:chart>', "c:chart: children"),
        ('<c:chart><c:plotVisOnly val="1"/></c:chart>', "c:chart: children"),  # no plotArea
        (f'<c:chart>{_PLOT}</c:chart><c:lang val="pl-PL"/>', "c:chartSpace: children"),
        (f"<c:chart>{_PLOT}<c:frame/></c:chart>", "c:frame: not in the schema"),
        (f'<c:chart>{_PLOT}</c:chart><c:externalData id="x"/>', "unknown attribute id"),
        (f"<c:chart>{_PLOT}</c:chart><c:externalData/>", "missing attribute r:id"),
        (_PLOT.replace('<c:axId val="2"/>', "").join(["<c:chart>", "</c:chart>"]), "barChart"),
        (f'<c:chart>{_PLOT}<c:dispBlanksAs val="none"/></c:chart>', "val='none' not"),
        (_PLOT.replace('val="col"', 'val="column"').join(["<c:chart>", "</c:chart>"]), "column"),
    ],
)
def test_the_tables_reject_what_word_rejects(body: str, problem: str) -> None:
    problems = schema_problems(_space(body))
    assert any(problem in p for p in problems), problems
