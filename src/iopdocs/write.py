"""Write outputs atomically, and never over a document someone edited by hand.

Each case folder holds a manifest with the SHA-256 of every file iopdocs
wrote there. A file whose bytes no longer match its manifest entry was
changed after it was generated; it is kept unless the user forces it, and
then a backup is written first.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from iopdocs.errors import OutputError

MANIFEST = ".iopdocs-manifest.json"


class Outcome(StrEnum):
    """What happened to one output file."""

    WRITTEN = "skriven"
    UNCHANGED = "oförändrad"
    KEPT_EDITED = "behållen (ändrad för hand)"
    FORCED = "skriven (handändrad kopia sparad)"


@dataclass
class WriteResult:
    """One file's outcome, with a note for the user when there is one."""

    path: Path
    outcome: Outcome
    note: str = ""


@dataclass
class Manifest:
    """The hashes (and inputs) of the files iopdocs wrote into one folder."""

    folder: Path
    files: dict[str, dict] = field(default_factory=dict)
    case: dict = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """Return the folder's manifest, or an empty one."""
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(folder, dict(data.get("filer", {})), dict(data.get("ärende", {})))
        except FileNotFoundError:
            return cls(folder)
        except (OSError, ValueError) as exc:
            raise OutputError(
                f"{path}: manifestet går inte att läsa ({exc}). Flytta undan filen och bygg igen."
            ) from exc

    def save(self) -> None:
        """Write the manifest atomically."""
        data = {"filer": self.files, "ärende": self.case}
        body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
        atomic_write(self.folder / MANIFEST, (body + "\n").encode("utf-8"))


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
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            # No fsync: the rename alone makes a killed build leave the old or the new
            # file, and ext4/xfs flush a file's data before a rename that replaces it.
            # An fsync per document cost ~10 ms, more than rendering the document.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_leftovers(path: Path) -> None:
    """Remove temporary files that a killed earlier write of `path` left behind."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        leftover.unlink(missing_ok=True)


def write_output(
    manifest: Manifest, name: str, data: bytes, inputs: dict[str, str], force: bool = False
) -> WriteResult:
    """Write one generated file into the manifest's folder, guarding hand edits."""
    path = manifest.folder / name
    new_hash = sha256(data)
    on_disk = file_sha256(path)
    entry = manifest.files.get(name, {})
    outcome = Outcome.WRITTEN
    if on_disk == new_hash:
        manifest.files[name] = _entry(path, new_hash, inputs)
        return WriteResult(path, Outcome.UNCHANGED)
    if on_disk is not None and on_disk not in (entry.get("sha256"), entry.get("väntande")):
        if not force:
            return WriteResult(path, Outcome.KEPT_EDITED, _edited_note(path))
        backup = path.with_name(f"{path.stem}.handandrad-{on_disk[:8]}{path.suffix}")
        atomic_write(backup, path.read_bytes())
        outcome = Outcome.FORCED
    # Say what is about to be written before writing it: a build killed between
    # the two leaves a file the next build knows as its own, not as a hand edit.
    manifest.files[name] = {**entry, "väntande": new_hash}
    manifest.save()
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(
            f"{path}: kan inte skrivas ({exc.strerror}). Kontrollera mappens behörighet."
        ) from exc
    manifest.files[name] = _entry(path, new_hash, inputs)
    note = f"den handändrade filen sparades som {backup.name}" if outcome is Outcome.FORCED else ""
    return WriteResult(path, outcome, note)


def _entry(path: Path, digest: str, inputs: dict[str, str]) -> dict:
    """Return a manifest entry: the file's hash, its inputs, and its stat as a hashing shortcut."""
    stat = path.stat()
    return {
        "sha256": digest,
        "indata": inputs,
        "storlek": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


def matches(path: Path, entry: dict) -> bool:
    """Return whether a file still holds what its manifest entry recorded.

    Like git's index: a file whose size and modification time (in
    nanoseconds) are exactly those recorded is not read again; any other
    file is hashed and compared by content.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        return False
    if stat.st_size == entry.get("storlek") and stat.st_mtime_ns == entry.get("mtime_ns"):
        return True
    return file_sha256(path) == entry.get("sha256")


def _edited_note(path: Path) -> str:
    """Return the message for a document that was edited after it was generated."""
    return (
        f"{path}: dokumentet har ändrats efter att det skapades och skrivs inte över. "
        "För över ändringarna till ärendefilen, eller kör med --force "
        "(då sparas en kopia av den ändrade filen först)."
    )
