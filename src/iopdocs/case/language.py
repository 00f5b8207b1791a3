"""Plain Swedish and spelling in a case's texts (K001–K007), placed at line and column.

Every text a person wrote is read. The case's own names (parties,
organisations, signatories, recipients) and the organisation's names are
accepted as words, and so are iopdocs' list and the project's
`ordlista.txt`. Findings have the level "språk": they are shown, never stop
a build and never touch a document. LIX is counted per section (a text
field, or a list such as beslutsförslag); a section is flagged above the
target only when it has enough words for LIX to say something.

The check needs only the loaded YAML, not a valid case: it is what the
command line (`iopdocs sprak`), `validate` and the workbench call, also
while the file is half written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from iopdocs.case.load import Loaded, load_yaml, load_yaml_text, read_bytes
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings
from iopdocs.case.validate import to_model
from iopdocs.case.yamlpath import YamlPath, format_path, texts
from iopdocs.errors import CaseError, Problem, in_file_order
from iopdocs.swedish import consistency, style
from iopdocs.swedish.prose import Prose, Token, prose
from iopdocs.swedish.readability import Readability, long_sentences, readability
from iopdocs.swedish.spelling import (
    DictionaryMissing,
    Speller,
    WordList,
    default_words,
    shared_speller,
)

__all__ = [
    "LanguageReport",
    "Section",
    "Vocabulary",
    "check_case_text",
    "check_files",
    "check_language",
    "vocabulary",
    "vocabulary_for",
]

WORD_LIST = "ordlista.txt"
# LIX of a short text says little: a section is flagged only from this many words.
LIX_MIN_WORDS = 30
# Passive verbs get a hint when a text has at least this many, in a third of its sentences.
PASSIVE_MIN = 2

# Keys whose values are codes, dates, amounts, choices or names: not prose.
_NOT_PROSE = frozenset(
    {
        *("diarienummer", "datum", "beslutsdatum", "beslutstyp", "från", "till", "år"),
        *("belopp", "organisationsnummer", "summa_kostnader", "årlig_ersättning", "summor"),
        *("url", "nummer", "granskad_av", "bilaga", "uppsägningstid_månader", "längd"),
        *("sammanträde", "värdeår", "paragraf", "enligt_förslag", "justerat", "undantag", "fil"),
        *("organisation", "namn", "ort", "beslutet_skickas_till", "skickas_till", "sekreterare"),
    }
)
# Keys whose values are names: their words are accepted everywhere in the case.
_NAMES = frozenset(
    {"namn", "organisation", "ort", "beslutet_skickas_till", "skickas_till", "sekreterare"}
)
# Short labels are read but are not sections with a LIX of their own.
_LABELS = frozenset({"rubrik", "titel", "post"})


@dataclass(frozen=True)
class Vocabulary:
    """What the language checks of one organisation know: words, phrases, names, targets."""

    words: WordList
    phrases: style.Phrases
    names: tuple[str, ...] = ()  # written one way only ("Social- och omsorgsnämnden")
    lix_target: int = 50
    sentence_limit: int = 25


@dataclass(frozen=True)
class Section:
    """The readability of one section of a case: a text field or a list of texts."""

    path: YamlPath
    line: int | None
    counts: Readability

    @property
    def field(self) -> str:
        """Return the section's field the way problems name it ("bakgrund.text")."""
        return format_path(self.path)

    @property
    def lix(self) -> float:
        """Return the section's LIX."""
        return self.counts.lix

    def over(self, target: int) -> bool:
        """Return whether the section is long enough to judge and its LIX is over `target`."""
        return self.counts.words >= LIX_MIN_WORDS and round(self.lix) > target


@dataclass
class LanguageReport:
    """The language findings of one case and the LIX of each of its sections."""

    problems: list[Problem] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    missing: DictionaryMissing | None = None
    """Why spelling and passive verbs were not checked, if they were not."""


def check_language(
    loaded: Loaded,
    vocabulary: Vocabulary,
    source: str | None = None,
    *,
    speller: Speller | DictionaryMissing | None = None,
    suggest: bool = True,
) -> LanguageReport:
    """Return the plain-language and spelling findings of a loaded case file.

    `source` is the file's text (read from `loaded.file` when None); the
    speller is the process's own unless one is given. With `suggest=False`
    a misspelt word gets no suggestions: a suggestion can take 0.1 s, too
    long while someone types.
    """
    speller = shared_speller() if speller is None else speller
    missing = speller if isinstance(speller, DictionaryMissing) else None
    values = [(path, prose(text)) for path, _, _, text in texts(loaded.data) if _is_prose(path)]
    reader = _Reader(
        Checker(loaded, source),
        vocabulary,
        None if missing else speller,
        _case_words(loaded, vocabulary.words),
        {w.text for _, text in values for w in text.words if consistency.is_acronym(w.text)},
        suggest,
    )
    for path, text in values:
        reader.read(path, text)
    sections = _sections(loaded, values)
    for section in sections:
        reader.judge(section)
    return LanguageReport(in_file_order(reader.checker.problems), sections, missing)


def check_case_text(
    text: str | bytes, file: str, vocabulary: Vocabulary, **options
) -> LanguageReport:
    """Return the language findings of a case file given as its text (an editor's buffer).

    Raise CaseError (Y-codes) when the text cannot be read as YAML; the
    options are those of `check_language`.
    """
    loaded = load_yaml_text(text, file)
    source = text.decode("utf-8") if isinstance(text, bytes) else text
    return check_language(loaded, vocabulary, source.removeprefix("\ufeff"), **options)


def check_files(
    files: list[Path], vocabulary: Vocabulary, **options
) -> Iterator[tuple[Path, LanguageReport | CaseError]]:
    """Yield each case file with its language findings, or why it cannot be read."""
    for file in files:
        try:
            yield file, check_case_text(read_bytes(file), str(file), vocabulary, **options)
        except CaseError as error:
            yield file, error


@dataclass
class _Reader:
    """Reads the texts of one case and records what it finds."""

    checker: Checker
    vocabulary: Vocabulary
    speller: Speller | None
    words: WordList
    acronyms: set[str]
    suggest: bool
    _spelt: dict[str, bool] = field(default_factory=dict)

    def read(self, path: YamlPath, text: Prose) -> None:
        """Record every finding in one text."""
        if self.speller is not None:
            self._spelling(path, text)
            self._passives(path, text)
        self._sentences(path, text)
        self._phrases(path, text)
        self._chains(path, text)
        self._consistency(path, text)

    def judge(self, section: Section) -> None:
        """K003: flag a section whose LIX is over the target."""
        target = self.vocabulary.lix_target
        if section.over(target):
            self.checker.add(
                section.path,
                "K003",
                f"texten har läsbarhetsindex (LIX) {section.lix:.0f}, över målet {target}. "
                "Korta meningarna och byt långa ord mot kortare.",
            )

    def _add(self, path: YamlPath, text: Prose, word: Token, code: str, message: str) -> None:
        """Record a finding at `word` of a text (a finding about several words: the first)."""
        if not self.checker.room(path, code):  # past the cap: counted, not placed
            return
        at = self.checker.locate(path, text.text, word.start, word.end)
        self.checker.add(path, code, message, at=at)

    def _spelling(self, path: YamlPath, text: Prose) -> None:
        """K001: words neither the dictionary nor the accepted words have."""
        for word in text.words:
            # Past the cap a misspelt word is only counted: no suggestions are looked up.
            if not self._spelt_right(word.text) and self.checker.room(path, "K001"):
                self._add(path, text, word, "K001", self._misspelt(word.text))

    def _spelt_right(self, word: str) -> bool:
        known = self._spelt.get(word)
        if known is None:
            # An abbreviation's ending written the wrong way is K007's to report.
            wrong_ending = consistency.acronym_ending(word, self.acronyms) is not None
            known = wrong_ending or self.speller.correct(word, self.words)
            self._spelt[word] = known
        return known

    def _misspelt(self, word: str) -> str:
        hint = ""
        if self.suggest:
            suggestions = self.speller.suggest(word)
            if suggestions:
                hint = " Menade du " + " eller ".join(f"'{s}'" for s in suggestions) + "?"
        return (
            f"'{word}' finns inte i ordlistan.{hint} Är ordet rätt stavat, "
            f"skriv in det i {WORD_LIST} bredvid iopdocs.yaml."
        )

    def _sentences(self, path: YamlPath, text: Prose) -> None:
        """K002: sentences longer than the limit."""
        limit = self.vocabulary.sentence_limit
        for sentence in long_sentences(text, limit):
            message = (
                f"meningen har {len(sentence.words)} ord (fler än {limit}). "
                "Dela upp den i kortare meningar."
            )
            self._add(path, text, sentence.words[0], "K002", message)

    def _phrases(self, path: YamlPath, text: Prose) -> None:
        """K004: officialese, with what to write instead."""
        for match in self.vocabulary.phrases.find(text.words):
            words = text.words[match.first : match.first + match.count]
            said = " ".join(w.text for w in words)
            message = f"'{said}' är krångligt. Skriv hellre: {match.better}."
            self._add(path, text, words[0], "K004", message)

    def _passives(self, path: YamlPath, text: Prose) -> None:
        """K005: passive verbs, where they are in a third of a text's sentences.

        One passive is often the plain way to say it ("Ersättningen betalas ut
        i januari"); a text where every third sentence hides who acts is not.
        """
        found = [w for w in text.words if style.is_passive(w.text, self.speller)]
        passive = {s.start for s in text.sentences if any(w in found for w in s.words)}
        if len(found) < PASSIVE_MIN or 3 * len(passive) < len(text.sentences):
            return
        said = ", ".join(f"'{w.text}'" for w in found[:4]) + (" …" if len(found) > 4 else "")
        message = (
            f"tips: {len(passive)} av {len(text.sentences)} meningar har passiv form ({said}). "
            "Skriv gärna vem som gör något: 'förvaltningen följer upp' i stället för "
            "'uppföljning görs'."
        )
        self._add(path, text, found[0], "K005", message)

    def _chains(self, path: YamlPath, text: Prose) -> None:
        """K006: chains of nouns made from verbs."""
        for first, last in style.noun_chains(text.words):
            chain = " ".join(text.text[text.words[first].start : text.words[last].end].split())
            message = (
                f"tips: '{chain}' är en kedja av substantiv. Skriv om med verb, "
                "till exempel 'när vi följer upp' i stället för 'vid genomförandet av uppföljningen'."
            )
            self._add(path, text, text.words[first], "K006", message)

    def _consistency(self, path: YamlPath, text: Prose) -> None:
        """K007: an abbreviation's ending or the organisation's names written otherwise."""
        variants = list(consistency.acronym_endings(text.words, self.acronyms))
        for name in self.vocabulary.names:
            variants.extend(consistency.name_variants(text.masked, name))
        for variant in variants:
            message = f"'{variant.found}' skrivs '{variant.right}'. Skriv på samma sätt överallt."
            first = Token(variant.found.split()[0], variant.start)
            self._add(path, text, first, "K007", message)


def _is_prose(path: YamlPath) -> bool:
    """Return whether the value at `path` is text a person wrote."""
    if path[:1] == ("uppföljningar",) and len(path) == 4 and path[2] == "parter":
        return True  # a party's report, under the party's name
    return not _NOT_PROSE.intersection(part for part in path if isinstance(part, str))


def _case_words(loaded: Loaded, base: WordList) -> WordList:
    """Return the accepted words with the case's own names added."""
    words = base.copy()
    for path, _, _, value in texts(loaded.data):
        if _NAMES.intersection(part for part in path if isinstance(part, str)):
            words.add_name(value)
        if path[:1] == ("uppföljningar",) and len(path) == 4 and path[2] == "parter":
            words.add_name(str(path[3]))
    return words


def _sections(loaded: Loaded, values: list[tuple[YamlPath, Prose]]) -> list[Section]:
    """Return each section's readability; the items of one list count together."""
    counts: dict[YamlPath, Readability] = {}
    for path, text in values:
        section = path[:-1] if isinstance(path[-1], int) else path
        if section[-1] in _LABELS or not text.words:
            continue
        counts[section] = counts.get(section, Readability()) + readability(text)
    return [Section(path, loaded.position(path)[0], c) for path, c in counts.items()]


# --- the organisation's vocabulary -------------------------------------------------


def vocabulary(settings: Settings, folder: Path | None = None) -> Vocabulary:
    """Return what the organisation's language checks know.

    iopdocs' own words and officialese, the organisation's names from the
    settings (every dated value), its `språk:` settings and the word list
    `ordlista.txt` in `folder` (the settings file's folder), if there is
    one. Raise CaseError (K008) when the word list cannot be read.
    """
    words = default_words()
    if folder is not None:
        words.update(read_word_list(folder / WORD_LIST))
    names = [settings.kommun, settings.ort]
    for name in ("namnd", "forvaltning"):
        names.extend(settings.every(name))
    for name in names:
        words.add_name(name)
    for person in settings.every("undertecknare"):
        words.add_name(person.namn)
    language = settings.sprak
    return Vocabulary(
        words,
        style.default_phrases().extended(language.krangliga_ord),
        tuple(dict.fromkeys([*settings.every("namnd"), *settings.every("forvaltning")])),
        language.lix_mal,
        language.meningslangd,
    )


def vocabulary_for(settings_file: Path) -> Vocabulary:
    """Return the vocabulary of the organisation whose settings file is `settings_file`.

    Raise CaseError when the settings or the word list beside them cannot be read.
    """
    settings = to_model(load_yaml(settings_file), Settings)
    return vocabulary(settings, settings_file.parent)


def read_word_list(path: Path) -> WordList:
    """Return the words of a project's word list; none when the file does not exist."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return WordList()
    except OSError as error:
        message = f"kan inte läsas ({error.strerror or error})."
        raise CaseError([_word_list_problem(path, None, message)]) from None
    try:
        return WordList.parse(data.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "är inte sparad som UTF-8. Spara om den med teckenkodningen UTF-8."
        raise CaseError([_word_list_problem(path, line, message)]) from None


def _word_list_problem(path: Path, line: int | None, message: str) -> Problem:
    return Problem(str(path), line, None, "", f"ordlistan {message}", "K008", "språk")
