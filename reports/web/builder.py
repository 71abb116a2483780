"""The warm worker: builds run in one long-lived process that keeps the renderers loaded.

A cold ``raport build`` spends its first seconds importing WeasyPrint and
python-docx, reading fonts and compiling templates. The page's :class:`Builder`
starts one worker process when the server starts (forked before the server
has threads), which loads all of that once and renders a tiny report to warm
the caches; every build then runs :func:`~reports.pipeline.generate` there —
the same function ``raport build`` calls, giving the same bytes — and reports
its stages back so the page can show progress.

A build of a year holds that year's lock: a second request for the same year
is shown the build already running.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reports.pipeline.workers import context, start_pool, stop, warm

_LOG = logging.getLogger("raport.serve")

#: The stages :func:`reports.pipeline.generate` reports, in order.
STAGES = ("queued", "check", "document", "render", "write", "done")

_events: Any = None  # the worker's end of the progress channel


@dataclass
class Job:
    """One build: its year, the stage it reached and, when done, what it gave."""

    id: str
    year: int
    started: float = field(default_factory=time.monotonic)
    stage: str = "queued"
    finished: bool = False
    ok: bool = False
    failed: str | None = None  # a Polish message when the build broke (not input errors)
    errors: int = 0
    warnings: int = 0
    outputs: tuple[str, ...] = ()
    unchanged: bool = False  # every file came out the same bytes as before the build
    seconds: float | None = None

    @property
    def step(self) -> int:
        """How far the build is: the number of the current stage, from 1."""
        return STAGES.index(self.stage) + 1 if self.stage in STAGES else 1


def _start_worker(events: Any) -> None:
    """Runs once in the worker: keep the channel, load the renderers, warm the caches (the
    worker ends with the server: :func:`reports.pipeline.workers.start_pool`)."""
    global _events
    _events = events
    started = time.monotonic()
    warm_up()
    _LOG.info("worker gotowy (renderery wczytane) w %.1f s", time.monotonic() - started)


def warm_up() -> None:
    """Import the renderers and render a one-page document in both formats.

    The document is thrown away; what stays is what a real build would load
    first: modules, the template environment, the fonts and their subsetter.
    """
    from reports.document.model import (
        Column,
        Document,
        Paragraph,
        Section,
        Table,
        TableOfContents,
        TitlePage,
    )
    from reports.pipeline.rendering import render
    from reports.render.pdf.workers import preload

    preload()
    text = "Zażółć gęślą jaźń – „ĄĆĘŁŃÓŚŹŻ” 1 234,50 zł"
    document = Document(
        title=text,
        author=text,
        language="pl",
        created=datetime(2000, 1, 1),
        title_page=TitlePage(text, (text,), text),
        contents=TableOfContents(text),
        sections=(
            Section(
                text,
                "rozgrzewka",
                (Paragraph.of(text), Table((Column(text, 1.0),), ((text,),), text)),
            ),
        ),
    )
    for fmt in ("docx", "pdf"):
        render(document, fmt)


def _report(job_id: str, stage: str) -> None:
    if _events is not None:
        _events.put((job_id, stage))


def run_build(job_id: str, inputs_dir: Path, year: int, output_dir: Path) -> dict[str, Any]:
    """In the worker: ``generate()`` one year as ``raport build`` does (with the build
    cache in ``output/.cache``), telling the server each stage."""
    from reports.cache import Cache
    from reports.pipeline import generate

    before = _digests(output_dir, year)
    try:
        result = generate(
            inputs_dir,
            year,
            output_dir,
            cache=Cache.for_output(output_dir),
            progress=lambda stage: _report(job_id, stage),
        )
    except Exception:  # the server shows a message; the log keeps the details
        _LOG.error("budowa roku %s nie powiodła się:\n%s", year, traceback.format_exc())
        return {"failed": True}
    check = result.check
    return {
        "failed": False,
        "ok": result.ok,
        "errors": len(check.errors),
        "warnings": len(check.warnings),
        "outputs": [path.name for path in result.outputs],
        "unchanged": bool(before) and result.ok and _digests(output_dir, year) == before,
    }


def _digests(output_dir: Path, year: int) -> dict[str, str]:
    """The SHA-256 of each report file of ``year`` there is."""
    import hashlib

    from reports.pipeline import output_names

    folder = output_dir / str(year)
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in output_names(year)
        if (folder / name).is_file()
    }


class Builder:
    """Runs builds in the warm worker, one year at a time per year, and tracks them."""

    def __init__(self, inputs_dir: Path, output_dir: Path) -> None:
        self.inputs_dir = inputs_dir
        self.output_dir = output_dir
        self._jobs: dict[str, Job] = {}
        self._running: dict[int, Job] = {}
        self._guard = threading.Lock()
        self._pool = self._new_pool()
        self._warm: Future[None] = warm(self._pool)

    def _new_pool(self) -> ProcessPoolExecutor:
        """A worker with a progress channel of its own: a worker killed while it wrote
        to its channel may leave the channel locked, so a new worker never shares it."""
        events = context().SimpleQueue()
        threading.Thread(
            target=self._listen, args=(events,), name="raport-progress", daemon=True
        ).start()
        return start_pool(1, _start_worker, (events,))

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the worker has loaded the renderers."""
        self._warm.result(timeout)

    def _listen(self, events: Any) -> None:
        while True:
            try:
                job_id, stage = events.get()
            except Exception:  # the channel of a worker that was killed
                return
            with self._guard:
                job = self._jobs.get(job_id)
                if job is not None and not job.finished:
                    job.stage = stage

    def job(self, job_id: str) -> Job | None:
        with self._guard:
            return self._jobs.get(job_id)

    def running(self, year: int) -> Job | None:
        """The build of ``year`` in progress, if any (the year's lock)."""
        with self._guard:
            return self._running.get(year)

    def last(self, year: int) -> Job | None:
        """The latest build of ``year`` started since the server started."""
        with self._guard:
            jobs = [j for j in self._jobs.values() if j.year == year]
        return jobs[-1] if jobs else None

    def start(self, year: int) -> tuple[Job, bool]:
        """Start building ``year``; returns the job and whether it is new.

        When the year is already being built, that build is returned instead.
        """
        with self._guard:
            current = self._running.get(year)
            if current is not None:
                return current, False
            job = Job(secrets.token_urlsafe(8), year)
            self._jobs[job.id] = job
            self._running[year] = job
        _LOG.info("budowa roku %s rozpoczęta (zadanie %s)", year, job.id)
        try:
            try:
                future = self._pool.submit(
                    run_build, job.id, self.inputs_dir, year, self.output_dir
                )
            except RuntimeError:  # the worker died (e.g. killed): start a new one
                _LOG.warning("worker nie działa – uruchamiam nowy")
                self._pool = self._new_pool()
                future = self._pool.submit(
                    run_build, job.id, self.inputs_dir, year, self.output_dir
                )
        except BaseException:  # no build started: the year is free again
            with self._guard:
                self._running.pop(year, None)
            raise
        future.add_done_callback(lambda done: self._finish(job, done))
        return job, True

    def _finish(self, job: Job, future: Future[dict[str, Any]]) -> None:
        try:
            outcome = future.result()
        except BaseException as error:  # the worker process itself broke, or was stopped
            _LOG.error("budowa roku %s przerwana: %r", job.year, error)
            outcome = {"failed": True}
        with self._guard:
            job.seconds = time.monotonic() - job.started
            if outcome["failed"]:
                job.failed = (
                    "Budowanie raportu nie powiodło się z powodu błędu programu. Spróbuj "
                    "ponownie; jeśli błąd się powtórzy, przekaż administratorowi dziennik serwera."
                )
            else:
                job.ok = outcome["ok"]
                job.errors = outcome["errors"]
                job.warnings = outcome["warnings"]
                job.outputs = tuple(outcome["outputs"])
                job.unchanged = bool(outcome.get("unchanged"))
            job.stage = "done"
            job.finished = True
            self._running.pop(job.year, None)
        _LOG.info(
            "budowa roku %s zakończona w %.1f s: %s",
            job.year,
            job.seconds,
            "błąd programu" if job.failed else ("gotowe" if job.ok else "błędy w danych"),
        )
        broken = None if future.cancelled() else future.exception()
        if isinstance(broken, Exception) and "Broken" in type(broken).__name__:
            self._pool = self._new_pool()

    def close(self) -> None:
        """Stop the worker (a build in progress is finished first)."""
        stop(self._pool)
