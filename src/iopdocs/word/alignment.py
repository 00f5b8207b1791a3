"""Pairing two versions of a document: their paragraphs, then one paragraph's characters.

`align` pairs the items (paragraphs, tables) of the document as generated with
those of an edited copy, in order: difflib on their texts, then, inside a
stretch that changed, each generated item with the most similar edited one
after the last pair. An item left without a partner was removed or added.

`inline_changes` does the same for the characters of one paragraph whose
text is template text around values (run-level controls, `readback.Span`).
"""

from __future__ import annotations

import difflib

from iopdocs.word.readback import Item

SIMILAR = 0.5
"""How alike (difflib's ratio) two paragraphs must be to count as one edited."""
PAIR_BUDGET = 400_000
"""The most paragraph pairs one changed stretch is searched for similar ones.

A real edit changes a few dozen paragraphs against a few dozen; a document
with tens of thousands of paragraphs typed in would otherwise be compared
pair by pair for minutes. Past the budget the stretch's items stand alone
(removed and added), which is what they are.
"""


def align(base: list[Item], edited: list[Item]) -> list[tuple[Item | None, Item | None]]:
    """Return the items paired in order; an unpaired one has None on the other side."""
    keys_b = [_key(i) for i in base]
    keys_e = [_key(i) for i in edited]
    ops: list[tuple[Item | None, Item | None]] = []
    matcher = difflib.SequenceMatcher(None, keys_b, keys_e, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops += list(zip(base[i1:i2], edited[j1:j2], strict=True))
        else:
            ops += _pair_similar(base[i1:i2], edited[j1:j2])
    return ops


def _key(item: Item) -> tuple[str, str]:
    kind = "table" if item.kind == "table" else "text"
    return kind, " ".join(item.text.split())


def _pair_similar(base: list[Item], edited: list[Item]):
    """Pair the items of a changed stretch by similarity, in order; the rest stand alone."""
    if len(base) * len(edited) > PAIR_BUDGET:
        return [(b, None) for b in base] + [(None, e) for e in edited]
    out: list[tuple[Item | None, Item | None]] = []
    j = 0
    for b in base:
        best, best_ratio = None, SIMILAR
        for k in range(j, len(edited)):
            ratio = _similarity(b, edited[k])
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            out.append((b, None))
            continue
        out += [(None, e) for e in edited[j:best]]
        out.append((b, edited[best]))
        j = best + 1
    out += [(None, e) for e in edited[j:]]
    return out


def _similarity(b: Item, e: Item) -> float:
    if (b.kind == "table") != (e.kind == "table"):
        return 0.0
    shorter, total = min(len(b.text), len(e.text)), len(b.text) + len(e.text)
    if total and 2 * shorter <= SIMILAR * total:  # the ratio can be no higher: skip counting
        return 0.0
    matcher = difflib.SequenceMatcher(None, b.text, e.text, autojunk=False)
    if matcher.real_quick_ratio() <= SIMILAR or matcher.quick_ratio() <= SIMILAR:
        return 0.0
    return matcher.ratio()


# --- values inside a paragraph ------------------------------------------------------------


def inline_changes(b: Item, e: Item) -> tuple[list[tuple[str, str, str]], bool]:
    """Return the values a changed paragraph changed, and whether its template text changed.

    The generated paragraph's text is template text around the values of its
    run-level controls (`spans`). The edited text is aligned with it
    character by character; a change inside one value (or touching its ends)
    changes that value, any other change is a change of template text.
    """
    old, new = b.text, e.text
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    touched: dict[int, bool] = {}
    outside = False
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op == "equal":
            continue
        index = _span_at(b.spans, i1, i2)
        if index is None:
            outside = True
        else:
            touched[index] = True
    edits = []
    for index in touched:
        span = b.spans[index]
        start, end = _mapped(matcher, span.start, True), _mapped(matcher, span.end, False)
        edits.append((span.tag, old[span.start : span.end], new[start:end]))
    return edits, outside


def _span_at(spans, i1: int, i2: int) -> int | None:
    """Return the span a change of old[i1:i2] falls in (its ends included), None if none."""
    for index, span in enumerate(spans):
        if span.start <= i1 and i2 <= span.end:
            return index
    return None


def _mapped(matcher: difflib.SequenceMatcher, position: int, start: bool) -> int:
    """Return where a position of the old text falls in the new, changes included.

    A value's start is looked for from the front and its end from the back,
    so that text typed right at either end (an insertion there) is counted
    into the value, as `_span_at` counts it, instead of being dropped.
    """
    ops = matcher.get_opcodes()
    for op, i1, i2, j1, j2 in ops if start else reversed(ops):
        if op != "equal" and i1 <= position <= i2:
            return j1 if start else j2
        if op == "equal" and (i1 <= position < i2 if start else i1 < position <= i2):
            return j1 + (position - i1)
    return 0 if start else len(matcher.b)
