"""Orchestrate a build: find cases, validate them, render and write their documents.

One bad case never stops the others: each case is handled on its own and
its problems are collected in the report that the CLI prints.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from iopdocs import __version__, checks, ooxml, render
from iopdocs.derive import Derived, derive
from iopdocs.errors import CaseError, IopdocsError, Problem
from iopdocs.load import load_yaml
from iopdocs.model import Case, Decision, Settings, merge_settings
from iopdocs.validate import to_model
from iopdocs.write import Manifest, WriteResult, sha256, write_output

SETTINGS_FILE = "iopdocs.yaml"
CASE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class DocKind:
    """A document a case produces: its file, template and header name."""

    key: str
    filename: str
    template: str
    label: str


TJANSTESKRIVELSE = DocKind(
    "tjansteskrivelse", "tjansteskrivelse.docx", "tjansteskrivelse.docx", "Tjänsteskrivelse"
)
OVERENSKOMMELSE = DocKind(
    "overenskommelse", "iop-overenskommelse.docx", "iop-overenskommelse.docx", "Överenskommelse"
)


@dataclass(frozen=True)
class Project:
    """Where a build reads and writes."""

    settings_file: Path
    output: Path
    templates: Path | None = None
    force: bool = False


@dataclass
class Prepared:
    """A case that passed validation, ready to render."""

    file: Path
    case: Case
    settings: Settings
    derived: Derived
    warnings: list[Problem]
    digest: str


@dataclass
class CaseReport:
    """What happened to one case."""

    file: Path
    problems: list[Problem] = field(default_factory=list)
    writes: list[WriteResult] = field(default_factory=list)
    failure: str = ""

    @property
    def failed(self) -> bool:
        """Return True if the case produced no documents."""
        return bool(self.failure) or any(p.severity == "fel" for p in self.problems)


def find_settings(start: Path) -> Path:
    """Return the organisation settings file nearest above `start`."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        candidate = folder / SETTINGS_FILE
        if candidate.is_file():
            return candidate
    raise IopdocsError(
        f"hittar ingen {SETTINGS_FILE} i {start} eller mapparna ovanför. "
        "Kör iopdocs i projektmappen, eller ange filen med --installningar."
    )


def discover_cases(paths: list[Path]) -> list[Path]:
    """Return the case files named, or found in the folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.suffix in CASE_SUFFIXES and p.is_file()
            )
        elif path.exists():
            found.append(path)
        else:
            raise IopdocsError(f"{path}: filen eller mappen finns inte. Kontrollera sökvägen.")
    return found


@functools.lru_cache(maxsize=8)
def load_settings(path: Path) -> Settings:
    """Return the organisation settings; raise CaseError with every problem."""
    return to_model(load_yaml(path), Settings)


def prepare(file: Path, project: Project) -> Prepared:
    """Load, validate and check one case; raise CaseError with every problem."""
    base = load_settings(project.settings_file)
    loaded = load_yaml(file)
    case = to_model(loaded, Case)
    settings = merge_settings(base, case.organisation)
    derived = derive(case, settings)
    problems = checks.check(loaded, case, settings, derived)
    errors = [p for p in problems if p.severity == "fel"]
    if errors:
        raise CaseError(problems)
    return Prepared(file, case, settings, derived, problems, sha256(file.read_bytes()))


def documents_for(case: Case) -> list[DocKind]:
    """Return the documents a case produces."""
    if case.beslutstyp is Decision.AVSLUT:
        return [TJANSTESKRIVELSE]
    return [TJANSTESKRIVELSE, OVERENSKOMMELSE]


def template_folder(project: Project, settings: Settings) -> Path:
    """Return the template folder: --templates, else the settings' folder."""
    if project.templates is not None:
        return project.templates
    return (project.settings_file.parent / settings.mallar).resolve()


@functools.lru_cache(maxsize=32)
def compiled(path: Path) -> render.Compiled:
    """Return the compiled template at `path`, compiled once per process."""
    return render.compile_template(path)


def render_case(
    prepared: Prepared, project: Project
) -> dict[DocKind, tuple[bytes, dict[str, str]]]:
    """Return each document's bytes and the hashes of the inputs it came from."""
    folder = template_folder(project, prepared.settings)
    result = {}
    for kind in documents_for(prepared.case):
        template = compiled(folder / kind.template)
        context = context_for(prepared, kind)
        inputs = {"ärende": prepared.digest, "mall": template.digest, "iopdocs": __version__}
        extra = _properties(prepared, kind, inputs)
        result[kind] = (render.render(template, context, extra), inputs)
    return result


def context_for(prepared: Prepared, kind: DocKind) -> dict:
    """Return the template context of one document."""
    return {
        "case": prepared.case,
        "org": prepared.settings,
        "d": prepared.derived,
        "doc": {"typ": kind.label},
    }


def _properties(prepared: Prepared, kind: DocKind, inputs: dict[str, str]) -> dict[str, bytes]:
    """Return the document-property parts: title, author, dates from the case, provenance."""
    case = prepared.case
    title = case.rubrik if kind is TJANSTESKRIVELSE else prepared.derived.overenskommelse_titel
    return {
        "docProps/core.xml": ooxml.core_properties(title, case.handlaggare.namn, case.datum),
    }


def output_folder(project: Project, file: Path) -> Path:
    """Return the folder a case's documents go to: output/<case file name>."""
    return project.output / file.stem


def build_case(file: Path, project: Project) -> CaseReport:
    """Build one case; every failure ends up in the report, nothing is raised."""
    report = CaseReport(file)
    try:
        prepared = prepare(file, project)
        report.problems.extend(prepared.warnings)
        documents = render_case(prepared, project)
        manifest = Manifest.read(output_folder(project, file))
        for kind, (data, inputs) in documents.items():
            report.writes.append(write_output(manifest, kind.filename, data, inputs, project.force))
        manifest.save()
    except CaseError as exc:
        report.problems.extend(exc.problems)
    except IopdocsError as exc:
        report.failure = str(exc)
    return report


def validate_case(file: Path, project: Project) -> CaseReport:
    """Check one case without writing anything."""
    report = CaseReport(file)
    try:
        report.problems.extend(prepare(file, project).warnings)
    except CaseError as exc:
        report.problems.extend(exc.problems)
    except IopdocsError as exc:
        report.failure = str(exc)
    return report


def build(files: list[Path], project: Project) -> list[CaseReport]:
    """Build every case in `files`; return one report per case."""
    return [build_case(f, project) for f in files]


def validate(files: list[Path], project: Project) -> list[CaseReport]:
    """Validate every case in `files`; return one report per case."""
    return [validate_case(f, project) for f in files]
