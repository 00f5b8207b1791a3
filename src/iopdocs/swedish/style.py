"""Officialese, passive verbs and noun chains: hints towards plain Swedish.

The officialese list is data (`data/krangliga_ord.txt`, extended from the
settings). Passive verbs and noun chains are found by heuristics that ask
the dictionary which verb forms exist, so a genitive ("kommuns") is not
taken for a passive ("följs"). They are hints, never errors.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Protocol

from iopdocs.swedish.prose import Token

__all__ = ["PhraseMatch", "Phrases", "default_phrases", "is_passive", "noun_chains"]


def _word_set(text: str) -> frozenset[str]:
    """Return the words of `text`, separated by white space."""
    return frozenset(text.split())


class Dictionary(Protocol):
    def known(self, word: str) -> bool: ...


@dataclass(frozen=True)
class PhraseMatch:
    """An officialese word or phrase found in a text."""

    first: int  # index of its first word
    count: int  # how many words it has
    better: str  # what to write instead


@dataclass
class Phrases:
    """Officialese words and phrases, each with a plainer replacement."""

    replacements: dict[tuple[str, ...], str] = field(default_factory=dict)
    _by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Phrases:
        """Return the phrases of a list: `form|form|form = replacement`, `#` comments."""
        phrases = cls()
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            forms, equals, better = line.partition("=")
            if not equals or not better.strip() or not forms.strip():
                raise ValueError(f"rad {number}: skriv 'ord = ersättning', inte '{line}'")
            phrases.add(forms, better)
        return phrases

    def extended(self, more: Mapping[str, str]) -> Phrases:
        """Return these phrases and `more` ({"form|form": "ersättning"}); `more` wins."""
        phrases = Phrases()
        for words, better in self.replacements.items():
            phrases.add(" ".join(words), better)
        for forms, better in more.items():
            phrases.add(forms, better)
        return phrases

    def add(self, forms: str, better: str) -> None:
        """Add each of `forms` (separated by |) with the replacement `better`."""
        for form in forms.split("|"):
            words = tuple(form.lower().split())
            if not words:
                continue
            if words not in self.replacements:
                self._by_first.setdefault(words[0], []).append(words)
                self._by_first[words[0]].sort(key=len, reverse=True)
            self.replacements[words] = better.strip()

    def find(self, words: tuple[Token, ...]) -> Iterator[PhraseMatch]:
        """Yield each listed word or phrase in `words`, longest first where they overlap."""
        lowered = [w.text.lower() for w in words]
        i = 0
        while i < len(lowered):
            for phrase in self._by_first.get(lowered[i], ()):
                if tuple(lowered[i : i + len(phrase)]) == phrase:
                    yield PhraseMatch(i, len(phrase), self.replacements[phrase])
                    i += len(phrase) - 1
                    break
            i += 1


@functools.cache
def default_phrases() -> Phrases:
    """Return iopdocs' own list of officialese (data/krangliga_ord.txt)."""
    data = resources.files(__package__).joinpath("data", "krangliga_ord.txt")
    return Phrases.parse(data.read_text(encoding="utf-8"))


# --- passive verbs ---------------------------------------------------------

# Verbs in -s that are active in meaning (deponents, reciprocals).
_DEPONENTS = _word_set(
    """finns fanns funnits hoppas hoppades hoppats lyckas lyckades lyckats minns mindes
    trivs trivdes trivts andas andades syns syntes synts skäms skämdes låtsas umgås umgicks
    brottas träffas träffades träffats möts möttes mötts enas enades samsas ses sågs setts
    känns kändes känts tycks tycktes vistas vistades åldras svettas envisas
    slåss behövs behövdes hörs hördes märks märktes"""
)
# Words in -s that are no verbs at all but look like one to the rules below.
_NOT_VERBS = _word_set(
    """nyss annars alls ens dess tills längs tvärs utrikes inrikes förgäves stundtals
    gratis plus minus status fokus bonus mans vars"""
)
# Passives of strong and irregular verbs, which the rules do not derive.
_IRREGULAR = _word_set(
    """ges gavs getts görs gjordes gjorts läggs lades lagts sägs sades sagts tas togs
    tagits fås dras drogs dragits hålls hölls hållits sätts sattes satts säljs såldes
    sålts väljs valdes valts skrevs skrivits ansågs bjöds erbjöds drevs beslöts"""
)


def is_passive(word: str, dictionary: Dictionary) -> bool:
    """Return whether a word is a passive verb form ("betalas", "följs", "bedömdes").

    The dictionary decides: "betalades" is passive because "betalar" exists;
    "områdes" is not, because there is no "områer".
    """
    if word[-1:] not in ("s", "S") or len(word) < 3 or not word.isalpha():
        return False
    low = word.lower()
    if low in _DEPONENTS or low in _NOT_VERBS:
        return False
    if low in _IRREGULAR:
        return True
    known = dictionary.known
    if low.endswith(("ades", "ats")):  # betalades, betalats
        stem = low.removesuffix("ades") if low.endswith("ades") else low[:-3]
        return known(stem + "ar") and known(low[:-1])
    if low.endswith(("des", "tes")):  # följdes, köptes
        return known(low[:-1]) and known(low[:-3] + "er")
    if low.endswith("its"):  # skrivits
        return known(low[:-1]) and known(low[:-3] + "a")
    if low.endswith("as"):  # betalas, användas
        stem = low[:-1]
        return known(stem) and (known(stem + "r") or known(stem[:-1] + "er"))
    if low.endswith("es"):  # anses
        stem = low[:-1]
        return known(stem) and known(stem + "r") and known(stem + "ende")
    if low.endswith("ts") and known(low[:-1]) and known(low[:-2] + "er"):  # krävts
        return True
    stem = low[:-1]  # följs, hyrs, används
    return known(stem + "a") and known(stem + "ande") and (known(stem + "er") or stem.endswith("r"))


# --- noun chains -------------------------------------------------------------

# Nouns made from verbs and adjectives, in every form: -ning, -ande, -else, -het, -tion …
_NOMINAL_ENDINGS = tuple(
    stem + ending
    for stem in ("ning", "ring", "ling", "ande", "ende", "else", "het", "tion", "itet")
    for ending in ("", "en", "et", "n", "t", "ar", "er", "na", "arna", "erna")
)
_LINKING = _word_set("av för om på i till med inom vid kring från hos")
_ARTICLES = _word_set("den det de en ett denna detta dessa")
CHAIN_LENGTH = 3


def noun_chains(words: tuple[Token, ...]) -> Iterator[tuple[int, int]]:
    """Yield (first, last) word indexes of chains of nominalisations joined by prepositions.

    "genomförandet av uppföljningen av verksamheten" is a chain of three:
    nouns made from verbs, where verbs would say it plainer.
    """
    i = 0
    while i < len(words):
        last, count = _chain_from(words, i)
        if count >= CHAIN_LENGTH:
            yield i, last
            i = last + 1
        else:
            i += 1


def _chain_from(words: tuple[Token, ...], i: int) -> tuple[int, int]:
    """Return the last index and the length of the chain starting at word i."""
    if not _is_nominal(words[i].text):
        return i, 0
    last, count, j = i, 1, i + 1
    while j < len(words) and words[j].text.lower() in _LINKING:
        k = j + 1
        while k < len(words) and words[k].text.lower() in _ARTICLES:
            k += 1
        if k >= len(words) or not _is_nominal(words[k].text):
            break
        last, count, j = k, count + 1, k + 1
    return last, count


def _is_nominal(word: str) -> bool:
    """Return whether a word is a noun made from a verb ("genomförandet", "uppföljningen")."""
    low = word.lower()
    return low.endswith(_NOMINAL_ENDINGS) and len(low) >= 7 and low.isalpha()
