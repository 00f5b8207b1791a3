"""Files: atomic writes that never remove another writer's file, locks that wait, swept folders."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from iopdocs import files

HOLD = """
import sys, time
from pathlib import Path
from iopdocs import files
with files.locked(Path(sys.argv[1]), "första bygget"):
    print("håller", flush=True)
    time.sleep(float(sys.argv[2]))
    (Path(sys.argv[1]).parent / "klar").touch()
"""


def test_another_writers_temporary_file_is_left_alone(tmp_path):
    # Before: a second build removed the first one's .tmp mid-write, whose rename then failed.
    target = tmp_path / "tjansteskrivelse.docx"
    busy = tmp_path / ".tjansteskrivelse.docx.abc123.tmp"
    with open(busy, "wb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a write in progress
        files.atomic_write(target, b"nytt")
        assert busy.exists()
    files.atomic_write(target, b"nyare")  # its writer is gone: a leftover now
    assert not busy.exists()
    assert target.read_bytes() == b"nyare"


def test_a_busy_lock_is_waited_for_and_its_holder_named(tmp_path):
    lock = tmp_path / "output"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock), "1.5"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "håller"
    heard: list[str] = []
    with files.locked(lock, "andra bygget", heard.append):
        assert (tmp_path / "klar").exists()  # acquired only once the first one had finished
    holder.wait()
    holder.stdout.close()
    assert len(heard) == 1 and "första bygget" in heard[0] and str(holder.pid) in heard[0]


def test_a_free_lock_is_taken_without_waiting(tmp_path):
    heard: list[str] = []
    with files.locked(tmp_path, "ett bygge", heard.append):
        assert "ett bygge" in (tmp_path / files.HOLDER_FILE).read_text(encoding="utf-8")
    assert heard == []
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_a_killed_owners_work_folder_is_swept_and_a_living_ones_kept(tmp_path):
    prefix = f"iopdocs-test-{os.getpid()}-"
    dead = Path(tempfile.mkdtemp(prefix=prefix))
    (dead / "profil").mkdir()
    (dead / ".iopdocs-lock").touch()
    old = time.time() - 3600
    os.utime(dead, (old, old))
    with files.WorkFolder(prefix) as living:
        os.utime(living, (old, old))
        assert not dead.exists()
        assert files.sweep_folders(prefix) == []  # the living one is locked
        assert living.is_dir()
    assert not living.exists()
