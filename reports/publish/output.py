"""Writing outputs: one file atomically, or a year's files as one set.

:func:`write_atomic` writes a file to a temporary name in its folder, syncs it and
renames it into place. :func:`write_set` replaces a year's folder as a whole: every
file is written and synced in a hidden staging folder beside it, files of the old
folder that the set does not replace are linked in, and then the two folders are
swapped in one step (Linux's ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames,
which a reader may see as a moment without the folder, never as a mixed set). A
build killed or out of disk at any point leaves the old set whole; its staging folder
is removed by the next build of the year.

An operating-system failure is an :class:`OSError` naming the path it happened on.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno as errnos
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

_STAGING = ".staging-"
_OLD = ".old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _named(error: OSError, path: Path) -> OSError:
    """``error`` naming ``path`` (a failed write names no file by itself)."""
    if error.filename is not None:
        return error
    return type(error)(error.errno, error.strerror, str(path))


def fsync_folder(folder: Path) -> None:
    """Make a folder's entries (new, renamed, removed files) durable."""
    with contextlib.suppress(OSError):  # not every system opens folders
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomic(target, b"tak")
    >>> target.read_bytes()
    b'tak'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _named(error, path.parent) from error
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise _named(error, path) from error
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_set(folder: Path, files: Mapping[str, bytes]) -> None:
    """Replace ``folder`` by one holding ``files`` and the old folder's other entries,
    in one step (see the module docstring)."""
    if folder.is_symlink():  # a year kept elsewhere: replace the folder the link names
        folder = folder.resolve()
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _named(error, parent) from error
    remove_leftovers(folder)
    try:
        staging = Path(
            tempfile.mkdtemp(prefix=f".{folder.name}{_STAGING}{os.getpid()}-", dir=parent)
        )
    except OSError as error:
        raise _named(error, parent) from error
    try:
        for name, data in files.items():
            try:
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                _write_synced(staging / name, data)
            except OSError as error:  # named as the file it was to become
                raise _named(error, folder / name) from error
        os.chmod(staging, 0o755)
        _carry_over(folder, staging, files)
        fsync_folder(staging)
        _swap(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_folder(parent)
    shutil.rmtree(staging, ignore_errors=True)  # now the old folder


def _carry_over(folder: Path, staging: Path, files: Mapping[str, bytes]) -> None:
    """Link the old folder's entries the new set does not replace into ``staging`` (a
    folder the set writes into, such as the open data's, is replaced whole)."""
    if not folder.is_dir():
        return
    replaced = {name.split("/", 1)[0] for name in files}
    for entry in folder.iterdir():
        if entry.name in replaced or (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue  # replaced, or a temporary file an earlier build left
        target = staging / entry.name
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
            else:
                _link_or_copy(str(entry), str(target))
        except OSError as error:
            raise _named(error, entry) from error


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


@cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's ``renameat2`` (Linux, glibc 2.28 and later), or None."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # this program's libc
    except (OSError, AttributeError):
        return None
    function.argtypes = (
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    )
    function.restype = ctypes.c_int
    found: Callable[..., int] = function
    return found


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system cannot."""
    function = _renameat2()
    if function is None:
        return False
    paths: list[Any] = [_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second)]
    if function(*paths, _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (errnos.EINVAL, errnos.ENOSYS, errnos.ENOTSUP):
        return False
    raise OSError(errno, os.strerror(errno), str(second))


def _swap(staging: Path, folder: Path) -> None:
    """Put ``staging`` in place of ``folder``; the old folder ends at ``staging``'s path."""
    try:
        if not folder.exists():
            os.rename(staging, folder)
            return
        if _exchange(staging, folder):
            return
        old = folder.parent / f".{folder.name}{_OLD}{os.getpid()}"
        os.rename(folder, old)
        os.rename(staging, folder)
        os.rename(old, staging)
    except OSError as error:
        raise _named(error, folder) from error


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path) -> None:
    """Remove what builds of ``folder`` that were killed left beside it (their staging
    folders; an old folder put aside goes back when ``folder`` itself is missing)."""
    try:
        entries = list(folder.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        for marker in (_STAGING, _OLD):
            prefix = f".{folder.name}{marker}"
            if not entry.name.startswith(prefix):
                continue
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
                continue
            if marker == _OLD and not folder.exists():
                with contextlib.suppress(OSError):
                    os.rename(entry, folder)
                    continue
            shutil.rmtree(entry, ignore_errors=True)
