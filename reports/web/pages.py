"""The page's routes: the years list, a year's workbooks and problems, its build and
downloads, and logging in.

Every action calls what the commands call — :func:`~reports.checking.check.check_year`
for the problems, :func:`~reports.pipeline.generate` (in the warm worker) for a
build, :func:`~reports.publish.newbook.year_workbook` for the blank workbook.
"""

from __future__ import annotations

import io
import logging
import re
import secrets
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from reports.checking.check import REGISTRY_FILE, available_years
from reports.inputs.problems import Problem
from reports.pipeline import output_names
from reports.web.builder import STAGES, Builder, Job
from reports.web.preview import Previews
from reports.web.probe import probe
from reports.web.render import STAGE_LABELS, PageError, attachment, error_page, page
from reports.web.security import LoginLimiter, Sessions, csrf_token, password_ok
from reports.web.session import checked_form, flash, next_path
from reports.web.state import YearStates, YearView
from reports.web.uploads import (
    MAX_UPLOAD_BYTES,
    Refused,
    remove_year,
    restore,
    safe_name,
    store,
    to_trash,
    trashed,
)

_LOG = logging.getLogger("raport.serve")
MAX_FILES = 20
#: The cookie that marks a browser which has logged in (see LoginLimiter), for so many days.
DEVICE_COOKIE = "raport_urzadzenie"
SESSION_DAYS = 90
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".zip": "application/zip",
}

#: What each output file is, by its name with the year as ``{y}``.
FILE_LABELS = {
    "raport-{y}.docx": "Raport do edycji (DOCX, Word lub LibreOffice)",
    "raport-{y}.pdf": "Raport do publikacji (PDF z tagami dostępności)",
    "raport-{y}.html": "Raport jako strona internetowa (HTML do BIP)",
    "dane-{y}.zip": "Dane raportu w formacie otwartym (pliki CSV z opisem kolumn, ZIP do BIP)",
    "metryczka-{y}.txt": "Metryczka BIP (tekst)",
    "metryczka-{y}.html": "Metryczka BIP (HTML)",
    "manifest.json": "Manifest (wersje i sumy kontrolne plików)",
}


@dataclass
class Settings:
    """What ``raport serve`` was started with."""

    inputs_dir: Path
    output_dir: Path
    password: str | None = None  # None: no login (only on the local address)
    secret: str = field(default_factory=lambda: secrets.token_hex(32))


def _year_number(request: Request) -> int:
    text = str(request.path_params["year"])
    if not re.fullmatch(r"\d{4}", text):
        raise PageError(404, "Nie ma takiego roku", f"„{text}” nie jest rokiem.")
    return int(text)


class Site:
    """The routes, bound to one inputs and one output folder."""

    def __init__(self, settings: Settings, builder: Builder, sessions: Sessions) -> None:
        self.settings = settings
        self.builder = builder
        self.states = YearStates(settings.inputs_dir, settings.output_dir)
        self.previews = Previews()
        self.limiter = LoginLimiter()
        self.sessions = sessions

    # -- helpers --------------------------------------------------------------

    def page(
        self, request: Request, name: str, status_code: int = 200, **values: Any
    ) -> HTMLResponse:
        """The template ``name`` rendered with ``values``."""
        return page(request, name, status_code, login=self.settings.password is not None, **values)

    def year_or_404(self, request: Request) -> int:
        year = _year_number(request)
        if not self.states.year_dir(year).is_dir():
            raise PageError(
                404,
                "Nie ma takiego roku",
                f"W folderze danych nie ma roku {year}. Dodaj go na stronie z listą lat.",
            )
        return year

    async def view(self, year: int) -> YearView:
        """The year's state; the check runs in a thread, so other requests go on."""
        return await run_in_threadpool(self.states.view, year)

    # -- pages ----------------------------------------------------------------

    async def years(self, request: Request) -> Response:
        years = reversed(available_years(self.settings.inputs_dir))
        views = [await self.view(year) for year in years]
        registry = (self.settings.inputs_dir / REGISTRY_FILE).is_file()
        return self.page(request, "years.html.j2", title="Lata", views=views, registry=registry)

    async def new_year(self, request: Request) -> Response:
        form = await checked_form(request)
        text = str(form.get("rok", "")).strip()
        if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
            flash(request, "error", f"„{text}” nie jest rokiem: wpisz cztery cyfry, np. 2026.")
            return RedirectResponse("/", status_code=303)
        folder = self.states.year_dir(int(text))
        if folder.is_dir():
            flash(request, "info", f"Rok {text} już jest na liście – oto jego strona.")
            return RedirectResponse(f"/rok/{text}", status_code=303)
        folder.mkdir(parents=True)
        _LOG.info("utworzono folder roku %s", folder)
        flash(request, "ok", f"Dodano rok {text}. Pobierz pusty skoroszyt albo wgraj pliki.")
        return RedirectResponse(f"/rok/{text}", status_code=303)

    async def year(self, request: Request) -> Response:
        year = self.year_or_404(request)
        view = await self.view(year)
        job = self.builder.running(year) or self.builder.last(year)
        return self.page(
            request,
            "year.html.j2",
            title=f"Rok {year}",
            view=view,
            job=job,
            files=self.downloads(year),
            previews=len(await run_in_threadpool(self.preview_pages, year)),
            preview_tool=self.previews.available,
            max_mb=MAX_UPLOAD_BYTES // 1024 // 1024,
            trash=trashed(self.states.year_dir(year)),
        )

    async def problems(self, request: Request) -> Response:
        year = self.year_or_404(request)
        view = await self.view(year)
        show = request.query_params.get("waga", "wszystkie")
        if show not in ("wszystkie", "bledy", "ostrzezenia"):
            show = "wszystkie"
        chosen = [
            p
            for p in view.check.problems
            if show == "wszystkie" or (p.is_error == (show == "bledy"))
        ]
        groups: dict[str, list[Problem]] = {}
        for problem in chosen:
            groups.setdefault(problem.file or "(ogólne)", []).append(problem)
        return self.page(
            request,
            "problems.html.j2",
            title=f"Problemy w danych {year}",
            view=view,
            groups=groups,
            show=show,
        )

    async def upload(self, request: Request) -> Response:
        year = self.year_or_404(request)
        if self.builder.running(year):
            flash(request, "error", "Trwa budowanie raportu. Wgraj pliki, gdy się skończy.")
            return RedirectResponse(f"/rok/{year}", status_code=303)
        form = await checked_form(request, files=MAX_FILES)
        uploads = [f for f in form.getlist("pliki") if isinstance(f, UploadFile) and f.filename]
        if not uploads:
            flash(request, "error", "Nie wybrano pliku. Wybierz co najmniej jeden skoroszyt.")
            return RedirectResponse(f"/rok/{year}", status_code=303)
        done, refused = [], []
        for upload in uploads:
            data = await upload.read()
            name = upload.filename or ""
            try:
                await run_in_threadpool(probe, safe_name(name), data)  # bounded, in a child
                stored = store(self.states.year_dir(year), name, data)
            except Refused as why:
                _LOG.warning("rok %s: odrzucono plik %r: %s", year, name, why)
                refused.append(str(why))
                continue
            note = f" – zastąpiono {', '.join(stored.replaced)}" if stored.replaced else ""
            size = len(data)
            _LOG.info("rok %s: wgrano %r jako %r (%d B)%s", year, name, stored.name, size, note)
            done.append(_stored_message(safe_name(name), stored.name, stored.replaced))
        if refused:
            flash(request, "error", *refused, *done)
        else:
            flash(request, "ok", *done)
        return RedirectResponse(f"/rok/{year}#stan", status_code=303)

    async def confirm_remove(self, request: Request) -> Response:
        """„Usuń” asks first: the page names the file and where it goes."""
        year = self.year_or_404(request)
        name = str(request.query_params.get("plik", ""))
        if not any(p.name == name for p in (await self.view(year)).workbooks):
            flash(request, "error", f"W folderze roku nie ma pliku „{name}”.")
            return RedirectResponse(f"/rok/{year}#skoroszyty", status_code=303)
        return self.page(
            request, "confirm.html.j2", title=f"Usunąć „{name}”?", year=year, file=name
        )

    async def restore(self, request: Request) -> Response:
        year = self.year_or_404(request)
        form = await checked_form(request)
        file = str(form.get("plik", ""))
        if self.builder.running(year):
            flash(request, "error", "Trwa budowanie raportu. Przywróć plik, gdy się skończy.")
            return RedirectResponse(f"/rok/{year}", status_code=303)
        try:
            stored = restore(self.states.year_dir(year), file)
        except Refused as why:
            flash(request, "error", str(why))
        else:
            _LOG.info("rok %s: przywrócono %r z kosza", year, file)
            also = " (plik o tej nazwie trafił do kosza)" if stored.replaced else ""
            flash(request, "ok", f"Przywrócono „{stored.name}” z kosza{also}.")
        return RedirectResponse(f"/rok/{year}#skoroszyty", status_code=303)

    async def remove_year(self, request: Request) -> Response:
        year = self.year_or_404(request)
        form = await checked_form(request)
        if str(form.get("potwierdz", "")) != "tak":
            return self.page(request, "confirm.html.j2", title=f"Usunąć rok {year}?", year=year)
        try:
            remove_year(self.states.year_dir(year))
        except Refused as why:
            flash(request, "error", str(why))
            return RedirectResponse(f"/rok/{year}", status_code=303)
        _LOG.info("usunięto pusty folder roku %s", year)
        flash(request, "ok", f"Usunięto rok {year} (jego folder był pusty).")
        return RedirectResponse("/", status_code=303)

    async def remove(self, request: Request) -> Response:
        year = self.year_or_404(request)
        form = await checked_form(request)
        name = str(form.get("plik", ""))
        if self.builder.running(year):
            flash(request, "error", "Trwa budowanie raportu. Usuń plik, gdy się skończy.")
            return RedirectResponse(f"/rok/{year}", status_code=303)
        try:
            moved = to_trash(self.states.year_dir(year), name)
        except Refused as why:
            flash(request, "error", str(why))
        else:
            _LOG.info("rok %s: przeniesiono %r do %s", year, name, moved)
            flash(request, "ok", f"Usunięto „{name}” z danych roku. Możesz go przywrócić z kosza.")
        return RedirectResponse(f"/rok/{year}", status_code=303)

    async def build(self, request: Request) -> Response:
        year = self.year_or_404(request)
        await checked_form(request)
        job, new = self.builder.start(year)
        if not new:
            flash(request, "info", f"Raport {year} jest już budowany – oto postęp.")
        return RedirectResponse(f"/rok/{year}/budowa/{job.id}", status_code=303)

    def job_or_404(self, request: Request, year: int) -> Job:
        job = self.builder.job(str(request.path_params["job"]))
        if job is None or job.year != year:
            raise PageError(
                404,
                "Nie ma takiej budowy",
                "Ta budowa nie istnieje (np. serwer uruchomiono ponownie). Wróć do strony roku.",
            )
        return job

    async def progress(self, request: Request) -> Response:
        year = self.year_or_404(request)
        job = self.job_or_404(request, year)
        if job.finished and job.ok:
            return RedirectResponse(f"/rok/{year}#wyniki", status_code=303)
        title = f"Budowanie raportu {year}"
        return self.page(request, "build.html.j2", title=title, year=year, job=job)

    async def progress_json(self, request: Request) -> Response:
        year = self.year_or_404(request)
        job = self.job_or_404(request, year)
        return JSONResponse(
            {
                "stage": job.stage,
                "label": STAGE_LABELS.get(job.stage, job.stage),
                "step": job.step,
                "steps": len(STAGES),
                "finished": job.finished,
                "ok": job.ok,
            }
        )

    def downloads(self, year: int) -> list[tuple[str, str]]:
        folder = self.settings.output_dir / str(year)
        labels = {pattern.format(y=year): label for pattern, label in FILE_LABELS.items()}
        return [
            (name, labels.get(name, name))
            for name in output_names(year)
            if (folder / name).is_file()
        ]

    def preview_pages(self, year: int) -> list[Path]:
        return self.previews.pages(self.settings.output_dir / str(year) / f"raport-{year}.pdf")

    async def download(self, request: Request) -> Response:
        year = self.year_or_404(request)
        name = str(request.path_params["name"])
        path = self.settings.output_dir / str(year) / name
        if name not in output_names(year) or not path.is_file():
            raise PageError(404, "Nie ma takiego pliku", f"Raport {year} nie ma pliku „{name}”.")
        media = _CONTENT_TYPES[Path(name).suffix]
        return FileResponse(path, media_type=media, filename=name)

    async def preview(self, request: Request) -> Response:
        year = self.year_or_404(request)
        number = int(request.path_params["page"])
        pages = await run_in_threadpool(self.preview_pages, year)
        if not 1 <= number <= len(pages):
            raise PageError(404, "Brak podglądu", "Nie ma podglądu tej strony.")
        return FileResponse(pages[number - 1], media_type="image/png")

    async def metryczka(self, request: Request) -> Response:
        year = self.year_or_404(request)
        path = self.settings.output_dir / str(year) / f"metryczka-{year}.txt"
        if not path.is_file():
            raise PageError(
                404, "Brak metryczki", f"Metryczka powstaje razem z PDF-em. Zbuduj raport {year}."
            )
        return self.page(
            request,
            "metryczka.html.j2",
            title=f"Metryczka BIP {year}",
            year=year,
            text=path.read_text(encoding="utf-8"),
        )

    async def blank(self, request: Request) -> Response:
        """The blank workbook (``?format=ods`` for LibreOffice; ``?wydzial=1`` without the
        Metryczka, for another department)."""
        year = self.year_or_404(request)
        from reports.publish.newbook import workbook_bytes, workbook_path, year_workbook

        fmt = "ods" if request.query_params.get("format") == "ods" else "xlsx"
        department = "" if request.query_params.get("wydzial") else None

        def blank_bytes() -> bytes:
            book = year_workbook(self.settings.inputs_dir, year, department=department)
            return workbook_bytes(book, fmt)

        data = await run_in_threadpool(blank_bytes)
        name = workbook_path(self.settings.inputs_dir, year, department=department, fmt=fmt).name
        media = ODS_TYPE if fmt == "ods" else XLSX_TYPE
        return Response(data, media_type=media, headers=attachment(name))

    async def annotated(self, request: Request) -> Response:
        """The year's workbooks with their problems marked (one xlsx, or a ZIP of several)."""
        year = self.year_or_404(request)
        view = await self.view(year)
        from reports.publish.annotate import annotate_workbooks

        def copies() -> tuple[str, bytes] | None:
            with tempfile.TemporaryDirectory(prefix="raport-oznaczone-") as tmp:
                paths = annotate_workbooks(view.check, self.settings.inputs_dir, Path(tmp))
                if len(paths) == 1:
                    return paths[0].name, paths[0].read_bytes()
                if not paths:
                    return None
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                    for path in paths:
                        archive.write(path, path.name)
                return f"do-poprawy-{year}.zip", buffer.getvalue()

        made = await run_in_threadpool(copies)
        if made is None:
            raise PageError(
                404,
                "Brak kopii z zaznaczeniami",
                f"Żaden skoroszyt roku {year} nie ma problemów, które można zaznaczyć w komórkach.",
            )
        name, data = made
        media = "application/zip" if name.endswith(".zip") else XLSX_TYPE
        _LOG.info("rok %s: pobrano kopie z zaznaczonymi problemami (%s)", year, name)
        return Response(data, media_type=media, headers=attachment(name))

    async def registry(self, request: Request) -> Response:
        path = self.settings.inputs_dir / REGISTRY_FILE
        if not path.is_file():
            message = f"W folderze danych nie ma pliku {REGISTRY_FILE}."
            raise PageError(404, "Brak rejestru", message)
        return FileResponse(path, media_type=XLSX_TYPE, filename=REGISTRY_FILE)

    # -- login ----------------------------------------------------------------

    async def login_page(self, request: Request) -> Response:
        if self.settings.password is None:
            return RedirectResponse("/", status_code=303)
        return self.page(
            request, "login.html.j2", title="Logowanie", next=next_path(request), error=None
        )

    async def login(self, request: Request) -> Response:
        if self.settings.password is None:
            return RedirectResponse("/", status_code=303)
        form = await checked_form(request)
        client = request.client.host if request.client else "?"
        device = self.sessions.known_device(request.cookies.get(DEVICE_COOKIE))
        wait = self.limiter.wait(client, device)
        target = next_path(request, str(form.get("dalej", "/")))
        if wait > 0:
            _LOG.warning("logowanie z %s zablokowane na %.0f s", client, wait)
            return self.page(
                request,
                "login.html.j2",
                status_code=429,
                title="Logowanie",
                next=target,
                error=f"Zbyt wiele nieudanych prób. Spróbuj ponownie za {int(wait) + 1} s.",
            )
        if not password_ok(self.settings.password, str(form.get("haslo", ""))):
            self.limiter.failed(client, device)
            _LOG.warning("nieudane logowanie z %s", client)
            return self.page(
                request,
                "login.html.j2",
                status_code=401,
                title="Logowanie",
                next=target,
                error="Nieprawidłowe hasło. Spróbuj ponownie.",
            )
        self.limiter.succeeded(client, device)
        self.sessions.end(request.session.get("sid"))
        request.session.clear()
        request.session["sid"] = self.sessions.start()
        csrf_token(request.session)
        _LOG.info("zalogowano z %s", client)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            DEVICE_COOKIE,
            device or self.sessions.new_device(),
            max_age=SESSION_DAYS * 24 * 3600,
            httponly=True,
            samesite="strict",
        )
        return response

    async def logout(self, request: Request) -> Response:
        await checked_form(request)
        self.sessions.end(request.session.get("sid"))  # the cookie, if kept, opens nothing
        request.session.clear()
        return RedirectResponse("/logowanie", status_code=303)

    # -- errors ---------------------------------------------------------------

    async def error(self, request: Request, exc: Exception) -> Response:
        """Any failure as a Polish page (see :func:`reports.web.render.error_page`)."""
        return error_page(request, exc, login=self.settings.password is not None)


def _stored_message(uploaded: str, stored: str, replaced: tuple[str, ...]) -> str:
    """What the page says about one upload.

    >>> print(_stored_message("k.xlsx", "b.xlsx", ("b.ods",)))
    Wgrano „k.xlsx” jako „b.xlsx”: zastąpiono nim „b.ods” (poprzednia wersja jest w koszu).
    >>> _stored_message("a.xlsx", "a.xlsx", ())
    'Wgrano „a.xlsx”.'
    """
    text = f"Wgrano „{uploaded}”" + (f" jako „{stored}”" if stored != uploaded else "")
    if not replaced:
        return text + "."
    names = ", ".join(f"„{n}”" for n in replaced)
    return f"{text}: zastąpiono nim {names} (poprzednia wersja jest w koszu)."
