"""A long report rendered in pieces and joined: the joined PDF must be one valid,
tagged, reproducible document that says what the DOCX says.

The pieces are made small here (a low target weight), so that a short document is
cut in many places: between parts of the outline, between subsections and inside a
table.
"""

from __future__ import annotations

import io
import itertools
import multiprocessing
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reports.document.layout import paginate
from reports.document.model import (
    Align,
    BarChart,
    BulletList,
    Column,
    Document,
    Figure,
    Paragraph,
    Run,
    Section,
    Series,
    Table,
    TableOfContents,
    TitlePage,
)
from reports.document.parts import SectionPart, TablePart, whole
from reports.render.docx.renderer import docx_text, render_docx
from reports.render.pdf import pieces as pdf_chunks
from reports.render.pdf.engine import RenderedPdf
from reports.render.pdf.renderer import render_pdf
from tests.pdftext import pdf_pages_text, pdf_text
from tests.validators import pdfua_outcomes, qpdf_check

NBSP = "\u00a0"
MONTHS = ("styczeń 2025", "luty 2025", "marzec 2025", "kwiecień 2025")
PARTNERS = ("Erfurt", "Łowecz", "Żółkiew", "Lwów", "Martin")


def _rows(month: int, count: int) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            f"{month * 100 + i}.",
            f"{i + 1}{NBSP}{MONTHS[month].split()[0]}",
            f"{PARTNERS[i % len(PARTNERS)]} (Niemcy)",
            f"Delegacja nr{NBSP}{month * 100 + i} z{NBSP}burmistrzem i radnymi miasta",
            f"Cel wizyty {month * 100 + i}: współpraca kulturalna, gospodarcza i oświatowa",
        )
        for i in range(count)
    )


COLUMNS = (
    Column("Lp.", 0.07, Align.RIGHT),
    Column("Termin", 0.18),
    Column("Miasto (kraj)", 0.2),
    Column("Goście", 0.25),
    Column("Cel", 0.3),
)


def _figure(name: str, values: tuple[int, ...]) -> Figure:
    chart = BarChart(
        categories=MONTHS,
        series=(Series("Wizyty", tuple(map(float, values)), tuple(map(str, values))),),
        value_axis="liczba",
        ticks=tuple((v, str(v)) for v in range(0, 50, 10)),
    )
    return Figure(chart, f"Wykres słupkowy: {name}", f"Wykres: {name}.", f"Tabela: {name}")


def long_document() -> Document:
    """Parts with month subsections, a long table, lists, charts and short parts."""
    months = tuple(
        Section(
            name,
            f"wizyty-{i}",
            (Table(COLUMNS, _rows(i, 45 if i == 1 else 12), f"Wizyty: {name}"),),
            level=2,
        )
        for i, name in enumerate(MONTHS)
    )
    partners = tuple(
        Section(
            name,
            f"partner-{i}",
            (
                Paragraph.of(f"Miasto partnerskie od {1990 + i}{NBSP}r."),
                BulletList(
                    tuple(
                        Paragraph(
                            (Run(f"{j + 1} marca 2025{NBSP}r.", bold=True), Run(f": wizyta {j}"))
                        )
                        for j in range(8)
                    )
                ),
            ),
            level=2,
        )
        for i, name in enumerate(PARTNERS, start=1)
    )
    return Document(
        title=f"Raport dotyczący współpracy zagranicznej w{NBSP}roku 2025",
        author="Urząd Miasta Kalisza",
        language="pl",
        created=datetime(2026, 3, 15, 12, 0),
        title_page=TitlePage(
            title=f"Raport dotyczący współpracy zagranicznej w{NBSP}roku 2025",
            lines=("Miasto Kalisz", "Urząd Miasta Kalisza"),
            place_and_date=f"Kalisz, 15{NBSP}marca 2026{NBSP}r.",
        ),
        contents=TableOfContents("Spis treści"),
        sections=(
            Section(
                "Podsumowanie",
                "podsumowanie",
                (
                    Paragraph.of("W 2025 r. było 81 wizyt."),
                    _figure("wizyty w miesiącach", (12, 45, 12, 12)),
                ),
            ),
            Section("Wizyty delegacji zagranicznych w Kaliszu", "wizyty", (), subsections=months),
            Section("Współpraca z miastami partnerskimi", "wspolpraca", (), subsections=partners),
            Section(
                "Metryczka",
                "metryczka",
                (
                    Paragraph.of("Informację wytworzył: Jan Nowak"),
                    _figure("ostatnia część", (1, 2, 3, 4)),
                ),
            ),
        ),
        subject="Współpraca zagraniczna Miasta Kalisza w 2025 r.",
        keywords=("Kalisz", "2025"),
    )


TARGET = 9_000  # a few pages a piece


@pytest.fixture(scope="module")
def document() -> Document:
    return long_document()


@pytest.fixture(scope="module")
def chunks(document: Document) -> list[pdf_chunks.Chunk]:
    return pdf_chunks.plan(document, TARGET)


@pytest.fixture(scope="module")
def rendered(document: Document) -> Iterator[RenderedPdf]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_chunks, "TARGET_WEIGHT", TARGET)
        yield render_pdf(document)


@pytest.fixture(scope="module")
def reader(rendered: RenderedPdf) -> PdfReader:
    return PdfReader(io.BytesIO(rendered.data))


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(NBSP, " ")).strip()


# The plan


def test_the_document_is_cut_into_many_pieces_inside_a_table(
    chunks: list[pdf_chunks.Chunk],
) -> None:
    assert len(chunks) >= 4
    continued_tables = [
        block
        for chunk in chunks
        for part in chunk.parts
        for sub in (part, *part.subsections)
        for block in sub.blocks
        if isinstance(block, TablePart) and block.first_row > 0
    ]
    assert continued_tables, "some piece starts inside a table"


def test_every_row_and_item_is_in_exactly_one_piece(
    document: Document, chunks: list[pdf_chunks.Chunk]
) -> None:
    def rows(parts: Any) -> Iterator[tuple[str, ...]]:
        for part in parts:
            for block in part.blocks:
                if isinstance(block, TablePart | Table):
                    yield from block.rows
                elif isinstance(block, BulletList):
                    yield from ((item.text,) for item in block.items)
                elif isinstance(block, Figure):
                    yield (block.caption,)
                else:
                    yield (block.text,)
            yield from rows(part.subsections)

    pieces = [row for chunk in chunks for row in rows(chunk.parts)]
    assert pieces == list(rows(whole(document)))


def test_headings_appear_once_and_never_end_a_piece(chunks: list[pdf_chunks.Chunk]) -> None:
    def headings(parts: Any) -> Iterator[Any]:
        for part in parts:
            if part.heading:
                yield part
            yield from headings(part.subsections)

    def last_is_bare_heading(part: Any) -> bool:
        if part.subsections:
            return last_is_bare_heading(part.subsections[-1])
        return part.heading and not part.blocks

    anchors = [h.anchor for chunk in chunks for h in headings(chunk.parts)]
    assert len(anchors) == len(set(anchors))
    for chunk in chunks[:-1]:
        assert not last_is_bare_heading(chunk.parts[-1])


def test_every_piece_says_what_it_continues(document: Document) -> None:
    """The body always; each section it begins in without a heading; the table or list
    it begins inside — what the join makes one structure element of."""

    def last(part: SectionPart) -> SectionPart:
        return last(part.subsections[-1]) if part.subsections else part

    chunks = pdf_chunks.plan(document, 2_500)
    assert chunks[0].continues == ()
    kinds: set[str] = set()
    for before, chunk in itertools.pairwise(chunks):
        expected = ["Part"]
        part: SectionPart | None = chunk.parts[0]
        while part is not None and not part.heading:
            expected.append("Sect")
            first = part.blocks[0] if part.blocks else None
            if isinstance(first, TablePart) and first.first_row > 0:
                expected += ["Table", "TBody"]
            elif isinstance(first, BulletList):
                previous = last(before.parts[-1])
                if previous.anchor == part.anchor and isinstance(previous.blocks[-1], BulletList):
                    expected.append("L")  # the same list, its items on both sides
            part = None if part.blocks else part.subsections[0]
        assert chunk.continues == tuple(expected)
        kinds.add(expected[-1])
    assert kinds == {"Part", "Sect", "TBody", "L"}


def test_the_plan_depends_on_the_document_only(document: Document) -> None:
    assert pdf_chunks.plan(document, TARGET) == pdf_chunks.plan(long_document(), TARGET)
    assert len(pdf_chunks.plan(document)) <= 2  # at the default target: one or two pieces


def test_an_edit_leaves_the_pieces_away_from_it_unchanged(document: Document) -> None:
    """A rebuild after a one-cell edit finds every other piece in the build cache."""
    visits, months = document.sections[1], document.sections[1].subsections
    table = months[1].blocks[0]
    assert isinstance(table, Table)
    rows = list(table.rows)
    middle = len(rows) // 2
    rows[middle] = (*rows[middle][:-1], rows[middle][-1] + " oraz wizyta studyjna w ratuszu")
    edited_month = replace(months[1], blocks=(replace(table, rows=tuple(rows)),))
    edited_visits = replace(visits, subsections=(months[0], edited_month, *months[2:]))
    edited = replace(
        document, sections=(document.sections[0], edited_visits, *document.sections[2:])
    )

    before, after = pdf_chunks.plan(document, TARGET), pdf_chunks.plan(edited, TARGET)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    assert len(before) == len(after) >= 4
    assert len(changed) == 1, changed


# The joined PDF


def test_same_text_as_the_docx(rendered: RenderedPdf, document: Document) -> None:
    docx_words = _words(" ".join(docx_text(render_docx(document))))
    assert _words(pdf_text(rendered.data, contents=False)) == docx_words


def test_footer_on_every_page_but_the_title(reader: PdfReader, rendered: RenderedPdf) -> None:
    pages = [page.extract_text() for page in reader.pages]
    assert rendered.pages == len(pages) >= 8
    assert "strona" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"strona {number} z {len(pages)}" in _words(text)


def test_bookmarks_and_contents_point_to_the_headings(
    reader: PdfReader, document: Document
) -> None:
    def flat(items: list[Any], depth: int = 0) -> Iterator[tuple[int, Any]]:
        for item in items:
            if isinstance(item, list):
                yield from flat(item, depth + 1)
            else:
                yield depth, item

    marks = list(flat(reader.outline))
    assert [(d, str(m.title)) for d, m in marks] == [
        (s.level - 1, s.title) for s in document.walk()
    ]
    contents = _words(reader.pages[1].extract_text())
    for _, mark in marks:
        page: Any = reader.get_destination_page_number(mark)
        pattern = re.escape(_words(str(mark.title))) + r" " + str(page + 1) + r"\b"
        assert re.search(pattern, contents), (mark.title, page + 1)
        text = _words(reader.pages[page].extract_text())
        assert _words(str(mark.title)) in text
    # the contents' links reach the headings' pages through named destinations
    dests = reader.named_destinations
    for section in document.walk():
        assert section.anchor in dests


def _marked_ids(reader: PdfReader, page: Any) -> list[int]:
    content = ContentStream(page.get_contents(), reader)
    found = []
    for operands, operator in content.operations:
        if operator == b"BDC" and len(operands) > 1 and hasattr(operands[1], "get"):
            mcid = operands[1].get("/MCID")
            if mcid is not None:
                found.append(int(mcid))
    return found


def test_structure_tree_is_whole_and_consistent(reader: PdfReader) -> None:
    root: Any = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"].get_object()
    nums = list(tree["/ParentTree"].get_object()["/Nums"])
    parents = {int(k): v for k, v in zip(nums[::2], nums[1::2], strict=True)}
    (document,) = [kid.get_object() for kid in tree["/K"]]
    assert document["/S"] == "/Document"
    assert document.raw_get("/P").idnum == tree.indirect_reference.idnum

    # every element's parent is the one that lists it
    count = 0

    def visit(element: Any) -> None:
        nonlocal count
        count += 1
        kids = element.get("/K", [])
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, int):
                continue
            child = kid.get_object()
            if child.get("/Type", "/StructElem") == "/StructElem" and "/S" in child:
                assert child.raw_get("/P").idnum == element.indirect_reference.idnum
                visit(child)

    visit(document)
    assert count > 100

    # every marked content id of every page maps to an element on that page owning it
    keys = set()
    pages: list[Any] = list(reader.pages)
    for page in pages:
        key = int(page["/StructParents"])
        assert key not in keys
        keys.add(key)
        row = parents[key]
        row = row.get_object() if hasattr(row, "get_object") else row
        for mcid in _marked_ids(reader, page):
            element = row[mcid].get_object()
            assert element.raw_get("/Pg").idnum == page.indirect_reference.idnum
            kids = element["/K"]
            kids = kids if isinstance(kids, list) else [kids]
            assert mcid in [int(k) for k in kids if isinstance(k, int)]

    # every link annotation belongs to a /Link element that points back to it
    links = 0
    for page in pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            element = parents[int(annotation["/StructParent"])].get_object()
            assert element["/S"] == "/Link"
            objects = [k.get_object() for k in element["/K"] if not isinstance(k, int)]
            assert any(o.get("/Obj") == annotation.indirect_reference for o in objects)
            links += 1
    assert links >= sum(1 for s in long_document().walk() if s.level <= 3)
    assert int(tree["/ParentTreeNextKey"]) > max(parents)


def test_figures_keep_their_tags_and_alt_text_in_other_pieces(
    reader: PdfReader, chunks: list[pdf_chunks.Chunk]
) -> None:
    with_figure = [
        i
        for i, chunk in enumerate(chunks)
        if any(isinstance(b, Figure) for part in chunk.parts for b in _all_blocks(part))
    ]
    assert len(with_figure) == 2 and with_figure[0] != with_figure[1]
    catalog: Any = reader.trailer["/Root"]
    root: Any = catalog["/StructTreeRoot"].get_object()
    alts = []

    def visit(element: Any) -> None:
        if element.get("/S") == "/Figure":
            alts.append(str(element["/Alt"]))
            assert element["/K"]  # the drawing's marked content belongs to the figure
        kids = element.get("/K", [])
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int):
                child = kid.get_object()
                if child.get("/Type", "/StructElem") == "/StructElem" and "/S" in child:
                    visit(child)

    visit(root)
    assert alts == ["Wykres słupkowy: wizyty w miesiącach", "Wykres słupkowy: ostatnia część"]


def _all_blocks(part: SectionPart) -> list[Any]:
    return [*part.blocks, *(b for sub in part.subsections for b in _all_blocks(sub))]


def test_metadata_language_and_tags_from_the_front_matter(
    reader: PdfReader, document: Document
) -> None:
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata is not None and reader.metadata.title == document.title
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp.stream.get_data().decode())


def test_every_font_subset_has_a_tag_of_its_own(reader: PdfReader) -> None:
    programs: dict[str, bytes] = {}
    pages: list[Any] = list(reader.pages)
    for page in pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            data = descriptor.get_object()["/FontFile2"].get_object().get_data()
            name = str(font["/BaseFont"])
            assert re.fullmatch(r"/[A-Z]{6}\+Raport-Carlito(-Bold)?(-Italic)?", name)
            assert programs.setdefault(name, data) == data, name


def test_the_footer_is_an_artifact(reader: PdfReader, rendered: RenderedPdf) -> None:
    page: Any = reader.pages[3]
    content = page.get_contents().get_data()
    assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in content
    assert "strona" not in pdf_text(rendered.data)


def test_workers_give_the_same_bytes(document: Document, rendered: RenderedPdf) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_chunks, "TARGET_WEIGHT", TARGET)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            assert render_pdf(document, executor=pool).data == rendered.data


def test_qpdf_and_pdfua_find_the_joined_pdf_clean(rendered: RenderedPdf, tmp_path: Path) -> None:
    path = tmp_path / "joined.pdf"
    path.write_bytes(rendered.data)
    code, report = qpdf_check(path)
    assert code == 0, report
    assert "No syntax or stream encoding errors found" in report
    findings = [(o.rule_id, f.message) for o in pdfua_outcomes(path) for f in o.findings]
    assert not findings


def test_cuts_before_parts_that_start_a_page_lay_out_as_one_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the pieces are cut only before parts that start a page, the joined PDF has
    the pages of a layout in one piece; a part that follows another is never cut off."""
    document = replace(long_document(), sections=paginate(long_document().sections))
    assert [s.starts_page for s in document.sections] == [True, True, True, False]
    target = 50_000  # the cut falls before the last part that starts a page
    chunks = pdf_chunks.plan(document, target)
    assert len(chunks) >= 2
    for chunk in chunks:
        first = chunk.parts[0]
        assert first.heading and first.starts_page, "a piece starts at a part on a new page"
    monkeypatch.setattr(pdf_chunks, "TARGET_WEIGHT", target)
    pieced = render_pdf(document)
    monkeypatch.setattr(pdf_chunks, "TARGET_WEIGHT", 10**9)
    whole_pdf = render_pdf(document)
    assert pieced.pages == whole_pdf.pages
    assert pdf_pages_text(pieced.data) == pdf_pages_text(whole_pdf.data)


BUILD_TARGET = pdf_chunks.TARGET_WEIGHT


def test_a_year_of_200_records_is_cut_only_where_a_page_starts(tmp_path: Path) -> None:
    """Its chapters are shorter than ``LONG_CHAPTER`` targets: no piece starts inside
    one, so no page ends early where the layout in one piece would go on."""
    from benchmarks.synth import write_inputs
    from reports.checking.check import check_year
    from reports.document.build import build_document

    year = write_inputs(tmp_path / "inputs", 200, 2025).year
    checked = check_year(tmp_path / "inputs", year)
    assert checked.data is not None
    # the target a build uses (the module's fixtures lower it while they last)
    chunks = pdf_chunks.plan(build_document(checked.data), BUILD_TARGET)
    assert len(chunks) >= 3  # still shared out between the workers
    for chunk in chunks[1:]:
        first = chunk.parts[0]
        assert chunk.continues == ("Part",) and first.heading and first.starts_page


def test_a_long_chapter_is_still_cut_inside() -> None:
    document = long_document()
    weights = [
        pdf_chunks.plan(replace(document, sections=(s,)))[0].weight for s in document.sections
    ]
    target = max(weights) // (pdf_chunks.LONG_CHAPTER + 1)
    inside = [c for c in pdf_chunks.plan(document, target) if len(c.continues) > 1]
    assert inside, "a chapter of more than LONG_CHAPTER targets is cut between its rows"
