"""Place a rule's problem in the case file: at a value, or at a word inside it.

Rules that look inside free text (personnummer, misspelt party names) point
at the word itself, not at the start of the text: `Checker.locate` finds it
in the case file's own lines.

A text pasted from elsewhere, or written to attack, can hold thousands of
findings of one kind. The checker keeps the first `MOST_PER_TEXT` of each
code in each text and field, and one summary line after them that counts
the rest ("… och 137 till av samma slag i samma text").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from iopdocs.case.derive import Derived
from iopdocs.case.load import Loaded
from iopdocs.case.model import Case
from iopdocs.case.settings import Settings
from iopdocs.case.yamlpath import LINE_BREAK, YamlPath, describe, format_path
from iopdocs.codes import BY_CODE
from iopdocs.errors import Problem
from iopdocs.swedish import formatting

Position = tuple[int | None, int | None]

MOST_PER_TEXT = 20
"""Findings of one code in one text and field shown in full; the rest are counted."""


class Checker:
    """Collects the problems of one case, placed at their YAML nodes."""

    def __init__(self, loaded: Loaded, source: str | None = None) -> None:
        self.loaded = loaded
        self._source = source
        self._problems: list[Problem] = []
        self._found_in_values: dict[tuple[str, str], list[int]] = {}
        self._found_in_source: dict[tuple[str, int], list[int]] = {}
        self._shown: dict[tuple[YamlPath, str], int] = {}
        self._last: dict[tuple[YamlPath, str], int] = {}
        """Where in `problems` the last shown problem of each path and code is."""
        self._hidden: dict[tuple[YamlPath, str], list[int]] = {}
        """Where each summary is in `problems`, and how many problems it counts."""

    @property
    def problems(self) -> list[Problem]:
        """Return the problems recorded, each summary saying how many it counts."""
        problems = list(self._problems)
        for index, count in self._hidden.values():
            more = formatting.number(count)
            problems[index] = replace(
                problems[index], message=f"… och {more} till av samma slag i samma text."
            )
        return problems

    @functools.cached_property
    def source(self) -> str | None:
        """Return the case file's text, read only when a problem must be placed inside a value."""
        return _read_source(self.loaded.file) if self._source is None else self._source

    def add(self, path: YamlPath, code: str, message: str, at: Position | None = None) -> None:
        """Record a problem at `path`, or at the position `at` inside its value.

        Its level (fel, varning or språk) is the code's, from the registry of codes.
        Past `MOST_PER_TEXT` problems of a code at one path, the problem is only
        counted, in one summary problem after the last one shown.
        """
        if not self.room(path, code):
            return
        self._shown[(path, code)] = self._shown.get((path, code), 0) + 1
        self._last[(path, code)] = len(self._problems)
        self._problems.append(self._problem(path, code, message, at))

    def room(self, path: YamlPath, code: str) -> bool:
        """Return whether one more problem of `code` at `path` is shown in full.

        When it is not, it is counted in the summary: a rule that asks this
        before placing a finding then drops the finding, and saves the work.
        """
        key = (path, code)
        if self._shown.get(key, 0) < MOST_PER_TEXT:
            return True
        if key not in self._hidden:  # the summary stands where the last one shown does
            self._hidden[key] = [len(self._problems), 0]
            self._problems.append(self._problems[self._last[key]])
        self._hidden[key][1] += 1
        return False

    def _problem(self, path: YamlPath, code: str, message: str, at: Position | None) -> Problem:
        """Return a problem of `code` at `path`, or at the position `at` inside its value."""
        line, column = at or self.loaded.position(path)
        return Problem(
            self.loaded.file,
            line,
            column,
            format_path(path),
            message,
            code,
            BY_CODE[code].level,
            describe(path, self.loaded.data),
        )

    def locate(self, path: YamlPath, value: str, start: int, end: int | None = None) -> Position:
        """Return the line and column in the file of `value[start:end]`, the text at `path`.

        The text (by default the word at `start`) is searched for in the file
        from where the value begins, skipping as many earlier occurrences as
        the value has before `start`. That works for plain, quoted and block
        scalars alike, since a word holds no line break or indentation. Give
        `end` to search for just the word, without punctuation that a quoted
        scalar writes differently (`\\"`). Falls back to the value's start.
        """
        line, column = self.loaded.position(path)
        word = value[start:end] if end is not None else _first_word(value[start:])
        if self.source is None or line is None or column is None or not word:
            return line, column
        skip = bisect.bisect_left(self._starts(value, word), start)
        found = self._nth_in_source(word, self._offset(line, column), skip)
        if found is None:
            return line, column
        return self._line_column(found)

    def _offset(self, line: int, column: int) -> int:
        """Return the character offset in the file of a 1-based line and column."""
        starts = self._line_starts
        return starts[min(line, len(starts)) - 1] + column - 1

    def _line_column(self, offset: int) -> Position:
        """Return the 1-based line and column of a character offset in the file."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        """Return where each line of the file starts, found once per case."""
        return [0, *(m.end() for m in LINE_BREAK.finditer(self.source or ""))]

    def _starts(self, text: str, word: str) -> list[int]:
        """Return where `word` starts in `text` (overlapping), found once per text and word.

        A text with thousands of findings of one word is then placed in one
        pass, not one pass per finding.
        """
        key = (text, word)
        if key not in self._found_in_values:
            self._found_in_values[key] = _occurrences(text, word, 0, len(text))
        return self._found_in_values[key]

    def _nth_in_source(self, word: str, start: int, skip: int) -> int | None:
        """Return where `word` occurs in the file from `start` after skipping `skip` occurrences."""
        found = self._found_in_source.setdefault((word, start), [])
        at = found[-1] + 1 if found else start
        while len(found) <= skip:
            at = self.source.find(word, at)
            if at < 0:
                return None
            found.append(at)
            at += 1
        return found[skip]


def _occurrences(text: str, word: str, start: int, end: int) -> list[int]:
    """Return every start of `word` in `text[start:end]`, overlapping ones too."""
    found, at = [], text.find(word, start, end)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1, end)
    return found


def _first_word(text: str) -> str:
    """Return the run of non-space characters `text` starts with."""
    match = re.match(r"\S+", text)
    return match.group() if match else ""


def _read_source(file: str) -> str | None:
    """Return the case file's text as the loader read it, or None if it cannot be read."""
    try:
        return Path(file).read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None


Rule = Callable[[Checker, Case, Settings, Derived], None]
"""A domain rule: looks at a valid case and adds its problems to the checker."""
