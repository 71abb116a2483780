"""One structure element per element of the report, however many pages it spans.

WeasyPrint tags every page on its own: a section, list or table that continues on
the next page becomes a second ``/Sect``, ``/L`` or ``/Table`` there, and a table's
header row repeated on that page a second ``/THead`` — a screen reader announces a
new table on every page. :func:`join_continued` (run by the finisher of each piece,
on the PDF objects before they are written) joins every element continued from the
previous page into the one it continues, and makes the repeated header rows
artifacts (``/Artifact /Pagination``: they are drawn, not read).

Continuations are found in the layout: at each page break, the boxes along the last
edge of the page before and the first edge of the page after that belong to the
same HTML element, level by level, are one element. Where the boxes and the
structure elements do not line up as expected, nothing is joined.

Across pieces, the plan of the pieces says what continues (a :class:`Continuation`);
:func:`prepare_seams` readies both sides for the join
(:mod:`reports.render.pdf.join`): the elements the piece continues (its first
``Part``, and the ``Sect``, ``Table``, ``TBody`` or ``L`` in it) have their kids'
``/P`` point to a placeholder — the element they join, or themselves — and their
table's repeated header made an artifact; the elements the next piece continues (its
last ones) get their ``/K`` written last, so that the join can add kids to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Continuation:
    """Where a piece meets its neighbours: the kinds of the structure elements it
    continues from the piece before (``head``) and of those the piece after continues
    (``tail``), outermost first, e.g. ``("Part", "Sect", "Table", "TBody")``."""

    head: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()


NO_SEAMS = Continuation()  # a piece laid out alone


@dataclass
class Seams:
    """The elements of a piece found for its :class:`Continuation`: those that continue
    the piece before (each with the placeholder its kids' ``/P`` point to) and those
    the next piece continues. Fewer than asked where the tree is not as expected."""

    head: list[tuple[Any, Any]]  # (element, placeholder)
    tail: list[Any]


def deref(pdf: Any, reference: Any) -> Any:
    """The object a pydyf reference (``b"12 0 R"``) points to, or None for anything else."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return pdf.objects[int(reference.split()[0])]
    return None


def _boxes() -> Any:
    from weasyprint.formatting_structure import boxes

    return boxes


def _struct_children(box: Any) -> list[Any]:
    """The child boxes of ``box`` that WeasyPrint tags, in order (as weasyprint.pdf.tags)."""
    boxes = _boxes()
    box = getattr(box, "_box", box)
    children = list(getattr(box, "children", ()))
    if getattr(box, "is_table_wrapper", False):
        table = box.get_wrapped_table()
        children = [
            c for child in children for c in (table.children if child is table else [child])
        ]
    out: list[Any] = []
    for child in children:
        child = getattr(child, "_box", child)
        if isinstance(child, boxes.MarginBox):
            continue
        if isinstance(child, boxes.LineBox):
            out.extend(child.children)
        elif child.element_tag in ("html", "body"):
            out.extend(_struct_children(child))
        else:
            out.append(child)
    return out


def _elements(pdf: Any, element: Any) -> list[Any]:
    return [kid for kid in (deref(pdf, k) for k in element["K"]) if _is_element(kid)]


def _is_element(item: Any) -> bool:
    return isinstance(item, dict) and item.get("Type") == "/StructElem"


def _fits(elements: list[Any], boxes: list[Any]) -> bool:
    """Whether the last of ``elements`` is the tag of the last of ``boxes``."""
    from weasyprint.pdf.tags import _get_pdf_tag

    if not elements or not boxes or isinstance(boxes[-1], _boxes().TextBox):
        return not elements and not boxes
    expected = _get_pdf_tag(boxes[-1].element_tag)
    return bool(elements[-1]["S"] == f"/{expected}" or expected in ("TD", "TH", "LI"))


def _same(a: Any, b: Any) -> bool:
    boxes = _boxes()
    return (
        not isinstance(a, boxes.TextBox)
        and not isinstance(b, boxes.TextBox)
        and a.element is not None
        and a.element is b.element
        and a.element_tag == b.element_tag
    )


def join_continued(laid_out: Any, pdf: Any, pydyf: Any) -> None:
    """Join the structure elements that continue from one page to the next (see above)."""
    root = deref(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    document = deref(pdf, root["K"][0])
    nums = deref(pdf, root["ParentTree"])["Nums"]
    page_refs = [b"%d 0 R" % int(n) for n in pdf.pages["Kids"][::3]]  # number, 0, R
    moved: dict[bytes, bytes] = {}
    artifacts: dict[int, set[int]] = {}
    pages = laid_out.pages
    tops = _elements(pdf, document)
    on_page = [[e for e in tops if e["Pg"] == ref] for ref in page_refs]
    for index in range(1, len(pages)):
        before, after = on_page[index - 1], on_page[index]
        last_boxes = _struct_children(pages[index - 1]._page_box)
        first_boxes = _struct_children(pages[index]._page_box)
        if not before or len(before) != len(last_boxes) or len(after) != len(first_boxes):
            continue
        earlier = before[-1]
        while earlier.reference in moved:  # joined into an element of an earlier page
            earlier = deref(pdf, moved[earlier.reference])
        pair = (earlier, last_boxes[-1], after[0], first_boxes[0], document)
        _join(pdf, pydyf, pair, moved, artifacts, index)
    if moved or artifacts:
        _repoint(pdf, pydyf, nums, moved, artifacts, page_refs)


def _join(
    pdf: Any,
    pydyf: Any,
    pair: tuple[Any, Any, Any, Any, Any],
    moved: dict[bytes, bytes],
    artifacts: dict[int, set[int]],
    page: int,
) -> None:
    """Join ``later`` into ``earlier`` and go on one level down while they continue."""
    earlier, earlier_box, later, later_box, parent = pair
    while _same(earlier_box, later_box) and earlier["S"] == later["S"]:
        later_kids = _elements(pdf, later)
        later_boxes = _struct_children(later_box)
        # the earlier element may hold the kids of several pages by now: its last kid
        # is the last box of the page before
        earlier_kids = _elements(pdf, earlier)
        earlier_boxes = _struct_children(earlier_box)
        if len(later_kids) != len(later_boxes) or not _fits(earlier_kids, earlier_boxes):
            return
        if earlier["S"] == "/Table" and later_kids and later_kids[0]["S"] == "/THead":
            head = next((b for b in earlier_boxes if b.element_tag == "thead"), None)
            if head is not None and later_boxes[0].element is head.element:
                _make_artifact(pdf, later_kids[0], artifacts.setdefault(page, set()))
                later["K"] = pydyf.Array([k for k in later["K"] if k != later_kids[0].reference])
                later_kids, later_boxes = later_kids[1:], later_boxes[1:]
        for kid in later["K"]:
            item = deref(pdf, kid)
            if _is_element(item):
                item["P"] = earlier.reference
        earlier["K"].extend(
            k if isinstance(k, bytes) else _mcr(pdf, pydyf, later, k) for k in later["K"]
        )
        parent["K"] = pydyf.Array([k for k in parent["K"] if k != later.reference])
        moved[later.reference] = earlier.reference
        later["K"] = pydyf.Array()
        if not (later_kids and earlier_kids):
            return
        parent = earlier
        earlier, earlier_box = earlier_kids[-1], earlier_boxes[-1]
        later, later_box = later_kids[0], later_boxes[0]


def _mcr(pdf: Any, pydyf: Any, element: Any, mcid: Any) -> bytes:
    """A marked-content reference to ``mcid`` on ``element``'s page (it moves to an
    element that starts on another page)."""
    reference = pydyf.Dictionary({"Type": "/MCR", "Pg": element["Pg"], "MCID": mcid})
    pdf.add_object(reference)
    return reference.reference  # type: ignore[no-any-return]


def _make_artifact(pdf: Any, element: Any, mcids: set[int]) -> None:
    """Collect the marked content of ``element`` (to be drawn as an artifact)."""
    for kid in element["K"]:
        item = deref(pdf, kid)
        if _is_element(item):
            _make_artifact(pdf, item, mcids)
        elif isinstance(kid, int):
            mcids.add(kid)


def _repoint(
    pdf: Any,
    pydyf: Any,
    nums: Any,
    moved: dict[bytes, bytes],
    artifacts: dict[int, set[int]],
    page_refs: list[bytes],
) -> None:
    """Point the parent tree at the joined elements; mark the repeated headers' content
    as artifacts in the pages' streams, with no parent."""

    def final(reference: Any) -> Any:
        while reference in moved:
            reference = moved[reference]
        return reference

    for position in range(1, len(nums), 2):
        value = nums[position]
        if isinstance(value, list):
            page = nums[position - 1]
            dropped = artifacts.get(page, set())
            nums[position] = pydyf.Array(
                b"null" if mcid in dropped else final(ref) for mcid, ref in enumerate(value)
            )
        else:
            nums[position] = final(value)
    for page, mcids in artifacts.items():
        stream = deref(pdf, deref(pdf, page_refs[page])["Contents"])
        items = stream.stream
        for i in range(1, len(items) - 1):
            item = items[i]
            if isinstance(item, dict) and item.get("MCID") in mcids and items[i + 1] == b"BDC":
                items[i - 1] = "/Artifact"
                items[i] = pydyf.Dictionary({"Type": "/Pagination"})


def prepare_seams(pdf: Any, pydyf: Any, continuation: Continuation) -> Seams:
    """Ready the elements where this piece meets the ones before and after it (see the
    module docstring); run on the objects of a piece after :func:`join_continued`."""
    seams = Seams([], [])
    root = deref(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return seams
    document = deref(pdf, root["K"][0])
    tops = _elements(pdf, document)
    artifacts: dict[int, set[int]] = {}
    element = tops[0] if tops else None
    for kind in continuation.head:
        if element is None or element["S"] != f"/{kind}":
            break
        kids = _elements(pdf, element)
        if kind == "Table" and kids and kids[0]["S"] == "/THead":  # the repeated header
            _make_artifact(pdf, kids[0], artifacts.setdefault(0, set()))
            element["K"] = pydyf.Array([k for k in element["K"] if k != kids[0].reference])
            kids = kids[1:]
        placeholder = pydyf.Dictionary({})
        pdf.add_object(placeholder)
        for kid in kids:
            kid["P"] = placeholder.reference
        # marked content of its own becomes a reference that names its page
        element["K"] = pydyf.Array(
            k if isinstance(k, bytes) else _mcr(pdf, pydyf, element, k) for k in element["K"]
        )
        seams.head.append((element, placeholder))
        element = kids[0] if kids else None
    if artifacts:
        nums = deref(pdf, root["ParentTree"])["Nums"]
        page_refs = [b"%d 0 R" % int(n) for n in pdf.pages["Kids"][::3]]
        _repoint(pdf, pydyf, nums, {}, artifacts, page_refs)
    element = tops[-1] if tops else None
    for kind in continuation.tail:
        if element is None or element["S"] != f"/{kind}":
            break
        element["K"] = element.pop("K")  # last: the join adds the next piece's kids there
        seams.tail.append(element)
        kids = _elements(pdf, element)
        element = kids[-1] if kids else None
    return seams
