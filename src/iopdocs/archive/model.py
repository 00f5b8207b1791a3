"""What an information package says about a decided case: plain data, no case model.

The build side fills these from a case; the package side turns them into XML.
Keeping them apart lets the package be tested with small hand-made inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Party:
    """A non-profit party of the agreement."""

    namn: str
    organisationsnummer: str


@dataclass(frozen=True)
class Decision:
    """The board's decision as recorded in the protokoll."""

    datum: date
    paragraf: int
    beslutstext: tuple[str, ...]
    justerat: date | None
    skickas_till: tuple[str, ...]


@dataclass(frozen=True)
class Description:
    """The case's descriptive metadata."""

    kommun: str
    organisationsnummer: str
    nämnd: str
    förvaltning: str
    diarienummer: str
    rubrik: str
    ärendetyp: str
    upprättad: date
    beslut: Decision
    parter: tuple[Party, ...]
    period: tuple[date, date] | None
    programversion: str

    @property
    def created(self) -> str:
        """Return the package's timestamp: the day the protokoll was justerat, else the decision day.

        No clock is read, so the same case always gives the same bytes; the
        justering is when the decision became final in the record.
        """
        day = self.beslut.justerat or self.beslut.datum
        return f"{day.isoformat()}T00:00:00"


@dataclass(frozen=True)
class Record:
    """One file of the case: its name in the package, its bytes and its title."""

    name: str
    data: bytes
    titel: str
