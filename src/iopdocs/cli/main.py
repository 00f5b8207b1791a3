"""The `iopdocs` command group and what its commands share: options, the project, errors.

The commands only call: each parses its options, makes one library call and
turns the result into output and an exit code. Heavy modules are imported
inside the commands, so `iopdocs validate` never loads Word, PDF or the web.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iopdocs import __version__
from iopdocs.build import project as proj
from iopdocs.cli import swedishclick
from iopdocs.errors import IopdocsError

swedishclick.install()  # before any option is declared: click.Path names itself then

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ISO_DAY = swedishclick.IsoDay()

SETTINGS_OPTION = click.option(
    "--installningar",
    "--settings",
    "settings",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Organisationens inställningsfil (standard: iopdocs.yaml i projektmappen).",
)


@click.group("iopdocs", cls=swedishclick.Group)
@click.version_option(__version__, prog_name="iopdocs")
def main() -> None:
    """Skapa tjänsteskrivelser och IOP-överenskommelser ur ärendefiler."""


def project_options(func):
    """Stack the options every case command shares."""
    options = [
        SETTINGS_OPTION,
        click.option(
            "--mallar",
            "--templates",
            "templates",
            type=click.Path(file_okay=False, path_type=Path),
            help="Mallmapp som ersätter inställningarnas.",
        ),
        click.option(
            "--ut",
            "--out",
            "output",
            type=click.Path(path_type=Path),  # a file here is refused in Swedish (output_lock)
            default=Path("output"),
            show_default=True,
            help="Mapp för de färdiga dokumenten.",
        ),
        click.option(
            "--jobb",
            "--jobs",
            "jobs",
            type=click.IntRange(min=1),
            metavar="ANTAL",
            default=None,
            help="Antal processer (standard: en per kärna).",
        ),
        click.argument("cases", nargs=-1, type=click.Path(path_type=Path), metavar="[ÄRENDE]..."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_project(
    settings: Path | None, templates: Path | None, output: Path, **flags
) -> proj.Project:
    """Return the Project the options describe."""
    settings_file = settings or proj.find_settings(Path.cwd())
    return proj.Project(settings_file.resolve(), output, templates, **flags)


def case_files(cases: tuple[Path, ...], project: proj.Project) -> list[Path]:
    """Return the case files named, or every case under cases/."""
    return proj.discover_cases(list(cases) or [project.settings_file.parent / "cases"])


def run(action):
    """Run a library call; an IopdocsError becomes a message and exit code 2."""
    try:
        return action()
    except IopdocsError as exc:
        click.echo(f"iopdocs: {exc}", err=True)
        sys.exit(EXIT_USAGE)
