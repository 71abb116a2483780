"""Regenerate templates/reference.docx: the styles and page setup of the DOCX report.

Run ``.venv/bin/python scripts/make_reference_docx.py`` (writes the template;
``--output PATH`` writes elsewhere). The result is byte-identical on every run.

It starts from python-docx's default template and sets: A4 portrait with the PDF's
margins (22, 20, 24, 25 mm) and a 1.25 cm footer distance; Calibri 11 pt body text
(LibreOffice substitutes the metric-compatible Carlito), kerned as the PDF's; Body Text
justified as the PDF's paragraphs; the PDF's dark-blue headings (a rule under a part's)
with its line heights and margins; Title (between two rules, 88 mm down), „Miasto na
stronie tytułowej”, Subtitle and „Data na stronie tytułowej” for the title page, in the
PDF's sizes and colours; the contents' title and TOC styles as the PDF's; „Wykres” and
Caption for a chart and its caption, „Odstęp po tabeli” for the space under a table;
a „•” List Bullet; the table style „Tabela raportu”
(rules between rows, a dark-blue header row in white bold, as in the PDF) with the
paragraph styles „Tekst w tabeli” and „Nagłówek tabeli”; a small grey footer on the
right;
Polish (pl-PL) as the language of every style. Its body shows a sample of every
style, so an office can open the file in Word, restyle what it sees and save:
the renderer finds the styles by name and replaces the body.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import docx.document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports.render.docx.renderer import (  # noqa: E402
    BODY_TEXT,
    CAPTION,
    CHART,
    LIST_BULLET,
    SUBTITLE,
    TABLE,
    TABLE_GAP,
    TABLE_HEADER,
    TABLE_TEXT,
    TITLE,
    TITLE_CITY,
    TITLE_DATE,
    TOC_HEADING,
    normalize_package,
)
from reports.render.docx.xml import set_settings_language, set_styles_language  # noqa: E402

LANGUAGE = "pl-PL"
STAMP = dt.datetime(2025, 1, 1)
BLUE = "1F3A5F"  # the PDF's (report.css)
SLATE = "33414F"  # the title page's lines (report.css)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _style(
    kind: str, style_id: str, body: str, *, custom: bool = False, default: bool = False
) -> str:
    extra = (' w:customStyle="1"' if custom else "") + (' w:default="1"' if default else "")
    return f'<w:style {W} w:type="{kind}"{extra} w:styleId="{style_id}">{body}</w:style>'


def _heading_rpr(size: int) -> str:
    return f'<w:rPr><w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="{size}"/></w:rPr>'


# The title page as the PDF's (report.css, .title-page): the title's rules 88 mm below the
# top margin, 9 mm from its text, 8 mm in from the sides; 26 pt bold (line height 1.2).
_TITLE_BEFORE = 4989  # 88 mm


def _title_rule(side: str, space: int) -> str:
    return f'<w:{side} w:val="single" w:sz="12" w:space="{space}" w:color="{BLUE}"/>'


# 9 mm (25.5 pt) from the text, less what Word and LibreOffice set above a line's text
_TITLE_RULES = f"<w:pBdr>{_title_rule('top', 23)}{_title_rule('bottom', 27)}</w:pBdr>"
_TITLE_RUN = (
    f'<w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:kern w:val="28"/><w:sz w:val="52"/>'
    '<w:szCs w:val="52"/>'
)


def _exact_lines(points: float, after: int = 85) -> str:
    """Spacing of a title page line: the PDF's line height (1.38 em), 1.5 mm after."""
    return f'<w:spacing w:after="{after}" w:line="{round(points * 1.38 * 20)}" w:lineRule="exact"/>'


# the rule under a part's heading, 2 mm (6 pt) under its text, as in the PDF
_RULE_UNDER = f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="6" w:color="{BLUE}"/></w:pBdr>'
#: Headings' lines as the PDF's (line-height 1.2): 236/240 of Carlito's own (1.22 em).
_HEADING_LINE = 'w:line="236" w:lineRule="auto"'


def _heading(level: int, before: int, after: int, size: int) -> list[str]:
    rpr = _heading_rpr(size)
    paragraph = _style(
        "paragraph",
        f"Heading{level}",
        f'<w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/>'
        f'<w:next w:val="BodyText"/><w:link w:val="Heading{level}Char"/>'
        f'<w:uiPriority w:val="9"/>{"<w:unhideWhenUsed/>" if level > 1 else ""}<w:qFormat/>'
        f"<w:pPr><w:keepNext/><w:keepLines/>{_RULE_UNDER if level == 1 else ''}"
        f'<w:spacing w:before="{before}" w:after="{after}" {_HEADING_LINE}/>'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>{rpr}',
    )
    character = _style(
        "character",
        f"Heading{level}Char",
        f'<w:name w:val="Heading {level} Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
        f'<w:link w:val="Heading{level}"/><w:uiPriority w:val="9"/>{rpr}',
        custom=True,
    )
    return [paragraph, character]


def _toc(level: int) -> str:
    """A contents entry as the PDF's (report.css, ``.toc-entry``): a part's in bold, 2.4 mm
    below the entry before it, a subsection's 0.8 mm below it and 7 mm in; lines of body
    text. (No right indent: LibreOffice would not set the page number's tab beyond it.)"""
    before, indent, bold = (136, 0, "<w:b/><w:bCs/>") if level == 1 else (45, 397, "")
    return _style(
        "paragraph",
        f"TOC{level}",
        f'<w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
        f'<w:pPr><w:spacing w:before="{before}" w:after="0"/>'
        f'<w:ind w:left="{indent}"/></w:pPr><w:rPr>{bold}</w:rPr>',
    )


# as the PDF's tables: rules between rows only, no vertical lines
_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="C5CED8"/>'
_NO_BORDER = '<w:{side} w:val="nil"/>'
_BORDERS = "".join(_BORDER.format(side=s) for s in ("bottom", "insideH")) + "".join(
    _NO_BORDER.format(side=s) for s in ("left", "right", "insideV")
)

STYLES = [
    _style(
        "paragraph",
        "Normal",
        '<w:name w:val="Normal"/><w:qFormat/>',
        default=True,
    ),
    # running text justified, as the PDF's paragraphs (report.css, .para); every other
    # style is based on Normal and stays ragged-right
    _style(
        "paragraph",
        "BodyText",
        f'<w:name w:val="{BODY_TEXT}"/><w:basedOn w:val="Normal"/><w:link w:val="BodyTextChar"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="147"/><w:jc w:val="both"/></w:pPr>',
    ),
    # the PDF's margins (report.css, .section-1 and .heading-N): 10 mm above a part
    # (5 mm under its rule), 6 mm and 2.4 mm around a subsection's, 4 mm and 2 mm
    *_heading(1, 567, 283, 34),
    *_heading(2, 340, 136, 27),
    *_heading(3, 227, 113, 22),
    _style(
        "paragraph",
        "Title",
        '<w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/>'
        '<w:link w:val="TitleChar"/><w:uiPriority w:val="10"/><w:qFormat/>'
        f"<w:pPr>{_TITLE_RULES}"
        f'<w:spacing w:before="{_TITLE_BEFORE}" w:after="0" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:left="454" w:right="454"/><w:jc w:val="center"/></w:pPr>'
        f"<w:rPr>{_TITLE_RUN}</w:rPr>",
    ),
    _style(
        "character",
        "TitleChar",
        '<w:name w:val="Title Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:link w:val="Title"/><w:uiPriority w:val="10"/>'
        f"<w:rPr>{_TITLE_RUN}</w:rPr>",
        custom=True,
    ),
    _style(
        "paragraph",
        "Subtitle",
        '<w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:link w:val="SubtitleChar"/><w:uiPriority w:val="11"/><w:qFormat/>'
        f'<w:pPr>{_exact_lines(13)}<w:jc w:val="center"/></w:pPr>'
        f'<w:rPr><w:color w:val="{SLATE}"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>',
    ),
    _style(
        "character",
        "SubtitleChar",
        '<w:name w:val="Subtitle Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:link w:val="Subtitle"/><w:uiPriority w:val="11"/>'
        f'<w:rPr><w:color w:val="{SLATE}"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>',
        custom=True,
    ),
    _style(
        "paragraph",
        "MiastoNaStronieTytulowej",
        f'<w:name w:val="{TITLE_CITY}"/><w:basedOn w:val="Subtitle"/><w:next w:val="Subtitle"/>'
        f"<w:qFormat/><w:pPr>{_exact_lines(15)}</w:pPr>"
        # the PDF's first line: bold, dark blue, letter-spaced by 0.04 em
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:spacing w:val="12"/>'
        '<w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr>',
        custom=True,
    ),
    _style(
        "paragraph",
        "DataNaStronieTytulowej",
        f'<w:name w:val="{TITLE_DATE}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        f'<w:qFormat/><w:pPr>{_exact_lines(12, after=0)}<w:jc w:val="center"/></w:pPr>'
        f'<w:rPr><w:color w:val="{SLATE}"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>',
        custom=True,
    ),
    _style(
        "paragraph",
        "TOCHeading",
        '<w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/>'
        '<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>'
        # the PDF's .toc-title: 18 pt, 7 mm above the entries, no rule under it
        '<w:pPr><w:pBdr><w:bottom w:val="nil"/></w:pBdr>'
        '<w:spacing w:before="0" w:after="397" w:line="271" w:lineRule="auto"/>'
        '<w:outlineLvl w:val="9"/></w:pPr><w:rPr><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr>',
    ),
    # the chart's paragraph, as the PDF's .chart: 2 mm above it, 1.5 mm to its caption
    _style(
        "paragraph",
        "Wykres",
        f'<w:name w:val="{CHART}"/><w:basedOn w:val="Normal"/><w:next w:val="Caption"/>'
        '<w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="113" w:after="85"/>'
        '<w:jc w:val="center"/></w:pPr>',
        custom=True,
    ),
    # after a table: the PDF's 5 mm under it, on a line of 1 pt
    _style(
        "paragraph",
        "OdstepPoTabeli",
        f'<w:name w:val="{TABLE_GAP}"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/>'
        '<w:pPr><w:spacing w:after="263" w:line="20" w:lineRule="exact"/></w:pPr>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>',
        custom=True,
    ),
    # the PDF's .chart-caption: 9.5 pt italic, centred under the chart, 4 mm above a table
    _style(
        "paragraph",
        "Caption",
        f'<w:name w:val="{CAPTION}"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/>'
        '<w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/>'
        '<w:spacing w:before="0" w:after="227"/><w:jc w:val="center"/></w:pPr>'
        '<w:rPr><w:i/><w:iCs/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>',
    ),
    _toc(1),
    _toc(2),
    _toc(3),
    _style(
        "paragraph",
        "ListBullet",
        '<w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
        # 1.2 mm after an item, as in the PDF (the renderer gives the last one the list's 3 mm)
        '<w:spacing w:after="68"/></w:pPr>',
    ),
    _style(
        "paragraph",
        "Footer",
        '<w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:link w:val="FooterChar"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/>'
        '</w:pPr><w:rPr><w:color w:val="4D5966"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
    ),
    _style(
        "character",
        "FooterChar",
        '<w:name w:val="Footer Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:link w:val="Footer"/><w:uiPriority w:val="99"/>'
        '<w:rPr><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>',
        custom=True,
    ),
    _style(
        "paragraph",
        "TekstWTabeli",
        f'<w:name w:val="{TABLE_TEXT}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="0" w:line="246" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>',
        custom=True,
    ),
    _style(
        "paragraph",
        "NaglowekTabeli",
        f'<w:name w:val="{TABLE_HEADER}"/><w:basedOn w:val="TekstWTabeli"/>'
        '<w:next w:val="TekstWTabeli"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr>'
        "<w:rPr><w:b/><w:bCs/></w:rPr>",
        custom=True,
    ),
    _style(
        "table",
        "TabelaRaportu",
        f'<w:name w:val="{TABLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:tblPr><w:tblBorders>{_BORDERS}</w:tblBorders><w:tblCellMar>"
        # the PDF's cell padding (1.3 mm, 1.8 mm): rows as tall as in the PDF
        '<w:top w:w="74" w:type="dxa"/><w:left w:w="102" w:type="dxa"/>'
        '<w:bottom w:w="74" w:type="dxa"/><w:right w:w="102" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        '<w:tblStylePr w:type="firstRow">'
        '<w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
        "<w:trPr><w:tblHeader/></w:trPr>"
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BLUE}"/></w:tcPr></w:tblStylePr>',
        custom=True,
    ),
]

DOC_DEFAULTS = (
    f"<w:docDefaults {W}><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Calibri" w:eastAsia="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>'
    # pair kerning, as WeasyPrint sets the PDF's text: lines break where the PDF's do
    '<w:kern w:val="2"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
    f'<w:lang w:val="{LANGUAGE}" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="271" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
)


def _drop_extra_parts(word: docx.document.Document) -> None:
    """Drop what the report never uses: the thumbnail, Word 2010 style effects, custom XML."""
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
    unused = (
        RT.CUSTOM_XML,
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    )
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype in unused:
            del word.part.rels[rel_id]


def _page_setup(word: docx.document.Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    # the PDF's page (report.css): the same text area, so the same lines on a page
    section.top_margin, section.bottom_margin = Mm(22), Mm(24)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.gutter = Cm(0)
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)


def _styles(word: docx.document.Document) -> None:
    styles = word.styles.element
    old_defaults = styles.find(qn("w:docDefaults"))
    old_defaults.addprevious(parse_xml(DOC_DEFAULTS))
    styles.remove(old_defaults)
    for text in STYLES:
        new = parse_xml(text)
        style_id = new.get(qn("w:styleId"))
        old = next(
            (s for s in styles.iterchildren(qn("w:style")) if s.get(qn("w:styleId")) == style_id),
            None,
        )
        if old is None:
            styles.append(new)
        else:
            old.addprevious(new)
            styles.remove(old)
    set_styles_language(styles, LANGUAGE)


def _numbering(word: docx.document.Document) -> None:
    """List Bullet (numId 1 → abstractNum 8): a „•” in the body font instead of Symbol's."""
    numbering = word.part.numbering_part.element
    for abstract in numbering.iterchildren(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) != "8":
            continue
        level = abstract.find(qn("w:lvl"))
        level.find(qn("w:lvlText")).set(qn("w:val"), "•")
        fonts = level.find(qn("w:rPr")).find(qn("w:rFonts"))
        for attr in ("ascii", "hAnsi"):
            fonts.set(qn(f"w:{attr}"), "Calibri")


def _settings(word: docx.document.Document) -> None:
    """Polish number separators; Word 2013+ layout, so Word 365 opens it without
    „[Tryb zgodności]” and tables line up with the text margin."""
    settings = word.settings.element
    set_settings_language(settings, LANGUAGE)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), value)


def _samples(word: docx.document.Document) -> None:
    """One paragraph (or table) in every style the report uses, in Polish."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    word.add_paragraph("Raport dotyczący współpracy zagranicznej w roku 2025", TITLE)
    word.add_paragraph("Miasto Przykładowo", TITLE_CITY)
    word.add_paragraph("Urząd Miasta Przykładowa", SUBTITLE)
    word.add_paragraph("Przykładowo, 15 marca 2026 r.", TITLE_DATE)
    word.add_paragraph("Spis treści", TOC_HEADING)
    word.add_paragraph("Podsumowanie", "toc 1")
    word.add_paragraph("Współpraca z Lwowem", "toc 2")
    word.add_paragraph("Nagłówek pierwszego stopnia (Nagłówek 1)", "Heading 1")
    word.add_paragraph(
        "Tekst akapitu w stylu Tekst podstawowy. Zażółć gęślą jaźń — ten wzorzec określa "
        "kroje, odstępy i kolory raportu; zmiany stylów w tym pliku przejdą do każdego "
        "wygenerowanego raportu.",
        BODY_TEXT,
    )
    word.add_paragraph("Nagłówek drugiego stopnia (Nagłówek 2)", "Heading 2")
    word.add_paragraph("Pozycja listy punktowanej (Lista punktowana)", LIST_BULLET)
    word.add_paragraph("Druga pozycja listy", LIST_BULLET)
    table = word.add_table(rows=3, cols=3)
    table.style = word.styles[TABLE]
    rows = [("Lp.", "Miasto (kraj)", "Liczba osób"), ("1.", "Lwów (Ukraina)", "12")]
    rows.append(("2.", "Łuck (Ukraina)", "8"))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.paragraphs[0].text = value
            cell.paragraphs[0].style = word.styles[TABLE_HEADER if r == 0 else TABLE_TEXT]
    word.add_paragraph()
    word.add_paragraph("Wykres 1. Podpis wykresu (Legenda)", CAPTION)


def _core(word: docx.document.Document) -> None:
    props = word.core_properties
    props.title = "Wzorzec stylów raportu o współpracy zagranicznej"
    props.author = "raport"
    props.last_modified_by = "raport"
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.language = LANGUAGE
    props.created = STAMP
    props.modified = STAMP
    props.revision = 1


def build() -> bytes:
    """The bytes of the reference document (the same on every run)."""
    word = docx.Document()
    _drop_extra_parts(word)
    _page_setup(word)
    _styles(word)
    _numbering(word)
    _settings(word)
    _samples(word)
    _core(word)
    buffer = BytesIO()
    word.save(buffer)
    return normalize_package(_calibri_theme(buffer.getvalue()), STAMP)


def _calibri_theme(data: bytes) -> bytes:
    """Make the theme's body font Calibri too (python-docx's theme says Cambria), so that
    Word's „+Treść” font and the document defaults agree."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/theme/theme1.xml":
                minor = content.index(b"<a:minorFont>")
                content = content[:minor] + content[minor:].replace(
                    b'<a:latin typeface="Cambria"/>', b'<a:latin typeface="Calibri"/>', 1
                )
            target.writestr(info, content)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=ROOT / "templates" / "reference.docx")
    args = parser.parse_args(argv)
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(build())
    print(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
