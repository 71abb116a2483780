"""Worker processes: the one place that starts, warms and stops the pools.

Three pools use it — the PDF's layout workers of a build
(:func:`reports.pipeline.rendering.start_workers`), the years of
``raport build --all`` (:mod:`reports.pipeline.archive`) and the page's warm
worker (:mod:`reports.web.builder`). Workers are forked where the platform can
fork: they start at once with what this process has imported, which is why a
pool is best started before this process loads a renderer or starts a thread.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import Any


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover


def can_fork() -> bool:
    """Whether workers can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def context() -> BaseContext:
    """The context pools are made in (``fork`` where there is one), for their queues too."""
    return multiprocessing.get_context("fork" if can_fork() else None)


def start_pool(
    workers: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each running ``initializer(*initargs)`` first."""
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context(), initializer=initializer, initargs=initargs
    )


def warm(pool: Executor) -> Future[None]:
    """Start ``pool``'s workers now rather than at its first task; the future is done
    when a worker has run its initializer."""
    return pool.submit(_ready)


def stop(pool: Executor, *, wait: bool = True) -> None:
    """Shut ``pool`` down: tasks not yet started are cancelled, the running ones finish."""
    pool.shutdown(wait=wait, cancel_futures=True)


def _ready() -> None:
    """The task :func:`warm` submits (the initializer has run when it does)."""
