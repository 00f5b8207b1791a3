"""Print what a build or validation did, for people; return the exit code."""

from __future__ import annotations

import click

from iopdocs.build import CaseReport
from iopdocs.write import Outcome


def print_reports(reports: list[CaseReport], wrote: bool) -> int:
    """Print every case's problems and writes, then a summary; return 0 or 1."""
    for report in reports:
        _print_case(report)
    failed = [r for r in reports if r.failed]
    warnings = sum(p.severity == "varning" for r in reports for p in r.problems)
    kept = sum(w.outcome is Outcome.KEPT_EDITED for r in reports for w in r.writes)
    verb = "byggda" if wrote else "godkända"
    click.echo(
        f"\n{len(reports) - len(failed)} av {len(reports)} ärenden {verb}, "
        f"{len(failed)} med fel, {warnings} varningar"
        + (f", {kept} handändrade dokument behållna" if kept else "")
        + "."
    )
    return 1 if failed or kept else 0


def _print_case(report: CaseReport) -> None:
    """Print one case: its problems, then what happened to each document."""
    for problem in report.problems:
        click.echo(str(problem), err=problem.severity == "fel")
    if report.failure:
        click.echo(f"{report.file}: {report.failure}", err=True)
    for write in report.writes:
        if write.note:
            click.echo(write.note, err=write.outcome is Outcome.KEPT_EDITED)
        click.echo(f"{write.path}: {write.outcome.value}")
