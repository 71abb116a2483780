"""A long report rendered in pieces, in parallel, and joined into one tagged PDF.

WeasyPrint lays a document out in one process, with every page in memory until
the file is written. A report is therefore rendered in pieces
(:mod:`reports.render.pdf.pieces` decides where to cut): each *content piece* is
laid out and written on its own — in a pool of worker processes when one is
given — and its PDF objects come back serialised and renumbered from 1, with what
the join needs to know about them (:func:`serialise`, in the worker). The *front
matter* (title page and table of contents) is rendered when the page of every
heading is known. A :class:`Joiner` takes the pieces in order, as they come, and
writes one PDF:

* every piece's objects shifted to numbers of their own (references rewritten
  outside strings); objects nothing reaches (WeasyPrint's outline, the tags it
  makes for margin boxes) are left out by the worker;
* one page tree, the front matter's pages first; one structure tree whose
  ``/Document`` holds every piece's top-level elements in reading order
  (WeasyPrint tags every page on its own, so this is the tree one render would
  give) with one parent tree — each piece's ``/StructParents`` keys shifted past
  those of the pieces joined before it;
* one outline built from all the headings (levels carry across pieces) and named
  destinations of every anchor, so the table of contents' links reach the pages
  of other pieces;
* the front matter's ``/Lang``, ``/MarkInfo``, ``/ViewerPreferences``, XMP
  metadata and document information;
* every embedded font subset with a tag of its own (the pieces subset the same
  font differently);
* the running footer „strona X z Y” drawn on every page, by
  :mod:`reports.render.pdf.footer`, into a slot the worker leaves after each
  page's content;
* dictionaries packed into compressed object streams as each piece is joined, so
  the joining process holds compressed bytes only; a cross-reference stream.

Everything depends on the document only, never on which process rendered what
or when, so the bytes are reproducible.
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import re
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reports.render.assets import templates_dir
from reports.render.pdf.footer import (
    COMPRESSION,
    FOOTER_FONT,
    FOOTER_OBJECTS,
    SCALE,
    FooterFont,
    FooterStyle,
    footer_font,
    footer_font_file,
    footer_objects,
    footer_stream,
    footer_style,
    number_text,
    pydyf_module,
)

if TYPE_CHECKING:
    from reports.cache import Cache

_LOG = logging.getLogger(__name__)
_OBJECTS_PER_STREAM = 4000


@dataclass
class Piece:
    """One rendered piece: its objects, serialised and numbered on their own, and what
    the join needs to know about them.

    The piece's objects are numbered 1…``count`` in ``blob`` (their serialised
    values, separated by :data:`SEPARATOR`; ``streams`` holds the data of those that
    are streams). Numbers above ``count`` stand for objects of the joined file:
    ``count + 1`` the page tree, ``count + 2`` the structure tree's ``/Document``,
    ``count + 3`` the footer font. ``/StructParents`` keys are the piece's own
    (0…``keys - 1``: its pages, then its link annotations).
    """

    pages: int
    count: int
    blob: bytes
    streams: list[bytes | None]
    keys: int
    page_objects: list[int]
    footer_slots: list[int]  # per page, an empty stream the join fills with the footer
    top_elements: list[int]
    parent_tree: list[list[int]]  # per page: the element of every marked-content id
    annotations: list[int]  # the element of each link annotation (keys pages, pages + 1, …)
    anchors: list[tuple[str, int, float, float]]  # (name, page, x, y) in PDF points
    bookmarks: list[tuple[int, int, str, float, float, str]]  # page, level, label, x, y, state
    fonts_used: tuple[str, ...]
    catalog: dict[str, bytes] = field(default_factory=dict)
    info: dict[str, bytes] = field(default_factory=dict)
    footer: FooterStyle | None = None


#: Between the objects of a piece's blob: 0xFF never occurs in what pydyf serialises
#: (ASCII text, names escaped, strings as ASCII literals or hexadecimal).
SEPARATOR = b"\n\xff\n"
_PAGES, _DOCUMENT, _FONT = 1, 2, 3  # numbers above a piece's count, see Piece


@contextmanager
def quiet_collector() -> Iterator[None]:
    """No cyclic garbage collection while WeasyPrint works: it allocates millions of
    objects, and every full collection walks all of them (a fifth of the layout
    time). What is garbage is collected once, at the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ---------------------------------------------------------------------------
# Serialising a piece (runs where the piece was rendered)
# ---------------------------------------------------------------------------

_REFERENCE = re.compile(rb"(\d+) 0 R")


def _number(reference: Any) -> int:
    """The object number of a pydyf reference (``b"12 0 R"``)."""
    text = reference if isinstance(reference, bytes) else str(reference).encode()
    match = _REFERENCE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a reference: {reference!r}")
    return int(match[1])


def _stream_bytes(stream: Any, pydyf: Any) -> tuple[bytes, bytes]:
    data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    extra = pydyf.Dictionary(stream.extra.copy())
    if stream.compress:
        extra["Filter"] = "/FlateDecode"
        data = zlib.compress(data, COMPRESSION)
    extra["Length"] = len(data)
    return extra.data, data


def _rename_subset_tags(pdf: Any, piece: int, pydyf: Any) -> None:
    """Give the piece's font subsets tags of their own (``ABCDEF+`` → another six
    letters derived from it and the piece), as subsets that differ must not share one."""
    renamed: dict[bytes, bytes] = {}

    def retag(name: Any) -> Any:
        text = name if isinstance(name, bytes) else str(name).encode()
        match = re.fullmatch(rb"/([A-Z]{6})\+(.*)", text)
        if match is None:
            return name
        tag = match[1]
        if tag not in renamed:
            digest = hashlib.sha256(tag + b"/" + str(piece).encode()).digest()
            renamed[tag] = bytes(65 + b % 26 for b in digest[:6])
        return b"/" + renamed[tag] + b"+" + match[2]

    for item in pdf.objects:
        if isinstance(item, pydyf.Dictionary):
            for key in ("BaseFont", "FontName"):
                if key in item:
                    item[key] = retag(item[key])


def serialise(
    laid_out: Any,
    pdf: Any,
    *,
    piece: int,
    front: bool,
    anchors: list[tuple[str, int, float, float]],
    bookmarks: list[tuple[int, int, str, float, float, str]],
    fonts_used: tuple[str, ...],
    footer: FooterStyle | None,
) -> Piece:
    """The piece's PDF objects, serialised and renumbered (see :class:`Piece`), with a
    footer slot after every page's content. A WeasyPrint finisher calls this just
    before the file would be written; it runs in the worker that rendered the piece."""
    pydyf = pydyf_module()
    _rename_subset_tags(pdf, piece, pydyf)
    page_objects = [int(n) for n in pdf.pages["Kids"][::3]]
    # an empty stream after each page's content (which is wrapped in q … Q, so that
    # the footer starts from the default graphics state), and a font for the footer
    font_slot = pydyf.Dictionary({})
    pdf.add_object(font_slot)
    footer_slots = []
    for number in page_objects:
        page = pdf.objects[number]
        content = pdf.objects[_number(page["Contents"])]
        content.stream.insert(0, b"q")
        content.stream.append(b"Q")
        slot = pydyf.Stream()
        pdf.add_object(slot)
        footer_slots.append(slot.number)
        page["Contents"] = pydyf.Array([page["Contents"], slot.reference])
    resources = pdf.objects[_number(pdf.objects[page_objects[0]]["Resources"])]
    fonts = pdf.objects[_number(resources["Font"])]
    fonts[FOOTER_FONT] = font_slot.reference

    root = pdf.objects[_number(pdf.catalog["StructTreeRoot"])]
    mapping = pdf.objects[_number(root["ParentTree"])]
    document = pdf.objects[_number(root["K"][0])]
    nums = list(mapping["Nums"])
    keys = [int(key) for key in nums[::2]]
    if keys != list(range(len(keys))):
        raise ValueError(f"unexpected parent tree keys: {keys[:10]}…")
    values = nums[1::2]
    parent_tree = [[_number(ref) for ref in value] for value in values[: len(page_objects)]]
    annotations = [_number(value) for value in values[len(page_objects) :]]
    top_elements = [_number(ref) for ref in document["K"]]

    data: dict[int, tuple[bytes, bytes | None]] = {}
    for item in pdf.objects[1:]:
        if item.free == "f":
            continue
        if isinstance(item, pydyf.Stream):
            data[item.number] = _stream_bytes(item, pydyf)
        else:
            data[item.number] = (item.data, None)
    catalog: dict[str, bytes] = {}
    info: dict[str, bytes] = {}
    if front:
        skip = {"Type", "Pages", "StructTreeRoot", "Outlines", "Names"}
        catalog = {
            str(key): pydyf._to_bytes(value)
            for key, value in pdf.catalog.items()
            if key not in skip
        }
        info = {str(key): pydyf._to_bytes(value) for key, value in pdf.info.items()}

    # what the joined file needs: all that pages, tags and metadata reach, short of the
    # objects the join makes anew (page tree, structure tree root, /Document, catalog)
    barriers = {pdf.pages.number, root.number, mapping.number, document.number, font_slot.number}
    roots = [*page_objects, *top_elements, *annotations]
    roots += [n for refs in parent_tree for n in refs]
    for value in (*catalog.values(), *info.values()):
        roots += list(_references(value))
    seen: set[int] = set()
    todo = [n for n in roots if n not in barriers]
    while todo:
        number = todo.pop()
        if number in seen or number in barriers or number not in data:
            continue
        seen.add(number)
        todo.extend(_references(data[number][0]))
    kept = sorted(seen)
    count = len(kept)
    numbers = {old: new for new, old in enumerate(kept, start=1)}
    numbers[pdf.pages.number] = count + _PAGES
    numbers[document.number] = count + _DOCUMENT
    numbers[font_slot.number] = count + _FONT

    def renumber(value: bytes) -> bytes:
        return _renumber(value, numbers, None)

    blob = SEPARATOR.join(data[old][0] for old in kept)
    return Piece(
        pages=len(page_objects),
        count=count,
        blob=renumber(blob),
        streams=[data[old][1] for old in kept],
        keys=len(keys),
        page_objects=[numbers[n] for n in page_objects],
        footer_slots=[numbers[n] for n in footer_slots],
        top_elements=[numbers[n] for n in top_elements],
        parent_tree=[[numbers[n] for n in refs] for refs in parent_tree],
        annotations=[numbers[n] for n in annotations],
        anchors=anchors,
        bookmarks=bookmarks,
        fonts_used=fonts_used,
        catalog={key: renumber(value) for key, value in catalog.items()},
        info={key: renumber(value) for key, value in info.items()},
        footer=footer,
    )


def capture_layout(
    laid_out: Any, *, front: bool, extra_anchors: Sequence[str] = ()
) -> tuple[
    list[tuple[str, int, float, float]],
    list[tuple[int, int, str, float, float, str]],
    FooterStyle | None,
]:
    """Anchors, bookmarks and (for the front matter) the footer, from a layout.

    Bookmarks are taken out of the pages (the join builds one outline from all
    pieces). ``extra_anchors`` — headings of other pieces the table of contents
    links to — are added to the first page so that WeasyPrint keeps the links;
    the join points them to their real pages.
    """
    anchors: list[tuple[str, int, float, float]] = []
    bookmarks: list[tuple[int, int, str, float, float, str]] = []
    for index, page in enumerate(laid_out.pages):
        height = page.height
        for name, (x, y, _, _) in page.anchors.items():
            anchors.append((name, index, x * SCALE, (height - y) * SCALE))
        for level, label, (x, y), state in page.bookmarks:
            bookmarks.append((index, level, label, x * SCALE, (height - y) * SCALE, state))
        page.bookmarks = []
    if extra_anchors and laid_out.pages:
        first = laid_out.pages[0].anchors
        for name in extra_anchors:
            first.setdefault(name, (0, 0, 0, 0))
    return anchors, bookmarks, footer_style(laid_out) if front else None


# ---------------------------------------------------------------------------
# Joining
# ---------------------------------------------------------------------------

# A literal string, a hex string, a /StructParent(s) key, or an indirect reference.
_TOKENS = re.compile(
    rb"(\((?:\\.|[^\\)])*\))|(<[0-9A-Fa-f\s]*>)|/(StructParents?) (\d+)|(?<![\w.])(\d+) 0 R(?!\w)"
)


def _references(data: bytes) -> Iterator[int]:
    for match in _TOKENS.finditer(data):
        if match[5] is not None:
            yield int(match[5])


def _renumber(data: bytes, numbers: dict[int, int] | int, keys: int | None) -> bytes:
    """``data`` with its references renumbered — by a mapping, or shifted by an offset
    — and, when ``keys`` is given, its ``/StructParent(s)`` keys shifted by it."""
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

    return _TOKENS.sub(replace, data)


def _string(text: str) -> bytes:
    return pydyf_module().String(text).data  # type: ignore[no-any-return]


class _Writer:
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

    def pack(self, first: int, last: int) -> None:
        """Pack the objects ``first``…``last`` that are not streams into object streams."""
        members = []
        for number in range(first, last + 1):
            entry = self.objects[number - 1]
            if entry is not None and entry[1] is None and number not in self.packed:
                members.append(number)
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


def _outline(
    writer: _Writer, marks: list[tuple[int, int, str, float, float, str]], pages: list[int]
) -> int | None:
    """The document outline from every heading's bookmark (global page indices)."""
    if not marks:
        return None
    # nesting by level, as WeasyPrint does: an item goes under the last one of a lower level
    root_children: list[int] = []
    items: dict[int, tuple[tuple[int, int, str, float, float, str], list[int]]] = {}
    stack: list[tuple[int, list[int]]] = [(0, root_children)]
    first = writer.reserve(len(marks) + 1)
    root = first
    for offset, mark in enumerate(marks, start=1):
        level = mark[1]
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        number = first + offset
        children: list[int] = []
        items[number] = (mark, children)
        stack[-1][1].append(number)
        stack.append((level, children))
    parents: dict[int, int] = {n: root for n in root_children}
    for number, (_, children) in items.items():
        for child in children:
            parents[child] = number

    def count(number: int) -> int:
        _, children = items[number]
        open_ = items[number][0][5] != "closed"
        return sum(1 + count(c) for c in children) if open_ else 0

    def siblings(children: list[int]) -> None:
        for index, number in enumerate(children):
            (page, _, label, x, y, state), kids = items[number]
            parts = [
                b"<</Title " + _string(label),
                b"/Parent %d 0 R" % parents[number],
                b"/Dest [%d 0 R /XYZ %s %s 0]" % (pages[page], number_text(x), number_text(y)),
            ]
            if index > 0:
                parts.append(b"/Prev %d 0 R" % children[index - 1])
            if index + 1 < len(children):
                parts.append(b"/Next %d 0 R" % children[index + 1])
            if kids:
                descendants = count(number)
                total = sum(1 + count(k) for k in kids)
                parts.append(b"/First %d 0 R /Last %d 0 R" % (kids[0], kids[-1]))
                parts.append(b"/Count %d" % (descendants if state != "closed" else -total))
            writer.set(number, b" ".join(parts) + b">>")
            siblings(kids)

    siblings(root_children)
    visible = sum(1 + count(n) for n in root_children)
    writer.set(
        root,
        b"<</Count %d /First %d 0 R /Last %d 0 R>>"
        % (visible, root_children[0], root_children[-1]),
    )
    return root


@dataclass
class _Placed:
    """A piece in the joined file: where its objects and keys went."""

    piece: Piece
    shift: int
    page_objects: list[int]
    footer_slots: list[int]
    top_elements: list[int]
    parent_rows: list[bytes]


class Joiner:
    """Joins pieces into one PDF: content pieces one by one as they come (in order),
    then the front matter, which comes first in the file's pages."""

    def __init__(self, cache: Cache | None = None) -> None:
        self.cache = cache  # keeps the footer's font subset (see pdf_cache)
        self.writer = _Writer()
        self.pages_root = self.writer.reserve()
        self.catalog = self.writer.reserve()
        self.tree_root = self.writer.reserve()
        self.parent_tree = self.writer.reserve()
        self.document = self.writer.reserve()
        self.font = self.writer.reserve(FOOTER_OBJECTS)
        self.keys = 0
        self.placed: list[_Placed] = []

    def add(self, piece: Piece) -> None:
        """Number the objects of ``piece`` and rewrite their references."""
        writer = self.writer
        first = writer.reserve(piece.count)
        shift = first - 1
        specials = {
            piece.count + _PAGES: self.pages_root,
            piece.count + _DOCUMENT: self.document,
            piece.count + _FONT: self.font,
        }
        blob = _TOKENS.sub(_Rewriter(piece.count, shift, specials, self.keys), piece.blob)
        parts = blob.split(SEPARATOR) if piece.count else []
        if len(parts) != piece.count:
            raise ValueError(f"piece has {len(parts)} objects, not {piece.count}")
        for number, (data, stream) in enumerate(zip(parts, piece.streams, strict=True), first):
            writer.set(number, data, stream)
        writer.pack(first, first + piece.count - 1)
        rows = [
            b"%d [%s]" % (self.keys + page, b" ".join(b"%d 0 R" % (n + shift) for n in refs))
            for page, refs in enumerate(piece.parent_tree)
        ]
        rows += [
            b"%d %d 0 R" % (self.keys + piece.pages + i, n + shift)
            for i, n in enumerate(piece.annotations)
        ]
        self.keys += piece.keys
        self.placed.append(
            _Placed(
                piece,
                shift,
                [n + shift for n in piece.page_objects],
                [n + shift for n in piece.footer_slots],
                [n + shift for n in piece.top_elements],
                rows,
            )
        )
        # what remains is the join's business; let the piece's bytes go
        piece.blob = b""
        piece.streams = []

    def finish(
        self, front: Piece, *, identifier: bytes, footer_words: tuple[str, str], css: str
    ) -> bytes:
        """Add the front matter, then write the whole file."""
        front_catalog = dict(front.catalog)
        front_info = dict(front.info)
        self.add(front)
        first = self.placed[-1]
        # shift the front matter's metadata references like its objects
        shift = first.shift
        catalog_entries = {k: _renumber(v, shift, None) for k, v in front_catalog.items()}
        info_entries = {k: _renumber(v, shift, None) for k, v in front_info.items()}
        order = [first, *self.placed[:-1]]  # the front matter's pages come first
        total = sum(p.piece.pages for p in order)
        writer = self.writer
        style = front.footer
        font = self._footer_font(style, footer_words, css)

        page_numbers: list[int] = []
        top_elements: list[int] = []
        anchors: dict[str, tuple[int, float, float]] = {}
        marks: list[tuple[int, int, str, float, float, str]] = []
        offset = 0
        for index, placed in enumerate(order):
            piece = placed.piece
            for page, slot in enumerate(placed.footer_slots):
                content = b""
                if style is not None and font is not None:
                    shown = style.shown[page] if index == 0 else style.shown[-1]
                    if shown:
                        text = f"{footer_words[0]}{offset + page + 1}{footer_words[1]}{total}"
                        content = footer_stream(text, style, font)
                writer.set(slot, b"<</Length %d>>" % len(content), content)
            page_numbers += placed.page_objects
            top_elements += placed.top_elements
            for name, page, x, y in piece.anchors:
                anchors.setdefault(name, (offset + page, x, y))
            for page, level, label, x, y, state in piece.bookmarks:
                marks.append((offset + page, level, label, x, y, state))
            offset += piece.pages

        kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
        writer.set(
            self.pages_root, b"<</Type /Pages /Kids [%s] /Count %d>>" % (kids, len(page_numbers))
        )
        writer.set(
            self.tree_root,
            b"<</Type /StructTreeRoot /ParentTree %d 0 R /K [%d 0 R] /ParentTreeNextKey %d>>"
            % (self.parent_tree, self.document, self.keys),
        )
        rows = [row for placed in self.placed for row in placed.parent_rows]
        writer.set(self.parent_tree, b"<</Nums [" + b" ".join(rows) + b"]>>")
        writer.set(
            self.document,
            b"<</Type /StructElem /S /Document /K [%s] /P %d 0 R>>"
            % (b" ".join(b"%d 0 R" % n for n in top_elements), self.tree_root),
        )
        outline = _outline(writer, marks, page_numbers)
        parts = [b"<</Type /Catalog /Pages %d 0 R" % self.pages_root]
        if outline is not None:
            parts.append(b"/Outlines %d 0 R" % outline)
        if anchors:
            names = b" ".join(
                _string(name)
                + b" [%d 0 R /XYZ %s %s 0]" % (page_numbers[page], number_text(x), number_text(y))
                for name, (page, x, y) in sorted(anchors.items())
            )
            parts.append(b"/Names <</Dests <</Names [" + names + b"]>>>>")
        parts.append(b"/StructTreeRoot %d 0 R" % self.tree_root)
        parts += [b"/" + key.encode() + b" " + value for key, value in catalog_entries.items()]
        writer.set(self.catalog, b" ".join(parts) + b">>")
        info = writer.reserve()
        writer.set(
            info,
            b"<<" + b"".join(b"/" + k.encode() + b" " + v for k, v in info_entries.items()) + b">>",
        )
        return writer.write(self.catalog, info, identifier)

    def _footer_font(
        self, style: FooterStyle | None, words: tuple[str, str], css: str
    ) -> FooterFont | None:
        writer = self.writer
        if style is None:
            for offset in range(FOOTER_OBJECTS):
                writer.set(self.font + offset, b"<<>>")
            return None
        characters = "".join(sorted(set(words[0] + words[1] + "0123456789")))
        path = footer_font_file(style, css, templates_dir())
        base = style.families[0].replace(" ", "-") if style.families else path.stem
        base += ("-Bold" if style.weight >= 700 else "") + ("-Italic" if style.italic else "")
        if self.cache is None:
            font = footer_font(path, characters, base)
        else:
            from reports.render.pdf.cache import cached_footer_font

            font = cached_footer_font(self.cache, path, characters, base)
        missing = "".join(c for c in characters if c not in font.glyphs)
        if missing:
            _LOG.warning("font stopki (%s) nie ma znaków: %s", path.name, missing)
        for offset, (data, stream) in enumerate(footer_objects(font, self.font)):
            writer.set(self.font + offset, data, stream)
        return font


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


__all__ = [
    "Joiner",
    "Piece",
    "capture_layout",
    "quiet_collector",
    "serialise",
]
