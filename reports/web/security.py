"""Access to the page: the password, login attempts, CSRF tokens and a body size limit.

The session lives in a signed cookie (Starlette's ``SessionMiddleware``:
HttpOnly, SameSite=Strict, signed with a key made when the server starts).
It carries a CSRF token that every form sends back, and — when the server
needs a password — the id of a logged-in session kept on the server
(:class:`Sessions`), so that logging out ends it. Failed logins are slowed
(:class:`LoginLimiter`); every answer carries security headers (:class:`SecurityHeaders`).
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

#: Failed logins per client address within ``WINDOW_SECONDS`` before each next try waits.
MAX_FAILURES = 5
WINDOW_SECONDS = 60.0
#: Failed logins over all addresses within ``WINDOW_SECONDS`` before every address waits.
OVERALL_FAILURES = 30


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
    """Failed logins slowed down per client address and over all addresses.

    After ``max_failures`` failures within ``window`` seconds an address waits before
    each next try, twice as long after each further failure (1 s, 2 s, 4 s … at most
    ``window``): guessing is slow, but the office's own user, behind the same address,
    gets in after a short wait rather than being locked out. Over all addresses,
    ``overall`` failures within the window slow every address the same way. A browser
    that has logged in before (its ``device`` token, see :class:`Sessions`) is slowed
    only by its own failures.
    """

    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        window: float = WINDOW_SECONDS,
        overall: int = OVERALL_FAILURES,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.overall = overall
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, bucket: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(bucket, deque())
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def _delay(self, failures: deque[float], allowed: int, now: float) -> float:
        extra = len(failures) - allowed
        if extra < 0:
            return 0.0
        return max(0.0, failures[-1] + min(2.0**extra, self.window) - now)

    def wait(self, client: str, device: str | None = None, now: float | None = None) -> float:
        """Seconds ``client`` (or a known ``device``) must wait before trying again.

        >>> limiter = LoginLimiter(max_failures=2, window=60, overall=100)
        >>> for t in (0, 1): limiter.failed("a", now=t)
        >>> limiter.wait("a", now=1), limiter.wait("a", now=2), limiter.wait("b", now=1)
        (1.0, 0.0, 0.0)
        >>> limiter.failed("a", now=2); limiter.wait("a", now=2)
        2.0
        >>> limiter.wait("a", device="zaufane", now=2)
        0.0
        """
        now = time.monotonic() if now is None else now
        with self._lock:
            if device is not None:
                return self._delay(
                    self._recent(f"urządzenie:{device}", now), self.max_failures, now
                )
            return max(
                self._delay(self._recent(client, now), self.max_failures, now),
                self._delay(self._recent("*", now), self.overall, now),
            )

    def failed(self, client: str, device: str | None = None, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if device is not None:
                self._recent(f"urządzenie:{device}", now).append(now)
                return
            self._recent(client, now).append(now)
            self._recent("*", now).append(now)

    def succeeded(self, client: str, device: str | None = None) -> None:
        with self._lock:
            self._failures.pop(client if device is None else f"urządzenie:{device}", None)


class Sessions:
    """The logged-in sessions, kept on the server: the session cookie carries only an id,
    so logging out (or the server restarting) ends a session for good, even if its
    cookie is kept. Browsers that have logged in are remembered as known devices."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._ends: dict[str, float] = {}
        self._devices: set[str] = set()
        self._lock = threading.Lock()

    def start(self) -> str:
        """A new session's id."""
        sid = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._ends = {k: end for k, end in self._ends.items() if end > now}
            self._ends[sid] = now + self.seconds
        return sid

    def valid(self, sid: object) -> bool:
        """Whether ``sid`` is a session that has not ended.

        >>> sessions = Sessions(60)
        >>> sid = sessions.start()
        >>> sessions.valid(sid), sessions.valid("x"), sessions.valid(None)
        (True, False, False)
        >>> sessions.end(sid); sessions.valid(sid)
        False
        """
        if not isinstance(sid, str):
            return False
        with self._lock:
            end = self._ends.get(sid)
            return end is not None and end > time.monotonic()

    def end(self, sid: object) -> None:
        with self._lock:
            if isinstance(sid, str):
                self._ends.pop(sid, None)

    def new_device(self) -> str:
        """A token for a browser that has just logged in."""
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._devices.add(token)
        return token

    def known_device(self, token: object) -> str | None:
        """``token`` when it is a device that has logged in before, else None."""
        with self._lock:
            return token if isinstance(token, str) and token in self._devices else None


#: The headers of every answer: no framing, no sniffing, no referrer to other sites, and
#: only the page's own scripts, styles and images. A report file (the HTML edition:
#: one file with its own styles) may use its inline styles, and nothing else.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
FILE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """ASGI middleware: Content-Security-Policy, X-Content-Type-Options, Referrer-Policy
    and X-Frame-Options on every answer."""

    def __init__(self, app: ASGIApp, files: str = "/pliki/") -> None:
        self.app = app
        self.files = files

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = FILE_POLICY if self.files in scope.get("path", "") else PAGE_POLICY

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in _SECURITY_HEADERS
                ]
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


_SECURITY_HEADERS = frozenset(
    {b"content-security-policy", b"x-content-type-options", b"referrer-policy", b"x-frame-options"}
)


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
