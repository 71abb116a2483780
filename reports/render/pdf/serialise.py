"""A laid-out piece's PDF objects as bytes, for the join (runs where the piece was laid out).

WeasyPrint writes a piece's objects with pydyf; just before the file would be
written, :func:`serialise` takes them instead: numbered from 1, only those the
joined file needs, each serialised once, with a slot for the footer after every
page's content and what the join must know (pages, structure, parent tree,
anchors, bookmarks) — a :class:`Piece`, small enough to send from a worker process
or keep in the build cache. :func:`capture_layout` reads a layout's anchors,
bookmarks and footer before it is written.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.render.pdf.engine import SCALE, pydyf_module
from reports.render.pdf.footer import FOOTER_FONT, FooterStyle, footer_style
from reports.render.pdf.references import references, renumber
from reports.render.pdf.structure import NO_SEAMS, Continuation, prepare_seams
from reports.render.pdf.writer import COMPRESSION


@dataclass
class Piece:
    """One rendered piece: its objects, serialised and numbered on their own, and what
    the join needs to know about them.

    The piece's objects are numbered 1…``count`` in ``blob`` (their serialised
    values, separated by :data:`SEPARATOR`; ``streams`` holds the data of those that
    are streams). Numbers above ``count`` stand for objects of the joined file:
    ``count + 1`` the page tree, ``count + 2`` the structure tree's ``/Document``,
    ``count + 3`` the footer font, ``count + 4 + i`` the parent of the kids of
    ``head[i]`` (the element of the piece before it continues, or itself).
    ``/StructParents`` keys are the piece's own (0…``keys - 1``: its pages, then its
    link annotations).

    ``head`` lists the elements that continue the piece before (outermost first:
    number, kind, kids) and ``tail`` those the next piece continues (number, kind),
    whose ``/K`` is the last entry of their dictionary
    (:func:`reports.render.pdf.structure.prepare_seams`).
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
    head: list[tuple[int, str, list[int]]] = field(default_factory=list)
    tail: list[tuple[int, str]] = field(default_factory=list)


#: Between the objects of a piece's blob: 0xFF never occurs in what pydyf serialises
#: (ASCII text, names escaped, strings as ASCII literals or hexadecimal).
SEPARATOR = b"\n\xff\n"
PAGES, DOCUMENT, FONT, CONTINUED = 1, 2, 3, 4  # numbers above a piece's count, see Piece


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
    continuation: Continuation = NO_SEAMS,
) -> Piece:
    """The piece's PDF objects, serialised and renumbered (see :class:`Piece`), with a
    footer slot after every page's content. A WeasyPrint finisher calls this just
    before the file would be written; it runs in the worker that rendered the piece.
    ``continuation`` says what it continues of the pieces around it."""
    pydyf = pydyf_module()
    _rename_subset_tags(pdf, piece, pydyf)
    seams = prepare_seams(pdf, pydyf, continuation)
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
    parent_tree = [  # 0 for null: marked content made an artifact (structure.py)
        [0 if ref == b"null" else _number(ref) for ref in value]
        for value in values[: len(page_objects)]
    ]
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
    placeholders = [placeholder.number for _, placeholder in seams.head]
    barriers = {pdf.pages.number, root.number, mapping.number, document.number, font_slot.number}
    barriers.update(placeholders)
    roots = [*page_objects, *top_elements, *annotations]
    roots += [n for refs in parent_tree for n in refs if n]
    for value in (*catalog.values(), *info.values()):
        roots += list(references(value))
    seen: set[int] = set()
    todo = [n for n in roots if n not in barriers]
    while todo:
        number = todo.pop()
        if number in seen or number in barriers or number not in data:
            continue
        seen.add(number)
        todo.extend(references(data[number][0]))
    kept = sorted(seen)
    count = len(kept)
    numbers = {old: new for new, old in enumerate(kept, start=1)}
    numbers[pdf.pages.number] = count + PAGES
    numbers[document.number] = count + DOCUMENT
    numbers[font_slot.number] = count + FONT
    for index, number in enumerate(placeholders):
        numbers[number] = count + CONTINUED + index

    def renumbered(value: bytes) -> bytes:
        return renumber(value, numbers)

    blob = SEPARATOR.join(data[old][0] for old in kept)
    return Piece(
        pages=len(page_objects),
        count=count,
        blob=renumbered(blob),
        streams=[data[old][1] for old in kept],
        keys=len(keys),
        page_objects=[numbers[n] for n in page_objects],
        footer_slots=[numbers[n] for n in footer_slots],
        top_elements=[numbers[n] for n in top_elements],
        parent_tree=[[numbers[n] if n else 0 for n in refs] for refs in parent_tree],
        annotations=[numbers[n] for n in annotations],
        anchors=anchors,
        bookmarks=bookmarks,
        fonts_used=fonts_used,
        catalog={key: renumbered(value) for key, value in catalog.items()},
        info={key: renumbered(value) for key, value in info.items()},
        footer=footer,
        head=[
            (numbers[e.number], e["S"][1:], [numbers[_number(k)] for k in e["K"]])
            for e, _ in seams.head
        ],
        tail=[(numbers[e.number], e["S"][1:]) for e in seams.tail],
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
