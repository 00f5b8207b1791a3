"""The workbench's calls into the build and publish layers: preview, build, meeting.

The same functions as the command line's, with the same manifest and
hand-edit guard; PDFs come from the workbench's running LibreOffice when it
has one (the same bytes as `iopdocs build --pdf`), else from the command
line's converter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from iopdocs.build import batch, meeting, publishing
from iopdocs.build.kinds import Document
from iopdocs.build.prepare import NOT_READY
from iopdocs.build.project import CaseReport, Project, output_lock
from iopdocs.web.preview import Shown
from iopdocs.web.session import Session
from iopdocs.web.workbench import Workbench


@dataclass
class PreviewView:
    """What the preview shows: the documents (as tabs), the chosen one, and notes."""

    documents: list[Document] = field(default_factory=list)
    chosen: Shown | None = None
    stale: bool = False
    message: str = ""


def preview_of(bench: Workbench, session: Session, wanted: str) -> PreviewView:
    """Return the preview of the document named `wanted` (or the first) of the session's text."""
    with session.lock:
        checked = session.checked(bench.project)
        text_version = session.version
    prepared = checked.inspection.prepared
    if prepared is None:
        last = session.last_preview
        note = "Rätta felen i ärendet för att uppdatera förhandsvisningen."
        if last is None:
            return PreviewView(message=note)
        return PreviewView(last.documents, last.chosen, stale=True, message=note)
    documents = bench.previewer.documents(prepared)
    document = next((d for d in documents if d.filename == wanted), documents[0])
    view = PreviewView(documents, bench.previewer.show(prepared, document))
    with session.lock:
        if session.version == text_version:
            session.last_preview = view
    return view


@dataclass
class BuildResult:
    """What a build from the workbench did: per case report, and the files to download."""

    reports: list[CaseReport]
    files: list[Path]
    problems: list[str] = field(default_factory=list)
    meeting_files: list[Path] = field(default_factory=list)


def publishers(bench: Workbench, make_pdf: bool) -> list:
    """Return the publishers of a build: the PDF one (warm when possible), or none."""
    if not make_pdf:
        return []
    from iopdocs.publish.warmpdf import pdf_publisher

    office = None if bench.previewer.unavailable else bench.previewer.office
    return [pdf_publisher(office, bench.project.settings_file)]


def build_one(bench: Workbench, project: Project, path: Path, make_pdf: bool) -> BuildResult:
    """Build one case as `iopdocs build FILE [--pdf] [--force]` does (waiting for another build)."""
    with output_lock(project, "arbetsbänken"):
        reports = batch.run([path], project, jobs=1)
        chosen = publishers(bench, make_pdf)
        if chosen:
            publishing.publish(reports, project, chosen, jobs=1)
    return BuildResult(reports, _outputs(reports))


def build_meeting(bench: Workbench, day: date) -> BuildResult:
    """Build a meeting's cases, agenda and handlingar as `iopdocs build --sammantrade --pdf`."""
    project = bench.project
    files = meeting.select(bench.case_files(), day)
    with output_lock(project, "arbetsbänken"):
        reports = batch.run(files, project, jobs=1)
        chosen = publishers(bench, True)
        publishing.publish(reports, project, chosen, jobs=1)
        written = meeting.write(day, reports, project, chosen)
    result = BuildResult(reports, _outputs(reports))
    result.meeting_files = sorted(w.path for w in written.writes if w.path.is_file())
    result.problems = [_left_out(r) for r in reports if r.file in written.left_out]
    result.problems += [str(problem) for problem in [*written.problems, *written.gaps]]
    if written.refused:
        result.problems.append(
            "Sammanträdets handlingar skrevs inte eftersom en del saknas. Rätta det som står "
            "ovan, eller bygg med iopdocs build --sammantrade --ofullstandig."
        )
    return result


def _left_out(report: CaseReport) -> str:
    """Return why a case is not among the meeting's papers, in the user's words."""
    if any(p.code == NOT_READY for p in report.problems):
        return (
            f"{report.file.name}: ärendet är inte färdigt (texter att skriva klart, W001) "
            "och kom inte med."
        )
    return f"{report.file.name}: ärendet har fel och kom inte med."


def _outputs(reports: list[CaseReport]) -> list[Path]:
    """Return every built file of the reports that exists now."""
    return sorted({w.path for r in reports for w in r.writes if w.path.is_file()})
