"""The layout workers of a build: forked from a fork server that loaded the renderer,
or, where a socket cannot be made, from the build itself."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PROBE = """
import os, sys
from reports.pipeline.workers import pool_context, start_pool, stop

def loaded(name):
    return name in sys.modules

if __name__ == "__main__":
    context = pool_context(("__main__", "colorsys"))
    pool = start_pool(2, mp_context=context)
    parent = pool.submit(os.getppid).result()
    there = pool.submit(loaded, "colorsys").result()
    stop(pool)
    print(context.get_start_method(), parent != os.getpid(), there, loaded("colorsys"))
"""


def _probe(temporary: Path, script: Path) -> list[str]:
    script.write_text(_PROBE, encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split()


def test_workers_are_forked_from_a_server_that_loaded_the_modules(tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="raport-test-") as folder:
        method, by_server, loaded, here = _probe(Path(folder), tmp_path / "probe.py")
        left = list(Path(folder).iterdir())
    assert (method, by_server, loaded, here) == ("forkserver", "True", "True", "False")
    assert left == []  # the server's socket folder went with the process


def test_a_temporary_folder_too_deep_for_a_socket_forks_from_the_build(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60)
    deep.mkdir()
    method, by_server, _, _ = _probe(deep, tmp_path / "probe.py")
    assert (method, by_server) == ("fork", "False")
