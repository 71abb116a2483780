"""``raport build --all``: every year folder, in parallel worker processes.

One failing year does not stop the others. Progress goes to a terminal as a
bar redrawn in place, and to anything else (CI logs, cron) as plain lines.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from reports.cache import Cache
from reports.pipeline import FORMATS, generate
from reports.pipeline.workers import cores, start_pool, stop
from reports.polish.numbers import format_number

#: The sheets whose rows are the year's records (the registry's are not counted).
YEAR_RECORD_SHEETS = frozenset({"Wizyty", "Wyjazdy", "Projekty", "Nagrody"})


@dataclass(frozen=True)
class YearOutcome:
    """How one year's build ended."""

    year: int
    ok: bool
    records: int
    pages: int | None
    seconds: float
    detail: str = ""


def build_one(
    inputs_dir: Path,
    year: int,
    output_dir: Path,
    formats: Sequence[str],
    cache: Cache | None = None,
) -> YearOutcome:
    """Build one year, turning every failure into an outcome (runs in a worker)."""
    started = time.perf_counter()
    try:
        result = generate(inputs_dir, year, output_dir, formats, parallel=False, cache=cache)
    except Exception as exc:  # a worker must report, never die silently
        detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
        return YearOutcome(year, False, 0, None, time.perf_counter() - started, detail)
    elapsed = time.perf_counter() - started
    kept = sum(
        tally.kept for kind, tally in result.check.tallies.items() if kind in YEAR_RECORD_SHEETS
    )
    if not result.ok:
        errors = [p for p in result.check.problems if p.is_error]
        detail = f"{len(errors)} błędów w danych, np.: {errors[0].message}" if errors else ""
        return YearOutcome(year, False, kept, None, elapsed, detail)
    return YearOutcome(year, True, kept, result.pages, elapsed)


def build_all(
    inputs_dir: Path,
    years: Sequence[int],
    output_dir: Path,
    *,
    jobs: int | None = None,
    formats: Sequence[str] = FORMATS,
    progress: Callable[[YearOutcome, int, int], None] | None = None,
    cache: Cache | None = None,
) -> list[YearOutcome]:
    """Build ``years`` with ``jobs`` worker processes (all cores by default); the
    years share ``cache`` (it is safe for concurrent builds)."""
    workers = max(1, min(jobs or cores(), len(years)))
    outcomes: list[YearOutcome] = []
    if workers == 1:
        for year in years:
            outcomes.append(build_one(inputs_dir, year, output_dir, formats, cache))
            if progress:
                progress(outcomes[-1], len(outcomes), len(years))
    else:
        pool = start_pool(workers)
        try:
            futures: dict[Future[YearOutcome], int] = {
                pool.submit(build_one, inputs_dir, y, output_dir, formats, cache): y for y in years
            }
            for future in as_completed(futures):
                outcomes.append(future.result())
                if progress:
                    progress(outcomes[-1], len(outcomes), len(years))
        finally:
            stop(pool)
    return sorted(outcomes, key=lambda o: o.year)


class Progress:
    """Progress reporting: a redrawn bar on a terminal, plain lines elsewhere."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.tty = stream.isatty()
        if self.tty:
            self._bar(0, "")

    def __call__(self, outcome: YearOutcome, done: int, total: int) -> None:
        word = "gotowe" if outcome.ok else "BŁĄD"
        if self.tty:
            self._bar(done, f"{outcome.year}: {word}")
            if done == total:
                self.stream.write("\n")
        else:
            seconds = format_number(outcome.seconds, decimals=1)
            self.stream.write(f"[{done}/{total}] {outcome.year}: {word} ({seconds} s)\n")
        self.stream.flush()

    def _bar(self, done: int, last: str) -> None:
        width = 30
        filled = width * done // max(self.total, 1)
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r{bar} {done}/{self.total} lat  {last:<20}")
        self.stream.flush()


def summary_table(outcomes: Sequence[YearOutcome]) -> str:
    """The closing table: rok, wynik, rekordy, strony, czas."""
    header = ("rok", "wynik", "rekordy", "strony", "czas")
    rows = [
        (
            str(o.year),
            "gotowe" if o.ok else "błąd",
            str(o.records),
            str(o.pages) if o.pages is not None else "—",
            f"{format_number(o.seconds, decimals=1)} s",
        )
        for o in outcomes
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in (header, *rows)
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    failed = [o for o in outcomes if not o.ok and o.detail]
    for o in failed:
        lines.append(f"{o.year}: {o.detail.splitlines()[0]}")
    return "\n".join(lines)
