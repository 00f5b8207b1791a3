"""`iopdocs sprak`: plain Swedish and spelling in the case texts, with LIX per section."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iopdocs.build import project as proj
from iopdocs.cli.main import EXIT_FAILED, EXIT_OK, SETTINGS_OPTION, case_files, main, run
from iopdocs.swedish.formatting import count


@main.command("sprak")
@SETTINGS_OPTION
@click.option(
    "--utan-forslag",
    "no_suggestions",
    is_flag=True,
    help="Visa inga förslag till felstavade ord (snabbare).",
)
@click.argument("cases", nargs=-1, type=click.Path(path_type=Path), metavar="[ÄRENDE]...")
def sprak_command(settings: Path | None, no_suggestions: bool, cases: tuple[Path, ...]) -> None:
    """Granska texternas svenska: stavning, läsbarhet (LIX), krångliga ord."""
    from iopdocs.swedish.spelling import DictionaryMissing, preload, shared_speller

    preload()
    from iopdocs.case import language
    from iopdocs.errors import CaseError

    settings_file = run(lambda: (settings or proj.find_settings(Path.cwd())).resolve())
    project = proj.Project(settings_file, Path("output"))
    files = run(lambda: case_files(cases, project))
    vocabulary = run(lambda: language.vocabulary_for(settings_file))
    speller = shared_speller()
    if isinstance(speller, DictionaryMissing):
        click.echo(f"iopdocs: {speller}", err=True)
    unreadable = 0
    reports = []
    for file, result in language.check_files(files, vocabulary, suggest=not no_suggestions):
        if isinstance(result, CaseError):
            unreadable += 1
            for problem in result.problems:
                click.echo(str(problem), err=True)
            continue
        reports.append(result)
        _print_report(file, result, vocabulary.lix_target)
    click.echo(_summary(len(files), unreadable, reports))
    sys.exit(EXIT_FAILED if unreadable else EXIT_OK)


def _print_report(file: Path, report, target: int) -> None:
    """Print one case's findings, then the LIX of each of its sections."""
    for problem in report.problems:
        click.echo(str(problem))
    if not report.sections:
        return
    click.echo(f"LIX per avsnitt i {file} (mål högst {target}):")
    for section in report.sections:
        over = "  över målet" if section.over(target) else ""
        where = f"rad {section.line}, " if section.line else ""
        click.echo(
            f"  {section.lix:4.0f}  {section.field} ({where}{section.counts.words} ord){over}"
        )
    click.echo()


def _summary(total: int, unreadable: int, reports) -> str:
    """Return the closing line: cases read, remarks, misspelt words."""
    problems = [p for r in reports for p in r.problems]
    spelling = sum(p.code == "K001" for p in problems)
    tips = sum(p.message.startswith("tips:") for p in problems)
    line = (
        f"{len(reports)} av {count(total, 'ärende', 'ärenden')} granskade: "
        f"{count(len(problems), 'anmärkning', 'anmärkningar')} om språket, "
        f"varav {spelling} stavfel och {tips} tips."
    )
    if unreadable:
        line += f" {unreadable} kunde inte läsas."
    return line
