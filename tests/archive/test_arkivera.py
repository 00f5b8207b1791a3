"""`iopdocs arkivera`: the decided example becomes a valid, byte-stable package with PDF/A."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from offline_eark import findings

from iopdocs.cli import main

DECIDED = "iop-avslut-berga-motesplats-2025"
UNDECIDED = "iop-ny-tre-parter-2025-2027"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice saknas")


def arkivera(project: Path, *args: str):
    settings = ["--installningar", str(project / "iopdocs.yaml"), "--ut", str(project / "output")]
    return CliRunner().invoke(main, ["arkivera", *settings, *args])


def members(package: Path) -> dict[str, bytes]:
    """Return the package's files by their path below the root folder."""
    with zipfile.ZipFile(package) as archive:
        return {
            name.split("/", 1)[1]: archive.read(name)
            for name in archive.namelist()
            if not name.endswith("/")
        }


@pytest.fixture(scope="module")
def archived(tmp_path_factory) -> Path:
    """Return a project copy whose decided example was archived once."""
    root = Path(__file__).resolve().parents[2]
    project = tmp_path_factory.mktemp("arkiv")
    shutil.copy(root / "iopdocs.yaml", project / "iopdocs.yaml")
    for folder in ("templates", "cases"):
        shutil.copytree(root / folder, project / folder)
    if shutil.which("soffice") is not None:
        result = arkivera(project, str(project / "cases" / f"{DECIDED}.yaml"))
        assert result.exit_code == 0, result.output
    return project


@needs_libreoffice
def test_the_decided_example_is_a_valid_package(archived):
    package = archived / "output" / "arkiv" / f"{DECIDED}.zip"
    files = members(package)
    assert findings(package, files["METS.xml"]) == []
    data = "representations/rep1/data/"
    case_folder = archived / "output" / DECIDED
    for name in ("tjansteskrivelse", "protokollsutdrag"):
        assert files[f"{data}{name}.docx"] == (case_folder / f"{name}.docx").read_bytes()
        assert b"<pdfaid:part>2</pdfaid:part>" in files[f"{data}{name}.pdf"]
    case_file = archived / "cases" / f"{DECIDED}.yaml"
    assert files[f"{data}{DECIDED}.yaml"] == case_file.read_bytes()
    assert b"<paragraf>142</paragraf>" in files["metadata/descriptive/arende.xml"]


@needs_libreoffice
def test_archiving_again_gives_the_same_bytes(archived, tmp_path):
    package = archived / "output" / "arkiv" / f"{DECIDED}.zip"
    first = package.read_bytes()
    result = arkivera(archived, str(archived / "cases" / f"{DECIDED}.yaml"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{DECIDED}.zip").read_bytes() == first
    again = arkivera(archived, str(archived / "cases" / f"{DECIDED}.yaml"))
    assert "oförändrad" in again.output and package.read_bytes() == first


def test_an_undecided_case_is_not_archived(project_dir):
    result = arkivera(project_dir, str(project_dir / "cases" / f"{UNDECIDED}.yaml"))
    assert result.exit_code == 1
    assert "A001" in result.output and "inte beslutat" in result.output
    assert not (project_dir / "output" / "arkiv").exists()


@needs_libreoffice
def test_a_meeting_archives_its_decided_cases_and_names_the_others(archived):
    case = archived / "cases" / f"{UNDECIDED}.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("sammanträde: 2024-11-20", "sammanträde: 2024-12-18"), "utf-8")
    try:
        result = arkivera(archived, "--sammantrade", "2024-12-18")
    finally:
        case.write_text(text, encoding="utf-8")
    assert result.exit_code == 0, result.output
    assert f"{UNDECIDED}.yaml: inte beslutat, arkiveras inte." in result.output
    assert "1 paket, 0 ärenden med fel" in result.output


def test_a_changed_sealed_paper_stops_its_package(project_dir):
    case = str(project_dir / "cases" / f"{DECIDED}.yaml")
    settings = ["--installningar", str(project_dir / "iopdocs.yaml")]
    out = ["--ut", str(project_dir / "output")]
    assert CliRunner().invoke(main, ["build", *settings, *out, case]).exit_code == 0
    memo = project_dir / "output" / DECIDED / "tjansteskrivelse.docx"
    memo.write_bytes(memo.read_bytes() + b"x")
    result = arkivera(project_dir, case)
    assert result.exit_code == 1 and "L001" in result.output
    assert not (project_dir / "output" / "arkiv").exists()


def test_the_package_zip_unpacks_to_its_objid(archived):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice saknas")
    data = (archived / "output" / "arkiv" / f"{DECIDED}.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        roots = {name.split("/")[0] for name in archive.namelist()}
    assert len(roots) == 1 and roots.pop().startswith("uuid-")


def test_a_package_that_cannot_be_written_is_an_error_for_its_case(project_dir):
    blocker = project_dir / "inte-en-mapp"
    blocker.write_text("en fil", encoding="utf-8")
    case = str(project_dir / "cases" / f"{DECIDED}.yaml")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice saknas")
    result = arkivera(project_dir, case, "-o", str(blocker / "arkiv"))
    assert result.exit_code == 1, result.output
    assert "paketet kan inte skrivas" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
