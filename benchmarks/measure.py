"""Measuring: in-process stages with a clock, commands as processes with their whole tree.

* :func:`stages` times read+check, the document model, the DOCX and the PDF
  inside this process (each stage on the previous stage's result).
* :func:`run_process` runs a command and measures the wall time, the CPU time
  (user + sys) of the process and every descendant (``wait4``: the ones a process
  of the tree waited for are counted in it; this process adopts the others as a
  subreaper when their parent ends — e.g. a build's fork server and its workers —
  and waits for them too),
  the largest resident set of any one of them (``ru_maxrss``), and — sampled
  from ``/proc`` every few milliseconds — the peak of the whole tree's memory
  at one moment: the sum of the resident sets (shared pages counted in every
  process that maps them) and the sum of the proportional set sizes (shared
  pages divided between the processes: the memory the tree really uses).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_PAGE = os.sysconf("SC_PAGE_SIZE")
_MB = 1024 * 1024


@dataclass(frozen=True)
class ProcessRun:
    """One run of a command: times in seconds, memory in MB."""

    wall: float
    cpu: float  # user + sys of the process and all its descendants
    max_rss_mb: float  # the largest resident set of one process of the tree (ru_maxrss)
    tree_rss_mb: float  # peak sum of the tree's resident sets (sampled)
    tree_pss_mb: float  # peak sum of the tree's proportional set sizes (sampled)
    processes: int  # the most processes the tree had at once (sampled)
    returncode: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def median(values: Sequence[float]) -> float:
    """The median, rounded to milliseconds (or to 0.1 MB for memory)."""
    return round(statistics.median(values), 3)


def timed(function: Callable[[], T]) -> tuple[float, T]:
    """``(seconds, result)`` of one call, with the garbage collector run before it."""
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


# ---------------------------------------------------------------------------
# Process trees
# ---------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    """Every process's children, from ``/proc/*/stat``."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name (field 2) may hold spaces and parentheses: split after the last ")"
        fields = stat[stat.rfind(b")") + 2 :].split()
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _descendants(root: int) -> list[int]:
    tree = _children()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, ()))
    return found


def _rss(pid: int) -> int:
    """The resident set of one process in bytes (``/proc/PID/statm``: cheap); 0 if gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """The proportional set size of one process in bytes (``smaps_rollup``: it walks the
    page tables, so it is read only near a peak); 0 if gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            text = f.read()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(b"Pss:"):
            return int(line.split()[1]) * 1024
    return 0


class _Sampler(threading.Thread):
    """Samples the memory of a process tree until stopped.

    Every ``interval`` it sums the resident sets of the tree (the list of processes
    is refreshed every fifth sample: scanning ``/proc`` costs more than reading
    memory); the proportional set sizes are read only when that sum is within 10 %
    of its peak. Sampling costs the measured processes a few per cent at most.
    """

    def __init__(self, root: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.rss = self.pss = 0
        self.processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        pids = [self.root]
        tick = 0
        while not self._stop_event.is_set():
            if tick % 5 == 0:
                pids = _descendants(self.root)
            tick += 1
            sizes = [_rss(pid) for pid in pids]
            rss = sum(sizes)
            self.processes = max(self.processes, sum(1 for size in sizes if size))
            if rss >= 0.9 * self.rss:
                self.pss = max(self.pss, sum(_pss(pid) for pid in pids))
            self.rss = max(self.rss, rss)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


_PR_SET_CHILD_SUBREAPER = 36


def _become_subreaper() -> None:
    """Adopt the descendants whose parent ends before them (Linux), to wait for them."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _adopted(timeout: float = 30) -> list[Any]:
    """The resource usage of every descendant adopted after its parent ended, once it
    has ended too (a build's fork server ends just after the build)."""
    usages = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid:
            usages.append(usage)
        else:
            time.sleep(0.01)
    return usages


def run_process(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    interval: float = 0.05,
    log: Path | None = None,
) -> ProcessRun:
    """Run ``command`` to its end and measure it (see the module docstring).

    Its standard output and error go to ``log`` (or nowhere).
    """
    _become_subreaper()
    sink = open(log, "wb") if log is not None else open(os.devnull, "wb")  # noqa: SIM115
    with sink:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
        sampler = _Sampler(process.pid, interval)
        sampler.start()
        # wait4 gives the child's own usage plus that of the descendants it waited for;
        # ru_maxrss is then the largest of them (kB on Linux).
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        orphans = _adopted()
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
    return ProcessRun(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime + sum(u.ru_utime + u.ru_stime for u in orphans),
        max_rss_mb=max(u.ru_maxrss for u in (usage, *orphans)) * 1024 / _MB,
        tree_rss_mb=sampler.rss / _MB,
        tree_pss_mb=sampler.pss / _MB,
        processes=sampler.processes,
        returncode=process.returncode,
    )


def median_run(runs: Sequence[ProcessRun]) -> dict[str, float]:
    """Medians of every measure of ``runs`` (all runs must have succeeded)."""
    return {
        "wall": median([r.wall for r in runs]),
        "cpu": median([r.cpu for r in runs]),
        "max_rss_mb": round(statistics.median([r.max_rss_mb for r in runs]), 1),
        "tree_rss_mb": round(statistics.median([r.tree_rss_mb for r in runs]), 1),
        "tree_pss_mb": round(statistics.median([r.tree_pss_mb for r in runs]), 1),
        "processes": max(r.processes for r in runs),
    }


# ---------------------------------------------------------------------------
# In-process stages
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StageTimes:
    """Seconds of each in-process stage (``None`` for a stage that was skipped)."""

    check: float
    document: float
    docx: float | None
    pdf: float | None
    pages: int | None
    docx_bytes: int | None
    pdf_bytes: int | None


def stages(inputs: Path, year: int, *, docx: bool = True, pdf: bool = True) -> StageTimes:
    """Time each stage of a build of ``year`` in this process, once.

    Raises ``ValueError`` when the inputs do not check clean.
    """
    from reports.checking.check import check_year
    from reports.document.build import build_document

    check_time, result = timed(lambda: check_year(inputs, year))
    if not result.ok or result.data is None:
        raise ValueError(f"the inputs of {year} have errors: {result.errors[:3]}")
    data = result.data
    document_time, document = timed(lambda: build_document(data))
    docx_time = docx_size = None
    if docx:
        from reports.render.docx.renderer import render_docx

        docx_time, docx_data = timed(lambda: render_docx(document))
        docx_size = len(docx_data)
    pdf_time = pages = pdf_size = None
    if pdf:
        from reports.render.pdf.renderer import render_pdf

        pdf_time, rendered = timed(lambda: render_pdf(document))
        pages, pdf_size = rendered.pages, len(rendered.data)
    return StageTimes(check_time, document_time, docx_time, pdf_time, pages, docx_size, pdf_size)


def warm_up() -> None:
    """Import the renderers and render a tiny document once, so that the first timed
    stage does not pay for imports, font loading and template compiling."""
    from reports.document.build import build_document  # noqa: F401
    from reports.render.docx.renderer import render_docx  # noqa: F401
    from reports.render.pdf.renderer import render_pdf  # noqa: F401
