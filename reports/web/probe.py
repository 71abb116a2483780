"""An uploaded workbook read once in a child process with a time and memory ceiling.

The reader is bounded (:mod:`reports.inputs.limits`), but the page must stay up even
if a file found a way past the bounds: before an upload is stored, a child process
reads it with the reader the check uses, with at most :data:`MEMORY_BYTES` of memory
and :data:`SECONDS` of time; a child over either is stopped and the upload refused.
A workbook the reader refuses for its size is refused here too, with that message.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from reports.inputs.limits import MAX_FILE_BYTES
from reports.web.uploads import Refused

#: The child's ceilings: a legitimate workbook of 5000 records reads in 0.2 s and 60 MB.
SECONDS: float = 30
MEMORY_BYTES = 1024 * 1024 * 1024
#: Problems that mean the workbook must not be stored (the others the check shows).
REFUSED_CODES = frozenset({"file-too-large", "sheet-too-large", "text-too-long"})

_CHILD = """
import json, resource, sys
memory, seconds, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
from pathlib import Path
from reports.inputs.workbook import read_workbook
found = read_workbook(Path(path), sys.argv[4]).problem
print(json.dumps(None if found is None else [found.code, found.message]))
"""


def probe(name: str, data: bytes) -> None:
    """:class:`Refused` when reading the upload ``name`` (its bytes ``data``) passes a
    bound or the child's ceilings; nothing when it may be stored."""
    if len(data) > MAX_FILE_BYTES:  # (the page's own upload limit is lower still)
        raise Refused(f"Plik „{name}” jest za duży.")
    with tempfile.TemporaryDirectory(prefix="raport-wgrywanie-") as folder:
        path = Path(folder) / "skoroszyt.xlsx"
        path.write_bytes(data)
        cpu = max(1, int(SECONDS))
        try:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(MEMORY_BYTES), str(cpu), str(path), name],
                capture_output=True,
                text=True,
                timeout=SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise Refused(
                f"Sprawdzanie pliku „{name}” trwało dłużej niż {SECONDS} s, więc go nie "
                "wgrano. Otwórz go w arkuszu kalkulacyjnym, usuń zbędne wiersze, kolumny "
                "i obrazy, zapisz i wgraj ponownie."
            ) from None
    if done.returncode != 0:
        raise Refused(
            f"Pliku „{name}” nie dało się sprawdzić w granicach pamięci i czasu, więc go nie "
            "wgrano. Otwórz go w arkuszu kalkulacyjnym, usuń zbędne wiersze, kolumny i "
            "obrazy, zapisz i wgraj ponownie."
        )
    found = json.loads(done.stdout.splitlines()[-1]) if done.stdout.strip() else None
    if found is not None and found[0] in REFUSED_CODES:
        raise Refused(f"Plik „{name}”: {found[1]}")
