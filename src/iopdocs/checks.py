"""Domain rules a schema cannot express: sums, periods, identifiers.

Each rule has a stable code (listed in README.md). Rules return Problems;
an error stops the case, a warning is shown and the documents are built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from iopdocs import formatting, identifiers
from iopdocs.derive import Derived
from iopdocs.errors import Problem
from iopdocs.load import Loaded, format_path
from iopdocs.model import Case, Settings

Path_ = tuple[str | int, ...]


class Checker:
    """Collects the problems of one case, placed at their YAML nodes."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []

    def add(self, path: Path_, code: str, message: str, severity: str = "fel") -> None:
        """Record a problem at `path`."""
        line, column = self.loaded.position(path)
        self.problems.append(
            Problem(self.loaded.file, line, column, format_path(path), message, code, severity)  # type: ignore[arg-type]
        )


Rule = Callable[[Checker, Case, Settings, Derived], None]


def check(loaded: Loaded, case: Case, settings: Settings, derived: Derived) -> list[Problem]:
    """Return every domain problem of a case, errors and warnings."""
    checker = Checker(loaded)
    for rule in RULES:
        rule(checker, case, settings, derived)
    return checker.problems


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
        _stated(
            checker,
            ("parter", i, "summa_kostnader"),
            party.summa_kostnader,
            total,
            f"Summa kostnader för {party.namn}",
        )
    stated = case.summor
    base = ("summor",)
    _stated(
        checker,
        (*base, "total_ersättning"),
        stated.total_ersattning,
        derived.total_ersattning,
        "Total ersättning",
    )
    _stated(
        checker, (*base, "totalkostnad"), stated.totalkostnad, derived.totalkostnad, "Totalkostnad"
    )
    _stated(
        checker,
        (*base, "kommunens_finansiering"),
        stated.kommunens_finansiering,
        derived.kommunens_finansiering,
        "Kommunens finansiering",
    )
    _stated(checker, (*base, "differens"), stated.differens, derived.differens, "Differensen")
    if derived.differens != 0:
        checker.add(
            (*base, "egen_finansiering"),
            "D002",
            f"finansieringen går inte ihop: totalkostnaden {formatting.kr(derived.totalkostnad)} "
            f"minus kommunens {formatting.kr(derived.kommunens_finansiering)} och egen finansiering "
            f"{formatting.kr(derived.egen_finansiering)} ger {formatting.kr(derived.differens)}, "
            "inte 0 kr. Rätta beloppen så att differensen blir 0.",
        )


def check_period(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """P001/P002/P004: the period's order, notice and stated length."""
    period = case.period
    if period.till < period.fran:
        checker.add(
            ("period", "till"),
            "P001",
            f"periodens slut {period.till} ligger före starten {period.fran}. Byt plats på datumen.",
        )
        return
    days = (period.till - period.fran).days + 1
    if period.uppsagningstid_manader * 30 > days:
        checker.add(
            ("period", "uppsägningstid_månader"),
            "P002",
            f"uppsägningstiden ({period.uppsagningstid_manader} månader) är längre än hela "
            "perioden. Korta uppsägningstiden eller förläng perioden.",
        )
    if period.langd and period.langd.strip().lower() != derived.period_langd:
        checker.add(
            ("period", "längd"),
            "P004",
            f"längden '{period.langd}' stämmer inte med datumen, som ger "
            f"'{derived.period_langd}'. Rätta längden eller ta bort raden.",
        )


def check_orgnr(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """I001: organisation numbers must pass their check digit."""
    for i, party in enumerate(case.parter):
        problem = identifiers.orgnr_problem(party.organisationsnummer)
        if problem:
            checker.add(
                ("parter", i, "organisationsnummer"),
                "I001",
                f"organisationsnumret '{party.organisationsnummer}' är fel: {problem}",
            )


def check_diarienummer(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """I003: the diarienummer must follow the organisation's pattern."""
    try:
        pattern = re.compile(settings.diarienummer_monster)
    except re.error:
        return
    if not pattern.fullmatch(case.diarienummer):
        checker.add(
            ("diarienummer",),
            "I003",
            f"diarienumret '{case.diarienummer}' följer inte kommunens mönster "
            f"({settings.diarienummer_monster}). Skriv det som i diariet.",
        )


RULES: list[Rule] = [check_totals, check_period, check_orgnr, check_diarienummer]


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
