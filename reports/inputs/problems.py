"""Problems as data: every mistake in the inputs is a record, never an exception.

Shaped after frictionless-py's error records and reports: a stable kebab-case
code, a severity, where it is (file, sheet, Excel row, column letter and header),
the offending value and a Polish message that says what to do. The message is
never written where a problem is found: each :class:`~reports.inputs.codes.Code`
carries one template with named fields, and :func:`problem` fills it from the
code and its fields.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from reports.inputs.codes import CODES, PLACE_FIELDS, Code, Severity

__all__ = ["CODES", "PLACE_FIELDS", "Code", "Problem", "Severity", "problem", "sort_key"]


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


def problem(
    code: str,
    *,
    file: str | None = None,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    header: str | None = None,
    value: str | None = None,
    **fields: Any,
) -> Problem:
    """A :class:`Problem` of ``code``: its severity and message come from :data:`CODES`.

    The place (``file`` … ``value``) and ``fields`` fill the code's template.

    >>> p = problem("column-unknown", sheet="Wizyty", row=1, column="K", header="Uwagi",
    ...             suggestion=None)
    >>> p.severity, p.message[:26]
    (<Severity.WARNING: 'ostrzeżenie'>, 'Nieznana kolumna „Uwagi”: ')
    """
    place = {
        "file": file,
        "sheet": sheet,
        "row": row,
        "column": column,
        "header": header,
        "value": value,
    }
    spec = CODES[code]
    message = spec.message({**place, **fields})
    return Problem(code, spec.severity, message, file, sheet, row, column, header, value)


def _column_order(letter: str | None) -> tuple[int, str]:
    return (len(letter), letter) if letter else (0, "")


def sort_key(p: Problem) -> tuple[str, str, int, tuple[int, str]]:
    """Order problems by file, sheet, row and column (the order a person reads them)."""
    return (p.file or "", p.sheet or "", p.row or 0, _column_order(p.column))
