"""Prepositions before a name: „w”/„we” and „z”/„ze” as Polish spelling requires.

The rules (Nowy słownik poprawnej polszczyzny PWN and Wielki słownik poprawnej
polszczyzny PWN, entries „w, we” and „z, ze”; M. Bańko, *Mały słownik wyrazów
kłopotliwych*, PWN 2003, pp. 308–309; Poradnia Językowa PWN and the language
advice of the Rada Języka Polskiego, which answer the same):

* „we” before a word that starts with „w” or „f” followed by another consonant:
  „we Wrocławiu”, „we Włocławku”, „we Florencji”, „we Francji”, „we Fryburgu”
  — but „w Warszawie”, „w Wilnie”, „w Wałbrzychu”;
* „ze” before a word that starts with „s”, „z”, „ś”, „ź”, „ż” or „sz” followed by
  another consonant, or with „w” followed by „s”, „z”, „ś”, „sz” („ze wsi”):
  „ze Szczecina”, „ze Zgierza”, „ze Śląska”, „ze Splitu”, „ze Wschowy”
  — but „z Sewillą”, „z Zagrzebia”, „z Ząbek”, „z Szeged”;
* by tradition „we Lwowie”, „ze Lwowa”, „ze Lwowem” (the city's own name only:
  „w Lwówku Śląskim”, as the institutions there write it), and „we mnie”,
  „ze mną”;
* before a number, the number as it is read: „ze 100” („ze stu”), „ze 150 000”,
  but „z 1500”, „z 7” („z siedmiu”), „w 2025 r.”.

An acronym (two or more capitals: „USA”, „WSB”) is read by its letters' names,
which start with a vowel or „w” plus a vowel, so it always takes „w” and „z”.
Letters with diacritics of other languages count as their base letter („ü” is a
vowel).
"""

from __future__ import annotations

import re
import unicodedata

_VOWELS = frozenset("aąeęioóuy")
_SIBILANTS = ("sz", "s", "z", "ś", "ź", "ż")
# The traditional forms of Lwów (not of Lwówek): „we Lwowie”, „ze Lwowa”, „ze Lwowem”.
_LWOW = frozenset({"lwów", "lwowa", "lwowowi", "lwowem", "lwowie"})
_PRONOUN = frozenset({"mnie", "mną"})
_LEADING = re.compile(r"^[\s„“”\"'«»‚‘’(\[]*")
_NUMBER = re.compile(r"^\d[\d\s\u00a0\u202f]*")
_WORD = re.compile(r"^[^\W\d_]+")


def _base(letter: str) -> str:
    """A letter without the diacritics of other languages (Polish letters stay).

    >>> _base("ü"), _base("é"), _base("ł"), _base("ż")
    ('u', 'e', 'ł', 'ż')
    """
    if letter in "ąćęłńóśźż":
        return letter
    decomposed = unicodedata.normalize("NFD", letter)
    return decomposed[0] if decomposed else letter


def _is_consonant(letter: str) -> bool:
    return letter.isalpha() and _base(letter) not in _VOWELS


def _leading_group(text: str) -> int | None:
    """The number at the start of ``text`` as read: its highest group of three digits."""
    match = _NUMBER.match(text)
    if match is None:
        return None
    value = int("".join(ch for ch in match.group() if ch.isdigit()))
    while value >= 1000:
        value //= 1000
    return value


def _vocalised(preposition: str, text: str) -> bool:
    """Whether ``preposition`` („w” or „z”) takes its „e” before ``text``."""
    text = _LEADING.sub("", text)
    group = _leading_group(text)
    if group is not None:
        return preposition == "z" and 100 <= group <= 199
    match = _WORD.match(text)
    if match is None:
        return False
    word = match.group()
    if len(word) >= 2 and word.isupper():
        return False  # an acronym
    lower = word.lower()
    if lower in _LWOW or lower in _PRONOUN:
        return True
    if preposition == "w":
        return lower[0] in "wf" and len(lower) > 1 and _is_consonant(lower[1])
    if lower[0] == "w":
        return lower[1:2] in ("s", "z", "ś") or lower[1:3] == "sz"
    for sibilant in _SIBILANTS:
        if lower.startswith(sibilant):
            rest = lower[len(sibilant) :]
            return bool(rest) and _is_consonant(rest[0])
    return False


def with_preposition(preposition: str, text: str) -> str:
    """``text`` after the preposition „w” or „z” in the form Polish spelling requires.

    The preposition keeps its case („W”, „Z” at the start of a sentence); ``text``
    is the name in the case the preposition governs.

    >>> with_preposition("w", "Wrocławiu"), with_preposition("w", "Włocławku")
    ('we Wrocławiu', 'we Włocławku')
    >>> with_preposition("w", "Wałbrzychu"), with_preposition("w", "Warszawie")
    ('w Wałbrzychu', 'w Warszawie')
    >>> with_preposition("w", "Wilnie"), with_preposition("w", "Lwowie")
    ('w Wilnie', 'we Lwowie')
    >>> with_preposition("w", "Florencji"), with_preposition("w", "Francji")
    ('we Florencji', 'we Francji')
    >>> with_preposition("w", "Włoszech"), with_preposition("w", "Fryburgu")
    ('we Włoszech', 'we Fryburgu')
    >>> with_preposition("w", "Frankfurcie nad Menem"), with_preposition("w", "Wschowie")
    ('we Frankfurcie nad Menem', 'we Wschowie')
    >>> with_preposition("w", "Władywostoku"), with_preposition("w", "Wenecji")
    ('we Władywostoku', 'w Wenecji')
    >>> with_preposition("w", "Wiedniu"), with_preposition("w", "Wuppertalu")
    ('w Wiedniu', 'w Wuppertalu')
    >>> with_preposition("w", "Würzburgu"), with_preposition("w", "Fuldzie")
    ('w Würzburgu', 'w Fuldzie')
    >>> with_preposition("w", "Szczecinie"), with_preposition("w", "Kaliszu")
    ('w Szczecinie', 'w Kaliszu')
    >>> with_preposition("w", "Lwówku Śląskim"), with_preposition("W", "Wrocławiu")
    ('w Lwówku Śląskim', 'We Wrocławiu')
    >>> with_preposition("z", "Szczecina"), with_preposition("z", "Zgierza")
    ('ze Szczecina', 'ze Zgierza')
    >>> with_preposition("z", "Sewillą"), with_preposition("z", "Lwowem")
    ('z Sewillą', 'ze Lwowem')
    >>> with_preposition("z", "Śląska"), with_preposition("z", "Ząbek")
    ('ze Śląska', 'z Ząbek')
    >>> with_preposition("z", "Zagrzebia"), with_preposition("z", "Szwecji")
    ('z Zagrzebia', 'ze Szwecji')
    >>> with_preposition("z", "Słowacji"), with_preposition("z", "Stanów Zjednoczonych")
    ('ze Słowacji', 'ze Stanów Zjednoczonych')
    >>> with_preposition("z", "Sztokholmu"), with_preposition("z", "Splitu")
    ('ze Sztokholmu', 'ze Splitu')
    >>> with_preposition("z", "Serbii"), with_preposition("z", "Sankt Petersburga")
    ('z Serbii', 'z Sankt Petersburga')
    >>> with_preposition("z", "Szeged"), with_preposition("z", "Zielonej Góry")
    ('z Szeged', 'z Zielonej Góry')
    >>> with_preposition("z", "Żmigrodu"), with_preposition("z", "Żytomierza")
    ('ze Żmigrodu', 'z Żytomierza')
    >>> with_preposition("z", "Zwickau"), with_preposition("z", "Świnoujścia")
    ('ze Zwickau', 'ze Świnoujścia')
    >>> with_preposition("z", "Wrocławia"), with_preposition("z", "Wschowy")
    ('z Wrocławia', 'ze Wschowy')
    >>> with_preposition("z", "Hamm"), with_preposition("z", "Erfurtem")
    ('z Hamm', 'z Erfurtem')
    >>> with_preposition("z", "USA"), with_preposition("w", "WSB")
    ('z USA', 'w WSB')
    >>> with_preposition("z", "100 miast"), with_preposition("z", "120"), with_preposition("z", "7")
    ('ze 100 miast', 'ze 120', 'z 7')
    >>> with_preposition("z", "1500"), with_preposition("z", "150\\xa0000")
    ('z 1500', 'ze 150\\xa0000')
    >>> with_preposition("w", "2025 r."), with_preposition("z", "1 000 000")
    ('w 2025 r.', 'z 1 000 000')
    >>> with_preposition("z", "„Strzechą”"), with_preposition("Z", "")
    ('ze „Strzechą”', 'Z')
    """
    lower = preposition.lower()
    if lower not in ("w", "z"):
        raise ValueError(f"not a preposition with a vocalised form: {preposition!r}")
    if not text:
        return preposition
    head = preposition + ("e" if _vocalised(lower, text) else "")
    return f"{head} {text}"


__all__ = ["with_preposition"]
