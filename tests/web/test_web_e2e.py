"""The page end to end in Chromium: upload, problems at their rows, fix, build, download.

The downloaded DOCX and PDF must be the very bytes ``raport build`` writes from the
same inputs; refused uploads leave the inputs untouched; another address needs the
password; the main flow works with the keyboard alone.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from playwright.sync_api import expect

from reports.web.app import MAX_REQUEST_BYTES
from tests.web.conftest import PASSWORD, Server
from tests.workbooks import VISIT_HEADERS, trip, visit, write_year

YEAR = 2025
BAD_ROW = 3  # header in row 1, a good visit in row 2, the bad one in row 3
BAD_COLUMN = get_column_letter(VISIT_HEADERS.index("Data od") + 1)


def _workbooks(folder: Path, year: int = YEAR) -> tuple[Path, Path]:
    """The same workbook with a mistake and fixed: (with the mistake, fixed)."""
    good = [
        visit(year),
        visit(year, Goście="chór z Erfurtu", Data_od="12.09." + str(year), Data_do=None),
    ]
    bad = [
        visit(year),
        visit(year, Goście="chór z Erfurtu", Data_od="31.02." + str(year), Data_do=None),
    ]
    wrong = write_year(folder / "zle", year, "kultura.xlsx", wizyty=bad, wyjazdy=[trip(year)])
    fixed = write_year(folder / "dobre", year, "kultura.xlsx", wizyty=good, wyjazdy=[trip(year)])
    return wrong, fixed


def _raport_build(inputs: Path, output: Path, year: int) -> None:
    run = subprocess.run(
        [
            *(sys.executable, "-m", "reports.cli.main", "build", str(year)),
            *("--inputs", str(inputs), "--output", str(output)),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def _download(page: Any, link_text: str, target: Path) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_text).click()
    info.value.save_as(target)
    return target.read_bytes()


def _axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    return [v["id"] for v in results.response["violations"]]


def test_upload_problems_fix_build_and_download_the_same_bytes_as_raport_build(
    local_server: Server, page: Any, tmp_path: Path
) -> None:
    wrong, fixed = _workbooks(tmp_path)
    (local_server.inputs / str(YEAR)).mkdir()
    page.goto(local_server.url + "/")
    page.get_by_role("link", name=f"Rok {YEAR}").click()
    assert page.get_by_text("brak danych").is_visible()

    page.get_by_label("Wybierz skoroszyty .xlsx").set_input_files(str(wrong))
    page.get_by_role("button", name="Wgraj").click()
    assert page.get_by_role("status").get_by_text("Wgrano „kultura.xlsx”").is_visible()
    assert page.locator(".state").inner_text() == "są błędy"
    page.get_by_role("link", name=re.compile("Zobacz problemy")).click()
    table = page.get_by_role("table", name=re.compile(r"^\d{4}.kultura\.xlsx"))
    row = table.get_by_role("row").filter(has_text="błąd")
    assert row.count() == 1
    cells = row.get_by_role("cell").all_inner_texts()
    assert cells[:4] == ["błąd", "Wizyty", str(BAD_ROW), f"{BAD_COLUMN} (Data od)"]
    assert "31.02." in cells[4]
    assert _axe_violations(page) == []
    marked = _download(page, "Pobierz kopie do poprawy", tmp_path / "m.xlsx")
    book = load_workbook(io.BytesIO(marked))
    assert book.sheetnames[0] == "Problemy"
    comment = book["Wizyty"][f"{BAD_COLUMN}{BAD_ROW}"].comment
    assert comment is not None and cells[5] in comment.text
    page.get_by_label("Pokaż").select_option("ostrzezenia")
    page.get_by_role("button", name="Filtruj").click()
    assert page.get_by_role("row").filter(has_text="błąd").count() == 0

    page.goto(f"{local_server.url}/rok/{YEAR}")
    page.get_by_label("Wybierz skoroszyty .xlsx").set_input_files(str(fixed))
    page.get_by_role("button", name="Wgraj").click()
    assert "poprzednia wersja jest w koszu" in page.get_by_role("status").first.inner_text()
    assert page.locator(".state").inner_text() == "gotowy do budowy"
    year_dir = local_server.inputs / str(YEAR)
    assert (year_dir / "kultura.xlsx").read_bytes() == fixed.read_bytes()
    (binned,) = (year_dir / ".kosz").iterdir()
    assert binned.read_bytes() == wrong.read_bytes()

    page.get_by_role("button", name=f"Zbuduj raport {YEAR}").click()
    page.wait_for_url(re.compile(rf"/rok/{YEAR}#wyniki$"))
    assert page.locator(".state").inner_text() == "zbudowany"
    docx = _download(page, "Raport do edycji (DOCX, Word lub LibreOffice)", tmp_path / "a.docx")
    pdf = _download(page, "Raport do publikacji (PDF z tagami dostępności)", tmp_path / "a.pdf")
    html = _download(page, "Raport jako strona internetowa (HTML do BIP)", tmp_path / "a.html")
    data = _download(page, "Dane raportu w formacie otwartym (pliki CSV", tmp_path / "a.zip")
    _raport_build(local_server.inputs, tmp_path / "cli", YEAR)
    cli = tmp_path / "cli" / str(YEAR)
    assert docx == (cli / f"raport-{YEAR}.docx").read_bytes()
    assert pdf == (cli / f"raport-{YEAR}.pdf").read_bytes()
    assert html == (cli / f"raport-{YEAR}.html").read_bytes()
    assert data == (cli / f"dane-{YEAR}.zip").read_bytes()
    assert page.get_by_role("img", name=f"Strona 1 raportu PDF za rok {YEAR}").is_visible()
    assert _axe_violations(page) == []

    page.get_by_role("link", name="Metryczka BIP do skopiowania").click()
    text = page.get_by_label("Tekst metryczki").input_value()
    assert text == (cli / f"metryczka-{YEAR}.txt").read_text(encoding="utf-8")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Kopiuj do schowka").click()
    # the clipboard answers asynchronously: wait for the message (fails after 10 s)
    expect(page.get_by_text("Skopiowano do schowka.")).to_be_visible(timeout=10_000)


def test_forbidden_names_and_non_xlsx_uploads_are_refused(
    local_server: Server, page: Any, tmp_path: Path
) -> None:
    _, fixed = _workbooks(tmp_path, 2031)
    page.goto(local_server.url + "/")
    page.get_by_label("Rok", exact=True).fill("20x1")
    page.get_by_role("button", name="Dodaj rok").click()
    assert page.evaluate("document.getElementById('rok').validity.valid") is False
    page.get_by_label("Rok", exact=True).fill("2031")
    page.get_by_role("button", name="Dodaj rok").click()
    page.wait_for_url("**/rok/2031")
    assert "Dodano rok 2031" in page.get_by_role("status").inner_text()
    year_dir = local_server.inputs / "2031"
    assert year_dir.is_dir()
    field = page.get_by_label("Wybierz skoroszyty .xlsx")
    field.set_input_files(
        [
            {"name": "notatki.xlsx", "mimeType": "text/plain", "buffer": b"to nie arkusz"},
            {"name": ".ukryty.xlsx", "mimeType": "text/plain", "buffer": fixed.read_bytes()},
            {"name": "dane.csv", "mimeType": "text/plain", "buffer": fixed.read_bytes()},
        ]
    )
    page.get_by_role("button", name="Wgraj").click()
    alert = page.get_by_role("alert").inner_text()
    assert "„notatki.xlsx” nie jest skoroszytem, choć tak się nazywa" in alert
    assert "„.ukryty.xlsx” jest plikiem ukrytym" in alert
    assert "„dane.csv” nie jest skoroszytem (.xlsx, .ods ani .xls)" in alert
    assert list(year_dir.iterdir()) == []

    # A request made by hand with a path in the name: refused, nothing written anywhere.
    token = page.locator("input[name=csrf]").first.get_attribute("value")
    before = sorted(p for p in local_server.inputs.rglob("*"))
    response = page.request.post(
        f"{local_server.url}/rok/2031/wgraj",
        multipart={
            "csrf": token,
            "pliki": {
                "name": "../rejestr.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": fixed.read_bytes(),
            },
        },
    )
    assert response.ok and "niedozwolone znaki" in response.text()
    assert sorted(p for p in local_server.inputs.rglob("*")) == before

    # Without the form's token the upload is refused with a Polish page, no stack trace.
    response = page.request.post(
        f"{local_server.url}/rok/2031/wgraj",
        multipart={"pliki": {"name": "a.xlsx", "mimeType": "x", "buffer": fixed.read_bytes()}},
    )
    assert response.status == 403 and "Formularz wygasł" in response.text()
    assert "Traceback" not in response.text()
    assert list(year_dir.iterdir()) == []
    # A body over the limit is refused before it is read.
    too_big = b"\0" * (MAX_REQUEST_BYTES + 1)
    response = page.request.post(
        f"{local_server.url}/rok/2031/wgraj",
        multipart={"csrf": token, "pliki": {"name": "a.xlsx", "mimeType": "x", "buffer": too_big}},
    )
    assert response.status == 413 and "Za duży plik" in response.text()
    assert list(year_dir.iterdir()) == []
    missing = page.goto(f"{local_server.url}/rok/1999")
    assert missing is not None and missing.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Nie ma takiego roku"


def _tab_to(page: Any, matches: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches the JS predicate ``matches`` (on ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {matches}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {matches}")


def test_keyboard_only_upload_build_and_download(
    local_server: Server, page: Any, tmp_path: Path
) -> None:
    _, fixed = _workbooks(tmp_path, 2030)
    (local_server.inputs / "2030").mkdir()
    page.goto(local_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Przejdź do treści"
    page.keyboard.press("Enter")
    _tab_to(page, "el.textContent === 'Rok 2030'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url("**/rok/2030")
    _tab_to(page, "el.id === 'pliki'")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(fixed))
    _tab_to(page, "el.textContent === 'Wgraj'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/rok/2030#stan")
    assert (local_server.inputs / "2030" / "kultura.xlsx").is_file()
    _tab_to(page, "el.textContent === 'Zbuduj raport 2030'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/rok/2030#wyniki")
    _tab_to(page, "el.textContent.startsWith('Raport do publikacji')")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "raport-2030.pdf"


@pytest.fixture(scope="module")
def guarded_server(serve: Any) -> Server:
    server: Server = serve("127.0.0.2", {"RAPORT_PASSWORD": PASSWORD})
    return server


def test_another_address_requires_the_password(guarded_server: Server, page: Any) -> None:
    page.goto(guarded_server.url + "/rejestr.xlsx")
    assert "/logowanie?dalej=/rejestr.xlsx" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Logowanie"
    assert _axe_violations(page) == []
    page.get_by_label("Hasło dostępu").fill("zgadywanie")
    page.get_by_role("button", name="Zaloguj").click()
    assert page.get_by_role("alert").inner_text() == "Nieprawidłowe hasło. Spróbuj ponownie."
    page.get_by_label("Hasło dostępu").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj").click()
    page.goto(guarded_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Raporty roczne"
    cookies = page.context.cookies()
    assert {c["name"] for c in cookies} == {"raport_sesja", "raport_urzadzenie"}
    assert all(c["httpOnly"] is True and c["sameSite"] == "Strict" for c in cookies)
    page.get_by_role("button", name="Wyloguj").click()
    page.goto(guarded_server.url + "/")
    assert "/logowanie" in page.url


def test_logins_are_rate_limited(guarded_server: Server, page: Any) -> None:
    page.goto(guarded_server.url + "/logowanie")
    for _ in range(5):
        page.get_by_label("Hasło dostępu").fill("zgadywanie")
        page.get_by_role("button", name="Zaloguj").click()
    page.get_by_label("Hasło dostępu").fill(PASSWORD)
    with page.expect_response(re.compile("/logowanie$")) as response:
        page.get_by_role("button", name="Zaloguj").click()
    assert response.value.status == 429
    assert "Zbyt wiele nieudanych prób" in page.get_by_role("alert").inner_text()
    log = guarded_server.log.read_text()
    assert "nieudane logowanie z " in log and "zablokowane" in log
