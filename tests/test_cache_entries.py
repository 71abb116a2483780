"""Cache entries are exactly what their key asks for, or a miss — never a traceback.

An entry's checksum covers its key, so an entry copied or moved into another key's
place is a miss; an entry whose checksum is right but whose content is not what raport
wrote (made by hand) is a miss too, and is made again.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from reports.cache import Cache, key
from reports.render.pdf.cache import decode, encode, load
from reports.render.pdf.footer import FooterStyle
from reports.render.pdf.serialise import Piece


def _piece() -> Piece:
    return Piece(
        pages=1,
        count=2,
        blob=b"<< /Type /Page >>\n\xff\nstream",
        streams=[None, b"BT ET"],
        keys=1,
        page_objects=[1],
        footer_slots=[2],
        top_elements=[1],
        parent_tree=[[1, 1]],
        annotations=[],
        anchors=[("wizyty", 0, 56.7, 700)],
        bookmarks=[(0, 1, "Wizyty", 56.7, 700.0, "open")],
        fonts_used=("Carlito",),
        catalog={"Lang": b"(pl)"},
        info={"Title": b"(Raport)"},
        footer=FooterStyle(540.0, 30.0, 9.0, (0.2, 0.2, 0.2), ("Carlito",), 400, False, (True,)),
        head=[(1, "Part", [1])],
        tail=[(1, "Part")],
    )


def _with_header(**changes: Any) -> bytes:
    data = encode(_piece())
    (size,) = struct.unpack_from(">Q", data)
    header = json.loads(data[8 : 8 + size])
    header.update(changes)
    head = json.dumps(header).encode()
    return struct.pack(">Q", len(head)) + head + data[8 + size :]


def test_a_piece_round_trips() -> None:
    data = encode(_piece())
    assert encode(decode(data)) == data
    assert decode(data).head == [(1, "Part", [1])]  # what the join needs of a cut
    assert decode(data).tail == [(1, "Part")]


def test_entries_swapped_by_hand_are_misses(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    first, second = key("spis treści"), key("wizyty")
    store.put(first, encode(_piece()))
    store.put(second, b"inna zawartosc")
    a, b = store.path(first), store.path(second)
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    assert store.get(first) is None and store.get(second) is None
    assert not a.exists() and not b.exists()  # deleted, to be made again


@pytest.mark.parametrize(
    "payload",
    [
        _with_header(pages="57"),
        _with_header(anchors=[["wizyty", "57", 0, 0]]),
        _with_header(anchors=[["wizyty", 0, 0]]),
        _with_header(bookmarks=[[0, 1, None, 0, 0, "open"]]),
        _with_header(footer={"right": 1}),
        _with_header(footer={**json.loads(json.dumps(_piece().footer.__dict__)), "weight": "b"}),
        _with_header(catalog={"Lang": 5}),
        _with_header(streams=[None, -5]),
        _with_header(parent_tree=[[1, None]]),
        _with_header(extra=1),
        _with_header(head=[[1, "Part"]]),
        _with_header(head=[[1, "Part", [None]]]),
        _with_header(tail=[[1, 2]]),
        struct.pack(">Q", 2) + b"[]",
        struct.pack(">Q", 4) + b"null",
        struct.pack(">Q", 10**6) + b"{}",
        struct.pack(">Q", 30000) + b"[" * 30000,
        b"\x00\x01",
    ],
)
def test_hand_made_entries_with_a_valid_checksum_are_misses(tmp_path: Path, payload: bytes) -> None:
    store = Cache(tmp_path)
    entry = key("kawałek", payload)
    store.put(entry, payload)
    assert store.get(entry) == payload  # the checksum is right
    with pytest.raises(ValueError):
        decode(payload)
    assert load(store, entry) is None
    assert not store.path(entry).exists()
