"""The officer's loop in Chromium, at 1280 and 360 px: from an empty year to a downloaded
report, with workbooks saved by Excel (.xlsx), LibreOffice (.ods) and old Excel (.xls),
three typical mistakes fixed in the annotated copy and uploaded back — no dead end.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.test_ods_xls import soffice
from tests.web.conftest import Server
from tests.web.test_web_e2e import _axe_violations, _tab_to
from tests.workbooks import visit, write_year

WIDTHS = {1280: 2027, 360: 2028}  # viewport width → the year it works on


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def _download(page: Any, name: str | re.Pattern[str], target: Path) -> tuple[str, Path]:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    info.value.save_as(target)
    return info.value.suggested_filename, target


def _upload(page: Any, *paths: Path) -> str:
    page.get_by_label("Wybierz skoroszyty").set_input_files([str(p) for p in paths])
    page.get_by_role("button", name="Wgraj").click()
    return str(page.get_by_role("status").first.inner_text())


def _office_book(blank: Path, year: int) -> Path:
    """The downloaded blank workbook filled in, with three typical mistakes."""
    book = load_workbook(blank)
    book["Metryczka"]["B3"] = date(year + 1, 3, 13)
    visits = book["Wizyty"]
    visits.append([date(year, 5, 5), None, "Hamm", None, "delegacja", "rozmowy", "sport", 3])
    visits.append([f"31.02.{year}", None, "Erfurt", None, "chór", "koncert"])  # no such day
    visits.append([date(year, 6, 1), None, "Martin", None, "radni", "sesja", None, -3])  # < 0
    awards = book["Nagrody"]
    awards.append(["Nagroda Miast", "Komisja", year])  # a bare year in a date-formatted cell
    awards["C2"].number_format = "DD.MM.YYYY"
    awards.append(["Flaga Europy", "Rada Europy", date(year - 2, 5, 9)])  # another year
    path = blank.with_name("bwz.xlsx")
    book.save(path)
    return path


def _fix(copy: Path, year: int) -> None:
    """The three marked cells corrected in the annotated copy."""
    book = load_workbook(copy)
    visits = book["Wizyty"]
    visits["A3"] = date(year, 2, 28)
    visits["H4"] = 3
    book["Nagrody"]["C3"] = date(year, 5, 9)
    book.save(copy)


def _department_books(folder: Path, year: int) -> tuple[Path, Path]:
    """A culture department's workbook saved by LibreOffice (.ods), a sport one as .xls."""
    culture = write_year(
        folder / "src", year, "kultura.xlsx", metryczka=None, wizyty=[visit(year, Goście="teatr")]
    )
    sport = write_year(
        folder / "src", year, "sport.xlsx", metryczka=None, wizyty=[visit(year, Goście="drużyna")]
    )
    soffice([culture], "ods", folder, folder / "lo")
    soffice([sport], "xls", folder, folder / "lo")
    return folder / "kultura.ods", folder / "sport.xls"


@pytest.mark.parametrize("width", list(WIDTHS), ids=lambda w: f"{w}px")
def test_from_an_empty_year_to_a_downloaded_report(
    local_server: Server, browser: Any, tmp_path: Path, width: int
) -> None:
    year = WIDTHS[width]
    context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        page.goto(local_server.url + "/")
        page.get_by_label("Rok", exact=True).fill(str(year))
        page.get_by_role("button", name="Dodaj rok").click()
        page.wait_for_url(f"**/rok/{year}")
        assert f"Dodano rok {year}" in page.get_by_role("status").inner_text()
        _no_sideways_scroll(page)
        assert _axe_violations(page) == []
        # the steps, in order: the blank workbook comes before the upload form
        steps = page.locator("ol.steps > li > h2").all_inner_texts()
        assert steps == [
            "Pobierz pusty skoroszyt",
            "Wypełnij go",
            "Wgraj skoroszyty",
            "Popraw problemy",
            "Zbuduj raport",
        ]
        build = page.get_by_role("button", name=f"Zbuduj raport {year}")
        assert build.is_disabled()
        assert "gdy wgrasz skoroszyty" in page.locator("#budowa-powod").inner_text()

        name, blank = _download(page, re.compile(r"\(\.xlsx, Excel\)"), tmp_path / "b.xlsx")
        assert name == f"raport-{year}.xlsx"
        name, ods = _download(page, re.compile(r"\(\.ods, LibreOffice Calc\)"), tmp_path / "b.ods")
        assert name == f"raport-{year}.ods" and ods.read_bytes()[30:38] == b"mimetype"
        office = _office_book(blank, year)
        culture, sport = _department_books(tmp_path, year)

        said = _upload(page, office, culture, sport)
        assert "Wgrano „bwz.xlsx”" in said and "„kultura.ods”" in said and "„sport.xls”" in said
        assert page.locator(".state").inner_text() == "są błędy"
        assert build.is_disabled()
        assert "po poprawieniu 3 błędów" in page.locator("#budowa-powod").inner_text()
        departments = page.get_by_role("table", name=re.compile("Skoroszyty w folderze"))
        assert "kultura.ods" in departments.inner_text() and "sport.xls" in departments.inner_text()

        page.get_by_role("link", name=re.compile("Zobacz problemy")).click()
        _no_sideways_scroll(page)
        text = page.locator("main").inner_text()
        assert "31.02." in text and "date-" not in text and "[" not in text  # no codes
        assert page.get_by_role("row").filter(has_text="błąd").count() == 3
        assert _axe_violations(page) == []
        name, copy = _download(page, "Pobierz kopie do poprawy", tmp_path / "kopia.xlsx")
        assert name == "bwz-do-poprawy.xlsx"
        _fix(copy, year)

        page.goto(f"{local_server.url}/rok/{year}")
        fixed = copy.with_name("bwz-do-poprawy.xlsx")
        copy.rename(fixed)
        said = _upload(page, fixed)
        assert "Wgrano „bwz-do-poprawy.xlsx” jako „bwz.xlsx”: zastąpiono nim „bwz.xlsx”" in said
        assert page.locator(".state").inner_text() == "gotowy do budowy"
        assert "Dane nie mają problemów." in page.locator("#popraw").inner_text()
        folder = local_server.inputs / str(year)
        assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
            "bwz.xlsx",
            "kultura.ods",
            "sport.xls",
        ]

        page.get_by_role("button", name=f"Zbuduj raport {year}").click()
        page.wait_for_url(re.compile(rf"/rok/{year}#wyniki$"))
        assert page.locator(".state").inner_text() == "zbudowany"
        _, pdf = _download(page, re.compile("Raport do publikacji"), tmp_path / "r.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        _no_sideways_scroll(page)
        assert _axe_violations(page) == []
    finally:
        context.close()


def test_an_unchanged_rebuild_says_so_and_a_removed_workbook_comes_back(
    local_server: Server, page: Any, tmp_path: Path
) -> None:
    year = 2029
    write_year(local_server.inputs, year, "biuro.xlsx", wizyty=[visit(year)])
    write_year(
        local_server.inputs,
        year,
        "kultura.xlsx",
        metryczka=None,
        wizyty=[visit(year, Goście="chór")],
    )
    page.goto(f"{local_server.url}/rok/{year}")
    for _ in range(2):
        page.get_by_role("button", name=f"Zbuduj raport {year}").click()
        page.wait_for_url(re.compile(rf"/rok/{year}#wyniki$"))
    assert "bez zmian" in page.get_by_role("status").first.inner_text()
    assert page.locator(".outdated").count() == 0

    # with the keyboard alone: „Usuń”, then the confirmation
    _tab_to(page, "el.getAttribute('aria-label') === 'Usuń kultura.xlsx'")
    page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Usunąć „kultura.xlsx”?"
    _tab_to(page, "el.textContent === 'Tak, usuń „kultura.xlsx”'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/rok/{year}")
    assert "Możesz go przywrócić z kosza" in page.get_by_role("status").first.inner_text()
    assert "bez zmian" not in page.locator("main").inner_text()  # the last build is outdated
    assert not (local_server.inputs / str(year) / "kultura.xlsx").exists()
    # the report no longer matches the inputs: the downloads say so
    assert page.locator(".outdated").count() >= 3
    page.get_by_text("Kosz – usunięte i zastąpione pliki").click()
    page.get_by_role("button", name=re.compile("Przywróć kultura.xlsx")).click()
    assert "Przywrócono „kultura.xlsx” z kosza" in page.get_by_role("status").first.inner_text()
    assert (local_server.inputs / str(year) / "kultura.xlsx").is_file()
    assert page.locator(".outdated").count() == 0
    assert _axe_violations(page) == []


def test_an_existing_year_is_not_added_twice_and_an_empty_one_can_go(
    local_server: Server, page: Any
) -> None:
    for attempt in range(2):
        page.goto(local_server.url + "/")
        page.get_by_label("Rok", exact=True).fill("2099")
        page.get_by_role("button", name="Dodaj rok").click()
        page.wait_for_url("**/rok/2099")
        said = page.get_by_role("status").inner_text()
        assert ("Dodano rok 2099" if attempt == 0 else "Rok 2099 już jest na liście") in said
    page.get_by_role("button", name="Usuń pusty rok 2099").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Usunąć rok 2099?"
    assert _axe_violations(page) == []
    page.get_by_role("button", name="Tak, usuń rok 2099").click()
    page.wait_for_url(local_server.url + "/")
    assert "Usunięto rok 2099" in page.get_by_role("status").inner_text()
    assert not (local_server.inputs / "2099").exists()
