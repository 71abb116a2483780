"""The PDF as a screen reader sees it (its structure tree, read with pikepdf): one
``Table`` per table however many pages it spans, its repeated header rows artifacts;
one link per contents entry, described by its title and page; the cover title a
heading. Checked on a table over several pages, on a year of 1000 records and on a
PDF joined from many pieces."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pikepdf
import pytest

from reports.document.model import Document, Table
from reports.render.pdf import pieces as pdf_chunks
from reports.render.pdf.renderer import render_pdf
from tests.render.test_pdf import sample_document
from tests.render.test_pdf_pieces import long_document


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
    pdf = pikepdf.open(io.BytesIO(render_pdf(document).data))
    tables = [e for e in _elements(pdf) if e.S == "/Table"]
    chunks = pdf_chunks.plan(document)
    # a table cut between pieces is two (the pieces are laid out apart): at most one
    # more per cut inside a table
    inside = sum(
        1
        for chunk in chunks
        for part in chunk.parts
        for sub in (part, *part.subsections)
        for block in sub.blocks
        if getattr(block, "first_row", 0) > 0
    )
    assert len(_tables(document)) <= len(tables) <= len(_tables(document)) + inside
    assert len(pdf.pages) > 2 * len(tables)  # long tables, each over many pages


def test_a_pdf_joined_from_many_pieces_joins_tables_inside_each_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = long_document()
    monkeypatch.setattr(pdf_chunks, "TARGET_WEIGHT", 9_000)
    chunks = pdf_chunks.plan(document)
    assert len(chunks) >= 3
    pdf = pikepdf.open(io.BytesIO(render_pdf(document).data))
    shown = sum(
        1
        for chunk in chunks
        for part in chunk.parts
        for sub in (part, *part.subsections)
        for block in sub.blocks
        if hasattr(block, "first_row")
    )
    tables = [e for e in _elements(pdf) if e.S == "/Table"]
    assert len(tables) == shown  # one per table part: none per page
