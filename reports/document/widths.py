"""Column widths that never split an amount: each column as wide as its widest
unbreakable text („12 500,50 zł” stays whole, its unit on its line).

The widths of a table are decided here, in the document model, so the PDF, the DOCX
and the HTML edition share them. A text's width is estimated from the advance widths
of Carlito (the report's font; metric-compatible with Calibri, the DOCX's),
regular for the cells and bold for the headers, rounded up to 0.02 em (kerning left
out): an estimate a hair wider than the text set.
The narrower of the two page layouts is assumed: the DOCX's 160 mm of text at 10 pt
with 1.9 mm cell margins (the PDF sets 165 mm at 9.5 pt with 1.8 mm).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Carlito's advance widths in ems, rounded up to 0.02: regular (cells) and bold (headers).
_REGULAR = {
    0.24: " \u00a0\u202f'ijl",
    0.26: ",.łI",
    0.28: ";:",
    0.32: "-()fJ",
    0.34: "!t",
    0.36: "r",
    0.4: "/szśźż",
    0.42: '„”"',
    0.44: "cxćLŁ",
    0.46: "kvyFSŚ",
    0.48: "?agąZŹŻ",
    0.5: "+−–*eęETYĘ",
    0.52: "0123456789«»KPX",
    0.54: "bdhnopquńóCĆ",
    0.56: "BR",
    0.58: "AVĄ",
    0.62: "D",
    0.64: "GH",
    0.66: "NUŃ",
    0.68: "OQÓ",
    0.7: "&",
    0.72: "%w",
    0.8: "m",
    0.86: "M",
    0.9: "W",
    0.92: "—",
}
_BOLD = {
    0.24: " \u00a0\u202f'",
    0.26: ",ijl",
    0.28: ".;:łI",
    0.32: "-()f",
    0.34: "!J",
    0.36: "rt",
    0.4: "szśźż",
    0.42: "cć",
    0.44: '/„”"LŁ',
    0.46: "xF",
    0.48: "?gkvySZŚŹŻ",
    0.5: "+−–*aąETĘ",
    0.52: "0123456789eęY",
    0.54: "«»bdhnopquńóCPĆ",
    0.56: "KX",
    0.58: "BR",
    0.6: "V",
    0.62: "AĄ",
    0.64: "DGH",
    0.66: "NUŃ",
    0.68: "OÓ",
    0.7: "Q",
    0.72: "&",
    0.74: "%",
    0.76: "w",
    0.82: "m",
    0.88: "M",
    0.92: "—W",
}
_EM = {ch: em for em, chars in _REGULAR.items() for ch in chars}
_EM_BOLD = {ch: em for em, chars in _BOLD.items() for ch in chars}
_UNKNOWN_EM = 0.6
_WORD_JOINER = "\u2060"

_FONT_PT = 10.0
_TEXT_PT = 160 / 25.4 * 72
_PADDING_PT = 2 * 1.9 / 25.4 * 72
#: A column grows for its widest text up to this share of the table; longer texts break.
MAX_SHARE = 0.4
# A line may break at an ordinary space or after a hyphen; nowhere else in these texts.
_BREAKS = re.compile(r"[ \n\t\u200b]+|(?<=-)")


def text_em(text: str, *, bold: bool = False) -> float:
    """The width of ``text`` in ems (an estimate a little wider than the text set).

    >>> text_em("12\\xa0500,50\\xa0zł")
    5.04
    """
    ems = _EM_BOLD if bold else _EM
    return round(sum(0.0 if ch == _WORD_JOINER else ems.get(ch, _UNKNOWN_EM) for ch in text), 4)


def share(text: str, *, bold: bool = False) -> float:
    """The share of the table's width a column needs for ``text``'s longest unbreakable run.

    >>> round(share("12\\xa0500,50\\xa0zł"), 3)  # about 21 mm of 160 mm
    0.135
    >>> share("Wartość łącznie") == share("Wartość")
    True
    """
    widest = max((text_em(run, bold=bold) for run in _BREAKS.split(text) if run), default=0.0)
    return (widest * _FONT_PT + _PADDING_PT) / _TEXT_PT if widest else 0.0


def fit(widths: Sequence[float], needs: Sequence[float]) -> tuple[float, ...]:
    """``widths`` (relative) with every column at least its need (up to :data:`MAX_SHARE`),
    the room taken from the columns that have some to spare, in proportion to it.
    Widths that already fit come back as they are.

    >>> fit((0.5, 0.5), (0.1, 0.2))
    (0.5, 0.5)
    >>> fit((0.8, 0.1, 0.1), (0.2, 0.15, 0.1))
    (0.75, 0.15, 0.1)
    """
    whole = sum(widths)
    if whole <= 0:
        return tuple(widths)
    shares = [w / whole for w in widths]
    floors = [min(need, MAX_SHARE) for need in needs]
    deficit = sum(max(0.0, floor - w) for w, floor in zip(shares, floors, strict=True))
    if deficit <= 1e-9:
        return tuple(widths)
    spare = [max(0.0, w - floor) for w, floor in zip(shares, floors, strict=True)]
    room = sum(spare)
    if room < deficit:
        total = sum(floors)
        return tuple(round(floor / total, 4) for floor in floors)
    return tuple(
        round(max(w, floor) - s * deficit / room, 4)
        for w, floor, s in zip(shares, floors, spare, strict=True)
    )


def fitted(
    labels: Sequence[str], widths: Sequence[float], rows: Sequence[Sequence[str]]
) -> tuple[float, ...]:
    """The widths of a table whose header is ``labels`` and body ``rows``, fitted to their
    widest unbreakable texts."""
    needs = [
        max([share(label, bold=True), *(share(row[i]) for row in rows if i < len(row))])
        for i, label in enumerate(labels)
    ]
    return fit(widths, needs)
