"""The DOCX renderer: Word structure, Polish language, metadata, determinism, text order."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from reports.document import layout
from reports.document.model import (
    Align,
    BulletList,
    Column,
    Document,
    Figure,
    Group,
    Paragraph,
    Run,
    Section,
    Table,
    TableOfContents,
    TitlePage,
)
from reports.render.docx.renderer import (
    ReferenceStyleError,
    docx_text,
    prepare_docx,
    reference_path,
    render_docx,
)

NBSP = "\u00a0"
CREATED = datetime(2026, 3, 15, 10, 30, 44)
ROOT = Path(__file__).resolve().parents[2]
LONG_ROWS = 75  # enough to run over a page


def _visits_table() -> Table:
    columns = (
        Column("Lp.", 0.08, Align.RIGHT),
        Column("Termin", 0.22),
        Column("Miasto (kraj)", 0.2),
        Column("Goście", 0.25),
        Column("Cel", 0.25),
    )
    rows = tuple(
        (
            f"{i}.",
            f"{i % 28 + 1}{NBSP}marca 2025{NBSP}r.",
            "Łuck (Ukraina)" if i % 2 else "Żytomierz (Ukraina)",
            f"Delegacja z{NBSP}Zagrzebia nr {i}",
            "" if i == 7 else f"Święto Miasta, źródła gęślą jaźń ({i})",
        )
        for i in range(1, LONG_ROWS + 1)
    )
    return Table(columns, rows, caption="Wizyty delegacji zagranicznych w 2025 r.")


def make_document() -> Document:
    """A small report with every block type, Polish letters and a long table."""
    partners = tuple(
        Section(
            title=f"Współpraca z miastem {city}",
            anchor=f"partner-{slug}",
            blocks=(Paragraph.of(f"W 2025{NBSP}r. {city} odwiedziła 1{NBSP}delegacja."),),
            level=2,
        )
        for city, slug in (("Łuck", "luck"), ("Źrebce", "zrebce"))
    )
    sections = (
        Section(
            "Podsumowanie",
            "podsumowanie",
            (
                Paragraph(
                    (
                        Run("W 2025 r. miasto przyjęło "),
                        Run("12 wizyt", bold=True),
                        Run(" i wysłało "),
                        Run("3 delegacje", italic=True),
                        Run(" – żółć, gęś, ćma."),
                    )
                ),
                BulletList(
                    (
                        Paragraph.of("Ukraina – 5 wizyt"),
                        Paragraph((Run("Niemcy", bold=True, italic=True), Run(" – 1 wizyta"))),
                    )
                ),
            ),
        ),
        Section("Wizyty delegacji zagranicznych w Kaliszu", "wizyty", (_visits_table(),)),
        Section(
            "Nagrody i wyróżnienia",
            "nagrody",
            (Paragraph.of(f"W 2025{NBSP}r. miasto nie otrzymało nagród."),),
        ),
        Section(
            "Współpraca z poszczególnymi miastami partnerskimi",
            "partnerzy",
            (Paragraph.of("Wstęp do części o miastach."),),
            subsections=partners,
        ),
        Section(
            "Metryczka",
            "metryczka",
            (
                Table(
                    (Column("Pole", 0.4), Column("Wartość", 0.6)),
                    (("Informację wytworzył(a)", "Anna Żądło"), ("Data wytworzenia", "15 marca")),
                ),
            ),
        ),
    )
    return Document(
        title="Raport dotyczący współpracy zagranicznej w roku 2025",
        author="Biuro Współpracy Zagranicznej Urzędu Miasta Kalisza",
        language="pl",
        created=CREATED,
        title_page=TitlePage(
            "Raport dotyczący współpracy zagranicznej w roku 2025",
            ("Miasto Kalisz", "Urząd Miasta Kalisza"),
            f"Kalisz, 15 marca 2026{NBSP}r.",
        ),
        contents=TableOfContents("Spis treści"),
        sections=sections,
        subject="Współpraca zagraniczna Miasta Kalisza w 2025 r.",
        keywords=("Kalisz", "współpraca zagraniczna", "2025"),
    )


def model_text(document: Document) -> list[str]:
    """What docx_text should return: the model's strings in reading order."""
    page = document.title_page
    out = [page.title, *page.lines, page.place_and_date, document.contents.title]
    for section in document.walk():
        out.append(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, BulletList):
                out += [item.text for item in block.items]
            elif isinstance(block, Figure):
                out.append(block.caption)  # the picture itself has no text
            else:
                out += [column.label for column in block.columns]
                for row in block.rows:
                    out += row
    return out


@pytest.fixture(scope="session")
def document() -> Document:
    return make_document()


@pytest.fixture(scope="session")
def data(document: Document) -> bytes:
    return render_docx(document)


@pytest.fixture(scope="session")
def word(data: bytes) -> Any:
    return docx.Document(BytesIO(data))


def _xpath(element: Any, path: str) -> list[Any]:
    result: list[Any] = element.xpath(path)
    return result


def _string(element: Any, path: str) -> str:
    """The XPath ``string(path)`` under ``element``."""
    return str(element.xpath(f"string({path})"))


def _val_of(element: Any, attribute: str) -> str | None:
    value: str | None = element.get(qn(attribute))
    return value


def _val(element: Any) -> str | None:
    value: str | None = element.get(qn("w:val"))
    return value


# --- structure ------------------------------------------------------------------------


def test_it_opens_in_python_docx_with_one_table_per_model_table(word: Any) -> None:
    assert len(word.tables) == 2
    assert len(word.tables[0].rows) == LONG_ROWS + 1
    assert [c.text for c in word.tables[1].rows[1].cells] == [
        "Informację wytworzył(a)",
        "Anna Żądło",
    ]


def test_headings_use_the_built_in_heading_styles(word: Any, document: Document) -> None:
    headings = [
        (p.style.name, p.text)
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings == [(f"Heading {s.level}", s.title) for s in document.walk()]
    assert word.styles["Heading 1"].builtin and word.styles["Heading 2"].builtin


def test_title_page_has_its_own_styles_then_a_page_break(word: Any) -> None:
    styles = [p.style.name for p in word.paragraphs[:6]]
    assert styles == [
        "Title",
        "Miasto na stronie tytułowej",
        "Subtitle",
        "Data na stronie tytułowej",
        "Normal",  # the frames' anchor, empty
        "TOC Heading",
    ]
    assert word.paragraphs[4].text == ""
    toc_title = word.paragraphs[5]
    assert toc_title.text == "Spis treści"
    assert toc_title.paragraph_format.page_break_before is True


def _frame(paragraph: Any) -> dict[str, str]:
    (frame,) = _xpath(paragraph._p, "w:pPr/w:framePr") or [None]
    if frame is None:
        return {}
    return {key.split("}")[1]: value for key, value in frame.attrib.items()}


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def test_title_page_lines_stand_where_the_pdf_puts_them(word: Any) -> None:
    """report.css: the title 88 mm below the top margin between two rules (its style),
    the city and office lines 8 mm below the margin, the place and date 6 mm above the
    bottom margin: the lines and the date are frames, after the title in reading order."""
    title, city, office, date, anchor = word.paragraphs[:5]
    assert _frame(title) == {} and _frame(anchor) == {}
    section = word.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) // 635
    height = (section.page_height - section.top_margin - section.bottom_margin) // 635
    assert _frame(city) == _frame(office)  # one frame for both lines
    lines, at_foot = _frame(city), _frame(date)
    for frame in (lines, at_foot):
        assert (frame["w"], frame["x"], frame["hAnchor"], frame["vAnchor"]) == (
            str(width),
            "0",
            "margin",
            "margin",
        )
        assert frame["wrap"] == "through"  # the title's space above does not move
    assert abs(int(lines["y"]) - _twips(8)) <= _twips(1)
    bottom = int(at_foot["y"]) + int(at_foot["h"])
    assert abs(height - bottom - _twips(6)) <= _twips(1)
    style = title.style.element
    assert _string(style, "w:pPr/w:spacing/@w:before") == str(_twips(88))
    rules = _xpath(style, "w:pPr/w:pBdr/*")
    assert [(r.tag.split("}")[1], _val(r)) for r in rules] == [
        ("top", "single"),
        ("bottom", "single"),
    ]
    assert city.style.font.bold and city.style.font.size.pt == 15
    assert office.style.font.size.pt == 13 and date.style.font.size.pt == 12


def test_a_part_starting_a_page_has_no_space_above_its_heading() -> None:
    """As the PDF's ``.starts-page``: Word and LibreOffice keep a paragraph's space
    before after a page break, so the heading that starts a page sets it to none."""
    first = Section("Podsumowanie", "podsumowanie", (Paragraph.of("Tekst."),), starts_page=True)
    second = Section("Nagrody", "nagrody", (Paragraph.of("Tekst."),))
    document = dataclasses.replace(make_document(), sections=(first, second))
    word: Any = docx.Document(BytesIO(render_docx(document)))
    headings = [p for p in word.paragraphs if p.style.name == "Heading 1"]
    assert [h.paragraph_format.page_break_before for h in headings] == [True, None]
    assert [h.paragraph_format.space_before for h in headings] == [0, None]


def test_bullets_use_list_bullet_and_runs_keep_bold_and_italic(word: Any) -> None:
    bullets = [p for p in word.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["Ukraina – 5 wizyt", "Niemcy – 1 wizyta"]
    assert [(r.text, r.bold, r.italic) for r in bullets[1].runs] == [
        ("Niemcy", True, True),
        (" – 1 wizyta", None, None),
    ]
    summary = next(p for p in word.paragraphs if p.text.startswith("W 2025 r. miasto przyjęło"))
    assert [(r.bold, r.italic) for r in summary.runs] == [
        (None, None),
        (True, None),
        (None, None),
        (None, True),
        (None, None),
    ]


def test_toc_is_a_field_prefilled_with_the_headings(word: Any, document: Document) -> None:
    body = word.element.body
    instructions = [t.text for t in _xpath(body, ".//w:instrText")]
    assert ' TOC \\o "1-3" \\h \\z \\u ' in instructions
    begin = _xpath(body, ".//w:fldChar[@w:fldCharType='begin']")[0]
    assert begin.get(qn("w:dirty")) == "true"
    links = _xpath(body, ".//w:hyperlink")
    assert ["".join(_xpath(link, ".//w:t/text()")) for link in links] == [
        s.title for s in document.walk()
    ]
    # every link points at a bookmark around the matching heading
    bookmarks = {b.get(qn("w:name")) for b in _xpath(body, ".//w:bookmarkStart")}
    assert {link.get(qn("w:anchor")) for link in links} == bookmarks
    toc_styles = [p.style.name for p in word.paragraphs if p.style.name.startswith("toc")]
    assert toc_styles == [f"toc {s.level}" for s in document.walk()]


def test_toc_entries_show_the_pages_given_after_a_dotted_tab(document: Document) -> None:
    sections = document.walk()
    pages = {s.anchor: 3 + i for i, s in enumerate(sections[:-1])}  # the last one unknown
    body = docx.Document(BytesIO(render_docx(document, pages=pages))).element.body
    links = _xpath(body, ".//w:hyperlink")
    texts = [
        "".join("\t" if n.tag == qn("w:tab") else n.text for n in _xpath(link, ".//w:t | .//w:tab"))
        for link in links
    ]
    assert texts == [
        *(f"{s.title}\t{3 + i}" for i, s in enumerate(sections[:-1])),
        sections[-1].title,
    ]
    tabs = [_xpath(link.getparent(), "w:pPr/w:tabs/w:tab") for link in links]
    assert [len(t) for t in tabs] == [1] * (len(sections) - 1) + [0]
    assert _val_of(tabs[0][0], "w:leader") == "dot"


def test_the_contents_look_as_the_pdfs(document: Document) -> None:
    """As report.css's contents: a part's entry in bold, 2.4 mm below the one before it,
    a subsection's 0.8 mm below and 7 mm in, page numbers in regular weight; its title
    18 pt with no rule under it."""
    pages = {s.anchor: 3 + i for i, s in enumerate(document.walk())}
    word: Any = docx.Document(BytesIO(render_docx(document, pages=pages)))
    styles = word.styles
    first, second = styles["toc 1"], styles["toc 2"]
    assert first.font.bold and not second.font.bold
    before = [s.paragraph_format.space_before.twips for s in (first, second)]
    assert before == [136, 45]
    assert second.paragraph_format.left_indent.twips == 397
    heading = styles["TOC Heading"]
    assert heading.font.size.pt == 18
    assert _xpath(heading.element, "w:pPr/w:pBdr/w:bottom/@w:val") == ["nil"]
    numbers = _xpath(word.element.body, ".//w:hyperlink/w:r[w:tab]")
    assert len(numbers) == len(pages)
    assert all(_xpath(r, "w:rPr/w:b/@w:val") == ["0"] for r in numbers)


def test_only_running_text_is_justified(word: Any) -> None:
    """The PDF justifies its paragraphs (.para) and nothing else: headings, list items,
    table cells, captions and the contents stay as they are."""
    assert word.styles["Body Text"].paragraph_format.alignment == 3  # both
    justified = {p.text for p in word.paragraphs if p.style.paragraph_format.alignment == 3} | {
        p.text for p in word.paragraphs if p.paragraph_format.alignment == 3
    }
    body = {p.text for p in word.paragraphs if p.style.name == "Body Text"}
    assert "Wstęp do części o miastach." in body
    assert justified == body
    cells = [c.paragraphs[0] for t in word.tables for row in t.rows for c in row.cells]
    assert not any(
        c.style.paragraph_format.alignment == 3 or c.paragraph_format.alignment == 3 for c in cells
    )


def _keeps(paragraphs: list[Any]) -> list[bool]:
    return [bool(_xpath(p, "w:pPr/w:keepNext")) for p in paragraphs]


def test_a_table_followed_by_a_sentence_keeps_its_last_row_with_it() -> None:
    """As the PDF's ``.data + .para`` (decided in the model: Table.keep_with_next): the
    last row and the paragraph after the table keep with the sentence; a table followed
    by no sentence keeps its last row free."""
    rows = tuple((f"{y}", "1") for y in range(8))
    table = Table((Column("Rok", 0.5), Column("Liczba", 0.5)), rows)
    followed = Section("A", "a", (table, Paragraph.of("Razem osiem.")), starts_page=True)
    alone = Section("B", "b", (table,))
    document = dataclasses.replace(make_document(), sections=layout.paginate((followed, alone)))
    word: Any = docx.Document(BytesIO(render_docx(document)))
    first, second = (t._tbl for t in word.tables)
    last_rows = [_keeps(_xpath(t, "w:tr[last()]/w:tc/w:p")) for t in (first, second)]
    assert last_rows == [[True, True], [False, False]]
    gaps = [t.getnext() for t in (first, second)]
    assert _keeps(gaps) == [True, False]
    assert [_string(g, "w:pPr/w:pStyle/@w:val") for g in gaps] == ["OdstepPoTabeli"] * 2


def test_a_sentence_introducing_a_list_keeps_with_its_first_item() -> None:
    """As WeasyPrint sets the PDF: a paragraph followed by a list goes to the next page
    with the list's first item (Paragraph.keep_with_next, decided in the model)."""
    items = BulletList((Paragraph.of("pierwsza"), Paragraph.of("druga")))
    blocks = (Paragraph.of("Wstęp:"), items, Paragraph.of("Koniec."))
    section = Section("A", "a", blocks, starts_page=True)
    document = dataclasses.replace(make_document(), sections=layout.paginate((section,)))
    word: Any = docx.Document(BytesIO(render_docx(document)))
    shown = [p for p in word.paragraphs if p.text in ("Wstęp:", "pierwsza", "druga", "Koniec.")]
    assert _keeps([p._p for p in shown]) == [True, False, False, False]
    # 1.2 mm after an item, the list's 3 mm after the last one, as in the PDF
    after = [p.paragraph_format.space_after for p in shown[1:3]]
    assert after[0] is None and after[1].twips == 170
    assert word.styles["List Bullet"].paragraph_format.space_after.twips == 68


def test_a_prepared_docx_finishes_as_a_whole_render_would(document: Document) -> None:
    """The pipeline prepares the DOCX while the PDF is laid out and finishes it with the
    PDF's pages: the same bytes as rendering it at once, however often it is finished."""
    pages = {s.anchor: 5 + 2 * i for i, s in enumerate(document.walk())}
    prepared = prepare_docx(document)
    assert prepared.finish(pages) == render_docx(document, pages=pages)
    assert prepared.finish() == render_docx(document)
    assert prepared.finish(pages) != render_docx(document)


def test_a_report_without_sections_still_has_a_whole_toc_field(document: Document) -> None:
    empty = dataclasses.replace(document, sections=())
    word: Any = docx.Document(BytesIO(render_docx(empty)))
    kinds = [_val_of(f, "w:fldCharType") for f in _xpath(word.element.body, ".//w:fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert docx_text(render_docx(empty)) == model_text(empty)


def test_settings_ask_to_update_fields_on_opening(word: Any) -> None:
    settings = word.settings.element
    (update,) = _xpath(settings, "w:updateFields")
    assert _val(update) == "true"
    assert not _xpath(settings, "w:proofState")


def _grouped_table(*, loose: bool) -> Any:
    """The DOCX table of a list in two months (group rows) of five rows."""
    rows = tuple((f"{i}.", f"wizyta {i}") for i in range(1, 6))
    table = Table(
        (Column("Lp.", 0.2, Align.RIGHT), Column("Cel", 0.8)),
        rows,
        groups=(Group(0, "marzec 2025"), Group(2, "kwiecień 2025")),
        loose=loose,
    )
    document = dataclasses.replace(
        make_document(), sections=(Section("Wizyty", "wizyty", (table,)),)
    )
    return docx.Document(BytesIO(render_docx(document))).tables[0]


def test_every_other_row_is_shaded_as_in_the_pdf_group_rows_not_counted() -> None:
    rows = _xpath(_grouped_table(loose=False)._tbl, "w:tr")
    fills = [_string(row, "w:tc[1]/w:tcPr/w:shd/@w:fill") for row in rows]
    texts = ["".join(_xpath(row, ".//w:t/text()")) for row in rows]
    assert list(zip(texts, fills, strict=True)) == [
        ("Lp.Cel", ""),  # the header's colour is the table style's
        ("marzec 2025", ""),
        ("1.wizyta 1", ""),
        ("2.wizyta 2", "EEF2F6"),
        ("kwiecień 2025", ""),
        ("3.wizyta 3", ""),
        ("4.wizyta 4", "EEF2F6"),
        ("5.wizyta 5", ""),
    ]
    for i in (1, 4):  # the group rows: across the table, bold dark blue over a dark-blue rule
        assert _string(rows[i], "w:tc/w:tcPr/w:gridSpan/@w:val") == "2"
        assert _xpath(rows[i], "w:tc//w:r/w:rPr/w:b")
        assert _string(rows[i], "w:tc//w:r/w:rPr/w:color/@w:val") == "1F3A5F"
        assert _string(rows[i], "w:tc/w:tcPr/w:tcBorders/w:bottom/@w:color") == "1F3A5F"
        assert _xpath(rows[i], "w:tc/w:p/w:pPr/w:keepNext")  # with its first row


def test_rows_of_a_loose_table_may_split_as_in_the_pdf() -> None:
    """A loose table's rows (one taller than a good part of a page) may break across
    pages, as ``.loose tr`` in the PDF; its header row still does not."""
    for loose in (False, True):
        rows = _xpath(_grouped_table(loose=loose)._tbl, "w:tr")
        assert _xpath(rows[0], "w:trPr/w:cantSplit")
        assert [bool(_xpath(r, "w:trPr/w:cantSplit")) for r in rows[1:]] == [not loose] * 7
        kept = [bool(_xpath(r, "w:tc[1]/w:p/w:pPr/w:keepNext")) for r in rows[1:]]
        # parts.keeps: none in a loose table but the group rows'; else no row alone
        expected = [True, False, False, True, False, False, False] if loose else [True] * 6
        assert kept == (expected if loose else [*expected, False])


def test_table_header_row_repeats_and_rows_do_not_split(word: Any) -> None:
    for table in word.tables:
        rows = _xpath(table._tbl, "w:tr")
        assert _xpath(rows[0], "w:trPr/w:tblHeader")
        assert all(not _xpath(row, "w:trPr/w:tblHeader") for row in rows[1:])
        assert all(_xpath(row, "w:trPr/w:cantSplit") for row in rows)
        assert table.style.name == "Tabela raportu"
    header = word.tables[0].rows[0].cells
    assert [c.paragraphs[0].style.name for c in header] == ["Nagłówek tabeli"] * 5
    assert word.tables[0].rows[1].cells[1].paragraphs[0].style.name == "Tekst w tabeli"


def test_table_caption_is_its_alt_text(word: Any) -> None:
    tbl_pr = word.tables[0]._tbl.tblPr
    assert [_val(e) for e in _xpath(tbl_pr, "w:tblCaption | w:tblDescription")] == [
        "Wizyty delegacji zagranicznych w 2025 r.",
    ] * 2
    assert not _xpath(word.tables[1]._tbl.tblPr, "w:tblCaption")


def test_column_widths_follow_the_model_over_the_text_width(word: Any) -> None:
    """Over the text's width less the 0.75 pt the PDF's collapsed header rules take."""
    section = word.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635 - 15
    grid = [int(g.get(qn("w:w"))) for g in _xpath(word.tables[0]._tbl, "w:tblGrid/w:gridCol")]
    assert sum(grid) == text_width
    expected = [0.08, 0.22, 0.2, 0.25, 0.25]
    assert all(abs(w - f * text_width) <= 1 for w, f in zip(grid, expected, strict=True))
    cell_widths = [int(w.get(qn("w:w"))) for w in _xpath(word.tables[0]._tbl, "w:tr[2]//w:tcW")]
    assert cell_widths == grid


def test_right_aligned_column_is_right_aligned_in_every_row(word: Any) -> None:
    rows = _xpath(word.tables[0]._tbl, "w:tr")
    assert all(_string(row, "w:tc[1]/w:p/w:pPr/w:jc/@w:val") == "right" for row in rows)
    assert all(not _xpath(row, "w:tc[2]/w:p/w:pPr/w:jc") for row in rows)


def test_footer_counts_pages_but_not_on_the_title_page(word: Any) -> None:
    section = word.sections[0]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("strona ")
    assert " z " in footer.text
    instructions = [i.text.strip() for i in _xpath(footer._p, ".//w:instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert section.different_first_page_header_footer
    assert not _xpath(section.first_page_footer._element, ".//w:instrText")
    assert "strona" not in "".join(p.text for p in section.first_page_footer.paragraphs)


def test_page_is_a4_portrait_with_the_pdfs_margins(word: Any) -> None:
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    # report.css: margin: 22mm 20mm 24mm 25mm
    assert tuple(round(m.mm) for m in margins) == (25, 20, 22, 24)


# --- language and metadata ----------------------------------------------------------------


def test_polish_is_the_language_of_defaults_and_every_style(word: Any) -> None:
    styles = word.styles.element
    assert _string(styles, "w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val") == "pl-PL"
    with_text = _xpath(styles, "w:style[@w:type!='numbering']")
    assert len(with_text) > 20
    languages = {_string(s, "w:rPr/w:lang/@w:val") for s in with_text}
    assert languages == {"pl-PL"}
    assert _val(_xpath(word.settings.element, "w:themeFontLang")[0]) == "pl-PL"


def test_core_properties_come_from_the_document(word: Any, document: Document) -> None:
    props = word.core_properties
    assert props.title == document.title
    assert props.author == document.author
    assert props.last_modified_by == document.author
    assert props.subject == document.subject
    assert props.keywords == "Kalisz, współpraca zagraniczna, 2025"
    assert props.language == "pl-PL"
    assert props.created == props.modified == CREATED.replace(tzinfo=UTC)
    assert props.revision == 1
    assert props.comments == ""


# --- reproducibility ------------------------------------------------------------------------


def test_two_renders_are_byte_identical_whatever_the_clock(
    data: bytes, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert render_docx(make_document()) == data
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)  # September 2001
    assert render_docx(document) == data


def test_zip_entries_have_fixed_times_order_and_permissions(data: bytes) -> None:
    with zipfile.ZipFile(BytesIO(data)) as package:
        infos = package.infolist()
        names = [i.filename for i in infos]
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert names[2:] == sorted(names[2:])
        assert {i.date_time for i in infos} == {(2026, 3, 15, 10, 30, 44)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        xml = {i.filename: package.read(i).decode("utf-8") for i in infos if "xml" in i.filename}
    stamps = set(re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", "".join(xml.values())))
    assert stamps == {"2026-03-15T10:30:44"}
    app = xml["docProps/app.xml"]
    assert "<Application>raport</Application>" in app
    assert "TotalTime" not in app and "<Pages>" not in app


def test_created_years_before_1980_still_give_a_valid_zip(document: Document) -> None:
    old = dataclasses.replace(document, created=datetime(1975, 6, 1))
    with zipfile.ZipFile(BytesIO(render_docx(old))) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "1975-06-01T00:00:00Z" in package.read("docProps/core.xml").decode()


# --- text -------------------------------------------------------------------------------------


def test_docx_text_is_the_model_text_in_order(data: bytes, document: Document) -> None:
    assert docx_text(data) == model_text(document)


def test_docx_text_leaves_out_the_toc_result_and_the_footer(data: bytes) -> None:
    text = docx_text(data)
    assert text.count("Podsumowanie") == 1  # the heading, not its TOC line
    assert not any("strona" in t for t in text)


# --- the reference document ---------------------------------------------------------------------


def _restyled(tmp_path: Path, edit: Callable[[Any], None]) -> Path:
    """A copy of the reference document after ``edit`` (of its styles element)."""
    reference = docx.Document(str(reference_path()))
    edit(reference.styles.element)
    path = tmp_path / "restyled.docx"
    reference.save(str(path))
    return path


def _without(names: set[str]) -> Callable[[Any], None]:
    def edit(styles: Any) -> None:
        for style in _xpath(styles, "w:style"):
            if _string(style, "w:name/@w:val") in names:
                styles.remove(style)

    return edit


def _in_english(styles: Any) -> None:
    for lang in _xpath(styles, ".//w:lang"):
        lang.set(qn("w:val"), "en-US")


def test_a_reference_without_a_heading_style_is_a_clear_error(tmp_path: Path) -> None:
    path = _restyled(tmp_path, _without({"heading 2"}))
    with pytest.raises(ReferenceStyleError, match="heading 2") as error:
        render_docx(make_document(), path)
    assert str(path) in str(error.value)


def test_a_reference_without_the_custom_styles_falls_back(tmp_path: Path) -> None:
    custom = {
        "Tabela raportu",
        "Tekst w tabeli",
        "Nagłówek tabeli",
        "Miasto na stronie tytułowej",
        "Data na stronie tytułowej",
    }
    path = _restyled(tmp_path, _without(custom))
    word: Any = docx.Document(BytesIO(render_docx(make_document(), path)))
    assert word.tables[0].style.name == "Table Grid"
    assert word.paragraphs[1].style.name == "Subtitle"  # the city
    assert word.paragraphs[3].style.name == "Subtitle"  # the place and date
    assert word.tables[0].rows[1].cells[0].paragraphs[0].style.name == "Normal"
    assert docx_text(render_docx(make_document(), path)) == model_text(make_document())


def test_an_english_reference_still_gives_a_polish_document(tmp_path: Path) -> None:
    path = _restyled(tmp_path, _in_english)
    english: Any = docx.Document(str(path))
    assert _string(
        english.styles.element, "w:style[@w:styleId='Heading1']/w:rPr/w:lang/@w:val"
    ) == ("en-US")
    word: Any = docx.Document(BytesIO(render_docx(make_document(), path)))
    languages = {_val(lang) for lang in _xpath(word.styles.element, ".//w:lang")}
    assert languages == {"pl-PL"}


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "make_reference_docx.py"
    spec = importlib.util.spec_from_file_location("make_reference_docx", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_document_is_what_its_script_makes() -> None:
    assert _load_script().build() == reference_path().read_bytes()
