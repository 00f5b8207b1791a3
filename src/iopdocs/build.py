"""Orchestrate the build of one case: decide, validate, render, write.

One bad case never stops the others: each case is handled on its own and
its problems end up in its CaseReport. A case is rebuilt only when an input
changed (its file, the settings, a template, the iopdocs version), judged by
content hashes recorded in the case folder's manifest.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from iopdocs import __version__, checks, freshness, ooxml, render
from iopdocs.derive import Derived
from iopdocs.documents import TJANSTESKRIVELSE, DocKind, documents_for
from iopdocs.errors import CaseError, IopdocsError, Problem
from iopdocs.load import load_yaml, load_yaml_text, read_bytes
from iopdocs.model import Case, Settings, merge_settings
from iopdocs.project import CaseReport, Project, output_folder
from iopdocs.validate import to_model
from iopdocs.write import Manifest, sha256, write_output


@dataclass
class Prepared:
    """A case that passed validation, ready to render."""

    file: Path
    case: Case
    settings: Settings
    derived: Derived
    warnings: list[Problem]
    digest: str


@functools.lru_cache(maxsize=8)
def load_settings(path: Path) -> Settings:
    """Return the organisation settings; raise CaseError with every problem."""
    return to_model(load_yaml(path), Settings)


def reset_caches() -> None:
    """Forget compiled templates, settings and file hashes: inputs may have changed.

    Called at the start of every batch; within one batch the inputs are
    taken as fixed.
    """
    for cached in (load_settings, compiled):
        cached.cache_clear()
    freshness.reset()


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
        "inställningar": freshness.shared_digest(project.settings_file) or "",
        "mall": freshness.shared_digest(template) or "",
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
    title, author, day = _title_author_date(prepared, kind)
    provenance = {
        "iopdocs-arende-sha256": inputs["ärende"],
        "iopdocs-mall-sha256": inputs["mall"],
        "iopdocs-version": inputs["iopdocs"],
    }
    return {
        "docProps/core.xml": ooxml.core_properties(title, author, day),
        "docProps/custom.xml": ooxml.custom_properties(provenance),
    }


def _title_author_date(prepared: Prepared, kind: DocKind) -> tuple[str, str, date]:
    """Return the title, author and date a document's properties state."""
    case, derived = prepared.case, prepared.derived
    follow_up = derived.uppfoljningar.get(kind.label)
    if follow_up is not None:
        return follow_up.titel, follow_up.handlaggare.namn, follow_up.datum
    if kind is TJANSTESKRIVELSE:
        return case.rubrik, case.handlaggare.namn, case.datum
    return derived.overenskommelse_titel, case.handlaggare.namn, derived.overenskommelse_datum


def build_case(file: Path, project: Project) -> CaseReport:
    """Build one case; every failure ends up in the report, nothing is raised."""
    report = CaseReport(file)
    try:
        data = read_bytes(file)
        manifest = Manifest.read(output_folder(project, file))
        report.reason = freshness.why_rebuild(manifest, sha256(data), project) or ""
        if not report.reason:
            return freshness.current_report(file, project) or report
        prepared = prepare(file, project, data)
        report.problems.extend(prepared.warnings)
        documents = render_case(prepared, project)
        for kind, (output, inputs) in documents.items():
            report.writes.append(
                write_output(manifest, kind.filename, output, inputs, project.force)
            )
        manifest.case = {"fil": str(file), "varningar": [asdict(p) for p in prepared.warnings]}
        manifest.save()
    except (CaseError, IopdocsError, OSError) as exc:
        _record(report, exc)
    return report


def validate_case(file: Path, project: Project) -> CaseReport:
    """Check one case without writing anything."""
    report = CaseReport(file)
    try:
        prepared = prepare(file, project)
        report.problems.extend(prepared.warnings)
    except (CaseError, IopdocsError, OSError) as exc:
        _record(report, exc)
    return report


def _record(report: CaseReport, exc: Exception) -> None:
    """Put an expected failure into the case's report: problems, or one failure line."""
    if isinstance(exc, CaseError):
        report.problems.extend(exc.problems)
    elif isinstance(exc, OSError):
        report.failure = f"kan inte läsas eller skrivas: {exc.strerror or exc}."
    else:
        report.failure = str(exc)
