"""Show what a build or validation did, for people; return the exit code."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from typing import TYPE_CHECKING

import click

from iopdocs.build.manifest import Outcome
from iopdocs.build.project import CaseReport
from iopdocs.swedish.formatting import count

if TYPE_CHECKING:
    from iopdocs.build.meeting import MeetingResult

# Larger batches list only problems and the summary; the progress lines name every case.
LIST_WRITES_UP_TO = 20


@contextlib.contextmanager
def progress_display(total: int, validate_only: bool):
    """Yield a callback that shows progress: a bar on a terminal, else a line a case."""
    label = "Kontrollerar" if validate_only else "Bygger"
    if sys.stderr.isatty() and total > 1:
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield lambda report: bar.update(1)
        return
    done = 0

    def line(report: CaseReport) -> None:
        nonlocal done
        done += 1
        click.echo(f"[{done}/{total}] {report.file}: {_state(report, validate_only)}", err=True)

    yield line


def _state(report: CaseReport, validate_only: bool) -> str:
    """Return one word or phrase for what happened to a case."""
    if report.failed:
        return "fel"
    if validate_only:
        return "godkänt"
    if report.unchanged:
        return "oförändrat"
    return f"byggt ({report.reason})"


def print_reports(reports: list[CaseReport], wrote: bool) -> int:
    """Print every case's problems and writes, then a summary; return 0 or 1."""
    list_writes = len(reports) <= LIST_WRITES_UP_TO
    for report in reports:
        _print_case(report, list_writes)
    click.echo(_summary(reports, wrote))
    kept = any(w.outcome is Outcome.KEPT_EDITED for r in reports for w in r.writes)
    return 1 if kept or any(r.failed for r in reports) else 0


def _print_case(report: CaseReport, list_writes: bool) -> None:
    """Print one case: its problems, then (for small batches) each written document."""
    for problem in report.problems:
        click.echo(str(problem), err=problem.severity == "fel")
    if report.failure:
        click.echo(f"{report.file}: fel: {report.failure}", err=True)
    for write in report.writes:
        if write.note:
            click.echo(write.note, err=write.outcome is Outcome.KEPT_EDITED)
        if list_writes and write.outcome is not Outcome.UNCHANGED:
            click.echo(f"{write.path}: {write.label}")


def _summary(reports: list[CaseReport], wrote: bool) -> str:
    """Return the closing summary: built, unchanged, failed with reasons, warnings."""
    failed = [r for r in reports if r.failed]
    warnings = sum(p.severity == "varning" for r in reports for p in r.problems)
    said = count(warnings, "varning", "varningar")
    if not wrote:
        ok = len(reports) - len(failed)
        remarks = sum(p.severity == "språk" for r in reports for p in r.problems)
        language = f", {count(remarks, 'anmärkning', 'anmärkningar')} om språket" if remarks else ""
        return (
            f"\n{ok} av {count(len(reports), 'ärende', 'ärenden')} "
            f"{_agreeing(ok, 'godkänt', 'godkända')}, {len(failed)} med fel, {said}{language}."
        )
    built = [r for r in reports if not r.failed and not r.unchanged]
    unchanged = sum(r.unchanged for r in reports)
    lines = [
        f"\nSammanfattning: {len(built)} {_agreeing(len(built), 'byggt', 'byggda')}, "
        f"{unchanged} {_agreeing(unchanged, 'oförändrat', 'oförändrade')}, "
        f"{len(failed)} med fel, {said}."
    ]
    for reason, number in sorted(Counter(r.reason for r in built).items()):
        lines.append(f"  byggda, orsak {reason}: {number}")
    for report in failed:
        lines.append(f"  fel i {report.file}: {_first_error(report)}")
    kept = [w for r in reports for w in r.writes if w.outcome is Outcome.KEPT_EDITED]
    for write in kept:
        lines.append(f"  behållet (handändrat): {write.path}")
    return "\n".join(lines)


def _agreeing(n: int, one: str, many: str) -> str:
    """Return the word that agrees with a count of `n` (an ärende is neuter: "1 byggt")."""
    return one if n == 1 else many


def _first_error(report: CaseReport) -> str:
    """Return the reason a case failed, in a few words."""
    errors = [p for p in report.problems if p.severity == "fel"]
    if report.failure:
        return report.failure
    more = f" (och {len(errors) - 1} till)" if len(errors) > 1 else ""
    field = f" {errors[0].field}" if errors[0].field else ""
    return f"{errors[0].code}{field}: {errors[0].message}{more}"


def print_meeting(result: MeetingResult) -> int:
    """Print what a meeting build wrote and what is missing; return 1 if anything is."""
    for problem in result.problems:
        click.echo(str(problem), err=True)
    for write in result.writes:
        if write.note:
            click.echo(write.note, err=True)
        click.echo(f"{write.path}: {write.outcome.value}")
    for file in result.left_out:
        click.echo(f"{file}: ärendet har fel; dess handlingar saknas till sammanträdet.", err=True)
    for file in result.drafts:
        click.echo(f"{file}: är ett utkast; dess handlingar går inte till sammanträdet.", err=True)
    for gap in result.gaps:
        click.echo(str(gap), err=True)
    if result.refused:
        click.echo(
            "Sammanträdets handlingar skrivs inte när en del saknas. Rätta ärendena och "
            "filerna, eller bygg med --ofullstandig för att skriva dem med luckorna märkta.",
            err=True,
        )
        return 1
    click.echo(f"Sammanträdets handlingar: {result.folder}")
    kept = any(w.outcome is Outcome.KEPT_EDITED for w in result.writes)
    return 1 if result.left_out or result.drafts or result.gaps or kept else 0


def print_problems(reports: list[CaseReport]) -> None:
    """Print every case's problems and failures, nothing else."""
    for report in reports:
        _print_case(report, list_writes=False)
