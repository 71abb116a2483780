"""Polish typography for generated sentences: non-breaking spaces and quotes.

:func:`typeset` only ever turns an ordinary space (U+0020) into a
non-breaking one (U+00A0) and a straight double quote into „ or ”; it never
removes characters, so it is idempotent and safe to apply twice. It ties:

* a one-letter word (a i o u w z, A I O U W Z) to the next word;
* a number to the word, unit or ``%`` after it (``12 wizyt``, ``2025 r.``,
  ``35. rocznica``) and the digit groups of a number (``800 000``);
* ``ok.``, ``nr``, ``godz.`` … to the number after it, and ``tys.``/``mln``
  to the currency after it (``ok. 51 tys.``, ``1,2 mln zł``);
* a spaced dash to the word before it, so a line never starts with „–”.

Unspaced en dashes (``6–8``) and existing non-breaking spaces are left alone.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
#: Zero-width word joiner: forbids a line break where it stands (after a range dash).
WORD_JOINER = "\u2060"

_OPENERS = "„“‚«([{"
_NUMERIC_RANGE = re.compile(r"(?<=\d)([–—])(?=\d)")
_SPACED_HYPHEN = re.compile(r"(?<=\S )-(?= )")
_SPACED_DASH = re.compile(r"(?<=\S) +(?=[–—] )")
_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(ok\.|nr|godz\.|poz\.|pkt|art\.|ust\.|str\.|tel\.|§) +(?=\d)",
    re.IGNORECASE,
)
# An abbreviated title or street word stays with the name after it („św. Marcina”).
_BEFORE_NAME = re.compile(
    r"(?<![^\W\d_])(św\.|im\.|ul\.|al\.|pl\.|os\.|dr|prof\.|ks\.|bp|abp) +(?=[A-ZĄĆĘŁŃÓŚŹŻ])"
)
_MAGNITUDE = re.compile(r"(?<![^\W\d_])(tys\.|mln|mld) +(?=zł|[A-Z]{3}\b)")
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d])")
_NUMBER_WORD = re.compile(r"(?<=\d) +(?=[^\W\d_]|%)")
_ORDINAL_WORD = re.compile(r"(?<=\d\.) +(?=[a-ząćęłńóśźż])")
_SINGLE_LETTER = re.compile(rf"(?<![^\s{re.escape(_OPENERS)}])([aiouwzAIOUWZ]) +(?=\S)")


_OPENING_CONTEXT = frozenset(" \t\n\u00a0" + _OPENERS + "–—/")
_CLOSING_CONTEXT = frozenset(" \t\n\u00a0.,;:!?)]}…–—")


def _smart_quotes(text: str) -> str:
    """Straight double quotes as „ and ”, in pairs.

    A quote after a space (or an opening bracket, a dash, the start) opens; one
    before a space or punctuation (or the end) closes; one between two other
    characters (``projekt"Zielone"``) opens unless a quotation is open. Quotes
    already curled count, so a straight quote after „ closes it.
    """
    if '"' not in text:
        return text
    out = []
    inside = False
    for i, ch in enumerate(text):
        if ch in "„“":
            inside = True
        elif ch == "”":
            inside = False
        if ch != '"':
            out.append(ch)
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before in _OPENING_CONTEXT:
            opens = not (inside and after in _CLOSING_CONTEXT)
        elif after in _CLOSING_CONTEXT:
            opens = False
        else:
            opens = not inside
        out.append("„" if opens else "”")
        inside = opens
    return "".join(out)


def typeset(text: str) -> str:
    """Apply Polish typography to one generated sentence or cell text.

    >>> typeset('W 2025 r. odbyło się 12 wizyt i 3 wyjazdy.')
    'W\\xa02025\\xa0r. odbyło się 12\\xa0wizyt i\\xa03\\xa0wyjazdy.'
    >>> typeset('Kalisz liczy ok. 100 tys. mieszkańców, a budżet 800 000 zł.')
    'Kalisz liczy ok.\\xa0100\\xa0tys. mieszkańców, a\\xa0budżet 800\\xa0000\\xa0zł.'
    >>> typeset('Festiwal "Kaliskie Spotkania" z udziałem gości')
    'Festiwal „Kaliskie Spotkania” z\\xa0udziałem gości'
    >>> typeset('35. rocznica podpisania umowy z Preston')
    '35.\\xa0rocznica podpisania umowy z\\xa0Preston'
    >>> typeset('6–8 listopada, potem Hamm – Kalisz')
    '6–\\u20608\\xa0listopada, potem Hamm\\xa0– Kalisz'
    >>> typeset('Festiwal 2025 - edycja V')  # a spaced hyphen is a dash
    'Festiwal 2025\\xa0– edycja V'
    >>> typeset('Dni św. Marcina w LO im. Jana III Sobieskiego')
    'Dni św.\\xa0Marcina w\\xa0LO im.\\xa0Jana III Sobieskiego'
    >>> typeset('18–19 października')  # a range of numbers never breaks at its dash
    '18–\\u206019\\xa0października'
    >>> typeset(typeset('i w "Oku"')) == typeset('i w "Oku"')
    True
    >>> typeset('projekt"Zielone miasta" (Erasmus+):"Kultura"')  # a quote after a letter opens
    'projekt„Zielone miasta” (Erasmus+):„Kultura”'
    """
    text = _smart_quotes(text)
    text = _SPACED_HYPHEN.sub("–", text)
    text = _SPACED_DASH.sub(NBSP, text)
    text = _NUMERIC_RANGE.sub(rf"\1{WORD_JOINER}", text)
    text = _ABBREVIATION.sub(rf"\1{NBSP}", text)
    text = _BEFORE_NAME.sub(rf"\1{NBSP}", text)
    text = _MAGNITUDE.sub(rf"\1{NBSP}", text)
    text = _DIGIT_GROUPS.sub(lambda m: m.group().replace(" ", NBSP), text)
    text = _NUMBER_WORD.sub(NBSP, text)
    text = _ORDINAL_WORD.sub(NBSP, text)
    return _SINGLE_LETTER.sub(rf"\1{NBSP}", text)


def quote(text: str) -> str:
    """Put text in Polish quotes „…”; quotes inside become «…».

    One pair of quotes already around the text is not doubled.

    >>> quote("Kaliskie Spotkania Teatralne")
    '„Kaliskie Spotkania Teatralne”'
    >>> quote('Nagroda "Złoty Lew" dla miasta')
    '„Nagroda «Złoty Lew» dla miasta”'
    >>> quote("„Już w cudzysłowie”")
    '„Już w cudzysłowie”'
    """
    inner = text.strip()
    if len(inner) >= 2 and inner[0] in '"„“' and inner[-1] in '"”“':
        inner = inner[1:-1]
    inner = _smart_quotes(inner).replace("„", "«").replace("”", "»")
    return f"„{inner}”"
