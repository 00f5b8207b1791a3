"""`iopdocs serve`: the workbench in the browser, for the project folder."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from iopdocs.cli.main import EXIT_USAGE, SETTINGS_OPTION, main, run


@main.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    metavar="PORT",
    default=8000,
    show_default=True,
    help="Porten arbetsytan lyssnar på (0: en ledig port).",
)
@click.option(
    "--adress",
    "host",
    metavar="ADRESS",
    default="127.0.0.1",
    show_default=True,
    help="Adressen arbetsytan lyssnar på. En annan än datorns egen kräver en nyckel, som skrivs ut.",
)
@click.option(
    "--oppna", "--öppna", "open_browser", is_flag=True, help="Öppna arbetsytan i webbläsaren."
)
@SETTINGS_OPTION
def serve_command(port: int, host: str, open_browser: bool, settings: Path | None) -> None:
    """Starta arbetsytan: ärendena som formulär, kontroller medan du skriver, förhandsvisning."""
    from iopdocs.build.project import Project, find_settings
    from iopdocs.web import server

    settings_file = run(lambda: (settings or find_settings(Path.cwd())).resolve())
    project = Project(settings_file, settings_file.parent / "output")
    try:
        options, sock = server.prepare(host, port)
    except server.ServeError as exc:
        click.echo(f"iopdocs: {exc}", err=True)
        sys.exit(EXIT_USAGE)

    def ready() -> None:
        click.echo(f"Arbetsytan för {settings_file.parent}: {server.address(options)}")
        if options.token:
            click.echo(
                "Adressen är nåbar från andra datorer: bara den som har nyckeln i länken kommer in."
            )
        click.echo("Avsluta med Ctrl+C.")

    with contextlib.suppress(KeyboardInterrupt):  # uvicorn stops cleanly, then passes Ctrl+C on
        server.serve(project, options, sock, open_browser, ready)
    click.echo("Arbetsytan är stängd.")
