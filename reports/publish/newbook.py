"""``raport new YEAR``: the blank workbook an officer fills in.

Written from the sheet schemas (:mod:`reports.inputs.schemas`): a first sheet
„Instrukcja” (the page first, then the commands; printable on A4), the Metryczka with
its field names (and the office the registry knows; never a date, so that copies
downloaded on different days agree), then Wizyty, Wyjazdy, Projekty, Nagrody and Plan
with their headers — a required column marked „ *”, which the header matcher
ignores — a frozen header row, column widths, date formats, drop-down lists (Dziedzina strictly;
Miasto, Kraj and Waluta as suggestions that still allow other values) and an
input hint on every header and column. The lists live on a hidden sheet
„Listy”, which the checker ignores. A year whose previous year has a Plan gets a
sheet „Realizacja planu” listing that plan's actions, its Realizacja column left
empty with the year's drop-down of statuses. A department's workbook has no
Metryczka: the office fills the one of the year.

The file is written atomically (a temporary file in the same folder, then a
link or rename) and never over an existing one; as ``.xlsx``, or as ``.ods``
through :mod:`reports.publish.ods`.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reports.domain.model import City, PlanItem, PlanStatus, Registry
from reports.domain.plan import action_key
from reports.inputs.schemas import (
    DOMAINS,
    FIELD_HEADER,
    FUNDING_SOURCES,
    INSTRUCTION_SHEET,
    LISTS_SHEET,
    METRYCZKA,
    NAGRODY,
    PLAN,
    PROJEKTY,
    REALIZACJA_PLANU,
    VALUE_HEADER,
    WIZYTY,
    WYJAZDY,
    ColumnSpec,
    SheetSpec,
    ValueType,
)
from reports.polish.text import slug
from reports.publish.cells import keep_all_text

#: How many rows the drop-downs and hints cover.
ROWS = 2000
DATE_FORMAT = "DD.MM.YYYY"
CURRENCIES = ("PLN", "EUR", "USD", "CHF", "GBP", "NOK", "CZK", "UAH")
TABLE_SHEETS: tuple[SheetSpec, ...] = (WIZYTY, WYJAZDY, PROJEKTY, NAGRODY, PLAN)


class WorkbookExists(FileExistsError):
    """The year's workbook is already there; it is never overwritten."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"file exists: {path}")
        self.path = path


#: The mark of a required column in the header row (the header matcher ignores it).
REQUIRED_MARK = " *"


def department_slug(department: str) -> str:
    """A file-name form of a department's name.

    >>> department_slug("Wydział Kultury i Sztuki")
    'wydzial-kultury-i-sztuki'
    """
    return slug(department)[:60].strip("-") or "wydzial"


def workbook_path(
    inputs_dir: Path, year: int, *, department: str | None = None, fmt: str = "xlsx"
) -> Path:
    """``inputs/2026/raport-2026.xlsx``, or ``raport-2026-wydzial-kultury.ods`` and the like."""
    suffix = f"-{department_slug(department)}" if department is not None else ""
    return inputs_dir / str(year) / f"raport-{year}{suffix}.{fmt}"


def _marked(column: ColumnSpec) -> str:
    return column.header + (REQUIRED_MARK if column.required else "")


def _numbered(first: int, paragraphs: Sequence[str]) -> list[str]:
    return [f"{number}. {text}" for number, text in enumerate(paragraphs, start=first)]


def _instructions(
    year: int, city: City | None, realization: bool = False, department: str | None = None
) -> list[str]:
    where = f" Miasta {city.genitive}" if city else ""
    whose = f" „{department}”" if department else ""
    metryczka = (
        f"Ten skoroszyt jest dla wydziału{whose}, więc nie ma Metryczki: wypełnia ją biuro "
        "przygotowujące raport, raz na rok."
        if department is not None
        else "Metryczka: wypełnij raz na rok, w jednym skoroszycie (datę wytworzenia wpisz "
        "sam). Jeśli kopię tego skoroszytu wypełnia inny wydział, niech pobierze skoroszyt "
        "wydziału (bez Metryczki) albo usunie z kopii arkusz Metryczka. Pod polami Metryczki "
        "jest lista „Zmiany” (rejestr zmian w BIP): pod wierszem nagłówków Data | Opis | Kto "
        "wpisz każdą zmianę w osobnym wierszu."
    )
    filling = [
        "Każdy arkusz to jeden rodzaj wpisów: Wizyty (delegacje zagraniczne przyjęte "
        "w mieście), Wyjazdy (delegacje miasta za granicą), Projekty (projekty "
        "międzynarodowe), Nagrody (nagrody i wyróżnienia dla miasta), Plan (co miasto "
        f"planuje w roku {year + 1}).",
        "Jeden wiersz to jeden wpis. Nie zmieniaj nagłówków w pierwszym wierszu i nie "
        "wstawiaj wierszy nad nimi. Kolumny z gwiazdką (np. „Data od *”) są wymagane. "
        "Puste wiersze są pomijane.",
        f"Daty: wpisz datę (15.03.{year}) albo tekst „15 marca {year}” lub "
        f"„{year}-03-15”. Pusta „Data do” oznacza jeden dzień. Daty wizyt, wyjazdów "
        f"i nagród muszą przypadać w roku {year}. Gdzie wystarczy rok (data nagrody, data "
        f"podpisania umowy), wpisz sam rok, np. {year}.",
        "Miasto: wybierz miasto partnerskie z listy albo wpisz inne; dla miasta spoza "
        "listy wpisz też kraj. Gdy gość przyjeżdża w imieniu całego kraju (ambasador, "
        "konsul, minister), zostaw Miasto puste i wpisz Kraj.",
        "Kraj: polska nazwa (Niemcy) albo kod ISO (DE). Dziedzina: wybierz z listy.",
        "Kwoty: liczba, np. 12 500,50; w Projektach waluta w kolumnie „Waluta” (pusta = PLN).",
        metryczka,
        "Zapisz skoroszyt w Excelu (.xlsx) albo w LibreOffice Calc (.ods); stary format "
        ".xls też zostanie odczytany. Formuły są dozwolone: program zapisuje ich wartości.",
    ]
    if realization:
        filling.append(
            f"Realizacja planu: arkusz wymienia działania z planu na rok {year}. Przy "
            "każdym wybierz w kolumnie „Realizacja” stan z listy i opcjonalnie dodaj opis; "
            "raport poda tylko te stany, a przy działaniu bez stanu – „brak informacji "
            "o realizacji”."
        )
    sending = [
        "Na stronie raportu (adres poda osoba, która ją uruchomiła poleceniem „raport "
        f"serve”, np. http://127.0.0.1:8000/) otwórz rok {year} i wgraj ten skoroszyt. Strona "
        "pokaże każdy problem z nazwą pliku i arkusza, numerem wiersza i kolumną.",
        "Pobierz tam „kopię do poprawy” (plik …-do-poprawy.xlsx): problemy są zaznaczone "
        "w komórkach, a w arkuszu „Problemy” opisane. Popraw je w kopii i wgraj ją z powrotem: "
        "zastąpi twój poprzedni plik.",
        "Kilka wydziałów może wypełniać własne skoroszyty; każdy wgrywa swój. Identyczne "
        "wpisy z kilku plików zostaną połączone, a sprzeczne – wskazane jako błąd.",
        f"Bez strony, w wierszu poleceń: zapisz skoroszyty w folderze inputs/{year}/ "
        f"i uruchom „raport check {year}” (lista problemów) albo „raport check {year} "
        "--annotate poprawki” (kopie do poprawy w folderze poprawki).",
    ]
    lines = [
        f"Raport dotyczący współpracy zagranicznej{where} w roku {year} – skoroszyt danych",
        "",
        "Jak wypełniać",
        *_numbered(1, filling),
        "",
        "Jak przekazać i sprawdzić dane",
        *_numbered(len(filling) + 1, sending),
    ]
    lines += ["", "Kolumny (* – wymagana)"]
    first = () if department is not None else (METRYCZKA,)
    for spec in (*first, *TABLE_SHEETS, *((REALIZACJA_PLANU,) if realization else ())):
        lines.append("")
        lines.append(f"Arkusz „{spec.name}” – {spec.description}")
        columns = spec.template_columns + (spec.items.columns if spec.items else ())
        for column in columns:
            mark = " *" if column.required else ""
            hint = f": {column.hint}" if column.hint else ""
            lines.append(f"• {column.header}{mark}{hint}")
    lines += [
        "",
        "Starsze arkusze: zamiast „Data od” i „Data do” może być jedna kolumna „Termin” "
        "(np. 6-8.11.2025 albo 30.09–2.10.2025).",
    ]
    return lines


def _style_header(ws: Any, count: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    for cell in ws[1][:count]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"


def _prompt(column: ColumnSpec) -> tuple[str, str]:
    title = column.header + (" *" if column.required else "")
    prompt = column.hint or ("Pole wymagane." if column.required else "Pole nieobowiązkowe.")
    if column.required and column.hint:
        prompt = "Wymagane. " + prompt
    return title[:32], prompt[:255]


#: A drop-down list on the hidden sheet: its column letter and its values.
Lists = dict[str, tuple[str, list[str]]]

#: Fields whose list only suggests: other values stay allowed (no error message).
_SUGGESTIONS = frozenset({"city", "country", "currency", "partner"})


def _lists(partners: Sequence[str], year: int) -> Lists:
    """The drop-down lists by the record field they serve."""
    from reports.polish.countries import all_countries

    return {
        "city": ("A", list(partners)),
        "domain": ("B", list(DOMAINS)),
        "country": ("C", [c.name for c in all_countries()]),
        "currency": ("D", list(CURRENCIES)),
        "funding": ("E", list(FUNDING_SOURCES)),
        "status": ("F", list(PlanStatus.choices(year))),
    }


_LIST_TITLES = {
    "city": "Miasta partnerskie",
    "domain": "Dziedziny",
    "country": "Kraje",
    "currency": "Waluty",
    "funding": "Źródła finansowania",
    "status": "Realizacja planu",
}

#: Fields that take another field's list (a plan's Partner: the partner cities).
_SAME_LIST = {"partner": "city"}


def _list_range(letter: str, size: int) -> str:
    return f"'{LISTS_SHEET}'!${letter}$2:${letter}${size + 1}"


def _validation(column: ColumnSpec, lists: Lists) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    title, prompt = _prompt(column)
    common: dict[str, Any] = {
        "allow_blank": True,
        "showInputMessage": True,
        "promptTitle": title,
        "prompt": prompt,
    }
    letter, values = lists.get(_SAME_LIST.get(column.field, column.field), ("", []))
    if values and column.field in _SUGGESTIONS:
        return DataValidation(
            type="list",
            formula1=_list_range(letter, len(values)),
            showErrorMessage=False,
            **common,
        )
    if values and column.type in (ValueType.CHOICE, ValueType.PLAN_STATUS):
        return DataValidation(
            type="list",
            formula1=_list_range(letter, len(values)),
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="Wartość spoza listy",
            error="Wybierz wartość z listy rozwijanej.",
            **common,
        )
    if column.type is ValueType.WHOLE:
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="Liczba całkowita",
            error="Wpisz liczbę całkowitą nie mniejszą niż 0.",
            **common,
        )
    if column.type is ValueType.AMOUNT:
        return DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Kwota",
            error="Wpisz kwotę jako liczbę, np. 12500,50.",
            **common,
        )
    return DataValidation(showErrorMessage=False, **common)


def _header_hint(column: ColumnSpec) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    title, prompt = _prompt(column)
    return DataValidation(
        showErrorMessage=False, showInputMessage=True, promptTitle=title, prompt=prompt
    )


def _table_sheet(book: Any, spec: SheetSpec, lists: Lists) -> Any:
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(spec.name)
    columns = spec.template_columns
    ws.append([_marked(c) for c in columns])
    _style_header(ws, len(columns))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        dimension = ws.column_dimensions[letter]
        dimension.width = max(column.width, len(column.header) + 2)
        if column.is_date:
            dimension.number_format = DATE_FORMAT
        header = _header_hint(column)
        header.add(f"{letter}1")
        ws.add_data_validation(header)
        body = _validation(column, lists)
        body.add(f"{letter}2:{letter}{ROWS + 1}")
        ws.add_data_validation(body)
    return ws


def _realization_sheet(book: Any, plan: Sequence[PlanItem], lists: Lists) -> None:
    """„Realizacja planu”: last year's planned actions, one a row, the status left empty."""
    from openpyxl.styles import Alignment

    ws = _table_sheet(book, REALIZACJA_PLANU, lists)
    seen: set[str] = set()
    for item in plan:
        if action_key(item.action) in seen:
            continue  # an action planned twice is one row
        seen.add(action_key(item.action))
        ws.append([item.action])
        ws.cell(row=ws.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")


def _metryczka_sheet(book: Any, city: City | None, prefill: bool = True) -> None:
    ws = book.create_sheet(METRYCZKA.name)
    ws.append([FIELD_HEADER, VALUE_HEADER])
    _style_header(ws, 2)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 70
    prefilled: dict[str, Any] = {}  # never a date: copies downloaded on other days agree
    if city is not None and prefill:
        prefilled["author"] = city.department or city.office
    for number, column in enumerate(METRYCZKA.columns, start=2):
        value = prefilled.get(column.field)
        ws.append([_marked(column), value])
        cell = ws.cell(row=number, column=2)
        if column.is_date:
            cell.number_format = DATE_FORMAT
        hint = _header_hint(column)
        hint.add(f"B{number}")
        ws.add_data_validation(hint)
    _item_list(ws)


def _item_list(ws: Any) -> None:
    """The Metryczka's list „Zmiany” below its fields: its name, its headers, empty rows."""
    from openpyxl.styles import Font

    items = METRYCZKA.items
    assert items is not None
    first = ws.max_row + 2
    ws.cell(row=first, column=1, value=items.name).font = Font(bold=True)
    for index, column in enumerate(items.columns, start=1):
        cell = ws.cell(row=first + 1, column=index, value=column.header)
        cell.font = Font(bold=True)
        letter = cell.column_letter
        if index > 2:
            ws.column_dimensions[letter].width = column.width
        body = _header_hint(column)
        body.add(f"{letter}{first + 2}:{letter}{first + 51}")
        ws.add_data_validation(body)
        if column.is_date:
            for row in range(first + 2, first + 52):
                ws.cell(row=row, column=index).number_format = DATE_FORMAT


def _lists_sheet(book: Any, lists: Lists) -> None:
    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    for name, (letter, values) in lists.items():
        ws[f"{letter}1"] = _LIST_TITLES[name]
        for number, value in enumerate(values, start=2):
            ws[f"{letter}{number}"] = value


_HEADINGS = frozenset({"Jak wypełniać", "Jak przekazać i sprawdzić dane", "Kolumny (* – wymagana)"})
_LINE = 95  # characters per line of the instructions: an A4 page wide


def _instruction_sheet(
    ws: Any, year: int, city: City | None, realization: bool, department: str | None
) -> None:
    """One line per row (wrapped here, not by the spreadsheet: row heights stay right),
    printed on A4 pages, as wide as the page."""
    from openpyxl.styles import Font

    ws.title = INSTRUCTION_SHEET
    ws.column_dimensions["A"].width = _LINE + 2
    ws.sheet_view.showGridLines = False
    for number, paragraph in enumerate(_instructions(year, city, realization, department)):
        width = _LINE * 3 // 5 if number == 0 else _LINE  # the title is set larger, in bold
        lines = textwrap.wrap(paragraph, width, subsequent_indent="   ") or [""]
        first = ws.max_row + 1 if number else 1
        font = None
        if number == 0:
            font = Font(bold=True, size=14)
        elif paragraph in _HEADINGS or paragraph.startswith("Arkusz „"):
            font = Font(bold=True, size=12 if paragraph in _HEADINGS else 11)
        for offset, line in enumerate(lines):
            cell = ws.cell(row=first + offset, column=1, value=line)
            if font is not None and (number == 0 or offset == 0):
                cell.font = font
    ws.print_area = f"A1:A{ws.max_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5


def blank_workbook(
    year: int,
    registry: Registry | None,
    *,
    prefill_metryczka: bool = True,
    previous_plan: Sequence[PlanItem] = (),
    department: str | None = None,
) -> Any:
    """The blank workbook for ``year`` as an openpyxl ``Workbook`` (not saved).

    With ``prefill_metryczka`` false the Metryczka holds the field names only
    (another workbook of the year already has a filled one); a ``department``'s
    workbook (``""``: a department not named) has none. ``previous_plan``
    (year − 1's Plan) fills the sheet „Realizacja planu”, which only a year with
    such a plan gets.
    """
    from openpyxl import Workbook

    from reports.polish.collation import sort_key

    book = Workbook()
    _instruction_sheet(
        book.active,
        year,
        registry.city if registry is not None else None,
        bool(previous_plan),
        department,
    )
    city = registry.city if registry is not None else None

    partners = (
        sorted((p.name for p in registry.partners or () if p.active_in(year)), key=sort_key)
        if registry is not None
        else []
    )
    if department is None:
        _metryczka_sheet(book, city, prefill_metryczka)
    lists = _lists(partners, year)
    for spec in TABLE_SHEETS:
        _table_sheet(book, spec, lists)
    if previous_plan:
        _realization_sheet(book, previous_plan, lists)
    _lists_sheet(book, lists)
    keep_all_text(book.worksheets)  # names from the registry stay text, never formulas
    book.active = 0
    return book


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def workbook_bytes(book: Any, fmt: str = "xlsx") -> bytes:
    """The blank workbook's file: ``xlsx`` by openpyxl, ``ods`` by :mod:`reports.publish.ods`."""
    if fmt == "ods":
        from reports.publish.ods import ods_bytes

        return ods_bytes(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_new(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then put it in place unless it exists."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; use the usual mode
        try:
            os.link(temporary, path)  # fails when the file exists: never overwrites
        except FileExistsError:
            raise WorkbookExists(path) from None
        except OSError:  # a file system without hard links
            if path.exists():
                raise WorkbookExists(path) from None
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _has_metryczka(folder: Path, year: int) -> bool:
    """Whether a workbook in the year folder already has a Metryczka with a value."""
    from reports.checking.check import load_year_workbook
    from reports.inputs.workbook import SUFFIXES

    if not folder.is_dir():
        return False
    for path in sorted(folder.iterdir()):
        if path.name.startswith(("~$", ".")) or not path.is_file():
            continue
        if path.suffix.lower() not in SUFFIXES:
            continue
        sheets = load_year_workbook(path, year).sheets
        if any(s.spec is METRYCZKA and s.read for s in sheets):
            return True
    return False


def create_year_workbook(
    inputs_dir: Path, year: int, *, department: str | None = None, fmt: str = "xlsx"
) -> Path:
    """Write ``inputs/YEAR/raport-YEAR.xlsx`` (or a department's, or an ``.ods``);
    :class:`WorkbookExists` if it is there.

    Partners for the Miasto list and the Metryczka's author come from
    ``inputs/rejestr.xlsx`` when it checks clean; without it the lists are
    left empty. When another workbook of the year already has a filled Metryczka,
    the new one's Metryczka holds the field names only (one Metryczka per year);
    a department's workbook has none.
    """
    path = workbook_path(inputs_dir, year, department=department, fmt=fmt)
    if path.exists():
        raise WorkbookExists(path)
    book = year_workbook(inputs_dir, year, department=department)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_new(path, workbook_bytes(book, fmt))
    return path


def year_workbook(inputs_dir: Path, year: int, *, department: str | None = None) -> Any:
    """The blank workbook ``raport new`` writes for ``year``, as an unsaved ``Workbook``.

    Its lists and Metryczka follow ``inputs_dir`` as :func:`create_year_workbook`
    describes; the page offers it for download without writing it anywhere.
    """
    from reports.checking.check import load_plan, load_registry

    registry, _ = load_registry(inputs_dir)
    return blank_workbook(
        year,
        registry,
        prefill_metryczka=not _has_metryczka(inputs_dir / str(year), year),
        previous_plan=load_plan(inputs_dir, year - 1, registry),
        department=department,
    )
