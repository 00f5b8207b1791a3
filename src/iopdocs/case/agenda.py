"""The agenda of a board meeting, as the föredragningslista template sees it (`moete`).

Plain data: the build fills it from the meeting's prepared cases; the
template checker reads its types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

OPENING_ITEMS = (
    "Sammanträdets öppnande",
    "Val av justerare och tid för justering",
    "Godkännande av föredragningslistan",
)


@dataclass(frozen=True)
class Item:
    """A numbered item on the agenda."""

    nummer: int
    rubrik: str
    diarienummer: str = ""
    handlaggare: str = ""
    beslutsforslag: str = ""
    handlingar: tuple[str, ...] = ()


@dataclass(frozen=True)
class Meeting:
    """What the agenda template sees as `moete`."""

    datum: date
    inledande: tuple[Item, ...]
    arenden: tuple[Item, ...]


def opening_items() -> tuple[Item, ...]:
    """Return the procedural items every meeting opens with, numbered from 1."""
    return tuple(Item(number, title) for number, title in enumerate(OPENING_ITEMS, 1))
