"""A content-addressed cache of what is costly to make again (the PDF's laid-out pieces).

An entry is found by a key that hashes everything its bytes depend on (see
:func:`key`), so an entry is either exactly right or never asked for: nothing is
ever invalidated, old entries just stop being used and are evicted.

It lives in ``<output>/.cache/`` (:data:`CACHE_DIR_NAME`), next to the year
folders it speeds up; deleting it is always safe. It is bounded in size
(``max_bytes``, least recently used entries evicted first, see :meth:`Cache.prune`)
and safe when several builds share it at once (``raport build --all``, two
terminals): an entry is written to a temporary file and renamed into place, so a
reader sees a whole entry or none; each entry carries a checksum of its key and its
bytes, and one that does not match (a disk error, a file cut short, an old format,
an entry copied or moved to another key's place) is ignored, deleted and made again.

The memos kept in memory (the PDF cache's hashes of its sources, the page's year
views, the checks of earlier years) are found instead by :func:`fingerprint`, the
names and stat records of the files they were made from.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

#: The cache's folder inside the output folder.
CACHE_DIR_NAME = ".cache"
#: Default bound on the cache's size: about a hundred 5000-record reports.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

#: One file as a memo sees it: its name, inode, size and modification time (ns).
FileState = tuple[str, int, int, int]

_MAGIC = b"raport-cache 2\n"
_DIGEST = 32  # bytes of SHA-256


def key(*parts: bytes | str) -> str:
    """A key from ``parts`` (each length-prefixed, so no two lists of parts collide).

    >>> key("a", "bc") == key("a", "bc"), key("a", "bc") == key("ab", "c")
    (True, False)
    """
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


def fingerprint(paths: Iterable[Path], root: Path | None = None) -> tuple[FileState, ...]:
    """The state of the files ``paths``, in their order: a memo made from them is still
    right while this is equal (a file replaced, grown or touched changes it).

    A name is the path relative to ``root`` when given; a path that is missing or
    not a regular file is left out (so a file appearing or going changes it too).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.xlsx").write_bytes(b"1")
    >>> before = fingerprint([folder / "a.xlsx", folder / "b.xlsx"], folder)
    >>> [name for name, *_ in before]
    ['a.xlsx']
    >>> _ = (folder / "a.xlsx").write_bytes(b"12")
    >>> fingerprint([folder / "a.xlsx"], folder) == before
    False
    """
    states = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            name = str(path.relative_to(root) if root is not None else path)
            states.append((name, info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(states)


def _checksum(entry: str, payload: bytes) -> bytes:
    """The checksum of an entry: its key and its bytes (an entry in another key's place
    does not match)."""
    return hashlib.sha256(entry.encode() + b"\n" + payload).digest()


class Cache:
    """Entries (bytes) stored under ``root`` by key, at most ``max_bytes`` in all.

    >>> import tempfile, pathlib
    >>> store = Cache(pathlib.Path(tempfile.mkdtemp()) / ".cache")
    >>> store.get(key("x")) is None
    True
    >>> store.put(key("x"), b"dane")
    >>> store.get(key("x"))
    b'dane'
    """

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes

    @classmethod
    def for_output(cls, output_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Cache:
        """The cache of builds into ``output_dir``: ``output_dir/.cache``."""
        return cls(output_dir / CACHE_DIR_NAME, max_bytes)

    def path(self, entry: str) -> Path:
        """Where the entry ``entry`` (a hexadecimal key) is stored."""
        if len(entry) < 3 or not all(c in "0123456789abcdef" for c in entry):
            raise ValueError(f"not a cache key: {entry!r}")
        return self.root / entry[:2] / entry[2:]

    def get(self, entry: str) -> bytes | None:
        """The bytes stored under ``entry``, or None when missing or damaged (then deleted)."""
        path = self.path(entry)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC)
        payload = data[head + _DIGEST :]
        if data[:head] != _MAGIC or data[head : head + _DIGEST] != _checksum(entry, payload):
            self.discard(entry)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        return payload

    def put(self, entry: str, payload: bytes) -> None:
        """Store ``payload`` under ``entry``; a failure to write only costs the cache."""
        path = self.path(entry)
        data = _MAGIC + _checksum(entry, payload) + payload
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(name, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(name)

    def discard(self, entry: str) -> None:
        """Delete the entry ``entry`` if it is there."""
        with contextlib.suppress(OSError):
            self.path(entry).unlink()

    def _entries(self) -> Iterable[tuple[float, int, Path]]:
        try:
            folders = list(self.root.iterdir())
        except OSError:
            return
        for folder in folders:
            try:
                files = list(folder.iterdir()) if folder.is_dir() else []
            except OSError:
                continue
            for path in files:
                try:
                    stat = path.stat()
                except OSError:  # another build evicted it meanwhile
                    continue
                yield stat.st_mtime, stat.st_size, path

    def size(self) -> int:
        """The bytes the entries take."""
        return sum(size for _, size, _ in self._entries())

    def prune(self) -> None:
        """Evict the least recently used entries until the cache fits in ``max_bytes``,
        and temporary files an interrupted build left (an hour old or more)."""
        entries = sorted(self._entries())
        total = sum(size for _, size, _ in entries)
        stale = time.time() - 3600
        for used, size, path in entries:
            leftover = path.name.endswith(".tmp")
            if (leftover and used > stale) or (not leftover and total <= self.max_bytes):
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
