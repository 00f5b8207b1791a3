"""Identifiers: organisation numbers, personnummer, diarienummer (I001-I003)."""

from __future__ import annotations

import re

from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings, diarienummer_example
from iopdocs.case.yamlpath import YamlPath, texts
from iopdocs.swedish import identifiers


def check_orgnr(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """I001: organisation numbers (parties, overridden settings) must pass their check digit."""
    numbers: list[tuple[YamlPath, str]] = [
        (("parter", i, "organisationsnummer"), party.organisationsnummer)
        for i, party in enumerate(case.parter)
    ]
    if case.organisation.organisationsnummer is not None:
        numbers.append((("organisation", "organisationsnummer"), settings.organisationsnummer))
    for path, number in numbers:
        problem = identifiers.orgnr_problem(number)
        if problem:
            checker.add(path, "I001", f"organisationsnumret är fel. {problem}")


def _as_example(settings: Settings) -> str:
    """Return how a diarienummer looks, for a message: an example, never the pattern."""
    example = diarienummer_example(settings)
    if example:
        return f"(som {example})"
    return "(se diarienummer_mönster i iopdocs.yaml)"


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
    for path, _, _, text in texts(checker.loaded.data):
        if path[:1] == ("undantag",):
            continue
        for match in identifiers.find_personal_numbers(text):
            if _digits(match.text) in allowed or not checker.room(path, "I002"):
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
            f"{_as_example(settings)}. Skriv det som i diariet.",
        )
