"""The running LibreOffice: same PDF bytes as the command line, restarts, nothing left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
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
    # Only the stopped LibreOffice's answer is timed: it can never come, so a short limit
    # is certain to pass. The conversions that must succeed get a limit no load reaches
    # (a fresh LibreOffice's first conversion took over 2 s on a busy machine).
    docx = built / "tjansteskrivelse.docx"
    with WarmOffice(timeout=300) as office:
        office.convert(docx)
        first_temporary = sorted((office._work / "tmp").iterdir())
        stopped = office._office.pid
        os.killpg(stopped, signal.SIGSTOP)
        office.timeout = 1
        with pytest.raises(WarmOfficeError, match="inte klart inom 1 s"):
            office.convert(docx)
        _wait_until_gone(stopped)
        office.timeout = 300
        assert office.convert(docx)[:5] == b"%PDF-"
        assert office.starts == 2
        temporary = sorted((office._work / "tmp").iterdir())
        assert first_temporary and temporary
        assert not set(first_temporary) & set(temporary)  # the ended office's files went


def _wait_until_gone(group: int) -> None:
    """Fail unless a process group is gone within ten seconds."""
    for _ in range(100):
        if not _group_alive(group):
            return
        time.sleep(0.1)
    pytest.fail(f"process group {group} still runs")


def test_libreoffices_temporary_files_stay_in_its_folder_and_go_at_stop(
    built, tmp_path, monkeypatch
):
    system_temporary = tmp_path / "tmp"
    system_temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temporary))
    with WarmOffice(timeout=300) as office:
        for _ in range(2):
            office.convert(built / "tjansteskrivelse.docx")
        assert list(system_temporary.iterdir()) == [office._work]
        assert not list(office._work.glob("*.pdf"))
        assert any((office._work / "tmp").iterdir())  # LibreOffice's own, where we sweep
    assert not list(system_temporary.iterdir())


def test_the_folders_of_a_killed_run_are_swept_at_the_next_start(built, tmp_path, monkeypatch):
    system_temporary = tmp_path / "tmp"
    system_temporary.mkdir()
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from iopdocs.publish.warm import WarmOffice\n"
        "o = WarmOffice(timeout=300); o.convert(Path(sys.argv[1]))\n"
        "print(o._work, o._office.pid, flush=True); time.sleep(300)\n"
    )
    environment = {**os.environ, "TMPDIR": str(system_temporary)}
    with subprocess.Popen(
        [sys.executable, "-c", script, str(built / "tjansteskrivelse.docx")],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    ) as server:
        work, office_group = server.stdout.readline().split()
        server.kill()
    _wait_until_gone(int(office_group))
    left = Path(work)
    assert (left / "tmp").is_dir() and (left / "profil").is_dir()
    an_hour_ago = time.time() - 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    monkeypatch.setattr(tempfile, "tempdir", str(system_temporary))
    with WarmOffice(timeout=300) as office:
        office.start()
        assert not left.exists()
        assert list(system_temporary.iterdir()) == [office._work]


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
