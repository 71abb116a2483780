"""Text stays text in every workbook raport writes.

openpyxl takes any text that starts with ``=`` for a formula, so a value copied from
an officer's workbook — ``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0`` — would become a live
formula in the copy. :func:`keep_text` marks such cells as text (``data_type = "s"``):
they are saved as strings, shown as typed and never evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def keep_text(cells: Iterable[Any]) -> None:
    """Make every cell of ``cells`` whose value is text a text cell (never a formula).

    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> ws.append(["=HYPERLINK(\\"http://x\\")", 5])
    >>> ws["A1"].data_type
    'f'
    >>> keep_text(ws[1])
    >>> ws["A1"].data_type, ws["A1"].value, ws["B1"].data_type
    ('s', '=HYPERLINK("http://x")', 'n')
    """
    for cell in cells:
        if isinstance(cell.value, str) and cell.data_type != "s":
            cell.data_type = "s"


def keep_all_text(sheets: Iterable[Any]) -> None:
    """:func:`keep_text` for every cell of ``sheets`` (a workbook raport makes itself)."""
    for sheet in sheets:
        for row in sheet.iter_rows():
            keep_text(row)
