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
        """Polish location text, e.g. „arkusz „Wizyty”, wiersz 5, kolumna C (Data od)”."""
        parts = []
        if self.sheet:
            parts.append(f"arkusz „{self.sheet}”")
        if self.row is not None:
            parts.append(f"wiersz {self.row}")
        if self.column:
            parts.append(
                f"kolumna {self.column} ({self.header})" if self.header else f"kolumna {self.column}"
            )
        return ", ".join(parts)

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
