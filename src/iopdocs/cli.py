"""The `iopdocs` command: options in, one library call, an exit code out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from iopdocs import __version__, batch
from iopdocs import project as proj
from iopdocs.errors import IopdocsError
from iopdocs.report import print_meeting, print_problems, print_reports, progress_display

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


SETTINGS_OPTION = click.option(
    "--installningar",
    "--settings",
    "settings",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Organisationens inställningsfil (standard: iopdocs.yaml i projektmappen).",
)


def _project_options(func):
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
            type=click.Path(file_okay=False, path_type=Path),
            default=Path("output"),
            show_default=True,
            help="Mapp för de färdiga dokumenten.",
        ),
        click.option(
            "--jobb",
            "--jobs",
            "jobs",
            type=click.IntRange(min=1),
            default=None,
            help="Antal processer (standard: en per kärna).",
        ),
        click.argument("cases", nargs=-1, type=click.Path(path_type=Path)),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _project(settings: Path | None, templates: Path | None, output: Path, **flags) -> proj.Project:
    """Return the Project the options describe."""
    settings_file = settings or proj.find_settings(Path.cwd())
    return proj.Project(settings_file.resolve(), output, templates, **flags)


def _run_cases(cases, project, jobs: int | None, validate_only: bool, meeting_day=None):
    """Run the cases (of one meeting, if given) with a progress display; return their reports."""
    files = _run(lambda: _files(cases, project))
    if meeting_day is not None:
        from iopdocs import meeting

        files = meeting.select(files, meeting_day)
    with progress_display(len(files), validate_only) as progress:
        return batch.run(
            files,
            project,
            jobs=jobs or batch.default_jobs(),
            validate_only=validate_only,
            progress=progress,
        )


def _files(cases: tuple[Path, ...], project: proj.Project) -> list[Path]:
    """Return the case files named, or every case under cases/."""
    return proj.discover_cases(list(cases) or [project.settings_file.parent / "cases"])


@click.group()
@click.version_option(__version__, prog_name="iopdocs")
def main() -> None:
    """Skapa tjänsteskrivelser och IOP-överenskommelser ur ärendefiler."""


@main.command("build")
@_project_options
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
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Bygg sammanträdets ärenden och dess föredragningslista (ÅÅÅÅ-MM-DD).",
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
):
    """Bygg dokumenten för ärendena (standard: alla under cases/)."""
    project = _run(
        lambda: _project(settings, templates, output, force=force, rebuild_all=rebuild_all)
    )
    if check_only:
        sys.exit(_check_build(cases, project, jobs))
    day = meeting_day.date() if meeting_day else None
    reports = _run_cases(cases, project, jobs, validate_only=False, meeting_day=day)
    default = proj.pdf_default(project.settings_file)
    pdf_a = pdf_a or default == "pdfa"
    make_pdf = make_pdf or pdf_a or default == "ja"
    if make_pdf:
        from iopdocs import publish

        _run(lambda: publish.publish(reports, project, jobs or batch.default_jobs(), pdf_a))
    code = print_reports(reports, wrote=True)
    if day is not None:
        from iopdocs import meeting

        code = max(
            code,
            print_meeting(_run(lambda: meeting.write(day, reports, project, make_pdf))),
        )
    sys.exit(code)


def _check_build(cases, project: proj.Project, jobs: int | None) -> int:
    """Run `build --check`: print what would change; return 1 if anything would."""
    from iopdocs import rebuildcheck

    files = _run(lambda: _files(cases, project))
    result = _run(lambda: rebuildcheck.check(files, project, jobs or batch.default_jobs()))
    print_problems(result.reports)
    click.echo(rebuildcheck.render(result, color=sys.stdout.isatty()), nl=False)
    return EXIT_FAILED if result.anything_changes else EXIT_OK


@main.command("validate")
@_project_options
def validate_command(cases, settings, templates, output, jobs) -> None:
    """Kontrollera ärendena utan att skriva något."""
    project = _run(lambda: _project(settings, templates, output))
    reports = _run_cases(cases, project, jobs, validate_only=True)
    sys.exit(print_reports(reports, wrote=False))


@main.command("schema")
@click.option(
    "--installningar-schema",
    "settings_schema",
    is_flag=True,
    help="Skriv schemat för inställningsfilen i stället för ärendefilen.",
)
def schema_command(settings_schema: bool) -> None:
    """Skriv ärendefilens JSON Schema (för redigerare med autokomplettering)."""
    from iopdocs.model import Case, Settings, json_schema

    model = Settings if settings_schema else Case
    click.echo(json.dumps(json_schema(model), ensure_ascii=False, indent=2))


@main.command("check-templates")
@click.option(
    "--mallar",
    "--templates",
    "templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Mallmappen (standard: inställningarnas).",
)
@SETTINGS_OPTION
def check_templates_command(templates: Path | None, settings: Path | None) -> None:
    """Kontrollera att mallarna bara använder namn och filter som finns."""
    from iopdocs.templatecheck import check_folder

    folder = templates or _run(lambda: _settings_templates(settings))
    findings = _run(lambda: check_folder(folder))
    for finding in findings:
        click.echo(str(finding), err=True)
    click.echo(f"{len(findings)} okända namn i mallarna i {folder}.")
    sys.exit(EXIT_FAILED if findings else EXIT_OK)


def _settings_templates(settings: Path | None) -> Path:
    """Return the template folder named by the settings file."""
    from iopdocs import build

    project = _project(settings, None, Path("output"))
    return build.template_folder(project, build.load_settings(project.settings_file))


@main.command("text")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def text_command(document: Path) -> None:
    """Skriv ett .docx-dokument som läsbar text (fungerar som git textconv)."""
    from iopdocs.text import docx_text

    click.echo(_run(lambda: docx_text(document)), nl=False)


def _run(action):
    """Run a library call; an IopdocsError becomes a message and exit code 2."""
    try:
        return action()
    except IopdocsError as exc:
        click.echo(f"iopdocs: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@main.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--color/--no-color",
    "--farg/--ingen-farg",
    default=None,
    help="Färg i stället för [-…-] och {+…+} (standard: när utdata är en terminal).",
)
@click.option(
    "-U",
    "--sammanhang",
    "context",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Oförändrade rader runt varje ändring.",
)
def diff_command(old: Path, new: Path, color: bool | None, context: int) -> None:
    """Visa vad som ändrats mellan två dokument eller två mappar (slutkod 0 lika, 1 olika)."""
    from iopdocs import diff

    documents = _run(lambda: diff.diff_paths(old, new, context))
    styled = sys.stdout.isatty() if color is None else color
    click.echo(diff.render(documents, styled, folders=old.is_dir()), nl=False, color=styled)
    sys.exit(EXIT_FAILED if diff.differs(documents) else EXIT_OK)


@main.command("redline")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--ut",
    "--out",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Dokumentet med spårade ändringar som skrivs.",
)
@click.option("--forfattare", "--author", "author", default="iopdocs", show_default=True)
@click.option(
    "--datum",
    "--date",
    "when",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"]),
    help="Ändringarnas datum (standard: NEW:s senast ändrad-datum).",
)
def redline_command(old: Path, new: Path, output: Path, author: str, when) -> None:
    """Skriv NEW med spårade ändringar från OLD, att granska och godkänna i Word."""
    from iopdocs import redline

    result = _run(lambda: redline.write_redline(old, new, output, author, when))
    click.echo(
        f"{output}: {result.insertions} infogade och {result.deletions} borttagna textavsnitt"
    )


@main.command("check-accessibility")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--sprak",
    "--language",
    "language",
    default="sv-SE",
    show_default=True,
    help="Språket som dokumenten ska vara märkta med.",
)
def check_accessibility_command(paths: tuple[Path, ...], language: str) -> None:
    """Kontrollera tillgängligheten i .docx- och .pdf-filer (standard: allt under output/)."""
    from iopdocs.accessibility import check_accessibility, documents_in, summary

    documents = _run(lambda: documents_in(list(paths) or [Path("output")]))
    findings = check_accessibility(documents, language)
    for finding in findings:
        click.echo(str(finding), err=True)
    click.echo(summary(findings, len(documents)))
    sys.exit(EXIT_FAILED if findings else EXIT_OK)


ISO_DAY = click.DateTime(["%Y-%m-%d"])


def _settings_and_project(settings: Path | None) -> tuple:
    """Return the project (for validation) and its organisation settings."""
    from iopdocs.build import load_settings

    project = _project(settings, None, Path("output"))
    return project, load_settings(project.settings_file)


def _print_checked(report) -> int:
    """Print a drafted file's problems and what is left to write; return the exit code."""
    print_problems([report])
    left = sum(p.code == "W001" for p in report.problems)
    if report.failed:
        click.echo("Filen har fel som måste rättas innan dokumenten kan byggas.", err=True)
        return EXIT_FAILED
    click.echo(f"Filen är giltig. {left} ställen att skriva klart (W001).")
    return EXIT_OK


@main.command("new")
@click.option(
    "--typ", "kind", type=click.Choice(["ny", "förlängning", "avslut"]), help="Beslutstyp."
)
@click.option(
    "--part",
    "parties",
    multiple=True,
    help="En part som 'Namn=organisationsnummer'. Upprepa för flera parter.",
)
@click.option("--fran", "--från", "start", type=ISO_DAY, help="Periodens första dag.")
@click.option("--till", "end", type=ISO_DAY, help="Periodens sista dag.")
@click.option(
    "--slut", "last_day", type=ISO_DAY, help="Vid avslut: sista dagen som överenskommelsen gäller."
)
@click.option("--diarienummer", help="Ärendets diarienummer.")
@click.option("--datum", "day", type=ISO_DAY, help="Tjänsteskrivelsens datum (standard: i dag).")
@click.option(
    "--ut",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Filen som skapas (standard: cases/<typ>-<parter>-<år>.yaml).",
)
@SETTINGS_OPTION
@click.option("--force", is_flag=True, help="Skriv över en fil som redan finns.")
def new_command(kind, parties, start, end, last_day, diarienummer, day, output, settings, force):
    """Skapa en ärendefil med alla nycklar och kommentarer; frågar efter det som saknas."""
    from iopdocs import dialogue, drafting, lifecycle

    project, org = _run(lambda: _settings_and_project(settings))
    answers = dict(start=start, end=end, last_day=last_day, diarienummer=diarienummer, day=day)
    spec = dialogue.ask_new_case(kind, parties, org, **answers)
    path = output or project.settings_file.parent / "cases" / drafting.new_case_file_name(spec)
    _run(lambda: drafting.write_new_case(path, drafting.new_case_text(spec, org), force))
    click.echo(f"Skapade {path}.")
    sys.exit(_print_checked(lifecycle.check_file(path, project)))


@main.command("extend")
@click.argument("case", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--ut",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Filen som skapas (standard: samma namn med den nya periodens år).",
)
@click.option("--diarienummer", help="Förlängningens diarienummer (standard: det gamla).")
@click.option(
    "--datum", "day", type=ISO_DAY, help="Tjänsteskrivelsens datum (standard: flyttat en period)."
)
@SETTINGS_OPTION
@click.option("--force", is_flag=True, help="Skriv över en fil som redan finns.")
def extend_command(case, output, diarienummer, day, settings, force):
    """Skriv ett utkast till förlängning: samma innehåll, nästa period, uppräknad ersättning."""
    from iopdocs import drafting, lifecycle, renewal

    project, org = _run(lambda: _settings_and_project(settings))
    when = day.date() if day else None
    draft = _run(lambda: renewal.extend_case(case, org, diarienummer=diarienummer, datum=when))
    path = output or draft.path
    _run(lambda: drafting.write_new_case(path, draft.text, force))
    click.echo(f"Skapade {path}: förlängning {draft.fran} – {draft.till}.")
    if draft.notes:
        click.echo("Se över i utkastet:")
    for note in draft.notes:
        click.echo(f"  - {note}")
    sys.exit(_print_checked(lifecycle.check_file(path, project)))
