"""Countries: ISO codes and Polish names normalised to one :class:`Country`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Country:
    """A country: ISO 3166-1 alpha-2 code and its Polish name."""

    code: str
    name: str
