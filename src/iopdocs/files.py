"""Files on disk: content hashes, atomic writes and locks, used by every layer.

A reader always sees the old file or the new one, never a part: `atomic_write`
writes beside the target and renames over it. Two writers of one folder take
turns: `locked` holds an advisory lock (`fcntl.flock`) on a file there, which
the kernel releases when its process ends, even by kill -9.

A case file is written only if it still has what its writer started from:
`replace_unless_changed` checks and renames as one critical section, shared
by every writer of the folder (the editor, `hamta --skriv`, new cases), so
whoever comes second is told (`FileChanged`) instead of overwriting.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """Return the hex SHA-256 of a file, or None when it does not exist."""
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old or the new file, never a part."""
    _write_then(path, data, lambda tmp: os.replace(tmp, path))


def _write_then(path: Path, data: bytes, put: Callable[[str], None]) -> None:
    """Write `data` to a temporary file beside `path`, then let `put` move it into place.

    The temporary file is locked while it is written, so that another writer
    cleaning up after a killed write (`_remove_leftovers`) leaves it alone.
    Whatever `put` does not move away is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path)
    handle, tmp = _locked_temporary(path)
    try:
        with handle:
            handle.write(data)
            # No fsync: the rename alone makes a killed build leave the old or the new
            # file, and ext4/xfs flush a file's data before a rename that replaces it.
            # An fsync per document cost ~10 ms, more than rendering the document.
            handle.flush()
            os.chmod(tmp, 0o644)
            put(tmp)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _locked_temporary(path: Path):
    """Return a new temporary file beside `path`, open for writing and locked, and its name.

    Between its creation and its lock, another writer's `_remove_leftovers`
    may take it for a leftover and remove it (seen with two editors' drafts
    written at once); a file that lost its name that way is given up for a new one.
    """
    while True:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        handle = os.fdopen(fd, "wb")
        fcntl.flock(handle, fcntl.LOCK_EX)
        if os.fstat(handle.fileno()).st_nlink > 0:
            return handle, tmp
        handle.close()


class FileChanged(Exception):
    """A file no longer has what its writer started from; `current` is what it has (None: gone)."""

    def __init__(self, path: Path, current: bytes | None) -> None:
        super().__init__(str(path))
        self.path = path
        self.current = current


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Hold the lock that every checked writer of `path`'s folder holds while it checks and writes.

    The lock is an advisory `flock` on the folder itself (no file left
    behind); it serves threads of one process and separate processes alike.
    A writer never takes another lock while holding it, so it cannot deadlock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def read_or_none(path: Path) -> bytes | None:
    """Return a file's bytes, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def replace_unless_changed(
    path: Path, data: bytes, unchanged: Callable[[bytes | None], bool]
) -> None:
    """Write `data` to `path` atomically if `unchanged(what the file has now)`; else FileChanged.

    The check and the rename are one critical section for every iopdocs
    writer (`writing`). A writer outside iopdocs (a text editor, git) takes
    no lock: its write is caught if it lands before the re-read just before
    the rename. What remains is the window between that re-read and the
    rename (no Python code between them, microseconds): a write landing
    there is replaced, or goes to the old file that the rename unlinks.
    """
    with writing(path):

        def put(tmp: str) -> None:
            current = read_or_none(path)
            if not unchanged(current):
                raise FileChanged(path, current)
            os.replace(tmp, path)

        _write_then(path, data, put)


def create_new(path: Path, data: bytes) -> None:
    """Write `data` as a new file at `path`, atomically; FileChanged when one is there already.

    The file appears whole or not at all (a hard link of the finished
    temporary file), and a file created meanwhile, by anyone, is never replaced.
    """
    with writing(path):

        def put(tmp: str) -> None:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise FileChanged(path, read_or_none(path)) from None

        _write_then(path, data, put)


def _remove_leftovers(path: Path) -> None:
    """Remove temporary files that a killed earlier write of `path` left behind.

    A temporary file still locked belongs to a write in progress (another
    process's) and is left alone; a killed writer's lock died with it.
    """
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            with open(leftover, "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                leftover.unlink(missing_ok=True)
        except (BlockingIOError, FileNotFoundError):
            continue


HOLDER_FILE = ".iopdocs-bygge"


@contextlib.contextmanager
def locked(
    folder: Path, holder: str, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold a lock on `folder` itself for the block, waiting for whoever holds it now.

    The lock is on the folder, so it leaves no file behind. While it is held,
    `holder` (who took it, in words) stands in the folder's HOLDER_FILE; when
    the lock is busy, `on_wait` is told what that file says before the wait.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(_read_holder(folder))
            fcntl.flock(handle, fcntl.LOCK_EX)
        note = folder / HOLDER_FILE
        note.write_text(f"{holder}, process {os.getpid()}, sedan {time.strftime('%H:%M:%S')}")
        try:
            yield
        finally:
            note.unlink(missing_ok=True)
    finally:
        os.close(handle)  # closing releases the lock


def _read_holder(folder: Path) -> str:
    """Return who holds the lock of `folder`, as it wrote it ("" when unknown)."""
    try:
        return (folder / HOLDER_FILE).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


_FOLDER_LOCK = ".iopdocs-lock"
# A folder younger than this is never swept: its owner may not have locked it yet.
_SWEEP_AGE = 60.0


class WorkFolder:
    """A private temporary folder, locked while in use; a killed owner's folders are swept.

    `with WorkFolder("iopdocs-pdf-") as folder:` creates the folder and holds
    a lock in it until the block ends, then removes it. On entry, folders of
    the same prefix whose lock is free (their process is gone, killed before
    it could clean up) and that are older than a minute are removed.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.path: Path | None = None
        self._handle = None

    def __enter__(self) -> Path:
        sweep_folders(self.prefix)
        self.path = Path(tempfile.mkdtemp(prefix=self.prefix))
        self._handle = open(self.path / _FOLDER_LOCK, "w")  # noqa: SIM115 - held until __exit__
        fcntl.flock(self._handle, fcntl.LOCK_EX)
        return self.path

    def __exit__(self, *exc_info: object) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def sweep_folders(prefix: str) -> list[Path]:
    """Remove the temporary folders of `prefix` that no living process holds; return them."""
    swept = []
    for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        try:
            if time.time() - folder.stat().st_mtime < _SWEEP_AGE or not folder.is_dir():
                continue
            with open(folder / _FOLDER_LOCK, "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
                swept.append(folder)
        except (BlockingIOError, OSError):
            continue
    return swept
