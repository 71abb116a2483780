"""The cell Realizacja of the sheet „Realizacja planu”: the officer's status of a planned action.

Accepted (case, spaces and a final full stop aside): „zrealizowano”,
„zrealizowano częściowo” (or „częściowo zrealizowano”), „nie zrealizowano”,
„przeniesiono na rok 2026” (also „przeniesiono na 2026 r.”) and, without the
year, „przeniesiono na następny rok” or „przeniesiono”. The year a move names is
kept, so that the row rule can hold it against the report year
(:mod:`reports.inputs.rules`).

>>> read_status("Zrealizowano  częściowo.")
StatusCell(status=<PlanStatus.PARTLY: 'zrealizowano częściowo'>, year=None)
>>> read_status("przeniesiono na rok 2026").year, read_status("przeniesiono na 2026 r.").year
(2026, 2026)
>>> read_status("przeniesiono na następny rok").status.label(2025)
'przeniesiono na rok 2026'
>>> read_status("w toku") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports.domain.model import PlanStatus
from reports.polish.text import normalize_text


@dataclass(frozen=True)
class StatusCell:
    """A status as read: the status, and the year a move names (None: not named)."""

    status: PlanStatus
    year: int | None = None


_WORDS = {
    "zrealizowano": PlanStatus.DONE,
    "zrealizowano częściowo": PlanStatus.PARTLY,
    "częściowo zrealizowano": PlanStatus.PARTLY,
    "nie zrealizowano": PlanStatus.NOT_DONE,
}
_MOVED = re.compile(
    r"przeniesiono(?: na (?:(?:rok )?(?P<year>\d{4})(?: ?r\.?| roku)?"
    r"|(?:następny|kolejny) rok|rok (?:następny|kolejny)))?"
)


def read_status(text: str) -> StatusCell | None:
    """The status a cell's text states, or None when it states none of the list."""
    words = normalize_text(text).casefold()
    if words.endswith(".") and not words.endswith("r."):
        words = words[:-1].rstrip()
    if words in _WORDS:
        return StatusCell(_WORDS[words])
    moved = _MOVED.fullmatch(words)
    if moved is None:
        return None
    year = moved.group("year")
    return StatusCell(PlanStatus.MOVED, int(year) if year else None)
