"""Raw WordprocessingML: the one place that knows element names and their order.

python-docx covers the common structure (sections, footers, core properties);
what it does not cover — fields, repeating header rows, table alt text, the
``updateFields`` setting, the language of styles — is built here as small
functions over lxml elements (python-docx's ``OxmlElement``/``qn``). Body
paragraphs and table rows are built here too, directly as elements: python-
docx's high-level API costs milliseconds per row and per style lookup.

Element order matters to Word (a misplaced child makes it call the file
corrupt), so every insertion into an existing parent goes through
:func:`insert_ordered` with the schema's list of later siblings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

#: An lxml element (python-docx's custom element classes included); lxml has no stubs.
Element = Any

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Later siblings, in schema order, of the children this module inserts into
# existing parents (ECMA-376 part 1: CT_Settings, CT_RPr, CT_Style).
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
_SETTINGS_AFTER_THEME_FONT_LANG = _SETTINGS_AFTER_UPDATE_FIELDS[9:]
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_STYLE_AFTER_RPR = ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")

_NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}


def _qn(tag: str) -> str:
    """Clark name of a prefixed tag, for the few prefixes python-docx's ``qn`` lacks."""
    prefix, local = tag.split(":")
    return f"{{{_NAMESPACES[prefix]}}}{local}"


def insert_ordered(parent: Element, child: Element, successors: Sequence[str]) -> Element:
    """Insert ``child`` into ``parent`` before the first present later sibling; return it.

    ``successors`` lists, in schema order, the tags that must come after ``child``.
    """
    for tag in successors:
        found = parent.find(_qn(tag))
        if found is not None:
            found.addprevious(child)
            return child
    parent.append(child)
    return child


def _el(tag: str, **attrs: str) -> Element:
    """A new element ``tag`` with ``w:``-prefixed attributes given by local name."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


# --- text and paragraphs ----------------------------------------------------------


def run(text: str, *, bold: bool | None = None, italic: bool = False) -> Element:
    """A ``w:r`` with ``text``; a line feed becomes ``w:br``, a tab ``w:tab``. ``bold``
    None keeps the style's weight, False sets regular weight whatever the style's.

    >>> from docx.oxml.ns import qn
    >>> r = run("a\\tb", bold=True)
    >>> [child.tag == qn(t) for child, t in zip(r, ["w:rPr", "w:t", "w:tab", "w:t"])]
    [True, True, True, True]
    """
    r = OxmlElement("w:r")
    if bold is not None or italic:
        rpr = OxmlElement("w:rPr")
        if bold is not None:
            rpr.append(OxmlElement("w:b") if bold else _el("w:b", val="0"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        r.append(rpr)
    for piece in re.split(r"(\n|\t)", text):
        if piece == "\n":
            r.append(OxmlElement("w:br"))
        elif piece == "\t":
            r.append(OxmlElement("w:tab"))
        elif piece:
            t = OxmlElement("w:t")
            t.set(_XML_SPACE, "preserve")
            t.text = piece
            r.append(t)
    return r


@dataclass(frozen=True)
class Frame:
    """Where a paragraph stands on its page (``w:framePr``): across the text's ``width``
    and ``top`` below the top margin, in twips, at least ``height`` tall. Paragraphs in
    a row with the same frame share it; the text of the page flows through it."""

    width: int
    top: int
    height: int = 0

    def element(self) -> Element:
        frame = _el("w:framePr", w=str(self.width), wrap="through", vAnchor="margin")
        frame.set(qn("w:hAnchor"), "margin")
        frame.set(qn("w:x"), "0")
        frame.set(qn("w:y"), str(self.top))
        if self.height:
            frame.set(qn("w:h"), str(self.height))
            frame.set(qn("w:hRule"), "atLeast")
        return frame


def paragraph(
    style_id: str | None,
    runs: Iterable[Element] = (),
    *,
    align: str | None = None,
    page_break_before: bool = False,
    keep_with_next: bool = False,
    frame: Frame | None = None,
    space_before: int | None = None,
    space_after: int | None = None,
) -> Element:
    """A ``w:p`` in paragraph style ``style_id`` (None: Normal) holding ``runs``.

    ``align`` is a ``w:jc`` value ("left", "right", "center"); ``page_break_before``
    starts the paragraph on a new page; ``keep_with_next`` keeps it on the page of
    the next one; ``frame`` places it on the page, out of the text's flow;
    ``space_before`` and ``space_after`` (twips) replace its style's space above and
    below it.
    """
    p = OxmlElement("w:p")
    options = (align, frame, space_before, space_after)
    if style_id is not None or page_break_before or keep_with_next or options != (None,) * 4:
        ppr = OxmlElement("w:pPr")
        if style_id is not None:
            ppr.append(_el("w:pStyle", val=style_id))
        if keep_with_next:
            ppr.append(OxmlElement("w:keepNext"))
        if page_break_before:
            ppr.append(OxmlElement("w:pageBreakBefore"))
        if frame is not None:
            ppr.append(frame.element())
        if space_before is not None or space_after is not None:
            spacing = {"before": space_before, "after": space_after}
            ppr.append(_el("w:spacing", **{k: str(v) for k, v in spacing.items() if v is not None}))
        if align is not None:
            ppr.append(_el("w:jc", val=align))
        p.append(ppr)
    for r in runs:
        p.append(r)
    return p


_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def chart(
    rel_id: str, size: tuple[int, int], shape_id: int, name: str, description: str
) -> Element:
    """A ``w:r`` holding a chart in line with the text: the chart part related as
    ``rel_id``, ``size`` (width, height) in EMU, a unique ``wp:docPr`` id, a name and
    the alternative text (``descr``)."""
    width, height = size
    inline = parse_xml(
        f"<wp:inline {nsdecls('wp', 'a', 'c', 'r')}"
        ' distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:docPr id="0" name=""/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{_CHART_URI}"><c:chart r:id="{rel_id}"/>'
        "</a:graphicData></a:graphic></wp:inline>"
    )
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("id", str(shape_id))
    doc_pr.set("name", name)
    doc_pr.set("descr", description)
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    r = OxmlElement("w:r")
    r.append(drawing)
    return r


def bookmark(p: Element, bookmark_id: int, name: str) -> Element:
    """Wrap the content of paragraph ``p`` in a bookmark ``name`` (a link target); return ``p``."""
    start = _el("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(_el("w:bookmarkEnd", id=str(bookmark_id)))
    return p


def bookmark_name(anchor: str, taken: set[str]) -> str:
    """A valid, unique Word bookmark name for a document anchor.

    ``taken`` holds the lower-cased names given so far (Word compares them
    ignoring case); the new one is added to it.

    Word wants letters, digits and ``_``, a letter first, at most 40 characters.

    >>> taken: set[str] = set()
    >>> bookmark_name("miasta-partnerskie", taken), bookmark_name("miasta partnerskie", taken)
    ('miasta_partnerskie', 'miasta_partnerskie_2')
    >>> bookmark_name("10-łódź", taken)
    'b_10_lodz'
    """
    ascii_text = unicodedata.normalize("NFKD", anchor.replace("ł", "l").replace("Ł", "L"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^A-Za-z0-9_]", "_", ascii_text) or "b"
    if not base[0].isalpha():
        base = "b_" + base
    base = base[:36]
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name.lower())
    return name


def hyperlink_to_bookmark(name: str, runs: Iterable[Element]) -> Element:
    """A ``w:hyperlink`` to bookmark ``name`` in this document, wrapping ``runs``."""
    link = _el("w:hyperlink", anchor=name, history="1")
    for r in runs:
        link.append(r)
    return link


# --- fields -----------------------------------------------------------------------


def field_begin(instruction: str, *, dirty: bool = False) -> list[Element]:
    """The runs that open a complex field: begin, the instruction, separate.

    The field's result (its current text) follows, then :func:`field_end`.
    ``dirty`` asks Word to recompute the field when the document opens.
    """
    begin = _el("w:fldChar", fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set(_XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    runs = [OxmlElement("w:r") for _ in range(3)]
    runs[0].append(begin)
    runs[1].append(instr)
    runs[2].append(_el("w:fldChar", fldCharType="separate"))
    return runs


def field_end() -> Element:
    """The run that closes a complex field."""
    r = OxmlElement("w:r")
    r.append(_el("w:fldChar", fldCharType="end"))
    return r


def field(instruction: str, result: str) -> list[Element]:
    """A whole complex field (e.g. ``PAGE``, ``NUMPAGES``) showing ``result`` until updated."""
    return [*field_begin(instruction), run(result), field_end()]


TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


@dataclass(frozen=True)
class TocEntry:
    """One prefilled line of the table of contents."""

    text: str
    style_id: str | None  # "toc 1" … "toc 3"
    bookmark: str  # the heading's bookmark
    page: int | None = None  # the heading's page, when known (from the PDF's layout)


def toc(
    entries: Sequence[TocEntry], empty_style_id: str | None, tab: int | None = None
) -> list[Element]:
    """The paragraphs of a TOC field whose result is prefilled with ``entries``.

    The field spans the paragraphs: it opens in the first and closes in the last.
    Each entry is a link to its heading; an entry with a page shows it after a
    right-aligned tab with leader dots at ``tab`` (twips from the margin), as Word
    itself writes the field. Word rebuilds the field on opening (see
    :func:`set_update_fields`); LibreOffice shows it as it is.
    """
    begin = field_begin(TOC_INSTRUCTION, dirty=True)
    if not entries:
        return [paragraph(empty_style_id, [*begin, field_end()])]
    out = []
    for i, entry in enumerate(entries):
        runs: list[Element] = begin if i == 0 else []
        words = [run(entry.text)]
        if entry.page is not None:  # the page number in regular weight, as in the PDF
            words.append(run(f"\t{entry.page}", bold=False))
        runs.append(hyperlink_to_bookmark(entry.bookmark, words))
        if i == len(entries) - 1:
            runs.append(field_end())
        p = paragraph(entry.style_id, runs)
        if entry.page is not None and tab is not None:
            ppr = p.find(qn("w:pPr"))
            if ppr is None:
                ppr = OxmlElement("w:pPr")
                p.insert(0, ppr)
            tabs = OxmlElement("w:tabs")
            tabs.append(_el("w:tab", val="right", leader="dot", pos=str(tab)))
            ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, tabs)
        out.append(p)
    return out


# --- footer, settings, styles -------------------------------------------------------


def replace_content(container: Element, blocks: Iterable[Element]) -> None:
    """Replace the paragraphs and tables of a ``w:ftr``/``w:hdr``/``w:body`` with ``blocks``.

    A body keeps its final ``w:sectPr`` (the page setup) after the new blocks.
    """
    sect_pr = container.find(qn("w:sectPr"))
    for child in list(container):
        container.remove(child)
    container.extend(blocks)
    if sect_pr is not None:
        container.append(sect_pr)


def set_update_fields(settings: Element) -> None:
    """Ask Word and LibreOffice to update all fields (the TOC) when the file opens."""
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = insert_ordered(
            settings, OxmlElement("w:updateFields"), _SETTINGS_AFTER_UPDATE_FIELDS
        )
    existing.set(qn("w:val"), "true")


def set_settings_language(settings: Element, lang: str) -> None:
    """Set the theme font language and drop ``proofState`` so spell-checking runs afresh."""
    proof = settings.find(qn("w:proofState"))
    if proof is not None:
        settings.remove(proof)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = insert_ordered(
            settings, OxmlElement("w:themeFontLang"), _SETTINGS_AFTER_THEME_FONT_LANG
        )
    theme_lang.set(qn("w:val"), lang)


def set_rpr_language(rpr: Element, lang: str) -> None:
    """Set ``w:lang/@w:val`` of a run-properties element to ``lang`` (e.g. "pl-PL")."""
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = insert_ordered(rpr, OxmlElement("w:lang"), _RPR_AFTER_LANG)
    element.set(qn("w:val"), lang)


def set_styles_language(styles: Element, lang: str) -> None:
    """Make ``lang`` the language of the document defaults and of every style that has text.

    Paragraph, character and table styles get ``w:rPr/w:lang``; numbering styles
    carry no run properties.
    """
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    set_rpr_language(rpr, lang)
    for style in styles.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) == "numbering":
            continue
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = insert_ordered(style, OxmlElement("w:rPr"), _STYLE_AFTER_RPR)
        set_rpr_language(rpr, lang)


#: DrawingML's name for the theme's body font, for a body font named by the theme only.
THEME_BODY_FONT = "+mn-lt"


def body_font(styles: Element) -> str:
    """The name of the body text's font: the default paragraph style's, else the
    document defaults', else the theme's (:data:`THEME_BODY_FONT`).

    >>> from docx.oxml import parse_xml
    >>> from docx.oxml.ns import nsdecls
    >>> body_font(parse_xml(f'<w:styles {nsdecls("w")}><w:docDefaults><w:rPrDefault><w:rPr>'
    ...     '<w:rFonts w:ascii="Calibri"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>'))
    'Calibri'
    >>> body_font(parse_xml(f'<w:styles {nsdecls("w")}/>'))
    '+mn-lt'
    """
    places = (
        "w:style[@w:type='paragraph'][@w:default='1']/w:rPr/w:rFonts/@w:ascii",
        "w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii",
    )
    for place in places:
        found = styles.xpath(place)
        if found and str(found[0]).strip():
            return str(found[0])
    return THEME_BODY_FONT


def style_ids(styles: Element) -> dict[tuple[str, str], str]:
    """``{(type, lower-case name): styleId}`` for every style, e.g. ("paragraph", "heading 1").

    Word writes built-in styles under their English names whatever its UI language
    (the ids may be localised), so looking styles up by name keeps a restyled
    reference document working.
    """
    out: dict[tuple[str, str], str] = {}
    for style in styles.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        style_id = style.get(qn("w:styleId"))
        if name is None or style_id is None:
            continue
        key = (style.get(qn("w:type"), "paragraph"), str(name.get(qn("w:val"), "")).lower())
        out.setdefault(key, style_id)
    return out


APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/docPropsVTypes"><Application>raport</Application><DocSecurity>0</DocSecurity>'
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
"""docProps/app.xml: the producing application and nothing that changes between builds
(no editing time, no page or word counts left over from the reference document)."""


# --- reading back -------------------------------------------------------------------


class _Fields:
    """The complex fields open at a point of the document (they nest and span paragraphs)."""

    def __init__(self) -> None:
        self.open: list[tuple[list[str], list[bool]]] = []  # (instruction, in result?)

    def hides_text(self) -> bool:
        """Whether text here is a field instruction or part of a TOC field's result."""
        if self.open and not self.open[-1][1][0]:
            return True
        return any("".join(instr).strip().upper().startswith("TOC") for instr, _ in self.open)


def _text_pieces(element: Element, fields: _Fields) -> Iterator[str]:
    """The visible text under ``element``, without field instructions and TOC results."""
    fld, instr_tag = qn("w:fldChar"), qn("w:instrText")
    t_tag, br_tag = qn("w:t"), qn("w:br")
    for node in element.iter(fld, instr_tag, t_tag, br_tag, qn("w:tab")):
        tag = node.tag
        if tag == fld:
            kind = node.get(qn("w:fldCharType"))
            if kind == "begin":
                fields.open.append(([], [False]))
            elif kind == "separate" and fields.open:
                fields.open[-1][1][0] = True
            elif kind == "end" and fields.open:
                fields.open.pop()
        elif tag == instr_tag:
            if fields.open:
                fields.open[-1][0].append(node.text or "")
        elif fields.hides_text():
            continue
        elif tag == t_tag:
            yield node.text or ""
        else:
            yield "\n" if tag == br_tag else "\t"


def body_texts(document: Element) -> list[str]:
    """The texts of a ``w:document`` element in reading order.

    Each non-empty paragraph is one item, each table cell one item (its
    paragraphs joined by a line feed); the TOC field's result is left out.
    """
    body = document.find(qn("w:body"))
    out: list[str] = []
    fields = _Fields()
    p_tag, tbl_tag, sdt_tag = qn("w:p"), qn("w:tbl"), qn("w:sdt")

    def blocks(container: Element) -> None:
        for child in container:
            if child.tag == p_tag:
                text = "".join(_text_pieces(child, fields))
                if text:
                    out.append(text)
            elif child.tag == tbl_tag:
                for tr in child.iterchildren(qn("w:tr")):
                    for tc in tr.iterchildren(qn("w:tc")):
                        paras = ["".join(_text_pieces(p, fields)) for p in tc.iter(p_tag)]
                        out.append("\n".join(paras))
            elif child.tag == sdt_tag:
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    blocks(content)

    blocks(body)
    return out
