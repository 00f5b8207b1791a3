"""`iopdocs build` and `iopdocs validate`: many cases, a report, an exit code."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import replace

import click

from iopdocs.build import batch
from iopdocs.build import project as proj
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
from iopdocs.cli.report import print_meeting, print_problems, print_reports, progress_display


def _run_cases(cases, project, jobs: int | None, validate_only: bool, meeting_day=None):
    """Run the cases (of one meeting, if given) with a progress display; return their reports."""
    files = run(lambda: case_files(cases, project))
    if meeting_day is not None:
        from iopdocs.build import meeting

        files = meeting.select(files, meeting_day)
    with progress_display(len(files), validate_only) as progress:
        return batch.run(
            files,
            project,
            jobs=jobs or batch.default_jobs(),
            validate_only=validate_only,
            progress=progress,
        )


@main.command("build")
@project_options
@click.option(
    "--force", is_flag=True, help="Skriv över handändrade dokument (en kopia sparas först)."
)
@click.option(
    "--alla", "--all", "rebuild_all", is_flag=True, help="Bygg om allt, även det som inte ändrats."
)
@click.option(
    "--sammantrade",
    "--meeting",
    "meeting_day",
    type=ISO_DAY,
    help="Bygg sammanträdets ärenden och dess föredragningslista.",
)
@click.option(
    "--kontroll",
    "--check",
    "check_only",
    is_flag=True,
    help="Bygg på prov och visa vad som skulle ändras, utan att röra utmappen.",
)
@click.option("--pdf", "make_pdf", is_flag=True, help="Gör också tillgängliga PDF:er.")
@click.option("--pdfa", "pdf_a", is_flag=True, help="Gör PDF:erna som PDF/A-2b (medför --pdf).")
@click.option(
    "--utkast",
    "--draft",
    "draft",
    is_flag=True,
    help="Bygg också ofärdiga ärenden (W001), som utkast märkta UTKAST på varje sida.",
)
@click.option(
    "--ofullstandig",
    "--incomplete",
    "incomplete",
    is_flag=True,
    help="Skriv sammanträdets handlingar fast en del saknas; luckorna märks i föredragningslistan.",
)
def build_command(
    cases,
    settings,
    templates,
    output,
    jobs,
    force,
    rebuild_all,
    meeting_day,
    check_only,
    make_pdf,
    pdf_a,
    draft,
    incomplete,
):
    """Bygg dokumenten för ärendena (standard: alla under cases/)."""
    flags = dict(force=force, rebuild_all=rebuild_all, draft=draft)
    project = run(lambda: make_project(settings, templates, output, **flags))
    if check_only:
        sys.exit(_check_build(cases, project, jobs))
    day = meeting_day.date() if meeting_day else None
    with contextlib.ExitStack() as held:
        lock = proj.output_lock(project, "iopdocs build", _say_waiting(project))
        run(lambda: held.enter_context(lock))
        code = _build(cases, project, jobs, day, (make_pdf, pdf_a), incomplete)
    sys.exit(code)


def _say_waiting(project: proj.Project):
    """Return what to tell the user while another build holds the output folder."""

    def say(holder: str) -> None:
        who = f" ({holder})" if holder else ""
        click.echo(
            f"Ett annat bygge skriver i {project.output}{who}. Väntar tills det är klart …",
            err=True,
        )

    return say


def _build(cases, project: proj.Project, jobs, day, pdf: tuple[bool, bool], incomplete) -> int:
    """Build, publish and (for a meeting) write the agenda; print the reports; return the code."""
    reports = _run_cases(cases, project, jobs, validate_only=False, meeting_day=day)
    publishers = run(lambda: _publishers(project, *pdf))
    jobs = jobs or batch.default_jobs()
    if publishers:
        from iopdocs.build.publishing import publish

        run(lambda: publish(reports, project, publishers, jobs))
    code = print_reports(reports, wrote=True)
    if day is not None:
        from iopdocs.build import meeting

        result = run(lambda: meeting.write(day, reports, project, publishers, incomplete, jobs))
        code = max(code, print_meeting(result))
    return code


def _publishers(project: proj.Project, make_pdf: bool, pdf_a: bool) -> list:
    """Return the publishers the options and the settings ask for."""
    from iopdocs import publish

    return publish.chosen_for(project.settings_file, pdf=make_pdf, pdf_a=pdf_a)


def _check_build(cases, project: proj.Project, jobs: int | None) -> int:
    """Run `build --check`: print what would change; return 1 if anything would."""
    from iopdocs.review import rebuildcheck

    files = run(lambda: case_files(cases, project))
    result = run(lambda: rebuildcheck.check(files, project, jobs or batch.default_jobs()))
    print_problems(result.reports)
    click.echo(rebuildcheck.render(result, color=sys.stdout.isatty()), nl=False)
    return EXIT_FAILED if result.anything_changes else EXIT_OK


@main.command("validate")
@project_options
@click.option(
    "--utan-sprak",
    "no_language",
    is_flag=True,
    help="Granska inte texternas svenska (språkanmärkningarna, K-koderna).",
)
def validate_command(cases, settings, templates, output, jobs, no_language) -> None:
    """Kontrollera ärendena utan att skriva något."""
    project = run(lambda: make_project(settings, templates, output))
    if not no_language:
        project = replace(project, language=_language_ready(project))
    reports = _run_cases(cases, project, jobs, validate_only=True)
    sys.exit(print_reports(reports, wrote=False))


def _language_ready(project: proj.Project) -> bool:
    """Say once what keeps the language check from running fully; return whether it runs."""
    from iopdocs.swedish.spelling import dictionary_missing, preload

    preload()  # first: the dictionary is read on another core while the case layer imports

    from iopdocs.build.prepare import language_vocabulary
    from iopdocs.errors import CaseError

    try:
        language_vocabulary(project.settings_file)
    except CaseError as error:
        for problem in error.problems:
            click.echo(f"{problem} Språket granskas inte.", err=True)
        return False
    missing = dictionary_missing()
    if missing is not None:
        click.echo(f"iopdocs: {missing}", err=True)
    return True
