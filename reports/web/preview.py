"""The PDF's first pages as PNG images, for the page's preview.

Drawn by poppler's ``pdftoppm`` when it is installed (a small, widely packaged
tool; no Python dependency for a preview). Without it there is no preview and
the page says so; the downloads work the same.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from reports.publish.output import write_atomic

PAGES = 3
RESOLUTION = 50  # dots per inch: an A4 page about 413 × 585 pixels

_LOG = logging.getLogger("raport.serve")


class Previews:
    """PNGs of a PDF's first pages, made once per PDF content in a cache folder."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._own = cache_dir is None
        self.cache_dir = cache_dir or Path(tempfile.mkdtemp(prefix="raport-podglad-"))
        self.tool = shutil.which("pdftoppm")
        if self._own:  # removed when the server stops, however it stops but killed
            atexit.register(self.close)

    def close(self) -> None:
        """Remove the images (the folder too, when this made it)."""
        if self._own:
            shutil.rmtree(self.cache_dir, ignore_errors=True)

    @property
    def available(self) -> bool:
        return self.tool is not None

    def pages(self, pdf: Path) -> list[Path]:
        """The preview images of ``pdf`` (at most :data:`PAGES`); empty when unavailable."""
        if self.tool is None or not pdf.is_file():
            return []
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:32]
        folder = self.cache_dir / digest
        done = folder / "gotowe"
        if not done.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            run = subprocess.run(
                [
                    *(self.tool, "-png", "-r", str(RESOLUTION), "-f", "1", "-l", str(PAGES)),
                    *(str(pdf), str(folder / "strona")),
                ],
                capture_output=True,
                timeout=60,
                check=False,
            )
            if run.returncode != 0:
                _LOG.warning("pdftoppm nie narysował podglądu: %s", run.stderr.decode()[-500:])
                return []
            write_atomic(done, b"")
        return sorted(folder.glob("strona-*.png"))
