"""Orchestrate the build of one case: decide, validate, render, write.

One bad case never stops the others: each case is handled on its own and
its problems end up in its CaseReport. A case is rebuilt only when an input
changed (its file, the settings, a template, the iopdocs version), judged by
content hashes recorded in the case folder's manifest.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from iopdocs import __version__, checks, ooxml, render
from iopdocs.derive import Derived
from iopdocs.documents import TJANSTESKRIVELSE, DocKind, documents_for
from iopdocs.errors import CaseError, IopdocsError, Problem
from iopdocs.load import load_yaml, load_yaml_text, read_bytes
from iopdocs.model import Case, Settings, merge_settings
from iopdocs.validate import to_model
from iopdocs.write import Manifest, Outcome, WriteResult, file_sha256, sha256, write_output

SETTINGS_FILE = "iopdocs.yaml"
CASE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Project:
    """Where a build reads and writes, and how."""

    settings_file: Path
    output: Path
    templates: Path | None = None
    force: bool = False
    rebuild_all: bool = False


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
    reason: str = ""
    unchanged: bool = False
    case: Case | None = None

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


@functools.lru_cache(maxsize=64)
def _file_digest(path: Path) -> str | None:
    """Return a file's SHA-256, computed once per process."""
    return file_sha256(path)


def reset_caches() -> None:
    """Forget compiled templates, settings and file hashes: inputs may have changed.

    Called at the start of every batch; within one batch the inputs are
    taken as fixed.
    """
    for cached in (load_settings, _file_digest, compiled):
        cached.cache_clear()


def prepare(file: Path, project: Project, data: bytes | None = None) -> Prepared:
    """Load, validate and check one case; raise CaseError with every problem."""
    base = load_settings(project.settings_file)
    data = read_bytes(file) if data is None else data
    loaded = load_yaml_text(data, str(file))
    case = to_model(loaded, Case)
    settings = merge_settings(base, case.organisation)
    derived, problems = checks.derive_and_check(loaded, case, settings, source=data.decode("utf-8"))
    if any(p.severity == "fel" for p in problems):
        raise CaseError(problems)
    return Prepared(file, case, settings, derived, problems, sha256(data))


def template_folder(project: Project, settings: Settings) -> Path:
    """Return the template folder: --templates, else the settings' folder."""
    if project.templates is not None:
        return project.templates.resolve()
    return (project.settings_file.parent / settings.mallar).resolve()


@functools.lru_cache(maxsize=32)
def compiled(path: Path) -> render.Compiled:
    """Return the compiled template at `path`, compiled once per process."""
    return render.compile_template(path)


def inputs_of(prepared: Prepared, project: Project, template: Path) -> dict[str, str]:
    """Return what a document depends on, by content hash."""
    return {
        "ärende": prepared.digest,
        "inställningar": _file_digest(project.settings_file) or "",
        "mall": _file_digest(template) or "",
        "mallfil": str(template),
        "iopdocs": __version__,
    }


def render_case(prepared: Prepared, project: Project) -> dict[DocKind, tuple[bytes, dict]]:
    """Return each document's bytes and the inputs it came from."""
    folder = template_folder(project, prepared.settings)
    result = {}
    for kind in documents_for(prepared.case):
        path = folder / kind.template
        template = compiled(path)
        inputs = inputs_of(prepared, project, path)
        extra = _properties(prepared, kind, inputs)
        result[kind] = (render.render(template, context_for(prepared, kind), extra), inputs)
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
    provenance = {
        "iopdocs-arende-sha256": inputs["ärende"],
        "iopdocs-mall-sha256": inputs["mall"],
        "iopdocs-version": inputs["iopdocs"],
    }
    return {
        "docProps/core.xml": ooxml.core_properties(title, case.handlaggare.namn, case.datum),
        "docProps/custom.xml": ooxml.custom_properties(provenance),
    }


def output_folder(project: Project, file: Path) -> Path:
    """Return the folder a case's documents go to: output/<case file name>."""
    return project.output / file.stem


def why_rebuild(manifest: Manifest, case_digest: str, project: Project) -> str | None:
    """Return why a case's documents are outdated, or None when they are current."""
    if project.rebuild_all:
        return "--all"
    if not manifest.files:
        return "nytt ärende"
    recorded = next(iter(manifest.files.values())).get("indata", {})
    if recorded.get("ärende") != case_digest:
        return "ärendefilen har ändrats"
    if recorded.get("inställningar") != _file_digest(project.settings_file):
        return "inställningarna har ändrats"
    if recorded.get("iopdocs") != __version__:
        return f"ny version av iopdocs ({__version__})"
    for name, entry in sorted(manifest.files.items()):
        template = Path(entry.get("indata", {}).get("mallfil", ""))
        if entry.get("indata", {}).get("mall") != _file_digest(template):
            return f"mallen {template.name} har ändrats"
        if file_sha256(manifest.folder / name) != entry.get("sha256"):
            return f"{name} saknas eller har ändrats"
    return None


def build_case(file: Path, project: Project) -> CaseReport:
    """Build one case; every failure ends up in the report, nothing is raised."""
    report = CaseReport(file)
    try:
        data = read_bytes(file)
        manifest = Manifest.read(output_folder(project, file))
        report.reason = why_rebuild(manifest, sha256(data), project) or ""
        if not report.reason:
            return _unchanged(report, manifest)
        prepared = prepare(file, project, data)
        report.case = prepared.case
        report.problems.extend(prepared.warnings)
        documents = render_case(prepared, project)
        for kind, (output, inputs) in documents.items():
            report.writes.append(
                write_output(manifest, kind.filename, output, inputs, project.force)
            )
        manifest.case = {"fil": str(file), "varningar": [asdict(p) for p in prepared.warnings]}
        manifest.save()
    except CaseError as exc:
        report.problems.extend(exc.problems)
    except OSError as exc:
        report.failure = f"kan inte läsas eller skrivas: {exc.strerror or exc}."
    except IopdocsError as exc:
        report.failure = str(exc)
    return report


def _unchanged(report: CaseReport, manifest: Manifest) -> CaseReport:
    """Return the report of a case whose documents are current, replaying its warnings."""
    report.unchanged = True
    report.problems.extend(Problem(**p) for p in manifest.case.get("varningar", []))
    for name in sorted(manifest.files):
        report.writes.append(WriteResult(manifest.folder / name, Outcome.UNCHANGED))
    return report


def validate_case(file: Path, project: Project) -> CaseReport:
    """Check one case without writing anything."""
    report = CaseReport(file)
    try:
        prepared = prepare(file, project)
        report.case = prepared.case
        report.problems.extend(prepared.warnings)
    except CaseError as exc:
        report.problems.extend(exc.problems)
    except OSError as exc:
        report.failure = f"kan inte läsas: {exc.strerror or exc}."
    except IopdocsError as exc:
        report.failure = str(exc)
    return report


def content_digest(data: bytes) -> str:
    """Return the hex SHA-256 of `data` (re-exported for the batch layer)."""
    return hashlib.sha256(data).hexdigest()
