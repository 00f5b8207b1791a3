"""The one error base of iopdocs and the problems a user can meet.

Library code raises these; only the click layer prints them. Every message
a user reads is Swedish and says what to do. Every code a Problem carries is
listed, with its level and title, in `iopdocs.codes`.
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
    code: str
    severity: Severity = "fel"

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
        field = f" {self.field}:" if self.field else ""
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
