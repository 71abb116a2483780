"""The page's warm rebuild against a cold ``raport build`` and LibreOffice.

Usage::

    .venv/bin/python -m benchmarks.serve [--sizes 200,1000] [--repeat 3]
                                         [--json output/benchmark-serve.json] [--no-libreoffice]

For every N it writes a synthetic ``inputs/`` folder (:mod:`benchmarks.synth`),
starts ``raport serve`` on a free port and builds the year once from the page
(not measured: the first build). Then, ``--repeat`` times: one cell of the
office's workbook is edited (a visit's „Cel”), the workbook is uploaded through
the page, and the rebuild is timed from the click on „Zbuduj” (the POST) until
the page reports the build finished — the officer's wait. For comparison, with
the same inputs: ``raport build`` as a fresh process (cold: imports, fonts,
templates), and LibreOffice converting the DOCX the page built to PDF (a fresh
profile warmed up once first). Medians go to stdout, every run to the JSON file.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.measure import median
from benchmarks.run import (
    REPO,
    YEAR,
    _env,
    _measure,
    _raport,
    _say,
    build_command,
    soffice,
    soffice_command,
    warm_up_libreoffice,
)
from benchmarks.synth import write_inputs

DEFAULT_SIZES = (200, 1000)
DEFAULT_JSON = REPO / "output" / "benchmark-serve.json"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Page:
    """A browser-like client of one running ``raport serve``: a session cookie and its token."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )
        self.token = ""

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=60) as response:
            text: str = response.read().decode()
        found = re.search(r'name="csrf" value="([^"]+)"', text)
        if found:
            self.token = found.group(1)
        return text

    def post(self, path: str, body: bytes, content_type: str) -> str:
        """POST and return where the page redirects to."""
        request = urllib.request.Request(
            self.url + path, data=body, headers={"Content-Type": content_type}, method="POST"
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return str(response.geturl())
        except urllib.error.HTTPError as redirect:
            if redirect.code != 303:
                raise
            return str(redirect.headers["Location"])

    def upload(self, year: int, path: Path) -> None:
        boundary = secrets.token_hex(16)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
            f"{self.token}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="pliki"; '
            f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + path.read_bytes()
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        kind = f"multipart/form-data; boundary={boundary}"
        self.post(f"/rok/{year}/wgraj", b"".join(parts), kind)

    def build(self, year: int) -> float:
        """Click „Zbuduj” and wait until the page says the build finished; the seconds."""
        body = f"csrf={self.token}".encode()
        start = time.perf_counter()
        location = self.post(f"/rok/{year}/buduj", body, "application/x-www-form-urlencoded")
        while True:
            with self.opener.open(f"{self.url}{location}/stan", timeout=60) as response:
                state = json.load(response)
            if state["finished"]:
                seconds = time.perf_counter() - start
                if not state["ok"]:
                    raise RuntimeError(f"the page's build of {year} failed")
                return seconds
            time.sleep(0.02)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _edit_one_cell(inputs: Path, year: int, run: int, target: Path) -> Path:
    """A copy of the first workbook with a Wizyty sheet, one „Cel” changed; its path."""
    from openpyxl import load_workbook

    for path in sorted((inputs / str(year)).glob("*.xlsx")):
        book = load_workbook(path)
        if "Wizyty" not in book.sheetnames:
            continue
        sheet = book["Wizyty"]
        headers = [cell.value for cell in sheet[1]]
        cell = sheet.cell(row=2, column=headers.index("Cel") + 1)
        cell.value = f"{cell.value} (poprawka {run + 1})"
        target.mkdir(parents=True, exist_ok=True)
        book.save(target / path.name)
        return target / path.name
    raise RuntimeError("no workbook with a Wizyty sheet")


def measure_size(
    n: int, repeat: int, workdir: Path, libreoffice: tuple[str, Path] | None
) -> dict[str, Any]:
    base = workdir / f"n{n}"
    inputs = write_inputs(base / "inputs", n, YEAR).path
    output = base / "output"
    log = base / "serve.log"
    port = _free_port()
    command = [_raport(), "serve", "--inputs", str(inputs), "--output", str(output)]
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [*command, "--port", str(port)], stdout=sink, stderr=subprocess.STDOUT, env=_env()
        )
    try:
        page = Page(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 120
        while "worker gotowy" not in log.read_text(errors="replace"):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("raport serve did not start:\n" + log.read_text())
            time.sleep(0.1)
        page.get(f"/rok/{YEAR}")
        _say(f"N={n}: first build from the page")
        first = page.build(YEAR)
        rebuilds = []
        for run in range(repeat):
            edited = _edit_one_cell(inputs, YEAR, run, base / f"edit-{run}")
            page.get(f"/rok/{YEAR}")
            page.upload(YEAR, edited)
            page.get(f"/rok/{YEAR}")
            rebuilds.append(page.build(YEAR))
            _say(f"N={n}: rebuild from the page {rebuilds[-1]:.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)
    cold = []
    for run in range(repeat):
        measured = _measure(
            build_command(inputs, YEAR, base / f"cold-{run}"), base / f"cold-{run}.log"
        )
        cold.append(measured.wall)
        _say(f"N={n}: raport build (cold process) {measured.wall:.2f} s")
    result: dict[str, Any] = {
        "n": n,
        "first_page_build": round(first, 3),
        "page_rebuild": median(rebuilds),
        "page_rebuild_runs": rebuilds,
        "cold_build": median(cold),
        "cold_build_runs": cold,
    }
    if libreoffice is not None:
        program, profile = libreoffice
        docx = output / str(YEAR) / f"raport-{YEAR}.docx"
        conversions = []
        for run in range(repeat):
            outdir = base / f"libreoffice-{run}"
            converted = _measure(
                soffice_command(program, profile, docx, outdir), base / f"lo-{run}.log"
            )
            conversions.append(converted.wall)
            _say(f"N={n}: LibreOffice DOCX → PDF {converted.wall:.2f} s")
        result["libreoffice"] = median(conversions)
        result["libreoffice_runs"] = conversions
        result["page_rebuild_vs_libreoffice"] = round(
            result["page_rebuild"] / result["libreoffice"], 3
        )
    result["cold_vs_page_rebuild"] = round(result["cold_build"] / result["page_rebuild"], 2)
    return result


def table(results: Sequence[dict[str, Any]]) -> str:
    lines = [
        f"{'N':>6} {'page rebuild':>13} {'cold build':>11} {'LibreOffice':>12} "
        f"{'page/LO':>8} {'cold/page':>10}"
    ]
    for r in results:
        lo = r.get("libreoffice")
        ratio = r.get("page_rebuild_vs_libreoffice")
        lines.append(
            f"{r['n']:>6} {r['page_rebuild']:>12.2f}s {r['cold_build']:>10.2f}s "
            f"{(f'{lo:.2f}s' if lo is not None else '–'):>12} "
            f"{(f'{ratio:.2f}' if ratio is not None else '–'):>8} "
            f"{r['cold_vs_page_rebuild']:>9.2f}×"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    with tempfile.TemporaryDirectory(prefix="raport-bench-serve-") as tmp:
        workdir = Path(tmp)
        program = None if args.no_libreoffice else soffice()
        libreoffice = None
        if program is not None:
            profile = workdir / "lo-profile"
            warm_up_libreoffice(program, profile, workdir)
            libreoffice = (program, profile)
        results = [measure_size(n, args.repeat, workdir, libreoffice) for n in sizes]
    print(table(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
