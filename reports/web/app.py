"""The page's application: routes from the years list to the downloads.

Every action calls what the commands call — :func:`~reports.checking.check.check_year`
for the problems, :func:`~reports.pipeline.generate` (in the warm worker) for a
build, :func:`~reports.publish.newbook.year_workbook` for the blank workbook — and
every failure is a Polish page; details go to the server's log only.
"""

from __future__ import annotations

import io
import logging
import re
import secrets
import tempfile
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from reports.checking.check import REGISTRY_FILE, available_years
from reports.inputs.problems import Problem
from reports.pipeline import output_names
from reports.polish.numbers import format_number
from reports.polish.plurals import plural
from reports.web.builder import STAGES, Builder, Job
from reports.web.preview import Previews
from reports.web.security import (
    BodyLimit,
    BodyTooLarge,
    LoginLimiter,
    csrf_ok,
    csrf_token,
    password_ok,
)
from reports.web.state import Status, YearStates, YearView
from reports.web.uploads import MAX_UPLOAD_BYTES, Refused, safe_name, store, to_trash

_LOG = logging.getLogger("raport.serve")
HERE = Path(__file__).parent
MAX_FILES = 20
MAX_REQUEST_BYTES = 2 * MAX_UPLOAD_BYTES
SESSION_SECONDS = 8 * 60 * 60
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
}

STAGE_LABELS = {
    "queued": "Czeka na swoją kolej",
    "check": "Sprawdzanie danych",
    "document": "Składanie treści raportu",
    "render": "Tworzenie plików DOCX i PDF",
    "write": "Zapisywanie plików",
    "done": "Zakończono",
}
#: What each output file is, by its name with the year as ``{y}``.
FILE_LABELS = {
    "raport-{y}.docx": "Raport do edycji (DOCX, Word lub LibreOffice)",
    "raport-{y}.pdf": "Raport do publikacji (PDF z tagami dostępności)",
    "raport-{y}.html": "Raport jako strona internetowa (HTML do BIP)",
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


class PageError(Exception):
    """A failure shown to the user as a Polish page with ``status``."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


@cache
def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(stage_labels=STAGE_LABELS, Status=Status, stages=STAGES)
    env.filters["plural"] = lambda n, one, few, many: f"{n} {plural(n, one, few, many)}"
    env.filters["seconds"] = lambda value: format_number(value, decimals=1)
    return env


def _year_number(request: Request) -> int:
    text = str(request.path_params["year"])
    if not re.fullmatch(r"\d{4}", text):
        raise PageError(404, "Nie ma takiego roku", f"„{text}” nie jest rokiem.")
    return int(text)


class LoginRequired:
    """ASGI middleware: with a password, every page but the login page needs a session."""

    OPEN = ("/logowanie", "/static/")

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.settings.password is None:
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        path = connection.url.path
        if connection.session.get("auth") is True or path.startswith(self.OPEN):
            await self.app(scope, receive, send)
            return
        target = "/logowanie" + (f"?dalej={quote(path)}" if path != "/" else "")
        await RedirectResponse(target, status_code=303)(scope, receive, send)


class Site:
    """The routes, bound to one inputs and one output folder."""

    def __init__(self, settings: Settings, builder: Builder) -> None:
        self.settings = settings
        self.builder = builder
        self.states = YearStates(settings.inputs_dir, settings.output_dir)
        self.previews = Previews()
        self.limiter = LoginLimiter()

    # -- helpers --------------------------------------------------------------

    def page(
        self, request: Request, name: str, status_code: int = 200, **values: Any
    ) -> HTMLResponse:
        session: dict[str, Any] = request.session if "session" in request.scope else {}
        values.setdefault("title", "raport")
        html = (
            templates()
            .get_template(name)
            .render(
                csrf=csrf_token(session),
                logged_in=self.settings.password is not None and session.get("auth") is True,
                flash=session.pop("flash", None),
                path=request.url.path,
                **values,
            )
        )
        return HTMLResponse(html, status_code=status_code)

    def flash(self, request: Request, kind: str, *lines: str) -> None:
        request.session["flash"] = {"kind": kind, "lines": list(lines)}

    async def form(self, request: Request, *, files: int = 0) -> Any:
        form = await request.form(max_files=files, max_fields=20)
        if not csrf_ok(request.session, form.get("csrf")):
            _LOG.warning("odrzucono formularz bez ważnego tokenu CSRF: %s", request.url.path)
            raise PageError(
                403,
                "Formularz wygasł",
                "Ten formularz jest nieaktualny (np. otwarty przed ponownym uruchomieniem "
                "serwera). Wróć, odśwież stronę i spróbuj jeszcze raz.",
            )
        return form

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
        form = await self.form(request)
        text = str(form.get("rok", "")).strip()
        if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
            self.flash(request, "error", f"„{text}” nie jest rokiem: wpisz cztery cyfry, np. 2026.")
            return RedirectResponse("/", status_code=303)
        folder = self.states.year_dir(int(text))
        folder.mkdir(parents=True, exist_ok=True)
        _LOG.info("utworzono folder roku %s", folder)
        self.flash(request, "ok", f"Dodano rok {text}. Pobierz pusty skoroszyt albo wgraj pliki.")
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
            self.flash(request, "error", "Trwa budowanie raportu. Wgraj pliki, gdy się skończy.")
            return RedirectResponse(f"/rok/{year}", status_code=303)
        form = await self.form(request, files=MAX_FILES)
        uploads = [f for f in form.getlist("pliki") if isinstance(f, UploadFile) and f.filename]
        if not uploads:
            self.flash(request, "error", "Nie wybrano pliku. Wybierz co najmniej jeden skoroszyt.")
            return RedirectResponse(f"/rok/{year}", status_code=303)
        done, refused = [], []
        for upload in uploads:
            data = await upload.read()
            name = upload.filename or ""
            try:
                replaced = store(self.states.year_dir(year), name, data)
            except Refused as why:
                _LOG.warning("rok %s: odrzucono plik %r: %s", year, name, why)
                refused.append(str(why))
                continue
            note = " – zastąpiono poprzedni" if replaced else ""
            _LOG.info("rok %s: wgrano %r (%d B)%s", year, name, len(data), note)
            clean = safe_name(name)
            done.append(
                f"Wgrano „{clean}”"
                + (" (poprzednia wersja jest w folderze .kosz)." if replaced else ".")
            )
        if refused:
            self.flash(request, "error", *refused, *done)
        else:
            self.flash(request, "ok", *done)
        return RedirectResponse(f"/rok/{year}#stan", status_code=303)

    async def remove(self, request: Request) -> Response:
        year = self.year_or_404(request)
        form = await self.form(request)
        name = str(form.get("plik", ""))
        if self.builder.running(year):
            self.flash(request, "error", "Trwa budowanie raportu. Usuń plik, gdy się skończy.")
            return RedirectResponse(f"/rok/{year}", status_code=303)
        try:
            moved = to_trash(self.states.year_dir(year), name)
        except Refused as why:
            self.flash(request, "error", str(why))
        else:
            _LOG.info("rok %s: przeniesiono %r do %s", year, name, moved)
            self.flash(
                request, "ok", f"Usunięto „{name}” z danych roku (kopia jest w folderze .kosz)."
            )
        return RedirectResponse(f"/rok/{year}", status_code=303)

    async def build(self, request: Request) -> Response:
        year = self.year_or_404(request)
        await self.form(request)
        job, new = self.builder.start(year)
        if not new:
            self.flash(request, "info", f"Raport {year} jest już budowany – oto postęp.")
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
        year = self.year_or_404(request)
        from reports.publish.newbook import year_workbook

        def blank_bytes() -> bytes:
            buffer = io.BytesIO()
            year_workbook(self.settings.inputs_dir, year).save(buffer)
            return buffer.getvalue()

        data = await run_in_threadpool(blank_bytes)
        return Response(data, media_type=XLSX_TYPE, headers=_attachment(f"raport-{year}.xlsx"))

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
                return f"oznaczone-{year}.zip", buffer.getvalue()

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
        return Response(data, media_type=media, headers=_attachment(name))

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
            request, "login.html.j2", title="Logowanie", next=_next(request), error=None
        )

    async def login(self, request: Request) -> Response:
        if self.settings.password is None:
            return RedirectResponse("/", status_code=303)
        form = await self.form(request)
        client = request.client.host if request.client else "?"
        wait = self.limiter.wait(client)
        target = _next(request, str(form.get("dalej", "/")))
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
            self.limiter.failed(client)
            _LOG.warning("nieudane logowanie z %s", client)
            return self.page(
                request,
                "login.html.j2",
                status_code=401,
                title="Logowanie",
                next=target,
                error="Nieprawidłowe hasło. Spróbuj ponownie.",
            )
        self.limiter.succeeded(client)
        request.session.clear()
        request.session["auth"] = True
        csrf_token(request.session)
        _LOG.info("zalogowano z %s", client)
        return RedirectResponse(target, status_code=303)

    async def logout(self, request: Request) -> Response:
        await self.form(request)
        request.session.clear()
        return RedirectResponse("/logowanie", status_code=303)

    # -- errors ---------------------------------------------------------------

    async def error(self, request: Request, exc: Exception) -> Response:
        if isinstance(exc, PageError):
            status, title, message = exc.status, exc.title, exc.message
        elif isinstance(exc, BodyTooLarge):
            status, title = 413, "Za duży plik"
            message = (
                f"Przesłane pliki są za duże: najwyżej {MAX_UPLOAD_BYTES // 1024 // 1024} MB "
                f"na plik i {MAX_REQUEST_BYTES // 1024 // 1024} MB razem. Wgraj mniejsze pliki "
                "albo po jednym."
            )
        elif isinstance(exc, HTTPException) and exc.status_code == 404:
            status, title = 404, "Nie ma takiej strony"
            message = "Sprawdź adres albo wróć do listy lat."
        elif isinstance(exc, HTTPException) and exc.status_code == 405:
            status, title = 405, "Niedozwolona operacja"
            message = "Tej strony nie otwiera się w ten sposób. Wróć do listy lat."
        elif isinstance(exc, HTTPException) and exc.status_code < 500:
            status, title = exc.status_code, "Nieprawidłowe żądanie"
            message = "Przeglądarka wysłała nieprawidłowe dane. Odśwież stronę i spróbuj ponownie."
            _LOG.warning("żądanie odrzucone (%s): %s", exc.status_code, exc.detail)
        else:
            status, title = 500, "Błąd programu"
            message = (
                "Coś poszło nie tak po stronie programu. Spróbuj ponownie; jeśli błąd się "
                "powtórzy, przekaż administratorowi dziennik serwera."
            )
            _LOG.exception("błąd podczas obsługi %s %s", request.method, request.url.path)
        return self.page(request, "error.html.j2", status_code=status, title=title, message=message)


def _attachment(name: str) -> dict[str, str]:
    """A Content-Disposition header for downloading ``name`` (Polish letters kept).

    >>> print(_attachment("wydział.xlsx")["Content-Disposition"])
    attachment; filename="wydzia_.xlsx"; filename*=UTF-8''wydzia%C5%82.xlsx
    """
    fallback = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    value = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return {"Content-Disposition": value}


def _next(request: Request, value: str | None = None) -> str:
    """Where to go after logging in: a local path only."""
    target = value if value is not None else request.query_params.get("dalej", "/")
    return target if re.fullmatch(r"/[\w\-/.#%]*", target) and "//" not in target else "/"


def create_app(settings: Settings, builder: Builder | None = None) -> Starlette:
    """The application; starts the warm worker unless one is given."""
    builder = builder or Builder(settings.inputs_dir, settings.output_dir)
    site = Site(settings, builder)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        builder.close()

    handler: Callable[[Request, Exception], Awaitable[Response]] = site.error
    year = "/rok/{year}"
    routes = [
        Route("/", site.years),
        Route("/nowy-rok", site.new_year, methods=["POST"]),
        Route("/logowanie", site.login_page),
        Route("/logowanie", site.login, methods=["POST"]),
        Route("/wyloguj", site.logout, methods=["POST"]),
        Route("/rejestr.xlsx", site.registry),
        Route(year, site.year),
        Route(f"{year}/problemy", site.problems),
        Route(f"{year}/problemy/oznaczone", site.annotated),
        Route(f"{year}/wgraj", site.upload, methods=["POST"]),
        Route(f"{year}/usun", site.remove, methods=["POST"]),
        Route(f"{year}/buduj", site.build, methods=["POST"]),
        Route(f"{year}/budowa/{{job}}", site.progress),
        Route(f"{year}/budowa/{{job}}/stan", site.progress_json),
        Route(f"{year}/pliki/{{name}}", site.download),
        Route(f"{year}/podglad/{{page:int}}", site.preview),
        Route(f"{year}/metryczka", site.metryczka),
        Route(f"{year}/pusty-skoroszyt", site.blank),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(BodyLimit, limit=MAX_REQUEST_BYTES),
        Middleware(
            SessionMiddleware,
            secret_key=settings.secret,
            session_cookie="raport_sesja",
            max_age=SESSION_SECONDS,
            same_site="strict",
        ),
        Middleware(LoginRequired, settings=settings),
    ]
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            Exception: handler,
            HTTPException: handler,
            PageError: handler,
            BodyTooLarge: handler,
        },
        lifespan=lifespan,
    )
