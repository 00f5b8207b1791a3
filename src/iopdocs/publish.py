"""The PDF stage of a build: every built document as an accessible PDF.

After the .docx files are built, the PDFs that are missing or outdated are
converted in one LibreOffice batch (one converter per core, each with its
own profile), and written beside their documents under the same manifest
and hand-edit guard. A PDF is outdated when its document, the LibreOffice
version or the PDF/A choice changed.
"""

from __future__ import annotations

import functools
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from iopdocs import pdf
from iopdocs.errors import Problem
from iopdocs.project import CaseReport, Project, output_folder
from iopdocs.write import Manifest, Outcome, file_sha256, matches, write_output

# Below this many documents one LibreOffice process is faster than starting two.
PER_CONVERTER = 8


@dataclass(frozen=True)
class Job:
    """One document to convert, and where its PDF goes."""

    report: CaseReport
    docx: Path
    inputs: dict[str, str]

    @property
    def name(self) -> str:
        """Return the PDF's file name."""
        return self.docx.with_suffix(".pdf").name


@functools.lru_cache(maxsize=1)
def libreoffice_version() -> str:
    """Return LibreOffice's version line: PDFs depend on it as much as on the document."""
    try:
        out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, timeout=60)
        return out.stdout.strip() or "okänd"
    except (OSError, subprocess.TimeoutExpired):
        return "saknas"


def publish(reports: list[CaseReport], project: Project, jobs: int, pdf_a: bool = False) -> None:
    """Convert the outdated documents of the built cases to PDF; record results in the reports."""
    todo = [job for report in reports if not report.failed for job in _jobs(report, project, pdf_a)]
    if todo:
        results = _convert([job.docx for job in todo], jobs, pdf_a)
        for job, result in zip(todo, results, strict=True):
            _record(job, result, project)
    check_count(reports)


def _jobs(report: CaseReport, project: Project, pdf_a: bool) -> list[Job]:
    """Return the documents of one case whose PDF is missing or outdated."""
    manifest = Manifest.read(output_folder(project, report.file))
    jobs = []
    for write in report.writes:
        if write.path.suffix != ".docx" or write.outcome is Outcome.KEPT_EDITED:
            continue
        inputs = {
            "dokument": file_sha256(write.path) or "",
            "libreoffice": libreoffice_version(),
            "pdfa": str(pdf_a),
        }
        job = Job(report, write.path, inputs)
        entry = manifest.files.get(job.name, {})
        current = entry.get("indata") == inputs
        if not current or not matches(write.path.with_suffix(".pdf"), entry):
            jobs.append(job)
    return jobs


def _convert(sources: list[Path], jobs: int, pdf_a: bool) -> list[pdf.PdfResult]:
    """Convert in as many LibreOffice batches as there are cores and work for them."""
    parts = max(1, min(jobs, len(sources) // PER_CONVERTER))
    slices = [sources[i::parts] for i in range(parts)]

    def run(batch: list[Path]) -> list[pdf.PdfResult]:
        with pdf.PdfConverter(pdf_a=pdf_a) as converter:
            return converter.convert(batch)

    with ThreadPoolExecutor(max_workers=parts) as pool:
        converted = list(pool.map(run, slices))
    by_source = {r.source: r for batch in converted for r in batch}
    return [by_source[s] for s in sources]


def _record(job: Job, result: pdf.PdfResult, project: Project) -> None:
    """Write one PDF under the case's manifest, or record why it failed."""
    if not result.ok or result.data is None:
        job.report.problems.append(
            Problem(str(job.report.file), None, None, job.docx.name, result.error, "F001")
        )
        return
    manifest = Manifest.read(job.docx.parent)
    job.report.writes.append(
        write_output(manifest, job.name, result.data, job.inputs, project.force)
    )
    manifest.save()


def check_count(reports: list[CaseReport]) -> None:
    """Record a problem for every built document that has no PDF beside it (F002)."""
    for report in reports:
        if report.failed:
            continue
        for write in report.writes:
            if write.path.suffix == ".docx" and not write.path.with_suffix(".pdf").is_file():
                message = "PDF saknas efter konverteringen. Kör bygget igen med --pdf."
                report.problems.append(
                    Problem(str(report.file), None, None, write.path.name, message, "F002")
                )
