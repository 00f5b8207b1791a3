"""Swedish spelling with Debian's hunspell-sv through pyenchant, plus accepted words.

pyenchant is a maintained binding to Enchant, which finds the system's
hunspell dictionaries itself; nothing is downloaded. Every answer is
remembered per word: a case is checked on every keystroke in the workbench,
and the same few thousand words come back each time.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from importlib import resources

from iopdocs.errors import IopdocsError
from iopdocs.swedish.prose import WORD

__all__ = [
    "INSTALL",
    "DictionaryMissing",
    "Speller",
    "WordList",
    "default_words",
    "dictionary_missing",
    "open_speller",
    "preload",
    "shared_speller",
]

LANGUAGE = "sv_SE"
INSTALL = "sudo apt-get install --no-install-recommends hunspell-sv libenchant-2-2"

_DIGIT = re.compile(r"\d")
_HYPHEN = re.compile(r"[-\u2010\u2011]")
# An ending after a colon or apostrophe: "IOP:n", "FN:s", "IOP´n".
_ENDING = re.compile(r"^(.+?)[:'’´](s|n|en|et|ens|ets|ar|er|or|na|erna|arna|ernas|arnas)$")


class DictionaryMissing(IopdocsError):
    """The Swedish dictionary, or Enchant itself, is not installed."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"stavningen kontrolleras inte: {detail}. Installera den svenska ordlistan och "
            f"Enchant med: {INSTALL}"
        )


class WordList:
    """Words a case may use besides the dictionary's: names, terms, the project's list.

    A word in lower case is accepted with a capital too, as at the start of a
    sentence; a name with a capital must be written with it. The genitive
    ("Cupolens", "NBV:s") of every accepted word is accepted.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._exact: set[str] = set()
        self._lower: set[str] = set()
        for word in words:
            self.add(word)

    @classmethod
    def parse(cls, text: str) -> WordList:
        """Return the words of a word list file: one a line, `#` starts a comment."""
        return cls(line.split("#", 1)[0].strip() for line in text.splitlines())

    def copy(self) -> WordList:
        """Return a word list with the same words, to add a case's own to."""
        other = WordList()
        other.update(self)
        return other

    def update(self, other: WordList) -> None:
        """Accept every word `other` accepts."""
        self._exact |= other._exact
        self._lower |= other._lower

    def add(self, word: str) -> None:
        """Accept one word (or several, separated by spaces)."""
        for part in word.split():
            self._exact.add(part)
            if part.islower():
                self._lower.add(part)

    def add_name(self, name: str) -> None:
        """Accept every word of a name, and each part of its hyphenated words."""
        for match in WORD.finditer(name):
            self.add(match.group())
            self.add(" ".join(_HYPHEN.split(match.group())))

    def __contains__(self, word: str) -> bool:
        for candidate in (word, word.removesuffix(":s"), word.removesuffix("s")):
            if candidate in self._exact or candidate.lower() in self._lower:
                return True
        return False


class Speller:
    """Answers whether Swedish words are spelt right, remembering every answer."""

    def __init__(self, dictionary) -> None:
        self._dictionary = dictionary
        self._lock = threading.Lock()
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def known(self, word: str) -> bool:
        """Return whether the dictionary has `word`."""
        found = self._known.get(word)
        if found is None:
            with self._lock:
                found = self._known[word] = bool(self._dictionary.check(word))
        return found

    def correct(self, token: str, accepted: WordList) -> bool:
        """Return whether a token is spelt right: in the dictionary or accepted.

        Numbers are not words. "t.ex" is looked up with its final period,
        "IOP:n" as "IOP", and a hyphenated word part by part when the
        dictionary does not have it whole ("CEMR-deklarationen").
        """
        if _DIGIT.search(token) or token in accepted:
            return True
        if "." in token:
            return self.known(token + ".") or self.known(token)
        if self.known(token):
            return True
        ending = _ENDING.match(token)
        if ending:
            return self.correct(ending.group(1), accepted)
        parts = _HYPHEN.split(token)
        return len(parts) > 1 and all(self.correct(part, accepted) for part in parts if part)

    def suggest(self, word: str, limit: int = 3) -> tuple[str, ...]:
        """Return up to `limit` corrections the dictionary proposes for `word`."""
        found = self._suggestions.get(word)
        if found is None:
            with self._lock:
                found = self._suggestions[word] = tuple(self._dictionary.suggest(word)[:limit])
        return found


def open_speller(language: str = LANGUAGE) -> Speller:
    """Return a speller for `language`; raise DictionaryMissing when it cannot be had."""
    missing = dictionary_missing(language)
    if missing is not None:
        raise missing
    enchant = _enchant()
    try:
        return Speller(enchant.Dict(language))
    except enchant.errors.Error:  # listed, yet unreadable
        raise DictionaryMissing(f"ordlistan för {language} (hunspell-sv) kan inte läsas") from None


def default_words() -> WordList:
    """Return iopdocs' own list of accepted words (abbreviations of the field)."""
    return WordList.parse(_data("ord.txt"))


@functools.cache
def _data(name: str) -> str:
    """Return the text of one of the language's data files."""
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def dictionary_missing(language: str = LANGUAGE) -> DictionaryMissing | None:
    """Return why there is no dictionary for `language`, or None; without loading one."""
    try:
        enchant = _enchant()
    except DictionaryMissing as missing:
        return missing
    if not enchant.dict_exists(language):
        return DictionaryMissing(f"ordlistan för {language} (hunspell-sv) saknas")
    return None


_IMPORTING = threading.Lock()


def _enchant():
    """Return the enchant module; raise DictionaryMissing when libenchant cannot be loaded.

    One thread at a time: a failed import in one thread must not leave a
    half-made module for another.
    """
    with _IMPORTING:
        try:
            import enchant
        except (ImportError, OSError, AssertionError):
            raise DictionaryMissing("biblioteket Enchant (libenchant-2-2) saknas") from None
    return enchant


_OPENING = threading.Lock()
_SHARED: list[Speller | DictionaryMissing] = []


def shared_speller() -> Speller | DictionaryMissing:
    """Return this process's speller, opened once, or why there is none."""
    with _OPENING:
        if not _SHARED:
            try:
                _SHARED.append(open_speller())
            except DictionaryMissing as missing:
                _SHARED.append(missing)
        return _SHARED[0]


def preload() -> None:
    """Start opening this process's speller in the background, if nobody has.

    Reading hunspell-sv takes 0.1–0.2 s; Enchant is called through ctypes,
    which lets Python go on meanwhile, so a command that imports and
    validates first finds the speller ready when it needs it.
    """
    if not _SHARED and not _OPENING.locked():
        threading.Thread(target=shared_speller, name="iopdocs-ordlista", daemon=True).start()
