"""Text as officers type it, in the one form raport compares it in."""

from __future__ import annotations

import re
import unicodedata


def normalize_text(text: str) -> str:
    """Text as the checker compares it: NFC, trimmed, inner space runs collapsed.

    >>> normalize_text("  Goście\\u00a0 z   Erfurtu ")
    'Goście z Erfurtu'
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    """``text`` as a name for a file or a package: lower case ASCII letters, digits and hyphens.

    >>> slug("Łódź – Kalisz 2025")
    'lodz-kalisz-2025'
    """
    text = text.replace("ł", "l").replace("Ł", "L")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
