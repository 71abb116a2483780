"""Joining words into a Polish list: „Hamm, La Louvière i Hautmont”."""

from __future__ import annotations

from collections.abc import Sequence


def join_list(items: Sequence[str], *, conjunction: str = "i") -> str:
    """Join items with commas and a conjunction before the last one.

    Polish puts no comma before „i”, „oraz”, „lub”, „albo” (the same as
    Babel's ``format_list(..., locale="pl")`` for „i”).

    >>> join_list(["Hamm", "La Louvière", "Hautmont"])
    'Hamm, La Louvière i Hautmont'
    >>> join_list(["Hamm", "Preston"], conjunction="oraz")
    'Hamm oraz Preston'
    >>> join_list(["Hamm"]), join_list([])
    ('Hamm', '')
    """
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
