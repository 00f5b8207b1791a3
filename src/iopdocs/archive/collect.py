"""Archive decided cases: build each, gather its decided papers as .docx and PDF/A, package it.

`arkivera` builds a case first (as `iopdocs build` does: its sealed papers
are checked, its protokollsutdrag made), then packages the sealed papers
and the protokollsutdrag, each as .docx and as PDF/A-2b, with the case file.

PDF/A is made once per document and kept: a PDF beside the document that
was made as PDF/A from these very bytes is used as it is; otherwise
LibreOffice makes one into `output/<ärende>/pdfa/`, recorded in the case's
manifest. LibreOffice stamps a PDF/A with the time of export (its colour
profile), so a fresh conversion per run would make every package
different; kept, the same case gives the same package bytes every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from iopdocs import __version__
from iopdocs.archive import casefile, model
from iopdocs.archive.package import Package, build_package
from iopdocs.build import cases, prepare
from iopdocs.build.kinds import Document, documents_for
from iopdocs.build.manifest import (
    SEAL,
    Manifest,
    Outcome,
    WriteResult,
    is_sealed,
    matches,
    seal,
    write_output,
)
from iopdocs.build.prepare import Prepared
from iopdocs.build.project import CaseReport, Project, output_folder
from iopdocs.build.sealing import PDFA_FOLDER, sealed_documents
from iopdocs.case.load import read_bytes
from iopdocs.errors import CaseError, IopdocsError, Problem
from iopdocs.files import atomic_write, file_sha256, sha256

CASE_FILE_TITLE = "Ärendefil (YAML), som handlingarna gjordes ur"


@dataclass
class ArchiveReport:
    """What archiving one case did: its build, its package, or why there is none."""

    build: CaseReport
    package: WriteResult | None = None
    problems: list[Problem] = field(default_factory=list)
    case_file: bytes = b""
    """The case file's bytes as checked against its sealed version: what the package holds."""

    @property
    def failed(self) -> bool:
        """Return True when the case got no package."""
        return self.build.failed or any(p.severity == "fel" for p in self.problems)


def archive(files: list[Path], project: Project, out: Path, jobs: int = 1) -> list[ArchiveReport]:
    """Archive each case in `files` into `out`; one failing case never stops the others."""
    reports = [ArchiveReport(cases.build_case(file, project)) for file in files]
    todo = [(r, _prepared(r, project)) for r in reports if not r.failed]
    todo = [(r, p) for r, p in todo if p is not None]
    pdfs = _pdfa_for(todo, project, jobs)
    for report, prepared in todo:
        if report.failed:
            continue
        target = out / f"{prepared.file.stem}.zip"
        try:
            records = _records(prepared, project, pdfs, report.case_file)
            package = build_package(describe(prepared), records)
            report.package = _write(target, package)
        except OSError as exc:
            report.build.failure = (
                f"{target}: paketet kan inte skrivas ({exc.strerror or exc}). Kontrollera "
                "mappen och att det finns plats på disken."
            )
    return reports


def _prepared(report: ArchiveReport, project: Project) -> Prepared | None:
    """Return the built case ready to describe; record A001 when it is not decided.

    The case file must be the version its papers were sealed with (A003,
    iopdocs.archive.casefile): it is read once, and those bytes are packaged.
    """
    try:
        data = read_bytes(report.build.file)
        prepared = prepare.prepare(report.build.file, project, data)
        manifest = Manifest.read(output_folder(project, report.build.file))
    except (CaseError, IopdocsError, OSError) as exc:
        prepare.record(report.build, exc)
        return None
    if prepared.case.beslut is None:
        report.problems.append(
            Problem(
                str(prepared.file),
                None,
                None,
                "beslut",
                "ärendet är inte beslutat, så det arkiveras inte. Skriv in nämndens beslut "
                "under 'beslut:' när det är fattat och justerat.",
                "A001",
            )
        )
        return None
    problem = casefile.sealed_version(prepared.file, data, manifest)
    if problem is not None:
        report.problems.append(problem)
        return None
    report.case_file = data
    return prepared


def archived_documents(prepared: Prepared) -> list[Document]:
    """Return the documents a case's package holds: its sealed papers and the extract."""
    sealed = {d.filename for d in sealed_documents(prepared.case, prepared.derived)}
    return [d for d in documents_for(prepared.case) if d.filename in sealed or not d.kind.sealed]


def describe(prepared: Prepared) -> model.Description:
    """Return the package's description of a decided case."""
    case, settings, beslut = prepared.case, prepared.settings, prepared.derived.beslut
    assert case.beslut is not None and beslut is not None
    return model.Description(
        kommun=settings.kommun,
        organisationsnummer=settings.organisationsnummer,
        nämnd=settings.namnd,
        förvaltning=settings.forvaltning,
        diarienummer=case.diarienummer,
        rubrik=case.rubrik,
        ärendetyp=case.beslutstyp.value,
        upprättad=case.datum,
        beslut=model.Decision(
            datum=beslut.datum,
            paragraf=beslut.paragraf,
            beslutstext=beslut.punkter,
            justerat=case.beslut.justerat,
            skickas_till=beslut.skickas_till,
        ),
        parter=tuple(model.Party(p.namn, p.organisationsnummer) for p in case.parter),
        period=(case.period.fran, case.period.till),
        programversion=__version__,
    )


def _records(
    prepared: Prepared, project: Project, pdfs: dict[Path, bytes], case_file: bytes
) -> list[model.Record]:
    """Return the package's files: each document as .docx and PDF/A, then the case file."""
    folder = output_folder(project, prepared.file)
    records = []
    for document in archived_documents(prepared):
        said = document.kind.properties(document, prepared.case, prepared.derived)
        docx = folder / document.filename
        records.append(model.Record(document.filename, docx.read_bytes(), said.title))
        records.append(model.Record(docx.with_suffix(".pdf").name, pdfs[docx], said.title))
    records.append(model.Record(prepared.file.name, case_file, CASE_FILE_TITLE))
    return records


def _pdfa_for(
    todo: list[tuple[ArchiveReport, Prepared]], project: Project, jobs: int
) -> dict[Path, bytes]:
    """Return each archived document's PDF/A bytes: kept ones, or made once and kept (A002)."""
    found: dict[Path, bytes] = {}
    missing: list[tuple[ArchiveReport, Path]] = []
    for report, prepared in todo:
        folder = output_folder(project, prepared.file)
        manifest = Manifest.read(folder)
        for document in archived_documents(prepared):
            docx = folder / document.filename
            kept = _kept_pdfa(manifest, docx)
            if kept is None:
                missing.append((report, docx))
            else:
                found[docx] = kept
    if missing:
        found.update(_make_pdfa(missing, jobs))
    return found


def _kept_pdfa(manifest: Manifest, docx: Path) -> bytes | None:
    """Return a kept PDF/A of `docx` that was made from its present bytes, or None.

    The PDF/A kept in pdfa/ for a sealed paper is the one, sealed with it (also
    when sealed as it was found, after a lost manifest): it is used as it is.
    """
    digest = file_sha256(docx)
    for name in (docx.with_suffix(".pdf").name, f"{PDFA_FOLDER}/{docx.stem}.pdf"):
        entry = manifest.files.get(name, {})
        made = entry.get("indata", {})
        path = manifest.folder / name
        pdfa = made.get("pdfa") == "True" and made.get("dokument") == digest
        if (pdfa or (is_sealed(entry) and name.startswith(PDFA_FOLDER))) and matches(path, entry):
            return path.read_bytes()
    return None


def _make_pdfa(missing: list[tuple[ArchiveReport, Path]], jobs: int) -> dict[Path, bytes]:
    """Make PDF/A of `missing` in one LibreOffice batch, keep each in pdfa/; record failures."""
    from iopdocs.publish.pdfpublisher import PdfPublisher

    publisher = PdfPublisher(pdf_a=True)
    results = publisher.make([docx for _, docx in missing], jobs)
    made: dict[Path, bytes] = {}
    for (report, docx), result in zip(missing, results, strict=True):
        if result.data is None:
            report.problems.append(
                Problem(str(report.build.file), None, None, docx.name, result.error, "A002")
            )
            continue
        try:
            _keep_pdfa(docx, result.data, publisher.inputs())
        except (IopdocsError, OSError) as exc:
            report.build.failure = str(exc)
            continue
        made[docx] = result.data
    return made


def _keep_pdfa(docx: Path, data: bytes, made_with: dict[str, str]) -> None:
    """Write a new PDF/A into the case's pdfa/ folder, recorded in its manifest with its source.

    The PDF/A of a sealed paper is sealed with it: the package sent once is the one kept.
    """
    manifest = Manifest.read(docx.parent)
    inputs = {"dokument": file_sha256(docx) or "", **made_with}
    name = f"{PDFA_FOLDER}/{docx.stem}.pdf"
    written = write_output(manifest, name, data, inputs)
    label = manifest.files.get(docx.name, {}).get(SEAL)
    if label and written.outcome in (Outcome.WRITTEN, Outcome.UNCHANGED):
        seal(manifest, name, label)
    manifest.save()


def _write(target: Path, package: Package) -> WriteResult:
    """Write the package's zip atomically; an identical one already there is left alone."""
    data = package.zip_bytes()
    if file_sha256(target) == sha256(data):
        return WriteResult(target, Outcome.UNCHANGED, detail=package.objid)
    atomic_write(target, data)
    return WriteResult(target, Outcome.WRITTEN, detail=package.objid)
