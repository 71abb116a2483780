"""The build cache: rebuilds lay out only what changed, and give the bytes of a cold build."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from reports.cache import CACHE_DIR_NAME, Cache, key
from reports.cli import main
from reports.pipeline import BuildResult, generate
from reports.render import pdf as pdf_module
from reports.render.pdf_cache import decode, encode
from tests.conftest import DEMO_YEAR


def _pdf(result: BuildResult) -> bytes:
    return next(p for p in result.outputs if p.suffix == ".pdf").read_bytes()


def _entries(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def count_layouts(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[int]]:
    """Record the number of every piece laid out in this process (0: the front matter)."""
    laid_out: list[int] = []
    original = pdf_module.render_piece

    def counting(html: str, piece: int, **kwargs: Any) -> Any:
        laid_out.append(piece)
        return original(html, piece, **kwargs)

    monkeypatch.setattr(pdf_module, "render_piece", counting)
    return lambda: laid_out


# ---------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------


def test_damaged_entry_is_ignored_and_deleted(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    entry = key("kawałek")
    store.put(entry, b"dane" * 100)
    path = store.path(entry)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    assert store.get(entry) is None
    assert not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")  # cut short
    assert store.get(entry) is None


def test_prune_evicts_least_recently_used_first(tmp_path: Path) -> None:
    store = Cache(tmp_path, max_bytes=2500)
    entries = [key(str(i)) for i in range(3)]
    for age, entry in enumerate(entries):
        store.put(entry, bytes(1000))
        os.utime(store.path(entry), (1_000_000 + age, 1_000_000 + age))
    assert store.get(entries[0]) is not None  # used now: the most recent
    leftover = tmp_path / "ab" / ".x.tmp"
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(b"przerwany zapis")
    os.utime(leftover, (1_000_000, 1_000_000))
    store.prune()
    assert store.get(entries[1]) is None
    assert store.get(entries[0]) is not None and store.get(entries[2]) is not None
    assert not leftover.exists()
    assert store.size() <= 2500


def test_concurrent_writers_and_readers_see_whole_entries(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    entry = key("wspólny")
    payloads = [bytes([i]) * 200_000 for i in range(4)]
    seen: list[bytes | None] = []

    def write(payload: bytes) -> None:
        for _ in range(20):
            store.put(entry, payload)

    def read() -> None:
        for _ in range(200):
            seen.append(store.get(entry))

    threads = [threading.Thread(target=write, args=(p,)) for p in payloads]
    threads.append(threading.Thread(target=read))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(value is None or value in payloads for value in seen)
    assert store.get(entry) in payloads
    assert not list(tmp_path.rglob("*.tmp"))


# ---------------------------------------------------------------------------
# Builds
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cached_output(
    demo_inputs: Path, demo_build: BuildResult, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """An output folder whose cache a parallel build of the demo year filled."""
    out = tmp_path_factory.mktemp("cached")
    result = generate(demo_inputs, DEMO_YEAR, out, cache=Cache.for_output(out))
    assert _pdf(result) == _pdf(demo_build)
    assert _entries(out / CACHE_DIR_NAME)
    return out


def test_rebuild_from_cache_lays_out_nothing_and_gives_the_same_bytes(
    demo_inputs: Path,
    demo_build: BuildResult,
    cached_output: Path,
    count_layouts: Callable[[], list[int]],
) -> None:
    again = generate(
        demo_inputs,
        DEMO_YEAR,
        cached_output,
        parallel=False,
        cache=Cache.for_output(cached_output),
    )
    assert count_layouts() == []
    for cold, warm in zip(demo_build.outputs, again.outputs, strict=True):
        assert cold.read_bytes() == warm.read_bytes(), cold.name


def test_one_cell_edit_lays_out_only_what_changed(
    demo_inputs: Path,
    cached_output: Path,
    tmp_path: Path,
    count_layouts: Callable[[], list[int]],
) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(demo_inputs, inputs)
    book_path = inputs / str(DEMO_YEAR) / "biuro-wspolpracy.xlsx"
    book = load_workbook(book_path)
    sheet = book["Wizyty"]
    column = [c.value for c in sheet[1]].index("Goście") + 1
    before = str(sheet.cell(2, column).value)
    sheet.cell(2, column).value = before.replace("uczniowie", "studentki")
    assert sheet.cell(2, column).value != before
    book.save(book_path)

    out = tmp_path / "out"
    shutil.copytree(cached_output / CACHE_DIR_NAME, out / CACHE_DIR_NAME)
    warm = generate(inputs, DEMO_YEAR, out, parallel=False, cache=Cache.for_output(out))
    warm_layouts = list(count_layouts())
    cold = generate(inputs, DEMO_YEAR, tmp_path / "cold", parallel=False)
    cold_layouts = count_layouts()[len(warm_layouts) :]
    assert 1 <= len(warm_layouts) < len(cold_layouts)
    published = cached_output / str(DEMO_YEAR) / f"raport-{DEMO_YEAR}.pdf"
    assert _pdf(warm) != published.read_bytes()
    for a, b in zip(cold.outputs, warm.outputs, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_damaged_cache_is_rebuilt_with_the_same_bytes(
    demo_inputs: Path,
    demo_build: BuildResult,
    cached_output: Path,
    tmp_path: Path,
    count_layouts: Callable[[], list[int]],
) -> None:
    out = tmp_path / "out"
    shutil.copytree(cached_output / CACHE_DIR_NAME, out / CACHE_DIR_NAME)
    entries = _entries(out / CACHE_DIR_NAME)
    for number, path in enumerate(entries):
        data = path.read_bytes()
        # alternately a flipped byte (caught by the checksum) and a well-formed entry
        # whose content is not a piece (caught when it is read back)
        if number % 2:
            path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
        else:
            path.unlink()
            Cache(out / CACHE_DIR_NAME).put(path.parent.name + path.name, b"{}")
    again = generate(demo_inputs, DEMO_YEAR, out, parallel=False, cache=Cache.for_output(out))
    assert len(count_layouts()) == len(entries)
    assert _pdf(again) == _pdf(demo_build)
    for path in _entries(out / CACHE_DIR_NAME):
        decode(Cache(out / CACHE_DIR_NAME).get(path.parent.name + path.name) or b"")


def test_piece_round_trips_through_bytes(cached_output: Path) -> None:
    store = Cache.for_output(cached_output)
    for path in _entries(cached_output / CACHE_DIR_NAME):
        data = store.get(path.parent.name + path.name)
        assert data is not None
        assert encode(decode(data)) == data
    with pytest.raises(ValueError):
        decode(b"\x00" * 8 + b"[]")


def test_build_command_caches_unless_told_not_to(
    demo_inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reports.pipeline

    caches: list[Cache | None] = []
    original = reports.pipeline.generate

    def recording(*args: Any, cache: Cache | None = None, **kwargs: Any) -> BuildResult:
        caches.append(cache)
        return original(*args, cache=cache, **kwargs)

    monkeypatch.setattr(reports.pipeline, "generate", recording)
    out = tmp_path / "out"
    args = ["build", str(DEMO_YEAR), "--inputs", str(demo_inputs), "--output", str(out)]
    assert main([*args, "--format", "docx"]) == 0
    assert main([*args, "--format", "docx", "--no-cache"]) == 0
    first, second = caches
    assert first is not None and first.root == out / CACHE_DIR_NAME
    assert second is None
