"""The PDF renderer: tagged PDF/UA, metadata, fonts, footer, text, reproducibility, fetcher.

A render costs about a second, so the sample document is rendered once per session
and every test reads that one PDF (with pypdf).
"""

from __future__ import annotations

import importlib
import io
import logging
import re
import socket
import struct
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jinja2 import UndefinedError
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from reports.document.layout import paginate
from reports.document.model import (
    Align,
    BulletList,
    Column,
    Document,
    Footer,
    Paragraph,
    Run,
    Section,
    Table,
    TableOfContents,
    TitlePage,
)
from reports.render.assets import templates_dir
from reports.render.html.renderer import render_content_html, render_html, template_environment
from reports.render.pdf.engine import (
    RenderedPdf,
    ResourceRefused,
    pdf_from_html,
    pdf_identifier,
    pin_font_timestamp,
    resolve_template_url,
    templates_base_url,
    templates_only_fetcher,
)
from reports.render.pdf.pieces import plan
from reports.render.pdf.renderer import render_pdf
from tests.pdftext import page_fonts, pdf_pages_text, pdf_text

# fontTools (WeasyPrint's dependency) has no type information
TTFont: Any = importlib.import_module("fontTools.ttLib").TTFont

NBSP = "\u00a0"
POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
VISIT_ROWS = 64
VISIT_COLUMNS = ("Lp.", "Termin", "Miasto (kraj)", "Goście", "Cel")
CITIES = ("Norymberga (Niemcy)", "Lwów (Ukraina)", "Łowecz (Bułgaria)", "Żółkiew (Ukraina)")


def visit_row(i: int) -> tuple[str, ...]:
    day = i % 27 + 1
    return (
        f"{i}.",
        f"{day}–{day + 1}{NBSP}marca 2025{NBSP}r.",
        CITIES[i % len(CITIES)],
        f"Delegacja nr{NBSP}{i} z{NBSP}burmistrzem",
        f"Cel wizyty {i}: współpraca kulturalna",
    )


def sample_document() -> Document:
    """Every block type, Polish letters, a table long enough to cross pages."""
    partners = Table(
        columns=(
            Column("Miasto", 0.35),
            Column("Kraj", 0.25),
            Column("Rodzaj", 0.25),
            Column("Od", 0.15, Align.RIGHT),
        ),
        rows=(
            ("Lwów", "Ukraina", "miasto partnerskie", "2003"),
            ("Łowecz", "Bułgaria", "miasto zaprzyjaźnione", "1997"),
            ("Żółkiew", "Ukraina", "list intencyjny", "2019"),
        ),
        caption="Miasta partnerskie i zaprzyjaźnione Kalisza",
    )
    visits = Table(
        columns=(
            Column(VISIT_COLUMNS[0], 0.07, Align.RIGHT),
            Column(VISIT_COLUMNS[1], 0.2),
            Column(VISIT_COLUMNS[2], 0.2),
            Column(VISIT_COLUMNS[3], 0.25),
            Column(VISIT_COLUMNS[4], 0.28),
        ),
        rows=tuple(visit_row(i) for i in range(1, VISIT_ROWS + 1)),
        caption=f"Wizyty delegacji zagranicznych w{NBSP}2025{NBSP}r.",
    )
    partner_sections = tuple(
        Section(
            name,
            f"partner-{i}",
            (Paragraph.of(f"Z miastem {name} zrealizowano 2{NBSP}wizyty."),),
            level=2,
        )
        for i, name in enumerate(("Lwów", "Łowecz", "Żółkiew"), start=1)
    )
    return Document(
        title=f"Raport dotyczący współpracy zagranicznej w{NBSP}roku 2025",
        author="Urząd Miasta Kalisza",
        language="pl",
        created=datetime(2026, 3, 15, 12, 0),
        title_page=TitlePage(
            title=f"Raport dotyczący współpracy zagranicznej w{NBSP}roku 2025",
            lines=("Miasto Kalisz", "Urząd Miasta Kalisza", "Biuro Współpracy Zagranicznej"),
            place_and_date=f"Kalisz, 15{NBSP}marca 2026{NBSP}r.",
        ),
        contents=TableOfContents("Spis treści"),
        sections=paginate(
            (
                Section(
                    "Podsumowanie",
                    "podsumowanie",
                    (
                        Paragraph(
                            (
                                Run(f"W 2025{NBSP}r. miasto przyjęło "),
                                Run(f"64{NBSP}wizyty", bold=True),
                                Run(" i wysłało "),
                                Run(f"3{NBSP}delegacje", italic=True),
                                Run("; "),
                                Run("„Zażółć gęślą jaźń”", bold=True, italic=True),
                                Run(f" – {POLISH}."),
                            )
                        ),
                        BulletList(
                            (
                                Paragraph.of(f"64{NBSP}wizyty (2024: 50)"),
                                Paragraph.of(f"3{NBSP}wyjazdy"),
                            )
                        ),
                    ),
                ),
                Section(
                    "Miasta partnerskie i zaprzyjaźnione",
                    "partnerzy",
                    (partners, Paragraph.of("35. rocznica podpisania umowy ze Lwowem.")),
                ),
                Section("Wizyty delegacji zagranicznych w Kaliszu", "wizyty", (visits,)),
                Section(
                    "Współpraca z poszczególnymi miastami partnerskimi",
                    "miasta",
                    (Paragraph.of("Współpraca z każdym miastem."),),
                    subsections=partner_sections,
                ),
                Section(
                    "Metryczka", "metryczka", (Paragraph.of("Informację wytworzył: Jan Nowak"),)
                ),
            )
        ),
        subject="Współpraca zagraniczna Miasta Kalisza w 2025 r.",
        keywords=("Kalisz", "współpraca zagraniczna", "2025"),
    )


@pytest.fixture(scope="session")
def document() -> Document:
    return sample_document()


@pytest.fixture(scope="session")
def rendered(document: Document) -> RenderedPdf:
    return render_pdf(document)


@pytest.fixture(scope="session")
def reader(rendered: RenderedPdf) -> PdfReader:
    return PdfReader(io.BytesIO(rendered.data))


@pytest.fixture(scope="session")
def raw_pages(reader: PdfReader) -> list[str]:
    """Every page's whole text, footers included."""
    return [page.extract_text() for page in reader.pages]


def catalog(reader: PdfReader) -> Any:
    return reader.trailer["/Root"]


def page_of(reader: PdfReader, item: Any) -> int:
    number = reader.get_destination_page_number(item)
    assert number is not None
    return number


def squash(text: str) -> str:
    return " ".join(text.split())


def struct_types(reader: PdfReader) -> set[str]:
    seen: set[str] = set()

    def visit(node: Any) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            seen.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is None:
            return
        kids = kids.get_object()
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int):
                visit(kid)

    visit(catalog(reader)["/StructTreeRoot"])
    return seen


def outline_titles(items: list[Any], depth: int = 0) -> Iterator[tuple[int, str, Any]]:
    for item in items:
        if isinstance(item, list):
            yield from outline_titles(item, depth + 1)
        else:
            yield depth, str(item.title), item


# The document as a whole


def test_page_count_in_expected_range(rendered: RenderedPdf, reader: PdfReader) -> None:
    # title, contents, two short parts on a page, the 64-row table over at least
    # 2 pages, then the last two short parts
    assert rendered.pages == len(reader.pages)
    assert 5 <= rendered.pages <= 9
    assert rendered.data.startswith(b"%PDF-1.7")


def test_pages_are_a4(reader: PdfReader) -> None:
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)


def test_tagged_with_structure_tree(reader: PdfReader) -> None:
    root = catalog(reader)
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    types = struct_types(reader)
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"} <= types


def test_language_is_polish(reader: PdfReader) -> None:
    assert catalog(reader)["/Lang"] == "pl"


def test_title_is_displayed_in_the_window(reader: PdfReader) -> None:
    preferences = catalog(reader)["/ViewerPreferences"]
    assert preferences["/DisplayDocTitle"] == BooleanObject(True)


def test_info_metadata_comes_from_the_document(reader: PdfReader, document: Document) -> None:
    info: Any = reader.metadata
    assert info is not None
    assert info.title == document.title
    assert info.author == document.author
    assert info.subject == document.subject
    assert info["/Keywords"] == "Kalisz, współpraca zagraniczna, 2025"
    # the Metryczka's date (naive = UTC, as in the DOCX), never the clock
    assert str(info["/CreationDate"]).startswith("D:20260315120000")
    assert str(info["/ModDate"]).startswith("D:20260315120000")


def test_xmp_has_title_and_pdf_ua_identification(reader: PdfReader, document: Document) -> None:
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": document.title}
    assert xmp.dc_creator == [document.author]
    raw = xmp.stream.get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part(="1"|>1<)', raw)
    assert "2026-03-15T12:00:00Z" in raw


def test_bookmarks_follow_the_headings(reader: PdfReader, document: Document) -> None:
    titles = [(depth, title) for depth, title, _ in outline_titles(reader.outline)]
    expected = [(section.level - 1, section.title) for section in document.walk()]
    assert titles == expected


def test_contents_page_numbers_match_the_bookmarks(
    reader: PdfReader, raw_pages: list[str], document: Document
) -> None:
    contents = raw_pages[1]
    assert contents.startswith("Spis treści")
    for _, title, item in outline_titles(reader.outline):
        page = page_of(reader, item) + 1
        # the dots between them are a drawn background, not text
        pattern = re.escape(squash(title)) + r" " + str(page) + r"\b"
        assert re.search(pattern, squash(contents)), (title, page)


def test_long_parts_start_a_new_page_short_ones_follow(
    reader: PdfReader, document: Document
) -> None:
    starts = [
        page_of(reader, item) for depth, _, item in outline_titles(reader.outline) if depth == 0
    ]
    assert starts[0] == 2  # after the title page and the contents
    assert [s.starts_page for s in document.sections] == [True, False, True, False, False]
    # the short part follows the first on its page, the long table starts a page,
    # the two short parts after it follow its end and each other
    assert starts[1] == starts[0] < starts[2] < starts[3] == starts[4]


# Fonts


def test_all_fonts_embedded_and_only_carlito(reader: PdfReader) -> None:
    fonts = page_fonts(reader)
    assert fonts
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+Raport-Carlito(-Bold)?(-Italic)?", name), name
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name


def test_embedded_font_files_are_the_shipped_carlito(reader: PdfReader) -> None:
    styles: set[str] = set()
    for font in page_fonts(reader).values():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        data = descriptor["/FontFile2"].get_object().get_data()
        names = TTFont(io.BytesIO(data))["name"]
        assert names.getDebugName(1) == "Carlito"
        styles.add(str(names.getDebugName(2)))
    # regular text, bold and italic runs, a bold italic run
    assert styles == {"Regular", "Bold", "Italic", "Bold Italic"}


def test_report_needs_no_fallback_font(rendered: RenderedPdf) -> None:
    assert rendered.fallback_fonts == ()


def test_a_character_carlito_lacks_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    html = (
        '<html lang="pl"><head><title>t</title><link rel="stylesheet" href="report.css">'
        "</head><body><p>Zażółć \u2713</p></body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="reports.render.pdf.engine"):
        pdf = pdf_from_html(html)
    # U+2713 is not in Carlito: some system font drew it, and the result says which
    assert pdf.fallback_fonts
    assert "Raport Carlito" not in pdf.fallback_fonts
    assert any("spoza szablonu" in record.getMessage() for record in caplog.records)


# Text


def test_footer_strona_x_z_y_on_every_page_but_the_title(raw_pages: list[str]) -> None:
    total = len(raw_pages)
    assert "strona" not in raw_pages[0]
    for number, text in enumerate(raw_pages[1:], start=2):
        assert f"strona {number} z {total}" in squash(text)


def test_footer_words_come_from_the_document(document: Document) -> None:
    small = Document(
        title="Krótki",
        author="U",
        language="pl",
        created=document.created,
        title_page=document.title_page,
        contents=document.contents,
        sections=(Section("Jedyna część", "jedyna", (Paragraph.of("Treść."),)),),
        footer=Footer(before='„str." ', between=" \\ "),
    )
    pdf = render_pdf(small)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages]
    assert pdf.pages == 3
    assert '„str." 3 \\ 3' in pages[2]
    assert "strona" not in " ".join(pages)


def test_table_cells_are_extractable(raw_pages: list[str]) -> None:
    text = squash(" ".join(raw_pages))
    for i in (1, 30, VISIT_ROWS):
        assert " ".join(squash(cell) for cell in visit_row(i)[2:]) in text


def test_table_header_repeats_on_the_next_page(raw_pages: list[str]) -> None:
    header = " ".join(VISIT_COLUMNS)
    with_header = [i for i, text in enumerate(raw_pages) if header in squash(text)]
    assert len(with_header) >= 2
    assert with_header == list(range(with_header[0], with_header[-1] + 1))


def test_polish_letters_extract_as_unicode(rendered: RenderedPdf) -> None:
    text = pdf_text(rendered.data)
    assert "„Zażółć gęślą jaźń”" in text
    assert POLISH in text
    assert "Łowecz (Bułgaria)" in text


def rendered_text(rendered: RenderedPdf) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.data)).pages)


def test_pdf_text_leaves_out_footers_and_repeated_headers(
    rendered: RenderedPdf, document: Document
) -> None:
    text = squash(pdf_text(rendered.data))
    assert "strona" not in text
    assert "•" in rendered_text(rendered)  # the bullets are drawn…
    assert "•" not in text  # …but are not the document's text (the DOCX has none)
    assert text.count(" ".join(VISIT_COLUMNS)) == 1
    assert text.startswith(squash(document.title_page.title))
    assert text.endswith("Informację wytworzył: Jan Nowak")
    for i in range(1, VISIT_ROWS + 1):
        assert squash(" ".join(visit_row(i))) in text


def test_pdf_text_without_contents_keeps_only_its_heading(rendered: RenderedPdf) -> None:
    full = squash(pdf_text(rendered.data))
    short = squash(pdf_text(rendered.data, contents=False))
    assert "Spis treści" in short
    assert re.search(r"Spis treści Podsumowanie \d+ ", full)
    assert not re.search(r"Podsumowanie \d+ ", short)
    assert "Spis treści Podsumowanie W 2025" in short
    pages = pdf_pages_text(rendered.data, contents=False)
    assert squash(pages[1]) == "Spis treści"


def test_table_captions_are_accessible_summaries(reader: PdfReader) -> None:
    summaries: list[str] = []

    def visit(node: Any) -> None:
        node = node.get_object()
        if node.get("/S") == "/Table":
            summaries.append(str(node["/A"]["/Summary"]))
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int) and "/S" in kid.get_object():
                visit(kid)

    visit(catalog(reader)["/StructTreeRoot"]["/K"][0])
    assert summaries[0] == "Miasta partnerskie i zaprzyjaźnione Kalisza"
    assert len(summaries) == 2  # the visits table is one table over the pages it spans
    assert set(summaries[1:]) == {f"Wizyty delegacji zagranicznych w{NBSP}2025{NBSP}r."}


# Reproducibility


def test_two_renders_are_byte_identical(rendered: RenderedPdf, document: Document) -> None:
    assert render_pdf(document).data == rendered.data


def test_file_identifier_is_derived_from_the_content(reader: PdfReader, document: Document) -> None:
    identifier: Any = reader.trailer["/ID"]
    first, second = identifier
    pieces = [render_content_html(document, chunk.parts) for chunk in plan(document)]
    assert str(first) == pdf_identifier(*pieces).decode()
    assert len(str(second)) == 32  # pydyf's hash of the objects: content too, not the clock


def test_pinned_font_timestamp_is_a_valid_font() -> None:
    original = (templates_dir() / "fonts" / "Carlito-Regular.ttf").read_bytes()
    data = bytearray(original)
    (count,) = struct.unpack_from(">H", data, 4)
    records = [struct.unpack_from(">4sLLL", data, 12 + 16 * i) for i in range(count)]
    head = next(offset for tag, _, offset, _ in records if tag == b"head")
    struct.pack_into(">Q", data, head + 28, 3_900_000_000)  # a "modified" stamp from the clock
    pinned = pin_font_timestamp(bytes(data))
    assert pinned != bytes(data)
    assert pin_font_timestamp(pinned) == pinned  # stable
    font = TTFont(io.BytesIO(pinned), checkChecksums=2)
    assert font["head"].modified == font["head"].created
    # the whole-font checksum adjustment is right: the file sums to the magic number
    padded = pinned + b"\0" * (-len(pinned) % 4)
    total = sum(struct.unpack(f">{len(padded) // 4}L", padded)) & 0xFFFFFFFF
    assert total == 0xB1B0AFBA
    assert pin_font_timestamp(b"not a font") == b"not a font"


# HTML


def test_html_head_and_structure(document: Document) -> None:
    html = render_html(document)
    assert html.startswith('<!DOCTYPE html>\n<html lang="pl">')
    assert "<title>Raport dotyczący współpracy zagranicznej w\u00a0roku 2025</title>" in html
    assert '<meta name="author" content="Urząd Miasta Kalisza">' in html
    assert '<meta name="description" content="Współpraca zagraniczna' in html
    assert '<meta name="keywords" content="Kalisz, współpraca zagraniczna, 2025">' in html
    assert '<meta name="dcterms.created" content="2026-03-15T12:00:00Z">' in html
    assert '<meta name="dcterms.modified" content="2026-03-15T12:00:00Z">' in html
    assert '<h1 id="wizyty" class="heading heading-1">' in html
    assert '<h2 id="partner-1" class="heading heading-2">' in html
    assert '<th scope="col" class="head-cell align-right">Lp.</th>' in html
    assert 'aria-label="Miasta partnerskie i zaprzyjaźnione Kalisza"' in html
    assert '<col style="width: 35.000%">' in html
    assert '<a class="toc-link toc-counted" href="#partner-2">Łowecz</a>' in html


def test_html_escapes_model_text(document: Document) -> None:
    hostile = Section(
        '<img src="http://example.org/x.png">',
        "x",
        (Paragraph.of("a & b </style><script>"),),
    )
    html = render_html(
        Document(
            title='"tytuł"',
            author="U",
            language="pl",
            created=document.created,
            title_page=document.title_page,
            contents=document.contents,
            sections=(hostile,),
        )
    )
    assert "<img" not in html
    assert "<script>" not in html
    assert "a &amp; b &lt;/style&gt;&lt;script&gt;" in html
    assert "<title>&#34;tytuł&#34;</title>" in html


def test_template_environment_is_strict_and_escapes() -> None:
    env = template_environment()
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()
    with pytest.raises(UndefinedError):
        env.from_string("{{ document.nothing }}").render(document=object())
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


# Resources: only templates/


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.css",
        "https://example.org/font.ttf",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "file://remote-host/share/x.css",
        "data:text/css,body{color:red}",
        "data:image/png;base64,iVBORw0KGgo=",
        "report.css",  # not absolute: WeasyPrint always asks with absolute URLs
    ],
)
def test_fetcher_refuses_anything_but_template_files(url: str) -> None:
    with pytest.raises(ResourceRefused):
        resolve_template_url(url)
    with pytest.raises(ResourceRefused):
        templates_only_fetcher()(url)


def test_fetcher_refuses_escapes_from_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    (root / "fonts").mkdir(parents=True)
    (root / "report.css").write_text("p {}")
    secret = tmp_path / "secret.txt"
    secret.write_text("tajne")
    (root / "link.txt").symlink_to(secret)
    base = root.resolve().as_uri()
    assert resolve_template_url(f"{base}/report.css", root) == (root / "report.css").resolve()
    assert resolve_template_url(f"{base}/fonts/../report.css?x=1#y", root).name == "report.css"
    for url in (
        f"{base}/../secret.txt",
        f"{base}/fonts/%2E%2E/%2E%2E/secret.txt",
        f"{base}/link.txt",  # a symbolic link out of the folder
        f"{base}/fonts",  # a folder, not a file
        f"{base}/missing.css",
        secret.resolve().as_uri(),
    ):
        with pytest.raises(ResourceRefused):
            resolve_template_url(url, root)


def test_fetcher_with_another_root_serves_only_that_folder(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("p { color: red }")
    fetcher = templates_only_fetcher(tmp_path)
    response = fetcher((tmp_path / "a.css").resolve().as_uri())
    try:
        assert response.read() == b"p { color: red }"
    finally:
        response.close()
    with pytest.raises(ResourceRefused):
        fetcher(templates_base_url() + "report.css")


def test_fetcher_serves_template_files_with_their_type() -> None:
    response = templates_only_fetcher()(templates_base_url() + "report.css")
    try:
        assert response.content_type == "text/css"
        assert b"@font-face" in response.read()
    finally:
        response.close()


def test_fetcher_never_opens_a_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fetcher tried the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    with pytest.raises(ResourceRefused):
        templates_only_fetcher()("http://127.0.0.1:9/x.png")


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">L", len(body)) + kind + body + struct.pack(">L", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    header = struct.pack(">LLBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def images_in(data: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for xobject in (xobjects or {}).values():
            if xobject.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


def test_a_template_loading_outside_templates_gets_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    image = tmp_path / "outside.png"
    image.write_bytes(tiny_png())
    html = f"""<!DOCTYPE html><html lang="pl"><head><title>t</title>
    <link rel="stylesheet" href="report.css">
    <link rel="stylesheet" href="file:///etc/passwd">
    <style>@import url("http://127.0.0.1:9/x.css"); p {{ font-family: "Raport Carlito" }}</style>
    </head><body><p>Próba</p>
    <img src="{image.as_uri()}" alt="a">
    <img src="file:///etc/passwd" alt="b">
    <img src="http://127.0.0.1:9/x.png" alt="c">
    <img src="../../../../../../../../etc/hostname" alt="d">
    </body></html>"""
    from weasyprint import HTML

    # a control: WeasyPrint's own fetcher does read the file outside templates/
    default = HTML(string=html, base_url=templates_base_url()).write_pdf()
    assert images_in(default) == 1

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = pdf_from_html(html)
    assert images_in(pdf.data) == 0
    assert b"root:" not in pdf.data
    refused = [r.getMessage() for r in caplog.records if "ResourceRefused" in r.getMessage()]
    assert len(refused) >= 6  # four images, two stylesheets
    # the template's own resources still load: the text is set in Carlito
    (font,) = page_fonts(PdfReader(io.BytesIO(pdf.data)))
    assert font.endswith("+Raport-Carlito")


def _elements(reader: PdfReader) -> Iterator[Any]:
    """Every structure element, depth-first."""

    def visit(node: Any) -> Iterator[Any]:
        node = node.get_object()
        yield node
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int) and "/S" in kid.get_object():
                yield from visit(kid)

    yield from visit(catalog(reader)["/StructTreeRoot"]["/K"][0])


def test_table_header_cells_are_column_headers(reader: PdfReader) -> None:
    headers = [e for e in _elements(reader) if e.get("/S") == "/TH"]
    # once per table: the header rows repeated on later pages are artifacts
    assert len(headers) == 4 + len(VISIT_COLUMNS)
    for header in headers:
        assert header["/A"]["/O"] == "/Table" and header["/A"]["/Scope"] == "/Column"


def test_every_heading_marks_text(reader: PdfReader) -> None:
    def marks_content(node: Any) -> bool:
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, int) or marks_content(kid.get_object()):
                return True
        return False

    headings = [e for e in _elements(reader) if re.fullmatch(r"/H\d", str(e.get("/S")))]
    assert len(headings) >= 5
    assert all(marks_content(h) for h in headings)
