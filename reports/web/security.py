"""Access to the page: the password, login attempts, CSRF tokens and a body size limit.

The session lives in a signed cookie (Starlette's ``SessionMiddleware``:
HttpOnly, SameSite=Strict, signed with a key made when the server starts).
It carries a CSRF token that every form sends back, and — when the server
needs a password — whether this browser has logged in.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Failed logins allowed per client address within ``WINDOW_SECONDS``.
MAX_FAILURES = 5
WINDOW_SECONDS = 60.0


def csrf_token(session: MutableMapping[str, Any]) -> str:
    """The session's CSRF token (made on first use)."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def csrf_ok(session: MutableMapping[str, Any], sent: object) -> bool:
    """Whether a form's token is the session's.

    >>> session = {}
    >>> csrf_ok(session, csrf_token(session)), csrf_ok(session, "x"), csrf_ok({}, "")
    (True, False, False)
    """
    token = session.get("csrf")
    return isinstance(token, str) and isinstance(sent, str) and hmac.compare_digest(token, sent)


def password_ok(expected: str, given: str) -> bool:
    """Constant-time comparison of the access password."""
    return hmac.compare_digest(expected.encode(), given.encode())


class LoginLimiter:
    """Rate limit on failed logins per client address (a sliding window)."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds ``client`` must wait before trying again (0 when it may try now).

        >>> limiter = LoginLimiter(max_failures=2, window=60)
        >>> limiter.failed("a", now=0); limiter.failed("a", now=1)
        >>> limiter.wait("a", now=2), limiter.wait("b", now=2), limiter.wait("a", now=61)
        (58.0, 0.0, 0.0)
        """
        now = time.monotonic() if now is None else now
        with self._lock:
            failures = self._recent(client, now)
            if len(failures) < self.max_failures:
                return 0.0
            return float(failures[0] + self.window - now)

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._recent(client, now).append(now)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


class BodyTooLarge(Exception):
    """A request body over the limit (the page answers 413 with a Polish message)."""


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        too_large = declared.isdigit() and int(declared) > self.limit
        received = 0

        async def limited() -> Message:
            nonlocal received
            if too_large:
                raise BodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        await self.app(scope, limited, send)
