"""``manifest.json``: what a year's outputs were made from, to prove them later.

It records raport's version, Python's and every dependency's version, each
input and output file (path, size, SHA-256) and the reconciliation counts.
Byte-stable itself: sorted keys, fixed indentation, no clock times.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from reports import __version__
from reports.domain.model import SheetTally

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class FileRecord:
    """A file as the manifest knows it."""

    path: str
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, relative_to: Path) -> FileRecord:
        data = path.read_bytes()
        return cls(
            path=path.relative_to(relative_to).as_posix(),
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )


@cache
def dependency_versions() -> dict[str, str]:
    """Versions of raport's runtime dependencies, transitively (they shape the bytes)."""
    versions: dict[str, str] = {}
    pending = ["raport"]
    while pending:
        name = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            match = re.match(r"[A-Za-z0-9._-]+", requirement)
            if match is None:
                continue
            dep = _canonical(match.group(0))
            if dep in versions:
                continue
            try:
                versions[dep] = metadata.version(dep)
            except metadata.PackageNotFoundError:
                continue
            pending.append(dep)
    return dict(sorted(versions.items()))


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def environment() -> dict[str, Any]:
    """The software that made the outputs."""
    return {
        "raport": __version__,
        "python": platform.python_version(),
        "dependencies": dependency_versions(),
    }


def make_manifest(
    year: int,
    inputs: Iterable[FileRecord],
    outputs: Iterable[FileRecord],
    tallies: Mapping[str, SheetTally],
) -> dict[str, Any]:
    """The manifest as a plain dict (see :func:`dump`)."""
    return {
        "year": year,
        "software": environment(),
        "inputs": [vars(r) for r in sorted(inputs, key=lambda r: r.path)],
        "outputs": [vars(r) for r in sorted(outputs, key=lambda r: r.path)],
        "counts": {
            kind: {
                "read": t.read,
                "kept": t.kept,
                "duplicates": t.duplicates,
                "rejected": t.rejected,
            }
            for kind, t in tallies.items()
        },
    }


def dump(manifest: Mapping[str, Any]) -> bytes:
    """Serialise byte-stably.

    >>> dump({"b": 1, "a": "ł"})
    b'{\\n  "a": "\\xc5\\x82",\\n  "b": 1\\n}\\n'
    """
    return (json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def load(path: Path) -> dict[str, Any] | None:
    """A manifest read back, or None when missing or unreadable."""
    try:
        return loads(path.read_bytes())
    except OSError:
        return None


def loads(data: bytes) -> dict[str, Any] | None:
    """A manifest parsed from bytes, or None when it is not a manifest's JSON object.

    >>> loads(dump({"year": 2025}))
    {'year': 2025}
    >>> loads(b"[]") is None and loads(b"nie json") is None
    True
    """
    try:
        data = json.loads(data)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
