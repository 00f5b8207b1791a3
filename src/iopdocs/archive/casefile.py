"""The case file a package holds: the one the decided papers belong to, never a later one.

The build that sealed a case remembered its case file (SHA-256 and a kept
copy, iopdocs.build.sealing). A package takes the case file as it is when it
is that version, or when it differs from it only under `beslut:` (the
decision's own details, such as the justering day, are often written in after
the meeting; the extract and the package's description follow them), except
the decision's day and paragraph, which name the decision sealed. Any
other change made after sealing would put a case file into the archive that
the decided papers were not made from: the case gets no package (A003) and
the message says where the sealed version is kept.
"""

from __future__ import annotations

from pathlib import Path

from iopdocs.build.manifest import SEAL, Manifest
from iopdocs.case.load import load_yaml_text
from iopdocs.errors import CaseError, Problem
from iopdocs.files import file_sha256, sha256

DECISION = "beslut"
SEALED_DECISION = ("datum", "paragraf")
"""The `beslut:` keys that name the decision the papers were sealed under: never changed after."""


def sealed_version(file: Path, data: bytes, manifest: Manifest) -> Problem | None:
    """Return A003 when the case file `data` is not the version its papers were sealed with."""
    record = manifest.sealed_case
    if not record or sha256(data) == record.get("sha256"):
        return None  # nothing sealed (nothing to keep to), or the very version
    copy = manifest.folder / record.get("kopia", "")
    kept = copy.read_bytes() if file_sha256(copy) == record.get("sha256") else None
    if kept is not None and _outside_decision(data, file) == _outside_decision(kept, file):
        return None
    return _changed(file, copy if kept is not None else None, record)


def _outside_decision(data: bytes, file: Path) -> object:
    """Return the case file's values without its `beslut:` block (None if it cannot be read)."""
    try:
        values = load_yaml_text(data, str(file)).data
    except CaseError:
        return None
    if isinstance(values, dict):
        decision = values.get(DECISION)
        values = {k: v for k, v in values.items() if k != DECISION}
        if isinstance(decision, dict):  # which decision it is stays as sealed: day, paragraph
            values[DECISION] = {k: decision.get(k) for k in SEALED_DECISION}
    return values


def _changed(file: Path, copy: Path | None, record: dict) -> Problem:
    """Return A003 naming the case file and where its sealed version is (or its hash)."""
    if copy is not None:
        where = (
            f"Den låsta versionen finns sparad i {copy}: kopiera tillbaka den till {file} "
            "(ändringar under 'beslut:', som justeringsdagen, får du sedan göra igen)."
        )
    else:
        where = (
            f"Den låsta versionen (SHA-256 {record.get('sha256', '?')}) finns inte längre "
            f"sparad; hämta den ur diariet eller versionshanteringen och lägg tillbaka den i {file}."
        )
    return Problem(
        str(file),
        None,
        None,
        "",
        f"ärendefilen har ändrats sedan handlingarna låstes ({record.get(SEAL, 'beslutat')}), "
        "utanför 'beslut:' eller i beslutets datum eller paragraf. Arkivpaketet ska ha ärendefilen som de beslutade "
        f"handlingarna gjordes ur, så inget paket skrivs. {where} Ska beslutet ändras är "
        "det ett nytt ärende (iopdocs new --andring).",
        "A003",
    )
