"""Session fixtures: each fixture year is built once per test run (a PDF costs seconds)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from reports.pipeline import BuildResult, generate
from tests.years import write_full_year

# CI explores the same examples on every run (a red CI blocks a landing, so it must
# not depend on luck); locally hypothesis keeps searching for new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parent.parent
DEMO_INPUTS = REPO / "inputs"
DEMO_YEAR = 2025


@pytest.fixture(scope="session")
def demo_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo inputs (tests may not touch the real ones)."""
    target = tmp_path_factory.mktemp("demo") / "inputs"
    shutil.copytree(DEMO_INPUTS, target)
    return target


@pytest.fixture(scope="session")
def demo_build(demo_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The demo year built once."""
    return generate(demo_inputs, DEMO_YEAR, tmp_path_factory.mktemp("demo-out"))


@pytest.fixture(scope="session")
def full_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated year with every section of the report populated."""
    return write_full_year(tmp_path_factory.mktemp("full") / "inputs", 2025)


@pytest.fixture(scope="session")
def full_build(full_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The generated full year built once."""
    return generate(full_inputs, 2025, tmp_path_factory.mktemp("full-out"))
