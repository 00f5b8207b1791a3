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
sealed as it is, never overwritten, not even with `--force`. Once a case is
sealed in a folder, a paper of a sealed kind that was not there (a follow-up
added to the case file afterwards) is not made: the board never had it (L003).

Sealing is not a correction: a decided paper is corrected by a new case, an
ändringsbeslut (`iopdocs new --andring`). Nor does removing `beslut:` unseal
a case (L002): the manifest remembers the decision.
"""

from __future__ import annotations

from pathlib import Path

from iopdocs.build.kinds import Document, documents_for
from iopdocs.build.manifest import SEAL, Manifest, is_sealed, matches
from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.errors import Problem


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


def published_beside(manifest: Manifest, name: str) -> list[str]:
    """Return the files published from document `name` (its PDF …) that the manifest records."""
    stem = name.rsplit(".", 1)[0]
    return sorted(n for n in manifest.files if n != name and n.rsplit(".", 1)[0] == stem)


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
