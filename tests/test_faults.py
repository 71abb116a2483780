"""Fault injection: a build killed at each stage, a full disk, a read-only output folder.

Whatever happens, ``output/YEAR`` holds the old set of files or the new one, never a
mix; no worker outlives the build; no temporary font copy is left; an operating-system
failure is a Polish message naming the path, with exit code 3.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reports.cli.main import EXIT_SYSTEM
from reports.pipeline.workers import TEMPORARY_PREFIX, remove_orphan_folders
from reports.publish.output import remove_leftovers, write_set
from reports.render.pdf.engine import FONT_FOLDER_PREFIX, remove_orphan_font_copies
from tests.workbooks import trip, visit, write_registry, write_year

YEAR = 2025
ROOT = Path(__file__).resolve().parent.parent
OLD_SET = {"raport-2025.html": b"stary raport", "manifest.json": b'{"stary": true}'}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    write_registry(folder)
    write_year(folder, YEAR, wizyty=[visit()], wyjazdy=[trip()])
    return folder


@pytest.fixture
def short_temporary() -> Iterator[Path]:
    """A temporary folder short enough for the fork server's socket path (a socket's
    path has at most 107 bytes; in a deeper one, the layout workers are forked from
    the build itself)."""
    folder = Path(tempfile.mkdtemp(prefix="raport-test-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _old_set(output: Path) -> Path:
    folder = output / str(YEAR)
    folder.mkdir(parents=True)
    for name, data in OLD_SET.items():
        (folder / name).write_bytes(data)
    return folder


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _wait_gone(pids: list[int], seconds: float = 15) -> list[int]:
    """The pids still alive after waiting up to ``seconds`` (a guard, not a speed target)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not all(_gone(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if not _gone(p)]


# ---------------------------------------------------------------------------
# Killed at each stage
# ---------------------------------------------------------------------------

_KILLER = textwrap.dedent(
    """
    import json, multiprocessing, os, signal, sys
    from pathlib import Path
    inputs, output, stage, report = sys.argv[1:5]

    def descendants(pid):
        parents = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found, todo = [], [pid]
        while todo:
            children = parents.get(todo.pop(), [])
            found += children
            todo += children
        return found

    def kill(*_):
        # the workers, and the fork server they are forked from
        workers = descendants(os.getpid())
        Path(report).write_text(json.dumps({"workers": workers, "pid": os.getpid()}))
        os.kill(os.getpid(), signal.SIGKILL)

    if stage == "mid-write":  # after the second file of the set is written
        from reports.publish import output as out
        written, original = [], out._write_synced
        def write(path, data):
            original(path, data)
            written.append(path)
            if len(written) == 2:
                kill()
        out._write_synced = write
    from reports.pipeline import generate
    generate(Path(inputs), 2025, Path(output), ("docx", "pdf", "html"), parallel=True,
             progress=lambda s: kill() if s == stage else None)
    """
)


@pytest.mark.parametrize("stage", ["check", "document", "render", "mid-write"])
def test_a_killed_build_leaves_the_old_set_no_workers_and_no_font_copies(
    inputs: Path, tmp_path: Path, short_temporary: Path, stage: str
) -> None:
    output = tmp_path / "output"
    year_dir = _old_set(output)
    temporary = short_temporary
    report = tmp_path / "killed.json"
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _KILLER, str(inputs), str(output), stage, str(report)],
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    killed = json.loads(report.read_text())
    if stage != "mid-write":  # (the workers are stopped before the files are written)
        assert killed["workers"], "the build had started its workers (or their fork server)"
    assert _wait_gone(killed["workers"]) == [], "workers outlived the build"
    assert _contents(year_dir) == OLD_SET  # the old set, whole
    # only the killed process' own folders (font copies, the fork server's socket) may be
    # left; the next build removes them
    left = {p.name for p in temporary.iterdir()}
    own = {f"{FONT_FOLDER_PREFIX}{killed['pid']}", f"{TEMPORARY_PREFIX}{killed['pid']}"}
    assert left <= own, left
    remove_orphan_font_copies(temporary)
    remove_orphan_folders(temporary)
    assert list(temporary.iterdir()) == []
    # a staging folder the kill left is removed by the next build of the year
    remove_leftovers(year_dir)
    assert sorted(p.name for p in output.iterdir()) == [str(YEAR)]


# ---------------------------------------------------------------------------
# The output set
# ---------------------------------------------------------------------------


def test_a_set_replaces_the_folder_whole_and_keeps_other_files(tmp_path: Path) -> None:
    folder = _old_set(tmp_path)
    (folder / "notatka.txt").write_bytes(b"moja")
    (folder / ".raport-2025.pdf.abc.tmp").write_bytes(b"resztka")  # left by an old build
    write_set(folder, {"raport-2025.html": b"nowy", "manifest.json": b"{}"})
    assert _contents(folder) == {
        "manifest.json": b"{}",
        "notatka.txt": b"moja",
        "raport-2025.html": b"nowy",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [str(YEAR)]


def test_a_failed_set_leaves_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reports.publish import output as out

    folder = _old_set(tmp_path)
    original = out._write_synced

    def full_disk(path: Path, data: bytes) -> None:
        if path.name == "manifest.json":
            raise OSError(28, "No space left on device")
        original(path, data)

    monkeypatch.setattr(out, "_write_synced", full_disk)
    with pytest.raises(OSError) as raised:
        write_set(folder, {"raport-2025.html": b"nowy", "manifest.json": b"{}"})
    assert raised.value.filename and raised.value.filename.endswith("manifest.json")
    assert _contents(folder) == OLD_SET
    assert sorted(p.name for p in tmp_path.iterdir()) == [str(YEAR)]


# ---------------------------------------------------------------------------
# Operating-system failures on the command line
# ---------------------------------------------------------------------------


def _raport(*args: str, limit_file: int | None = None, read_only: Path | None = None) -> Any:
    """``raport ARGS`` in a child process; ``limit_file`` caps the size of any file it
    writes (RLIMIT_FSIZE); ``read_only`` is a folder it cannot write to: a read-only
    mount of its own when run by root (who may write anywhere else), else no permission."""

    def limit() -> None:
        if limit_file is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file, limit_file))

    command = [sys.executable, "-m", "reports.cli.main", *args]
    if read_only is not None and os.geteuid() == 0:
        mount = f'mount --bind -o ro {read_only} {read_only} && exec "$@"'
        command = ["unshare", "--mount", "sh", "-c", mount, "sh", *command]
    elif read_only is not None:
        read_only.chmod(0o555)
    try:
        return subprocess.run(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=limit,
            check=False,
        )
    finally:
        if read_only is not None:
            read_only.chmod(0o755)


def test_a_full_disk_is_exit_3_with_the_path_and_the_old_set_kept(
    inputs: Path, tmp_path: Path
) -> None:
    output = tmp_path / "output"
    year_dir = _old_set(output)
    done = _raport(
        *("build", str(YEAR), "--inputs", str(inputs), "--output", str(output)),
        *("--format", "html", "--no-cache"),
        limit_file=20_000,  # the HTML edition is larger: the write fails as on a full disk
    )
    assert done.returncode == EXIT_SYSTEM, done.stderr
    assert "Traceback" not in done.stderr
    assert "raport: błąd systemu przy „" in done.stderr
    assert str(output) in done.stderr
    assert "Wcześniejsze pliki wyników zostały bez zmian" in done.stderr
    assert _contents(year_dir) == OLD_SET
    assert sorted(p.name for p in output.iterdir()) == [str(YEAR)]


def test_output_naming_a_file_is_exit_3_before_anything_renders(
    inputs: Path, tmp_path: Path
) -> None:
    output = tmp_path / "wyniki.txt"
    output.write_bytes(b"plik")
    done = _raport("build", str(YEAR), "--inputs", str(inputs), "--output", str(output))
    assert done.returncode == EXIT_SYSTEM, done.stderr
    assert f"„{output}”" in done.stderr and "folder, nie plik" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert output.read_bytes() == b"plik"


def test_a_read_only_output_folder_is_exit_3(inputs: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    year_dir = _old_set(output)
    done = _raport(
        *("build", str(YEAR), "--inputs", str(inputs), "--output", str(output)),
        "--no-cache",
        read_only=output,
    )
    assert done.returncode == EXIT_SYSTEM, done.stderr
    assert f"„{output}”" in done.stderr, done.stderr
    assert "tylko do odczytu" in done.stderr or "brak uprawnień" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert _contents(year_dir) == OLD_SET


def test_a_year_folder_that_is_a_link_stays_a_link(tmp_path: Path) -> None:
    elsewhere = _old_set(tmp_path / "archiwum")
    (tmp_path / "output").mkdir()
    link = tmp_path / "output" / str(YEAR)
    link.symlink_to(elsewhere)
    write_set(link, {"raport-2025.html": b"nowy"})
    assert link.is_symlink()
    assert _contents(elsewhere)["raport-2025.html"] == b"nowy"
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [str(YEAR)]
