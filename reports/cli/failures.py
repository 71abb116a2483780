"""Operating-system failures (full disk, no permission, a file where a folder must be)
as a Polish message that names the path and says what to do (exit code 3)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

#: errno → (what happened, what to do).
_KNOWN: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "na dysku zabrakło miejsca",
        "Zwolnij miejsce na dysku (albo podaj inny folder opcją --output) i uruchom "
        "polecenie ponownie.",
    ),
    errno.EDQUOT: (
        "przekroczono przydział miejsca na dysku",
        "Zwolnij miejsce albo poproś administratora o większy przydział i uruchom "
        "polecenie ponownie.",
    ),
    errno.EFBIG: (
        "plik przekroczyłby największy rozmiar, na jaki system pozwala",
        "Sprawdź ograniczenie rozmiaru plików (ulimit -f) albo system plików folderu "
        "wyników i uruchom polecenie ponownie.",
    ),
    errno.EROFS: (
        "system plików jest tylko do odczytu",
        "Podaj folder, w którym można zapisywać (opcja --output), albo poproś "
        "administratora o prawo zapisu.",
    ),
    errno.EACCES: (
        "brak uprawnień",
        "Podaj folder, w którym możesz zapisywać (opcja --output), albo poproś "
        "administratora o prawo zapisu.",
    ),
    errno.EPERM: (
        "system nie pozwala na tę operację",
        "Podaj inny folder (opcja --output) albo poproś administratora o uprawnienia.",
    ),
    errno.ENOTDIR: (
        "w miejscu folderu jest plik",
        "Podaj opcją --output folder, nie plik (albo usuń lub przenieś ten plik).",
    ),
    errno.EEXIST: (
        "w tym miejscu jest już plik",
        "Podaj opcją --output folder, nie plik (albo usuń lub przenieś ten plik).",
    ),
    errno.EIO: (
        "błąd odczytu lub zapisu dysku",
        "Sprawdź dysk (może być uszkodzony albo odłączony) i uruchom polecenie ponownie.",
    ),
}


def system_failure(error: OSError, *, build: bool = False) -> str:
    """The message for ``error``; after a ``build`` it says that the earlier results are
    unchanged (the output set is replaced whole or not at all).

    >>> import errno
    >>> print(system_failure(OSError(errno.ENOSPC, "No space left", "output/2025"), build=True))
    raport: błąd systemu przy „output/2025”: na dysku zabrakło miejsca. Wcześniejsze pliki \
wyników zostały bez zmian. Zwolnij miejsce na dysku (albo podaj inny folder opcją --output) \
i uruchom polecenie ponownie.
    """
    what, todo = _KNOWN.get(
        error.errno or 0,
        (
            f"{error.strerror or error}",
            "Sprawdź folder i uprawnienia, a potem uruchom polecenie ponownie.",
        ),
    )
    where = f" przy „{Path(error.filename)}”" if error.filename else ""
    kept = " Wcześniejsze pliki wyników zostały bez zmian." if build else ""
    return f"raport: błąd systemu{where}: {what}.{kept} {todo}"


def output_folder_problem(output: Path) -> OSError | None:
    """Why ``output`` cannot take the results (checked before anything is rendered)."""
    if output.exists() and not output.is_dir():
        return NotADirectoryError(errno.ENOTDIR, "Not a directory", str(output))
    probe = output
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        return NotADirectoryError(errno.ENOTDIR, "Not a directory", str(probe))
    if probe.is_dir() and not os.access(probe, os.W_OK | os.X_OK):
        if os.statvfs(probe).f_flag & os.ST_RDONLY:
            return OSError(errno.EROFS, "Read-only file system", str(probe))
        return PermissionError(errno.EACCES, "Permission denied", str(probe))
    return None
