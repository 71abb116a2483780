"""The session in the page: who may open it, forms checked for their CSRF token,
messages carried to the next page, and where to go after logging in.

The primitives (tokens, password, rate limit) are in :mod:`reports.web.security`.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import quote

from starlette.requests import HTTPConnection, Request
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from reports.web.render import PageError
from reports.web.security import Sessions, csrf_ok

_LOG = logging.getLogger("raport.serve")


class LoginRequired:
    """ASGI middleware: with a password, every page but the login page needs a session."""

    OPEN = ("/logowanie", "/static/")

    def __init__(self, app: ASGIApp, password: str | None, sessions: Sessions) -> None:
        self.app = app
        self.password = password
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.password is None:
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        path = connection.url.path
        if self.sessions.valid(connection.session.get("sid")) or path.startswith(self.OPEN):
            await self.app(scope, receive, send)
            return
        target = "/logowanie" + (f"?dalej={quote(path)}" if path != "/" else "")
        await RedirectResponse(target, status_code=303)(scope, receive, send)


async def checked_form(request: Request, *, files: int = 0) -> Any:
    """The request's form, when it carries the session's CSRF token (else a 403 page)."""
    form = await request.form(max_files=files, max_fields=20)
    if not csrf_ok(request.session, form.get("csrf")):
        _LOG.warning("odrzucono formularz bez ważnego tokenu CSRF: %s", request.url.path)
        raise PageError(
            403,
            "Formularz wygasł",
            "Ten formularz jest nieaktualny (np. otwarty przed ponownym uruchomieniem "
            "serwera). Wróć, odśwież stronę i spróbuj jeszcze raz.",
        )
    return form


def flash(request: Request, kind: str, *lines: str) -> None:
    """A message for the next page this session opens."""
    request.session["flash"] = {"kind": kind, "lines": list(lines)}


def next_path(request: Request, value: str | None = None) -> str:
    """Where to go after logging in: a local path only."""
    target = value if value is not None else request.query_params.get("dalej", "/")
    return target if re.fullmatch(r"/[\w\-/.#%]*", target) and "//" not in target else "/"
