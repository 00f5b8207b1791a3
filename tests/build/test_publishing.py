"""The publisher seam: a format beside .docx needs only a Publisher; the build does the rest.

A plain-text publisher (the document's text dump) stands in for PDF, so the
seam is tested without LibreOffice: what is made, when it is outdated, the
batch, failures (F001, F002), hand edits, and the meeting's combined file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from iopdocs.build import batch, meeting
from iopdocs.build.manifest import Outcome
from iopdocs.build.project import Project
from iopdocs.build.publishing import Made, Paper, Section, publish
from iopdocs.word.text import docx_text

EXAMPLE = "iop-iogt-nto-pingst-2024-2026"


class TextPublisher:
    """Publishes a document as its text dump; counts what it is asked to make."""

    name = "text"
    suffix = ".txt"
    label = "text"

    def __init__(self, version: str = "1", fail: str = "") -> None:
        self.version = version
        self.fail = fail
        self.batches: list[list[Path]] = []

    def inputs(self) -> dict[str, str]:
        return {"textversion": self.version}

    def make(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        self.batches.append(list(sources))
        return [
            Made(s, error=f"{s}: gick inte.")
            if self.fail and s.name == self.fail
            else Made(s, docx_text(s).encode("utf-8"))
            for s in sources
        ]

    def attach(self, sources: Sequence[Path], jobs: int) -> list[Made]:
        self.batches.append(list(sources))
        return [
            Made(s, s.read_bytes()) if s.read_bytes().startswith(b"%PDF-") else Made(s, error="nej")
            for s in sources
        ]

    def combine(self, first: Paper, sections: Sequence[Section], title: str) -> bytes | None:
        parts = [title, first.label, first.path.read_text(encoding="utf-8")]
        for section in sections:
            parts += [section.title, *(f"{p.label}: {p.path.name}" for p in section.papers)]
        return "\n".join(parts).encode("utf-8")


@pytest.fixture
def project(project_dir: Path) -> Project:
    return Project(project_dir / "iopdocs.yaml", project_dir / "output")


def build(project: Project, *names: str):
    files = [project.settings_file.parent / "cases" / f"{n}.yaml" for n in names]
    return batch.run(files, project, jobs=1)


def test_every_built_document_gets_its_file_in_one_batch(project):
    reports = build(project, EXAMPLE, "iop-ny-tre-parter-2025-2027")
    publisher = TextPublisher()
    publish(reports, project, [publisher], jobs=1)
    assert len(publisher.batches) == 1 and len(publisher.batches[0]) == 5
    folder = project.output / EXAMPLE
    text = (folder / "tjansteskrivelse.txt").read_text(encoding="utf-8")
    assert text == docx_text(folder / "tjansteskrivelse.docx")
    manifest = json.loads((folder / ".iopdocs-manifest.json").read_text(encoding="utf-8"))
    entry = manifest["filer"]["tjansteskrivelse.txt"]
    assert entry["indata"]["textversion"] == "1" and len(entry["indata"]["dokument"]) == 64
    assert not any(p.code.startswith("F") for r in reports for p in r.problems)


def test_a_current_file_is_not_made_again_until_an_input_changes(project):
    publish(build(project, EXAMPLE), project, [TextPublisher()], jobs=1)
    again = TextPublisher()
    publish(build(project, EXAMPLE), project, [again], jobs=1)
    assert again.batches == []
    newer = TextPublisher(version="2")
    publish(build(project, EXAMPLE), project, [newer], jobs=1)
    assert len(newer.batches[0]) == 3


def test_a_hand_edited_file_is_kept(project):
    publish(build(project, EXAMPLE), project, [TextPublisher()], jobs=1)
    edited = project.output / EXAMPLE / "tjansteskrivelse.txt"
    edited.write_text("ändrad för hand", encoding="utf-8")
    reports = build(project, EXAMPLE)
    publish(reports, project, [TextPublisher(version="2")], jobs=1)
    assert edited.read_text(encoding="utf-8") == "ändrad för hand"
    assert [w.outcome for w in reports[0].writes if w.path == edited][-1] is Outcome.KEPT_EDITED


def test_a_failed_document_is_reported_and_the_others_published(project):
    reports = build(project, EXAMPLE)
    publish(reports, project, [TextPublisher(fail="iop-overenskommelse.docx")], jobs=1)
    codes = [(p.code, p.field) for p in reports[0].problems]
    assert codes == [("F001", "iop-overenskommelse.docx")]
    assert (project.output / EXAMPLE / "uppfoljning-2024.txt").is_file()
    assert reports[0].failed


def test_a_document_left_without_its_file_is_counted(project):
    build(project, EXAMPLE)
    memo = project.output / EXAMPLE / "tjansteskrivelse.docx"
    memo.write_bytes(memo.read_bytes() + b" ")  # edited by hand: kept, and not published
    reports = build(project, EXAMPLE)
    publish(reports, project, [TextPublisher()], jobs=1)
    codes = [(p.code, p.field) for p in reports[0].problems]
    assert codes == [("F002", "tjansteskrivelse.docx")]
    assert "text saknas efter konverteringen. Kör bygget igen med --text." in str(
        reports[0].problems[0]
    )


def test_the_meeting_gets_its_agenda_and_combined_papers_in_the_format(project):
    reports = build(project, EXAMPLE)
    publisher = TextPublisher()
    publish(reports, project, [publisher], jobs=1)
    result = meeting.write(date(2023, 9, 20), reports, project, [publisher])
    folder = result.folder
    assert (folder / "foredragningslista.txt").is_file()
    combined = (folder / "handlingar.txt").read_text(encoding="utf-8")
    assert combined.startswith("Handlingar till sammanträdet 2023-09-20\nFöredragningslista")
    assert "Tjänsteskrivelse: tjansteskrivelse.txt" in combined
    papers = json.loads((folder / "handlingar.json").read_text(encoding="utf-8"))
    files = [entry["fil"] for entry in papers["handlingar"]]
    assert files[0] == "sammantrade-2023-09-20/foredragningslista.txt"
    assert files[-1] == "sammantrade-2023-09-20/handlingar.txt"
    assert f"{EXAMPLE}/iop-overenskommelse.docx" in files


def test_without_publishers_the_meeting_is_docx_only(project):
    reports = build(project, EXAMPLE)
    result = meeting.write(date(2023, 9, 20), reports, project)
    names = sorted(p.name for p in result.folder.iterdir() if not p.name.startswith("."))
    assert names == ["foredragningslista.docx", "handlingar.json"]


def test_a_full_disk_fails_that_file_only_and_the_run_goes_on(project, monkeypatch):
    # Before: the first write that hit a full disk ended the run with one line and no summary.
    import errno

    from iopdocs import files

    reports = batch.run([project.settings_file.parent / "cases" / f"{EXAMPLE}.yaml"], project)
    write = files.atomic_write

    def full_for_the_agreement(path: Path, data: bytes) -> None:
        if path.name == "iop-overenskommelse.txt":
            raise OSError(errno.ENOSPC, "No space left on device")
        write(path, data)

    monkeypatch.setattr("iopdocs.build.manifest.atomic_write", full_for_the_agreement)
    publish(reports, project, [TextPublisher()], jobs=1)
    (problem,) = [p for p in reports[0].problems if p.severity == "fel"]
    assert (problem.code, problem.field) == ("F003", "iop-overenskommelse.docx")
    assert "disken är full" in problem.message and "No space" not in problem.message
    assert "behörighet" not in problem.message
    folder = project.output / EXAMPLE
    assert (folder / "tjansteskrivelse.txt").is_file()
    assert not (folder / "iop-overenskommelse.txt").exists()
