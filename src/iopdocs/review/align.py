"""Align two sequences as difflib does, in about linear time when they are long.

`SequenceMatcher(autojunk=False)` searches for the longest match by comparing
every pair of equal elements, which is quadratic when elements repeat (empty
table cells, "0 kr", the same sentence in every section): two documents of
8,000 paragraphs, every other one the same sentence, took 28 s to compare.
`Matcher` gives difflib only what is small:

1. a range whose `len(a) * len(b)` is at most `max_cells` goes to difflib as
   it is (so short documents are aligned exactly as before);
2. otherwise the common head and tail are matched, then the elements that
   occur exactly once on each side are anchors, and the longest run of
   anchors in the same order on both sides is matched (patience diff, by
   hashing and a longest increasing subsequence), and each range between two
   anchors is aligned the same way;
3. a long range without anchors stays unmatched: one replaced block, which
   the callers pair line by line in order.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from difflib import Match, SequenceMatcher

MAX_CELLS = 250_000
# Ranges inside ranges: reordered text (each level finding one anchor) would
# otherwise recurse once per element.
MAX_DEPTH = 40

Block = tuple[int, int, int]


class Matcher(SequenceMatcher):
    """A SequenceMatcher that matches by hashing first and runs difflib on small ranges only."""

    def __init__(
        self, a: Sequence[Hashable] = (), b: Sequence[Hashable] = (), max_cells: int = MAX_CELLS
    ) -> None:
        self.max_cells = max_cells
        super().__init__(None, a, b, autojunk=False)

    def get_matching_blocks(self) -> list[Match]:
        """Return the matching blocks as difflib does: in order, adjacent ones joined, a sentinel last."""
        if self.matching_blocks is None:
            found: list[Block] = []
            self._match(0, len(self.a), 0, len(self.b), found, 0)
            blocks = [Match(*block) for block in _joined(sorted(found))]
            self.matching_blocks = [*blocks, Match(len(self.a), len(self.b), 0)]
        return self.matching_blocks

    def _match(self, alo: int, ahi: int, blo: int, bhi: int, out: list[Block], depth: int) -> None:
        """Add the matching blocks of a[alo:ahi] and b[blo:bhi] to `out`."""
        if (ahi - alo) * (bhi - blo) <= self.max_cells:
            matcher = SequenceMatcher(None, self.a[alo:ahi], self.b[blo:bhi], autojunk=False)
            out += [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]
            return
        head = _common(self.a, self.b, range(alo, ahi), range(blo, bhi))
        tail = _common(
            self.a, self.b, range(ahi - 1, alo + head - 1, -1), range(bhi - 1, blo + head - 1, -1)
        )
        out += [(alo, blo, head)] if head else []
        out += [(ahi - tail, bhi - tail, tail)] if tail else []
        alo, blo, ahi, bhi = alo + head, blo + head, ahi - tail, bhi - tail
        if alo == ahi or blo == bhi or depth >= MAX_DEPTH:
            return
        i, j = alo, blo
        for anchor_i, anchor_j in _anchors(self.a, alo, ahi, self.b, blo, bhi):
            self._match(i, anchor_i, j, anchor_j, out, depth + 1)
            out.append((anchor_i, anchor_j, 1))
            i, j = anchor_i + 1, anchor_j + 1
        if (i, j) != (alo, blo):
            self._match(i, ahi, j, bhi, out, depth + 1)


def _common(a: Sequence, b: Sequence, ai: range, bj: range) -> int:
    """Return how many elements a and b share along the index ranges, from their start."""
    count = 0
    for i, j in zip(ai, bj, strict=False):
        if a[i] != b[j]:
            break
        count += 1
    return count


def _anchors(a, alo: int, ahi: int, b, blo: int, bhi: int) -> list[tuple[int, int]]:
    """Return the longest in-order run of elements that occur once in each range."""
    once_a = _unique(a, alo, ahi)
    once_b = _unique(b, blo, bhi)
    pairs = sorted((i, once_b[item]) for item, i in once_a.items() if item in once_b)
    return _longest_increasing(pairs)


def _unique(items: Sequence, lo: int, hi: int) -> dict:
    """Return each element that occurs once in items[lo:hi], with its index."""
    seen: dict = {}
    for index in range(lo, hi):
        item = items[index]
        seen[item] = -1 if item in seen else index
    return {item: index for item, index in seen.items() if index >= 0}


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the longest subsequence of `pairs` (sorted by i) whose j increase too."""
    tails: list[int] = []  # the smallest last j of an increasing run of each length
    ends: list[int] = []  # the pair that ends that run
    back = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        back[index] = ends[length - 1] if length else -1
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length], ends[length] = j, index
    run: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        run.append(pairs[index])
        index = back[index]
    return run[::-1]


def _joined(blocks: list[Block]) -> list[Block]:
    """Return blocks with adjacent ones joined into one, as difflib reports them."""
    joined: list[Block] = []
    for i, j, n in blocks:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + n)
        else:
            joined.append((i, j, n))
    return joined
