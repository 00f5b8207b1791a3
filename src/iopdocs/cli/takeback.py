"""`iopdocs hamta`: show, and with --skriv write, what an edited document changes in its case."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iopdocs.cli.main import EXIT_FAILED, EXIT_OK, SETTINGS_OPTION, main, make_project, run


@main.command("hamta")
@click.argument(
    "document", metavar="DOKUMENT", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--arende",
    "--ärende",
    "case_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Ärendefilen (standard: den som dokumentet gjordes av).",
)
@click.option("--skriv", "write", is_flag=True, help="Skriv ändringarna till ärendefilen.")
@click.option(
    "--ut",
    "--out",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Mappen med de färdiga dokumenten.",
)
@click.option(
    "--mallar",
    "--templates",
    "templates",
    type=click.Path(file_okay=False, path_type=Path),
    help="Mallmapp som ersätter inställningarnas.",
)
@SETTINGS_OPTION
def hamta_command(document, case_file, write, output, templates, settings) -> None:
    """Hämta ändringar som gjorts i Word eller LibreOffice tillbaka till ärendefilen.

    Visar ändringarna i ärendefilen som en diff; --skriv skriver dem. Det som
    inte kan hämtas (tabeller, rubriker, färger …) visas med vad som ska
    ändras i stället. Slutkod 0 när allt kunde hämtas, 1 när något inte kunde det.
    """
    from iopdocs.authoring import takeback
    from iopdocs.word import zipread

    project = run(lambda: make_project(settings, templates, output))
    data = run(lambda: _read(document, zipread))
    proposal = run(lambda: takeback.propose(data, document.name, project, case_file, document))
    click.echo(f"{document} → {proposal.case_file}")
    if not proposal.changes and not proposal.refused:
        click.echo("Dokumentet är som när det skapades: inget att hämta.")
        sys.exit(EXIT_OK)
    if proposal.changes:
        click.echo(f"\nÄndringar som kan hämtas ({len(proposal.changes)}):")
        for change in proposal.changes:
            click.echo(f"  {change.label} ({change.place})")
        click.echo("")
        click.echo(takeback.diff(proposal), nl=False)
    if proposal.refused:
        click.echo(f"\nKan inte hämtas ({len(proposal.refused)}):", err=True)
        for refused in proposal.refused:
            click.echo(f"  {refused}", err=True)
    if write and proposal.changes:
        written = run(lambda: takeback.write(proposal, project, on_wait=_say_waiting))
        click.echo(f"\n{written.case_file}: {_changes(written.changes)} skrivna.")
        if written.document_released:
            click.echo(f"{document}: nästa build gör om dokumentet ur ärendefilen.")
    elif write:
        click.echo("\nInget kunde hämtas; ärendefilen är oförändrad.")
    elif proposal.changes:
        click.echo("\nKör med --skriv för att skriva ändringarna till ärendefilen.")
    sys.exit(EXIT_FAILED if proposal.refused else EXIT_OK)


def _say_waiting(holder: str) -> None:
    who = f" ({holder})" if holder else ""
    click.echo(f"Ett bygge skriver i utmappen{who}. Väntar tills det är klart …", err=True)


def _changes(count: int) -> str:
    return "1 ändring" if count == 1 else f"{count} ändringar"


def _read(document: Path, zipread) -> bytes:
    """Return a document's bytes, refusing what is not a reasonable .docx, in Swedish."""
    from iopdocs.authoring.takeback import TakebackError
    from iopdocs.errors import os_reason

    try:
        return zipread.read_docx_file(document)
    except OSError as exc:
        raise TakebackError(f"{document}: kan inte läsas: {os_reason(exc)}.") from exc
    except zipread.PackageError as exc:
        raise TakebackError(f"{document}: kan inte läsas som Word-dokument ({exc}).") from exc
