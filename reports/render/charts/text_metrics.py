"""How much room a line of text takes in Carlito, the report's font.

The widths are the font's own advance widths (its ``hmtx`` table, read once with
fontTools from ``templates/fonts/Carlito-Regular.ttf``); kerning is left out, so a
width is a close estimate, a hair wider or narrower than the text set by a browser.
Heights are the font's ascent, descent and capital height. A space the font lacks
(Carlito has no U+00A0, the no-break space of „12 000”) takes the width of the
space, as a text shaper sets it.

>>> width("00", 10) == 2 * width("0", 10) > 0
True
>>> width("12\xa0000", 8) == width("12 000", 8)
True
>>> round(ascent(8) + descent(8), 2)
8.0
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from reports.render.assets import templates_dir

FONT_FILE = "Carlito-Regular.ttf"
#: The Unicode space separators (category Zs), in case the font lacks one.
_SPACES = (0x20, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)


@dataclass(frozen=True)
class _Metrics:
    """Advance widths per character and the vertical metrics, in ems."""

    advances: dict[int, float]
    missing: float  # the advance of .notdef, for a character the font lacks
    ascent: float
    descent: float  # positive: below the baseline
    cap_height: float


@cache
def _metrics() -> _Metrics:
    # fontTools (WeasyPrint's dependency) has no type information
    TTFont: Any = importlib.import_module("fontTools.ttLib").TTFont

    # fontTools warns about (and reads as Unix time) the old Mac-epoch stamps of Carlito
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with TTFont(str(templates_dir() / "fonts" / FONT_FILE), lazy=True) as font:
            em = float(font["head"].unitsPerEm)
            glyphs = font["hmtx"].metrics
            cmap = font.getBestCmap()
            advances = {code: glyphs[name][0] / em for code, name in cmap.items()}
            for space in _SPACES:
                advances.setdefault(space, advances[ord(" ")])
            return _Metrics(
                advances=advances,
                missing=glyphs[".notdef"][0] / em,
                ascent=font["hhea"].ascent / em,
                descent=-font["hhea"].descent / em,
                cap_height=font["OS/2"].sCapHeight / em,
            )
    finally:
        logger.setLevel(level)


def width(text: str, size: float) -> float:
    """The advance width of ``text`` set at ``size`` (points in, points out)."""
    metrics = _metrics()
    return size * sum(metrics.advances.get(ord(c), metrics.missing) for c in text)


def ascent(size: float) -> float:
    """How far the font reaches above the baseline at ``size``."""
    return size * _metrics().ascent


def descent(size: float) -> float:
    """How far the font reaches below the baseline at ``size`` (a positive length)."""
    return size * _metrics().descent


def cap_height(size: float) -> float:
    """The height of a capital letter (and of a digit) at ``size``."""
    return size * _metrics().cap_height
