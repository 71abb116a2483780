"""Problems as data: every mistake in the inputs is a record, never an exception.

Shaped after frictionless-py's error records and reports: a stable kebab-case
code, a severity, where it is (file, sheet, Excel row, column letter and header),
the offending value and a Polish message that says what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "błąd"
    WARNING = "ostrzeżenie"


@dataclass(frozen=True)
class Problem:
    """One problem found in the inputs."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # Excel letter, e.g. "C"
    header: str | None = None
    value: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def where(self) -> str:
        """Where the problem is, in Polish (the terminal table and messages use it).

        >>> Problem("x", Severity.ERROR, "", sheet="Wizyty", row=5, column="C",
        ...         header="Data od").where()
        'arkusz „Wizyty”, wiersz 5, kolumna C („Data od”)'
        >>> Problem("x", Severity.ERROR, "").where()
        'cały plik'
        """
        parts = []
        if self.sheet:
            parts.append(f"arkusz „{self.sheet}”")
        if self.row is not None:
            parts.append(f"wiersz {self.row}")
        if self.column:
            header = f" („{self.header}”)" if self.header else ""
            parts.append(f"kolumna {self.column}{header}")
        elif self.header:
            parts.append(f"kolumna „{self.header}”")
        return ", ".join(parts) or "cały plik"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


@dataclass
class Tally:
    """Reconciliation of one sheet kind: read = kept + duplicates + rejected."""

    read: int = 0
    kept: int = 0
    duplicates: int = 0
    rejected: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.kept + self.duplicates + self.rejected


@dataclass
class Problems:
    """A growing list of problems; collecting never stops at the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Code:
    """A problem code: its severity (fixed per code) and what it means."""

    name: str
    severity: Severity
    meaning: str


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.name: c for c in codes}


_E, _W = Severity.ERROR, Severity.WARNING

#: Every problem code the checker can report: the one list the tests walk.
CODES: dict[str, Code] = _codes(
    # files and folders
    Code("registry-missing", _E, "brak pliku inputs/rejestr.xlsx"),
    Code("year-folder-missing", _E, "brak folderu roku w inputs/"),
    Code("file-unreadable", _E, "plik uszkodzony, pusty albo nie jest skoroszytem .xlsx"),
    Code("file-encrypted", _E, "skoroszyt chroniony hasłem"),
    Code("file-wrong-format", _E, "plik .xls albo .ods z rozszerzeniem .xlsx"),
    Code("file-skipped", _W, "plik lub folder, który nie jest skoroszytem .xlsx, pominięty"),
    Code("lock-file-skipped", _W, "plik blokady ~$….xlsx pominięty"),
    # sheets and headers
    Code("sheet-missing", _E, "brak wymaganego arkusza"),
    Code("sheet-unknown", _W, "arkusz o nieznanej nazwie, pominięty"),
    Code("sheet-misplaced", _W, "arkusz rejestru w skoroszycie roku albo odwrotnie, pominięty"),
    Code("header-missing", _E, "żaden z pierwszych wierszy nie zawiera nagłówków"),
    Code("title-rows-skipped", _W, "wiersze nad wierszem nagłówków (np. tytuł), pominięte"),
    Code("column-unknown", _W, "kolumna o nieznanym nagłówku (albo bez nagłówka), pominięta"),
    Code("column-missing", _E, "brak wymaganej kolumny"),
    Code("column-duplicate", _E, "dwie kolumny na te same dane"),
    Code("field-unknown", _W, "nieznane pole w arkuszu Pole | Wartość"),
    Code("field-missing", _E, "brak wymaganego pola w arkuszu Pole | Wartość"),
    Code("field-duplicate", _E, "pole podane dwa razy"),
    Code("metryczka-missing", _E, "żaden skoroszyt roku nie ma arkusza Metryczka"),
    # cells
    Code("value-required", _E, "pusta komórka, która musi być wypełniona"),
    Code("formula-no-value", _E, "formuła bez zapisanej wartości"),
    Code("cell-error", _E, "komórka pokazuje błąd Excela (#N/D!, #DZIEL/0! …)"),
    Code("date-invalid", _E, "nie data"),
    Code("termin-invalid", _E, "nierozpoznany termin"),
    Code("year-invalid", _E, "nie rok"),
    Code("number-invalid", _E, "nie liczba całkowita"),
    Code("number-negative", _E, "liczba lub kwota ujemna"),
    Code("amount-invalid", _E, "nie kwota"),
    Code("currency-invalid", _E, "nie kod waluty"),
    Code("currency-mismatch", _E, "waluta przy kwocie inna niż w kolumnie Waluta"),
    Code("choice-invalid", _E, "wartość spoza listy"),
    Code("country-unknown", _E, "nierozpoznany kraj"),
    Code("resolution-invalid", _E, "numer uchwały nie w postaci XXXI/207/04"),
    Code("plan-term-invalid", _E, "termin planu nie jest datą, miesiącem ani rokiem"),
    # records
    Code("date-range-reversed", _E, "data końcowa przed początkową"),
    Code("date-outside-year", _E, "data poza rokiem raportu"),
    Code("project-outside-year", _W, "projekt nie trwał w roku raportu, pominięty"),
    Code("plan-outside-year", _E, "termin planu poza rokiem następnym po roku raportu"),
    Code("partner-status-conflict", _E, "status współpracy niezgodny z datą zakończenia"),
    Code("city-unknown", _E, "miasto spoza rejestru bez podanego kraju"),
    Code("country-mismatch", _E, "kraj inny niż w rejestrze dla miasta partnerskiego"),
    Code("record-duplicate", _W, "ten sam wpis dwa razy; w raporcie jeden"),
    Code("record-conflict", _E, "dwa wpisy o tym samym kluczu różnią się"),
    Code("country-domestic", _E, "miejsce w Polsce w arkuszu wizyt albo wyjazdów zagranicznych"),
    # the previous year
    Code("previous-year-errors", _W, "rok poprzedni ma błędy; raport bez porównania z nim"),
    Code("earlier-year-errors", _W, "wcześniejszy rok ma błędy; pominięty w zestawieniu lat"),
)


def problem(
    code: str,
    message: str,
    *,
    file: str | None = None,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    header: str | None = None,
    value: str | None = None,
) -> Problem:
    """A :class:`Problem` with the severity registered for ``code`` in :data:`CODES`.

    >>> problem("column-unknown", "…", sheet="Wizyty").severity
    <Severity.WARNING: 'ostrzeżenie'>
    """
    return Problem(
        code,
        CODES[code].severity,
        message,
        file=file,
        sheet=sheet,
        row=row,
        column=column,
        header=header,
        value=value,
    )


def _column_order(letter: str | None) -> tuple[int, str]:
    return (len(letter), letter) if letter else (0, "")


def sort_key(p: Problem) -> tuple[str, str, int, tuple[int, str]]:
    """Order problems by file, sheet, row and column (the order a person reads them)."""
    return (p.file or "", p.sheet or "", p.row or 0, _column_order(p.column))
