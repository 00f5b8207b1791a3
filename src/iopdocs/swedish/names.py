"""Find misspelt names: runs of words that look like a party's name but are not it.

Pure text functions used by the N001 check. A run of words is a variant of a
name when it is about as long, alike by difflib's ratio, not the name itself
(in any case, spacing or genitive) and not part of another known name.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
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
    """A text's words, lower case, with their character masks and prefix sums of their
    lengths as written and lower case (computed once per text, not once per run)."""

    words: list[re.Match[str]]
    sums: list[int]
    text: str = ""
    lower: tuple[str, ...] = ()
    masks: tuple[int, ...] = ()
    lower_sums: tuple[int, ...] = (0,)

    @classmethod
    def of(cls, text: str) -> _Words:
        """Return the words of `text`."""
        words = list(_WORD.finditer(text))
        lower = tuple(word.group().lower() for word in words)
        return cls(
            words,
            _prefix_sums(word.end() - word.start() for word in words),
            text,
            lower,
            tuple(_mask(word) for word in lower),
            tuple(_prefix_sums(len(word) for word in lower)),
        )

    def span(self, i: int, size: int) -> str:
        """Return the `size` words from the `i`th, lower case, joined by one space."""
        return " ".join(self.lower[i : i + size])

    def mask(self, i: int, size: int) -> int:
        """Return the character mask of the `size` words from the `i`th (`_mask` of them)."""
        mask = 0
        for word in self.masks[i : i + size]:
            mask |= word
        return mask


def _prefix_sums(lengths: Iterable[int]) -> list[int]:
    """Return [0, a, a+b, …] of `lengths`."""
    sums = [0]
    for length in lengths:
        sums.append(sums[-1] + length)
    return sums


def _word_lengths(text: str) -> list[int]:
    """Return the prefix sums of the lengths of a text's words (all `work` needs of it)."""
    return _prefix_sums(word.end() - word.start() for word in _WORD.finditer(text))


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


@functools.lru_cache(maxsize=4096)
def _matcher(target: str) -> difflib.SequenceMatcher:
    """Return a matcher against `target`; it keeps what it learnt about `target` between runs."""
    return difflib.SequenceMatcher(None, "", target)


def normalize(name: str) -> str:
    """Return a name as words joined by one space, lower case."""
    return _norm(name)


def find_variants(text: str, names: list[str], known: list[str]) -> list[tuple[str, int, int]]:
    """Return (name, start, end) for each run in `text` that misspells one of `names`.

    `names` are normalized party names to look for; `known` are every name
    and legal name that may stand as written. Names shorter than five
    letters are not looked for: too many ordinary words look like them.
    For many texts, build one `NameIndex` and ask it for each text.
    """
    return NameIndex(names, known).variants(text)


@dataclass(frozen=True)
class _Target:
    """A name looked for: its place in the list, its words, its characters as a mask and counted."""

    index: int
    name: str
    mask: int
    counts: Counter[str]


# Texts whose findings an index keeps (an editor's case has a few hundred).
_KEPT_TEXTS = 4096


@functools.lru_cache(maxsize=16)
def name_index(names: tuple[str, ...], known: tuple[str, ...]) -> NameIndex:
    """Return the index of a case's names, the same object while the names stay the same.

    The workbench checks a case at every change; its names rarely change.
    """
    return NameIndex(list(names), list(known))


class NameIndex:
    """The parties' names, indexed once per case so that each text costs about its length.

    Exact names are found by hashing runs of words. A run is compared with a
    name only when the name's word count fits the run (one fewer, the same or
    one more) and its letters number 0.8 to 1.25 times the run's; names are kept
    in buckets by (words, letters) for that. Before difflib, a bound rejects
    most pairs: every character of one that does not occur in the other is
    unmatched, and a ratio of 0.8 allows at most a fifth of both lengths
    unmatched. Results are exactly those of comparing every run with every name.
    """

    def __init__(self, names: list[str], known: list[str]) -> None:
        self.targets = [n for n in names if len(n) >= _MIN_NAME_LENGTH]
        allowed = {_norm(n) for n in known}
        self.exact: dict[int, set[str]] = defaultdict(set)
        self.first_words: dict[int, set[str]] = defaultdict(set)
        self.parts: set[str] = set()
        for name in allowed:
            words = name.split()
            self.exact[len(words)].add(name)
            self.first_words[len(words)].add(words[0] if words else "")
            self.parts.update(_runs(words))
        self.buckets: dict[tuple[int, int], list[_Target]] = defaultdict(list)
        for index, name in enumerate(self.targets):
            joined = name.replace(" ", "")
            self.buckets[len(name.split()), len(joined)].append(
                _Target(index, name, _mask(joined), Counter(joined))
            )
        self.union = {key: _union(t.mask for t in bucket) for key, bucket in self.buckets.items()}
        self.letters = sorted({letters for _, letters in self.buckets})
        self.sizes = sorted({n for size, _ in self.buckets for n in _run_sizes(size)})
        self.likeness: dict[tuple[str, str], float] = {}
        self.found: dict[str, list[tuple[str, int, int]]] = {}

    def work(self, texts: Iterable[str]) -> int:
        """Return how many (run of words, name) pairs of about the same length the texts hold:
        what `variants` would compare at most, counted without comparing anything."""
        lengths: dict[int, list[int]] = defaultdict(list)  # run size -> letters of its names
        for size, letters in self.buckets:
            for run in _run_sizes(size):
                lengths[run] += [letters] * len(self.buckets[size, letters])
        for found in lengths.values():
            found.sort()
        total = 0
        for text in texts:
            sums = _word_lengths(text)
            for run, letters in lengths.items():
                for i in range(len(sums) - run):
                    length = sums[i + run] - sums[i]
                    low = bisect.bisect_left(letters, _NAME_RATIO * length)
                    total += bisect.bisect_right(letters, length / _NAME_RATIO) - low
        return total

    def variants(self, text: str) -> list[tuple[str, int, int]]:
        """Return (name, start, end) for each run in `text` that misspells one of the names.

        Kept per text: an editor checks the case again at every change, and
        then all but the edited text are the same.
        """
        if not self.targets:
            return []
        if text not in self.found:
            if len(self.found) >= _KEPT_TEXTS:
                self.found.clear()
            self.found[text] = self._variants(text)
        return list(self.found[text])

    def _variants(self, text: str) -> list[tuple[str, int, int]]:
        """Return the misspelt names in `text` (see `variants`), computed."""
        words = _Words.of(text)
        taken = self._exact_spans(words)
        scored: dict[int, list[tuple[float, int, int, str]]] = defaultdict(list)
        for size in self.sizes:
            for i in range(len(words.words) - size + 1):
                self._score_run(words, i, size, taken, scored)
        found = []
        for index in sorted(scored):
            kept = _best_apart(scored[index])
            found += [(self.targets[index], start, end) for start, end, _ in kept]
        return found

    def _exact_spans(self, words: _Words) -> list[tuple[int, int]]:
        """Return where a known name stands exactly (any case, any spacing, genitive)."""
        found = []
        for size, names in self.exact.items():
            first = self.first_words[size]
            for i in range(len(words.words) - size + 1):
                if size > 1 and words.lower[i] not in first:
                    continue  # only the last word can carry a genitive
                span = words.span(i, size)
                if span in names or _bare(span) in names:
                    found.append((words.words[i].start(), words.words[i + size - 1].end()))
        return found

    def _score_run(self, words: _Words, i: int, size: int, taken, scored) -> None:
        """Add the names that the run of `size` words at `i` misspells to `scored`."""
        length = words.sums[i + size] - words.sums[i]
        low = bisect.bisect_left(self.letters, _NAME_RATIO * length)
        high = bisect.bisect_right(self.letters, length / _NAME_RATIO)
        if low == high:
            return
        start, end = words.words[i].start(), words.words[i + size - 1].end()
        if any(s < end and start < e for s, e in taken):
            return
        mask, span, counts = -1, "", None
        joined_length = words.lower_sums[i + size] - words.lower_sums[i]
        for letters in self.letters[low:high]:
            if not _NAME_RATIO * letters <= length <= letters / _NAME_RATIO:
                continue
            for name_size in (size - 1, size, size + 1):
                bucket = self.buckets.get((name_size, letters))
                if not bucket or size not in _run_sizes(name_size):
                    continue
                if mask < 0:
                    mask = words.mask(i, size)
                total = joined_length + letters
                if _below(total, (mask & ~self.union[name_size, letters]).bit_count()):
                    continue
                for target in bucket:
                    if _below(total, (mask ^ target.mask).bit_count()):
                        continue
                    if counts is None:
                        span = words.span(i, size)
                        counts = Counter(span.replace(" ", ""))
                    shared = sum(min(n, target.counts[c]) for c, n in counts.items())
                    if _below(total, total - 2 * shared):
                        continue  # difflib's quick_ratio: _likeness would say 0
                    ratio = self._likeness(span, target.name)
                    if ratio < _NAME_RATIO or self._part_of_a_name(span):
                        continue
                    if _one_phrase(words.text[start:end], target.name):
                        scored[target.index].append((-ratio, start, end, span))

    def _likeness(self, span: str, name: str) -> float:
        """Return `_likeness(span, name)`, computed once per case."""
        key = (span, name)
        if key not in self.likeness:
            self.likeness[key] = _likeness(span, name)
        return self.likeness[key]

    def _part_of_a_name(self, span: str) -> bool:
        """Return whether `span` is some words of a known name ("Kvarnbackens" of "Kvarnbackens IK")."""
        return " ".join(_bare(word) for word in span.split()) in self.parts


# Words that join ordinary phrases ("läxhjälp i Ryds", "föreningen har bett"): a
# misspelt name never gains one that the name itself lacks.
_FUNCTION_WORDS_TEXT = (
    "att och i på har hade för med av till den det de en ett som är om vid hos från ur "
    "under över efter före mot inom utan samt eller men så när där här var vi ni jag du "
    "han hon sin sitt sina deras dess vår vårt våra kan ska skall blir blev får fick"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
_SENTENCE_MARKS = ".!?;"  # not ":", which names hold ("Kvarterets Vänner: Ryd")
_LIST_MARK = re.compile(r"\n[ \t]*(?:[-*•]|\d+[.)])\s")


def _one_phrase(run: str, name: str) -> bool:
    """Return whether a run of words could be one name written wrongly.

    It may not cross the end of a sentence or a list item ("rädsla. Barnen"
    is not "Rädda Barnen"), nor hold a function word the name lacks; a word in
    capitals ("I OGT-NTO") is no function word.
    """
    between = _WORD.sub(" ", run)
    if _LIST_MARK.search(between) or any(mark in between for mark in _SENTENCE_MARKS):
        return False
    own = set(name.split())
    return not any(
        word.lower() in _FUNCTION_WORDS and not word.isupper() and word.lower() not in own
        for word in _WORD.findall(run)
    )


def _below(total: int, unmatched: int) -> bool:
    """Return whether two strings of `total` characters, `unmatched` of them without a
    partner, must have a difflib ratio below the name ratio (as difflib computes it)."""
    return (total - unmatched) / total < _NAME_RATIO


def _run_sizes(size: int) -> set[int]:
    """Return the run lengths compared with a name of `size` words: one fewer to one more."""
    return {max(size - 1, 1), size, size + 1}


def _runs(words: list[str]) -> Iterator[str]:
    """Yield every run of consecutive words of a name, joined by one space."""
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            yield " ".join(words[i:j])


def _mask(text: str) -> int:
    """Return a bit set of the characters of `text` (61 buckets; a shared bit proves nothing)."""
    mask = 0
    for char in text:
        mask |= 1 << (ord(char) % 61)
    return mask


def _union(masks: Iterator[int]) -> int:
    """Return the bits set in any of `masks`."""
    union = 0
    for mask in masks:
        union |= mask
    return union


def _best_apart(scored: list[tuple[float, int, int, str]]) -> list[Span]:
    """Return the runs most like the name that do not overlap each other, in text order."""
    kept: list[Span] = []
    for _, start, end, span in sorted(scored):
        if not any(s < end and start < e for s, e, _ in kept):
            kept.append((start, end, span))
    return sorted(kept)
