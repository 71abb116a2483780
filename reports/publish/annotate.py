"""Annotated workbooks: copies of the inputs with every problem marked where it is.

:func:`annotate_workbooks` takes what :func:`~reports.checking.check.check_year` found
and writes, for each workbook of the year (and ``rejestr.xlsx``) with
problems, a copy named so that it cannot be taken for the original
(``bwz.xlsx`` → ``bwz-do-poprawy.xlsx``, always an ``.xlsx``) in the target folder:

* the cell of each problem gets a fill (red for a *błąd*, amber for an
  *ostrzeżenie*; an error wins over a warning) and a comment with the Polish
  message and the problem code — several problems on one cell share one
  comment; a problem about a whole row (a duplicate, a title row, a missing
  column in the header row) marks the row's first filled cell; a sheet
  without a row gets a coloured tab; a problem about the whole file is only
  listed;
* a first sheet „Problemy” lists every problem of the workbook with a link
  to its cell (and, in a hidden column, its code for support); the copy opens on it;
* a custom document property (:data:`reports.inputs.marks.COPY_OF`) names the
  original, so that the copy read back — fixed and saved over the original, or
  uploaded on the page — is that original: the reader sets „Problemy” aside, and
  annotating it again first takes away the marks of the last time.

An ``.ods`` or ``.xls`` original is copied cell by cell (values and dates; not its
formatting, drop-downs or formulas) into a new ``.xlsx``, and „Problemy” says so.

The originals are only read. The copy is written by openpyxl, which keeps
values, formulas, number formats and styles, data validations, conditional
formats, column widths, row heights, frozen panes, merged cells, defined names,
other sheets, existing comments, images and charts (a chart may lose some of
its styling); drop-downs Excel keeps in its 2010 extension (a list on another
sheet) are carried over by :mod:`reports.publish.xlsx_extensions`. What it cannot
keep: shapes and text boxes, form controls, slicers, threaded comments (their
plain-comment form stays), pictures placed in cells, the cached results of
formulas (a spreadsheet program recomputes them on opening) and Excel 2010's
other extensions (data bars and icon sets, sparklines); :data:`LOST` finds
them in the original, and „Problemy” names what the copy lacks.

A workbook that could not be read is not copied: its problem stays in the
console output. Everything openpyxl-specific about writing the copy is here.
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from reports.inputs.marks import COPY_OF, PROBLEMS_HEADERS, copy_name
from reports.inputs.problems import Problem, Severity
from reports.inputs.workbook import kind
from reports.publish.cells import keep_text
from reports.publish.output import write_atomic
from reports.publish.xlsx_extensions import validation_extensions, with_extensions

if TYPE_CHECKING:
    from reports.checking.check import Report

#: The sheet that lists the problems (a suffix is added when the workbook has one already).
PROBLEMS_SHEET = "Problemy"

#: Problems that mean the file could not be read: such a file is never copied.
UNREADABLE = frozenset({"file-empty", "file-unreadable", "file-encrypted", "file-wrong-format"})

#: Fills: light red for errors, amber for warnings (dark text stays readable on both).
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFE699"}

#: What openpyxl drops on saving: (part name prefix, text found in the part, what it is).
LOST: tuple[tuple[str, bytes, str], ...] = (
    ("xl/drawings/", b"<xdr:sp>", "kształty i pola tekstowe"),
    ("xl/drawings/", b"<xdr:sp ", "kształty i pola tekstowe"),
    ("xl/ctrlProps/", b"", "formanty (przyciski, pola wyboru)"),
    ("xl/slicers/", b"", "fragmentatory"),
    ("xl/threadedComments/", b"", "wątki komentarzy (zostają jako zwykłe komentarze)"),
    ("xl/richData/", b"", "obrazy w komórkach"),
    ("xl/worksheets/", b"<x14:conditionalFormatting", "część formatowania warunkowego"),
    ("xl/worksheets/", b"<x14:sparklineGroup", "wykresy przebiegu w czasie"),
)

_HEADERS = PROBLEMS_HEADERS
_WIDTHS = (13, 22, 22, 22, 26, 90, 22)
_AUTHOR = "raport"


class AnnotateRefused(ValueError):
    """The target folder is not allowed (it lies in the inputs, or is a file); in Polish."""


@dataclass(frozen=True)
class _Place:
    """Where one problem is shown: a sheet title and a cell, or neither."""

    sheet: str | None
    cell: str | None
    label: str  # what the „Komórka” column says


def annotate_workbooks(check: Report, inputs_dir: Path, target_dir: Path) -> tuple[Path, ...]:
    """Write an annotated copy of each workbook with problems; return the copies' paths.

    Raises :class:`AnnotateRefused` when ``target_dir`` is the inputs folder
    or inside it (the inputs are never written).
    """
    check_target(inputs_dir, target_dir)
    books = _books(check, inputs_dir)
    names = _copy_names(list(books))
    written = []
    for name, problems in _to_annotate(check, books).items():
        data = annotated_copy(books[name], problems, original=PurePosixPath(name).name)
        if data is None:
            continue
        out = target_dir / names[name]
        write_atomic(out, data)
        written.append(out)
    return tuple(written)


def stale_copies(check: Report, inputs_dir: Path, target_dir: Path) -> tuple[Path, ...]:
    """Files in ``target_dir`` named as a copy of a workbook of the year that now gets none.

    An earlier ``--annotate`` left them; they show problems that are gone.
    """
    books = _books(check, inputs_dir)
    names = _copy_names(list(books))
    fresh = _to_annotate(check, books)
    return tuple(
        target_dir / names[name]
        for name in books
        if name not in fresh and (target_dir / names[name]).is_file()
    )


def _books(check: Report, inputs_dir: Path) -> dict[str, Path]:
    """The registry and the workbooks of the year, by their names in problems.

    Paths are compared absolute, so ``inputs_dir`` may be spelled otherwise
    than when the check ran (relative, absolute).
    """
    root = Path(os.path.abspath(inputs_dir))
    folder = root / str(check.year)
    books = {}
    for path in check.files:
        full = Path(os.path.abspath(path))
        if full.parent in (root, folder):
            books[full.relative_to(root).as_posix()] = path
    return books


def _to_annotate(check: Report, books: dict[str, Path]) -> dict[str, list[Problem]]:
    """The problems of each readable workbook that has any, by workbook name."""
    return {
        name: list(problems)
        for name, problems in sorted(check.by_file.items())
        if name in books and not any(p.code in UNREADABLE for p in problems)
    }


def check_target(inputs_dir: Path, target_dir: Path) -> None:
    """Raise :class:`AnnotateRefused` when ``target_dir`` is ``inputs_dir`` or inside it,
    or a file."""
    if target_dir.exists() and not target_dir.is_dir():
        raise AnnotateRefused(f"„{target_dir}” to plik, nie folder; podaj folder na kopie.")
    inputs, target = inputs_dir.resolve(), target_dir.resolve()
    if target == inputs or inputs in target.parents:
        raise AnnotateRefused(
            f"folder „{target_dir}” leży w folderze danych „{inputs_dir}”; kopie z "
            "zaznaczonymi problemami zapisuję tylko poza nim (np. --annotate poprawki)."
        )


def _copy_names(names: Sequence[str]) -> dict[str, str]:
    """The file name of each copy („…-do-poprawy.xlsx”), its folder joined by „-” on a clash.

    >>> _copy_names(["rejestr.xlsx", "2025/a.xlsx", "2025/rejestr.xlsx"])["2025/rejestr.xlsx"]
    '2025-rejestr-do-poprawy.xlsx'
    >>> _copy_names(["rejestr.xlsx", "2025/a.ods"])
    {'rejestr.xlsx': 'rejestr-do-poprawy.xlsx', '2025/a.ods': 'a-do-poprawy.xlsx'}
    """
    plain = [copy_name(PurePosixPath(n).name) for n in names]
    return {
        n: p if plain.count(p) == 1 or "/" not in n else copy_name(n.replace("/", "-"))
        for n, p in zip(names, plain, strict=True)
    }


def annotated_copy(
    path: Path, problems: Sequence[Problem], *, original: str | None = None
) -> bytes | None:
    """The bytes of an ``.xlsx`` copy of ``path`` with ``problems`` marked, or None when the
    file cannot be opened. ``original`` (default: the file's name) is recorded in the copy."""
    from openpyxl import load_workbook
    from openpyxl.packaging.custom import StringProperty

    try:
        if kind(path) is not None:  # .ods, .xls: the cells only
            book, lost = cell_copy(path), [CELLS_ONLY]
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unsupported extensions: listed in LOST instead
                book = load_workbook(path, rich_text=True, keep_links=True)
            lost = lost_parts(path)
    except Exception:  # the boundary: a file that cannot be opened is not copied
        return None
    _unmark(book)
    places = [_place(book, p) for p in problems]
    _mark_cells(book, problems, places)
    _problems_sheet(book, problems, places, lost)
    props = book.custom_doc_props
    for name in [p.name for p in props.props if p.name == COPY_OF]:
        del props[name]
    props.append(StringProperty(name=COPY_OF, value=original or path.name))
    buffer = io.BytesIO()
    book.save(buffer)
    if lost == [CELLS_ONLY]:
        return buffer.getvalue()
    return with_extensions(buffer.getvalue(), validation_extensions(path))


#: What a copy of an ``.ods`` or ``.xls`` workbook lacks.
CELLS_ONLY = (
    "formatowanie, listy rozwijane i formuły (kopia skoroszytu .ods/.xls ma tylko wartości "
    "komórek i jest zapisana jako .xlsx)"
)


def cell_copy(path: Path) -> Any:
    """A new openpyxl workbook holding the cells of an ``.ods`` or ``.xls`` file, sheet by
    sheet at the same places (dates keep a date format)."""
    from datetime import datetime

    from openpyxl import Workbook

    from reports.inputs.workbook import read_workbook

    raw = read_workbook(path)
    if raw.problem is not None:
        raise ValueError(raw.problem.message)
    book = Workbook()
    book.remove(book.active)
    for sheet in raw.sheets:
        ws = book.create_sheet(sheet.name)
        if sheet.hidden:
            ws.sheet_state = "hidden"
        for number, values in sheet.rows:
            for index, value in enumerate(values, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=number, column=index, value=_plain(value))
                keep_text((cell,))  # a value copied from the workbook is never a formula
                if isinstance(value, datetime):
                    cell.number_format = "DD.MM.YYYY" if not value.time() else "DD.MM.YYYY HH:MM"
    if not book.worksheets:
        book.create_sheet("Arkusz1")
    return book


def _plain(value: Any) -> Any:
    """A cell value openpyxl can write (error and formula marks as their text)."""
    from datetime import date, time, timedelta

    if value is None or isinstance(value, str | int | float | bool | date | time | timedelta):
        return value
    return str(value)


def _unmark(book: Any) -> None:
    """Take away the marks of an earlier annotation: its „Problemy” sheet, its comments
    and the fills of their cells, its tab colours."""
    for ws in list(book.worksheets):
        first = tuple(c.value for c in next(ws.iter_rows(max_row=1), ()))
        if tuple(first[:6]) == PROBLEMS_HEADERS[:6]:
            book.remove(ws)
            continue
        for row in ws.iter_rows():
            for cell in row:
                if cell.comment is not None and cell.comment.author == _AUTHOR:
                    cell.comment = None
                    if (cell.fill.fgColor.rgb or "")[-6:] in FILLS.values():
                        from openpyxl.styles import PatternFill

                        cell.fill = PatternFill(fill_type=None)
        tab = ws.sheet_properties.tabColor
        if tab is not None and (tab.rgb or "")[-6:] in ("C00000", "FFC000"):
            ws.sheet_properties.tabColor = None


def lost_parts(path: Path) -> list[str]:
    """What of the original an openpyxl copy cannot keep (see :data:`LOST`), in Polish."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for prefix, marker, what in LOST:
                    if what in found or not name.startswith(prefix):
                        continue
                    if not marker or marker in archive.read(name):
                        found.append(what)
    except (zipfile.BadZipFile, OSError):
        return found
    return found


def _place(book: Any, p: Problem) -> _Place:
    if not p.sheet or p.sheet not in book.sheetnames:
        return _Place(None, None, "cały plik" if not p.sheet else "brak arkusza")
    ws = book[p.sheet]
    hidden = " (arkusz ukryty)" if ws.sheet_state != "visible" else ""
    if p.row is None:
        return _Place(p.sheet, None, "cały arkusz" + hidden)
    if p.column:
        ref = f"{p.column}{p.row}"
        label = ref
    else:
        ref = f"{_first_column(ws, p.row)}{p.row}"
        label = f"{ref} (cały wiersz {p.row})"
    merged = next((r for r in ws.merged_cells.ranges if ref in r), None)
    if merged is not None and merged.start_cell.coordinate != ref:
        ref = merged.start_cell.coordinate  # only the first cell of a merged range holds marks
        label += f" (scalona z {ref})"
    return _Place(p.sheet, ref, label + hidden)


def _first_column(ws: Any, row: int) -> str:
    """The letter of the row's first filled cell (A for an empty row)."""
    for cells in ws.iter_rows(min_row=row, max_row=row):
        for cell in cells:
            if cell.value is not None:
                return str(cell.column_letter)
    return "A"


def _comment_text(problems: Iterable[Problem]) -> str:
    return "\n\n".join(f"{p.severity}: {p.message}" for p in problems)


def _mark_cells(book: Any, problems: Sequence[Problem], places: Sequence[_Place]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    cells: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    tabs: dict[str, list[Problem]] = defaultdict(list)
    for p, place in zip(problems, places, strict=True):
        if place.sheet and place.cell:
            cells[(place.sheet, place.cell)].append(p)
        elif place.sheet:
            tabs[place.sheet].append(p)
    for (sheet, ref), here in cells.items():
        cell = book[sheet][ref]
        severity = _worst(here)
        cell.fill = PatternFill(fill_type="solid", fgColor=FILLS[severity])
        text = _comment_text(here)
        if cell.comment is not None and cell.comment.text:
            text += f"\n\nWcześniejszy komentarz ({cell.comment.author or 'bez autora'}):\n"
            text += cell.comment.text
        lines = sum(len(line) // 60 + 1 for line in text.splitlines())
        cell.comment = Comment(text, _AUTHOR, height=min(40 + 15 * lines, 600), width=420)
    for sheet, here in tabs.items():
        book[sheet].sheet_properties.tabColor = _tab(_worst(here))


def _worst(problems: Iterable[Problem]) -> Severity:
    return (
        Severity.ERROR if any(p.severity is Severity.ERROR for p in problems) else Severity.WARNING
    )


def _tab(severity: Severity) -> str:
    return "C00000" if severity is Severity.ERROR else "FFC000"


def _font(cell: Any, **changes: Any) -> Any:
    """The workbook's default font (what a new cell has) with ``changes``."""
    font = copy(cell.font)
    for name, value in changes.items():
        setattr(font, name, value)
    return font


def _problems_sheet(
    book: Any, problems: Sequence[Problem], places: Sequence[_Place], lost: Sequence[str]
) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    title = PROBLEMS_SHEET
    while title in book.sheetnames:
        title += " (raport)"
    ws = book.create_sheet(title, 0)
    ws.sheet_properties.tabColor = _tab(_worst(problems))
    ws.append(_HEADERS)
    for cell in ws[1]:
        cell.font = _font(cell, bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for p, place in zip(problems, places, strict=True):
        ws.append(
            (
                str(p.severity),
                p.sheet or "",
                place.label,
                p.header or p.column or "",
                p.value or "",
                p.message,
                p.code,
            )
        )
        row = ws.max_row
        keep_text(ws[row])  # a value copied from the workbook is never a formula here
        for cell in ws[row]:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.cell(row, 1).fill = PatternFill(fill_type="solid", fgColor=FILLS[p.severity])
        if place.sheet:
            link = ws.cell(row, 3)
            location = f"{quote_sheetname(place.sheet)}!{place.cell or 'A1'}"
            link.hyperlink = Hyperlink(ref=link.coordinate, location=location)
            link.font = _font(link, color="0563C1", underline="single")
    if lost:
        ws.append(())
        ws.append(
            (
                "Uwaga",
                "",
                "",
                "",
                "",
                "Ta kopia nie zawiera elementów oryginału, których nie da się przenieść: "
                + ", ".join(lost)
                + ". Poprawki wprowadzaj w oryginalnym skoroszycie.",
            )
        )
        ws.cell(ws.max_row, 6).alignment = Alignment(vertical="top", wrap_text=True)
    for index, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[chr(64 + index)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.column_dimensions["G"].hidden = True  # the codes: for support, out of the way
    ws.auto_filter.ref = f"A1:G{len(problems) + 1}"
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    book.active = 0
