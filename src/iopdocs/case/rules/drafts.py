"""Unfinished texts in a case (rule W001): drafted 'SKRIV:' texts and 0 kr compensations.

A text still holding "SKRIV:" (as `iopdocs new` drafts them), or a yearly
compensation of 0 kr, is a warning, never an error. `check_placeholders`
is the rule; `placeholder_problems` gives the same warnings for a loaded
file whose schema errors stop the rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from iopdocs.case.derive import Derived
from iopdocs.case.load import Loaded
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings
from iopdocs.case.yamlpath import YamlPath, describe, format_path, texts
from iopdocs.codes import BY_CODE
from iopdocs.errors import Problem, in_file_order

PLACEHOLDER = "SKRIV:"
ZERO_MESSAGE = "ersättningen är 0 kr. Skriv kommunens ersättning till parten per år."


def is_placeholder(text: str) -> bool:
    """Return True if a text still holds the draft's 'SKRIV:' marker."""
    return PLACEHOLDER in text


def find_placeholders(value: Any) -> Iterator[tuple[YamlPath, str, int]]:
    """Yield (path, text, start) for every 'SKRIV:' in the strings of a loaded YAML tree."""
    for path, _, _, text in texts(value):
        start = text.find(PLACEHOLDER)
        while start >= 0:
            yield path, text, start
            start = text.find(PLACEHOLDER, start + 1)


def placeholder_message(text: str, start: int) -> str:
    """Return the W001 message for the marker at `start`, quoting what is to be written."""
    hint = text[start + len(PLACEHOLDER) :].split("\n")[0].strip().rstrip(".")
    hint = hint if len(hint) <= 70 else hint[:69] + "…"
    return f"texten är inte färdig ({PLACEHOLDER} {hint}). Skriv den riktiga texten i stället."


def _zero_compensations(data: Any) -> Iterator[YamlPath]:
    """Yield the path of every party's yearly compensation written as 0."""
    parties = data.get("parter") if isinstance(data, dict) else None
    for index, party in enumerate(parties if isinstance(parties, list) else []):
        if isinstance(party, dict) and str(party.get("årlig_ersättning", "")).strip() == "0":
            yield ("parter", index, "årlig_ersättning")


def check_placeholders(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """W001 (warning): a text still says 'SKRIV:', or a yearly compensation is 0 kr."""
    for path, text, start in find_placeholders(checker.loaded.data):
        at = checker.locate(path, text, start)
        checker.add(path, "W001", placeholder_message(text, start), at=at)
    for path in _zero_compensations(checker.loaded.data):
        checker.add(path, "W001", ZERO_MESSAGE)


def placeholder_problems(loaded: Loaded) -> list[Problem]:
    """Return the W001 warnings of a loaded case file, each at its value's position."""
    found = [(p, placeholder_message(t, s)) for p, t, s in find_placeholders(loaded.data)]
    found += [(path, ZERO_MESSAGE) for path in _zero_compensations(loaded.data)]
    level = BY_CODE["W001"].level
    problems = [
        Problem(
            loaded.file,
            *loaded.position(path),
            format_path(path),
            message,
            "W001",
            level,
            describe(path, loaded.data),
        )
        for path, message in found
    ]
    return in_file_order(problems)
