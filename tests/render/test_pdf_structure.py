"""The PDF as a screen reader sees it (its structure tree, read with pikepdf): one
``Table`` per table however many pages it spans, its repeated header rows artifacts;
one link per contents entry, described by its title and page; the cover title a
heading. Checked on a table over several pages, on a year of 1000 records and on a
PDF joined from many pieces."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from reports.cache import Cache
from reports.document.model import BulletList, Document, Table
from reports.render.pdf import pieces as pdf_chunks
from reports.render.pdf import renderer as pdf_renderer
from reports.render.pdf.renderer import render_pdf
from tests.render.test_pdf import sample_document
from tests.render.test_pdf_pieces import COLUMNS, long_document
from tests.validators import pdfua_outcomes, qpdf_check


def _elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    def visit(node: Any) -> Iterator[pikepdf.Dictionary]:
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                yield from visit(kid)

    yield from visit(pdf.Root.StructTreeRoot.K[0])


def _tables(document: Document) -> list[Table]:
    return [b for s in document.walk() for b in s.blocks if isinstance(b, Table)]


@pytest.fixture(scope="module")
def sample() -> tuple[Document, pikepdf.Pdf]:
    document = sample_document()
    return document, pikepdf.open(io.BytesIO(render_pdf(document).data))


def test_a_table_over_several_pages_is_one_table(sample: tuple[Document, pikepdf.Pdf]) -> None:
    document, pdf = sample
    assert len(pdf.pages) >= 5  # the 64-row table spans pages
    tables = [e for e in _elements(pdf) if e.S == "/Table"]
    assert len(tables) == len(_tables(document))
    for table in tables:  # one header row each: the repeated ones are artifacts
        heads = [k for k in table.K if isinstance(k, pikepdf.Dictionary) and k.S == "/THead"]
        assert len(heads) == 1
    long = next(t for t in tables if "Wizyty" in str(t.A.Summary))
    rows = [r for b in long.K if b.S == "/TBody" for r in b.K if r.S == "/TR"]
    assert len(rows) == 64
    content = b"".join(s.read_bytes() for page in pdf.pages for s in page.Contents)
    # the header cells of the pages after the first (5 columns a page) are drawn only
    repeated = re.findall(rb"/Artifact\s*<</Type /Pagination>>\s*BDC", content)
    assert repeated and len(repeated) % 5 == 0


def test_every_element_has_its_parent_and_pages_are_continued(
    sample: tuple[Document, pikepdf.Pdf],
) -> None:
    _, pdf = sample
    for element in _elements(pdf):
        for kid in element.K if isinstance(element.K, pikepdf.Array) else [element.K]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                assert kid.P.objgen == element.objgen
    sections = [e for e in _elements(pdf) if e.S == "/Sect"]
    assert len(sections) == len(sample[0].walk())  # one Sect per section, not per page


def test_contents_entries_are_one_link_each_described_by_title_and_page(
    sample: tuple[Document, pikepdf.Pdf],
) -> None:
    document, pdf = sample
    links = [e for e in _elements(pdf) if e.S == "/Link"]
    assert len(links) == len(document.walk())
    for link in links:
        assert not any(isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Link" for k in link.K)
        assert re.fullmatch(r".+, strona \d+", str(link.Alt))
    annotations = [a for page in pdf.pages for a in page.get("/Annots", [])]
    assert len(annotations) == len(links)
    described = {str(a.Contents) for a in annotations}
    assert described == {str(link.Alt) for link in links}
    assert all(s.anchor not in described for s in document.walk())


def test_the_cover_title_is_a_heading(sample: tuple[Document, pikepdf.Pdf]) -> None:
    _, pdf = sample
    first = next(e for e in _elements(pdf) if e.S in ("/H1", "/P"))
    assert first.S == "/H1"
    assert first.Pg.objgen == pdf.pages[0].objgen  # on the title page


def _kinds(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """Every structure element's depth and type, depth first."""
    out: list[tuple[int, str]] = []

    def visit(element: Any, depth: int) -> None:
        out.append((depth, str(element.S)))
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                visit(kid, depth + 1)

    visit(pdf.Root.StructTreeRoot.K[0], 0)
    return out


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]


def _assert_one_table_per_table(document: Document, pdf: pikepdf.Pdf) -> None:
    """As many ``Table`` elements as the document has tables, each with one header row
    and one body holding every row (and group row) of the table, in order."""
    tables = [e for e in _elements(pdf) if e.S == "/Table"]
    model = _tables(document)
    assert len(tables) == len(model)
    for element, table in zip(tables, model, strict=True):
        if table.caption:
            assert str(element.A.Summary) == table.caption
        kinds = [str(k.S) for k in _kids(element)]
        assert kinds in (["/THead", "/TBody"], ["/THead"]), kinds
        (head, *body) = _kids(element)
        assert [str(r.S) for r in _kids(head)] == ["/TR"]
        rows = [r for b in body for r in _kids(b)]
        assert all(r.S == "/TR" and r.P.objgen == body[0].objgen for r in rows)
        assert len(rows) == len(table.rows) + len(table.groups)
        # header and data cells tied by the scope alone: no IDs of repeated (artifact)
        # header cells, nor IDs that repeat across pieces
        cells = [c for r in [*_kids(head), *rows] for c in _kids(r)]
        assert all(c.A.Scope == "/Column" and "/ID" not in c for c in cells if c.S == "/TH")
        assert not any("/A" in c and "/Headers" in c.A for c in cells if c.S == "/TD")


def _assert_tree_consistent(pdf: pikepdf.Pdf) -> None:
    """Every element is listed once, by the element its ``/P`` names; every marked
    content id of a page maps in the parent tree to an element that owns it on that
    page (an id of its own, or a reference naming the page), one of the tree unless
    nothing is drawn in it (the front matter's hidden footer, which WeasyPrint tags
    outside the tree)."""
    seen: set[tuple[int, int]] = set()

    def visit(element: Any) -> None:
        assert element.objgen not in seen
        seen.add(element.objgen)
        for kid in _kids(element):
            assert isinstance(kid, int | pikepdf.Dictionary), kid  # no joined-away element
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                assert kid.P.objgen == element.objgen
                visit(kid)

    visit(pdf.Root.StructTreeRoot.K[0])
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    rows = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        row = rows[int(page.StructParents)]
        operators = [(i.operands, str(i.operator)) for i in pikepdf.parse_content_stream(page)]
        for index, (operands, operator) in enumerate(operators):
            if operator != "BDC" or not isinstance(operands[1], pikepdf.Dictionary):
                continue
            if "/MCID" not in operands[1]:
                continue
            mcid = int(operands[1].MCID)
            element = row[mcid]
            owned = [
                (element.Pg.objgen, k)
                if isinstance(k, int)
                else (k.get("/Pg", element.Pg).objgen, int(k.MCID))
                for k in _kids(element)
                if isinstance(k, int) or k.get("/Type") == "/MCR"
            ]
            assert (page.objgen, mcid) in owned
            empty = operators[index + 1][1] == "EMC"
            assert element.objgen in seen or empty


def test_a_year_of_1000_records_has_one_table_per_table(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from benchmarks.synth import write_inputs
    from reports.checking.check import check_year
    from reports.document.build import build_document

    inputs = tmp_path_factory.mktemp("n1000")
    write_inputs(inputs, 1000)
    report = check_year(inputs, 2025)
    assert report.data is not None
    document = build_document(report.data)
    chunks = pdf_chunks.plan(document)
    assert sum(1 for c in chunks if c.continues[-1:] == ("TBody",)) >= 3  # cut inside tables
    pdf = pikepdf.open(io.BytesIO(render_pdf(document, chunks=chunks).data))
    _assert_one_table_per_table(document, pdf)
    _assert_tree_consistent(pdf)
    assert len(pdf.pages) > 2 * len(_tables(document))  # long tables, each over many pages
    assert [str(e.S) for e in _elements(pdf)].count("/Part") == 1  # the body, once


#: Pieces of a page or two: cuts inside tables, lists and sections, and between sections.
SMALL_PIECES = 2_500


@pytest.fixture(scope="module")
def joined() -> tuple[Document, list[pdf_chunks.Chunk], bytes]:
    document = long_document()
    chunks = pdf_chunks.plan(document, SMALL_PIECES)
    return document, chunks, render_pdf(document, chunks=chunks).data


def test_the_pieces_are_cut_inside_tables_lists_and_sections(
    joined: tuple[Document, list[pdf_chunks.Chunk], bytes],
) -> None:
    _, chunks, _ = joined
    assert len(chunks) >= 10
    ends = {chunk.continues[-1] for chunk in chunks[1:]}
    assert ends == {"Part", "Sect", "L", "TBody"}


def test_a_table_cut_between_pieces_is_one_table(
    joined: tuple[Document, list[pdf_chunks.Chunk], bytes],
) -> None:
    document, _, data = joined
    pdf = pikepdf.open(io.BytesIO(data))
    _assert_one_table_per_table(document, pdf)
    _assert_tree_consistent(pdf)
    kinds = [str(e.S) for e in _elements(pdf)]
    assert kinds.count("/Sect") == len(document.walk())
    lists = sum(
        1 for s in document.walk() for b in s.blocks if isinstance(b, BulletList) and b.items
    )
    assert kinds.count("/L") == lists + 1  # and the contents' list


def test_a_header_repeated_in_the_next_piece_is_drawn_as_an_artifact(
    joined: tuple[Document, list[pdf_chunks.Chunk], bytes],
) -> None:
    document, _, data = joined
    pdf = pikepdf.open(io.BytesIO(data))
    drawn = sum(
        PdfReader(io.BytesIO(data)).pages[i].extract_text().count("Termin")
        for i in range(len(pdf.pages))
    )
    content = b"".join(s.read_bytes() for page in pdf.pages for s in page.Contents)
    repeated = re.findall(rb"/Artifact\s*<</Type /Pagination>>\s*BDC", content)
    tables = _tables(document)
    assert drawn > len(tables)
    assert len(repeated) == len(COLUMNS) * (drawn - len(tables))


def test_pieces_give_the_structure_of_one_piece(
    joined: tuple[Document, list[pdf_chunks.Chunk], bytes],
) -> None:
    document, _, data = joined
    whole = pdf_chunks.plan(document, 10**9)
    assert len(whole) == 1
    one = pikepdf.open(io.BytesIO(render_pdf(document, chunks=whole).data))
    pieced = pikepdf.open(io.BytesIO(data))
    assert len(pieced.pages) > len(one.pages)  # a cut inside a table starts a page
    assert _kinds(pieced) == _kinds(one)


def test_cached_pieces_join_into_the_same_structure(
    joined: tuple[Document, list[pdf_chunks.Chunk], bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document, chunks, data = joined
    store = Cache(tmp_path)
    assert render_pdf(document, chunks=chunks, cache=store).data == data

    def lay_out(*_: Any, **__: Any) -> None:
        raise AssertionError("laid out again")

    monkeypatch.setattr(pdf_renderer, "render_cached", lay_out)
    assert render_pdf(document, chunks=chunks, cache=store).data == data


def test_qpdf_and_pdfua_find_the_joined_structure_clean(
    joined: tuple[Document, list[pdf_chunks.Chunk], bytes], tmp_path: Path
) -> None:
    path = tmp_path / "joined.pdf"
    path.write_bytes(joined[2])
    code, report = qpdf_check(path)
    assert code == 0, report
    assert "No syntax or stream encoding errors found" in report
    assert not [(o.rule_id, f.message) for o in pdfua_outcomes(path) for f in o.findings]
