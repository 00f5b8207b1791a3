"""The board's decision, once it is made: the `beslut:` block and how the papers word it.

A case with `beslut:` is decided. Its protokollsutdrag is made from this
block, and its other papers are sealed: the build never writes them again
(see iopdocs.build.sealing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import Field

from iopdocs.case.values import Day, Positive, Strict, Text, YesNo
from iopdocs.swedish.formatting import long_date


class BoardDecision(Strict):
    """What the nämnd decided, as its protokoll records it."""

    datum: Day
    paragraf: Positive
    enligt_forslag: YesNo = Field(
        default=True,
        alias="enligt_förslag",
    )
    beslutstext: list[Text] | None = None
    justerat: Day | None = None
    skickas_till: Annotated[list[Text], Field(min_length=1)] | None = None
    sekreterare: Text | None = None

    @property
    def label(self) -> str:
        """Return how a sealed paper is reported: 'beslutat 2023-09-20 § 87'."""
        return f"beslutat {self.datum.isoformat()} § {self.paragraf}"


class AmendedDecision(Strict):
    """The decision an ändringsbeslut changes: a decided case's number, day and paragraph."""

    diarienummer: Text
    beslutsdatum: Day
    paragraf: Positive


def amendment_sentence(amended: AmendedDecision, namnd_genitive: str) -> str:
    """Return the memo's sentence naming the decision a case changes."""
    return (
        f"Ärendet gäller en ändring av {namnd_genitive} beslut den "
        f"{long_date(amended.beslutsdatum)}, § {amended.paragraf}, i ärende "
        f"{amended.diarienummer}."
    )


@dataclass(frozen=True)
class DecisionWording:
    """The protokollsutdrag's wording of a decision."""

    namnd: str
    datum: date
    paragraf: int
    inledning: str
    punkter: tuple[str, ...]
    justering: str
    skickas_till: tuple[str, ...]
    sekreterare: str | None

    @property
    def rubrik(self) -> str:
        """Return the extract's heading line: '§ 87'."""
        return f"§ {self.paragraf}"


def wording(
    beslut: BoardDecision, proposal: Sequence[str], recipients: Sequence[str], namnd: str
) -> DecisionWording:
    """Return the wording of a decision: as proposed, or as the board wrote it instead."""
    as_proposed = beslut.enligt_forslag or not beslut.beslutstext
    points = tuple(proposal if as_proposed else beslut.beslutstext or ())
    opening = f"{namnd} beslutar" + (" enligt förvaltningens förslag:" if as_proposed else ":")
    if beslut.justerat is None:
        justering = "Protokollet är inte justerat."
    else:
        justering = f"Protokollet justerades den {long_date(beslut.justerat)}."
    return DecisionWording(
        namnd=namnd,
        datum=beslut.datum,
        paragraf=beslut.paragraf,
        inledning=opening,
        punkter=points,
        justering=justering,
        skickas_till=tuple(beslut.skickas_till or recipients),
        sekreterare=beslut.sekreterare,
    )
