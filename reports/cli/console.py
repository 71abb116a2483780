"""Problems and the reconciliation as text for the terminal, in Polish.

Shared by ``raport check`` and ``raport build``: problems grouped by file, each
with its place (arkusz, wiersz, kolumna) and the message wrapped under it;
then the table of rows read, kept, merged and rejected per sheet.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby

from reports.domain.model import SheetTally
from reports.inputs.problems import Problem
from reports.polish.plurals import count

_INDENT = "    "
_NO_FILE = "(bez pliku)"


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _counts(problems: Sequence[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(count(errors, "błąd"))
    if warnings:
        parts.append(count(warnings, "ostrzeżenie"))
    return ", ".join(parts)


def format_problems(problems: Iterable[Problem], width: int | None = None) -> str:
    """Problems grouped by file (in the order given), one block per problem.

    >>> from reports.inputs.problems import problem
    >>> print(format_problems([problem("column-unknown",
    ...     file="2025/a.xlsx", sheet="Wizyty", row=1, column="K", header="X")], width=80))
    2025/a.xlsx — 1 ostrzeżenie
      ostrzeżenie  arkusz „Wizyty”, wiersz 1, kolumna K („X”)  [column-unknown]
        Nieznana kolumna „X”: jej dane nie trafią do raportu. Popraw nagłówek albo
        usuń kolumnę, jeśli jest niepotrzebna.
    """
    width = width or _width()
    blocks = []
    items = list(problems)
    for file, group in groupby(items, key=lambda p: p.file or _NO_FILE):
        in_file = list(group)
        lines = [f"{file} — {_counts(in_file)}".replace("\xa0", " ")]
        severity_width = max(len(str(p.severity)) for p in in_file)
        for p in in_file:
            lines.append(f"  {p.severity!s:<{severity_width}}  {p.where()}  [{p.code}]")
            lines.extend(
                textwrap.wrap(
                    p.message,
                    width=width,
                    initial_indent=_INDENT,
                    subsequent_indent=_INDENT,
                    break_on_hyphens=False,
                )
            )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


_TALLY_HEADERS = ("Arkusz", "Wczytane", "Przyjęte", "Duplikaty", "Odrzucone")


def format_tallies(tallies: Mapping[str, SheetTally]) -> str:
    """The reconciliation table: read = kept + duplicates + rejected, per sheet kind.

    >>> print(format_tallies({"Wizyty": SheetTally("Wizyty", read=3, kept=2, duplicates=1)}))
    Arkusz  Wczytane  Przyjęte  Duplikaty  Odrzucone
    Wizyty         3         2          1          0
    Razem          3         2          1          0
    """
    rows = [
        (name, t.read, t.kept, t.duplicates, t.rejected) + (("!",) if not t.balanced else ())
        for name, t in tallies.items()
    ]
    total = SheetTally(
        "Razem",
        read=sum(t.read for t in tallies.values()),
        kept=sum(t.kept for t in tallies.values()),
        duplicates=sum(t.duplicates for t in tallies.values()),
        rejected=sum(t.rejected for t in tallies.values()),
    )
    rows.append(("Razem", total.read, total.kept, total.duplicates, total.rejected))
    first = max(len(_TALLY_HEADERS[0]), *(len(str(r[0])) for r in rows))
    widths = [first, *(len(h) for h in _TALLY_HEADERS[1:])]
    lines = [
        "  ".join(
            h.ljust(w) if i == 0 else h
            for i, (h, w) in enumerate(zip(_TALLY_HEADERS, widths, strict=True))
        )
    ]
    for r in rows:
        cells = [str(r[0]).ljust(first)] + [
            str(v).rjust(w) for v, w in zip(r[1:5], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells) + (" (liczby się nie zgadzają!)" if len(r) > 5 else ""))
    return "\n".join(line.rstrip() for line in lines)


def format_summary(year: int, problems: Sequence[Problem]) -> str:
    """One closing line: clean, or how many errors and warnings and what to do."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors:
        text = (
            f"Rok {year}: {count(errors, 'błąd')}"
            + (f" i {count(warnings, 'ostrzeżenie')}" if warnings else "")
            + f". Popraw błędy i sprawdź ponownie: raport check {year}"
        )
    elif warnings:
        text = f"Rok {year}: bez błędów, {count(warnings, 'ostrzeżenie')}. Dane są gotowe."
    else:
        text = f"Rok {year}: bez błędów i ostrzeżeń. Dane są gotowe."
    return text.replace("\xa0", " ")


def format_check(year: int, problems: Sequence[Problem], tallies: Mapping[str, SheetTally]) -> str:
    """The whole report of a check: problems, the reconciliation, the summary line."""
    parts = []
    if problems:
        parts.append(format_problems(problems))
    parts.append(
        "Uzgodnienie wierszy (wczytane = przyjęte + duplikaty + odrzucone):\n"
        + format_tallies(tallies)
    )
    parts.append(format_summary(year, problems))
    return "\n\n".join(parts)
