"""`iopdocs hamta`: edits made in Word or LibreOffice taken back into the case file.

`propose` reads an edited document, finds the document exactly as it was
generated (kept by the build, `build.generated`, or rendered again when
nothing has changed since), compares the two field by field
(`word.fieldmap`) and says, for each change, which value of the case file it
changes and to what (`Change`), or why it cannot be taken back and what to
change instead (`Refused`, both from `fieldchanges`). `new_text` applies the chosen changes to the
case file's text (comments, order and layout kept), `diff` shows them, and
`write` writes the file (atomically, checked first) and lets the next build
replace the edited document.

A value is changed only if the case file still says what the document was
made from; a value changed in both places is refused as a conflict.
This is the library the command line and the workbench call.
"""

from __future__ import annotations

import difflib
import glob
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from iopdocs.authoring import yamledit
from iopdocs.authoring.fieldchanges import Change, Refused, changes_of
from iopdocs.build import generated
from iopdocs.build.cases import render_case, sealed_names
from iopdocs.build.kinds import documents_for
from iopdocs.build.manifest import SEAL, Manifest, is_sealed
from iopdocs.build.prepare import Prepared, prepare
from iopdocs.build.project import Project, output_folder, output_lock
from iopdocs.case.load import load_yaml_text
from iopdocs.case.roundtrip import dump, round_trip
from iopdocs.case.yamlpath import YamlPath
from iopdocs.errors import CaseError, IopdocsError, os_reason
from iopdocs.files import FileChanged, read_or_none, replace_unless_changed, sha256, writing
from iopdocs.word import fieldmap, readback, zipread


class TakebackError(IopdocsError):
    """A document cannot be compared with what was generated (tracked changes, no base …)."""


@dataclass(frozen=True)
class Proposal:
    """What an edited document would change in its case file."""

    document: str
    case_file: Path
    case_text: str
    changes: tuple[Change, ...]
    refused: tuple[Refused, ...]
    output: Path | None = None
    edited_digest: str = ""


# --- finding the document and what it was made from -------------------------------------


def propose(
    data: bytes,
    name: str,
    project: Project,
    case_file: Path | None = None,
    at: Path | None = None,
    *,
    own_case: bool = False,
) -> Proposal:
    """Return what an edited document (its bytes, its name) changes in its case file.

    `at` is where the document lies, if it is a file: a document in its
    case's output folder finds its case file through the folder's manifest.
    Bytes equal to the document in the case's output folder are that
    document. With `own_case`, a document that says it was made from another
    case file than `case_file` is refused (an upload to the wrong case).
    """
    edited = _read(data, name)
    if "iopdocs-version" not in edited.properties:
        raise TakebackError(
            f"{name}: dokumentet är inte gjort av iopdocs (dess egenskaper säger inte vilket "
            "ärende det kommer från). Hämta bara ändringar ur dokument som iopdocs build har gjort."
        )
    if edited.revisions:
        raise TakebackError(_revisions_message(name, edited.revisions))
    filename = edited.properties.get("iopdocs-dokument") or Path(name).name
    if own_case and case_file is not None:
        _refuse_other_case(edited, case_file, name)
    case_file = case_file or _case_file(edited, at, project, name)
    text = _case_text(case_file)
    prepared = _prepared(case_file, project)
    folder = output_folder(project, case_file)
    _refuse_unknown_document(prepared, filename, name)
    _refuse_sealed(prepared, folder, filename, name)
    base = _base(edited, filename, folder, prepared, project, name)
    comparison = fieldmap.compare(base, edited)
    values = load_yaml_text(text, str(case_file)).data  # as the file writes them
    changes, refused = changes_of(comparison, prepared, values)
    output = folder / filename
    on_disk = output if _is_output(output, at, data) else None
    return Proposal(
        name,
        case_file,
        text,
        tuple(changes),
        tuple(refused),
        on_disk,
        sha256(data),
    )


def _read(data: bytes, name: str) -> readback.ReadDocument:
    try:
        return readback.read_document(data)
    except Exception as exc:  # zipfile, lxml and the package limits all mean the same here
        raise TakebackError(
            f"{name}: kan inte läsas som Word-dokument ({zipread.reason(exc)}). "
            "Spara det som .docx (inte .doc eller .odt) och försök igen."
        ) from exc


def _refuse_unknown_document(prepared: Prepared, filename: str, name: str) -> None:
    """Refuse a document that names no document of the case (its properties were changed).

    The name comes from the document's own properties; it must be one of the
    case's documents before it is used to find the manifest, the seal or the
    kept copy, or './tjansteskrivelse.docx' would slip past the seal.
    """
    known = sorted(d.filename for d in documents_for(prepared.case))
    if filename not in known:
        raise TakebackError(
            f"{name}: dokumentet säger att det är {filename}, men ärendet {prepared.file.name} har "
            f"inget sådant dokument (det har {', '.join(known)}). Hämta bara ändringar ur ett "
            "dokument som iopdocs build har gjort av ärendet."
        )


def _refuse_sealed(prepared: Prepared, folder: Path, filename: str, name: str) -> None:
    """Refuse a paper of a decided case: it is sealed, and is corrected by a new case."""
    entry = Manifest.read(folder).files.get(filename, {})
    if not is_sealed(entry) and filename not in sealed_names(prepared):
        return
    decision = prepared.case.beslut.label if prepared.case.beslut else entry.get(SEAL, "")
    raise TakebackError(
        f"{name}: handlingen är låst ({decision}): nämnden har beslutat, och en beslutad "
        "handling ändras inte. En rättelse görs som ett nytt ärende: "
        f"iopdocs new --andring {prepared.file}."
    )


def _revisions_message(name: str, revisions: tuple[str, ...]) -> str:
    example = next((r for r in revisions if r), "")
    shown = f", till exempel \u201d{example}\u201d" if example else ""
    return (
        f"{name}: dokumentet har {len(revisions)} spårade ändringar som inte är godkända eller "
        f"avvisade{shown}. Godkänn eller avvisa dem i Word (Granska › Godkänn/Avvisa), spara "
        "och kör hamta igen."
    )


def _case_file(edited, at: Path | None, project: Project, name: str) -> Path:
    """Return the case file of a document: from its folder's manifest, else its properties."""
    if at is not None:
        recorded = Manifest.read(at.parent).case.get("fil")
        if recorded and Path(recorded).is_file():
            return Path(recorded)
    wanted = edited.properties.get("iopdocs-arendefil")
    cases = project.settings_file.parent / "cases"
    plain = bool(wanted) and Path(wanted).name == wanted and wanted not in (".", "..")
    found = sorted(cases.rglob(glob.escape(wanted))) if plain and cases.is_dir() else []
    if len(found) == 1:
        return found[0]
    raise TakebackError(
        f"{name}: hittar inte ärendefilen som dokumentet gjordes av"
        + (f" ({wanted})" if wanted else "")
        + ". Ange den med --arende."
    )


def _case_text(case_file: Path) -> str:
    try:
        return case_file.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as exc:
        raise TakebackError(f"{case_file}: ärendefilen kan inte läsas ({exc}).") from exc


def _prepared(case_file: Path, project: Project) -> Prepared:
    try:
        return prepare(case_file, project)
    except CaseError as exc:
        first = "; ".join(str(p) for p in exc.problems[:3])
        raise TakebackError(
            f"{case_file}: ärendefilen har fel ({first}). Rätta dem först, och kör hamta igen."
        ) from exc


def _base(edited, filename: str, folder: Path, prepared: Prepared, project: Project, name: str):
    """Return the document as generated: a kept copy, or made again if nothing changed.

    Copies with the same key were made under different settings; the one
    closest to the edited document is the one it was made from.
    """
    key = edited.properties.get(generated.PROPERTY)
    kept = generated.find(folder, filename, key) if key else []
    others = frozenset(d.filename for d in documents_for(prepared.case) if d.filename != filename)
    if not kept:
        for document, (data, inputs) in render_case(prepared, project, others).items():
            same = (
                generated.key_of(filename, inputs) == key if key else _same_inputs(edited, inputs)
            )
            if document.filename == filename and same:
                kept.append(data)
    if not kept:
        raise TakebackError(
            f"{name}: dokumentet som det såg ut när det skapades finns inte kvar, och ärendefilen "
            "eller mallen har ändrats sedan dess. Gör om ändringarna i ett nybyggt dokument, "
            "eller för över dem till ärendefilen för hand."
        )
    if len(kept) == 1:
        return _read(kept[0], filename)
    return min((_read(data, filename) for data in kept), key=lambda base: _distance(base, edited))


def _distance(base: readback.ReadDocument, edited: readback.ReadDocument) -> int:
    """Return how many changes an edited document has against one generated copy."""
    found = fieldmap.compare(base, edited)
    return len(found.blocks) + len(found.inline) + len(found.refusals)


def _same_inputs(edited, inputs: dict[str, str]) -> bool:
    """Return whether a document without a generation key was made from these inputs."""
    properties = edited.properties
    return (
        properties.get("iopdocs-arende-sha256") == inputs["ärende"]
        and properties.get("iopdocs-mall-sha256") == inputs["mall"]
        and properties.get("iopdocs-version") == inputs["iopdocs"]
    )


def _is_output(output: Path, at: Path | None, data: bytes) -> bool:
    """Return whether the edited document is the one in the output folder (there, or its bytes)."""
    try:
        if at is not None:
            return at.resolve() == output.resolve()
        return output.is_file() and sha256(output.read_bytes()) == sha256(data)
    except OSError:
        return False


def _refuse_other_case(edited: readback.ReadDocument, case_file: Path, name: str) -> None:
    """Refuse a document whose properties name another case file than `case_file`."""
    recorded = edited.properties.get("iopdocs-arendefil")
    if recorded and recorded != case_file.name:
        raise TakebackError(
            f"{name}: dokumentet gjordes av ärendet {recorded}, inte av {case_file.name}. "
            "Hämta ändringarna till det ärende som dokumentet kommer från."
        )


# --- applying and writing --------------------------------------------------------------------


def new_text(proposal: Proposal, selected: Collection[int] | None = None) -> str:
    """Return the case file's text with the chosen changes (all when `selected` is None)."""
    yaml, data = round_trip(proposal.case_text)
    for index, change in enumerate(proposal.changes):
        if selected is not None and index not in selected:
            continue
        if isinstance(change.new, tuple):
            yamledit.set_items(data, change.path, list(change.new))
        else:
            yamledit.set_text(data, change.path, change.new, _keys_before(change.path))
    return dump(yaml, data)


def _keys_before(path: YamlPath) -> list[str]:
    """Return the schema's keys before the last key of `path`, where a missing key is added."""
    from iopdocs.case.model import Agreement, Case, FollowUp, Party

    key = path[-1]
    for model in (Case, Agreement, Party, FollowUp):
        keys = [f.alias or n for n, f in model.model_fields.items()]
        if key in keys:
            return keys[: keys.index(key)]
    return []


def diff(proposal: Proposal, selected: Collection[int] | None = None) -> str:
    """Return the changes to the case file as a unified diff."""
    name = str(proposal.case_file)
    lines = difflib.unified_diff(
        proposal.case_text.splitlines(keepends=True),
        new_text(proposal, selected).splitlines(keepends=True),
        name,
        f"{name} (med ändringarna från {proposal.document})",
    )
    return "".join(lines)


@dataclass(frozen=True)
class Written:
    """What `write` did: the case file written, and whether the document may be rebuilt."""

    case_file: Path
    changes: int
    document_released: bool


def write(
    proposal: Proposal,
    project: Project,
    selected: Collection[int] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Written:
    """Write the chosen changes to the case file, checked first; never over a newer file.

    The edited document, when it is the one in the case's output folder,
    is recorded as taken back once something of it was written (or nothing
    in it was refused): the next build replaces it, keeping a copy when some
    of its edits were refused or left out. It all happens holding the output
    folder, as a build does (`on_wait` hears who holds it when it is busy).
    """
    text = new_text(proposal, selected)
    try:
        prepare(proposal.case_file, project, text.encode("utf-8"))
    except CaseError as exc:
        problems = "; ".join(str(p) for p in exc.problems[:3])
        raise TakebackError(
            f"{proposal.case_file}: ärendefilen skulle få fel med ändringarna ({problems}). "
            "Inget skrevs."
        ) from exc
    count = len(proposal.changes) if selected is None else len(set(selected))
    left = bool(proposal.refused) or count < len(proposal.changes)
    released = proposal.output is not None and (count > 0 or not left)
    with output_lock(project, "iopdocs hamta", on_wait):
        _write_case(proposal, text)
        if released:
            _release(proposal, left)
    return Written(proposal.case_file, count, released)


def _release(proposal: Proposal, left: bool) -> None:
    """Mark the edited document as taken back, so the next build replaces it."""
    try:
        manifest = Manifest.read(proposal.output.parent)
        manifest.mark_taken(proposal.output.name, proposal.edited_digest, left)
        manifest.save()
    except OSError as exc:
        raise TakebackError(
            f"{proposal.case_file}: ändringarna är skrivna, men manifestet i "
            f"{proposal.output.parent} kan inte skrivas: {os_reason(exc)}. Nästa build "
            "behåller dokumentet som handändrat; bygg med --force när det finns plats (en "
            "kopia av det ändrade dokumentet sparas först)."
        ) from exc


def _write_case(proposal: Proposal, text: str) -> None:
    """Write the case file atomically if it still has the proposal's text; else TakebackError.

    The check and the write are one step for every iopdocs writer of the
    file (`files.replace_unless_changed`), so an editor saving meanwhile is
    never overwritten. A full disk or a locked file is said in Swedish.
    """
    case_file = proposal.case_file

    def unchanged(current: bytes | None) -> bool:
        if current is None:
            return False
        return (
            current.decode("utf-8", errors="replace").removeprefix("\ufeff") == proposal.case_text
        )

    try:
        if text == proposal.case_text:
            with writing(case_file):
                if not unchanged(read_or_none(case_file)):
                    raise FileChanged(case_file, None)
        else:
            replace_unless_changed(case_file, text.encode("utf-8"), unchanged)
    except FileChanged as exc:
        raise TakebackError(
            f"{case_file}: ärendefilen har ändrats sedan ändringarna lästes in. "
            "Hämta ändringarna ur dokumentet igen."
        ) from exc
    except OSError as exc:
        raise TakebackError(
            f"{case_file}: ärendefilen kan inte skrivas: {os_reason(exc)}. Inget skrevs."
        ) from exc
