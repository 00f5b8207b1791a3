"""A board meeting's agenda: the meeting file, the plan of its items, and what the template sees.

A meeting file, `sammantraden/ÅÅÅÅ-MM-DD.yaml` beside iopdocs.yaml, gives the
time and place, the opening items and the items in the order the secretary
chooses: IOP cases by their diarienummer, and items that are not IOP cases
(information, beslutsärenden, anmälningsärenden, delegationsbeslut, övriga
frågor) with their own rubrik, diarienummer and papers. Without a meeting
file the plan is the default one: the three usual opening items, then every
case of the day in diarienummer order.

Plain data and checks: this module knows nothing of Word or PDF.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from iopdocs.case.attachments import Attachment
from iopdocs.case.rules.checker import Checker
from iopdocs.case.values import Strict, Text

MEETINGS_FOLDER = "sammantraden"
OPENING_ITEMS = (
    "Sammanträdets öppnande",
    "Val av justerare och tid för justering",
    "Godkännande av föredragningslistan",
)
_CLOCK_RE = re.compile(r"^(?:kl\.?\s*)?([01]?\d|2[0-3])[.:]([0-5]\d)$")


class ItemKind(StrEnum):
    """The kinds of agenda item a meeting file can hold besides IOP cases."""

    INFORMATION = "information"
    BESLUT = "beslutsärende"
    ANMALAN = "anmälningsärende"
    DELEGATION = "delegationsbeslut"
    OVRIGT = "övrig fråga"


HEADINGS = {
    ItemKind.INFORMATION: "Informationsärenden",
    ItemKind.BESLUT: "Beslutsärenden",
    ItemKind.ANMALAN: "Anmälningsärenden",
    ItemKind.DELEGATION: "Delegationsbeslut",
    ItemKind.OVRIGT: "Övriga frågor",
}
"""The heading over consecutive items of one kind; IOP cases are beslutsärenden."""


def _clock(value: Any) -> Any:
    """Accept a time of day as 13.30, 13:30 or kl. 13.30; return it as '13.30'."""
    found = _CLOCK_RE.match(" ".join(str(value).split()))
    if not found:
        raise ValueError(f"'{value}' är inget klockslag. Skriv det som TT.MM, till exempel 13.30")
    return f"{int(found[1]):02d}.{found[2]}"


Clock = Annotated[
    str, BeforeValidator(_clock), WithJsonSchema({"type": "string", "examples": ["13.30"]})
]


class MeetingItem(Strict):
    """One item of the agenda: an IOP case by its diarienummer, or an item of its own."""

    arende: Text | None = Field(default=None, alias="ärende")
    typ: ItemKind | None = None
    rubrik: Text | None = None
    diarienummer: Text | None = None
    foredragande: Text | None = Field(default=None, alias="föredragande")
    beslutsforslag: list[Text] = Field(default=[], alias="beslutsförslag")
    handlingar: list[Attachment] = []

    @model_validator(mode="after")
    def _case_or_own_item(self) -> MeetingItem:
        """Require either `ärende` alone, or `typ` and `rubrik`."""
        own = [self.typ, self.rubrik, self.diarienummer, self.foredragande]
        if self.arende is not None and (any(own) or self.beslutsforslag or self.handlingar):
            raise ValueError(
                "en punkt med ärende: hämtar allt ur ärendefilen. Ta bort de andra nycklarna, "
                "eller ta bort ärende: om punkten inte är ett IOP-ärende"
            )
        if self.arende is None and (self.typ is None or self.rubrik is None):
            raise ValueError(
                "punkten behöver antingen ärende: (ett IOP-ärendes diarienummer) eller både "
                "typ: och rubrik:"
            )
        return self


class MeetingFile(Strict):
    """A meeting's own file: time, place, opening items and the items in order."""

    tid: Clock | None = None
    plats: Text | None = None
    inledande: list[Text] = Field(default=list(OPENING_ITEMS), min_length=1)
    punkter: list[MeetingItem] = Field(min_length=1)


def meeting_file(project_folder: Path, day: date) -> Path:
    """Return where the meeting file of `day` stands (it may not exist)."""
    return project_folder / MEETINGS_FOLDER / f"{day.isoformat()}.yaml"


# --- the plan ----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseEntry:
    """An IOP case that names the meeting: ready to go, or not, and why."""

    file: Path
    diarienummer: str
    rubrik: str
    ready: bool
    reason: str = ""


@dataclass(frozen=True)
class Planned:
    """One numbered item of the plan: an IOP case, or an item of the meeting file."""

    kind: ItemKind
    case: CaseEntry | None = None
    item: MeetingItem | None = None


def default_plan(cases: list[CaseEntry]) -> list[Planned]:
    """Return the plan without a meeting file: every case, in diarienummer order."""
    ordered = sorted(cases, key=lambda c: (c.diarienummer, str(c.file)))
    return [Planned(ItemKind.BESLUT, case=case) for case in ordered]


def file_plan(
    meeting: MeetingFile, checker: Checker, cases: list[CaseEntry], day: date
) -> list[Planned]:
    """Return the meeting file's items in order; record E001 and E002 in `checker`.

    A case that names the meeting but is not listed is put last among the
    items (E002), so that nothing goes missing from the meeting silently.
    """
    by_number: dict[str, list[CaseEntry]] = {}
    for case in cases:
        by_number.setdefault(case.diarienummer, []).append(case)
    plan, used = [], set()
    for index, item in enumerate(meeting.punkter):
        if item.arende is None:
            plan.append(Planned(item.typ or ItemKind.OVRIGT, item=item))
            continue
        found = by_number.get(" ".join(item.arende.split()), [])
        if not found:
            message = unknown_case_message(item.arende, list(by_number), day)
            checker.add(("punkter", index, "ärende"), "E001", message)
        for case in found:
            plan.append(Planned(ItemKind.BESLUT, case=case))
            used.add(case.file)
    for case in cases:
        if case.file not in used:
            checker.add(("punkter",), "E002", unlisted_case_message(case, day))
            plan.append(Planned(ItemKind.BESLUT, case=case))
    return plan


def unknown_case_message(number: str, known: list[str], day: date) -> str:
    """Return E001's words: no case of the day has the diarienummer the meeting file lists."""
    close = difflib.get_close_matches(number, known, n=1, cutoff=0.6)
    hint = f" Menade du '{close[0]}'?" if close else ""
    return (
        f"inget ärende med diarienummer '{number}' har sammanträde: {day.isoformat()}.{hint} "
        "Rätta diarienumret, eller sätt sammanträdet i ärendefilen."
    )


def unlisted_case_message(case: CaseEntry, day: date) -> str:
    """Return E002's words: a case names the meeting but its meeting file does not list it."""
    return (
        f"ärendet {case.diarienummer} ({case.file}) har sammanträde: {day.isoformat()} men står "
        f"inte under punkter. Det läggs sist. Lägg till '- ärende: {case.diarienummer}' där "
        "det ska stå."
    )


# --- what the agenda template sees ---------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A numbered item on the agenda."""

    nummer: int
    rubrik: str
    diarienummer: str = ""
    handlaggare: str = ""
    beslutsforslag: str = ""
    handlingar: tuple[str, ...] = ()
    uppgifter: str = ""
    """The line under the heading: diarienummer, handläggare or föredragande."""
    saknas: str = ""
    """Why the item's papers are missing (only in a meeting built with gaps)."""


@dataclass(frozen=True)
class Section:
    """Consecutive agenda items of one kind under their heading."""

    rubrik: str
    punkter: tuple[Item, ...]


@dataclass(frozen=True)
class Meeting:
    """What the agenda template sees as `moete`."""

    datum: date
    inledande: tuple[Item, ...]
    avsnitt: tuple[Section, ...] = ()
    tid: str = ""
    plats: str = ""

    @property
    def arenden(self) -> tuple[Item, ...]:
        """Return every item after the opening ones (what older templates loop over)."""
        return tuple(item for section in self.avsnitt for item in section.punkter)


def opening_items(titles: tuple[str, ...] = OPENING_ITEMS) -> tuple[Item, ...]:
    """Return the procedural items the meeting opens with, numbered from 1."""
    return tuple(Item(number, title) for number, title in enumerate(titles, 1))


def sections(kinds_and_items: list[tuple[ItemKind, Item]]) -> tuple[Section, ...]:
    """Return the items grouped under headings: consecutive items of one kind share one."""
    grouped: list[tuple[str, list[Item]]] = []
    for kind, item in kinds_and_items:
        heading = HEADINGS[kind]
        if not grouped or grouped[-1][0] != heading:
            grouped.append((heading, []))
        grouped[-1][1].append(item)
    return tuple(Section(heading, tuple(items)) for heading, items in grouped)
