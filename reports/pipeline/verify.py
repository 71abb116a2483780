"""``raport verify``: is ``output/YEAR`` exactly what the current inputs give?

The year is rebuilt into a temporary folder — from scratch, never from the build
cache — and compared byte by byte; when
something differs, the stored manifest tells why: an input changed since it
was written, an output was altered afterwards, or the software is different.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reports.pipeline import generate
from reports.publish.manifest import MANIFEST_NAME, FileRecord, environment, load, loads


@dataclass(frozen=True)
class Verdict:
    """The outcome: identical or not, which files differ, and the reasons found."""

    identical: bool
    differing: tuple[str, ...] = ()
    reasons: tuple[str, ...] = field(default=())
    build_failed: bool = False


def verify_year(inputs_dir: Path, year: int, output_dir: Path) -> Verdict:
    """Rebuild ``year`` in a temporary folder and compare with ``output_dir/year``."""
    published = output_dir / str(year)
    with tempfile.TemporaryDirectory(prefix="raport-verify-") as tmp:
        # cold, without the build cache: what is compared must not trust what an
        # earlier build left behind
        result = generate(inputs_dir, year, Path(tmp), cache=None)
        if not result.ok:
            reasons = ["Dane wejściowe zawierają błędy: raportu nie da się odtworzyć."]
            old = load(published / MANIFEST_NAME)
            if old is not None:
                now = [
                    {"path": r.path, "sha256": r.sha256}
                    for r in (FileRecord.of(path, inputs_dir) for path in result.check.files)
                ]
                reasons += _input_changes(old.get("inputs", []), now)
            return Verdict(False, reasons=tuple(reasons), build_failed=True)
        fresh = Path(tmp) / str(year)
        # every file, those in a folder too (the open data's dane-YEAR/), by its path there
        expected = dict(
            sorted(
                (p.relative_to(fresh).as_posix(), p.read_bytes())
                for p in fresh.rglob("*")
                if p.is_file()
            )
        )
    differing = [
        name
        for name, data in expected.items()
        if not (published / name).is_file() or (published / name).read_bytes() != data
    ]
    if not differing:
        return Verdict(True)
    return Verdict(False, tuple(differing), tuple(_reasons(published, expected, differing)))


def _reasons(published: Path, expected: dict[str, bytes], differing: list[str]) -> list[str]:
    old = load(published / MANIFEST_NAME)
    if old is None:
        if not published.is_dir():
            return [f"Rok nie został zbudowany: brak folderu {published}."]
        return [f"Brak pliku {MANIFEST_NAME} w {published}: nie da się ustalić przyczyny różnic."]
    reasons: list[str] = []
    new = loads(expected[MANIFEST_NAME]) or {}
    reasons += _input_changes(old.get("inputs", []), new.get("inputs", []))
    reasons += _output_changes(published, old.get("outputs", []), differing)
    reasons += _software_changes(old.get("software", {}), environment())
    for name in differing:
        if not (published / name).is_file():
            reasons.append(f"Brak pliku wyjściowego {name}.")
    return reasons or ["Pliki różnią się, choć dane wejściowe i wersje programów są te same."]


def _by_path(records: list[dict[str, Any]]) -> dict[str, str]:
    return {str(r.get("path")): str(r.get("sha256")) for r in records if isinstance(r, dict)}


def _input_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    before, now = _by_path(old), _by_path(new)
    out = []
    for path in sorted(before.keys() | now.keys()):
        if path not in now:
            out.append(f"Plik wejściowy {path} został usunięty od czasu budowy.")
        elif path not in before:
            out.append(f"Plik wejściowy {path} został dodany od czasu budowy.")
        elif before[path] != now[path]:
            out.append(f"Plik wejściowy {path} zmienił się od czasu budowy.")
    return out


def _output_changes(published: Path, old: list[dict[str, Any]], differing: list[str]) -> list[str]:
    recorded = _by_path(old)
    out = []
    for name in differing:
        path = published / name
        if name in recorded and path.is_file():
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
            if actual != recorded[name]:
                out.append(f"Plik wyjściowy {name} został zmieniony po zbudowaniu.")
    return out


def _software_changes(old: dict[str, Any], now: dict[str, Any]) -> list[str]:
    out = []
    if old.get("raport") != now["raport"]:
        out.append(f"Inna wersja raport: {old.get('raport')} (manifest), {now['raport']} (teraz).")
    if old.get("python") != now["python"]:
        out.append(f"Inna wersja Pythona: {old.get('python')} (manifest), {now['python']} (teraz).")
    before = old.get("dependencies", {}) or {}
    for name, version in now["dependencies"].items():
        if before.get(name) != version:
            out.append(
                f"Inna wersja biblioteki {name}: {before.get(name, 'brak')} (manifest), "
                f"{version} (teraz)."
            )
    return out


def manifest_verdict(inputs_dir: Path, input_files: Sequence[Path], published: Path) -> Verdict:
    """What ``published/manifest.json`` alone says, without rebuilding (cheap, for listings).

    Identical when the inputs, the outputs and the software are those the
    manifest records; :func:`verify_year` is the proof, byte by byte.
    """
    old = load(published / MANIFEST_NAME)
    if old is None:
        return Verdict(False, reasons=(f"Brak pliku {MANIFEST_NAME} w {published}.",))
    now = [vars(FileRecord.of(path, inputs_dir)) for path in input_files]
    reasons = _input_changes(old.get("inputs", []), now)
    outputs = [r for r in old.get("outputs", []) if isinstance(r, dict)]
    names = [str(r.get("path")) for r in outputs]
    missing = [name for name in names if not (published / name).is_file()]
    reasons += [f"Brak pliku wyjściowego {name}." for name in missing]
    present = [name for name in names if name not in missing]
    reasons += _output_changes(published, outputs, present)
    reasons += _software_changes(old.get("software", {}), environment())
    return Verdict(not reasons, reasons=tuple(reasons))
