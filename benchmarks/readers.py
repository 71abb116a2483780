"""Reading the workbooks of a synthetic year of N records (N rows in all): .xlsx by
openpyxl (raport's reader), and the same workbooks saved by LibreOffice as .ods and
.xls, read by python-calamine; python-calamine on the .xlsx too, for comparison.

Usage::

    .venv/bin/python -m benchmarks.readers [--size 5000] [--repeat 3]

Writes the synthetic year, converts its workbooks with headless LibreOffice
(``soffice``, installed by ``scripts/bootstrap.sh --dev``), checks that every reader
gives the same cells, and prints the median seconds of reading them all. The numbers
depend on the machine; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import timed
from benchmarks.synth import write_inputs
from reports.inputs import calamine, xlsx
from reports.inputs.xlsx import RawWorkbook


@dataclass(frozen=True)
class ReaderTime:
    """The median seconds one reader took on one file, and the rows it read."""

    reader: str
    file: str
    bytes: int
    rows: int
    seconds: float


def convert(sources: Sequence[Path], fmt: str, outdir: Path) -> list[Path]:
    """``sources`` saved by headless LibreOffice as ``fmt`` in ``outdir``."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise SystemExit("LibreOffice is missing: run scripts/bootstrap.sh --dev")
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return [outdir / f"{source.stem}.{fmt}" for source in sources]


def _cells(book: RawWorkbook) -> list[tuple[str, list[tuple[int, tuple[object, ...]]]]]:
    def trimmed(values: tuple[object, ...]) -> tuple[object, ...]:
        cells = list(values)
        while cells and cells[-1] is None:
            cells.pop()
        return tuple(cells)

    return [(s.name, [(n, trimmed(v)) for n, v in s.rows]) for s in book.sheets]


def measure(files: dict[str, list[Path]], repeat: int) -> list[ReaderTime]:
    """Time every reader on its files; raise when two readers disagree on the cells."""
    readers: list[tuple[str, str, Callable[[Path, str], RawWorkbook]]] = [
        ("openpyxl", "xlsx", xlsx.read_workbook),
        ("python-calamine", "xlsx", calamine.read_workbook),
        ("python-calamine", "ods", calamine.read_workbook),
        ("python-calamine", "xls", calamine.read_workbook),
    ]
    reference = [_cells(xlsx.read_workbook(p, p.name)) for p in files["xlsx"]]
    results = []
    for reader, fmt, read in readers:
        paths = files[fmt]

        def read_all(
            paths: list[Path] = paths, read: Callable[[Path, str], RawWorkbook] = read
        ) -> list[RawWorkbook]:
            return [read(p, p.name) for p in paths]

        books = read_all()
        if [_cells(b) for b in books] != reference:
            raise SystemExit(f"{reader} on .{fmt} reads other cells than openpyxl on .xlsx")
        seconds = [timed(read_all)[0] for _ in range(repeat)]
        rows = sum(len(s.rows) for b in books for s in b.sheets)
        size = sum(p.stat().st_size for p in paths)
        results.append(ReaderTime(reader, f".{fmt}", size, rows, statistics.median(seconds)))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.readers", description=__doc__)
    parser.add_argument("--size", type=int, default=5000, help="records of the synthetic year")
    parser.add_argument("--repeat", type=int, default=3, help="readings to take a median")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder) / "inputs", args.size)
        books = sorted((inputs.path / str(inputs.year)).glob("*.xlsx"))
        files = {"xlsx": books}
        for fmt in ("ods", "xls"):
            files[fmt] = convert(books, fmt, Path(folder))
        times = measure(files, args.repeat)
    print(f"N={args.size}: the {len(books)} workbooks of the year, median of {args.repeat}")
    print(f"{'reader':<16} {'file':<6} {'size':>9} {'rows':>6} {'seconds':>8}")
    for t in times:
        print(f"{t.reader:<16} {t.file:<6} {t.bytes:>9} {t.rows:>6} {t.seconds:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
