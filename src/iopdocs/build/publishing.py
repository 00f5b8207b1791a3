"""The seam for output formats beside .docx: what a publisher offers, and the build's use of it.

The build renders .docx; every other format (PDF today) is a `Publisher`
that makes its files from the built documents. The build never names a
format: the command line chooses the publishers (`iopdocs.publish.chosen`)
and hands them to `publish` and to the meeting. A publisher says

- what it makes: `name`, `suffix` and `make`, a batch of documents to
  one result each (bytes, or a Swedish message saying what went wrong);
- when its file is outdated: `inputs`, what the file depends on beside
  the document's own bytes; a file whose recorded inputs differ, or that
  is missing or was changed, is made again;
- how it runs in a batch: `make` gets every outdated document of a build
  at once, with the number of processes it may use;
- how an attached file (a PDF or .docx from elsewhere) takes its format: `attach`;
- and, if it can, how a meeting's papers become one file: `combine`.

Its files are written beside their documents under the same manifest and
hand-edit guard as the documents themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

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
from iopdocs.build.project import CaseReport, Project, output_folder
from iopdocs.errors import OutputError, Problem, os_reason
from iopdocs.files import file_sha256


@dataclass(frozen=True)
class Made:
    """One document's result: the published bytes, or why there are none."""

    source: Path
    data: bytes | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        """Return whether the document was published."""
        return self.data is not None


@dataclass(frozen=True)
class Paper:
    """One published document of a meeting, as a file on disk, with its label."""

    label: str
    path: Path


@dataclass(frozen=True)
class Section:
    """An agenda item's label and its papers, for a combined file of the meeting."""

    title: str
    papers: tuple[Paper, ...]


class Publisher(Protocol):
    """An output format made from the built .docx documents."""

    name: str
    """The format's short name, as the user asks for it: "pdf"."""
    suffix: str
    """The published file's suffix: ".pdf"; the file stands beside its document."""
    label: str
    """The format's name in messages: "PDF"."""

    def inputs(self) -> dict[str, str]:
        """Return what a published file depends on beside its document (tool versions, options)."""
        ...

    def make(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        """Return one result per document, in order; one failure never stops the others."""
        ...

    def attach(self, sources: Sequence[Path], jobs: int) -> list[Made] | None:
        """Return each attached file (PDF or .docx) in this format, or why it cannot be used.

        None when the format takes no attachments (it cannot combine a meeting's papers).
        """
        ...

    def combine(self, first: Paper, sections: Sequence[Section], title: str) -> bytes | None:
        """Return one file of a meeting's papers, bookmarked by section, or None if unsupported."""
        ...


@dataclass(frozen=True)
class _Job:
    """One document to publish, and where its file goes."""

    report: CaseReport
    docx: Path
    inputs: dict[str, str]
    suffix: str
    sealed: str = ""
    """The decision a sealed document is locked under: its new file is sealed with it."""

    @property
    def name(self) -> str:
        """Return the published file's name."""
        return self.docx.with_suffix(self.suffix).name


def publish(
    reports: list[CaseReport], project: Project, publishers: Sequence[Publisher], jobs: int
) -> None:
    """Publish the outdated documents of the built cases; record results in the reports."""
    for publisher in publishers:
        todo = [
            job
            for report in reports
            if not report.failed
            for job in _jobs(report, project, publisher)
        ]
        if todo:
            results = publisher.make([job.docx for job in todo], jobs)
            for job, result in zip(todo, results, strict=True):
                _record(job, result, project)
        check_count(reports, publisher)


def _jobs(report: CaseReport, project: Project, publisher: Publisher) -> list[_Job]:
    """Return the documents of one case whose published file is missing or outdated."""
    manifest = Manifest.read(output_folder(project, report.file))
    jobs = []
    for write in report.writes:
        if write.path.suffix != ".docx" or write.outcome in (Outcome.KEPT_EDITED, Outcome.REMOVED):
            continue
        inputs = {"dokument": file_sha256(write.path) or "", **publisher.inputs()}
        job = _Job(report, write.path, inputs, publisher.suffix)
        entry = manifest.files.get(job.name, {})
        if write.outcome is Outcome.SEALED:
            # A sealed paper gets a file it never had from the sealed .docx, once; one it
            # has, or had (sealed in the manifest, the build says L001), is never made again.
            if not write.path.with_suffix(publisher.suffix).exists() and not is_sealed(entry):
                label = manifest.files.get(write.path.name, {}).get(SEAL, "")
                jobs.append(_Job(report, write.path, inputs, publisher.suffix, label))
            continue
        current = entry.get("indata") == inputs
        if not current or not matches(write.path.with_suffix(publisher.suffix), entry):
            jobs.append(job)
    return jobs


def _record(job: _Job, result: Made, project: Project) -> None:
    """Write one published file under the case's manifest, or record why it failed (F001)."""
    if not result.ok or result.data is None:
        job.report.problems.append(
            Problem(str(job.report.file), None, None, job.docx.name, result.error, "F001")
        )
        return
    manifest = Manifest.read(job.docx.parent)
    try:
        # A sealed paper's file is new; should one have appeared meanwhile, it is kept.
        force = project.force and not job.sealed
        written = write_output(manifest, job.name, result.data, job.inputs, force)
    except (OutputError, OSError) as exc:  # a full disk fails this file; the others are tried
        said = str(exc) if isinstance(exc, OutputError) else f"kan inte skrivas: {os_reason(exc)}."
        job.report.problems.append(
            Problem(str(job.report.file), None, None, job.docx.name, said, "F003")
        )
        return
    if job.sealed and written.outcome is not Outcome.KEPT_EDITED:
        seal(manifest, job.name, job.sealed)
        written = WriteResult(written.path, Outcome.SEALED, detail=f"{job.sealed}, gjort nu")
    job.report.writes.append(written)
    manifest.save()


def _failed(report: CaseReport, name: str) -> bool:
    """Return whether the publishing of document `name` already failed with a reason."""
    return any(p.code == "F003" and p.field == name for p in report.problems)


def check_count(reports: list[CaseReport], publisher: Publisher) -> None:
    """Record a problem for every built document without its published file beside it (F002)."""
    for report in reports:
        if report.failed:
            continue
        for write in report.writes:
            if (
                write.path.suffix == ".docx"
                and write.outcome is not Outcome.REMOVED
                and not write.path.with_suffix(publisher.suffix).is_file()
                and not _failed(report, write.path.name)
            ):
                message = (
                    f"{publisher.label} saknas efter konverteringen. "
                    f"Kör bygget igen med --{publisher.name}."
                )
                report.problems.append(
                    Problem(str(report.file), None, None, write.path.name, message, "F002")
                )
