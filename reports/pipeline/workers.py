"""Worker processes: the one place that starts, warms and stops the pools.

Three pools use it — the PDF's layout workers of a build
(:func:`reports.pipeline.rendering.start_workers`), the years of
``raport build --all`` (:mod:`reports.pipeline.archive`) and the page's warm
worker (:mod:`reports.web.builder`). Workers are forked where the platform can
fork: they start at once with what this process has imported, which is why a
pool is best started before this process loads a renderer or starts a thread.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext, ForkServerContext
from pathlib import Path
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


def pool_context(preload: tuple[str, ...] = ()) -> BaseContext:
    """The context of a pool whose workers need the modules ``preload`` names.

    Without ``preload`` (or where the platform has no ``forkserver``): :func:`context`.
    With it, a fork server, started now, that imports those modules once, while this
    process goes on; every worker is then forked from it with them loaded. (``"__main__"``
    among them spares each worker importing this program's main module again.)
    """
    if not preload or "forkserver" not in multiprocessing.get_all_start_methods():
        return context()
    from multiprocessing import forkserver

    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload(list(preload))
    try:
        _socket_folder()
        forkserver.ensure_running()
    except OSError:  # e.g. a temporary folder too deep for a socket's path: fork instead
        return context()
    return server


def _socket_folder() -> None:
    """Make multiprocessing keep its files (the fork server's socket) in a folder of this
    process, ``raport-proces-PID``: removed when it ends, and by the next pool's start
    when it was killed (:func:`remove_orphan_folders`)."""
    from multiprocessing import util

    folder = Path(tempfile.gettempdir()) / f"{TEMPORARY_PREFIX}{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    saved, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        util.get_temp_dir()  # multiprocessing's folder, made once per process: in ours
    finally:
        tempfile.tempdir = saved
    # after multiprocessing removes its own folder (at exit priority -100)
    util.Finalize(None, shutil.rmtree, (str(folder), True), exitpriority=-101)


def start_pool(
    workers: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    *,
    mp_context: BaseContext | None = None,
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each running ``initializer(*initargs)`` first.

    In ``mp_context`` (:func:`pool_context`; :func:`context` when not given). A fork
    server's pool starts its workers at once, in a background thread (each waits for
    the server's imports); other pools at their first task (see :func:`warm`).

    Every worker ends with the process that started it (see :func:`_die_with_parent`),
    even when that one is killed: no worker is left over.
    """
    remove_orphan_folders(Path(tempfile.gettempdir()))
    mp_context = mp_context or context()
    if isinstance(mp_context, ForkServerContext):
        # forked by the server's main thread; their parent is the server, which ends
        # with this process
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=mp_context,
            initializer=_start_worker,
            initargs=(None, True, initializer, initargs),
        )
        threading.Thread(
            target=_start_all, args=(pool, mp_context, workers), name="raport-workers", daemon=True
        ).start()
        return pool
    main = threading.current_thread() is threading.main_thread()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp_context,
        initializer=_start_worker,
        initargs=(os.getpid(), main, initializer, initargs),
    )


def _start_all(pool: ProcessPoolExecutor, mp_context: ForkServerContext, workers: int) -> None:
    """Start a fork server pool's workers (it starts one per task while none is idle).

    A first process, outside the pool, waits for the server's imports: the pool is
    locked while it starts a worker, and should not be while this process may want to
    shut it down (a build whose inputs have errors).
    """
    probe = mp_context.Process(target=_ready, name="raport-probe", daemon=True)
    probe.start()
    probe.join()
    with contextlib.suppress(RuntimeError):  # shut down meanwhile
        for _ in range(workers):
            warm(pool)


def _start_worker(
    parent: int | None,
    main: bool,
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
) -> None:
    _own_temporary_folder()
    # a fork server's worker ends with the server, which ends with the process that started it
    _die_with_parent(os.getppid() if parent is None else parent, main)
    if initializer is not None:
        initializer(*initargs)


def _die_with_parent(parent: int, main: bool) -> None:
    """End this worker when ``parent`` ends, removing its temporary files first.

    Linux tells the worker at once (``prctl(PR_SET_PDEATHSIG)``; only when the pool was
    started from the main thread: the signal follows the thread that forked); a thread
    that checks the parent every second covers the rest, and other systems.
    """
    signal.signal(signal.SIGTERM, _end)
    if main and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)  # this program's symbols: libc's
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        _end()
    threading.Thread(target=_watch, args=(parent,), name="raport-parent", daemon=True).start()


_PR_SET_PDEATHSIG = 1
#: A worker's own temporary folder (in the system's), removed when the worker ends.
TEMPORARY_PREFIX = "raport-proces-"


def _own_temporary_folder() -> None:
    """Send everything this worker puts in the temporary folder (WeasyPrint's font
    copies, the compiler ``ctypes`` runs to find a library) into a folder of its own,
    removed however the worker ends (a killed one's by the next pool's start)."""
    from multiprocessing import util

    folder = Path(tempfile.gettempdir()) / f"{TEMPORARY_PREFIX}{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    os.environ["TMPDIR"] = tempfile.tempdir = str(folder)
    util.Finalize(None, shutil.rmtree, (str(folder), True), exitpriority=0)


def remove_orphan_folders(root: Path) -> None:
    """Remove the temporary folders of workers that no longer run."""
    for folder in root.glob(f"{TEMPORARY_PREFIX}*"):
        pid = folder.name.removeprefix(TEMPORARY_PREFIX)
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    _end()


def _end(*_: object) -> None:
    """Remove this worker's temporary font copies and end it at once."""
    from reports.render.pdf.engine import remove_font_copies

    with contextlib.suppress(Exception):
        remove_font_copies()
    if tempfile.tempdir and Path(tempfile.tempdir).name.startswith(TEMPORARY_PREFIX):
        shutil.rmtree(tempfile.tempdir, ignore_errors=True)
    os._exit(1)


def warm(pool: Executor) -> Future[None]:
    """Start ``pool``'s workers now rather than at its first task; the future is done
    when a worker has run its initializer."""
    return pool.submit(_ready)


def stop(pool: Executor, *, wait: bool = True) -> None:
    """Shut ``pool`` down: tasks not yet started are cancelled, the running ones finish."""
    pool.shutdown(wait=wait, cancel_futures=True)


def _ready() -> None:
    """The task :func:`warm` submits (the initializer has run when it does)."""
