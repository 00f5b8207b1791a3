"""Run the workbench: bind the address, build the app, serve until stopped.

The socket is bound here, before uvicorn starts, so that the address (and a
port chosen by the system with --port 0) is known and can be announced; the
click command prints it. Uvicorn's access log is off: request lines name case
files, and nothing about a case goes to the log.
"""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import replace

from iopdocs.build.project import Project
from iopdocs.web.security import TOKEN_PARAMETER, is_local, new_token
from iopdocs.web.workbench import Options, Workbench


class ServeError(OSError):
    """The workbench cannot listen on the address asked for."""


def bind(host: str, port: int) -> socket.socket:
    """Return a listening socket on host:port; raise ServeError with a Swedish message."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as exc:
        raise ServeError(
            f"Kan inte lyssna på {host}:{port} ({exc.strerror or exc}). "
            "Välj en annan port med --port, eller stäng programmet som använder den."
        ) from exc
    return sock


def prepare(host: str, port: int, preview: bool = True) -> tuple[Options, socket.socket]:
    """Return the workbench's options (a token when the address is not local) and its socket."""
    sock = bind(host, port)
    options = Options(host=host, port=sock.getsockname()[1], preview=preview)
    if not is_local(host):
        options = replace(options, token=new_token())
    return options, sock


def address(options: Options) -> str:
    """Return the address to open in a browser (with the token, when there is one)."""
    host = f"[{options.host}]" if ":" in options.host else options.host
    shown = "127.0.0.1" if host in ("0.0.0.0", "[::]") else host
    url = f"http://{shown}:{options.port}/"
    return f"{url}?{TOKEN_PARAMETER}={options.token}" if options.token else url


def serve(
    project: Project,
    options: Options,
    sock: socket.socket,
    open_browser: bool = False,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Serve the workbench on `sock` until interrupted; LibreOffice starts and stops with it."""
    import uvicorn

    from iopdocs.web.app import create_app

    app = create_app(Workbench(project, options))
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, server_header=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [address(options)]).start()
    if on_ready:
        on_ready()
    server.run(sockets=[sock])
