"""The workbench as an ASGI application: routes, pages, error pages, start and stop.

Starlette routes each request to a small view; the views only call the
build, publish and authoring layers. Pages are Jinja templates (autoescaped)
with htmx for the parts that change while the user types.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from iopdocs.web import views_edit, views_list, views_new, views_output, views_takeback
from iopdocs.web.pages import error_page
from iopdocs.web.security import LOCAL_HOSTS, Guard, Refused, is_local
from iopdocs.web.workbench import NotACase, Workbench

HERE = Path(__file__).parent


async def _http_error(request: Request, exc: Exception) -> Response:
    """Answer Starlette's HTTP errors (404, 405 …) with the Swedish page."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return error_page(request, status)


async def _refused(request: Request, exc: Exception) -> Response:
    """Answer a refused request with its reason."""
    assert isinstance(exc, Refused)
    return error_page(request, exc.status, exc.message)


async def _not_utf8(request: Request, exc: Exception) -> Response:
    """Answer a case file that is not UTF-8: it cannot be edited here until it is."""
    return error_page(
        request,
        400,
        "Ärendefilen är inte sparad som UTF-8 och kan inte öppnas här. Spara om den som UTF-8 "
        "i en textredigerare (kör iopdocs validate för att se var felet är).",
    )


async def _not_a_case(request: Request, exc: Exception) -> Response:
    """Answer a request for a file that is no case of the project."""
    return error_page(request, 404, "Ärendet finns inte bland projektets ärendefiler i cases/.")


def routes() -> list:
    """Return the workbench's routes."""
    return [
        Route("/", views_list.index),
        Route("/osparat/{name}", views_list.orphan_choice, methods=["POST"]),
        Route("/sammantrade/{day}/bygg", views_output.build_meeting, methods=["POST"]),
        Route("/nytt", views_new.new_form),
        Route("/nytt", views_new.create, methods=["POST"]),
        Route("/nytt/kontroll", views_new.check_answers, methods=["POST"]),
        Route("/nytt/part", views_new.party_row, methods=["POST"]),
        Route("/arende/{name}", views_edit.editor),
        Route("/arende/{name}/andra", views_edit.change, methods=["POST"]),
        Route("/arende/{name}/lista", views_edit.reshape, methods=["POST"]),
        Route("/arende/{name}/spara", views_edit.save, methods=["POST"]),
        Route("/arende/{name}/utkast", views_edit.draft_choice, methods=["POST"]),
        Route("/arende/{name}/konflikt", views_edit.conflict_choice, methods=["POST"]),
        Route("/arende/{name}/forhandsvisning", views_output.preview),
        Route("/arende/{name}/sida/{key}/{page:int}.png", views_output.page_image),
        Route("/arende/{name}/sida/{key}.pdf", views_output.preview_pdf),
        Route("/arende/{name}/bygg", views_output.build_case, methods=["POST"]),
        Route("/arende/{name}/forlang", views_new.extend, methods=["POST"]),
        Route("/arende/{name}/avsluta", views_new.end_form),
        Route("/arende/{name}/avsluta", views_new.end, methods=["POST"]),
        Route("/arende/{name}/hamta", views_takeback.upload, methods=["POST"]),
        Route("/arende/{name}/hamta/{key}", views_takeback.review),
        Route("/arende/{name}/hamta/{key}", views_takeback.save, methods=["POST"]),
        Route("/utdata/{folder}/{file}", views_output.download),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]


def create_app(bench: Workbench) -> Starlette:
    """Return the workbench application for a project; LibreOffice starts and stops with it."""

    @asynccontextmanager
    async def lifespan(app: Starlette):
        await run_in_threadpool(bench.previewer.start)
        try:
            yield
        finally:
            await run_in_threadpool(bench.previewer.stop)

    options = bench.options
    hosts = set(LOCAL_HOSTS) if is_local(options.host) else None
    if hosts is not None:
        hosts.add(options.host)
    app = Starlette(
        routes=routes(),
        middleware=[Middleware(Guard, hosts=hosts, token=options.token, error_page=error_page)],
        exception_handlers={
            HTTPException: _http_error,
            Refused: _refused,
            NotACase: _not_a_case,
            UnicodeDecodeError: _not_utf8,
        },
        lifespan=lifespan,
    )
    app.state.bench = bench
    return app
