"""The problem codes: each with its severity, its meaning and its one message template.

A template is Polish with named fields (``str.format``); :func:`reports.inputs.problems.problem`
fills it from the code and the fields given where the problem is found, so that
no message text is written anywhere else.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from reports.inputs.plan_codes import PLAN_STATUS_CODES
from reports.inputs.registry_codes import REGISTRY_CODES


class Severity(StrEnum):
    ERROR = "błąd"
    WARNING = "ostrzeżenie"


#: The fields every problem has (its place and value); templates may use them too.
PLACE_FIELDS = frozenset({"file", "sheet", "row", "column", "header", "value"})


def shown(value: Any) -> str:
    """A template field as text: dates as 15.03.2025, lists as „a”, „b”.

    >>> shown(date(2025, 3, 5)), shown(("Nazwa", "Urząd")), shown(7)
    ('05.03.2025', '„Nazwa”, „Urząd”', '7')
    """
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, tuple | list):
        return ", ".join(f"„{item}”" for item in value)
    return str(value)


@dataclass(frozen=True)
class Code:
    """A problem code: its severity (fixed per code), what it means and its message.

    ``template`` is the Polish message with named fields (``str.format``).
    ``optional`` names the fields that may be left out, each with the text put
    in its place when given (``{}`` stands for the value) and, optionally, the
    text when not given (else nothing).
    """

    name: str
    severity: Severity
    meaning: str
    template: str
    optional: Mapping[str, str | tuple[str, str]] = field(default_factory=dict)

    @property
    def fields(self) -> frozenset[str]:
        """Every field the template names."""
        return frozenset(name for _, name, _, _ in string.Formatter().parse(self.template) if name)

    @property
    def required(self) -> frozenset[str]:
        """The fields a problem of this code must be given."""
        return self.fields - set(self.optional)

    def message(self, fields: Mapping[str, Any]) -> str:
        """The template filled in; a missing required field is a mistake in the code."""
        missing = self.required - {k for k, v in fields.items() if v is not None}
        if missing:
            raise ValueError(f"problem {self.name!r} needs {', '.join(sorted(missing))}")
        texts: dict[str, str] = {}
        for name in self.fields:
            value = fields.get(name)
            if name in self.optional:
                given, absent = _forms(self.optional[name])
                texts[name] = given.format(shown(value)) if _given(value) else absent
            else:
                texts[name] = shown(value)
        return self.template.format_map(texts)


def _forms(optional: str | tuple[str, str]) -> tuple[str, str]:
    return (optional, "") if isinstance(optional, str) else optional


def _given(value: Any) -> bool:
    return value is not None and value is not False and value != "" and value != ()


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.name: c for c in codes}


_E, _W = Severity.ERROR, Severity.WARNING
_SAVE_AS = "zapisz jako „Skoroszyt programu Excel (*.xlsx)”"
_ALSO_FIX = "Popraw dzień albo miesiąc."

#: Every problem code the checker can report: the one list the tests walk.
CODES: dict[str, Code] = _codes(
    # files and folders
    *(Code(c.name, _E if c.error else _W, *c[2:]) for c in REGISTRY_CODES),
    Code(
        "year-folder-missing",
        _E,
        "brak folderu roku w inputs/",
        "Brak folderu „{folder}” z danymi roku {year}. Utwórz go poleceniem "
        "„raport new {year}” albo wybierz inny rok.",
    ),
    Code(
        "file-empty",
        _E,
        "plik pusty (0 bajtów)",
        "Plik jest pusty (0 bajtów). Zapisz w nim skoroszyt z danymi albo usuń go z folderu.",
    ),
    Code(
        "file-unreadable",
        _E,
        "plik uszkodzony albo nie jest skoroszytem (.xlsx, .ods, .xls)",
        "Nie można odczytać pliku: jest uszkodzony albo nie jest skoroszytem (.xlsx, .ods, .xls)"
        f"{{detail}}. Otwórz go w arkuszu kalkulacyjnym i {_SAVE_AS}.",
        {"detail": " ({})"},
    ),
    Code(
        "file-encrypted",
        _E,
        "skoroszyt chroniony hasłem",
        "Skoroszyt jest chroniony hasłem, więc nie da się go odczytać. Otwórz go, usuń hasło "
        "(Plik → Informacje → Chroń skoroszyt → Szyfruj przy użyciu hasła) i zapisz ponownie.",
    ),
    Code(
        "file-wrong-format",
        _E,
        "plik .xls, .ods albo inny z rozszerzeniem .xlsx",
        "To {format} z rozszerzeniem .xlsx. Otwórz go w arkuszu kalkulacyjnym i "
        f"{_SAVE_AS}{{other}}.",
        {"other": " albo usuń go z folderu"},
    ),
    Code(
        "file-too-large",
        _E,
        "skoroszyt ponad granicę rozmiaru (np. „bomba zip”)",
        "Plik jest za duży, by go bezpiecznie odczytać: {what} ma {found}, a granica to "
        "{limit}. Sprawdź, czy to właściwy skoroszyt; jeśli tak, otwórz go w arkuszu "
        "kalkulacyjnym, usuń puste wiersze, kolumny i obrazy, zapisz i spróbuj ponownie.",
    ),
    Code(
        "sheet-too-large",
        _E,
        "arkusz z większą liczbą wierszy lub komórek, niż pozwala granica",
        "Arkusz ma więcej {what}, niż pozwala granica ({limit}), więc skoroszytu nie "
        "odczytano. Usuń z arkusza puste i zbędne wiersze oraz kolumny (także daleko pod "
        "danymi i na prawo od nich) albo podziel dane na kilka skoroszytów.",
    ),
    Code(
        "text-too-long",
        _E,
        "tekst w komórce dłuższy, niż pozwala granica",
        "Tekst w komórce ma {length} znaków, a granica to {limit} (tyle mieści komórka "
        "Excela), więc skoroszytu nie odczytano. Skróć tekst w tej komórce.",
    ),
    Code(
        "file-skipped",
        _W,
        "plik lub folder, który nie jest skoroszytem (.xlsx, .ods, .xls), pominięty",
        "Pominięto {folder} „{name}”: czytane są tylko skoroszyty .xlsx, .ods i .xls. Jeśli są "
        "w nim dane roku, zapisz go jako „Skoroszyt programu Excel (*.xlsx)” w tym folderze.",
        {"folder": ("folder", "plik")},
    ),
    Code(
        "copy-beside-original",
        _E,
        "kopia z zaznaczonymi problemami leży obok swojego oryginału, pominięta",
        "Ten plik to kopia skoroszytu „{original}” z zaznaczonymi problemami, a oryginał też "
        "jest w folderze roku, więc kopię pominięto (jej wiersze byłyby duplikatami). Zapisz "
        "poprawioną kopię w miejsce oryginału (pod nazwą „{original}”) albo usuń jeden z plików.",
    ),
    Code(
        "lock-file-skipped",
        _W,
        "plik blokady ~$….xlsx pominięty",
        "Pominięto plik blokady, który arkusz kalkulacyjny tworzy na czas otwarcia skoroszytu. "
        "Zamknij skoroszyt albo usuń ten plik.",
    ),
    # sheets and headers
    Code(
        "sheet-missing",
        _E,
        "brak wymaganego arkusza",
        "Brak arkusza „{sheet}” (kolumny „Pole” i „Wartość”; pola: {fields}). Dodaj go do pliku.",
    ),
    Code(
        "sheet-empty",
        _E,
        "wymagany arkusz bez wartości",
        "Arkusz „{sheet}” jest pusty. Wpisz w nim pola {fields} z wartościami.",
    ),
    Code(
        "sheet-unknown",
        _W,
        "arkusz o nieznanej nazwie, pominięty",
        "Nieznany arkusz „{sheet}”: jego dane nie trafią do raportu.{suggestion} Rozpoznawane "
        "arkusze to: {names}. Popraw nazwę arkusza albo go usuń.",
        {"suggestion": " Czy chodziło o „{}”?"},
    ),
    Code(
        "sheet-misplaced",
        _W,
        "arkusz rejestru w skoroszycie roku albo odwrotnie, pominięty",
        "Arkusz „{sheet}” należy {registry}; tutaj jest pomijany. Przenieś jego dane tam albo "
        "usuń arkusz.",
        {"registry": ("do pliku rejestr.xlsx", "do skoroszytu w folderze roku")},
    ),
    Code(
        "header-missing",
        _E,
        "żaden z pierwszych wierszy nie zawiera nagłówków",
        "Żaden z pierwszych wierszy arkusza nie zawiera znanego nagłówka, więc jego dane nie "
        "trafią do raportu. Wpisz w pierwszym wierszu nagłówki kolumn: {columns}.",
    ),
    Code(
        "title-rows-skipped",
        _W,
        "wiersze nad wierszem nagłówków (np. tytuł), pominięte",
        "Wiersz {row} („{text}”) jest nad wierszem nagłówków (wiersz {header_row}), więc go "
        "pominięto. Jeśli to dane, przenieś je pod nagłówki.",
    ),
    Code(
        "column-unknown",
        _W,
        "kolumna o nieznanym nagłówku, pominięta",
        "Nieznana kolumna „{header}”{suggestion}: jej dane nie trafią do raportu. Popraw "
        "nagłówek albo usuń kolumnę, jeśli jest niepotrzebna.",
        {"suggestion": " (może „{}”?)"},
    ),
    Code(
        "column-unnamed",
        _W,
        "kolumna z danymi bez nagłówka, pominięta",
        "Kolumna {column} nie ma nagłówka, a są w niej dane (pierwsze w wierszu {row}): nie "
        "trafią do raportu. Dopisz nagłówek albo usuń te dane.",
    ),
    Code(
        "column-ignored",
        _W,
        "dane poza kolumnami A i B arkusza Pole | Wartość, pominięte",
        "W arkuszu „{sheet}” liczą się tylko kolumny A (Pole) i B (Wartość); dane z kolumny "
        "{column} (od wiersza {row}) nie trafią do raportu. Przenieś je do kolumny B albo usuń.",
    ),
    Code(
        "column-missing",
        _E,
        "brak wymaganej kolumny",
        "Brak wymaganej kolumny „{header}”{aliases}. Dodaj ją w wierszu nagłówków (wiersz "
        "{row}) i wypełnij; bez niej żaden wiersz arkusza nie trafi do raportu.",
        {"aliases": " (albo {})"},
    ),
    Code(
        "column-duplicate",
        _E,
        "dwie kolumny na te same dane",
        "Kolumna „{header}” podaje te same dane co kolumna {other_column} („{other_header}”). "
        "Zostaw jedną z nich: usuń drugą albo zmień jej nagłówek.",
    ),
    Code(
        "field-unknown",
        _W,
        "nieznane pole w arkuszu Pole | Wartość",
        "Nieznane pole „{value}”{suggestion}: jego wartość nie trafi do raportu. Pola tego "
        "arkusza to: {fields}.",
        {"suggestion": " (może „{}”?)"},
    ),
    Code(
        "field-unnamed",
        _W,
        "wartość bez nazwy pola w arkuszu Pole | Wartość",
        "Wartość „{value}” nie ma nazwy pola w kolumnie A. Dopisz nazwę pola ({fields}) albo "
        "usuń wartość.",
    ),
    Code(
        "field-missing",
        _E,
        "brak wymaganego pola w arkuszu Pole | Wartość",
        "Brak pola „{header}”. Dopisz wiersz: w kolumnie A „{header}”, w kolumnie B jego wartość.",
    ),
    Code(
        "field-duplicate",
        _E,
        "pole podane dwa razy",
        "Pole „{name}” jest już w wierszu {first_row}. Zostaw jeden wiersz z tym polem.",
    ),
    Code(
        "metryczka-missing",
        _E,
        "żaden skoroszyt roku nie ma arkusza Metryczka",
        "Żaden skoroszyt roku {year} nie ma wypełnionego arkusza „Metryczka”. Dodaj go "
        "w jednym skoroszycie (kolumny „Pole” i „Wartość”; wymagane: „Informację "
        "wytworzył(a)” i „Data wytworzenia”).",
    ),
    # cells
    Code(
        "value-required",
        _E,
        "pusta komórka w kolumnie, która musi być wypełniona",
        "Pusta komórka w wymaganej kolumnie „{header}”{list}. Uzupełnij ją albo usuń cały "
        "wiersz, jeśli jest zbędny.",
        {"list": " listy „{}”"},
    ),
    Code(
        "field-required",
        _E,
        "puste wymagane pole w arkuszu Pole | Wartość",
        "Pole „{header}” jest wymagane, a jego wartość (kolumna B) jest pusta. Uzupełnij ją{hint}",
        {"hint": (": {}", ".")},
    ),
    Code(
        "place-required",
        _E,
        "puste i Miasto, i Kraj",
        "Puste są i „Miasto”, i „Kraj”. Wpisz kraj (dla gości z całego kraju, np. ambasadora) "
        "albo miasto partnerskie z rejestru.",
    ),
    Code(
        "formula-no-value",
        _E,
        "formuła bez zapisanej wartości",
        "Formuła „{value}” nie ma zapisanej wartości (plik zapisał program, który nie "
        "przelicza formuł). Otwórz plik w arkuszu kalkulacyjnym i zapisz go ponownie albo "
        "wpisz wartość zamiast formuły.",
    ),
    Code(
        "cell-error",
        _E,
        "komórka pokazuje błąd Excela (#N/D!, #DZIEL/0! …)",
        "Komórka pokazuje błąd „{value}”. Popraw formułę albo wpisz wartość.",
    ),
    Code(
        "date-invalid",
        _E,
        "nie data",
        "Nie rozpoznano daty „{value}”. Wpisz datę jako {or_year}{number}.",
        {
            "or_year": (
                "15.03.2025, 2025-03-15, 15 marca 2025 albo sam rok (np. 1992)",
                "15.03.2025, 2025-03-15 albo 15 marca 2025",
            ),
            "number": " (to liczba: ustaw w komórce format daty)",
        },
    ),
    Code(
        "date-nonexistent",
        _E,
        "dzień, którego nie ma w kalendarzu",
        "Dzień „{value}” nie istnieje w kalendarzu ({why}). " + _ALSO_FIX,
    ),
    Code(
        "termin-invalid",
        _E,
        "nierozpoznany termin",
        "Nie rozpoznano terminu „{value}”. Wpisz jeden dzień (15.03.2025) albo zakres: "
        "6-8.11.2025, 6–8 listopada 2025, 30.09–2.10.2025 lub 30.09.2025-2.10.2025; koniec "
        "nie może być przed początkiem.",
    ),
    Code(
        "termin-reversed",
        _E,
        "termin kończy się przed początkiem",
        "Termin „{value}” kończy się ({end}) przed początkiem ({start}). Popraw termin, np. "
        "zamień dni miejscami.",
    ),
    Code(
        "year-invalid",
        _E,
        "nie rok",
        "„{value}” nie jest rokiem. Wpisz rok czterema cyframi, np. 2004.",
    ),
    Code(
        "number-invalid",
        _E,
        "nie liczba całkowita",
        "„{value}” nie jest liczbą całkowitą. Wpisz samą liczbę, np. 12.",
    ),
    Code(
        "number-negative",
        _E,
        "liczba lub kwota ujemna",
        "Wartość „{value}” jest ujemna. Wpisz liczbę albo kwotę nie mniejszą niż 0.",
    ),
    Code(
        "number-too-large",
        _E,
        "liczba lub kwota ponad granicę, której raport nie przedstawi",
        "Wartość „{value}” jest za duża: {what} musi być mniejsza niż {limit}. Sprawdź, "
        "czy nie wpisano za dużo cyfr.",
    ),
    Code(
        "amount-invalid",
        _E,
        "nie kwota",
        "Nie rozpoznano kwoty „{value}”{word}. Wpisz liczbę, np. 12 500,50, 12 500,50 zł "
        "albo 12,5 tys. zł: po kwocie „zł” albo kod waluty ISO (np. EUR, USD), tysiące "
        "i miliony jako „tys.” albo „mln”.",
        {"word": ": słowo „{}” nie jest walutą"},
    ),
    Code(
        "currency-invalid",
        _E,
        "nie kod waluty",
        "„{value}” nie jest kodem waluty. Wpisz trzyliterowy kod ISO 4217, np. PLN, EUR albo "
        "CHF (puste = PLN).",
    ),
    Code(
        "currency-mismatch",
        _E,
        "waluta przy kwocie inna niż w kolumnie Waluta",
        "Kwota jest w {value}, a waluta {currency_column} to {expected}. Popraw walutę przy "
        "kwocie albo w kolumnie „Waluta” (jedna waluta na wiersz).",
        {"currency_column": ("w kolumnie „Waluta”", "dla tej kolumny (złote)")},
    ),
    Code(
        "choice-invalid",
        _E,
        "wartość spoza listy",
        "„{value}” nie jest wartością z listy. Wybierz jedną z: {choices}.",
    ),
    Code(
        "country-unknown",
        _E,
        "nierozpoznany kraj",
        "Nie rozpoznano kraju „{value}”. Wpisz polską nazwę kraju (np. Niemcy) albo jego kod "
        "ISO (np. DE).",
    ),
    Code(
        "licence-unknown",
        _E,
        "nieznana licencja danych",
        "„{value}” nie jest licencją, którą pakiet danych umie nazwać. Wpisz jej identyfikator "
        "({known}) albo adres jej tekstu (https://…); bez licencji zostaw pole puste.",
    ),
    Code(
        "plan-term-invalid",
        _E,
        "termin planu nie jest datą, miesiącem ani rokiem",
        "Nie rozpoznano terminu „{value}”. Wpisz datę (15.03.2026), miesiąc (marzec 2026 albo "
        "03.2026) albo sam rok (2026).",
    ),
    # records
    Code(
        "date-range-reversed",
        _E,
        "data końcowa przed początkową",
        "Wartość w kolumnie „{header}” ({value}) jest wcześniejsza niż w kolumnie "
        "„{start_header}” ({start}). Popraw jedną z dat.",
    ),
    Code(
        "date-outside-year",
        _E,
        "data poza rokiem raportu",
        "Data „{value}” jest poza rokiem {year}. Popraw datę albo przenieś wiersz do "
        "skoroszytu roku {first_year}{last_year}.",
        {"last_year": " albo {}"},
    ),
    Code(
        "project-outside-year",
        _W,
        "projekt nie trwał w roku raportu, pominięty",
        "Projekt{name} trwał od {start}{end}, czyli nie w roku {year}, więc nie trafi do "
        "raportu za {year} r. Jeśli daty są dobre, przenieś wiersz do skoroszytu właściwego "
        "roku.",
        {"name": " „{}”", "end": " do {}"},
    ),
    Code(
        "plan-outside-year",
        _E,
        "termin planu poza rokiem następnym po roku raportu",
        "Termin w roku {value} jest poza rokiem {next_year}: plan w skoroszycie roku {year} "
        "dotyczy roku {next_year}. Popraw termin albo przenieś wiersz do arkusza „Plan” "
        "w skoroszycie roku {target_year}.",
    ),
    *(Code(c.name, _E if c.error else _W, *c[2:]) for c in PLAN_STATUS_CODES),
    Code(
        "record-duplicate",
        _W,
        "ten sam wpis dwa razy; w raporcie jeden",
        "Ten sam wpis jest dwa razy: {first} oraz {second}. W raporcie będzie raz; usuń jeden "
        "z nich, by uniknąć tego ostrzeżenia.",
    ),
    Code(
        "record-conflict",
        _E,
        "dwa wpisy o tym samym kluczu różnią się",
        "Wpisy {first} oraz {second} mają ten sam klucz ({key}), ale różnią się: {fields}. "
        "Jeśli to ten sam wpis, popraw go tak, by oba były zgodne, albo usuń jeden z nich; "
        "jeśli to dwa różne wpisy, zmień w jednym z nich pola klucza.",
    ),
    Code(
        "sheet-duplicate",
        _W,
        "arkusz Pole | Wartość w dwóch skoroszytach, zgodny",
        "Arkusz „{kind}” jest w dwóch miejscach: {first} oraz {second}; są zgodne, więc to nie "
        "przeszkadza. Aby uniknąć tego ostrzeżenia, zostaw go w jednym skoroszycie "
        "(w pozostałych usuń arkusz albo wyczyść kolumnę Wartość).",
    ),
    Code(
        "sheet-conflict",
        _E,
        "arkusz Pole | Wartość w dwóch skoroszytach, z różnymi wartościami",
        "Arkusz „{kind}” jest w dwóch miejscach i pole „{header}” ma różne wartości: "
        "„{earlier}” ({first}) oraz „{value}” ({second}).{others} Może być tylko jeden arkusz "
        "„{kind}” na rok: zostaw wartość w jednym skoroszycie (w pozostałych wyczyść ją albo "
        "usuń arkusz).",
        {"others": " Różnią się też: {}."},
    ),
    Code(
        "country-domestic",
        _E,
        "miejsce w Polsce w arkuszu wizyt albo wyjazdów zagranicznych",
        "„{value}” leży w Polsce, a arkusz „{kind}” zbiera tylko {visits}: raport obejmuje "
        "tylko kontakty zagraniczne. Usuń ten wiersz albo popraw miasto i kraj.",
        {"visits": ("wizyty zagranicznych gości", "wyjazdy za granicę")},
    ),
    # the previous year
    Code(
        "previous-year-errors",
        _W,
        "rok poprzedni ma błędy; raport bez porównania z nim",
        "Dane roku {earlier} (folder „{earlier}”) mają błędy, więc raport za {year} nie "
        "porówna liczb z poprzednim rokiem. Uruchom „raport check {earlier}” i popraw "
        "wskazane błędy.",
    ),
    Code(
        "earlier-year-errors",
        _W,
        "wcześniejszy rok ma błędy; pominięty w zestawieniu lat",
        "Dane roku {earlier} (folder „{earlier}”) mają błędy, więc raport za {year} pominie "
        "ten rok w zestawieniu lat i w ocenie, od kiedy partnerzy nie mają wspólnych działań. "
        "Uruchom „raport check {earlier}” i popraw wskazane błędy.",
    ),
)
