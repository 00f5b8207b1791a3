"""Checks as you type: the case's text through the same code as `iopdocs validate`.

Each problem is placed at a field of the form by its position in the file
(the loader knows where every key and value stands), never by parsing the
wording of its field path.
"""

from __future__ import annotations

import bisect
import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from iopdocs.build.prepare import UNFINISHED, Inspection, inspect
from iopdocs.build.project import Project
from iopdocs.case.load import load_yaml_text
from iopdocs.errors import CaseError, Problem
from iopdocs.web.form import YamlPath, field_id


@dataclass(frozen=True)
class Placed:
    """A problem and the field of the form it belongs to (None: the file as a whole)."""

    problem: Problem
    path: YamlPath | None

    @property
    def field_id(self) -> str | None:
        """Return the HTML id of the field, or None."""
        return None if self.path is None else field_id(self.path)

    @property
    def is_error(self) -> bool:
        """Return whether the problem stops the documents from being built."""
        return self.problem.severity == "fel"


@dataclass
class Checked:
    """Every problem of a case text, placed, and what the checks derived when they could."""

    placed: list[Placed]
    inspection: Inspection
    seconds: float
    by_path: dict[YamlPath, list[Placed]] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        """Return the number of errors."""
        return sum(p.is_error for p in self.placed)

    @property
    def warnings(self) -> int:
        """Return the number of warnings (other levels, such as language hints, are not counted)."""
        return sum(p.problem.severity == "varning" for p in self.placed)

    @property
    def language(self) -> int:
        """Return the number of language findings (level språk): advice, never a stop."""
        return sum(p.problem.severity == "språk" for p in self.placed)

    @property
    def other_warnings(self) -> int:
        """Return the number of warnings that are not places left to write (W001)."""
        return self.warnings - self.unfinished

    @property
    def unfinished(self) -> int:
        """Return how many places are left to write (W001): the case builds only as a draft."""
        return sum(p.problem.code == UNFINISHED for p in self.placed)

    @property
    def readiness(self) -> str:
        """Return what a build can make of the case: "fel", "utkast" (not ready) or "klar"."""
        if self.errors:
            return "fel"
        return "utkast" if self.unfinished else "klar"


def check_text(path: Path, project: Project, text: str) -> Checked:
    """Return the problems of a case text, each placed at its field.

    The language findings (level språk, as `iopdocs validate`) are included:
    they are shown at their fields and never stop a build. A misspelt word
    gets no suggestions here: each new word would cost 0.1–0.3 s, and while
    someone types, the half-typed word is always new.
    """
    start = time.perf_counter()
    with_language = dataclasses.replace(project, language=True)
    inspection = inspect(path, with_language, text.encode("utf-8"), suggest=False)
    placed = place(inspection.problems, text, str(path))
    checked = Checked(placed, inspection, time.perf_counter() - start)
    for item in placed:
        if item.path is not None:
            checked.by_path.setdefault(item.path, []).append(item)
    return checked


def place(problems: list[Problem], text: str, file: str) -> list[Placed]:
    """Return each problem with the path of the value or key at (or just before) its position."""
    index = _position_index(text, file)
    keys = [position for position, _ in index]
    placed = []
    for problem in problems:
        path = None
        if problem.line is not None and index:
            found = bisect.bisect_right(keys, (problem.line, problem.column or 0)) - 1
            path = index[found][1] if found >= 0 else None
        placed.append(Placed(problem, path))
    return placed


def _position_index(text: str, file: str) -> list[tuple[tuple[int, int], YamlPath]]:
    """Return (position, path) of every key and value of the text, in file order."""
    try:
        loaded = load_yaml_text(text, file)
    except CaseError:
        return []
    spots = [*loaded.key_positions.items(), *loaded.positions.items()]
    return sorted(((pos, path) for path, pos in spots if path), key=_deepest_last)


def _deepest_last(item: tuple[tuple[int, int], YamlPath]) -> tuple[tuple[int, int], int]:
    """Return a sort key: file order, and at one position the deeper path after the shallower."""
    position, path = item
    return position, len(path)
