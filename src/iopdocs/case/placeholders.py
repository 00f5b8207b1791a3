"""Placeholders such as {period} in a case's texts, filled from the case's own data.

A decision point written "Överenskommelsen gäller i {längd}, {period}." can
never contradict the period: the words are made from `period:` when the
documents are built. `iopdocs new` and `iopdocs extend` write decision
points this way. `fill` returns the case with every placeholder replaced;
`unknown` finds the ones that are not placeholders (rule R006); `unfill`
writes a filled text back with its placeholders. `{{` and
`}}` write a brace. The table is documented in docs/arendefil.md.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from iopdocs.case.model import Case
from iopdocs.swedish import formatting

NAMES = ("period", "längd", "från", "till", "slutdatum")
"""Every placeholder, in the order the docs list them."""
ONLY_AT_ENDING = "slutdatum"
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\s]{1,40})\}")


def values(case: Case) -> dict[str, str]:
    """Return what each placeholder stands for in this case (a backwards period: none)."""
    start, end = case.period.fran, case.period.till
    if end < start:  # P001 reports it; nothing sensible to write
        return {}
    found = {
        "period": formatting.period(start, end),
        "längd": formatting.period_length_words(start, end),
        "från": formatting.long_date(start),
        "till": formatting.long_date(end),
    }
    if case.avslut is not None:
        found[ONLY_AT_ENDING] = formatting.long_date(case.avslut.datum)
    return found


def fill_text(text: str, known: dict[str, str]) -> str:
    """Return `text` with its placeholders replaced; unknown ones stay as written."""

    def replace(match: re.Match[str]) -> str:
        if match[1] is None:
            return match.group()[0]  # "{{" -> "{", "}}" -> "}"
        return known.get(match[1], match.group())

    return _TOKEN.sub(replace, text)


def unfill(text: str, written: str, known: dict[str, str]) -> str:
    """Return filled `text` as the file writes it: braces doubled, and the words of each
    placeholder that `written` (the field as the file has it) uses put back as the placeholder.

    For text taken back from a document (`iopdocs hamta`): an edited decision point
    keeps its {period} when the period's words are still in it.
    """
    text = text.replace("{", "{{").replace("}", "}}")
    names = {m[1] for m in _TOKEN.finditer(written) if m[1] in known}
    for name in sorted(names, key=lambda n: -len(known[n])):
        if known[name]:
            text = text.replace(known[name], f"{{{name}}}")
    return text


def used(data: object) -> bool:
    """Return whether any text of a loaded (or dumped) case holds a brace."""
    return any("{" in text or "}" in text for text in _strings(data))


def fill(case: Case) -> Case:
    """Return the case with every placeholder in its texts filled from its data.

    The case is rebuilt from its filled data; callers skip it for a case
    whose file holds no brace (`used`), which is nearly every case.
    """
    return Case.model_validate(_filled(case.model_dump(by_alias=True), values(case)))


def _strings(value: object) -> Iterator[str]:
    """Yield every string in a dumped model."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _filled(value: object, known: dict[str, str]) -> object:
    """Return a dumped model with every string filled."""
    if isinstance(value, str):
        return fill_text(value, known)
    if isinstance(value, dict):
        return {key: _filled(item, known) for key, item in value.items()}
    if isinstance(value, list):
        return [_filled(item, known) for item in value]
    return value


@dataclass(frozen=True)
class Unknown:
    """A `{word}` in a text that is no placeholder this case can fill."""

    start: int
    written: str
    message: str


def unknown(text: str, case: Case) -> list[Unknown]:
    """Return every `{word}` in `text` that this case cannot fill, with what to write instead."""
    found = []
    for match in _TOKEN.finditer(text):
        name = match[1]
        if name is None or (name in NAMES and (name != ONLY_AT_ENDING or case.avslut)):
            continue
        found.append(Unknown(match.start(), match.group(), _unknown_message(name)))
    return found


def _unknown_message(name: str) -> str:
    """Return what is wrong with `{name}` and what to write instead."""
    listed = ", ".join(f"{{{n}}}" for n in NAMES[:-1]) + f" och {{{NAMES[-1]}}}"
    if name == ONLY_AT_ENDING:
        return (
            f"{{{name}}} finns bara när beslutstyp är avslut (avslut.datum). Skriv datumet, "
            f"eller använd någon av {listed}."
        )
    close = difflib.get_close_matches(name.lower(), NAMES, n=1, cutoff=0.6)
    hint = f" Menade du {{{close[0]}}}?" if close else ""
    return (
        f"{{{name}}} är ingen platshållare.{hint} Platshållarna är {listed}; "
        "skriv {{ och }} för en klammer som ska stå i texten."
    )
