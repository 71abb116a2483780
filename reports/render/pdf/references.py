"""References in serialised PDF objects: found and renumbered with one regular expression.

A piece's objects travel as the bytes pydyf wrote (:mod:`reports.render.pdf.serialise`);
joining them means giving every object a new number and every ``/StructParent(s)``
key a new value. :data:`TOKENS` matches, left to right, what must be skipped
(literal and hexadecimal strings, whose text may look like a reference) and what
must be rewritten (``/StructParent(s) k`` and ``n 0 R``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A literal string, a hex string, a /StructParent(s) key, or an indirect reference.
TOKENS = re.compile(
    rb"(\((?:\\.|[^\\)])*\))|(<[0-9A-Fa-f\s]*>)|/(StructParents?) (\d+)|(?<![\w.])(\d+) 0 R(?!\w)"
)


def references(data: bytes) -> Iterator[int]:
    """The numbers of the objects ``data`` refers to, in order (strings skipped).

    >>> list(references(b"<</P 3 0 R /T (4 0 R) /K [5 0 R]>>"))
    [3, 5]
    """
    for match in TOKENS.finditer(data):
        if match[5] is not None:
            yield int(match[5])


def renumber(data: bytes, numbers: dict[int, int] | int, keys: int | None = None) -> bytes:
    """``data`` with its references renumbered — by a mapping, or shifted by an offset
    — and, when ``keys`` is given, its ``/StructParent(s)`` keys shifted by it.

    >>> renumber(b"<</P 3 0 R /StructParents 2 /T (3 0 R)>>", 10, 5)
    b'<</P 13 0 R /StructParents 7 /T (3 0 R)>>'
    """
    if isinstance(numbers, int):
        shift = numbers

        def reference(number: int) -> int:
            return number + shift

    else:
        table = numbers

        def reference(number: int) -> int:
            return table[number]

    def replace(match: re.Match[bytes]) -> bytes:
        if match[5] is not None:
            return b"%d 0 R" % reference(int(match[5]))
        if match[3] is not None and keys is not None:
            return b"/%s %d" % (match[3], int(match[4]) + keys)
        return match[0]

    return TOKENS.sub(replace, data)


def place(blob: bytes, count: int, shift: int, specials: dict[int, int], keys: int) -> bytes:
    """A piece's objects (numbered 1…``count``) placed in the joined file: their numbers
    shifted by ``shift``, numbers above ``count`` replaced by ``specials`` (the join's
    own objects), ``/StructParent(s)`` keys shifted by ``keys``."""
    return TOKENS.sub(_Rewriter(count, shift, specials, keys), blob)


class _Rewriter:
    """The substitution that places a piece's blob: its own numbers shifted, the
    join's objects by their numbers, keys shifted."""

    def __init__(self, count: int, shift: int, specials: dict[int, int], keys: int) -> None:
        self.count = count
        self.shift = shift
        self.specials = specials
        self.keys = keys

    def __call__(self, match: re.Match[bytes]) -> bytes:
        if match[5] is not None:
            number = int(match[5])
            if number > self.count:
                return b"%d 0 R" % self.specials[number]
            return b"%d 0 R" % (number + self.shift)
        if match[3] is not None:
            return b"/%s %d" % (match[3], int(match[4]) + self.keys)
        return match[0]
