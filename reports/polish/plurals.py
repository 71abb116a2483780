"""Polish plurals: the right noun form after a number.

Polish has three forms after a number: *one* (1 wizyta), *few* (2–4, 22–24,
… wizyty, but not 12–14) and *many* (0, 5–21, 25–31, … wizyt). Forms here are
the nominative, as in „W 2025 r. odbyło się 12 wizyt”. For masculine-personal
nouns the *few* form is the nominative plural („3 partnerzy”, read „trzej”);
pass your own tuple where a sentence needs „trzech partnerów”.
"""

from __future__ import annotations

from reports.polish.numbers import format_number
from reports.polish.typography import NBSP

#: noun → (one, few, many)
NOUNS: dict[str, tuple[str, str, str]] = {
    "wizyta": ("wizyta", "wizyty", "wizyt"),
    "wyjazd": ("wyjazd", "wyjazdy", "wyjazdów"),
    "delegacja": ("delegacja", "delegacje", "delegacji"),
    "projekt": ("projekt", "projekty", "projektów"),
    "nagroda": ("nagroda", "nagrody", "nagród"),
    "wyróżnienie": ("wyróżnienie", "wyróżnienia", "wyróżnień"),
    "miasto": ("miasto", "miasta", "miast"),
    "kraj": ("kraj", "kraje", "krajów"),
    "państwo": ("państwo", "państwa", "państw"),
    "osoba": ("osoba", "osoby", "osób"),
    "gość": ("gość", "goście", "gości"),
    "uczestnik": ("uczestnik", "uczestnicy", "uczestników"),
    "partner": ("partner", "partnerzy", "partnerów"),
    "organizacja": ("organizacja", "organizacje", "organizacji"),
    "umowa": ("umowa", "umowy", "umów"),
    "rocznica": ("rocznica", "rocznice", "rocznic"),
    "program": ("program", "programy", "programów"),
    "spotkanie": ("spotkanie", "spotkania", "spotkań"),
    "wydarzenie": ("wydarzenie", "wydarzenia", "wydarzeń"),
    "rok": ("rok", "lata", "lat"),
    "miesiąc": ("miesiąc", "miesiące", "miesięcy"),
    "dzień": ("dzień", "dni", "dni"),
    "strona": ("strona", "strony", "stron"),
    "plik": ("plik", "pliki", "plików"),
    "arkusz": ("arkusz", "arkusze", "arkuszy"),
    "kolumna": ("kolumna", "kolumny", "kolumn"),
    "wiersz": ("wiersz", "wiersze", "wierszy"),
    "rekord": ("rekord", "rekordy", "rekordów"),
    "błąd": ("błąd", "błędy", "błędów"),
    "ostrzeżenie": ("ostrzeżenie", "ostrzeżenia", "ostrzeżeń"),
    "duplikat": ("duplikat", "duplikaty", "duplikatów"),
}


def plural(n: int, one: str, few: str, many: str) -> str:
    """Pick the noun form for ``n`` by the Polish rules (sign ignored).

    >>> [plural(n, "wizyta", "wizyty", "wizyt") for n in (0, 1, 2, 5, 12, 22, 112)]
    ['wizyt', 'wizyta', 'wizyty', 'wizyt', 'wizyt', 'wizyty', 'wizyt']
    """
    n = abs(n)
    if n == 1:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count(n: int, noun: str | tuple[str, str, str]) -> str:
    """A number with its noun, tied by a non-breaking space.

    ``noun`` is a key of :data:`NOUNS` or a ``(one, few, many)`` tuple.

    >>> count(1, "wizyta"), count(3, "wizyta"), count(12, "wizyta")
    ('1\\xa0wizyta', '3\\xa0wizyty', '12\\xa0wizyt')
    >>> count(1222, "osoba"), count(12000, "osoba")
    ('1222\\xa0osoby', '12\\xa0000\\xa0osób')
    >>> count(2, ("mieszkaniec", "mieszkańcy", "mieszkańców"))
    '2\\xa0mieszkańcy'
    >>> count(5, "wizyty")
    Traceback (most recent call last):
    KeyError: "unknown noun 'wizyty': use a key of NOUNS or a (one, few, many) tuple"
    """
    if isinstance(noun, str):
        try:
            forms = NOUNS[noun]
        except KeyError:
            raise KeyError(
                f"unknown noun {noun!r}: use a key of NOUNS or a (one, few, many) tuple"
            ) from None
    else:
        forms = noun
    return f"{format_number(n)}{NBSP}{plural(n, *forms)}"
