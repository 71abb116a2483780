"""Running a short Python script in a fresh interpreter (what a new process imports,
prints or leaves behind)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def run_python(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` with this interpreter from the repository's root, with ``env``
    added to the environment; fails the test with its standard error unless it exits 0."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done
