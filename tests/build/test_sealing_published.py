"""Sealed records beyond the .docx: published files, a lost manifest, a lost document.

Each test is an attack on a decided paper: after it, the paper's bytes are
what they were, and the user is told in Swedish which file and what to do.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import build_in
from copier import Copier

from iopdocs.build import batch
from iopdocs.build.project import Project
from iopdocs.build.publishing import publish

DECIDED = "iop-avslut-berga-motesplats-2025"
LABEL = "beslutat 2024-12-18 § 142"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")


def folder(project_dir: Path) -> Path:
    return project_dir / "output" / DECIDED


def entries(project_dir: Path) -> dict:
    text = (folder(project_dir) / ".iopdocs-manifest.json").read_text(encoding="utf-8")
    return json.loads(text)["filer"]


def build_and_publish(project_dir: Path, publisher: Copier, force: bool = False):
    """Build the decided case and publish it; return its report."""
    project = Project(project_dir / "iopdocs.yaml", project_dir / "output", force=force)
    reports = batch.run([project_dir / "cases" / f"{DECIDED}.yaml"], project, jobs=1)
    publish(reports, project, [publisher], jobs=1)
    return reports[0]


@pytest.fixture
def published(project_dir: Path) -> Path:
    """Return the project after the decided case was built and published once (sealed copy)."""
    report = build_and_publish(project_dir, Copier("1"))
    assert not report.failed, report.problems
    assert entries(project_dir)["tjansteskrivelse.kopia"]["låst"] == LABEL
    return project_dir


def messages(report) -> str:
    return "\n".join(str(p) for p in report.problems) + report.failure


@pytest.mark.parametrize("force", [False, True])
def test_a_sealed_published_file_that_went_missing_is_l001_and_not_made_again(published, force):
    copy = folder(published) / "tjansteskrivelse.kopia"
    recorded = entries(published)["tjansteskrivelse.kopia"]["sha256"]
    copy.unlink()
    later = Copier("2")
    report = build_and_publish(published, later, force)
    assert "tjansteskrivelse.docx" not in later.made and not copy.exists()
    assert [p.code for p in report.problems] == ["L001"]
    said = messages(report)
    assert "tjansteskrivelse.kopia saknas" in said and recorded in said
    assert "lägg tillbaka filen" in said


@pytest.mark.parametrize("force", [False, True])
def test_a_published_file_the_manifest_lost_is_sealed_as_it_is(published, force):
    copy = folder(published) / "tjansteskrivelse.kopia"
    before = copy.read_bytes()
    (folder(published) / ".iopdocs-manifest.json").unlink()
    later = Copier("2")
    report = build_and_publish(published, later, force)
    assert not report.failed, messages(report)
    assert copy.read_bytes() == before and "tjansteskrivelse.docx" not in later.made
    assert entries(published)["tjansteskrivelse.kopia"]["låst"] == LABEL
    copy.write_bytes(b"changed by hand")
    report = build_and_publish(published, Copier("3"), force)
    assert [p.code for p in report.problems] == ["L001"]
    assert copy.read_bytes() == b"changed by hand"


@pytest.mark.parametrize(
    "args", [[], ["--force"], ["--alla"], ["--force", "--alla"], ["--sammantrade", "2024-12-18"]]
)
def test_a_decided_paper_is_not_made_again_when_only_its_published_file_is_left(published, args):
    """Manifest and .docx gone, the published paper left: a new .docx would be a new paper."""
    copy = folder(published) / "tjansteskrivelse.kopia"
    before = copy.read_bytes()
    (folder(published) / ".iopdocs-manifest.json").unlink()
    memo = folder(published) / "tjansteskrivelse.docx"
    memo.unlink()
    result = build_in(published, str(published / "cases" / f"{DECIDED}.yaml"), *args)
    assert result.exit_code == 1, result.output
    assert not memo.exists() and copy.read_bytes() == before
    assert "L004" in result.output
    assert "tjansteskrivelse.kopia" in result.output and "tjansteskrivelse.docx" in result.output
    assert "lägg tillbaka" in result.output.lower()


def test_a_decided_paper_never_published_gets_its_file_made_once(project_dir):
    assert build_in(project_dir, str(project_dir / "cases" / f"{DECIDED}.yaml")).exit_code == 0
    first = Copier("1")
    report = build_and_publish(project_dir, first)
    assert not report.failed, messages(report)
    assert "tjansteskrivelse.docx" in first.made
    assert entries(project_dir)["tjansteskrivelse.kopia"]["låst"] == LABEL
    copy = folder(project_dir) / "tjansteskrivelse.kopia"
    before = copy.read_bytes()
    later = Copier("2")
    build_and_publish(project_dir, later, force=True)
    assert "tjansteskrivelse.docx" not in later.made and copy.read_bytes() == before


def test_the_kept_generated_copies_of_a_decided_paper_stay(published):
    kept = folder(published) / ".iopdocs-genererade"
    before = {p.name: p.read_bytes() for p in kept.glob("tjansteskrivelse.*")}
    assert before
    (folder(published) / ".iopdocs-manifest.json").unlink()
    for args in ([], ["--force", "--alla"]):
        result = build_in(published, str(published / "cases" / f"{DECIDED}.yaml"), *args)
        assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in kept.glob("tjansteskrivelse.*")} == before


@needs_libreoffice
def test_pdf_then_pdfa_with_force_after_a_lost_manifest_leaves_the_pdf_sealed(project_dir):
    case = str(project_dir / "cases" / f"{DECIDED}.yaml")
    assert build_in(project_dir, case, "--pdf").exit_code == 0
    pdf = folder(project_dir) / "tjansteskrivelse.pdf"
    before = pdf.read_bytes()
    (folder(project_dir) / ".iopdocs-manifest.json").unlink()
    result = build_in(project_dir, case, "--pdfa", "--force")
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes() == before
    assert entries(project_dir)["tjansteskrivelse.pdf"]["låst"] == LABEL
    assert not list(folder(project_dir).glob("tjansteskrivelse.handandrad-*"))
