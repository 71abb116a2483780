"""The pieces of a report joined into one tagged PDF.

Each piece comes serialised, its objects numbered from 1
(:mod:`reports.render.pdf.serialise`, in the worker that laid it out). A
:class:`Joiner` takes the content pieces in order, as they come, then the front
matter (title page and table of contents), and writes one PDF
(:mod:`reports.render.pdf.writer`):

* every piece's objects shifted to numbers of their own (references rewritten
  outside strings, :mod:`reports.render.pdf.references`);
* one page tree, the front matter's pages first; one structure tree whose
  ``/Document`` holds every piece's top-level elements in reading order with one
  parent tree — each piece's ``/StructParents`` keys shifted past those of the
  pieces joined before it;
* one structure element for each element cut between pieces — the body's ``Part``,
  a section, a table (with its ``TBody``) or a list. The elements a piece leaves
  open (``Piece.tail``) are held back, unwritten, while the next piece may add kids
  to their ``/K``; the elements that piece continues (``Piece.head``) give them their
  kids and are written as ``null``, and the kids' ``/P`` and the parent tree point to
  the element they joined. So the tree is the one a layout in one piece gives;
* one outline built from all the headings (levels carry across pieces) and named
  destinations of every anchor, so the table of contents' links reach the pages
  of other pieces;
* the front matter's ``/Lang``, ``/MarkInfo``, ``/ViewerPreferences``, XMP
  metadata and document information;
* the running footer „strona X z Y” drawn on every page, by
  :mod:`reports.render.pdf.footer`, into the slot the worker left after each
  page's content.

Everything depends on the document only, never on which process rendered what
or when, so the bytes are reproducible.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from reports.cache import Cache
from reports.render.assets import templates_dir
from reports.render.pdf.cache import cached_footer_font
from reports.render.pdf.engine import pydyf_module
from reports.render.pdf.footer import (
    FOOTER_OBJECTS,
    FooterFont,
    FooterStyle,
    footer_font_file,
    footer_objects,
    footer_stream,
    number_text,
)
from reports.render.pdf.references import place, renumber
from reports.render.pdf.serialise import CONTINUED, DOCUMENT, FONT, PAGES, SEPARATOR, Piece
from reports.render.pdf.writer import Writer

_LOG = logging.getLogger(__name__)


def _string(text: str) -> bytes:
    return pydyf_module().String(text).data  # type: ignore[no-any-return]


def _outline(
    writer: Writer, marks: list[tuple[int, int, str, float, float, str]], pages: list[int]
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
        self.cache = cache  # keeps the footer's font subset (see cached_footer_font)
        self.writer = Writer()
        self.pages_root = self.writer.reserve()
        self.catalog = self.writer.reserve()
        self.tree_root = self.writer.reserve()
        self.parent_tree = self.writer.reserve()
        self.document = self.writer.reserve()
        self.font = self.writer.reserve(FOOTER_OBJECTS)
        self.keys = 0
        self.placed: list[_Placed] = []
        # the elements the next piece may continue (number, kind), outermost first, and
        # their bytes held back: up to the end of their /K array, then the kids added
        self.open: list[tuple[int, str]] = []
        self.held: dict[int, list[bytes]] = {}

    def add(self, piece: Piece) -> None:
        """Number the objects of ``piece`` and rewrite their references."""
        writer = self.writer
        first = writer.reserve(piece.count)
        shift = first - 1
        merged = 0  # the levels at which piece continues an open element
        while (
            merged < min(len(self.open), len(piece.head))
            and self.open[merged][1] == piece.head[merged][1]
        ):
            merged += 1
        specials = {
            piece.count + PAGES: self.pages_root,
            piece.count + DOCUMENT: self.document,
            piece.count + FONT: self.font,
        }
        for level, (number, _, _) in enumerate(piece.head):
            parent = self.open[level][0] if level < merged else number + shift
            specials[piece.count + CONTINUED + level] = parent
        blob = place(piece.blob, piece.count, shift, specials, self.keys)
        parts = blob.split(SEPARATOR) if piece.count else []
        if len(parts) != piece.count:
            raise ValueError(f"piece has {len(parts)} objects, not {piece.count}")
        joined = self._join(piece, merged, shift)  # piece's element → the one it joined
        held = self._hold(piece, joined, shift)
        for number, (data, stream) in enumerate(zip(parts, piece.streams, strict=True), first):
            if number in joined:
                data = b"null"  # its kids went to the element it continues
            elif number in held:
                if not data.endswith(b"]>>"):
                    raise ValueError(f"open element {number} does not end with its /K")
                self.held[number] = [data[:-3]]  # without "]>>": /K is its last entry
                continue
            writer.set(number, data, stream)
        closed = [n for n in self.held if n not in held]
        for number in closed:
            writer.set(number, b" ".join(self.held.pop(number)) + b"]>>")
        writer.pack(first, first + piece.count - 1, skip=held, extra=closed)
        local = {n - shift: to - shift for n, to in joined.items()}
        rows = [
            b"%d [%s]"
            % (
                self.keys + page,
                # 0: marked content that is an artifact (a repeated table header)
                b" ".join(b"%d 0 R" % (n + shift) if n else b"null" for n in refs)
                if local.keys().isdisjoint(refs)
                else b" ".join(
                    b"%d 0 R" % (local.get(n, n) + shift) if n else b"null" for n in refs
                ),
            )
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
                [n + shift for n in piece.top_elements if n + shift not in joined],
                rows,
            )
        )
        # what remains is the join's business; let the piece's bytes go
        piece.blob = b""
        piece.streams = []

    def _join(self, piece: Piece, merged: int, shift: int) -> dict[int, int]:
        """Give the kids of the elements ``piece`` continues (its first ``merged``
        ``head`` elements) to the open elements they continue; returns which element
        each joined (numbers in the joined file)."""
        joined: dict[int, int] = {}
        for level in range(merged):
            number, _, kids = piece.head[level]
            into = self.open[level][0]
            joined[number + shift] = into
            inner = piece.head[level + 1][0] if level + 1 < merged else None
            added = b" ".join(b"%d 0 R" % (k + shift) for k in kids if k != inner)
            if added:
                self.held[into].append(added)
        return joined

    def _hold(self, piece: Piece, joined: dict[int, int], shift: int) -> set[int]:
        """The elements the next piece may continue, from ``piece``'s ``tail`` (an
        element that joined an open one leaves that one open): kept open, and the
        numbers of those to hold back."""
        self.open = []
        for number, kind in piece.tail:
            self.open.append((joined.get(number + shift, number + shift), kind))
        return {number for number, _ in self.open}

    def finish(
        self, front: Piece, *, identifier: bytes, footer_words: tuple[str, str], css: str
    ) -> bytes:
        """Add the front matter, then write the whole file."""
        front_catalog = dict(front.catalog)
        front_info = dict(front.info)
        self.add(front)  # it continues nothing: every open element is written now
        first = self.placed[-1]
        # shift the front matter's metadata references like its objects
        shift = first.shift
        catalog_entries = {k: renumber(v, shift) for k, v in front_catalog.items()}
        info_entries = {k: renumber(v, shift) for k, v in front_info.items()}
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
        font = cached_footer_font(self.cache, path, characters, base)
        missing = "".join(c for c in characters if c not in font.glyphs)
        if missing:
            _LOG.warning("font stopki (%s) nie ma znaków: %s", path.name, missing)
        for offset, (data, stream) in enumerate(footer_objects(font, self.font)):
            writer.set(self.font + offset, data, stream)
        return font


__all__ = ["Joiner"]
