"""Who may use the workbench: the host it answers to, the token, CSRF, and errors without content.

- Only requests for the address the workbench listens on are answered (a
  web page elsewhere cannot reach it through a DNS name of its own).
- Served on another address than the machine's own, every request needs the
  token printed at start: `?nyckel=…` once, then a cookie (HttpOnly,
  SameSite=Strict).
- Every change (POST) carries the page's CSRF key, in the `X-CSRF-Token`
  header (htmx) or the `csrf` form field, and a cross-site Origin is refused.
- An unexpected error gives a Swedish page and a log line that names the
  exception's type only: case content never reaches the log.
"""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlencode

from starlette.datastructures import URL, FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
TOKEN_PARAMETER = "nyckel"
TOKEN_COOKIE = "iopdocs_nyckel"
# A form of a case file may be a little larger than the file (2 MB) once encoded.
MAX_REQUEST_BYTES = 8_000_000
log = logging.getLogger("iopdocs.web")
TOO_LARGE = (
    "Begäran är för stor. En ärendefil får vara högst 2 MB och ett uppladdat dokument högst 7 MB."
)


class Refused(Exception):
    """A request that may not be answered: its status and the Swedish reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def is_local(host: str) -> bool:
    """Return whether an address is this machine's own (loopback)."""
    return host in LOCAL_HOSTS or host.startswith("127.")


def new_token() -> str:
    """Return a fresh access token."""
    return secrets.token_urlsafe(24)


def check_csrf(request: Request, form: FormData | None, expected: str) -> None:
    """Raise Refused unless the request carries the page's CSRF key and comes from our origin."""
    given = request.headers.get("x-csrf-token") or (form.get("csrf") if form else None)
    if not isinstance(given, str) or not secrets.compare_digest(given, expected):
        raise Refused(403, "Begäran saknar sidans säkerhetsnyckel. Ladda om sidan och försök igen.")
    origin = request.headers.get("origin")
    if origin and origin != "null" and URL(origin).netloc != request.headers.get("host"):
        raise Refused(403, "Begäran kom från en annan webbplats och avvisades.")


class Guard:
    """ASGI middleware: host check, access token, and errors answered without their content."""

    def __init__(self, app: ASGIApp, hosts: set[str] | None, token: str | None, error_page) -> None:
        self.app = app
        self.hosts = hosts
        self.token = token
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request, or refuse it."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = self._refusal(request)
        if response is not None:
            await response(scope, receive, send)
            return
        started = False
        received = 0

        async def limited():
            """Pass the body on, and stop a request longer than it may be (chunked, no length)."""
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > MAX_REQUEST_BYTES:
                raise Refused(413, TOO_LARGE)
            return message

        async def tracked(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            # An upload (…/hamta) counts its own body, with its own limit and message.
            uploading = scope["path"].endswith("/hamta")
            await self.app(scope, receive if uploading else limited, tracked)
        except Exception as exc:  # the log gets the type only, never the message
            log.error(
                "Internt fel vid %s %s: %s", request.method, scope["path"], type(exc).__name__
            )
            if not started:
                await self.error_page(request, 500)(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        """Return the response that refuses a request, or None to let it through."""
        size = request.headers.get("content-length", "0")
        if not size.isdigit() or int(size) > MAX_REQUEST_BYTES:
            return self.error_page(request, 413, TOO_LARGE)
        host = request.url.hostname or ""
        if self.hosts is not None and host not in self.hosts:
            return self.error_page(
                request,
                400,
                "Okänd värd. Öppna arbetsytan med adressen som skrevs ut när den startade.",
            )
        if self.token is None:
            return None
        given = request.query_params.get(TOKEN_PARAMETER)
        if given is not None and secrets.compare_digest(given, self.token):
            return _set_cookie_and_strip(request, self.token)
        cookie = request.cookies.get(TOKEN_COOKIE, "")
        if secrets.compare_digest(cookie, self.token):
            return None
        return self.error_page(
            request,
            401,
            "Nyckel saknas. Öppna arbetsytan med länken (med ?nyckel=…) som skrevs ut när den startade.",
        )


def _set_cookie_and_strip(request: Request, token: str) -> Response:
    """Return a redirect to the same page without the token, setting the token cookie."""
    rest = [(k, v) for k, v in request.query_params.multi_items() if k != TOKEN_PARAMETER]
    target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response
