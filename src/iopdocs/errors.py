"""The one error base of iopdocs and the problems a user can meet.

Library code raises these; only the click layer prints them. Every message
a user reads is Swedish and says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["fel", "varning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input: where it is, what it is, what to do."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    code: str = "E000"
    severity: Severity = "fel"

    def location(self) -> str:
        """Return `file:line:column`, leaving out what is unknown."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.location()}: {self.severity} {self.code}:{field} {self.message}"


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
