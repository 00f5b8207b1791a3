"""The case file a package holds is the one the decided papers were sealed with."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import build_in, edit

from iopdocs.cli import main

DECIDED = "iop-avslut-berga-motesplats-2025"
UNDECIDED = "iop-ny-tre-parter-2025-2027"
RECORD = "låst_ärendefil"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")


def arkivera(project: Path):
    settings = ["--installningar", str(project / "iopdocs.yaml"), "--ut", str(project / "output")]
    return CliRunner().invoke(main, ["arkivera", *settings, str(case_file(project))])


def case_file(project: Path) -> Path:
    return project / "cases" / f"{DECIDED}.yaml"


def manifest_of(project: Path, case: str = DECIDED) -> dict:
    path = project / "output" / case / ".iopdocs-manifest.json"
    return json.loads(path.read_text(encoding="utf-8"))


def packaged_case_file(project: Path) -> bytes:
    with zipfile.ZipFile(project / "output" / "arkiv" / f"{DECIDED}.zip") as archive:
        [name] = [n for n in archive.namelist() if n.endswith(f"data/{DECIDED}.yaml")]
        return archive.read(name)


@pytest.fixture
def sealed(project_dir: Path) -> Path:
    """Return the project after the build that sealed the decided case; keep its bytes aside."""
    assert build_in(project_dir).exit_code == 0
    return project_dir


def test_the_build_that_seals_remembers_the_case_file_and_keeps_a_copy(sealed):
    data = case_file(sealed).read_bytes()
    record = manifest_of(sealed)[RECORD]
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["låst"] == "beslutat 2024-12-18 § 142"
    assert (sealed / "output" / DECIDED / record["kopia"]).read_bytes() == data
    assert RECORD not in manifest_of(sealed, UNDECIDED)


def test_an_older_manifest_gets_the_record_at_the_next_build_and_keeps_its_papers(sealed):
    path = sealed / "output" / DECIDED / ".iopdocs-manifest.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    kept = sealed / "output" / DECIDED / old[RECORD]["kopia"]
    del old[RECORD]
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    kept.unlink()
    memo = sealed / "output" / DECIDED / "tjansteskrivelse.docx"
    before = memo.read_bytes(), memo.stat().st_mtime_ns
    result = build_in(sealed, str(case_file(sealed)))
    assert result.exit_code == 0, result.output
    assert manifest_of(sealed)[RECORD]["sha256"] == old_hash(sealed)
    assert kept.is_file() and (memo.read_bytes(), memo.stat().st_mtime_ns) == before


def old_hash(project: Path) -> str:
    return hashlib.sha256(case_file(project).read_bytes()).hexdigest()


def test_a_case_file_changed_outside_beslut_gets_no_package_and_names_the_kept_version(sealed):
    edit(case_file(sealed), "rubrik: Avslut av", "rubrik: Avslutande av")
    result = arkivera(sealed)
    assert result.exit_code == 1, result.output
    assert "A003" in result.output and str(case_file(sealed)) in result.output
    kopia = manifest_of(sealed)[RECORD]["kopia"]
    assert str(sealed / "output" / DECIDED / kopia) in result.output
    assert "kopiera tillbaka" in result.output
    assert not (sealed / "output" / "arkiv").exists()


def test_without_the_kept_version_the_message_gives_its_hash(sealed):
    record = manifest_of(sealed)[RECORD]
    (sealed / "output" / DECIDED / record["kopia"]).write_bytes(b"rubrik: annat\n")
    edit(case_file(sealed), "rubrik: Avslut av", "rubrik: Avslutande av")
    result = arkivera(sealed)
    assert result.exit_code == 1 and "A003" in result.output
    assert record["sha256"] in result.output and "diariet" in result.output
    assert not (sealed / "output" / "arkiv").exists()


@needs_libreoffice
def test_the_package_holds_the_sealed_version_once_it_is_put_back(sealed):
    sealed_bytes = case_file(sealed).read_bytes()
    edit(case_file(sealed), "rubrik: Avslut av", "rubrik: Avslutande av")
    assert arkivera(sealed).exit_code == 1
    kopia = sealed / "output" / DECIDED / manifest_of(sealed)[RECORD]["kopia"]
    shutil.copy(kopia, case_file(sealed))
    result = arkivera(sealed)
    assert result.exit_code == 0, result.output
    assert packaged_case_file(sealed) == sealed_bytes


@needs_libreoffice
def test_a_decision_completed_after_sealing_is_packaged_as_it_reads_now(sealed):
    edit(case_file(sealed), "justerat: 2024-12-23", "justerat: 2024-12-27")
    result = arkivera(sealed)
    assert result.exit_code == 0, result.output
    assert packaged_case_file(sealed) == case_file(sealed).read_bytes()
    assert b"2024-12-27" in packaged_case_file(sealed)
