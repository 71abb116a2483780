"""The licence of the open data (the registry's „Licencja”): a known licence or its address.

The data package names a licence only when the office set one, and only one it can name
exactly: an identifier of a common open licence (in any spacing or case) or the
address of the licence's text.

>>> find_licence("cc by 4.0").name, find_licence("CC0").name
('CC-BY-4.0', 'CC0-1.0')
>>> find_licence("https://example.org/licencja").path
'https://example.org/licencja'
>>> find_licence("otwarta") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    """A licence as a data package names it: an identifier and/or the address of its text."""

    name: str | None
    path: str | None
    title: str


#: Open licences the public sector commonly uses, by SPDX identifier.
KNOWN = (
    Licence(
        "CC0-1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Creative Commons Zero 1.0 (domena publiczna)",
    ),
    Licence(
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Uznanie autorstwa 4.0 Międzynarodowe",
    ),
    Licence(
        "CC-BY-SA-4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "Creative Commons Uznanie autorstwa – Na tych samych warunkach 4.0 Międzynarodowe",
    ),
    Licence(
        "ODC-By-1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
        "Open Data Commons Attribution License 1.0",
    ),
    Licence(
        "ODbL-1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "Open Data Commons Open Database License 1.0",
    ),
    Licence(
        "PDDL-1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
        "Open Data Commons Public Domain Dedication and License 1.0",
    ),
)

_URL = re.compile(r"https?://[^\s/]+\.[^\s]+", re.IGNORECASE)


def _key(text: str) -> str:
    return re.sub(r"[\s_.-]+", "", text).casefold()


_BY_KEY = {_key(licence.name or ""): licence for licence in KNOWN} | {"cc0": KNOWN[0]}


def find_licence(text: str) -> Licence | None:
    """The licence ``text`` names — an identifier (``CC-BY-4.0``, ``CC BY 4.0``, ``cc0``) or
    an address (``https://…``) — or None when it names none that can be told exactly."""
    text = text.strip()
    if _URL.fullmatch(text):
        known = next((lic for lic in KNOWN if _key(lic.path or "") == _key(text)), None)
        return known or Licence(None, text, text)
    return _BY_KEY.get(_key(text))
