"""`iopdocs new --andring`: correcting a decided case, drafted as a new case (an ändringsbeslut).

A decided paper is never changed. A correction is a new decision with its
own papers: the same file with its comments kept (a ruamel.yaml round
trip), undecided (no `beslut:`), dated today, with `ändrar:` naming the
decision it changes, and the summary to be written (W001) so the
handläggare says what changes and why. The follow-ups stay with the
original.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from iopdocs.authoring.renewal import without_top_level_key
from iopdocs.case.decided import BoardDecision
from iopdocs.case.load import load_yaml
from iopdocs.case.model import Case
from iopdocs.case.roundtrip import dump, round_trip
from iopdocs.case.rules.drafts import PLACEHOLDER
from iopdocs.case.validate import to_model
from iopdocs.errors import IopdocsError


@dataclass(frozen=True)
class Amendment:
    """A drafted ändringsbeslut: where to write it, its text, what to write by hand."""

    path: Path
    text: str
    notes: tuple[str, ...]


def amend_case(file: Path, datum: date, diarienummer: str | None = None) -> Amendment:
    """Return the drafted ändringsbeslut of the decided case in `file`."""
    case = to_model(load_yaml(file), Case)
    beslut = case.beslut
    if beslut is None:
        raise IopdocsError(
            f"{file}: ärendet är inte beslutat (nyckeln 'beslut' saknas). Så länge nämnden "
            "inte har beslutat ändrar du ärendefilen direkt; ett ändringsbeslut ändrar ett "
            "fattat beslut."
        )
    source = file.read_text(encoding="utf-8").removeprefix("\ufeff")
    for key in ("beslut", "uppföljningar", "ändrar"):
        source = without_top_level_key(source, key)
    yaml, data = round_trip(source)
    notes = _mark_as_amendment(data, case, beslut, datum, diarienummer)
    head = f"# Ändringsbeslut till {file.name}, utkast från iopdocs new --andring {datum}.\n#\n"
    return Amendment(_amendment_path(file), head + dump(yaml, data), tuple(notes))


def _mark_as_amendment(
    data, case: Case, beslut: BoardDecision, datum: date, diarienummer: str | None
) -> list[str]:
    """Make the draft an undecided case that changes `beslut`; return what to do by hand."""
    from ruamel.yaml.comments import CommentedMap

    which = f"{beslut.datum.isoformat()} § {beslut.paragraf}"
    data["rubrik"] = f"Ändring av beslut {which}: {case.rubrik}"
    data["datum"] = datum
    if "sammanträde" in data:
        del data["sammanträde"]
    if diarienummer:
        data["diarienummer"] = diarienummer
    amended = CommentedMap(
        diarienummer=case.diarienummer, beslutsdatum=beslut.datum, paragraf=beslut.paragraf
    )
    data.insert(list(data).index("beslutstyp") + 1, "ändrar", amended)
    data.yaml_set_comment_before_after_key(
        "ändrar", before="Beslutet som det här ändringsbeslutet ändrar."
    )
    data["ärende"] = (
        f"{PLACEHOLDER} Vad i nämndens beslut {which} som ändras, och varför. Det gamla "
        "beslutets handlingar är låsta och ändras inte."
    )
    return [
        "Skriv om beslutsförslaget så att det säger vad nämnden ändrar.",
        "Lägg till sammanträdet (sammanträde:) när det är bestämt.",
        "Uppföljningarna hör till det ursprungliga ärendet och är inte med i utkastet.",
    ]


def _amendment_path(file: Path) -> Path:
    """Return the draft's file: the original's name with '-andring', beside it."""
    return file.with_name(f"{file.stem}-andring{file.suffix}")
