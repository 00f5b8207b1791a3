"""`build --check`: what a build would change, without touching output/.

The cases are built into a temporary folder; each case's documents are
then compared with those in output/ section by section, and the inputs
that differ from the ones recorded in output/'s manifests are named as
the causes. A cases repository can run this in its own CI.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from iopdocs.build import batch
from iopdocs.build.manifest import Manifest
from iopdocs.build.project import CaseReport, Project, output_folder
from iopdocs.files import file_sha256
from iopdocs.review import diff

INPUT_NAMES = {
    "ärende": "ärendefilen",
    "inställningar": "inställningarna",
    "mall": "mallen",
    "iopdocs": "iopdocs-versionen",
}


@dataclass
class CaseChange:
    """How one case's documents would change, and why."""

    file: Path
    documents: list[diff.DocumentDiff] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    bytes_only: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Return True if any document would be added, removed or rewritten."""
        return diff.differs(self.documents) or bool(self.bytes_only)

    @property
    def sealed(self) -> list[diff.DocumentDiff]:
        """Return the sealed documents that would differ if they were made again today."""
        return [d for d in self.documents if d.sealed and d.status != "lika"]


@dataclass
class CheckResult:
    """The reports of the trial build and the changes it would make."""

    reports: list[CaseReport]
    changes: list[CaseChange]
    trial_output: str = ""

    @property
    def anything_changes(self) -> bool:
        """Return True if a build would change output/ (or a case fails)."""
        return any(c.changed for c in self.changes) or any(r.failed for r in self.reports)


def check(files: list[Path], project: Project, jobs: int = 1) -> CheckResult:
    """Build `files` into a temporary folder and compare with `project.output`."""
    with tempfile.TemporaryDirectory(prefix="iopdocs-check-") as tmp:
        trial = dataclasses.replace(project, output=Path(tmp) / "output", rebuild_all=True)
        reports = batch.run(files, trial, jobs=jobs)
        changes = [_compare(r.file, project, trial) for r in reports if not r.failed]
    return CheckResult(reports, changes, str(trial.output))


def _compare(file: Path, project: Project, trial: Project) -> CaseChange:
    """Return the changes of one case between output/ and the trial build."""
    old = output_folder(project, file)
    new = output_folder(trial, file)
    documents = diff.diff_folders(old, new) if old.is_dir() else _all_added(new)
    change = CaseChange(file, documents, bytes_only=_bytes_only(documents))
    if change.changed:
        change.causes = causes(Manifest.read(old), Manifest.read(new))
    return change


def _bytes_only(documents: list[diff.DocumentDiff]) -> list[str]:
    """Return the documents whose text is the same but whose bytes would change (not sealed ones)."""
    return [
        d.name
        for d in documents
        if d.status == "lika"
        and not d.sealed
        and d.old
        and d.new
        and file_sha256(d.old) != file_sha256(d.new)
    ]


def _all_added(folder: Path) -> list[diff.DocumentDiff]:
    """Return every document of a case that has no earlier output."""
    return [
        diff.DocumentDiff(path.name, "tillagd", None, path)
        for path in sorted(folder.glob("*.docx"))
    ]


def causes(old: Manifest, new: Manifest) -> list[str]:
    """Return, in words, which inputs differ between two manifests of a case."""
    if not old.files:
        return ["inga tidigare dokument"]
    found: list[str] = []
    for name, entry in sorted(new.files.items()):
        before = old.files.get(name)
        if before is None:
            found.append(f"{name} är nytt")
            continue
        if file_sha256(old.folder / name) != before.get("sha256"):
            found.append(f"{name} har ändrats för hand")
        for key, words in INPUT_NAMES.items():
            if before.get("indata", {}).get(key) != entry.get("indata", {}).get(key):
                label = (
                    f"{words} ({Path(entry['indata'].get('mallfil', '')).name})"
                    if key == "mall"
                    else words
                )
                found.append(f"{label} har ändrats")
    return sorted(set(found), key=found.index)


def _sealed_information(change: CaseChange, result: CheckResult, color: bool) -> str:
    """Return what a decided case's sealed papers would look like today, as information."""
    label = change.sealed[0].sealed
    head = (
        f"== {change.file}: beslutat ärende, handlingarna är låsta ({label}). Som information: "
        "så skulle de ändras om de gjordes om i dag. De görs inte om."
    )
    text = diff.render(change.sealed, color=color, folders=True)
    return head + "\n" + text.replace(result.trial_output, "(nytt bygge)")


def render(result: CheckResult, color: bool = False) -> str:
    """Return the report: per changed case its causes and its section diff."""
    out: list[str] = []
    for change in result.changes:
        if not change.changed:
            if change.sealed:
                out.append(_sealed_information(change, result, color))
            continue
        out.append(f"== {change.file}: ändras ({'; '.join(change.causes)})")
        text = diff.render(change.documents, color=color, folders=True)
        out.append(text.replace(result.trial_output, "(nytt bygge)"))
        out += [
            f"ändrad utan textändring (format eller egenskaper): {n}" for n in change.bytes_only
        ]
    unchanged = sum(not c.changed for c in result.changes)
    changed = len(result.changes) - unchanged
    failed = sum(r.failed for r in result.reports)
    out.append(
        f"Ärenden som skulle ändras: {changed}, oförändrade: {unchanged}, med fel: {failed}. "
        "Utmappen har inte rörts."
    )
    return "\n".join(out) + "\n"
