"""The running footer „strona X z Y” of a report's joined PDF.

The pieces of a report are rendered apart (:mod:`reports.render.pdf.join`), so no
piece knows the page count. WeasyPrint lays out the front matter's footer (the
``@bottom-right`` margin box) but does not draw it: :func:`footer_style` reads
from that layout where the footer lies, how large and in which colour it is, and
the join draws the text on every page (:func:`footer_stream`) as an artifact
(``/Artifact`` of type ``/Pagination``), in a small subset of the template's font
— only the footer's words and the digits — embedded once (:func:`footer_font`,
:func:`footer_objects`).
"""

from __future__ import annotations

import hashlib
import importlib
import io
import logging
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reports.render.pdf.engine import SCALE, pin_font_timestamp, pydyf_module
from reports.render.pdf.writer import COMPRESSION

FOOTER_FONT = "RaportFooter"  # the footer font's name in the pages' resources


# ---------------------------------------------------------------------------
# Where and how the footer is drawn: from the front matter's layout
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FooterStyle:
    """Where and how the running footer is drawn (read from the front matter's layout)."""

    right: float  # PDF points from the page's left edge to the end of the text
    baseline: float  # PDF points from the page's bottom edge
    size: float  # font size in points
    color: tuple[float, float, float]
    families: tuple[str, ...]
    weight: int
    italic: bool
    shown: tuple[bool, ...]  # per front matter page: does it have a footer


def _footer_box(page: Any) -> Any:
    """The text of the page's bottom-right margin box, if laid out."""
    for box in page._page_box.children:
        if getattr(box, "at_keyword", None) == "@bottom-right":
            for line in box.children:
                for text in getattr(line, "children", ()):
                    if getattr(text, "text", None):
                        return line, text
    return None


def footer_style(laid_out: Any) -> FooterStyle | None:
    """The footer as the front matter's layout has it; ``None`` if no page has one."""
    found = [_footer_box(page) for page in laid_out.pages]
    sample = next(
        ((page, box) for page, box in zip(laid_out.pages, found, strict=True) if box), None
    )
    if sample is None:
        return None
    page, (line, text) = sample
    style = text.style
    color = style["color"]
    if hasattr(color, "to"):  # tinycss2's CSS Color 4 colour: as sRGB coordinates
        red, green, blue = color.to("srgb").coordinates
    else:
        red, green, blue = color.red, color.green, color.blue
    return FooterStyle(
        right=(text.position_x + text.width) * SCALE,
        baseline=(page.height - (line.position_y + line.baseline)) * SCALE,
        size=style["font_size"] * SCALE,
        color=(float(red), float(green), float(blue)),
        families=tuple(style["font_family"]),
        weight=int(style["font_weight"]),
        italic=style["font_style"] != "normal",
        shown=tuple(box is not None for box in found),
    )


# ---------------------------------------------------------------------------
# The footer's font: a subset of the template's font, embedded once
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _FontFace:
    family: str
    path: Path
    weight: int
    italic: bool


def _font_faces(css: str, root: Path) -> list[_FontFace]:
    faces = []
    for block in re.finditer(r"@font-face\s*\{([^}]*)\}", css):
        body = block[1]
        family = re.search(r"font-family\s*:\s*(['\"]?)([^;'\"]+)\1", body)
        source = re.search(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)", body)
        if family is None or source is None:
            continue
        weight_text = re.search(r"font-weight\s*:\s*([a-z0-9]+)", body)
        weight = {"normal": 400, "bold": 700}.get(weight_text[1] if weight_text else "normal")
        if weight is None and weight_text is not None and weight_text[1].isdigit():
            weight = int(weight_text[1])
        italic = bool(re.search(r"font-style\s*:\s*(italic|oblique)", body))
        faces.append(_FontFace(family[2].strip(), root / source[2], weight or 400, italic))
    return faces


def footer_font_file(style: FooterStyle, css: str, root: Path) -> Path:
    """The template's font file that the footer is set in (by its ``@font-face``)."""
    faces = [f for f in _font_faces(css, root) if f.path.is_file()]
    for family in style.families:
        candidates = [f for f in faces if f.family == family]
        if candidates:
            best = min(
                candidates,
                key=lambda f: (f.italic != style.italic, abs(f.weight - style.weight)),
            )
            return best.path
    if faces:
        return faces[0].path
    raise ValueError(
        "Stopka wymaga fontu z szablonu (reguły @font-face w report.css z plikiem w templates/)."
    )


def load_subsetter() -> None:
    """Import fontTools' subsetter (a tenth of a second) ahead of :func:`footer_font`:
    while the workers lay out the pieces, rather than when the file is finished."""
    importlib.import_module("fontTools.subset")


@dataclass(frozen=True)
class FooterFont:
    """A subset font for the footer: its PDF objects' parts and glyph metrics."""

    base_name: bytes
    font_file: bytes
    glyphs: dict[str, int]  # character → glyph id
    widths: dict[int, int]  # glyph id → advance in thousandths of the font size
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float


@cache
def footer_font(path: Path, characters: str, base: str) -> FooterFont:
    """A subset of the font at ``path`` with ``characters`` (fontTools; deterministic)."""
    # fontTools (WeasyPrint's dependency) has no type information
    subset: Any = importlib.import_module("fontTools.subset")
    TTFont: Any = importlib.import_module("fontTools.ttLib").TTFont

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.recalc_timestamp = False
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "hdmx", "LTSH", "VDMX", "DSIG"]
    # fontTools warns about (and reads as Unix time) the old Mac-epoch stamps of Carlito
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        font = TTFont(str(path), recalcTimestamp=False, lazy=True)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(c) for c in characters}))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        data = pin_font_timestamp(buffer.getvalue())
        font = TTFont(io.BytesIO(data), lazy=True)
    finally:
        logger.setLevel(level)
    cmap = font.getBestCmap() or {}
    upem = int(font["head"].unitsPerEm)

    def scaled(value: float) -> int:
        return round(float(value) * 1000 / upem)

    glyphs = {c: font.getGlyphID(cmap[ord(c)]) for c in characters if ord(c) in cmap}
    hmtx = font["hmtx"]
    order = font.getGlyphOrder()
    widths = {gid: scaled(hmtx[order[gid]][0]) for gid in sorted(set(glyphs.values()))}
    head = font["head"]
    os2 = font.get("OS/2")
    hhea = font["hhea"]
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(data).digest()[:6])
    return FooterFont(
        base_name=f"/{tag}+{base}".encode(),
        font_file=data,
        glyphs=glyphs,
        widths=widths,
        bbox=(scaled(head.xMin), scaled(head.yMin), scaled(head.xMax), scaled(head.yMax)),
        ascent=scaled(hhea.ascent),
        descent=scaled(hhea.descent),
        cap_height=scaled(getattr(os2, "sCapHeight", 0) or hhea.ascent),
        italic_angle=float(font["post"].italicAngle),
    )


FOOTER_OBJECTS = 5


def footer_objects(font: FooterFont, first: int) -> list[tuple[bytes, bytes | None]]:
    """The footer font as five objects numbered from ``first``: Type0 font, CID font,
    descriptor, font file, ToUnicode map."""
    pydyf = pydyf_module()
    cid, descriptor, file, to_unicode = first + 1, first + 2, first + 3, first + 4
    widths = b" ".join(f"{gid} [{w}]".encode() for gid, w in sorted(font.widths.items()))
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    by_glyph = sorted({gid: c for c, gid in sorted(font.glyphs.items())}.items())
    lines.append(f"{len(by_glyph)} beginbfchar".encode())
    for gid, char in by_glyph:
        lines.append(f"<{gid:04x}> <{char.encode('utf-16-be').hex()}>".encode())
    lines += [
        b"endbfchar",
        b"endcmap",
        b"CMapName currentdict /CMap defineresource pop",
        b"end",
        b"end",
    ]
    cmap = zlib.compress(b"\n".join(lines), COMPRESSION)
    program = zlib.compress(font.font_file, COMPRESSION)
    bbox = " ".join(str(v) for v in font.bbox)
    name = font.base_name
    return [
        (
            b"<</Type /Font /Subtype /Type0 /BaseFont "
            + name
            + b" /Encoding /Identity-H"
            + f" /DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R>>".encode(),
            None,
        ),
        (
            b"<</Type /Font /Subtype /CIDFontType2 /BaseFont "
            + name
            + b" /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>"
            + f" /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity".encode()
            + b" /W ["
            + widths
            + b"]>>",
            None,
        ),
        (
            b"<</Type /FontDescriptor /FontName "
            + name
            + b" /Flags 32"
            + f" /FontBBox [{bbox}] /ItalicAngle {pydyf._to_bytes(font.italic_angle).decode()}"
            f" /Ascent {font.ascent} /Descent {font.descent} /CapHeight {font.cap_height}"
            f" /StemV 80 /FontFile2 {file} 0 R>>".encode(),
            None,
        ),
        (
            b"<</Filter /FlateDecode /Length1 %d /Length %d>>"
            % (len(font.font_file), len(program)),
            program,
        ),
        (f"<</Filter /FlateDecode /Length {len(cmap)}>>".encode(), cmap),
    ]


def number_text(value: float) -> bytes:
    """A number as PDF content writes it (to three decimals)."""
    return pydyf_module()._to_bytes(round(value, 3))  # type: ignore[no-any-return]


def footer_stream(text: str, style: FooterStyle, font: FooterFont) -> bytes:
    """The content that draws ``text`` right-aligned where the footer lies, as an artifact."""
    gids = [font.glyphs.get(c, 0) for c in text]
    width = sum(font.widths.get(g, 0) for g in gids) * style.size / 1000
    x = style.right - width
    r, g, b = (number_text(c) for c in style.color)
    hex_text = "".join(f"{gid:04x}" for gid in gids).encode()
    return b" ".join(
        (
            b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q",
            r,
            g,
            b,
            b"rg BT /" + FOOTER_FONT.encode(),
            number_text(style.size),
            b"Tf 1 0 0 1",
            number_text(x),
            number_text(style.baseline),
            b"Tm <" + hex_text + b"> Tj ET Q EMC",
        )
    )


__all__ = [
    "FOOTER_FONT",
    "FOOTER_OBJECTS",
    "FooterFont",
    "FooterStyle",
    "footer_font",
    "footer_font_file",
    "footer_objects",
    "footer_stream",
    "footer_style",
    "number_text",
]
