"""The same thing written in two ways: "IOP´n" for "IOP:n", a board's name without its hyphen.

Swedish writes an ending on an abbreviation after a colon ("IOP:n",
"FN:s"). A name with a shortened first part ("Social- och
omsorgsnämnden") keeps its hyphen in every form; capital or lower case
is not a difference (a board's name is lower case mid-sentence).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from iopdocs.swedish.prose import Token

__all__ = ["Variant", "acronym_endings", "is_acronym", "name_variants"]

_DASH = r"\-\u2010\u2011\u2012\u2013\u2014"  # for character classes
# An abbreviation with an ending: separated by anything but a colon, or by nothing.
_ACRONYM_ENDING = re.compile(r"^([A-ZÅÄÖ]{2,})([`'’´]?)(s|n|en|et|ens|ets)$")
_COORDINATED = re.compile(rf"\s*[{_DASH}]\s*(?=(?:och|eller)\s)")


@dataclass(frozen=True)
class Variant:
    """Text found written otherwise than its one right form."""

    start: int
    found: str
    right: str


def is_acronym(word: str) -> bool:
    """Return whether a word is an abbreviation in capitals ("IOP", "MBL")."""
    return len(word) >= 2 and word.isalpha() and word.isupper()


def acronym_ending(word: str, acronyms: Iterable[str]) -> str | None:
    """Return how `word` should be written if it is an abbreviation with a wrong ending.

    "IOP´n" and "IOP'n" are always wrong; "IOPn" only when "IOP" is an
    abbreviation the text uses (else "TIOPn" would be read as one).
    """
    match = _ACRONYM_ENDING.match(word) if word[:2].isupper() else None
    if match is None:
        return None
    stem, separator, ending = match.groups()
    if separator or stem in acronyms:
        return f"{stem}:{ending}"
    return None


def acronym_endings(words: Iterable[Token], acronyms: set[str]) -> Iterator[Variant]:
    """Yield each abbreviation whose ending is not written after a colon."""
    for word in words:
        right = acronym_ending(word.text, acronyms)
        if right is not None:
            yield Variant(word.start, word.text, right)


def name_variants(masked: str, name: str) -> Iterator[Variant]:
    """Yield where `name` stands with its hyphen missing or spaced ("social och omsorgsnämnden")."""
    if _COORDINATED.search(name) is None:
        return
    right_head = _head(name)
    for match in _loose(name).finditer(masked):
        found = match.group()
        if _head(found) != right_head:
            right = name if found[:1].isupper() else name[:1].lower() + name[1:]
            yield Variant(match.start(), " ".join(found.split()), _with_ending(right, found))


def _head(text: str) -> str:
    """Return the part of a name before its "och"/"eller", in lower case, spaces collapsed."""
    words = " ".join(text.split()).lower()
    return re.split(r"\s(?:och|eller)\s", words, maxsplit=1)[0]


@functools.lru_cache(maxsize=64)
def _loose(name: str) -> re.Pattern[str]:
    """Return a pattern for `name` with any dash or none, any spacing, any ending."""
    head, rest = _COORDINATED.split(name, maxsplit=1)
    words = rest.split()
    last = words[-1]
    stem = last[:-2] if len(last) > 6 and last.endswith(("en", "na")) else last
    body = [re.escape(w) for w in words[:-1]] + [re.escape(stem) + r"\w*"]
    return re.compile(
        rf"(?<![\w{_DASH}]){re.escape(head)}\s*[{_DASH}]?\s*" + r"\s+".join(body),
        re.IGNORECASE,
    )


def _with_ending(name: str, found: str) -> str:
    """Return `name` with the ending of the last word as found ("nämndens", not "nämnden")."""
    last_found, last_name = found.split()[-1], name.split()[-1]
    common = len(last_name)
    while common and not last_found.lower().startswith(last_name[:common].lower()):
        common -= 1
    return name[: len(name) - len(last_name)] + last_name[:common] + last_found[common:]
