"""The pipeline: read → check/merge → build → render → write (:mod:`reports.pipeline.build`).

The names below are imported from :mod:`reports.pipeline.build` when first used, so
that importing a light module of this package (e.g. :mod:`reports.pipeline.workers`,
to start the layout workers as a build begins) does not load every stage first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reports.pipeline.formats import DATA, FORMATS

if TYPE_CHECKING:
    from reports.pipeline.build import (
        BuildResult,
        bip_files,
        generate,
        output_names,
        output_path,
    )

__all__ = [
    "DATA",
    "FORMATS",
    "BuildResult",
    "bip_files",
    "generate",
    "output_names",
    "output_path",
]


_LAZY = frozenset(__all__) - {"DATA", "FORMATS"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from reports.pipeline import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
