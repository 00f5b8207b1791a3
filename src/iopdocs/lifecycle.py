"""Unfinished texts in a case (rule W001) and the rules of an IOP's life for `checks.RULES`.

`check_placeholders` is rule W001: a text still holding "SKRIV:" (as
`iopdocs new` drafts them), or a yearly compensation of 0 kr, is a warning,
never an error. `placeholder_problems` gives the same warnings for a loaded
file, and `check_file` adds them to a validation report even when schema
errors stop the checks. `RULES` lists W001 and OPI's W002.

Drafting a new case is in `drafting`, drafting a renewal in `renewal`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from iopdocs import opi
from iopdocs.errors import IopdocsError, Problem
from iopdocs.load import Loaded, format_path, load_yaml

PLACEHOLDER = "SKRIV:"
YamlPath = tuple[str | int, ...]


# --- unfinished texts (W001) ---------------------------------------------------------


def is_placeholder(text: str) -> bool:
    """Return True if a text still holds the draft's 'SKRIV:' marker."""
    return PLACEHOLDER in text


def find_placeholders(value: Any, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str, int]]:
    """Yield (path, text, start) for every 'SKRIV:' in the strings of a loaded YAML tree."""
    if isinstance(value, str):
        start = value.find(PLACEHOLDER)
        while start >= 0:
            yield path, value, start
            start = value.find(PLACEHOLDER, start + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from find_placeholders(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from find_placeholders(item, (*path, index))


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


ZERO_MESSAGE = "ersättningen är 0 kr. Skriv kommunens ersättning till parten per år."


def check_placeholders(checker, case, settings, derived) -> None:
    """W001 (warning): a text still says 'SKRIV:', or a yearly compensation is 0 kr."""
    for path, text, start in find_placeholders(checker.loaded.data):
        at = checker.locate(path, text, start)
        checker.add(path, "W001", placeholder_message(text, start), severity="varning", at=at)
    for path in _zero_compensations(checker.loaded.data):
        checker.add(path, "W001", ZERO_MESSAGE, severity="varning")


def placeholder_problems(loaded: Loaded) -> list[Problem]:
    """Return the W001 warnings of a loaded case file, each at its value's position."""
    found = [(p, placeholder_message(t, s)) for p, t, s in find_placeholders(loaded.data)]
    found += [(path, ZERO_MESSAGE) for path in _zero_compensations(loaded.data)]
    problems = [
        Problem(loaded.file, *loaded.position(path), format_path(path), message, "W001", "varning")
        for path, message in found
    ]
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def check_file(path: Path, project) -> Any:
    """Return the validation report of a case file, with its W001 warnings even when it has errors.

    The checks report W001 themselves once the file is valid; when schema
    errors stop them, the unfinished texts are still worth listing.
    """
    from iopdocs import build

    report = build.validate_case(path, project)
    try:
        extra = placeholder_problems(load_yaml(path))
    except IopdocsError:
        return report  # an unreadable file is reported by validate_case
    seen = {(p.code, p.field) for p in report.problems}
    report.problems.extend(p for p in extra if (p.code, p.field) not in seen)
    return report


RULES = [check_placeholders, opi.check_rates]
"""The domain rules of the IOP's life, for `checks.RULES`: W001 and W002."""
