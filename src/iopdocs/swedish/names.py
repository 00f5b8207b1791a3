"""Find misspelt names: runs of words that look like a party's name but are not it.

Pure text functions used by the N001 check. A run of words is a variant of a
name when it is about as long, alike by difflib's ratio, not the name itself
(in any case, spacing or genitive) and not part of another known name.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Words: letters and digits, with hyphens, colons and apostrophes inside ("IOGT-NTO:s").
_WORD = re.compile(r"\w(?:[\w:'’\-\u2010\u2011\u2013]*\w)?")
_GENITIVE = (":s", "'s", "’s", "s")
# A variant must look like the name and be about as long.
_NAME_RATIO = 0.8
_WORD_RATIO = 0.5
_MIN_NAME_LENGTH = 5

Span = tuple[int, int, str]  # start, end, the words joined by one space, lower case


@dataclass(frozen=True)
class _Words:
    """A text's words, with prefix sums of their lengths (computed once per text)."""

    words: list[re.Match[str]]
    sums: list[int]

    @classmethod
    def of(cls, text: str) -> _Words:
        """Return the words of `text`."""
        words = list(_WORD.finditer(text))
        sums = [0]
        for word in words:
            sums.append(sums[-1] + word.end() - word.start())
        return cls(words, sums)


def _windows(
    text: _Words, size: int, shortest: float = 0, longest: float = float("inf")
) -> Iterator[Span]:
    """Yield every run of `size` consecutive words whose letters number shortest..longest.

    The length filter runs on prefix sums before any string is built: most
    runs of a text are far too short or long to be a name.
    """
    words, sums = text.words, text.sums
    for i in range(len(words) - size + 1):
        if shortest <= sums[i + size] - sums[i] <= longest:
            run = words[i : i + size]
            yield run[0].start(), run[-1].end(), " ".join(w.group().lower() for w in run)


def _norm(name: str) -> str:
    """Return a name as words joined by one space, lower case."""
    return " ".join(_WORD.findall(name.lower()))


def _bare(words: str) -> str:
    """Return words without a genitive ending ("IOGT-NTO:s" -> "IOGT-NTO")."""
    for ending in _GENITIVE:
        if words.endswith(ending) and len(words) > len(ending):
            return words[: -len(ending)]
    return words


def _is_name(span: str, name: str) -> bool:
    """Return whether `span` is `name`, perhaps in the genitive."""
    return span == name or _bare(span) == name


def _name_spans(words: _Words, names: set[str]) -> list[tuple[int, int]]:
    """Return where any of `names` stands exactly (any case, any spacing, genitive)."""
    found = []
    for name in names:
        size, letters = len(name.split()), len(name.replace(" ", ""))
        runs = _windows(words, size, letters, letters + 2)  # +2: a genitive ":s"
        found += [(s, e) for s, e, span in runs if _is_name(span, name)]
    return found


def _likeness(span: str, name: str) -> float:
    """Return how alike a run of words and a name are, 0 to 1, ignoring spaces.

    Runs much shorter or longer than the name score 0, and so does a run of
    as many words as the name where one word is nothing like the name's own.
    """
    joined, target = span.replace(" ", ""), name.replace(" ", "")
    shorter, longer = sorted((len(joined), len(target)))
    if shorter < _NAME_RATIO * longer:
        return 0.0
    matcher = _matcher(target)
    matcher.set_seq1(joined)
    if matcher.quick_ratio() < _NAME_RATIO:
        return 0.0
    words, parts = span.split(), name.split()
    if len(words) == len(parts) > 1 and any(
        difflib.SequenceMatcher(None, a, b).ratio() < _WORD_RATIO
        for a, b in zip(words, parts, strict=True)
    ):
        return 0.0
    return matcher.ratio()


@functools.lru_cache(maxsize=64)
def _matcher(target: str) -> difflib.SequenceMatcher:
    """Return a matcher against `target`; it keeps what it learnt about `target` between runs."""
    return difflib.SequenceMatcher(None, "", target)


def _part_of_a_name(span: str, names: set[str]) -> bool:
    """Return whether `span` is some words of one of `names` ("Kvarnbackens" of "Kvarnbackens IK")."""
    bare = " ".join(_bare(word) for word in span.split())
    return any(f" {bare} " in f" {name} " for name in names)


def _variants(
    words: _Words, name: str, known: set[str], taken: list[tuple[int, int]]
) -> list[Span]:
    """Return the runs of words in `text` that look like a misspelling of `name`.

    Runs of one word fewer or more than the name are tried too, so a name
    split in two ("Pingst församlingen") or run together is found. Where
    runs overlap, the one most like the name is kept.
    """
    size, letters = len(name.split()), len(name.replace(" ", ""))
    scored = []
    for n in {max(size - 1, 1), size, size + 1}:
        for start, end, span in _windows(words, n, _NAME_RATIO * letters, letters / _NAME_RATIO):
            ratio = _likeness(span, name)
            if ratio < _NAME_RATIO or any(s < end and start < e for s, e in taken):
                continue
            if not _part_of_a_name(span, known):
                scored.append((-ratio, start, end, span))
    kept: list[Span] = []
    for _, start, end, span in sorted(scored):
        if not any(s < end and start < e for s, e, _ in kept):
            kept.append((start, end, span))
    return sorted(kept)


def normalize(name: str) -> str:
    """Return a name as words joined by one space, lower case."""
    return _norm(name)


def find_variants(text: str, names: list[str], known: list[str]) -> list[tuple[str, int, int]]:
    """Return (name, start, end) for each run in `text` that misspells one of `names`.

    `names` are normalized party names to look for; `known` are every name
    and legal name that may stand as written. Names shorter than five
    letters are not looked for: too many ordinary words look like them.
    """
    targets = [n for n in names if len(n) >= _MIN_NAME_LENGTH]
    if not targets:
        return []
    words = _Words.of(text)
    allowed = {_norm(n) for n in known}
    taken = _name_spans(words, allowed)
    found = []
    for name in targets:
        found += [(name, s, e) for s, e, _ in _variants(words, name, allowed, taken)]
    return found
