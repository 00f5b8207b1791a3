"""The commands that read templates and documents: schema, check-templates, prova-mall,
text, diff, redline, check-accessibility."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from iopdocs.cli.main import (
    EXIT_FAILED,
    EXIT_OK,
    SETTINGS_OPTION,
    main,
    make_project,
    run,
)
from iopdocs.cli.swedishclick import IsoDay
from iopdocs.errors import IopdocsError
from iopdocs.swedish import LANGUAGE
from iopdocs.swedish.formatting import count


@main.command("schema")
@click.option(
    "--installningar-schema",
    "settings_schema",
    is_flag=True,
    help="Skriv schemat för inställningsfilen (installningar.schema.json) i stället för "
    "ärendefilens.",
)
@click.option(
    "--ut",
    "--out",
    "output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Filen som skrivs (standard: arendefil.schema.json bredvid iopdocs.yaml). "
    "Skriv - för att visa schemat här i stället.",
)
@SETTINGS_OPTION
def schema_command(settings_schema: bool, output: Path | None, settings: Path | None) -> None:
    """Skriv ärendefilens JSON Schema, som redigerare använder för autokomplettering.

    Ärendefilerna pekar ut filen med sin första rad,
    '# yaml-language-server: $schema=../arendefil.schema.json'.
    Gör om schemat när iopdocs har uppdaterats.
    """
    from iopdocs.case.model import Case
    from iopdocs.case.schema import SETTINGS_SCHEMA_FILE, case_schema_file, schema_text
    from iopdocs.case.settings import Settings

    text = schema_text(Settings if settings_schema else Case)
    if output == Path("-"):
        click.echo(text, nl=False)
        return
    if output is None:
        settings_file = run(lambda: _existing_settings(settings))
        output = case_schema_file(settings_file)
        if settings_schema:
            output = output.with_name(SETTINGS_SCHEMA_FILE)
    run(lambda: _write_schema(output, text))
    click.echo(f"Skrev {output}.")


def _existing_settings(settings: Path | None) -> Path:
    """Return the project's settings file; one named that is not there is an IopdocsError."""
    settings_file = make_project(settings, None, Path("output")).settings_file
    if not settings_file.is_file():
        raise IopdocsError(
            f"{settings_file} finns inte. Kontrollera filnamnet och mappen, eller ange "
            "schemats fil med --ut."
        )
    return settings_file


def _write_schema(path: Path, text: str) -> None:
    """Write a schema file; a place that cannot take it is a Swedish IopdocsError."""
    from iopdocs.errors import os_reason
    from iopdocs.files import atomic_write

    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise IopdocsError(f"kunde inte skriva {path}: {os_reason(exc)}.") from exc


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
    """Kontrollera att mallarna bara använder namn och filter som finns.

    Visar också, som varningar, värden som inte står i ett innehållskontrollfält
    med fältets sökväg som tagg: ändringar där kan inte hämtas med iopdocs hamta.
    """
    from iopdocs.word.templatecheck import check_folder, marks_in_folder

    folder = templates or run(lambda: _settings_templates(settings))
    findings = run(lambda: check_folder(folder))
    marks = run(lambda: marks_in_folder(folder))
    for finding in findings:
        click.echo(str(finding), err=True)
    for mark in marks:
        click.echo(f"varning: {mark}", err=True)
    click.echo(
        f"{count(len(findings), 'okänt namn', 'okända namn')} och {len(marks)} fält utan "
        "fältmarkering "
        f"i mallarna i {folder}."
    )
    sys.exit(EXIT_FAILED if findings else EXIT_OK)


def _settings_templates(settings: Path | None) -> Path:
    """Return the template folder named by the settings file."""
    from iopdocs.build import prepare

    project = make_project(settings, None, Path("output"))
    return prepare.template_folder(project, prepare.load_settings(project.settings_file))


@main.command("prova-mall")
@click.argument("template", metavar="MALL", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--data",
    "data_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML- eller JSON-fil med namnen som mallen använder.",
)
@click.option(
    "-o",
    "--ut",
    "--out",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Dokumentet som skrivs (skriver bara över en orörd provutskrift).",
)
def try_template_command(template: Path, data_file: Path, output: Path) -> None:
    """Fyll i MALL med namnen i en datafil, utan ärende, för att prova mallen."""
    from iopdocs.build import trial

    try:
        trial.write_trial(output, trial.render_trial(template, data_file))
    except IopdocsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"{output}: mallen {template.name} ifylld med {data_file.name}.")


@main.command("text")
@click.argument(
    "document", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="DOKUMENT"
)
def text_command(document: Path) -> None:
    """Skriv ett .docx-dokument som läsbar text (fungerar som git textconv)."""
    from iopdocs.word.text import docx_text

    click.echo(run(lambda: docx_text(document)), nl=False)


@main.command("diff")
@click.argument("old", type=click.Path(path_type=Path), metavar="GAMMAL")
@click.argument("new", type=click.Path(path_type=Path), metavar="NY")
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
    metavar="ANTAL",
    default=3,
    show_default=True,
    help="Oförändrade rader runt varje ändring.",
)
def diff_command(old: Path, new: Path, color: bool | None, context: int) -> None:
    """Visa vad som ändrats mellan två dokument eller två mappar (slutkod 0 lika, 1 olika)."""
    from iopdocs.review import diff

    documents = run(lambda: diff.diff_paths(old, new, context))
    styled = sys.stdout.isatty() if color is None else color
    click.echo(diff.render(documents, styled, folders=old.is_dir()), nl=False, color=styled)
    sys.exit(EXIT_FAILED if diff.differs(documents) else EXIT_OK)


@main.command("redline")
@click.argument("old", type=click.Path(path_type=Path), metavar="GAMMAL")
@click.argument("new", type=click.Path(path_type=Path), metavar="NY")
@click.option(
    "-o",
    "--ut",
    "--out",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Dokumentet med spårade ändringar som skrivs.",
)
@click.option(
    "--forfattare",
    "--author",
    "author",
    default="iopdocs",
    show_default=True,
    metavar="NAMN",
    help="Ändringarnas författare.",
)
@click.option(
    "--datum",
    "--date",
    "when",
    type=IsoDay(("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"), "ÅÅÅÅ-MM-DD[THH:MM:SS]"),
    help="Ändringarnas datum (standard: NY:s senast ändrad-datum).",
)
def redline_command(old: Path, new: Path, output: Path, author: str, when) -> None:
    """Skriv NY med spårade ändringar från GAMMAL, att granska och godkänna i Word."""
    from iopdocs.review import redline

    result = run(lambda: redline.write_redline(old, new, output, author, when))
    click.echo(
        f"{output}: {result.insertions} {'infogat' if result.insertions == 1 else 'infogade'} "
        f"och {result.deletions} {'borttaget' if result.deletions == 1 else 'borttagna'} "
        "textavsnitt"
    )


@main.command("check-accessibility")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[SÖKVÄG]...")
@click.option(
    "--sprak",
    "--language",
    "language",
    default=LANGUAGE,
    show_default=True,
    metavar="SPRÅK",
    help="Språket som dokumenten ska vara märkta med.",
)
def check_accessibility_command(paths: tuple[Path, ...], language: str) -> None:
    """Kontrollera tillgängligheten i .docx- och .pdf-filer (standard: allt under output/)."""
    from iopdocs.publish.accessibility import check_accessibility, documents_in, summary

    documents = run(lambda: documents_in(list(paths) or [Path("output")]))
    findings = check_accessibility(documents, language)
    for finding in findings:
        click.echo(str(finding), err=True)
    click.echo(summary(findings, len(documents)))
    sys.exit(EXIT_FAILED if findings else EXIT_OK)
