"""The page's warm worker killed mid-build: the year is free again, a new worker builds
it, and the killed worker's own layout workers do not outlive it."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports.web.builder import Builder, Job
from tests.test_faults import _wait_gone
from tests.workbooks import trip, visit, write_registry, write_year

YEAR = 2025


@pytest.fixture
def builder(tmp_path: Path) -> Iterator[Builder]:
    inputs = tmp_path / "inputs"
    write_registry(inputs)
    write_year(inputs, YEAR, wizyty=[visit()], wyjazdy=[trip()])
    started = Builder(inputs, tmp_path / "output")
    started.wait_ready(300)
    yield started
    started.close()


def _until(job: Job, stages: tuple[str, ...], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while job.stage not in stages and not job.finished and time.monotonic() < deadline:
        time.sleep(0.05)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def test_a_killed_warm_worker_frees_its_year(builder: Builder) -> None:
    job, new = builder.start(YEAR)
    assert new
    _until(job, ("document", "render"))
    (worker,) = [p.pid for p in multiprocessing.active_children() if p.pid is not None]
    layout_workers = _children(worker)
    os.kill(worker, signal.SIGKILL)
    _until(job, ("done",), 60)
    assert job.finished and job.failed is not None
    assert builder.running(YEAR) is None  # uploads and builds of the year are allowed again
    assert _wait_gone([worker, *layout_workers]) == []
    again, new = builder.start(YEAR)
    assert new
    _until(again, ("done",))
    assert again.finished and again.ok and again.failed is None, again
