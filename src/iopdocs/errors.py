"""The one error base of iopdocs and the problems a user can meet.

Library code raises these; only the click layer prints them. Every message
a user reads is Swedish and says what to do. Every code a Problem carries is
listed, with its level and title, in `iopdocs.codes`.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from typing import Literal

Severity = Literal["fel", "varning", "språk"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input: where it is, what it is, what to do."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    code: str
    severity: Severity = "fel"
    label: str = ""
    """The field as a person reads it ("parter, part 2 (Ryds Bollklubb), namn"); else `field`."""

    @property
    def place(self) -> tuple[int, int]:
        """Return (line, column) for sorting in file order; what is unknown comes first."""
        return (self.line or 0, self.column or 0)

    def location(self) -> str:
        """Return `file:line:column`, leaving out what is unknown."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        shown = self.label or self.field
        field = f" {shown}:" if shown else ""
        return f"{self.location()}: {self.severity} {self.code}:{field} {self.message}"


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Return the problems in the order they stand in their file."""
    return sorted(problems, key=lambda problem: problem.place)


class IopdocsError(Exception):
    """Base of every error iopdocs raises on purpose."""


class CaseError(IopdocsError):
    """A case (or the settings) has one or more problems; nothing is built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class TemplateProblem(IopdocsError):
    """A template cannot be read, compiled or rendered."""


class OutputError(IopdocsError):
    """An output cannot be written safely."""


# --- what the operating system said, in Swedish ------------------------------

_REASONS: dict[int, str] = {
    errno.ENOENT: "filen eller mappen finns inte. Kontrollera sökvägen",
    errno.EACCES: "behörighet saknas. Kontrollera att du får läsa och skriva i mappen och att filen inte är låst",
    errno.EPERM: "åtgärden är inte tillåten. Kontrollera behörigheten och att filen inte är låst",
    errno.ENOSPC: "disken är full. Frigör utrymme (eller välj en annan mapp med --ut) och kör igen",
    errno.EDQUOT: "din diskkvot är förbrukad. Frigör utrymme eller be IT-stödet om mer, och kör igen",
    errno.EROFS: "filsystemet är skrivskyddat. Välj en mapp som går att skriva i (--ut) eller be IT-stödet öppna den",
    errno.EISDIR: "det är en mapp, inte en fil. Ange en fil",
    errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp. Kontrollera sökvägen",
    errno.EEXIST: "det finns redan en fil med det namnet. Flytta undan den",
    errno.ENAMETOOLONG: "sökvägen är för lång. Använd kortare mapp- eller filnamn",
    errno.EMFILE: "för många filer är öppna samtidigt. Kör igen med färre processer (--jobb)",
    errno.ENFILE: "systemet har för många filer öppna. Vänta en stund och kör igen",
    errno.EIO: "disken kunde inte läsas eller skrivas (in/ut-fel). Kontrollera disken eller nätverksenheten",
    errno.EBUSY: "filen används av ett annat program. Stäng den och kör igen",
    errno.ETXTBSY: "filen används av ett annat program. Stäng den och kör igen",
    errno.ELOOP: "sökvägen innehåller för många symboliska länkar. Kontrollera sökvägen",
    errno.ENOMEM: "minnet räckte inte. Stäng andra program och kör igen",
}


def os_reason(error: OSError) -> str:
    """Return why an OSError happened, in Swedish with what to do (no trailing period)."""
    reason = _REASONS.get(error.errno or -1)
    if reason is None:
        name = errno.errorcode.get(error.errno or -1, "okänt")
        reason = f"operativsystemet vägrade (felkod {name}). Försök igen eller kontakta IT-stödet"
    return reason
