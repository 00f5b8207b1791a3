"""The manifest of an output folder, and writes that never go over a hand-edited document.

Each case folder holds a manifest with the SHA-256 of every file iopdocs
wrote there. A file whose bytes no longer match its manifest entry was
changed after it was generated; it is kept unless the user forces it, and
then a backup is written first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath

from iopdocs.errors import OutputError, os_reason
from iopdocs.files import atomic_write, file_sha256, sha256

MANIFEST = ".iopdocs-manifest.json"
TAKEN = "hämtad"
"""The key for the hash of an edited document taken back into its case file (`iopdocs hamta
--skriv`): the next build may replace that document."""
TAKEN_REFUSED = "hämtad_med_avslag"
"""Set when some edits of a taken document could not be taken: a copy is kept before it goes."""
SEAL = "låst"
"""The key that marks a sealed file's entry (iopdocs.build.sealing); its value names the decision."""
SEALED_CASE = "låst_ärendefil"
"""The manifest's key for the case file as it was when the case's papers were sealed: its
SHA-256 (`sha256`), the kept copy (`kopia`, relative to the folder) and the decision (`låst`).
Manifests written before it existed have none; the next build of the case adds it."""


KEPT_COPIES = ".iopdocs-beslutat"
"""The case folder's subfolder that keeps the case file as it was when its papers were sealed."""


def _kept_copy_ok(record: dict) -> bool:
    """Return whether a sealed-case record names a hash and a copy inside KEPT_COPIES."""
    if not record:
        return True
    digest, copy = record.get("sha256"), record.get("kopia")
    if not isinstance(digest, str) or not isinstance(copy, str):
        return False
    parts = PurePosixPath(copy).parts
    return len(parts) == 2 and parts[0] == KEPT_COPIES and parts[1] not in ("..", ".")


class Outcome(StrEnum):
    """What happened to one output file."""

    WRITTEN = "skriven"
    UNCHANGED = "oförändrad"
    KEPT_EDITED = "behållen (ändrad för hand)"
    FORCED = "skriven (handändrad kopia sparad)"
    SEALED = "låst"
    REMOVED = "borttagen (ärendet ger den inte längre)"


@dataclass
class WriteResult:
    """One file's outcome, with a note for the user when there is one."""

    path: Path
    outcome: Outcome
    note: str = ""
    detail: str = ""
    """Said in brackets after the outcome: the decision a sealed file is locked under."""

    @property
    def label(self) -> str:
        """Return the outcome as reported: 'skriven', 'låst (beslutat 2024-12-18 § 142)'."""
        return f"{self.outcome.value} ({self.detail})" if self.detail else self.outcome.value


@dataclass
class Manifest:
    """The hashes (and inputs) of the files iopdocs wrote into one folder."""

    folder: Path
    files: dict[str, dict] = field(default_factory=dict)
    case: dict = field(default_factory=dict)
    sealed_case: dict = field(default_factory=dict)
    """The case file the sealed papers belong to (SEALED_CASE); empty until a case is sealed."""

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """Return the folder's manifest, or an empty one."""
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            parts = [data.get(key, {}) for key in ("filer", "ärende", SEALED_CASE)]
            if not all(isinstance(part, dict) for part in parts) or not _kept_copy_ok(parts[2]):
                raise ValueError("a part of the manifest is not what iopdocs wrote")
            return cls(folder, *(dict(part) for part in parts))
        except FileNotFoundError:
            return cls(folder)
        except OSError as exc:
            raise OutputError(f"{path}: manifestet kan inte läsas: {os_reason(exc)}.") from exc
        except ValueError as exc:
            raise OutputError(
                f"{path}: manifestet är skadat och går inte att läsa. "
                "Flytta undan filen och bygg igen."
            ) from exc

    def other_case(self, file: Path) -> str:
        """Return the other case file (still there) whose documents the folder holds, or ""."""
        recorded = self.case.get("fil")
        if not recorded:
            return ""
        owner = Path(recorded)
        if owner.resolve() == file.resolve() or not owner.is_file():
            return ""  # this case, or a case file that was moved or renamed since
        return str(owner)

    def mark_taken(self, name: str, digest: str, refused: bool) -> None:
        """Record that the edited file `name` (bytes hashing to `digest`) was taken back."""
        entry = self.files.get(name)
        if entry is not None:
            entry[TAKEN] = digest
            entry[TAKEN_REFUSED] = refused

    def save(self) -> None:
        """Write the manifest atomically."""
        data = {"filer": self.files, "ärende": self.case}
        if self.sealed_case:  # only a decided case has one: other manifests stay as they were
            data[SEALED_CASE] = self.sealed_case
        body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
        atomic_write(self.folder / MANIFEST, (body + "\n").encode("utf-8"))


def write_output(
    manifest: Manifest, name: str, data: bytes, inputs: dict[str, str], force: bool = False
) -> WriteResult:
    """Write one generated file into the manifest's folder, guarding hand edits.

    A sealed file (a decided case's paper, iopdocs.build.sealing) is never
    written, whatever asks: it is reported as låst and left as it is.
    """
    path = manifest.folder / name
    if is_sealed(manifest.files.get(name, {})):
        return sealed_result(path, manifest.files[name])
    new_hash = sha256(data)
    on_disk = file_sha256(path)
    entry = manifest.files.get(name, {})
    outcome = Outcome.WRITTEN
    if on_disk == new_hash:
        manifest.files[name] = _entry(path, new_hash, inputs)
        return WriteResult(path, Outcome.UNCHANGED)
    taken = on_disk is not None and on_disk == entry.get(TAKEN)
    if on_disk is not None and on_disk not in (entry.get("sha256"), entry.get("väntande")):
        if not force and not taken:
            return WriteResult(path, Outcome.KEPT_EDITED, _edited_note(path))
        if not taken or entry.get(TAKEN_REFUSED):
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
        raise OutputError(f"{path}: kan inte skrivas: {os_reason(exc)}.") from exc
    manifest.files[name] = _entry(path, new_hash, inputs)
    note = f"den handändrade filen sparades som {backup.name}" if outcome is Outcome.FORCED else ""
    return WriteResult(path, outcome, note)


def retire_stale(manifest: Manifest, produced: set[str]) -> list[WriteResult]:
    """Remove the files of documents a case no longer produces, and their manifest entries.

    A case that changes type (ny -> avslut) stops producing its agreement; the
    old one would otherwise stay in the folder and the manifest for good. A
    file published from a produced document (its PDF) stays; sealed papers are
    never touched. A file as iopdocs wrote it is removed; one edited by hand is
    kept under a new name, as --force keeps it.
    """
    stems = {Path(name).stem for name in produced}
    retired = []
    for name, entry in sorted(manifest.files.items()):
        if name in produced or Path(name).stem in stems or is_sealed(entry):
            continue
        retired.append(_retire(manifest, name, entry))
    return retired


def _retire(manifest: Manifest, name: str, entry: dict) -> WriteResult:
    """Remove one stale file (or keep a hand-edited one aside) and forget it."""
    path = manifest.folder / name
    del manifest.files[name]
    on_disk = file_sha256(path)
    if on_disk is None:
        return WriteResult(path, Outcome.REMOVED)
    if on_disk in (entry.get("sha256"), entry.get("väntande")):
        path.unlink()
        return WriteResult(path, Outcome.REMOVED)
    backup = path.with_name(f"{path.stem}.handandrad-{on_disk[:8]}{path.suffix}")
    path.rename(backup)
    return WriteResult(path, Outcome.REMOVED, f"{path}: ändrad för hand, sparad som {backup.name}")


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


def is_sealed(entry: dict) -> bool:
    """Return whether a manifest entry is a sealed file of a decided case."""
    return SEAL in entry


def seal(manifest: Manifest, name: str, label: str) -> None:
    """Mark a file in the manifest as sealed under a decision, with the bytes it has now.

    A document edited by hand before the decision is sealed as it is: that is
    the paper the board had.
    """
    path = manifest.folder / name
    digest = file_sha256(path)
    if digest is None:
        return
    stat = path.stat()
    entry = manifest.files.setdefault(name, {})
    entry.update(sha256=digest, storlek=stat.st_size, mtime_ns=stat.st_mtime_ns)
    entry.pop("väntande", None)
    entry[SEAL] = label


def sealed_result(path: Path, entry: dict) -> WriteResult:
    """Return how a sealed file is reported: 'låst (beslutat 2024-12-18 § 142)'."""
    return WriteResult(path, Outcome.SEALED, detail=entry.get(SEAL, ""))


def _edited_note(path: Path) -> str:
    """Return the message for a document that was edited after it was generated."""
    return (
        f"{path}: dokumentet har ändrats efter att det skapades och skrivs inte över. "
        "För över ändringarna till ärendefilen, eller kör med --force "
        "(då sparas en kopia av den ändrade filen först)."
    )
