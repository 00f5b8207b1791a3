"""Split a case text into words and sentences, for the plain-language checks.

The case texts use a Markdown subset (lists, **bold**, *italic*, [links](url)).
Markup is blanked with spaces instead of parsed away, so an offset in the
blanked text is the offset in the value itself: every finding can be placed
at its line and column in the case file. URLs and e-mail addresses are
blanked too, so they are never read as words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["WORD", "Prose", "Sentence", "Token", "prose"]


def _word_set(text: str) -> frozenset[str]:
    """Return the words of `text`, separated by white space."""
    return frozenset(text.split())


_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
# An address starts where a run of its characters starts (the lookbehind): tried
# from inside a long run with no "@", it would scan that run again at each letter.
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMPHASIS = re.compile(r"\*+")
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NOT_LETTER = re.compile(r"[\W\d_]")

# A word: letters or digits, with hyphens, colons, periods and apostrophes
# inside ("IOGT-NTO:s", "IOP´n", "t.ex").
WORD = re.compile(r"\w(?:[\w\-\u2010\u2011:.'’´]*\w)?")
# LIX counts period, colon, exclamation and question mark as sentence ends.
_SENTENCE_END = re.compile(r"[.!?:]+(?=[\s\"”»)]|$)")
# Abbreviations after which a period does not end the sentence.
_ABBREVIATIONS = _word_set(
    "t.ex bl.a ca kl nr s.k p.g.a enl jfr resp inkl exkl dvs d.v.s kap st tel f.d "
    "fr.o.m t.o.m m.a.o dnr prop vs ang o.d"
)


class Token(NamedTuple):
    """One word and where it starts in the value (a tuple: a text has thousands)."""

    text: str
    start: int

    @property
    def end(self) -> int:
        """Return the offset just after the word."""
        return self.start + len(self.text)

    @property
    def letters(self) -> int:
        """Return how many letters the word has (LIX counts words over six)."""
        if self.text.isalpha():
            return len(self.text)
        return len(self.text) - len(_NOT_LETTER.findall(self.text))


@dataclass(frozen=True)
class Sentence:
    """A sentence: where it starts and its words."""

    start: int
    words: tuple[Token, ...]


@dataclass(frozen=True)
class Prose:
    """A value's text, the same text with markup blanked, its words and sentences."""

    text: str
    masked: str
    words: tuple[Token, ...]
    sentences: tuple[Sentence, ...]


@functools.lru_cache(maxsize=4096)
def prose(text: str) -> Prose:
    """Return the words and sentences of a case text.

    Remembered per text: the workbench checks a case on every keystroke, and
    all its texts but one are the same as the time before.
    """
    masked, block_starts = _mask(text)
    words = tuple(map(_token, WORD.finditer(masked)))
    return Prose(text, masked, words, _sentences(masked, words, block_starts))


def _token(match: re.Match[str]) -> Token:
    return Token(match.group(), match.start())


def _mask(text: str) -> tuple[str, set[int]]:
    """Return the text with markup, URLs and list marks blanked, and where blocks start."""
    starts = {m.start() for m in _LIST_MARK.finditer(text)}
    starts |= {m.end() for m in _BLANK_LINE.finditer(text)}
    text = _LINK.sub(_link_label, text)
    for pattern in (_URL, _EMPHASIS, _LIST_MARK):
        text = pattern.sub(_blank, text)
    return text, starts


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _link_label(match: re.Match[str]) -> str:
    """Return a link as its label in place, brackets and address blanked."""
    label = match.group(1)
    return " " + label + " " * (len(match.group()) - len(label) - 1)


def _sentences(
    masked: str, words: tuple[Token, ...], block_starts: set[int]
) -> tuple[Sentence, ...]:
    """Return the sentences; paragraphs and list items always end one."""
    ends = set(block_starts)
    ends.update(m.end() for m in _SENTENCE_END.finditer(masked) if _ends_sentence(masked, m))
    ends.add(len(masked))
    result, i = [], 0
    for end in sorted(ends):
        first = i
        while i < len(words) and words[i].start < end:
            i += 1
        if i > first:
            result.append(Sentence(words[first].start, words[first:i]))
    return tuple(result)


def _ends_sentence(masked: str, match: re.Match[str]) -> bool:
    """Return whether a punctuation mark ends a sentence ("t.ex. lokalvård" does not)."""
    if match.group()[0] != ".":
        return True
    rest = masked[match.end() :].lstrip()
    if not rest:
        return True
    if rest[0].islower():
        return False
    begin = match.start()
    while begin > 0 and (masked[begin - 1].isalnum() or masked[begin - 1] == "."):
        begin -= 1
    before = masked[begin : match.start()].lower()
    return before not in _ABBREVIATIONS and not (before.isdigit() and rest[0].isdigit())
