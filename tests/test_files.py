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


def test_a_checked_write_is_refused_when_the_file_changed_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "arende.yaml"
    target.write_bytes(b"gammal\n")
    target.write_bytes(b"en annans\n")  # someone else's write after we read "gammal"
    try:
        files.replace_unless_changed(target, b"min\n", lambda now: now == b"gammal\n")
    except files.FileChanged as exc:
        assert exc.current == b"en annans\n"
    else:
        raise AssertionError("the newer file was overwritten")
    assert target.read_bytes() == b"en annans\n"
    assert [p.name for p in tmp_path.iterdir()] == ["arende.yaml"]


def test_a_new_file_never_replaces_one_that_appeared_meanwhile(tmp_path):
    target = tmp_path / "arende.yaml"
    files.create_new(target, b"ny\n")
    assert target.read_bytes() == b"ny\n"
    try:
        files.create_new(target, b"igen\n")
    except files.FileChanged as exc:
        assert exc.current == b"ny\n"
    else:
        raise AssertionError("an existing file was replaced")
    assert target.read_bytes() == b"ny\n"
    assert [p.name for p in tmp_path.iterdir()] == ["arende.yaml"]


def test_checked_writers_in_two_processes_take_turns(tmp_path):
    target = tmp_path / "arende.yaml"
    target.write_bytes(b"0\n")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITING, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "håller"
    started = time.monotonic()
    with files.writing(target):
        waited = time.monotonic() - started
    holder.communicate(timeout=10)
    assert waited > 0.2  # it waited for the other process's check and write


HOLD_WRITING = """
import sys, time
from pathlib import Path
from iopdocs import files
with files.writing(Path(sys.argv[1])):
    print("håller", flush=True)
    time.sleep(0.5)
"""


def test_a_temporary_file_swept_before_its_writer_locked_it_is_given_up_for_a_new_one(
    tmp_path, monkeypatch
):
    # Two editors' drafts written at once: one's sweep took the other's fresh .tmp.
    target = tmp_path / "utkast.json"
    real_flock = fcntl.flock
    swept: list[str] = []

    def flock_after_a_sweep(handle, operation):
        fd = handle if isinstance(handle, int) else handle.fileno()
        name = os.readlink(f"/proc/self/fd/{fd}")
        if name.endswith(".tmp") and not swept:
            swept.append(name)
            monkeypatch.setattr(fcntl, "flock", real_flock)
            files._remove_leftovers(target)  # another writer, between mkstemp and the lock
            monkeypatch.setattr(fcntl, "flock", flock_after_a_sweep)
        return real_flock(handle, operation)

    monkeypatch.setattr(fcntl, "flock", flock_after_a_sweep)
    files.atomic_write(target, b"utkast")
    assert swept and not Path(swept[0]).exists()
    assert target.read_bytes() == b"utkast"
