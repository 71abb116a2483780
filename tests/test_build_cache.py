"""The build cache: rebuilds lay out only what changed, and give the bytes of a cold build."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from reports.cache import CACHE_DIR_NAME, Cache, key
from reports.cli.main import main
from reports.inputs.xlsx_cache import read_workbook
from reports.pipeline import BuildResult, generate
from reports.render.pdf import workers as pdf_workers
from reports.render.pdf.cache import decode, encode
from tests.conftest import DEMO_YEAR
from tests.workbooks import Error, Formula, write_workbook


def _pdf(result: BuildResult) -> bytes:
    return next(p for p in result.outputs if p.suffix == ".pdf").read_bytes()


def _entries(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def count_layouts(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[int]]:
    """Record the number of every piece laid out in this process (0: the front matter)."""
    laid_out: list[int] = []
    original = pdf_workers.render_piece

    def counting(html: str, piece: int, **kwargs: Any) -> Any:
        laid_out.append(piece)
        return original(html, piece, **kwargs)

    monkeypatch.setattr(pdf_workers, "render_piece", counting)
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
    assert again.ok
    assert _pdf(again) == _pdf(demo_build)
    store = Cache(out / CACHE_DIR_NAME)
    pieces = 0
    for path in _entries(out / CACHE_DIR_NAME):  # every entry made again, whole
        found = store.get(path.parent.name + path.name)
        assert found is not None
        with contextlib.suppress(ValueError):
            decode(found)
            pieces += 1
    assert pieces >= 2
    assert len(count_layouts()) == pieces
    assert len(_entries(out / CACHE_DIR_NAME)) == len(entries)


def test_piece_round_trips_through_bytes(cached_output: Path) -> None:
    store = Cache.for_output(cached_output)
    pieces = 0
    for path in _entries(cached_output / CACHE_DIR_NAME):
        data = store.get(path.parent.name + path.name)
        assert data is not None
        with contextlib.suppress(ValueError):  # workbooks and the footer's font are there too
            assert encode(decode(data)) == data
            pieces += 1
    assert pieces >= 2
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


# ---------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------


def test_cached_workbook_is_what_reading_it_gives(tmp_path: Path) -> None:
    every_kind: list[Any] = [
        date(2025, 3, 15),
        Formula("2+2", 4),
        Formula('"a"&"b"', "ab"),
        Formula("1+1"),
        Error("#N/A"),
        time(9, 30),
        timedelta(hours=2, minutes=5),
        0.1,
    ]
    path = write_workbook(
        tmp_path / "f.xlsx",
        {
            "Wizyty": [
                ["Data od", "Liczba osób", "Cel", "Pusta", "Błąd", "Godzina", "Czas", "Ułamek"],
                every_kind,
                [],
                [datetime(2025, 3, 15, 10, 0), True, "żółw", None, None, None, None, 3],
            ],
            "Listy": [["x"]],
        },
        hidden=["Listy"],
    )
    store = Cache(tmp_path / "cache")
    plain = read_workbook(path, "2025/f.xlsx")
    first = read_workbook(path, "2025/f.xlsx", cache=store)
    assert len(_entries(store.root)) == 1
    second = read_workbook(path, "2025/f.xlsx", cache=store)
    assert plain == first == second
    assert [type(v) for v in second.sheets[0].rows[1][1]] == [
        type(v) for v in plain.sheets[0].rows[1][1]
    ]
    (entry,) = _entries(store.root)
    entry.write_bytes(entry.read_bytes()[:-3])  # cut short: read again
    assert read_workbook(path, "2025/f.xlsx", cache=store) == plain


def test_unreadable_workbook_is_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "zły.xlsx"
    path.write_bytes(b"to nie jest skoroszyt")
    store = Cache(tmp_path / "cache")
    assert read_workbook(path, cache=store).problem is not None
    assert store.size() == 0
