"""The document model's keeping decisions (reports/document/layout.py), which the PDF and
the DOCX both follow: what goes to the next page with what."""

from __future__ import annotations

from reports.document.layout import paginate
from reports.document.model import BulletList, Column, Figure, Paragraph, Section, Table


def _table(rows: int = 3) -> Table:
    cells = tuple((f"{i}", "1") for i in range(rows))
    return Table((Column("Rok", 0.5), Column("Liczba", 0.5)), cells)


def _blocks(*blocks: Table | Paragraph | BulletList | Figure) -> tuple[object, ...]:
    (section,) = paginate((Section("A", "a", blocks, subsections=(Section("B", "b", blocks, 2),)),))
    assert section.subsections[0].blocks == section.blocks  # subsections decided alike
    return section.blocks


def test_a_table_keeps_with_the_sentence_after_it_only() -> None:
    sentence = Paragraph.of("Razem trzy.")
    blocks = _blocks(_table(), sentence, _table(), _table(), BulletList((sentence,)), _table())
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [t.keep_with_next for t in tables] == [True, False, False, False]


def test_a_sentence_keeps_with_the_list_it_introduces_only() -> None:
    items = BulletList((Paragraph.of("pierwsza"), Paragraph.of("druga")))
    blocks = _blocks(Paragraph.of("Wstęp:"), items, Paragraph.of("Dalej."), _table())
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert [p.keep_with_next for p in paragraphs] == [True, False]
    assert not any(item.keep_with_next for item in items.items)


def test_an_empty_section_has_nothing_to_keep() -> None:
    (section,) = paginate((Section("A", "a", ()),))
    assert section.blocks == () and section.starts_page
