"""`iopdocs arkivera`: decided cases as information packages for the e-archive."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iopdocs.cli.main import (
    EXIT_FAILED,
    EXIT_OK,
    ISO_DAY,
    case_files,
    main,
    make_project,
    project_options,
    run,
)
from iopdocs.cli.report import print_problems
from iopdocs.swedish.formatting import count


@main.command("arkivera")
@project_options
@click.option(
    "--sammantrade",
    "--meeting",
    "meeting_day",
    type=ISO_DAY,
    help="Arkivera sammanträdets beslutade ärenden.",
)
@click.option(
    "-o",
    "--mapp",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Mapp för paketen (standard: arkiv/ i utmappen).",
)
def archive_command(cases, settings, templates, output, jobs, meeting_day, folder):
    """Skriv informationspaket (FGS Paketstruktur 2.0) för beslutade ärenden."""
    from iopdocs.archive.collect import archive
    from iopdocs.build import batch

    project = run(lambda: make_project(settings, templates, output))
    files = run(lambda: case_files(cases, project))
    if meeting_day is not None:
        from iopdocs.build import meeting

        files = meeting.select(files, meeting_day.date())
    target = folder or project.output / "arkiv"
    reports = run(lambda: archive(files, project, target, jobs or batch.default_jobs()))
    sys.exit(_print(reports, meeting_day is not None))


def _print(reports, whole_meeting: bool) -> int:
    """Print each case's package or problems; return 1 when a case named got no package.

    For a meeting, a case that is not decided yet is only mentioned: the
    meeting's decided cases are what is archived.
    """
    failed = 0
    for report in reports:
        undecided = [p for p in report.problems if p.code == "A001"]
        if whole_meeting and undecided and not report.build.failed:
            click.echo(f"{report.build.file}: inte beslutat, arkiveras inte.")
            continue
        print_problems([report.build])
        for problem in report.problems:
            click.echo(str(problem), err=problem.severity == "fel")
        if report.package is not None:
            write = report.package
            click.echo(f"{write.path}: {write.outcome.value} (paket {write.detail})")
        failed += report.failed
    packages = sum(r.package is not None for r in reports)
    click.echo(f"\n{packages} paket, {count(failed, 'ärende', 'ärenden')} med fel.")
    return EXIT_FAILED if failed else EXIT_OK
