"""The running LibreOffice: same PDF bytes as the command line, restarts, nothing left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import build_in

from iopdocs.publish import warm
from iopdocs.publish.warm import WarmOffice, WarmOfficeError

pytestmark = pytest.mark.skipif(
    bool(warm.missing()), reason=f"ingen LibreOffice med Python-brygga: {warm.missing()}"
)


@pytest.fixture(scope="module")
def office():
    """Return one running LibreOffice for the module."""
    with WarmOffice(timeout=60) as running:
        yield running


@pytest.fixture
def built(project_dir: Path) -> Path:
    """Return the example case's output folder, built with PDFs by the command line."""
    result = build_in(
        project_dir, "--pdf", str(project_dir / "cases" / "iop-ny-tre-parter-2025-2027.yaml")
    )
    assert result.exit_code == 0, result.output
    return project_dir / "output" / "iop-ny-tre-parter-2025-2027"


def test_gives_the_same_pdf_bytes_as_the_command_line(office, built):
    for docx in sorted(built.glob("*.docx")):
        assert office.convert(docx) == docx.with_suffix(".pdf").read_bytes(), docx.name


def test_starts_again_after_libreoffice_is_killed(built):
    docx = built / "tjansteskrivelse.docx"
    with WarmOffice() as office:
        first = office.convert(docx)
        os.killpg(office._office.pid, signal.SIGKILL)
        assert office.convert(docx) == first
        assert office.starts == 2


def test_a_hanging_conversion_is_reported_and_the_next_one_works(built):
    docx = built / "tjansteskrivelse.docx"
    with WarmOffice(timeout=2) as office:
        os.killpg(office._office.pid, signal.SIGSTOP)
        with pytest.raises(WarmOfficeError, match="inte klart inom 2 s"):
            office.convert(docx)
        assert office.convert(docx)[:5] == b"%PDF-"
        assert office.starts == 2


def test_refuses_a_file_that_is_not_a_word_document(office, tmp_path):
    fake = tmp_path / "inte.docx"
    fake.write_text("bara text", encoding="utf-8")
    with pytest.raises(WarmOfficeError, match="inte ett Word-dokument"):
        office.convert(fake)


def test_no_libreoffice_outlives_a_killed_server(tmp_path):
    script = (
        "from iopdocs.publish.warm import WarmOffice\n"
        "import time\n"
        "o = WarmOffice(); o.start(); print(o._office.pid, flush=True); time.sleep(120)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    ) as server:
        office_group = int(server.stdout.readline())
        server.kill()
    for _ in range(100):
        if not _group_alive(office_group):
            return
        time.sleep(0.1)
    pytest.fail("LibreOffice was left running after the server was killed")


def _group_alive(group: int) -> bool:
    """Return whether any process of a process group is alive."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def test_says_what_to_install_when_libreoffice_is_missing(monkeypatch):
    monkeypatch.setattr(warm.shutil, "which", lambda name: None)
    assert "libreoffice-writer-nogui" in warm.missing()
    with pytest.raises(WarmOfficeError, match="LibreOffice saknas"):
        WarmOffice().start()


def test_says_what_to_install_when_the_bridge_is_missing(monkeypatch):
    monkeypatch.setattr(warm, "uno_python", lambda: None)
    assert "python3-uno" in warm.missing()
