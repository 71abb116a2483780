"""The page's login and headers against an attacker: forwarded addresses are not
believed, guessing is slowed without locking out the office's user, logging out ends
the session for good, and every answer carries the security headers."""

from __future__ import annotations

import http.client
import re
import time
import urllib.parse
from typing import Any

import pytest

from tests.web.conftest import PASSWORD, Server


class Client:
    """A browser's cookies over plain HTTP, so that the tests choose every header."""

    def __init__(self, server: Server) -> None:
        parts = urllib.parse.urlsplit(server.url)
        self.host, self.port = parts.hostname or "", parts.port or 80
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, **headers: str
    ) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        sent = {k.replace("_", "-"): v for k, v in headers.items()}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def login(self, password: str, **headers: str) -> tuple[int, str]:
        _, _, page = self.request("GET", "/logowanie")
        match = re.search(r'name="csrf" value="([^"]+)"', page)
        assert match, page
        status, _, text = self.request(
            "POST", "/logowanie", {"csrf": match[1], "dalej": "/", "haslo": password}, **headers
        )
        return status, text


@pytest.fixture(scope="module")
def server(serve: Any) -> Server:
    started: Server = serve("127.0.0.3", {"RAPORT_PASSWORD": PASSWORD})
    return started


def test_every_answer_carries_the_security_headers(server: Server) -> None:
    for path in ("/logowanie", "/nie-ma-takiej-strony", "/static/raport.css"):
        _, headers, _ = Client(server).request("GET", path)
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"


def test_forwarded_addresses_are_not_believed_and_the_office_gets_in(server: Server) -> None:
    attacker = Client(server)
    statuses = [attacker.login("zgadywanie", X_Forwarded_For=f"10.0.0.{n}")[0] for n in range(1, 9)]
    # every guess counts against the connection's own address, whatever the header says
    assert 429 in statuses, statuses
    # the office's user at the same address waits a few seconds, never a lockout
    office = Client(server)
    status, text = office.login(PASSWORD)
    if status == 429:
        wait = int(re.search(r"za (\d+) s", text)[1])  # type: ignore[index]
        assert wait <= 60
        time.sleep(wait)
        status, text = office.login(PASSWORD)
    assert status == 303, text


def test_a_known_browser_is_not_slowed_by_others_guesses(server: Server) -> None:
    office = Client(server)
    time.sleep(2)  # (earlier tests' guesses)
    for _ in range(60):
        status, text = office.login(PASSWORD)
        if status != 429:
            break
        time.sleep(1)
    assert status == 303, text
    attacker = Client(server)
    assert 429 in [attacker.login("zgadywanie")[0] for _ in range(8)]
    status, _ = office.login(PASSWORD)  # its device cookie: its own count
    assert status == 303


def test_logging_out_ends_the_session_even_if_its_cookie_is_kept(server: Server) -> None:
    office = Client(server)
    for _ in range(60):
        status, _ = office.login(PASSWORD)
        if status == 303:
            break
        time.sleep(1)
    assert office.request("GET", "/")[0] == 200
    kept = dict(office.cookies)
    _, _, page = office.request("GET", "/")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf
    assert office.request("POST", "/wyloguj", {"csrf": csrf[1]})[0] == 303
    replay = Client(server)
    replay.cookies = kept  # the cookie from before the logout
    status, headers, _ = replay.request("GET", "/")
    assert status == 303 and headers["location"].startswith("/logowanie")
