"""The page's HTML: the Jinja2 templates, their helpers, and the Polish error pages.

Every page is rendered by :func:`page` with what the layout needs (the CSRF
token, whether someone is logged in, the flash message), and every failure —
:class:`PageError` or anything else — becomes a Polish page in :func:`error_page`;
details go to the server's log only.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from reports.polish.numbers import format_number
from reports.polish.plurals import plural
from reports.web.builder import STAGES
from reports.web.security import BodyTooLarge, csrf_token
from reports.web.state import Status
from reports.web.uploads import MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES

_LOG = logging.getLogger("raport.serve")
HERE = Path(__file__).parent

STAGE_LABELS = {
    "queued": "Czeka na swoją kolej",
    "check": "Sprawdzanie danych",
    "document": "Składanie treści raportu",
    "render": "Tworzenie plików DOCX i PDF",
    "write": "Zapisywanie plików",
    "done": "Zakończono",
}


class PageError(Exception):
    """A failure shown to the user as a Polish page with ``status``."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


@cache
def templates() -> Environment:
    """The templates of ``web/templates`` with the labels and filters they use."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(stage_labels=STAGE_LABELS, Status=Status, stages=STAGES)
    env.filters["plural"] = lambda n, one, few, many: f"{n} {plural(n, one, few, many)}"
    env.filters["seconds"] = lambda value: format_number(value, decimals=1)
    return env


def page(
    request: Request, name: str, status_code: int = 200, *, login: bool, **values: Any
) -> HTMLResponse:
    """The template ``name`` rendered with ``values`` (``login``: the page needs one)."""
    session: dict[str, Any] = request.session if "session" in request.scope else {}
    values.setdefault("title", "raport")
    html = (
        templates()
        .get_template(name)
        .render(
            csrf=csrf_token(session),
            logged_in=login and "sid" in session,
            flash=session.pop("flash", None),
            path=request.url.path,
            **values,
        )
    )
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, exc: Exception, *, login: bool) -> HTMLResponse:
    """The Polish page of a failure (a bug is logged with its traceback)."""
    if isinstance(exc, PageError):
        status, title, message = exc.status, exc.title, exc.message
    elif isinstance(exc, BodyTooLarge):
        status, title = 413, "Za duży plik"
        message = (
            f"Przesłane pliki są za duże: najwyżej {MAX_UPLOAD_BYTES // 1024 // 1024} MB "
            f"na plik i {MAX_REQUEST_BYTES // 1024 // 1024} MB razem. Wgraj mniejsze pliki "
            "albo po jednym."
        )
    elif isinstance(exc, HTTPException) and exc.status_code == 404:
        status, title = 404, "Nie ma takiej strony"
        message = "Sprawdź adres albo wróć do listy lat."
    elif isinstance(exc, HTTPException) and exc.status_code == 405:
        status, title = 405, "Niedozwolona operacja"
        message = "Tej strony nie otwiera się w ten sposób. Wróć do listy lat."
    elif isinstance(exc, HTTPException) and exc.status_code < 500:
        status, title = exc.status_code, "Nieprawidłowe żądanie"
        message = "Przeglądarka wysłała nieprawidłowe dane. Odśwież stronę i spróbuj ponownie."
        _LOG.warning("żądanie odrzucone (%s): %s", exc.status_code, exc.detail)
    else:
        status, title = 500, "Błąd programu"
        message = (
            "Coś poszło nie tak po stronie programu. Spróbuj ponownie; jeśli błąd się "
            "powtórzy, przekaż administratorowi dziennik serwera."
        )
        _LOG.exception("błąd podczas obsługi %s %s", request.method, request.url.path)
    return page(
        request, "error.html.j2", status_code=status, login=login, title=title, message=message
    )


def attachment(name: str) -> dict[str, str]:
    """A Content-Disposition header for downloading ``name`` (Polish letters kept).

    >>> print(attachment("wydział.xlsx")["Content-Disposition"])
    attachment; filename="wydzia_.xlsx"; filename*=UTF-8''wydzia%C5%82.xlsx
    """
    fallback = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    value = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return {"Content-Disposition": value}
