"""A small element tree of an HTML page (stdlib parser), and the page's text for the
DOCX/PDF/HTML parity tests.

The text leaves out what is not the document's text, as the DOCX and PDF sides do:
the ``<head>``, a table's ``<caption>`` (its accessible name, like the DOCX's table
alt text and the PDF's /Summary), an inline ``<svg>`` (a chart: a picture, whose
text is its alternative text) and, with ``contents=False``, the links of the table
of contents.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
INLINE = frozenset({"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup"})


@dataclass
class Element:
    """An element: its tag, attributes and children (elements and text, in order)."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    def iter(self, *tags: str) -> Iterator[Element]:
        """This element and every element below it (only ``tags``, if given), in order."""
        if not tags or self.tag in tags:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(*tags)

    def find(self, tag: str) -> Element:
        return next(self.iter(tag))

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(data: bytes | str) -> tuple[Element, str]:
    """The page's element tree (under a ``#document`` root) and its doctype."""
    builder = _TreeBuilder()
    builder.feed(data.decode() if isinstance(data, bytes) else data)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root, builder.doctype


def html_text(data: bytes | str, *, contents: bool = True) -> str:
    """The page's visible text in reading order, blocks separated by spaces."""
    root, _ = parse(data)
    pieces: list[str] = []

    def visit(node: Element) -> None:
        if node.tag in ("head", "caption", "script", "style", "svg"):
            return
        if not contents and node.tag == "a" and any(a.tag == "nav" for a in node.ancestors()):
            return
        block = node.tag not in INLINE
        if block:
            pieces.append(" ")
        for child in node.children:
            if isinstance(child, str):
                pieces.append(child)
            else:
                visit(child)
        if block:
            pieces.append(" ")

    visit(root)
    return "".join(pieces)
