"""Text as officers type it, in the one form raport compares it in."""

from __future__ import annotations

import unicodedata


def normalize_text(text: str) -> str:
    """Text as the checker compares it: NFC, trimmed, inner space runs collapsed.

    >>> normalize_text("  Goście\\u00a0 z   Erfurtu ")
    'Goście z Erfurtu'
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())
