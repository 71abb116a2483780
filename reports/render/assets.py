"""Where the templates live: inside the installed package, or templates/ of a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: The stylesheet of the report's pages, the PDF's (in templates/).
REPORT_STYLESHEET = "report.css"


@cache
def templates_dir() -> Path:
    """The folder with report.html.j2, report.css, reference.docx and fonts/.

    A wheel ships them as the package data ``reports/templates``; in a source
    checkout (and an editable install) they are the repository's ``templates/``.
    """
    packaged = Path(__file__).parents[1] / "templates"
    if (packaged / "report.css").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"
