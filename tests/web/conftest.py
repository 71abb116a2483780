"""The page served for real: ``raport serve`` in a process, Debian's Chromium driving it.

Session-scoped: one server on 127.0.0.1 (no password) and one on 127.0.0.2 (with
a password) over temporary inputs and outputs, and one browser, for all tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.workbooks import write_registry

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "tajne-hasło-biura"


@dataclass(frozen=True)
class Server:
    url: str
    inputs: Path
    output: Path
    log: Path


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("raport serve stopped:\n" + log.read_text())
        try:
            with urllib.request.urlopen(url + "/logowanie", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError("raport serve did not start:\n" + log.read_text())


@pytest.fixture(scope="session")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A factory of running ``raport serve`` processes; all are stopped at the end."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(host: str = "127.0.0.1", env: dict[str, str] | None = None) -> Server:
        root = tmp_path_factory.mktemp("serve")
        inputs, output, log = root / "inputs", root / "output", root / "serve.log"
        write_registry(inputs)
        port = _free_port(host)
        command = [
            sys.executable,
            "-c",
            "import sys; from reports.cli.main import main; sys.exit(main(sys.argv[1:]))",
            *("serve", "--inputs", str(inputs), "--output", str(output)),
            *("--host", host, "--port", str(port)),
        ]
        environment = {k: v for k, v in os.environ.items() if k != "RAPORT_PASSWORD"}
        with log.open("wb") as sink:
            process = subprocess.Popen(
                command, stdout=sink, stderr=subprocess.STDOUT, env=environment | (env or {})
            )
        processes.append(process)
        url = f"http://{host}:{port}"
        _wait_until_up(url, process, log)
        return Server(url, inputs, output, log)

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def local_server(serve: Any) -> Server:
    server: Server = serve()
    return server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()
