"""Sealed records: once the board has decided, a case's papers stay what they were.

A case with `beslut:` is decided. Its papers of a sealed kind dated on or
before the decision (the tjänsteskrivelse, the agreement, follow-ups the
board saw) are allmänna handlingar: the build never writes them again,
whatever changed (template, settings, iopdocs version, the case file's
other fields), and `--force` does not change that. The manifest marks each
sealed file with the decision (`låst`) and keeps its SHA-256: a sealed file
that is missing or whose bytes differ is an error (L001) naming the file and
the recorded hash, never silently made again. A paper that was never built
(no manifest entry: a fresh output folder) is made once and sealed at once;
one that is on disk but unknown to the manifest (a deleted manifest) is
sealed as it is, never overwritten, not even with `--force`. The same holds
for the files published from a sealed paper (its PDF, its PDF/A in `pdfa/`):
one on disk is sealed as it is, one sealed and then lost is L001 and never
made again, and only a paper that never had one gets it made, once, from the
sealed .docx. A paper whose .docx is gone while a file published from it is
there (and the manifest does not know it) is not made again either (L004):
a new .docx would be a new paper beside the published one. Once a case is
sealed in a folder, a paper of a sealed kind that was not there (a follow-up
added to the case file afterwards) is not made: the board never had it (L003).

The case file is remembered too: the build that seals a case records its
SHA-256 in the manifest and keeps a copy of it (`.iopdocs-beslutat/`), so
`iopdocs arkivera` packages the case file the decided papers belong to, not
whatever it says later.

Sealing is not a correction: a decided paper is corrected by a new case, an
ändringsbeslut (`iopdocs new --andring`). Nor does removing `beslut:` unseal
a case (L002): the manifest remembers the decision.
"""

from __future__ import annotations

import json
from pathlib import Path

from iopdocs.build.kinds import Document, documents_for
from iopdocs.build.manifest import (
    KEPT_COPIES,
    MANIFEST,
    SEAL,
    Manifest,
    is_sealed,
    matches,
)
from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.errors import OutputError, Problem
from iopdocs.files import atomic_write, file_sha256, sha256


def sealed_documents(case: Case, derived: Derived) -> list[Document]:
    """Return the documents of a decided case that are sealed: none when it is undecided.

    A sealed kind's document counts when it is dated on or before the decision:
    a follow-up report written after it was not part of what the board decided.
    """
    if case.beslut is None:
        return []
    return [
        document
        for document in documents_for(case)
        if document.kind.sealed
        and document.kind.properties(document, case, derived).day <= case.beslut.datum
    ]


PDFA_FOLDER = "pdfa"
"""The case folder's subfolder where `iopdocs arkivera` keeps each document's PDF/A."""


def published_beside(manifest: Manifest, name: str) -> list[str]:
    """Return the files published from document `name` (its PDF, its PDF/A …).

    Both those the manifest records and those only on disk: a published
    paper whose manifest entry was lost is still the paper that was sent out.
    """
    stem = _stem(name)
    stems = (stem, f"{PDFA_FOLDER}/{stem}")
    on_disk = [p for pattern in stems for p in manifest.folder.glob(f"{pattern}.*") if p.is_file()]
    found = {*manifest.files, *(p.relative_to(manifest.folder).as_posix() for p in on_disk)}
    return sorted(n for n in found if n != name and _stem(n) in stems)


def _stem(name: str) -> str:
    """Return a file name without its last suffix: 'pdfa/x.pdf' -> 'pdfa/x'."""
    return name.rsplit(".", 1)[0]


def check_sealed(manifest: Manifest, name: str, case_file: Path, label: str) -> Problem | None:
    """Return L001 when a file sealed in the manifest is missing or changed, else None."""
    entry = manifest.files.get(name, {})
    path = manifest.folder / name
    if matches(path, entry):
        return None
    what = "saknas" if not path.exists() else "har ändrats"
    return Problem(
        str(case_file),
        None,
        None,
        name,
        f"{path} {what}, men dokumentet är låst ({entry.get(SEAL, label)}). Enligt "
        f"manifestet ska det ha SHA-256 {entry.get('sha256', '?')}. iopdocs gör inte om ett "
        "beslutat dokument: lägg tillbaka filen ur diariet eller en säkerhetskopia. Ska "
        "beslutet rättas är det ett nytt ärende (iopdocs new --andring).",
        "L001",
    )


def unsealed_by_case(manifest: Manifest, case: Case, case_file: Path) -> Problem | None:
    """Return L002 when the manifest has sealed papers but the case file no longer has `beslut:`."""
    if case.beslut is not None:
        return None
    sealed = sorted(name for name, entry in manifest.files.items() if is_sealed(entry))
    if not sealed:
        return None
    label = manifest.files[sealed[0]][SEAL]
    return Problem(
        str(case_file),
        None,
        None,
        "beslut",
        f"ärendets handlingar är låsta ({label}: {', '.join(sealed)}), men ärendefilen saknar "
        "'beslut:'. Lägg tillbaka blocket. Ska beslutet ändras är det ett nytt ärende "
        "(iopdocs new --andring); inget byggs.",
        "L002",
    )


def decided_elsewhere(manifest: Manifest, case: Case, case_file: Path) -> Problem | None:
    """Return L005 when another case folder already holds sealed papers of this decision.

    A decision (day and paragraph) has one set of papers. A decided case file
    renamed, or copied under a new name, would otherwise get a new folder and
    new sealed papers for it, made from whatever the file says now.
    """
    if case.beslut is None or any(is_sealed(e) for e in manifest.files.values()):
        return None
    label = case.beslut.label
    # Only a decided case's first build looks, but it looks at every case folder:
    # the raw bytes pass over those that never mention this decision unparsed
    # (half the time with a thousand folders: 40 ms instead of 80).
    needle = json.dumps(label, ensure_ascii=False).encode()
    for other in sorted(manifest.folder.parent.glob(f"*/{MANIFEST}")):
        if other.parent == manifest.folder:
            continue
        try:
            if needle not in other.read_bytes():
                continue
            files = Manifest.read(other.parent).files
        except (OutputError, OSError):
            continue  # a damaged manifest elsewhere is that case's own problem
        if any(isinstance(e, dict) and e.get(SEAL) == label for e in files.values()):
            return _decided_in(other.parent, manifest.folder, case_file, label)
    return None


def _decided_in(folder: Path, wanted: Path, case_file: Path, label: str) -> Problem:
    """Return L005 naming the folder that holds the decision's sealed papers."""
    return Problem(
        str(case_file),
        None,
        None,
        "beslut",
        f"beslutet ({label}) har redan låsta handlingar i {folder}. Har ärendefilen bytt "
        f"namn, ge den tillbaka namnet {folder.name}{case_file.suffix}, eller flytta mappen "
        f"{folder} till {wanted}. Ska beslutet ändras är det ett nytt ärende "
        "(iopdocs new --andring); inget byggs.",
        "L005",
    )


def not_made(name: str, case_file: Path, label: str) -> Problem:
    """Return L003: a sealed kind's paper new to a case that was sealed before is not made."""
    return Problem(
        str(case_file),
        None,
        None,
        name,
        f"{name} görs inte: ärendet är beslutat ({label}) och dess handlingar låstes "
        "utan den. En handling som nämnden inte hade när den beslutade görs inte i "
        "efterhand. Ta bort ändringen ur ärendefilen; ska beslutet kompletteras är det "
        "ett nytt ärende (iopdocs new --andring).",
        "L003",
    )


def published_without_document(
    name: str, published: list[str], folder: Path, case_file: Path, label: str
) -> Problem:
    """Return L004: a decided paper's published file is there, its document is not.

    A new .docx made today would be a new paper beside the one that was
    published (and registered): the document is not made again.
    """
    return Problem(
        str(case_file),
        None,
        None,
        name,
        f"{folder / name} saknas, men {', '.join(published)} finns: handlingen är gjord "
        f"och ärendet är beslutat ({label}). iopdocs gör inte om den, eftersom en ny "
        f"{name} inte vore den handling nämnden hade. Lägg tillbaka {name} ur diariet eller "
        "en säkerhetskopia. Ska beslutet rättas är det ett nytt ärende (iopdocs new --andring).",
        "L004",
    )


SEALED_COPIES = KEPT_COPIES
"""The case folder's subfolder that keeps the case file as it was when its papers were sealed."""


def remember_case_file(manifest: Manifest, case_file: Path, data: bytes, label: str) -> None:
    """Record (once) the case file a sealed case's papers belong to, and keep a copy of it.

    Nothing is recorded while nothing is sealed, and a record is never replaced.
    A manifest that was lost is no reason to take the case file as it is now:
    a copy the sealing build kept is recorded instead, the oldest if several.
    """
    if manifest.sealed_case or not any(is_sealed(e) for e in manifest.files.values()):
        return
    keep_case_file(manifest, case_file, data)
    digest, copy = _kept_copies(manifest.folder, case_file)[0]
    manifest.sealed_case = {"sha256": digest, "kopia": copy, SEAL: label}


def keep_case_file(manifest: Manifest, case_file: Path, data: bytes) -> None:
    """Keep a copy of the case file a sealing build makes papers from, before it makes them.

    Written first, so that a build stopped while writing papers (a full disk,
    a kill) leaves the copy of the version they came from; a later build,
    even from a changed case file, records that copy (remember_case_file).
    """
    if manifest.sealed_case or _kept_copies(manifest.folder, case_file):
        return
    digest = sha256(data)
    target = manifest.folder / SEALED_COPIES / f"{case_file.stem}.{digest[:12]}{case_file.suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)


def _kept_copies(folder: Path, case_file: Path) -> list[tuple[str, str]]:
    """Return (SHA-256, relative path) of the intact kept copies of `case_file`, oldest first."""
    found = []
    for path in (folder / SEALED_COPIES).glob(f"{case_file.stem}.*{case_file.suffix}"):
        digest = file_sha256(path) if path.is_file() and not path.is_symlink() else None
        tag = path.name[len(case_file.stem) + 1 : -len(case_file.suffix) or None]
        if digest and digest[:12] == tag:
            found.append((path.stat().st_mtime_ns, digest, f"{SEALED_COPIES}/{path.name}"))
    return [(digest, copy) for _, digest, copy in sorted(found)]
