"""Polish alphabetical order through ICU's collator (never a hand-made table).

ICU ``Collator`` objects are created lazily, one per thread (ICU documents
only ``const`` use of a shared collator as safe, so this avoids relying on
it), and one per process after a fork. Digits compare as numbers, so
„Szkoła nr 2” sorts before „Szkoła nr 10”.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

import icu

T = TypeVar("T")
_local = threading.local()


def _collator() -> Any:
    collator = getattr(_local, "collator", None)
    if collator is None:
        collator = icu.Collator.createInstance(icu.Locale("pl_PL"))
        collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
        _local.collator = collator
    return collator


def sort_key(text: str) -> bytes:
    """ICU sort key of ``text`` for Polish order; compare keys as bytes.

    >>> sort_key("Lwów") < sort_key("Łowecz")
    True
    >>> sort_key("Ząbki") < sort_key("Żary")
    True
    """
    key: bytes = _collator().getSortKey(text)
    return key


@overload
def sorted_pl(items: Iterable[str], key: None = None, *, reverse: bool = False) -> list[str]: ...
@overload
def sorted_pl(items: Iterable[T], key: Callable[[T], str], *, reverse: bool = False) -> list[T]: ...
def sorted_pl(
    items: Iterable[Any], key: Callable[[Any], str] | None = None, *, reverse: bool = False
) -> list[Any]:
    """Sort in Polish alphabetical order; ties broken by code point (deterministic).

    >>> sorted_pl(["Łowecz", "Lwów", "Lipsk", "Żary", "Zagrzeb", "Ząbki"])
    ['Lipsk', 'Lwów', 'Łowecz', 'Zagrzeb', 'Ząbki', 'Żary']
    >>> sorted_pl([("PL", "Polska"), ("AT", "Austria")], key=lambda c: c[1])
    [('AT', 'Austria'), ('PL', 'Polska')]
    """
    text_of: Callable[[Any], str] = key if key is not None else str

    def full_key(item: Any) -> tuple[bytes, str]:
        text = text_of(item)
        return sort_key(text), text

    return sorted(items, key=full_key, reverse=reverse)
