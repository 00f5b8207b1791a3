"""Domain rules a schema cannot express: sums, periods, identifiers, names.

Each rule has a stable code (listed in README.md). Rules return Problems;
an error stops the case, a warning is shown and the documents are built.

Rules that look inside free text (personnummer, misspelt party names) point
at the word itself, not at the start of the text: `Checker.locate` finds it
in the case file's own lines. That, and comparing runs of words with the
parties' names, is why the module is longer than most; read it top to
bottom: placing problems, then the rules by subject.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from iopdocs import formatting, identifiers, lifecycle, names, ooxml
from iopdocs.derive import Derived, derive
from iopdocs.errors import Problem, Severity
from iopdocs.load import Loaded, format_path
from iopdocs.model import Case, Decision, Settings

Path_ = tuple[str | int, ...]
Position = tuple[int | None, int | None]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Checker:
    """Collects the problems of one case, placed at their YAML nodes."""

    def __init__(self, loaded: Loaded, source: str | None = None) -> None:
        self.loaded = loaded
        self._source = source
        self.problems: list[Problem] = []

    @functools.cached_property
    def source(self) -> str | None:
        """Return the case file's text, read only when a problem must be placed inside a value."""
        return _read_source(self.loaded.file) if self._source is None else self._source

    def add(
        self,
        path: Path_,
        code: str,
        message: str,
        severity: Severity = "fel",
        at: Position | None = None,
    ) -> None:
        """Record a problem at `path`, or at the position `at` inside its value."""
        line, column = at or self.loaded.position(path)
        self.problems.append(
            Problem(self.loaded.file, line, column, format_path(path), message, code, severity)
        )

    def locate(self, path: Path_, value: str, start: int) -> Position:
        """Return the line and column in the file of `value[start:]`, the text at `path`.

        The word at `start` is searched for in the file from where the value
        begins, skipping as many earlier occurrences as the value has before
        `start`. That works for plain, quoted and block scalars alike, since a
        word holds no line break or indentation. Falls back to the value's start.
        """
        line, column = self.loaded.position(path)
        word = re.match(r"\S+", value[start:])
        if self.source is None or line is None or column is None or word is None:
            return line, column
        skip = _count(value, word.group(), start)
        offset = _offset(self.source, line, column)
        found = _nth(self.source, word.group(), offset, skip)
        if found is None:
            return line, column
        return _line_column(self.source, found)


def _read_source(file: str) -> str | None:
    """Return the case file's text as the loader read it, or None if it cannot be read."""
    try:
        return Path(file).read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None


def _count(text: str, word: str, end: int) -> int:
    """Return how many times `word` starts in `text` before `end`."""
    count, at = 0, text.find(word)
    while 0 <= at < end:
        count, at = count + 1, text.find(word, at + 1)
    return count


def _nth(text: str, word: str, start: int, skip: int) -> int | None:
    """Return where `word` occurs in `text` from `start` after skipping `skip` occurrences."""
    at = text.find(word, start)
    for _ in range(skip):
        if at < 0:
            return None
        at = text.find(word, at + 1)
    return at if at >= 0 else None


def _offset(text: str, line: int, column: int) -> int:
    """Return the character offset of a 1-based line and column."""
    starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    return starts[min(line, len(starts)) - 1] + column - 1


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of the character at `offset`."""
    before = text[:offset]
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


Rule = Callable[[Checker, Case, Settings, Derived], None]


def check(
    loaded: Loaded, case: Case, settings: Settings, derived: Derived, source: str | None = None
) -> list[Problem]:
    """Return every domain problem of a case, errors and warnings.

    `source` is the case file's text; by default it is read from `loaded.file`.
    """
    checker = Checker(loaded, source)
    for rule in RULES:
        rule(checker, case, settings, derived)
    return sorted(checker.problems, key=lambda p: (p.line or 0, p.column or 0))


def derive_and_check(
    loaded: Loaded, case: Case, settings: Settings, source: str | None = None
) -> tuple[Derived, list[Problem]]:
    """Return the derived values of a case and every domain problem.

    `derive` cannot word a period that ends before it starts. Such a period is
    reported (P001) and the values are derived with its dates swapped, so that
    every other rule still runs and all problems are reported together.
    """
    period = case.period
    if period.till < period.fran:
        swapped = period.model_copy(update={"fran": period.till, "till": period.fran})
        derived = derive(case.model_copy(update={"period": swapped}), settings)
    else:
        derived = derive(case, settings)
    return derived, check(loaded, case, settings, derived, source)


# --- sums ------------------------------------------------------------------


def _stated(checker: Checker, path: Path_, stated: int | None, computed: int, what: str) -> None:
    """Flag a stated figure that differs from the computed one."""
    if stated is not None and stated != computed:
        checker.add(
            path,
            "D001",
            f"{what} är angiven till {formatting.kr(stated)} men blir {formatting.kr(computed)} "
            "när iopdocs räknar. Rätta siffran eller ta bort raden, så räknas den ut.",
        )


def check_totals(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """D001/D002: stated totals must equal the computed ones; the difference must be 0."""
    for i, party in enumerate(case.parter):
        total = derived.budgetar[i].total
        what = f"Summa kostnader för {party.namn}"
        _stated(checker, ("parter", i, "summa_kostnader"), party.summa_kostnader, total, what)
    stated, base = case.summor, ("summor",)
    for key, name, what in (
        ("total_ersättning", "total_ersattning", "Total ersättning"),
        ("totalkostnad", "totalkostnad", "Totalkostnad"),
        ("kommunens_finansiering", "kommunens_finansiering", "Kommunens finansiering"),
    ):
        _stated(checker, (*base, key), getattr(stated, name), getattr(derived, name), what)
    if derived.differens == 0:
        _stated(checker, (*base, "differens"), stated.differens, 0, "Differensen")
        return
    # A stated differens of 0 that does not hold is said by D002 alone.
    checker.add(
        (*base, "egen_finansiering"),
        "D002",
        f"finansieringen går inte ihop: totalkostnaden {formatting.kr(derived.totalkostnad)} "
        f"minus kommunens {formatting.kr(derived.kommunens_finansiering)} och egen finansiering "
        f"{formatting.kr(derived.egen_finansiering)} ger {formatting.kr(derived.differens)}, "
        "inte 0 kr. Rätta beloppen så att differensen blir 0.",
    )


# --- the period --------------------------------------------------------------


def check_period(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """P001/P002/P004: the period's order, notice and stated length."""
    period = case.period
    if period.till < period.fran:
        checker.add(
            ("period", "till"),
            "P001",
            f"periodens slut {period.till} ligger före starten {period.fran}. "
            "Rätta datumen; byt plats på dem om de har hamnat fel.",
        )
        return
    months = period.uppsagningstid_manader
    if formatting.add_months(period.fran, months) > period.till + timedelta(days=1):
        checker.add(
            ("period", "uppsägningstid_månader"),
            "P002",
            f"uppsägningstiden ({months} månader) är längre än hela perioden "
            f"({derived.period_langd}). Korta uppsägningstiden eller förläng perioden.",
        )
    stated = " ".join((period.langd or "").split()).lower()
    if stated and stated != derived.period_langd:
        checker.add(
            ("period", "längd"),
            "P004",
            f"längden '{period.langd}' stämmer inte med datumen, som ger "
            f"'{derived.period_langd}'. Rätta längden eller datumen, eller ta bort raden "
            "så räknas längden ut.",
        )


def decision_day(case: Case) -> date:
    """Return the day the board decides: the meeting, else the memo's date."""
    return case.sammantrade or case.datum


def check_decision_date(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """P003 (warning): the board should decide before the agreement starts."""
    if case.beslutstyp is Decision.AVSLUT:
        return  # an ending is decided while the agreement runs
    day = decision_day(case)
    if case.sammantrade is not None:
        path, what = ("sammanträde",), "Sammanträdet"
    else:
        path, what = ("datum",), "Tjänsteskrivelsens datum"
    if day > case.period.fran:
        checker.add(
            path,
            "P003",
            f"{what} ({day}) ligger efter att överenskommelsen börjar gälla "
            f"({case.period.fran}), så nämnden beslutar i efterhand. Kontrollera datumen; "
            "stämmer de, förklara i ärendet varför beslutet kommer efter starten.",
            severity="varning",
        )


def check_ending_notice(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """P005 (warning): an ending should respect the notice period from the decision."""
    if case.avslut is None:
        return
    decided = decision_day(case)
    months = case.period.uppsagningstid_manader
    earliest = formatting.add_months(decided, months)
    if case.avslut.datum + timedelta(days=1) < earliest:
        checker.add(
            ("avslut", "datum"),
            "P005",
            f"överenskommelsen upphör efter {case.avslut.datum}, men uppsägningstiden är "
            f"{months} månader från beslutet {decided}: tidigast {earliest - timedelta(days=1)}. "
            "Skriv i ärendet att parterna är överens om ett tidigare avslut, eller flytta datumet.",
            severity="varning",
        )


# --- identifiers ---------------------------------------------------------------


def check_orgnr(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """I001: organisation numbers (parties, overridden settings) must pass their check digit."""
    numbers: list[tuple[Path_, str]] = [
        (("parter", i, "organisationsnummer"), party.organisationsnummer)
        for i, party in enumerate(case.parter)
    ]
    if case.organisation.organisationsnummer is not None:
        numbers.append((("organisation", "organisationsnummer"), settings.organisationsnummer))
    for path, number in numbers:
        problem = identifiers.orgnr_problem(number)
        if problem:
            checker.add(path, "I001", f"organisationsnumret är fel. {problem}")


def _digits(number: str) -> str:
    """Return the ten digits that identify a person, whatever the separator or century."""
    return re.sub(r"\D", "", number)[-10:]


def _masked(number: str) -> str:
    """Return a personnummer with its last four digits hidden, for logs."""
    return number[:-4] + "XXXX"


def check_personal_numbers(
    checker: Checker, case: Case, settings: Settings, derived: Derived
) -> None:
    """I002: no personnummer or samordningsnummer in any text, unless a reviewed exception."""
    allowed = {_digits(exception.nummer) for exception in case.undantag.personnummer}
    for path, text in walk_text(checker.loaded.data):
        if path[:1] == ("undantag",):
            continue
        for match in identifiers.find_personal_numbers(text):
            if _digits(match.text) in allowed:
                continue
            checker.add(
                path,
                "I002",
                f"här står ett {match.kind} ({_masked(match.text)}). Personnummer får inte "
                "stå i en allmän handling som publiceras (OSL 26 kap. 1 §). Ta bort numret. "
                "Måste det stå kvar, lägg till ett granskat undantag under "
                "undantag.personnummer (nummer, motivering, granskad_av).",
                at=checker.locate(path, text, match.start),
            )


def check_xml_characters(
    checker: Checker, case: Case, settings: Settings, derived: Derived
) -> None:
    """X001: characters a Word document cannot hold (control characters, lone surrogates)."""
    for path, text in walk_text(checker.loaded.data):
        offsets = ooxml.invalid_xml_chars(text)
        if offsets:
            bad = ", ".join(sorted({f"U+{ord(text[i]):04X}" for i in offsets}))
            checker.add(
                path,
                "X001",
                f"texten innehåller tecken som ett Word-dokument inte kan lagra ({bad}), "
                "ofta osynliga styrtecken från en kopierad text. Skriv om texten utan dem.",
                at=checker.locate(path, text, offsets[0]),
            )


def check_diarienummer(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """I003: the diarienummer must follow the organisation's pattern."""
    try:
        pattern = re.compile(settings.diarienummer_monster)
    except re.error as error:
        if case.organisation.diarienummer_monster is not None:
            checker.add(
                ("organisation", "diarienummer_mönster"),
                "I003",
                f"mönstret är inget giltigt reguljärt uttryck ({error}). Rätta det eller "
                "ta bort raden, så gäller mönstret i iopdocs.yaml.",
            )
        return
    if not pattern.fullmatch(case.diarienummer):
        checker.add(
            ("diarienummer",),
            "I003",
            f"diarienumret '{case.diarienummer}' följer inte kommunens mönster "
            f"({settings.diarienummer_monster}). Skriv det som i diariet.",
        )


# --- texts -----------------------------------------------------------------------


def check_party_names(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """N001 (warning): a party's name spelt differently somewhere in the texts."""
    known = [n for p in case.parter for n in (p.namn, p.organisation) if n]
    parties = {names.normalize(p.namn): p.namn for p in case.parter}
    for path, text in walk_text(checker.loaded.data):
        for name, start, end in names.find_variants(text, list(parties), known):
            variant = " ".join(text[start:end].split())
            party_name = parties[name]
            checker.add(
                path,
                "N001",
                f"'{variant}' liknar partens namn men är stavat annorlunda. "
                f"Skriv '{party_name}' om det är parten som avses.",
                severity="varning",
                at=checker.locate(path, text, start),
            )


RULES: list[Rule] = [
    check_totals,
    check_period,
    check_decision_date,
    check_ending_notice,
    check_orgnr,
    check_personal_numbers,
    check_xml_characters,
    check_diarienummer,
    check_party_names,
    *lifecycle.RULES,  # W001 unfinished texts, W002 missing OPI rates
]


def walk_text(value: object, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Yield (path, text) for every string in a loaded YAML tree."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_text(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_text(item, (*path, index))
