"""The page's application: the Starlette app, its routes and its middleware.

The routes are :class:`~reports.web.pages.Site`'s; the HTML is
:mod:`reports.web.render`'s; the session and its checks are
:mod:`reports.web.session`'s and :mod:`reports.web.security`'s.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from reports.web.builder import Builder
from reports.web.pages import Settings as Settings
from reports.web.pages import Site
from reports.web.render import HERE, PageError
from reports.web.security import BodyLimit, BodyTooLarge, SecurityHeaders, Sessions
from reports.web.session import LoginRequired
from reports.web.uploads import MAX_REQUEST_BYTES as MAX_REQUEST_BYTES

SESSION_SECONDS = 8 * 60 * 60


def create_app(settings: Settings, builder: Builder | None = None) -> Starlette:
    """The application; starts the warm worker unless one is given."""
    builder = builder or Builder(settings.inputs_dir, settings.output_dir)
    sessions = Sessions(SESSION_SECONDS)
    site = Site(settings, builder, sessions)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        builder.close()
        site.previews.close()

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
        Route(f"{year}/usun", site.confirm_remove),
        Route(f"{year}/usun", site.remove, methods=["POST"]),
        Route(f"{year}/przywroc", site.restore, methods=["POST"]),
        Route(f"{year}/usun-rok", site.remove_year, methods=["POST"]),
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
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=MAX_REQUEST_BYTES),
        Middleware(
            SessionMiddleware,
            secret_key=settings.secret,
            session_cookie="raport_sesja",
            max_age=SESSION_SECONDS,
            same_site="strict",
        ),
        Middleware(LoginRequired, password=settings.password, sessions=sessions),
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
