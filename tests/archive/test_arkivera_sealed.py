"""`iopdocs arkivera` and sealed records: the PDF/A and the case file of what was decided."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from iopdocs.cli import main

DECIDED = "iop-avslut-berga-motesplats-2025"
DATA = "representations/rep1/data/"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")


def arkivera(project: Path, *args: str):
    settings = ["--installningar", str(project / "iopdocs.yaml"), "--ut", str(project / "output")]
    case = str(project / "cases" / f"{DECIDED}.yaml")
    return CliRunner().invoke(main, ["arkivera", *settings, case, *args])


def members(package: Path) -> dict[str, bytes]:
    """Return the package's files by their path below the root folder."""
    with zipfile.ZipFile(package) as archive:
        return {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist() if n[-1] != "/"}


def folder(project: Path) -> Path:
    return project / "output" / DECIDED


@needs_libreoffice
def test_a_kept_pdfa_is_sealed_and_a_lost_manifest_changes_neither_it_nor_the_package(
    project_dir, tmp_path
):
    assert arkivera(project_dir).exit_code == 0
    package = project_dir / "output" / "arkiv" / f"{DECIDED}.zip"
    pdfa = folder(project_dir) / "pdfa" / "tjansteskrivelse.pdf"
    first, kept = members(package), pdfa.read_bytes()
    (folder(project_dir) / ".iopdocs-manifest.json").unlink()
    result = arkivera(project_dir, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert pdfa.read_bytes() == kept
    again = members(tmp_path / f"{DECIDED}.zip")
    for name in ("tjansteskrivelse.pdf", "tjansteskrivelse.docx"):
        assert again[f"{DATA}{name}"] == first[f"{DATA}{name}"]
    assert again[f"{DATA}tjansteskrivelse.pdf"] == kept
    pdfa.unlink()  # a sealed PDF/A, once made, is never made again
    result = arkivera(project_dir, "-o", str(tmp_path / "igen"))
    assert result.exit_code == 1 and "L001" in result.output
    assert "pdfa/tjansteskrivelse.pdf saknas" in result.output
    assert not pdfa.exists() and not (tmp_path / "igen").exists()
