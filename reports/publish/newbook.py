"""``raport new YEAR``: the blank workbook an officer fills in.

Written from the sheet schemas (:mod:`reports.inputs.schemas`): a first sheet
„Instrukcja”, the Metryczka with its field names (and what the registry already
knows), then Wizyty, Wyjazdy, Projekty, Nagrody and Plan with their headers, a frozen
header row, column widths, date formats, drop-down lists (Dziedzina strictly;
Miasto, Kraj and Waluta as suggestions that still allow other values) and an
input hint on every header and column. The lists live on a hidden sheet
„Listy”, which the checker ignores. A year whose previous year has a Plan gets a
sheet „Realizacja planu” listing that plan's actions, its Realizacja column left
empty with the year's drop-down of statuses.

The file is written atomically (a temporary file in the same folder, then a
link or rename) and never over an existing one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import textwrap
from collections.abc import Sequence
from datetime import date
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


def workbook_path(inputs_dir: Path, year: int) -> Path:
    return inputs_dir / str(year) / f"raport-{year}.xlsx"


def _instructions(year: int, city: City | None, realization: bool = False) -> list[str]:
    where = f" Miasta {city.genitive}" if city else ""
    lines = [
        f"Raport dotyczący współpracy zagranicznej{where} w roku {year} – skoroszyt danych",
        "",
        "Jak wypełniać",
        "1. Każdy arkusz to jeden rodzaj wpisów: Wizyty (delegacje zagraniczne przyjęte "
        "w mieście), Wyjazdy (delegacje miasta za granicą), Projekty (projekty "
        "międzynarodowe), Nagrody (nagrody i wyróżnienia dla miasta), Plan (co miasto "
        f"planuje w roku {year + 1}).",
        "2. Jeden wiersz to jeden wpis. Nie zmieniaj nagłówków w pierwszym wierszu i nie "
        "wstawiaj wierszy nad nimi. Puste wiersze są pomijane.",
        f"3. Daty: wpisz datę (15.03.{year}) albo tekst „15 marca {year}” lub "
        f"„{year}-03-15”. Pusta „Data do” oznacza jeden dzień. Daty wizyt, wyjazdów "
        f"i nagród muszą przypadać w roku {year}.",
        "4. Miasto: wybierz miasto partnerskie z listy albo wpisz inne; dla miasta spoza "
        "listy wpisz też kraj. Gdy gość przyjeżdża w imieniu całego kraju (ambasador, "
        "konsul, minister), zostaw Miasto puste i wpisz Kraj.",
        "5. Kraj: polska nazwa (Niemcy) albo kod ISO (DE). Dziedzina: wybierz z listy.",
        "6. Kwoty: liczba, np. 12 500,50; w Projektach waluta w kolumnie „Waluta” (pusta = PLN).",
        "7. Metryczka: wypełnij raz na rok, w jednym skoroszycie. Jeśli kopię tego "
        "skoroszytu wypełnia inny wydział, niech usunie z niej arkusz Metryczka albo "
        "wyczyści jego wartości (kolumnę Wartość). Pod polami Metryczki jest lista "
        "„Zmiany” (rejestr zmian w BIP): pod wierszem nagłówków Data | Opis | Kto wpisz "
        "każdą zmianę w osobnym wierszu.",
        f"8. Kilka wydziałów może wypełniać własne kopie; zapisz je wszystkie jako .xlsx "
        f"w folderze inputs/{year}/. Identyczne wpisy z kilku plików zostaną połączone, "
        "a sprzeczne – wskazane jako błąd.",
        f"9. Sprawdzenie danych: polecenie „raport check {year}” wypisze każdy błąd "
        "z nazwą pliku, arkusza, numerem wiersza i kolumny.",
        "10. Formuły są dozwolone; przed sprawdzeniem zapisz plik w Excelu albo "
        "LibreOffice, aby zapisały się ich wartości.",
    ]
    if realization:
        lines.append(
            f"11. Realizacja planu: arkusz wymienia działania z planu na rok {year}. Przy "
            "każdym wybierz w kolumnie „Realizacja” stan z listy i opcjonalnie dodaj opis; "
            "raport poda tylko te stany, a przy działaniu bez stanu – „brak informacji "
            "o realizacji”."
        )
    lines += ["", "Kolumny (* – wymagana)"]
    for spec in (METRYCZKA, *TABLE_SHEETS, *((REALIZACJA_PLANU,) if realization else ())):
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
    ws.append([c.header for c in columns])
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


def _metryczka_sheet(book: Any, city: City | None, today: date, prefill: bool = True) -> None:
    ws = book.create_sheet(METRYCZKA.name)
    ws.append([FIELD_HEADER, VALUE_HEADER])
    _style_header(ws, 2)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 70
    prefilled: dict[str, Any] = {"created": today} if prefill else {}
    if city is not None and prefill:
        prefilled["author"] = city.department or city.office
    for number, column in enumerate(METRYCZKA.columns, start=2):
        value = prefilled.get(column.field)
        ws.append([column.header, value])
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


_HEADINGS = frozenset({"Jak wypełniać", "Kolumny (* – wymagana)"})
_LINE = 110  # characters per line of the instructions


def _instruction_sheet(ws: Any, year: int, city: City | None, realization: bool) -> None:
    """One line per row (wrapped here, not by the spreadsheet: row heights stay right)."""
    from openpyxl.styles import Font

    ws.title = INSTRUCTION_SHEET
    ws.column_dimensions["A"].width = _LINE + 5
    ws.sheet_view.showGridLines = False
    for number, paragraph in enumerate(_instructions(year, city, realization)):
        lines = textwrap.wrap(paragraph, _LINE, subsequent_indent="   ") or [""]
        first = ws.max_row + 1 if number else 1
        for offset, line in enumerate(lines):
            ws.cell(row=first + offset, column=1, value=line)
        cell = ws.cell(row=first, column=1)
        if number == 0:
            cell.font = Font(bold=True, size=14)
        elif paragraph in _HEADINGS or paragraph.startswith("Arkusz „"):
            cell.font = Font(bold=True, size=12 if paragraph in _HEADINGS else 11)


def blank_workbook(
    year: int,
    registry: Registry | None,
    today: date,
    *,
    prefill_metryczka: bool = True,
    previous_plan: Sequence[PlanItem] = (),
) -> Any:
    """The blank workbook for ``year`` as an openpyxl ``Workbook`` (not saved).

    With ``prefill_metryczka`` false the Metryczka holds the field names only
    (another workbook of the year already has a filled one). ``previous_plan``
    (year − 1's Plan) fills the sheet „Realizacja planu”, which only a year with
    such a plan gets.
    """
    from openpyxl import Workbook

    from reports.polish.collation import sort_key

    book = Workbook()
    _instruction_sheet(
        book.active, year, registry.city if registry is not None else None, bool(previous_plan)
    )
    city = registry.city if registry is not None else None

    partners = (
        sorted((p.name for p in registry.partners if p.active_in(year)), key=sort_key)
        if registry is not None
        else []
    )
    _metryczka_sheet(book, city, today, prefill_metryczka)
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


def _write_new(path: Path, book: Any) -> None:
    """Save to a temporary file in the same folder, then put it in place unless it exists."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        book.save(temporary)
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

    if not folder.is_dir():
        return False
    for path in sorted(folder.glob("*.xlsx")):
        if path.name.startswith(("~$", ".")) or not path.is_file():
            continue
        sheets = load_year_workbook(path, year).sheets
        if any(s.spec is METRYCZKA and s.read for s in sheets):
            return True
    return False


def create_year_workbook(inputs_dir: Path, year: int, *, today: date | None = None) -> Path:
    """Write ``inputs/YEAR/raport-YEAR.xlsx``; :class:`WorkbookExists` if it is there.

    Partners for the Miasto list and the Metryczka's author come from
    ``inputs/rejestr.xlsx`` when it checks clean; without it the lists are
    left empty. ``today`` (default: the clock) pre-fills „Data wytworzenia”.
    When another workbook of the year already has a filled Metryczka, the new
    one's Metryczka holds the field names only (one Metryczka per year).
    """
    path = workbook_path(inputs_dir, year)
    if path.exists():
        raise WorkbookExists(path)
    book = year_workbook(inputs_dir, year, today=today)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_new(path, book)
    return path


def year_workbook(inputs_dir: Path, year: int, *, today: date | None = None) -> Any:
    """The blank workbook ``raport new`` writes for ``year``, as an unsaved ``Workbook``.

    Its lists and Metryczka follow ``inputs_dir`` as :func:`create_year_workbook`
    describes; the page offers it for download without writing it anywhere.
    """
    from reports.checking.check import load_plan, load_registry

    registry, _ = load_registry(inputs_dir)
    return blank_workbook(
        year,
        registry,
        today or date.today(),
        prefill_metryczka=not _has_metryczka(workbook_path(inputs_dir, year).parent, year),
        previous_plan=load_plan(inputs_dir, year - 1, registry),
    )
