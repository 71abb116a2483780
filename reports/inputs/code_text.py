"""A problem code as written in the modules that hold a group of codes (the registry's,
the plan statuses'): :mod:`reports.inputs.codes` makes each a
:class:`~reports.inputs.codes.Code` (``error`` gives the severity)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class CodeText(NamedTuple):
    name: str
    error: bool
    meaning: str
    template: str
    optional: Mapping[str, str | tuple[str, str]] = {}
