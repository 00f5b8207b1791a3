"""Build one case: decide whether it is outdated, then render and write its documents.

One bad case never stops the others: each case is handled on its own and
its problems end up in its CaseReport. A case is rebuilt only when an input
changed (its file, the settings, a template, the iopdocs version), judged by
content hashes recorded in the case folder's manifest.
"""

from __future__ import annotations

import functools
from dataclasses import asdict
from pathlib import Path

from iopdocs import __version__
from iopdocs.build import freshness, generated, prepare, sealing
from iopdocs.build.kinds import Document, documents_for
from iopdocs.build.manifest import (
    Manifest,
    Outcome,
    WriteResult,
    is_sealed,
    retire_stale,
    seal,
    sealed_result,
    write_output,
)
from iopdocs.build.prepare import NOT_READY, Prepared, template_folder
from iopdocs.build.project import CaseReport, Project, output_folder
from iopdocs.case.load import read_bytes
from iopdocs.codes import BY_CODE
from iopdocs.errors import CaseError, IopdocsError, Problem
from iopdocs.files import sha256
from iopdocs.swedish import formatting
from iopdocs.word import ooxml, render


def reset_caches() -> None:
    """Forget compiled templates, settings and file hashes: inputs may have changed.

    Called at the start of every batch; within one batch the inputs are
    taken as fixed.
    """
    for cached in (prepare.load_settings, prepare.language_vocabulary, compiled):
        cached.cache_clear()
    freshness.reset()


@functools.lru_cache(maxsize=32)
def compiled(path: Path) -> render.Compiled:
    """Return the compiled template at `path`, compiled once per process."""
    return render.compile_template(path)


def inputs_of(prepared: Prepared, project: Project, template: Path) -> dict[str, str]:
    """Return what a document depends on, by content hash (and whether it is a draft)."""
    inputs = {
        "ärende": prepared.digest,
        "inställningar": freshness.shared_digest(project.settings_file) or "",
        "mall": freshness.shared_digest(template) or "",
        "mallfil": str(template),
        "iopdocs": __version__,
    }
    if prepared.unfinished:
        inputs[freshness.DRAFT] = "ja"
    return inputs


def render_case(
    prepared: Prepared, project: Project, skip: frozenset[str] = frozenset()
) -> dict[Document, tuple[bytes, dict]]:
    """Return each document's bytes and the inputs it came from, except the files in `skip`."""
    return {
        document: _render(prepared, project, document)
        for document in documents_for(prepared.case)
        if document.filename not in skip
    }


def render_document(prepared: Prepared, project: Project, document: Document) -> bytes:
    """Return one document's bytes, exactly as the build renders it."""
    return _render(prepared, project, document)[0]


def _render(prepared: Prepared, project: Project, document: Document) -> tuple[bytes, dict]:
    """Return one document's bytes and the inputs it came from."""
    path = template_folder(project, prepared.settings) / document.kind.template
    inputs = inputs_of(prepared, project, path)
    extra = _properties(prepared, document, inputs)
    context = context_for(prepared, document)
    is_draft = bool(prepared.unfinished)
    return render.render(compiled(path), context, extra, is_draft=is_draft), inputs


def context_for(prepared: Prepared, document: Document) -> dict:
    """Return the template context of one document."""
    settings = prepared.settings
    if document.kind.on_decision_day and prepared.decision_settings is not None:
        settings = prepared.decision_settings
    return {
        "case": prepared.case,
        "org": settings,
        "d": prepared.derived,
        "doc": {"typ": document.label},
    }


def _properties(prepared: Prepared, document: Document, inputs: dict[str, str]) -> dict[str, bytes]:
    """Return the document-property parts: title, author, dates from the case, provenance."""
    said = document.kind.properties(document, prepared.case, prepared.derived)
    provenance = {
        "iopdocs-arende-sha256": inputs["ärende"],
        "iopdocs-mall-sha256": inputs["mall"],
        "iopdocs-version": inputs["iopdocs"],
        "iopdocs-dokument": document.filename,
        "iopdocs-arendefil": prepared.file.name,
        generated.PROPERTY: generated.key_of(document.filename, inputs),
    }
    title, status = said.title, ""
    if prepared.unfinished:  # a draft says so in its properties too: title, status
        title, status = f"{DRAFT_TITLE}{said.title}", "Utkast"
        provenance["iopdocs-utkast"] = "ja"
    return {
        "docProps/core.xml": ooxml.core_properties(title, said.author, said.day, status=status),
        "docProps/custom.xml": ooxml.custom_properties(provenance),
    }


DRAFT_TITLE = "UTKAST: "


def build_case(file: Path, project: Project) -> CaseReport:
    """Build one case; every failure ends up in the report, nothing is raised."""
    report = CaseReport(file)
    try:
        data = read_bytes(file)
        manifest = Manifest.read(output_folder(project, file))
        owner = manifest.other_case(file)
        if owner:
            report.failure = (
                f"{manifest.folder} hör till ärendet {owner}, som har samma filnamn. "
                "Byt namn på den ena ärendefilen."
            )
            return report
        report.reason = freshness.why_rebuild(manifest, sha256(data), project) or ""
        if not report.reason:
            return freshness.current_report(file, project) or report
        prepared = prepare.prepare(file, project, data)
        report.problems.extend(prepared.warnings)
        _build_prepared(prepared, manifest, project, report, data)
    except (CaseError, IopdocsError, OSError) as exc:
        prepare.record(report, exc)
    return report


def _build_prepared(
    prepared: Prepared, manifest: Manifest, project: Project, report: CaseReport, data: bytes
) -> None:
    """Write a valid case's documents; a decided case's sealed papers are kept as they are.

    `data` is the case file's bytes: the build that seals a case remembers them.
    """
    if prepared.unfinished and not project.draft:
        report.problems.append(not_ready(prepared))
        return
    if prepared.unfinished:
        report.reason += ", som utkast"
    problem = sealing.unsealed_by_case(manifest, prepared.case, prepared.file)
    problem = problem or sealing.decided_elsewhere(manifest, prepared.case, prepared.file)
    if problem is not None:
        report.problems.append(problem)
        return
    sealed = _keep_sealed(prepared, manifest, report)
    if report.failed:
        return
    label = prepared.case.beslut.label if prepared.case.beslut else ""
    if label and sealed_names(prepared):
        sealing.keep_case_file(manifest, prepared.file, data)
    documents = render_case(prepared, project, sealed)
    for document, (output, inputs) in documents.items():
        name = document.filename
        result = write_output(manifest, name, output, inputs, project.force)
        if result.outcome is not Outcome.KEPT_EDITED:
            generated.keep(manifest.folder, name, generated.key_of(name, inputs), output)
        if name in sealed_names(prepared):
            seal(manifest, name, label)  # a paper first made after the decision
            result = WriteResult(result.path, Outcome.SEALED, detail=f"{label}, gjort nu")
        report.writes.append(result)
    produced = {document.filename for document in documents} | sealed
    report.writes += retire_stale(manifest, produced)
    sealing.remember_case_file(manifest, prepared.file, data, label)
    manifest.case = {
        "fil": str(prepared.file.resolve()),
        "varningar": [asdict(p) for p in prepared.warnings],
    }
    manifest.save()


def not_ready(prepared: Prepared) -> Problem:
    """Return U001: an unfinished case writes nothing unless built as a draft."""
    first = prepared.unfinished[0]
    left = formatting.count(len(prepared.unfinished), "ställe", "ställen")
    return Problem(
        first.file,
        first.line,
        first.column,
        "",
        f"ärendet är inte färdigt: {left} att skriva klart (W001). Inga dokument skrivs. "
        "Skriv klart texterna, eller bygg ett utkast med --utkast.",
        NOT_READY,
        BY_CODE[NOT_READY].level,
    )


def sealed_names(prepared: Prepared) -> frozenset[str]:
    """Return the file names of a case's sealed papers (none while it is undecided)."""
    return frozenset(d.filename for d in sealing.sealed_documents(prepared.case, prepared.derived))


def _keep_sealed(prepared: Prepared, manifest: Manifest, report: CaseReport) -> frozenset[str]:
    """Seal the decided papers that exist, check those sealed before; return their names.

    A sealed paper (or published file) that is missing or changed is an error
    (L001) in the report. A paper or published file on disk that the manifest
    does not know is sealed as it is. A paper neither on disk nor in the
    manifest was never built here: the build makes it once (and seals it),
    unless a file published from it is there (L004) or the case was sealed
    here without it (L003).
    """
    if prepared.case.beslut is None:
        return frozenset()
    label = prepared.case.beslut.label
    sealed_before = any(is_sealed(entry) for entry in manifest.files.values())
    kept = []
    # What the manifest has sealed stays sealed, even if the case's dates now say otherwise.
    recorded = {n for n, e in manifest.files.items() if is_sealed(e) and n.endswith(".docx")}
    for name in sorted(sealed_names(prepared) | recorded):
        known = "sha256" in manifest.files.get(name, {})
        beside = sealing.published_beside(manifest, name)
        if not known and not (manifest.folder / name).is_file():
            if beside:
                report.problems.append(
                    sealing.published_without_document(
                        name, beside, manifest.folder, prepared.file, label
                    )
                )
            elif sealed_before:
                report.problems.append(sealing.not_made(name, prepared.file, label))
            continue
        _keep(manifest, name, label, prepared.file, report)
        for published in beside:
            # One sealed, or on disk, stays as it is; one never made is made once, from the .docx.
            entry = manifest.files.get(published, {})
            if is_sealed(entry) or (manifest.folder / published).is_file():
                _keep(manifest, published, label, prepared.file, report)
        kept.append(name)
    return frozenset(kept)


def _keep(manifest: Manifest, name: str, label: str, case_file: Path, report: CaseReport) -> None:
    """Seal one existing file (if not yet sealed) and check it; report it as låst or as L001."""
    if not is_sealed(manifest.files.get(name, {})) and (manifest.folder / name).is_file():
        seal(manifest, name, label)
    problem = sealing.check_sealed(manifest, name, case_file, label)
    if problem is not None:
        report.problems.append(problem)
    else:
        report.writes.append(sealed_result(manifest.folder / name, manifest.files[name]))
