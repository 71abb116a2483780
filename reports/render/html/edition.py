"""Document → the HTML edition for the BIP: one self-contained, semantic page.

The page a BIP editor publishes as it is (``raport-YEAR.html``): ``templates/edition.html.j2``
with ``templates/edition.css`` inlined, no fonts, scripts or links outside the file.
Like the other renderers it only walks the document model: every word comes from
it, escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from reports.document.model import Document
from reports.render.assets import templates_dir
from reports.render.html.renderer import template_environment, w3c_datetime

TEMPLATE = "edition.html.j2"
STYLESHEET = "edition.css"

_COMMENT = re.compile(r"/\*.*?\*/\s*", re.DOTALL)


def inline_css(css: str) -> Markup:
    r"""A stylesheet for a ``<style>`` element: comments (notes for whoever edits the
    file) dropped, and no ``</`` that could end the element.

    >>> str(inline_css("/* note */\nh1 { color: red; }\n/* a </style> */"))
    'h1 { color: red; }'
    """
    return Markup(_COMMENT.sub("", css).replace("</", "<\\/").strip())


def render_edition(document: Document) -> str:
    """The HTML edition of ``document``: a whole page, its stylesheet inside.

    >>> from datetime import datetime
    >>> from reports.document.model import (
    ...     Column, Document, Paragraph, Section, Table, TableOfContents, TitlePage)
    >>> doc = Document(
    ...     title="Raport", author="Urząd", language="pl",
    ...     created=datetime(2026, 3, 15), title_page=TitlePage("Raport <2025>", (), "Kalisz"),
    ...     contents=TableOfContents("Spis treści"),
    ...     sections=(Section("Wstęp", "wstep", (
    ...         Paragraph.of("Tekst & treść"),
    ...         Table((Column("Miasto", 1.0),), (("Hamm",),), caption="Miasta"))),))
    >>> page = render_edition(doc)
    >>> '<html lang="pl">' in page, "<h1>Raport &lt;2025&gt;</h1>" in page
    (True, True)
    >>> '<h2 id="wstep">Wstęp</h2>' in page, '<a href="#wstep">Wstęp</a>' in page
    (True, True)
    >>> '<th scope="col" class="align-left">Miasto</th>' in page, "Miasta</caption>" in page
    (True, True)
    """
    css = inline_css((templates_dir() / STYLESHEET).read_text(encoding="utf-8"))
    template = template_environment().get_template(TEMPLATE)
    return template.render(document=document, css=css, created=w3c_datetime(document.created))
