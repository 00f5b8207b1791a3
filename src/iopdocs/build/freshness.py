"""Decide, by content hashes alone, whether a case's documents are current.

A case is outdated when its file, the settings, one of its templates or the
iopdocs version differs from what its manifest recorded, or when one of its
documents is missing or was changed. Only hashing and JSON: this is what a
no-op rebuild of a thousand cases costs.
"""

from __future__ import annotations

import functools
from pathlib import Path

from iopdocs import __version__
from iopdocs.build.manifest import (
    Manifest,
    Outcome,
    WriteResult,
    is_sealed,
    matches,
    sealed_result,
)
from iopdocs.build.project import CaseReport, Project, output_folder
from iopdocs.errors import Problem
from iopdocs.files import file_sha256, sha256

DRAFT = "utkast"
"""The input recorded for documents built as a draft (build --utkast)."""


@functools.lru_cache(maxsize=64)
def shared_digest(path: Path) -> str | None:
    """Return the SHA-256 of a file many cases share (settings, templates), once per batch."""
    return file_sha256(path)


def why_rebuild(manifest: Manifest, case_digest: str, project: Project) -> str | None:
    """Return why a case's documents are outdated, or None when they are current."""
    if project.rebuild_all:
        return "--all"
    documents = {n: e for n, e in manifest.files.items() if n.endswith(".docx")}
    if not documents:
        return "nytt ärende"
    if any("sha256" not in e or "väntande" in e for e in documents.values()):
        return "ett tidigare bygge avbröts"
    for name, entry in sorted(manifest.files.items()):
        if is_sealed(entry) and not matches(manifest.folder / name, entry):
            return f"det låsta {name} saknas eller har ändrats"  # the build says L001
    if not manifest.sealed_case and any(is_sealed(e) for e in manifest.files.values()):
        return "ärendefilen som handlingarna låstes med är inte sparad"  # an older manifest
    live = {n: e for n, e in documents.items() if not is_sealed(e)}
    if not live:
        return "beslutat ärende utan protokollsutdrag"
    documents = live
    recorded = next(iter(documents.values())).get("indata", {})
    if recorded.get(DRAFT) and not project.draft:
        return "utkast, nu utan --utkast"  # unless finished since, it is refused (U001)
    if recorded.get("ärende") != case_digest:
        return "ärendefilen har ändrats"
    if recorded.get("inställningar") != shared_digest(project.settings_file):
        return "inställningarna har ändrats"
    if recorded.get("iopdocs") != __version__:
        return f"ny version av iopdocs ({__version__})"
    for name, entry in sorted(documents.items()):
        template = Path(entry.get("indata", {}).get("mallfil", ""))
        if entry.get("indata", {}).get("mall") != shared_digest(template):
            return f"mallen {template.name} har ändrats"
        if not matches(manifest.folder / name, entry):
            return f"{name} saknas eller har ändrats"
    return None


def current_report(file: Path, project: Project) -> CaseReport | None:
    """Return the report of a case whose documents are current, or None if it is outdated.

    An unreadable case file counts as outdated, so the build reports its problem.
    """
    try:
        digest = sha256(file.read_bytes())
        manifest = Manifest.read(output_folder(project, file))
        if manifest.other_case(file) or why_rebuild(manifest, digest, project) is not None:
            return None
    except Exception:  # noqa: BLE001 - anything odd: let the full build explain it
        return None
    report = CaseReport(file, unchanged=True)
    report.problems = [Problem(**p) for p in manifest.case.get("varningar", [])]
    report.writes = [
        sealed_result(manifest.folder / name, entry)
        if is_sealed(entry)
        else WriteResult(manifest.folder / name, Outcome.UNCHANGED)
        for name, entry in sorted(manifest.files.items())
        if not is_sealed(entry) or (manifest.folder / name).exists()
    ]
    return report


def reset() -> None:
    """Forget the shared digests: settings or templates may have changed since."""
    shared_digest.cache_clear()
