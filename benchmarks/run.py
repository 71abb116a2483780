"""The raport benchmark: synthetic years of N records, timed stage by stage and as processes.

Usage::

    .venv/bin/python -m benchmarks.run [--sizes 50,200,1000,5000] [--repeat 3]
                                       [--json output/benchmark.json] [--no-libreoffice]

For every N it writes a synthetic ``inputs/`` folder (:mod:`benchmarks.synth`),
then measures, taking the median of ``--repeat`` runs:

* in this process: read+check, the document model, the DOCX, the PDF;
* ``raport build`` as a process (wall, CPU user+sys of the whole tree, peak
  memory of the tree — the DOCX renders in a forked worker while the PDF
  renders in the main process);
* ``raport check`` as a process;
* when ``soffice`` is on the PATH: LibreOffice converting the DOCX that raport
  built to PDF (a fresh profile, warmed up once first), and the ratio
  ``raport build / LibreOffice`` of the wall times.

It also times ``raport check`` on the demo year (``inputs/`` of the repository).
The results go to stdout as a table and, with every detail, to a JSON file.
They depend on the machine: keep them out of the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.measure import ProcessRun, median, median_run, run_process, stages, warm_up
from benchmarks.synth import Inputs, write_inputs

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (50, 200, 1000, 5000)
DEFAULT_JSON = REPO / "output" / "benchmark.json"
YEAR = 2025

#: The targets: (name, what, limit).
TARGETS = (
    ("ratio_200", "raport build / LibreOffice, N = 200", 1.0),
    ("ratio_1000", "raport build / LibreOffice, N = 1000", 1.0),
    ("ratio_5000", "raport build / LibreOffice, N = 5000", 0.3),
    ("rebuild_ratio_200", "rebuild after a one-cell edit / LibreOffice, N = 200", 0.3),
    ("build_memory_5000", "peak memory of raport build, N = 5000 (MB, tree RSS)", 500.0),
    ("docx_5000", "DOCX alone, N = 5000 (s)", 5.0),
    ("docx_growth", "DOCX time(5000) / time(1000)", 6.0),
    ("check_5000", "raport check, N = 5000, whole process (s)", 3.0),
    ("check_demo", "raport check on the demo year, whole process (s)", 1.5),
)


@dataclass
class SizeResult:
    """Everything measured for one N (times in seconds, memory in MB)."""

    n: int
    rows: dict[str, int]
    duplicates: dict[str, int]
    pages: int | None = None
    docx_bytes: int | None = None
    pdf_bytes: int | None = None
    stages: dict[str, float | None] = field(default_factory=dict)
    stage_runs: dict[str, list[float]] = field(default_factory=dict)
    build: dict[str, float] = field(default_factory=dict)
    build_runs: list[dict[str, Any]] = field(default_factory=list)
    check: dict[str, float] = field(default_factory=dict)
    check_runs: list[dict[str, Any]] = field(default_factory=list)
    libreoffice: dict[str, float] | None = None
    libreoffice_runs: list[dict[str, Any]] = field(default_factory=list)
    ratio: float | None = None
    rebuild: dict[str, float] = field(default_factory=dict)
    rebuild_runs: list[dict[str, Any]] = field(default_factory=list)
    rebuild_ratio: float | None = None
    edit: str = ""


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def _raport() -> str:
    """The ``raport`` executable next to this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("raport")
    return str(beside) if beside.exists() else shutil.which("raport") or "raport"


def build_command(inputs: Path, year: int, output: Path) -> list[str]:
    """``raport build YEAR --inputs … --output …``."""
    return [_raport(), "build", str(year), "--inputs", str(inputs), "--output", str(output)]


def edit_one_cell(inputs: Path, year: int) -> str:
    """Change one cell of the year's inputs, as an officer fixing a typo would: the
    goal (*Cel*) of the middle visit in the first workbook that has visits gets a
    few more words. Returns what was changed."""
    from openpyxl import load_workbook

    for path in sorted((inputs / str(year)).glob("*.xlsx")):
        book = load_workbook(path)
        if "Wizyty" not in book.sheetnames:
            continue
        sheet = book["Wizyty"]
        headers = [cell.value for cell in sheet[1]]
        column = headers.index("Cel") + 1
        row = (sheet.max_row + 2) // 2
        sheet.cell(row, column).value = f"{sheet.cell(row, column).value} (wizyta studyjna)"
        book.save(path)
        return f"{path.name} Wizyty!{row}: Cel"
    raise RuntimeError(f"no workbook with Wizyty in {inputs / str(year)}")


def check_command(inputs: Path, year: int) -> list[str]:
    return [_raport(), "check", str(year), "--inputs", str(inputs)]


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_command(program: str, profile: Path, source: Path, outdir: Path) -> list[str]:
    return [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(source),
    ]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _measure(
    command: Sequence[str], log: Path, *, cwd: Path | None = None, ok: Sequence[int] = (0,)
) -> ProcessRun:
    run = run_process(command, cwd=cwd, env=_env(), log=log)
    if run.returncode not in ok:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(command)} failed ({run.returncode}):\n{tail}")
    return run


# ---------------------------------------------------------------------------
# One N
# ---------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_in_process(inputs: Inputs, repeat: int, *, pdf: bool = True) -> dict[str, Any]:
    """Medians of the in-process stages over ``repeat`` runs, and the runs themselves."""
    runs = [stages(inputs.path, inputs.year, pdf=pdf) for _ in range(repeat)]
    names = ("check", "document", "docx", "pdf")
    values = {name: [getattr(r, name) for r in runs] for name in names}
    return {
        "stages": {
            name: median(v) if all(x is not None for x in v) else None for name, v in values.items()
        },
        "stage_runs": {
            name: [round(x, 4) for x in v if x is not None] for name, v in values.items()
        },
        "pages": runs[-1].pages,
        "docx_bytes": runs[-1].docx_bytes,
        "pdf_bytes": runs[-1].pdf_bytes,
    }


def measure_size(
    n: int,
    workdir: Path,
    repeat: int,
    *,
    libreoffice: tuple[str, Path] | None,
    in_process: bool = True,
    in_process_pdf: bool = True,
    seed: int = 2025,
) -> SizeResult:
    """Generate a year of ``n`` records under ``workdir`` and measure everything for it."""
    base = workdir / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    _say(f"N={n}: writing the inputs …")
    inputs = write_inputs(base / "inputs", n, YEAR, seed)
    result = SizeResult(n=n, rows=inputs.rows, duplicates=inputs.duplicates)
    logs = base / "logs"
    logs.mkdir(parents=True)

    if in_process:
        _say(f"N={n}: in-process stages ×{repeat} …")
        measured = measure_in_process(inputs, repeat, pdf=in_process_pdf)
        result.stages = measured["stages"]
        result.stage_runs = measured["stage_runs"]
        result.pages = measured["pages"]
        result.docx_bytes, result.pdf_bytes = measured["docx_bytes"], measured["pdf_bytes"]

    _say(f"N={n}: raport check ×{repeat} …")
    checks = [
        _measure(check_command(inputs.path, YEAR), logs / f"check-{i}.log") for i in range(repeat)
    ]
    result.check = median_run(checks)
    result.check_runs = [r.to_dict() for r in checks]

    edited = base / "inputs-edited"
    shutil.copytree(inputs.path, edited)
    result.edit = edit_one_cell(edited, YEAR)
    program, profile = libreoffice if libreoffice is not None else (None, None)
    _say(f"N={n}: raport build, LibreOffice, rebuild after an edit, alternately ×{repeat} …")
    builds, rebuilds, conversions = [], [], []
    built_docx = base / "output-0" / str(YEAR) / f"raport-{YEAR}.docx"
    built_pdf = base / "output-0" / str(YEAR) / f"raport-{YEAR}.pdf"
    for i in range(repeat):
        # a fresh output folder: a cold build (its cache empty), then the same folder
        # rebuilt from the edited inputs, the cache warm
        out = base / f"output-{i}"
        builds.append(_measure(build_command(inputs.path, YEAR, out), logs / f"build-{i}.log"))
        if program is not None and profile is not None:
            outdir = base / f"libreoffice-{i}"
            outdir.mkdir()
            command = soffice_command(program, profile, built_docx, outdir)
            conversions.append(_measure(command, logs / f"libreoffice-{i}.log"))
            if not (outdir / f"raport-{YEAR}.pdf").exists():
                raise RuntimeError(f"LibreOffice wrote no PDF: see {logs / f'libreoffice-{i}.log'}")
        rebuilds.append(_measure(build_command(edited, YEAR, out), logs / f"rebuild-{i}.log"))
    result.build = median_run(builds)
    result.build_runs = [r.to_dict() for r in builds]
    result.rebuild = median_run(rebuilds)
    result.rebuild_runs = [r.to_dict() for r in rebuilds]
    if result.pages is None and built_pdf.exists():
        result.pages = _pdf_pages(built_pdf)
    if result.docx_bytes is None and built_docx.exists():
        result.docx_bytes = built_docx.stat().st_size
    if result.pdf_bytes is None and built_pdf.exists():
        result.pdf_bytes = built_pdf.stat().st_size
    if conversions:
        result.libreoffice = median_run(conversions)
        result.libreoffice_runs = [r.to_dict() for r in conversions]
        result.ratio = round(result.build["wall"] / result.libreoffice["wall"], 3)
        result.rebuild_ratio = round(result.rebuild["wall"] / result.libreoffice["wall"], 3)
    return result


def _pdf_pages(path: Path) -> int | None:
    """The page count of a PDF (read with pypdf, a development dependency)."""
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf comes with the dev extras
        return None
    return len(PdfReader(path).pages)


def warm_up_libreoffice(program: str, profile: Path, workdir: Path) -> float:
    """Create the LibreOffice profile with one conversion (not measured); its seconds."""
    sample = REPO / "templates" / "reference.docx"
    outdir = workdir / "libreoffice-warm-up"
    outdir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    subprocess.run(
        soffice_command(program, profile, sample, outdir),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def measure_demo(repeat: int, workdir: Path) -> dict[str, Any] | None:
    """``raport check`` of the demo year (``inputs/`` of the repository), if present."""
    inputs = REPO / "inputs"
    if not (inputs / str(YEAR)).is_dir():
        return None
    runs = [
        _measure(check_command(inputs, YEAR), workdir / f"demo-check-{i}.log", ok=(0, 1))
        for i in range(repeat)
    ]
    return {"check": median_run(runs), "check_runs": [r.to_dict() for r in runs]}


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def targets(results: Sequence[SizeResult], demo: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The issue's targets with the measured values (None when not measured)."""
    by_n = {r.n: r for r in results}

    def ratio(n: int) -> float | None:
        return by_n[n].ratio if n in by_n else None

    def docx(n: int) -> float | None:
        return by_n[n].stages.get("docx") if n in by_n else None

    docx_1000, docx_5000 = docx(1000), docx(5000)
    values: dict[str, float | None] = {
        "ratio_200": ratio(200),
        "ratio_1000": ratio(1000),
        "ratio_5000": ratio(5000),
        "rebuild_ratio_200": by_n[200].rebuild_ratio if 200 in by_n else None,
        "build_memory_5000": by_n[5000].build.get("tree_rss_mb") if 5000 in by_n else None,
        "docx_5000": docx_5000,
        "docx_growth": round(docx_5000 / docx_1000, 2) if docx_1000 and docx_5000 else None,
        "check_5000": by_n[5000].check.get("wall") if 5000 in by_n else None,
        "check_demo": demo["check"]["wall"] if demo else None,
    }
    out = []
    for name, what, limit in TARGETS:
        value = values[name]
        out.append(
            {
                "name": name,
                "what": what,
                "limit": limit,
                "value": value,
                "met": None if value is None else value <= limit,
            }
        )
    return out


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(results: Sequence[SizeResult]) -> str:
    """The per-N table printed on stdout."""
    header = (
        f"{'N':>5} {'pages':>5} │ {'check':>6} {'model':>6} {'docx':>6} {'pdf':>7} │ "
        f"{'build':>7} {'cpu':>7} {'RSS MB':>7} {'PSS MB':>7} │ {'check':>6} │ "
        f"{'LibreO':>7} {'ratio':>6} │ {'rebuild':>7} {'ratio':>6}"
    )
    lines = [
        f"{'':>11} │ {'in process (s)':^29} │ {'raport build (process)':^31} │ {'proc.':^6} │",
        header,
        "─" * len(header),
    ]
    for r in results:
        s = r.stages
        lo = r.libreoffice["wall"] if r.libreoffice else None
        lines.append(
            f"{r.n:>5} {r.pages or 0:>5} │ {_fmt(s.get('check')):>6} {_fmt(s.get('document')):>6} "
            f"{_fmt(s.get('docx')):>6} {_fmt(s.get('pdf')):>7} │ {_fmt(r.build.get('wall')):>7} "
            f"{_fmt(r.build.get('cpu')):>7} {_fmt(r.build.get('tree_rss_mb'), 0):>7} "
            f"{_fmt(r.build.get('tree_pss_mb'), 0):>7} │ {_fmt(r.check.get('wall')):>6} │ "
            f"{_fmt(lo):>7} {_fmt(r.ratio):>6} │ {_fmt(r.rebuild.get('wall')):>7} "
            f"{_fmt(r.rebuild_ratio):>6}"
        )
    return "\n".join(lines)


def targets_table(rows: Sequence[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        mark = {True: "met", False: "NOT MET", None: "not measured"}[row["met"]]
        lines.append(f"  {row['what']:<52} ≤ {row['limit']:<6g} {_fmt(row['value']):>8}  {mark}")
    return "\n".join(lines)


def environment(libreoffice: str | None) -> dict[str, Any]:
    """What the numbers depend on: machine, Python and library versions."""
    from importlib.metadata import version

    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)),
        "raport": version("raport"),
        "weasyprint": version("weasyprint"),
        "python-docx": version("python-docx"),
        "openpyxl": version("openpyxl"),
        "build_command": "raport build",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if libreoffice is not None:
        try:
            done = subprocess.run(
                [libreoffice, "--version"], capture_output=True, text=True, timeout=60
            )
            info["libreoffice"] = done.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            info["libreoffice"] = "unknown"
    return info


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"sizes are whole numbers, e.g. 50,200: {text}") from error
    if not sizes or any(n < 4 for n in sizes):
        raise argparse.ArgumentTypeError(f"every size must be at least 4: {text}")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Benchmark raport on synthetic years of N records (see benchmarks/README.md).",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated numbers of records (default: 50,200,1000,5000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of every measurement; medians (default 3)"
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help=f"where to write the results (default: {DEFAULT_JSON.relative_to(REPO)})",
    )
    parser.add_argument(
        "--workdir", type=Path, help="folder for inputs and outputs (default: a temporary one)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (inputs, outputs, logs)"
    )
    parser.add_argument(
        "--no-libreoffice", action="store_true", help="skip the LibreOffice comparison"
    )
    parser.add_argument(
        "--no-in-process", action="store_true", help="skip the in-process stage timings"
    )
    parser.add_argument(
        "--no-in-process-pdf",
        action="store_true",
        help="time check, model and DOCX in process, but not the PDF (it is in the build)",
    )
    parser.add_argument("--seed", type=int, default=2025, help="seed of the synthetic data")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    program = None if args.no_libreoffice else soffice()
    if not args.no_libreoffice and program is None:
        _say("soffice not found: no LibreOffice comparison")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="raport-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    workdir = workdir.resolve()
    try:
        libreoffice = None
        if program is not None:
            profile = workdir / "libreoffice-profile"
            _say("LibreOffice: warming up a fresh profile …")
            warm = warm_up_libreoffice(program, profile, workdir)
            _say(f"LibreOffice: warm-up took {warm:.1f} s")
            libreoffice = (program, profile)
        if not args.no_in_process:
            warm_up()
        results = [
            measure_size(
                n,
                workdir,
                args.repeat,
                libreoffice=libreoffice,
                in_process=not args.no_in_process,
                in_process_pdf=not args.no_in_process_pdf,
                seed=args.seed,
            )
            for n in args.sizes
        ]
        demo = measure_demo(args.repeat, workdir)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    goals = targets(results, demo)
    print(table(results))
    if demo is not None:
        print(f"\nraport check on the demo year {YEAR} (process): {demo['check']['wall']:.2f} s")
    print("\nTargets:")
    print(targets_table(goals))
    document = {
        "environment": environment(program),
        "repeat": args.repeat,
        "sizes": [asdict(r) for r in results],
        "demo": demo,
        "targets": goals,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"\nResults: {args.json}")
    if args.keep or args.workdir is not None:
        print(f"Work folder: {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
