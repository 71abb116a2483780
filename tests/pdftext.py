"""Text of a tagged PDF through its structure tree (pypdf), for the DOCX/PDF parity tests.

Leaves out what is not the document's text: the running footer, list bullets, a
table's header row repeated on a following page, the drawing of a figure (its
labels: a reader gets the figure's ``/Alt`` instead, as from the DOCX's picture)
and (with ``contents=False``) the entries of the table of contents.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    return list(kids) if isinstance(kids, list) else [kids]


def _struct_kids(element: Any) -> list[Any]:
    out = []
    for kid in _kids(element):
        kid = kid.get_object()
        if hasattr(kid, "get") and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
            out.append(kid)
    return out


def _has_link(element: Any) -> bool:
    return element.get("/S") == "/Link" or any(_has_link(kid) for kid in _struct_kids(element))


def _body_mcids(reader: Any, *, contents: bool) -> dict[int, set[int]]:
    """Per page index, the marked-content ids of the report's body text.

    Left out: whatever the structure tree does not reach (WeasyPrint leaves the
    running footer outside it, a table's repeated header rows are artifacts), list
    bullets (``/Lbl``), and, unless ``contents``, the table of contents' entries (the
    only list of links).
    """
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    root: Any = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        raise ValueError("ten PDF nie ma drzewa struktury (nie jest oznaczony)")
    tops = [kid for top in _struct_kids(root.get_object()) for kid in _struct_kids(top)]

    def page(element: Any) -> int | None:
        ref = element.get("/Pg")
        return None if ref is None else page_of.get(ref.idnum)

    mcids: dict[int, set[int]] = defaultdict(set)

    def visit(element: Any) -> None:
        kind = element.get("/S")
        if kind == "/Lbl":  # a list item's bullet, drawn by CSS, not the document's text
            return
        if kind == "/Figure":  # a chart: its /Alt stands for the labels drawn in it
            return
        if not contents and kind == "/L" and _has_link(element):
            return
        number = page(element)
        for kid in _kids(element):
            if isinstance(kid, int):
                if number is not None:
                    mcids[number].add(kid)
                continue
            kid = kid.get_object()
            if not hasattr(kid, "get"):
                continue
            if kid.get("/Type") == "/MCR":
                ref = kid.get("/Pg")
                where = number if ref is None else page_of.get(ref.idnum)
                if where is not None:
                    mcids[where].add(int(kid["/MCID"]))
            elif "/S" in kid:
                visit(kid)

    for top in tops:
        visit(top)
    return mcids


def _page_chunks(page: Any, keep: set[int]) -> str:
    """The text of one page drawn inside marked content whose id is in ``keep``."""
    stack: list[int | None] = []
    out: list[str] = []

    def before(operator: bytes, operands: list[Any], _cm: Any, _tm: Any) -> None:
        if operator == b"BDC":
            properties: Any = operands[1] if len(operands) > 1 else {}
            mcid = properties.get("/MCID") if hasattr(properties, "get") else None
            stack.append(None if mcid is None else int(mcid))
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(chunk: str, *_: Any) -> None:
        if chunk and stack and stack[-1] is not None and stack[-1] in keep:
            out.append(chunk)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return "".join(out)


def pdf_pages_text(data: bytes, *, contents: bool = True) -> list[str]:
    """The body text of every page of a tagged PDF, as :func:`pdf_text` selects it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    mcids = _body_mcids(reader, contents=contents)
    return [_page_chunks(page, mcids.get(i, set())).strip() for i, page in enumerate(reader.pages)]


def pdf_text(data: bytes, *, contents: bool = True) -> str:
    """The body text of a rendered report, for comparing the PDF's words with the DOCX's.

    Reads the text through the PDF's structure tree (pypdf), so it leaves out what is
    not the document's text: the running footer „strona X z Y”, list bullets, and a
    table's header row where it is repeated on a following page. With
    ``contents=False`` the entries of the table of contents are left out too (its
    heading stays), as the DOCX's TOC field has no text until Word fills it. Pages
    are joined with newlines.
    """
    return "\n".join(text for text in pdf_pages_text(data, contents=contents) if text)


def page_fonts(reader: Any) -> dict[str, Any]:
    """Every font in the pages' resources (and their form XObjects), by BaseFont."""
    fonts: dict[str, Any] = {}

    def visit(resources: Any) -> None:
        resources = resources.get_object() if resources is not None else None
        if not resources:
            return
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return fonts
