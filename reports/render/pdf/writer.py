"""The joined PDF file written: numbered objects, object streams, a cross-reference stream.

Objects that are not streams are packed into compressed object streams as soon as a
run of them is final (:meth:`Writer.pack`), so the joining process holds compressed
bytes only. The second half of the file identifier is a hash of what was written,
so the bytes depend on the content alone.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Sequence, Set

COMPRESSION = 6  # zlib level of every stream the join writes
_OBJECTS_PER_STREAM = 4000


class Writer:
    """The numbered objects of the joined file.

    Dictionaries and other values are packed into compressed object streams as soon
    as a run of them is final (:meth:`pack`), so that the joining process keeps only
    compressed bytes; streams keep their data apart until the file is written.
    """

    def __init__(self) -> None:
        self.objects: list[tuple[bytes, bytes | None] | None] = []
        self.packed: dict[int, tuple[int, int]] = {}  # number → (object stream, index)

    def reserve(self, count: int = 1) -> int:
        first = len(self.objects) + 1
        self.objects.extend([(b"null", None)] * count)
        return first

    def set(self, number: int, data: bytes, stream: bytes | None = None) -> None:
        self.objects[number - 1] = (data, stream)

    def pack(
        self, first: int, last: int, *, skip: Set[int] = frozenset(), extra: Sequence[int] = ()
    ) -> None:
        """Pack the objects ``extra`` and ``first``…``last`` that are not streams into
        object streams, short of those in ``skip`` (not final yet)."""
        objects, packed = self.objects, self.packed
        members = [n for n in extra if n not in packed]
        for number in range(first, last + 1):
            entry = objects[number - 1]
            if entry is not None and entry[1] is None and number not in packed:
                members.append(number)
        if skip:
            members = [n for n in members if n not in skip]
        for start in range(0, len(members), _OBJECTS_PER_STREAM):
            group = members[start : start + _OBJECTS_PER_STREAM]
            header, body = [], []
            position = 0
            stream = self.reserve()
            for index, member in enumerate(group):
                entry = self.objects[member - 1]
                assert entry is not None
                header.append(b"%d %d" % (member, position))
                body.append(entry[0])
                position += len(entry[0]) + 1
                self.packed[member] = (stream, index)
                self.objects[member - 1] = None
            head = b" ".join(header) + b"\n"
            content = zlib.compress(head + b"\n".join(body), COMPRESSION)
            self.set(
                stream,
                b"<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>"
                % (len(group), len(head), len(content)),
                content,
            )

    def write(self, root: int, info: int, identifier: bytes) -> bytes:
        """The whole file: header, streams, object streams, cross-reference stream."""
        self.pack(1, len(self.objects))
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n")
        offsets: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
        for number, entry in enumerate(self.objects, start=1):
            if entry is None:
                continue
            data, payload = entry
            offsets[number] = (1, out.tell(), 0)
            out.write(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, data, payload))
        for number, (container, index) in self.packed.items():
            offsets[number] = (2, container, index)
        xref_number = len(self.objects) + 1
        size = xref_number + 1
        xref_offset = out.tell()
        offsets[xref_number] = (1, xref_offset, 0)
        widths = (1, max(4, (xref_offset.bit_length() + 7) // 8), 2)
        rows = b"".join(
            b"".join(
                value.to_bytes(width, "big")
                for value, width in zip(offsets.get(n, (0, 0, 0)), widths, strict=True)
            )
            for n in range(size)
        )
        rows = zlib.compress(rows, COMPRESSION)
        # the second part of the file identifier: a hash of everything written before
        second = hashlib.md5(out.getbuffer(), usedforsecurity=False).hexdigest().encode()
        trailer = b"<</Type /XRef /Size %d /W [%d %d %d] /Root %d 0 R /Info %d 0 R" % (
            size,
            *widths,
            root,
            info,
        )
        trailer += b" /ID [%s %s] /Filter /FlateDecode /Length %d>>" % (
            _string_ascii(identifier),
            _string_ascii(second),
            len(rows),
        )
        out.write(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (xref_number, trailer, rows))
        out.write(b"startxref\n%d\n%%%%EOF\n" % xref_offset)
        return out.getvalue()


def _string_ascii(value: bytes) -> bytes:
    return b"(" + re.sub(rb"([\\()])", rb"\\\1", value) + b")"
