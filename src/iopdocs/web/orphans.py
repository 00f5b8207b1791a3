"""Unsaved text left behind: drafts whose case file was deleted or renamed while it was open.

The editor keeps typing in `cases/.<fil>.utkast.json`; when `<fil>` is
gone, nothing opens that draft any more. These are found for the case
list, restored as a case file again (never over an existing file), or
thrown away when the user confirms it.
"""

from __future__ import annotations

import errno
import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from iopdocs.files import FileChanged, create_new, sha256
from iopdocs.web.session import DRAFT_SUFFIX, Draft, draft_path
from iopdocs.web.workbench import Workbench, is_case_name

RESTORED = "-aterstalld"
MAX_TRIES = 100
_RESTORING = threading.Lock()
"""Held while a draft is restored: a double click restores it once, not twice."""


class NoOrphan(LookupError):
    """A name that names no draft without its case file (or the file is there again)."""


@dataclass(frozen=True)
class Orphan:
    """A draft whose case file is gone: the name it had, its text, and where its text came from."""

    name: str
    draft: Draft
    renamed_to: str = ""
    """The case file that now has the text the draft started from (a renamed file), if any."""


def orphans(bench: Workbench) -> list[Orphan]:
    """Return the drafts in cases/ whose case file no longer exists, by name."""
    if not bench.cases.is_dir():
        return []
    bases = _case_digests(bench)
    found = []
    for path in sorted(bench.cases.glob(f".*{DRAFT_SUFFIX}")):
        name = path.name[1 : -len(DRAFT_SUFFIX)]
        try:
            found.append(_orphan(bench, name, bases))
        except NoOrphan:
            continue
    return found


def orphan(bench: Workbench, name: str) -> Orphan:
    """Return the draft left for the case file `name`; raise NoOrphan when there is none."""
    return _orphan(bench, name, {})


def _orphan(bench: Workbench, name: str, bases: dict[str, str]) -> Orphan:
    """Return the orphaned draft of `name`; `bases` names case files by their text's digest."""
    if not is_case_name(name):
        raise NoOrphan(name)
    case = bench.cases / name
    kept = draft_path(case)
    if kept.is_symlink() or not kept.is_file() or case.exists() or case.is_symlink():
        raise NoOrphan(name)
    draft = Draft.read(case)
    if draft is None:
        raise NoOrphan(name)
    return Orphan(name, draft, bases.get(sha256(draft.base.encode("utf-8")), ""))


def _case_digests(bench: Workbench) -> dict[str, str]:
    """Return the project's case files by the digest of their content."""
    digests = {}
    for path in bench.case_files():
        try:
            digests.setdefault(sha256(path.read_bytes()), path.name)
        except OSError:
            continue
    return digests


def restore(bench: Workbench, found: Orphan) -> Path:
    """Write the draft's text as a case file again and remove the draft; return the new file.

    The file gets its old name when that is free, else `<namn>-aterstalld.yaml`
    (then -2, -3 …); a file that exists, or appears meanwhile, is never replaced,
    nor twinned by the same name in another Unicode form. A draft restored or
    thrown away meanwhile (a double click) raises NoOrphan.
    """
    data = found.draft.text.encode("utf-8")
    with _RESTORING:
        if not draft_path(bench.cases / found.name).is_file():
            raise NoOrphan(found.name)  # restored or thrown away meanwhile
        taken = _taken(bench)
        for name in _names(found.name):
            target = bench.cases / name
            if _normal(name) in taken or target.exists() or target.is_symlink():
                continue
            try:
                create_new(target, data)
            except FileChanged:
                continue
            _drop(bench, found.name)
            return target
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), found.name)


def _taken(bench: Workbench) -> set[str]:
    """Return the names in cases/, each in one Unicode form: "å" composed or not is one name."""
    return {_normal(path.name) for path in bench.cases.iterdir()}


def _normal(name: str) -> str:
    """Return a file name in its composed Unicode form (NFC)."""
    return unicodedata.normalize("NFC", name)


def _names(name: str):
    """Yield the names a restored case may take, its own first."""
    path = Path(name)
    yield name
    yield f"{path.stem}{RESTORED}{path.suffix}"
    for number in range(2, MAX_TRIES):
        yield f"{path.stem}{RESTORED}-{number}{path.suffix}"


def discard(bench: Workbench, found: Orphan) -> None:
    """Throw away the draft of a case file that is gone."""
    _drop(bench, found.name)


def _drop(bench: Workbench, name: str) -> None:
    """Remove the draft of `name` and close the editor's session of the gone file."""
    draft_path(bench.cases / name).unlink(missing_ok=True)
    bench.forget(bench.cases / name)
