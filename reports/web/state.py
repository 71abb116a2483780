"""What the page shows about a year: its workbooks, its check and whether it is built.

Everything comes from the functions the commands use — :func:`check_year`
(``raport check``), the reader behind it for a workbook's sheets, and the
manifest ``raport verify`` reads. Checks are cached by the inputs' fingerprint
(:func:`reports.cache.fingerprint`), so listing the years stays quick.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reports.cache import FileState, fingerprint
from reports.checking.check import (
    REGISTRY_FILE,
    Report,
    available_years,
    check_year,
    load_year_workbook,
)
from reports.inputs.schemas import METRYCZKA
from reports.pipeline import output_names, output_path
from reports.pipeline.verify import Verdict, manifest_verdict
from reports.web.uploads import workbooks


class Status(StrEnum):
    """A year's state, as the years list shows it."""

    EMPTY = "brak danych"
    ERRORS = "są błędy"
    READY = "gotowy do budowy"
    BUILT = "zbudowany"
    STALE = "zbudowany, nieaktualny"


@dataclass(frozen=True)
class SheetRows:
    name: str
    rows: int


@dataclass(frozen=True)
class WorkbookInfo:
    """One workbook of a year: its name, who reports in it, and rows per sheet."""

    name: str
    size: int
    department: str
    sheets: tuple[SheetRows, ...]
    unreadable: bool = False


@dataclass(frozen=True)
class YearView:
    year: int
    workbooks: tuple[WorkbookInfo, ...]
    check: Report
    outputs: tuple[str, ...]  # report files present in output/YEAR
    verdict: Verdict | None  # None when nothing is built

    @property
    def status(self) -> Status:
        if not self.workbooks:
            return Status.EMPTY
        if not self.check.ok:
            return Status.ERRORS
        if self.verdict is None:
            return Status.READY
        return Status.BUILT if self.verdict.identical else Status.STALE


def workbook_info(path: Path, year: int) -> WorkbookInfo:
    """Rows per known sheet and the department (Zgłasza, else the Metryczka's author)."""
    book = load_year_workbook(path, year)
    if not book.readable:
        return WorkbookInfo(path.name, path.stat().st_size, "—", (), unreadable=True)
    sheets = []
    reporters: Counter[str] = Counter()
    author = ""
    for loaded in book.sheets:
        if loaded.spec is METRYCZKA:
            for row in loaded.rows:
                author = str(row.get("author") or author)
            continue
        sheets.append(SheetRows(loaded.name, loaded.read))
        reporters.update(str(r.get("reported_by")) for r in loaded.rows if r.get("reported_by"))
    department = ", ".join(name for name, _ in reporters.most_common()) or author or "—"
    return WorkbookInfo(path.name, path.stat().st_size, department, tuple(sheets))


class YearStates:
    """Year views for the page, recomputed only when a year's files changed."""

    def __init__(self, inputs_dir: Path, output_dir: Path) -> None:
        self.inputs_dir = inputs_dir
        self.output_dir = output_dir
        self._cache: dict[int, tuple[object, YearView]] = {}
        self._books: dict[FileState, WorkbookInfo] = {}
        self._lock = threading.Lock()

    def year_dir(self, year: int) -> Path:
        return self.inputs_dir / str(year)

    def view(self, year: int) -> YearView:
        """The year as the page shows it (checked again only when a file it reads changed)."""
        folder = self.year_dir(year)
        books = workbooks(folder)
        published = self.output_dir / str(year)
        watched = [
            self.inputs_dir / REGISTRY_FILE,
            *books,
            *(
                book
                for earlier in available_years(self.inputs_dir)
                if earlier < year
                for book in workbooks(self.year_dir(earlier))
            ),
            *(published / name for name in output_names(year)),
        ]
        key = fingerprint(watched)
        with self._lock:
            cached = self._cache.get(year)
            if cached is not None and cached[0] == key:
                return cached[1]
        check = check_year(self.inputs_dir, year)
        infos = []
        for path in books:
            (print_,) = fingerprint([path]) or ((str(path), 0, 0, 0),)
            info = self._books.get(print_)
            if info is None:
                info = workbook_info(path, year)
                self._books[print_] = info
            infos.append(info)
        outputs = tuple(name for name in output_names(year) if (published / name).is_file())
        built = (
            output_path(self.output_dir, year, "pdf").is_file()
            or output_path(self.output_dir, year, "docx").is_file()
        )
        verdict = manifest_verdict(self.inputs_dir, check.files, published) if built else None
        view = YearView(year, tuple(infos), check, outputs, verdict)
        with self._lock:
            self._cache[year] = (key, view)
        return view
