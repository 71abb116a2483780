"""The HTML edition for the BIP: self-contained, semantic, printable, phone-friendly.

Read from the session's demo and full builds (see ``tests/conftest.py``); the
validators (Nu Html Checker, axe-core) run on the same files in
``tests/test_validators.py``.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime

import pytest

from reports.document.model import (
    Column,
    Document,
    Paragraph,
    Run,
    Section,
    Table,
    TableOfContents,
    TitlePage,
)
from reports.pipeline import BuildResult, output_path
from reports.render.html.edition import render_edition
from tests.htmltext import Element, parse

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@pytest.fixture(scope="session", params=["demo", "full"])
def page(request: pytest.FixtureRequest) -> bytes:
    result: BuildResult = request.getfixturevalue(f"{request.param}_build")
    assert result.ok
    year_dir = result.outputs[0].parent
    return output_path(year_dir.parent, result.check.year, "html").read_bytes()


@pytest.fixture(scope="session")
def tree(page: bytes) -> Element:
    root, doctype = parse(page)
    assert doctype.lower() == "doctype html"
    return root


def test_page_is_polish_titled_and_for_phones(tree: Element) -> None:
    html = tree.find("html")
    assert html.attrs["lang"] == "pl"
    head = tree.find("head")
    assert head.find("title").text().startswith("Raport dotyczący współpracy zagranicznej")
    metas = {m.attrs.get("name"): m.attrs.get("content") for m in head.iter("meta")}
    assert metas["viewport"] == "width=device-width, initial-scale=1"
    assert any(m.attrs.get("charset") == "utf-8" for m in head.iter("meta"))


def test_page_is_self_contained(page: bytes, tree: Element) -> None:
    assert not list(tree.iter("script", "link", "img", "iframe", "object", "embed"))
    text = page.decode()
    # only references inside the page (a chart's clip paths and hatches: url(#…))
    assert not re.search(r"url\((?!#)", text)
    assert "@import" not in text and "@font-face" not in text
    for element in tree.iter():
        for name in ("src", "href"):
            value = element.attrs.get(name)
            # inside the page, or the year's open data published beside it (by its name)
            allowed = value is None or value.startswith("#") or value == "dane-2025.zip"
            assert allowed, (element.tag, value)
    css = tree.find("style").text()
    assert "@media print" in css and "overflow-x: auto" in css


def test_one_h1_and_headings_never_skip_a_level(tree: Element) -> None:
    levels = [int(h.tag[1]) for h in tree.iter(*HEADINGS)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert len(levels) > 10
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_every_heading_and_region_is_labelled_by_an_existing_id(tree: Element) -> None:
    ids = [e.attrs["id"] for e in tree.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    labelled = [e for e in tree.iter() if "aria-labelledby" in e.attrs]
    assert {e.tag for e in labelled} == {"nav", "section", "div"}
    for element in labelled:
        assert element.attrs["aria-labelledby"] in ids


def test_tables_have_a_caption_and_column_headers(tree: Element) -> None:
    tables = list(tree.iter("table"))
    assert len(tables) >= 4
    for table in tables:
        caption = table.children[next(i for i, c in enumerate(table.children) if c != "\n")]
        assert isinstance(caption, Element) and caption.tag == "caption"
        assert caption.text().strip()
        header_cells = list(table.find("thead").iter("th"))
        assert header_cells and all(th.attrs["scope"] == "col" for th in header_cells)
        width = len(header_cells)
        for tr in (tr for body in table.iter("tbody") for tr in body.iter("tr")):
            cells = list(tr.iter("td"))
            if cells:  # a row: a cell for each column, labelled for a narrow screen
                assert [td.attrs["data-label"] for td in cells] == [
                    th.text().strip() for th in header_cells
                ]
            else:  # a group row (a month) across the table
                (group,) = tr.iter("th")
                assert group.attrs["scope"] == "rowgroup" and group.attrs["colspan"] == str(width)
        wrapper = table.parent
        assert wrapper is not None and wrapper.tag == "div"
        assert wrapper.attrs["role"] == "region" and wrapper.attrs["tabindex"] == "0"
        assert wrapper.attrs["aria-labelledby"] == caption.attrs["id"]


def test_contents_links_every_section_up_to_level_three(tree: Element) -> None:
    nav = tree.find("nav")
    links = [a.attrs["href"][1:] for a in nav.iter("a")]
    targets = [h.attrs["id"] for h in tree.find("main").iter(*HEADINGS)]
    assert links == targets
    assert nav.find("h2").text() == "Spis treści"


def test_title_page_comes_first(tree: Element) -> None:
    body = tree.find("body")
    first = next(c for c in body.children if isinstance(c, Element))
    assert first.tag == "header"
    assert first.find("h1").text().replace("\xa0", " ") == tree.find("title").text()
    assert re.search(r"\d{4}\xa0r\.$", list(first.iter("p"))[-1].text())


def _document(sections: tuple[Section, ...]) -> Document:
    return Document(
        title="Raport",
        author="Urząd",
        language="pl",
        created=datetime(2026, 3, 15),
        title_page=TitlePage("Raport", ("Miasto Kalisz",), "Kalisz, 15 marca 2026 r."),
        contents=TableOfContents("Spis treści"),
        sections=sections,
    )


def test_text_is_escaped_and_runs_keep_their_emphasis() -> None:
    paragraph = Paragraph((Run("<b>", bold=True), Run(" & ", italic=True), Run("</style>")))
    page = render_edition(_document((Section("A", "a", (paragraph,)),)))
    assert "<p><strong>&lt;b&gt;</strong><em> &amp; </em>&lt;/style&gt;</p>" in page
    assert "<b>" not in page


def test_deep_sections_stop_at_h6_and_a_table_without_caption_is_named_by_its_heading() -> None:
    table = Table((Column("Miasto", 1.0),), (("Hamm",),))
    deepest = Section("G", "g", (table,), level=6)
    nested = deepest
    for level in range(5, 0, -1):
        nested = Section(chr(ord("A") + level - 1), f"s{level}", (), level, (nested,))
    page = render_edition(_document((nested,)))
    root, _ = parse(page)
    assert [h.tag for h in root.find("main").iter(*HEADINGS)] == [
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "h6",
    ]
    assert not list(root.iter("caption"))
    region = root.find("table").parent
    assert region is not None and region.attrs["aria-labelledby"] == "g"
    # the contents lists levels 1 to 3, as the DOCX and PDF do
    assert [a.attrs["href"] for a in root.find("nav").iter("a")] == ["#s1", "#s2", "#s3"]
