"""LIX and long sentences."""

from __future__ import annotations

import pytest

from iopdocs.swedish.prose import prose
from iopdocs.swedish.readability import Readability, long_sentences, readability


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    # 8 words, 2 sentences, 3 words over six letters: 8/2 + 100*3/8 = 41.5.
    counts = readability(prose("Nämnd tar ett beslut. Förvaltningen skriver överenskommelsen nu."))
    assert counts == Readability(words=8, sentences=2, long_words=3)
    assert counts.lix == pytest.approx(41.5)


def test_six_letters_is_not_long_and_seven_is():
    assert readability(prose("sexsex sjusjus")).long_words == 1


def test_sections_add_up():
    total = readability(prose("Ett två tre.")) + readability(prose("Fyra fem."))
    assert total == Readability(words=5, sentences=2, long_words=0)
    assert total.lix == pytest.approx(2.5)


def test_an_empty_text_has_lix_zero():
    assert readability(prose("  ")).lix == 0.0


def test_sentences_over_the_limit_are_long():
    text = prose("Kort mening. Ord " + " ".join(["ord"] * 25) + ". Ännu en kort.")
    assert [len(s.words) for s in long_sentences(text, 25)] == [26]
    assert list(long_sentences(text, 26)) == []
