"""`iopdocs new` and `iopdocs extend`: draft a case file, write it, say what is left to write."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iopdocs.cli.main import EXIT_FAILED, EXIT_OK, ISO_DAY, SETTINGS_OPTION, main, make_project, run
from iopdocs.cli.report import print_problems
from iopdocs.swedish.formatting import count


def _settings_and_project(settings: Path | None) -> tuple:
    """Return the project (for validation) and its organisation settings."""
    from iopdocs.build.prepare import load_settings

    project = make_project(settings, None, Path("output"))
    return project, load_settings(project.settings_file)


def _schema(project) -> Path:
    """Return the schema file a drafted case points its editor at."""
    from iopdocs.case.schema import case_schema_file

    return case_schema_file(project.settings_file)


def _print_checked(report) -> int:
    """Print a drafted file's problems and what is left to write; return the exit code."""
    print_problems([report])
    left = sum(p.code == "W001" for p in report.problems)
    if report.failed:
        click.echo("Filen har fel som måste rättas innan dokumenten kan byggas.", err=True)
        return EXIT_FAILED
    click.echo(f"Filen är giltig. {count(left, 'ställe', 'ställen')} att skriva klart (W001).")
    return EXIT_OK


@main.command("new")
@click.option(
    "--typ", "kind", type=click.Choice(["ny", "förlängning", "avslut"]), help="Beslutstyp."
)
@click.option(
    "--part",
    "parties",
    multiple=True,
    metavar="NAMN=ORGNR",
    help="En part som 'Namn=organisationsnummer'. Upprepa för flera parter.",
)
@click.option("--fran", "--från", "start", type=ISO_DAY, help="Periodens första dag.")
@click.option("--till", "end", type=ISO_DAY, help="Periodens sista dag.")
@click.option(
    "--slut", "last_day", type=ISO_DAY, help="Vid avslut: sista dagen som överenskommelsen gäller."
)
@click.option("--diarienummer", metavar="DIARIENUMMER", help="Ärendets diarienummer.")
@click.option("--datum", "day", type=ISO_DAY, help="Tjänsteskrivelsens datum (standard: i dag).")
@click.option(
    "--andring",
    "--ändring",
    "amends",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Skriv ett ändringsbeslut till ett beslutat ärende: ett nytt ärende som hänvisar "
    "till beslutet.",
)
@click.option(
    "--ut",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Filen som skapas (standard: cases/<typ>-<parter>-<år>.yaml).",
)
@SETTINGS_OPTION
@click.option("--force", is_flag=True, help="Skriv över en fil som redan finns.")
def new_command(
    kind, parties, start, end, last_day, diarienummer, day, amends, output, settings, force
):
    """Skapa en ärendefil med alla nycklar och kommentarer; frågar efter det som saknas."""
    from iopdocs.authoring import drafting
    from iopdocs.authoring.checkfile import check_file
    from iopdocs.cli import dialogue

    project, org = run(lambda: _settings_and_project(settings))
    if amends is not None:
        sys.exit(_amendment(amends, day, diarienummer, output, force, project))
    answers = dict(start=start, end=end, last_day=last_day, diarienummer=diarienummer, day=day)
    spec = dialogue.ask_new_case(kind, parties, org, **answers)
    path = output or project.settings_file.parent / "cases" / drafting.new_case_file_name(spec)
    text = drafting.new_case_text(spec, org)
    run(lambda: drafting.write_new_case(path, text, force, schema=_schema(project)))
    click.echo(f"Skapade {path}.")
    sys.exit(_print_checked(check_file(path, project)))


def _amendment(case: Path, day, diarienummer, output, force: bool, project) -> int:
    """Draft the ändringsbeslut of a decided case; write it and check it; return the exit code."""
    from datetime import date

    from iopdocs.authoring import amendment, drafting
    from iopdocs.authoring.checkfile import check_file

    when = day.date() if day else date.today()
    draft = run(lambda: amendment.amend_case(case, when, diarienummer))
    path = output or draft.path
    run(lambda: drafting.write_new_case(path, draft.text, force, schema=_schema(project)))
    click.echo(f"Skapade {path}: ändringsbeslut till {case}.")
    click.echo("Gör i utkastet:")
    for note in draft.notes:
        click.echo(f"  - {note}")
    return _print_checked(check_file(path, project))


@main.command("extend")
@click.argument(
    "case", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="ÄRENDEFIL"
)
@click.option(
    "--ut",
    "--out",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Filen som skapas (standard: samma namn med den nya periodens år).",
)
@click.option(
    "--diarienummer",
    metavar="DIARIENUMMER",
    help="Förlängningens diarienummer (standard: det gamla).",
)
@click.option(
    "--datum", "day", type=ISO_DAY, help="Tjänsteskrivelsens datum (standard: flyttat en period)."
)
@SETTINGS_OPTION
@click.option("--force", is_flag=True, help="Skriv över en fil som redan finns.")
def extend_command(case, output, diarienummer, day, settings, force):
    """Skriv ett utkast till förlängning: samma innehåll, nästa period, uppräknad ersättning."""
    from iopdocs.authoring import drafting, renewal
    from iopdocs.authoring.checkfile import check_file

    project, org = run(lambda: _settings_and_project(settings))
    when = day.date() if day else None
    draft = run(lambda: renewal.extend_case(case, org, diarienummer=diarienummer, datum=when))
    path = output or draft.path
    run(lambda: drafting.write_new_case(path, draft.text, force, schema=_schema(project)))
    click.echo(f"Skapade {path}: förlängning {draft.fran} – {draft.till}.")
    if draft.notes:
        click.echo("Se över i utkastet:")
    for note in draft.notes:
        click.echo(f"  - {note}")
    sys.exit(_print_checked(check_file(path, project)))
