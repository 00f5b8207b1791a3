"""Pairing paragraphs of a generated and an edited document, and its limits on hostile input."""

from __future__ import annotations

import difflib

from hypothesis import given
from hypothesis import strategies as st

from iopdocs.word import alignment
from iopdocs.word.alignment import SIMILAR, align, inline_changes
from iopdocs.word.markwriter import Atom, Para
from iopdocs.word.readback import Item, Span


def item(text: str) -> Item:
    return Item("paragraph", Para((Atom(text),)))


@given(st.text("abc åä", max_size=40), st.text("abc åä", max_size=120))
def test_the_length_shortcut_never_changes_which_paragraphs_are_alike(a, b):
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    similar = alignment._similarity(item(a), item(b))
    assert (similar > SIMILAR) == (ratio > SIMILAR)


def test_an_edited_paragraph_is_paired_with_its_generated_one():
    base = [item("Första stycket."), item("Andra stycket om stöd."), item("Tredje.")]
    edited = [item("Första stycket."), item("Ny text."), item("Andra stycket om mer stöd.")]
    edited.append(item("Tredje."))
    pairs = [(b and b.text, e and e.text) for b, e in align(base, edited)]
    assert ("Andra stycket om stöd.", "Andra stycket om mer stöd.") in pairs
    assert (None, "Ny text.") in pairs


def test_a_stretch_past_the_budget_is_left_unpaired_instead_of_searched(monkeypatch):
    monkeypatch.setattr(alignment, "PAIR_BUDGET", 10)
    base = [item(f"Stycke {n} om stöd.") for n in range(4)]
    edited = [item(f"Stycke {n} om mer stöd.") for n in range(4)]
    pairs = align(base, edited)
    assert all(b is None or e is None for b, e in pairs)  # 16 pairs > 10: none searched
    assert len(pairs) == 8
    monkeypatch.setattr(alignment, "PAIR_BUDGET", 16)
    assert all(b is not None and e is not None for b, e in align(base, edited))


def valued(before: str, value: str, after: str) -> Item:
    """Return a paragraph of template text around one value (a run-level control)."""
    start = len(before)
    span = Span(start, start + len(value), "case.handlaggare.titel")
    return Item("paragraph", Para((Atom(before + value + after),)), spans=(span,))


def test_text_typed_at_the_end_of_a_value_belongs_to_the_value():
    base = valued("Handläggare: Elin, ", "Utvecklare", "")
    for typed in ("Utvecklare: chef", "Utvecklare\nmed ansvar", "Utvecklare och chef"):
        edited = valued("Handläggare: Elin, ", typed, "")
        edits, outside = inline_changes(base, edited)
        assert (edits, outside) == ([("case.handlaggare.titel", "Utvecklare", typed)], False)


def test_text_typed_at_either_end_of_a_value_inside_a_line_belongs_to_the_value():
    base = valued("Titel: ", "Utvecklare", " (tillsvidare)")
    for typed in ("Utvecklare-chef", "Utvecklaren"):
        edits, outside = inline_changes(base, valued("Titel: ", typed, " (tillsvidare)"))
        assert (edits, outside) == ([("case.handlaggare.titel", "Utvecklare", typed)], False)
