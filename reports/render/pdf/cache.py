"""Laid-out PDF pieces kept in the build cache (:mod:`reports.cache`).

A piece (:class:`reports.render.pdf.serialise.Piece`) depends only on its HTML, its
number (the tags of its font subsets), for the front matter the anchors it links
to, and on what turns HTML into PDF objects: raport's rendering code, the
templates (stylesheet, fonts), WeasyPrint and the libraries under it (pydyf,
fontTools, Pango, HarfBuzz, FreeType, Fontconfig). :func:`piece_key` hashes all
of it, so a cached piece is the very piece a render would give, and a one-cell
edit lays out again only the pieces whose HTML changed — and the front matter
only when a heading moved to another page (its table of contents changed).

The key does not cover fonts installed on the system: the report's own fonts
are in ``templates/fonts``; a system font is only a fallback, and a build that
needs one says so.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import struct
import subprocess
from collections.abc import Sequence
from dataclasses import asdict
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from reports import __version__
from reports.cache import Cache, FileState, fingerprint, key
from reports.render.assets import templates_dir
from reports.render.pdf.footer import FooterFont, FooterStyle, footer_font
from reports.render.pdf.serialise import Piece
from reports.render.pdf.structure import NO_SEAMS, Continuation

_FORMAT = "pdf-piece 2"
_PACKAGES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5")
_LIBRARIES = (
    "libpango-1.0.so",
    "libpangoft2-1.0.so",
    "libharfbuzz.so",
    "libharfbuzz-subset.so",
    "libfreetype.so",
    "libfontconfig.so",
)


@cache
def _tree_hash(folder: Path, pattern: str, signature: tuple[FileState, ...]) -> str:
    """The hash of the files' names and contents (memoised by their fingerprint)."""
    return key(*(part for name, *_ in signature for part in (name, (folder / name).read_bytes())))


def _files_hash(folder: Path, pattern: str = "*") -> str:
    return _tree_hash(folder, pattern, fingerprint(sorted(folder.rglob(pattern)), folder))


@cache
def _package_versions() -> str:
    versions = []
    for name in _PACKAGES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return " ".join(versions)


@cache
def _native_libraries() -> str:
    """The shared libraries WeasyPrint loads, by their real file names and sizes
    (the versions are in the names), from the linker's cache; Pango's version
    from WeasyPrint itself where there is no such cache."""
    try:
        listing = subprocess.run(
            ["ldconfig", "-p"], capture_output=True, text=True, check=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    found = []
    for line in listing.splitlines():
        match = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if match and match[1].startswith(_LIBRARIES) and "x86-32" not in match[2]:
            with contextlib.suppress(OSError):
                real = os.path.realpath(match[3])
                found.append(f"{match[1]}:{os.path.basename(real)}:{os.path.getsize(real)}")
    if found:
        return " ".join(sorted(set(found)))
    from weasyprint.text.ffi import pango

    return f"pango={pango.pango_version()}"


def environment() -> str:
    """What, besides a piece's HTML, decides its bytes (see the module docstring)."""
    return key(
        _FORMAT,
        __version__,
        _files_hash(Path(__file__).resolve().parents[1], "*.py"),
        _files_hash(templates_dir().resolve()),
        _package_versions(),
        _native_libraries(),
    )


def piece_key(
    html: str,
    piece: int,
    *,
    front: bool = False,
    links: Sequence[str] = (),
    continuation: Continuation = NO_SEAMS,
) -> str:
    """The cache key of the piece ``piece`` laid out from ``html`` (``continuation``:
    what it continues of the pieces around it, which decides its structure's seams)."""
    seams = " ".join(continuation.head) + "|" + " ".join(continuation.tail)
    kind = "front" if front else "content"
    return key(environment(), kind, str(piece), "\n".join(links), seams, html)


# ---------------------------------------------------------------------------
# A piece as bytes: a JSON header, then the blob and the streams' data
# ---------------------------------------------------------------------------


def encode(piece: Piece) -> bytes:
    """``piece`` as bytes (:func:`decode` gives it back)."""
    header = {
        "pages": piece.pages,
        "count": piece.count,
        "blob": len(piece.blob),
        "streams": [None if s is None else len(s) for s in piece.streams],
        "keys": piece.keys,
        "page_objects": piece.page_objects,
        "footer_slots": piece.footer_slots,
        "top_elements": piece.top_elements,
        "parent_tree": piece.parent_tree,
        "annotations": piece.annotations,
        "anchors": piece.anchors,
        "bookmarks": piece.bookmarks,
        "fonts_used": piece.fonts_used,
        "catalog": {k: v.decode("latin-1") for k, v in piece.catalog.items()},
        "info": {k: v.decode("latin-1") for k, v in piece.info.items()},
        "footer": None if piece.footer is None else asdict(piece.footer),
        "head": piece.head,
        "tail": piece.tail,
    }
    head = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode()
    streams = b"".join(s for s in piece.streams if s is not None)
    return struct.pack(">Q", len(head)) + head + piece.blob + streams


_NUMBER = (int, float)
#: The type of each header field (lists of one shape, tuples of fixed shapes).
_HEADER: dict[str, Any] = {
    "pages": int,
    "count": int,
    "blob": int,
    "streams": [(int, None)],
    "keys": int,
    "page_objects": [int],
    "footer_slots": [int],
    "top_elements": [int],
    "parent_tree": [[int]],
    "annotations": [int],
    "anchors": [(str, int, _NUMBER, _NUMBER)],
    "bookmarks": [(int, int, str, _NUMBER, _NUMBER, str)],
    "fonts_used": [str],
    "catalog": {str: str},
    "info": {str: str},
    "footer": (None, {}),
    "head": [(int, str, [int])],
    "tail": [(int, str)],
}
_FOOTER: dict[str, Any] = {
    "right": _NUMBER,
    "baseline": _NUMBER,
    "size": _NUMBER,
    "color": (_NUMBER, _NUMBER, _NUMBER),
    "families": [str],
    "weight": int,
    "italic": bool,
    "shown": [bool],
}


def _fits(value: Any, shape: Any) -> bool:
    """Whether JSON ``value`` has ``shape``: a type, ``(A, B)`` alternatives of scalars
    or ``(A, B, …)`` a fixed list, ``[A]`` a list of ``A``, ``{A: B}`` a mapping."""
    if shape is None:
        return value is None
    if shape is int:
        return type(value) is int and value >= 0
    if shape is _NUMBER:
        return type(value) in (int, float)
    if shape in (str, bool):
        return type(value) is shape
    if isinstance(shape, list):
        return isinstance(value, list) and all(_fits(item, shape[0]) for item in value)
    if isinstance(shape, dict) and not shape:  # the footer's fields
        return (
            isinstance(value, dict)
            and value.keys() == _FOOTER.keys()
            and all(_fits(value[name], kind) for name, kind in _FOOTER.items())
        )
    if isinstance(shape, dict):
        ((keys, values),) = shape.items()
        return isinstance(value, dict) and all(
            _fits(k, keys) and _fits(v, values) for k, v in value.items()
        )
    if shape == (int, None) or shape == (None, {}):
        return any(_fits(value, alternative) for alternative in shape)
    return (
        isinstance(value, list)
        and len(value) == len(shape)
        and all(_fits(item, kind) for item, kind in zip(value, shape, strict=True))
    )


def decode(data: bytes) -> Piece:
    """The piece :func:`encode` made ``data`` of; ValueError when ``data`` is not one
    (anything unexpected: a cached piece is used only when it is exactly a piece)."""
    try:
        (size,) = struct.unpack_from(">Q", data)
        header: dict[str, Any] = json.loads(data[8 : 8 + size])
        if not isinstance(header, dict) or header.keys() != _HEADER.keys():
            raise ValueError("not a piece's header")
        wrong = [name for name, shape in _HEADER.items() if not _fits(header[name], shape)]
        if wrong:
            raise ValueError(f"wrong fields: {', '.join(wrong)}")
        position = 8 + size
        blob = data[position : position + header["blob"]]
        position += header["blob"]
        streams: list[bytes | None] = []
        for length in header["streams"]:
            if length is None:
                streams.append(None)
                continue
            streams.append(data[position : position + length])
            position += length
        if position != len(data) or len(blob) != header["blob"]:
            raise ValueError("piece of the wrong length")
        footer = header["footer"]
        return Piece(
            pages=header["pages"],
            count=header["count"],
            blob=blob,
            streams=streams,
            keys=header["keys"],
            page_objects=header["page_objects"],
            footer_slots=header["footer_slots"],
            top_elements=header["top_elements"],
            parent_tree=header["parent_tree"],
            annotations=header["annotations"],
            anchors=[(a[0], a[1], a[2], a[3]) for a in header["anchors"]],
            bookmarks=[(b[0], b[1], b[2], b[3], b[4], b[5]) for b in header["bookmarks"]],
            fonts_used=tuple(header["fonts_used"]),
            catalog={k: v.encode("latin-1") for k, v in header["catalog"].items()},
            info={k: v.encode("latin-1") for k, v in header["info"].items()},
            footer=None
            if footer is None
            else FooterStyle(
                **{
                    **footer,
                    "color": tuple(footer["color"]),
                    "families": tuple(footer["families"]),
                    "shown": tuple(footer["shown"]),
                }
            ),
            head=[(h[0], h[1], h[2]) for h in header["head"]],
            tail=[(t[0], t[1]) for t in header["tail"]],
        )
    except (struct.error, KeyError, IndexError, TypeError, UnicodeError, RecursionError) as error:
        raise ValueError(f"not a cached piece: {error}") from error


def load(store: Cache | None, entry: str) -> Piece | None:
    """The piece cached under ``entry``, or None (a damaged entry is deleted)."""
    if store is None:
        return None
    data = store.get(entry)
    if data is None:
        return None
    try:
        return decode(data)
    except Exception:  # anything unexpected is a miss: laid out again
        store.discard(entry)
        return None


def save(store: Cache | None, entry: str, piece: Piece) -> None:
    """Cache ``piece`` under ``entry`` (call before the piece is joined: joining empties it)."""
    if store is not None:
        store.put(entry, encode(piece))


def cached_footer_font(store: Cache | None, path: Path, characters: str, base: str) -> FooterFont:
    """:func:`reports.render.pdf.footer.footer_font` through the cache (subsetting the
    font takes fontTools, whose import alone costs more than a rebuild's join)."""
    if store is None:
        return footer_font(path, characters, base)
    entry = key(environment(), "footer", path.name, characters, base)
    data = store.get(entry)
    if data is not None:
        try:
            (size,) = struct.unpack_from(">Q", data)
            fields = json.loads(data[8 : 8 + size])
            return FooterFont(
                base_name=fields["base_name"].encode(),
                font_file=data[8 + size :],
                glyphs=fields["glyphs"],
                widths={int(gid): width for gid, width in fields["widths"].items()},
                bbox=tuple(fields["bbox"]),
                ascent=fields["ascent"],
                descent=fields["descent"],
                cap_height=fields["cap_height"],
                italic_angle=fields["italic_angle"],
            )
        except (struct.error, ValueError, KeyError, TypeError, AttributeError):
            store.discard(entry)
    font = footer_font(path, characters, base)
    fields = {
        "base_name": font.base_name.decode(),
        "glyphs": font.glyphs,
        "widths": {str(gid): width for gid, width in font.widths.items()},
        "bbox": font.bbox,
        "ascent": font.ascent,
        "descent": font.descent,
        "cap_height": font.cap_height,
        "italic_angle": font.italic_angle,
    }
    head = json.dumps(fields, separators=(",", ":")).encode()
    store.put(entry, struct.pack(">Q", len(head)) + head + font.font_file)
    return font


__all__ = [
    "cached_footer_font",
    "decode",
    "encode",
    "environment",
    "load",
    "piece_key",
    "save",
]
