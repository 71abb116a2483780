"""The committed demo workbooks are exactly what scripts/make_demo_inputs.py writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import DEMO_INPUTS, REPO


def test_demo_script_regenerates_the_committed_workbooks(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_demo_inputs.py"), "--inputs", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.xlsx"))
    committed = sorted(p.relative_to(DEMO_INPUTS) for p in DEMO_INPUTS.rglob("*.xlsx"))
    assert written == committed
    assert len(list((DEMO_INPUTS / "2025").glob("*.xlsx"))) >= 2
    for name in written:
        assert (tmp_path / name).read_bytes() == (DEMO_INPUTS / name).read_bytes(), name
