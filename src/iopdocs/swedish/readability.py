"""LIX, the Swedish readability index, and sentences that are too long.

LIX = words per sentence + 100 × words of more than six letters / words.
Below 30 is very easy, 40 ordinary newspaper text, 50 official prose, above
60 hard reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from iopdocs.swedish.prose import Prose, Sentence

__all__ = ["LONG_WORD", "Readability", "long_sentences", "readability"]

LONG_WORD = 6  # letters; LIX counts words longer than this


@dataclass(frozen=True)
class Readability:
    """The counts LIX is made of, for one text or several added together."""

    words: int = 0
    sentences: int = 0
    long_words: int = 0

    @property
    def lix(self) -> float:
        """Return the LIX of the counted text (0 for a text without words)."""
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    def __add__(self, other: Readability) -> Readability:
        return Readability(
            self.words + other.words,
            self.sentences + other.sentences,
            self.long_words + other.long_words,
        )


def readability(text: Prose) -> Readability:
    """Return the LIX counts of a text."""
    long_words = sum(1 for word in text.words if word.letters > LONG_WORD)
    return Readability(len(text.words), len(text.sentences), long_words)


def long_sentences(text: Prose, limit: int) -> Iterator[Sentence]:
    """Yield the sentences of more than `limit` words."""
    return (sentence for sentence in text.sentences if len(sentence.words) > limit)
