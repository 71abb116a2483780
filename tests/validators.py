"""The external validators the tests run: the Nu Html Checker, axe-core in Chromium,
qpdf, the PDF/UA rules of ``pdfua``, and LibreOffice.

``scripts/bootstrap.sh --dev`` installs every one of them. A missing tool fails the
test that needs it with a message that says so: it is never skipped silently.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
VNU_JAR = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: axe-core's rules for WCAG 2.0 and 2.1, levels A and AA.
WCAG21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: The BIP metryczka is a fragment to paste into a page; it is validated in this one.
PAGE_AROUND_FRAGMENT = """<!DOCTYPE html>
<html lang="pl">
<head>
<meta charset="utf-8">
<title>Metryczka</title>
</head>
<body>
<main>
{fragment}</main>
</body>
</html>
"""


def require(command: str, package: str) -> str:
    """The path of ``command``; the test fails (not skips) when it is not installed."""
    path = shutil.which(command)
    if path is None:
        pytest.fail(
            f"{command} is not installed: run `bash scripts/bootstrap.sh --dev` "
            f"(it installs the Debian package {package})",
            pytrace=False,
        )
    return path


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        pytest.fail(
            f"{what} is missing ({path}): run `bash scripts/bootstrap.sh --dev`", pytrace=False
        )
    return path


def page_around(fragment: str) -> str:
    """A whole HTML page holding ``fragment``, as a BIP page would."""
    return PAGE_AROUND_FRAGMENT.format(fragment=fragment)


# --- Nu Html Checker ---------------------------------------------------------------


def nu_html_check(paths: Sequence[Path]) -> dict[Path, list[dict[str, Any]]]:
    """Every error the Nu Html Checker finds, per file (one JVM for all files)."""
    java = require("java", "default-jre-headless")
    jar = require_file(VNU_JAR, "The Nu Html Checker (npm package vnu-jar)")
    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode not in (0, 1) or not done.stderr.strip():
        pytest.fail(f"vnu.jar failed ({done.returncode}): {done.stderr[-2000:]}", pytrace=False)
    found: dict[Path, list[dict[str, Any]]] = defaultdict(list)
    for message in json.loads(done.stderr)["messages"]:
        url = str(message.get("url", ""))
        path = Path(url.removeprefix("file:")).resolve() if url.startswith("file:") else None
        if path is None or message.get("type") != "error":
            pytest.fail(f"vnu.jar: {message}", pytrace=False)
        found[path].append(message)
    return {path.resolve(): found.get(path.resolve(), []) for path in paths}


def describe_nu(messages: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  line {m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in messages
    )


# --- the pages of raport serve -----------------------------------------------------


def served_pages(
    inputs: Path, output: Path, paths: Sequence[str], folder: Path, password: str | None = None
) -> dict[str, Path]:
    """Run ``raport serve`` on ``inputs`` and ``output`` (with ``password``, if given) and
    save the HTML of every page in ``paths`` (GET, redirects followed, error pages too)
    into ``folder``."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-c",
        "import sys; from reports.cli.main import main; sys.exit(main(sys.argv[1:]))",
        *("serve", "--inputs", str(inputs), "--output", str(output)),
        *("--host", "127.0.0.1", "--port", str(port)),
    ]
    environment = {k: v for k, v in os.environ.items() if k != "RAPORT_PASSWORD"}
    if password is not None:
        environment["RAPORT_PASSWORD"] = password
    log = folder / "serve.log"
    folder.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=environment)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError) as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"raport serve did not start ({error}):\n{log.read_text()}")
                time.sleep(0.2)
        pages: dict[str, Path] = {}
        for number, path in enumerate(paths, 1):
            try:
                with urllib.request.urlopen(url + path, timeout=120) as response:
                    body = response.read()
            except urllib.error.HTTPError as error:  # an error page is a page too
                body = error.read()
            target = folder / f"page-{number}.html"
            target.write_bytes(body)
            pages[path] = target
        return pages
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- axe-core in Chromium ----------------------------------------------------------


@dataclass(frozen=True)
class AxeRun:
    """What axe-core found on one page at one viewport."""

    violations: list[dict[str, Any]]
    passes: list[str]
    scroll_width: int  # the page's width: more than the viewport's means sideways scrolling

    def describe(self) -> str:
        return "\n".join(
            f"  {v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in self.violations
        )


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    require_file(CHROMIUM, "Chromium (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def axe_check(browser: Any, path: Path, width: int, height: int = 800) -> AxeRun:
    """Open ``path`` at a viewport of ``width`` CSS pixels and run axe-core's WCAG 2.1
    A and AA rules on it."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(path.resolve().as_uri())
        options = {"runOnly": {"type": "tag", "values": list(WCAG21_AA)}}
        response = Axe().run(page, options=options).response
        scroll_width = int(page.evaluate("document.documentElement.scrollWidth"))
    finally:
        page.close()
    return AxeRun(
        violations=list(response["violations"]),
        passes=[str(rule["id"]) for rule in response["passes"]],
        scroll_width=scroll_width,
    )


# --- PDF ---------------------------------------------------------------------------


def qpdf_check(path: Path) -> tuple[int, str]:
    """``qpdf --check``: its exit code (0 clean, 3 warnings, 2 errors) and its report."""
    qpdf = require("qpdf", "qpdf")
    done = subprocess.run(
        [qpdf, "--check", str(path)], capture_output=True, text=True, timeout=300, check=False
    )
    return done.returncode, done.stdout + done.stderr


def pdfua_outcomes(path: Path) -> list[Any]:
    """Every rule of the ``pdfua`` package run on ``path`` (its findings, or why it could
    not run)."""
    from pdfua import validate

    return list(validate(str(path)).outcomes)


# --- LibreOffice -------------------------------------------------------------------


def soffice_convert(sources: Sequence[Path], target_format: str, out_dir: Path) -> list[Path]:
    """Convert ``sources`` with one LibreOffice run (its own profile, so that parallel
    runs and a user's open LibreOffice do not meet); the converted files, in order.

    The sources' names must differ: the converted files land side by side in ``out_dir``.
    """
    soffice = require("soffice", "libreoffice-writer-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="raport-lo-") as profile:
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target_format,
                "--outdir",
                str(out_dir),
                *map(str, sources),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={**os.environ, "HOME": profile},
        )
    extension = target_format.split(":", 1)[0]
    converted = [out_dir / f"{source.stem}.{extension}" for source in sources]
    if done.returncode != 0 or not all(path.is_file() for path in converted):
        pytest.fail(
            f"LibreOffice could not convert {[s.name for s in sources]}: "
            f"{done.stdout}{done.stderr}",
            pytrace=False,
        )
    return converted
