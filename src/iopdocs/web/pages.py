"""The workbench's pages: the template environment, rendering, and the Swedish error page."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from iopdocs.swedish.formatting import count

HERE = Path(__file__).parent
TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.globals["zip"] = zip
# A count with its noun in the right number: {{ n|antal("varning", "varningar") }}.
TEMPLATES.filters["antal"] = count
# A problem's level as the pages name it; a level added later shows under its own name.
LEVELS = {"fel": "Fel", "varning": "Varning", "språk": "Språk"}
TEMPLATES.filters["niva"] = lambda severity: LEVELS.get(severity, str(severity).capitalize())
STATUS_TITLES = {
    400: "Felaktig begäran",
    401: "Nyckel saknas",
    403: "Åtkomst nekad",
    404: "Sidan finns inte",
    405: "Metoden stöds inte",
    409: "Filen har ändrats",
    413: "För stor begäran",
    500: "Något gick fel",
}
STATUS_TEXTS = {
    404: "Sidan eller ärendet finns inte. Gå tillbaka till ärendelistan.",
    405: "Sidan kan inte användas så. Gå tillbaka till ärendelistan.",
    500: "Ett oväntat fel inträffade. Inget har skrivits över. Ladda om sidan och försök igen.",
}


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """Return a template rendered as an HTML response, with the workbench's common context."""
    bench = request.app.state.bench
    html = TEMPLATES.get_template(template).render(csrf=bench.csrf, request=request, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str = "") -> Response:
    """Return the Swedish error page for a status."""
    title = STATUS_TITLES.get(status, "Fel")
    text = message or STATUS_TEXTS.get(status, "Begäran kunde inte utföras.")
    html = TEMPLATES.get_template("fel.html").render(
        csrf="", status=status, title=title, message=text, request=request
    )
    return HTMLResponse(html, status_code=status)
